//! The one error type of the client, and how a reply body becomes an error.

use std::fmt;
use std::hash::{Hash, Hasher};

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use super::config::{ApiConfig, ErrorEnvelope, KnownCode};

/// Longest body excerpt kept in an error, in characters.
const EXCERPT_CHARS: usize = 512;

/// Everything that can go wrong with a call.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The API reported a failure in its error envelope (whatever the HTTP status).
    Api {
        /// Numeric error code, with its documented name when known.
        code: ErrorCode,
        /// Message sent by the server.
        message: String,
        /// Further errors listed by the server, if any.
        errors: Vec<ApiErrorDetail>,
        /// HTTP status of the reply.
        status: reqwest::StatusCode,
    },
    /// A non-success HTTP status without an error envelope (redirects included).
    Http {
        /// HTTP status of the reply.
        status: reqwest::StatusCode,
        /// Start of the reply body (at most 512 characters).
        body: String,
    },
    /// A non-success HTTP status whose body the operation documents, decoded into the
    /// operation's error type (`<Operation>Error::from_error(&error)` gets it back).
    Status {
        /// HTTP status of the reply.
        status: reqwest::StatusCode,
        /// The decoded error reply.
        error: Box<dyn ErrorBody>,
        /// Start of the reply body (at most 512 characters).
        body: String,
    },
    /// A reply body that does not have the expected shape.
    Decode {
        /// JSON path of the failure, e.g. `result[0].created` (`.` for the whole body).
        path: String,
        /// What was wrong there.
        message: String,
        /// Start of the reply body (at most 512 characters).
        body: String,
    },
    /// The request could not be sent or the reply could not be read.
    Transport {
        /// What failed, including the underlying causes.
        message: String,
        /// The underlying error (its URL removed, as it may carry credentials).
        source: reqwest::Error,
    },
    /// The call took longer than the configured timeout.
    Timeout,
    /// Credentials are missing, unreadable or invalid, or a token could not be signed.
    Auth {
        /// What is wrong (never contains a key or token).
        message: String,
    },
    /// The request or the client configuration is invalid; nothing was sent.
    InvalidRequest {
        /// What is wrong.
        message: String,
    },
}

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

impl Error {
    /// The numeric API error code, for [`Error::Api`] only.
    pub fn code(&self) -> Option<i64> {
        match self {
            Self::Api { code, .. } => Some(code.value()),
            _ => None,
        }
    }

    /// Whether repeating the call may succeed: transport failures, timeouts, HTTP 5xx and 429,
    /// and API codes documented as transient.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport { .. } | Self::Timeout => true,
            Self::Http { status, .. } | Self::Status { status, .. } => {
                status.is_server_error() || *status == reqwest::StatusCode::TOO_MANY_REQUESTS
            }
            Self::Api { code, .. } => code.is_retryable(),
            Self::Decode { .. } | Self::Auth { .. } | Self::InvalidRequest { .. } => false,
        }
    }

    /// Wraps a reqwest failure, dropping its URL (query strings may carry credentials).
    pub(super) fn from_reqwest(error: reqwest::Error) -> Self {
        let error = error.without_url();
        if error.is_timeout() {
            return Self::Timeout;
        }
        if error.is_builder() {
            return Self::InvalidRequest { message: chain(&error) };
        }
        Self::Transport { message: chain(&error), source: error }
    }

    pub(super) fn invalid(message: impl Into<String>) -> Self {
        Self::InvalidRequest { message: message.into() }
    }

    pub(super) fn auth(message: impl Into<String>) -> Self {
        Self::Auth { message: message.into() }
    }
}

