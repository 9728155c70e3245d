//! Credentials: service-account JWTs (signed and cached here), legacy API keys, and plain
//! bearer, basic, header and query credentials for APIs that use them.

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::Serialize;
use serde_json::Value;

use super::call::Call;
use super::config::ApiConfig;
use super::error::Error;

/// Seconds `iat` is back-dated, so a server clock slightly behind ours still accepts the token.
const CLOCK_SKEW_SECS: u64 = 5;
/// Token lifetime (`exp - iat`); the server refuses more than 3600 s.
const TOKEN_LIFETIME_SECS: u64 = 1800;
/// A cached token is replaced this long before it expires, so it never expires in flight.
const RENEW_MARGIN_SECS: u64 = 300;

/// A service-account key (`credentials.json`): account id, key id and RSA private key.
pub struct ServiceAccount {
    account_id: i64,
    account_email: String,
    key_id: String,
    key: EncodingKey,
}

impl ServiceAccount {
    /// Reads a service-account key file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|error| {
            Error::auth(format!("cannot read service-account key file `{}`: {error}", path.display()))
        })?;
        Self::from_json(&text)
    }

    /// Parses the JSON of a service-account key file. The key is checked at once, so a bad
    /// key fails here rather than on the first call.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        // serde_json's syntax errors carry only a position, never the text around it.
        let file: Value = serde_json::from_str(json).map_err(|error| {
            Error::auth(format!(
                "credentials.json is not valid JSON (line {}, column {})",
                error.line(),
                error.column()
            ))
        })?;
        let field = |name: &str| file.get(name).filter(|value| !value.is_null());
        let account_id = field("account_id")
            .and_then(Value::as_i64)
            .ok_or_else(|| Error::auth("credentials.json: `account_id` is missing or not an integer"))?;
        let account_email = match field("account_email") {
            None => String::new(),
            Some(value) => value
                .as_str()
                .ok_or_else(|| Error::auth("credentials.json: `account_email` is not a string"))?
                .to_owned(),
        };
        let key_id = field("key_id")
            .and_then(Value::as_str)
            .filter(|key_id| !key_id.is_empty())
            .ok_or_else(|| Error::auth("credentials.json: `key_id` is missing or not a string"))?
            .to_owned();
        let pem = field("private_key")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::auth("credentials.json: `private_key` is missing or not a string"))?;
        let bad_key = || Error::auth("credentials.json: `private_key` is not a PKCS#8 RSA PEM key");
        let key = EncodingKey::from_rsa_pem(pem.as_bytes()).map_err(|_| bad_key())?;
        let account = Self { account_id, account_email, key_id, key };
        // The PEM decoder only unwraps the key; a trial signature proves it is a usable RSA key.
        account.sign(account_id, 0).map_err(|_| bad_key())?;
        Ok(account)
    }

    /// The account that owns the key.
    pub fn account_id(&self) -> i64 {
        self.account_id
    }

    /// The account's e-mail address (empty when the file has none).
    pub fn account_email(&self) -> &str {
        &self.account_email
    }

    /// The key id, sent as the JWT `kid` header.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// Signs an RS256 token for issuer `iss`, issued (back-dated) at `now`.
    fn sign(&self, iss: i64, now: u64) -> Result<Token, Error> {
        #[derive(Serialize)]
        struct Claims {
            iss: i64,
            iat: u64,
            exp: u64,
        }
        let iat = now.saturating_sub(CLOCK_SKEW_SECS);
        let exp = iat + TOKEN_LIFETIME_SECS;
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.key_id.clone());
        let value = jsonwebtoken::encode(&header, &Claims { iss, iat, exp }, &self.key)
            .map_err(|error| Error::auth(format!("cannot sign the service-account token: {error}")))?;
        Ok(Token { value, renew_at: exp - RENEW_MARGIN_SECS })
    }
}

