//! Authentication: service-account JWTs (issuer override, caching), the legacy API key,
//! refusing plain http with credentials, and keeping secrets out of `Debug`.

use std::collections::BTreeMap;

use base64::Engine as _;
use serde_json::json;
use voximplant_client::{
    Auth, Client, Error, GetAccountInfoRequest, GetAccountVerificationsRequest, GetChildrenAccountsRequest,
    GetCurrencyRateRequest, RetryPolicy, ServiceAccount,
};
use wiremock::MockServer;

use crate::support::{
    ACCOUNT_EMAIL, ACCOUNT_ID, KEY_ID, assert_form_request, client, client_with, credentials_json, fast_retries,
    json_reply, load, mount, received, service_account, test_key, verify_bearer, verify_jwt,
};

/// Pieces of the private key that must never show up in output.
fn key_fragments() -> Vec<String> {
    let pem = &test_key().pem;
    let mut fragments: Vec<String> = pem.lines().filter(|line| !line.starts_with("-----")).map(str::to_owned).collect();
    fragments.push("PRIVATE KEY".to_owned());
    fragments
}

fn assert_no_key_material(shown: &str) {
    for fragment in key_fragments() {
        assert!(!shown.contains(&fragment), "key material `{fragment}` in {shown}");
    }
}

/// Base64 in 64-character lines between PEM armour lines.
fn pem(label: &str, der: &[u8]) -> String {
    let text = base64::engine::general_purpose::STANDARD.encode(der);
    let mut pem = format!("-----BEGIN {label}-----\n");
    for line in text.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str(&format!("-----END {label}-----\n"));
    pem
}

/// `credentials_json()` with `edit` applied to the parsed object.
fn edited_credentials(edit: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>)) -> String {
    let mut file: serde_json::Value = serde_json::from_str(&credentials_json()).expect("JSON");
    edit(file.as_object_mut().expect("an object"));
    file.to_string()
}

/// The message of an `Error::Auth` (fails the test for any other error).
fn auth_message(error: &Error) -> &str {
    match error {
        Error::Auth { message } => message,
        other => panic!("expected Error::Auth, got {other:?}"),
    }
}

/// The `Authorization` header of a request, if any.
fn authorization(request: &wiremock::Request) -> Option<String> {
    request.headers.get("authorization").map(|value| value.to_str().expect("ASCII header").to_owned())
}

// ---------------------------------------------------------------- legacy API key

#[tokio::test]
async fn api_key_travels_as_form_fields_next_to_the_operations_own() {
    let recording = load("GetCurrencyRate", "success");
    let server = MockServer::start().await;
    mount(&server, "GetCurrencyRate", json_reply(200, &recording.response)).await;
    let client = client_with(&server, Auth::api_key(ACCOUNT_ID, "key"), RetryPolicy::none());
    let request = GetCurrencyRateRequest::new(["RUR", "EUR"]).date(time::macros::date!(2014 - 03 - 17));
    let reply = client.get_currency_rate(request).await.expect("success");
    assert_eq!(reply.result.rur.map(|rate| rate.to_string()).as_deref(), Some("36.1295"));

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let mut expected: BTreeMap<String, String> = recording.request.clone();
    expected.insert("account_id".to_owned(), ACCOUNT_ID.to_string());
    expected.insert("api_key".to_owned(), "key".to_owned());
    assert_eq!(assert_form_request(&requests[0], "GetCurrencyRate"), expected);
    assert_eq!(authorization(&requests[0]), None, "no Authorization header with an API key");
}

