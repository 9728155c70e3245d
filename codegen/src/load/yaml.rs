//! YAML text → JSON tree, tolerant of what real specs contain.
//!
//! Built on yaml-rust2's event parser rather than serde_yaml_ng, which refuses integers beyond
//! 64 bits (`maximum: 18446744073709552000`) and is about twice as slow on large specs. Scalars
//! follow the YAML 1.2 core schema; mapping keys are kept as written (`1.18:` is the key
//! `"1.18"`); anchors, aliases and `<<` merge keys are expanded, with a budget against alias bombs.

use std::collections::HashMap;

use serde_json::{Map, Value};
use yaml_rust2::Event;
use yaml_rust2::parser::{MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A YAML syntax error with its 1-based position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// Alias expansion may copy at most this many nodes in total (a "billion laughs" guard).
const ALIAS_BUDGET: usize = 4_000_000;

/// Deeper nesting is refused: every later stage walks the tree recursively.
const MAX_DEPTH: usize = 256;

/// Parses the first document of a YAML stream; an empty stream is `null`.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    if let Some(value) = super::yaml_sections::parse(text) {
        return Ok(value);
    }
    let (builder, outcome) = events(text, Builder::default);
    outcome.map_err(|e| SyntaxError {
        message: e.info().to_owned(),
        line: e.marker().line(),
        column: e.marker().col() + 1,
    })?;
    if let Some(error) = builder.error {
        return Err(error);
    }
    Ok(builder.root.unwrap_or(Value::Null))
}

/// Feeds the first document's events to a fresh receiver. libyaml (and so most tools) accepts a
/// flow collection whose closing `}` or `]` sits left of its content (`example: {` ... `}` at
/// the key's column, common in real specs); yaml-rust2 does not, so such a line is indented and
/// the text parsed again. Lines and the other columns stay as written.
pub fn events<R: MarkedEventReceiver>(text: &str, receiver: impl Fn() -> R) -> (R, Result<(), yaml_rust2::ScanError>) {
    let mut current = std::borrow::Cow::Borrowed(text);
    for _ in 0..256 {
        let mut fresh = receiver();
        let outcome = Parser::new_from_str(&current).load(&mut fresh, false);
        let fixed = match &outcome {
            Err(error) if error.info() == "invalid indentation" => indent_flow_closer(&current, error.marker().line()),
            _ => None,
        };
        match fixed {
            Some(fixed) => current = std::borrow::Cow::Owned(fixed),
            None => return (fresh, outcome),
        }
    }
    let mut fresh = receiver();
    let outcome = Parser::new_from_str(&current).load(&mut fresh, false);
    (fresh, outcome)
}

/// The text with one more space before line `line` (1-based), if that line starts with a flow closer.
fn indent_flow_closer(text: &str, line: usize) -> Option<String> {
    let start = if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2)?.0 + 1 };
    let rest = text.get(start..)?;
    if !rest.trim_start_matches(' ').starts_with(['}', ']']) {
        return None;
    }
    let mut fixed = String::with_capacity(text.len() + 1);
    fixed.push_str(text.get(..start)?);
    fixed.push(' ');
    fixed.push_str(rest);
    Some(fixed)
}

enum Frame {
    Mapping { map: Map<String, Value>, key: Option<String>, anchor: usize },
    Sequence { items: Vec<Value>, anchor: usize },
}

/// Builds the JSON tree from parser events.
#[derive(Default)]
pub struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Value>,
    root: Option<Value>,
    error: Option<SyntaxError>,
    aliased_nodes: usize,
    /// How deep the document's root sits in a larger one (a piece of a file read in pieces).
    depth_offset: usize,
    /// An anchor or alias was seen.
    linked: bool,
}

impl Builder {
    /// A builder for a document whose root sits `depth` levels down in a larger one.
    pub fn at_depth(depth: usize) -> Self {
        Builder { depth_offset: depth, ..Builder::default() }
    }

    /// The tree, if it was built without errors and stands alone: without anchors or aliases,
    /// which could point into another piece of the file.
    pub fn finish_alone(self) -> Option<Value> {
        if self.error.is_some() || self.linked {
            return None;
        }
        self.root
    }

