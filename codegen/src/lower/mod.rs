//! Stage 2: `openapiv3::OpenAPI` → `model::Api`.
//!
//! Resolves `$ref`s, names inline schemas deterministically, validates vendor extensions and
//! decides every mapping. Problems are collected, not raised, so one run reports them all.
//! The passes after the walk (`finish`) box recursion, work out how each type is used and what
//! the crate needs, and number the types in name order.

mod auth;
mod bodies;
mod docs;
mod extensions;
mod finish;
mod names;
mod operations;
mod params;
mod recursion;
pub mod reserved;
mod schemas;
mod share;
mod unions;

use std::borrow::Cow;
use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr};

use crate::diagnostics::{Diagnostic, Sink, push};
use crate::load::Loaded;
use crate::model::{Api, Docs, Ident, Package, TypeDef, TypeId, TypeKind, TypeRef, Usage};
pub use docs::code;
use names::Namer;

pub(crate) struct Lowerer<'a> {
    doc: &'a OpenAPI,
    sink: Sink,
    /// The crate's type namespace.
    type_names: Namer,
    /// Component schema key → its type.
    components: IndexMap<String, TypeId>,
    /// Every named type so far, indexed by `TypeId` (in creation order until `finish`).
    types: Vec<TypeDef>,
    /// Inline schemas already named, by node address: the same node reached again (through an
    /// `allOf` that refers back to its owner) gets the same type instead of a new one forever.
    inline_types: HashMap<usize, TypeId>,
    /// How deep the current schema walk is, to stop pathological nesting with an error.
    depth: usize,
    /// Operation error enums by content (statuses and types), so operations documenting the
    /// same error replies share one enum (the others get an alias).
    error_types: HashMap<String, TypeId>,
}

/// A lowered spec, with the problems that did not stop it.
pub struct Lowered {
    pub api: Api,
    pub warnings: Vec<Diagnostic>,
}

/// What the caller sets about the generated package, over what the spec says.
#[derive(Debug, Clone, Copy, Default)]
pub struct PackageOptions<'a> {
    pub name: Option<&'a str>,
    pub version: Option<&'a str>,
    pub description: Option<&'a str>,
    pub license: Option<&'a str>,
}

/// Lowers a loaded spec, or returns every problem found.
pub fn lower(loaded: &Loaded, package_options: &PackageOptions<'_>) -> Result<Lowered, Vec<Diagnostic>> {
    let mut lowerer = Lowerer {
        doc: &loaded.doc,
        sink: Sink::default(),
        type_names: Namer::with_reserved(reserved::TYPE_NAMES),
        components: IndexMap::new(),
        types: Vec::new(),
        inline_types: HashMap::new(),
        depth: 0,
        error_types: HashMap::new(),
    };
    lowerer.name_components();
    lowerer.define_components();
    let operations = lowerer.operations();
    let auth = lowerer.auth();
    let errors = lowerer.error_model();
    let package = lowerer.package(package_options, loaded.license_identifier.as_deref());
    for id in recursion::break_alias_cycles(&mut lowerer.types) {
        if let Some(def) = lowerer.types.get(id.0) {
            let at = if def.origin.starts_with('#') {
                def.origin.clone()
            } else {
                push("#/components/schemas", &def.origin)
            };
            lowerer.sink.warning(
                &at,
                format!(
                    "`{}` is only ever itself (a `$ref` cycle with no list or map on the way); it is free-form JSON",
                    def.name.as_str()
                ),
            );
        }
    }
    if !lowerer.sink.items.is_empty() {
        return Err(lowerer.sink.items);
    }
    let info = &lowerer.doc.info;
    let api = Api {
        package,
        title: info.title.clone(),
        spec_version: info.version.clone(),
        description: info.description.clone(),
        default_base_url: default_server(&lowerer.doc.servers),
        types: lowerer.types,
        operations,
        auth,
        errors,
        needs: Default::default(),
    };
    Ok(Lowered { api: finish::finish(api), warnings: lowerer.sink.warnings })
}

