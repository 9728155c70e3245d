//! The client against hostile servers: huge and endless replies, stalling, redirects that try
//! to collect credentials, echoed secrets, refused tokens; and the escape hatches.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{body_string_contains, header_exists, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::*;
use crate::auth::AuthParams;
use crate::call::RequestOptions;
use crate::reply::Json;

const MIB: u64 = 1024 * 1024;

/// A raw HTTP server that answers every request with `head`, then writes 64 KiB blocks of body
/// (as chunks when `chunked`) until the client goes away. Returns its URL and a count of the
/// body bytes it managed to write.
async fn flooding_server(head: &'static str, chunked: bool) -> (String, Arc<AtomicU64>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let written = Arc::new(AtomicU64::new(0));
    let count = Arc::clone(&written);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let count = Arc::clone(&count);
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = socket.read(&mut request).await;
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let block = vec![b'a'; 64 * 1024];
                loop {
                    let sent = if chunked {
                        let mut framed = format!("{:x}\r\n", block.len()).into_bytes();
                        framed.extend_from_slice(&block);
                        framed.extend_from_slice(b"\r\n");
                        socket.write_all(&framed).await
                    } else {
                        socket.write_all(&block).await
                    };
                    if sent.is_err() {
                        return;
                    }
                    count.fetch_add(block.len() as u64, Ordering::Relaxed);
                }
            });
        }
    });
    (url, written)
}

fn limited_client(url: &str, limit: u64) -> Client {
    ClientBuilder::new(&API).base_url(url).max_reply_bytes(limit).retry(RetryPolicy::none()).build().expect("client")
}

#[tokio::test]
async fn a_huge_announced_reply_fails_before_it_is_read() {
    let (url, written) = flooding_server(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 314572800\r\n\r\n",
        false,
    )
    .await;
    let started = Instant::now();
    let error = limited_client(&url, MIB).execute_empty(op("Huge")).await.expect_err("too large");
    assert!(matches!(error, Error::ReplyTooLarge { limit } if limit == MIB), "{error:?}");
    assert!(error.to_string().contains("1048576 bytes"), "{error}");
    assert!(started.elapsed() < Duration::from_secs(5));
    tokio::time::sleep(Duration::from_millis(200)).await;
    // The 300 MiB were never taken: only what fits in the socket buffers was written.
    assert!(written.load(Ordering::Relaxed) < 64 * MIB, "{} bytes written", written.load(Ordering::Relaxed));
}

#[tokio::test]
async fn an_endless_chunked_reply_stops_at_the_limit() {
    let (url, written) = flooding_server(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
        true,
    )
    .await;
    let started = Instant::now();
    let error = limited_client(&url, 2 * MIB).execute_empty(op("Endless")).await.expect_err("too large");
    assert!(matches!(error, Error::ReplyTooLarge { limit } if limit == 2 * MIB), "{error:?}");
    assert!(!error.is_retryable());
    assert!(started.elapsed() < Duration::from_secs(5));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(written.load(Ordering::Relaxed) < 64 * MIB, "{} bytes written", written.load(Ordering::Relaxed));
    // The same reply within the default limit would have been read on and on: the limit ends it.
    let mut server_side = written.load(Ordering::Relaxed);
    tokio::time::sleep(Duration::from_millis(200)).await;
    server_side = written.load(Ordering::Relaxed) - server_side;
    assert_eq!(server_side, 0, "the client closed the connection");
}

