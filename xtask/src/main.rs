//! `cargo xtask codegen`: regenerate `generated-client/` from `spec/` (or `--spec PATH --out DIR`);
//! `--check` writes nothing and fails with a diff when the checked-in output is stale.

mod codegen_task;
mod corpus;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask codegen [--check] [--spec PATH] [--out DIR] [--crate-name NAME]
       cargo xtask corpus [--dir DIR] [--out DIR] [--no-check]
       cargo xtask bench [--only p1,p2,p3,p4,p5] [--runs N] [--no-tree] [--corpus DIR] [--work DIR] (--help: what each part measures)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => match codegen_task::Args::parse(&args[1..]) {
            Ok(a) => codegen_task::run(&a),
            Err(e) => {
                eprintln!("{e}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("corpus") => match corpus::Args::parse(&args[1..]) {
            Ok(a) => corpus::run(&a),
            Err(e) => {
                eprintln!("{e}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        // The benchmark lives in its own package (xtask/bench) so progenitor, its baseline,
        // is never built by ordinary workspace commands. Its child binaries (one generator
        // each) are built first; the arguments go to the benchmark (`--help` lists them).
        Some("bench") => {
            let manifest = workspace_root().join("xtask/bench/Cargo.toml");
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let built = std::process::Command::new(&cargo)
                .args(["build", "--release", "--locked", "--bins", "--manifest-path"])
                .arg(&manifest)
                .status();
            let ran = built.and_then(|status| {
                if !status.success() {
                    return Ok(status);
                }
                std::process::Command::new(&cargo)
                    .args(["run", "--release", "--locked", "--quiet", "--manifest-path"])
                    .arg(&manifest)
                    .arg("--")
                    .args(&args[1..])
                    .status()
            });
            match ran {
                Ok(status) if status.success() => ExitCode::SUCCESS,
                Ok(_) => ExitCode::FAILURE,
                Err(e) => {
                    eprintln!("error: cannot run cargo: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The workspace root (xtask's manifest lives one level below it).
fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
