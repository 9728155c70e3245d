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
