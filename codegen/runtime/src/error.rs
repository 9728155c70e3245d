//! The one error type of the client, and how a reply body becomes an error.

use std::fmt;
use std::time::Duration;

#[cfg(feature = "envelope")]
pub use super::envelope::{ApiErrorDetail, ErrorCode};

use super::config::ApiConfig;
use super::redact::Secrets;

/// Everything that can go wrong with a call.
///
/// Texts that come from outside (messages, body excerpts) are redacted (no credential of the
/// client and no value of a secret field) and at most 512 characters long.
#[non_exhaustive]
pub enum Error {
    /// The API reported a failure in its error envelope (whatever the HTTP status).
    #[cfg(feature = "envelope")]
    Api {
        /// Numeric error code, with its documented name when known.
        code: ErrorCode,
        /// Message sent by the server.
        message: String,
        /// Further errors listed by the server, if any (at most 32).
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
        /// The decoded error reply (not shown by `Display` or `Debug`: it may echo secrets).
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
    /// The reply body is longer than the client's limit (`ClientBuilder::max_reply_bytes`);
    /// reading stopped there.
    ReplyTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A paged stream stopped because the server misbehaved or a limit was reached.
    #[cfg(feature = "paging")]
    Paging {
        /// What happened.
        problem: super::paging::PagingProblem,
    },
    /// The request could not be sent or the reply could not be read.
    Transport {
        /// What failed, including the underlying causes.
        message: String,
        /// The underlying error (its URL removed, as it may carry credentials).
        source: reqwest::Error,
    },
    /// One attempt took longer than the configured timeout.
    Timeout,
    /// The call, retries included, took longer than its total deadline
    /// (`ClientBuilder::deadline`).
    Deadline {
        /// The deadline.
        deadline: Duration,
    },
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

impl Error {
    /// The numeric API error code, for `Error::Api` only.
    pub fn code(&self) -> Option<i64> {
        #[cfg(feature = "envelope")]
        if let Self::Api { code, .. } = self {
            return Some(code.value());
        }
        None
    }

    /// The HTTP status of the reply, when there was one.
    pub fn status(&self) -> Option<reqwest::StatusCode> {
        match self {
            #[cfg(feature = "envelope")]
            Self::Api { status, .. } => Some(*status),
            Self::Http { status, .. } | Self::Status { status, .. } => Some(*status),
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
            #[cfg(feature = "envelope")]
            Self::Api { code, .. } => code.is_retryable(),
            _ => false,
        }
    }

    /// Wraps a reqwest failure, dropping its URL (query strings may carry credentials) and
    /// redacting its text.
    pub(super) fn from_reqwest(error: reqwest::Error, secrets: &Secrets<'_>) -> Self {
        let error = error.without_url();
        if error.is_timeout() {
            return Self::Timeout;
        }
        let message = secrets.message(&chain(&error));
        if error.is_builder() {
            return Self::InvalidRequest { message };
        }
        Self::Transport { message, source: error }
    }

    pub(super) fn invalid(message: impl Into<String>) -> Self {
        Self::InvalidRequest { message: message.into() }
    }

    #[cfg(feature = "service-account")]
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
            #[cfg(feature = "envelope")]
            Self::Api { code, message, .. } => write!(f, "code {code}: {message}"),
            Self::Http { status, body } | Self::Status { status, body, .. } if body.is_empty() => {
                write!(f, "HTTP status {status}")
            }
            Self::Http { status, body } | Self::Status { status, body, .. } => {
                write!(f, "HTTP status {status}: {body}")
            }
            Self::Decode { path, message, .. } => write!(f, "cannot decode the reply at `{path}`: {message}"),
            Self::ReplyTooLarge { limit } => write!(f, "the reply is longer than the limit of {limit} bytes"),
            #[cfg(feature = "paging")]
            Self::Paging { problem } => write!(f, "paging stopped: {problem}"),
            Self::Transport { message, .. } => write!(f, "transport error: {message}"),
            Self::Timeout => f.write_str("the call timed out"),
            Self::Deadline { deadline } => write!(f, "the call did not succeed within its deadline of {deadline:?}"),
            Self::Auth { message } => write!(f, "authentication error: {message}"),
            Self::InvalidRequest { message } => write!(f, "invalid request: {message}"),
        }
    }
}

