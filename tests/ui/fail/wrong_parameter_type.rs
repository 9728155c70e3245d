//! `count` is an integer and `plan_type` a PlanKind, not strings.
use voximplant_client::{ChangeAccountPlanRequest, GetChildrenAccountsRequest};

fn main() {
    let _ = GetChildrenAccountsRequest::by_child_account_id([1_i64]).count("20");
    let _ = ChangeAccountPlanRequest::new("IM");
}
