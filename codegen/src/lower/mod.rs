//! Stage 2: `openapiv3::OpenAPI` → `model::Api`.
//!
//! Resolves `$ref`s, names inline schemas deterministically, validates vendor extensions and
//! decides every mapping. Problems are collected, not raised, so one run reports them all.

mod docs;
mod extensions;
mod names;
mod operations;
mod recursion;
mod schemas;

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr};

use crate::diagnostics::{Diagnostic, Sink};
use crate::load::Loaded;
use crate::model::{Api, Features, TypeDef, TypeKind, TypeRef};
pub use docs::code;
use names::Namer;
pub use names::{bare, pascal, snake};

/// Names the generated crate itself defines; spec types that would clash get a suffix.
const RUNTIME_NAMES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Auth",
    "ServiceAccount",
    "RetryPolicy",
    "Error",
    "ErrorCode",
    "ApiErrorDetail",
    "Result",
    "Option",
    "Vec",
    "String",
    "Box",
    "Page",
    "Call",
    "ApiConfig",
];

pub(crate) struct Lowerer<'a> {
    doc: &'a OpenAPI,
    sink: Sink,
    namer: Namer,
    /// Component schema key → Rust type name.
    components: IndexMap<String, String>,
    /// Every named type defined so far.
    types: BTreeMap<String, TypeDef>,
    /// Inline schemas already named, by node address: the same node reached again (through an
    /// `allOf` that refers back to its owner) gets the same type instead of a new one forever.
    inline_names: std::collections::HashMap<usize, String>,
    /// How deep the current schema walk is, to stop pathological nesting with an error.
    depth: usize,
    /// Operation error enums by content (statuses and types), so operations documenting the
    /// same error replies share one enum (the others get an alias).
    error_types: std::collections::HashMap<String, String>,
    features: Features,
}

/// Lowers a loaded spec, or returns every problem found.
pub fn lower(loaded: &Loaded, crate_name_override: Option<&str>) -> Result<Api, Vec<Diagnostic>> {
    let mut lw = Lowerer {
        doc: &loaded.doc,
        sink: Sink::default(),
        namer: Namer::default(),
        components: IndexMap::new(),
        types: BTreeMap::new(),
        inline_names: std::collections::HashMap::new(),
        depth: 0,
        error_types: std::collections::HashMap::new(),
        features: Features::default(),
    };
    for name in RUNTIME_NAMES {
        lw.namer.reserve(name);
    }
    lw.name_components();
    lw.define_components();
    let operations = lw.operations();
    let auth = lw.auth();
    let errors = lw.error_model();
    let crate_name = lw.crate_name(crate_name_override);

    let mut types: Vec<TypeDef> = std::mem::take(&mut lw.types).into_values().collect();
    schemas::see_through_aliases(&mut types);
    recursion::box_cycles(&mut types);
    recursion::box_union_structs(&mut types);
    lw.note_features(&types, &operations);

    if !lw.sink.items.is_empty() {
        return Err(lw.sink.items);
    }
    let info = &lw.doc.info;
    Ok(Api {
        crate_name,
        title: info.title.clone(),
        spec_version: info.version.clone(),
        description: info.description.clone(),
        default_base_url: lw.doc.servers.first().map(|s| s.url.trim_end_matches('/').to_owned()),
        types,
        operations,
        auth,
        errors,
        features: lw.features,
    })
}

impl<'a> Lowerer<'a> {
    fn name_components(&mut self) {
        let Some(components) = &self.doc.components else { return };
        for key in components.schemas.keys() {
            // A name that already is a Rust type name is kept as the spec spells it (`APIError`).
            let mut name = if is_type_name(key) { key.clone() } else { pascal(key) };
            if RUNTIME_NAMES.contains(&name.as_str()) {
                name.push_str("Model");
            }
            let name = self.namer.unique(name);
            self.components.insert(key.clone(), name);
        }
    }

