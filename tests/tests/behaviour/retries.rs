//! Retries: rate limits and 5xx are retried for read-only operations only, with short
//! backoffs here so the tests stay fast.

use std::time::Duration;

use voximplant_client::{
    Auth, ChangeAccountPlanRequest, Client, Error, ErrorCode, GetAccountInfoRequest, GetCurrencyRateRequest, PlanKind,
    RetryPolicy, SetAccountInfoRequest, SetChildAccountInfoRequest,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{
    assert_form_request, client, client_with, fast_retries, json_reply, load, mount, received, service_account,
    verify_bearer,
};

const RATE_LIMITED: &str =
    r#"{"error":{"msg":"Rate limit exceed","code":340},"errors":[{"msg":"Rate limit exceed","code":340}]}"#;

/// Answers the first `times` calls of `operation` with `first`, later ones with `then`.
async fn first_then(server: &MockServer, operation: &str, first: ResponseTemplate, times: u64, then: ResponseTemplate) {
    let route = format!("/platform_api/{operation}");
    Mock::given(method("POST"))
        .and(path(route.clone()))
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("POST")).and(path(route)).respond_with(then).with_priority(2).mount(server).await;
}

#[tokio::test]
async fn rate_limit_then_success_on_a_get_is_retried() {
    let recording = load("GetCurrencyRate", "success");
    let server = MockServer::start().await;
    first_then(&server, "GetCurrencyRate", json_reply(200, RATE_LIMITED), 1, json_reply(200, &recording.response))
        .await;

    let request = GetCurrencyRateRequest::new(["RUR", "EUR"]).date(time::macros::date!(2014 - 03 - 17));
    let reply = client(&server).get_currency_rate(request).await.expect("succeeds after one retry");
    assert_eq!(reply.result.rur.map(|rate| rate.to_string()).as_deref(), Some("36.1295"));

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2, "one rate-limited attempt, one retry");
    for request in &requests {
        assert_eq!(
            assert_form_request(request, "GetCurrencyRate"),
            recording.request,
            "a retry resends the same fields"
        );
        verify_bearer(request);
    }
}

