//! `cargo xtask corpus`: generate a crate for every spec of `../shared/corpus/` (OpenAPI 3.0,
//! 3.1 and multi-file), build them all in one workspace with `cargo clippy -- -D warnings`
//! (the library with default features, then `--all-targets --all-features`; so "ok" means: no
//! error and not a single warning), and print one markdown row per spec.

mod clippy;
mod measure;
mod specs;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use measure::Measured;
use specs::Spec;

#[derive(clap::Args)]
pub struct Args {
    /// The corpus [default: ../shared/corpus beside the workspace].
    #[arg(long, value_name = "DIR", default_value_os_t = crate::workspace_root().join("../shared/corpus"), hide_default_value = true)]
    pub dir: PathBuf,
    /// Where the crates and their workspace go [default: codegen-corpus in the temporary directory].
    #[arg(long, value_name = "DIR", default_value_os_t = std::env::temp_dir().join("codegen-corpus"), hide_default_value = true)]
    pub out: PathBuf,
    /// Only generate; do not build with clippy.
    #[arg(long = "no-check", action = clap::ArgAction::SetFalse)]
    pub check: bool,
    /// Only the specs whose path (relative to the corpus) contains this text; repeatable.
    #[arg(long, value_name = "TEXT")]
    pub only: Vec<String>,
    /// After the table, list every place of each public API typed `serde_json::Value`.
    #[arg(long)]
    pub values: bool,
}

/// One spec's row: what generating gave (or why it failed), then what clippy said.
struct Row {
    spec: Spec,
    generated: Result<Measured, String>,
    built: String,
}

pub fn run(args: &Args) -> ExitCode {
    let specs = match specs::list(&args.dir) {
        Ok(specs) => specs,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let specs: Vec<Spec> = specs
        .into_iter()
        .filter(|spec| args.only.is_empty() || args.only.iter().any(|only| spec.name.contains(only.as_str())))
        .collect();
    if specs.is_empty() {
        eprintln!("error: no spec of {} matches --only {}", args.dir.display(), args.only.join(", "));
        return ExitCode::FAILURE;
    }
    measure::warm_up();
    let mut rows: Vec<Row> = specs
        .into_iter()
        .map(|spec| {
            let generated = measure::generate(&spec, &args.out.join(&spec.slug));
            match &generated {
                Ok(measured) => eprintln!("{}: generated in {}", spec.name, duration(measured.generation)),
                Err(error) => eprintln!("{}: generation failed: {error}", spec.name),
            }
            let built = if args.check { String::new() } else { "not built (`--no-check`)".to_owned() };
            Row { spec, generated, built }
        })
        .collect();
    let mut failed = rows.iter().any(|row| row.generated.is_err());
    let mut clippy_time = None;
    if args.check {
        let members: Vec<String> =
            rows.iter().filter(|row| row.generated.is_ok()).map(|row| row.spec.slug.clone()).collect();
        eprintln!("clippy: {} crates in {}", members.len(), args.out.display());
        let started = Instant::now();
        match clippy::run(&args.out, &members) {
            Ok(outcome) => {
                clippy_time = Some(started.elapsed());
                if let Some(failure) = &outcome.failure {
                    eprintln!("error: cargo clippy failed: {failure}");
                    failed = true;
                }
                for row in rows.iter_mut().filter(|row| row.generated.is_ok()) {
                    row.built = match outcome.verdicts.get(&row.spec.slug) {
                        None if outcome.failure.is_none() => "ok".to_owned(),
                        None => "not built: cargo failed".to_owned(),
                        Some(verdict) => {
                            failed = true;
                            let first = verdict.first.as_deref().unwrap_or_default();
                            format!("{} errors ({} lints); first: {}", verdict.errors, verdict.lints, cell(first))
                        }
                    };
                }
            }
            Err(error) => {
                eprintln!("error: {error}");
                failed = true;
            }
        }
    }
    print_table(&rows, clippy_time);
    if args.values {
        print_values(&rows);
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn print_table(rows: &[Row], clippy_time: Option<Duration>) {
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
    println!(
        "| spec | OpenAPI | files read | operations | generation ({profile} build) | lines | lines without runtime | `serde_json::Value` in the API | spec warnings | clippy `-D warnings` |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
    for row in rows {
        let name = &row.spec.label;
        match &row.generated {
            Ok(measured) => println!(
                "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                measured.version,
                measured.files_read,
                measured.operations,
                duration(measured.generation),
                thousands(measured.lines),
                thousands(measured.lines_without_runtime),
                measured.json_values.len(),
                measured.warnings,
                row.built
            ),
            Err(error) => println!("| {name} | | | | | | | | | generation failed: {} |", cell(error)),
        }
    }
    let generated: Vec<&Measured> = rows.iter().filter_map(|row| row.generated.as_ref().ok()).collect();
    println!();
    print!(
        "{} specs: {} generate ({} operations, {} lines without runtime, {} `serde_json::Value`)",
        rows.len(),
        generated.len(),
        thousands(generated.iter().map(|measured| measured.operations).sum()),
        thousands(generated.iter().map(|measured| measured.lines_without_runtime).sum()),
        generated.iter().map(|measured| measured.json_values.len()).sum::<usize>(),
    );
    match clippy_time {
        Some(time) => {
            let ok = rows.iter().filter(|row| row.built == "ok").count();
            println!(", {ok} pass clippy (both clippy runs over all of them: {})", duration(time));
        }
        None => println!(),
    }
}

/// Per spec, each place typed `serde_json::Value` with how often it occurs there.
fn print_values(rows: &[Row]) {
    for row in rows {
        let Ok(measured) = &row.generated else { continue };
        if measured.json_values.is_empty() {
            continue;
        }
        println!("\n{} ({}):", row.spec.label, measured.json_values.len());
        let mut counted: Vec<(&str, usize)> = Vec::new();
        for place in &measured.json_values {
            match counted.last_mut() {
                Some((last, count)) if *last == place.as_str() => *count += 1,
                _ => counted.push((place, 1)),
            }
        }
        for (place, count) in counted {
            if count == 1 { println!("  {place}") } else { println!("  {place} ({count})") }
        }
    }
}

/// A text made safe for a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn duration(time: Duration) -> String {
    if time < Duration::from_secs(1) {
        format!("{} ms", time.as_millis())
    } else {
        format!("{:.2} s", time.as_secs_f64())
    }
}

/// `1234567` as `1,234,567`.
fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut grouped = String::new();
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(359_989), "359,989");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