impl fmt::Debug for ServiceAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceAccount")
            .field("account_id", &self.account_id)
            .field("account_email", &self.account_email)
            .field("key_id", &self.key_id)
            .field("private_key", &"<redacted>")
            .finish()
    }
}

/// A signed JWT and when to stop using it (UNIX seconds).
#[derive(Clone)]
struct Token {
    value: String,
    renew_at: u64,
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token").field("value", &"<redacted>").field("renew_at", &self.renew_at).finish()
    }
}

/// How the client authenticates. Clones share the service-account token cache.
#[derive(Clone)]
pub struct Auth {
    kind: Kind,
    acting_as: Option<i64>,
}

#[derive(Clone)]
enum Kind {
    ServiceAccount {
        account: Arc<ServiceAccount>,
        cache: Arc<Mutex<Option<Token>>>,
    },
    /// Resolved by `ClientBuilder::build()` from the API's credentials variable.
    FromEnv,
    ApiKey {
        account_id: i64,
        api_key: String,
    },
    Bearer(String),
    Basic {
        user: String,
        password: String,
    },
    Header {
        name: String,
        value: String,
    },
    Query {
        name: String,
        value: String,
    },
}

/// One credential to attach to a request, as worked out by [`Auth::credentials`].
pub(super) enum Credential<'a> {
    /// `Authorization: Bearer <token>`.
    Bearer(String),
    /// `Authorization: Basic ..`.
    Basic { user: &'a str, password: &'a str },
    /// Any header.
    Header { name: &'a str, value: &'a str },
    /// A request parameter, in the form body or the query string.
    Param { name: &'a str, value: String, in_form: bool },
}

impl Auth {
    /// Signs requests with a service-account JWT (`Authorization: Bearer`), cached and
    /// renewed before it expires.
    pub fn service_account(account: ServiceAccount) -> Self {
        Self::from_kind(Kind::ServiceAccount { account: Arc::new(account), cache: Arc::default() })
    }

    /// The service-account key file named by the API's credentials environment variable
    /// (`VOXIMPLANT_CREDENTIALS` for Voximplant). The variable is read, and the file loaded,
    /// by `ClientBuilder::build()`, which reports any problem.
    pub fn from_env() -> Self {
        Self::from_kind(Kind::FromEnv)
    }

    /// The service-account key file named by the environment variable `name`, loaded now.
    pub fn from_env_var(name: &str) -> Result<Self, Error> {
        match std::env::var_os(name) {
            Some(path) if !path.is_empty() => match ServiceAccount::from_file(&path) {
                Ok(account) => Ok(Self::service_account(account)),
                Err(Error::Auth { message }) => Err(Error::auth(format!("environment variable `{name}`: {message}"))),
                Err(other) => Err(other),
            },
            _ => Err(Error::auth(format!(
                "environment variable `{name}` is not set; it should name a service-account key file"
            ))),
        }
    }

    /// Legacy API key: sends `account_id` and `api_key` as request parameters (in the form
    /// body, or in the query string for calls that send no form).
    pub fn api_key(account_id: i64, api_key: impl Into<String>) -> Self {
        Self::from_kind(Kind::ApiKey { account_id, api_key: api_key.into() })
    }

    /// `Authorization: Bearer <token>` with a fixed token.
    pub fn bearer(token: impl Into<String>) -> Self {
        Self::from_kind(Kind::Bearer(token.into()))
    }

    /// HTTP basic authentication.
    pub fn basic(user: impl Into<String>, password: impl Into<String>) -> Self {
        Self::from_kind(Kind::Basic { user: user.into(), password: password.into() })
    }

    /// A fixed header, e.g. `X-API-Key`.
    pub fn header(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self::from_kind(Kind::Header { name: name.into(), value: value.into() })
    }

    /// A fixed query parameter, e.g. `api_key`.
    pub fn query(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self::from_kind(Kind::Query { name: name.into(), value: value.into() })
    }

