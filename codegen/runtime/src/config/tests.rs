use super::*;

static CODES: [KnownCode; 3] = [
    KnownCode { code: 1, name: "FATAL_ERROR", message: "Fatal error", retryable: false },
    KnownCode { code: 100, name: "AUTHORIZATION_FAILED", message: "Authorization failed", retryable: false },
    KnownCode { code: 340, name: "RATE_LIMIT_EXCEED", message: "Rate limit exceed", retryable: true },
];

static CONFIG: ApiConfig = ApiConfig { error_codes: &CODES, ..crate::test_support::PLAIN };

#[test]
fn looks_up_known_codes() {
    assert_eq!(CONFIG.known_code(340).map(|k| k.name), Some("RATE_LIMIT_EXCEED"));
    assert_eq!(CONFIG.known_code(1).map(|k| k.name), Some("FATAL_ERROR"));
    assert!(CONFIG.known_code(2).is_none());
    assert!(CONFIG.known_code(-5).is_none());
}