#[tokio::test]
async fn api_key_with_an_operation_that_has_its_own_account_id_is_refused_before_sending() {
    let server = MockServer::start().await;
    mount(&server, "GetAccountVerifications", json_reply(200, &load("GetAccountVerifications", "success").response))
        .await;
    let client = client_with(&server, Auth::api_key(ACCOUNT_ID, "k-clash-secret"), fast_retries());
    let error = client
        .get_account_verifications(GetAccountVerificationsRequest::new(414_877))
        .await
        .expect_err("`account_id` would be sent twice");
    let Error::InvalidRequest { message } = &error else { panic!("expected Error::InvalidRequest, got {error:?}") };
    assert!(message.contains("account_id"), "{message}");
    assert!(!format!("{error} {error:?}").contains("k-clash-secret"), "{error:?}");
    assert!(!error.is_retryable());
    assert!(received(&server).await.is_empty(), "nothing was sent");
    // The same call with service-account auth is fine.
    client_with(&server, Auth::service_account(service_account()), RetryPolicy::none())
        .get_account_verifications(GetAccountVerificationsRequest::new(414_877))
        .await
        .expect("no clash with a JWT");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let fields = assert_form_request(&requests[0], "GetAccountVerifications");
    assert_eq!(fields, BTreeMap::from([("account_id".to_owned(), "414877".to_owned())]));
}

// ---------------------------------------------------------------- acting for a child account

#[tokio::test]
async fn acting_as_a_child_sets_the_jwt_issuer_or_the_account_id_field() {
    const CHILD: i64 = 414_877;
    let server = MockServer::start().await;
    mount(&server, "GetAccountInfo", json_reply(200, &load("GetAccountInfo", "success").response)).await;

    let acting = client_with(&server, Auth::service_account(service_account()).acting_as(CHILD), RetryPolicy::none());
    acting.get_account_info(GetAccountInfoRequest::new().return_live_balance(false)).await.expect("success");
    let legacy = client_with(&server, Auth::api_key(ACCOUNT_ID, "key").acting_as(CHILD), RetryPolicy::none());
    legacy.get_account_info(GetAccountInfoRequest::new().return_live_balance(false)).await.expect("success");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    let token = verify_bearer(&requests[0]);
    assert_eq!(token.claims["iss"], json!(CHILD), "iss is the child's id, as a number");
    assert_eq!(token.header["kid"], KEY_ID, "still the parent's key");
    assert_eq!(
        assert_form_request(&requests[0], "GetAccountInfo"),
        BTreeMap::from([("return_live_balance".to_owned(), "false".to_owned())]),
        "no credential fields with a JWT"
    );

    let fields = assert_form_request(&requests[1], "GetAccountInfo");
    assert_eq!(fields.get("account_id").map(String::as_str), Some("414877"), "acting_as replaces the account id");
    assert_eq!(fields.get("api_key").map(String::as_str), Some("key"));
    assert_eq!(fields.get("return_live_balance").map(String::as_str), Some("false"));
    assert_eq!(authorization(&requests[1]), None);
}

// ---------------------------------------------------------------- the service-account JWT

#[tokio::test]
async fn jwt_is_signed_by_the_key_and_carries_the_documented_claims() {
    let server = MockServer::start().await;
    mount(&server, "GetAccountInfo", json_reply(200, &load("GetAccountInfo", "success").response)).await;
    let before = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs();
    client(&server).get_account_info(GetAccountInfoRequest::new()).await.expect("success");
    let after = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let bearer = authorization(&requests[0]).expect("an Authorization header");
    let raw = bearer.strip_prefix("Bearer ").expect("a bearer token");
    // Signature checked with the public half of the test key (aws-lc-rs, not the client's code).
    let token = verify_jwt(raw).expect("the RS256 signature verifies");
    assert_eq!(token.header["alg"], "RS256");
    assert_eq!(token.header["kid"], KEY_ID);
    assert!(token.claims["iss"].is_number(), "iss is a JSON number, not a string: {}", token.claims["iss"]);
    assert_eq!(token.claims["iss"].as_i64(), Some(ACCOUNT_ID));
    let iat = token.claims["iat"].as_u64().expect("integer iat");
    let exp = token.claims["exp"].as_u64().expect("integer exp");
    assert!(iat <= after, "iat {iat} is in the future");
    assert!(iat < before, "iat {iat} is back-dated for clock skew (call started at {before})");
    assert!(iat + 60 >= before, "iat {iat} is back-dated by seconds, not minutes (call started at {before})");
    assert!(exp > after, "exp {exp} is already past");
    assert!(exp - iat <= 3600, "lifetime {} s is above the server's 3600 s limit", exp - iat);
    // The claims segment itself holds a bare number for iss.
    let claims_text = raw.split('.').nth(1).expect("claims segment");
    let claims_text = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(claims_text).expect("base64url claims");
    let claims_text = String::from_utf8(claims_text).expect("UTF-8 claims");
    assert!(claims_text.contains(&format!("\"iss\":{ACCOUNT_ID}")), "{claims_text}");

    // The check is real: a token with altered claims does not verify.
    let forged_claims =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(claims_text.replace(&ACCOUNT_ID.to_string(), "1"));
    let mut parts: Vec<&str> = raw.split('.').collect();
    parts[1] = &forged_claims;
    assert!(verify_jwt(&parts.join(".")).is_err(), "a tampered token must not verify");
}

