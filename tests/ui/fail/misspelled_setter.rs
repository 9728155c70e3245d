//! Setters are named after the parameters; a typo does not compile.
use voximplant_client::GetChildrenAccountsRequest;

fn main() {
    let _ = GetChildrenAccountsRequest::by_child_account_id([1_i64]).actve(true);
}
