use reqwest::StatusCode;

use super::*;
use crate::error::reply_error;
use crate::test_support::{ENVELOPED, PLAIN};

// What a generated constant looks like.
const RATE_LIMIT_EXCEED: ErrorCode = ErrorCode::known(&KnownCode {
    code: 340,
    name: "RATE_LIMIT_EXCEED",
    message: "Rate limit exceed",
    retryable: true,
});

fn none() -> Secrets<'static> {
    Secrets::default()
}

#[test]
fn envelope_in_a_2xx_reply_is_an_api_error() {
    let body = br#"{"error":{"msg":"Slow down","code":340},"errors":[{"msg":"Slow down","code":340},{"code":"x"},{"code":7}]}"#;
    let error = reply_error(&ENVELOPED, StatusCode::OK, body, &none(), None).expect("an error");
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
    let error = reply_error(&ENVELOPED, StatusCode::BAD_REQUEST, body, &none(), None).expect("an error");
    assert_eq!(error.to_string(), "code 9999: new");
    assert_eq!(error.code(), Some(9999));
    assert!(!error.is_retryable());
    let Error::Api { errors, status, .. } = error else { panic!() };
    assert!(errors.is_empty());
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[test]
fn success_replies_are_not_errors() {
    for body in [&br#"{"result":1}"#[..], br#"{"result":[],"error":null}"#, b"[1,2]", b"", b"not json", br#""error""#] {
        assert!(reply_error(&ENVELOPED, StatusCode::OK, body, &none(), None).is_none());
    }
    // Without an envelope the `error` key means nothing.
    assert!(reply_error(&PLAIN, StatusCode::OK, br#"{"error":{"code":1,"msg":"x"}}"#, &none(), None).is_none());
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
        match reply_error(&ENVELOPED, StatusCode::OK, body, &none(), None) {
            Some(Error::Decode { path, body: excerpt, .. }) => {
                assert_eq!(path, expected);
                assert_eq!(excerpt.as_bytes(), body);
            }
            other => panic!("{other:?}"),
        }
    }
    let error = reply_error(&ENVELOPED, StatusCode::OK, br#"{"error":"boom"}"#, &none(), None);
    assert!(matches!(error, Some(Error::Decode { .. })), "{error:?}");
}

#[test]
fn server_messages_are_redacted_capped_and_the_list_bounded() {
    let mut secrets = Secrets::new(&[]);
    secrets.add("echoed-api-key");
    let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2lnbmF0dXJl";
    let detail = serde_json::json!({"code": 1, "msg": format!("bad key echoed-api-key {jwt}")});
    let body = serde_json::json!({
        "error": {"code": 100, "msg": format!("key echoed-api-key refused; token {jwt}; {}", "x".repeat(100_000))},
        "errors": vec![detail; 1000],
    })
    .to_string();
    let error = reply_error(&ENVELOPED, StatusCode::OK, body.as_bytes(), &secrets, None).expect("an error");
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("echoed-api-key") && !shown.contains("eyJhbGci"), "{}", &shown[..300]);
    let Error::Api { message, errors, .. } = &error else { panic!("{error:?}") };
    assert!(message.chars().count() <= crate::redact::MAX_TEXT_CHARS);
    assert!(message.starts_with("key <redacted> refused; token <redacted>;"), "{message}");
    assert_eq!(errors.len(), MAX_DETAILS);
    assert!(is_auth_failure(&ENVELOPED, &error));
    assert!(!is_auth_failure(&PLAIN, &error));
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