#[tokio::test]
async fn token_is_cached_and_reused_across_calls() {
    let server = MockServer::start().await;
    mount(&server, "GetAccountInfo", json_reply(200, &load("GetAccountInfo", "success").response)).await;
    mount(&server, "GetCurrencyRate", json_reply(200, &load("GetCurrencyRate", "success").response)).await;
    let client = client(&server);
    client.get_account_info(GetAccountInfoRequest::new()).await.expect("first call");
    // A second call, a second later, of another operation: the iat would differ if re-signed.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    client.get_currency_rate(GetCurrencyRateRequest::new(["USD"])).await.expect("second call");
    client.clone().get_account_info(GetAccountInfoRequest::new()).await.expect("third call, from a clone");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    let tokens: Vec<String> = requests.iter().map(|request| verify_bearer(request).raw).collect();
    assert_eq!(tokens[0], tokens[1], "the second call reuses the first call's token");
    assert_eq!(tokens[0], tokens[2], "clones share the cache");
}

#[tokio::test]
async fn a_rejected_token_is_signed_afresh_once_then_the_api_error_is_returned() {
    let recording = load("GetAccountInfo", "error");
    let server = MockServer::start().await;
    mount(&server, "GetAccountInfo", json_reply(200, &recording.response)).await;
    // Retries are on (GetAccountInfo is read-only): an auth failure is not retried as such; the
    // call is sent once more with a freshly signed token, then the error is returned.
    let client = client_with(&server, Auth::service_account(service_account()), fast_retries().max_retries(5));
    let error = client.get_account_info(GetAccountInfoRequest::new()).await.expect_err("authorization failed");
    let Error::Api { code, message, .. } = &error else { panic!("expected Error::Api, got {error:?}") };
    assert_eq!(code.value(), 100);
    assert_eq!(*code, voximplant_client::ErrorCode::AUTHORIZATION_FAILED);
    assert_eq!(message, "Authorization failed");
    assert_eq!(error.code(), Some(100));
    assert!(!error.is_retryable(), "{error:?}");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2, "one more request with a fresh token, no retries");
    verify_bearer(&requests[0]);
    verify_bearer(&requests[1]);
}

// ---------------------------------------------------------------- secrets stay out of Debug

