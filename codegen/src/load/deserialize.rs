//! The bundled tree → `openapiv3::OpenAPI`. Deserialized plainly first (the fast path); when that
//! fails, each broken node is found and repaired where the meaning stays clear: a broken schema
//! becomes free-form JSON, a broken field is ignored, a broken operation or parameter is left
//! out, each with a warning. Only a document that still does not fit is an error.

use openapiv3 as oa;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use super::shape::{self, Kind, Slot};
use crate::diagnostics::{Diagnostic, push};

/// Fields a node cannot do without: removing them would not repair it.
fn essential(kind: Kind, key: &str) -> bool {
    matches!(
        (kind, key),
        (Kind::Document, "openapi" | "info" | "paths")
            | (Kind::Info, "title" | "version")
            | (Kind::Parameter, "name" | "in" | "schema" | "content")
            | (Kind::Header, "schema" | "content")
            | (Kind::Operation, "responses")
            | (Kind::Response, "description")
            | (Kind::Tag, "name")
            | (Kind::SecurityScheme, "type")
            | (_, "$ref")
    )
}

pub fn openapi(doc: &mut Value, diagnostics: &mut Vec<Diagnostic>) -> Result<oa::OpenAPI, Diagnostic> {
    if let Some(api) = in_parallel(doc) {
        return Ok(api);
    }
    if let Ok(api) = oa::OpenAPI::deserialize_from(doc) {
        return Ok(api);
    }
    repair(doc, Kind::Document, "#", diagnostics);
    serde_path_to_error::deserialize::<_, oa::OpenAPI>(&*doc).map_err(|error| {
        let pointer = path_to_pointer(error.path());
        Diagnostic::new(pointer, format!("not a valid OpenAPI document here: {}", error.into_inner()))
    })
}

/// The fast path on every core: the component schemas and the path items, most of a big spec,
/// are deserialized in chunks beside the rest of the document (each untagged `ReferenceOr`
/// makes serde buffer its subtree, and so does the flattened `paths` map, so this is several
/// times the cost of copying the tree). `None` when a part does not fit; the document is left
/// as it was.
fn in_parallel(doc: &mut Value) -> Option<oa::OpenAPI> {
    let paths = std::mem::replace(doc.get_mut("paths")?, Value::Object(Map::new()));
    let schemas = match doc.get_mut("components").and_then(Value::as_object_mut) {
        Some(components) => {
            components.get_mut("schemas").map(|schemas| std::mem::replace(schemas, Value::Object(Map::new())))
        }
        None => None,
    };
    let api = with_parts(doc, &paths, schemas.as_ref());
    if let Some(slot) = doc.get_mut("paths") {
        *slot = paths;
    }
    if let Some(schemas) = schemas
        && let Some(slot) = doc.get_mut("components").and_then(|components| components.get_mut("schemas"))
    {
        *slot = schemas;
    }
    api
}

/// A chunk of path items or of component schemas, to deserialize.
enum Chunk<'v> {
    Paths(&'v [(&'v String, &'v Value)]),
    Schemas(&'v [(&'v String, &'v Value)]),
}

/// The entries of a chunk deserialized, or `None` when one does not fit.
fn read_entries<T: DeserializeOwned>(chunk: &[(&String, &Value)]) -> Option<Vec<(String, T)>> {
    chunk.iter().map(|(key, node)| Some(((*key).clone(), T::deserialize_from(node).ok()?))).collect()
}

/// A chunk of path items or of component schemas, deserialized.
enum Part {
    Paths(Vec<(String, oa::ReferenceOr<oa::PathItem>)>),
    Schemas(Vec<(String, oa::ReferenceOr<oa::Schema>)>),
}

/// `rest` (a document whose `paths` and `components.schemas` are empty) with `paths` and
/// `schemas` deserialized beside it.
fn with_parts(rest: &Value, paths: &Value, schemas: Option<&Value>) -> Option<oa::OpenAPI> {
    let paths = paths.as_object()?;
    let schemas = match schemas {
        Some(schemas) => Some(schemas.as_object()?),
        None => None,
    };
    // Path items as `Paths` reads them: `/…` keys are paths, `x-…` keys extensions, the rest ignored.
    let items: Vec<(&String, &Value)> = paths.iter().filter(|(key, _)| key.starts_with('/')).collect();
    let entries: Vec<(&String, &Value)> = schemas.into_iter().flatten().collect();
    let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 16);
    // Small chunks, taken in turn, keep every thread busy to the end.
    let size = |count: usize| count.div_ceil(threads * 8).max(1);
    let jobs: Vec<Chunk<'_>> = items
        .chunks(size(items.len()))
        .map(Chunk::Paths)
        .chain(entries.chunks(size(entries.len())).map(Chunk::Schemas))
        .collect();
    let read = |job: &Chunk<'_>| match job {
        Chunk::Paths(chunk) => read_entries(chunk).map(Part::Paths),
        Chunk::Schemas(chunk) => read_entries(chunk).map(Part::Schemas),
    };
    let (api, parts) = std::thread::scope(|scope| {
        let api = scope.spawn(|| oa::OpenAPI::deserialize_from(rest).ok());
        let parts = crate::parallel::map(&jobs, threads, read);
        (api.join().ok().flatten(), parts)
    });
    let mut api = api?;
    api.paths.extensions = paths
        .iter()
        .filter(|(key, _)| key.starts_with("x-"))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    for part in parts? {
        match part? {
            Part::Paths(items) => api.paths.paths.extend(items),
            Part::Schemas(entries) => api.components.as_mut()?.schemas.extend(entries),
        }
    }
    Some(api)
}

