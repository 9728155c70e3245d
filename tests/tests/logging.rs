//! Observability: one `tracing` span per call with the operation, attempt, status and duration,
//! and no secret anywhere in the logs, even at TRACE. Its own test binary: tracing caches
//! per-callsite interest process-wide, so a scoped subscriber can miss events while other
//! tests run in parallel.

use std::io::Write;
use std::sync::{Arc, Mutex};

use voximplant_client::{Auth, Client, RetryPolicy, SetAccountInfoRequest};
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

    let text = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf8");
    assert!(text.contains("operation=\"SetAccountInfo\""), "{text}");
    assert!(text.contains("attempt=1") && text.contains("status=200") && text.contains("duration_ms="), "{text}");
    assert!(!text.contains("log-secret-key") && !text.contains("hunter2"), "{text}");
}
