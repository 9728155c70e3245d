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
            let pointer = path_to_pointer(err.path());
            let mut d = Diagnostic::new(pointer, format!("not a valid OpenAPI 3.0 document here: {}", err.inner()));
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
