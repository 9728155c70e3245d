//! P1: generation time on big specs, ours against progenitor, as a whole process (the release
//! child binaries `gen-ours` / `gen-progenitor`: spec file in, crate files out) and in-process.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::generate::Tool;
use crate::stats::{Summary, Unit};
use crate::table::{Cell, Row};

/// The P1 specs, as file names in the corpus.
pub const SPECS: [&str; 3] = ["oxide-nexus.json", "github-api.json", "stripe-spec3-2023-09.yaml"];

pub const BASELINE: &str = "progenitor 0.15.1";

/// What one run of a child generator reported.
pub struct ChildRun {
    pub wall: Duration,
    pub peak_rss_kib: Option<u64>,
    /// The generation call alone, when the child was asked to time it (`--in-process`).
    pub in_process: Option<Duration>,
}

/// The child binary of `tool`, beside this executable.
pub fn child_binary(tool: Tool) -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|error| format!("cannot find this executable: {error}"))?;
    let binary = exe.with_file_name(tool.binary());
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(format!("{} is missing: build it with `cargo build --release --locked --bins`", binary.display()))
    }
}

/// Runs `binary SPEC OUT CRATE_NAME` once, timing it from spawn to exit.
pub fn run_child(binary: &Path, spec: &Path, out: &Path, crate_name: &str) -> Result<ChildRun, String> {
    run_child_with(binary, spec, out, crate_name, &[])
}

fn run_child_with(
    binary: &Path,
    spec: &Path,
    out: &Path,
    crate_name: &str,
    flags: &[&str],
) -> Result<ChildRun, String> {
    let started = Instant::now();
    let output = Command::new(binary)
        .arg(spec)
        .arg(out)
        .arg(crate_name)
        .args(flags)
        .output()
        .map_err(|error| format!("cannot run {}: {error}", binary.display()))?;
    let wall = started.elapsed();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr.lines().find(|line| !line.trim().is_empty()).unwrap_or("no message");
        return Err(format!(
            "exit {}: {reason}",
            output.status.code().map_or("signal".into(), |code| code.to_string())
        ));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let peak_rss_kib =
        stdout.lines().find_map(|line| line.strip_prefix("peak_rss_kib ")).and_then(|value| value.trim().parse().ok());
    let in_process = stdout
        .lines()
        .find_map(|line| line.strip_prefix("in_process_ns "))
        .and_then(|value| value.trim().parse().ok())
        .map(Duration::from_nanos);
    Ok(ChildRun { wall, peak_rss_kib, in_process })
}

/// Wall times and peak memory (MiB) of a tool's runs, or the reason it failed.
pub type ProcessRuns = Result<(Vec<Duration>, Vec<f64>), String>;

/// Where `tool` writes the crate it generates for the spec named `stem`.
pub fn output_dir(work: &Path, tool: Tool, stem: &str) -> PathBuf {
    work.join(format!("gen-{}-{stem}", tool.name()))
}

/// Whole-process runs of `tools` on one spec, alternating, after one warm-up run each.
pub fn whole_process(spec: &Path, work: &Path, runs: usize, tools: &[Tool]) -> Vec<(Tool, ProcessRuns)> {
    let mut results: Vec<(Tool, ProcessRuns)> = Vec::new();
    let stem = spec_stem(spec);
    for tool in tools {
        let out = output_dir(work, *tool, &stem);
        let warm = child_binary(*tool).and_then(|binary| run_child(&binary, spec, &out, &crate_name(&stem, *tool)));
        results.push((*tool, warm.map(|_| (Vec::new(), Vec::new()))));
    }
    for _ in 0..runs {
        for (tool, result) in &mut results {
            let Ok((walls, memory)) = result else { continue };
            let out = output_dir(work, *tool, &stem);
            match child_binary(*tool).and_then(|binary| run_child(&binary, spec, &out, &crate_name(&stem, *tool))) {
                Ok(run) => {
                    walls.push(run.wall);
                    memory.extend(run.peak_rss_kib.map(|kib| kib as f64 / 1024.0));
                }
                Err(reason) => *result = Err(reason),
            }
        }
    }
    results
}