#[tokio::test]
async fn http_503_then_success_on_a_get_is_retried() {
    let recording = load("GetAccountInfo", "success");
    let server = MockServer::start().await;
    let unavailable = ResponseTemplate::new(503).set_body_raw(b"Service Unavailable".to_vec(), "text/plain");
    first_then(&server, "GetAccountInfo", unavailable, 1, json_reply(200, &recording.response)).await;

    let reply = client(&server)
        .get_account_info(GetAccountInfoRequest::new().return_live_balance(false))
        .await
        .expect("succeeds after one retry");
    assert_eq!(reply.result.account_id, 1234);
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn rate_limit_retries_stop_after_max_retries() {
    let server = MockServer::start().await;
    mount(&server, "GetAccountInfo", json_reply(200, RATE_LIMITED)).await;
    let client = client_with(&server, Auth::service_account(service_account()), fast_retries().max_retries(2));
    let error = client.get_account_info(GetAccountInfoRequest::new()).await.expect_err("always rate limited");
    assert_eq!(error.code(), Some(340));
    assert!(matches!(&error, Error::Api { code, .. } if *code == ErrorCode::RATE_LIMIT_EXCEED), "{error:?}");
    assert_eq!(received(&server).await.len(), 3, "first attempt + 2 retries");
}

#[tokio::test]
async fn default_policy_retries_a_rate_limited_get() {
    let recording = load("GetAccountInfo", "success");
    let server = MockServer::start().await;
    first_then(&server, "GetAccountInfo", json_reply(200, RATE_LIMITED), 1, json_reply(200, &recording.response)).await;
    // No `.retry(..)`: the default policy (first wait at most 200 ms).
    let client = Client::builder()
        .auth(Auth::service_account(service_account()))
        .base_url(server.uri())
        .build()
        .expect("client builds");
    client.get_account_info(GetAccountInfoRequest::new().return_live_balance(false)).await.expect("retried by default");
    assert_eq!(received(&server).await.len(), 2);
}

/// Calls one state-changing operation against a server that always answers `reply`.
async fn call_once(operation: &'static str, reply: ResponseTemplate) -> (Error, usize) {
    let server = MockServer::start().await;
    mount(&server, operation, reply).await;
    // Retries are allowed in general: they must still not apply to these operations.
    let client = client_with(&server, Auth::service_account(service_account()), fast_retries().max_retries(5));
    let error = match operation {
        "SetAccountInfo" => client.set_account_info(SetAccountInfoRequest::new().news_notifications(true)).await.err(),
        "SetChildAccountInfo" => client
            .set_child_account_info(SetChildAccountInfoRequest::by_child_account_id([1321]).active(false))
            .await
            .err(),
        "ChangeAccountPlan" => client.change_account_plan(ChangeAccountPlanRequest::new(PlanKind::Im)).await.err(),
        other => panic!("not a state-changing operation: {other}"),
    };
    let error = error.unwrap_or_else(|| panic!("{operation}: expected an error"));
    (error, received(&server).await.len())
}

#[tokio::test]
async fn rate_limit_on_set_and_change_operations_is_not_retried() {
    for operation in ["SetAccountInfo", "SetChildAccountInfo", "ChangeAccountPlan"] {
        let (error, sent) = call_once(operation, json_reply(200, RATE_LIMITED)).await;
        assert_eq!(sent, 1, "{operation}: sent exactly once");
        let Error::Api { code, message, .. } = &error else { panic!("{operation}: {error:?}") };
        assert_eq!(*code, ErrorCode::RATE_LIMIT_EXCEED);
        assert_eq!(message, "Rate limit exceed");
        assert_eq!(error.code(), Some(340));
        // The error itself is transient; the caller may decide to repeat the call.
        assert!(error.is_retryable(), "{operation}");
    }
}

#[tokio::test]
async fn http_503_on_a_change_operation_is_not_retried() {
    let reply = ResponseTemplate::new(503).set_body_raw(b"Service Unavailable".to_vec(), "text/plain");
    let (error, sent) = call_once("ChangeAccountPlan", reply).await;
    assert_eq!(sent, 1);
    let Error::Http { status, body } = &error else { panic!("{error:?}") };
    assert_eq!(status.as_u16(), 503);
    assert_eq!(body, "Service Unavailable");
}

#[tokio::test]
async fn retries_can_be_switched_off() {
    let server = MockServer::start().await;
    mount(&server, "GetAccountInfo", json_reply(200, RATE_LIMITED)).await;
    let client = client_with(&server, Auth::service_account(service_account()), RetryPolicy::none());
    let error = client.get_account_info(GetAccountInfoRequest::new()).await.expect_err("rate limited");
    assert_eq!(error.code(), Some(340));
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn timeouts_on_a_get_are_retried() {
    let recording = load("GetAccountInfo", "success");
    let server = MockServer::start().await;
    mount(&server, "GetAccountInfo", json_reply(200, &recording.response).set_delay(Duration::from_secs(5))).await;
    let client = Client::builder()
        .auth(Auth::service_account(service_account()))
        .base_url(server.uri())
        .timeout(Duration::from_millis(150))
        .retry(fast_retries().max_retries(1))
        .build()
        .expect("client builds");
    let error = client.get_account_info(GetAccountInfoRequest::new()).await.expect_err("server never answers in time");
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert_eq!(received(&server).await.len(), 2, "first attempt + 1 retry");
}

#[tokio::test]
async fn http_429_then_success_on_a_get_is_retried() {
    let recording = load("GetResourcePrice", "success");
    let server = MockServer::start().await;
    let too_many = ResponseTemplate::new(429).insert_header("retry-after", "1");
    first_then(&server, "GetResourcePrice", too_many, 1, json_reply(200, &recording.response)).await;
    let request =
        voximplant_client::GetResourcePriceRequest::new().resource_type(["PSTNOUT"]).resource_param(["79263332211"]);
    let started = std::time::Instant::now();
    client(&server).get_resource_price(request).await.expect("succeeds after one retry");
    assert!(started.elapsed() < Duration::from_millis(900), "Retry-After is capped by max_backoff (5 ms here)");
    assert_eq!(received(&server).await.len(), 2);
}
