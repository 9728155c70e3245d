//! What the generated code tells the runtime about its API: names, default host,
//! error envelope and known error codes. One `static ApiConfig` per generated crate.

/// Static description of the API, built by the generated code.
#[derive(Debug)]
pub struct ApiConfig {
    /// Package name of the generated crate (used in the default `User-Agent`).
    pub crate_name: &'static str,
    /// Package version of the generated crate (used in the default `User-Agent`).
    pub crate_version: &'static str,
    /// Host root that request paths are appended to, e.g. `https://api.example.com`.
    pub default_base_url: &'static str,
    /// Shape of the in-body error envelope; `None` means failures are status-based only.
    #[cfg(feature = "envelope")]
    pub envelope: Option<ErrorEnvelope>,
    /// Error codes documented by the API, sorted by `code`.
    #[cfg(feature = "envelope")]
    pub error_codes: &'static [KnownCode],
    /// Envelope codes that mean "the credentials were refused" (like HTTP 401): a service-account
    /// token is dropped and signed afresh once before such an error is returned.
    #[cfg(feature = "envelope")]
    pub auth_failure_codes: &'static [i64],
    /// Environment variable naming a service-account key file, used by `Auth::from_env()`.
    #[cfg(feature = "service-account")]
    pub credentials_env: Option<&'static str>,
    /// JSON keys and parameter names whose values are secrets (`format: password` in the spec):
    /// their values never appear in errors or logs.
    pub secret_fields: &'static [&'static str],
}

#[cfg(feature = "envelope")]
/// Key names of an error envelope such as `{"error":{"code":N,"msg":".."},"errors":[..]}`.
#[derive(Debug, Clone, Copy)]
pub struct ErrorEnvelope {
    /// Top-level key whose presence marks a failure (e.g. `error`).
    pub error: &'static str,
    /// Key of the integer code inside the error object (e.g. `code`).
    pub code: &'static str,
    /// Key of the message inside the error object (e.g. `msg`).
    pub message: &'static str,
    /// Optional top-level key of a list of error objects (e.g. `errors`).
    pub list: Option<&'static str>,
}

/// One documented error code.
#[cfg(feature = "envelope")]
#[derive(Debug)]
pub struct KnownCode {
    /// Numeric code as sent on the wire.
    pub code: i64,
    /// Constant-style name, e.g. `RATE_LIMIT_EXCEED`.
    pub name: &'static str,
    /// Documented meaning.
    pub message: &'static str,
    /// Whether a call failing with this code may succeed when repeated later.
    pub retryable: bool,
}

#[cfg(feature = "envelope")]
impl ApiConfig {
    /// The documented entry for `code`, if any.
    pub(super) fn known_code(&self, code: i64) -> Option<&'static KnownCode> {
        let codes = self.error_codes;
        codes.binary_search_by_key(&code, |known| known.code).ok().and_then(|index| codes.get(index))
    }
}

#[cfg(test)]
mod tests;
