//! Keeping secrets out of errors and logs.
//!
//! Every text that reaches an [`Error`](super::error::Error) from outside (the server's message,
//! body excerpts, transport errors, serde's messages, which quote the offending value) passes
//! through [`Secrets::redact`] first, and is cut to a bounded length, so neither `Display`, `Debug`
//! nor a log line can show a credential the client holds or derives: API keys, passwords, header
//! values, signed tokens, the values of fields and parameters the spec marks as secret, and
//! anything shaped like a JWT.

use std::borrow::Cow;

/// Longest text kept from a reply in an error (body excerpts, server messages), in characters.
pub const MAX_TEXT_CHARS: usize = 512;

/// How many bytes of a body are looked at for an excerpt: always more than `MAX_TEXT_CHARS`
/// characters, so no more is decoded than can be shown.
const EXCERPT_BYTES: usize = 4096;

/// What is replaced by `<redacted>`.
const HIDDEN: &str = "<redacted>";

/// The secrets of one call: the values to hide, and the JSON keys whose string values are hidden.
#[derive(Default)]
pub struct Secrets<'a> {
    values: Vec<Cow<'a, str>>,
    fields: &'static [&'static str],
}

impl<'a> Secrets<'a> {
    /// No values yet; `fields` are JSON keys whose string values are secrets.
    pub fn new(fields: &'static [&'static str]) -> Self {
        Self { values: Vec::new(), fields }
    }

    /// Hides `value` (and its JSON-escaped spelling) wherever it appears.
    pub fn add(&mut self, value: impl Into<Cow<'a, str>>) {
        let value = value.into();
        if !value.is_empty() {
            self.values.push(value);
        }
    }

    /// Whether `name` is a field or parameter the spec marks as secret.
    pub fn is_secret_field(&self, name: &str) -> bool {
        self.fields.contains(&name)
    }

    /// `text` with every secret replaced by `<redacted>`.
    pub fn redact(&self, text: &str) -> String {
        // Escaped spellings are made here, on the error path, not for every call's secrets.
        let escaped: Vec<String> = self
            .values
            .iter()
            .filter_map(|value| {
                let spelled = serde_json::to_string(value.as_ref()).ok()?;
                // Only the enclosing quotes go: a secret may itself end in an escaped quote.
                let inner = spelled.strip_prefix('"')?.strip_suffix('"')?;
                (inner != value.as_ref()).then(|| inner.to_owned())
            })
            .collect();
        // Longest first, so a secret containing another is hidden whole.
        let mut values: Vec<&str> =
            self.values.iter().map(AsRef::as_ref).chain(escaped.iter().map(String::as_str)).collect();
        values.sort_by_key(|value| std::cmp::Reverse(value.len()));
        let mut out = text.to_owned();
        for value in values {
            if out.contains(value) {
                out = out.replace(value, HIDDEN);
            }
        }
        for field in self.fields {
            out = redact_field(&out, field);
        }
        redact_jwts(&out)
    }

    /// `text` redacted and cut to [`MAX_TEXT_CHARS`].
    pub fn message(&self, text: &str) -> String {
        // Cut before redacting only coarsely (bytes), so a long message costs little, and
        // redact before the exact cut, so a cut never leaves part of a secret behind.
        let prefix = text.get(..floor_char_boundary(text, EXCERPT_BYTES)).unwrap_or(text);
        let cut_short = prefix.len() < text.len();
        cap(&self.redact(prefix), cut_short)
    }

    /// The start of a reply body for an error: lossy UTF-8, redacted, at most
    /// [`MAX_TEXT_CHARS`] characters (ending in `…` when cut).
    pub fn excerpt(&self, body: &[u8]) -> String {
        let prefix = body.get(..EXCERPT_BYTES).unwrap_or(body);
        let text = String::from_utf8_lossy(prefix);
        cap(&self.redact(&text), prefix.len() < body.len())
    }
}

/// At most `MAX_TEXT_CHARS` characters, ending in `…` when anything was cut.
fn cap(text: &str, already_cut: bool) -> String {
    if !already_cut && text.chars().count() <= MAX_TEXT_CHARS {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(MAX_TEXT_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// The largest char boundary of `text` at or below `index`.
fn floor_char_boundary(text: &str, index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    (0..=index).rev().find(|&at| text.is_char_boundary(at)).unwrap_or(0)
}

/// Replaces the string value after every `"field":` with `"<redacted>"` (tolerating cut or
/// malformed JSON: an unterminated value is redacted to the end).
fn redact_field(text: &str, field: &str) -> String {
    let key = format!("\"{field}\"");
    if !text.contains(&key) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(found) = rest.find(&key) {
        let (before, after) = rest.split_at(found + key.len());
        out.push_str(before);
        let Some(value) = after.trim_start().strip_prefix(':').map(str::trim_start).filter(|v| v.starts_with('"'))
        else {
            rest = after;
            continue;
        };
        out.push_str(after.get(..after.len() - value.len()).unwrap_or_default());
        let mut escaped = false;
        let end = value
            .char_indices()
            .skip(1)
            .find(|&(_, c)| {
                let closes = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                closes
            })
            .map(|(index, _)| index + 1);
        out.push('"');
        out.push_str(HIDDEN);
        out.push('"');
        rest = end.and_then(|end| value.get(end..)).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// Replaces anything shaped like a JWT (`eyJ…` base64url, two dots) with `<redacted>`: a reply
/// may echo a token the client signed earlier, or one it never saw.
fn redact_jwts(text: &str) -> String {
    const START: &str = "eyJ";
    if !text.contains(START) {
        return text.to_owned();
    }
    let token_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(found) = rest.find(START) {
        let (before, candidate) = rest.split_at(found);
        out.push_str(before);
        let length = candidate.find(|c: char| !token_char(c)).unwrap_or(candidate.len());
        let (token, after) = candidate.split_at(length);
        if token.matches('.').count() >= 2 && token.split('.').next().is_some_and(|header| header.len() >= 10) {
            out.push_str(HIDDEN);
        } else {
            out.push_str(token);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