    /// Acts for a child account: the JWT `iss` (service account) or the `account_id`
    /// parameter (API key) becomes `child_account_id`. Other kinds of auth are refused by
    /// `ClientBuilder::build()`.
    pub fn acting_as(mut self, child_account_id: i64) -> Self {
        if let Kind::ServiceAccount { cache, .. } = &mut self.kind {
            // Cached tokens were issued for the previous `iss`.
            *cache = Arc::default();
        }
        self.acting_as = Some(child_account_id);
        self
    }

    fn from_kind(kind: Kind) -> Self {
        Self { kind, acting_as: None }
    }

    /// Loads deferred credentials and checks the rest, so that requests cannot fail on them.
    pub(super) fn resolve(self, config: &ApiConfig) -> Result<Self, Error> {
        let auth = match self.kind {
            Kind::FromEnv => {
                let Some(name) = config.credentials_env else {
                    return Err(Error::auth(
                        "this API names no credentials environment variable: use Auth::from_env_var(..) \
                         or Auth::service_account(..)",
                    ));
                };
                Self { kind: Self::from_env_var(name)?.kind, acting_as: self.acting_as }
            }
            _ => self,
        };
        match &auth.kind {
            Kind::ServiceAccount { .. } | Kind::ApiKey { .. } => {}
            _ if auth.acting_as.is_some() => {
                return Err(Error::invalid("acting_as() needs service-account or API-key auth"));
            }
            Kind::Header { name, value } => {
                reqwest::header::HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| Error::invalid(format!("`{name}` is not a valid header name")))?;
                reqwest::header::HeaderValue::from_str(value).map_err(|_| {
                    Error::invalid(format!("the value of auth header `{name}` is not a valid header value"))
                })?;
            }
            _ => {}
        }
        Ok(auth)
    }

    /// Strings that must never appear in errors or logs (reply bodies may echo them).
    pub(super) fn secrets(&self) -> Vec<&str> {
        match &self.kind {
            Kind::ServiceAccount { .. } | Kind::FromEnv => Vec::new(),
            Kind::ApiKey { api_key, .. } => vec![api_key],
            Kind::Bearer(token) => vec![token],
            Kind::Basic { password, .. } => vec![password],
            Kind::Header { value, .. } | Kind::Query { value, .. } => vec![value],
        }
    }

    /// What to attach to `call`. Fails rather than send a parameter twice.
    pub(super) fn credentials(&self, call: &Call) -> Result<Vec<Credential<'_>>, Error> {
        let param = |name: &'static str, value: String, in_form: bool| {
            if call.has_param(name) {
                return Err(Error::invalid(format!(
                    "the call `{}` has its own `{name}` parameter, which clashes with the `{name}` \
                     sent by the configured auth; use service-account auth for this call",
                    call.operation
                )));
            }
            Ok(Credential::Param { name, value, in_form })
        };
        Ok(match &self.kind {
            Kind::ServiceAccount { account, cache } => {
                let iss = self.acting_as.unwrap_or(account.account_id);
                vec![Credential::Bearer(cached_token(account, cache, iss, unix_now()?)?)]
            }
            Kind::FromEnv => {
                return Err(Error::auth("Auth::from_env() is resolved by ClientBuilder::build()"));
            }
            Kind::ApiKey { account_id, api_key } => {
                let in_form = call.accepts_form();
                let account_id = self.acting_as.unwrap_or(*account_id);
                vec![param("account_id", account_id.to_string(), in_form)?, param("api_key", api_key.clone(), in_form)?]
            }
            Kind::Bearer(token) => vec![Credential::Bearer(token.clone())],
            Kind::Basic { user, password } => vec![Credential::Basic { user, password }],
            Kind::Header { name, value } => vec![Credential::Header { name, value }],
            Kind::Query { name, value } => {
                if call.has_param(name) {
                    return Err(Error::invalid(format!(
                        "the call `{}` has its own `{name}` parameter, which clashes with the auth parameter",
                        call.operation
                    )));
                }
                vec![Credential::Param { name, value: value.clone(), in_form: false }]
            }
        })
    }
}

