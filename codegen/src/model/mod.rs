//! The intermediate model: what to generate, decided by `lower`, spelled out by `emit`.
//!
//! Free of both openapiv3 and proc-macro2, so that every decision lives in one place and can be
//! inspected (and tested) without reading generated code. Links between parts are typed
//! indices ([`TypeId`], parameter and field positions), never names to look up again; every
//! identifier the generated crate defines is already allocated here ([`Ident`]).

mod ident;
mod operations;
mod types;

pub use ident::Ident;
pub use operations::*;
pub use types::*;

/// Everything the generated crate contains.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub package: Package,
    /// Spec `info.title`.
    pub title: String,
    /// Spec `info.version`.
    pub spec_version: String,
    /// Spec `info.description`.
    pub description: Option<String>,
    /// First `servers[].url` with its variables at their defaults, without a trailing slash.
    pub default_base_url: Option<String>,
    /// Named types, sorted by name; [`TypeId`] indexes this list.
    pub types: Vec<TypeDef>,
    /// Operations in spec order (paths in document order, methods in a fixed order).
    pub operations: Vec<Operation>,
    /// How callers authenticate.
    pub auth: AuthModel,
    /// How failures are recognised and named.
    pub errors: ErrorModel,
    /// The optional runtime parts and dependencies the crate needs, derived from what the
    /// model actually uses.
    pub needs: Needs,
}

impl Api {
    /// The definition a [`TypeId`] stands for.
    pub fn type_def(&self, id: TypeId) -> Option<&TypeDef> {
        self.types.get(id.0)
    }

    /// Whether users must give the API's URL: the spec names no server, or only a relative one.
    pub fn needs_base_url(&self) -> bool {
        !self.default_base_url.as_deref().is_some_and(|url| url.contains("://"))
    }
}

/// What the generated `Cargo.toml` says about the crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// Cargo package name, e.g. `voximplant-client`.
    pub name: String,
    /// Crate version, e.g. `0.1.0`.
    pub version: String,
    /// One-line description.
    pub description: String,
    /// SPDX license expression, when the spec states one.
    pub license: Option<String>,
}

/// Optional runtime parts and dependencies. Crates that do not need one do not pay for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    /// Some value is an exact decimal (`rust_decimal`).
    pub decimal: bool,
    /// Some value is a date or timestamp (`time`).
    pub time: bool,
    /// Some operation is paged (`futures` streams).
    pub paging: bool,
    /// Some operation sends a `multipart/form-data` body.
    pub multipart: bool,
    /// The client signs service-account JWTs (`jsonwebtoken`).
    pub service_account: bool,
    /// Failures arrive in an error envelope, or the spec names error codes (`Error::Api`,
    /// `ErrorCode`).
    pub envelope: bool,
    /// Some untagged union is decoded (the best-fitting-alternative chooser).
    pub unions: bool,
    /// Some type is only ever received: its `Serialize` waits behind the crate's
    /// `serialize-replies` feature.
    pub serialize_replies: bool,
}

/// Documentation gathered from the spec for one item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Docs {
    /// Summary or title (first paragraph).
    pub summary: Option<String>,
    /// Longer description.
    pub description: Option<String>,
    /// Extra lines ("Default: `20`", "Allowed values: ...", "Allowed roles: ...").
    pub notes: Vec<String>,
    /// Marked `deprecated` in the spec.
    pub deprecated: bool,
}

impl Docs {
    /// Whether the spec says anything at all.
    pub fn is_empty(&self) -> bool {
        self.summary.is_none() && self.description.is_none() && self.notes.is_empty() && !self.deprecated
    }
}

/// How callers authenticate: the ways the spec's security requirements allow, in the order
/// the spec prefers them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthModel {
    pub schemes: Vec<AuthScheme>,
}

impl AuthModel {
    pub fn service_account(&self) -> Option<&ServiceAccountJwt> {
        self.schemes.iter().find_map(|scheme| match scheme {
            AuthScheme::ServiceAccount(jwt) => Some(jwt),
            _ => None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthScheme {
    /// A bearer token the client signs itself (`x-service-account-jwt`): `Auth::service_account`.
    ServiceAccount(ServiceAccountJwt),
    /// `Authorization: Bearer <token>` (http bearer, OAuth 2, OpenID Connect): `Auth::bearer`.
    Bearer,
    /// `Authorization: Basic ..`: `Auth::basic`.
    Basic,
    /// API keys, each in a header, the query string or a cookie, with a generated constructor;
    /// several when a security requirement combines them (e.g. an account id and its key).
    ApiKeys(ApiKeyConstructor),
}

/// `Auth::<name>(keys.., token..)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyConstructor {
    pub name: Ident,
    pub docs: Docs,
    pub keys: Vec<ApiKey>,
    /// The `Authorization` credential the requirement also asks for, beside the keys (an
    /// OAuth token with a client-id header).
    pub token: Option<KeyedToken>,
}

/// The `Authorization` half of a requirement that combines API keys with a token or a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyedToken {
    /// `Authorization: Bearer <argument>`.
    Bearer { argument: Ident },
    /// `Authorization: Basic ..`.
    Basic { user: Ident, password: Ident },
}

impl ApiKeyConstructor {
    /// The constructor's arguments, in order: the keys, then the token's.
    pub fn arguments(&self) -> Vec<&Ident> {
        let mut arguments: Vec<&Ident> = self.keys.iter().map(|key| &key.argument).collect();
        match &self.token {
            Some(KeyedToken::Bearer { argument }) => arguments.push(argument),
            Some(KeyedToken::Basic { user, password }) => arguments.extend([user, password]),
            None => {}
        }
        arguments
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey {
    /// Constructor argument.
    pub argument: Ident,
    /// Header, parameter or cookie name.
    pub wire_name: String,
    pub location: ApiKeyLocation,
    /// The value names the account: `acting_as(id)` replaces it (`x-account-identity`).
    pub identity: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    Header,
    Query,
    Cookie,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceAccountJwt {
    /// Environment variable naming the key file, for `Auth::from_env()`.
    pub credentials_env: Option<String>,
    /// Longest token lifetime the server accepts.
    pub max_lifetime_seconds: u64,
}

/// How the API reports failures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorModel {
    /// An error object inside an otherwise successful reply (`x-error-envelope`).
    pub envelope: Option<ErrorEnvelope>,
    /// Known error codes (`x-error-codes`), sorted by code.
    pub codes: Vec<ErrorCodeDef>,
    /// JSON keys whose string values are secrets (`format: password`), sorted: redacted from
    /// error excerpts and logs.
    pub secret_fields: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorEnvelope {
    /// Top-level key whose presence signals failure.
    pub error: String,
    pub code: String,
    pub message: String,
    /// Top-level key of the list of all errors, if any.
    pub list: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCodeDef {
    pub code: i64,
    /// Constant name (SCREAMING_SNAKE_CASE).
    pub name: Ident,
    pub message: String,
    /// A "try again later" code: retried like a 429.
    pub retryable: bool,
    /// The credentials were refused (`auth-failure: true`): a service-account token is signed
    /// afresh and the call sent once more.
    pub auth_failure: bool,
}
