//! The `codegen` task: generate, then write or compare.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::write;

pub struct Args {
    pub check: bool,
    pub spec: PathBuf,
    pub out: PathBuf,
    pub crate_name: Option<String>,
}

impl Args {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let root = crate::workspace_root();
        let mut parsed = Args {
            check: false,
            spec: root.join("spec/voximplant-accounts.yaml"),
            out: root.join("generated-client"),
            crate_name: None,
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value"));
            match arg.as_str() {
                "--check" => parsed.check = true,
                "--spec" => parsed.spec = PathBuf::from(value("--spec")?),
                "--out" => parsed.out = PathBuf::from(value("--out")?),
                "--crate-name" => parsed.crate_name = Some(value("--crate-name")?),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        Ok(parsed)
    }
}

pub fn run(args: &Args) -> ExitCode {
    let started = Instant::now();
    let text = match std::fs::read_to_string(&args.spec) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.spec.display());
            return ExitCode::FAILURE;
        }
    };
    let options = codegen::Options { source_name: display_name(&args.spec), crate_name: args.crate_name.clone() };
    let files = match codegen::generate(&text, &options) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if args.check {
        return match write::diff(&args.out, &files) {
            Ok(diffs) if diffs.is_empty() => {
                eprintln!("{} is up to date ({} files)", args.out.display(), files.len());
                ExitCode::SUCCESS
            }
            Ok(diffs) => {
                for d in &diffs {
                    print!("{d}");
                }
                eprintln!(
                    "error: {} file(s) in {} are stale; run `cargo xtask codegen`",
                    diffs.len(),
                    args.out.display()
                );
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        };
    }
    match write::write_tree(&args.out, &files) {
        Ok(summary) => {
            eprintln!(
                "wrote {} ({} files, {} changed, {} removed) in {} ms",
                args.out.display(),
                files.len(),
                summary.changed,
                summary.removed,
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The spec path relative to the working directory when possible, so messages stay short.
fn display_name(spec: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| spec.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| spec.to_path_buf())
        .display()
        .to_string()
}
