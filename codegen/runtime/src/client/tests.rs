use std::net::TcpListener;

use wiremock::matchers::{basic_auth, body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::*;
use crate::auth::{AuthParams, ServiceAccount};
use crate::test_support::{self, credentials_json};

mod hostile;

static API: ApiConfig = test_support::ENVELOPED;

#[derive(Debug, serde::Deserialize, PartialEq)]
struct Reply {
    result: i64,
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default().initial_backoff(Duration::from_millis(1)).max_backoff(Duration::from_millis(5))
}

fn client(server: &MockServer, auth: Option<Auth>) -> Client {
    let mut builder = ClientBuilder::new(&API).base_url(format!("{}/", server.uri())).retry(fast_retries());
    if let Some(auth) = auth {
        builder = builder.auth(auth);
    }
    builder.build().expect("client")
}

fn op(name: &'static str) -> Call {
    Call::new(name, reqwest::Method::POST, format!("/platform_api/{name}"))
}

fn ok_reply() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_string(r#"{"result":1}"#)
}

#[tokio::test]
async fn posts_a_form_with_a_signed_jwt() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/platform_api/GetChildrenAccounts"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(header("user-agent", "test-client/1.2.3"))
        .and(body_string("child_account_id=1%3B2&active=true&name=a+b%26c"))
        .respond_with(ok_reply())
        .expect(2)
        .mount(&server)
        .await;
    let account = ServiceAccount::from_json(&credentials_json(42)).expect("account");
    let client = client(&server, Some(Auth::service_account(account)));
    let call = || {
        op("GetChildrenAccounts")
            .form("child_account_id", "1;2".into())
            .form("active", "true".into())
            .form("name", "a b&c".into())
    };
    let reply: Reply = client.execute(call()).await.expect("success");
    assert_eq!(reply, Reply { result: 1 });
    client.clone().execute_empty(call()).await.expect("success");

    let requests = server.received_requests().await.expect("recorded");
    let tokens: Vec<&str> = requests
        .iter()
        .map(|request| {
            let value = request.headers.get("authorization").expect("auth header").to_str().expect("ascii");
            value.strip_prefix("Bearer ").expect("bearer")
        })
        .collect();
    assert_eq!(tokens.first(), tokens.get(1), "clones reuse the cached token");
    let key = jsonwebtoken::DecodingKey::from_rsa_der(&test_support::key_pair().1);
    let validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    let data = jsonwebtoken::decode::<serde_json::Value>(tokens.first().expect("a token"), &key, &validation)
        .expect("valid JWT");
    assert_eq!(data.claims["iss"], 42);
    assert_eq!(data.header.kid.as_deref(), Some("test-key-id"));
}

#[tokio::test]
async fn envelope_errors_are_api_errors_and_rate_limits_are_retried() {
    let server = MockServer::start().await;
    let limited =
        r#"{"error":{"msg":"Rate limit exceed","code":340},"errors":[{"msg":"Rate limit exceed","code":340}]}"#;
    Mock::given(path("/platform_api/Limited"))
        .respond_with(ResponseTemplate::new(200).set_body_string(limited))
        .expect(4)
        .mount(&server)
        .await;
    let client = client(&server, None);
    let error = client.execute::<Reply>(op("Limited").idempotent(true)).await.expect_err("fails");
    assert_eq!(error.code(), Some(340));
    assert_eq!(error.to_string(), "code 340 (RATE_LIMIT_EXCEED): Rate limit exceed");
    let Error::Api { errors, .. } = &error else { panic!("{error:?}") };
    assert_eq!(errors.len(), 1);
}

#[tokio::test]
async fn server_errors_are_retried_for_idempotent_calls_only() {
    let server = MockServer::start().await;
    Mock::given(path("/platform_api/Flaky"))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(path("/platform_api/Flaky")).respond_with(ok_reply()).mount(&server).await;
    let client = client(&server, None);
    let reply: Reply = client.execute(op("Flaky").idempotent(true)).await.expect("third attempt succeeds");
    assert_eq!(reply.result, 1);
    assert_eq!(server.received_requests().await.expect("recorded").len(), 3);

    server.reset().await;
    Mock::given(path("/platform_api/Flaky")).respond_with(ResponseTemplate::new(500)).expect(1).mount(&server).await;
    let error = client.execute::<Reply>(op("Flaky")).await.expect_err("not retried");
    assert!(matches!(error, Error::Http { status, .. } if status.as_u16() == 500));
    assert!(error.is_retryable());
}