#[tokio::test]
async fn debug_of_client_auth_and_service_account_shows_no_secret() {
    let server = MockServer::start().await;
    mount(&server, "GetAccountInfo", json_reply(200, &load("GetAccountInfo", "success").response)).await;

    let account = service_account();
    assert_eq!(account.account_id(), ACCOUNT_ID);
    assert_eq!(account.account_email(), ACCOUNT_EMAIL);
    assert_eq!(account.key_id(), KEY_ID);
    let shown = format!("{account:?} {account:#?}");
    assert_no_key_material(&shown);
    assert!(shown.contains(KEY_ID) && shown.contains(ACCOUNT_EMAIL), "public facts stay visible: {shown}");

    let secrets = ["sekrit-api-key", "sekrit-bearer-token", "sekrit-password", "sekrit-header-value", "sekrit-query"];
    let kinds = [
        ("service_account", Auth::service_account(service_account())),
        ("service_account acting_as", Auth::service_account(service_account()).acting_as(7)),
        ("api_key", Auth::api_key(ACCOUNT_ID, "sekrit-api-key")),
        ("api_key acting_as", Auth::api_key(ACCOUNT_ID, "sekrit-api-key").acting_as(7)),
        ("bearer", Auth::bearer("sekrit-bearer-token")),
        ("basic", Auth::basic("some-user", "sekrit-password")),
        ("header", Auth::header("X-Api-Key", "sekrit-header-value")),
        ("query", Auth::query("key", "sekrit-query")),
        ("from_env", Auth::from_env()),
    ];
    for (kind, auth) in kinds {
        let mut shown = format!("{auth:?} {auth:#?}");
        if kind != "from_env" {
            let client = client_with(&server, auth, RetryPolicy::none());
            shown.push_str(&format!(" {client:?} {client:#?}"));
        }
        assert_no_key_material(&shown);
        for secret in secrets {
            assert!(!shown.contains(secret), "{kind}: `{secret}` in {shown}");
        }
        assert!(!shown.contains("sekrit"), "{kind}: {shown}");
    }

    // After a call the token is cached: the client's Debug still does not show it.
    let client = client(&server);
    client.get_account_info(GetAccountInfoRequest::new()).await.expect("success");
    let token = verify_bearer(&received(&server).await[0]).raw;
    let shown = format!("{client:?} {client:#?}");
    let signature = token.rsplit('.').next().expect("signature segment");
    assert!(!shown.contains(&token) && !shown.contains(signature), "the token in {shown}");
    assert!(!shown.contains("eyJ"), "a JWT segment in {shown}");
    assert_no_key_material(&shown);
}

