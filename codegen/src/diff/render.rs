//! The report as a pull-request comment (Markdown), a changelog entry and JSON.

use serde::Serialize;

use super::{Change, Impact, Kind, Report, Subject};

/// The first line: the bump the changes need, the counts, and whether the declared version
/// makes that bump.
fn summary(report: &Report) -> String {
    let package = &report.package;
    let versions = format!("`{package}` {} → {}", report.old_version, report.new_version);
    let Some(required) = report.required() else {
        return format!("**No API change** ({versions}).");
    };
    let counts = format!(
        "{} change{} ({} major, {} minor, {} patch)",
        report.changes.len(),
        if report.changes.len() == 1 { "" } else { "s" },
        report.count(Impact::Major),
        report.count(Impact::Minor),
        report.count(Impact::Patch)
    );
    let verdict = match report.declared() {
        Some(declared) if declared >= required => format!("{versions} is a {declared} release: OK"),
        Some(declared) => format!(
            "{versions} is only a {declared} release: set `x-rust-crate-version` to {}",
            report.release_version()
        ),
        None if required == Impact::Major => {
            format!("{versions}: not a major release: set `x-rust-crate-version` to {}", report.release_version())
        }
        None => format!("{versions}: set `x-rust-crate-version` to {} for the release", report.release_version()),
    };
    format!("**Required bump: {required}** · {counts} · {verdict}")
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Subjects in the order their first change was found (crate, operations, types).
fn subjects(report: &Report) -> Vec<&Subject> {
    let mut subjects: Vec<&Subject> = Vec::new();
    for change in &report.changes {
        if !subjects.contains(&&change.subject) {
            subjects.push(&change.subject);
        }
    }
    subjects
}

pub fn markdown(report: &Report) -> String {
    let mut out = summary(report);
    out.push('\n');
    for subject in subjects(report) {
        out.push_str(&format!("\n#### {subject}\n\n| change | Rust item | class | reason |\n|---|---|---|---|\n"));
        for change in report.changes.iter().filter(|change| &change.subject == subject) {
            let class = match change.impact {
                Impact::Major => "**major**".to_owned(),
                other => other.to_string(),
            };
            out.push_str(&format!(
                "| {} | {} | {class} | {} |\n",
                cell(&change.change),
                cell(&change.item),
                cell(&change.reason)
            ));
        }
    }
    out
}

/// Items listed by name, the rest counted.
fn listing(items: &[String]) -> String {
    const SHOWN: usize = 8;
    let shown: Vec<&str> = items.iter().take(SHOWN).map(String::as_str).collect();
    match items.len() {
        0 => String::new(),
        1 => shown.join(""),
        count if count <= SHOWN => {
            let (last, first) = shown.split_last().map(|(last, first)| (*last, first.join(", "))).unwrap_or_default();
            format!("{first} and {last}")
        }
        count => format!("{} and {} more", shown.join(", "), count - SHOWN),
    }
}

pub fn changelog(report: &Report) -> String {
    let mut out = format!("## {}\n", report.release_version());
    if report.changes.is_empty() {
        out.push_str("\nNo change to the public API.\n");
        return out;
    }
    let sentences = |impact: Impact, keep: &dyn Fn(&Change) -> bool| -> Vec<String> {
        let mut sentences: Vec<String> = Vec::new();
        for change in report.changes.iter().filter(|change| change.impact == impact && keep(change)) {
            if !sentences.contains(&change.sentence) {
                sentences.push(change.sentence.clone());
            }
        }
        sentences
    };
    let not_docs = |change: &Change| change.kind != Kind::Docs;
    let breaking = sentences(Impact::Major, &not_docs);
    let mut added = sentences(Impact::Minor, &|change: &Change| not_docs(change) && change.kind != Kind::TypeAdded);
    let new_types: Vec<String> = report
        .changes
        .iter()
        .filter(|change| change.kind == Kind::TypeAdded)
        .map(|change| change.item.clone())
        .collect();
    if !new_types.is_empty() {
        let noun = if new_types.len() == 1 { "New type" } else { "New types" };
        added.push(format!("{noun}: {}.", listing(&new_types)));
    }
    let changed = sentences(Impact::Patch, &not_docs);
    let documented: Vec<String> =
        report.changes.iter().filter(|change| change.kind == Kind::Docs).map(|change| change.item.clone()).collect();
    let mut section = |title: &str, lines: &[String]| {
        if !lines.is_empty() {
            out.push_str(&format!("\n### {title}\n\n"));
            for line in lines {
                out.push_str(&format!("- {line}\n"));
            }
        }
    };
    section("Breaking changes", &breaking);
    section("Added", &added);
    section("Changed", &changed);
    if !documented.is_empty() {
        section("Documentation", &[format!("Updated the documentation of {}.", listing(&documented))]);
    }
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    package: &'a str,
    old_version: &'a str,
    new_version: &'a str,
    /// The bump the changes need (`null` when nothing changed).
    required: Option<Impact>,
    /// The kind of release the two versions make (`null` when not bumped).
    declared: Option<Impact>,
    /// A major change without a major version bump: what `--deny breaking` rejects.
    breaking_unmatched: bool,
    release_version: String,
    counts: Counts,
    changes: &'a [Change],
}

#[derive(Serialize)]
struct Counts {
    major: usize,
    minor: usize,
    patch: usize,
}

pub fn json(report: &Report) -> String {
    let view = JsonReport {
        package: &report.package,
        old_version: &report.old_version,
        new_version: &report.new_version,
        required: report.required(),
        declared: report.declared(),
        breaking_unmatched: report.breaking_unmatched(),
        release_version: report.release_version(),
        counts: Counts {
            major: report.count(Impact::Major),
            minor: report.count(Impact::Minor),
            patch: report.count(Impact::Patch),
        },
        changes: &report.changes,
    };
    // Serializing plain strings, numbers and enums cannot fail; an empty object is never printed.
    serde_json::to_string_pretty(&view).unwrap_or_default()
}
