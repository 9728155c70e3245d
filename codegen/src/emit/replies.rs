//! The success replies of an operation whose bodies differ by status (a `200` result beside a
//! `202` job), as one enum chosen by HTTP status. Written as text: its shape never varies.

use super::text::{Lines, Scope, ident, type_text};
use super::{docs, errors};
use crate::model::{Api, Docs, ReplyBody, ReplyVariant, TypeDef};

pub fn operation_reply(api: &Api, def: &TypeDef, variants: &[ReplyVariant]) -> String {
    let mut out = Lines::default();
    let name = ident(&def.name);
    docs::write_type(&mut out, def);
    out.line("#[derive(Debug, Clone, PartialEq)]");
    out.line("#[non_exhaustive]");
    out.open(&format!("pub enum {name} {{"));
    for variant in variants {
        let status = errors::status_label(variant.status, "Any other success status");
        docs::write(&mut out, &Docs { summary: Some(status), ..variant.docs.clone() }, "");
        let payload = match &variant.body {
            ReplyBody::None => String::new(),
            ReplyBody::Json(ty) => format!("({})", type_text(api, ty, Scope::Types)),
            ReplyBody::Text => "(String)".to_owned(),
            ReplyBody::Bytes => "(Vec<u8>)".to_owned(),
        };
        out.line(&format!("{}{payload},", ident(&variant.name)));
    }
    docs::comment(&mut out, " A success status the spec does not document, with the body as received.");
    out.open("Other {");
    docs::comment(&mut out, " The HTTP status.");
    out.line("status: u16,");
    docs::comment(&mut out, " The body, undecoded.");
    out.line("body: Vec<u8>,");
    out.close("},");
    out.close("}");
    out.blank();

    // The enum is its own reply format: the variant is chosen by status before decoding.
    out.open(&format!("impl crate::runtime::reply::ReplyFormat for {name} {{"));
    out.line("type Value = Self;");
    out.blank();
    out.list(
        "fn decode(",
        &[
            "status: reqwest::StatusCode".to_owned(),
            "body: &[u8]".to_owned(),
            "secrets: &crate::runtime::redact::Secrets<'_>".to_owned(),
        ],
        ") -> Result<Self, crate::Error> {",
    );
    out.indent();
    out.open("Ok(match status.as_u16() {");
    let exact = errors::exact_codes(variants.iter().map(|variant| variant.status));
    for variant in variants {
        let pattern = errors::status_pattern(variant.status, &exact);
        let value = match &variant.body {
            ReplyBody::None => String::new(),
            ReplyBody::Json(_) => "(crate::runtime::reply::json(body, secrets)?)".to_owned(),
            ReplyBody::Text => "(crate::runtime::reply::text(body, secrets)?)".to_owned(),
            ReplyBody::Bytes => "(body.to_vec())".to_owned(),
        };
        out.line(&format!("{pattern} => Self::{}{value},", ident(&variant.name)));
    }
    out.line("status => Self::Other { status, body: body.to_vec() },");
    out.close("})");
    out.close("}");
    out.close("}");
    out.finish()
}
