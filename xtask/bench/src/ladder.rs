//! P5, second half: does generation cost grow linearly in the number of operations? Corpus specs
//! differ in what one operation carries (a Stripe operation brings ~4× the schema of a nexus
//! one), so their time per operation mixes size with scaling. Here every rung is the same
//! resource repeated (a page query and a create, with their schemas and a shared error), from
//! 40 to 2,560 operations; linear growth shows as a flat marginal cost per operation.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

use crate::generate::Tool;
use crate::generation::{BASELINE, cell_of, whole_process};
use crate::stats::{Summary, Unit};
use crate::table::Row;

/// Resources per rung; each has two operations.
const RUNGS: [usize; 4] = [20, 80, 320, 1280];

/// A spec of `resources` copies of one resource: `GET /things{i}` (paged, with query
/// parameters and an enum) and `POST /things{i}` (JSON body, 201 reply, a documented 400 error).
pub fn spec(resources: usize) -> Value {
    let mut paths = serde_json::Map::new();
    let mut schemas = serde_json::Map::new();
    schemas.insert(
        "Error".into(),
        json!({
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "integer", "format": "int32"}, "message": {"type": "string"}}
        }),
    );
    for index in 0..resources {
        let thing = format!("Thing{index}");
        let reference = |name: &str| json!({"$ref": format!("#/components/schemas/{name}")});
        let error = json!({"description": "error", "content": {"application/json": {"schema": reference("Error")}}});
        paths.insert(
            format!("/things{index}"),
            json!({
                "get": {
                    "operationId": format!("list_things{index}"),
                    "summary": format!("Lists the things of kind {index}."),
                    "parameters": [
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "format": "int32"}},
                        {"name": "cursor", "in": "query", "schema": {"type": "string"}},
                        {"name": "status", "in": "query", "schema": reference(&format!("{thing}Status"))}
                    ],
                    "responses": {
                        "200": {"description": "a page", "content": {"application/json": {"schema": reference(&format!("{thing}Page"))}}},
                        "400": error.clone()
                    }
                },
                "post": {
                    "operationId": format!("create_thing{index}"),
                    "summary": format!("Creates a thing of kind {index}."),
                    "requestBody": {"required": true, "content": {"application/json": {"schema": reference(&format!("New{thing}"))}}},
                    "responses": {
                        "201": {"description": "created", "content": {"application/json": {"schema": reference(&thing)}}},
                        "400": error
                    }
                }
            }),
        );
        schemas.insert(
            thing.clone(),
            json!({
                "type": "object",
                "description": format!("A thing of kind {index}."),
                "required": ["id", "name", "status"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "name": {"type": "string", "description": "Its name."},
                    "count": {"type": "integer", "format": "int64"},
                    "ratio": {"type": "number", "format": "double"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "status": reference(&format!("{thing}Status")),
                    "created": {"type": "string", "format": "date-time"},
                    "note": {"type": "string", "nullable": true}
                }
            }),
        );
        schemas.insert(format!("{thing}Status"), json!({"type": "string", "enum": ["active", "paused", "gone"]}));
        schemas.insert(
            format!("New{thing}"),
            json!({
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "count": {"type": "integer", "format": "int64"},
                    "tags": {"type": "array", "items": {"type": "string"}}
                }
            }),
        );
        schemas.insert(
            format!("{thing}Page"),
            json!({
                "type": "object",
                "required": ["items"],
                "properties": {
                    "items": {"type": "array", "items": reference(&thing)},
                    "next_cursor": {"type": "string"}
                }
            }),
        );
    }
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Ladder", "version": "1"},
        "servers": [{"url": "https://api.example.test"}],
        "paths": paths,
        "components": {"schemas": schemas}
    })
}

/// The rung specs written into `work` (`ladder-<operations>.json`), with their operation counts.
fn write_rungs(work: &Path) -> Result<Vec<(usize, PathBuf)>, String> {
    RUNGS
        .iter()
        .map(|resources| {
            let operations = resources * 2;
            let path = work.join(format!("ladder-{operations}.json"));
            let text = serde_json::to_string_pretty(&spec(*resources)).map_err(|error| error.to_string())?;
            std::fs::write(&path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))?;
            Ok((operations, path))
        })
        .collect()
}

/// P5 ladder rows (time per operation on each rung, both tools) and a note on the marginal
/// cost per operation between rungs.
pub fn run(work: &Path, runs: usize, progress: &dyn Fn(&str)) -> (Vec<Row>, Vec<String>) {
    let rungs = match write_rungs(work) {
        Ok(rungs) => rungs,
        Err(reason) => return (vec![Row::failed("P5", "synthetic ladder", reason, BASELINE)], Vec::new()),
    };
    let mut rows = Vec::new();
    let mut medians: Vec<(Tool, usize, f64)> = Vec::new();
    for (operations, spec) in &rungs {
        progress(&format!("P5 synthetic ladder, {operations} operations: {runs} runs per tool"));
        let results = whole_process(spec, work, runs, &Tool::BOTH);
        let per_op = |tool| {
            cell_of(&results, tool, |(walls, _): &(Vec<Duration>, Vec<f64>)| {
                let each: Vec<f64> = walls.iter().map(|wall| Unit::Millis.of(*wall) / *operations as f64).collect();
                Summary::of(&each, Unit::Millis)
            })
        };
        for tool in Tool::BOTH {
            if let Some(summary) =
                cell_of(&results, tool, |(walls, _)| Summary::of_durations(walls, Unit::Millis)).median()
            {
                medians.push((tool, *operations, summary));
            }
        }
        rows.push(Row {
            part: "P5",
            case: format!("synthetic ladder ({operations} ops): whole-process time per operation"),
            ours: per_op(Tool::Ours),
            baseline_name: BASELINE,
            baseline: per_op(Tool::Progenitor),
        });
    }
    let notes = Tool::BOTH.iter().filter_map(|tool| marginal_note(*tool, &medians)).collect();
    (rows, notes)
}

/// `P5 ladder, <tool>: marginal cost per operation 20→80: a ms, …; largest/smallest N×.`
fn marginal_note(tool: Tool, medians: &[(Tool, usize, f64)]) -> Option<String> {
    let points: Vec<(usize, f64)> =
        medians.iter().filter(|(each, ..)| *each == tool).map(|(_, operations, ms)| (*operations, *ms)).collect();
    let steps: Vec<(usize, usize, f64)> = points
        .windows(2)
        .filter_map(|pair| match pair {
            [(low_ops, low_ms), (high_ops, high_ms)] if high_ops > low_ops => {
                Some((*low_ops, *high_ops, (high_ms - low_ms) / (high_ops - low_ops) as f64))
            }
            _ => None,
        })
        .collect();
    let smallest = steps.iter().map(|step| step.2).fold(f64::INFINITY, f64::min);
    let largest = steps.iter().map(|step| step.2).fold(f64::NEG_INFINITY, f64::max);
    if steps.is_empty() || smallest <= 0.0 {
        return None;
    }
    let listed: Vec<String> = steps.iter().map(|(low, high, ms)| format!("{low}→{high}: {ms:.3} ms")).collect();
    Some(format!(
        "P5 synthetic ladder, {}: marginal cost per operation {}; largest/smallest {:.2}× (1.00 = linear).",
        tool.name(),
        listed.join(", "),
        largest / smallest
    ))
}
