//! Generating one corpus spec and measuring what came out.

use std::path::Path;
use std::time::{Duration, Instant};

use codegen::model::{Api, ReplyBody, TypeKind, TypeRef};

use super::specs::Spec;
use crate::write;

/// What generating one spec gave.
pub struct Measured {
    /// `3.0` or `3.1`.
    pub version: &'static str,
    pub files_read: usize,
    pub operations: usize,
    /// The wall time of `codegen::generate` alone (reading, lowering, emitting, formatting).
    pub generation: Duration,
    /// Lines of Rust in the crate, and the same without the copied runtime.
    pub lines: usize,
    pub lines_without_runtime: usize,
    /// Places in the public API typed as free-form JSON (`serde_json::Value`).
    pub json_values: Vec<String>,
    /// Spec defects the generator repaired (located warnings).
    pub warnings: usize,
}

fn options(spec: &Spec) -> codegen::Options {
    codegen::Options {
        source_name: spec.name.clone(),
        crate_name: Some(format!("corpus-{}", spec.slug)),
        refs_root: spec.refs_root.clone(),
        ..codegen::Options::default()
    }
}

/// Generates the crate of `spec` into `out` and measures it; the error is the first line of
/// the generator's report (or why the crate could not be written).
pub fn generate(spec: &Spec, out: &Path) -> Result<Measured, String> {
    let options = options(spec);
    let input = codegen::Spec::Path(&spec.path);
    let started = Instant::now();
    let generated = codegen::generate(input, &options).map_err(|error| first_problem(&error))?;
    let generation = started.elapsed();
    let checked = codegen::check_spec(input, &options).map_err(|error| first_problem(&error))?;
    let api = codegen::lower_spec(input, &options).map_err(|error| first_problem(&error))?;
    let rust = generated.files.iter().filter(|file| file.path.ends_with(".rs"));
    let lines = rust.clone().map(|file| file.contents.lines().count()).sum();
    let lines_without_runtime =
        rust.filter(|file| !file.path.starts_with("src/runtime/")).map(|file| file.contents.lines().count()).sum();
    write::write_tree(out, &generated.files)?;
    Ok(Measured {
        version: checked.version,
        files_read: checked.files,
        operations: api.operations.len(),
        generation,
        lines,
        lines_without_runtime,
        json_values: json_values(&api),
        warnings: generated.warnings.len(),
    })
}

/// Generates a tiny spec once, so that the first row's time does not include starting the
/// generator's thread pool.
pub fn warm_up() {
    let tiny = "openapi: 3.0.3\ninfo: {title: warm-up, version: '1'}\npaths: {}\n";
    let _ = codegen::generate(codegen::Spec::Text(tiny), &codegen::Options::default());
}

fn first_problem(error: &codegen::Error) -> String {
    let count = error.diagnostics.len();
    let first = error.to_string().lines().next().unwrap_or_default().to_owned();
    format!("{count} problem(s): {first}")
}

/// Every place of the public API whose type spells `serde_json::Value` somewhere (a field, a
/// map of the other keys, an alias, a union alternative, an error reply, a parameter, a body,
/// a reply), named after the type or operation it belongs to.
fn json_values(api: &Api) -> Vec<String> {
    let mut places = Vec::new();
    let mut note = |place: String, ty: &TypeRef| {
        for _ in 0..json_count(ty) {
            places.push(place.clone());
        }
    };
    for def in &api.types {
        let name = def.name.as_str();
        match &def.kind {
            TypeKind::Struct(fields) => {
                for field in &fields.fields {
                    note(format!("{name}.{}", field.wire_name), &field.ty);
                }
                if let Some(additional) = &fields.additional {
                    note(format!("{name}.<other keys>"), &additional.ty);
                }
            }
            TypeKind::Union(union) => {
                for variant in &union.variants {
                    note(format!("{name}::{}", variant.name.as_str()), &variant.ty);
                }
            }
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => note(format!("type {name}"), ty),
            TypeKind::OperationError(variants) => {
                for variant in variants {
                    note(format!("{name}::{}", variant.name.as_str()), &variant.ty);
                }
            }
            TypeKind::OperationReply(variants) => {
                for variant in variants {
                    if let ReplyBody::Json(ty) = &variant.body {
                        note(format!("{name}::{}", variant.name.as_str()), ty);
                    }
                }
            }
            TypeKind::Enum(_) | TypeKind::IntEnum(_) => {}
        }
    }
    for operation in &api.operations {
        let id = &operation.id;
        for param in &operation.params {
            note(format!("{id}({})", param.wire_name), &param.ty);
        }
        if let Some(body) = &operation.body {
            note(format!("{id}(body)"), &body.ty);
        }
        if let Some(reply) = operation.response.decoded() {
            note(format!("{id} -> reply"), &reply);
        }
    }
    places
}

fn json_count(ty: &TypeRef) -> usize {
    match ty {
        TypeRef::Json => 1,
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => {
            json_count(inner)
        }
        TypeRef::Tuple(items) => items.iter().map(json_count).sum(),
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::U64
        | TypeRef::F64
        | TypeRef::Decimal
        | TypeRef::Date
        | TypeRef::DateTime(_)
        | TypeRef::Bytes
        | TypeRef::Named(_) => 0,
    }
}
