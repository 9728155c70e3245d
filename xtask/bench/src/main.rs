//! `cargo xtask bench`: one table, ours beside progenitor 0.15.1 (or beside raw reqwest for the
//! client), measured in one run, alternating the two sides. See README.md for what each part
//! measures and how.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use codegen_bench::{calls, compile, decode, generation, ladder, machine, scaling, table};

const USAGE: &str =
    "usage: cargo xtask bench [--only p1,p2,p3,p4,p5] [--runs N] [--no-tree] [--corpus DIR] [--work DIR]

  P1  generation time on oxide-nexus, GitHub and Stripe: whole process and in-process (default 5 runs)
  P2  compile time of the generated nexus crate and of generated-client from clean, deps prebuilt
      (cargo build and cargo check, debug; default 3 alternating rounds), and the whole dependency
      tree in a fresh target directory (skip with --no-tree)
  P3  10,000-account GetChildrenAccounts page through the client vs raw reqwest (default 30 calls)
  P4  per-call overhead with a small reply vs raw reqwest (default 20 blocks of 100 calls)
  P5  generation time per operation and peak memory on every corpus 3.0 spec, and on a synthetic
      ladder of one resource repeated (40 to 2,560 operations) for the marginal cost (default 3 runs)

  --runs N      repetitions for every selected part (instead of its default)
  --corpus DIR  the public specs (default: ../shared/corpus from the repository root)
  --work DIR    where generated crates and target directories go (default: $TMPDIR/codegen-bench)";

/// The parts, in the order they run.
const PARTS: [&str; 5] = ["p1", "p2", "p3", "p4", "p5"];

struct Args {
    parts: Vec<&'static str>,
    runs: Option<usize>,
    tree: bool,
    corpus: PathBuf,
    work: PathBuf,
}

impl Args {
    fn parse(arguments: &[String], repo: &Path) -> Result<Option<Args>, String> {
        let mut args = Args {
            parts: PARTS.to_vec(),
            runs: None,
            tree: true,
            corpus: repo.join("../shared/corpus"),
            work: std::env::temp_dir().join("codegen-bench"),
        };
        let mut rest = arguments.iter();
        while let Some(argument) = rest.next() {
            let mut value = || rest.next().ok_or_else(|| format!("{argument} needs a value"));
            match argument.as_str() {
                "--help" | "-h" => return Ok(None),
                "--only" => {
                    let wanted: Vec<String> =
                        value()?.split(',').map(|part| part.trim().to_ascii_lowercase()).collect();
                    if let Some(unknown) = wanted.iter().find(|part| !PARTS.contains(&part.as_str())) {
                        return Err(format!("unknown part `{unknown}` (expected p1 … p5)"));
                    }
                    args.parts = PARTS.iter().copied().filter(|part| wanted.iter().any(|w| w == part)).collect();
                }
                "--runs" => {
                    let runs: usize = value()?.parse().map_err(|_| "--runs needs a positive integer".to_string())?;
                    if runs == 0 {
                        return Err("--runs needs a positive integer".into());
                    }
                    args.runs = Some(runs);
                }
                "--no-tree" => args.tree = false,
                "--corpus" => args.corpus = PathBuf::from(value()?),
                "--work" => args.work = PathBuf::from(value()?),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        Ok(Some(args))
    }

    fn runs(&self, default: usize) -> usize {
        self.runs.unwrap_or(default)
    }
}

fn main() -> ExitCode {
    // The repository root: this package lives in xtask/bench.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let args = match Args::parse(&arguments, &repo) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Err(error) = std::fs::create_dir_all(&args.work) {
        eprintln!("error: cannot create {}: {error}", args.work.display());
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let progress = |message: &str| eprintln!("[{:>5.0}s] {message}", started.elapsed().as_secs_f64());
    let load_at_start = machine::describe();
    progress(&format!("machine at start: {load_at_start}"));

    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for part in &args.parts {
        match *part {
            "p1" => rows.extend(generation::run(&args.corpus, &args.work, args.runs(5), &progress)),
            "p2" => rows.extend(compile::run(&args.corpus, &repo, &args.work, args.runs(3), args.tree, &progress)),
            "p3" | "p4" => {
                let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
                    Ok(runtime) => runtime,
                    Err(error) => {
                        eprintln!("error: cannot start the tokio runtime: {error}");
                        return ExitCode::FAILURE;
                    }
                };
                if *part == "p3" {
                    rows.extend(runtime.block_on(decode::run(&repo, args.runs(30), &progress)));
                } else {
                    rows.extend(runtime.block_on(calls::run(&repo, args.runs(20), &progress)));
                }
            }
            "p5" => {
                let (part_rows, part_notes) = scaling::run(&args.corpus, &args.work, args.runs(3), &progress);
                rows.extend(part_rows);
                notes.extend(part_notes);
                let (part_rows, part_notes) = ladder::run(&args.work, args.runs(3), &progress);
                rows.extend(part_rows);
                notes.extend(part_notes);
            }
            _ => {}
        }
    }

    println!("{}", table::render(&rows));
    for note in notes {
        println!("{note}");
    }
    println!("ours/baseline < 1: ours is faster (or smaller). Spread: min–max over n runs.");
    println!("machine at start: {load_at_start}");
    println!("machine at end:   {}", machine::describe());
    println!("total benchmark time: {:.0} s", started.elapsed().as_secs_f64());
    ExitCode::SUCCESS
}