/// Deserializing from a borrowed tree, without cloning it.
trait FromTree: Sized {
    fn deserialize_from(value: &Value) -> Result<Self, serde_json::Error>;
}

impl<T: DeserializeOwned> FromTree for T {
    fn deserialize_from(value: &Value) -> Result<Self, serde_json::Error> {
        T::deserialize(value)
    }
}

/// Whether `node` deserializes as `kind`; on failure, the first key on the failing path (when
/// the failure is inside a field) and the message.
fn fits(kind: Kind, node: &Value) -> Result<(), (Option<String>, String)> {
    fn check<T: DeserializeOwned>(node: &Value) -> Result<(), (Option<String>, String)> {
        if T::deserialize_from(node).is_ok() {
            return Ok(());
        }
        match serde_path_to_error::deserialize::<_, T>(node) {
            Ok(_) => Ok(()),
            Err(error) => {
                let first = error.path().iter().next().and_then(|segment| match segment {
                    serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                    _ => None,
                });
                Err((first, error.into_inner().to_string()))
            }
        }
    }
    use oa::ReferenceOr as R;
    match kind {
        Kind::Document => check::<oa::OpenAPI>(node),
        Kind::Info => check::<oa::Info>(node),
        Kind::Tag => check::<oa::Tag>(node),
        Kind::Components => check::<oa::Components>(node),
        Kind::PathItem => check::<R<oa::PathItem>>(node),
        Kind::Operation => check::<oa::Operation>(node),
        Kind::Parameter => check::<R<oa::Parameter>>(node),
        Kind::Header => check::<R<oa::Header>>(node),
        Kind::RequestBody => check::<R<oa::RequestBody>>(node),
        Kind::Response => check::<R<oa::Response>>(node),
        Kind::MediaType => check::<oa::MediaType>(node),
        Kind::Encoding => check::<oa::Encoding>(node),
        Kind::Callback => check::<R<oa::Callback>>(node),
        Kind::Example => check::<R<oa::Example>>(node),
        Kind::Link => check::<R<oa::Link>>(node),
        Kind::SecurityScheme => check::<R<oa::SecurityScheme>>(node),
        Kind::Schema if node.is_boolean() => Ok(()),
        Kind::Schema => check::<R<oa::Schema>>(node),
        Kind::Text => check::<String>(node),
    }
}

/// Repairs `node` (of kind `kind`, at `pointer`) in place; `false` means it must be left out.
fn repair(node: &mut Value, kind: Kind, pointer: &str, diagnostics: &mut Vec<Diagnostic>) -> bool {
    if fits(kind, node).is_ok() {
        return true;
    }
    if let Value::Object(map) = node {
        repair_children(map, kind, pointer, diagnostics);
    }
    for _ in 0..64 {
        let (key, message) = match fits(kind, node) {
            Ok(()) => return true,
            Err(failure) => failure,
        };
        let Some(map) = node.as_object_mut() else {
            return give_up(node, kind, pointer, &message, diagnostics);
        };
        match key {
            Some(key) if map.contains_key(&key) && !essential(kind, &key) => {
                diagnostics.push(Diagnostic::warning(
                    push(pointer, &key),
                    format!("`{key}` is not valid here ({message}); ignored"),
                ));
                map.remove(&key);
            }
            _ => return give_up(node, kind, pointer, &message, diagnostics),
        }
    }
    true
}

fn repair_children(map: &mut Map<String, Value>, kind: Kind, pointer: &str, diagnostics: &mut Vec<Diagnostic>) {
    let keys: Vec<String> = map.keys().cloned().collect();
    for key in keys {
        let Some(slot) = shape::slot(kind, &key) else { continue };
        let at = push(pointer, &key);
        let Some(child) = map.get_mut(&key) else { continue };
        let keep = match (slot, child) {
            (Slot::One(child_kind), child) => repair(child, child_kind, &at, diagnostics),
            (Slot::Map(child_kind) | Slot::Fields(child_kind), Value::Object(entries)) => {
                let names: Vec<String> = entries.keys().cloned().collect();
                for name in names {
                    if matches!(slot, Slot::Fields(_)) && name.starts_with("x-") {
                        continue;
                    }
                    let entry_at = push(&at, &name);
                    if let Some(entry) = entries.get_mut(&name)
                        && !repair(entry, child_kind, &entry_at, diagnostics)
                    {
                        entries.shift_remove(&name);
                    }
                }
                true
            }
            (Slot::List(child_kind), Value::Array(items)) => {
                let mut index = 0;
                items.retain_mut(|item| {
                    let keep = repair(item, child_kind, &push(&at, index), diagnostics);
                    index += 1;
                    keep
                });
                true
            }
            _ => true,
        };
        if !keep {
            map.shift_remove(&key);
        }
    }
}