    /// Places a finished node: as a key or value of the open mapping, an item of the open
    /// sequence, or the document itself.
    fn place(&mut self, value: Value, anchor: usize) {
        if anchor > 0 {
            self.linked = true;
            self.anchors.insert(anchor, value.clone());
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(value);
                }
            }
            Some(Frame::Sequence { items, .. }) => items.push(value),
            Some(Frame::Mapping { map, key, .. }) => match key.take() {
                Some(key) => {
                    map.insert(key, value);
                }
                // A mapping or sequence used as a key: its JSON text stands for it.
                None => *key = Some(serde_json::to_string(&value).unwrap_or_default()),
            },
        }
    }

    fn in_key_position(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Mapping { key: None, .. }))
    }

    fn fail(&mut self, message: &str, mark: Marker) {
        if self.error.is_none() {
            self.error = Some(SyntaxError { message: message.to_owned(), line: mark.line(), column: mark.col() + 1 });
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if self.in_key_position() {
                    if let Some(Frame::Mapping { key, .. }) = self.stack.last_mut() {
                        *key = Some(text);
                    }
                    return;
                }
                let value = scalar(text, style, tag.as_ref());
                self.place(value, anchor);
            }
            Event::Alias(anchor) => {
                self.linked = true;
                let value = self.anchors.get(&anchor).cloned().unwrap_or(Value::Null);
                let (nodes, depth) = measure(&value);
                self.aliased_nodes += nodes;
                if self.aliased_nodes > ALIAS_BUDGET {
                    return self.fail("YAML aliases expand to too many nodes", mark);
                }
                if self.depth_offset + self.stack.len() + depth > MAX_DEPTH {
                    return self.fail("YAML nested more than 256 levels deep", mark);
                }
                if self.in_key_position() {
                    let key = match value {
                        Value::String(text) => text,
                        other => serde_json::to_string(&other).unwrap_or_default(),
                    };
                    if let Some(Frame::Mapping { key: slot, .. }) = self.stack.last_mut() {
                        *slot = Some(key);
                    }
                    return;
                }
                self.place(value, 0);
            }
            Event::MappingStart(..) | Event::SequenceStart(..) if self.depth_offset + self.stack.len() >= MAX_DEPTH => {
                self.fail("YAML nested more than 256 levels deep", mark);
            }
            Event::MappingStart(anchor, _) => {
                self.stack.push(Frame::Mapping { map: Map::new(), key: None, anchor });
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Frame::Sequence { items: Vec::new(), anchor }),
            Event::MappingEnd => {
                if let Some(Frame::Mapping { map, anchor, .. }) = self.stack.pop() {
                    self.place(Value::Object(merge_keys(map)), anchor);
                }
            }
            Event::SequenceEnd => {
                if let Some(Frame::Sequence { items, anchor }) = self.stack.pop() {
                    self.place(Value::Array(items), anchor);
                }
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentStart | Event::DocumentEnd => {}
        }
    }
}

/// Applies a `<<` merge key: entries of the merged mapping(s) that the mapping does not set itself.
fn merge_keys(mut map: Map<String, Value>) -> Map<String, Value> {
    let Some(merged) = map.remove("<<") else { return map };
    let sources = match merged {
        Value::Array(items) => items,
        other => vec![other],
    };
    for source in sources {
        if let Value::Object(entries) = source {
            for (key, value) in entries {
                map.entry(key).or_insert(value);
            }
        }
    }
    map
}

/// Nodes in a tree, and its depth.
fn measure(value: &Value) -> (usize, usize) {
    let children: Box<dyn Iterator<Item = &Value>> = match value {
        Value::Object(map) => Box::new(map.values()),
        Value::Array(items) => Box::new(items.iter()),
        _ => return (1, 0),
    };
    children.map(measure).fold((1, 1), |(nodes, depth), (n, d)| (nodes + n, depth.max(d + 1)))
}

/// A scalar's value: quoted scalars and `!!str` are strings; plain ones follow the YAML 1.2 core schema.
fn scalar(text: String, style: TScalarStyle, tag: Option<&Tag>) -> Value {
    let tagged = tag.filter(|t| t.handle == "tag:yaml.org,2002:" || t.handle == "!!").map(|t| t.suffix.as_str());
    match tagged {
        Some("str") => return Value::String(text),
        Some("null") => return Value::Null,
        Some("bool" | "int" | "float") => return plain(&text).unwrap_or(Value::String(text)),
        _ => {}
    }
    if style != TScalarStyle::Plain || tag.is_some() {
        return Value::String(text);
    }
    plain(&text).unwrap_or(Value::String(text))
}

