//! P5: does generation cost grow linearly? Every OpenAPI 3.0 spec at the top level of the corpus,
//! from petstore to Stripe: whole-process time per operation and peak memory (the child's
//! high-water mark of resident memory), ours beside progenitor.

use std::path::{Path, PathBuf};

use crate::generate::Tool;
use crate::generation::{BASELINE, cell_of, spec_stem, whole_process};
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
        Err(reason) => {
            let row = Row {
                part: "P5",
                case: "corpus".into(),
                ours: Cell::Failed(reason),
                baseline_name: BASELINE,
                baseline: Cell::Missing,
            };
            return (vec![row], Vec::new());
        }
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
            per_operation.push((stem.clone(), operations, summary.median));
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

/// How the per-operation time of ours spreads across specs of at least 10 operations (tiny
/// specs are dominated by process start-up).
fn linearity_note(per_operation: &[(String, usize, f64)]) -> Vec<String> {
    let sized: Vec<&(String, usize, f64)> =
        per_operation.iter().filter(|(_, operations, _)| *operations >= 10).collect();
    let cheapest = sized.iter().min_by(|a, b| a.2.total_cmp(&b.2));
    let dearest = sized.iter().max_by(|a, b| a.2.total_cmp(&b.2));
    match (cheapest, dearest) {
        (Some(low), Some(high)) if low.2 > 0.0 => vec![format!(
            "P5: ours, per operation (specs with ≥ 10 operations): from {:.2} ms ({}) to {:.2} ms ({}), a spread of {:.1}×.",
            low.2,
            low.0,
            high.2,
            high.0,
            high.2 / low.2
        )],
        _ => Vec::new(),
    }
}
