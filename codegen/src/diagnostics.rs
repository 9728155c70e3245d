//! Problems found in a spec, each tied to the place it was found.

use std::collections::HashMap;
use std::fmt;

/// How bad a problem is: an error stops generation, a warning is reported and generation goes on
/// (unless the run is strict).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A bug of the generator, not of the spec (a model that does not hold together, Rust that
    /// does not parse): reported as such, never blamed on the spec.
    Internal,
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Internal => "internal error",
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem, located by JSON pointer (and by file, line and column once resolved against the sources).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file the node is in, as the user named it; `None` means the spec itself (its entry file).
    pub file: Option<String>,
    /// JSON pointer of the offending node in that file, e.g. `#/paths/~1pets/get/parameters/0`.
    pub pointer: String,
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// 1-based column in the file, when known.
    pub column: Option<usize>,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl Diagnostic {
    /// An error at a pointer of the spec.
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: None,
            pointer: pointer.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A generator bug, at the document root.
    pub fn internal(message: impl Into<String>) -> Self {
        let message = message.into();
        let message = message.strip_prefix("internal error: ").map(str::to_owned).unwrap_or(message);
        Self { severity: Severity::Internal, ..Self::new("#", message) }
    }

    /// A warning at a pointer of the spec.
    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::new(pointer, message) }
    }

    /// The location as `file:line:column (pointer)`, with `default_file` for the spec itself.
    pub fn location(&self, default_file: &str) -> String {
        let file = self.file.as_deref().unwrap_or(default_file);
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{file}:{line}:{column} ({})", self.pointer),
            _ => format!("{file} ({})", self.pointer),
        }
    }
}

/// Why generation failed: every problem found, errors first, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Name of the spec (usually its path), used for problems in the spec's own file.
    pub source_name: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(&self.diagnostics, &self.source_name))
    }
}

impl std::error::Error for Error {}

impl Error {
    /// Whether the failure is a bug of the generator rather than a problem of the spec.
    pub fn is_internal(&self) -> bool {
        self.diagnostics.iter().any(|diagnostic| diagnostic.severity == Severity::Internal)
    }
}

/// How many problems of one kind are shown before the rest are only counted.
pub const SHOWN_PER_KIND: usize = 20;

/// Renders problems one after another (`error: message\n  --> file:line:column (pointer)`), showing
/// at most [`SHOWN_PER_KIND`] of each kind (same message once names and numbers are masked) and
/// counting the rest, so a spec with thousands of the same defect stays readable.
pub fn render(diagnostics: &[Diagnostic], default_file: &str) -> String {
    let mut seen: HashMap<(Severity, String), usize> = HashMap::new();
    // Kinds with hidden members, in the order they first appeared.
    let mut hidden: Vec<(Severity, String)> = Vec::new();
    let mut out = String::new();
    for diagnostic in diagnostics {
        let kind = (diagnostic.severity, kind_of(&diagnostic.message));
        let count = seen.entry(kind.clone()).or_insert(0);
        *count += 1;
        if *count > SHOWN_PER_KIND {
            if *count == SHOWN_PER_KIND + 1 {
                hidden.push(kind);
            }
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!(
            "{}: {}\n  --> {}",
            diagnostic.severity,
            diagnostic.message,
            diagnostic.location(default_file)
        ));
    }
    for kind in hidden {
        let more = seen.get(&kind).copied().unwrap_or_default().saturating_sub(SHOWN_PER_KIND);
        out.push_str(&format!("\n{}: … and {} more of the same kind ({})", kind.0, thousands(more), kind.1));
    }
    out
}

/// A message with its particulars masked: `` `…` `` for quoted names, `N` for numbers.
pub fn kind_of(message: &str) -> String {
    let mut kind = String::with_capacity(message.len());
    let mut in_quote = false;
    let mut last_digit = false;
    for c in message.chars() {
        if c == '`' {
            if !in_quote {
                kind.push_str("`…`");
            }
            in_quote = !in_quote;
            last_digit = false;
        } else if in_quote {
        } else if c.is_ascii_digit() {
            if !last_digit {
                kind.push('N');
            }
            last_digit = true;
        } else {
            kind.push(c);
            last_digit = false;
        }
    }
    kind
}

/// `2150` → `2,150`.
fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Appends a segment to a JSON pointer, escaping `~` and `/` (RFC 6901).
pub fn push(pointer: &str, segment: impl fmt::Display) -> String {
    push_str(pointer, &segment.to_string())
}

/// [`push`] for a text segment, with one allocation (it runs for every node the loader walks).
pub fn push_str(pointer: &str, segment: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + segment.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in segment.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
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
        self.warnings.push(Diagnostic::warning(pointer, message));
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
                line: Some(3),
                column: Some(5),
                ..Diagnostic::new("#/paths/~1x/post", "dangling $ref")
            }],
        };
        assert_eq!(err.to_string(), "error: dangling $ref\n  --> spec.yaml:3:5 (#/paths/~1x/post)");
    }

    #[test]
    fn other_files_and_warnings_are_named() {
        let warning = Diagnostic {
            file: Some("schemas/Pet.yaml".into()),
            line: Some(2),
            column: Some(1),
            ..Diagnostic::warning("#/properties/id", "odd")
        };
        assert_eq!(render(&[warning], "spec.yaml"), "warning: odd\n  --> schemas/Pet.yaml:2:1 (#/properties/id)");
    }

    #[test]
    fn many_of_a_kind_are_counted_not_shown() {
        let many: Vec<Diagnostic> = (0..2170)
            .map(|index| Diagnostic::warning(format!("#/x/{index}"), format!("`name{index}` has no description")))
            .chain([Diagnostic::warning("#/y", "another kind")])
            .collect();
        let text = render(&many, "s.yaml");
        assert_eq!(text.matches("has no description\n").count(), SHOWN_PER_KIND);
        assert!(text.contains("another kind"));
        assert!(text.ends_with("warning: … and 2,150 more of the same kind (`…` has no description)"), "{text}");
    }

    #[test]
    fn kinds_mask_names_and_numbers() {
        assert_eq!(kind_of("`maximum` 1844 is out of range at 3"), "`…` N is out of range at N");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(12), "12");
    }
}
