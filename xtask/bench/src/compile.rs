//! P2: compile time of a generated crate from clean with its dependencies prebuilt
//! (`cargo clean -p <crate>` then `cargo build`, and separately `cargo check`, debug), for the
//! nexus crate of both tools and for our checked-in `generated-client` (Voximplant), alternating;
//! plus the build of the whole dependency tree in a fresh target directory. Wall time is what a
//! user waits for; CPU time (user + system of cargo and rustc) is steadier on a busy machine.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use nix::sys::resource::{UsageWho, getrusage};

use crate::generate::{Tool, write_crate};
use crate::generation::{BASELINE, crate_name};
use crate::stats::{Summary, Unit};
use crate::table::{Cell, Row};

/// A crate to build: where it is and where its artifacts go.
struct Subject {
    label: String,
    manifest: PathBuf,
    package: String,
    target_dir: PathBuf,
    /// `--locked`: the manifest belongs to a workspace with a committed lock file.
    locked: bool,
}

/// One timed cargo run.
#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    cpu: Duration,
}

/// Wall and CPU series of one subject and one cargo command; `Err` once a run failed.
type Series = Result<(Vec<Duration>, Vec<Duration>), String>;

/// The user + system time of every child this process has waited for, so far.
fn children_cpu() -> Result<Duration, String> {
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).map_err(|error| format!("getrusage: {error}"))?;
    let duration = |time: nix::sys::time::TimeVal| {
        Duration::from_secs(u64::try_from(time.tv_sec()).unwrap_or(0))
            + Duration::from_micros(u64::try_from(time.tv_usec()).unwrap_or(0))
    };
    Ok(duration(usage.user_time()) + duration(usage.system_time()))
}

