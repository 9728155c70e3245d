//! Benchmark: our OpenAPI→Rust client generator (`codegen`) against progenitor, in one run.
//!
//! For each spec in [`SPECS`] and each tool it measures:
//!
//! 1. **Generation time** — spec text in, formatted Rust text out, in this process:
//!    - ours: [`codegen::generate`] (parse, lower, emit, prettyplease, templates: the whole crate);
//!    - progenitor: `openapiv3` parse (serde_json for `.json`, serde_yaml_ng for `.yaml`),
//!      `progenitor::Generator::default().generate_tokens`, then `syn::parse2` + `prettyplease::unparse`,
//!      plus the `Cargo.toml` that cargo-progenitor would write for the generated code.
//!
//!    One warm-up run (whose output is kept), then [`GEN_RUNS`] timed runs: median and min.
//!    Every call is wrapped in `catch_unwind`, so a tool that errors or panics on a spec is
//!    reported as `failed: <reason>` and the benchmark goes on.
//! 2. **Generated lines** — lines of `src/**/*.rs`; our verbatim runtime (`src/runtime/`) is
//!    counted separately. progenitor's support code lives in the `progenitor-client` crate and is
//!    not counted.
//! 3. **Incremental rebuild time** — each output is written as a crate to
//!    `$TMPDIR/codegen-bench/<tool>-<spec>` with one `CARGO_TARGET_DIR` per tool
//!    (`$TMPDIR/codegen-bench/target-<tool>`), so dependencies are built once per tool. One
//!    untimed `cargo build` (debug), then [`REBUILDS`] rounds of: touch `src/lib.rs`, time
//!    `cargo build` — alternating ours and progenitor within a spec, so load drift hits both.
//!    Reported: the median — the cost of recompiling just the generated crate.
//!
//! The result is a markdown table on stdout (progress goes to stderr), with the ratio
//! ours/progenitor for generation and rebuild (< 1 means ours is faster). Exit code is 0 even
//! when a tool fails on a spec.

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

/// Timed generation runs per spec and tool (after one warm-up run).
const GEN_RUNS: usize = 15;
/// Timed incremental rebuilds per generated crate (after one untimed full build).
const REBUILDS: usize = 3;
/// `progenitor-client` version the progenitor output is built against: the generator's own.
const PROGENITOR_CLIENT: &str = "0.15.1";

/// (short name, path relative to this crate's directory).
const SPECS: [(&str, &str); 3] = [
    ("oxide-nexus", "../../../shared/corpus/oxide-nexus.json"),
    ("petstore-expanded", "../../../shared/corpus/petstore-expanded.yaml"),
    ("voximplant-accounts", "../../spec/voximplant-accounts.yaml"),
];

#[derive(Clone, Copy, PartialEq)]
enum Tool {
    Ours,
    Progenitor,
}

impl Tool {
    fn name(self) -> &'static str {
        match self {
            Tool::Ours => "ours",
            Tool::Progenitor => "progenitor",
        }
    }
}

/// A generated crate: (path relative to the crate root, contents).
type Files = Vec<(String, String)>;

/// What was measured for one spec and tool; `Err` holds the reason it stopped.
struct Row {
    spec: &'static str,
    tool: Tool,
    /// (median, min) generation time.
    generation: Result<(Duration, Duration), String>,
    /// (generated lines, runtime lines).
    lines: Option<(usize, usize)>,
    rebuild: Result<Duration, String>,
}

