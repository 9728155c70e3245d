use reqwest::Method;

use super::*;
use crate::test_support::{ENVELOPED, PLAIN, credentials_json};

fn bearer_of(auth: &Auth, call: &Call) -> String {
    match auth.credentials(call).expect("credentials").pop() {
        Some(Credential::Bearer(token)) => token.into_owned(),
        _ => panic!("expected a bearer token"),
    }
}

fn jwt_iss(token: &str) -> serde_json::Value {
    use base64::Engine as _;
    let claims = token.split('.').nth(1).expect("claims");
    let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(claims).expect("base64url");
    serde_json::from_slice::<serde_json::Value>(&claims).expect("JSON")["iss"].clone()
}

#[test]
fn acting_as_overrides_iss_and_resets_the_cache() {
    let account = ServiceAccount::from_json(&credentials_json(1234)).expect("account");
    let auth = Auth::service_account(account);
    let call = Call::new("GetAccountInfo", Method::POST, "/x".into());
    let parent = bearer_of(&auth, &call);
    assert_eq!(jwt_iss(&parent), serde_json::json!(1234));
    let clone = auth.clone();
    assert_eq!(bearer_of(&clone, &call), parent, "clones share the cache");
    let child = auth.acting_as(777);
    assert_eq!(jwt_iss(&bearer_of(&child, &call)), serde_json::json!(777));
    assert_eq!(bearer_of(&clone, &call), parent);
}

#[test]
fn debug_output_and_secrets() {
    let kinds = [
        Auth::from_params(
            AuthParams::new().identity("account_id", 1).secret("api_key", "sekrit-1").query_allowed(true),
        ),
        Auth::from_bearer("sekrit-1"),
        Auth::from_basic("user", "sekrit-1"),
        Auth::from_header("X-Key", "sekrit-1"),
        Auth::from_query("key", "sekrit-1"),
        Auth::from_params(AuthParams::new().plain("app", "visible").secret("password", "sekrit-1")),
    ];
    for auth in kinds {
        let shown = format!("{auth:?}");
        assert!(!shown.contains("sekrit"), "{shown}");
        let mut secrets = Secrets::default();
        auth.add_secrets(&mut secrets);
        assert_eq!(secrets.redact("x sekrit-1 y"), "x <redacted> y");
    }
    let params = AuthParams::new().identity("account_id", 5).secret("api_key", "sekrit-2");
    let shown = format!("{params:?}");
    assert!(shown.contains("account_id") && shown.contains('5') && !shown.contains("sekrit"), "{shown}");
}

fn params_of(auth: &Auth, call: &Call) -> Result<Vec<(String, String, &'static str)>, Error> {
    Ok(auth
        .credentials(call)?
        .into_iter()
        .map(|credential| match credential {
            Credential::Form { name, value } => (name.to_owned(), value.into_owned(), "form"),
            Credential::Query { name, value } => (name.to_owned(), value.into_owned(), "query"),
            _ => panic!("expected parameters"),
        })
        .collect())
}

#[test]
fn parameters_go_to_the_form_or_where_the_spec_allows_and_refuse_clashes() {
    let auth =
        Auth::from_params(AuthParams::new().identity("account_id", 10).secret("api_key", "k").query_allowed(true))
            .acting_as(20);
    let form_call = Call::new("Op", Method::POST, "/x".into()).form("name", "v".into());
    let get_call = Call::new("Op", Method::GET, "/x".into());
    let json_call = Call::new("Op", Method::POST, "/x".into()).json(serde_json::json!({}));
    let expect = |place| vec![("account_id".into(), "20".into(), place), ("api_key".into(), "k".into(), place)];
    assert_eq!(params_of(&auth, &form_call).expect("form"), expect("form"));
    assert_eq!(params_of(&auth, &get_call).expect("query"), expect("query"), "the scheme is declared in: query");
    assert_eq!(params_of(&auth, &json_call).expect("query"), expect("query"));

    // A scheme that is not declared in the query never reaches a URL.
    let body_only = Auth::from_params(AuthParams::new().secret("token", "t"));
    assert_eq!(params_of(&body_only, &form_call).expect("form"), vec![("token".into(), "t".into(), "form")]);
    for call in [&get_call, &json_call] {
        let error = params_of(&body_only, call).expect_err("refused");
        assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    }

    let clash = Call::new("GetAccountVerifications", Method::POST, "/x".into()).form("account_id", "5".into());
    let error = auth.credentials(&clash).err().expect("clash");
    assert!(matches!(error, Error::InvalidRequest { .. }));
    assert!(error.to_string().contains("GetAccountVerifications"));
    let clash = Call::new("Op", Method::GET, "/x".into()).query("key", "1".into());
    assert!(Auth::from_query("key", "v").credentials(&clash).is_err());
}

