//! Shared helpers: loading recordings, the throwaway service-account key, replaying a recording
//! on a local mock server, and checking what the client sent (fields and JWT).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der};
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::{KeyPair as _, RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::Value;
use voximplant_client::{Auth, Client, Error, ErrorCode, RetryPolicy, ServiceAccount};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// The account that owns the test key.
pub const ACCOUNT_ID: i64 = 1234;
/// Its e-mail, as in a real `credentials.json`.
pub const ACCOUNT_EMAIL: &str = "owner@example.com";
/// The key id, expected as the JWT `kid`.
pub const KEY_ID: &str = "behaviour-test-key-id";

/// `tests/recorded/`.
pub fn recorded_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("recorded")
}

/// A file under `tests/recorded/`, as text.
pub fn read_recorded(relative: &str) -> String {
    let file = recorded_dir().join(relative);
    std::fs::read_to_string(&file).unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()))
}

/// One request/response pair: the form fields the client must send and the reply body.
pub struct Recording {
    pub request: BTreeMap<String, String>,
    pub response: String,
}

/// Loads `tests/recorded/<operation>/<case>.request.json` and `<case>.response.json`.
pub fn load(operation: &str, case: &str) -> Recording {
    let request_text = read_recorded(&format!("{operation}/{case}.request.json"));
    let request: BTreeMap<String, String> = serde_json::from_str(&request_text)
        .unwrap_or_else(|error| panic!("{operation}/{case}.request.json must be an object of strings: {error}"));
    let response = read_recorded(&format!("{operation}/{case}.response.json"));
    // A recording must at least be JSON, so a typo in it cannot pass as a "hostile body" test.
    serde_json::from_str::<Value>(&response)
        .unwrap_or_else(|error| panic!("{operation}/{case}.response.json is not JSON: {error}"));
    Recording { request, response }
}

/// A throwaway RSA-2048 key made at test time (never committed).
pub struct TestKey {
    /// PKCS#8 PEM, as in `credentials.json`.
    pub pem: String,
    /// The public half, PKCS#1 `RSAPublicKey` DER.
    pub public_der: Vec<u8>,
}

/// The key, generated once per test binary.
pub fn test_key() -> &'static TestKey {
    static KEY: OnceLock<TestKey> = OnceLock::new();
    KEY.get_or_init(|| {
        let key = KeyPair::generate(KeySize::Rsa2048).expect("RSA key generation");
        let der: Pkcs8V1Der<'_> = key.as_der().expect("PKCS#8 encoding");
        let text = STANDARD.encode(der.as_ref());
        let mut pem = String::from("-----BEGIN PRIVATE KEY-----\n");
        for line in text.as_bytes().chunks(64) {
            pem.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
            pem.push('\n');
        }
        pem.push_str("-----END PRIVATE KEY-----\n");
        TestKey { pem, public_der: key.public_key().as_ref().to_vec() }
    })
}

/// A `credentials.json` for the test key.
pub fn credentials_json() -> String {
    serde_json::json!({
        "account_id": ACCOUNT_ID,
        "account_email": ACCOUNT_EMAIL,
        "key_id": KEY_ID,
        "private_key": test_key().pem,
    })
    .to_string()
}

/// The service account of `credentials_json()`.
pub fn service_account() -> ServiceAccount {
    ServiceAccount::from_json(&credentials_json()).expect("valid test credentials")
}

/// Retries with waits of a few milliseconds, so retry tests stay fast.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_retries(3)
        .initial_backoff(Duration::from_millis(2))
        .max_backoff(Duration::from_millis(5))
}

/// A client for `server` with the given auth and retry policy.
pub fn client_with(server: &MockServer, auth: Auth, retry: RetryPolicy) -> Client {
    Client::builder()
        .auth(auth)
        .base_url(server.uri())
        .timeout(Duration::from_secs(10))
        .retry(retry)
        .build()
        .expect("client builds")
}

/// A client for `server` with service-account auth and fast retries.
pub fn client(server: &MockServer) -> Client {
    client_with(server, Auth::service_account(service_account()), fast_retries())
}

/// A JSON reply with status `status`.
pub fn json_reply(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

/// Mounts `responder` for `POST /platform_api/<operation>`.
pub async fn mount(server: &MockServer, operation: &str, responder: impl Respond + 'static) {
    Mock::given(method("POST"))
        .and(path(format!("/platform_api/{operation}")))
        .respond_with(responder)
        .mount(server)
        .await;
}

/// A mock server that answers `POST /platform_api/<operation>` with a recording.
pub struct Replay {
    pub server: MockServer,
    pub recording: Recording,
    pub operation: &'static str,
}

impl Replay {
    /// Starts a server on 127.0.0.1 that answers with `<operation>/<case>.response.json` (HTTP 200).
    pub async fn start(operation: &'static str, case: &str) -> Self {
        let recording = load(operation, case);
        let server = MockServer::start().await;
        mount(&server, operation, json_reply(200, &recording.response)).await;
        Self { server, recording, operation }
    }

    /// A service-account client for this server.
    pub fn client(&self) -> Client {
        client(&self.server)
    }

    /// Checks that exactly one request arrived and that it is what the recording expects:
    /// method, path, content type, every form field, and a valid JWT for `ACCOUNT_ID`.
    pub async fn assert_sent(&self) -> Jwt {
        self.assert_sent_times(1).await
    }

    /// The same for `times` identical requests (a call sent again with a fresh token); returns
    /// the last token.
    pub async fn assert_sent_times(&self, times: usize) -> Jwt {
        let requests = received(&self.server).await;
        assert_eq!(requests.len(), times, "{}: expected exactly {times} request(s)", self.operation);
        let mut last = None;
        for request in &requests {
            let fields = assert_form_request(request, self.operation);
            assert_eq!(fields, self.recording.request, "{}: form fields sent", self.operation);
            let token = verify_bearer(request);
            assert_eq!(token.claims["iss"], serde_json::json!(ACCOUNT_ID), "iss is the account id, as a JSON number");
            last = Some(token);
        }
        last.expect("at least one request")
    }
}

/// Every request the server saw.
pub async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("request recording is on")
}

