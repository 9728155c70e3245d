//! The client: configuration, sending a call with auth and retries, and reading the reply.
//!
//! One non-generic path does the work of every call (build the request, send it with retries,
//! read the body within its size limit, recognise errors); only decoding the body is generic,
//! so each operation of a generated crate adds a decode, not another copy of the send path.

use std::fmt;
use std::marker::PhantomData;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use reqwest::{StatusCode, Url};
use tracing::Instrument as _;
use tracing::field::Empty;

use super::auth::{Auth, Credential};
use super::call::Call;
use super::config::ApiConfig;
use super::error::{self, Error};
#[cfg(feature = "paging")]
use super::paging::PagingLimits;
use super::redact::Secrets;
use super::reply::{Binary, Json, Operation, Reply, ReplyFormat, Text};
use super::retry::{self, RetryPolicy};

/// Limit of one attempt unless configured otherwise.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Limit of a whole call, retries included, unless configured otherwise.
const DEFAULT_DEADLINE: Duration = Duration::from_secs(120);
/// Longest deadline accepted: a longer one is this.
const MAX_DEADLINE: Duration = Duration::from_secs(24 * 60 * 60);
/// Longest reply body read unless configured otherwise.
const DEFAULT_MAX_REPLY_BYTES: u64 = 64 * 1024 * 1024;
/// Environment variables through which reqwest's default client picks a proxy.
const PROXY_VARIABLES: [&str; 6] = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"];

/// Sets up a [`Client`].
pub struct ClientBuilder {
    config: &'static ApiConfig,
    auth: Option<Auth>,
    base_url: Option<String>,
    timeout: Duration,
    deadline: Duration,
    retry: RetryPolicy,
    user_agent: Option<String>,
    http: Http,
    max_reply_bytes: u64,
    #[cfg(feature = "paging")]
    paging: PagingLimits,
}

/// Where the reqwest client comes from.
enum Http {
    /// Built by `build()`, never following redirects.
    Default,
    /// The caller's client, whose redirect policy is unknown.
    Client(reqwest::Client),
    /// The caller's settings, finished by `build()` with redirects off.
    Builder(Box<reqwest::ClientBuilder>),
}

impl Http {
    fn into_client(self) -> reqwest::Result<reqwest::Client> {
        match self {
            Self::Client(http) => Ok(http),
            // No redirects: credentials must never reach another host.
            Self::Default => reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build(),
            Self::Builder(builder) => builder.redirect(reqwest::redirect::Policy::none()).build(),
        }
    }
}

impl ClientBuilder {
    /// A builder with the API's defaults: its default host, a 30 s attempt timeout, a 120 s
    /// deadline per call, the default retry policy, a 64 MiB reply limit and no credentials.
    pub fn new(config: &'static ApiConfig) -> Self {
        Self {
            config,
            auth: None,
            base_url: None,
            timeout: DEFAULT_TIMEOUT,
            deadline: DEFAULT_DEADLINE,
            retry: RetryPolicy::default(),
            user_agent: None,
            http: Http::Default,
            max_reply_bytes: DEFAULT_MAX_REPLY_BYTES,
            #[cfg(feature = "paging")]
            paging: PagingLimits::default(),
        }
    }