impl<'a> Lowerer<'a> {
    /// A new named type; its kind is filled in by `define` once known (a placeholder until
    /// then, so that recursive references can point at it).
    fn reserve_type(&mut self, name: Ident, origin: &str) -> TypeId {
        let id = TypeId(self.types.len());
        self.types.push(TypeDef {
            name,
            origin: origin.to_owned(),
            docs: Docs::default(),
            kind: TypeKind::Alias(TypeRef::Json),
            usage: Usage::default(),
        });
        id
    }

    fn define(&mut self, id: TypeId, docs: Docs, kind: TypeKind) {
        if let Some(def) = self.types.get_mut(id.0) {
            def.docs = docs;
            def.kind = kind;
        }
    }

    fn kind(&self, id: TypeId) -> Option<&TypeKind> {
        self.types.get(id.0).map(|def| &def.kind)
    }

    fn name_components(&mut self) {
        let Some(components) = &self.doc.components else { return };
        for key in components.schemas.keys() {
            // A name that already is a Rust type name is kept as the spec spells it (`APIError`).
            let mut wanted = if names::is_type_name(key) && key != "Self" { key.clone() } else { names::pascal(key) };
            if !self.type_names.is_free(&wanted) && reserved::TYPE_NAMES.contains(&wanted.as_str()) {
                wanted.push_str("Model");
            }
            let name = self.type_names.unique(&wanted);
            let id = self.reserve_type(name, key);
            self.components.insert(key.clone(), id);
        }
    }

    fn define_components(&mut self) {
        let Some(components) = &self.doc.components else { return };
        for (key, schema) in &components.schemas {
            let Some(id) = self.components.get(key).copied() else { continue };
            let pointer = crate::diagnostics::push("#/components/schemas", key);
            self.define_named(id, schema, &pointer);
        }
    }

    fn package(&mut self, options: &PackageOptions<'_>, license_identifier: Option<&str>) -> Package {
        let name = match options.name {
            Some(name) => name.to_owned(),
            None => self.crate_name(),
        };
        let version = match options.version {
            Some(version) if is_semver(version) => version.to_owned(),
            Some(version) => {
                self.sink.error("#", format!("the crate version `{version}` is not a version like `1.2.3`"));
                version.to_owned()
            }
            None => self.crate_version(),
        };
        let info = &self.doc.info;
        let description = match options.description {
            Some(description) => description.to_owned(),
            None => format!("Typed async client for the {} (spec version {}).", info.title, info.version),
        };
        let license = match options.license {
            Some(license) if spdx::Expression::parse(license).is_ok() => Some(license.to_owned()),
            Some(license) => {
                self.sink.error("#", format!("the license `{license}` is not an SPDX expression"));
                None
            }
            None => self.spec_license(license_identifier),
        };
        Package { name, version, description, license }
    }

    /// The license the spec states, when it is an SPDX expression: 3.1's `info.license.identifier`,
    /// or a `name` that is one (`MIT`, `Apache-2.0`); anything else is left out of `Cargo.toml`
    /// rather than claimed.
    fn spec_license(&mut self, identifier: Option<&str>) -> Option<String> {
        let name = self.doc.info.license.as_ref().map(|license| license.name.trim());
        let candidate = identifier.or(name)?;
        match spdx::Expression::parse(candidate) {
            Ok(_) => Some(candidate.to_owned()),
            Err(_) => {
                if identifier.is_some() {
                    self.sink.warning(
                        "#/info/license/identifier",
                        format!("`{candidate}` is not an SPDX expression; the crate states no license"),
                    );
                }
                None
            }
        }
    }

    /// The generated crate's version: `x-rust-crate-version`, kept beside the spec and bumped by
    /// people (the generator never edits it), else `0.1.0`.
    fn crate_version(&mut self) -> String {
        match self.doc.extensions.get("x-rust-crate-version") {
            None => "0.1.0".to_owned(),
            Some(serde_json::Value::String(version)) if is_semver(version) => version.clone(),
            Some(other) => {
                self.sink.error(
                    "#/x-rust-crate-version",
                    format!("`x-rust-crate-version` must be a version like `1.2.3`, found {other}"),
                );
                "0.1.0".to_owned()
            }
        }
    }

