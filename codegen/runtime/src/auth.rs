//! Credentials: how the client authenticates, and the primitives that a generated crate builds
//! its per-spec constructors on.
//!
//! # Primitives (for the generated `impl Auth { .. }` blocks)
//!
//! Each security scheme of a spec becomes a constructor of the generated crate, one line over
//! one of these:
//!
//! | scheme | primitive | sent as |
//! |---|---|---|
//! | `http` / `bearer` | [`Auth::from_bearer`]`(token)` | `Authorization: Bearer <token>` |
//! | `http` / `basic` | [`Auth::from_basic`]`(user, password)` | `Authorization: Basic ..` |
//! | `apiKey` in `header` | [`Auth::from_header`]`(name, value)` | a header, marked sensitive |
//! | `apiKey` in `query` | [`Auth::from_query`]`(name, value)` | a query parameter: the only credential that goes into a URL, because the spec puts it there |
//! | several request parameters | [`Auth::from_params`]`(`[`AuthParams`]`)` | request parameters (below) |
//! | a requirement naming several schemes | one primitive per scheme, joined with [`Auth::and`] | all of them, on every request |
//! | `x-service-account-jwt` | the constructors of the runtime's service-account part | `Authorization: Bearer <signed JWT>` |
//!
//! For example Voximplant's legacy scheme, an `account_id` and an `api_key` parameter:
//!
//! ```ignore
//! impl Auth {
//!     pub fn api_key(account_id: i64, api_key: impl Into<String>) -> Self {
//!         Auth::from_params(AuthParams::new().identity("account_id", account_id).secret("api_key", api_key).query_allowed(true))
//!     }
//! }
//! ```
//!
//! Parameter credentials travel where the call sends its own parameters when that is a form
//! body (a call with form fields, or a bodiless POST, PUT or PATCH), so they stay out of URLs and
//! access logs. For other calls (GET, or a JSON body) they go into the query string only if the
//! spec declares the scheme `in: query` ([`AuthParams::query_allowed`]); otherwise the call is
//! refused with `Error::InvalidRequest` rather than put a credential into a URL.
//!
//! [`Auth::acting_as`] replaces the value of the parameter marked as the account identity
//! ([`AuthParams::identity`]), or the `iss` of a service-account token.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use super::call::Call;
use super::config::ApiConfig;
use super::error::Error;
use super::redact::Secrets;
#[cfg(feature = "service-account")]
pub use super::service_account::ServiceAccount;
#[cfg(feature = "service-account")]
use super::service_account::Signer;

/// How the client authenticates. Clones share the service-account token cache.
#[derive(Clone)]
pub struct Auth {
    kind: Kind,
    acting_as: Option<i64>,
}

#[derive(Clone)]
enum Kind {
    #[cfg(feature = "service-account")]
    ServiceAccount(Arc<Signer>),
    /// Resolved by `ClientBuilder::build()` from the API's credentials variable.
    #[cfg(feature = "service-account")]
    FromEnv,
    Bearer(String),
    Basic {
        user: String,
        password: String,
    },
    Header {
        name: Cow<'static, str>,
        value: String,
    },
    Query {
        name: Cow<'static, str>,
        value: String,
    },
    Params(Arc<AuthParams>),
    /// Several of the above on every request (an API key beside an OAuth token); never nested.
    All(Vec<Kind>),
}

/// A set of request parameters that authenticate a call, e.g. an account id and a key.
#[derive(Clone, Default)]
pub struct AuthParams {
    params: Vec<AuthParam>,
    query_allowed: bool,
}

#[derive(Clone)]
struct AuthParam {
    name: Cow<'static, str>,
    value: String,
    secret: bool,
    identity: bool,
}

impl AuthParams {
    /// No parameters yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The parameter naming the account; [`Auth::acting_as`] replaces its value.
    pub fn identity(self, name: impl Into<Cow<'static, str>>, value: impl ToString) -> Self {
        self.with(name.into(), value.to_string(), false, true)
    }

    /// A secret parameter (a key or password): hidden from `Debug`, errors and logs.
    pub fn secret(self, name: impl Into<Cow<'static, str>>, value: impl Into<String>) -> Self {
        self.with(name.into(), value.into(), true, false)
    }

    /// A parameter that is neither the identity nor a secret.
    pub fn plain(self, name: impl Into<Cow<'static, str>>, value: impl ToString) -> Self {
        self.with(name.into(), value.to_string(), false, false)
    }

    /// Whether calls that send no form body may take the parameters in the query string (the
    /// spec declares the scheme `in: query`). Default: no, such calls are refused.
    pub fn query_allowed(mut self, allowed: bool) -> Self {
        self.query_allowed = allowed;
        self
    }

