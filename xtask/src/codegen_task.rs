//! The `codegen` task: generate, then write or compare.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::write;

#[derive(clap::Args)]
pub struct Args {
    /// Write nothing; exit 1 with a unified diff when the output directory is stale.
    #[arg(long)]
    pub check: bool,
    /// The spec to generate from [default: spec/voximplant-accounts.yaml].
    #[arg(long, value_name = "PATH", default_value_os_t = default_spec(), hide_default_value = true)]
    pub spec: PathBuf,
    /// Where the crate goes [default: generated-client/].
    #[arg(long, value_name = "DIR", default_value_os_t = crate::workspace_root().join("generated-client"), hide_default_value = true)]
    pub out: PathBuf,
    /// Package name [default: the spec's `x-rust-crate`, else derived from its title].
    #[arg(long, value_name = "NAME")]
    pub crate_name: Option<String>,
    /// Package version [default: the spec's `x-rust-crate-version`, else 0.1.0].
    #[arg(long, value_name = "VERSION")]
    pub crate_version: Option<String>,
    /// Package description [default: made from the spec's title and version].
    #[arg(long, value_name = "TEXT")]
    pub crate_description: Option<String>,
    /// SPDX license expression of the crate [default: the spec's `info.license`, if it is one].
    #[arg(long, value_name = "SPDX")]
    pub license: Option<String>,
    /// Every spec warning is an error.
    #[arg(long)]
    pub strict: bool,
    /// The directory `$ref`s may read files from [default: the spec's directory].
    #[arg(long, value_name = "DIR")]
    pub refs_root: Option<PathBuf>,
}

/// The project's own spec.
pub fn default_spec() -> PathBuf {
    crate::workspace_root().join("spec/voximplant-accounts.yaml")
}

pub fn run(args: &Args) -> ExitCode {
    let started = Instant::now();
    let source_name = display_name(&args.spec);
    let options = codegen::Options {
        source_name: source_name.clone(),
        crate_name: args.crate_name.clone(),
        crate_version: args.crate_version.clone(),
        crate_description: args.crate_description.clone(),
        license: args.license.clone(),
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
        Err(error) => {
            eprintln!("{error}");
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
                for diff in &diffs {
                    print!("{diff}");
                }
                eprintln!(
                    "error: {} file(s) in {} are stale; run `cargo xtask codegen`",
                    diffs.len(),
                    args.out.display()
                );
                ExitCode::FAILURE
            }
            Err(error) => {
                eprintln!("error: {error}");
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
        Err(error) => {
            eprintln!("error: {error}");
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
