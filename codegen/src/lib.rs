//! OpenAPI 3.0/3.1 → a typed, self-contained Rust client crate.
//!
//! `load` (files → one bundled, 3.0-shaped openapiv3 document) → `lower` (→ [`model::Api`]) →
//! `emit` (→ laid-out text for the types, requests and methods, token streams for the small
//! whole files) → `render` (prettyplease for the tokens, tera). [`generate`] is the one entry
//! point: a spec (text, path, or files through a reader) in, files and warnings out.

pub mod diagnostics;
pub mod diff;
mod emit;
mod load;
mod locate;
mod lower;
pub mod model;
mod parallel;
mod render;

pub use diagnostics::{Diagnostic, Error, Severity};
pub use load::{Spec, SpecReader};

use std::path::PathBuf;

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the crate root, `/`-separated (e.g. `src/types.rs`).
    pub path: String,
    pub contents: String,
}

/// What [`generate`] made: the crate's files, and the spec defects it repaired on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub files: Vec<GeneratedFile>,
    /// Located warnings (defects whose meaning was clear); empty for a clean spec.
    pub warnings: Vec<Diagnostic>,
}

/// How to generate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Name of the spec in diagnostics (usually its path).
    pub source_name: String,
    /// Package name; default: the spec's `x-rust-crate`, else derived from `info.title`.
    pub crate_name: Option<String>,
    /// Package version; default: the spec's `x-rust-crate-version`, else `0.1.0`.
    pub crate_version: Option<String>,
    /// Package description; default: made from `info.title` and `info.version`.
    pub crate_description: Option<String>,
    /// SPDX license expression; default: the spec's `info.license` when it is one.
    pub license: Option<String>,
    /// Turn every warning into an error.
    pub strict: bool,
    /// The directory `$ref`s may read files from; default: the entry file's directory.
    pub refs_root: Option<PathBuf>,
}

/// A spec loaded and lowered, with the loader's warnings.
struct Lowered {
    api: model::Api,
    loaded: load::Loaded,
}

fn lower_loaded(spec: Spec<'_>, options: &Options) -> Result<Lowered, Error> {
    let mut loaded = load::load(spec, &load_options(options))?;
    let package = lower::PackageOptions {
        name: options.crate_name.as_deref(),
        version: options.crate_version.as_deref(),
        description: options.crate_description.as_deref(),
        license: options.license.as_deref(),
    };
    match lower::lower(&loaded, &package) {
        Ok(lower::Lowered { api, mut warnings }) => {
            loaded.locate(&mut warnings);
            if options.strict && !warnings.is_empty() {
                for warning in &mut warnings {
                    warning.severity = Severity::Error;
                }
                return Err(Error { source_name: loaded.sources.entry_display.clone(), diagnostics: warnings });
            }
            loaded.warnings.extend(warnings);
            Ok(Lowered { api, loaded })
        }
        Err(mut diagnostics) => {
            loaded.locate(&mut diagnostics);
            diagnostics.extend(loaded.warnings.iter().cloned());
            Err(Error { source_name: loaded.sources.entry_display.clone(), diagnostics })
        }
    }
}

/// What loading a spec found (without lowering or generating anything).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// `3.0` or `3.1`: the version the spec declared (3.1 is normalised into the 3.0 shape).
    pub version: &'static str,
    /// `info.summary` (3.1).
    pub summary: Option<String>,
    /// `info.license.identifier`, an SPDX expression (3.1).
    pub license_identifier: Option<String>,
    /// Operations in the bundled document.
    pub operations: usize,
    /// Schemas in the bundled document's `components.schemas` (hoisted ones included).
    pub schemas: usize,
    /// Files read (1 for a single-file spec).
    pub files: usize,
    /// Located warnings.
    pub warnings: Vec<Diagnostic>,
}

/// Loads a spec (reads, bundles, normalises, repairs) without lowering it: what a spec checker needs.
pub fn check_spec(spec: Spec<'_>, options: &Options) -> Result<Checked, Error> {
    let loaded = load::load(spec, &load_options(options))?;
    Ok(Checked {
        version: match loaded.version {
            load::Version::V30 => "3.0",
            load::Version::V31 => "3.1",
        },
        summary: loaded.summary,
        license_identifier: loaded.license_identifier,
        operations: loaded.doc.operations().count(),
        schemas: loaded.doc.components.as_ref().map_or(0, |c| c.schemas.len()),
        files: loaded.sources.texts.len(),
        warnings: loaded.warnings,
    })
}

fn load_options(options: &Options) -> load::LoadOptions<'_> {
    load::LoadOptions {
        source_name: &options.source_name,
        refs_root: options.refs_root.as_deref(),
        strict: options.strict,
    }
}

/// Lowers a spec into the intermediate model, or reports every problem with its location.
pub fn lower_spec(spec: Spec<'_>, options: &Options) -> Result<model::Api, Error> {
    lower_loaded(spec, options).map(|lowered| lowered.api)
}

/// Generates the complete client crate for a spec. Pure except for reading the spec's files
/// (through the reader for [`Spec::Files`], from disk for [`Spec::Path`]); writes nothing.
pub fn generate(spec: Spec<'_>, options: &Options) -> Result<Generated, Error> {
    let Lowered { api, loaded } = lower_loaded(spec, options)?;
    let spec_hash = render::content_hash(&loaded.sources.hash_input());
    // The typed document and the texts are not needed to emit: freed now, their memory takes
    // the emitted code instead of fresh pages.
    let load::Loaded { doc, sources, warnings, .. } = loaded;
    drop(doc);
    let source_name = sources.entry_display.clone();
    drop(sources);
    let files = emit::emit(&api, &spec_hash)
        .map_err(|message| Error { source_name, diagnostics: vec![Diagnostic::internal(message)] })?;
    Ok(Generated { files, warnings })
}
