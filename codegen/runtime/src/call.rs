//! One operation call as the generated code describes it, before auth and transport, and the
//! per-request options a user can add to it.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use super::retry::RetryPolicy;

/// A request to send: operation name, method, path and encoded parameters.
pub struct Call {
    pub(super) operation: &'static str,
    pub(super) method: reqwest::Method,
    pub(super) path: String,
    pub(super) query: Vec<(Cow<'static, str>, String)>,
    pub(super) headers: Vec<(Cow<'static, str>, String)>,
    pub(super) cookies: Vec<(&'static str, String)>,
    pub(super) form: Vec<(Cow<'static, str>, String)>,
    pub(super) json: Option<serde_json::Value>,
    pub(super) raw: Option<(&'static str, Vec<u8>)>,
    #[cfg(feature = "multipart")]
    pub(super) multipart: Vec<(Cow<'static, str>, Part)>,
    pub(super) errors: Option<super::error::ErrorDecoder>,
    pub(super) idempotent: bool,
    pub(super) timeout: Option<Duration>,
    pub(super) retry: Option<RetryPolicy>,
}

impl Call {
    /// A call of `operation` (used in logs and errors) to `path`, relative to the base URL and
    /// starting with `/`, with path parameters already encoded by `wire::path_segment`.
    pub fn new(operation: &'static str, method: reqwest::Method, path: String) -> Self {
        Self {
            operation,
            method,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            form: Vec::new(),
            json: None,
            raw: None,
            #[cfg(feature = "multipart")]
            multipart: Vec::new(),
            errors: None,
            idempotent: false,
            timeout: None,
            retry: None,
        }
    }

    /// Adds a query-string parameter (names are built at run time for object parameters).
    pub fn query(mut self, name: impl Into<Cow<'static, str>>, value: String) -> Self {
        self.query.push((name.into(), value));
        self
    }

    /// Adds a request header.
    pub fn header(mut self, name: impl Into<Cow<'static, str>>, value: String) -> Self {
        self.headers.push((name.into(), value));
        self
    }

    /// Adds a cookie (sent with the others in one `Cookie` header).
    pub fn cookie(mut self, name: &'static str, value: String) -> Self {
        self.cookies.push((name, value));
        self
    }

    /// Adds an `application/x-www-form-urlencoded` body field.
    pub fn form(mut self, name: impl Into<Cow<'static, str>>, value: String) -> Self {
        self.form.push((name.into(), value));
        self
    }

    /// Sets a JSON body.
    pub fn json(mut self, body: serde_json::Value) -> Self {
        self.json = Some(body);
        self
    }

    /// Sets a body sent as is, with its media type (e.g. `application/octet-stream`).
    pub fn raw(mut self, content_type: &'static str, body: Vec<u8>) -> Self {
        self.raw = Some((content_type, body));
        self
    }

    /// Adds a text field to a `multipart/form-data` body.
    #[cfg(feature = "multipart")]
    pub fn multipart_text(mut self, name: impl Into<Cow<'static, str>>, value: String) -> Self {
        self.multipart.push((name.into(), Part::Text(value)));
        self
    }

    /// Adds a file field to a `multipart/form-data` body.
    #[cfg(feature = "multipart")]
    pub fn multipart_file(mut self, name: impl Into<Cow<'static, str>>, file: FilePart) -> Self {
        self.multipart.push((name.into(), Part::File(file)));
        self
    }

    /// Decodes the operation's documented error replies (see [`super::error::Error::Status`]).
    pub fn errors(mut self, decoder: super::error::ErrorDecoder) -> Self {
        self.errors = Some(decoder);
        self
    }

    /// Marks the call as safe to repeat, which makes it retried by default.
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = idempotent;
        self
    }

    /// Adds what the user asked for with `RequestOptions` (see there). Call it last, after the
    /// operation's own parameters, so that extra parameters go where those went.
    pub fn options(mut self, options: RequestOptions) -> Self {
        let in_form = self.accepts_form();
        for (name, value) in options.params {
            match in_form {
                true => self.form.push((Cow::Owned(name), value)),
                false => self.query.push((Cow::Owned(name), value)),
            }
        }
        self.query.extend(options.query.into_iter().map(|(name, value)| (Cow::Owned(name), value)));
        self.headers.extend(options.headers.into_iter().map(|(name, value)| (Cow::Owned(name), value)));
        self.timeout = options.timeout.or(self.timeout);
        self.retry = options.retry.or(self.retry);
        self
    }

    /// Whether a query or form parameter of this name is already set.
    pub(super) fn has_param(&self, name: &str) -> bool {
        self.query.iter().chain(&self.form).any(|(param, _)| param == name)
    }

    /// How many kinds of body the call sets (more than one is refused when sending).
    pub(super) fn bodies(&self) -> usize {
        let mut bodies = usize::from(self.json.is_some()) + usize::from(self.raw.is_some());
        bodies += usize::from(!self.form.is_empty());
        #[cfg(feature = "multipart")]
        {
            bodies += usize::from(!self.multipart.is_empty());
        }
        bodies
    }

    /// Whether extra parameters may go in a form body: the call sends one, or sends no body
    /// on a method that takes one. Credentials in a body stay out of URLs and access logs.
    pub(super) fn accepts_form(&self) -> bool {
        use reqwest::Method;
        !self.form.is_empty()
            || (self.bodies() == 0 && matches!(self.method, Method::POST | Method::PUT | Method::PATCH))
    }

    /// The multipart body, built afresh for every attempt (a form cannot be cloned).
    #[cfg(feature = "multipart")]
    pub(super) fn multipart_form(&self) -> Option<reqwest::multipart::Form> {
        if self.multipart.is_empty() {
            return None;
        }
        let form = self.multipart.iter().fold(reqwest::multipart::Form::new(), |form, (name, part)| match part {
            Part::Text(text) => form.text(name.to_string(), text.clone()),
            Part::File(file) => form.part(name.to_string(), file.part(name)),
        });
        Some(form)
    }
}

/// A file sent in a `multipart/form-data` body: its bytes, and the file name and media type
/// its part declares (servers often tell formats apart by them). Without a file name the
/// field's name is sent; without a media type, none.
#[cfg(feature = "multipart")]
#[derive(Clone, PartialEq, Eq, Default)]
pub struct FilePart {
    bytes: Vec<u8>,
    file_name: Option<String>,
    media_type: Option<String>,
}

#[cfg(feature = "multipart")]
impl FilePart {
    /// A file of these bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self { bytes: bytes.into(), file_name: None, media_type: None }
    }

    /// The file name the part declares (e.g. `speech.mp3`).
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// The media type the part declares (e.g. `audio/mpeg`).
    pub fn media_type(mut self, media_type: impl Into<String>) -> Self {
        self.media_type = Some(media_type.into());
        self
    }

    /// The part for the field `name`, built afresh for each attempt.
    fn part(&self, name: &str) -> reqwest::multipart::Part {
        let file_name = self.file_name.clone().unwrap_or_else(|| name.to_owned());
        let plain = || reqwest::multipart::Part::bytes(self.bytes.clone()).file_name(file_name.clone());
        let Some(media_type) = &self.media_type else { return plain() };
        plain().mime_str(media_type).unwrap_or_else(|_| {
            tracing::warn!(field = name, media_type = %media_type, "not a media type; the file is sent without one");
            plain()
        })
    }
}

// What `impl Into<Vec<u8>>` took before files had names still gives a file.
#[cfg(feature = "multipart")]
impl From<Vec<u8>> for FilePart {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

#[cfg(feature = "multipart")]
impl From<&[u8]> for FilePart {
    fn from(bytes: &[u8]) -> Self {
        Self::new(bytes)
    }
}

#[cfg(feature = "multipart")]
impl From<String> for FilePart {
    fn from(text: String) -> Self {
        Self::new(text)
    }
}

#[cfg(feature = "multipart")]
impl From<&str> for FilePart {
    fn from(text: &str) -> Self {
        Self::new(text)
    }
}

#[cfg(feature = "multipart")]
impl<const N: usize> From<[u8; N]> for FilePart {
    fn from(bytes: [u8; N]) -> Self {
        Self::new(bytes)
    }
}

#[cfg(feature = "multipart")]
impl<const N: usize> From<&[u8; N]> for FilePart {
    fn from(bytes: &[u8; N]) -> Self {
        Self::new(bytes.as_slice())
    }
}

/// The bytes are not shown, only their count.
#[cfg(feature = "multipart")]
impl std::fmt::Debug for FilePart {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("FilePart")
            .field("bytes", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("media_type", &self.media_type)
            .finish()
    }
}

/// One field of a multipart body.
#[cfg(feature = "multipart")]
pub(super) enum Part {
    Text(String),
    File(FilePart),
}

/// Shows parameter names only: values may be passwords or personal data.
impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Call");
        out.field("operation", &self.operation)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &names(&self.query))
            .field("headers", &names(&self.headers))
            .field("cookies", &names(&self.cookies))
            .field("form", &names(&self.form))
            .field("json", &self.json.is_some())
            .field("raw", &self.raw.as_ref().map(|(content_type, _)| content_type));
        #[cfg(feature = "multipart")]
        out.field("multipart", &names(&self.multipart));
        out.field("idempotent", &self.idempotent).finish_non_exhaustive()
    }
}

fn names<N: AsRef<str>, V>(params: &[(N, V)]) -> Vec<&str> {
    params.iter().map(|(name, _)| name.as_ref()).collect()
}

/// What a user adds to one request, for what the spec does not know yet or to override the
/// client's settings for this call:
///
/// ```ignore
/// let options = RequestOptions::new()
///     .param("new_filter", "1")           // where the operation sends its parameters
///     .query("trace", "on")               // always in the query string
///     .header("X-Request-Id", "abc-123")
///     .timeout(Duration::from_secs(5))
///     .retry(RetryPolicy::none());
/// client.get_account_info(GetAccountInfoRequest::new().with_options(options)).await?;
/// ```
///
/// `Debug` shows names only, as values may be secrets.
///
/// For the generated code: a request type keeps a `RequestOptions` (default: none) set by its
/// `with_options` method, and its `into_call` ends with `.options(self.options)`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RequestOptions {
    params: Vec<(String, String)>,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
}

impl RequestOptions {
    /// No options: the request as the spec describes it, with the client's settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// An extra parameter, sent where the operation sends its own: in the form body when it
    /// sends one, else in the query string.
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((name.into(), value.into()));
        self
    }

    /// An extra query-string parameter.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// An extra header (checked when sending: a bad name or value fails the call).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The limit for each attempt of this call, instead of the client's `timeout`.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The retry policy of this call, instead of the client's.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestOptions")
            .field("params", &names(&self.params))
            .field("query", &names(&self.query))
            .field("headers", &names(&self.headers))
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish()
    }
}

#[cfg(test)]
mod tests;