/// Checks method, path, query and content type of a call of `operation`, and returns its form
/// fields (each name at most once).
pub fn assert_form_request(request: &Request, operation: &str) -> BTreeMap<String, String> {
    assert_eq!(request.method.as_str(), "POST", "{operation}: method");
    assert_eq!(request.url.path(), format!("/platform_api/{operation}"), "{operation}: path");
    assert_eq!(request.url.query(), None, "{operation}: parameters travel in the body, not the query string");
    let fields = form_fields(request);
    let content_type = request.headers.get("content-type").map(|value| value.to_str().expect("ASCII header"));
    if fields.is_empty() {
        // Nothing to send: no body at all (a bodiless POST needs no content type).
        assert!(request.body.is_empty(), "{operation}: unexpected body {:?}", String::from_utf8_lossy(&request.body));
        assert!(
            content_type.is_none_or(|value| value.starts_with("application/x-www-form-urlencoded")),
            "{operation}: content type {content_type:?}"
        );
    } else {
        assert_eq!(content_type, Some("application/x-www-form-urlencoded"), "{operation}: content type");
    }
    fields
}

/// The `application/x-www-form-urlencoded` body as a map; a repeated name fails the test.
pub fn form_fields(request: &Request) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    for (name, value) in form_urlencoded::parse(&request.body) {
        let previous = fields.insert(name.clone().into_owned(), value.into_owned());
        assert!(previous.is_none(), "form field `{name}` sent more than once");
    }
    fields
}

/// A decoded, signature-checked JWT.
pub struct Jwt {
    pub raw: String,
    pub header: Value,
    pub claims: Value,
}

/// Reads `Authorization: Bearer <jwt>` and checks the token: RS256 signature by the test key
/// (verified with aws-lc-rs directly, independently of the client's signing library),
/// `kid` = `KEY_ID`, integer `iat`/`exp` with `iat <= now < exp` and `exp - iat <= 3600`.
pub fn verify_bearer(request: &Request) -> Jwt {
    let header = request.headers.get("authorization").expect("an Authorization header");
    let header = header.to_str().expect("ASCII header");
    let raw = header.strip_prefix("Bearer ").unwrap_or_else(|| panic!("not a bearer token: {header}"));
    let jwt = verify_jwt(raw).unwrap_or_else(|problem| panic!("invalid JWT: {problem}"));
    assert_eq!(jwt.header["alg"], "RS256");
    assert_eq!(jwt.header["kid"], KEY_ID);
    let iat = jwt.claims["iat"].as_u64().expect("integer iat");
    let exp = jwt.claims["exp"].as_u64().expect("integer exp");
    let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock after 1970").as_secs();
    assert!(iat <= now, "iat {iat} is in the future (now {now})");
    assert!(exp > now, "token already expired: exp {exp}, now {now}");
    assert!(exp > iat && exp - iat <= 3600, "lifetime exp - iat = {} s", exp.saturating_sub(iat));
    assert!(jwt.claims["iss"].is_i64(), "iss must be a JSON integer: {}", jwt.claims["iss"]);
    jwt
}

/// Splits, decodes and verifies a compact JWS signed with the test key.
pub fn verify_jwt(raw: &str) -> Result<Jwt, String> {
    let parts: Vec<&str> = raw.split('.').collect();
    let [header, claims, signature] = parts.as_slice() else {
        return Err(format!("expected 3 parts, got {}", parts.len()));
    };
    let decode = |part: &str| URL_SAFE_NO_PAD.decode(part).map_err(|error| format!("bad base64url: {error}"));
    let signature = decode(signature)?;
    let public_key = UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, &test_key().public_der);
    public_key
        .verify(format!("{header}.{claims}").as_bytes(), &signature)
        .map_err(|_| "the RS256 signature does not verify with the test key's public half".to_owned())?;
    let json = |bytes: Vec<u8>| serde_json::from_slice::<Value>(&bytes).map_err(|error| error.to_string());
    Ok(Jwt { raw: raw.to_owned(), header: json(decode(header)?)?, claims: json(decode(claims)?)? })
}

/// Checks an `Error::Api` against the envelope in `response`: code (numeric, `code()` and the
/// named constant), message and the error list.
pub fn assert_api_error(error: &Error, expected: ErrorCode, response: &str) {
    let envelope: Value = serde_json::from_str(response).expect("recorded envelope is JSON");
    let number = envelope["error"]["code"].as_i64().expect("recorded code");
    let text = envelope["error"]["msg"].as_str().expect("recorded msg");
    assert_eq!(expected.value(), number, "the constant under test matches the recording");
    let Error::Api { code, message, errors, .. } = error else { panic!("expected Error::Api, got {error:?}") };
    assert_eq!(*code, expected);
    assert_eq!(code.value(), number);
    assert_eq!(code.name(), expected.name());
    assert!(code.name().is_some(), "a documented code carries its name");
    assert_eq!(error.code(), Some(number));
    assert_eq!(message, text);
    let listed: Vec<(i64, &str)> = envelope["errors"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| (item["code"].as_i64().expect("code"), item["msg"].as_str().expect("msg")))
                .collect()
        })
        .unwrap_or_default();
    let got: Vec<(i64, &str)> = errors.iter().map(|detail| (detail.code, detail.message.as_str())).collect();
    assert_eq!(got, listed, "the `errors` list");
}