    fn with(mut self, name: Cow<'static, str>, value: String, secret: bool, identity: bool) -> Self {
        self.params.push(AuthParam { name, value, secret, identity });
        self
    }
}

/// One credential to attach to a request, as worked out by [`Auth::credentials`].
pub(super) enum Credential<'a> {
    /// `Authorization: Bearer <token>`.
    Bearer(Cow<'a, str>),
    /// `Authorization: Basic ..`.
    Basic { user: &'a str, password: &'a str },
    /// Any header.
    Header { name: &'a str, value: &'a str },
    /// A query-string parameter.
    Query { name: &'a str, value: Cow<'a, str> },
    /// A form-body field.
    Form { name: &'a str, value: Cow<'a, str> },
}

/// The primitives generated constructors are built on (see the module docs).
impl Auth {
    /// `Authorization: Bearer <token>` with a fixed token.
    pub fn from_bearer(token: impl Into<String>) -> Self {
        Self::from_kind(Kind::Bearer(token.into()))
    }

    /// HTTP basic authentication.
    pub fn from_basic(user: impl Into<String>, password: impl Into<String>) -> Self {
        Self::from_kind(Kind::Basic { user: user.into(), password: password.into() })
    }

    /// A secret header, e.g. `X-API-Key` (checked by `ClientBuilder::build()`).
    pub fn from_header(name: impl Into<Cow<'static, str>>, value: impl Into<String>) -> Self {
        Self::from_kind(Kind::Header { name: name.into(), value: value.into() })
    }

    /// A secret query parameter, for schemes the spec declares `in: query`.
    pub fn from_query(name: impl Into<Cow<'static, str>>, value: impl Into<String>) -> Self {
        Self::from_kind(Kind::Query { name: name.into(), value: value.into() })
    }

    /// A set of request parameters (see the module docs for where they go).
    pub fn from_params(params: AuthParams) -> Self {
        Self::from_kind(Kind::Params(Arc::new(params)))
    }

    /// Sends both credentials on every request, e.g. an API-key header beside a bearer token.
    /// `ClientBuilder::build()` refuses two credentials that use one header (two of bearer,
    /// basic and service account, or one header name twice).
    pub fn and(self, other: Auth) -> Self {
        let acting_as = self.acting_as.or(other.acting_as);
        let mut kinds = self.into_kinds();
        kinds.extend(other.into_kinds());
        Self { kind: Kind::All(kinds), acting_as }
    }

    fn into_kinds(self) -> Vec<Kind> {
        match self.kind {
            Kind::All(kinds) => kinds,
            kind => vec![kind],
        }
    }

    /// The credentials this auth sends, one per kind.
    fn kinds(&self) -> &[Kind] {
        match &self.kind {
            Kind::All(kinds) => kinds,
            kind => std::slice::from_ref(kind),
        }
    }

    /// Acts for a child account: the JWT `iss` (service account) or the identity parameter
    /// becomes `child_account_id`. Other kinds of auth are refused by `ClientBuilder::build()`.
    pub fn acting_as(mut self, child_account_id: i64) -> Self {
        #[cfg(feature = "service-account")]
        {
            let kinds = match &mut self.kind {
                Kind::All(kinds) => kinds.as_mut_slice(),
                kind => std::slice::from_mut(kind),
            };
            for kind in kinds {
                if let Kind::ServiceAccount(signer) = kind {
                    // Cached tokens were issued for the previous `iss`.
                    *signer = Arc::new(signer.with_empty_cache());
                }
            }
        }
        self.acting_as = Some(child_account_id);
        self
    }

    fn from_kind(kind: Kind) -> Self {
        Self { kind, acting_as: None }
    }
}

/// Constructors for every API, whatever its spec declares (a spec may forget its security
/// schemes): each is one of the primitives above. API-key schemes get constructors named after
/// them in the generated crate.
impl Auth {
    /// `Authorization: Bearer <token>` with a fixed token.
    pub fn bearer(token: impl Into<String>) -> Self {
        Self::from_bearer(token)
    }

    /// HTTP basic authentication.
    pub fn basic(user: impl Into<String>, password: impl Into<String>) -> Self {
        Self::from_basic(user, password)
    }

    /// A fixed header, e.g. `X-API-Key`.
    pub fn header(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self::from_header(name.into(), value)
    }

    /// A fixed query parameter, e.g. `api_key`.
    pub fn query(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self::from_query(name.into(), value)
    }
}

