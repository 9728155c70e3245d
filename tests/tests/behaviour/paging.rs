//! Paging with `get_children_accounts_stream` (and `get_subscription_price_stream`): a local
//! server answers by the `offset` and `count` fields it receives.

use std::time::Duration;

use futures_util::StreamExt as _;
use serde_json::{Value, json};
use voximplant_client::runtime::paging::PagingProblem;
use voximplant_client::{
    Error, ErrorCode, GetChildrenAccountsRequest, GetSubscriptionPriceRequest, SubscriptionTemplateKind,
};
use wiremock::{MockServer, Request, ResponseTemplate};

use crate::support::{assert_form_request, client, form_fields, mount, received, verify_bearer};

fn account(id: i64) -> Value {
    json!({
        "account_id": id,
        "account_name": format!("child-{id}"),
        "account_email": format!("child-{id}@myparent.com"),
        "created": "2020-01-02 03:04:05",
        "active": true,
        "balance": 1.5,
    })
}

fn number_field(request: &Request, name: &str) -> Option<usize> {
    form_fields(request).get(name).map(|value| value.parse().expect("a number"))
}

/// A `GetChildrenAccounts` server holding `accounts` and reporting `total_count`.
fn children_server(
    accounts: Vec<Value>,
    total_count: i64,
) -> impl Fn(&Request) -> ResponseTemplate + Send + Sync + 'static {
    move |request: &Request| {
        let offset = number_field(request, "offset").unwrap_or(0);
        let count = number_field(request, "count").unwrap_or(20);
        let page: Vec<Value> = accounts.iter().skip(offset).take(count).cloned().collect();
        let body = json!({ "result": page, "total_count": total_count, "count": page.len() });
        ResponseTemplate::new(200).set_body_json(body)
    }
}

/// Collects at most `limit` items, and fails instead of hanging if the stream does not end.
async fn collect<T>(stream: impl futures_util::Stream<Item = T>, limit: usize) -> Vec<T> {
    tokio::time::timeout(Duration::from_secs(10), stream.take(limit).collect::<Vec<T>>())
        .await
        .expect("the stream ends on its own")
}

/// The `offset` field of each request, in order.
async fn offsets(server: &MockServer, operation: &str) -> Vec<String> {
    received(server)
        .await
        .iter()
        .map(|request| {
            let fields = assert_form_request(request, operation);
            verify_bearer(request);
            fields.get("offset").cloned().unwrap_or_default()
        })
        .collect()
}

/// `n` accounts with ids 1..=n.
fn accounts(n: i64) -> Vec<Value> {
    (1..=n).map(account).collect()
}

/// The ids of the items received (failing on an error).
fn ids(items: Vec<Result<voximplant_client::AccountInfoType, Error>>) -> Vec<i64> {
    items.into_iter().map(|item| item.expect("an item").account_id).collect()
}

/// A server holding `accounts` and reporting `total_count`, mounted on a new mock server.
async fn children(accounts: Vec<Value>, total_count: i64) -> MockServer {
    let server = MockServer::start().await;
    mount(&server, "GetChildrenAccounts", children_server(accounts, total_count)).await;
    server
}

/// The selector every GetChildrenAccounts request of these tests carries.
const SELECTOR: [i64; 5] = [1, 2, 3, 4, 5];

#[tokio::test]
async fn children_stream_walks_three_pages_by_offset() {
    let server = children(accounts(5), 5).await;
    let request = GetChildrenAccountsRequest::by_child_account_id(SELECTOR).count(2);
    let items = collect(client(&server).get_children_accounts_stream(request), 100).await;
    assert_eq!(ids(items), [1, 2, 3, 4, 5], "every item, in order");
    assert_eq!(offsets(&server, "GetChildrenAccounts").await, ["0", "2", "4"]);
    for request in received(&server).await {
        let fields = form_fields(&request);
        assert_eq!(fields.get("count").map(String::as_str), Some("2"), "the page size is kept: {fields:?}");
        assert_eq!(fields.get("child_account_id").map(String::as_str), Some("1;2;3;4;5"), "the selector: {fields:?}");
        assert_eq!(fields.len(), 3, "count, offset and the selector only: {fields:?}");
    }
}

