//! The files a spec was read from, and the map from the bundled document back to them, so every
//! diagnostic (the loader's own, and lowering's, which only sees bundled pointers) names the file,
//! pointer, line and column the user wrote.

use std::collections::HashMap;
use std::rc::Rc;

use indexmap::IndexMap;

use super::input;
use crate::diagnostics::Diagnostic;
use crate::locate::Locator;

/// Where a bundled node came from: a file (root-relative) and a pointer in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: Rc<str>,
    pub pointer: String,
}

/// Every file read, in reading order, and the origins of bundled subtrees.
#[derive(Debug, Default)]
pub struct Sources {
    /// Root-relative path of the entry file.
    pub entry: Rc<str>,
    /// How the user named the entry file.
    pub entry_display: String,
    /// Text of each file read, by root-relative path, in reading order.
    pub texts: IndexMap<Rc<str>, Rc<str>>,
    /// Bundled pointer of a subtree → where it came from. A pointer without an entry (nor an
    /// ancestor with one) is the entry file's own node at the same pointer.
    pub origins: HashMap<String, Origin>,
}

impl Sources {
    /// How the user names a file.
    pub fn display(&self, file: &str) -> String {
        input::display_name(&self.entry_display, &self.entry, file)
    }

    /// Where a bundled pointer came from.
    pub fn origin(&self, bundled: &str) -> Origin {
        let mut prefix = bundled;
        loop {
            if let Some(origin) = self.origins.get(prefix) {
                let rest = bundled.get(prefix.len()..).unwrap_or_default();
                return Origin { file: origin.file.clone(), pointer: format!("{}{rest}", origin.pointer) };
            }
            match prefix.rfind('/') {
                Some(at) => prefix = prefix.get(..at).unwrap_or_default(),
                None => return Origin { file: self.entry.clone(), pointer: bundled.to_owned() },
            }
        }
    }

    /// Gives diagnostics of the bundled document (those without a file) their origin, then fills
    /// in file names, lines and columns. Each file is indexed at most once, only if needed, and
    /// only along the pointers of its diagnostics.
    pub fn locate(&self, diagnostics: &mut [Diagnostic]) {
        let files: Vec<Rc<str>> = diagnostics
            .iter_mut()
            .map(|diagnostic| match &diagnostic.file {
                Some(file) => Rc::from(file.as_str()),
                None => {
                    let origin = self.origin(&diagnostic.pointer);
                    diagnostic.pointer = origin.pointer;
                    origin.file
                }
            })
            .collect();
        let mut wanted: HashMap<&Rc<str>, Vec<&str>> = HashMap::new();
        for (diagnostic, file) in diagnostics.iter().zip(&files) {
            if diagnostic.line.is_none() && self.texts.contains_key(file) {
                wanted.entry(file).or_default().push(diagnostic.pointer.as_str());
            }
        }
        let locators: HashMap<&Rc<str>, Locator> = wanted
            .into_iter()
            .filter_map(|(file, pointers)| Some((file, Locator::new(self.texts.get(file)?, pointers))))
            .collect();
        for (diagnostic, file) in diagnostics.iter_mut().zip(&files) {
            if diagnostic.line.is_none()
                && let Some(locator) = locators.get(file)
            {
                locator.resolve(diagnostic);
            }
            diagnostic.file = Some(self.display(file));
        }
    }

    /// All texts in reading order; a single-file spec is its one text.
    pub fn hash_input(&self) -> String {
        match self.texts.len() {
            1 => self.texts.values().next().map(|t| t.to_string()).unwrap_or_default(),
            _ => self.texts.iter().map(|(path, text)| format!("{path}\n{}\n{text}\n", text.len())).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_follow_the_longest_prefix() {
        let mut sources =
            Sources { entry: "openapi.yaml".into(), entry_display: "api/openapi.yaml".into(), ..Default::default() };
        let pet = Origin { file: "schemas/Pet.yaml".into(), pointer: "#".into() };
        sources.origins.insert("#/components/schemas/Pet".into(), pet);
        let origin = sources.origin("#/components/schemas/Pet/properties/id");
        assert_eq!((&*origin.file, origin.pointer.as_str()), ("schemas/Pet.yaml", "#/properties/id"));
        let origin = sources.origin("#/paths/~1a");
        assert_eq!((&*origin.file, origin.pointer.as_str()), ("openapi.yaml", "#/paths/~1a"));
    }

    #[test]
    fn lowering_diagnostics_are_located_in_their_file() {
        let mut sources =
            Sources { entry: "openapi.yaml".into(), entry_display: "api/openapi.yaml".into(), ..Default::default() };
        sources.texts.insert("openapi.yaml".into(), "openapi: 3.1.0\n".into());
        sources.texts.insert("schemas/Pet.yaml".into(), "type: object\nproperties:\n  id: {type: integer}\n".into());
        sources
            .origins
            .insert("#/components/schemas/Pet".into(), Origin { file: "schemas/Pet.yaml".into(), pointer: "#".into() });
        let mut diagnostics = [Diagnostic::new("#/components/schemas/Pet/properties/id", "bad")];
        sources.locate(&mut diagnostics);
        let [found] = &diagnostics;
        assert_eq!(found.file.as_deref(), Some("api/schemas/Pet.yaml"));
        assert_eq!((found.pointer.as_str(), found.line, found.column), ("#/properties/id", Some(3), Some(3)));
    }
}
