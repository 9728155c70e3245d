//! Golden tests: the emitted code for each fixture spec (one construct each) is a reviewed
//! snapshot. Runtime files are copies of `codegen/runtime/` (tested there and in
//! `codegen/src/emit/runtime.rs`) and are left out; the checked-in
//! `generated-client/` is the golden output for `spec/` (see `freshness.rs`).

#![cfg(test)]

use std::path::Path;

/// A fixture's generated files (runtime and README left out), and its warnings if any. A
/// fixture is a `.yaml` file or a directory of files whose entry is `openapi.yaml`.
fn generated(fixture: &str) -> String {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let path = if fixtures.join(fixture).is_dir() {
        fixtures.join(fixture).join("openapi.yaml")
    } else {
        fixtures.join(format!("{fixture}.yaml"))
    };
    let options = codegen::Options { source_name: fixture.to_owned(), ..codegen::Options::default() };
    let generated =
        codegen::generate(codegen::Spec::Path(&path), &options).unwrap_or_else(|e| panic!("{fixture}:\n{e}"));
    let warnings = (!generated.warnings.is_empty())
        .then(|| format!("===== warnings =====\n{}\n", codegen::diagnostics::render(&generated.warnings, fixture)));
    let files = generated
        .files
        .iter()
        .filter(|f| !f.path.starts_with("src/runtime/"))
        .filter(|f| f.path != "README.md")
        .map(|f| format!("===== {} =====\n{}", f.path, f.contents));
    warnings.into_iter().chain(files).collect::<Vec<_>>().join("\n")
}

macro_rules! golden {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(generated(stringify!($name)));
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
    openapi31,
    multifile,
    unused_types,
    wide_constructors,
    default_replies,
    shared_shapes,
    foreign_names,
    success_replies,
    split_index,
    combined_auth,
    alias_cycles
);