/// Like a derived `Debug`, except that the decoded body of `Error::Status` is left out (it may
/// echo a secret; its redacted excerpt is shown instead).
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            #[cfg(feature = "envelope")]
            Self::Api { code, message, errors, status } => f
                .debug_struct("Api")
                .field("code", code)
                .field("message", message)
                .field("errors", errors)
                .field("status", status)
                .finish(),
            Self::Http { status, body } => f.debug_struct("Http").field("status", status).field("body", body).finish(),
            Self::Status { status, body, .. } => {
                f.debug_struct("Status").field("status", status).field("body", body).finish_non_exhaustive()
            }
            Self::Decode { path, message, body } => {
                f.debug_struct("Decode").field("path", path).field("message", message).field("body", body).finish()
            }
            Self::ReplyTooLarge { limit } => f.debug_struct("ReplyTooLarge").field("limit", limit).finish(),
            #[cfg(feature = "paging")]
            Self::Paging { problem } => f.debug_struct("Paging").field("problem", problem).finish(),
            Self::Transport { message, .. } => {
                f.debug_struct("Transport").field("message", message).finish_non_exhaustive()
            }
            Self::Timeout => f.write_str("Timeout"),
            Self::Deadline { deadline } => f.debug_struct("Deadline").field("deadline", deadline).finish(),
            Self::Auth { message } => f.debug_struct("Auth").field("message", message).finish(),
            Self::InvalidRequest { message } => f.debug_struct("InvalidRequest").field("message", message).finish(),
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

/// Decodes a success body as `T`. The fast path is a plain serde_json decode; only when it
/// fails is the body decoded again, tracking the JSON path, to say where.
pub(super) fn decode<T: serde::de::DeserializeOwned>(body: &[u8], secrets: &Secrets<'_>) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|error| decode_error::<T>(body, error, secrets))
}

/// The error of a failed decode, with the JSON path found by decoding again. Generic only so
/// that the second decode follows the same type; kept out of line, off the happy path.
#[inline(never)]
fn decode_error<T: serde::de::DeserializeOwned>(body: &[u8], first: serde_json::Error, secrets: &Secrets<'_>) -> Error {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let (path, message) = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(error) => (path_text(error.path()), error.inner().to_string()),
        // Only trailing bytes after a valid value are left to fail.
        Ok(_) => (".".to_owned(), first.to_string()),
    };
    Error::Decode { path, message: secrets.message(&message), body: secrets.excerpt(body) }
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
    #[cfg(feature = "envelope")]
    if let Some(error) = super::envelope::envelope_error(config, status, body, secrets) {
        return Some(error);
    }
    #[cfg(not(feature = "envelope"))]
    let _ = config;
    if status.is_success() {
        return None;
    }
    if let Some(error) = decoder.and_then(|decode| decode(status, body)) {
        return Some(Error::Status { status, error, body: secrets.excerpt(body) });
    }
    Some(Error::Http { status, body: secrets.excerpt(body) })
}

/// Decodes a non-success reply into an operation's documented error type, if it is one.
pub type ErrorDecoder = fn(reqwest::StatusCode, &[u8]) -> Option<Box<dyn ErrorBody>>;

/// An operation's documented error reply, kept inside [`Error::Status`]. Implemented by each
/// generated `<Operation>Error` (not blanket-implemented: a `Box<dyn ErrorBody>` must not be one).
pub trait ErrorBody: fmt::Debug + Send + Sync + 'static {
    /// The value as `Any`, to get the operation's error type back.
    fn as_any(&self) -> &dyn std::any::Any;
}

#[cfg(test)]
mod tests;
