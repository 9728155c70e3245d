//! Bundling: one self-contained document from the entry file and everything its `$ref`s reach.
//!
//! A single walk over the typed positions of the document (see `shape`) copies the entry file's
//! tree, and on the way:
//! - follows every `$ref` (other files, any JSON pointer): schemas and the other kinds that have
//!   a `components` section are hoisted there under stable names and referred to, path items and
//!   descriptions are inlined; a `#/...` ref inside file B means B's own root;
//! - normalises each schema into the 3.0 shape (`schema31`) and repairs clear defects (`repair`),
//!   with a warning each;
//! - records where each bundled subtree came from, so later diagnostics name the right file.
//!
//! Literal data (`example`, `default`, `enum`, `const`, `x-*`) is copied, never followed.

use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use indexmap::IndexMap;
use serde_json::{Map, Value, json};

use super::files::{FileProblem, Files};
use super::input::{self, RefPathError};
use super::names::Taken;
use super::parse::Version;
use super::repair;
use super::schema31;
use super::shape::{self, Kind, Slot};
use super::sources::Origin;
use crate::diagnostics::{Diagnostic, push, push_str};

/// Where a node is: in which file at which pointer, and where it goes in the bundled document.
#[derive(Debug, Clone)]
pub struct At {
    pub file: Rc<str>,
    pub pointer: String,
    pub out: String,
}

impl At {
    fn child(&self, key: &str) -> At {
        At { file: self.file.clone(), pointer: push_str(&self.pointer, key), out: push_str(&self.out, key) }
    }
}

/// A `$ref`'s target: a file and a pointer in it (`#`-prefixed, decoded).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Target {
    file: Rc<str>,
    pointer: String,
}

/// Whether a node is a parameter object: a `name`, an `in`, and a `schema` or `content`.
fn is_parameter(node: &Value) -> bool {
    node.get("name").is_some_and(Value::is_string)
        && node.get("in").is_some_and(Value::is_string)
        && (node.get("schema").is_some() || node.get("content").is_some())
}

/// Why a `components` section given as one `$ref` (an index file) has no entries.
enum SectionProblem {
    /// Remote, absolute or outside the refs root: never read.
    Refused(String),
    /// No such file or place, or not a map.
    Missing(String),
}

impl std::fmt::Display for SectionProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SectionProblem::Refused(why) => write!(f, "is refused: {why}"),
            SectionProblem::Missing(why) => write!(f, "leads nowhere: {why}"),
        }
    }
}

/// Why a `$ref` could not be followed.
enum Unresolved {
    /// Nothing there: a warning, and the node is replaced (schema) or left out.
    Dangling(String),
    /// The reference itself is unacceptable: an error.
    Refused(String),
    /// The target file does not parse: the error located in that file.
    Invalid(Diagnostic),
    /// A response position that points to a schema: the schema is the response's JSON body.
    SchemaAsResponse(String),
}

/// Something hoisted but not yet copied.
struct Job {
    target: Target,
    kind: Kind,
    section: &'static str,
    name: String,
}

pub struct Bundler<'r> {
    pub files: Files<'r>,
    pub version: Version,
    pub diagnostics: Vec<Diagnostic>,
    taken: Taken,
    /// Hoisted targets → their component name, per section.
    hoisted: HashMap<(&'static str, Target), String>,
    queue: VecDeque<Job>,
    /// What hoisting produced, by section, in the order it was produced.
    out: IndexMap<&'static str, IndexMap<String, Value>>,
    /// Targets being inlined right now (a cycle among them cannot be inlined).
    inlining: Vec<Target>,
    /// The component schema being copied, for `$recursiveRef: "#"` and `$dynamicRef`.
    schema_root: Option<(String, Option<String>)>,
}

/// References followed through aliases before giving up.
const MAX_CHAIN: usize = 32;

impl<'r> Bundler<'r> {
    pub fn new(files: Files<'r>, version: Version) -> Self {
        Self {
            files,
            version,
            diagnostics: Vec::new(),
            taken: Taken::default(),
            hoisted: HashMap::new(),
            queue: VecDeque::new(),
            out: IndexMap::new(),
            inlining: Vec::new(),
            schema_root: None,
        }
    }