#[tokio::test]
async fn debug_of_account_info_redacts_the_api_key_and_callback_salt() {
    let mut body: serde_json::Value = serde_json::from_str(&load("GetAccountInfo", "success").response).expect("JSON");
    body["result"]["api_key"] = json!("a1b2c3d4-secret-api-key");
    let server = MockServer::start().await;
    mount(&server, "GetAccountInfo", json_reply(200, &body.to_string())).await;
    let reply = client(&server).get_account_info(GetAccountInfoRequest::new()).await.expect("decodes");
    let info = &reply.result;
    // The values are there for the program to use ...
    assert_eq!(info.api_key.as_deref(), Some("a1b2c3d4-secret-api-key"));
    assert_eq!(info.callback_salt.as_deref(), Some("s4lt-value"));
    // ... but not in Debug output (they are `format: password` in the spec).
    for shown in [format!("{info:?}"), format!("{info:#?}"), format!("{reply:?}")] {
        assert!(!shown.contains("a1b2c3d4-secret-api-key"), "api_key in {shown}");
        assert!(!shown.contains("s4lt-value"), "callback_salt in {shown}");
        assert!(shown.contains("api_key") && shown.contains("callback_salt"), "the fields are listed: {shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
        assert!(shown.contains("myaccount") && shown.contains("1234"), "other fields are shown: {shown}");
        assert!(shown.contains("https://example.com/voximplant/callback"), "{shown}");
    }

    // The child accounts of GetChildrenAccounts carry API keys too.
    let server = MockServer::start().await;
    mount(&server, "GetChildrenAccounts", json_reply(200, &load("GetChildrenAccounts", "success").response)).await;
    let reply = client(&server)
        .get_children_accounts(GetChildrenAccountsRequest::by_child_account_id([414_877, 464_478]))
        .await
        .expect("decodes");
    assert_eq!(reply.result[0].api_key.as_deref(), Some("12345678-1234-1234-1234-aaaaaabbbbbb"));
    let shown = format!("{reply:?}");
    assert!(!shown.contains("12345678-1234-1234-1234-aaaaaabbbbbb"), "{shown}");
    assert!(!shown.contains("123aaa78-1234-1234-1234-aaa345567bbb"), "{shown}");
    assert!(shown.contains("myparent-child-1"), "{shown}");
}

// ---------------------------------------------------------------- bad key files

#[test]
fn bad_credentials_are_auth_errors_that_name_the_field_and_hide_the_key() {
    let real_key = test_key().pem.clone();
    let check = |case: &str, json: &str, field: Option<&str>, hidden: &[&str]| {
        let error = ServiceAccount::from_json(json).expect_err(case);
        let message = auth_message(&error).to_owned();
        if let Some(field) = field {
            assert!(message.contains(&format!("`{field}`")), "{case}: the message names `{field}`: {message}");
        }
        let shown = format!("{error} {error:?} {error:#?}");
        assert_no_key_material(&shown);
        for fragment in hidden {
            assert!(!shown.contains(fragment), "{case}: `{fragment}` in {shown}");
        }
    };

    // Malformed JSON, including a file cut off in the middle of the key.
    check("not JSON", "{not json", None, &[]);
    let whole = credentials_json();
    let cut_at = whole.find("PRIVATE KEY-----").expect("the key") + 200;
    let truncated = &whole[..cut_at];
    let error = ServiceAccount::from_json(truncated).expect_err("truncated");
    assert!(auth_message(&error).contains("JSON"), "{error}");
    check("truncated in the key", truncated, None, &[]);
    check("not an object", "[1, 2, 3]", Some("account_id"), &[]);

    // A missing field.
    for field in ["account_id", "key_id", "private_key"] {
        let json = edited_credentials(|file| {
            file.remove(field);
        });
        check(&format!("missing {field}"), &json, Some(field), &[]);
    }
    // A field of the wrong type.
    for (field, value) in [
        ("account_id", json!("1234")),
        ("account_id", json!(12.5)),
        ("account_id", json!(null)),
        ("key_id", json!(5)),
        ("key_id", json!(["behaviour-test-key-id"])),
        ("account_email", json!(5)),
        ("private_key", json!(42)),
        ("private_key", json!({"pem": "x"})),
    ] {
        let json = edited_credentials(|file| {
            file.insert(field.to_owned(), value.clone());
        });
        check(&format!("{field} = {value}"), &json, Some(field), &[]);
    }

    // A key that is not an RSA key: a P-256 ECDSA key in PKCS#8.
    let ec = aws_lc_rs::signature::EcdsaKeyPair::generate(&aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED_SIGNING)
        .expect("EC key generation");
    let ec_pem = pem("PRIVATE KEY", ec.to_pkcs8v1().expect("PKCS#8").as_ref());
    let ec_lines: Vec<&str> = ec_pem.lines().filter(|line| !line.starts_with("-----")).collect();
    let json = edited_credentials(|file| {
        file.insert("private_key".to_owned(), json!(ec_pem));
    });
    check("EC key", &json, Some("private_key"), &ec_lines);

    // Garbage: not PEM at all; PEM armour around non-key bytes; the real key with a damaged body.
    let garbage_body = "Z2FyYmFnZS1zZWNyZXQtbWF0ZXJpYWwtZG8tbm90LXNob3c=";
    let damaged = {
        let mut lines: Vec<String> = real_key.lines().map(str::to_owned).collect();
        lines[3] = lines[3].chars().rev().collect();
        lines.join("\n")
    };
    for (case, key) in [
        ("not PEM", "not-a-key-secret-text".to_owned()),
        ("empty", String::new()),
        ("armoured garbage", format!("-----BEGIN PRIVATE KEY-----\n{garbage_body}\n-----END PRIVATE KEY-----\n")),
        ("damaged RSA key", damaged),
    ] {
        let json = edited_credentials(|file| {
            file.insert("private_key".to_owned(), json!(key));
        });
        check(case, &json, Some("private_key"), &["not-a-key-secret-text", garbage_body]);
    }
    // The good file still loads.
    assert_eq!(ServiceAccount::from_json(&credentials_json()).expect("valid").account_id(), ACCOUNT_ID);
}

// ---------------------------------------------------------------- plain http

#[test]
fn credentials_over_plain_http_are_refused_except_on_loopback() {
    let build = |base: &str, auth: Auth| Client::builder().auth(auth).base_url(base).build();
    let kinds = || {
        [
            Auth::service_account(service_account()),
            Auth::api_key(ACCOUNT_ID, "k-plain-http-secret"),
            Auth::bearer("k-plain-http-secret"),
        ]
    };
    for base in ["http://example.com", "http://example.com:8080/", "http://10.0.0.1", "http://localhost.example.com"] {
        for auth in kinds() {
            let error = build(base, auth).expect_err(base);
            let Error::InvalidRequest { message } = &error else {
                panic!("{base}: expected InvalidRequest, got {error:?}")
            };
            assert!(message.contains("http"), "{base}: {message}");
            assert!(!format!("{error:?}").contains("k-plain-http-secret"), "{error:?}");
        }
    }
    for base in ["http://127.0.0.1:8080", "http://localhost:8080", "http://127.0.0.1:1/", "https://example.com"] {
        for auth in kinds() {
            build(base, auth).unwrap_or_else(|error| panic!("{base}: {error}"));
        }
    }
    // Without credentials there is nothing to protect.
    Client::builder().base_url("http://example.com").build().expect("no credentials, no refusal");
}

// Auth::from_env() is tested in tests/from_env.rs: it changes the process environment.

// ---------------------------------------------------------------- other kinds of auth

#[tokio::test]
async fn bearer_basic_header_and_query_auth_put_the_credential_in_place() {
    let recording = load("GetAccountInfo", "success");
    let server = MockServer::start().await;
    mount(&server, "GetAccountInfo", json_reply(200, &recording.response)).await;
    let kinds = [
        Auth::bearer("fixed-token-1"),
        Auth::basic("some-user", "pass word:1"),
        Auth::header("X-Api-Key", "header-key-1"),
        Auth::query("key", "query key&1"),
    ];
    for auth in kinds {
        client_with(&server, auth, RetryPolicy::none())
            .get_account_info(GetAccountInfoRequest::new().return_live_balance(false))
            .await
            .expect("success");
    }
    let requests = received(&server).await;
    assert_eq!(requests.len(), 4);
    let own_fields = BTreeMap::from([("return_live_balance".to_owned(), "false".to_owned())]);

    let [bearer, basic, header, query] = &requests[..] else { panic!("four requests") };
    assert_eq!(authorization(bearer).as_deref(), Some("Bearer fixed-token-1"));
    assert_eq!(assert_form_request(bearer, "GetAccountInfo"), own_fields);

    let expected = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode("some-user:pass word:1"));
    assert_eq!(authorization(basic), Some(expected));
    assert_eq!(assert_form_request(basic, "GetAccountInfo"), own_fields);

    assert_eq!(header.headers.get("x-api-key").map(|value| value.to_str().expect("ASCII")), Some("header-key-1"));
    assert_eq!(authorization(header), None);
    assert_eq!(assert_form_request(header, "GetAccountInfo"), own_fields);

    assert_eq!(authorization(query), None);
    let params: Vec<(String, String)> = query.url.query_pairs().into_owned().collect();
    assert_eq!(params, [("key".to_owned(), "query key&1".to_owned())], "the credential is a query parameter");
    assert_eq!(query.url.path(), "/platform_api/GetAccountInfo");
    assert_eq!(
        String::from_utf8_lossy(&query.body),
        "return_live_balance=false",
        "the form holds the call's own fields"
    );
}

