//! A big YAML file read on several threads, one run of mapping entries each.
//!
//! Specs of several megabytes (Stripe's is 4 MB) are block mappings whose entries start at the
//! left margin (`components:`, `paths:`), and whose biggest entries are block mappings of
//! their own (`/v1/charges:` at two spaces). Each run of entries is a valid YAML document by
//! itself, so the runs are parsed at once and their mappings joined in order.
//!
//! The split trusts nothing it has not checked: a run that does not parse on its own, yields no
//! mapping, or uses anchors or aliases (which may reach across runs) makes the caller parse
//! the whole text as one document, which also gives errors their true position.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::yaml::{Builder, events};

/// Files smaller than this are parsed as one document: threads would cost more than they save.
const SPLIT_FROM: usize = 512 * 1024;

/// One piece of the document: a run of entries of one mapping.
struct Piece<'a> {
    text: &'a str,
    /// The keys leading to the mapping the entries belong to (empty for the top level).
    path: Vec<String>,
}

/// The document parsed in pieces, or `None` when it must be parsed whole.
pub fn parse(text: &str) -> Option<Value> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(8);
    if text.len() < SPLIT_FROM || threads < 2 {
        return None;
    }
    parse_on(text, threads, text.len() / (threads * 4))
}

/// The document cut into pieces of about `size` bytes, parsed on `threads` threads.
fn parse_on(text: &str, threads: usize, size: usize) -> Option<Value> {
    let pieces = pieces(text, size)?;
    let parsed = crate::parallel::map(&pieces, threads, mapping)?;
    join(&pieces, parsed)
}

/// A piece's mapping, if it parses alone into one, without anchors or aliases.
fn mapping(piece: &Piece<'_>) -> Option<Map<String, Value>> {
    let (builder, outcome) = events(piece.text, || Builder::at_depth(piece.path.len()));
    outcome.ok()?;
    match builder.finish_alone()? {
        Value::Object(map) if !map.is_empty() => Some(map),
        _ => None,
    }
}

/// The pieces' mappings put together in document order. A key given twice in one mapping is
/// left to the whole parse.
fn join(pieces: &[Piece<'_>], parsed: Vec<Option<Map<String, Value>>>) -> Option<Value> {
    let mut root = Map::new();
    // The mappings made here to hold the pieces cut from them.
    let mut containers: HashSet<&[String]> = HashSet::new();
    for (piece, map) in pieces.iter().zip(parsed) {
        let mut target = &mut root;
        for depth in 1..=piece.path.len() {
            let key = piece.path.get(depth - 1)?;
            let inside = piece.path.get(..depth)?;
            if !target.contains_key(key) {
                containers.insert(inside);
                target.insert(key.clone(), Value::Object(Map::new()));
            } else if !containers.contains(inside) {
                return None;
            }
            target = target.get_mut(key)?.as_object_mut()?;
        }
        for (key, value) in map? {
            if target.insert(key, value).is_some() {
                return None;
            }
        }
    }
    Some(Value::Object(root))
}

/// Mappings deeper than this are not cut (no spec needs it), so deeper lines need no look.
const DEEPEST: usize = 16;

/// A line that starts within [`DEEPEST`] spaces of the margin and holds more than a comment.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    indent: usize,
}

/// The text's lines that may start an entry, found in one pass (a line at a time would cost
/// more than the parse saves).
fn shallow_lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|newline| newline + 1));
    starts
        .filter_map(|start| {
            let rest = bytes.get(start..)?;
            let indent = rest.iter().take(DEEPEST + 1).take_while(|byte| **byte == b' ').count();
            match rest.get(indent) {
                None | Some(b'#' | b'\r' | b'\n') => None,
                Some(_) if indent > DEEPEST => None,
                Some(_) => Some(Line { start, indent }),
            }
        })
        .collect()
}

/// Whether a line whose text from its indentation on is `rest` starts a mapping entry with a
/// plain or quoted key. Anything else there (`-`, `?`, a flow closer, a tag, an anchor, a
/// merge key, a tab, a document marker) makes the split give up. A line inside a quoted
/// scalar or flow collection that only looks like a key leaves the piece before it
/// unterminated, so that piece fails and the whole text is parsed instead.
fn starts_key(rest: &str) -> bool {
    let Some(first) = rest.chars().next() else { return false };
    !(first.is_whitespace() || "-?:,[]{}#&*!|>%@`<\u{feff}".contains(first) || rest.starts_with("..."))
}