/// The node itself is broken: a schema becomes free-form, anything else is left out.
fn give_up(node: &mut Value, kind: Kind, pointer: &str, message: &str, diagnostics: &mut Vec<Diagnostic>) -> bool {
    match kind {
        Kind::Document => true,
        Kind::Schema => {
            diagnostics.push(Diagnostic::warning(
                pointer,
                format!("schema is not valid OpenAPI ({message}); treated as free-form JSON"),
            ));
            *node = json!({});
            true
        }
        Kind::Operation => {
            diagnostics.push(Diagnostic::warning(
                pointer,
                format!("operation {} is not valid OpenAPI ({message}); it is left out", operation_name(pointer)),
            ));
            false
        }
        kind => {
            diagnostics.push(Diagnostic::warning(
                pointer,
                format!("{} is not valid OpenAPI ({message}); it is left out", shape::noun(kind)),
            ));
            false
        }
    }
}

/// `#/paths/~1pets/get` → `` `GET /pets` ``.
fn operation_name(pointer: &str) -> String {
    let mut parts = pointer.rsplitn(3, '/');
    let method = parts.next().unwrap_or_default().to_ascii_uppercase();
    let path = parts.next().unwrap_or_default().replace("~1", "/").replace("~0", "~");
    format!("`{method} {path}`")
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::from("#");
    for segment in path.iter() {
        pointer = match segment {
            Segment::Seq { index } => push(&pointer, index),
            Segment::Map { key } => push(&pointer, key),
            Segment::Enum { variant } => push(&pointer, variant),
            Segment::Unknown => pointer,
        };
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixtures as bundled trees: parsed, not yet deserialized.
    fn documents() -> Vec<(&'static str, Value)> {
        [
            ("composition", include_str!("../../../tests/fixtures/composition.yaml")),
            ("unions", include_str!("../../../tests/fixtures/unions.yaml")),
            ("recursion", include_str!("../../../tests/fixtures/recursion.yaml")),
            ("voximplant", include_str!("../../../spec/voximplant-accounts.yaml")),
        ]
        .into_iter()
        .map(|(name, text)| (name, crate::load::yaml::parse(text).unwrap_or_else(|error| panic!("{name}: {error:?}"))))
        .collect()
    }

    #[test]
    fn parts_beside_the_rest_give_the_plain_result_and_keep_the_tree() {
        for (name, mut doc) in documents() {
            let before = doc.clone();
            let plain = oa::OpenAPI::deserialize_from(&doc).unwrap_or_else(|error| panic!("{name}: {error}"));
            let parallel = in_parallel(&mut doc).unwrap_or_else(|| panic!("{name}: the fast path failed"));
            assert!(!parallel.components.as_ref().is_none_or(|components| components.schemas.is_empty()), "{name}");
            assert_eq!(parallel, plain, "{name}");
            assert_eq!(serde_json::to_string(&doc).ok(), serde_json::to_string(&before).ok(), "{name}: order kept");
        }
    }

    #[test]
    fn a_part_that_does_not_fit_leaves_the_fast_path_and_the_tree_as_they_were() {
        let mut doc = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"responses": {}, "schemas": {"Good": {"type": "string"}, "Bad": {"type": 7}}, "x-after": 1},
        });
        let before = serde_json::to_string(&doc).ok();
        assert!(oa::OpenAPI::deserialize_from(&doc).is_err());
        assert!(in_parallel(&mut doc).is_none());
        assert_eq!(serde_json::to_string(&doc).ok(), before);
        // Without component schemas, the path items are still split, and read as `Paths` reads them.
        let mut bare = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"x-note": 1, "/a": {"get": {"responses": {}}}, "ignored": 2, "/b": {"$ref": "#/x"}},
        });
        let plain = oa::OpenAPI::deserialize_from(&bare).ok();
        assert!(plain.as_ref().is_some_and(|api| api.paths.paths.len() == 2 && api.paths.extensions.len() == 1));
        assert_eq!(in_parallel(&mut bare), plain);
        // A path item that does not fit leaves the fast path too.
        let mut broken =
            json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": 7}}});
        let before = serde_json::to_string(&broken).ok();
        assert!(in_parallel(&mut broken).is_none());
        assert_eq!(serde_json::to_string(&broken).ok(), before);
    }
}
