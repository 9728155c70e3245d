//! Stage 1: the spec's files → one self-contained OpenAPI 3.0-shaped `openapiv3::OpenAPI`.
//!
//! read and parse the entry (`files`, `parse`, `yaml`) → check the version → bundle external and
//! deep `$ref`s, normalise 3.1 schemas and repair clear defects in one walk (`bundle`,
//! `schema31`, `repair`) → deserialize, repairing node by node what still does not fit
//! (`deserialize`). Every diagnostic is located in the file it came from (`sources`).

mod bundle;
mod deserialize;
mod files;
pub mod input;
mod names;
mod parse;
mod repair;
mod schema31;
mod shape;
mod sources;
mod yaml;
mod yaml_sections;

#[cfg(test)]
mod tests;

use std::path::Path;
use std::rc::Rc;

use serde_json::Value;

pub use input::{Spec, SpecReader};
pub use parse::Version;
pub use sources::Sources;
pub use yaml::events as yaml_events;

use crate::diagnostics::{Diagnostic, Error, Severity};
use files::{FileProblem, Files};

/// A loaded spec, ready for lowering.
pub struct Loaded {
    pub doc: openapiv3::OpenAPI,
    /// The version the spec declared (3.1 documents were normalised into the 3.0 shape).
    pub version: Version,
    /// `info.summary` (3.1 only; openapiv3 has no field for it).
    pub summary: Option<String>,
    /// `info.license.identifier`, an SPDX expression (3.1 only).
    pub license_identifier: Option<String>,
    /// Every file read, and where each bundled node came from.
    pub sources: Sources,
    /// Defects repaired on the way, located.
    pub warnings: Vec<Diagnostic>,
}

impl Loaded {
    /// Locates diagnostics found later (by lowering, on bundled pointers) in the files the
    /// nodes came from.
    pub fn locate(&self, diagnostics: &mut [Diagnostic]) {
        self.sources.locate(diagnostics);
    }
}

/// What loading needs to know besides the spec.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions<'a> {
    /// How the user names the spec (its path, usually).
    pub source_name: &'a str,
    /// The directory `$ref`s may read from (default: the entry file's directory).
    pub refs_root: Option<&'a Path>,
    /// Every warning is an error.
    pub strict: bool,
}

/// Loads a spec, or reports every problem found with its location.
pub fn load(spec: Spec<'_>, options: &LoadOptions<'_>) -> Result<Loaded, Error> {
    let display = if options.source_name.is_empty() { None } else { Some(options.source_name) };
    let fail =
        |name: &str, diagnostic: Diagnostic| Error { source_name: name.to_owned(), diagnostics: vec![diagnostic] };
    let dir_reader;
    let (reader, entry, entry_text): (Option<&dyn SpecReader>, String, Option<&str>) = match spec {
        Spec::Text(text) => (None, display.unwrap_or("spec").to_owned(), Some(text)),
        Spec::Path(path) => {
            let name = display.map(str::to_owned).unwrap_or_else(|| path.display().to_string());
            let root = match options.refs_root {
                Some(root) => root.to_path_buf(),
                None => match path.parent() {
                    Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                    _ => Path::new(".").to_path_buf(),
                },
            };
            dir_reader = input::DirReader::new(&root).map_err(|e| fail(&name, Diagnostic::new("#", e)))?;
            let entry = dir_reader.entry(path).map_err(|e| fail(&name, Diagnostic::new("#", e)))?;
            (Some(&dir_reader), entry, None)
        }
        Spec::Files { entry, reader } => {
            let entry = input::resolve("", entry, Some(reader)).unwrap_or_else(|_| entry.to_owned());
            (Some(reader), entry, None)
        }
    };
    let entry: Rc<str> = Rc::from(entry.as_str());
    let entry_display = display.map(str::to_owned).unwrap_or_else(|| entry.to_string());
    let sources = Sources { entry: entry.clone(), entry_display: entry_display.clone(), ..Sources::default() };
    let mut files = Files::new(reader, sources);
    if let Some(text) = entry_text {
        files.insert_text(entry.clone(), text);
    }
    let finish = |files: &Files<'_>, mut diagnostics: Vec<Diagnostic>| {
        files.sources.locate(&mut diagnostics);
        diagnostics.sort_by_key(|d| d.severity);
        Error { source_name: entry_display.clone(), diagnostics }
    };

    let root = match files.tree(&entry) {
        Ok(root) => root,
        Err(FileProblem::Unreadable(why)) => {
            return Err(fail(&entry_display, Diagnostic::new("#", format!("cannot read the spec: {why}"))));
        }
        Err(FileProblem::Invalid(diagnostic)) => return Err(finish(&files, vec![diagnostic])),
    };
    let mut diagnostics = Vec::new();
    let version = match parse::version(&root, &mut diagnostics) {
        Ok(version) => version,
        Err(error) => {
            diagnostics.insert(0, error);
            return Err(finish(&files, diagnostics));
        }
    };
    let info = root.get("info");
    let text_at = |pointer: &str| info.and_then(|i| i.pointer(pointer)).and_then(Value::as_str).map(str::to_owned);
    let summary = text_at("/summary");
    let license_identifier = text_at("/license/identifier");

    let mut bundler = bundle::Bundler::new(files, version);
    let mut doc = bundler.bundle(&root);
    diagnostics.append(&mut bundler.diagnostics);
    // The parsed files are not needed past bundling: freed now, their memory takes the typed
    // document instead of fresh pages (which the kernel has to zero).
    drop(root);
    let mut files = bundler.files;
    files.forget_trees();
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(finish(&files, diagnostics));
    }
    let mut later = Vec::new();
    let parsed = deserialize::openapi(&mut doc, &mut later);
    diagnostics.append(&mut later);
    let doc = match parsed {
        Ok(doc) => doc,
        Err(error) => {
            diagnostics.insert(0, error);
            return Err(finish(&files, diagnostics));
        }
    };
    if options.strict && !diagnostics.is_empty() {
        for diagnostic in &mut diagnostics {
            diagnostic.severity = Severity::Error;
        }
        return Err(finish(&files, diagnostics));
    }
    let mut warnings = diagnostics;
    files.sources.locate(&mut warnings);
    Ok(Loaded { doc, version, summary, license_identifier, sources: files.sources, warnings })
}
