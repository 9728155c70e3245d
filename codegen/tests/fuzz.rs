//! Property: whatever the spec, load + lower + emit returns files or located diagnostics,
//! never panics and never fails with an internal error; the files it returns parse as Rust,
//! and every crate they name is a dependency of the generated `Cargo.toml`. Specs are real ones (our spec, the fixtures), a 3.1 spec and an in-memory
//! multi-file spec, mutated at random nodes (of any of their files).
//!
//! Bounded here (PROPTEST_CASES, default 200); run longer by hand, e.g.
//! `PROPTEST_CASES=20000 cargo test -p codegen --release --test fuzz`.

use proptest::prelude::*;
use serde_json::{Value, json};

/// A 3.1 spec using what 3.1 adds: type lists, const, null alternatives, `$ref` siblings,
/// `$defs`, dynamic refs, prefixItems, webhooks, path item components.
const SEED_31: &str = r##"
openapi: 3.1.0
info: {title: Fuzz 31, version: '1', summary: s, license: {name: MIT, identifier: MIT}}
webhooks:
  ping: {post: {responses: {'200': {description: ok}}}}
paths:
  /items/{id}:
    $ref: '#/components/pathItems/Item'
components:
  pathItems:
    Item:
      get:
        operationId: getItem
        parameters:
          - {name: id, in: path, required: true, schema: {type: [integer, 'null'], exclusiveMinimum: 0}}
        responses:
          '200':
            description: ok
            content:
              application/json:
                schema: {$ref: '#/components/schemas/Item', description: the item}
  schemas:
    Item:
      type: object
      $dynamicAnchor: node
      required: [kind]
      properties:
        kind: {const: item}
        name: {anyOf: [{type: string, maxLength: 9}, {type: 'null'}]}
        size: {type: [number, string], minimum: 1, maxLength: 3, examples: [1]}
        pair: {type: array, prefixItems: [{type: string}, {type: integer}], items: false}
        child: {$dynamicRef: '#node'}
        tag: {$ref: '#/components/schemas/Item/$defs/Tag'}
        blob: {type: string, contentEncoding: base64}
      patternProperties: {'^x-': {type: string}}
      $defs:
        Tag: {type: string, enum: [a, b]}
"##;

/// A multi-file spec, as an in-memory file set (entry first).
const SEED_FILES: &[(&str, &str)] = &[
    (
        "api/openapi.yaml",
        "openapi: 3.1.0\ninfo: {title: Files, version: '1', description: {$ref: 'README.md'}}\npaths:\n  /pets:\n    \
         $ref: paths/pets.yaml\ncomponents:\n  schemas:\n    Pet: {$ref: 'schemas/Pet.yaml'}\n",
    ),
    (
        "api/paths/pets.yaml",
        "get:\n  operationId: listPets\n  parameters:\n    - $ref: '../params.yaml#/limit'\n  responses:\n    '200':\n      \
         description: ok\n      content:\n        application/json:\n          schema: {type: array, items: {$ref: \
         '../schemas/Pet.yaml'}}\n",
    ),
    ("api/params.yaml", "limit: {name: limit, in: query, schema: {type: integer, maximum: 100}}\n"),
    (
        "api/schemas/Pet.yaml",
        "type: object\nproperties:\n  owner: {$ref: 'Owner.yaml'}\n  kind: {type: string}\ndiscriminator:\n  \
         propertyName: kind\n  mapping: {cat: './Pet.yaml'}\n",
    ),
    ("api/schemas/Owner.yaml", "type: object\nproperties:\n  pets: {type: array, items: {$ref: 'Pet.yaml'}}\n"),
    ("api/README.md", "# Files\n"),
];

/// A seed: its files as JSON trees (entry first); one file means "given as text".
type Seed = Vec<(String, Value)>;

/// Seed specs as JSON trees, parsed once.
fn seeds() -> &'static [Seed] {
    static SEEDS: std::sync::OnceLock<Vec<Seed>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let texts = [
            include_str!("../../tests/fixtures/voximplant_extensions.yaml"),
            include_str!("../../tests/fixtures/operations.yaml"),
            include_str!("../../tests/fixtures/composition.yaml"),
            include_str!("../../tests/fixtures/object_fields.yaml"),
            include_str!("../../tests/fixtures/recursion.yaml"),
            include_str!("../../tests/fixtures/arrays_maps.yaml"),
            include_str!("../../spec/voximplant-accounts.yaml"),
        ];
        let single = [&SEED_31].into_iter().chain(texts.iter()).filter_map(|t| serde_yaml_ng::from_str(t).ok());
        let mut seeds: Vec<Seed> = single.map(|tree| vec![("spec.json".to_owned(), tree)]).collect();
        let files = SEED_FILES
            .iter()
            .map(|(path, text)| {
                let tree = if path.ends_with(".md") {
                    Value::String((*text).to_owned())
                } else {
                    serde_yaml_ng::from_str(text).unwrap_or(Value::Null)
                };
                ((*path).to_owned(), tree)
            })
            .collect();
        // The big spec (voximplant's) stays last: it is used for one case in eight.
        seeds.insert(0, files);
        seeds
    })
}