#[tokio::test]
async fn children_stream_stops_on_a_short_page() {
    // The total says 100, but the server runs out after 3: the short second page ends the walk.
    let server = children(accounts(3), 100).await;
    let request = GetChildrenAccountsRequest::by_child_account_id(SELECTOR).count(2);
    let items = collect(client(&server).get_children_accounts_stream(request), 100).await;
    assert_eq!(ids(items), [1, 2, 3]);
    assert_eq!(offsets(&server, "GetChildrenAccounts").await, ["0", "2"], "no request after the short page");
}

#[tokio::test]
async fn children_stream_stops_on_an_empty_page() {
    // Full pages, then an empty one although the total says 100.
    let server = children(accounts(4), 100).await;
    let request = GetChildrenAccountsRequest::by_child_account_id(SELECTOR).count(2);
    let items = collect(client(&server).get_children_accounts_stream(request), 100).await;
    assert_eq!(ids(items), [1, 2, 3, 4]);
    assert_eq!(offsets(&server, "GetChildrenAccounts").await, ["0", "2", "4"]);

    // Without a page size no page counts as short: only the empty page ends the walk.
    let server = children(accounts(3), 100).await;
    let request = GetChildrenAccountsRequest::by_child_account_id(SELECTOR);
    let items = collect(client(&server).get_children_accounts_stream(request), 100).await;
    assert_eq!(ids(items), [1, 2, 3]);
    assert_eq!(offsets(&server, "GetChildrenAccounts").await, ["0", "3"]);
    assert!(received(&server).await.iter().all(|request| !form_fields(request).contains_key("count")));

    // An empty first page: no items, one request.
    let server = children(Vec::new(), 0).await;
    let request = GetChildrenAccountsRequest::by_child_account_id(SELECTOR).count(2);
    let items = collect(client(&server).get_children_accounts_stream(request), 100).await;
    assert!(items.is_empty(), "{} items", items.len());
    assert_eq!(offsets(&server, "GetChildrenAccounts").await, ["0"]);
}

#[tokio::test]
async fn children_stream_stops_with_an_error_when_the_server_keeps_sending_the_same_page() {
    // A server that ignores the offset: always the same two accounts, total_count 5.
    let server = MockServer::start().await;
    let body = json!({ "result": [account(1), account(2)], "total_count": 5, "count": 2 });
    mount(&server, "GetChildrenAccounts", ResponseTemplate::new(200).set_body_json(body)).await;
    let request = GetChildrenAccountsRequest::by_child_account_id(SELECTOR).count(2);
    let items = collect(client(&server).get_children_accounts_stream(request), 1000).await;
    let sent = offsets(&server, "GetChildrenAccounts").await;
    assert_eq!(sent, ["0", "2"], "the repeated page is noticed at once");
    assert_eq!(items.len(), 3, "the first page, then the error");
    assert!(items.iter().take(2).all(Result::is_ok));
    assert!(
        matches!(items.last(), Some(Err(Error::Paging { problem: PagingProblem::RepeatedPage { offset: 2 } }))),
        "{:?}",
        items.last()
    );
}

#[tokio::test]
async fn children_stream_yields_an_error_on_page_two_once_then_ends() {
    let server = MockServer::start().await;
    let first_page = children_server(accounts(5), 5);
    let responder = move |request: &Request| {
        if number_field(request, "offset") == Some(2) {
            let envelope = json!({
                "error": { "msg": "Internal error", "code": 2 },
                "errors": [{ "msg": "Internal error", "code": 2 }],
            });
            ResponseTemplate::new(200).set_body_json(envelope)
        } else {
            first_page(request)
        }
    };
    mount(&server, "GetChildrenAccounts", responder).await;
    let request = GetChildrenAccountsRequest::by_child_account_id(SELECTOR).count(2);
    let mut items = collect(client(&server).get_children_accounts_stream(request), 100).await;
    assert_eq!(items.len(), 3, "page 1's two items, then the error, then nothing");
    let error = items.pop().expect("three items").expect_err("the third item is the error");
    let Error::Api { code, message, .. } = &error else { panic!("expected Error::Api, got {error:?}") };
    assert_eq!(*code, ErrorCode::INTERNAL_ERROR);
    assert_eq!(message, "Internal error");
    assert_eq!(ids(items), [1, 2]);
    assert_eq!(offsets(&server, "GetChildrenAccounts").await, ["0", "2"], "no request after the error");
}

