//! `cargo xtask api-diff` as CI and reviewers run it: two files, or a git revision against
//! the working tree; Markdown, JSON or a changelog entry; `--deny breaking` as a gate.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const OLD: &str = "openapi: 3.0.3
info: {title: Tiny, version: '1'}
x-rust-crate-version: 0.1.0
paths:
  /ping:
    get:
      operationId: ping
      parameters:
        - {name: verbose, in: query, schema: {type: boolean}}
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

    pub fn stdout(output: &Output) -> String {
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    pub fn stderr(output: &Output) -> String {
        String::from_utf8_lossy(&output.stderr).into_owned()
    }

    pub fn write(path: &Path, text: &str) -> PathBuf {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("directory");
        }
        std::fs::write(path, text).expect("written");
        path.to_path_buf()
    }

    pub fn text(path: &Path) -> &str {
        path.to_str().expect("utf-8 path")
    }

    /// A new required parameter: a major change.
    pub fn breaking(version: &str) -> String {
        OLD.replace(
            "schema: {type: boolean}}",
            "schema: {type: boolean}}\n        - {name: token, in: query, required: true, schema: {type: string}}",
        )
        .replace("x-rust-crate-version: 0.1.0", &format!("x-rust-crate-version: {version}"))
    }

    pub fn git(dir: &Path, args: &[&str]) {
        let output = Command::new("git")
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.test", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(dir)
            .output()
            .expect("git runs");
        assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }
}
use support::*;

#[test]
fn every_task_has_help() {
    for (task, flag) in
        [("codegen", "--check"), ("corpus", "--no-check"), ("bench", "Usage"), ("api-diff", "--deny <WHAT>")]
    {
        let output = xtask(&[task, "--help"]);
        assert!(output.status.success(), "{task} --help: {}", stderr(&output));
        assert!(stdout(&output).contains(flag), "{task} --help mentions {flag}: {}", stdout(&output));
    }
    let output = xtask(&["codegen", "--frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn two_files_give_a_markdown_report_and_the_gate_checks_the_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = write(&dir.path().join("old.yaml"), OLD);
    let unbumped = write(&dir.path().join("new.yaml"), &breaking("0.1.0"));
    let report = xtask(&["api-diff", "--old", text(&old), "--new", text(&unbumped)]);
    assert!(report.status.success(), "{}", stderr(&report));
    let markdown = stdout(&report);
    assert!(markdown.starts_with("**Required bump: major** · 2 changes (2 major, 0 minor, 0 patch)"), "{markdown}");
    assert!(markdown.contains("| new required parameter `token` | `PingRequest::new` | **major** |"), "{markdown}");
    assert!(stderr(&report).contains(" ms"), "the time is reported: {}", stderr(&report));

    let gate = xtask(&["api-diff", "--old", text(&old), "--new", text(&unbumped), "--deny", "breaking"]);
    assert_eq!(gate.status.code(), Some(1), "{}", stderr(&gate));
    assert!(stderr(&gate).contains("set `x-rust-crate-version` to 0.2.0"), "{}", stderr(&gate));

    let bumped = write(&dir.path().join("bumped.yaml"), &breaking("0.2.0"));
    let gate = xtask(&["api-diff", "--old", text(&old), "--new", text(&bumped), "--deny", "breaking"]);
    assert!(gate.status.success(), "{}", stderr(&gate));
}

#[test]
fn json_and_changelog_formats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = write(&dir.path().join("old.yaml"), OLD);
    let new = write(&dir.path().join("new.yaml"), &breaking("0.2.0"));
    let json = stdout(&xtask(&["api-diff", "--old", text(&old), "--new", text(&new), "--format", "json"]));
    for needle in ["\"required\": \"major\"", "\"breaking_unmatched\": false", "\"kind\": \"parameter-added\""] {
        assert!(json.contains(needle), "{needle} in {json}");
    }
    let changelog = stdout(&xtask(&["api-diff", "--old", text(&old), "--new", text(&new), "--changelog"]));
    assert!(
        changelog.starts_with("## 0.2.0\n\n### Breaking changes\n\n- `ping` takes a new required parameter `token`"),
        "{changelog}"
    );
}

#[test]
fn a_bad_spec_or_no_history_is_an_error_not_a_verdict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = write(&dir.path().join("old.yaml"), OLD);
    let bad = write(&dir.path().join("bad.yaml"), "openapi: 3.0.3\ninfo: [\n");
    let output = xtask(&["api-diff", "--old", text(&old), "--new", text(&bad)]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("bad.yaml"), "{}", stderr(&output));

    // Outside any repository there is no revision to compare with.
    let output = xtask(&["api-diff", "--spec", text(&old)]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

/// A repository with `main` and a feature branch that makes a breaking change: by default the
/// working tree is compared with the merge base, and the spec's sibling files come along.
#[test]
fn the_default_base_is_the_merge_base_with_main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path();
    git(repo, &["init", "--quiet", "--initial-branch=main"]);
    let spec = write(&repo.join("api/spec.yaml"), OLD);
    write(&repo.join("api/notes.md"), "a sibling file\n");
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "--quiet", "-m", "spec"]);
    git(repo, &["checkout", "--quiet", "-b", "feature"]);
    write(&spec, &breaking("0.1.0"));
    git(repo, &["commit", "--quiet", "-am", "breaking"]);
    // An unrelated commit on main after the branch point does not count.
    git(repo, &["checkout", "--quiet", "main"]);
    write(&repo.join("README.md"), "readme\n");
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "--quiet", "-m", "readme"]);
    git(repo, &["checkout", "--quiet", "feature"]);

    let output = xtask(&["api-diff", "--spec", text(&spec), "--deny", "breaking"]);
    assert_eq!(output.status.code(), Some(1), "{}{}", stdout(&output), stderr(&output));
    assert!(stderr(&output).contains("the merge base with `main` (2 file(s) of `api`)"), "{}", stderr(&output));
    assert!(stdout(&output).contains("new required parameter `token`"), "{}", stdout(&output));

    // Against HEAD the committed change is no change at all.
    let output = xtask(&["api-diff", "--spec", text(&spec), "--base", "HEAD", "--deny", "breaking"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("**No API change**"), "{}", stdout(&output));
}
