//! Problems found in a spec, each tied to the place it was found.

use std::fmt;

/// One problem, located by JSON pointer (and by line/column once resolved against the source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// JSON pointer of the offending node, e.g. `#/paths/~1pets/get/parameters/0`.
    pub pointer: String,
    /// 1-based line in the spec source, when known.
    pub line: Option<usize>,
    /// 1-based column in the spec source, when known.
    pub column: Option<usize>,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl Diagnostic {
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self { pointer: pointer.into(), line: None, column: None, message: message.into() }
    }
}

/// Why generation failed: every problem found, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Name of the spec (usually its path), used as the prefix of each location.
    pub source_name: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {}\n  --> {}", d.message, self.source_name)?;
            if let (Some(line), Some(column)) = (d.line, d.column) {
                write!(f, ":{line}:{column}")?;
            }
            write!(f, " ({})", d.pointer)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Appends a segment to a JSON pointer, escaping `~` and `/` (RFC 6901).
pub fn push(pointer: &str, segment: impl fmt::Display) -> String {
    let seg = segment.to_string().replace('~', "~0").replace('/', "~1");
    format!("{pointer}/{seg}")
}

/// Collects diagnostics while lowering continues, so one run reports every problem.
#[derive(Debug, Default)]
pub struct Sink {
    pub items: Vec<Diagnostic>,
    /// Problems that leave the meaning clear: generation goes on.
    pub warnings: Vec<Diagnostic>,
}

impl Sink {
    pub fn error(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.items.push(Diagnostic::new(pointer, message));
    }

    pub fn warning(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Diagnostic::new(pointer, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_segments_are_escaped() {
        assert_eq!(push("#/paths", "/a~b/{id}"), "#/paths/~1a~0b~1{id}");
    }

    #[test]
    fn display_names_place_and_problem() {
        let err = Error {
            source_name: "spec.yaml".into(),
            diagnostics: vec![Diagnostic {
                pointer: "#/paths/~1x/post".into(),
                line: Some(3),
                column: Some(5),
                message: "dangling $ref".into(),
            }],
        };
        assert_eq!(err.to_string(), "error: dangling $ref\n  --> spec.yaml:3:5 (#/paths/~1x/post)");
    }
}