fn main() {
    let started = Instant::now();
    // Panics are caught and reported in the table; the hook only remembers where they happened.
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!("{}:{}", short_path(l.file()), l.line())).unwrap_or_default();
        PANIC_AT.with(|p| *p.borrow_mut() = at);
    }));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = std::env::temp_dir().join("codegen-bench");
    let progress = |spec: &str, tool: Tool, what: &str| {
        eprintln!("[{:>4.0}s] {spec} / {}: {what}", started.elapsed().as_secs_f64(), tool.name());
    };

    let mut rows = Vec::new();
    for (spec, rel) in SPECS {
        let path = manifest_dir.join(rel);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("cannot read {}: {e}", path.display());
                std::process::exit(2);
            }
        };
        // Generate, write and fully build each tool's crate...
        let mut measured = Vec::new();
        for tool in [Tool::Ours, Tool::Progenitor] {
            progress(spec, tool, "generating");
            let generate = || match tool {
                Tool::Ours => generate_ours(&path, &text),
                Tool::Progenitor => generate_progenitor(spec, &path, &text),
            };
            let (generation, lines, built) = match time_generation(generate) {
                Ok((median, min, files)) => {
                    progress(spec, tool, "building");
                    let dir = work.join(format!("{}-{spec}", tool.name()));
                    let target = work.join(format!("target-{}", tool.name()));
                    let built = write_crate(&dir, &files)
                        .map_err(|e| format!("cannot write {}: {e}", dir.display()))
                        .and_then(|()| cargo_build(&cargo, &dir, &target))
                        .map(|()| (dir, target));
                    (Ok((median, min)), Some(count_lines(&files)), built)
                }
                Err(e) => (Err(e), None, Err("not generated".to_string())),
            };
            measured.push((tool, generation, lines, built, Vec::new()));
        }
        // ...then time the incremental rebuilds, alternating tools so that load drift on the
        // machine hits both alike.
        for round in 1..=REBUILDS {
            for (tool, _, _, built, times) in &mut measured {
                if let Ok((dir, target)) = built {
                    progress(spec, *tool, &format!("rebuild {round}/{REBUILDS}"));
                    match time_rebuild(&cargo, dir, target) {
                        Ok(t) => times.push(t),
                        Err(e) => *built = Err(e),
                    }
                }
            }
        }
        for (tool, generation, lines, built, times) in measured {
            let rebuild = built.map(|_| median(times));
            rows.push(Row { spec, tool, generation, lines, rebuild });
        }
    }

    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    println!("{}", table(&rows));
    println!(
        "generation: warm-up + {GEN_RUNS} runs, median (min); rebuild: touch src/lib.rs + `cargo build` (debug), \
         median of {REBUILDS}; ratio = ours/progenitor (< 1: ours faster)."
    );
    println!(
        "machine: {cores} cores, load average at the end {}; total benchmark time {:.0} s",
        load.join(" "),
        started.elapsed().as_secs_f64()
    );
}

thread_local! {
    /// `file:line` of the last caught panic, set by the panic hook.
    static PANIC_AT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// `.../progenitor-impl-0.15.1/src/method.rs` → `progenitor-impl-0.15.1/src/method.rs`.
fn short_path(file: &str) -> &str {
    match file.rfind("/src/") {
        Some(i) => file[..i].rfind('/').map_or(file, |j| &file[j + 1..]),
        None => file,
    }
}

/// Our generator: the whole crate (Cargo.toml, src/**, README.md, examples/).
fn generate_ours(path: &Path, text: &str) -> Result<Files, String> {
    let options = codegen::Options { source_name: path.display().to_string(), ..codegen::Options::default() };
    let files = codegen::generate(codegen::Spec::Text(text), &options).map_err(|e| e.to_string())?.files;
    Ok(files.into_iter().map(|f| (f.path, f.contents)).collect())
}

/// progenitor: parse, generate tokens, pretty-print; plus the Cargo.toml its code needs.
fn generate_progenitor(spec: &str, path: &Path, text: &str) -> Result<Files, String> {
    let api: openapiv3::OpenAPI = if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(text).map_err(|e| format!("parse: {e}"))?
    } else {
        serde_yaml_ng::from_str(text).map_err(|e| format!("parse: {e}"))?
    };
    let mut generator = progenitor::Generator::default();
    let tokens = generator.generate_tokens(&api).map_err(|e| format!("generate: {e}"))?;
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("syn: {e}"))?;
    let lib = prettyplease::unparse(&file);
    Ok(vec![("Cargo.toml".into(), progenitor_manifest(spec, &generator)), ("src/lib.rs".into(), lib)])
}

/// The dependencies cargo-progenitor 0.15 writes for a static crate (`dependencies()` in its
/// main.rs, with progenitor-client as a dependency rather than inlined).
fn progenitor_manifest(spec: &str, generator: &progenitor::Generator) -> String {
    let types = generator.get_type_space();
    let mut deps = vec![
        "bytes = \"1.9\"".to_string(),
        "futures-core = \"0.3\"".into(),
        "reqwest = { version = \"0.13\", default-features = false, features = [\"json\", \"query\", \"stream\"] }"
            .into(),
        "serde = { version = \"1.0\", features = [\"derive\"] }".into(),
        "serde_urlencoded = \"0.7\"".into(),
        format!("progenitor-client = \"{PROGENITOR_CLIENT}\""),
    ];
    if types.uses_regress() {
        deps.push("regress = \"0.10\"".into());
    }
    if types.uses_uuid() {
        deps.push("uuid = { version = \"1.0\", features = [\"serde\", \"v4\"] }".into());
    }
    if types.uses_chrono() {
        deps.push("chrono = { version = \"0.4\", default-features = false, features = [\"serde\"] }".into());
    }
    if generator.uses_futures() {
        deps.push("futures = \"0.3\"".into());
    }
    if generator.uses_websockets() {
        deps.push("base64 = \"0.22\"".into());
        deps.push("rand = \"0.8\"".into());
    }
    if types.uses_serde_json() {
        deps.push("serde_json = \"1.0\"".into());
    }
    deps.sort_unstable();
    format!(
        "[package]\nname = \"{spec}-progenitor\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n{}\n\n[workspace]\n",
        deps.join("\n")
    )
}