#[cfg(feature = "service-account")]
impl Auth {
    /// Signs requests with a service-account JWT (`Authorization: Bearer`), cached and
    /// renewed before it expires.
    pub fn service_account(account: ServiceAccount) -> Self {
        Self::from_kind(Kind::ServiceAccount(Arc::new(Signer::new(account))))
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
}

impl Auth {
    /// Loads deferred credentials and checks the rest, so that requests cannot fail on them.
    pub(super) fn resolve(self, config: &ApiConfig) -> Result<Self, Error> {
        let acting_as = self.acting_as;
        let mut kinds = Vec::new();
        for kind in self.into_kinds() {
            kinds.push(resolve_kind(kind, config)?);
        }
        if acting_as.is_some() {
            let identity = |kind: &Kind| match kind {
                Kind::Params(params) => params.params.iter().any(|param| param.identity),
                #[cfg(feature = "service-account")]
                Kind::ServiceAccount(_) => true,
                _ => false,
            };
            if !kinds.iter().any(identity) {
                return Err(Error::invalid(if kinds.iter().any(|kind| matches!(kind, Kind::Params(_))) {
                    "acting_as() needs auth with an account identity parameter"
                } else {
                    "acting_as() needs service-account auth or an account identity parameter"
                }));
            }
        }
        let mut headers: Vec<String> = Vec::new();
        for kind in &kinds {
            let header = match kind {
                Kind::Header { name, value } => {
                    reqwest::header::HeaderName::from_bytes(name.as_bytes())
                        .map_err(|_| Error::invalid(format!("`{name}` is not a valid header name")))?;
                    reqwest::header::HeaderValue::from_str(value).map_err(|_| {
                        Error::invalid(format!("the value of auth header `{name}` is not a valid header value"))
                    })?;
                    name.to_ascii_lowercase()
                }
                Kind::Bearer(_) | Kind::Basic { .. } => "authorization".to_owned(),
                #[cfg(feature = "service-account")]
                Kind::ServiceAccount(_) => "authorization".to_owned(),
                _ => continue,
            };
            if headers.contains(&header) {
                return Err(Error::invalid(format!("two of the combined credentials use the `{header}` header")));
            }
            headers.push(header);
        }
        let kind = match <[Kind; 1]>::try_from(kinds) {
            Ok([only]) => only,
            Err(kinds) => Kind::All(kinds),
        };
        Ok(Self { kind, acting_as })
    }

    /// Whether a credential travels in a header other than `Authorization` (which reqwest drops
    /// on any redirect to another origin; other headers it keeps).
    pub(super) fn uses_custom_header(&self) -> bool {
        self.kinds().iter().any(|kind| matches!(kind, Kind::Header { .. }))
    }

    /// Adds the values that must never appear in errors or logs (reply bodies may echo them).
    pub(super) fn add_secrets<'a>(&'a self, secrets: &mut Secrets<'a>) {
        for kind in self.kinds() {
            add_secrets(kind, secrets);
        }
    }

    /// Drops a cached service-account token after the server refused it; `true` when there was
    /// one to drop (so signing afresh may help).
    pub(super) fn forget_token(&self) -> bool {
        #[cfg(feature = "service-account")]
        for kind in self.kinds() {
            if let Kind::ServiceAccount(signer) = kind {
                // The only one: `resolve` refuses two credentials in `Authorization`.
                signer.invalidate();
                return true;
            }
        }
        false
    }