#[tokio::test]
async fn decode_error_excerpts_do_not_reveal_child_api_keys() {
    let mut body: serde_json::Value =
        serde_json::from_str(&load("GetChildrenAccounts", "success").response).expect("JSON");
    body["total_count"] = json!("many");
    let server = MockServer::start().await;
    mount(&server, "GetChildrenAccounts", json_reply(200, &body.to_string())).await;
    let error = client(&server)
        .get_children_accounts(GetChildrenAccountsRequest::by_child_account_id([414_877, 464_478]))
        .await
        .expect_err("wrong type");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("12345678-1234-1234-1234-aaaaaabbbbbb"), "a child's API key in {shown}");
}

#[tokio::test]
async fn concurrent_calls_share_one_token() {
    let server = MockServer::start().await;
    mount(&server, "GetAccountInfo", json_reply(200, &load("GetAccountInfo", "success").response)).await;
    let client = client(&server);
    let calls = (0..8).map(|_| {
        let client = client.clone();
        async move { client.get_account_info(GetAccountInfoRequest::new()).await }
    });
    for result in futures_util::future::join_all(calls).await {
        result.expect("success");
    }
    let requests = received(&server).await;
    assert_eq!(requests.len(), 8);
    let first = verify_bearer(&requests[0]).raw;
    assert!(requests.iter().all(|request| verify_bearer(request).raw == first), "one token signed and shared");
}

