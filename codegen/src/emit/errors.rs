//! The documented error replies of an operation, as one enum chosen by HTTP status. Written as
//! text: its shape never varies.

use super::docs;
use super::text::{Lines, Scope, ident, type_text};
use crate::model::{Api, Docs, ErrorVariant, StatusMatch, TypeDef};

pub fn operation_error(api: &Api, def: &TypeDef, variants: &[ErrorVariant]) -> String {
    let mut out = Lines::default();
    let name = ident(&def.name);
    docs::write_type(&mut out, def);
    out.line("#[derive(Debug, Clone, PartialEq)]");
    out.line("#[non_exhaustive]");
    out.open(&format!("pub enum {name} {{"));
    for variant in variants {
        let status = status_label(variant.status, "Any other status");
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
        [only] if only.status == StatusMatch::Default => Some(only),
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
            let exact = exact_codes(variants.iter().map(|variant| variant.status));
            for variant in variants {
                out.line(&format!("{} => {},", status_pattern(variant.status, &exact), decode(variant)));
            }
            if !variants.iter().any(|variant| variant.status == StatusMatch::Default) {
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

/// How a variant's doc names its status: `HTTP 404`, `HTTP 4xx`, or `default` as given.
pub fn status_label(status: StatusMatch, default: &str) -> String {
    match status {
        StatusMatch::Code(code) => format!("HTTP {code}"),
        StatusMatch::Range(range) => format!("HTTP {range}xx"),
        StatusMatch::Default => default.to_owned(),
    }
}

/// The exact status codes among `statuses`, which their ranges leave out.
pub fn exact_codes(statuses: impl Iterator<Item = StatusMatch>) -> Vec<u16> {
    statuses
        .filter_map(|status| match status {
            StatusMatch::Code(code) => Some(code),
            _ => None,
        })
        .collect()
}

/// The `match` pattern of a status: a code, a range without the `exact` codes matched before it
/// (`400..=403 | 405..=499` beside a `404`, so that no two arms overlap), or `_`.
pub fn status_pattern(status: StatusMatch, exact: &[u16]) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Default => "_".to_owned(),
        StatusMatch::Range(range) => {
            let low = range.saturating_mul(100);
            let high = low.saturating_add(99);
            let mut taken: Vec<u16> = exact.iter().copied().filter(|code| (low..=high).contains(code)).collect();
            taken.sort_unstable();
            taken.dedup();
            let mut parts = Vec::new();
            let mut start = low;
            for code in taken.into_iter().chain([high.saturating_add(1)]) {
                match code.saturating_sub(1).checked_sub(start) {
                    None => {}
                    Some(0) => parts.push(start.to_string()),
                    Some(_) => parts.push(format!("{start}..={}", code.saturating_sub(1))),
                }
                start = code.saturating_add(1);
            }
            parts.join(" | ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{StatusMatch, status_pattern};

    #[test]
    fn a_range_leaves_out_the_exact_codes_matched_before_it() {
        assert_eq!(status_pattern(StatusMatch::Range(4), &[]), "400..=499");
        assert_eq!(status_pattern(StatusMatch::Range(4), &[404, 409, 410, 503]), "400..=403 | 405..=408 | 411..=499");
        assert_eq!(status_pattern(StatusMatch::Range(2), &[200, 202, 299]), "201 | 203..=298");
        assert_eq!(status_pattern(StatusMatch::Range(5), &[500, 500]), "501..=599");
        assert_eq!(status_pattern(StatusMatch::Code(404), &[404]), "404");
        assert_eq!(status_pattern(StatusMatch::Default, &[404]), "_");
    }
}