    /// What to attach to `call`. Fails rather than send a parameter twice, or put a credential
    /// into a URL that the spec does not put there.
    pub(super) fn credentials(&self, call: &Call) -> Result<Vec<Credential<'_>>, Error> {
        match self.kinds() {
            [only] => self.credentials_of(only, call),
            kinds => {
                let mut sent = Vec::new();
                for kind in kinds {
                    sent.extend(self.credentials_of(kind, call)?);
                }
                Ok(sent)
            }
        }
    }

    fn credentials_of<'a>(&'a self, kind: &'a Kind, call: &Call) -> Result<Vec<Credential<'a>>, Error> {
        let clash = |name: &str| {
            Error::invalid(format!(
                "the call `{}` has its own `{name}` parameter, which clashes with the `{name}` sent by the \
                 configured auth",
                call.operation
            ))
        };
        Ok(match kind {
            #[cfg(feature = "service-account")]
            Kind::ServiceAccount(signer) => {
                let iss = self.acting_as.unwrap_or(signer.account_id());
                vec![Credential::Bearer(Cow::Owned(signer.token(iss)?))]
            }
            #[cfg(feature = "service-account")]
            Kind::FromEnv => {
                return Err(Error::auth("Auth::from_env() is resolved by ClientBuilder::build()"));
            }
            Kind::Bearer(token) => vec![Credential::Bearer(Cow::Borrowed(token))],
            Kind::Basic { user, password } => vec![Credential::Basic { user, password }],
            Kind::Header { name, value } => vec![Credential::Header { name, value }],
            Kind::Query { name, value } => {
                if call.has_param(name) {
                    return Err(clash(name));
                }
                vec![Credential::Query { name, value: Cow::Borrowed(value) }]
            }
            Kind::Params(params) => {
                let in_form = call.accepts_form();
                if !in_form && !params.query_allowed {
                    return Err(Error::invalid(format!(
                        "the call `{}` sends no form body, and the configured auth parameters may not go into \
                         its URL",
                        call.operation
                    )));
                }
                let mut sent = Vec::with_capacity(params.params.len());
                for param in &params.params {
                    if call.has_param(&param.name) {
                        return Err(clash(&param.name));
                    }
                    let value = match self.acting_as {
                        Some(child) if param.identity => Cow::Owned(child.to_string()),
                        _ => Cow::Borrowed(param.value.as_str()),
                    };
                    sent.push(match in_form {
                        true => Credential::Form { name: &param.name, value },
                        false => Credential::Query { name: &param.name, value },
                    });
                }
                sent
            }
            // Never nested: `Auth::and` flattens.
            Kind::All(_) => Vec::new(),
        })
    }
}

/// Adds the secret values of one credential.
fn add_secrets<'a>(kind: &'a Kind, secrets: &mut Secrets<'a>) {
    match kind {
        #[cfg(feature = "service-account")]
        Kind::ServiceAccount(signer) => {
            if let Some(token) = signer.current() {
                secrets.add(token);
            }
        }
        #[cfg(feature = "service-account")]
        Kind::FromEnv => {}
        Kind::Bearer(token) => secrets.add(token.as_str()),
        Kind::Basic { password, .. } => secrets.add(password.as_str()),
        Kind::Header { value, .. } | Kind::Query { value, .. } => secrets.add(value.as_str()),
        Kind::Params(params) => {
            for param in params.params.iter().filter(|param| param.secret) {
                secrets.add(param.value.as_str());
            }
        }
        // Never nested: `Auth::and` flattens.
        Kind::All(_) => {}
    }
}

/// Loads a credential whose loading waited for `ClientBuilder::build()`; others are complete.
fn resolve_kind(kind: Kind, config: &ApiConfig) -> Result<Kind, Error> {
    #[cfg(feature = "service-account")]
    if let Kind::FromEnv = kind {
        let Some(name) = config.credentials_env else {
            return Err(Error::auth(
                "this API names no credentials environment variable: use Auth::from_env_var(..) \
                 or Auth::service_account(..)",
            ));
        };
        return Ok(Auth::from_env_var(name)?.kind);
    }
    #[cfg(not(feature = "service-account"))]
    let _ = config;
    Ok(kind)
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Shown { kind: &self.kind, acting_as: self.acting_as }.fmt(f)
    }
}

/// One credential, secrets hidden.
struct Shown<'a> {
    kind: &'a Kind,
    acting_as: Option<i64>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HIDDEN: &str = "<redacted>";
        let mut out = match self.kind {
            #[cfg(feature = "service-account")]
            Kind::ServiceAccount(signer) => {
                let mut out = f.debug_struct("Auth::ServiceAccount");
                out.field("signer", signer);
                out
            }
            #[cfg(feature = "service-account")]
            Kind::FromEnv => f.debug_struct("Auth::FromEnv"),
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
            Kind::Params(params) => {
                let mut out = f.debug_struct("Auth::Params");
                for param in &params.params {
                    match param.secret {
                        true => out.field(&param.name, &HIDDEN),
                        false => out.field(&param.name, &param.value),
                    };
                }
                out
            }
            Kind::All(kinds) => {
                let mut out = f.debug_struct("Auth::All");
                let shown: Vec<Shown<'_>> = kinds.iter().map(|kind| Shown { kind, acting_as: None }).collect();
                out.field("credentials", &shown);
                out
            }
        };
        if let Some(child) = self.acting_as {
            out.field("acting_as", &child);
        }
        out.finish()
    }
}

/// Shows parameter names, and the values of those that are not secret.
impl fmt::Debug for AuthParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_map();
        for param in &self.params {
            match param.secret {
                true => out.entry(&param.name, &"<redacted>"),
                false => out.entry(&param.name, &param.value),
            };
        }
        out.finish()
    }
}

#[cfg(test)]
mod tests;
