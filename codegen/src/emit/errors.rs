//! The documented error replies of an operation, as one enum chosen by HTTP status. Written as
//! text: its shape never varies.

use super::docs;
use super::text::{Lines, Scope, ident, type_text};
use crate::model::{Api, Docs, ErrorStatus, ErrorVariant, TypeDef};

pub fn operation_error(api: &Api, def: &TypeDef, variants: &[ErrorVariant]) -> String {
    let mut out = Lines::default();
    let name = ident(&def.name);
    docs::write_type(&mut out, def);
    out.line("#[derive(Debug, Clone, PartialEq)]");
    out.line("#[non_exhaustive]");
    out.open(&format!("pub enum {name} {{"));
    for variant in variants {
        let status = match variant.status {
            ErrorStatus::Code(code) => format!("HTTP {code}"),
            ErrorStatus::Range(range) => format!("HTTP {range}xx"),
            ErrorStatus::Default => "Any other status".to_owned(),
        };
        docs::write(&mut out, &Docs { summary: Some(status), ..variant.docs.clone() }, "");
        out.line(&format!("{}({}),", ident(&variant.name), type_text(api, &variant.ty, Scope::Types)));
    }
    out.close("}");
    out.blank();

    out.open(&format!("impl {name} {{"));
    docs::comment(&mut out, " The documented error reply inside `error`, if the call failed with one.");
    out.open("pub fn from_error(error: &crate::Error) -> Option<&Self> {");
    out.open("match error {");
    out.line("crate::Error::Status { error, .. } => error.as_any().downcast_ref(),");
    out.line("_ => None,");
    out.close("}");
    out.close("}");
    out.blank();
    docs::comment(&mut out, " Decodes a non-success reply by its status; `None` when it is not documented or");
    docs::comment(&mut out, " does not have the documented shape.");
    let decode = |variant: &ErrorVariant| format!("Self::{}(serde_json::from_slice(body).ok()?)", ident(&variant.name));
    // Only `default` documented: every status decodes the same way, no match needed.
    let only_default = match variants {
        [only] if only.status == ErrorStatus::Default => Some(only),
        _ => None,
    };
    let status = if only_default.is_some() { "_status" } else { "status" };
    out.list(
        "pub(crate) fn decode(",
        &[format!("{status}: reqwest::StatusCode"), "body: &[u8]".to_owned()],
        ") -> Option<Box<dyn crate::runtime::error::ErrorBody>> {",
    );
    out.indent();
    match only_default {
        Some(only) => out.line(&format!("let decoded = {};", decode(only))),
        None => {
            out.open("let decoded = match status.as_u16() {");
            for variant in variants {
                let pattern = match variant.status {
                    ErrorStatus::Code(code) => code.to_string(),
                    ErrorStatus::Range(range) => {
                        let low = range.saturating_mul(100);
                        format!("{low}..={}", low.saturating_add(99))
                    }
                    ErrorStatus::Default => "_".to_owned(),
                };
                out.line(&format!("{pattern} => {},", decode(variant)));
            }
            if !variants.iter().any(|variant| variant.status == ErrorStatus::Default) {
                out.line("_ => return None,");
            }
            out.close("};");
        }
    }
    out.line("Some(Box::new(decoded))");
    out.close("}");
    out.close("}");
    out.blank();

    out.open(&format!("impl crate::runtime::error::ErrorBody for {name} {{"));
    out.open("fn as_any(&self) -> &dyn std::any::Any {");
    out.line("self");
    out.close("}");
    out.close("}");
    out.finish()
}