#[tokio::test]
async fn retry_after_is_capped_by_max_backoff() {
    let server = MockServer::start().await;
    Mock::given(path("/platform_api/Busy"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "30"))
        .expect(2)
        .mount(&server)
        .await;
    let client =
        ClientBuilder::new(&API).base_url(server.uri()).retry(fast_retries().max_retries(1)).build().expect("client");
    let started = Instant::now();
    let error = client.execute::<Reply>(op("Busy").idempotent(true)).await.expect_err("fails");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(matches!(error, Error::Http { status: StatusCode::TOO_MANY_REQUESTS, .. }));
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let server = MockServer::start().await;
    Mock::given(path("/platform_api/Moved"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "http://127.0.0.2:1/steal"))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server, Some(Auth::from_bearer("tok")));
    let error = client.execute::<Reply>(op("Moved").idempotent(true)).await.expect_err("3xx");
    assert!(matches!(error, Error::Http { status: StatusCode::FOUND, .. }), "{error:?}");
}

#[tokio::test]
async fn decode_errors_have_a_path_and_a_redacted_excerpt() {
    let server = MockServer::start().await;
    Mock::given(path("/platform_api/GetAccountInfo"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"result":"abc","api_key":"k-secret-9"}"#))
        .mount(&server)
        .await;
    let client = client(
        &server,
        Some(Auth::from_params(
            AuthParams::new().identity("account_id", 7).secret("api_key", "k-secret-9").query_allowed(true),
        )),
    );
    let error = client.execute::<Reply>(op("GetAccountInfo")).await.expect_err("wrong type");
    let Error::Decode { path, body, .. } = &error else { panic!("{error:?}") };
    assert_eq!(path, "result");
    assert!(body.contains("<redacted>") && !body.contains("k-secret-9"), "{body}");
    assert!(!error.is_retryable());
    // The key went in the form body, next to the call's own fields.
    let requests = server.received_requests().await.expect("recorded");
    let sent = requests.first().map(|request| String::from_utf8_lossy(&request.body).into_owned());
    assert_eq!(sent.as_deref(), Some("account_id=7&api_key=k-secret-9"));
}

#[tokio::test]
async fn api_key_in_the_query_for_get_and_clashes_are_refused() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items"))
        .and(query_param("account_id", "9"))
        .and(query_param("api_key", "k"))
        .and(query_param("q", "x y"))
        .respond_with(ok_reply())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(
        &server,
        Some(
            Auth::from_params(AuthParams::new().identity("account_id", 1).secret("api_key", "k").query_allowed(true))
                .acting_as(9),
        ),
    );
    let call = Call::new("ListItems", reqwest::Method::GET, "/items".into()).query("q", "x y".into());
    client.execute_empty(call).await.expect("success");

    let clash = op("GetAccountVerifications").form("account_id", "3".into());
    let error = client.execute_empty(clash).await.expect_err("clash");
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
}

#[tokio::test]
async fn basic_header_and_query_auth() {
    let server = MockServer::start().await;
    Mock::given(path("/b")).and(basic_auth("user", "pw")).respond_with(ok_reply()).expect(1).mount(&server).await;
    Mock::given(path("/h")).and(header("x-api-key", "hk")).respond_with(ok_reply()).expect(1).mount(&server).await;
    Mock::given(path("/q")).and(query_param("key", "qk")).respond_with(ok_reply()).expect(1).mount(&server).await;
    let get = |p: &str| Call::new("Op", reqwest::Method::GET, p.to_owned());
    client(&server, Some(Auth::from_basic("user", "pw"))).execute_empty(get("/b")).await.expect("basic");
    client(&server, Some(Auth::from_header("X-Api-Key", "hk"))).execute_empty(get("/h")).await.expect("header");
    client(&server, Some(Auth::from_query("key", "qk"))).execute_empty(get("/q")).await.expect("query");
}

#[tokio::test]
async fn timeouts_and_transport_errors() {
    let server = MockServer::start().await;
    Mock::given(path("/slow")).respond_with(ok_reply().set_delay(Duration::from_secs(2))).mount(&server).await;
    let client = ClientBuilder::new(&API)
        .base_url(server.uri())
        .timeout(Duration::from_millis(100))
        .retry(RetryPolicy::none())
        .build()
        .expect("client");
    let error = client.execute_empty(Call::new("Slow", reqwest::Method::GET, "/slow".into())).await;
    assert!(matches!(error, Err(Error::Timeout)), "{error:?}");

    // A port nobody listens on.
    let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("port").port();
    let client = ClientBuilder::new(&API)
        .base_url(format!("http://127.0.0.1:{port}"))
        .auth(Auth::from_query("api_key", "q-secret"))
        .retry(fast_retries().max_retries(1))
        .build()
        .expect("client");
    let error = client
        .execute_empty(Call::new("Down", reqwest::Method::GET, "/down".into()).idempotent(true))
        .await
        .expect_err("refused");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(error.is_retryable());
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("q-secret"), "{shown}");
    assert!(std::error::Error::source(&error).is_some());
}

