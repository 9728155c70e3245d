//! The checked-in `generated-client/` must be exactly what the generator makes from `spec/`
//! (the same check as `cargo xtask codegen --check`, so a plain `cargo test` catches it too).

#![cfg(test)]

use std::path::Path;

#[test]
fn generated_client_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root");
    let spec = std::fs::read_to_string(root.join("spec/voximplant-accounts.yaml")).expect("spec readable");
    let options =
        codegen::Options { source_name: "spec/voximplant-accounts.yaml".into(), ..codegen::Options::default() };
    let generated = codegen::generate(codegen::Spec::Text(&spec), &options).expect("spec generates");
    assert!(generated.warnings.is_empty(), "the spec has defects: {:?}", generated.warnings);
    let files = generated.files;
    let mut stale = Vec::new();
    for f in &files {
        let on_disk = std::fs::read_to_string(root.join("generated-client").join(&f.path)).unwrap_or_default();
        if on_disk != f.contents {
            stale.push(f.path.clone());
        }
    }
    assert!(stale.is_empty(), "stale generated files {stale:?}: run `cargo xtask codegen`");
}

#[test]
fn generation_is_deterministic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root");
    let spec = std::fs::read_to_string(root.join("spec/voximplant-accounts.yaml")).expect("spec readable");
    let options =
        codegen::Options { source_name: "spec/voximplant-accounts.yaml".into(), ..codegen::Options::default() };
    let first = codegen::generate(codegen::Spec::Text(&spec), &options).expect("generates");
    let second = codegen::generate(codegen::Spec::Text(&spec), &options).expect("generates");
    assert_eq!(first, second);
}
