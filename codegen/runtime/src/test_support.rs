//! Shared by the unit tests: API configurations and a throwaway RSA key made at test time, so
//! no key is ever committed.

use std::sync::OnceLock;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;
use base64::Engine as _;

use super::config::{ApiConfig, ErrorEnvelope, KnownCode};

/// Codes of the enveloped test API.
pub static CODES: [KnownCode; 3] = [
    KnownCode { code: 100, name: "AUTHORIZATION_FAILED", message: "Authorization failed", retryable: false },
    KnownCode { code: 340, name: "RATE_LIMIT_EXCEED", message: "Rate limit exceed", retryable: true },
    KnownCode { code: 515, name: "RECENTLY_DONE", message: "Done recently", retryable: false },
];

/// An API with status-based errors only.
pub const PLAIN: ApiConfig = ApiConfig {
    crate_name: "test-client",
    crate_version: "1.2.3",
    default_base_url: "https://api.example.invalid",
    envelope: None,
    error_codes: &[],
    auth_failure_codes: &[],
    credentials_env: None,
    secret_fields: &[],
};

/// An API with a Voximplant-style error envelope.
pub const ENVELOPED: ApiConfig = ApiConfig {
    envelope: Some(ErrorEnvelope { error: "error", code: "code", message: "msg", list: Some("errors") }),
    error_codes: &CODES,
    auth_failure_codes: &[100],
    credentials_env: Some("RT_TEST_CREDENTIALS_UNSET"),
    ..PLAIN
};

/// PKCS#8 PEM private key and PKCS#1 DER public key.
pub fn key_pair() -> &'static (String, Vec<u8>) {
    static PAIR: OnceLock<(String, Vec<u8>)> = OnceLock::new();
    PAIR.get_or_init(|| {
        let key = KeyPair::generate(KeySize::Rsa2048).expect("RSA key generation");
        let der: aws_lc_rs::encoding::Pkcs8V1Der<'_> = key.as_der().expect("PKCS#8 encoding");
        let text = base64::engine::general_purpose::STANDARD.encode(der.as_ref());
        let mut pem = String::from("-----BEGIN PRIVATE KEY-----\n");
        for line in text.as_bytes().chunks(64) {
            pem.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
            pem.push('\n');
        }
        pem.push_str("-----END PRIVATE KEY-----\n");
        (pem, key.public_key().as_ref().to_vec())
    })
}

/// A credentials.json for `key_pair()`.
pub fn credentials_json(account_id: i64) -> String {
    serde_json::json!({
        "account_id": account_id,
        "account_email": "owner@example.com",
        "key_id": "test-key-id",
        "private_key": key_pair().0,
    })
    .to_string()
}