    /// How to authenticate.
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// Host root that operation paths are appended to, e.g. `http://127.0.0.1:8080`. It may not
    /// carry a user name or password. Plain `http` is refused with credentials unless the host is
    /// a loopback address reached directly: not through a proxy (`HTTP_PROXY`, `HTTPS_PROXY`,
    /// `ALL_PROXY`), and not through a reqwest client of yours, which may use one.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Limit for one attempt: connecting, sending and reading the reply (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Limit for a whole call, every attempt and wait between them included (default 120 s,
    /// at most a day). A retry that would start after it is not made; a call still running
    /// then fails with `Error::Deadline`.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline.min(MAX_DEADLINE);
        self
    }

    /// When to repeat failed calls.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Longest reply body read (default 64 MiB). A longer one fails the call with
    /// `Error::ReplyTooLarge` as soon as its `Content-Length` or its bytes pass the limit, so
    /// memory stays bounded whatever the server sends.
    pub fn max_reply_bytes(mut self, limit: u64) -> Self {
        self.max_reply_bytes = limit;
        self
    }

    /// Most pages one `*_stream` requests before failing with `Error::Paging` (default 100,000).
    #[cfg(feature = "paging")]
    pub fn max_pages(mut self, limit: u64) -> Self {
        self.paging.max_pages = limit;
        self
    }

    /// Most items one `*_stream` yields before failing with `Error::Paging` (default 10,000,000).
    #[cfg(feature = "paging")]
    pub fn max_items(mut self, limit: u64) -> Self {
        self.paging.max_items = limit;
        self
    }

    /// `User-Agent` header (default: `<crate name>/<crate version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Sends through this reqwest client (its proxy and TLS settings apply). By default the
    /// client builds its own, which never follows redirects.
    ///
    /// Your client may follow redirects; credentials still never reach another origin or a
    /// downgraded scheme: reqwest drops `Authorization` on any such redirect, request bodies are
    /// sent in a form reqwest cannot replay (so a 307/308 is returned, not followed, and a
    /// 301/302/303 continues without the body), and query credentials stay in the first URL. A
    /// credential in another header would be re-sent, so with such auth `build()` refuses your
    /// client: pass its settings with [`Self::http_client_builder`] instead.
    pub fn http_client(mut self, http_client: reqwest::Client) -> Self {
        self.http = Http::Client(http_client);
        self
    }

    /// Builds the reqwest client from these settings (proxy, TLS, pools), with redirects
    /// turned off whatever they say.
    pub fn http_client_builder(mut self, builder: reqwest::ClientBuilder) -> Self {
        self.http = Http::Builder(Box::new(builder));
        self
    }

    /// Checks the settings, loads deferred credentials and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let config = self.config;
        if self.base_url.is_none() && !config.default_base_url.contains("://") {
            let given = match config.default_base_url {
                "" => "no server".to_owned(),
                relative => format!("the server only as `{relative}`"),
            };
            return Err(Error::invalid(format!("the spec gives {given}: set the API's URL with `.base_url(..)`")));
        }
        let base_url = self.base_url.as_deref().unwrap_or(config.default_base_url);
        let base_url = base_url.trim_end_matches('/').to_owned();
        let shown = without_userinfo(&base_url);
        let parsed =
            Url::parse(&base_url).map_err(|error| Error::invalid(format!("invalid base URL `{shown}`: {error}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(Error::invalid(format!("base URL `{shown}` must be an http(s) URL with a host")));
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(Error::invalid(format!(
                "base URL `{shown}` must not carry a user name or password; use `.auth(..)`"
            )));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(Error::invalid(format!("base URL `{shown}` must not have a query or fragment")));
        }
        let auth = self.auth.map(|auth| auth.resolve(config)).transpose()?;
        let callers_client = !matches!(self.http, Http::Default);
        if auth.is_some() && parsed.scheme() == "http" {
            let proxied = callers_client || proxy_configured(|name| std::env::var_os(name));
            if !is_loopback(&parsed) || proxied {
                return Err(Error::invalid(format!(
                    "refusing to send credentials over plain http to `{shown}`; use https (plain http is \
                     allowed for loopback hosts reached without a proxy or a reqwest client of yours only)"
                )));
            }
        }
        if matches!(self.http, Http::Client(_)) && auth.as_ref().is_some_and(Auth::uses_custom_header) {
            return Err(Error::invalid(
                "a reqwest client of yours may follow redirects and re-send the auth header to another host; \
                 pass its settings with `http_client_builder(..)` instead, which turns redirects off",
            ));
        }
        let user_agent = match self.user_agent {
            Some(user_agent) => user_agent,
            None => format!("{}/{}", config.crate_name, config.crate_version),
        };
        let user_agent = HeaderValue::from_str(&user_agent)
            .map_err(|_| Error::invalid(format!("`{user_agent}` is not a valid User-Agent")))?;
        let may_redirect = matches!(self.http, Http::Client(_));
        let no_secrets = Secrets::default();
        let http = self.http.into_client().map_err(|error| Error::from_reqwest(error, &no_secrets))?;
        Ok(Client {
            inner: Arc::new(Inner {
                config,
                http,
                may_redirect,
                base_url,
                auth,
                retry: self.retry,
                timeout: self.timeout,
                deadline: self.deadline,
                user_agent,
                max_reply_bytes: self.max_reply_bytes,
                #[cfg(feature = "paging")]
                paging: self.paging,
            }),
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url.as_deref().map(without_userinfo))
            .field("auth", &self.auth)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("max_reply_bytes", &self.max_reply_bytes)
            .finish_non_exhaustive()
    }
}

/// The URL with any `user:password@` replaced, for messages.
fn without_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest.get(..authority_end).and_then(|authority| authority.rfind('@')) {
        Some(at) => format!("{scheme}://<redacted>@{}", rest.get(at + 1..).unwrap_or_default()),
        None => url.to_owned(),
    }
}