    fn define_components(&mut self) {
        let Some(components) = &self.doc.components else { return };
        for (key, schema) in &components.schemas {
            let Some(name) = self.components.get(key).cloned() else { continue };
            let ptr = crate::diagnostics::push("#/components/schemas", key);
            self.define_named(&name, schema, &ptr);
        }
    }

    fn crate_name(&mut self, overridden: Option<&str>) -> String {
        if let Some(name) = overridden {
            return name.to_owned();
        }
        match self.doc.extensions.get("x-rust-crate") {
            Some(serde_json::Value::String(s)) if is_crate_name(s) => s.clone(),
            Some(other) => {
                self.sink.error(
                    "#/x-rust-crate",
                    format!("`x-rust-crate` must be a crate name (ASCII letters, digits, `-`, `_`), found {other}"),
                );
                String::new()
            }
            None => {
                let slug = snake(&self.doc.info.title).trim_start_matches("r#").replace('_', "-");
                let slug = if slug.is_empty() { "api".to_owned() } else { slug };
                format!("{slug}-client")
            }
        }
    }

    fn note_features(&mut self, types: &[TypeDef], ops: &[crate::model::Operation]) {
        fn visit(f: &mut Features, t: &TypeRef) {
            match t {
                TypeRef::Decimal => f.decimal = true,
                TypeRef::Date | TypeRef::DateTime(_) => f.time = true,
                TypeRef::List(i) | TypeRef::Map(i) | TypeRef::Boxed(i) => visit(f, i),
                _ => {}
            }
        }
        let f = &mut self.features;
        for t in types {
            match &t.kind {
                TypeKind::Struct(s) => {
                    for field in &s.fields {
                        visit(f, &field.ty);
                    }
                    if let Some(a) = &s.additional {
                        visit(f, a);
                    }
                }
                TypeKind::Union(u) => u.variants.iter().for_each(|v| visit(f, &v.ty)),
                TypeKind::Alias(a) => visit(f, a),
                TypeKind::OperationError(v) => v.iter().for_each(|e| visit(f, &e.ty)),
                TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => {}
            }
        }
        for op in ops {
            for p in &op.params {
                visit(f, &p.ty);
            }
            if op.pagination.is_some() {
                f.paging = true;
            }
        }
    }

    /// Follows a `$ref` into `components.<section>`, returning the target's key.
    fn ref_key<'r>(&mut self, reference: &'r str, section: &str, ptr: &str) -> Option<&'r str> {
        let prefix = format!("#/components/{section}/");
        match reference.strip_prefix(&prefix) {
            Some(key) if !key.is_empty() => Some(key),
            _ => {
                let what = if reference.starts_with('#') {
                    format!("`$ref: {reference}` must point into `#/components/{section}/`")
                } else {
                    format!("external `$ref: {reference}` is not supported; bundle the spec into one file first")
                };
                self.sink.error(ptr, what);
                None
            }
        }
    }

    /// Resolves a reference-or-item chain in a components section (references to references allowed).
    fn resolve<'r, T>(
        &mut self,
        item: &'r ReferenceOr<T>,
        section: &str,
        table: impl Fn(&'r OpenAPI) -> Option<&'r IndexMap<String, ReferenceOr<T>>>,
        ptr: &str,
    ) -> Option<&'r T>
    where
        'a: 'r,
    {
        let doc: &'r OpenAPI = self.doc;
        let mut current = item;
        for _ in 0..32 {
            match current {
                ReferenceOr::Item(t) => return Some(t),
                ReferenceOr::Reference { reference } => {
                    let key = self.ref_key(reference, section, ptr)?;
                    match table(doc).and_then(|m| m.get(key)) {
                        Some(next) => current = next,
                        None => {
                            self.sink.error(
                                ptr,
                                format!("dangling `$ref: {reference}`: no such entry in components.{section}"),
                            );
                            return None;
                        }
                    }
                }
            }
        }
        self.sink.error(ptr, "`$ref` chain is circular or longer than 32 links");
        None
    }
}

fn is_type_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && s.chars().any(|c| c.is_ascii_lowercase())
}

fn is_crate_name(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}
