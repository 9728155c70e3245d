//! The escape hatches as the README shows them: extra parameters and headers, a per-request
//! timeout and retry policy, and the raw reply next to the decoded value.
use std::time::Duration;

use voximplant_client::{Auth, Client, GetAccountInfoRequest, GetChildrenAccountsRequest, RequestOptions, RetryPolicy};

async fn calls(client: Client) -> Result<(), voximplant_client::Error> {
    let options = RequestOptions::new()
        .param("new_filter", "1")
        .query("trace", "on")
        .header("X-Request-Id", "abc-123")
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy::none());
    let info = client.get_account_info(GetAccountInfoRequest::new().with_options(options)).await?;
    let _: i64 = info.result.account_id;
    let raw = client.reply(GetAccountInfoRequest::new()).await?;
    println!("{} {:?} {} bytes", raw.status, raw.headers.get("date"), raw.body.len());
    let _: i64 = raw.value.result.account_id;
    let _stream = client.get_children_accounts_stream(GetChildrenAccountsRequest::new().count(100));
    Ok(())
}

fn main() {
    let client = Client::builder()
        .auth(Auth::api_key(1234, "key").acting_as(5678))
        .deadline(Duration::from_secs(60))
        .max_reply_bytes(8 << 20)
        .build();
    drop(client.map(calls));
}