/// Whether a proxy is configured through the environment (`lookup` reads a variable).
fn proxy_configured(lookup: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    PROXY_VARIABLES.iter().any(|name| lookup(name).is_some_and(|value| !value.is_empty()))
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

#[derive(Clone)]
struct Inner {
    config: &'static ApiConfig,
    http: reqwest::Client,
    /// The caller's own client, which may follow redirects.
    may_redirect: bool,
    base_url: String,
    auth: Option<Auth>,
    retry: RetryPolicy,
    timeout: Duration,
    deadline: Duration,
    user_agent: HeaderValue,
    max_reply_bytes: u64,
    #[cfg(feature = "paging")]
    paging: PagingLimits,
}

/// A success reply, before decoding.
struct Received {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

/// The outcome of one attempt, with what the retry loop needs to know.
struct Attempt {
    status: Option<StatusCode>,
    retry_after: Option<Duration>,
    result: Result<Received, Error>,
}

/// A call on its way, as an operation method returns it: `.await` it for the decoded reply.
///
/// Sending (auth, retries, timeouts, reading the body) is one future shared by every operation;
/// only the decoding is specific to the reply type. Each operation thus adds a small function to
/// the crate, not another copy of the send path, which keeps big clients quick to compile.
#[must_use = "a call is sent only when awaited"]
pub struct Pending<'a, F> {
    sending: Sending<'a>,
    client: &'a Client,
    // The format as a type, not a decode function pointer: a pointer would make this crate
    // compile every reply type's decoder up front; as a type, it is compiled where awaited.
    format: PhantomData<fn() -> F>,
}

/// The shared send path in flight: the success reply, still undecoded, and the call it answers.
type Sending<'a> = Pin<Box<dyn Future<Output = Result<(Received, Call), Error>> + Send + 'a>>;

impl<F: ReplyFormat> Future for Pending<'_, F> {
    type Output = Result<F::Value, Error>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        let (received, call) = match self.sending.as_mut().poll(context) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result?,
        };
        Poll::Ready(decode::<F>(self.client, &received, &call))
    }
}

impl<F> fmt::Debug for Pending<'_, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pending").finish_non_exhaustive()
    }
}

