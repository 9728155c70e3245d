//! The client: configuration, sending a call with auth and retries, and reading the reply.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderName, HeaderValue, USER_AGENT};
use reqwest::{StatusCode, Url};
use tracing::Instrument as _;
use tracing::field::Empty;

use super::auth::{Auth, Credential};
use super::call::Call;
use super::config::ApiConfig;
use super::error::{self, Error};
use super::retry::{self, RetryPolicy};

/// Whole-request timeout unless configured otherwise.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Sets up a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder {
    config: &'static ApiConfig,
    auth: Option<Auth>,
    base_url: Option<String>,
    timeout: Duration,
    retry: RetryPolicy,
    user_agent: Option<String>,
    http_client: Option<reqwest::Client>,
}

impl ClientBuilder {
    /// A builder with the API's defaults: its default host, a 30 s timeout, the default
    /// retry policy and no credentials.
    pub fn new(config: &'static ApiConfig) -> Self {
        Self {
            config,
            auth: None,
            base_url: None,
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            user_agent: None,
            http_client: None,
        }
    }

    /// How to authenticate.
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// Host root that operation paths are appended to, e.g. `http://127.0.0.1:8080`.
    /// Plain `http` is refused with credentials unless the host is a loopback address.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Limit for a whole attempt: connecting, sending and reading the reply.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// When to repeat failed calls.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// `User-Agent` header (default: `<crate name>/<crate version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Sends through this reqwest client (its proxy, TLS and redirect settings apply).
    /// By default the client builds its own, which never follows redirects.
    pub fn http_client(mut self, http_client: reqwest::Client) -> Self {
        self.http_client = Some(http_client);
        self
    }

    /// Checks the settings, loads deferred credentials and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let config = self.config;
        let base_url = self.base_url.as_deref().unwrap_or(config.default_base_url);
        let base_url = base_url.trim_end_matches('/').to_owned();
        let parsed =
            Url::parse(&base_url).map_err(|error| Error::invalid(format!("invalid base URL `{base_url}`: {error}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(Error::invalid(format!("base URL `{base_url}` must be an http(s) URL with a host")));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(Error::invalid(format!("base URL `{base_url}` must not have a query or fragment")));
        }
        let auth = self.auth.map(|auth| auth.resolve(config)).transpose()?;
        if auth.is_some() && parsed.scheme() == "http" && !is_loopback(&parsed) {
            return Err(Error::invalid(format!(
                "refusing to send credentials over plain http to `{base_url}`; use https \
                 (plain http is allowed for loopback hosts only)"
            )));
        }
        let user_agent = match self.user_agent {
            Some(user_agent) => user_agent,
            None => format!("{}/{}", config.crate_name, config.crate_version),
        };
        let user_agent = HeaderValue::from_str(&user_agent)
            .map_err(|_| Error::invalid(format!("`{user_agent}` is not a valid User-Agent")))?;
        let http = match self.http_client {
            Some(http) => http,
            // No redirects: an `Authorization` header must never reach another host.
            None => reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(Error::from_reqwest)?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                config,
                http,
                base_url,
                auth,
                retry: self.retry,
                timeout: self.timeout,
                user_agent,
            }),
        })
    }
}

/// Whether the URL's host is `localhost`, 127.0.0.0/8 or `::1`.
fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else { return false };
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// An API client. Cheap to clone: clones share the connection pool and token cache.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    config: &'static ApiConfig,
    http: reqwest::Client,
    base_url: String,
    auth: Option<Auth>,
    retry: RetryPolicy,
    timeout: Duration,
    user_agent: HeaderValue,
}

/// The outcome of one attempt, with what the retry loop needs to know.
struct Attempt {
    status: Option<StatusCode>,
    retry_after: Option<Duration>,
    result: Result<Vec<u8>, Error>,
}

impl Client {
    /// Sends `call` and decodes the success body as `T`.
    pub async fn execute<T: serde::de::DeserializeOwned>(&self, call: Call) -> Result<T, Error> {
        let span = call_span(&call);
        async {
            let body = self.send(&call).await?;
            error::decode(&body, &self.secrets()).inspect_err(|error| {
                tracing::info!(%error, "reply not understood");
            })
        }
        .instrument(span)
        .await
    }

    /// Sends `call` and returns the success body as text (for `text/*` replies).
    pub async fn execute_text(&self, call: Call) -> Result<String, Error> {
        let span = call_span(&call);
        let body = self.send(&call).instrument(span).await?;
        String::from_utf8(body).map_err(|error| Error::Decode {
            path: String::new(),
            message: format!("the reply is not UTF-8 text: {error}"),
            body: String::new(),
        })
    }

    /// Sends `call` and returns the success body's bytes (for binary replies).
    pub async fn execute_bytes(&self, call: Call) -> Result<Vec<u8>, Error> {
        let span = call_span(&call);
        self.send(&call).instrument(span).await
    }

