//! Maps JSON pointers back to line and column in a spec file.
//!
//! Built only when something needs locating, so clean runs never pay for the second parse.
//! JSON sources are indexed with a JSON parser (yaml-rust2 rejects JSON's surrogate-pair escapes
//! such as `"\ud83d\udcd8"`, which would lose every location), YAML sources with yaml-rust2.

use std::collections::HashMap;

use yaml_rust2::Event;
use yaml_rust2::parser::MarkedEventReceiver;
use yaml_rust2::scanner::Marker;

use crate::diagnostics::{Diagnostic, push};

/// Pointer → (line, column), both 1-based.
pub struct Locator {
    positions: HashMap<String, (usize, usize)>,
}

impl Locator {
    /// Indexes every node of the source (YAML or JSON). A source that does not parse
    /// yields an empty index: callers then report the pointer alone.
    pub fn new(text: &str) -> Self {
        if text.trim_start().starts_with(['{', '['])
            && let Some(positions) = json_positions(text)
        {
            return Self { positions };
        }
        let (mut recv, outcome) = crate::load::yaml_events::<Recorder>(text);
        if outcome.is_err() {
            recv.positions.clear();
        }
        Self { positions: recv.positions }
    }

    /// Fills in line and column for the diagnostic's pointer, or for its nearest located ancestor.
    pub fn resolve(&self, d: &mut Diagnostic) {
        let mut pointer = d.pointer.as_str();
        loop {
            if let Some(&(line, column)) = self.positions.get(pointer) {
                d.line = Some(line);
                d.column = Some(column);
                return;
            }
            match pointer.rfind('/') {
                Some(end) => pointer = &pointer[..end],
                None => return,
            }
        }
    }
}

/// Positions of a JSON text's nodes: a member at its key, an item where it starts.
fn json_positions(text: &str) -> Option<HashMap<String, (usize, usize)>> {
    use jsonc_parser::common::Ranged;
    use jsonc_parser::{CollectOptions, ParseOptions, ast};
    fn visit(
        value: &ast::Value<'_>,
        pointer: String,
        lines: &LineIndex<'_>,
        out: &mut HashMap<String, (usize, usize)>,
    ) {
        match value {
            ast::Value::Object(object) => {
                for property in &object.properties {
                    let child = push(&pointer, property.name.as_str());
                    out.entry(child.clone()).or_insert_with(|| lines.position(property.range.start));
                    visit(&property.value, child, lines, out);
                }
            }
            ast::Value::Array(array) => {
                for (index, element) in array.elements.iter().enumerate() {
                    let child = push(&pointer, index);
                    out.entry(child.clone()).or_insert_with(|| lines.position(element.range().start));
                    visit(element, child, lines, out);
                }
            }
            _ => {}
        }
    }
    let parsed = jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default()).ok()?;
    let root = parsed.value?;
    let lines = LineIndex::new(text);
    let mut out = HashMap::new();
    out.insert("#".to_owned(), lines.position(root.range().start));
    visit(&root, "#".to_owned(), &lines, &mut out);
    Some(out)
}

/// Byte offset → 1-based line and column (columns count characters).
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).collect();
        Self { text, starts }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or_default();
        let column = self.text.get(start..offset).map_or(0, |s| s.chars().count());
        (line, column + 1)
    }
}

enum Frame {
    Mapping { pointer: String, key: Option<String> },
    Sequence { pointer: String, index: usize },
}

#[derive(Default)]
struct Recorder {
    stack: Vec<Frame>,
    positions: HashMap<String, (usize, usize)>,
}

impl Recorder {
    /// The pointer of a node starting now, or `None` when the node is a mapping key.
    fn node_pointer(&mut self, key_text: Option<&str>, mark: Marker) -> Option<String> {
        let at = (mark.line(), mark.col() + 1);
        match self.stack.last_mut() {
            None => {
                self.positions.entry("#".into()).or_insert(at);
                Some("#".into())
            }
            Some(Frame::Mapping { pointer, key }) => match key.take() {
                None => {
                    // A key: remember it; the key's own position locates its value best.
                    let text = key_text.unwrap_or_default().to_owned();
                    self.positions.entry(push(pointer, &text)).or_insert(at);
                    *key = Some(text);
                    None
                }
                Some(key) => {
                    let child = push(pointer, &key);
                    self.positions.entry(child.clone()).or_insert(at);
                    Some(child)
                }
            },
            Some(Frame::Sequence { pointer, index }) => {
                let child = push(pointer, *index);
                *index += 1;
                self.positions.entry(child.clone()).or_insert(at);
                Some(child)
            }
        }
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, ..) => {
                self.node_pointer(Some(&value), mark);
            }
            Event::Alias(_) => {
                self.node_pointer(Some(""), mark);
            }
            Event::MappingStart(..) => {
                // A complex key (a mapping used as a key) gets no pointer of its own.
                let pointer = self.node_pointer(None, mark).unwrap_or_else(|| "#/?".into());
                self.stack.push(Frame::Mapping { pointer, key: None });
            }
            Event::SequenceStart(..) => {
                let pointer = self.node_pointer(None, mark).unwrap_or_else(|| "#/?".into());
                self.stack.push(Frame::Sequence { pointer, index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, pointer: &str) -> (Option<usize>, Option<usize>) {
        let mut d = Diagnostic::new(pointer, "x");
        Locator::new(text).resolve(&mut d);
        (d.line, d.column)
    }

    #[test]
    fn yaml_keys_and_items() {
        let text = "a:\n  b: 1\n  c:\n    - x\n    - y/z: 2\n";
        assert_eq!(at(text, "#/a/b"), (Some(2), Some(3)));
        assert_eq!(at(text, "#/a/c/1").0, Some(5));
        assert_eq!(at(text, "#/a/c/1/y~1z").0, Some(5));
        // Unknown child: nearest ancestor.
        assert_eq!(at(text, "#/a/b/zzz"), (Some(2), Some(3)));
    }

    #[test]
    fn json_source() {
        let text = "{\n  \"paths\": {\n    \"/p\": {\"get\": {}}\n  }\n}";
        assert_eq!(at(text, "#/paths/~1p/get"), (Some(3), Some(12)));
    }

    #[test]
    fn json_with_surrogate_pairs_keeps_positions() {
        let text = "{\n  \"info\": {\"title\": \"\\ud83d\\udcd8 é\", \"version\": \"1\"},\n  \"paths\": {\"/\\ud83d\\udcd8\": [1, {\"a\": 2}]}\n}";
        assert_eq!(at(text, "#/info/version"), (Some(2), Some(39)));
        assert_eq!(at(text, "#/paths/~1\u{1f4d8}/1/a"), (Some(3), Some(35)));
    }
}
