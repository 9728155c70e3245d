//! The `cargo xtask codegen` command as a user runs it: exit codes, located errors, nothing
//! written on failure, byte-identical reruns, stale detection, cleanup of files no longer made.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const GOOD: &str = "openapi: 3.0.3
info: {title: Tiny, version: '1'}
paths:
  /ping:
    get:
      operationId: ping
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {ok: {type: boolean}}}
";

/// Helpers count as test code (cfg(test)), where expect() on setup failures is the right tool.
#[cfg(test)]
mod support {
    use super::*;

    pub fn xtask(args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().expect("xtask runs")
    }

    pub fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
    }

    pub fn write_spec(dir: &Path, text: &str) -> PathBuf {
        let path = dir.join("spec.yaml");
        std::fs::write(&path, text).expect("spec written");
        path
    }

    /// Runs codegen on a bad spec; asserts exit 1, the message, the location, and that nothing was written.
    pub fn assert_rejected(spec: &str, extra: &[&str], pointer: &str, line: usize, message: &str) {
        let dir = tempfile::tempdir().expect("tempdir");
        let spec_path = write_spec(dir.path(), spec);
        let out = dir.path().join("out");
        let mut args =
            vec!["codegen", "--spec", spec_path.to_str().expect("utf8"), "--out", out.to_str().expect("utf8")];
        args.extend_from_slice(extra);
        let result = xtask(&args);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "stderr: {stderr}");
        assert!(stderr.contains(message), "expected {message:?} in: {stderr}");
        assert!(stderr.contains(&format!("({pointer})")), "expected pointer {pointer} in: {stderr}");
        assert!(stderr.contains(&format!("spec.yaml:{line}:")), "expected line {line} in: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!out.exists(), "nothing may be written on failure");
    }

    pub fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).expect("list") {
            let p = entry.expect("entry").path();
            if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
        }
        out
    }
}
use support::*;

#[test]
fn bad_yaml_is_located() {
    assert_rejected("openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a: [\n", &[], "#", 5, "invalid YAML");
}

#[test]
fn wrong_type_at_a_node_is_located() {
    let spec = GOOD.replace("      operationId: ping\n", "      operationId: ping\n      parameters: 12\n");
    assert_rejected(&spec, &["--strict"], "#/paths/~1ping/get/parameters", 7, "`parameters` is not valid here");
}

#[test]
fn dangling_ref_is_located() {
    let spec =
        GOOD.replace("{type: object, properties: {ok: {type: boolean}}}", "{$ref: '#/components/schemas/Missing'}");
    assert_rejected(
        &spec,
        &["--strict"],
        "#/paths/~1ping/get/responses/200/content/application~1json/schema",
        12,
        "dangling `$ref: #/components/schemas/Missing`",
    );
}

#[test]
fn clear_defects_are_warnings_that_do_not_fail() {
    let spec =
        GOOD.replace("{type: object, properties: {ok: {type: boolean}}}", "{$ref: '#/components/schemas/Missing'}");
    let dir = tempfile::tempdir().expect("tempdir");
    let spec_path = write_spec(dir.path(), &spec);
    let out = dir.path().join("out");
    let result = xtask(&["codegen", "--spec", spec_path.to_str().expect("utf8"), "--out", out.to_str().expect("utf8")]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    assert!(stderr.contains("warning: dangling `$ref: #/components/schemas/Missing`"), "{stderr}");
    assert!(stderr.contains("spec.yaml:12:"), "{stderr}");
    assert!(out.join("Cargo.toml").exists());
}

#[test]
fn multi_file_specs_read_their_refs_inside_the_refs_root() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = dir.path().join("api");
    std::fs::create_dir_all(api.join("schemas")).expect("dirs");
    let entry = GOOD.replace("{type: object, properties: {ok: {type: boolean}}}", "{$ref: 'schemas/Pong.yaml'}");
    let spec_path = write_spec(&api, &entry);
    std::fs::write(api.join("schemas/Pong.yaml"), "type: object\nproperties:\n  ok: {$ref: '../../shared.yaml'}\n")
        .expect("write");
    std::fs::write(dir.path().join("shared.yaml"), "type: boolean\n").expect("write");
    let out = dir.path().join("out");
    let args = ["codegen", "--spec", spec_path.to_str().expect("utf8"), "--out", out.to_str().expect("utf8")];

    // The shared file lies outside the spec's directory: refused until the refs root allows it.
    let refused = xtask(&args);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("leads outside the spec's directory"), "{stderr}");
    assert!(stderr.contains("schemas/Pong.yaml:3:"), "located in the file that holds the ref: {stderr}");

    let mut allowed = args.to_vec();
    allowed.extend(["--refs-root", dir.path().to_str().expect("utf8")]);
    let result = xtask(&allowed);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let types = std::fs::read_to_string(out.join("src/types.rs")).expect("types");
    assert!(types.contains("pub struct Pong"), "{types}");
}

