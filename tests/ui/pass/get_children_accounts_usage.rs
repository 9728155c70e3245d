//! The public API of GetChildrenAccounts as a user writes it (compiled, not run).
use futures_util::StreamExt;
use voximplant_client::{
    AccountInfoType, Auth, Client, Error, ErrorCode, GetChildrenAccountsOrderBy, GetChildrenAccountsRequest,
    RetryPolicy, ServiceAccount,
};

async fn usage() -> Result<(), Error> {
    let client = Client::builder()
        .auth(Auth::service_account(ServiceAccount::from_file("credentials.json")?).acting_as(414877))
        .base_url("https://api.voximplant.com")
        .timeout(std::time::Duration::from_secs(10))
        .retry(RetryPolicy::default().max_retries(5))
        .build()?;

    let request = GetChildrenAccountsRequest::by_child_account_id([414877, 464478])
        .active(true)
        .order_by(GetChildrenAccountsOrderBy::ChildAccountName)
        .count(50);
    match client.get_children_accounts(request.clone()).await {
        Ok(reply) => {
            let first: Option<&AccountInfoType> = reply.result.first();
            let balance: Option<rust_decimal::Decimal> = first.and_then(|a| a.balance);
            let created: Option<time::OffsetDateTime> = first.and_then(|a| a.created);
            println!("{} of {}: {balance:?} {created:?}", reply.count, reply.total_count);
        }
        Err(Error::Api { code, message, .. }) if code == ErrorCode::RATE_LIMIT_EXCEED => println!("later: {message}"),
        Err(other) => return Err(other),
    }

    let mut all = client.get_children_accounts_stream(request);
    while let Some(account) = all.next().await {
        println!("{}", account?.account_id);
    }
    Ok(())
}

fn main() {
    let _ = usage;
}
