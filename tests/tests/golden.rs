//! Golden tests: the emitted code for each fixture spec (one construct each) is a reviewed
//! snapshot. Runtime files are copies of `codegen/runtime/` (tested there and in
//! `codegen/src/emit/runtime.rs`) and are left out; the checked-in
//! `generated-client/` is the golden output for `spec/` (see `freshness.rs`).

#![cfg(test)]

use std::path::Path;

fn generated(fixture: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(fixture);
    let text = std::fs::read_to_string(&path).expect("fixture readable");
    let options = codegen::Options { source_name: fixture.to_owned(), ..codegen::Options::default() };
    let generated =
        codegen::generate(codegen::Spec::Text(&text), &options).unwrap_or_else(|e| panic!("{fixture}:\n{e}"));
    assert!(generated.warnings.is_empty(), "{fixture} has defects: {:?}", generated.warnings);
    let files = generated.files;
    files
        .iter()
        .filter(|f| !f.path.starts_with("src/runtime/"))
        .filter(|f| f.path != "README.md")
        .map(|f| format!("===== {} =====\n{}", f.path, f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

macro_rules! golden {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(generated(concat!(stringify!($name), ".yaml")));
        }
    )*};
}

golden!(
    object_fields,
    enums,
    arrays_maps,
    nested_refs,
    composition,
    recursion,
    voximplant_extensions,
    operations,
    bodies,
    hostile_names,
    bare_values,
    parameter_styles,
    unions,
    unused_types,
    wide_constructors
);