/// Cuts the text into pieces of about `size` bytes, or `None` when it is not a block mapping
/// whose entries all start with keys at the left margin.
fn pieces(text: &str, size: usize) -> Option<Vec<Piece<'_>>> {
    let lines = shallow_lines(text);
    // Deep lines before the first shallow one would be lost: only comments may stand there.
    if !only_filler(text.get(..lines.first()?.start)?) {
        return None;
    }
    let mut cutter = Cutter { text, lines: &lines, size, pieces: Vec::new() };
    cutter.mapping(0, lines.len(), 0, &mut Vec::new())?;
    (cutter.pieces.len() > 1).then_some(cutter.pieces)
}

struct Cutter<'text, 'lines> {
    text: &'text str,
    lines: &'lines [Line],
    size: usize,
    pieces: Vec<Piece<'text>>,
}

impl Cutter<'_, '_> {
    /// Where line `index` of the shallow lines starts (the text's end past the last).
    fn byte(&self, index: usize) -> usize {
        self.lines.get(index).map_or(self.text.len(), |line| line.start)
    }

    /// The text of line `index` after its indentation, up to the end of the line.
    fn rest(&self, index: usize) -> Option<&str> {
        let line = self.lines.get(index)?;
        let rest = self.text.get(line.start + line.indent..)?;
        Some(rest.split_inclusive('\n').next().unwrap_or(rest))
    }

    /// Cuts the block mapping on shallow lines `from..to`, whose entries start at `indent`:
    /// runs of small entries become pieces, and a big entry whose value is a block mapping is
    /// cut in turn. `None` when the text there is not such a mapping.
    fn mapping(&mut self, from: usize, to: usize, indent: usize, path: &mut Vec<String>) -> Option<()> {
        let mut starts = Vec::new();
        for index in from..to {
            let line = self.lines.get(index)?;
            if line.indent > indent {
                continue;
            }
            if line.indent < indent || !starts_key(self.rest(index)?) {
                return None;
            }
            starts.push(index);
        }
        let mut run = from;
        for (position, &start) in starts.iter().enumerate() {
            let end = starts.get(position + 1).copied().unwrap_or(to);
            let big = self.byte(end) - self.byte(start) > self.size;
            let inner = if big { self.inner_indent(start, end) } else { None };
            if let Some((key, inner_indent)) = inner {
                self.push(run, start, path)?;
                path.push(key);
                self.mapping(start + 1, end, inner_indent, path)?;
                path.pop();
                run = end;
            } else if self.byte(end) - self.byte(run) >= self.size {
                self.push(run, end, path)?;
                run = end;
            }
        }
        self.push(run, to, path)
    }

    /// For the entry on shallow lines `start..end` that reads `key:` and holds a block
    /// mapping: its key and the mapping's indentation.
    fn inner_indent(&self, start: usize, end: usize) -> Option<(String, usize)> {
        let head = self.rest(start)?;
        let key = head_key(head)?;
        let here = self.lines.get(start)?.indent;
        let body = self.lines.get(start + 1..end)?.first()?;
        // The mapping starts at its first shallow line: only comments may come before it.
        let after_head = self.byte(start) + here + head.len();
        let gap = self.text.get(after_head..body.start)?;
        (body.indent > here && only_filler(gap)).then_some((key, body.indent))
    }

    /// Shallow lines `from..to` (with the deeper lines among them) as a piece of the mapping at
    /// `path`. Comments and blank lines before the first entry go with it; with no entry, there
    /// is no piece.
    fn push(&mut self, from: usize, to: usize, path: &[String]) -> Option<()> {
        if from < to {
            let text = self.text.get(self.byte(from)..self.byte(to))?;
            self.pieces.push(Piece { text, path: path.to_vec() });
        }
        Some(())
    }
}

/// Whether the text holds only blank lines and comments.
fn only_filler(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim_start();
        line.is_empty() || line.starts_with('#')
    })
}

