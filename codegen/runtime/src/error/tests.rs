use reqwest::StatusCode;
use serde::Deserialize;

use super::*;
use crate::test_support::{ENVELOPED, PLAIN};

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

fn none() -> Secrets<'static> {
    Secrets::default()
}

#[test]
fn documented_error_replies_decode_into_the_operation_type() {
    let error = reply_error(&PLAIN, StatusCode::NOT_FOUND, b"gone", &none(), Some(not_found));
    match error {
        Some(Error::Status { status, error, body }) => {
            assert_eq!(status, StatusCode::NOT_FOUND);
            assert_eq!(error.as_any().downcast_ref::<NotFound>(), Some(&NotFound("gone".into())));
            assert_eq!(body, "gone");
        }
        other => panic!("expected Error::Status, got {other:?}"),
    }
    let other = reply_error(&PLAIN, StatusCode::BAD_GATEWAY, b"x", &none(), Some(not_found));
    assert!(matches!(other, Some(Error::Http { .. })));
    assert!(reply_error(&PLAIN, StatusCode::OK, b"{}", &none(), Some(not_found)).is_none());
}

#[test]
fn status_errors_show_the_redacted_excerpt_not_the_decoded_value() {
    let mut secrets = Secrets::new(&[]);
    secrets.add("hunter2");
    let error =
        reply_error(&PLAIN, StatusCode::NOT_FOUND, b"no such user, password hunter2", &secrets, Some(not_found))
            .expect("an error");
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("<redacted>"), "{shown}");
}

#[test]
fn non_2xx_without_envelope_is_http() {
    let error =
        reply_error(&ENVELOPED, StatusCode::BAD_GATEWAY, b"<html>bad gateway</html>", &none(), None).expect("an error");
    assert!(error.is_retryable());
    assert_eq!(error.to_string(), "HTTP status 502 Bad Gateway: <html>bad gateway</html>");
    assert_eq!(error.status(), Some(StatusCode::BAD_GATEWAY));
    let error = reply_error(&PLAIN, StatusCode::TOO_MANY_REQUESTS, b"", &none(), None).expect("an error");
    assert!(error.is_retryable());
    let error = reply_error(&PLAIN, StatusCode::FOUND, b"", &none(), None).expect("an error");
    assert!(!error.is_retryable());
    let error = reply_error(&PLAIN, StatusCode::NOT_FOUND, b"", &none(), None).expect("an error");
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
        match decode::<Reply>(body, &none()) {
            Err(Error::Decode { path, .. }) => assert_eq!(path, expected, "{:?}", String::from_utf8_lossy(body)),
            other => panic!("{other:?}"),
        }
    }
    let error = decode::<Reply>(br#"{"result":[]} trailing"#, &none());
    assert!(matches!(error, Err(Error::Decode { ref path, .. }) if path == "."), "{error:?}");
    let reply = decode::<Reply>(br#"{"result":[{"id":1,"extra":true}],"more":1}"#, &none()).expect("decodes");
    assert_eq!(reply.result.first().map(|item| item.id), Some(1));
}

#[test]
fn decode_messages_quoting_a_secret_are_redacted() {
    let mut secrets = Secrets::new(&[]);
    secrets.add("k-secret-9");
    let error = decode::<Reply>(br#"{"result":"k-secret-9"}"#, &secrets).expect_err("wrong type");
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("k-secret-9"), "{shown}");
}
