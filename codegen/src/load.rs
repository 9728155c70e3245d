//! Stage 1: spec text → `openapiv3::OpenAPI`, with located errors.

use crate::diagnostics::{Diagnostic, Error};
use crate::locate::Locator;

/// A parsed spec.
pub struct Loaded {
    pub doc: openapiv3::OpenAPI,
}

/// Parses YAML or JSON (JSON when the first non-blank character is `{`).
pub fn load(source_name: &str, text: &str) -> Result<Loaded, Error> {
    let fail = |d: Diagnostic| Error { source_name: source_name.to_owned(), diagnostics: vec![d] };
    let raw = parse_tree(text).map_err(fail)?;
    let version = raw.get("openapi").and_then(|v| v.as_str()).unwrap_or_default();
    if !version.starts_with("3.0") {
        let mut d =
            Diagnostic::new("#/openapi", format!("only OpenAPI 3.0.x is supported, found `openapi: {version:?}`"));
        Locator::new(text).resolve(&mut d);
        return Err(fail(d));
    }
    match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&raw) {
        Ok(doc) => Ok(Loaded { doc }),
        Err(err) => {
            let (pointer, inner) = drill(&raw, path_to_pointer(err.path()), err.into_inner().to_string());
            let mut d = Diagnostic::new(pointer, format!("not a valid OpenAPI 3.0 document here: {inner}"));
            Locator::new(text).resolve(&mut d);
            Err(fail(d))
        }
    }
}

fn parse_tree(text: &str) -> Result<serde_json::Value, Diagnostic> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| Diagnostic {
            pointer: "#".into(),
            line: Some(e.line()),
            column: Some(e.column()),
            message: format!("invalid JSON: {e}"),
        })
    } else {
        serde_yaml_ng::from_str(text).map_err(|e| {
            let loc = e.location();
            Diagnostic {
                pointer: "#".into(),
                line: loc.as_ref().map(|l| l.line()),
                column: loc.as_ref().map(|l| l.column()),
                message: format!("invalid YAML: {e}"),
            }
        })
    }
}

/// openapiv3 flattens some maps (paths, components), which hides the failing node from
/// serde_path_to_error. Re-deserializing each entry of such a map on its own finds it.
fn drill(raw: &serde_json::Value, pointer: String, message: String) -> (String, String) {
    use openapiv3::{Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema, SecurityScheme};
    fn first_error<T: serde::de::DeserializeOwned>(map: &serde_json::Value, base: &str) -> Option<(String, String)> {
        for (key, value) in map.as_object()? {
            if let Err(e) = serde_path_to_error::deserialize::<_, T>(value) {
                let inner = crate::diagnostics::push(base, key);
                let deeper = path_to_pointer(e.path());
                return Some((format!("{inner}{}", deeper.trim_start_matches('#')), e.into_inner().to_string()));
            }
        }
        None
    }
    let at = |p: &str| raw.pointer(p.trim_start_matches('#'));
    let found = match pointer.as_str() {
        "#/paths" => at("#/paths").and_then(|m| first_error::<PathItem>(m, "#/paths")),
        "#/components" | "#" => {
            type Check = fn(&serde_json::Value, &str) -> Option<(String, String)>;
            let sections: [(&str, Check); 5] = [
                ("schemas", first_error::<ReferenceOr<Schema>>),
                ("parameters", first_error::<ReferenceOr<Parameter>>),
                ("responses", first_error::<ReferenceOr<Response>>),
                ("requestBodies", first_error::<ReferenceOr<RequestBody>>),
                ("securitySchemes", first_error::<ReferenceOr<SecurityScheme>>),
            ];
            sections.iter().find_map(|(name, check)| {
                let base = format!("#/components/{name}");
                at(&base).and_then(|m| check(m, &base))
            })
        }
        _ => None,
    };
    found.unwrap_or((pointer, message))
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::from("#");
    for seg in path.iter() {
        pointer = match seg {
            Segment::Seq { index } => crate::diagnostics::push(&pointer, index),
            Segment::Map { key } => crate::diagnostics::push(&pointer, key),
            Segment::Enum { variant } => crate::diagnostics::push(&pointer, variant),
            Segment::Unknown => pointer,
        };
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(err: Error) -> Diagnostic {
        err.diagnostics.into_iter().next().expect("one diagnostic")
    }

    #[test]
    fn bad_yaml_has_a_line() {
        let d = first(load("s.yaml", "openapi: 3.0.3\ninfo: [\n").err().expect("fails"));
        assert!(d.message.starts_with("invalid YAML"), "{}", d.message);
        assert!(d.line.is_some());
    }

    #[test]
    fn wrong_type_is_located() {
        let text = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      responses: 7\n";
        let d = first(load("s.yaml", text).err().expect("fails"));
        assert_eq!(d.pointer, "#/paths/~1a/get/responses");
        assert_eq!(d.line, Some(8));
    }

    #[test]
    fn swagger_2_is_refused() {
        let d = first(load("s.json", r#"{"swagger":"2.0"}"#).err().expect("fails"));
        assert_eq!(d.pointer, "#/openapi");
    }
}
