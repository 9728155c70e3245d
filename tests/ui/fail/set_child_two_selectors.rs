//! SetChildAccountInfo takes exactly one of child_account_id, child_account_name and
//! child_account_email: once one is chosen by its constructor, the others have no setters.
use voximplant_client::SetChildAccountInfoRequest;

fn main() {
    let _ = SetChildAccountInfoRequest::by_child_account_id([1321]).child_account_name(["child"]);
    let _ = SetChildAccountInfoRequest::by_child_account_email(["a@example.com"]).child_account_id_all();
}
