//! Every fixture's generated crate compiles and passes clippy with `-D warnings` (the library
//! with default features, and every target with every feature): golden snapshots show what is
//! emitted, this shows it builds. The crates are put in one temporary workspace (pinned by the
//! repo's Cargo.lock) under `target/`, checked by a nested cargo; a fixture with tests in
//! `tests/fixture-tests/<fixture>.rs` also runs them against a mock server.

#![cfg(test)]

use std::path::Path;
use std::process::Command;

/// Dev-dependencies of the behaviour tests in `tests/fixture-tests/`, besides the tokio that
/// a generated crate with an example already has.
const TEST_DEPENDENCIES: &str = "serde_json = \"1\"\nwiremock = \"0.6\"\n";

#[test]
fn every_fixture_crate_passes_clippy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root");
    let work = root.join("target/fixture-crates");
    let _ = std::fs::remove_dir_all(work.join("crates"));
    let mut members = Vec::new();
    let mut with_tests = Vec::new();
    // A fixture is a `.yaml` file, or a directory of files whose entry is `openapi.yaml`.
    let mut fixtures: Vec<(String, std::path::PathBuf)> = std::fs::read_dir(root.join("tests/fixtures"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter_map(|path| {
            let stem = path.file_stem()?.to_string_lossy().replace('_', "-");
            if path.is_dir() {
                Some((stem, path.join("openapi.yaml")))
            } else {
                path.extension().is_some_and(|x| x == "yaml").then_some((stem, path))
            }
        })
        .collect();
    fixtures.sort();
    for (stem, fixture) in &fixtures {
        let stem = stem.clone();
        let options = codegen::Options {
            source_name: stem.clone(),
            crate_name: Some(format!("fixture-{stem}")),
            ..codegen::Options::default()
        };
        let files =
            codegen::generate(codegen::Spec::Path(fixture), &options).unwrap_or_else(|e| panic!("{stem}:\n{e}")).files;
        for f in files {
            let path = work.join("crates").join(&stem).join(&f.path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
            std::fs::write(&path, f.contents).expect("write");
        }
        // A fixture may come with behaviour tests that run inside its generated crate.
        let behaviour = root.join("tests/fixture-tests").join(format!("{}.rs", stem.replace('-', "_")));
        if behaviour.exists() {
            let dir = work.join("crates").join(&stem).join("tests");
            std::fs::create_dir_all(&dir).expect("dir");
            std::fs::copy(&behaviour, dir.join("behaviour.rs")).expect("copy");
            // Generated crates carry no tests, so no dev-dependencies: add what these tests use.
            let manifest = work.join("crates").join(&stem).join("Cargo.toml");
            let text = std::fs::read_to_string(&manifest).expect("manifest");
            assert!(text.contains("\ntokio = "), "{stem}: the fixture tests need the example's tokio");
            let text = text.replace("[dev-dependencies]\n", &format!("[dev-dependencies]\n{TEST_DEPENDENCIES}"));
            std::fs::write(&manifest, text).expect("manifest");
            with_tests.push(format!("fixture-{stem}"));
        }
        members.push(format!("\"crates/{stem}\""));
    }
    let manifest = tests::nested_workspace_manifest(&members);
    std::fs::write(work.join("Cargo.toml"), manifest).expect("manifest");
    std::fs::copy(root.join("Cargo.lock"), work.join("Cargo.lock")).expect("lock");
    // The repository's clippy settings (unwrap and friends allowed in tests only).
    std::fs::copy(root.join("clippy.toml"), work.join("clippy.toml")).expect("clippy settings");

    // Users build the library with its default features; the tests turn every feature on.
    let clippy_runs: [&[&str]; 2] = [&["--lib"], &["--all-targets", "--all-features"]];
    for targets in clippy_runs {
        let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["clippy", "--workspace", "--quiet"])
            .args(targets)
            .args(["--", "-D", "warnings"])
            .current_dir(&work)
            .env("CARGO_TARGET_DIR", work.join("target"))
            .output()
            .expect("cargo runs");
        assert!(
            out.status.success(),
            "generated fixture crates do not pass clippy ({}):\n{}",
            targets.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut test = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    test.args(["test", "--quiet", "--all-features"]).current_dir(&work).env("CARGO_TARGET_DIR", work.join("target"));
    for package in &with_tests {
        test.args(["-p", package]);
    }
    let out = test.output().expect("cargo runs");
    assert!(
        out.status.success(),
        "the fixture crates' behaviour tests fail:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
