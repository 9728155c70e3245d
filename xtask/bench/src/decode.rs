//! P3: decoding a 10,000-account `GetChildrenAccounts` page through the generated Voximplant
//! client, against raw reqwest with a hand-written serde struct: same local server, same bytes,
//! alternating. The page is built from the documented example reply
//! (`tests/recorded/GetChildrenAccounts/success.response.json`) by repeating its accounts with
//! fresh ids and names.

use std::path::Path;
use std::time::{Duration, Instant};

use bytes::Bytes;
use serde::Deserialize;
use voximplant_client::{Auth, Client, GetChildrenAccountsRequest, RetryPolicy};

use crate::server::serve;
use crate::stats::{Summary, Unit};
use crate::table::{Cell, Row};

/// Accounts on the page.
pub const ITEMS: usize = 10_000;
pub const BASELINE: &str = "raw reqwest + hand-written serde struct";
/// The documented example reply, relative to the repository root.
pub const EXAMPLE: &str = "tests/recorded/GetChildrenAccounts/success.response.json";

/// The page a user would write by hand for this reply: the documented fields, plain types.
#[derive(Deserialize)]
pub struct Page {
    pub result: Vec<Account>,
    pub total_count: i64,
    pub count: i64,
}

/// One child account, as a user would write it by hand from the documented example.
#[derive(Deserialize)]
#[allow(dead_code)] // the fields are decoded to be measured, not read
pub struct Account {
    pub account_id: i64,
    pub account_name: String,
    pub account_email: String,
    pub api_key: String,
    pub created: String,
    pub language_code: String,
    pub location: String,
    pub min_balance_to_notify: f64,
    pub account_notifications: bool,
    pub tariff_changing_notifications: bool,
    pub news_notifications: bool,
    pub active: bool,
    pub frozen: bool,
    pub balance: f64,
    pub credit_limit: f64,
    pub currency: String,
    pub support_robokassa: bool,
    pub support_bank_card: bool,
    pub support_invoice: bool,
    pub send_js_error: bool,
    pub a2p_sms_enabled: bool,
    pub fixed_balance: f64,
    pub money_on_hold: f64,
    pub allow_invoice: bool,
    pub is_bank_card_auto_charge_prohibited: bool,
    pub taxpayer_type: String,
    pub custom_pricing: bool,
    pub live_balance: f64,
}

/// A page of `items` accounts made from the example's accounts (ids and names made unique).
pub fn build_page(example: &str, items: usize) -> Result<String, String> {
    let reply: serde_json::Value = serde_json::from_str(example).map_err(|error| format!("example: {error}"))?;
    let accounts = reply
        .get("result")
        .and_then(serde_json::Value::as_array)
        .filter(|accounts| !accounts.is_empty())
        .ok_or("example: no `result` accounts")?;
    let result: Vec<serde_json::Value> = accounts
        .iter()
        .cycle()
        .take(items)
        .enumerate()
        .map(|(index, account)| {
            let mut account = account.clone();
            if let Some(fields) = account.as_object_mut() {
                fields.insert("account_id".into(), serde_json::Value::from(1_000_000 + index));
                fields.insert("account_name".into(), serde_json::Value::from(format!("child-{index}")));
            }
            account
        })
        .collect();
    let page = serde_json::json!({ "result": result, "total_count": items, "count": items });
    serde_json::to_string(&page).map_err(|error| format!("page: {error}"))
}

/// The generated client: one `get_children_accounts` call, checked to hold every account.
pub async fn through_client(client: &Client, items: usize) -> Result<Duration, String> {
    let started = Instant::now();
    let reply = client
        .get_children_accounts(GetChildrenAccountsRequest::by_child_account_id([414877]).count(page_size(items)))
        .await
        .map_err(|error| format!("client: {error}"))?;
    let elapsed = started.elapsed();
    check_count(reply.result.len(), items)?;
    Ok(elapsed)
}

/// Raw reqwest: the same form fields, decoded into [`Page`].
pub async fn through_reqwest(http: &reqwest::Client, base_url: &str, items: usize) -> Result<Duration, String> {
    let started = Instant::now();
    let count = items.to_string();
    let page: Page = http
        .post(format!("{base_url}/platform_api/GetChildrenAccounts"))
        .form(&[
            ("account_id", "1"),
            ("api_key", "bench-key"),
            ("child_account_id", "414877"),
            ("count", count.as_str()),
        ])
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|error| format!("reqwest: {error}"))?
        .json()
        .await
        .map_err(|error| format!("reqwest decode: {error}"))?;
    let elapsed = started.elapsed();
    check_count(page.result.len(), items)?;
    Ok(elapsed)
}

/// The `count` parameter for a page of `items` accounts.
fn page_size(items: usize) -> i64 {
    i64::try_from(items).unwrap_or(i64::MAX)
}

fn check_count(decoded: usize, expected: usize) -> Result<(), String> {
    if decoded == expected { Ok(()) } else { Err(format!("decoded {decoded} accounts, expected {expected}")) }
}

/// P3 row: time per page (request, transfer, decode), after 3 warm-up calls of each side.
pub async fn run(repo: &Path, runs: usize, progress: &dyn Fn(&str)) -> Vec<Row> {
    match measure(repo, runs, progress).await {
        Ok((client, raw, kib)) => vec![row(
            format!("{ITEMS}-account GetChildrenAccounts page ({kib} KiB): request + decode"),
            Cell::or_failed(Summary::of_durations(&client, Unit::Millis), "no run"),
            Cell::or_failed(Summary::of_durations(&raw, Unit::Millis), "no run"),
        )],
        Err(reason) => vec![row(format!("{ITEMS}-account page"), Cell::Failed(reason), Cell::Missing)],
    }
}

async fn measure(
    repo: &Path,
    runs: usize,
    progress: &dyn Fn(&str),
) -> Result<(Vec<Duration>, Vec<Duration>, usize), String> {
    let example_path = repo.join(EXAMPLE);
    let example = std::fs::read_to_string(&example_path)
        .map_err(|error| format!("cannot read {}: {error}", example_path.display()))?;
    let page = build_page(&example, ITEMS)?;
    let kib = page.len() / 1024;
    progress(&format!("P3: {ITEMS}-account page of {kib} KiB, {runs} calls per side"));
    let server = serve(Bytes::from(page)).await.map_err(|error| format!("server: {error}"))?;
    let client = Client::builder()
        .auth(Auth::api_key(1, "bench-key"))
        .base_url(server.base_url.clone())
        .retry(RetryPolicy::none())
        .build()
        .map_err(|error| format!("client: {error}"))?;
    let http = reqwest::Client::new();
    for _ in 0..3 {
        through_client(&client, ITEMS).await?;
        through_reqwest(&http, &server.base_url, ITEMS).await?;
    }
    let (mut ours, mut raw) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for _ in 0..runs {
        ours.push(through_client(&client, ITEMS).await?);
        raw.push(through_reqwest(&http, &server.base_url, ITEMS).await?);
    }
    Ok((ours, raw, kib))
}

fn row(case: String, ours: Cell, baseline: Cell) -> Row {
    Row { part: "P3", case, ours, baseline_name: BASELINE, baseline }
}
