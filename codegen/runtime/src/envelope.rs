//! An error object inside the reply body (`{"error":{"code":N,"msg":".."},"errors":[..]}`), which
//! marks a failure whatever the HTTP status, and the API's documented error codes.

use std::fmt;
use std::hash::{Hash, Hasher};

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use super::config::{ApiConfig, ErrorEnvelope, KnownCode};
use super::error::Error;
use super::redact::Secrets;

/// At most this many entries of the server's error list are kept.
const MAX_DETAILS: usize = 32;

/// One entry of the error list of an API failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiErrorDetail {
    /// Numeric error code.
    pub code: i64,
    /// Message sent by the server (empty if none).
    pub message: String,
}

/// Numeric API error code. Equality and hashing use the number only, so a code read from a
/// reply equals the generated constant of the same number.
#[derive(Clone, Copy)]
pub struct ErrorCode {
    value: i64,
    known: Option<&'static KnownCode>,
}

impl ErrorCode {
    /// A code without documentation attached (`name()` is `None`).
    pub const fn new(value: i64) -> Self {
        Self { value, known: None }
    }

    /// A documented code, carrying its name, message and retry class.
    pub const fn known(known: &'static KnownCode) -> Self {
        Self { value: known.code, known: Some(known) }
    }

    /// The number sent on the wire.
    pub fn value(self) -> i64 {
        self.value
    }

    /// Documented name, e.g. `RATE_LIMIT_EXCEED`.
    pub fn name(self) -> Option<&'static str> {
        self.known.map(|known| known.name)
    }

    /// Whether the documentation marks this code as worth retrying (e.g. rate limits).
    pub fn is_retryable(self) -> bool {
        self.known.is_some_and(|known| known.retryable)
    }

    fn lookup(value: i64, config: &ApiConfig) -> Self {
        config.known_code(value).map_or(Self::new(value), Self::known)
    }
}

impl PartialEq for ErrorCode {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for ErrorCode {}

impl Hash for ErrorCode {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl fmt::Debug for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ErrorCode({self})")
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{} ({name})", self.value),
            None => write!(f, "{}", self.value),
        }
    }
}

/// The envelope error in `body`, if the API has an envelope and the body carries one.
pub(super) fn envelope_error(
    config: &ApiConfig,
    status: reqwest::StatusCode,
    body: &[u8],
    secrets: &Secrets<'_>,
) -> Option<Error> {
    let envelope = config.envelope.as_ref()?;
    let found = probe(envelope, body)?;
    Some(api_error(config, envelope, found, status, body, secrets))
}

/// Whether `error` is one the API documents as refused credentials.
pub(super) fn is_auth_failure(config: &ApiConfig, error: &Error) -> bool {
    error.code().is_some_and(|code| config.auth_failure_codes.contains(&code))
}

/// The error object and error list of an envelope reply.
struct Found {
    error: Value,
    list: Option<Value>,
}

/// Looks for the envelope's error key in a JSON object body, skipping every other value
/// without building it. Non-JSON and non-object bodies are not envelopes.
fn probe(envelope: &ErrorEnvelope, body: &[u8]) -> Option<Found> {
    struct Probe<'a>(&'a ErrorEnvelope);

    impl<'de> Visitor<'de> for Probe<'_> {
        type Value = Option<Found>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut error = None;
            let mut list = None;
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == self.0.error {
                    error = Some(map.next_value::<Value>()?);
                } else if self.0.list == Some(key.as_ref()) {
                    list = Some(map.next_value::<Value>()?);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            // `"error": null` next to a result is not a failure.
            Ok(error.filter(|error| !error.is_null()).map(|error| Found { error, list }))
        }
    }

    // Cheap test first: a body without the key's text cannot hold an envelope.
    let key = format!("\"{}\"", envelope.error);
    memchr::memmem::find(body, key.as_bytes())?;
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    deserializer.deserialize_map(Probe(envelope)).ok().flatten()
}

fn api_error(
    config: &ApiConfig,
    envelope: &ErrorEnvelope,
    found: Found,
    status: reqwest::StatusCode,
    body: &[u8],
    secrets: &Secrets<'_>,
) -> Error {
    let malformed = |field: &str, message: &str| Error::Decode {
        path: format!("{}.{field}", envelope.error),
        message: message.to_owned(),
        body: secrets.excerpt(body),
    };
    let Some(code) = found.error.get(envelope.code).and_then(Value::as_i64) else {
        return malformed(envelope.code, "error envelope without an integer error code");
    };
    let Some(message) = found.error.get(envelope.message).and_then(Value::as_str) else {
        return malformed(envelope.message, "error envelope without a message string");
    };
    // The list only adds detail: entries that do not fit are skipped, not fatal.
    let errors = match found.list {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| {
                let code = item.get(envelope.code)?.as_i64()?;
                let message = item.get(envelope.message).and_then(Value::as_str).unwrap_or_default();
                Some(ApiErrorDetail { code, message: secrets.message(message) })
            })
            .take(MAX_DETAILS)
            .collect(),
        _ => Vec::new(),
    };
    Error::Api { code: ErrorCode::lookup(code, config), message: secrets.message(message), errors, status }
}

#[cfg(test)]
mod tests;