/// The cached token for `iss`, signing a new one when it is missing or due for renewal. The
/// lock is held while signing (about a millisecond, no await), so concurrent calls sign once.
fn cached_token(account: &ServiceAccount, cache: &Mutex<Option<Token>>, iss: i64, now: u64) -> Result<String, Error> {
    // A panic elsewhere while holding the lock cannot leave a half-written token: reuse it.
    let mut cached = cache.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(token) = cached.as_ref().filter(|token| now < token.renew_at) {
        return Ok(token.value.clone());
    }
    let token = account.sign(iss, now)?;
    let value = token.value.clone();
    *cached = Some(token);
    Ok(value)
}

fn unix_now() -> Result<u64, Error> {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .map_err(|_| Error::auth("the system clock is before 1970; cannot issue a token"))
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HIDDEN: &str = "<redacted>";
        let mut out = match &self.kind {
            Kind::ServiceAccount { account, .. } => {
                let mut out = f.debug_struct("Auth::ServiceAccount");
                out.field("account", account);
                out
            }
            Kind::FromEnv => f.debug_struct("Auth::FromEnv"),
            Kind::ApiKey { account_id, .. } => {
                let mut out = f.debug_struct("Auth::ApiKey");
                out.field("account_id", account_id).field("api_key", &HIDDEN);
                out
            }
            Kind::Bearer(_) => {
                let mut out = f.debug_struct("Auth::Bearer");
                out.field("token", &HIDDEN);
                out
            }
            Kind::Basic { user, .. } => {
                let mut out = f.debug_struct("Auth::Basic");
                out.field("user", user).field("password", &HIDDEN);
                out
            }
            Kind::Header { name, .. } => {
                let mut out = f.debug_struct("Auth::Header");
                out.field("name", name).field("value", &HIDDEN);
                out
            }
            Kind::Query { name, .. } => {
                let mut out = f.debug_struct("Auth::Query");
                out.field("name", name).field("value", &HIDDEN);
                out
            }
        };
        if let Some(child) = self.acting_as {
            out.field("acting_as", &child);
        }
        out.finish()
    }
}

/// A throwaway RSA key made at test time, so no key is ever committed.
#[cfg(test)]
pub(super) mod test_key {
    use std::sync::OnceLock;

    use aws_lc_rs::encoding::AsDer;
    use aws_lc_rs::rsa::{KeyPair, KeySize};
    use aws_lc_rs::signature::KeyPair as _;
    use base64::Engine as _;

    /// PKCS#8 PEM private key and PKCS#1 DER public key.
    pub(in super::super) fn pair() -> &'static (String, Vec<u8>) {
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

