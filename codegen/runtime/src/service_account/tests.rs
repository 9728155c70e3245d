use jsonwebtoken::{DecodingKey, Validation};
use serde::Deserialize;

use super::*;
use crate::test_support::{credentials_json, key_pair};

#[derive(Debug, Deserialize)]
struct Claims {
    iss: Value,
    iat: u64,
    exp: u64,
}

fn verify(token: &str) -> (jsonwebtoken::Header, Claims) {
    let key = DecodingKey::from_rsa_der(&key_pair().1);
    // Expiry is checked by the tests themselves: some sign at times other than now.
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = false;
    validation.required_spec_claims.clear();
    let data = jsonwebtoken::decode::<Claims>(token, &key, &validation).expect("valid token");
    (data.header, data.claims)
}

fn account() -> ServiceAccount {
    ServiceAccount::from_json(&credentials_json(1234)).expect("valid credentials")
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
fn clock_skew_is_configurable_and_bounded() {
    let now = unix_now().expect("clock");
    let token = account().clock_skew(Duration::from_secs(120)).sign(1, now).expect("signs");
    assert_eq!(verify(&token.value).1.iat, now - 120);
    let token = account().clock_skew(Duration::MAX).sign(1, now).expect("signs");
    let (_, claims) = verify(&token.value);
    assert_eq!(claims.iat, now - TOKEN_LIFETIME_SECS);
    assert!(claims.exp >= now, "still valid when sent");
}

#[test]
fn tokens_are_cached_until_renewal_invalidation_or_a_clock_step() {
    let signer = Signer::new(account());
    let now = unix_now().expect("clock");
    let first = signer.token_at(1234, now).expect("token");
    assert_eq!(signer.token_at(1234, now + 1000).expect("token"), first);
    assert_eq!(signer.current().as_deref(), Some(first.as_str()));
    let renew_at = signer.cache.lock().expect("lock").as_ref().map(|token| token.renew_at).expect("cached");
    let renewed = signer.token_at(1234, renew_at).expect("token");
    assert_ne!(first, renewed);
    assert_eq!(verify(&renewed).1.iat, renew_at - 5);

    // The clock went back an hour: the cached token's iat is now in the future.
    let stepped = signer.token_at(1234, renew_at - 3600).expect("token");
    assert_ne!(stepped, renewed);
    assert_eq!(verify(&stepped).1.iat, renew_at - 3605);

    signer.invalidate();
    assert!(signer.current().is_none());
    // A second later the cached token would still be good; without it, a new one is signed.
    let fresh = signer.token_at(1234, renew_at - 3599).expect("token");
    assert_eq!(verify(&fresh).1.iat, renew_at - 3604, "signed afresh");
}

#[test]
fn bad_credentials_name_the_field_and_never_echo_the_key() {
    let good: Value = serde_json::from_str(&credentials_json(1)).expect("json");
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
    let public = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &key_pair().1);
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
fn debug_output_hides_the_key_and_tokens() {
    let pem = &key_pair().0;
    let body_line = pem.lines().nth(1).expect("PEM body");
    let signer = Signer::new(account());
    signer.token(1).expect("token");
    let shown = format!("{:?} {signer:?}", account());
    assert!(shown.contains("<redacted>") && shown.contains("test-key-id"));
    assert!(!shown.contains(body_line) && !shown.contains("eyJ"), "{shown}");
}
