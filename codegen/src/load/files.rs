//! The files of a spec, read and parsed once each, on first use.

use std::collections::HashMap;
use std::rc::Rc;

use serde_json::Value;

use super::input::SpecReader;
use super::parse;
use super::sources::Sources;
use crate::diagnostics::Diagnostic;

/// Reads through the reader (if any), keeps every text for locating, parses on demand.
pub struct Files<'r> {
    reader: Option<&'r dyn SpecReader>,
    parsed: HashMap<Rc<str>, Result<Rc<Value>, Diagnostic>>,
    pub sources: Sources,
}

/// Why a file cannot be used.
pub enum FileProblem {
    /// It cannot be read (missing, unreadable, or no reader at all).
    Unreadable(String),
    /// It does not parse; the diagnostic is located in that file.
    Invalid(Diagnostic),
}

impl<'r> Files<'r> {
    pub fn new(reader: Option<&'r dyn SpecReader>, sources: Sources) -> Self {
        Self { reader, parsed: HashMap::new(), sources }
    }

    pub fn reader(&self) -> Option<&'r dyn SpecReader> {
        self.reader
    }

    /// Registers a text that did not come through the reader (the entry given as text).
    pub fn insert_text(&mut self, path: Rc<str>, text: &str) {
        self.sources.texts.insert(path, Rc::from(without_bom(text)));
    }

    /// The raw text of a file.
    pub fn text(&mut self, path: &str) -> Result<Rc<str>, FileProblem> {
        if let Some(text) = self.sources.texts.get(path) {
            return Ok(text.clone());
        }
        let Some(reader) = self.reader else {
            return Err(FileProblem::Unreadable("the spec was given as text, so no other file can be read".into()));
        };
        let text: Rc<str> = Rc::from(without_bom(&reader.read(path).map_err(FileProblem::Unreadable)?));
        self.sources.texts.insert(Rc::from(path), text.clone());
        Ok(text)
    }

    /// The parsed tree of a file.
    pub fn tree(&mut self, path: &str) -> Result<Rc<Value>, FileProblem> {
        if let Some(parsed) = self.parsed.get(path) {
            return parsed.clone().map_err(FileProblem::Invalid);
        }
        let text = self.text(path)?;
        let parsed = parse::parse(&text).map(Rc::new).map_err(|d| Diagnostic { file: Some(path.to_owned()), ..d });
        self.parsed.insert(Rc::from(path), parsed.clone());
        parsed.map_err(FileProblem::Invalid)
    }

    /// Puts `tree` in place of the parsed tree of `path` (the entry file with its index
    /// sections expanded), so that references into it see what is bundled.
    pub fn replace_tree(&mut self, path: &Rc<str>, tree: Value) {
        self.parsed.insert(path.clone(), Ok(Rc::new(tree)));
    }

    /// Drops the parsed trees (the texts stay, for locating).
    pub fn forget_trees(&mut self) {
        self.parsed = HashMap::new();
    }

    /// The shared name of a path already read (so origins do not copy strings).
    pub fn key(&self, path: &str) -> Rc<str> {
        self.sources.texts.get_key_value(path).map(|(key, _)| key.clone()).unwrap_or_else(|| Rc::from(path))
    }
}

/// The text after a UTF-8 byte order mark, which editors on Windows put at the start of JSON
/// files as well as YAML ones (JSON parsers refuse it).
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}