#[tokio::test]
async fn a_reply_just_under_the_limit_is_read_whole() {
    let server = MockServer::start().await;
    let body = format!(r#"{{"result":"{}"}}"#, "x".repeat(1000));
    Mock::given(path("/platform_api/Fits"))
        .respond_with(ResponseTemplate::new(200).set_body_string(body.clone()))
        .mount(&server)
        .await;
    let client = limited_client(&server.uri(), body.len() as u64);
    let reply = client.execute_reply::<Json<serde_json::Value>>(op("Fits")).await.expect("fits");
    assert_eq!(reply.body.len(), body.len());
    let error = limited_client(&server.uri(), body.len() as u64 - 1).execute_empty(op("Fits")).await;
    assert!(matches!(error, Err(Error::ReplyTooLarge { .. })), "{error:?}");
}

#[tokio::test]
async fn the_deadline_bounds_a_call_whatever_the_backoff_and_retry_after() {
    let server = MockServer::start().await;
    Mock::given(path("/platform_api/Busy"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "86400"))
        .mount(&server)
        .await;
    let client = ClientBuilder::new(&API)
        .base_url(server.uri())
        .retry(RetryPolicy::default().max_retries(u32::MAX).max_backoff(Duration::MAX))
        .deadline(Duration::from_millis(500))
        .build()
        .expect("client");
    let started = Instant::now();
    let error = client.execute_empty(op("Busy").idempotent(true)).await.expect_err("unavailable");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    assert!(matches!(error, Error::Http { status: StatusCode::SERVICE_UNAVAILABLE, .. }), "{error:?}");

    // An HTTP-date Retry-After far ahead is capped too.
    server.reset().await;
    let later = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(3600));
    Mock::given(path("/platform_api/Busy"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", later.as_str()))
        .mount(&server)
        .await;
    let client = ClientBuilder::new(&API)
        .base_url(server.uri())
        .retry(
            RetryPolicy::default()
                .max_retries(2)
                .initial_backoff(Duration::from_millis(1))
                .max_backoff(Duration::from_millis(20)),
        )
        .build()
        .expect("client");
    let started = Instant::now();
    let error = client.execute_empty(op("Busy").idempotent(true)).await.expect_err("limited");
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert_eq!(error.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(server.received_requests().await.expect("recorded").len(), 3);
}

#[tokio::test]
async fn a_stalling_server_meets_the_deadline_before_the_attempt_timeout() {
    let server = MockServer::start().await;
    Mock::given(path("/platform_api/Stall"))
        .respond_with(ok_reply().set_delay(Duration::from_secs(10)))
        .mount(&server)
        .await;
    let client = ClientBuilder::new(&API)
        .base_url(server.uri())
        .timeout(Duration::from_secs(60))
        .deadline(Duration::from_millis(300))
        .build()
        .expect("client");
    let started = Instant::now();
    let error = client.execute_empty(op("Stall").idempotent(true)).await.expect_err("deadline");
    assert!(matches!(error, Error::Deadline { deadline } if deadline == Duration::from_millis(300)), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(!error.is_retryable());
}

/// A second server that records whatever reaches it.
async fn collector() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any()).respond_with(ok_reply()).mount(&server).await;
    server
}

/// A client whose reqwest client follows every redirect, as a caller's own may. (Built around
/// the plain-http rule, which refuses a caller's client on a loopback test server.)
fn permissive_client(server: &MockServer, auth: Auth) -> Client {
    let client =
        ClientBuilder::new(&API).base_url(server.uri()).auth(auth).retry(RetryPolicy::none()).build().expect("client");
    let mut inner = (*client.inner).clone();
    inner.http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::limited(5)).build().expect("http");
    inner.may_redirect = true;
    Client { inner: Arc::new(inner) }
}

fn seen(requests: &[Request]) -> String {
    requests
        .iter()
        .map(|request| {
            format!(
                "{} {} {:?} {}",
                request.method,
                request.url,
                request.headers,
                String::from_utf8_lossy(&request.body)
            )
        })
        .collect()
}

#[tokio::test]
async fn a_following_client_never_carries_credentials_to_another_origin() {
    let thief = collector().await;
    let server = MockServer::start().await;
    for (status, name) in [(307, "Temporary"), (308, "Permanent"), (302, "Found"), (301, "Moved"), (303, "SeeOther")] {
        Mock::given(path(format!("/platform_api/{name}")))
            .respond_with(ResponseTemplate::new(status).insert_header("location", format!("{}/steal", thief.uri())))
            .mount(&server)
            .await;
    }
    let api_key = permissive_client(
        &server,
        Auth::from_params(
            AuthParams::new().identity("account_id", 7).secret("api_key", "form-secret-key").query_allowed(true),
        ),
    );
    let bearer = permissive_client(&server, Auth::from_bearer("bearer-secret-token"));
    for name in ["Temporary", "Permanent", "Found", "Moved", "SeeOther"] {
        let _ = api_key.execute_empty(op(name).form("a", "1".into())).await;
        let _ = bearer.execute_empty(op(name).json(serde_json::json!({"password": "json-secret"}))).await;
    }
    let stolen = seen(&thief.received_requests().await.expect("recorded"));
    for secret in ["form-secret-key", "bearer-secret-token", "json-secret"] {
        assert!(!stolen.contains(secret), "{secret} reached the other host: {stolen}");
    }
    // 307/308 are not followed at all (the body cannot be replayed): the caller sees them.
    let error = api_key.execute_empty(op("Temporary")).await.expect_err("a redirect");
    assert_eq!(error.status(), Some(StatusCode::TEMPORARY_REDIRECT));
}

#[tokio::test]
async fn a_header_credential_with_a_callers_client_needs_the_builder_hatch() {
    let thief = collector().await;
    let server = MockServer::start().await;
    Mock::given(path("/platform_api/Moved"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", format!("{}/steal", thief.uri())))
        .mount(&server)
        .await;
    let https =
        || ClientBuilder::new(&API).base_url("https://api.example.com").auth(Auth::from_header("X-Api-Key", "hk"));
    let error = https().http_client(reqwest::Client::new()).build().expect_err("refused");
    assert!(error.to_string().contains("http_client_builder"), "{error}");
    assert!(https().http_client_builder(reqwest::Client::builder()).build().is_ok());

    // Settings that follow redirects are overridden.
    let permissive = reqwest::Client::builder().redirect(reqwest::redirect::Policy::limited(5));
    let mut client = client_with_auth(&server, Auth::from_header("X-Api-Key", "header-secret"));
    let mut inner = (*client.inner).clone();
    inner.http = Http::Builder(Box::new(permissive)).into_client().expect("http");
    client.inner = Arc::new(inner);
    let error = client.execute_empty(op("Moved")).await.expect_err("not followed");
    assert_eq!(error.status(), Some(StatusCode::FOUND));
    assert!(thief.received_requests().await.expect("recorded").is_empty());
}

#[tokio::test]
async fn echoed_keys_and_tokens_never_reach_errors() {
    let server = MockServer::start().await;
    Mock::given(path("/platform_api/Echo"))
        .respond_with(|request: &Request| {
            let authorization =
                request.headers.get("authorization").and_then(|value| value.to_str().ok()).unwrap_or("");
            let body = String::from_utf8_lossy(&request.body).into_owned();
            ResponseTemplate::new(401).set_body_string(format!("denied: {authorization} for {body}"))
        })
        .mount(&server)
        .await;
    Mock::given(path("/platform_api/EchoEnvelope"))
        .respond_with(|request: &Request| {
            let body = String::from_utf8_lossy(&request.body).into_owned();
            let envelope = serde_json::json!({"error": {"code": 9, "msg": format!("bad request {body}")}});
            ResponseTemplate::new(200).set_body_string(envelope.to_string())
        })
        .mount(&server)
        .await;
    let account = ServiceAccount::from_json(&credentials_json(42)).expect("account");
    let jwt_client = client(&server, Some(Auth::service_account(account)));
    let error = jwt_client.execute_empty(op("Echo")).await.expect_err("401");
    let shown = format!("{error} {error:?}");
    assert!(shown.contains("Bearer <redacted>") && !shown.contains("eyJ"), "{shown}");

    let key_client = client(
        &server,
        Some(Auth::from_params(
            AuthParams::new().identity("account_id", 7).secret("api_key", "echoed-secret-key").query_allowed(true),
        )),
    );
    let call = || op("EchoEnvelope").form("new_account_password", "hunter2-secret".into());
    let error = key_client.execute_empty(call()).await.expect_err("envelope");
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("echoed-secret-key"), "{shown}");
    assert_eq!(error.code(), Some(9));

    // A parameter the spec marks as a password is hidden too.
    static SECRET_PARAMS: ApiConfig = ApiConfig { secret_fields: &["new_account_password"], ..test_support::ENVELOPED };
    let client = ClientBuilder::new(&SECRET_PARAMS)
        .base_url(server.uri())
        .auth(Auth::from_params(
            AuthParams::new().identity("account_id", 7).secret("api_key", "k-1").query_allowed(true),
        ))
        .build()
        .expect("client");
    let error = client.execute_empty(call()).await.expect_err("envelope");
    assert!(!format!("{error} {error:?}").contains("hunter2"), "{error}");
}

#[tokio::test]
async fn a_refused_token_is_signed_afresh_once() {
    let server = MockServer::start().await;
    let refused = r#"{"error":{"code":100,"msg":"Authorization failed"}}"#;
    Mock::given(path("/platform_api/Flaky"))
        .respond_with(ResponseTemplate::new(200).set_body_string(refused))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/platform_api/Flaky")).respond_with(ok_reply()).mount(&server).await;
    Mock::given(path("/platform_api/Never")).respond_with(ResponseTemplate::new(401)).mount(&server).await;
    let account = ServiceAccount::from_json(&credentials_json(42)).expect("account");
    let client = client(&server, Some(Auth::service_account(account)));
    // Not idempotent, and still sent again: the server refused it before acting on it.
    client.execute_empty(op("Flaky")).await.expect("second attempt succeeds");
    let requests = server.received_requests().await.expect("recorded");
    // (Signed within the same second, the new token may equal the old one: RS256 is deterministic.)
    assert_eq!(requests.len(), 2, "sent again with a freshly signed token");
    assert!(requests.iter().all(|request| request.headers.contains_key("authorization")));

    let error = client.execute_empty(op("Never")).await.expect_err("refused twice");
    assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
    let never = server.received_requests().await.expect("recorded").len() - 2;
    assert_eq!(never, 2, "one fresh token, then the error");

    // Without a token to renew, a 401 is returned at once.
    server.reset().await;
    Mock::given(path("/platform_api/Never")).respond_with(ResponseTemplate::new(401)).mount(&server).await;
    let plain = client_with_auth(&server, Auth::from_bearer("fixed"));
    assert!(plain.execute_empty(op("Never")).await.is_err());
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
}

fn client_with_auth(server: &MockServer, auth: Auth) -> Client {
    ClientBuilder::new(&API).base_url(server.uri()).auth(auth).retry(RetryPolicy::none()).build().expect("client")
}

#[tokio::test]
async fn request_options_add_parameters_headers_and_overrides() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/platform_api/Form"))
        .and(body_string_contains("a=1&extra=x"))
        .and(query_param("trace", "on"))
        .and(header_exists("x-request-id"))
        .respond_with(ok_reply())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/items"))
        .and(query_param("extra", "y"))
        .respond_with(ok_reply())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/platform_api/Slow"))
        .respond_with(ok_reply().set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    Mock::given(path("/platform_api/Down")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let client = client(&server, None);
    let options = RequestOptions::new().param("extra", "x").query("trace", "on").header("X-Request-Id", "r-1");
    client.execute_empty(op("Form").form("a", "1".into()).options(options)).await.expect("form");
    let get =
        Call::new("Items", reqwest::Method::GET, "/items".into()).options(RequestOptions::new().param("extra", "y"));
    client.execute_empty(get).await.expect("query");

    let started = Instant::now();
    let slow = op("Slow").options(RequestOptions::new().timeout(Duration::from_millis(100)).retry(RetryPolicy::none()));
    assert!(matches!(client.execute_empty(slow).await, Err(Error::Timeout)));
    assert!(started.elapsed() < Duration::from_secs(3));

    let down = op("Down").idempotent(true).options(RequestOptions::new().retry(RetryPolicy::none()));
    assert!(client.execute_empty(down).await.is_err());
    assert_eq!(
        server.received_requests().await.expect("recorded").iter().filter(|r| r.url.path().ends_with("Down")).count(),
        1
    );

    let bad = op("Form").options(RequestOptions::new().header("bad header", "v"));
    assert!(matches!(client.execute_empty(bad).await, Err(Error::InvalidRequest { .. })));
}

#[tokio::test]
async fn the_raw_reply_comes_with_the_value() {
    let server = MockServer::start().await;
    Mock::given(path("/platform_api/Raw"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-rate-remaining", "9")
                .set_body_string(r#"{"result":5,"new":true}"#),
        )
        .mount(&server)
        .await;
    let reply = client(&server, None).execute_reply::<Json<Reply_>>(op("Raw")).await.expect("reply");
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers.get("x-rate-remaining").map(|value| value.as_bytes()), Some(&b"9"[..]));
    assert_eq!(&reply.body[..], br#"{"result":5,"new":true}"#);
    assert_eq!(reply.value, Reply_ { result: 5 });
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Reply_ {
    result: i64,
}