    /// A credentials.json for `pair()`.
    pub(in super::super) fn credentials_json(account_id: i64) -> String {
        serde_json::json!({
            "account_id": account_id,
            "account_email": "owner@example.com",
            "key_id": "test-key-id",
            "private_key": pair().0,
        })
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{DecodingKey, Validation};
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Claims {
        iss: Value,
        iat: u64,
        exp: u64,
    }

    fn verify(token: &str) -> (jsonwebtoken::Header, Claims) {
        let key = DecodingKey::from_rsa_der(&test_key::pair().1);
        let data =
            jsonwebtoken::decode::<Claims>(token, &key, &Validation::new(Algorithm::RS256)).expect("valid token");
        (data.header, data.claims)
    }

    fn account() -> ServiceAccount {
        ServiceAccount::from_json(&test_key::credentials_json(1234)).expect("valid credentials")
    }

    #[test]
    fn token_has_the_documented_header_and_claims() {
        let account = account();
        let now = unix_now().expect("clock");
        let token = account.sign(1234, now).expect("signs");
        let (header, claims) = verify(&token.value);
        assert_eq!(header.alg, Algorithm::RS256);
        assert_eq!(header.kid.as_deref(), Some("test-key-id"));
        assert_eq!(header.typ.as_deref(), Some("JWT"));
        assert_eq!(claims.iss, serde_json::json!(1234), "iss is a JSON number");
        assert_eq!(claims.iat, now - 5);
        assert!(claims.exp - claims.iat <= 3600);
        assert_eq!(claims.exp - claims.iat, TOKEN_LIFETIME_SECS);
        assert!(token.renew_at + 60 <= claims.exp);
        assert!(token.renew_at > now);
    }

    #[test]
    fn tokens_are_cached_until_the_renewal_margin() {
        let account = account();
        let cache = Mutex::new(None);
        let now = unix_now().expect("clock");
        let first = cached_token(&account, &cache, 1234, now).expect("token");
        let same = cached_token(&account, &cache, 1234, now + 1000).expect("token");
        assert_eq!(first, same);
        let renew_at = cache.lock().expect("lock").as_ref().map(|t| t.renew_at).expect("cached");
        let renewed = cached_token(&account, &cache, 1234, renew_at).expect("token");
        assert_ne!(first, renewed);
        let (_, claims) = verify(&renewed);
        assert_eq!(claims.iat, renew_at - 5);
    }

    #[test]
    fn acting_as_overrides_iss_and_resets_the_cache() {
        let auth = Auth::service_account(account());
        let call = Call::new("GetAccountInfo", reqwest::Method::POST, "/x".into());
        let token = |auth: &Auth| match auth.credentials(&call).expect("credentials").pop() {
            Some(Credential::Bearer(token)) => token,
            _ => panic!("expected a bearer token"),
        };
        let parent = token(&auth);
        assert_eq!(verify(&parent).1.iss, serde_json::json!(1234));
        let clone = auth.clone();
        assert_eq!(token(&clone), parent, "clones share the cache");
        let child = auth.acting_as(777);
        assert_eq!(verify(&token(&child)).1.iss, serde_json::json!(777));
        assert_eq!(token(&clone), parent);
    }

    #[test]
    fn bad_credentials_name_the_field_and_never_echo_the_key() {
        let good: Value = serde_json::from_str(&test_key::credentials_json(1)).expect("json");
        let with = |field: &str, value: Value| {
            let mut file = good.clone();
            file[field] = value;
            ServiceAccount::from_json(&file.to_string()).expect_err("rejected").to_string()
        };
        assert!(with("account_id", "12".into()).contains("`account_id`"));
        assert!(with("account_id", Value::Null).contains("`account_id`"));
        assert!(with("key_id", 5.into()).contains("`key_id`"));
        assert!(with("account_email", 5.into()).contains("`account_email`"));
        let not_a_key = "-----BEGIN PRIVATE KEY-----\nTUlJQ1hBSUJBQUtCZ1FDcXR6c2VjcmV0\n-----END PRIVATE KEY-----\n";
        let message = with("private_key", not_a_key.into());
        assert!(message.contains("`private_key` is not a PKCS#8 RSA PEM key"), "{message}");
        assert!(!message.contains("TUlJ"));
        // Parses as PEM, but is a public key: only the trial signature catches it.
        let public = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &test_key::pair().1);
        let public = format!("-----BEGIN RSA PUBLIC KEY-----\n{public}\n-----END RSA PUBLIC KEY-----\n");
        assert!(EncodingKey::from_rsa_pem(public.as_bytes()).is_ok());
        assert!(with("private_key", public.into()).contains("`private_key` is not a PKCS#8 RSA PEM key"));
        let error = ServiceAccount::from_json("{not json").expect_err("rejected");
        assert!(matches!(error, Error::Auth { .. }));
        assert!(error.to_string().contains("line 1"));
        let missing = ServiceAccount::from_file("/nonexistent/credentials.json").expect_err("rejected");
        assert!(missing.to_string().contains("/nonexistent/credentials.json"));
    }