#[tokio::test]
async fn children_stream_starts_at_the_requests_own_offset() {
    let server = children(accounts(5), 5).await;
    let request = GetChildrenAccountsRequest::by_child_account_id(SELECTOR).count(2).offset(1);
    let items = collect(client(&server).get_children_accounts_stream(request), 100).await;
    assert_eq!(ids(items), [2, 3, 4, 5]);
    assert_eq!(offsets(&server, "GetChildrenAccounts").await, ["1", "3"]);
}

/// A subscription template with id `id`.
fn template(id: i64) -> Value {
    json!({
        "subscription_template_id": id,
        "installation_price": 0,
        "price": id,
        "period": "0-1-0 0:0:0",
        "subscription_template_type": "PHONE_NUM",
        "subscription_template_name": format!("Phone {id}"),
    })
}

#[tokio::test]
async fn subscription_price_stream_walks_pages_until_a_short_page() {
    // GetSubscriptionPrice replies carry no total: only a short page ends the walk.
    let templates: Vec<Value> = (1..=5).map(template).collect();
    let server = MockServer::start().await;
    let responder = move |request: &Request| {
        let offset = number_field(request, "offset").unwrap_or(0);
        let count = number_field(request, "count").unwrap_or(20);
        let page: Vec<Value> = templates.iter().skip(offset).take(count).cloned().collect();
        ResponseTemplate::new(200).set_body_json(json!({ "result": page }))
    };
    mount(&server, "GetSubscriptionPrice", responder).await;
    let request =
        GetSubscriptionPriceRequest::new().subscription_template_type(SubscriptionTemplateKind::PhoneNum).count(2);
    let items = collect(client(&server).get_subscription_price_stream(request), 100).await;
    let items: Vec<voximplant_client::SubscriptionTemplateType> =
        items.into_iter().map(|item| item.expect("an item")).collect();
    let got: Vec<i64> = items.iter().map(|item| item.subscription_template_id).collect();
    assert_eq!(got, [1, 2, 3, 4, 5]);
    assert!(items.iter().all(|item| item.subscription_template_type == SubscriptionTemplateKind::PhoneNum));
    assert_eq!(items[4].subscription_template_name, "Phone 5");
    assert_eq!(offsets(&server, "GetSubscriptionPrice").await, ["0", "2", "4"]);
    for request in received(&server).await {
        let fields = form_fields(&request);
        assert_eq!(fields.get("count").map(String::as_str), Some("2"), "{fields:?}");
        assert_eq!(fields.get("subscription_template_type").map(String::as_str), Some("PHONE_NUM"), "{fields:?}");
    }
}

#[tokio::test]
async fn subscription_price_stream_is_bounded_when_the_server_ignores_offset() {
    let server = MockServer::start().await;
    let page = json!({ "result": [
        { "subscription_template_id": 1, "installation_price": 0, "price": 1, "period": "0-1-0 0:0:0",
          "subscription_template_type": "PHONE_NUM", "subscription_template_name": "Phone A" },
        { "subscription_template_id": 2, "installation_price": 0, "price": 1, "period": "0-1-0 0:0:0",
          "subscription_template_type": "PHONE_NUM", "subscription_template_name": "Phone B" },
    ]});
    mount(&server, "GetSubscriptionPrice", ResponseTemplate::new(200).set_body_json(page)).await;
    let request = GetSubscriptionPriceRequest::new().count(2);
    // Bounded by `take` so the test itself ends: 200 items would mean 100 requests.
    let items = collect(client(&server).get_subscription_price_stream(request), 200).await;
    let requests = received(&server).await.len();
    assert!(items.len() < 200 && requests <= 3, "{requests} requests for {} repeated items", items.len());
}
