//! ChangeAccountPlan's plan_type is required.
use voximplant_client::ChangeAccountPlanRequest;

fn main() {
    let _ = ChangeAccountPlanRequest::new();
}