impl Client {
    /// Sends a generated request and decodes its reply: `.await` the [`Pending`] call.
    pub fn call<O: Operation>(&self, request: O) -> Pending<'_, O::Format> {
        Pending { sending: Box::pin(self.send_call(request.into_call())), client: self, format: PhantomData }
    }

    /// The send path shared by every operation: not generic, so compiled once.
    async fn send_call(&self, call: Result<Call, Error>) -> Result<(Received, Call), Error> {
        let call = call?;
        let received = self.exchange(&call).await?;
        Ok((received, call))
    }

    /// Sends a generated request and returns its reply: status, headers and body bytes next to
    /// the decoded value.
    pub async fn reply<O: Operation>(&self, request: O) -> Result<Reply<<O::Format as ReplyFormat>::Value>, Error> {
        self.execute_reply::<O::Format>(request.into_call()?).await
    }

    /// Sends `call` and returns its reply, decoded as `F` says.
    pub async fn execute_reply<F: ReplyFormat>(&self, call: Call) -> Result<Reply<F::Value>, Error> {
        let received = self.exchange(&call).await?;
        let value = decode::<F>(self, &received, &call)?;
        Ok(Reply { status: received.status, headers: received.headers, body: received.body, value })
    }

    /// Sends `call` and decodes the success body as `T`.
    pub async fn execute<T: serde::de::DeserializeOwned>(&self, call: Call) -> Result<T, Error> {
        self.execute_reply::<Json<T>>(call).await.map(|reply| reply.value)
    }

    /// Sends `call` and returns the success body as text (for `text/*` replies).
    pub async fn execute_text(&self, call: Call) -> Result<String, Error> {
        self.execute_reply::<Text>(call).await.map(|reply| reply.value)
    }

    /// Sends `call` and returns the success body's bytes (for binary replies).
    pub async fn execute_bytes(&self, call: Call) -> Result<Vec<u8>, Error> {
        self.execute_reply::<Binary>(call).await.map(|reply| reply.value)
    }

    /// Sends `call` and ignores the success body (after checking it is not an error).
    pub async fn execute_empty(&self, call: Call) -> Result<(), Error> {
        self.exchange(&call).await.map(drop)
    }

    /// Interprets a reply obtained some other way (a recording, another transport) exactly as
    /// this client interprets the replies it receives: error envelope, status, then decoding
    /// as `F`, errors redacted with this client's secrets.
    pub fn decode_reply<F: ReplyFormat>(&self, status: StatusCode, body: &[u8]) -> Result<F::Value, Error> {
        let mut secrets = Secrets::new(self.inner.config.secret_fields);
        if let Some(auth) = &self.inner.auth {
            auth.add_secrets(&mut secrets);
        }
        if let Some(error) = error::reply_error(self.inner.config, status, body, &secrets, None) {
            return Err(error);
        }
        F::decode(status, body, &secrets)
    }

    /// The limits of this client's paged streams (for the generated `*_stream` methods).
    #[cfg(feature = "paging")]
    pub fn paging_limits(&self) -> PagingLimits {
        self.inner.paging
    }

    /// Sends with retries, in the call's span; the success body comes back undecoded.
    async fn exchange(&self, call: &Call) -> Result<Received, Error> {
        let span = tracing::info_span!(
            "api_call",
            operation = call.operation,
            attempt = Empty,
            status = Empty,
            duration_ms = Empty,
            error_code = Empty,
        );
        async {
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
        .instrument(span)
        .await
    }

    async fn send_with_retries(&self, call: &Call, span: &tracing::Span) -> Result<Received, Error> {
        if call.bodies() > 1 {
            return Err(Error::invalid(format!("`{}`: a call can send only one kind of body", call.operation)));
        }
        let url = self.url(call)?;
        let inner = &*self.inner;
        let policy = call.retry.as_ref().unwrap_or(&inner.retry);
        let started = Instant::now();
        let deadline = started.checked_add(inner.deadline);
        let mut retries = 0;
        let mut attempts = 0;
        let mut signed_afresh = false;
        loop {
            let remaining = deadline.map(|deadline| deadline.saturating_duration_since(Instant::now()));
            if remaining == Some(Duration::ZERO) {
                return Err(Error::Deadline { deadline: inner.deadline });
            }
            let timeout = call.timeout.unwrap_or(inner.timeout);
            let timeout = remaining.map_or(timeout, |remaining| timeout.min(remaining));
            attempts += 1;
            span.record("attempt", attempts);
            let attempt = self.attempt(call, &url, timeout).await;
            if let Some(status) = attempt.status {
                span.record("status", status.as_u16());
            }
            let error = match attempt.result {
                Ok(received) => return Ok(received),
                Err(Error::Timeout) if deadline.is_some_and(|deadline| Instant::now() >= deadline) => {
                    return Err(Error::Deadline { deadline: inner.deadline });
                }
                Err(error) => error,
            };
            if let Some(code) = error.code() {
                span.record("error_code", code);
            }
            // A refused service-account token is signed afresh once: the server rejected the
            // request before acting on it, so sending it again is safe for any call.
            if !signed_afresh && self.is_auth_failure(&error) && inner.auth.as_ref().is_some_and(Auth::forget_token) {
                signed_afresh = true;
                tracing::info!(%error, "credentials refused; signing a new token");
                continue;
            }
            if !policy.should_retry(&error, call.idempotent, retries) {
                return Err(error);
            }
            let delay = policy.delay(retries, attempt.retry_after);
            let remaining = deadline.map(|deadline| deadline.saturating_duration_since(Instant::now()));
            if remaining.is_some_and(|remaining| delay >= remaining) {
                // No time left for another attempt after the wait.
                return Err(error);
            }
            tracing::info!(%error, delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX), "retrying");
            tokio::time::sleep(delay).await;
            retries += 1;
        }
    }

    /// Whether the server refused the credentials (HTTP 401, or a code the API documents so).
    fn is_auth_failure(&self, error: &Error) -> bool {
        #[cfg(feature = "envelope")]
        if super::envelope::is_auth_failure(self.inner.config, error) {
            return true;
        }
        error.status() == Some(StatusCode::UNAUTHORIZED)
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

    async fn attempt(&self, call: &Call, url: &Url, timeout: Duration) -> Attempt {
        let failed = |error| Attempt { status: None, retry_after: None, result: Err(error) };
        let (http, request) = match self.request(call, url, timeout) {
            Ok(built) => built,
            Err(error) => return failed(error),
        };
        let response = match http.execute(request).await {
            Ok(response) => response,
            Err(error) => return failed(Error::from_reqwest(error, &self.secrets(call))),
        };
        let status = response.status();
        let retry_after = retry::retry_after(response.headers());
        let headers = response.headers().clone();
        let result = match self.read_body(response, call).await {
            Ok(body) => {
                let secrets = self.secrets(call);
                if tracing::enabled!(tracing::Level::TRACE) {
                    tracing::trace!(body = %secrets.excerpt(&body), "reply body");
                }
                match error::reply_error(self.inner.config, status, &body, &secrets, call.errors) {
                    Some(error) => Err(error),
                    None => Ok(Received { status, headers, body }),
                }
            }
            Err(error) => Err(error),
        };
        Attempt { status: Some(status), retry_after, result }
    }

    /// Reads the whole body, stopping with `Error::ReplyTooLarge` as soon as it passes the
    /// limit (announced or actual), so a huge or endless reply never fills memory.
    async fn read_body(&self, mut response: reqwest::Response, call: &Call) -> Result<Bytes, Error> {
        let limit = self.inner.max_reply_bytes;
        let announced = response.content_length();
        if announced.is_some_and(|length| length > limit) {
            return Err(Error::ReplyTooLarge { limit });
        }
        let capacity = usize::try_from(announced.unwrap_or(0)).unwrap_or(0);
        // A body that comes in one chunk is kept as it came, without a copy.
        let mut first: Option<Bytes> = None;
        let mut body: Vec<u8> = Vec::new();
        let mut received: u64 = 0;
        while let Some(chunk) =
            response.chunk().await.map_err(|error| Error::from_reqwest(error, &self.secrets(call)))?
        {
            received = received.saturating_add(u64::try_from(chunk.len()).unwrap_or(u64::MAX));
            if received > limit {
                return Err(Error::ReplyTooLarge { limit });
            }
            if first.is_none() && body.is_empty() {
                first = Some(chunk);
                continue;
            }
            if let Some(previous) = first.take() {
                body.reserve(capacity.max(previous.len() + chunk.len()));
                body.extend_from_slice(&previous);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(first.unwrap_or_else(|| Bytes::from(body)))
    }

    /// The HTTP request for one attempt. Credentials are fetched per attempt, so a retry
    /// reuses the cached token unless it is due for renewal.
    fn request(&self, call: &Call, url: &Url, timeout: Duration) -> Result<(reqwest::Client, reqwest::Request), Error> {
        let inner = &*self.inner;
        let mut request = inner
            .http
            .request(call.method.clone(), url.clone())
            .timeout(timeout)
            .header(USER_AGENT, inner.user_agent.clone());
        for (name, value) in &call.headers {
            request = request.header(header_name(name)?, header_value(name, value)?);
        }
        if !call.cookies.is_empty() {
            // Values are percent-encoded: `;`, `,` and spaces cannot split the header.
            let cookies: Vec<String> = call
                .cookies
                .iter()
                .map(|(name, value)| format!("{name}={}", super::wire::path_segment(value)))
                .collect();
            request = request.header(reqwest::header::COOKIE, header_value("Cookie", &cookies.join("; "))?);
        }
        let mut query: Vec<(&str, &str)> =
            call.query.iter().map(|(name, value)| (name.as_ref(), value.as_str())).collect();
        let mut form: Vec<(&str, &str)> =
            call.form.iter().map(|(name, value)| (name.as_ref(), value.as_str())).collect();
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
                Credential::Form { name, value } => form.push((name, value)),
                Credential::Query { name, value } => query.push((name, value)),
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
        #[cfg(feature = "multipart")]
        if let Some(form) = call.multipart_form() {
            request = request.multipart(form);
        }
        if let Some((content_type, body)) = &call.raw {
            request = request.header(reqwest::header::CONTENT_TYPE, *content_type).body(body.clone());
        }
        let (http, request) = request.build_split();
        let mut request = request.map_err(|error| Error::from_reqwest(error, &self.secrets(call)))?;
        // Only a caller's client may follow a redirect; the body of one of ours goes as it is
        // (re-wrapping it made every call measurably slower).
        if inner.may_redirect {
            unreplayable(&mut request);
        }
        Ok((http, request))
    }

    /// What to hide in this call's errors and logs: the credentials, and the values of the
    /// call's parameters that the spec marks as secret.
    fn secrets<'a>(&'a self, call: &'a Call) -> Secrets<'a> {
        let mut secrets = Secrets::new(self.inner.config.secret_fields);
        if let Some(auth) = &self.inner.auth {
            auth.add_secrets(&mut secrets);
        }
        for (name, value) in call.query.iter().chain(&call.form).chain(&call.headers) {
            if secrets.is_secret_field(name) {
                secrets.add(value.as_str());
            }
        }
        secrets
    }
}

/// Replaces a reusable body by one that reqwest cannot send twice, so that no redirect a
/// caller's client follows re-sends it (credentials and passwords travel in bodies).
fn unreplayable(request: &mut reqwest::Request) {
    if let Some(body) = request.body_mut()
        && let Some(bytes) = body.as_bytes()
    {
        let once = http_body_util::Full::new(Bytes::copy_from_slice(bytes));
        *body = reqwest::Body::wrap(once);
    }
}

/// Decodes a success body as `F` says; errors are redacted with the call's secrets and logged.
fn decode<F: ReplyFormat>(client: &Client, received: &Received, call: &Call) -> Result<F::Value, Error> {
    F::decode(received.status, &received.body, &client.secrets(call)).inspect_err(not_understood)
}

/// Logs a reply that did not decode (the error is redacted).
fn not_understood(error: &Error) {
    tracing::info!(%error, "reply not understood");
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
            .field("deadline", &inner.deadline)
            .field("user_agent", &inner.user_agent)
            .field("max_reply_bytes", &inner.max_reply_bytes)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