#[test]
fn malformed_vendor_extension_is_located() {
    let spec = GOOD.replace("      operationId: ping\n", "      operationId: ping\n      x-idempotent: maybe\n");
    assert_rejected(&spec, &[], "#/paths/~1ping/get/x-idempotent", 7, "`x-idempotent` must be true or false");
}

#[test]
fn another_tools_pagination_is_a_warning_that_strict_refuses() {
    let spec = GOOD.replace("      operationId: ping\n", "      operationId: ping\n      x-pagination: {offset: 3}\n");
    assert_rejected(&spec, &["--strict"], "#/paths/~1ping/get/x-pagination", 7, "`x-pagination` is not {offset");
    let dir = tempfile::tempdir().expect("tempdir");
    let spec_path = write_spec(dir.path(), &spec);
    let out = dir.path().join("out");
    let result = xtask(&["codegen", "--spec", spec_path.to_str().expect("utf8"), "--out", out.to_str().expect("utf8")]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning: `x-pagination` is not"), "{stderr}");
    assert!(out.join("src/lib.rs").exists());
}

#[test]
fn every_problem_is_reported_at_once() {
    let spec = GOOD.replace(
        "      operationId: ping\n",
        "      operationId: ping\n      x-idempotent: maybe\n      x-at-least-one-of: [nope, nada]\n",
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let spec_path = write_spec(dir.path(), &spec);
    let result = xtask(&[
        "codegen",
        "--spec",
        spec_path.to_str().expect("utf8"),
        "--out",
        dir.path().join("o").to_str().expect("utf8"),
    ]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1));
    assert!(stderr.contains("`x-idempotent` must be true or false"), "{stderr}");
    assert!(stderr.contains("names `nope`"), "{stderr}");
    assert!(stderr.contains("names `nada`"), "{stderr}");
}

#[test]
fn reruns_are_byte_identical_and_check_detects_staleness() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = root().join("spec/voximplant-accounts.yaml");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        let r = xtask(&["codegen", "--spec", spec.to_str().expect("utf8"), "--out", out.to_str().expect("utf8")]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    }
    let files = |d: &Path| {
        let mut v: Vec<(String, Vec<u8>)> = walk(d)
            .into_iter()
            .map(|p| (p.strip_prefix(d).expect("inside").display().to_string(), std::fs::read(&p).expect("read")))
            .collect();
        v.sort();
        v
    };
    assert_eq!(files(&a), files(&b));

    // --check on a fresh tree passes; after an edit it fails with a diff naming the file.
    let check = |out: &Path| {
        xtask(&["codegen", "--check", "--spec", spec.to_str().expect("utf8"), "--out", out.to_str().expect("utf8")])
    };
    assert!(check(&a).status.success());
    let types = a.join("src/types.rs");
    let edited = std::fs::read_to_string(&types).expect("read").replacen("pub struct", "pub  struct", 1);
    std::fs::write(&types, edited).expect("write");
    let r = check(&a);
    assert_eq!(r.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert!(stdout.contains("--- a/src/types.rs") && stdout.contains("+++ b/src/types.rs"), "{stdout}");

    // A file the generator made before but no longer makes is reported and then removed;
    // a file it did not make is left alone.
    let old = a.join("src/old.rs");
    std::fs::write(&old, "// @generated by codegen from a spec with sha256 0. Do not edit.\n").expect("write");
    let mine = a.join("NOTES.md");
    std::fs::write(&mine, "mine\n").expect("write");
    let r = check(&a);
    assert!(String::from_utf8_lossy(&r.stdout).contains("+++ /dev/null"));
    let r = xtask(&["codegen", "--spec", spec.to_str().expect("utf8"), "--out", a.to_str().expect("utf8")]);
    assert!(r.status.success());
    assert!(!old.exists());
    assert!(mine.exists());
    assert!(check(&a).status.success());
}

#[test]
fn editing_a_spec_description_makes_check_fail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec_text = std::fs::read_to_string(root().join("spec/voximplant-accounts.yaml")).expect("spec");
    let edited = spec_text.replacen("Account-level methods", "Edited account-level methods", 1);
    assert_ne!(spec_text, edited);
    let spec = write_spec(dir.path(), &edited);
    let r = xtask(&[
        "codegen",
        "--check",
        "--spec",
        spec.to_str().expect("utf8"),
        "--out",
        root().join("generated-client").to_str().expect("utf8"),
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stdout).contains("@@"), "a unified diff is printed");
}
