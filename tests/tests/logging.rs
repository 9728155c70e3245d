//! Observability: one `tracing` span per call with the operation, attempt, status and duration,
//! and no secret anywhere in the logs, even at TRACE. Its own test binary: tracing caches
//! per-callsite interest process-wide, so a scoped subscriber can miss events while other
//! tests run in parallel.

#![cfg(test)]

#[cfg(test)]
#[path = "behaviour/support.rs"]
#[allow(dead_code)] // This binary uses a few of the behaviour suite's helpers.
mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use voximplant_client::{Auth, Client, GetAccountInfoRequest, RetryPolicy, SetAccountInfoRequest};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn spans_carry_call_fields_and_no_secrets() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(path("/platform_api/SetAccountInfo"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"result":1,"echo":"log-secret-key"}"#))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::api_key(1, "log-secret-key"))
        .retry(RetryPolicy::none())
        .build()
        .expect("client");
    let request = SetAccountInfoRequest::new().new_account_password("hunter2-Password!");
    client.set_account_info(request).await.expect("success");

    // A failure whose message echoes the key and the password it was sent: logged at INFO
    // ("call failed"), redacted.
    Mock::given(path("/platform_api/GetAccountInfo"))
        .respond_with(|request: &wiremock::Request| {
            let sent = String::from_utf8_lossy(&request.body).into_owned();
            let envelope = serde_json::json!({"error": {"code": 9, "msg": format!("cannot parse {sent}")}});
            ResponseTemplate::new(200).set_body_string(envelope.to_string())
        })
        .mount(&server)
        .await;
    let error = client.get_account_info(GetAccountInfoRequest::new()).await.expect_err("an API error");
    assert!(!error.to_string().contains("log-secret-key"), "{error}");

    // A 401 page that echoes the service-account token it was sent.
    let jwt_server = MockServer::start().await;
    Mock::given(path("/platform_api/GetAccountInfo"))
        .respond_with(|request: &wiremock::Request| {
            let header = request.headers.get("authorization").and_then(|value| value.to_str().ok()).unwrap_or("");
            ResponseTemplate::new(401).set_body_string(format!("<h1>401</h1> rejected {header}"))
        })
        .mount(&jwt_server)
        .await;
    let jwt_client = Client::builder()
        .base_url(jwt_server.uri())
        .auth(Auth::service_account(support::service_account()))
        .retry(RetryPolicy::none())
        .build()
        .expect("client");
    let error = jwt_client.get_account_info(GetAccountInfoRequest::new()).await.expect_err("401");
    let token = jwt_server.received_requests().await.expect("recorded")[0].headers["authorization"]
        .to_str()
        .expect("ascii")
        .trim_start_matches("Bearer ")
        .to_owned();
    assert!(!format!("{error} {error:?}").contains(&token), "{error}");

    let text = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf8");
    assert!(text.contains("operation=\"SetAccountInfo\""), "{text}");
    assert!(text.contains("attempt=1") && text.contains("status=200") && text.contains("duration_ms="), "{text}");
    assert!(!text.contains("log-secret-key") && !text.contains("hunter2"), "{text}");
    assert!(!text.contains(&token) && !text.contains("eyJ"), "{text}");
    assert!(text.contains("call failed") && text.contains("<redacted>"), "{text}");
}
