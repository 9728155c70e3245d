//! Medians and spreads of repeated measurements.

use std::time::Duration;

/// The unit a [`Summary`] is printed in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unit {
    Seconds,
    Millis,
    Micros,
    Mebibytes,
}

impl Unit {
    fn suffix(self) -> &'static str {
        match self {
            Unit::Seconds => "s",
            Unit::Millis => "ms",
            Unit::Micros => "µs",
            Unit::Mebibytes => "MiB",
        }
    }

    /// A duration in this unit.
    pub fn of(self, duration: Duration) -> f64 {
        let seconds = duration.as_secs_f64();
        match self {
            Unit::Seconds => seconds,
            Unit::Millis => seconds * 1e3,
            Unit::Micros => seconds * 1e6,
            Unit::Mebibytes => f64::NAN,
        }
    }
}

/// Median, minimum and maximum of a series of measurements.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub median: f64,
    pub min: f64,
    pub max: f64,
    pub runs: usize,
    pub unit: Unit,
}

impl Summary {
    /// `None` for an empty series.
    pub fn of(values: &[f64], unit: Unit) -> Option<Summary> {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|value| value.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        let min = *sorted.first()?;
        let max = *sorted.last()?;
        let middle = sorted.len() / 2;
        let median = if sorted.len() % 2 == 1 {
            *sorted.get(middle)?
        } else {
            (sorted.get(middle - 1)? + sorted.get(middle)?) / 2.0
        };
        Some(Summary { median, min, max, runs: sorted.len(), unit })
    }

    /// Durations, converted to `unit`.
    pub fn of_durations(values: &[Duration], unit: Unit) -> Option<Summary> {
        let converted: Vec<f64> = values.iter().map(|duration| unit.of(*duration)).collect();
        Summary::of(&converted, unit)
    }

    /// `12.6 s (12.1–13.0, n=3)`; a single run prints without the spread.
    pub fn display(&self) -> String {
        let unit = self.unit.suffix();
        if self.runs == 1 {
            return format!("{} {unit}", number(self.median));
        }
        format!("{} {unit} ({}–{}, n={})", number(self.median), number(self.min), number(self.max), self.runs)
    }
}

/// Three significant figures or so, never scientific notation.
fn number(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= 100.0 {
        format!("{value:.0}")
    } else if magnitude >= 10.0 {
        format!("{value:.1}")
    } else if magnitude >= 1.0 {
        format!("{value:.2}")
    } else {
        format!("{value:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_series() {
        let odd = Summary::of(&[3.0, 1.0, 2.0], Unit::Seconds).expect("summary");
        assert_eq!((odd.median, odd.min, odd.max, odd.runs), (2.0, 1.0, 3.0, 3));
        let even = Summary::of(&[4.0, 1.0, 2.0, 3.0], Unit::Seconds).expect("summary");
        assert_eq!(even.median, 2.5);
        assert!(Summary::of(&[], Unit::Seconds).is_none());
    }

    #[test]
    fn display_shows_spread_and_count() {
        let summary = Summary::of(&[12.1, 12.6, 13.04], Unit::Seconds).expect("summary");
        assert_eq!(summary.display(), "12.6 s (12.1–13.0, n=3)");
        let one = Summary::of(&[0.5], Unit::Millis).expect("summary");
        assert_eq!(one.display(), "0.500 ms");
    }
}
