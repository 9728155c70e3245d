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
    pub envelope: Option<ErrorEnvelope>,
    /// Error codes documented by the API, sorted by `code`.
    pub error_codes: &'static [KnownCode],
    /// Environment variable naming a service-account key file, used by `Auth::from_env()`.
    pub credentials_env: Option<&'static str>,
    /// JSON keys whose string values are secrets (`format: password` in the spec): their values
    /// never appear in error excerpts or logs.
    pub secret_fields: &'static [&'static str],
}

/// Key names of an error envelope such as `{"error":{"code":N,"msg":".."},"errors":[..]}`.
#[derive(Debug)]
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

impl ApiConfig {
    /// The documented entry for `code`, if any.
    pub(super) fn known_code(&self, code: i64) -> Option<&'static KnownCode> {
        let codes = self.error_codes;
        codes.binary_search_by_key(&code, |known| known.code).ok().and_then(|index| codes.get(index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static CODES: [KnownCode; 3] = [
        KnownCode { code: 1, name: "FATAL_ERROR", message: "Fatal error", retryable: false },
        KnownCode { code: 100, name: "AUTHORIZATION_FAILED", message: "Authorization failed", retryable: false },
        KnownCode { code: 340, name: "RATE_LIMIT_EXCEED", message: "Rate limit exceed", retryable: true },
    ];

    static CONFIG: ApiConfig = ApiConfig {
        crate_name: "x",
        crate_version: "0",
        default_base_url: "https://example.invalid",
        envelope: None,
        error_codes: &CODES,
        credentials_env: None,
        secret_fields: &[],
    };

    #[test]
    fn looks_up_known_codes() {
        assert_eq!(CONFIG.known_code(340).map(|k| k.name), Some("RATE_LIMIT_EXCEED"));
        assert_eq!(CONFIG.known_code(1).map(|k| k.name), Some("FATAL_ERROR"));
        assert!(CONFIG.known_code(2).is_none());
        assert!(CONFIG.known_code(-5).is_none());
    }
}