/// In-process runs of both tools on one spec, alternating: each run is a child process of
/// its own (with the allocator `cargo xtask codegen` uses, for both tools) that times its
/// second generation call.
pub fn in_process(spec: &Path, work: &Path, runs: usize) -> Vec<(Tool, Result<Vec<Duration>, String>)> {
    let stem = spec_stem(spec);
    let mut results: Vec<(Tool, Result<Vec<Duration>, String>)> =
        Tool::BOTH.iter().map(|tool| (*tool, Ok(Vec::new()))).collect();
    for _ in 0..runs {
        for (tool, result) in &mut results {
            let Ok(times) = result else { continue };
            let out = output_dir(work, *tool, &stem);
            let run = child_binary(*tool)
                .and_then(|binary| run_child_with(&binary, spec, &out, &crate_name(&stem, *tool), &["--in-process"]));
            match run.map(|run| run.in_process) {
                Ok(Some(time)) => times.push(time),
                Ok(None) => *result = Err("the child did not report its in-process time".into()),
                Err(reason) => *result = Err(reason),
            }
        }
    }
    results
}

/// P1 rows for every spec in [`SPECS`].
pub fn run(corpus: &Path, work: &Path, runs: usize, progress: &dyn Fn(&str)) -> Vec<Row> {
    let mut rows = Vec::new();
    for name in SPECS {
        let spec = corpus.join(name);
        let stem = spec_stem(&spec);
        progress(&format!("P1 {stem}: whole process, {runs} runs per tool"));
        let whole = whole_process(&spec, work, runs, &Tool::BOTH);
        let walls = |tool| cell_of(&whole, tool, |(walls, _)| Summary::of_durations(walls, Unit::Millis));
        let memory = |tool| cell_of(&whole, tool, |(_, memory)| Summary::of(memory, Unit::Mebibytes));
        rows.push(row(format!("{stem}: generation, whole process"), walls(Tool::Ours), walls(Tool::Progenitor)));
        rows.push(row(format!("{stem}: peak memory, whole process"), memory(Tool::Ours), memory(Tool::Progenitor)));
        progress(&format!("P1 {stem}: in-process, {runs} runs per tool"));
        let in_process = in_process(&spec, work, runs);
        let times = |tool| cell_of(&in_process, tool, |times| Summary::of_durations(times, Unit::Millis));
        rows.push(row(format!("{stem}: generation, in-process"), times(Tool::Ours), times(Tool::Progenitor)));
    }
    rows
}

fn row(case: String, ours: Cell, baseline: Cell) -> Row {
    Row { part: "P1", case, ours, baseline_name: BASELINE, baseline }
}

/// The cell of `tool` in `results`, summarised by `summarise`.
pub fn cell_of<T>(
    results: &[(Tool, Result<T, String>)],
    tool: Tool,
    summarise: impl Fn(&T) -> Option<Summary>,
) -> Cell {
    match results.iter().find(|(each, _)| *each == tool) {
        Some((_, Ok(value))) => Cell::or_failed(summarise(value), "no run"),
        Some((_, Err(reason))) => Cell::Failed(reason.clone()),
        None => Cell::Missing,
    }
}

/// `oxide-nexus.json` → `oxide-nexus`.
pub fn spec_stem(spec: &Path) -> String {
    spec.file_stem().map_or_else(|| "spec".into(), |stem| stem.to_string_lossy().into_owned())
}

/// A valid package name for the generated crate: `<spec>-<tool>`, lower-case, `-` for the rest.
pub fn crate_name(stem: &str, tool: Tool) -> String {
    let cleaned: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("{cleaned}-{}", tool.name())
}