#[test]
fn credentials_need_https_except_on_loopback() {
    let with_auth = |url: &str| ClientBuilder::new(&API).base_url(url).auth(Auth::from_bearer("t")).build();
    for url in [
        "http://127.0.0.1:8080",
        "http://127.9.9.9",
        "http://localhost:1/",
        "http://[::1]:80",
        "https://api.example.com",
    ] {
        assert!(with_auth(url).is_ok(), "{url}");
    }
    for url in ["http://api.example.com", "http://10.0.0.1", "http://[::2]", "http://localhost.example.com"] {
        assert!(matches!(with_auth(url), Err(Error::InvalidRequest { .. })), "{url}");
    }
    assert!(ClientBuilder::new(&API).base_url("http://api.example.com").build().is_ok());
    for url in ["not a url", "ftp://example.com", "https://example.com/?a=1", "mailto:x@example.com"] {
        assert!(matches!(ClientBuilder::new(&API).base_url(url).build(), Err(Error::InvalidRequest { .. })), "{url}");
    }
    assert!(ClientBuilder::new(&API).user_agent("bad\nagent").build().is_err());

    // User info in the base URL is refused, and never shown.
    let builder = ClientBuilder::new(&API).base_url("https://user:pa55word@h.example/x");
    assert!(!format!("{builder:?}").contains("pa55word"));
    let error = builder.build().expect_err("user info");
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert!(!format!("{error} {error:?}").contains("pa55word"), "{error}");
    assert_eq!(without_userinfo("http://u:p@h:1/a@b"), "http://<redacted>@h:1/a@b");
    assert_eq!(without_userinfo("http://h/a@b"), "http://h/a@b");

    // Through a proxy, even loopback http would carry credentials in clear text.
    assert!(proxy_configured(|name| (name == "https_proxy").then(|| "http://proxy:3128".into())));
    assert!(!proxy_configured(|name| (name == "HTTP_PROXY").then(std::ffi::OsString::new)));
    assert!(!proxy_configured(|_| None));
    let loopback = || ClientBuilder::new(&API).base_url("http://127.0.0.1:1").auth(Auth::from_bearer("t"));
    let error = loopback().http_client(reqwest::Client::new()).build().expect_err("a caller's client may proxy");
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert!(loopback().http_client_builder(reqwest::Client::builder()).build().is_err());
    assert!(loopback().build().is_ok());
    // The deferred env auth is resolved, and fails, at build time.
    assert!(matches!(ClientBuilder::new(&API).auth(Auth::from_env()).build(), Err(Error::Auth { .. })));
}

#[test]
fn urls_join_base_and_path_and_refuse_dot_segments() {
    let client = ClientBuilder::new(&API).base_url("https://h.example/prefix//").build().expect("client");
    let url = |p: &str| client.url(&Call::new("Op", reqwest::Method::GET, p.to_owned()));
    assert_eq!(url("/platform_api/X").expect("url").as_str(), "https://h.example/prefix/platform_api/X");
    for bad in ["/a/../b", "/a/%2E%2e/b", "/./x", "relative", "/a?b", "/a#b"] {
        assert!(matches!(url(bad), Err(Error::InvalidRequest { .. })), "{bad}");
    }
    assert!(url("/a/..b/c").is_ok());
    let mixed = Call::new("Op", reqwest::Method::POST, "/x".into()).form("a", "1".into()).json(serde_json::json!({}));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().expect("runtime");
    let error = runtime.block_on(client.execute_empty(mixed));
    assert!(matches!(error, Err(Error::InvalidRequest { .. })), "{error:?}");
    let default = ClientBuilder::new(&API).build().expect("client");
    assert_eq!(default.inner.base_url, "https://api.example.invalid");
}

#[test]
fn client_is_shareable_and_debug_hides_secrets() {
    fn shareable<T: Send + Sync + Clone>(_: &T) {}
    fn sendable<T: Send>(_: &T) {}
    let client = ClientBuilder::new(&API)
        .auth(Auth::from_params(
            AuthParams::new().identity("account_id", 5).secret("api_key", "dbg-secret").query_allowed(true),
        ))
        .build()
        .expect("client");
    shareable(&client);
    sendable(&client.execute::<Reply>(op("X")));
    let shown = format!("{client:?}");
    assert!(shown.contains("api.example.invalid") && !shown.contains("dbg-secret"), "{shown}");
}

#[test]
fn a_spec_without_an_absolute_server_needs_a_base_url() {
    for (default, said) in [("/api/v3", "the server only as `/api/v3`"), ("", "no server")] {
        let config: &'static ApiConfig =
            Box::leak(Box::new(ApiConfig { default_base_url: default, ..test_support::PLAIN }));
        let error = ClientBuilder::new(config).build().expect_err("no host");
        assert!(error.to_string().contains(said), "{error}");
        assert!(error.to_string().contains(".base_url("), "{error}");
        let client = ClientBuilder::new(config).base_url("https://h.example/api/v3").build().expect("given");
        let call = Call::new("get", reqwest::Method::GET, "/pets".to_owned());
        assert_eq!(client.url(&call).expect("url").as_str(), "https://h.example/api/v3/pets");
    }
}
