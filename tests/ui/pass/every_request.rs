//! Every request type builds the way DESIGN §3 says: required parameters in `new`, one
//! constructor per at-least-one-of member, chained setters, lists from any IntoIterator.
use voximplant_client::*;

fn main() {
    let _ = GetAccountInfoRequest::default().return_live_balance(false);
    let _ = GetAccountInfoRequest::new();
    let _ = SetAccountInfoRequest::default()
        .language_code(LanguageCode::En)
        .location("Etc/GMT")
        .min_balance_to_notify(rust_decimal::Decimal::new(105, 1))
        .store_inbound_sms(true);
    let _ = SetChildAccountInfoRequest::by_child_account_id([1_i64, 2]).active(false);
    let _ = SetChildAccountInfoRequest::by_child_account_name(vec!["a", "b"]);
    let _ = SetChildAccountInfoRequest::by_child_account_email(["a@example.com".to_string()]);
    let _ = GetCurrencyRateRequest::new(["RUR", "EUR"]).date(time::macros::date!(2014 - 03 - 17));
    let _ = GetResourcePriceRequest::default().resource_type(["VOIPIN", "VOIPOUT"]).price_group_id(vec![1, 2]);
    let _ = GetSubscriptionPriceRequest::default()
        .subscription_template_type(SubscriptionTemplateKind::PhoneNum)
        .count(10)
        .offset(0);
    let _ = GetChildrenAccountsRequest::by_child_account_id([414877_i64, 464478])
        .active(true)
        .count(50)
        .order_by(GetChildrenAccountsOrderBy::ChildAccountName);
    let _ = GetChildrenAccountsRequest::by_child_account_name(String::from("child"));
    let _ = GetChildrenAccountsRequest::by_child_account_email("mychild@gmail.com").brief_output(true);
    let _ = GetMoneyAmountToChargeRequest::default().currency("USD").charge_date(time::macros::date!(2026 - 01 - 01));
    let _ = ChangeAccountPlanRequest::new(PlanKind::Im).plan_subscription_template_id(1024);
    let _ = GetAccountPlansRequest::default().plan_type([PlanKind::Mau]);
    let _ = GetAvailablePlansRequest::default().plan_type(vec![PlanKind::Im]).plan_subscription_template_id([185]);
    let _ = GetAccountDocumentsRequest::default()
        .with_details(true)
        .verification_status([VerificationStatusFilter::Verified])
        .child_account_id(std::iter::once(7));
    let _ = GetAccountVerificationsRequest::new(42);
}