/// An error and its causes on one line: "error sending request: connection refused".
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        let next = inner.to_string();
        if !text.ends_with(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        cause = inner.source();
    }
    text
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api { code, message, .. } => write!(f, "code {code}: {message}"),
            Self::Http { status, body } if body.is_empty() => write!(f, "HTTP status {status}"),
            Self::Http { status, body } => write!(f, "HTTP status {status}: {body}"),
            Self::Status { status, error, .. } => write!(f, "HTTP status {status}: {error:?}"),
            Self::Decode { path, message, .. } => {
                write!(f, "cannot decode the reply at `{path}`: {message}")
            }
            Self::Transport { message, .. } => write!(f, "transport error: {message}"),
            Self::Timeout => f.write_str("the call timed out"),
            Self::Auth { message } => write!(f, "authentication error: {message}"),
            Self::InvalidRequest { message } => write!(f, "invalid request: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// What to hide in reply excerpts: the caller's own credentials, and the string values of
/// keys the spec marks as secret (a reply may carry other accounts' keys).
#[derive(Default)]
pub(super) struct Secrets<'a> {
    pub(super) values: Vec<&'a str>,
    pub(super) fields: &'static [&'static str],
}

/// Replaces the string value after every `"field":` with `<redacted>` (tolerating cut or
/// malformed JSON: an unterminated value is redacted to the end).
fn redact_field(text: &str, field: &str) -> String {
    let key = format!("\"{field}\"");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(found) = rest.find(&key) {
        let (before, after) = rest.split_at(found + key.len());
        out.push_str(before);
        let trimmed = after.trim_start();
        let Some(value) = trimmed.strip_prefix(':').map(str::trim_start).filter(|v| v.starts_with('"')) else {
            rest = after;
            continue;
        };
        out.push_str(&after[..after.len() - value.len()]);
        let mut escaped = false;
        let end = value
            .char_indices()
            .skip(1)
            .find(|&(_, c)| {
                let closes = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                closes
            })
            .map(|(i, _)| i + 1);
        out.push_str("\"<redacted>\"");
        rest = end.map_or("", |end| &value[end..]);
    }
    out.push_str(rest);
    out
}

/// The start of a reply body for an error message: lossy UTF-8, each secret replaced by
/// `<redacted>`, at most 512 characters (ending in `…` when cut).
pub(super) fn excerpt(body: &[u8], secrets: &Secrets<'_>) -> String {
    // Secrets are redacted before cutting, so a cut can never leave part of one behind.
    // Only a prefix is decoded: 4096 bytes always hold more than 512 characters.
    let prefix = body.get(..4096).unwrap_or(body);
    let mut text = String::from_utf8_lossy(prefix).into_owned();
    for secret in secrets.values.iter().filter(|secret| !secret.is_empty()) {
        text = text.replace(secret, "<redacted>");
    }
    for field in secrets.fields {
        text = redact_field(&text, field);
    }
    if text.chars().count() <= EXCERPT_CHARS && prefix.len() == body.len() {
        return text;
    }
    let mut cut: String = text.chars().take(EXCERPT_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Decodes a success body as `T`, reporting the JSON path of any failure.
pub(super) fn decode<T: serde::de::DeserializeOwned>(body: &[u8], secrets: &Secrets<'_>) -> Result<T, Error> {
    let failed = |path: String, message: String| Error::Decode { path, message, body: excerpt(body, secrets) };
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| failed(path_text(error.path()), error.inner().to_string()))?;
    // Trailing bytes after the JSON value mean a corrupted reply.
    deserializer.end().map_err(|error| failed(".".to_owned(), error.to_string()))?;
    Ok(value)
}

/// The path as `result[0].price`, without the private key serde_json uses for exact numbers
/// (`arbitrary_precision`), which shows up when a decimal fails to decode.
fn path_text(path: &serde_path_to_error::Path) -> String {
    const NUMBER_TOKEN: &str = "$serde_json::private::Number";
    let text = path.to_string();
    match text.strip_suffix(NUMBER_TOKEN) {
        Some("") => ".".to_owned(),
        Some(parent) => parent.trim_end_matches('.').to_owned(),
        None => text,
    }
}

/// Turns a reply into an error when it is one: an error envelope (in any status) or a
/// non-success status. `None` means the body should be decoded as a success.
pub(super) fn reply_error(
    config: &ApiConfig,
    status: reqwest::StatusCode,
    body: &[u8],
    secrets: &Secrets<'_>,
    decoder: Option<ErrorDecoder>,
) -> Option<Error> {
    if let Some(envelope) = &config.envelope
        && let Some(found) = probe_envelope(envelope, body)
    {
        return Some(api_error(config, envelope, found, status, body, secrets));
    }
    if status.is_success() {
        return None;
    }
    if let Some(error) = decoder.and_then(|decode| decode(status, body)) {
        return Some(Error::Status { status, error, body: excerpt(body, secrets) });
    }
    Some(Error::Http { status, body: excerpt(body, secrets) })
}

/// Decodes a non-success reply into an operation's documented error type, if it is one.
pub type ErrorDecoder = fn(reqwest::StatusCode, &[u8]) -> Option<Box<dyn ErrorBody>>;

/// An operation's documented error reply, kept inside [`Error::Status`]. Implemented by each
/// generated `<Operation>Error` (not blanket-implemented: a `Box<dyn ErrorBody>` must not be one).
pub trait ErrorBody: fmt::Debug + Send + Sync + 'static {
    /// The value as `Any`, to get the operation's error type back.
    fn as_any(&self) -> &dyn std::any::Any;
}

