//! GetChildrenAccounts lists every child account when no filter is given; the `by_*`
//! constructors stay as shortcuts for the filters.
use voximplant_client::GetChildrenAccountsRequest;

fn main() {
    let everything = GetChildrenAccountsRequest::new().count(100);
    let same = GetChildrenAccountsRequest::default().count(100);
    assert_eq!(everything, same);
    let _ = GetChildrenAccountsRequest::by_child_account_id([414_877]).child_account_name("child");
}