    /// Bundles the entry document.
    pub fn bundle(&mut self, root: &Value) -> Value {
        let entry = self.files.sources.entry.clone();
        let expanded = self.expand_section_refs(root, &entry);
        if let Some(expanded) = &expanded {
            // References into the entry (`../openapi.yaml#/components/schemas/Problem`) meet
            // the expanded sections too.
            self.files.replace_tree(&entry, expanded.clone());
        }
        let root = expanded.as_ref().unwrap_or(root);
        self.reserve_components(root, &entry);
        let at = At { file: entry, pointer: "#".into(), out: "#".into() };
        let mut doc = self.walk(root, Kind::Document, &at).unwrap_or_else(|| json!({}));
        while let Some(job) = self.queue.pop_front() {
            self.copy_hoisted(job);
        }
        self.merge_hoisted(&mut doc);
        doc
    }

    /// Redocly's split layout writes a whole section as one reference to an index file
    /// (`components: {schemas: {$ref: ./schemas/_index.yaml}}`), a map of names to schemas or
    /// to references. Each name becomes a component that refers into the index, so that it
    /// keeps its name and `#/components/schemas/<name>` reaches it. `None` when no section is
    /// written so (the document is used as it is).
    fn expand_section_refs(&mut self, root: &Value, entry: &Rc<str>) -> Option<Value> {
        let components = root.get("components")?.as_object()?;
        let sections: Vec<(String, String)> = components
            .iter()
            .filter_map(|(section, node)| {
                let map = node.as_object().filter(|map| map.len() == 1)?;
                Some((section.clone(), map.get("$ref")?.as_str()?.to_owned()))
            })
            .collect();
        if sections.is_empty() {
            return None;
        }
        let mut expanded = root.clone();
        for (section, reference) in sections {
            let at =
                At { file: entry.clone(), pointer: push(&push("#/components", &section), "$ref"), out: String::new() };
            let (target, entries) = match self.section_index(&reference, &at) {
                Ok(found) => found,
                Err(problem) => {
                    let message = format!(
                        "`components.{section}` is `$ref: {reference}`, which {problem}; the section is left empty"
                    );
                    if matches!(problem, SectionProblem::Refused(_)) {
                        self.error(&at, message)
                    } else {
                        self.warn(&at, message)
                    }
                    if let Some(slot) =
                        expanded.get_mut("components").and_then(|components| components.get_mut(&section))
                    {
                        *slot = json!({});
                    }
                    continue;
                }
            };
            let path = reference.split_once('#').map_or(reference.as_str(), |(path, _)| path);
            // The index's directory, as the entry file reaches it: an index entry that refers to
            // a file elsewhere is made to refer there from the entry, so that it is the same
            // target as the paths' own references to that file (and one type).
            let directory = path.rfind('/').map_or("", |slash| &path[..=slash]);
            let named: Map<String, Value> = entries
                .iter()
                .map(|(name, node)| {
                    let through_index = format!("{path}{}", push(&target.pointer, name));
                    let direct = match ref_of(node) {
                        Some(file) if !file.starts_with('#') && !file.contains("://") && !file.starts_with('/') => {
                            format!("{directory}{file}")
                        }
                        _ => through_index,
                    };
                    (name.clone(), json!({ "$ref": direct }))
                })
                .collect();
            if let Some(slot) = expanded.get_mut("components").and_then(|components| components.get_mut(&section)) {
                *slot = Value::Object(named);
            }
        }
        Some(expanded)
    }

    /// The map of components a section's `$ref` leads to, and where it is.
    fn section_index(&mut self, reference: &str, at: &At) -> Result<(Target, Map<String, Value>), SectionProblem> {
        let target = self.target(reference, at).map_err(|problem| match problem {
            Unresolved::Refused(why) => SectionProblem::Refused(why),
            Unresolved::Dangling(why) | Unresolved::SchemaAsResponse(why) => SectionProblem::Missing(why),
            Unresolved::Invalid(diagnostic) => SectionProblem::Missing(diagnostic.message),
        })?;
        let tree = self.files.tree(&target.file).map_err(|problem| match problem {
            FileProblem::Unreadable(why) => SectionProblem::Missing(format!("cannot read `{}`: {why}", target.file)),
            FileProblem::Invalid(diagnostic) => {
                let message = format!("`{}` is not valid: {}", target.file, diagnostic.message);
                self.diagnostics.push(diagnostic);
                SectionProblem::Missing(message)
            }
        })?;
        match lookup(&tree, &target.pointer) {
            Some(Value::Object(entries)) => Ok((target, entries.clone())),
            Some(_) => Err(SectionProblem::Missing(format!("`{}` in `{}` is not a map", target.pointer, target.file))),
            None => Err(SectionProblem::Missing(format!("nothing at `{}` in `{}`", target.pointer, target.file))),
        }
    }

