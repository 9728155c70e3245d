//! Project tasks: `cargo xtask codegen` regenerates `generated-client/` from `spec/`,
//! `corpus` runs the generator over the public corpus, `bench` measures it, and `api-diff`
//! reports what a spec change does to the generated crate's API. Every task has `--help`.

mod api_diff;
mod codegen_task;
mod corpus;
mod git;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", about = "Project tasks of the client generator.")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Regenerate generated-client/ from spec/ (or any spec into any directory).
    Codegen(codegen_task::Args),
    /// Generate a crate for every spec of the public corpus and build each with clippy.
    Corpus(corpus::Args),
    /// Speed against progenitor: generation, compile time, decoding, call overhead, scaling
    /// (its own package, xtask/bench; `cargo xtask bench -- --help` lists its options).
    Bench {
        /// Passed to the benchmark, e.g. `--only p2 --runs 5`.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// The public API change between two versions of a spec, with its semver impact.
    ApiDiff(api_diff::Args),
}

fn main() -> ExitCode {
    match Cli::parse().task {
        Task::Codegen(args) => codegen_task::run(&args),
        Task::Corpus(args) => corpus::run(&args),
        Task::Bench { args } => bench(&args),
        Task::ApiDiff(args) => api_diff::run(&args),
    }
}

/// The benchmark lives in its own package (xtask/bench) so progenitor, its baseline, is never
/// built by ordinary workspace commands. Its child binaries (one generator each) are built first.
fn bench(args: &[String]) -> ExitCode {
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
            .args(args)
            .status()
    });
    match ran {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: cannot run cargo: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (xtask's manifest lives one level below it).
fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