fn cargo(subject: &Subject, arguments: &[&str]) -> Result<Timing, String> {
    let program = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(program);
    command.args(arguments).arg("--quiet").arg("--manifest-path").arg(&subject.manifest);
    if subject.locked {
        command.arg("--locked");
    }
    command.env("CARGO_TARGET_DIR", &subject.target_dir);
    let cpu_before = children_cpu()?;
    let started = Instant::now();
    let output = command.output().map_err(|error| format!("cannot run cargo: {error}"))?;
    let timing = Timing { wall: started.elapsed(), cpu: children_cpu()?.saturating_sub(cpu_before) };
    if output.status.success() {
        return Ok(timing);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let first_error = stderr.lines().find(|line| line.starts_with("error")).unwrap_or("cargo failed");
    Err(format!("cargo {}: {first_error}", arguments.join(" ")))
}

/// `cargo clean -p <package>`, then the timed `cargo <command>`.
fn from_clean(subject: &Subject, command: &str) -> Result<Timing, String> {
    cargo(subject, &["clean", "-p", &subject.package])?;
    cargo(subject, &[command])
}

/// Generates the nexus crate with `tool` under `work`.
fn nexus_subject(tool: Tool, corpus: &Path, work: &Path) -> Result<Subject, String> {
    let spec = corpus.join("oxide-nexus.json");
    let text = std::fs::read_to_string(&spec).map_err(|error| format!("cannot read {}: {error}", spec.display()))?;
    let package = crate_name("nexus", tool);
    let files = tool.generate_caught(&spec, &text, &package)?;
    let dir = work.join(&package);
    write_crate(&dir, &files).map_err(|error| format!("cannot write {}: {error}", dir.display()))?;
    Ok(Subject {
        label: format!("nexus ({})", tool.name()),
        manifest: dir.join("Cargo.toml"),
        target_dir: work.join(format!("target-{package}")),
        package,
        locked: false,
    })
}

/// P2 rows. `fresh_tree` also times the build of the whole dependency tree in a fresh target
/// directory (minutes); without it the dependencies are built untimed where they are missing.
pub fn run(
    corpus: &Path,
    repo: &Path,
    work: &Path,
    runs: usize,
    fresh_tree: bool,
    progress: &dyn Fn(&str),
) -> Vec<Row> {
    let work = work.join("p2");
    let voximplant = Subject {
        label: "generated-client (Voximplant)".into(),
        manifest: repo.join("generated-client/Cargo.toml"),
        package: "voximplant-client".into(),
        target_dir: work.join("target-voximplant-client"),
        locked: true,
    };
    let subjects: Vec<Result<Subject, String>> =
        vec![nexus_subject(Tool::Ours, corpus, &work), nexus_subject(Tool::Progenitor, corpus, &work), Ok(voximplant)];
    // The dependency tree: timed in a fresh target directory, or just made present.
    let mut trees: Vec<Result<Timing, String>> = Vec::new();
    let mut ready: Vec<Result<Subject, String>> = Vec::new();
    for subject in subjects {
        let prepared = subject.and_then(|subject| {
            progress(&format!("P2 {}: building the dependency tree", subject.label));
            if fresh_tree && subject.target_dir.exists() {
                std::fs::remove_dir_all(&subject.target_dir)
                    .map_err(|error| format!("cannot remove {}: {error}", subject.target_dir.display()))?;
            }
            let tree = cargo(&subject, &["build"])?;
            cargo(&subject, &["check"])?;
            Ok((subject, tree))
        });
        match prepared {
            Ok((subject, tree)) => {
                trees.push(Ok(tree));
                ready.push(Ok(subject));
            }
            Err(reason) => {
                trees.push(Err(reason.clone()));
                ready.push(Err(reason));
            }
        }
    }
    // Alternate the subjects within each round, so that a change of load hits them alike.
    let mut builds: Vec<Series> =
        ready.iter().map(|subject| subject.as_ref().map(|_| (Vec::new(), Vec::new())).map_err(Clone::clone)).collect();
    let mut checks = builds.clone();
    for round in 1..=runs {
        for command in ["build", "check"] {
            for (subject, series) in ready.iter().zip(if command == "build" { &mut builds } else { &mut checks }) {
                let (Ok(subject), Ok((walls, cpus))) = (subject, &mut *series) else { continue };
                progress(&format!("P2 {}: cargo {command} from clean, round {round}/{runs}", subject.label));
                match from_clean(subject, command) {
                    Ok(timing) => {
                        walls.push(timing.wall);
                        cpus.push(timing.cpu);
                    }
                    Err(reason) => *series = Err(reason),
                }
            }
        }
    }
    let mut rows = Vec::new();
    let wall = |series: &Series| cell(series, |(walls, _)| Summary::of_durations(walls, Unit::Seconds));
    let cpu = |series: &Series| cell(series, |(_, cpus)| Summary::of_durations(cpus, Unit::Seconds));
    let pick = |all: &[Series], index: usize| all.get(index).cloned().unwrap_or_else(|| Err("not run".into()));
    for (command, all) in [("cargo build", &builds), ("cargo check", &checks)] {
        let (ours, theirs, voximplant) = (pick(all, 0), pick(all, 1), pick(all, 2));
        rows.push(row(format!("nexus crate from clean, deps prebuilt: {command}, wall"), wall(&ours), wall(&theirs)));
        rows.push(row(format!("nexus crate from clean, deps prebuilt: {command}, CPU"), cpu(&ours), cpu(&theirs)));
        rows.push(alone(
            format!("generated-client (Voximplant) from clean, deps prebuilt: {command}, wall"),
            wall(&voximplant),
        ));
    }
    if fresh_tree {
        let tree = |index: usize, what: fn(&Timing) -> Duration| match trees.get(index) {
            Some(Ok(timing)) => Cell::or_failed(Summary::of_durations(&[what(timing)], Unit::Seconds), "no run"),
            Some(Err(reason)) => Cell::Failed(reason.clone()),
            None => Cell::Missing,
        };
        rows.push(row(
            "nexus, fresh target dir (whole dependency tree + the crate): cargo build, wall".into(),
            tree(0, |t| t.wall),
            tree(1, |t| t.wall),
        ));
        rows.push(row(
            "nexus, fresh target dir (whole dependency tree + the crate): cargo build, CPU".into(),
            tree(0, |t| t.cpu),
            tree(1, |t| t.cpu),
        ));
        rows.push(alone(
            "generated-client, fresh target dir (whole dependency tree + the crate): cargo build, wall".into(),
            tree(2, |t| t.wall),
        ));
    }
    rows
}

fn cell(series: &Series, summarise: impl Fn(&(Vec<Duration>, Vec<Duration>)) -> Option<Summary>) -> Cell {
    match series {
        Ok(value) => Cell::or_failed(summarise(value), "no run"),
        Err(reason) => Cell::Failed(reason.clone()),
    }
}

fn row(case: String, ours: Cell, baseline: Cell) -> Row {
    Row { part: "P2", case, ours, baseline_name: BASELINE, baseline }
}

/// A row without a baseline: progenitor cannot generate the Voximplant spec.
fn alone(case: String, ours: Cell) -> Row {
    Row { part: "P2", case, ours, baseline_name: "(progenitor fails on this spec)", baseline: Cell::Missing }
}