/// Values a mutation may put somewhere: wrong types, dangling refs, bad extensions.
fn replacement(choice: u32) -> Value {
    match choice % 24 {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-7),
        3 => json!("x"),
        4 => json!({}),
        5 => json!([]),
        6 => json!({"$ref": "#/components/schemas/Nope"}),
        7 => json!({"$ref": "other.yaml#/x"}),
        8 => json!({"type": "array"}),
        9 => json!({"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Item"}}),
        10 => json!({"oneOf": [{"type": "string"}, {"type": "integer"}], "discriminator": {"propertyName": "k"}}),
        11 => json!({"offset": "offset", "limit": "count", "items": "nope"}),
        12 => json!(";"),
        13 => json!({"type": "string", "enum": ["", "-", "self", "Self", "type", "1", "é"]}),
        14 => json!({"allOf": [{"$ref": "#/components/schemas/Item"}, {"$ref": "#/components/schemas/Item"}]}),
        15 => json!({"type": "string", "format": "voximplant-timestamp", "nullable": true}),
        16 => json!({"type": ["string", "null", "integer"], "const": 3}),
        17 => json!({"$ref": "schemas/Pet.yaml", "description": "d", "type": "object"}),
        18 => json!({"$ref": "../../escape.yaml"}),
        19 => json!({"$ref": "https://example.com/x.yaml#/a"}),
        20 => json!({"anyOf": [{"type": "null"}, {"$ref": "#/components/schemas/Pet"}]}),
        21 => json!({"$dynamicRef": "#node", "prefixItems": [true, false]}),
        22 => json!({"$ref": "#/paths/~1pets/get/parameters/0"}),
        _ => json!(18446744073709552000.0_f64),
    }
}

const EXTENSIONS: &[&str] = &[
    "x-pagination",
    "x-delimiter",
    "x-at-least-one-of",
    "x-idempotent",
    "x-error-codes",
    "x-enum-descriptions",
    "x-rust-crate",
];

fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                pointers(c, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                pointers(c, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn mutate(mut spec: Value, edits: &[(u32, u32, u32)]) -> Value {
    for &(kind, at, choice) in edits {
        let mut all = Vec::new();
        pointers(&spec, String::new(), &mut all);
        let Some(ptr) = all.get(at as usize % all.len()).cloned() else { continue };
        let Some(node) = spec.pointer_mut(&ptr) else { continue };
        match kind % 4 {
            0 => *node = replacement(choice),
            1 => {
                if let Value::Object(m) = node {
                    let keys: Vec<String> = m.keys().cloned().collect();
                    if let Some(k) = keys.get(choice as usize % keys.len().max(1)) {
                        m.remove(k);
                    }
                }
            }
            2 => {
                if let Value::Object(m) = node {
                    m.insert(EXTENSIONS[choice as usize % EXTENSIONS.len()].to_owned(), replacement(choice / 7));
                }
            }
            _ => {
                if let Value::Object(m) = node {
                    m.insert(format!("k{choice}"), replacement(choice));
                }
            }
        }
    }
    spec
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(200),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn never_panics(
        seed in 0usize..64,
        file in 0usize..64,
        edits in proptest::collection::vec((any::<u32>(), any::<u32>(), any::<u32>()), 1..6),
    ) {
        let seeds = seeds();
        // The big spec is slow to emit; use it for one case in eight.
        let index = if seed % 8 == 0 { seeds.len() - 1 } else { (seed / 8 + seed % 8) % (seeds.len() - 1) };
        let mut files = seeds[index].clone();
        let target = file % files.len();
        files[target].1 = mutate(files[target].1.clone(), &edits);
        let texts: std::collections::BTreeMap<String, String> = files
            .iter()
            .map(|(path, tree)| {
                let text = match tree {
                    Value::String(text) if path.ends_with(".md") => text.clone(),
                    tree => serde_json::to_string(tree).expect("serializes"),
                };
                (path.clone(), text)
            })
            .collect();
        let options = codegen::Options { source_name: "fuzz.json".into(), ..codegen::Options::default() };
        let entry = files[0].0.clone();
        let outcome = std::panic::catch_unwind(|| {
            let spec = match texts.len() {
                1 => codegen::Spec::Text(&texts[&entry]),
                _ => codegen::Spec::Files { entry: &entry, reader: &texts },
            };
            codegen::generate(spec, &options).map(|g| g.files)
        });
        prop_assert!(outcome.is_ok(), "panicked on {:?}", texts);
        match outcome {
            Ok(Err(e)) => {
                prop_assert!(!e.diagnostics.is_empty());
                prop_assert!(!e.is_internal(), "internal error {e} on {}", shown(&texts));
                prop_assert!(e.diagnostics.iter().all(|d| d.pointer.starts_with('#')));
            }
            Ok(Ok(files)) => {
                if let Err(problem) = crate_holds_together(&files) {
                    prop_assert!(false, "{problem} on {}", shown(&texts));
                }
            }
            Err(_) => {}
        }
    }
}

/// The mutated spec, cut short: enough to find the edit, not the whole spec.
fn shown(texts: &std::collections::BTreeMap<String, String>) -> String {
    texts.iter().map(|(path, text)| format!("{path}: {}", text.chars().take(400).collect::<String>())).collect()
}

/// Every Rust file parses, and every crate a path names (`serde_json::Value`) is a dependency in
/// `Cargo.toml` (or the standard library, or a module of the crate).
fn crate_holds_together(files: &[codegen::GeneratedFile]) -> Result<(), String> {
    use syn::visit::Visit;

    #[derive(Default)]
    struct Names {
        roots: std::collections::BTreeSet<String>,
        /// Modules declared and names brought in by `use`: local, not crates.
        modules: std::collections::BTreeSet<String>,
    }

    impl Names {
        fn imports(&mut self, tree: &syn::UseTree) {
            match tree {
                syn::UseTree::Path(path) => self.imports(&path.tree),
                syn::UseTree::Name(name) => {
                    self.modules.insert(name.ident.to_string());
                }
                syn::UseTree::Rename(rename) => {
                    self.modules.insert(rename.rename.to_string());
                }
                syn::UseTree::Group(group) => group.items.iter().for_each(|item| self.imports(item)),
                syn::UseTree::Glob(_) => {}
            }
        }
    }

    impl<'ast> Visit<'ast> for Names {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            if path.segments.len() > 1
                && let Some(first) = path.segments.first()
            {
                self.roots.insert(first.ident.to_string());
            }
            syn::visit::visit_path(self, path);
        }

        fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
            if let syn::UseTree::Path(path) = &item.tree {
                self.roots.insert(path.ident.to_string());
            }
            self.imports(&item.tree);
        }

        // Attribute paths name tools (`rustfmt::skip`), not crates.
        fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}

        fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
            self.modules.insert(module.ident.to_string());
            syn::visit::visit_item_mod(self, module);
        }
    }

    let mut names = Names::default();
    for file in files.iter().filter(|file| file.path.ends_with(".rs")) {
        let parsed =
            syn::parse_file(&file.contents).map_err(|error| format!("{} does not parse: {error}", file.path))?;
        names.visit_file(&parsed);
    }
    let manifest = files.iter().find(|file| file.path == "Cargo.toml").ok_or("no Cargo.toml")?;
    let mut dependencies = std::collections::BTreeSet::new();
    let mut in_dependencies = false;
    for line in manifest.contents.lines() {
        // The crate itself (its example uses it by name).
        if let Some(name) = line.strip_prefix("name = ") {
            dependencies.insert(name.trim_matches('"').replace('-', "_"));
        }
        if line.starts_with('[') {
            in_dependencies = line == "[dependencies]" || line == "[dev-dependencies]";
        } else if in_dependencies && let Some((name, _)) = line.split_once(" = ") {
            dependencies.insert(name.trim().replace('-', "_"));
        }
    }
    let known = [
        "crate", "self", "super", "std", "core", "alloc", "bool", "char", "str", "u8", "u16", "u32", "u64", "u128",
        "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64",
    ];
    for root in &names.roots {
        let lowercase = root.starts_with(|c: char| c.is_ascii_lowercase());
        if lowercase && !known.contains(&root.as_str()) && !names.modules.contains(root) && !dependencies.contains(root)
        {
            return Err(format!("the generated code names the crate `{root}`, which is not a dependency"));
        }
    }
    Ok(())
}

/// The seeds themselves are valid: every one parses and loads (so a mutation starts from a real spec).
#[test]
fn seeds_load() {
    let seeds = seeds();
    assert_eq!(seeds.len(), 9, "a seed did not parse");
    for seed in seeds {
        let texts: std::collections::BTreeMap<String, String> = seed
            .iter()
            .map(|(path, tree)| match tree {
                Value::String(text) if path.ends_with(".md") => (path.clone(), text.clone()),
                tree => (path.clone(), serde_json::to_string(tree).expect("serializes")),
            })
            .collect();
        let entry = &seed[0].0;
        let spec = match texts.len() {
            1 => codegen::Spec::Text(&texts[entry]),
            _ => codegen::Spec::Files { entry, reader: &texts },
        };
        let checked = codegen::check_spec(spec, &codegen::Options::default()).expect("loads");
        let unexpected: Vec<_> = checked.warnings.iter().filter(|w| !w.message.starts_with("webhooks")).collect();
        assert!(unexpected.is_empty(), "{unexpected:?}");
        assert!(checked.operations > 0 || checked.schemas > 0, "{entry}: empty");
    }
}
