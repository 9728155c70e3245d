//! One operation call as the generated code describes it, before auth and transport.

use std::borrow::Cow;
use std::fmt;

/// A request to send: operation name, method, path and encoded parameters.
pub struct Call {
    pub(super) operation: &'static str,
    pub(super) method: reqwest::Method,
    pub(super) path: String,
    pub(super) query: Vec<(Cow<'static, str>, String)>,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) cookies: Vec<(&'static str, String)>,
    pub(super) form: Vec<(Cow<'static, str>, String)>,
    pub(super) json: Option<serde_json::Value>,
    pub(super) raw: Option<(&'static str, Vec<u8>)>,
    pub(super) multipart: Vec<(Cow<'static, str>, Part)>,
    pub(super) errors: Option<super::error::ErrorDecoder>,
    pub(super) idempotent: bool,
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
            multipart: Vec::new(),
            errors: None,
            idempotent: false,
        }
    }

    /// Adds a query-string parameter (names are built at run time for object parameters).
    pub fn query(mut self, name: impl Into<Cow<'static, str>>, value: String) -> Self {
        self.query.push((name.into(), value));
        self
    }

    /// Adds a request header.
    pub fn header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Adds a cookie (sent together with the others in one `Cookie` header).
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
    pub fn multipart_text(mut self, name: impl Into<Cow<'static, str>>, value: String) -> Self {
        self.multipart.push((name.into(), Part::Text(value)));
        self
    }

    /// Adds a file (bytes) field to a `multipart/form-data` body.
    pub fn multipart_file(mut self, name: impl Into<Cow<'static, str>>, bytes: Vec<u8>) -> Self {
        self.multipart.push((name.into(), Part::File(bytes)));
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

    /// Whether a query or form parameter of this name is already set.
    pub(super) fn has_param(&self, name: &str) -> bool {
        self.query.iter().chain(&self.form).any(|(param, _)| param == name)
    }

    /// Whether extra parameters may go in a form body: the call sends one, or sends no body
    /// on a method that takes one. Credentials in a body stay out of URLs and access logs.
    pub(super) fn accepts_form(&self) -> bool {
        use reqwest::Method;
        !self.form.is_empty()
            || (self.json.is_none()
                && self.raw.is_none()
                && self.multipart.is_empty()
                && matches!(self.method, Method::POST | Method::PUT | Method::PATCH))
    }
}

/// One field of a multipart body.
pub(super) enum Part {
    Text(String),
    File(Vec<u8>),
}

impl Call {
    /// The multipart body, built afresh for every attempt (a form cannot be cloned).
    pub(super) fn multipart_form(&self) -> Option<reqwest::multipart::Form> {
        if self.multipart.is_empty() {
            return None;
        }
        let form = self.multipart.iter().fold(reqwest::multipart::Form::new(), |form, (name, part)| match part {
            Part::Text(text) => form.text(name.to_string(), text.clone()),
            Part::File(bytes) => {
                form.part(name.to_string(), reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.to_string()))
            }
        });
        Some(form)
    }
}

/// Shows parameter names only: values may be passwords or personal data.
impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn names<N: AsRef<str>>(params: &[(N, String)]) -> Vec<&str> {
            params.iter().map(|(name, _)| name.as_ref()).collect()
        }
        f.debug_struct("Call")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &names(&self.query))
            .field("headers", &names(&self.headers))
            .field("cookies", &names(&self.cookies))
            .field("form", &names(&self.form))
            .field("json", &self.json.is_some())
            .field("raw", &self.raw.as_ref().map(|(content_type, _)| content_type))
            .field("multipart", &self.multipart.iter().map(|(name, _)| name.as_ref()).collect::<Vec<_>>())
            .field("idempotent", &self.idempotent)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::Method;

    #[test]
    fn debug_shows_names_not_values() {
        let call = Call::new("SetAccountInfo", Method::POST, "/platform_api/SetAccountInfo".into())
            .form("new_account_password", "hunter2".into())
            .query("q", "visible?".into());
        let shown = format!("{call:?}");
        assert!(shown.contains("new_account_password"));
        assert!(!shown.contains("hunter2") && !shown.contains("visible?"));
    }

    #[test]
    fn form_placement() {
        let post = Call::new("Op", Method::POST, "/x".into());
        assert!(post.accepts_form());
        assert!(!Call::new("Op", Method::GET, "/x".into()).accepts_form());
        assert!(!Call::new("Op", Method::POST, "/x".into()).json(serde_json::json!({})).accepts_form());
        assert!(post.form("a", "1".into()).has_param("a"));
    }
}
