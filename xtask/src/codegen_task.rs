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
    /// Every spec warning is an error.
    pub strict: bool,
    /// The directory `$ref`s may read from (default: the spec's directory).
    pub refs_root: Option<PathBuf>,
}

impl Args {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let root = crate::workspace_root();
        let mut parsed = Args {
            check: false,
            spec: root.join("spec/voximplant-accounts.yaml"),
            out: root.join("generated-client"),
            crate_name: None,
            strict: false,
            refs_root: None,
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value"));
            match arg.as_str() {
                "--check" => parsed.check = true,
                "--spec" => parsed.spec = PathBuf::from(value("--spec")?),
                "--out" => parsed.out = PathBuf::from(value("--out")?),
                "--crate-name" => parsed.crate_name = Some(value("--crate-name")?),
                "--strict" => parsed.strict = true,
                "--refs-root" => parsed.refs_root = Some(PathBuf::from(value("--refs-root")?)),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        Ok(parsed)
    }
}

pub fn run(args: &Args) -> ExitCode {
    let started = Instant::now();
    let source_name = display_name(&args.spec);
    let options = codegen::Options {
        source_name: source_name.clone(),
        crate_name: args.crate_name.clone(),
        strict: args.strict,
        refs_root: args.refs_root.clone(),
    };
    let files = match codegen::generate(codegen::Spec::Path(&args.spec), &options) {
        Ok(generated) => {
            if !generated.warnings.is_empty() {
                eprintln!("{}", codegen::diagnostics::render(&generated.warnings, &source_name));
                eprintln!("{} warning(s); `--strict` makes them errors", generated.warnings.len());
            }
            generated.files
        }
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