    /// Adds what was hoisted to the document's `components`.
    fn merge_hoisted(&mut self, doc: &mut Value) {
        fn object_at<'m>(map: &'m mut Map<String, Value>, key: &str) -> Option<&'m mut Map<String, Value>> {
            let slot = map.entry(key).or_insert_with(|| json!({}));
            if !slot.is_object() {
                *slot = json!({});
            }
            slot.as_object_mut()
        }
        let Value::Object(map) = doc else { return };
        for (section, entries) in std::mem::take(&mut self.out) {
            if let Some(target) = object_at(map, "components").and_then(|c| object_at(c, section)) {
                target.extend(entries);
            }
        }
    }

    /// Entry components keep their names; a component that is only a `$ref` elsewhere gives its
    /// name to that target, so the target's content is hoisted under it.
    fn reserve_components(&mut self, root: &Value, entry: &Rc<str>) {
        let Some(components) = root.get("components").and_then(Value::as_object) else { return };
        for (section_name, entries) in components {
            let Some(Slot::Map(kind)) = shape::slot(Kind::Components, section_name) else { continue };
            let Some(section) = shape::section(kind) else { continue };
            let Some(entries) = entries.as_object() else { continue };
            for name in entries.keys() {
                self.taken.reserve(section, name);
            }
            for (name, node) in entries {
                let Some(reference) = ref_of(node) else { continue };
                let at = At {
                    file: entry.clone(),
                    pointer: push(&push("#/components", section_name), name),
                    out: String::new(),
                };
                if let Ok(target) = self.target(reference, &at)
                    && self.canonical(&target, section).is_none()
                {
                    self.hoisted.entry((section, target)).or_insert_with(|| name.clone());
                }
            }
        }
    }

    /// Copies a node of a known kind, following `$ref`s; `None` leaves it out.
    pub fn walk(&mut self, node: &Value, kind: Kind, at: &At) -> Option<Value> {
        if let Some(map) = node.as_object()
            && map.contains_key("$ref")
        {
            return self.reference(map, kind, at);
        }
        match kind {
            Kind::Schema => self.schema(node, at),
            Kind::Text => self.text(node, at),
            _ => self.object(node, kind, at),
        }
    }

    /// An object whose typed children are walked and whose own defects are repaired.
    fn object(&mut self, node: &Value, kind: Kind, at: &At) -> Option<Value> {
        let Some(map) = node.as_object() else { return Some(node.clone()) };
        let mut out = Map::new();
        for (key, value) in map {
            match shape::slot(kind, key) {
                None => {
                    out.insert(key.clone(), value.clone());
                }
                Some(slot) => {
                    if let Some(value) = self.slot(value, slot, kind, &at.child(key.as_str())) {
                        out.insert(key.clone(), value);
                    }
                }
            }
        }
        let keep = repair::object(kind, &mut out, &mut self.notes(at));
        keep.then_some(Value::Object(out))
    }

    /// The children under one key.
    fn slot(&mut self, value: &Value, slot: Slot, parent: Kind, at: &At) -> Option<Value> {
        match (slot, value) {
            (Slot::One(kind), _) => self.walk(value, kind, at),
            (Slot::Map(kind) | Slot::Fields(kind), Value::Object(map)) => {
                let mut out = Map::new();
                for (name, child) in map {
                    let child_at = at.child(name.as_str());
                    if matches!(slot, Slot::Fields(_)) && name.starts_with("x-") {
                        out.insert(name.clone(), child.clone());
                    } else if let Some(value) = self.map_entry(parent, kind, name, child, &child_at) {
                        out.insert(name.clone(), value);
                    }
                }
                Some(Value::Object(out))
            }
            (Slot::List(kind), Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (index, item) in items.iter().enumerate() {
                    let item_at = At { out: push(&at.out, out.len()), ..at.child(&index.to_string()) };
                    if let Some(value) = self.walk(item, kind, &item_at) {
                        if out.len() != index {
                            self.note_origin(&item_at.out, &item_at.file, &item_at.pointer);
                        }
                        out.push(value);
                    }
                }
                Some(Value::Array(out))
            }
            (Slot::Map(_) | Slot::Fields(_) | Slot::List(_), Value::Null) => {
                self.warn(at, format!("`{}` is null; ignored", last_segment(&at.pointer)));
                None
            }
            _ => Some(value.clone()),
        }
    }

    /// An entry of a map of children; entries of the entry file's `components` that are only a
    /// `$ref` to something hoisted under their own name are replaced by that content.
    fn map_entry(&mut self, parent: Kind, kind: Kind, name: &str, node: &Value, at: &At) -> Option<Value> {
        let in_entry_components =
            parent == Kind::Components && at.file == self.files.sources.entry && at.out.starts_with("#/components/");
        if !in_entry_components {
            return self.walk(node, kind, at);
        }
        let section = shape::section(kind);
        if kind == Kind::Schema {
            self.schema_root = Some((at.out.clone(), anchor_of(node)));
        }
        let walked = match (section, ref_of(node)) {
            (Some(section), Some(reference)) => match self.target(reference, at) {
                Ok(target) if self.hoisted.get(&(section, target.clone())).is_some_and(|n| n == name) => {
                    match self.follow_chain(target.clone(), kind, at) {
                        Ok(_) => self.inline(&target, kind, at),
                        Err(problem) => self.unresolved(problem, reference, kind, at),
                    }
                }
                _ => self.walk(node, kind, at),
            },
            _ => self.walk(node, kind, at),
        };
        self.schema_root = None;
        match (kind, walked) {
            // A component must stay: things may refer to it.
            (Kind::Schema, None) => Some(json!({})),
            (_, walked) => walked,
        }
    }

    /// A `$ref` node at a position of kind `kind`.
    fn reference(&mut self, map: &Map<String, Value>, kind: Kind, at: &At) -> Option<Value> {
        let Some(reference) = map.get("$ref").and_then(Value::as_str) else {
            self.warn(at, "`$ref` is not a string; the node is ignored");
            return (kind == Kind::Schema).then(|| json!({}));
        };
        if kind == Kind::Schema
            && self.version == Version::V31
            && let Some(wrapped) = schema31::wrap_ref_siblings(map)
        {
            return self.schema(&wrapped, at);
        }
        if kind == Kind::Text {
            return match self.target(reference, at) {
                Ok(target) => self.text_target(&target, reference, at),
                Err(_) => self.unusable_text(reference, at),
            };
        }
        let target = match self.target(reference, at).and_then(|t| self.follow_chain(t, kind, at)) {
            Ok(target) => target,
            Err(problem) => return self.unresolved(problem, reference, kind, at),
        };
        match kind {
            Kind::PathItem => {
                let mut inlined = self.inline(&target, kind, at)?;
                // Siblings of a path item `$ref` (3.1: summary, description) override the target's.
                if let Value::Object(fields) = &mut inlined {
                    for (key, value) in map.iter().filter(|(key, _)| key.as_str() != "$ref") {
                        if let Some(value) = self.walk_field(Kind::PathItem, key, value, at) {
                            fields.insert(key.clone(), value);
                        }
                    }
                }
                Some(inlined)
            }
            _ => match shape::section(kind) {
                Some(section) => Some(json!({ "$ref": self.component_ref(&target, kind, section) })),
                None => self.inline(&target, kind, at),
            },
        }
    }

    fn walk_field(&mut self, kind: Kind, key: &str, value: &Value, at: &At) -> Option<Value> {
        match shape::slot(kind, key) {
            None => Some(value.clone()),
            Some(slot) => self.slot(value, slot, kind, &at.child(key)),
        }
    }

    /// `#/components/<section>/<name>` for a target: its own place when it is an entry
    /// component, else the name it is (or now gets) hoisted under.
    fn component_ref(&mut self, target: &Target, kind: Kind, section: &'static str) -> String {
        let name = match self.canonical(target, section) {
            Some(name) => name,
            None => match self.hoisted.get(&(section, target.clone())) {
                Some(name) => name.clone(),
                None => {
                    let segments = segments(&target.pointer);
                    let name = self.taken.fresh(section, &target.file, &segments);
                    self.hoisted.insert((section, target.clone()), name.clone());
                    self.queue.push_back(Job { target: target.clone(), kind, section, name: name.clone() });
                    name
                }
            },
        };
        push(&push("#/components", section), name)
    }

    /// The component name of a target that already is `#/components/<section>/<name>` of the entry file.
    fn canonical(&self, target: &Target, section: &str) -> Option<String> {
        if target.file != self.files.sources.entry {
            return None;
        }
        let parts = segments(&target.pointer);
        match parts.as_slice() {
            [components, found, name] if components == "components" && found == section => Some(name.clone()),
            _ => None,
        }
    }

    /// Copies a hoisted target into its section.
    fn copy_hoisted(&mut self, job: Job) {
        let out = push(&push("#/components", job.section), &job.name);
        let Ok(tree) = self.files.tree(&job.target.file) else { return };
        let Some(node) = lookup(&tree, &job.target.pointer) else { return };
        let at = At { file: job.target.file.clone(), pointer: job.target.pointer.clone(), out: out.clone() };
        self.note_origin(&out, &job.target.file, &job.target.pointer);
        if job.kind == Kind::Schema {
            self.schema_root = Some((out.clone(), anchor_of(node)));
        }
        // A chain ends on a node that is not a bare `$ref` (one with siblings is walked as such).
        let walked = self.walk(node, job.kind, &at);
        self.schema_root = None;
        let value = walked.unwrap_or_else(|| json!({}));
        self.out.entry(job.section).or_default().insert(job.name, value);
    }

    /// Copies a target in place (kinds without a `components` section), refusing cycles.
    fn inline(&mut self, target: &Target, kind: Kind, at: &At) -> Option<Value> {
        if self.inlining.contains(target) {
            self.error(
                at,
                format!("`$ref` cycle through `{}`: a {} cannot contain itself", target.pointer, shape::noun(kind)),
            );
            return None;
        }
        let tree = self.files.tree(&target.file).ok()?;
        let node = lookup(&tree, &target.pointer)?;
        self.note_origin(&at.out, &target.file, &target.pointer);
        self.inlining.push(target.clone());
        let inner = At { file: target.file.clone(), pointer: target.pointer.clone(), out: at.out.clone() };
        let walked = self.walk(node, kind, &inner);
        self.inlining.pop();
        walked
    }

    /// A description (`info.description`, `tags[].description`): text, or a `$ref` to a text file.
    fn text(&mut self, node: &Value, at: &At) -> Option<Value> {
        match node {
            Value::String(_) => Some(node.clone()),
            Value::Null => {
                self.warn(at, "`description` is null; ignored");
                None
            }
            Value::Number(_) | Value::Bool(_) => {
                self.warn(at, "`description` is not text; its value is used as text");
                Some(Value::String(node.to_string()))
            }
            _ => {
                self.warn(at, "`description` is not text; ignored");
                None
            }
        }
    }

    /// The text a description's `$ref` names: a whole non-JSON/YAML file is its text; a node in
    /// a JSON/YAML file must be a string.
    fn text_target(&mut self, target: &Target, reference: &str, at: &At) -> Option<Value> {
        let structured = [".yaml", ".yml", ".json"].iter().any(|ext| target.file.ends_with(ext));
        if !structured && target.pointer == "#" {
            return match self.files.text(&target.file) {
                Ok(text) => Some(Value::String(text.to_string())),
                Err(_) => self.unusable_text(reference, at),
            };
        }
        match self.files.tree(&target.file).ok().and_then(|tree| lookup(&tree, &target.pointer).cloned()) {
            Some(Value::String(text)) => Some(Value::String(text)),
            _ => self.unusable_text(reference, at),
        }
    }

    fn unusable_text(&mut self, reference: &str, at: &At) -> Option<Value> {
        self.warn(at, format!("`$ref: {reference}` does not name a text; the description is left out"));
        None
    }

    /// A `$ref` that could not be followed: an error, or a warning and a stand-in.
    fn unresolved(&mut self, problem: Unresolved, reference: &str, kind: Kind, at: &At) -> Option<Value> {
        match problem {
            Unresolved::Dangling(why) if kind == Kind::Schema => {
                self.warn(at, format!("dangling `$ref: {reference}`: {why}; the schema is treated as free-form JSON"));
                Some(json!({}))
            }
            Unresolved::Dangling(why) => {
                self.warn(at, format!("dangling `$ref: {reference}`: {why}; the {} is left out", shape::noun(kind)));
                None
            }
            Unresolved::Refused(why) => {
                self.error(at, why);
                (kind == Kind::Schema).then(|| json!({}))
            }
            Unresolved::SchemaAsResponse(why) => {
                self.warn(at, format!("{why}; the schema is used as the response's JSON body"));
                let wrapped =
                    json!({"description": "", "content": {"application/json": {"schema": {"$ref": reference}}}});
                self.walk(&wrapped, Kind::Response, at)
            }
            Unresolved::Invalid(diagnostic) => {
                if !self.diagnostics.contains(&diagnostic) {
                    self.diagnostics.push(diagnostic);
                }
                (kind == Kind::Schema).then(|| json!({}))
            }
        }
    }

    /// Where a `$ref` leads, without reading the target node yet.
    fn target(&mut self, reference: &str, at: &At) -> Result<Target, Unresolved> {
        let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let file = if path.is_empty() {
            at.file.clone()
        } else {
            match input::resolve(&at.file, path, self.files.reader()) {
                Ok(file) => self.files.key(&file),
                Err(RefPathError::Remote) => {
                    return Err(Unresolved::Refused(format!(
                        "`$ref: {reference}` is remote; nothing is fetched over the network: save the file next to \
                         the spec and refer to it by a relative path"
                    )));
                }
                Err(RefPathError::Absolute) => {
                    return Err(Unresolved::Refused(format!(
                        "`$ref: {reference}` is an absolute path outside the refs root; use a relative path"
                    )));
                }
                Err(RefPathError::OutsideRoot) => {
                    return Err(Unresolved::Refused(format!(
                        "`$ref: {reference}` leads outside the spec's directory; allow it by setting the refs root \
                         (`--refs-root DIR`)"
                    )));
                }
            }
        };
        let fragment = input::percent_decode(fragment);
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return Err(Unresolved::Dangling(format!("`#{fragment}` is not a JSON pointer")));
        }
        Ok(Target { file, pointer: format!("#{fragment}") })
    }

    /// Reads a target, following references to references, and checks that its kind fits the
    /// position. Returns the last link (a node that is not itself a `$ref`, or an entry component).
    fn follow_chain(&mut self, mut target: Target, kind: Kind, at: &At) -> Result<Target, Unresolved> {
        // The links passed, to name a loop; most chains have one link and never fill it.
        let mut seen: Vec<Target> = Vec::new();
        for _ in 0..MAX_CHAIN {
            if let Some(start) = seen.iter().position(|earlier| *earlier == target) {
                let links: Vec<String> = seen[start..]
                    .iter()
                    .chain(std::iter::once(&target))
                    .map(|link| format!("{}{}", link.file, link.pointer))
                    .collect();
                return Err(Unresolved::Refused(format!(
                    "`$ref` chain is circular and never reaches a {}: {}",
                    shape::noun(kind),
                    links.join(" → ")
                )));
            }
            let tree = match self.files.tree(&target.file) {
                Ok(tree) => tree,
                Err(FileProblem::Unreadable(why)) => {
                    return Err(Unresolved::Dangling(format!("cannot read `{}`: {why}", target.file)));
                }
                Err(FileProblem::Invalid(diagnostic)) => return Err(Unresolved::Invalid(diagnostic)),
            };
            let Some(node) = lookup(&tree, &target.pointer) else {
                let where_ = if target.file == at.file { String::new() } else { format!(" in `{}`", target.file) };
                return Err(Unresolved::Dangling(format!("nothing at `{}`{where_}", target.pointer)));
            };
            if let Some(inner) = self.check_kind(&tree, &target, kind, at)? {
                seen.push(std::mem::replace(&mut target, inner));
                continue;
            }
            let stop_here = shape::section(kind).is_some_and(|section| {
                self.canonical(&target, section).is_some() || self.hoisted.contains_key(&(section, target.clone()))
            });
            match ref_of(node) {
                Some(next) if !stop_here && !has_meaningful_siblings(node, kind, self.version) => {
                    let here = At { file: target.file.clone(), pointer: target.pointer.clone(), out: at.out.clone() };
                    let next = self.target(next, &here)?;
                    seen.push(std::mem::replace(&mut target, next));
                }
                _ => return Ok(target),
            }
        }
        Err(Unresolved::Refused(format!("`$ref` chain is longer than {MAX_CHAIN} links")))
    }

    /// A target whose place says it is another kind: followed with a warning when the shapes
    /// agree (a request body used as a response) or when what the author meant is clear (a
    /// schema `$ref` to a parameter means its schema; `None` or the schema inside, to follow
    /// instead), refused otherwise.
    fn check_kind(&mut self, tree: &Value, target: &Target, kind: Kind, at: &At) -> Result<Option<Target>, Unresolved> {
        if kind == Kind::Text {
            return Ok(None);
        }
        let found = if tree.get("openapi").is_some() {
            let parts = segments(&target.pointer);
            shape::kind_at(Kind::Document, parts.iter().map(String::as_str))
        } else {
            // A file of shared pieces (`common.yaml` with `parameters:`) says nothing of its
            // kinds, but a parameter is plain to see: no schema has `name` and `in`.
            lookup(tree, &target.pointer).filter(|node| is_parameter(node)).map(|_| Kind::Parameter)
        };
        let Some(found) = found else { return Ok(None) };
        if found == kind {
            return Ok(None);
        }
        let fits = matches!(
            (found, kind),
            (Kind::RequestBody, Kind::Response) | (Kind::Response, Kind::RequestBody) | (Kind::Parameter, Kind::Header)
        );
        let message = format!(
            "`$ref` at a {} position points to a {} (`{}`)",
            shape::noun(kind),
            shape::noun(found),
            target.pointer
        );
        if fits {
            self.warn(at, format!("{message}; used as a {} since the shapes agree", shape::noun(kind)));
            return Ok(None);
        }
        let node = lookup(tree, &target.pointer);
        let inner = match (kind, found) {
            (Kind::Schema, Kind::Parameter | Kind::Header) => node.and_then(|node| schema_inside(node, None)),
            (Kind::Schema, Kind::Response | Kind::RequestBody) => {
                node.and_then(|node| schema_inside(node, media_type_of(&at.pointer).as_deref()))
            }
            (Kind::Response, Kind::Schema) => return Err(Unresolved::SchemaAsResponse(message)),
            _ => return Err(Unresolved::Refused(message)),
        };
        match inner {
            Some(inner) => {
                let pointer = inner.iter().fold(target.pointer.clone(), |pointer, segment| push_str(&pointer, segment));
                self.warn(at, format!("{message}; its schema (`{pointer}`) is used"));
                Ok(Some(Target { file: target.file.clone(), pointer }))
            }
            // A response without a body schema says nothing of the value: like a dangling
            // `$ref`, the schema is free-form.
            None => Err(Unresolved::Dangling(format!("{message}, which has no schema to use"))),
        }
    }

    /// A schema: children first, then its own keywords in the 3.0 shape, then repairs.
    fn schema(&mut self, node: &Value, at: &At) -> Option<Value> {
        let map = match node {
            Value::Bool(true) => return Some(json!({})),
            Value::Bool(false) => return Some(json!({ "not": {} })),
            Value::Object(map) => map,
            _ => return Some(node.clone()),
        };
        if let Some(recursive) = schema31::recursive_ref(map) {
            return Some(self.recursive(recursive, at));
        }
        let mut out = Map::new();
        for (key, value) in map {
            if schema31::is_dropped(key) {
                continue;
            }
            let walked = match (key.as_str(), value) {
                // Draft-4 tuples: `items` as a list.
                ("items", Value::Array(_)) => {
                    self.slot(value, Slot::List(Kind::Schema), Kind::Schema, &at.child(key.as_str()))
                }
                ("discriminator", _) => Some(self.discriminator(value, at)),
                // 3.0 reads `additionalProperties: true/false` itself.
                ("additionalProperties", Value::Bool(_)) => Some(value.clone()),
                _ => self.walk_field(Kind::Schema, key, value, at),
            };
            if let Some(value) = walked {
                out.insert(key.clone(), value);
            }
        }
        let mut notes = self.notes(at);
        schema31::normalise(&mut out, &mut notes);
        repair::schema(&mut out, &mut notes);
        Some(Value::Object(out))
    }

    /// `$recursiveRef: "#"` and `$dynamicRef` to the enclosing component's anchor: that component.
    fn recursive(&mut self, reference: &str, at: &At) -> Value {
        let root = self.schema_root.clone();
        let resolves = match (&root, reference.strip_prefix('#')) {
            (Some(_), Some("")) => true,
            (Some((_, Some(anchor))), Some(name)) => anchor == name,
            _ => false,
        };
        match root {
            Some((pointer, _)) if resolves => json!({ "$ref": pointer }),
            _ => {
                self.warn(
                    at,
                    format!("`{reference}` (dynamic reference) cannot be resolved here; treated as free-form JSON"),
                );
                json!({})
            }
        }
    }

    /// Discriminator mapping values that are file refs point to the hoisted schemas.
    fn discriminator(&mut self, value: &Value, at: &At) -> Value {
        let Some(mapping) = value.get("mapping").and_then(Value::as_object) else { return value.clone() };
        let mut rewritten = Map::new();
        let mapping_at = at.child("discriminator").child("mapping");
        for (tag, reference) in mapping {
            let Some(text) = reference.as_str() else {
                rewritten.insert(tag.clone(), reference.clone());
                continue;
            };
            let is_ref = text.contains('#')
                || text.contains('/')
                || [".yaml", ".yml", ".json"].iter().any(|e| text.ends_with(e));
            let local_component = at.file == self.files.sources.entry && text.starts_with("#/components/schemas/");
            let new = if is_ref && !local_component {
                match self
                    .target(text, &mapping_at.child(tag.as_str()))
                    .and_then(|t| self.follow_chain(t, Kind::Schema, at))
                {
                    Ok(target) => Value::String(self.component_ref(&target, Kind::Schema, "schemas")),
                    Err(_) => {
                        self.warn(
                            &mapping_at.child(tag.as_str()),
                            format!("discriminator mapping `{text}` leads nowhere; kept as written"),
                        );
                        reference.clone()
                    }
                }
            } else {
                reference.clone()
            };
            rewritten.insert(tag.clone(), new);
        }
        let mut out = value.clone();
        if let Some(map) = out.as_object_mut() {
            map.insert("mapping".into(), Value::Object(rewritten));
        }
        out
    }

    fn note_origin(&mut self, out: &str, file: &Rc<str>, pointer: &str) {
        let same = *file == self.files.sources.entry && out == pointer;
        if !same && !out.is_empty() {
            self.files
                .sources
                .origins
                .insert(out.to_owned(), Origin { file: file.clone(), pointer: pointer.to_owned() });
        }
    }

    fn notes<'s>(&'s mut self, at: &'s At) -> Notes<'s> {
        Notes { diagnostics: &mut self.diagnostics, at }
    }

    fn warn(&mut self, at: &At, message: impl Into<String>) {
        self.notes(at).warn("", message);
    }

    fn error(&mut self, at: &At, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic { file: Some(at.file.to_string()), ..Diagnostic::new(at.pointer.clone(), message) });
    }
}