/// The error object and error list of an envelope reply.
struct Found {
    error: Value,
    list: Option<Value>,
}

/// Looks for the envelope's error key in a JSON object body, skipping every other value
/// without building it. Non-JSON and non-object bodies are not envelopes.
fn probe_envelope(envelope: &ErrorEnvelope, body: &[u8]) -> Option<Found> {
    struct Probe<'a>(&'a ErrorEnvelope);

    impl<'de> Visitor<'de> for Probe<'_> {
        type Value = Option<Found>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut error = None;
            let mut list = None;
            while let Some(key) = map.next_key::<String>()? {
                if key == self.0.error {
                    error = Some(map.next_value::<Value>()?);
                } else if self.0.list == Some(key.as_str()) {
                    list = Some(map.next_value::<Value>()?);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            // `"error": null` next to a result is not a failure.
            Ok(error.filter(|error| !error.is_null()).map(|error| Found { error, list }))
        }
    }

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
        body: excerpt(body, secrets),
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
                Some(ApiErrorDetail { code, message: message.to_owned() })
            })
            .collect(),
        _ => Vec::new(),
    };
    Error::Api { code: ErrorCode::lookup(code, config), message: message.to_owned(), errors, status }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::StatusCode;
    use serde::Deserialize;

    #[derive(Debug, PartialEq)]
    struct NotFound(String);

    impl ErrorBody for NotFound {
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    fn not_found(status: StatusCode, body: &[u8]) -> Option<Box<dyn ErrorBody>> {
        (status == StatusCode::NOT_FOUND).then(|| Box::new(NotFound(String::from_utf8_lossy(body).into_owned())) as _)
    }

    #[test]
    fn documented_error_replies_decode_into_the_operation_type() {
        let error = reply_error(&PLAIN, StatusCode::NOT_FOUND, b"gone", &Secrets::default(), Some(not_found));
        match error {
            Some(Error::Status { status, error, body }) => {
                assert_eq!(status, StatusCode::NOT_FOUND);
                assert_eq!(error.as_any().downcast_ref::<NotFound>(), Some(&NotFound("gone".into())));
                assert_eq!(body, "gone");
            }
            other => panic!("expected Error::Status, got {other:?}"),
        }
        // Undocumented statuses stay plain HTTP errors; success is not an error.
        let other = reply_error(&PLAIN, StatusCode::BAD_GATEWAY, b"x", &Secrets::default(), Some(not_found));
        assert!(matches!(other, Some(Error::Http { .. })));
        assert!(reply_error(&PLAIN, StatusCode::OK, b"{}", &Secrets::default(), Some(not_found)).is_none());
    }

    static CODES: [KnownCode; 2] = [
        KnownCode { code: 100, name: "AUTHORIZATION_FAILED", message: "Authorization failed", retryable: false },
        KnownCode { code: 340, name: "RATE_LIMIT_EXCEED", message: "Rate limit exceed", retryable: true },
    ];

    static ENVELOPED: ApiConfig = ApiConfig {
        crate_name: "x",
        crate_version: "0",
        default_base_url: "https://example.invalid",
        envelope: Some(ErrorEnvelope { error: "error", code: "code", message: "msg", list: Some("errors") }),
        error_codes: &CODES,
        credentials_env: None,
        secret_fields: &[],
    };

    static PLAIN: ApiConfig = ApiConfig {
        crate_name: "x",
        crate_version: "0",
        default_base_url: "https://example.invalid",
        envelope: None,
        error_codes: &[],
        credentials_env: None,
        secret_fields: &[],
    };

    // What a generated constant looks like.
    const RATE_LIMIT_EXCEED: ErrorCode = ErrorCode::known(&KnownCode {
        code: 340,
        name: "RATE_LIMIT_EXCEED",
        message: "Rate limit exceed",
        retryable: true,
    });

    #[test]
    fn envelope_in_a_2xx_reply_is_an_api_error() {
        let body = br#"{"error":{"msg":"Slow down","code":340},"errors":[{"msg":"Slow down","code":340},{"code":"x"},{"code":7}]}"#;
        let error = reply_error(&ENVELOPED, StatusCode::OK, body, &Secrets::default(), None).expect("an error");
        let Error::Api { code, message, errors, status } = &error else { panic!("{error:?}") };
        assert_eq!(*code, RATE_LIMIT_EXCEED);
        assert_eq!(*code, ErrorCode::new(340));
        assert_eq!(code.name(), Some("RATE_LIMIT_EXCEED"));
        assert_eq!(message, "Slow down");
        assert_eq!(*status, StatusCode::OK);
        assert_eq!(
            errors,
            &[
                ApiErrorDetail { code: 340, message: "Slow down".into() },
                ApiErrorDetail { code: 7, message: String::new() },
            ]
        );
        assert_eq!(error.code(), Some(340));
        assert!(error.is_retryable());
        assert_eq!(error.to_string(), "code 340 (RATE_LIMIT_EXCEED): Slow down");
    }

    #[test]
    fn envelope_in_a_non_2xx_reply_and_unknown_codes() {
        let body = br#"{"error":{"code":9999,"msg":"new"}}"#;
        let error = reply_error(&ENVELOPED, StatusCode::BAD_REQUEST, body, &Secrets::default(), None).expect("an error");
        assert_eq!(error.to_string(), "code 9999: new");
        assert_eq!(error.code(), Some(9999));
        assert!(!error.is_retryable());
        let Error::Api { errors, status, .. } = error else { panic!() };
        assert!(errors.is_empty());
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }

    #[test]
    fn success_replies_are_not_errors() {
        for body in [&br#"{"result":1}"#[..], br#"{"result":[],"error":null}"#, b"[1,2]", b"", b"not json"] {
            assert!(reply_error(&ENVELOPED, StatusCode::OK, body, &Secrets::default(), None).is_none());
        }
        // Without an envelope the `error` key means nothing.
        assert!(reply_error(&PLAIN, StatusCode::OK, br#"{"error":{"code":1,"msg":"x"}}"#, &Secrets::default(), None).is_none());
    }

    #[test]
    fn malformed_envelopes_are_decode_errors() {
        let cases: [(&[u8], &str); 4] = [
            (br#"{"error":{"msg":"no code"}}"#, "error.code"),
            (br#"{"error":{"code":"340","msg":"text code"}}"#, "error.code"),
            (br#"{"error":{"code":340.5,"msg":"fractional"}}"#, "error.code"),
            (br#"{"error":{"code":340}}"#, "error.msg"),
        ];
        for (body, expected) in cases {
            match reply_error(&ENVELOPED, StatusCode::OK, body, &Secrets::default(), None) {
                Some(Error::Decode { path, body: excerpt, .. }) => {
                    assert_eq!(path, expected);
                    assert_eq!(excerpt.as_bytes(), body);
                }
                other => panic!("{other:?}"),
            }
        }
        // Not an object at all.
        let error = reply_error(&ENVELOPED, StatusCode::OK, br#"{"error":"boom"}"#, &Secrets::default(), None);
        assert!(matches!(error, Some(Error::Decode { .. })), "{error:?}");
    }

    #[test]
    fn non_2xx_without_envelope_is_http() {
        let error =
            reply_error(&ENVELOPED, StatusCode::BAD_GATEWAY, b"<html>bad gateway</html>", &Secrets::default(), None).expect("an error");
        assert!(error.is_retryable());
        assert_eq!(error.to_string(), "HTTP status 502 Bad Gateway: <html>bad gateway</html>");
        let error = reply_error(&PLAIN, StatusCode::TOO_MANY_REQUESTS, b"", &Secrets::default(), None).expect("an error");
        assert!(error.is_retryable());
        let error = reply_error(&PLAIN, StatusCode::FOUND, b"", &Secrets::default(), None).expect("an error");
        assert!(!error.is_retryable());
        let error = reply_error(&PLAIN, StatusCode::NOT_FOUND, b"", &Secrets::default(), None).expect("an error");
        assert!(!error.is_retryable());
        assert_eq!(error.code(), None);
    }

    #[derive(Debug, Deserialize)]
    struct Reply {
        result: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    struct Item {
        id: i64,
    }

    #[test]
    fn decode_errors_carry_the_json_path() {
        let cases: [(&[u8], &str); 5] = [
            (br#"{"result":[{"id":1},{"id":"two"}]}"#, "result[1].id"),
            (br#"{"result":[{"id":1},{"name":"x"}]}"#, "result[1]"),
            (br#"{"result":[{"id":1}"#, "result"),
            (b"", "."),
            (b"<html>oops</html>", "."),
        ];
        for (body, expected) in cases {
            match decode::<Reply>(body, &Secrets::default()) {
                Err(Error::Decode { path, .. }) => assert_eq!(path, expected, "{:?}", String::from_utf8_lossy(body)),
                other => panic!("{other:?}"),
            }
        }
        let error = decode::<Reply>(br#"{"result":[]} trailing"#, &Secrets::default());
        assert!(matches!(error, Err(Error::Decode { .. })), "{error:?}");
        let reply = decode::<Reply>(br#"{"result":[{"id":1,"extra":true}],"more":1}"#, &Secrets::default()).expect("decodes");
        assert_eq!(reply.result.first().map(|item| item.id), Some(1));
    }

    #[test]
    fn excerpts_are_short_cut_on_char_boundaries_and_redacted() {
        let long = "é".repeat(3000);
        let cut = excerpt(long.as_bytes(), &Secrets::default());
        assert_eq!(cut.chars().count(), 512);
        assert!(cut.ends_with('…'));
        assert!(cut.starts_with("éé"));

        let exact = "ü".repeat(512);
        assert_eq!(excerpt(exact.as_bytes(), &Secrets::default()), exact);

        let invalid = [b'a', 0xff, b'b'];
        assert_eq!(excerpt(&invalid, &Secrets::default()), "a\u{fffd}b");

        let body = br#"{"result":{"api_key":"secret-key-123"}}"#;
        let text = excerpt(body, &Secrets { values: vec!["secret-key-123", ""], fields: &[] });
        assert_eq!(text, r#"{"result":{"api_key":"<redacted>"}}"#);
        let fields = Secrets { values: Vec::new(), fields: &["api_key"] };
        let body = br#"[{"api_key" : "a\"b", "x":1},{"api_key":"cut-off"#;
        assert_eq!(excerpt(body, &fields), r#"[{"api_key" : "<redacted>", "x":1},{"api_key":"<redacted>""#);
        assert_eq!(excerpt(br#"{"api_key":7}"#, &fields), r#"{"api_key":7}"#);
    }

    #[test]
    fn error_codes_compare_by_number_only() {
        use std::collections::HashSet;
        let set: HashSet<ErrorCode> = [RATE_LIMIT_EXCEED, ErrorCode::new(340)].into_iter().collect();
        assert_eq!(set.len(), 1);
        assert_eq!(format!("{:?}", ErrorCode::new(7)), "ErrorCode(7)");
        assert_eq!(format!("{RATE_LIMIT_EXCEED:?}"), "ErrorCode(340 (RATE_LIMIT_EXCEED))");
        assert!(RATE_LIMIT_EXCEED.is_retryable());
        assert!(!ErrorCode::new(340).is_retryable());
        assert_eq!(RATE_LIMIT_EXCEED.value(), 340);
    }
}