/// Runs `f` once to warm up (keeping its output), then [`GEN_RUNS`] timed times.
/// Returns (median, min, output); an error or panic in any run ends the measurement.
fn time_generation(f: impl Fn() -> Result<Files, String>) -> Result<(Duration, Duration, Files), String> {
    let caught = || match catch_unwind(AssertUnwindSafe(&f)) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown payload".into());
            let at = PANIC_AT.with(|p| p.take());
            Err(format!("panic at {at}: {message}"))
        }
    };
    let files = caught()?;
    let mut times = Vec::with_capacity(GEN_RUNS);
    for _ in 0..GEN_RUNS {
        let start = Instant::now();
        let out = caught()?;
        times.push(start.elapsed());
        drop(std::hint::black_box(out));
    }
    let min = times.iter().copied().min().unwrap_or_default();
    Ok((median(times), min, files))
}

/// Writes a fresh crate (removing an old one); adds an empty `[workspace]` to the manifest so
/// the crate never joins an enclosing workspace.
fn write_crate(dir: &Path, files: &Files) -> std::io::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    for (rel, contents) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if rel == "Cargo.toml" && !contents.contains("\n[workspace]") {
            std::fs::write(&path, format!("{contents}\n[workspace]\n"))?;
        } else {
            std::fs::write(&path, contents)?;
        }
    }
    Ok(())
}

/// Touches `src/lib.rs` and times `cargo build` of the (already built) crate.
fn time_rebuild(cargo: &str, dir: &Path, target: &Path) -> Result<Duration, String> {
    let lib = dir.join("src/lib.rs");
    touch(&lib).map_err(|e| format!("touch {}: {e}", lib.display()))?;
    let start = Instant::now();
    cargo_build(cargo, dir, target)?;
    Ok(start.elapsed())
}

fn cargo_build(cargo: &str, dir: &Path, target: &Path) -> Result<(), String> {
    let out = Command::new(cargo)
        .args(["build", "--quiet"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first_error = stderr.lines().find(|l| l.starts_with("error")).unwrap_or("cargo build failed");
    eprintln!("{stderr}");
    Err(format!("build: {first_error}"))
}

fn touch(path: &Path) -> std::io::Result<()> {
    std::fs::File::options().write(true).open(path)?.set_modified(SystemTime::now())
}

/// (lines of generated `src/**/*.rs` outside `src/runtime/`, lines under `src/runtime/`).
fn count_lines(files: &Files) -> (usize, usize) {
    let mut generated = 0;
    let mut runtime = 0;
    for (path, contents) in files {
        if !(path.starts_with("src/") && path.ends_with(".rs")) {
            continue;
        }
        if path.starts_with("src/runtime/") {
            runtime += contents.lines().count();
        } else {
            generated += contents.lines().count();
        }
    }
    (generated, runtime)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| spec | tool | generation median ms (min) | lines (+ runtime) | rebuild median s | \
         ours/progenitor generation | ours/progenitor rebuild |\n|---|---|---|---|---|---|---|\n",
    );
    for row in rows {
        let other = rows.iter().find(|r| r.spec == row.spec && r.tool == Tool::Progenitor);
        let generation = match &row.generation {
            Ok((median, min)) => format!("{:.1} ({:.1})", ms(*median), ms(*min)),
            Err(e) => format!("failed: {}", cell(e)),
        };
        let lines = match row.lines {
            Some((generated, 0)) => generated.to_string(),
            Some((generated, runtime)) => format!("{generated} (+ {runtime})"),
            None => "—".into(),
        };
        let rebuild = match &row.rebuild {
            Ok(d) => format!("{:.2}", d.as_secs_f64()),
            Err(e) if row.generation.is_err() => cell(e),
            Err(e) => format!("failed: {}", cell(e)),
        };
        let (gen_ratio, rebuild_ratio) = match (row.tool, other) {
            (Tool::Ours, Some(p)) => (
                ratio(row.generation.as_ref().ok().map(|g| g.0), p.generation.as_ref().ok().map(|g| g.0)),
                ratio(row.rebuild.as_ref().ok().copied(), p.rebuild.as_ref().ok().copied()),
            ),
            _ => (String::new(), String::new()),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {generation} | {lines} | {rebuild} | {gen_ratio} | {rebuild_ratio} |",
            row.spec,
            row.tool.name()
        );
    }
    out
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn ratio(ours: Option<Duration>, theirs: Option<Duration>) -> String {
    match (ours, theirs) {
        (Some(a), Some(b)) if !b.is_zero() => format!("{:.2}×", a.as_secs_f64() / b.as_secs_f64()),
        _ => "n/a".into(),
    }
}

/// One line, no pipes, at most 120 characters: fit for a markdown cell.
fn cell(text: &str) -> String {
    let line: String = text.lines().next().unwrap_or("").replace('|', "/");
    if line.chars().count() > 120 { format!("{}…", line.chars().take(120).collect::<String>()) } else { line }
}
