//! P5: does generation cost grow linearly? Every OpenAPI 3.0 spec at the top level of the corpus,
//! from petstore to Stripe: whole-process time per operation and peak memory (the child's
//! high-water mark of resident memory), ours beside progenitor.

use std::path::{Path, PathBuf};

use crate::generate::Tool;
use std::time::Duration;

use crate::generation::{BASELINE, cell_of, in_process, output_dir, spec_stem, whole_process};
use crate::stats::{Summary, Unit};
use crate::table::{Cell, Row};

/// The corpus specs (`*.json`, `*.yaml`, `*.yml` directly in `corpus`), by name.
pub fn corpus_specs(corpus: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(corpus).map_err(|error| format!("cannot list {}: {error}", corpus.display()))?;
    let mut specs: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.is_file())
        .filter(|path| {
            path.extension().is_some_and(|extension| ["json", "yaml", "yml"].iter().any(|e| extension == *e))
        })
        .collect();
    specs.sort();
    Ok(specs)
}

/// The number of operations in a spec (every method of every path item).
pub fn count_operations(spec: &Path) -> Result<usize, String> {
    let text = std::fs::read_to_string(spec).map_err(|error| format!("cannot read {}: {error}", spec.display()))?;
    let api: openapiv3::OpenAPI = if spec.extension().is_some_and(|extension| extension == "json") {
        serde_json::from_str(&text).map_err(|error| format!("parse: {error}"))?
    } else {
        serde_yaml_ng::from_str(&text).map_err(|error| format!("parse: {error}"))?
    };
    Ok(api.paths.paths.values().filter_map(|item| item.as_item()).map(|item| item.iter().count()).sum())
}

/// P5 rows, plus notes on how the per-operation cost of ours grows and spreads.
pub fn run(corpus: &Path, work: &Path, runs: usize, progress: &dyn Fn(&str)) -> (Vec<Row>, Vec<String>) {
    let specs = match corpus_specs(corpus) {
        Ok(specs) => specs,
        Err(reason) => return (vec![Row::failed("P5", "corpus", reason, BASELINE)], Vec::new()),
    };
    progress(&format!("P5 fixed cost (a spec without operations): {runs} runs per tool"));
    let (mut rows, fixed) = fixed_cost(work, runs);
    let mut costs = Vec::new();
    for spec in specs {
        let stem = spec_stem(&spec);
        let operations = match count_operations(&spec) {
            Ok(0) => continue,
            Ok(count) => count,
            Err(reason) => {
                progress(&format!("P5 {stem}: skipped ({reason})"));
                continue;
            }
        };
        progress(&format!("P5 {stem} ({operations} operations): {runs} runs per tool, whole process and in-process"));
        let whole = whole_process(&spec, work, runs, &Tool::BOTH);
        let in_process = in_process(&spec, work, runs);
        let per_op = |times: &[Duration]| {
            let each: Vec<f64> = times.iter().map(|time| Unit::Millis.of(*time) / operations as f64).collect();
            Summary::of(&each, Unit::Millis)
        };
        let whole_per_op = |tool| cell_of(&whole, tool, |(walls, _)| per_op(walls));
        let in_process_per_op = |tool| cell_of(&in_process, tool, |times| per_op(times));
        let memory = |tool| cell_of(&whole, tool, |(_, memory)| Summary::of(memory, Unit::Mebibytes));
        if let (Some(whole_ms), Some(in_process_ms)) =
            (whole_per_op(Tool::Ours).median(), in_process_per_op(Tool::Ours).median())
        {
            costs.push(Cost {
                spec: stem.clone(),
                operations,
                per_operation_ms: whole_ms,
                in_process_per_operation_ms: in_process_ms,
                read: std::fs::metadata(&spec).map_or(0, |metadata| metadata.len()),
                emitted: emitted_bytes(&output_dir(work, Tool::Ours, &stem)),
            });
        }
        rows.push(row(
            format!("{stem} ({operations} ops): whole-process time per operation"),
            whole_per_op(Tool::Ours),
            whole_per_op(Tool::Progenitor),
        ));
        rows.push(row(
            format!("{stem} ({operations} ops): in-process time per operation"),
            in_process_per_op(Tool::Ours),
            in_process_per_op(Tool::Progenitor),
        ));
        rows.push(row(format!("{stem}: peak memory"), memory(Tool::Ours), memory(Tool::Progenitor)));
    }
    let mut notes = growth_notes(&costs, &fixed);
    notes.extend(linearity_note(&costs));
    (rows, notes)
}

fn row(case: String, ours: Cell, baseline: Cell) -> Row {
    Row { part: "P5", case, ours, baseline_name: BASELINE, baseline }
}

/// The median time of ours on a spec without operations (ms), whole process and in-process.
#[derive(Default)]
struct Fixed {
    whole_ms: Option<f64>,
    in_process_ms: Option<f64>,
}

/// What every generation pays whatever the spec holds (process start, the runtime's files, the
/// manifest, the writing): both tools on a spec with an `info` and no operations.
fn fixed_cost(work: &Path, runs: usize) -> (Vec<Row>, Fixed) {
    let empty = work.join("no-operations.json");
    let text = r#"{"openapi": "3.0.3", "info": {"title": "No operations", "version": "1"}, "paths": {}}"#;
    if let Err(error) = std::fs::write(&empty, text) {
        let reason = format!("cannot write {}: {error}", empty.display());
        return (vec![Row::failed("P5", "no operations (the fixed cost)", reason, BASELINE)], Fixed::default());
    }
    let (whole, in_process) = (whole_process(&empty, work, runs, &Tool::BOTH), in_process(&empty, work, runs));
    let whole_ms = |tool| cell_of(&whole, tool, |(walls, _)| Summary::of_durations(walls, Unit::Millis));
    let in_process_ms = |tool| cell_of(&in_process, tool, |times| Summary::of_durations(times, Unit::Millis));
    let fixed = Fixed { whole_ms: whole_ms(Tool::Ours).median(), in_process_ms: in_process_ms(Tool::Ours).median() };
    let rows = vec![
        row(
            "no operations (the fixed cost): generation, whole process".into(),
            whole_ms(Tool::Ours),
            whole_ms(Tool::Progenitor),
        ),
        row(
            "no operations (the fixed cost): generation, in-process".into(),
            in_process_ms(Tool::Ours),
            in_process_ms(Tool::Progenitor),
        ),
    ];
    (rows, fixed)
}

