//! OpenAPI 3.0 → a typed, self-contained Rust client crate.
//!
//! `load` (YAML/JSON → openapiv3) → `lower` (→ [`model::Api`]) → `emit` (→ token streams)
//! → `render` (prettyplease, tera). [`generate`] is the one entry point: spec text in, files out.

pub mod diagnostics;
pub mod diff;
mod emit;
mod load;
mod locate;
mod lower;
pub mod model;
mod render;

pub use diagnostics::{Diagnostic, Error};

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the crate root, `/`-separated (e.g. `src/types.rs`).
    pub path: String,
    pub contents: String,
}

/// How to generate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Name of the spec in diagnostics (usually its path).
    pub source_name: String,
    /// Package name; default: the spec's `x-rust-crate`, else derived from `info.title`.
    pub crate_name: Option<String>,
}

/// Lowers a spec into the intermediate model, or reports every problem with its location.
pub fn lower_spec(spec_text: &str, options: &Options) -> Result<model::Api, Error> {
    let loaded = load::load(&options.source_name, spec_text)?;
    lower::lower(&loaded, options.crate_name.as_deref())
        .map(|lowered| {
            // Lowering's warnings reach the caller once the loader's warning output lands.
            drop(lowered.warnings);
            lowered.api
        })
        .map_err(|mut diagnostics| {
            let locator = locate::Locator::new(spec_text);
            for d in &mut diagnostics {
                locator.resolve(d);
            }
            Error { source_name: options.source_name.clone(), diagnostics }
        })
}

/// Generates the complete client crate for a spec. Pure: reads nothing, writes nothing.
pub fn generate(spec_text: &str, options: &Options) -> Result<Vec<GeneratedFile>, Error> {
    let api = lower_spec(spec_text, options)?;
    let spec_hash = render::content_hash(spec_text);
    emit::emit(&api, &spec_hash).map_err(|message| Error {
        source_name: options.source_name.clone(),
        diagnostics: vec![Diagnostic::new("#", message)],
    })
}