/// Where the repairs and normalisations of one node report what they did.
pub struct Notes<'s> {
    diagnostics: &'s mut Vec<Diagnostic>,
    at: &'s At,
}

impl Notes<'_> {
    /// A warning at the node, or at its child `key` (empty: the node itself).
    pub fn warn(&mut self, key: &str, message: impl Into<String>) {
        let pointer = if key.is_empty() { self.at.pointer.clone() } else { push(&self.at.pointer, key) };
        self.diagnostics
            .push(Diagnostic { file: Some(self.at.file.to_string()), ..Diagnostic::warning(pointer, message) });
    }
}

fn ref_of(node: &Value) -> Option<&str> {
    node.get("$ref").and_then(Value::as_str)
}

/// Whether a `$ref` node says more than where to look (3.1 schemas and path items may).
fn has_meaningful_siblings(node: &Value, kind: Kind, version: Version) -> bool {
    match (kind, node.as_object()) {
        (Kind::Schema, Some(map)) if version == Version::V31 => schema31::wrap_ref_siblings(map).is_some(),
        (Kind::PathItem, Some(map)) => map.len() > 1,
        _ => false,
    }
}

fn anchor_of(node: &Value) -> Option<String> {
    node.get("$dynamicAnchor").and_then(Value::as_str).map(str::to_owned)
}

