//! Service-account JWTs: the key file, RS256 signing, and the token cache.

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::Serialize;
use serde_json::Value;

use super::error::Error;

/// Default back-dating of `iat`, so a server clock slightly behind ours still accepts the token.
const DEFAULT_CLOCK_SKEW: Duration = Duration::from_secs(5);
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
    clock_skew: Duration,
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
        let account = Self { account_id, account_email, key_id, key, clock_skew: DEFAULT_CLOCK_SKEW };
        // The PEM decoder only unwraps the key; a trial signature proves it is a usable RSA key.
        account.sign(account_id, 0).map_err(|_| bad_key())?;
        Ok(account)
    }

    /// How far `iat` is back-dated (default 5 s), so a server whose clock is behind ours by
    /// up to this much still accepts the token. At most 30 minutes.
    pub fn clock_skew(mut self, skew: Duration) -> Self {
        self.clock_skew = skew.min(Duration::from_secs(TOKEN_LIFETIME_SECS));
        self
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

    /// Signs an RS256 token for issuer `iss` at `now` (UNIX seconds), `iat` back-dated by the
    /// clock skew, and `exp` so that `exp - iat` is the token lifetime.
    fn sign(&self, iss: i64, now: u64) -> Result<Token, Error> {
        #[derive(Serialize)]
        struct Claims {
            iss: i64,
            iat: u64,
            exp: u64,
        }
        let iat = now.saturating_sub(self.clock_skew.as_secs());
        let exp = iat.saturating_add(TOKEN_LIFETIME_SECS);
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.key_id.clone());
        let value = jsonwebtoken::encode(&header, &Claims { iss, iat, exp }, &self.key)
            .map_err(|error| Error::auth(format!("cannot sign the service-account token: {error}")))?;
        Ok(Token { value, signed_at: now, renew_at: exp.saturating_sub(RENEW_MARGIN_SECS) })
    }
}

impl fmt::Debug for ServiceAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceAccount")
            .field("account_id", &self.account_id)
            .field("account_email", &self.account_email)
            .field("key_id", &self.key_id)
            .field("private_key", &"<redacted>")
            .field("clock_skew", &self.clock_skew)
            .finish()
    }
}

/// A signed JWT, when it was signed and when to stop using it (UNIX seconds).
#[derive(Clone)]
struct Token {
    value: String,
    signed_at: u64,
    renew_at: u64,
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token").field("value", &"<redacted>").field("renew_at", &self.renew_at).finish()
    }
}

/// A service account with its cached token, shared by clones of an `Auth`.
#[derive(Debug)]
pub(super) struct Signer {
    account: Arc<ServiceAccount>,
    cache: Mutex<Option<Token>>,
}

impl Signer {
    pub(super) fn new(account: ServiceAccount) -> Self {
        Self { account: Arc::new(account), cache: Mutex::new(None) }
    }

    /// The same account with an empty cache (tokens already signed were for another `iss`).
    pub(super) fn with_empty_cache(&self) -> Self {
        Self { account: Arc::clone(&self.account), cache: Mutex::new(None) }
    }

    pub(super) fn account_id(&self) -> i64 {
        self.account.account_id
    }

    /// The cached token for `iss`, signing a new one when there is none, when it is due for
    /// renewal, or when the clock went back past its signing time. The lock is held while
    /// signing (about a millisecond, no await), so concurrent calls sign once.
    pub(super) fn token(&self, iss: i64) -> Result<String, Error> {
        self.token_at(iss, unix_now()?)
    }

    fn token_at(&self, iss: i64, now: u64) -> Result<String, Error> {
        // A panic elsewhere while holding the lock cannot leave a half-written token: reuse it.
        let mut cached = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(token) = cached.as_ref().filter(|token| token.signed_at <= now && now < token.renew_at) {
            return Ok(token.value.clone());
        }
        let token = self.account.sign(iss, now)?;
        let value = token.value.clone();
        *cached = Some(token);
        Ok(value)
    }

    /// Drops the cached token, so the next call signs a fresh one.
    pub(super) fn invalidate(&self) {
        *self.cache.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// The cached token, to be hidden from errors and logs.
    pub(super) fn current(&self) -> Option<String> {
        self.cache.lock().unwrap_or_else(PoisonError::into_inner).as_ref().map(|token| token.value.clone())
    }
}

fn unix_now() -> Result<u64, Error> {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .map_err(|_| Error::auth("the system clock is before 1970; cannot issue a token"))
}

#[cfg(test)]
mod tests;
