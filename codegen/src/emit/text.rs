//! Rust written out as laid-out text, for code of a fixed shape (every type with its impls,
//! the requests, the client's methods): building it as tokens, parsing those back with `syn`
//! and printing them with prettyplease was most of a generation's time, for code whose layout
//! never varies. Nothing checks the text on the way out: the fuzz test reads every generated
//! file back with `syn`, and `tests/tests/fixtures_compile.rs` and `cargo xtask corpus` compile
//! the crates of every fixture and every corpus spec.

use crate::model::{Api, Ident, TypeId, TypeRef};

/// Lines at most this wide are kept whole; longer lists get one element per line.
const WIDTH: usize = 100;

/// Lines of Rust, indented four spaces per level of nesting.
#[derive(Default)]
pub struct Lines {
    text: String,
    depth: usize,
}

impl Lines {
    /// One line at the current depth.
    pub fn line(&mut self, line: &str) {
        for _ in 0..self.depth {
            self.text.push_str("    ");
        }
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// A line that opens a block: what follows is one level deeper.
    pub fn open(&mut self, line: &str) {
        self.line(line);
        self.depth += 1;
    }

    /// A line that closes a block, one level out.
    pub fn close(&mut self, line: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.line(line);
    }

    /// A line that closes a block and opens the next (`} else {`).
    pub fn reopen(&mut self, line: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.open(line);
    }

    /// One level deeper, for a block opened by a line written otherwise (a [`Lines::list`]).
    pub fn indent(&mut self) {
        self.depth += 1;
    }

    pub fn blank(&mut self) {
        self.text.push('\n');
    }

    /// `start` + the items separated by `, ` + `end` when that fits on the line, else the items
    /// one per line (each followed by a comma), so that a spec update shows one changed line
    /// per added key.
    pub fn list(&mut self, start: &str, items: &[String], end: &str) {
        let whole = format!("{start}{}{end}", items.join(", "));
        if self.fits(&whole) {
            self.line(&whole);
            return;
        }
        self.open(start);
        for item in items {
            self.line(&format!("{item},"));
        }
        self.close(end);
    }

    /// `Name { items }` (then `end`) when that fits on the line, else one field per line.
    pub fn structure(&mut self, name: &str, items: &[String], end: &str) {
        if items.is_empty() {
            self.line(&format!("{name} {{}}{end}"));
            return;
        }
        let whole = format!("{name} {{ {} }}{end}", items.join(", "));
        if self.fits(&whole) {
            self.line(&whole);
            return;
        }
        self.open(&format!("{name} {{"));
        for item in items {
            // The struct update syntax (`..base`) takes no comma after it.
            if item.starts_with("..") {
                self.line(item);
            } else {
                self.line(&format!("{item},"));
            }
        }
        self.close(&format!("}}{end}"));
    }

    /// Operands joined by a binary operator (`" || "`): on one line when it fits, else one
    /// operand per line, each after the first starting with the operator.
    pub fn operation(&mut self, start: &str, operands: &[String], operator: &str, end: &str) {
        let whole = format!("{start}{}{end}", operands.join(operator));
        let (Some(first), Some((last, middle))) =
            (operands.first(), operands.get(1..).and_then(<[String]>::split_last))
        else {
            self.line(&whole);
            return;
        };
        if self.fits(&whole) {
            self.line(&whole);
            return;
        }
        let operator = operator.trim_start();
        self.line(&format!("{start}{first}"));
        self.depth += 1;
        for operand in middle {
            self.line(&format!("{operator}{operand}"));
        }
        self.line(&format!("{operator}{last}{end}"));
        self.depth = self.depth.saturating_sub(1);
    }

    /// Whether a line fits whole at the current depth.
    pub fn fits(&self, line: &str) -> bool {
        self.depth * 4 + line.len() <= WIDTH
    }

    /// A match arm: `pattern => expression,` when it fits, else the expression in a block.
    pub fn arm(&mut self, pattern: &str, expression: &str) {
        let whole = format!("{pattern} => {expression},");
        if self.fits(&whole) {
            self.line(&whole);
            return;
        }
        self.open(&format!("{pattern} => {{"));
        self.line(expression);
        self.close("}");
    }

    /// A method chain: on one line when it fits, else one call per line under its receiver.
    pub fn chain(&mut self, receiver: &str, calls: &[String]) {
        let whole = format!("{receiver}{}", calls.concat());
        if self.fits(&whole) {
            self.line(&whole);
            return;
        }
        self.line(receiver);
        self.depth += 1;
        for call in calls {
            self.line(call);
        }
        self.depth = self.depth.saturating_sub(1);
    }

    pub fn finish(self) -> String {
        self.text
    }
}

/// Clippy's `too_many_arguments` allowance for a constructor that takes `count` arguments:
/// every required field or parameter is one, however many the spec has.
pub fn allow_many_arguments(out: &mut Lines, count: usize) {
    // Clippy's default threshold.
    const MOST_ARGUMENTS: usize = 7;
    if count > MOST_ARGUMENTS {
        out.line("#[allow(clippy::too_many_arguments)]");
    }
}

/// A string literal with the given value.
pub fn literal(value: &str) -> String {
    // A `str`'s debug form is a valid Rust string literal: quotes, backslashes and characters
    // that are not printable are escaped.
    format!("{value:?}")
}

/// A model identifier as Rust spells it (`r#type` when raw).
pub fn ident(name: &Ident) -> String {
    name.to_string()
}

/// Where a type is spelled: inside `types.rs` named types need no path.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Types,
    Elsewhere,
}

/// The name of a type, for docs.
pub fn type_name(api: &Api, id: TypeId) -> String {
    api.type_def(id).map(|def| def.name.to_string()).unwrap_or_default()
}

/// The Rust type of a use.
pub fn type_text(api: &Api, ty: &TypeRef, scope: Scope) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::I32 => "i32".to_owned(),
        TypeRef::I64 => "i64".to_owned(),
        TypeRef::U64 => "u64".to_owned(),
        TypeRef::F64 => "f64".to_owned(),
        TypeRef::Decimal => "rust_decimal::Decimal".to_owned(),
        TypeRef::Date => "time::Date".to_owned(),
        TypeRef::DateTime(_) => "time::OffsetDateTime".to_owned(),
        TypeRef::Json => "serde_json::Value".to_owned(),
        TypeRef::Bytes => "Vec<u8>".to_owned(),
        TypeRef::Named(id) => {
            let name = api.type_def(*id).map_or_else(|| "UnknownType".to_owned(), |def| ident(&def.name));
            match scope {
                Scope::Types => name,
                Scope::Elsewhere => format!("crate::types::{name}"),
            }
        }
        TypeRef::List(item) => format!("Vec<{}>", type_text(api, item, scope)),
        TypeRef::Tuple(items) => {
            let items: Vec<String> = items.iter().map(|item| type_text(api, item, scope)).collect();
            match items.as_slice() {
                [one] => format!("({one},)"),
                _ => format!("({})", items.join(", ")),
            }
        }
        TypeRef::Map(value) => format!("std::collections::BTreeMap<String, {}>", type_text(api, value, scope)),
        TypeRef::Boxed(inner) => format!("Box<{}>", type_text(api, inner, scope)),
        TypeRef::Nullable(inner) => format!("Option<{}>", type_text(api, inner, scope)),
    }
}

#[cfg(test)]
mod tests;
