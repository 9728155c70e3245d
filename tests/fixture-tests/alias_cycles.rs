#![cfg(test)]
//! Run inside the crate generated from `tests/fixtures/alias_cycles.yaml` (copied there by
//! `tests/tests/fixtures_compile.rs`): lists and maps that contain themselves are types of
//! their own and keep every level; a `$ref` loop with nothing in between is free-form JSON.

use fixture_alias_cycles::*;

#[test]
fn nested_lists_and_maps_keep_every_level() {
    let json = r#"{"tree":[[],[[[]]]],"dict":{"a":{"b":{}}},"branch":[{"x":[{}]}],"pet":{"name":"Rex"}}"#;
    let forest: Forest = serde_json::from_str(json).unwrap();
    assert_eq!(forest.tree, Tree(vec![Tree(vec![]), Tree(vec![Tree(vec![Tree(vec![])])])]));
    let dict = forest.dict.as_ref().unwrap();
    assert!(dict.0["a"].0["b"].0.is_empty());
    assert_eq!(forest.pet.as_ref().unwrap()["name"], "Rex");
    let again: serde_json::Value = serde_json::to_value(&forest).unwrap();
    assert_eq!(again, serde_json::from_str::<serde_json::Value>(json).unwrap());
}

#[test]
fn a_deep_hostile_nesting_is_an_error_not_a_crash() {
    let deep = format!("{{\"tree\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(serde_json::from_str::<Forest>(&deep).is_err());
}