    #[test]
    fn debug_output_hides_secrets() {
        let pem = &test_key::pair().0;
        let body_line = pem.lines().nth(1).expect("PEM body");
        let shown = format!("{:?} {:?}", account(), Auth::service_account(account()));
        assert!(shown.contains("<redacted>") && shown.contains("test-key-id"));
        assert!(!shown.contains(body_line));
        let kinds = [
            Auth::api_key(1, "sekrit-1"),
            Auth::bearer("sekrit-1"),
            Auth::basic("user", "sekrit-1"),
            Auth::header("X-Key", "sekrit-1"),
            Auth::query("key", "sekrit-1"),
        ];
        for auth in kinds {
            let shown = format!("{auth:?}");
            assert!(!shown.contains("sekrit"), "{shown}");
            assert_eq!(auth.secrets(), ["sekrit-1"]);
        }
        let token = Token { value: "eyJsecret".into(), renew_at: 1 };
        assert!(!format!("{token:?}").contains("eyJ"));
    }

    #[test]
    fn api_key_goes_to_the_form_or_the_query_and_refuses_clashes() {
        let auth = Auth::api_key(10, "k").acting_as(20);
        let form_call = Call::new("Op", reqwest::Method::POST, "/x".into()).form("name", "v".into());
        let query_call = Call::new("Op", reqwest::Method::GET, "/x".into());
        for (call, form) in [(&form_call, true), (&query_call, false)] {
            let sent: Vec<(String, String, bool)> = auth
                .credentials(call)
                .expect("credentials")
                .into_iter()
                .map(|credential| match credential {
                    Credential::Param { name, value, in_form } => (name.to_owned(), value, in_form),
                    _ => panic!("expected parameters"),
                })
                .collect();
            assert_eq!(sent, [("account_id".into(), "20".into(), form), ("api_key".into(), "k".into(), form)]);
        }
        let clash =
            Call::new("GetAccountVerifications", reqwest::Method::POST, "/x".into()).form("account_id", "5".into());
        let error = auth.credentials(&clash).err().expect("clash");
        assert!(matches!(error, Error::InvalidRequest { .. }));
        assert!(error.to_string().contains("GetAccountVerifications"));
        assert!(!error.to_string().contains("k\""));
        let clash = Call::new("Op", reqwest::Method::GET, "/x".into()).query("key", "1".into());
        assert!(Auth::query("key", "v").credentials(&clash).is_err());
    }

    static NO_ENV: ApiConfig = ApiConfig {
        crate_name: "x",
        crate_version: "0",
        default_base_url: "https://example.invalid",
        envelope: None,
        error_codes: &[],
        credentials_env: None,
        secret_fields: &[],
    };

    static WITH_ENV: ApiConfig = ApiConfig {
        crate_name: "x",
        crate_version: "0",
        default_base_url: "https://example.invalid",
        envelope: None,
        error_codes: &[],
        credentials_env: Some("RT_SCRATCH_SURELY_UNSET_CREDENTIALS"),
        secret_fields: &[],
    };

    #[test]
    fn resolve_checks_deferred_and_unsupported_settings() {
        let error = Auth::from_env().resolve(&NO_ENV).expect_err("no variable");
        assert!(matches!(error, Error::Auth { .. }));
        let error = Auth::from_env().resolve(&WITH_ENV).expect_err("unset variable");
        assert!(error.to_string().contains("RT_SCRATCH_SURELY_UNSET_CREDENTIALS"), "{error}");
        assert!(Auth::bearer("t").acting_as(5).resolve(&NO_ENV).is_err());
        assert!(Auth::api_key(1, "k").acting_as(5).resolve(&NO_ENV).is_ok());
        assert!(Auth::header("bad header", "v").resolve(&NO_ENV).is_err());
        assert!(Auth::header("X-Key", "line\nbreak").resolve(&NO_ENV).is_err());
        assert!(Auth::header("X-Key", "v").resolve(&NO_ENV).is_ok());
    }
}
