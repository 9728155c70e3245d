//! Maps JSON pointers back to line and column in a spec file.
//!
//! Built only when something needs locating, so clean runs never pay for the second parse, and
//! only for the pointers asked for: the walk records the nodes on their way and skips the rest
//! (a spec with a few warnings does not index its hundred thousand nodes).
//! JSON sources are indexed with a JSON parser (yaml-rust2 rejects JSON's surrogate-pair escapes
//! such as `"\ud83d\udcd8"`, which would lose every location), YAML sources with yaml-rust2.

use std::collections::{HashMap, HashSet};

use yaml_rust2::Event;
use yaml_rust2::parser::MarkedEventReceiver;
use yaml_rust2::scanner::Marker;

use crate::diagnostics::{Diagnostic, push, push_str};

/// Pointer → (line, column), both 1-based, for the pointers asked for and their ancestors.
pub struct Locator {
    positions: HashMap<String, (usize, usize)>,
}

impl Locator {
    /// Indexes the nodes of the source (YAML or JSON) that `pointers` name, and their ancestors.
    /// A source that does not parse yields an empty index: callers then report the pointer alone.
    pub fn new<'p>(text: &str, pointers: impl IntoIterator<Item = &'p str>) -> Self {
        let wanted = Wanted::of(pointers);
        if text.trim_start().starts_with(['{', '['])
            && let Some(positions) = json_positions(text, &wanted)
        {
            return Self { positions };
        }
        let (mut recv, outcome) = crate::load::yaml_events(text, || Recorder::new(&wanted));
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

/// The pointers to locate and every ancestor of each: the nodes a walk has to go through.
struct Wanted(HashSet<String>);

impl Wanted {
    fn of<'p>(pointers: impl IntoIterator<Item = &'p str>) -> Self {
        let mut set = HashSet::from(["#".to_owned()]);
        for pointer in pointers {
            let ends = pointer.match_indices('/').map(|(at, _)| at).chain([pointer.len()]);
            for end in ends {
                if let Some(prefix) = pointer.get(..end) {
                    set.insert(prefix.to_owned());
                }
            }
        }
        Self(set)
    }

    /// `pointer` if the walk has to go through it.
    fn keep(&self, pointer: String) -> Option<String> {
        self.0.contains(&pointer).then_some(pointer)
    }
}

/// Positions of a JSON text's wanted nodes: a member at its key, an item where it starts.
fn json_positions(text: &str, wanted: &Wanted) -> Option<HashMap<String, (usize, usize)>> {
    use jsonc_parser::common::Ranged;
    use jsonc_parser::{CollectOptions, ParseOptions, ast};
    fn visit(
        value: &ast::Value<'_>,
        pointer: &str,
        wanted: &Wanted,
        lines: &LineIndex<'_>,
        out: &mut HashMap<String, (usize, usize)>,
    ) {
        let mut enter = |child: String, start: usize, value: &ast::Value<'_>| {
            if let Some(child) = wanted.keep(child) {
                out.entry(child.clone()).or_insert_with(|| lines.position(start));
                visit(value, &child, wanted, lines, out);
            }
        };
        match value {
            ast::Value::Object(object) => {
                for property in &object.properties {
                    enter(push_str(pointer, property.name.as_str()), property.range.start, &property.value);
                }
            }
            ast::Value::Array(array) => {
                for (index, element) in array.elements.iter().enumerate() {
                    enter(push(pointer, index), element.range().start, element);
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
    visit(&root, "#", wanted, &lines, &mut out);
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

/// An open collection of the YAML walk; `pointer` is `None` for one no wanted pointer runs
/// through, whose contents are skipped.
enum Frame {
    Mapping { pointer: Option<String>, key: Option<String>, at_value: bool },
    Sequence { pointer: Option<String>, index: usize },
}

struct Recorder<'w> {
    wanted: &'w Wanted,
    stack: Vec<Frame>,
    positions: HashMap<String, (usize, usize)>,
}

impl<'w> Recorder<'w> {
    fn new(wanted: &'w Wanted) -> Self {
        Self { wanted, stack: Vec::new(), positions: HashMap::new() }
    }

    /// The pointer of a wanted node starting now; `None` for a mapping key or a node not wanted.
    fn node_pointer(&mut self, key_text: Option<&str>, mark: Marker) -> Option<String> {
        let at = (mark.line(), mark.col() + 1);
        let positions = &mut self.positions;
        let mut record = |pointer: String| {
            positions.entry(pointer.clone()).or_insert(at);
            pointer
        };
        match self.stack.last_mut() {
            None => Some(record("#".into())),
            Some(Frame::Mapping { pointer, key, at_value }) if !*at_value => {
                // A key: its own position locates its value best.
                *at_value = true;
                let child = pointer.as_deref().map(|pointer| push_str(pointer, key_text.unwrap_or_default()));
                *key = child.and_then(|child| self.wanted.keep(child)).map(record);
                None
            }
            Some(Frame::Mapping { key, at_value, .. }) => {
                *at_value = false;
                key.take()
            }
            Some(Frame::Sequence { pointer, index }) => {
                let child = pointer.as_deref().map(|pointer| push(pointer, *index));
                *index += 1;
                child.and_then(|child| self.wanted.keep(child)).map(record)
            }
        }
    }
}

impl MarkedEventReceiver for Recorder<'_> {
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
                let pointer = self.node_pointer(None, mark);
                self.stack.push(Frame::Mapping { pointer, key: None, at_value: false });
            }
            Event::SequenceStart(..) => {
                let pointer = self.node_pointer(None, mark);
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
        Locator::new(text, [pointer]).resolve(&mut d);
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
    fn only_the_way_to_the_pointers_is_indexed() {
        let yaml = "a:\n  b: 1\n  c: [x, {d: 2}]\ne:\n  f: 3\n";
        let json = "{\"a\": {\"b\": 1, \"c\": [\"x\", {\"d\": 2}]}, \"e\": {\"f\": 3}}";
        for text in [yaml, json] {
            let locator = Locator::new(text, ["#/a/c/1/d", "#/a/zzz"]);
            let mut indexed: Vec<&str> = locator.positions.keys().map(String::as_str).collect();
            indexed.sort_unstable();
            assert_eq!(indexed, ["#", "#/a", "#/a/c", "#/a/c/1", "#/a/c/1/d"], "{text}");
        }
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
