//! Building the generated crates: one cargo workspace, one target directory (dependencies
//! build once), two `cargo clippy --workspace --keep-going -- -D warnings` runs (`--lib` with
//! default features, as users build it; `--all-targets --all-features`, as tests do), their
//! messages read as JSON and handed back to the crate they are about.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// What clippy said about one crate.
#[derive(Default)]
pub struct Verdict {
    /// Errors, lints denied by `-D warnings` included; one each, though the library and its
    /// test build both report it.
    pub errors: usize,
    /// Of those, the ones that are lints (they would be warnings without `-D warnings`).
    pub lints: usize,
    /// The first error: its message and where it points.
    pub first: Option<String>,
    seen: BTreeSet<String>,
}

/// What the one clippy run gave: a verdict per crate directory (the workspace member path),
/// and cargo's own complaint when it failed without any crate to blame.
pub struct Outcome {
    pub verdicts: BTreeMap<String, Verdict>,
    pub failure: Option<String>,
}

/// Writes the workspace manifest for `members` (crate directories under `out`) and runs clippy.
/// The repository's Cargo.lock pins the dependencies the crates share with `generated-client/`
/// and its clippy settings apply.
pub fn run(out: &Path, members: &[String]) -> Result<Outcome, String> {
    let list = members.iter().map(|member| format!("\"{member}\"")).collect::<Vec<_>>().join(", ");
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = [{list}]\n");
    write(&out.join("Cargo.toml"), &manifest)?;
    let root = crate::workspace_root();
    for file in ["Cargo.lock", "clippy.toml"] {
        std::fs::copy(root.join(file), out.join(file))
            .map_err(|error| format!("cannot copy {file} into {}: {error}", out.display()))?;
    }
    let mut verdicts: BTreeMap<String, Verdict> = BTreeMap::new();
    let mut failure = None;
    // What users build (the library, default features), then everything the tests build.
    let runs: [&[&str]; 2] = [&["--lib"], &["--all-targets", "--all-features"]];
    for targets in runs {
        let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["clippy", "--workspace", "--keep-going", "--message-format=json", "--quiet"])
            .args(targets)
            .args(["--", "-D", "warnings"])
            .current_dir(out)
            .env("CARGO_TARGET_DIR", out.join("target"))
            .output()
            .map_err(|error| format!("cannot run cargo: {error}"))?;
        let mut blamed = false;
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            if let Some((member, message)) = compiler_error(out, line) {
                blamed = true;
                let verdict = verdicts.entry(member).or_default();
                if !verdict.seen.insert(message.text.clone()) {
                    continue;
                }
                verdict.errors += 1;
                verdict.lints += usize::from(message.lint);
                verdict.first.get_or_insert(message.text);
            }
        }
        if !output.status.success() && !blamed {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let first = stderr.lines().find(|line| line.starts_with("error")).unwrap_or("cargo failed");
            failure.get_or_insert_with(|| format!("{} ({})", first, targets.join(" ")));
        }
    }
    Ok(Outcome { verdicts, failure })
}

struct Message {
    lint: bool,
    text: String,
}

/// The crate directory and the error, when `line` is a compiler error with a location (the
/// "aborting due to" summaries have none).
fn compiler_error(out: &Path, line: &str) -> Option<(String, Message)> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    if value.get("reason")?.as_str()? != "compiler-message" {
        return None;
    }
    let message = value.get("message")?;
    if message.get("level")?.as_str()? != "error" {
        return None;
    }
    let span = message
        .get("spans")?
        .as_array()?
        .iter()
        .find(|span| span.get("is_primary").and_then(serde_json::Value::as_bool) == Some(true))?;
    let manifest = Path::new(value.get("manifest_path")?.as_str()?);
    let member = manifest.parent()?.strip_prefix(out).ok()?.to_string_lossy().replace('\\', "/");
    let code = message.get("code").and_then(|code| code.get("code")).and_then(serde_json::Value::as_str);
    // Error codes of rustc look like E0308; anything else with a code is a lint.
    let rustc_error =
        |code: &str| code.strip_prefix('E').is_some_and(|digits| digits.chars().all(|c| c.is_ascii_digit()));
    let lint = code.is_some_and(|code| !rustc_error(code));
    let text = format!(
        "{} ({}:{}:{})",
        message.get("message")?.as_str()?,
        span.get("file_name")?.as_str()?,
        span.get("line_start")?.as_u64()?,
        span.get("column_start")?.as_u64()?
    );
    Some((member, Message { lint, text }))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
}
