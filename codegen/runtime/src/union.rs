//! Choosing the alternative of an untagged union so that none swallows another's data.
//!
//! serde's `untagged` takes the first alternative that decodes, and decoding is lenient
//! (unknown keys ignored, open enums), so an early, smaller alternative can eat a later one's
//! payload. Here each alternative describes its shape; the value is matched against all of
//! them and the best fit decodes: required keys present and constant-valued keys (implicit
//! tags) equal are musts; then more constants matched, fewer keys dropped and more keys known
//! win. When two alternatives fit equally and both would drop keys, the value is ambiguous and
//! decoding fails rather than guess.

use serde_json::Value;

/// The JSON type an alternative takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Json {
    /// Any value.
    Any,
    /// An object.
    Object,
    /// An array.
    Array,
    /// A string.
    String,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
}

/// The shape of one alternative.
#[derive(Debug, Clone, Copy)]
pub struct Alternative {
    /// The JSON type of its values.
    pub json: Json,
    /// Keys that must be present.
    pub required: &'static [&'static str],
    /// Keys whose values the spec lists (the empty key: the values of a scalar alternative, an
    /// enum). With one value, the key is an implicit tag: when present (and not `null`), it
    /// must hold that value. With several, a value in the list counts for the alternative and
    /// one outside it against, so that an unlisted value still decodes (enums stay open) but a
    /// listed one picks its alternative.
    pub constants: &'static [(&'static str, &'static [Constant])],
    /// Every key the alternative keeps; empty when it keeps any key.
    pub known: &'static [&'static str],
}

/// A scalar value the spec lists for a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constant {
    /// A string.
    Text(&'static str),
    /// A whole number.
    Integer(i64),
    /// `true` or `false`.
    Boolean(bool),
}

impl Constant {
    fn is(self, value: &Value) -> bool {
        match (self, value) {
            (Constant::Text(expected), Value::String(found)) => expected == found,
            (Constant::Integer(expected), Value::Number(found)) => found.as_i64() == Some(expected),
            (Constant::Boolean(expected), Value::Bool(found)) => expected == *found,
            _ => false,
        }
    }
}

/// How well a value fits an alternative; higher is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Fit {
    /// Listed values matched, less those of several-value lists missed.
    constants: isize,
    /// Negated count of keys the alternative would drop.
    kept: isize,
    known: usize,
}

fn fit(value: &Value, alternative: &Alternative) -> Option<Fit> {
    let kind_fits = match (alternative.json, value) {
        (Json::Any, _) => true,
        (Json::Object, Value::Object(_)) | (Json::Array, Value::Array(_)) | (Json::String, Value::String(_)) => true,
        (Json::Boolean, Value::Bool(_)) => true,
        (Json::Integer, Value::Number(number)) => number.is_i64() || number.is_u64(),
        (Json::Number, Value::Number(_)) => true,
        _ => false,
    };
    if !kind_fits {
        return None;
    }
    let Value::Object(object) = value else {
        // A scalar alternative's values are listed under the empty key (an enum's values).
        let constants = match alternative.constants.iter().find(|(key, _)| key.is_empty()) {
            None => 0,
            Some((_, listed)) => matches(listed, value)?,
        };
        return Some(Fit { constants, kept: 0, known: 0 });
    };
    if alternative.required.iter().any(|key| !object.contains_key(*key)) {
        return None;
    }
    let mut constants: isize = 0;
    for (key, listed) in alternative.constants {
        match object.get(*key) {
            None | Some(Value::Null) => {}
            Some(found) => constants += matches(listed, found)?,
        }
    }
    let (known, dropped) = if alternative.known.is_empty() {
        (object.len(), 0)
    } else {
        let known = object.keys().filter(|key| alternative.known.contains(&key.as_str())).count();
        (known, object.len() - known)
    };
    Some(Fit { constants, kept: -isize::try_from(dropped).unwrap_or(isize::MAX), known })
}

/// How a found value counts against the values listed for it: one listed value must be it
/// (`None` rules the alternative out); of several, a listed one counts for it and another
/// against it.
fn matches(listed: &[Constant], found: &Value) -> Option<isize> {
    match listed {
        _ if listed.iter().any(|constant| constant.is(found)) => Some(1),
        [_] => None,
        _ => Some(-1),
    }
}

/// Decodes `value` as the best-fitting alternative: `decode_as(index, value)` turns it into
/// the union's variant `index`. Alternatives are tried best first, so one whose nested data
/// does not decode gives way to the next.
pub fn decode<T>(
    value: Value,
    alternatives: &[Alternative],
    decode_as: impl Fn(usize, Value) -> Result<T, serde_json::Error>,
) -> Result<T, String> {
    let mut ranked: Vec<(usize, Fit)> = alternatives
        .iter()
        .enumerate()
        .filter_map(|(index, alternative)| fit(&value, alternative).map(|fit| (index, fit)))
        .collect();
    // Best first; the spec's order breaks ties.
    ranked.sort_by(|(left_index, left), (right_index, right)| right.cmp(left).then(left_index.cmp(right_index)));
    if let [(first, best), (second, next), ..] = ranked.as_slice()
        && best == next
        && best.kept < 0
    {
        return Err(format!(
            "the value fits alternatives {first} and {second} equally and either would drop keys; refusing to guess"
        ));
    }
    let mut last_error = None;
    for (index, _) in &ranked {
        match decode_as(*index, value.clone()) {
            Ok(decoded) => return Ok(decoded),
            Err(error) => last_error = Some(error.to_string()),
        }
    }
    Err(match last_error {
        Some(error) => format!("no alternative of the union decodes the value: {error}"),
        None => "the value matches no alternative of the union".to_owned(),
    })
}

#[cfg(test)]
mod tests;