/// The way from a parameter, header, response or request body to its schema: its own `schema`,
/// else the one of its `content` entries for `media_type` (when given and present), else of its
/// only entry.
fn schema_inside(node: &Value, media_type: Option<&str>) -> Option<Vec<String>> {
    if node.get("schema").is_some() {
        return Some(vec!["schema".to_owned()]);
    }
    let content = node.get("content")?.as_object()?;
    let chosen = match media_type.filter(|wanted| content.contains_key(*wanted)) {
        Some(wanted) => wanted.to_owned(),
        None if content.len() == 1 => content.keys().next()?.clone(),
        None => return None,
    };
    content.get(&chosen)?.get("schema")?;
    Some(vec!["content".to_owned(), chosen, "schema".to_owned()])
}

/// The media type of a schema position `…/content/<media type>/schema`.
fn media_type_of(pointer: &str) -> Option<String> {
    let parts = segments(pointer);
    match parts.as_slice() {
        [.., content, media_type, schema] if content == "content" && schema == "schema" => Some(media_type.clone()),
        _ => None,
    }
}

/// The node at a `#`-prefixed JSON pointer.
fn lookup<'v>(tree: &'v Value, pointer: &str) -> Option<&'v Value> {
    tree.pointer(pointer.strip_prefix('#').unwrap_or(pointer))
}

/// The decoded segments of a `#`-prefixed JSON pointer.
fn segments(pointer: &str) -> Vec<String> {
    let body = pointer.strip_prefix('#').unwrap_or(pointer);
    body.split('/').skip(1).map(|s| s.replace("~1", "/").replace("~0", "~")).collect()
}

fn last_segment(pointer: &str) -> String {
    segments(pointer).pop().unwrap_or_default()
}