/// The key of a line `key:` with nothing after the colon, as YAML reads it.
fn head_key(line: &str) -> Option<String> {
    if !line.trim_end().ends_with(':') {
        return None;
    }
    let (builder, outcome) = events(line, || Builder::at_depth(0));
    outcome.ok()?;
    match builder.finish_alone()? {
        Value::Object(map) if map.len() == 1 => match map.into_iter().next()? {
            (key, Value::Null) => Some(key),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document parsed as one, as `yaml::parse` does when it is not cut.
    fn whole(text: &str) -> Option<Value> {
        let (builder, outcome) = events(text, Builder::default);
        outcome.ok()?;
        builder.finish_alone()
    }

    /// A spec-like document with comments, quoted keys, block scalars, flow collections and
    /// lines deeper than the cut looks at.
    fn spec(paths: usize) -> String {
        let mut text =
            String::from("# A generated spec\n\nopenapi: 3.0.0\ninfo:\n  title: T\n  version: '1'\npaths:\n");
        for index in 0..paths {
            text.push_str(&format!(
                "  '/items/{{id{index}}}':\n    # the item\n    get:\n      description: |\n        Gets item {index}.\n\n        key: not a key\n      \"x-deep\":\n                          depth: {{a: [1, 2]}}\n"
            ));
        }
        text.push_str("components:\n  schemas:\n");
        for index in 0..paths {
            text.push_str(&format!("    Item{index}:\n      type: object\n      required: [id]\n      properties:\n        id: {{type: integer}}\n"));
        }
        text.push_str("security: []\n");
        text
    }

    #[test]
    fn pieces_join_into_what_the_whole_parse_reads() {
        let text = spec(200);
        let pieces = pieces(&text, 1024).expect("cut");
        assert!(pieces.len() > 20, "{}", pieces.len());
        assert!(pieces.iter().any(|piece| piece.path == ["components", "schemas"]));
        let joined = parse_on(&text, 3, 1024).expect("joined");
        assert_eq!(Some(joined), whole(&text));
    }

    #[test]
    fn a_big_file_reads_as_serde_yaml_ng_reads_it() {
        let text = spec(3000);
        assert!(text.len() > SPLIT_FROM);
        let theirs: Value = serde_yaml_ng::from_str(&text).expect("serde_yaml_ng reads it");
        assert_eq!(super::super::yaml::parse(&text).ok(), Some(theirs));
    }

    #[test]
    fn one_piece_is_no_cut() {
        assert!(parse_on(&spec(2), 2, 1 << 20).is_none());
    }

    #[test]
    fn what_may_reach_across_pieces_is_left_to_the_whole_parse() {
        let base = spec(50);
        let anchored = base.replacen("info:\n", "info: &info\n", 1) + "again: *info\n";
        let duplicated = format!("{base}openapi: 3.1.0\n");
        let merged = format!("{base}<<: {{a: 1}}\n");
        let sequence = format!("{base}- item\n");
        let flow_closer = base.replacen("security: []\n", "security: [\n]\n", 1);
        let tab = base.replacen("info:\n", "\tinfo:\n", 1);
        let document_end = format!("{base}...\nlater: 1\n");
        for text in [anchored, duplicated, merged, sequence, flow_closer, tab, document_end] {
            assert_eq!(parse_on(&text, 2, 512), None, "{text}");
        }
    }

    #[test]
    fn a_false_start_inside_a_quoted_scalar_fails_its_piece() {
        let text = spec(50).replacen("  title: T\n", "  title: \"T\nlooks: like a key\"\n", 1);
        assert_eq!(parse_on(&text, 2, 256), None);
    }

    #[test]
    fn deep_lines_before_an_entry_are_not_dropped() {
        let first = format!("{}deep: 1\n{}", " ".repeat(20), spec(50));
        assert_eq!(parse_on(&first, 2, 512), None);
        let gap = spec(50).replacen("paths:\n", "paths:\n                      deep: 1\n", 1);
        assert_eq!(parse_on(&gap, 2, 512), whole(&gap));
    }

    #[test]
    fn the_depth_limit_counts_the_levels_above_a_piece() {
        let deep = format!("{}1{}", "[".repeat(255), "]".repeat(255));
        let text = format!("{}outer:\n  inner: {deep}\n", spec(50));
        assert_eq!(whole(&text), None);
        assert_eq!(parse_on(&text, 2, 128), None);
    }
}