    /// Sends `call` and ignores the success body (after checking it is not an error).
    pub async fn execute_empty(&self, call: Call) -> Result<(), Error> {
        let span = call_span(&call);
        self.send(&call).instrument(span).await.map(drop)
    }

    /// Sends with retries; the success body comes back undecoded. Runs in the call's span.
    async fn send(&self, call: &Call) -> Result<Vec<u8>, Error> {
        let span = tracing::Span::current();
        let started = Instant::now();
        let result = self.send_with_retries(call, &span).await;
        span.record("duration_ms", u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX));
        match &result {
            Ok(_) => tracing::debug!("call succeeded"),
            Err(error) => tracing::info!(%error, "call failed"),
        }
        result
    }

    async fn send_with_retries(&self, call: &Call, span: &tracing::Span) -> Result<Vec<u8>, Error> {
        let bodies = usize::from(call.json.is_some())
            + usize::from(call.raw.is_some())
            + usize::from(!call.form.is_empty())
            + usize::from(!call.multipart.is_empty());
        if bodies > 1 {
            return Err(Error::invalid(format!("`{}`: a call can send only one kind of body", call.operation)));
        }
        let url = self.url(call)?;
        let mut retries = 0;
        loop {
            span.record("attempt", retries + 1);
            let attempt = self.attempt(call, &url).await;
            if let Some(status) = attempt.status {
                span.record("status", status.as_u16());
            }
            let error = match attempt.result {
                Ok(body) => return Ok(body),
                Err(error) => error,
            };
            if let Some(code) = error.code() {
                span.record("error_code", code);
            }
            let policy = &self.inner.retry;
            if !policy.should_retry(&error, call.idempotent, retries) {
                return Err(error);
            }
            let delay = policy.delay(retries, attempt.retry_after);
            tracing::info!(%error, delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX), "retrying");
            tokio::time::sleep(delay).await;
            retries += 1;
        }
    }

    /// `{base_url}{path}`, refusing paths that URL parsing would rewrite.
    fn url(&self, call: &Call) -> Result<Url, Error> {
        let path = &call.path;
        let dot_segment = path.split('/').any(|segment| {
            let segment = segment.to_ascii_lowercase().replace("%2e", ".");
            segment == "." || segment == ".."
        });
        if !path.starts_with('/') || path.contains(['?', '#']) || dot_segment {
            return Err(Error::invalid(format!("`{}`: invalid request path `{path}`", call.operation)));
        }
        let url = format!("{}{path}", self.inner.base_url);
        Url::parse(&url).map_err(|error| Error::invalid(format!("invalid request URL `{url}`: {error}")))
    }

    async fn attempt(&self, call: &Call, url: &Url) -> Attempt {
        let failed = |error| Attempt { status: None, retry_after: None, result: Err(error) };
        let request = match self.request(call, url) {
            Ok(request) => request,
            Err(error) => return failed(error),
        };
        let response = match request.send().await {
            Ok(response) => response,
            Err(error) => return failed(Error::from_reqwest(error)),
        };
        let status = response.status();
        let retry_after = retry::retry_after(response.headers());
        let result = match response.bytes().await {
            Ok(body) => {
                let secrets = self.secrets();
                tracing::trace!(body = %error::excerpt(&body, &secrets), "reply body");
                match error::reply_error(self.inner.config, status, &body, &secrets, call.errors) {
                    Some(error) => Err(error),
                    None => Ok(body.to_vec()),
                }
            }
            Err(error) => Err(Error::from_reqwest(error)),
        };
        Attempt { status: Some(status), retry_after, result }
    }

    /// The HTTP request for one attempt. Credentials are fetched per attempt, so a retry
    /// reuses the cached token unless it is due for renewal.
    fn request(&self, call: &Call, url: &Url) -> Result<reqwest::RequestBuilder, Error> {
        let inner = &*self.inner;
        let mut request = inner
            .http
            .request(call.method.clone(), url.clone())
            .timeout(inner.timeout)
            .header(USER_AGENT, inner.user_agent.clone());
        for (name, value) in &call.headers {
            request = request.header(header_name(name)?, header_value(name, value)?);
        }
        if !call.cookies.is_empty() {
            let cookies: Vec<String> = call
                .cookies
                .iter()
                .map(|(name, value)| format!("{name}={}", super::wire::path_segment(value)))
                .collect();
            request = request.header(reqwest::header::COOKIE, header_value("Cookie", &cookies.join("; "))?);
        }
        let mut query: Vec<(&str, &str)> = call.query.iter().map(|(name, value)| (name.as_ref(), value.as_str())).collect();
        let mut form: Vec<(&str, &str)> = call.form.iter().map(|(name, value)| (name.as_ref(), value.as_str())).collect();
        let credentials = match &inner.auth {
            Some(auth) => auth.credentials(call)?,
            None => Vec::new(),
        };
        for credential in &credentials {
            match credential {
                Credential::Bearer(token) => request = request.bearer_auth(token),
                Credential::Basic { user, password } => request = request.basic_auth(user, Some(password)),
                Credential::Header { name, value } => {
                    let mut value = header_value(name, value)?;
                    value.set_sensitive(true);
                    request = request.header(header_name(name)?, value);
                }
                Credential::Param { name, value, in_form: true } => form.push((name, value)),
                Credential::Param { name, value, in_form: false } => query.push((name, value)),
            }
        }
        if !query.is_empty() {
            request = request.query(&query);
        }
        if !form.is_empty() {
            request = request.form(&form);
        }
        if let Some(json) = &call.json {
            request = request.json(json);
        }
        if let Some(form) = call.multipart_form() {
            request = request.multipart(form);
        }
        if let Some((content_type, body)) = &call.raw {
            request = request.header(reqwest::header::CONTENT_TYPE, *content_type).body(body.clone());
        }
        Ok(request)
    }

    fn secrets(&self) -> error::Secrets<'_> {
        error::Secrets {
            values: self.inner.auth.as_ref().map(Auth::secrets).unwrap_or_default(),
            fields: self.inner.config.secret_fields,
        }
    }
}

