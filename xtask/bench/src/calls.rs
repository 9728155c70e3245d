//! P4: the cost of one call with a small reply (one account) through the generated client,
//! against raw reqwest sending the same form and a bearer token, decoding into the hand-written
//! struct; same local server. The client signs its service-account JWT (RS256, a throwaway key
//! made here, as the behaviour tests do) on the first call and reuses it, so the signing is
//! amortised over the calls; a row with API-key auth shows the client without any signing.

use std::path::Path;
use std::time::{Duration, Instant};

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der};
use aws_lc_rs::rsa::{KeyPair, KeySize};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use voximplant_client::{Auth, Client, GetChildrenAccountsRequest, RetryPolicy, ServiceAccount};

use crate::decode::{BASELINE, EXAMPLE, Page, build_page};
use crate::server::serve;
use crate::stats::{Summary, Unit};
use crate::table::{Cell, Row};

/// Calls per timed block; a block's time divided by this is one measurement.
const CALLS_PER_BLOCK: usize = 100;

/// A `credentials.json` with a fresh RSA-2048 key (PKCS#8 PEM), never written to disk.
fn throwaway_credentials() -> Result<String, String> {
    let key = KeyPair::generate(KeySize::Rsa2048).map_err(|error| format!("RSA key generation: {error}"))?;
    let der: Pkcs8V1Der<'_> = key.as_der().map_err(|error| format!("PKCS#8 encoding: {error}"))?;
    let text = STANDARD.encode(der.as_ref());
    let mut pem = String::from("-----BEGIN PRIVATE KEY-----\n");
    for line in text.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str("-----END PRIVATE KEY-----\n");
    let credentials = serde_json::json!({
        "account_id": 1,
        "account_email": "bench@example.com",
        "key_id": "bench-key-id",
        "private_key": pem,
    });
    Ok(credentials.to_string())
}

fn client(auth: Auth, base_url: &str) -> Result<Client, String> {
    Client::builder()
        .auth(auth)
        .base_url(base_url)
        .retry(RetryPolicy::none())
        .build()
        .map_err(|error| format!("client: {error}"))
}

async fn client_block(client: &Client) -> Result<Duration, String> {
    let started = Instant::now();
    for _ in 0..CALLS_PER_BLOCK {
        let reply = client
            .get_children_accounts(GetChildrenAccountsRequest::by_child_account_id([414877]).count(1))
            .await
            .map_err(|error| format!("client: {error}"))?;
        if reply.result.len() != 1 {
            return Err(format!("client decoded {} accounts, expected 1", reply.result.len()));
        }
    }
    Ok(started.elapsed() / CALLS_PER_BLOCK as u32)
}

/// `token` stands in for the client's JWT, so both sides send a header of the same size.
async fn reqwest_block(http: &reqwest::Client, base_url: &str, token: &str) -> Result<Duration, String> {
    let url = format!("{base_url}/platform_api/GetChildrenAccounts");
    let started = Instant::now();
    for _ in 0..CALLS_PER_BLOCK {
        let page: Page = http
            .post(&url)
            .bearer_auth(token)
            .form(&[("child_account_id", "414877"), ("count", "1")])
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|error| format!("reqwest: {error}"))?
            .json()
            .await
            .map_err(|error| format!("reqwest decode: {error}"))?;
        if page.result.len() != 1 {
            return Err(format!("reqwest decoded {} accounts, expected 1", page.result.len()));
        }
    }
    Ok(started.elapsed() / CALLS_PER_BLOCK as u32)
}

/// P4 rows: time per call (median over `blocks` blocks of [`CALLS_PER_BLOCK`] calls), the
/// client with a service-account JWT and with an API key, each against raw reqwest.
pub async fn run(repo: &Path, blocks: usize, progress: &dyn Fn(&str)) -> Vec<Row> {
    match measure(repo, blocks, progress).await {
        Ok([jwt, api_key, raw]) => {
            let cell = |times: &[Duration]| Cell::or_failed(Summary::of_durations(times, Unit::Micros), "no run");
            vec![
                row(
                    "small reply (1 account): per call, service-account JWT (signed once, then cached)".into(),
                    cell(&jwt),
                    cell(&raw),
                ),
                row("small reply (1 account): per call, API-key auth".into(), cell(&api_key), cell(&raw)),
            ]
        }
        Err(reason) => vec![row("small reply".into(), Cell::Failed(reason), Cell::Missing)],
    }
}

async fn measure(repo: &Path, blocks: usize, progress: &dyn Fn(&str)) -> Result<[Vec<Duration>; 3], String> {
    let example_path = repo.join(EXAMPLE);
    let example = std::fs::read_to_string(&example_path)
        .map_err(|error| format!("cannot read {}: {error}", example_path.display()))?;
    let server = serve(Bytes::from(build_page(&example, 1)?)).await.map_err(|error| format!("server: {error}"))?;
    let account = ServiceAccount::from_json(&throwaway_credentials()?).map_err(|error| format!("key: {error}"))?;
    let with_jwt = client(Auth::service_account(account), &server.base_url)?;
    let with_api_key = client(Auth::api_key(1, "bench-key"), &server.base_url)?;
    let http = reqwest::Client::new();
    // An RS256 JWT of this client is about 600 characters.
    let token = "x".repeat(600);
    progress(&format!("P4: {blocks} blocks of {CALLS_PER_BLOCK} calls per side"));
    client_block(&with_jwt).await?;
    client_block(&with_api_key).await?;
    reqwest_block(&http, &server.base_url, &token).await?;
    let mut times: [Vec<Duration>; 3] = Default::default();
    for _ in 0..blocks {
        let [jwt, api_key, raw] = &mut times;
        jwt.push(client_block(&with_jwt).await?);
        raw.push(reqwest_block(&http, &server.base_url, &token).await?);
        api_key.push(client_block(&with_api_key).await?);
    }
    Ok(times)
}

fn row(case: String, ours: Cell, baseline: Cell) -> Row {
    Row { part: "P4", case, ours, baseline_name: BASELINE, baseline }
}
