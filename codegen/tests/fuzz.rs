//! Property: whatever the spec, load + lower + emit returns files or located diagnostics,
//! and never panics. Specs are real ones (our spec, the fixtures) mutated at random nodes.
//!
//! Bounded here (PROPTEST_CASES, default 200); run longer by hand, e.g.
//! `PROPTEST_CASES=20000 cargo test -p codegen --release --test fuzz`.

use proptest::prelude::*;
use serde_json::{Value, json};

/// Seed specs as JSON trees, parsed once.
fn seeds() -> &'static [Value] {
    static SEEDS: std::sync::OnceLock<Vec<Value>> = std::sync::OnceLock::new();
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
        texts.iter().filter_map(|t| serde_yaml_ng::from_str(t).ok()).collect()
    })
}

/// Values a mutation may put somewhere: wrong types, dangling refs, bad extensions.
fn replacement(choice: u32) -> Value {
    match choice % 16 {
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
        _ => json!({"type": "string", "format": "voximplant-timestamp", "nullable": true}),
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
    fn never_panics(seed in 0usize..64, edits in proptest::collection::vec((any::<u32>(), any::<u32>(), any::<u32>()), 1..6)) {
        let seeds = seeds();
        // The big spec is slow to emit; use it for one case in eight.
        let index = if seed % 8 == 0 { seeds.len() - 1 } else { seed % (seeds.len() - 1) };
        let spec = mutate(seeds[index].clone(), &edits);
        let text = serde_json::to_string(&spec).expect("serializes");
        let options = codegen::Options { source_name: "fuzz.json".into(), ..codegen::Options::default() };
        let outcome = std::panic::catch_unwind(|| codegen::generate(codegen::Spec::Text(&text), &options).map(|g| g.files.len()));
        prop_assert!(outcome.is_ok(), "panicked on {}", text);
        if let Ok(Err(e)) = outcome {
            prop_assert!(!e.diagnostics.is_empty());
            prop_assert!(e.diagnostics.iter().all(|d| d.pointer.starts_with('#')));
        }
    }
}
