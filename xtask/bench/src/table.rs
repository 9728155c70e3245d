//! The one table `cargo xtask bench` prints: a row per measurement, ours beside the baseline.

use std::fmt::Write as _;

use crate::stats::Summary;

/// One side of a row: a measurement, a failure with its reason, or nothing to compare with.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Value(Summary),
    Failed(String),
    Missing,
}

impl Cell {
    fn display(&self) -> String {
        match self {
            Cell::Value(summary) => summary.display(),
            Cell::Failed(reason) => format!("fails: {}", one_line(reason)),
            Cell::Missing => "—".into(),
        }
    }

    pub fn median(&self) -> Option<f64> {
        match self {
            Cell::Value(summary) => Some(summary.median),
            _ => None,
        }
    }

    /// `Value` when `summary` is some, else `Failed(reason)`.
    pub fn or_failed(summary: Option<Summary>, reason: &str) -> Cell {
        summary.map_or_else(|| Cell::Failed(reason.into()), Cell::Value)
    }
}

/// A measured thing: ours (the generator or the client) against a baseline.
#[derive(Clone, Debug)]
pub struct Row {
    /// `P1` … `P5`.
    pub part: &'static str,
    /// What was measured, e.g. `oxide-nexus: generation, whole process`.
    pub case: String,
    pub ours: Cell,
    /// What `baseline` is, e.g. `progenitor 0.15.1` or `raw reqwest + hand-written struct`.
    pub baseline_name: &'static str,
    pub baseline: Cell,
}

impl Row {
    /// A row for a measurement that could not even start, with the reason.
    pub fn failed(part: &'static str, case: &str, reason: String, baseline_name: &'static str) -> Row {
        Row { part, case: case.into(), ours: Cell::Failed(reason), baseline_name, baseline: Cell::Missing }
    }

    /// ours / baseline of the medians, when both were measured.
    pub fn ratio(&self) -> Option<f64> {
        let ours = self.ours.median()?;
        let baseline = self.baseline.median()?;
        (baseline > 0.0).then_some(ours / baseline)
    }
}

/// The markdown table: part, case, ours, baseline, ratio.
pub fn render(rows: &[Row]) -> String {
    let mut out = String::from(
        "| part | measurement | ours: median (min–max, n) | baseline | baseline: median (min–max, n) | ours/baseline |\n\
         |---|---|---:|---|---:|---:|\n",
    );
    for row in rows {
        let ratio = row.ratio().map_or_else(|| "n/a".to_string(), |ratio| format!("{ratio:.2}"));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {ratio} |",
            row.part,
            one_line(&row.case),
            row.ours.display(),
            row.baseline_name,
            row.baseline.display()
        );
    }
    out
}

/// One line, no pipes, at most 120 characters: fit for a markdown cell.
fn one_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").replace('|', "/");
    if line.chars().count() > 120 { format!("{}…", line.chars().take(120).collect::<String>()) } else { line }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Unit;

    #[test]
    fn ratio_needs_both_sides() {
        let value = |median| Cell::Value(Summary { median, min: median, max: median, runs: 1, unit: Unit::Seconds });
        let row = |ours, baseline| Row { part: "P2", case: "x".into(), ours, baseline_name: "b", baseline };
        assert_eq!(row(value(1.0), value(4.0)).ratio(), Some(0.25));
        assert_eq!(row(value(1.0), Cell::Failed("panic".into())).ratio(), None);
        let table = render(&[row(value(1.0), Cell::Failed("a | b\nsecond line".into()))]);
        assert!(table.contains("| fails: a / b | n/a |"), "{table}");
    }
}