    fn crate_name(&mut self) -> String {
        match self.doc.extensions.get("x-rust-crate") {
            Some(serde_json::Value::String(name)) if is_crate_name(name) => name.clone(),
            Some(other) => {
                self.sink.error(
                    "#/x-rust-crate",
                    format!("`x-rust-crate` must be a crate name (ASCII letters, digits, `-`, `_`), found {other}"),
                );
                String::new()
            }
            None => {
                let slug = names::snake(&self.doc.info.title).replace('_', "-");
                let slug = if slug.is_empty() { "api".to_owned() } else { slug };
                // "Acme Client" names the crate `acme-client`, not `acme-client-client`.
                if slug == "client" || slug.ends_with("-client") { slug } else { format!("{slug}-client") }
            }
        }
    }

    /// Follows a `$ref` into `components.<section>`, returning the target's key.
    fn ref_key<'r>(&mut self, reference: &'r str, section: &str, pointer: &str) -> Option<Cow<'r, str>> {
        let prefix = format!("#/components/{section}/");
        match reference.strip_prefix(&prefix) {
            Some(key) if !key.is_empty() => Some(unescape(key)),
            _ => {
                let what = if reference.starts_with('#') {
                    format!("`$ref: {reference}` must point into `#/components/{section}/`")
                } else {
                    format!("external `$ref: {reference}` is not supported; bundle the spec into one file first")
                };
                self.sink.error(pointer, what);
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
        pointer: &str,
    ) -> Option<&'r T>
    where
        'a: 'r,
    {
        let doc: &'r OpenAPI = self.doc;
        let mut current = item;
        for _ in 0..32 {
            match current {
                ReferenceOr::Item(target) => return Some(target),
                ReferenceOr::Reference { reference } => {
                    let key = self.ref_key(reference, section, pointer)?;
                    match table(doc).and_then(|entries| entries.get(key.as_ref())) {
                        Some(next) => current = next,
                        None => {
                            self.sink.error(
                                pointer,
                                format!("dangling `$ref: {reference}`: no such entry in components.{section}"),
                            );
                            return None;
                        }
                    }
                }
            }
        }
        self.sink.error(pointer, "`$ref` chain is circular or longer than 32 links");
        None
    }
}

/// A JSON pointer segment as the key it names (`a~1b` → `a/b`, `a~0b` → `a~b`).
pub(crate) fn unescape(segment: &str) -> Cow<'_, str> {
    if segment.contains('~') {
        Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(segment)
    }
}

/// `MAJOR.MINOR.PATCH` with an optional `-pre` part (what Cargo accepts, minus build metadata).
fn is_semver(text: &str) -> bool {
    let (core, pre) = text.split_once('-').map_or((text, None), |(core, pre)| (core, Some(pre)));
    let numbers: Vec<&str> = core.split('.').collect();
    numbers.len() == 3
        && numbers.iter().all(|number| !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()))
        && pre
            .is_none_or(|pre| !pre.is_empty() && pre.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'))
}

fn is_crate_name(name: &str) -> bool {
    !name.is_empty()
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A server's URL with each `{variable}` replaced by its default, without a trailing slash.
/// The first server, except that a plain `http://` one gives way to an `https://` twin listed
/// after it (AWS conversions list both): credentials should not travel in clear text by default.
fn default_server(servers: &[openapiv3::Server]) -> Option<String> {
    let first = server_url(servers.first()?);
    let Some(rest) = first.strip_prefix("http://") else { return Some(first) };
    let secure = format!("https://{rest}");
    Some(servers.iter().map(server_url).find(|url| *url == secure).unwrap_or(first))
}

fn server_url(server: &openapiv3::Server) -> String {
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    url.trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::default_server;

    fn servers(urls: &[&str]) -> Vec<openapiv3::Server> {
        urls.iter().map(|url| openapiv3::Server { url: (*url).to_owned(), ..openapiv3::Server::default() }).collect()
    }

    #[test]
    fn an_https_twin_wins_over_a_plain_http_first_server() {
        assert_eq!(
            default_server(&servers(&["http://sdb.example/", "https://sdb.example"])).as_deref(),
            Some("https://sdb.example")
        );
        assert_eq!(
            default_server(&servers(&["http://a.example", "https://b.example"])).as_deref(),
            Some("http://a.example")
        );
        assert_eq!(
            default_server(&servers(&["https://a.example", "http://a.example"])).as_deref(),
            Some("https://a.example")
        );
        assert_eq!(default_server(&[]), None);
    }
}