#[tokio::test]
async fn redirects_are_not_followed_so_credentials_stay_on_the_host() {
    let elsewhere = MockServer::start().await;
    mount(&elsewhere, "GetAccountInfo", json_reply(200, &load("GetAccountInfo", "success").response)).await;
    let server = MockServer::start().await;
    let redirect = wiremock::ResponseTemplate::new(307)
        .insert_header("location", format!("{}/platform_api/GetAccountInfo", elsewhere.uri()).as_str());
    mount(&server, "GetAccountInfo", redirect).await;
    let error = client_with(&server, Auth::api_key(1, "k-redirect-secret"), RetryPolicy::none())
        .get_account_info(GetAccountInfoRequest::new())
        .await
        .expect_err("a redirect is not a reply");
    let Error::Http { status, .. } = &error else { panic!("{error:?}") };
    assert_eq!(status.as_u16(), 307);
    assert!(received(&elsewhere).await.is_empty(), "nothing reached the other host");
}

#[tokio::test]
async fn base_url_may_end_in_a_slash_or_carry_a_path_prefix() {
    let server = MockServer::start().await;
    let reply = json_reply(200, &load("GetAccountInfo", "success").response);
    mount(&server, "GetAccountInfo", reply.clone()).await;
    wiremock::Mock::given(wiremock::matchers::path("/proxy/platform_api/GetAccountInfo"))
        .respond_with(reply)
        .mount(&server)
        .await;
    for base in [format!("{}/", server.uri()), format!("{}/proxy", server.uri()), format!("{}/proxy/", server.uri())] {
        let client = Client::builder()
            .auth(Auth::service_account(service_account()))
            .base_url(base.clone())
            .retry(RetryPolicy::none())
            .build()
            .expect("client builds");
        client.get_account_info(GetAccountInfoRequest::new()).await.unwrap_or_else(|error| panic!("{base}: {error}"));
    }
    let paths: Vec<String> = received(&server).await.iter().map(|request| request.url.path().to_owned()).collect();
    assert_eq!(
        paths,
        ["/platform_api/GetAccountInfo", "/proxy/platform_api/GetAccountInfo", "/proxy/platform_api/GetAccountInfo"]
    );
}

#[tokio::test]
async fn user_agent_is_sent() {
    let server = MockServer::start().await;
    mount(&server, "GetAccountInfo", json_reply(200, &load("GetAccountInfo", "success").response)).await;
    client(&server).get_account_info(GetAccountInfoRequest::new()).await.expect("success");
    let custom = Client::builder()
        .auth(Auth::service_account(service_account()))
        .base_url(server.uri())
        .user_agent("my-app/2.0")
        .build()
        .expect("client builds");
    custom.get_account_info(GetAccountInfoRequest::new()).await.expect("success");
    let agents: Vec<String> = received(&server)
        .await
        .iter()
        .map(|request| request.headers.get("user-agent").expect("user agent").to_str().expect("ASCII").to_owned())
        .collect();
    assert!(agents[0].starts_with("voximplant-client/"), "{}", agents[0]);
    assert_eq!(agents[1], "my-app/2.0");
}
