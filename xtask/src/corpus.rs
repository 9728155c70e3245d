//! `cargo xtask corpus`: run the generator over every spec in `../shared/corpus/` and build
//! each generated crate with `cargo clippy -- -D warnings` (so "compiles" means: compiles
//! without a single warning). Prints one markdown row per spec.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use crate::write;

#[derive(clap::Args)]
pub struct Args {
    /// The specs to generate [default: ../shared/corpus beside the workspace].
    #[arg(long, value_name = "DIR", default_value_os_t = crate::workspace_root().join("../shared/corpus"), hide_default_value = true)]
    pub dir: PathBuf,
    /// Where the crates go [default: codegen-corpus in the temporary directory].
    #[arg(long, value_name = "DIR", default_value_os_t = std::env::temp_dir().join("codegen-corpus"), hide_default_value = true)]
    pub out: PathBuf,
    /// Only generate; do not build with clippy.
    #[arg(long = "no-check", action = clap::ArgAction::SetFalse)]
    pub check: bool,
}

struct Row {
    spec: String,
    operations: usize,
    lines: usize,
    millis: u128,
    outcome: String,
}

pub fn run(args: &Args) -> ExitCode {
    let mut specs: Vec<PathBuf> = match std::fs::read_dir(&args.dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml" || x == "json"))
            .collect(),
        Err(e) => {
            eprintln!("error: cannot list {}: {e}", args.dir.display());
            return ExitCode::FAILURE;
        }
    };
    specs.sort();
    let mut rows = Vec::new();
    let mut failed = false;
    for spec in &specs {
        let row = one(spec, args);
        failed |= row.outcome.starts_with("FAILED");
        eprintln!("{}: {}", row.spec, row.outcome);
        rows.push(row);
    }
    println!("| spec | operations | generated lines | generation | result |");
    println!("|---|---:|---:|---:|---|");
    for r in &rows {
        println!("| {} | {} | {} | {} ms | {} |", r.spec, r.operations, r.lines, r.millis, r.outcome);
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn one(spec: &Path, args: &Args) -> Row {
    let stem = spec.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut row = Row { spec: stem.clone(), operations: 0, lines: 0, millis: 0, outcome: String::new() };
    let text = match std::fs::read_to_string(spec) {
        Ok(t) => t,
        Err(e) => {
            row.outcome = format!("FAILED: cannot read: {e}");
            return row;
        }
    };
    let crate_name = format!("corpus-{}", stem.to_ascii_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
    let options = codegen::Options {
        source_name: spec.display().to_string(),
        crate_name: Some(crate_name),
        ..codegen::Options::default()
    };
    let started = Instant::now();
    let generated = codegen::generate(codegen::Spec::Text(&text), &options).map(|g| g.files);
    row.millis = started.elapsed().as_millis();
    let files = match generated {
        Ok(files) => files,
        Err(e) => {
            let first = e.to_string().lines().take(2).collect::<Vec<_>>().join(" ");
            row.outcome = format!("diagnosed ({} problem(s)): {first}", e.diagnostics.len());
            return row;
        }
    };
    if let Ok(api) = codegen::lower_spec(codegen::Spec::Text(&text), &options) {
        row.operations = api.operations.len();
    }
    row.lines = files
        .iter()
        .filter(|f| f.path.ends_with(".rs") && !f.path.starts_with("src/runtime/"))
        .map(|f| f.contents.lines().count())
        .sum();
    let out = args.out.join(&stem);
    if let Err(e) = write::write_tree(&out, &files) {
        row.outcome = format!("FAILED: {e}");
        return row;
    }
    if !args.check {
        row.outcome = "generated".into();
        return row;
    }
    let result = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["clippy", "--quiet", "--manifest-path"])
        .arg(out.join("Cargo.toml"))
        .args(["--", "-D", "warnings"])
        .env("CARGO_TARGET_DIR", args.out.join("target"))
        .output();
    row.outcome = match result {
        Ok(o) if o.status.success() => "compiles, no warnings".into(),
        Ok(o) => {
            let stderr = String::from_utf8_lossy(&o.stderr);
            let errors = stderr.lines().filter(|l| l.starts_with("error")).count();
            let first = stderr.lines().find(|l| l.starts_with("error")).unwrap_or("").to_owned();
            format!("FAILED to compile ({errors} error lines): {first}")
        }
        Err(e) => format!("FAILED: cannot run cargo: {e}"),
    };
    row
}
