#![cfg(test)]
//! Run inside the crate generated from `tests/fixtures/combined_auth.yaml` (copied there by
//! `tests/tests/fixtures_compile.rs`): a security requirement that names several schemes gets
//! one constructor, and every credential it names travels where its scheme says.

use fixture_combined_auth::*;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn client(server: &MockServer, auth: Auth) -> Client {
    Client::builder().base_url(server.uri()).auth(auth).retry(RetryPolicy::none()).build().unwrap()
}

#[tokio::test]
async fn a_client_id_header_travels_beside_the_oauth_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/accounts"))
        .and(header("x-ibm-client-id", "app-1"))
        .and(header("authorization", "Bearer t0ken"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"["a"]"#))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server, Auth::client_id_and_token("app-1", "t0ken")).await;
    assert_eq!(client.list_accounts(ListAccountsRequest::new()).await.unwrap(), vec!["a".to_owned()]);
}

#[tokio::test]
async fn two_header_keys_are_two_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/indexes"))
        .and(header("x-algolia-application-id", "APP"))
        .and(header("x-algolia-api-key", "s3cret"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server, Auth::api_key("APP", "s3cret")).await;
    client.list_indexes(ListIndexesRequest::new()).await.unwrap();
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent[0].url.query(), None, "no key in the URL");
}

#[tokio::test]
async fn cookie_keys_share_one_cookie_header() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/session"))
        .and(header("cookie", "tenant=acme; session=abc"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server, Auth::session("acme", "abc")).await.get_session(GetSessionRequest::new()).await.unwrap();
}

#[tokio::test]
async fn a_query_key_travels_beside_basic_credentials() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/reports"))
        .and(query_param("partner", "p-9"))
        .and(header("authorization", "Basic dXNlcjpwYXNz"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server, Auth::partner_and_basic("p-9", "user", "pass")).await.get_reports(GetReportsRequest::new()).await.unwrap();
}

#[test]
fn debug_output_hides_every_combined_secret() {
    let shown = format!("{:?}", Auth::client_id_and_token("app-1", "t0ken-sekrit"));
    assert!(!shown.contains("sekrit") && !shown.contains("app-1"), "{shown}");
    let shown = format!("{:?}", Auth::partner_and_basic("p-9", "user", "pass-sekrit"));
    assert!(!shown.contains("sekrit"), "{shown}");
}