#[test]
fn resolve_checks_deferred_and_unsupported_settings() {
    let error = Auth::from_env().resolve(&PLAIN).expect_err("no variable");
    assert!(matches!(error, Error::Auth { .. }));
    let error = Auth::from_env().resolve(&ENVELOPED).expect_err("unset variable");
    assert!(error.to_string().contains("RT_TEST_CREDENTIALS_UNSET"), "{error}");
    assert!(Auth::from_bearer("t").acting_as(5).resolve(&PLAIN).is_err());
    assert!(Auth::from_params(AuthParams::new().secret("k", "v")).acting_as(5).resolve(&PLAIN).is_err());
    assert!(
        Auth::from_params(AuthParams::new().identity("account_id", 1).secret("api_key", "k").query_allowed(true))
            .acting_as(5)
            .resolve(&PLAIN)
            .is_ok()
    );
    assert!(Auth::from_header("bad header", "v").resolve(&PLAIN).is_err());
    assert!(Auth::from_header("X-Key", "line\nbreak").resolve(&PLAIN).is_err());
    assert!(Auth::from_header("X-Key", "v").resolve(&PLAIN).is_ok());
}

/// What `credentials` attaches, as (kind, name, value) text.
fn attached(auth: &Auth, call: &Call) -> Vec<(&'static str, String, String)> {
    auth.credentials(call)
        .expect("credentials")
        .into_iter()
        .map(|credential| match credential {
            Credential::Bearer(token) => ("bearer", String::new(), token.into_owned()),
            Credential::Basic { user, password } => ("basic", user.to_owned(), password.to_owned()),
            Credential::Header { name, value } => ("header", name.to_owned(), value.to_owned()),
            Credential::Query { name, value } => ("query", name.to_owned(), value.into_owned()),
            Credential::Form { name, value } => ("form", name.to_owned(), value.into_owned()),
        })
        .collect()
}

#[test]
fn combined_credentials_all_travel_and_stay_hidden() {
    let auth = Auth::from_header("X-Client-Id", "client-sekrit")
        .and(Auth::from_query("key", "key-sekrit"))
        .and(Auth::from_bearer("token-sekrit"))
        .resolve(&PLAIN)
        .expect("one credential per header");
    let call = Call::new("Op", Method::GET, "/x".into());
    assert_eq!(
        attached(&auth, &call),
        [
            ("header", "X-Client-Id".to_owned(), "client-sekrit".to_owned()),
            ("query", "key".to_owned(), "key-sekrit".to_owned()),
            ("bearer", String::new(), "token-sekrit".to_owned()),
        ]
    );
    assert!(auth.uses_custom_header());
    let shown = format!("{auth:?}");
    assert!(shown.contains("X-Client-Id") && !shown.contains("sekrit"), "{shown}");
    let mut secrets = Secrets::default();
    auth.add_secrets(&mut secrets);
    assert_eq!(secrets.redact("client-sekrit key-sekrit token-sekrit"), "<redacted> <redacted> <redacted>");
    // A clash of one part refuses the call, as it does alone.
    let clash = Call::new("Op", Method::GET, "/x".into()).query("key", "1".into());
    assert!(auth.credentials(&clash).is_err());
}

#[test]
fn combined_credentials_refuse_one_header_twice_and_keep_acting_as() {
    for clash in [
        Auth::from_bearer("a").and(Auth::from_basic("u", "p")),
        Auth::from_header("X-Key", "a").and(Auth::from_header("x-key", "b")),
        Auth::from_header("Authorization", "a").and(Auth::from_bearer("b")),
    ] {
        let error = clash.resolve(&PLAIN).expect_err("two credentials in one header");
        assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
        assert!(!error.to_string().contains("sekrit"));
    }
    let bad = Auth::from_bearer("t").and(Auth::from_header("X-Key", "line\nbreak"));
    assert!(bad.resolve(&PLAIN).is_err(), "each part is checked");

    let params = AuthParams::new().identity("account_id", 1).secret("api_key", "k").query_allowed(true);
    let auth = Auth::from_header("X-Client-Id", "c").and(Auth::from_params(params)).acting_as(42);
    let auth = auth.resolve(&PLAIN).expect("the identity parameter takes acting_as");
    let call = Call::new("Op", Method::GET, "/x".into());
    assert!(attached(&auth, &call).contains(&("query", "account_id".to_owned(), "42".to_owned())));
    assert!(Auth::from_header("X-Client-Id", "c").and(Auth::from_bearer("t")).acting_as(1).resolve(&PLAIN).is_err());
    // One credential resolves to itself.
    let single = Auth::from_bearer("t").resolve(&PLAIN).expect("bearer");
    assert!(matches!(single.kind, Kind::Bearer(_)));
}
