//! Paging with `get_children_accounts_stream` (and `get_subscription_price_stream`): a local
//! server answers by the `offset` and `count` fields it receives.

use std::time::Duration;

use futures_util::StreamExt as _;
use serde_json::{Value, json};
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
