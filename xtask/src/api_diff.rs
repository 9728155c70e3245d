//! `cargo xtask api-diff`: what a spec change does to the generated crate's public API.
//!
//! Both specs are lowered to the model and compared there (`codegen::diff`): no code is
//! generated or compiled. The old spec comes from `--old`, or from a git revision (`--base`,
//! default: the merge base with `main`), for which the spec's whole directory is written out
//! as it was, so that a multi-file spec finds its other files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::git;

#[derive(clap::Args)]
#[command(after_help = "Exit status: 0 when compared (and allowed), 1 when `--deny breaking` finds a major change \
without a major bump of `x-rust-crate-version`, 2 when the specs cannot be compared.")]
pub struct Args {
    /// The old spec, as a file [with --new; instead of --base].
    #[arg(long, value_name = "PATH", requires = "new", conflicts_with = "base")]
    pub old: Option<PathBuf>,
    /// The new spec, as a file [with --old].
    #[arg(long, value_name = "PATH", requires = "old")]
    pub new: Option<PathBuf>,
    /// Compare the spec at this git revision with the working tree
    /// [default: the merge base with `main`, else `HEAD`].
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// The spec in the working tree, for --base [default: spec/voximplant-accounts.yaml].
    #[arg(long, value_name = "PATH", conflicts_with = "old")]
    pub spec: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Print the entry a release adds to CHANGELOG.md instead of the report.
    #[arg(long, conflicts_with = "format")]
    pub changelog: bool,
    /// Fail (exit 1) on a major change that `x-rust-crate-version` does not bump for.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Option<Deny>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A pull-request comment.
    Markdown,
    /// For tools.
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Major changes without a major version bump.
    Breaking,
}

/// A spec to lower: where it is on disk, and how to name it in messages.
struct Source {
    path: PathBuf,
    shown_as: String,
}

pub fn run(args: &Args) -> ExitCode {
    // The old spec may be written out from git into this directory; it lives until the end.
    let scratch = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => return fail(&format!("cannot create a temporary directory: {error}")),
    };
    let (old, new) = match sources(args, scratch.path()) {
        Ok(sources) => sources,
        Err(message) => return fail(&message),
    };
    let started = Instant::now();
    // The two specs are independent: lowering them side by side halves the wait on a large spec.
    let (old_lowered, new_lowered) = std::thread::scope(|scope| {
        let old_thread = scope.spawn(|| lower(&old));
        let new_lowered = lower(&new);
        let old_lowered = old_thread.join().unwrap_or_else(|_| Err("lowering the old spec failed".to_owned()));
        (old_lowered, new_lowered)
    });
    let ((old_api, old_time), (new_api, new_time)) = match old_lowered.and_then(|old| new_lowered.map(|new| (old, new)))
    {
        Ok(apis) => apis,
        Err(message) => return fail(&message),
    };
    let compared = Instant::now();
    let report = codegen::diff::compare(&old_api, &new_api);
    let diff_time = compared.elapsed();
    eprintln!(
        "compared {} with {} in {} (lowering {} and {} side by side, diff {})",
        old.shown_as,
        new.shown_as,
        millis(started.elapsed()),
        millis(old_time),
        millis(new_time),
        millis(diff_time)
    );
    if args.changelog {
        print!("{}", report.changelog());
    } else {
        match args.format {
            Format::Markdown => print!("{}", report.markdown()),
            Format::Json => println!("{}", report.json()),
        }
    }
    if args.deny == Some(Deny::Breaking) && report.breaking_unmatched() {
        eprintln!(
            "error: a major API change needs a major version bump: set `x-rust-crate-version` to {} (now {})",
            report.release_version(),
            report.new_version
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

fn millis(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

/// The old and the new spec, from the arguments.
fn sources(args: &Args, scratch: &Path) -> Result<(Source, Source), String> {
    if let (Some(old), Some(new)) = (&args.old, &args.new) {
        let file = |path: &PathBuf| Source { path: path.clone(), shown_as: path.display().to_string() };
        return Ok((file(old), file(new)));
    }
    let spec = args.spec.clone().unwrap_or_else(crate::codegen_task::default_spec);
    let spec_dir = spec.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let root = git::toplevel(spec_dir)?;
    let (revision, how) = match &args.base {
        Some(base) => {
            let commit = git::commit(&root, base)?;
            let how = if commit.starts_with(base.as_str()) { "from --base".to_owned() } else { format!("`{base}`") };
            (commit, how)
        }
        None => git::default_base(&root, "main")?,
    };
    let within = within_repository(&root, &spec)?;
    // The spec's whole directory, so that relative `$ref`s to sibling files resolve; a spec at
    // the repository root brings only itself.
    let directory = match within.rsplit_once('/') {
        Some((directory, _)) => directory.to_owned(),
        None => within.clone(),
    };
    let files = git::materialize(&root, &revision, &directory, scratch)?;
    let short = revision.get(..12).unwrap_or(&revision);
    eprintln!("old spec: {within} at {short}, {how} ({files} file(s) of `{directory}`)");
    let old = Source { path: scratch.join(&within), shown_as: format!("{within}@{short}") };
    let new = Source { shown_as: format!("{within} (working tree)"), path: spec };
    Ok((old, new))
}

/// The spec's path relative to the repository root, `/`-separated as git names it.
fn within_repository(root: &Path, spec: &Path) -> Result<String, String> {
    let canonical =
        |path: &Path| path.canonicalize().map_err(|error| format!("cannot find {}: {error}", path.display()));
    let (root, spec) = (canonical(root)?, canonical(spec)?);
    let relative = spec
        .strip_prefix(&root)
        .map_err(|_| format!("{} is not inside the repository {}", spec.display(), root.display()))?;
    let parts: Vec<String> =
        relative.components().map(|part| part.as_os_str().to_string_lossy().into_owned()).collect();
    Ok(parts.join("/"))
}

/// Reads and lowers one spec (with the files it refers to), timing the reading and lowering.
fn lower(source: &Source) -> Result<(codegen::model::Api, Duration), String> {
    let options = codegen::Options { source_name: source.shown_as.clone(), ..codegen::Options::default() };
    let started = Instant::now();
    let api = codegen::lower_spec(codegen::Spec::Path(&source.path), &options).map_err(|error| error.to_string())?;
    Ok((api, started.elapsed()))
}