/// From the smallest spec read to the largest (petstore to Stripe in the corpus): the time per
/// operation, whole process and in-process, as measured and net of the fixed cost. The fixed
/// cost makes a 3-operation spec look dear per operation; net of it, the ratio says whether the
/// cost of an operation grows with the size of the spec around it.
fn growth_notes(costs: &[Cost], fixed: &Fixed) -> Vec<String> {
    let (Some(small), Some(large)) =
        (costs.iter().min_by_key(|cost| cost.read), costs.iter().max_by_key(|cost| cost.read))
    else {
        return Vec::new();
    };
    type PerOperation = fn(&Cost) -> f64;
    let measures: [(&str, PerOperation, Option<f64>); 2] = [
        ("whole process", |cost| cost.per_operation_ms, fixed.whole_ms),
        ("in-process", |cost| cost.in_process_per_operation_ms, fixed.in_process_ms),
    ];
    let mut notes = Vec::new();
    for (how, per_operation, fixed_ms) in measures {
        let (from, to) = (per_operation(small), per_operation(large));
        let mut line = format!(
            "P5: ours, time per operation from the smallest spec ({}, {} ops) to the largest ({}, {} ops), {how}: {from:.3} ms → {to:.3} ms (×{:.2})",
            small.spec,
            small.operations,
            large.spec,
            large.operations,
            to / from
        );
        if let Some(fixed_ms) = fixed_ms {
            let net = |cost: &Cost| (per_operation(cost) * cost.operations as f64 - fixed_ms) / cost.operations as f64;
            let (from, to) = (net(small), net(large));
            if from > 0.0 {
                line.push_str(&format!(
                    "; net of the fixed cost ({fixed_ms:.2} ms): {from:.3} ms → {to:.3} ms (×{:.2})",
                    to / from
                ));
            }
        }
        line.push('.');
        notes.push(line);
    }
    notes
}

/// What one spec cost ours: the median time per operation (ms) whole process and in-process,
/// the bytes of the spec it read and the bytes of Rust it emitted.
struct Cost {
    spec: String,
    operations: usize,
    per_operation_ms: f64,
    in_process_per_operation_ms: f64,
    read: u64,
    emitted: u64,
}

/// Bytes of Rust that the generator emitted into `crate_dir`: every `.rs` file but the runtime,
/// which is copied, not generated.
fn emitted_bytes(crate_dir: &Path) -> u64 {
    fn walk(dir: &Path, total: &mut u64) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() && !path.ends_with("src/runtime") {
                walk(&path, total);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                *total += entry.metadata().map_or(0, |metadata| metadata.len());
            }
        }
    }
    let mut total = 0;
    walk(crate_dir, &mut total);
    total
}

/// How the time of ours spreads across specs of at least 10 operations (tiny specs are
/// dominated by process start-up): per operation, and per kilobyte of spec read and of Rust
/// emitted, which say whether the cost grows with what is read and generated or faster.
fn linearity_note(costs: &[Cost]) -> Vec<String> {
    let sized: Vec<&Cost> = costs.iter().filter(|cost| cost.operations >= 10).collect();
    let mut notes = Vec::new();
    let per_operation = |cost: &Cost| cost.per_operation_ms;
    if let Some(line) = spread(&sized, per_operation, "per operation", "ms") {
        notes.push(line);
    }
    let total_us = |cost: &Cost| cost.per_operation_ms * 1000.0 * cost.operations as f64;
    let per_kib_read = |cost: &Cost| total_us(cost) / (cost.read as f64 / 1024.0);
    let read: Vec<&Cost> = sized.iter().copied().filter(|cost| cost.read > 0).collect();
    if let Some(line) = spread(&read, per_kib_read, "per KiB of spec read", "µs") {
        notes.push(line);
    }
    let per_kib_emitted = |cost: &Cost| total_us(cost) / (cost.emitted as f64 / 1024.0);
    let emitted: Vec<&Cost> = sized.iter().copied().filter(|cost| cost.emitted > 0).collect();
    if let Some(line) = spread(&emitted, per_kib_emitted, "per KiB of Rust emitted (runtime excluded)", "µs") {
        notes.push(line);
    }
    notes
}

/// `P5: ours, <what>: from <low> (<spec>) to <high> (<spec>), a spread of N×.`
fn spread(costs: &[&Cost], measure: impl Fn(&Cost) -> f64, what: &str, unit: &str) -> Option<String> {
    let cheapest = costs.iter().min_by(|a, b| measure(a).total_cmp(&measure(b)))?;
    let dearest = costs.iter().max_by(|a, b| measure(a).total_cmp(&measure(b)))?;
    let (low, high) = (measure(cheapest), measure(dearest));
    (low > 0.0).then(|| {
        format!(
            "P5: ours, {what} (specs with ≥ 10 operations): from {low:.2} {unit} ({}) to {high:.2} {unit} ({}), a spread of {:.1}×.",
            cheapest.spec,
            dearest.spec,
            high / low
        )
    })
}