/// The core-schema reading of a plain scalar, or `None` for a string.
fn plain(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let first = text.as_bytes().first().copied()?;
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).ok().map(Value::from);
    }
    if let Some(octal) = text.strip_prefix("0o") {
        return u64::from_str_radix(octal, 8).ok().map(Value::from);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let unsigned = text.strip_prefix('+').unwrap_or(text);
        if let Ok(number) = unsigned.parse::<u64>() {
            return Some(Value::from(number));
        }
        if let Ok(number) = unsigned.parse::<i64>() {
            return Some(Value::from(number));
        }
        // Beyond 64 bits: the nearest float, as JSON parsers do.
        return unsigned.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map(Value::Number);
    }
    if is_float(digits) {
        // `.inf` and `.nan` have no JSON form: they stay text.
        return text.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map(Value::Number);
    }
    None
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the core schema's float (sign already removed).
fn is_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (text, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match fraction {
        Some(fraction) => all_digits(whole) && all_digits(fraction) && !(whole.is_empty() && fraction.is_empty()),
        None => !whole.is_empty() && all_digits(whole),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let digits = e.strip_prefix(['-', '+']).unwrap_or(e);
        !digits.is_empty() && all_digits(digits)
    });
    mantissa_ok && exponent_ok && (fraction.is_some() || exponent.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn yaml(text: &str) -> Value {
        parse(text).expect("parses")
    }

    #[test]
    fn core_schema_scalars() {
        let value = yaml("a: 1\nb: -2\nc: 1.5\nd: true\ne: ~\nf: '1'\ng: 1e3\nh: .inf\ni: 0x1F\nj: yes\nk: 1.2.3\n");
        assert_eq!(
            value,
            json!({"a": 1, "b": -2, "c": 1.5, "d": true, "e": null, "f": "1", "g": 1000.0, "h": ".inf",
                   "i": 31, "j": "yes", "k": "1.2.3"})
        );
    }

    #[test]
    fn integers_beyond_64_bits_become_floats() {
        assert_eq!(yaml("maximum: 18446744073709552000\n"), json!({"maximum": 18446744073709552000.0_f64}));
    }

    #[test]
    fn keys_are_kept_as_written() {
        assert_eq!(yaml("x:\n  1.18: a\n  true: b\n  3: c\n"), json!({"x": {"1.18": "a", "true": "b", "3": "c"}}));
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let value = yaml("a: &base {b: 1, c: 2}\nd: *base\ne:\n  <<: *base\n  c: 3\n");
        assert_eq!(value, json!({"a": {"b": 1, "c": 2}, "d": {"b": 1, "c": 2}, "e": {"c": 3, "b": 1}}));
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..9 {
            let previous = format!("*a{}", level - 1);
            text.push_str(&format!("a{level}: &a{level} [{}]\n", vec![previous; 10].join(", ")));
        }
        let error = parse(&text).expect_err("refused");
        assert!(error.message.contains("too many nodes"), "{error:?}");
    }

    #[test]
    fn flow_closers_left_of_their_content_are_accepted() {
        let value = yaml("a:\n  example: {\n    \"k\": \"v\"\n  }\n  b: [\n    1\n  ]\n");
        assert_eq!(value, json!({"a": {"example": {"k": "v"}, "b": [1]}}));
    }

    #[test]
    fn the_projects_specs_read_as_serde_yaml_ng_reads_them() {
        let specs = [
            include_str!("../../../spec/voximplant-accounts.yaml"),
            include_str!("../../../tests/fixtures/arrays_maps.yaml"),
            include_str!("../../../tests/fixtures/bodies.yaml"),
            include_str!("../../../tests/fixtures/composition.yaml"),
            include_str!("../../../tests/fixtures/enums.yaml"),
            include_str!("../../../tests/fixtures/nested_refs.yaml"),
            include_str!("../../../tests/fixtures/object_fields.yaml"),
            include_str!("../../../tests/fixtures/operations.yaml"),
            include_str!("../../../tests/fixtures/recursion.yaml"),
            include_str!("../../../tests/fixtures/voximplant_extensions.yaml"),
        ];
        for text in specs {
            let theirs: Value = serde_yaml_ng::from_str(text).expect("serde_yaml_ng reads it");
            assert_eq!(yaml(text), theirs);
        }
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("a: {}1{}\n", "[".repeat(300), "]".repeat(300));
        assert!(parse(&text).is_err(), "yaml-rust2 has a recursion limit of its own");
        let nested = format!("a: &a {}1{}\n", "[".repeat(200), "]".repeat(200));
        assert!(parse(&nested).is_ok());
        // Aliases can nest what is already deep.
        let deeper = format!(
            "{nested}b: &b [[[[[[[[[[*a]]]]]]]]]]\nc: &c [[[[[[[[[[*b]]]]]]]]]]\nd: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[*c]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n"
        );
        let error = parse(&deeper).expect_err("refused");
        assert!(error.message.contains("256 levels"), "{error:?}");
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let error = parse("a: [\n").expect_err("fails");
        assert_eq!(error.line, 2);
    }
}
