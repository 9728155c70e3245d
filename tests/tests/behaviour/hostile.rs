//! Hostile and drifting replies: wrong status, broken or empty bodies, wrong types, unknown
//! enum values and fields, missing optional fields, and a server that never answers. The
//! client must turn each into a typed value or a typed error, never a panic.

use std::str::FromStr;
use std::time::{Duration, Instant};

use rust_decimal::Decimal;
use serde_json::{Value, json};
use voximplant_client::{
    AccountVerificationDocumentAccountDocumentStatus, Auth, Client, Error, ErrorCode, GetAccountDocumentsRequest,
    GetAccountInfoRequest, GetAvailablePlansRequest, GetChildrenAccountsOrderBy, GetChildrenAccountsRequest,
    GetCurrencyRateRequest, LanguageCode, PlanKind, RetryPolicy, VerificationStatus,
};
use wiremock::{MockServer, ResponseTemplate};

use crate::support::{Replay, client_with, json_reply, load, mount, received, service_account};

/// A client without retries (so a retryable failure shows up after one request).
fn no_retry_client(server: &MockServer) -> Client {
    client_with(server, Auth::service_account(service_account()), RetryPolicy::none())
}

/// Calls GetAccountInfo against a server answering `reply` once, without retries.
async fn account_info_with(reply: ResponseTemplate) -> Result<voximplant_client::GetAccountInfoResponse, Error> {
    let server = MockServer::start().await;
    mount(&server, "GetAccountInfo", reply).await;
    let result = no_retry_client(&server).get_account_info(GetAccountInfoRequest::new()).await;
    assert_eq!(received(&server).await.len(), 1);
    result
}

/// Calls GetChildrenAccounts against a server answering `body` with HTTP 200.
async fn children_with(body: &str) -> Result<voximplant_client::GetChildrenAccountsResponse, Error> {
    let server = MockServer::start().await;
    mount(&server, "GetChildrenAccounts", json_reply(200, body)).await;
    no_retry_client(&server).get_children_accounts(GetChildrenAccountsRequest::by_child_account_id([414_877])).await
}

/// The documented GetChildrenAccounts reply, with `edit` applied.
fn edited_children(edit: impl FnOnce(&mut Value)) -> String {
    let mut body: Value = serde_json::from_str(&load("GetChildrenAccounts", "success").response).expect("JSON");
    edit(&mut body);
    body.to_string()
}

