//! P5: does generation cost grow linearly? Every OpenAPI 3.0 spec at the top level of the corpus,
//! from petstore to Stripe: whole-process time per operation and peak memory (the child's
//! high-water mark of resident memory), ours beside progenitor.

use std::path::{Path, PathBuf};

use crate::generate::Tool;
use crate::generation::{BASELINE, cell_of, output_dir, spec_stem, whole_process};
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

/// P5 rows, plus a note on how far the per-operation cost of ours spreads.
pub fn run(corpus: &Path, work: &Path, runs: usize, progress: &dyn Fn(&str)) -> (Vec<Row>, Vec<String>) {
    let specs = match corpus_specs(corpus) {
        Ok(specs) => specs,
        Err(reason) => return (vec![Row::failed("P5", "corpus", reason, BASELINE)], Vec::new()),
    };
    let mut rows = Vec::new();
    let mut per_operation = Vec::new();
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
        progress(&format!("P5 {stem} ({operations} operations): {runs} runs per tool"));
        let results = whole_process(&spec, work, runs, &Tool::BOTH);
        let per_op = |tool| {
            cell_of(&results, tool, |(walls, _)| {
                let each: Vec<f64> = walls.iter().map(|wall| Unit::Millis.of(*wall) / operations as f64).collect();
                Summary::of(&each, Unit::Millis)
            })
        };
        let memory = |tool| cell_of(&results, tool, |(_, memory)| Summary::of(memory, Unit::Mebibytes));
        let ours = per_op(Tool::Ours);
        if let Cell::Value(summary) = &ours {
            let emitted = emitted_bytes(&output_dir(work, Tool::Ours, &stem));
            let read = std::fs::metadata(&spec).map_or(0, |metadata| metadata.len());
            per_operation.push(Cost {
                spec: stem.clone(),
                operations,
                per_operation_ms: summary.median,
                read,
                emitted,
            });
        }
        rows.push(Row {
            part: "P5",
            case: format!("{stem} ({operations} ops): whole-process time per operation"),
            ours,
            baseline_name: BASELINE,
            baseline: per_op(Tool::Progenitor),
        });
        rows.push(Row {
            part: "P5",
            case: format!("{stem}: peak memory"),
            ours: memory(Tool::Ours),
            baseline_name: BASELINE,
            baseline: memory(Tool::Progenitor),
        });
    }
    (rows, linearity_note(&per_operation))
}

/// What one spec cost ours: the median whole-process time per operation (ms), the bytes of the
/// spec it read and the bytes of Rust it emitted.
struct Cost {
    spec: String,
    operations: usize,
    per_operation_ms: f64,
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