fn call_span(call: &Call) -> tracing::Span {
    tracing::info_span!(
        "api_call",
        operation = call.operation,
        attempt = Empty,
        status = Empty,
        duration_ms = Empty,
        error_code = Empty,
    )
}

fn header_name(name: &str) -> Result<HeaderName, Error> {
    HeaderName::from_bytes(name.as_bytes()).map_err(|_| Error::invalid(format!("`{name}` is not a valid header name")))
}

fn header_value(name: &str, value: &str) -> Result<HeaderValue, Error> {
    HeaderValue::from_str(value).map_err(|_| Error::invalid(format!("the value of header `{name}` is not valid")))
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Client")
            .field("base_url", &inner.base_url)
            .field("auth", &inner.auth)
            .field("retry", &inner.retry)
            .field("timeout", &inner.timeout)
            .field("user_agent", &inner.user_agent)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;
    use wiremock::matchers::{basic_auth, body_string, header, method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::super::auth::{ServiceAccount, test_key};
    use super::super::config::{ErrorEnvelope, KnownCode};

    static CODES: [KnownCode; 1] =
        [KnownCode { code: 340, name: "RATE_LIMIT_EXCEED", message: "Rate limit exceed", retryable: true }];

    static API: ApiConfig = ApiConfig {
        crate_name: "test-client",
        crate_version: "1.2.3",
        default_base_url: "https://api.example.invalid",
        envelope: Some(ErrorEnvelope { error: "error", code: "code", message: "msg", list: Some("errors") }),
        error_codes: &CODES,
        credentials_env: Some("RT_TEST_CREDENTIALS_UNSET"),
        secret_fields: &[],
    };

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
        let account = ServiceAccount::from_json(&test_key::credentials_json(42)).expect("account");
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
        let key = jsonwebtoken::DecodingKey::from_rsa_der(&test_key::pair().1);
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
        Mock::given(path("/platform_api/Flaky"))
            .respond_with(ResponseTemplate::new(500))
            .expect(1)
            .mount(&server)
            .await;
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
        let client = ClientBuilder::new(&API)
            .base_url(server.uri())
            .retry(fast_retries().max_retries(1))
            .build()
            .expect("client");
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
        let client = client(&server, Some(Auth::bearer("tok")));
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
        let client = client(&server, Some(Auth::api_key(7, "k-secret-9")));
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
        let client = client(&server, Some(Auth::api_key(1, "k").acting_as(9)));
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
        client(&server, Some(Auth::basic("user", "pw"))).execute_empty(get("/b")).await.expect("basic");
        client(&server, Some(Auth::header("X-Api-Key", "hk"))).execute_empty(get("/h")).await.expect("header");
        client(&server, Some(Auth::query("key", "qk"))).execute_empty(get("/q")).await.expect("query");
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
            .auth(Auth::query("api_key", "q-secret"))
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
        let with_auth = |url: &str| ClientBuilder::new(&API).base_url(url).auth(Auth::bearer("t")).build();
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
            assert!(
                matches!(ClientBuilder::new(&API).base_url(url).build(), Err(Error::InvalidRequest { .. })),
                "{url}"
            );
        }
        assert!(ClientBuilder::new(&API).user_agent("bad\nagent").build().is_err());
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
        let mixed =
            Call::new("Op", reqwest::Method::POST, "/x".into()).form("a", "1".into()).json(serde_json::json!({}));
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
        let client = ClientBuilder::new(&API).auth(Auth::api_key(5, "dbg-secret")).build().expect("client");
        shareable(&client);
        sendable(&client.execute::<Reply>(op("X")));
        let shown = format!("{client:?}");
        assert!(shown.contains("api.example.invalid") && !shown.contains("dbg-secret"), "{shown}");
    }
}