fn decode_path(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(Error::Decode { path, message, .. }) => {
            assert!(!message.is_empty());
            path
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn html_502_page_is_an_http_error_with_an_excerpt() {
    let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
                <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    let reply = ResponseTemplate::new(502).set_body_raw(page.as_bytes().to_vec(), "text/html");
    let error = account_info_with(reply).await.expect_err("HTTP 502");
    let Error::Http { status, body } = &error else { panic!("expected Error::Http, got {error:?}") };
    assert_eq!(status.as_u16(), 502);
    assert!(body.contains("502 Bad Gateway"), "{body}");
    assert_eq!(error.code(), None);
    assert!(error.is_retryable(), "5xx is transient");
    assert!(error.to_string().contains("502"), "{error}");
}

#[tokio::test]
async fn long_error_pages_are_cut_to_a_short_excerpt() {
    let page = format!("<html><body>{}</body></html>", "Bad Gateway é ".repeat(2000));
    let reply = ResponseTemplate::new(502).set_body_raw(page.into_bytes(), "text/html");
    let error = account_info_with(reply).await.expect_err("HTTP 502");
    let Error::Http { body, .. } = &error else { panic!("{error:?}") };
    assert!(body.chars().count() <= 512, "excerpt of {} chars", body.chars().count());
    assert!(body.starts_with("<html><body>Bad Gateway"), "{body}");
}

#[tokio::test]
async fn non_2xx_without_a_body_is_an_http_error() {
    let error = account_info_with(ResponseTemplate::new(404)).await.expect_err("HTTP 404");
    let Error::Http { status, body } = &error else { panic!("{error:?}") };
    assert_eq!(status.as_u16(), 404);
    assert!(body.is_empty());
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn error_envelope_in_a_non_2xx_reply_is_still_an_api_error() {
    let envelope = r#"{"error":{"msg":"Internal error","code":2},"errors":[{"msg":"Internal error","code":2}]}"#;
    let error = account_info_with(json_reply(500, envelope)).await.expect_err("API error");
    let Error::Api { code, message, status, .. } = &error else { panic!("expected Error::Api, got {error:?}") };
    assert_eq!(*code, ErrorCode::INTERNAL_ERROR);
    assert_eq!(message, "Internal error");
    assert_eq!(status.as_u16(), 500);
    assert_eq!(error.code(), Some(2));
}

#[tokio::test]
async fn truncated_json_with_200_is_a_decode_error() {
    let whole = load("GetChildrenAccounts", "success").response;
    let cut = &whole[..whole.len() / 2];
    let error = children_with(cut).await.expect_err("truncated body");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn empty_200_body_is_a_decode_error() {
    let path = decode_path(account_info_with(ResponseTemplate::new(200)).await);
    assert_eq!(path, ".", "the whole body failed");
}

#[tokio::test]
async fn html_with_200_is_a_decode_error() {
    let reply = ResponseTemplate::new(200).set_body_raw(b"<html><body>Maintenance</body></html>".to_vec(), "text/html");
    let error = account_info_with(reply).await.expect_err("not JSON");
    let Error::Decode { body, .. } = &error else { panic!("{error:?}") };
    assert!(body.contains("Maintenance"), "the excerpt shows what came back: {body}");
}

#[tokio::test]
async fn trailing_garbage_after_the_json_is_a_decode_error() {
    let body = format!("{} <!-- cached -->", load("GetChildrenAccounts", "success").response);
    let error = children_with(&body).await.expect_err("trailing bytes");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn invalid_utf8_and_deep_nesting_are_decode_errors() {
    // Invalid UTF-8 inside a field the client reads. (Inside an unknown field, which is skipped
    // unread, serde_json does not check it: such a body decodes.)
    let mut bytes = br#"{"result":[{"account_id":1,"account_name":""#.to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(br#""}],"total_count":1,"count":1}"#);
    let server = MockServer::start().await;
    mount(&server, "GetChildrenAccounts", ResponseTemplate::new(200).set_body_raw(bytes, "application/json")).await;
    let result =
        no_retry_client(&server).get_children_accounts(GetChildrenAccountsRequest::by_child_account_id([1])).await;
    let Err(Error::Decode { path, body, .. }) = &result else { panic!("{result:?}") };
    assert_eq!(path, "result[0].account_name");
    assert!(body.contains('\u{fffd}'), "the excerpt is lossy UTF-8: {body}");

    // Far deeper than any parser recursion limit: an error, not a stack overflow.
    let deep = format!(r#"{{"result":{}{},"total_count":0,"count":0}}"#, "[".repeat(100_000), "]".repeat(100_000));
    let result = children_with(&deep).await;
    assert!(matches!(result, Err(Error::Decode { .. })), "{result:?}");
}

#[tokio::test]
async fn wrong_type_at_the_top_level_names_the_field() {
    let body = edited_children(|body| body["total_count"] = json!("many"));
    let path = decode_path(children_with(&body).await);
    assert!(path.contains("total_count"), "{path}");
}

#[tokio::test]
async fn wrong_types_deep_inside_name_the_item_and_field() {
    let body = edited_children(|body| body["result"][1]["balance"] = json!("lots"));
    assert_eq!(decode_path(children_with(&body).await), "result[1].balance");

    let body = edited_children(|body| body["result"][0]["created"] = json!("2016-04-08T11:01:30Z"));
    assert_eq!(decode_path(children_with(&body).await), "result[0].created", "RFC 3339 is not the wire format");

    let body = edited_children(|body| body["result"][0]["account_id"] = json!(4.5));
    assert_eq!(decode_path(children_with(&body).await), "result[0].account_id");

    let body = edited_children(|body| body["count"] = json!(99_999_999_999_999_999_999_u128));
    assert_eq!(decode_path(children_with(&body).await), "count", "out of the i64 range");

    let body = edited_children(|body| body["result"] = json!({"not": "a list"}));
    assert_eq!(decode_path(children_with(&body).await), "result");
}

#[tokio::test]
async fn malformed_error_envelopes_are_decode_errors() {
    for envelope in [r#"{"error":{"msg":"no code"}}"#, r#"{"error":{"code":"340","msg":"x"}}"#, r#"{"error":"boom"}"#] {
        let error = account_info_with(json_reply(200, envelope)).await.expect_err("not a success");
        let Error::Decode { path, .. } = &error else { panic!("{envelope}: {error:?}") };
        assert!(path.starts_with("error"), "{envelope}: {path}");
    }
    // `"error": null` beside a result is not a failure.
    let mut body: Value = serde_json::from_str(&load("GetAccountInfo", "success").response).expect("JSON");
    body["error"] = Value::Null;
    let reply = account_info_with(json_reply(200, &body.to_string())).await.expect("success");
    assert_eq!(reply.result.account_id, 1234);
}

#[tokio::test]
async fn unknown_enum_values_decode_into_other_and_reserialize_unchanged() {
    let mut plans: Value = serde_json::from_str(&load("GetAvailablePlans", "success").response).expect("JSON");
    plans["result"][1]["plan_type"] = json!("ENTERPRISE");
    let server = MockServer::start().await;
    mount(&server, "GetAvailablePlans", json_reply(200, &plans.to_string())).await;
    let reply = no_retry_client(&server).get_available_plans(GetAvailablePlansRequest::new()).await.expect("decodes");
    assert_eq!(reply.result[0].plan_type, PlanKind::Im);
    assert_eq!(reply.result[1].plan_type, PlanKind::Other("ENTERPRISE".to_owned()));
    assert_eq!(reply.result[1].plan_type.to_string(), "ENTERPRISE");
    let again = serde_json::to_value(&reply).expect("serializes");
    assert_eq!(again["result"][1]["plan_type"], "ENTERPRISE");
    assert_eq!(again["result"][0]["plan_type"], "IM");

    let mut documents: Value = serde_json::from_str(&load("GetAccountDocuments", "success").response).expect("JSON");
    documents["result"][0]["verifications"][0]["verification_status"] = json!("EXPIRED");
    documents["result"][0]["verifications"][0]["documents"][1]["account_document_status"] = json!("ARCHIVED");
    let server = MockServer::start().await;
    mount(&server, "GetAccountDocuments", json_reply(200, &documents.to_string())).await;
    let reply =
        no_retry_client(&server).get_account_documents(GetAccountDocumentsRequest::new()).await.expect("decodes");
    let verification = &reply.result[0].verifications[0];
    assert_eq!(verification.verification_status, VerificationStatus::Other("EXPIRED".to_owned()));
    let docs = verification.documents.as_ref().expect("documents");
    assert_eq!(docs[0].account_document_status, AccountVerificationDocumentAccountDocumentStatus::Rejected);
    assert_eq!(
        docs[1].account_document_status,
        AccountVerificationDocumentAccountDocumentStatus::Other("ARCHIVED".into())
    );
    let again = serde_json::to_value(verification).expect("serializes");
    assert_eq!(again["verification_status"], "EXPIRED");
    assert_eq!(again["documents"][1]["account_document_status"], "ARCHIVED");
    assert_eq!(again["documents"][1]["uploaded"], "2015-02-01 07:34:01", "timestamps re-serialize in the wire format");
    assert_eq!(again["unverified_hold_until"], "2015-02-15");

    // A language code outside the documented list.
    let mut info: Value = serde_json::from_str(&load("GetAccountInfo", "success").response).expect("JSON");
    info["result"]["language_code"] = json!("tlh");
    let reply = account_info_with(json_reply(200, &info.to_string())).await.expect("decodes");
    assert_eq!(reply.result.language_code, Some(LanguageCode::Other("tlh".to_owned())));
    assert_eq!(serde_json::to_value(&reply.result).expect("serializes")["language_code"], "tlh");
}

#[tokio::test]
async fn unknown_extra_fields_are_accepted() {
    let mut body: Value = serde_json::from_str(&load("GetAccountInfo", "success").response).expect("JSON");
    body["server_time"] = json!("2026-01-01 00:00:00");
    body["result"]["brand_new_flag"] = json!(true);
    body["result"]["nested_new"] = json!({"deep": [1, 2, {"x": null}]});
    body["result"]["billing_limits"]["paypal"] = json!({"min_amount": 5, "currency": "USD"});
    let reply = account_info_with(json_reply(200, &body.to_string())).await.expect("extra fields are fine");
    assert_eq!(reply.result.account_id, 1234);
    assert_eq!(reply.result.balance.map(|balance| balance.to_string()).as_deref(), Some("150.75"));
    assert!(reply.result.billing_limits.and_then(|limits| limits.bank_card).is_some());

    // Currencies beyond the four named ones are kept by name.
    let server = MockServer::start().await;
    mount(&server, "GetCurrencyRate", json_reply(200, r#"{"result":{"USD":1,"GBP":0.7891,"KZT":447.12}}"#)).await;
    let reply = no_retry_client(&server)
        .get_currency_rate(GetCurrencyRateRequest::new(["USD", "GBP", "KZT"]))
        .await
        .expect("decodes");
    assert_eq!(reply.result.usd.map(|rate| rate.to_string()).as_deref(), Some("1"));
    assert_eq!(reply.result.kzt.map(|rate| rate.to_string()).as_deref(), Some("447.12"));
    let gbp = reply.result.additional_properties.get("GBP").map(ToString::to_string);
    assert_eq!(gbp.as_deref(), Some("0.7891"));
}

#[tokio::test]
async fn missing_optional_fields_are_none() {
    // brief_output: each item holds only account_id.
    let replay = Replay::start("GetChildrenAccounts", "brief").await;
    let request = GetChildrenAccountsRequest::by_child_account_email("child-1@myparent.com")
        .brief_output(true)
        .order_by(GetChildrenAccountsOrderBy::ChildAccountId)
        .return_live_balance(false);
    let reply = replay.client().get_children_accounts(request).await.expect("a brief item decodes");
    replay.assert_sent().await;
    assert_eq!((reply.total_count, reply.count), (1, 1));
    let item = &reply.result[0];
    assert_eq!(item.account_id, 414_877);
    assert_eq!(item.account_name, None);
    assert_eq!(item.account_email, None);
    assert_eq!(item.created, None);
    assert_eq!(item.active, None);
    assert_eq!(item.balance, None);
    assert_eq!(item.language_code, None);
    assert_eq!(item.billing_limits, None);
    assert_eq!(item.live_balance, None);

    // null and "" for optional timestamps and dates read as absent.
    let body = edited_children(|body| {
        body["result"][0]["created"] = Value::Null;
        body["result"][1]["created"] = json!("");
        body["result"][1]["api_key"] = Value::Null;
    });
    let reply = children_with(&body).await.expect("decodes");
    assert_eq!(reply.result[0].created, None);
    assert_eq!(reply.result[1].created, None);
    assert_eq!(reply.result[1].api_key, None);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_quickly() {
    let server = MockServer::start().await;
    let slow = json_reply(200, &load("GetAccountInfo", "success").response).set_delay(Duration::from_secs(10));
    mount(&server, "GetAccountInfo", slow).await;
    let client = Client::builder()
        .auth(Auth::service_account(service_account()))
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds");
    let started = Instant::now();
    let error = client.get_account_info(GetAccountInfoRequest::new()).await.expect_err("no reply in time");
    let elapsed = started.elapsed();
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
    assert!(elapsed >= Duration::from_millis(150), "gave up before the timeout: {elapsed:?}");
    assert!(error.is_retryable());
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn a_closed_port_is_a_transport_error() {
    let port =
        std::net::TcpListener::bind("127.0.0.1:0").and_then(|listener| listener.local_addr()).expect("port").port();
    let client = Client::builder()
        .auth(Auth::service_account(service_account()))
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds");
    let error = client.get_account_info(GetAccountInfoRequest::new()).await.expect_err("nobody listens");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(error.is_retryable());
}

#[tokio::test]
async fn decimals_in_exponent_notation_and_out_of_range() {
    let with_balance = |raw: &str| {
        let mut info: Value = serde_json::from_str(&load("GetAccountInfo", "success").response).expect("JSON");
        info["result"]["balance"] = json!("__BALANCE__");
        info.to_string().replace("\"__BALANCE__\"", raw)
    };
    // Valid JSON numbers that other encoders emit for small or round values.
    for (raw, expected) in [("1e-05", "0.00001"), ("1.5E3", "1500"), ("2.50e+2", "250")] {
        let reply = account_info_with(json_reply(200, &with_balance(raw))).await.expect("decodes");
        assert_eq!(reply.result.balance, Some(Decimal::from_str(expected).expect("decimal")), "{raw}");
    }
    // Beyond what an exact decimal holds: an error naming the field, not a panic or a rounded value.
    for raw in ["1e30", "1e400", "123456789012345678901234567890.5"] {
        let path = decode_path(account_info_with(json_reply(200, &with_balance(raw))).await);
        assert_eq!(path, "result.balance", "{raw}");
    }
}
