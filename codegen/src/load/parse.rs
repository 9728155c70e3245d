//! One file's text → JSON tree, and the spec's OpenAPI version, checked before anything else.

use serde_json::Value;

use super::yaml;
use crate::diagnostics::Diagnostic;

/// The OpenAPI versions read; 3.1 documents are normalised into the 3.0 shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V30,
    V31,
}

/// Parses JSON (when the first non-blank character is `{` or `[`) or YAML.
pub fn parse(text: &str) -> Result<Value, Diagnostic> {
    if text.trim_start().starts_with(['{', '[']) {
        serde_json::from_str(text).map_err(|e| Diagnostic {
            line: Some(e.line()),
            column: Some(e.column()),
            ..Diagnostic::new("#", format!("invalid JSON: {e}"))
        })
    } else {
        yaml::parse(text).map_err(|e| Diagnostic {
            line: Some(e.line),
            column: Some(e.column),
            ..Diagnostic::new("#", format!("invalid YAML: {}", e.message))
        })
    }
}

/// The document's version. A number where a string belongs (`openapi: 3.1` in YAML) is read as
/// its text, with a warning.
pub fn version(doc: &Value, warnings: &mut Vec<Diagnostic>) -> Result<Version, Diagnostic> {
    let Some(root) = doc.as_object() else {
        return Err(Diagnostic::new("#", "not an OpenAPI document: the top level is not a mapping"));
    };
    if let Some(swagger) = root.get("swagger") {
        return Err(Diagnostic::new(
            "#/swagger",
            format!(
                "this is a Swagger {} document, not OpenAPI 3; convert it first (for example with swagger2openapi)",
                text_of(swagger)
            ),
        ));
    }
    let version = match root.get("openapi") {
        Some(Value::String(text)) => text.clone(),
        Some(number @ Value::Number(_)) => {
            warnings.push(Diagnostic::warning("#/openapi", "`openapi` should be a string (quote the version)"));
            number.to_string()
        }
        Some(other) => {
            return Err(Diagnostic::new("#/openapi", format!("`openapi` must be a version string, found {other}")));
        }
        None => return Err(Diagnostic::new("#", "not an OpenAPI document: it has no `openapi` version field")),
    };
    let mut parts = version.split('.');
    match (parts.next(), parts.next()) {
        (Some("3"), Some("0")) => Ok(Version::V30),
        (Some("3"), Some("1")) => Ok(Version::V31),
        // 3.2 keeps 3.1's schemas and objects and only adds to them: read it as 3.1, say so.
        (Some("3"), Some("2")) => {
            warnings.push(Diagnostic::warning(
                "#/openapi",
                format!(
                    "OpenAPI {version} is read as 3.1: what 3.2 adds (`query` and `additionalOperations` operations, `in: querystring`, `itemSchema` streams) is left out"
                ),
            ));
            Ok(Version::V31)
        }
        _ => Err(Diagnostic::new(
            "#/openapi",
            format!("unsupported OpenAPI version `{version}`: 3.0.x, 3.1.x and 3.2.x (read as 3.1) are supported"),
        )),
    }
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<Version, Diagnostic> {
        version(&parse(text).expect("parses"), &mut Vec::new())
    }

    #[test]
    fn versions() {
        assert_eq!(check("openapi: 3.0.3"), Ok(Version::V30));
        assert_eq!(check("{\"openapi\": \"3.1.0\"}"), Ok(Version::V31));
        let mut warnings = Vec::new();
        assert_eq!(version(&parse("openapi: 3.1").expect("parses"), &mut warnings), Ok(Version::V31));
        assert_eq!(warnings.len(), 1);
        let mut warnings = Vec::new();
        assert_eq!(version(&parse("openapi: 3.2.0").expect("parses"), &mut warnings), Ok(Version::V31));
        assert!(warnings[0].message.contains("read as 3.1"), "{warnings:?}");
    }

    #[test]
    fn swagger_2_is_named_with_a_hint() {
        let error = check("swagger: '2.0'\ninfo: {}").expect_err("refused");
        assert_eq!(error.pointer, "#/swagger");
        assert!(error.message.contains("Swagger 2.0") && error.message.contains("swagger2openapi"), "{error:?}");
    }

    #[test]
    fn other_documents_are_refused_clearly() {
        assert!(check("openapi: 4.0.0").expect_err("refused").message.contains("unsupported OpenAPI version `4.0.0`"));
        assert!(check("info: {}").expect_err("refused").message.contains("no `openapi`"));
        assert!(check("- 1").expect_err("refused").message.contains("not a mapping"));
    }

    #[test]
    fn syntax_errors_are_located() {
        let error = parse("{\"a\": }").expect_err("fails");
        assert!(error.message.starts_with("invalid JSON"));
        assert_eq!(error.line, Some(1));
        let error = parse("a: [\n").expect_err("fails");
        assert!(error.message.starts_with("invalid YAML"));
    }
}
