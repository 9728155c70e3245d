//! GetChildrenAccounts needs child_account_id, child_account_name or child_account_email.
use voximplant_client::GetChildrenAccountsRequest;

fn main() {
    let _ = GetChildrenAccountsRequest::new();
    let _ = GetChildrenAccountsRequest::default();
}
