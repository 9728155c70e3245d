//! One success and one error replay for each of the 13 operations: what the client sent
//! (every form field, the JWT) and what it decoded (typed values).

use std::str::FromStr;

use rust_decimal::Decimal;
use time::macros::{date, datetime};
use voximplant_client::{
    AccountVerificationDocumentAccountDocumentStatus, AccountVerificationsCredentials,
    AccountVerificationsTypeAgreementsSigningType, AccountVerificationsTypeAgreementsStatus,
    AccountVerificationsTypeCreationType, AccountVerificationsTypeCredentialsLegalStatus,
    AccountVerificationsTypeDefaultEndUserEndUserUuid, AccountVerificationsTypeStatus, ChangeAccountPlanRequest,
    CountryCode, ErrorCode, GetAccountDocumentsRequest, GetAccountInfoRequest, GetAccountPlansRequest,
    GetAccountVerificationsRequest, GetAvailablePlansRequest, GetChildrenAccountsRequest, GetCurrencyRateRequest,
    GetMoneyAmountToChargeRequest, GetResourcePriceRequest, GetSubscriptionPriceRequest, LanguageCode, PlanKind,
    SetAccountInfoRequest, SetChildAccountInfoRequest, SubscriptionTemplateKind, VerificationStatus,
    VerificationStatusFilter,
};

use crate::support::{Replay, assert_api_error};

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("decimal literal")
}

/// Replays `<operation>/error.*`, runs `call`, and checks the request and the `Error::Api`.
macro_rules! error_case {
    ($operation:literal, $expected:expr, |$client:ident| $call:expr) => {{
        let replay = Replay::start($operation, "error").await;
        let $client = replay.client();
        let error = $call.await.expect_err("the recorded reply is an error envelope");
        // A refused token is signed afresh and the call sent once more before the error.
        let times = if $expected == ErrorCode::AUTHORIZATION_FAILED { 2 } else { 1 };
        replay.assert_sent_times(times).await;
        assert_api_error(&error, $expected, &replay.recording.response);
        assert!(!error.is_retryable(), "{error:?}");
    }};
}

// ---------------------------------------------------------------- GetAccountInfo

#[tokio::test]
async fn get_account_info_success() {
    let replay = Replay::start("GetAccountInfo", "success").await;
    let reply = replay
        .client()
        .get_account_info(GetAccountInfoRequest::new().return_live_balance(false))
        .await
        .expect("success");
    replay.assert_sent().await;

    assert_eq!(reply.api_address.as_deref(), Some("https://api.voximplant.com/platform_api"));
    let info = &reply.result;
    assert_eq!(info.account_id, 1234);
    assert_eq!(info.account_name.as_deref(), Some("myaccount"));
    assert_eq!(info.account_email.as_deref(), Some("owner@example.com"));
    assert_eq!(info.api_key, None, "not shown with JWT auth");
    assert_eq!(info.account_first_name.as_deref(), Some("Ada"));
    assert_eq!(info.account_last_name.as_deref(), Some("Lovelace"));
    assert_eq!(info.created, Some(datetime!(2016-04-08 11:01:30 UTC)));
    assert_eq!(info.language_code, Some(LanguageCode::En));
    assert_eq!(info.location.as_deref(), Some("America/Los_Angeles"));
    assert_eq!(info.min_balance_to_notify, Some(dec("10.5")));
    assert_eq!(info.account_notifications, Some(true));
    assert_eq!(info.tariff_changing_notifications, Some(true));
    assert_eq!(info.news_notifications, Some(false));
    assert_eq!(info.billing_address_name.as_deref(), Some("Example Ltd"));
    assert_eq!(info.billing_address_country_code, Some(CountryCode::Us));
    assert_eq!(info.billing_address_address.as_deref(), Some("1 Main St"));
    assert_eq!(info.billing_address_zip.as_deref(), Some("94105"));
    assert_eq!(info.billing_address_phone.as_deref(), Some("+14155550100"));
    assert_eq!(info.billing_address_state.as_deref(), Some("CA"));
    assert_eq!(info.active, Some(true));
    assert_eq!(info.frozen, Some(false));
    assert_eq!(info.balance, Some(dec("150.75")));
    assert_eq!(info.credit_limit, Some(Decimal::ZERO));
    assert_eq!(info.currency.as_deref(), Some("USD"));
    assert_eq!(info.support_robokassa, Some(false));
    assert_eq!(info.support_bank_card, Some(true));
    assert_eq!(info.support_invoice, Some(false));
    assert_eq!(info.account_custom_data.as_deref(), Some(r#"{"tier":"gold"}"#));
    assert_eq!(info.access_entries, Some(vec!["GetAccountInfo".to_owned(), "GetChildrenAccounts".to_owned()]));
    assert_eq!(info.with_access_entries, Some(true));
    assert_eq!(info.callback_url.as_deref(), Some("https://example.com/voximplant/callback"));
    assert_eq!(info.callback_salt.as_deref(), Some("s4lt-value"));
    assert_eq!(info.send_js_error, Some(true));
    assert_eq!(info.a2p_sms_enabled, Some(false));
    let limits = info.billing_limits.as_ref().expect("billing_limits");
    let robokassa = limits.robokassa.as_ref().expect("robokassa");
    assert_eq!((robokassa.min_amount, robokassa.currency.as_str()), (dec("500"), "RUR"));
    let bank_card = limits.bank_card.as_ref().expect("bank_card");
    assert_eq!((bank_card.min_amount, bank_card.currency.as_str()), (dec("10"), "USD"));
    let invoice = limits.invoice.as_ref().expect("invoice");
    assert_eq!((invoice.min_amount, invoice.currency.as_str()), (dec("1000.00"), "USD"));
    // Fields the reply does not carry stay unset.
    assert_eq!(info.fixed_balance, None);
    assert_eq!(info.live_balance, None);
    assert_eq!(info.bank_card_provider, None);
}

#[tokio::test]
async fn get_account_info_error() {
    error_case!("GetAccountInfo", ErrorCode::AUTHORIZATION_FAILED, |client| client
        .get_account_info(GetAccountInfoRequest::new()));
}

// ---------------------------------------------------------------- SetAccountInfo

#[tokio::test]
async fn set_account_info_success() {
    let replay = Replay::start("SetAccountInfo", "success").await;
    let request = SetAccountInfoRequest::new()
        .language_code(LanguageCode::En)
        .location("Etc/GMT-8")
        .min_balance_to_notify(dec("10.50"))
        .account_notifications(true)
        .news_notifications(false)
        .billing_address_name("ACME & Sons; Ltd")
        .billing_address_country_code(CountryCode::Us)
        .callback_url("https://example.com/cb?a=1&b=2")
        .store_outbound_sms(true);
    let reply = replay.client().set_account_info(request).await.expect("success");
    replay.assert_sent().await;
    assert_eq!(reply.result, 1);
}

#[tokio::test]
async fn set_account_info_error() {
    error_case!("SetAccountInfo", ErrorCode::INVALID_LANGUAGE_CODE, |client| client
        .set_account_info(SetAccountInfoRequest::new().language_code(LanguageCode::Other("xx".to_owned()))));
}

// ---------------------------------------------------------------- SetChildAccountInfo

#[tokio::test]
async fn set_child_account_info_success() {
    let replay = Replay::start("SetChildAccountInfo", "success").await;
    let request = SetChildAccountInfoRequest::by_child_account_id([1321]).active(false);
    let reply = replay.client().set_child_account_info(request).await.expect("success");
    replay.assert_sent().await;
    assert_eq!(reply.result, 1);
}

#[tokio::test]
async fn set_child_account_info_error() {
    error_case!("SetChildAccountInfo", ErrorCode::INVALID_CHILD_ACCOUNT_NAME, |client| client.set_child_account_info(
        SetChildAccountInfoRequest::by_child_account_name(["child-a", "child-b"]).support_invoice(true)
    ));
}

// ---------------------------------------------------------------- GetCurrencyRate

#[tokio::test]
async fn get_currency_rate_success() {
    let replay = Replay::start("GetCurrencyRate", "success").await;
    let request = GetCurrencyRateRequest::new(["RUR", "EUR"]).date(date!(2014 - 03 - 17));
    let reply = replay.client().get_currency_rate(request).await.expect("success");
    replay.assert_sent().await;
    let rates = &reply.result;
    assert_eq!(rates.rur, Some(dec("36.1295")));
    assert_eq!(rates.eur, Some(dec("0.7189")));
    assert_eq!(rates.usd, None);
    assert_eq!(rates.kzt, None);
    assert!(rates.additional_properties.is_empty(), "{:?}", rates.additional_properties);
}

#[tokio::test]
async fn get_currency_rate_error() {
    error_case!("GetCurrencyRate", ErrorCode::INVALID_CURRENCY, |client| client
        .get_currency_rate(GetCurrencyRateRequest::new(["XXX"])));
}

// ---------------------------------------------------------------- GetResourcePrice

#[tokio::test]
async fn get_resource_price_success() {
    let replay = Replay::start("GetResourcePrice", "success").await;
    let request = GetResourcePriceRequest::new().resource_type(["PSTNOUT"]).resource_param(["79263332211"]);
    let reply = replay.client().get_resource_price(request).await.expect("success");
    replay.assert_sent().await;
    assert_eq!(reply.result.len(), 1);
    let price = &reply.result[0];
    assert_eq!(price.resource_type, "PSTNOUT");
    assert_eq!(price.price_groups.len(), 1);
    let group = &price.price_groups[0];
    assert_eq!(group.price_group_name, "Russia Mobile");
    assert_eq!(group.price_group_id, 7);
    assert_eq!(group.price, dec("0.0311"));
    assert_eq!(group.num_resources_per_price, 1);
    assert_eq!(group.quantum, 60);
    assert_eq!(group.params.allowed, ["79"]);
    assert_eq!(group.params.forbidden.as_deref(), Some(&["7800".to_owned()][..]));
    assert_eq!(group.params.requested.as_deref(), Some(&["79263332211".to_owned()][..]));
}

#[tokio::test]
async fn get_resource_price_error() {
    error_case!("GetResourcePrice", ErrorCode::INVALID_RESOURCE_TYPE, |client| client.get_resource_price(
        GetResourcePriceRequest::new().resource_type(["VOIPIN", "NOT_A_RESOURCE"]).price_group_id([7, 8])
    ));
}

// ---------------------------------------------------------------- GetSubscriptionPrice

#[tokio::test]
async fn get_subscription_price_success() {
    let replay = Replay::start("GetSubscriptionPrice", "success").await;
    let request = GetSubscriptionPriceRequest::new().subscription_template_type(SubscriptionTemplateKind::PhoneNum);
    let reply = replay.client().get_subscription_price(request).await.expect("success");
    replay.assert_sent().await;
    assert_eq!(reply.result.len(), 2);
    let bg = &reply.result[0];
    assert_eq!(bg.subscription_template_id, 20);
    assert_eq!(bg.installation_price, Decimal::ZERO);
    assert_eq!(bg.price, dec("293.855"), "a fractional price, although official clients type it as an integer");
    assert_eq!(bg.period, "0-1-0 0:0:0");
    assert_eq!(bg.subscription_template_type, SubscriptionTemplateKind::PhoneNum);
    assert_eq!(bg.subscription_template_name, "Phone BG");
    // The documented items carry only six fields: the others are absent, not errors.
    assert_eq!(bg.currency, None);
    assert_eq!(bg.currency_id, None);
    assert_eq!(bg.installation_price_in_currency, None);
    assert_eq!(bg.price_in_currency, None);
    assert_eq!(bg.required_verification, None);
    assert_eq!(bg.verification_status, None);
    assert_eq!(bg.installation_tax_reserve, None);
    assert_eq!(bg.tax_reserve, None);
    let ru = &reply.result[1];
    assert_eq!(ru.subscription_template_id, 6);
    assert_eq!(ru.installation_price, dec("3000"));
    assert_eq!(ru.price, dec("1500"));
    assert_eq!(ru.subscription_template_name, "Phone RU TollFree");
}

#[tokio::test]
async fn get_subscription_price_error() {
    error_case!("GetSubscriptionPrice", ErrorCode::INVALID_SUBSCRIPTION_TEMPLATE_ID, |client| client
        .get_subscription_price(
            GetSubscriptionPriceRequest::new().subscription_template_id([20, 999_999]).count(10).offset(0)
        ));
}

// ---------------------------------------------------------------- GetChildrenAccounts

#[tokio::test]
async fn get_children_accounts_success() {
    let replay = Replay::start("GetChildrenAccounts", "success").await;
    let request = GetChildrenAccountsRequest::by_child_account_id([414_877, 464_478]).count(2);
    let reply = replay.client().get_children_accounts(request).await.expect("success");
    replay.assert_sent().await;
    assert_eq!(reply.total_count, 530_350);
    assert_eq!(reply.count, 2);
    let ids: Vec<i64> = reply.result.iter().map(|account| account.account_id).collect();
    assert_eq!(ids, [414_877, 464_478]);
    assert_eq!(reply.result[0].created, Some(datetime!(2016-04-08 11:01:30 UTC)));
    assert_eq!(reply.result[1].created, Some(datetime!(2016-04-11 06:09:45 UTC)));
    // Every field is checked in documented::children_accounts_example_decodes_every_field.
}

#[tokio::test]
async fn get_children_accounts_error() {
    error_case!("GetChildrenAccounts", ErrorCode::INVALID_CHILD_ACCOUNT_ID, |client| client.get_children_accounts(
        GetChildrenAccountsRequest::by_child_account_id([414_877, 1]).ignore_invalid_accounts(false)
    ));
}

// ---------------------------------------------------------------- GetMoneyAmountToCharge

#[tokio::test]
async fn get_money_amount_to_charge_success() {
    let replay = Replay::start("GetMoneyAmountToCharge", "success").await;
    let request = GetMoneyAmountToChargeRequest::new().currency("USD").charge_date(date!(2024 - 05 - 01));
    let reply = replay.client().get_money_amount_to_charge(request).await.expect("success");
    replay.assert_sent().await;
    let result = &reply.result;
    assert_eq!(result.amount, dec("25.3"));
    assert_eq!(result.min_amount, dec("5.3"));
    assert_eq!(result.bank_card_amount_usd, Some(dec("25.3")));
    assert_eq!(result.min_bank_card_amount_usd, Some(dec("10")));
    assert_eq!(result.robokassa_amount_rub, None);
    assert_eq!(result.min_robokassa_amount_rub, None);
    assert_eq!(result.subscriptions.len(), 2);
    let phone = &result.subscriptions[0];
    assert_eq!(phone.subscription_amount, dec("20.3"));
    assert_eq!(phone.subscription_type, "PHONE_NUM");
    assert_eq!(phone.subscription_description, "74951234567");
    assert!(phone.subscription_auto_charge);
    assert_eq!(phone.subscription_next_renewal, Some(date!(2024 - 05 - 15)));
    let sip = &result.subscriptions[1];
    assert_eq!(sip.subscription_amount, dec("5"));
    assert_eq!(sip.subscription_type, "SIP_REGISTRATION");
    assert!(!sip.subscription_auto_charge);
    assert_eq!(sip.subscription_next_renewal, None);
}

#[tokio::test]
async fn get_money_amount_to_charge_error() {
    error_case!("GetMoneyAmountToCharge", ErrorCode::INVALID_CURRENCY, |client| client
        .get_money_amount_to_charge(GetMoneyAmountToChargeRequest::new().currency("ZZZ")));
}

// ---------------------------------------------------------------- ChangeAccountPlan

#[tokio::test]
async fn change_account_plan_success() {
    let replay = Replay::start("ChangeAccountPlan", "success").await;
    let request = ChangeAccountPlanRequest::new(PlanKind::Im).plan_subscription_template_id(1024);
    let reply = replay.client().change_account_plan(request).await.expect("success");
    replay.assert_sent().await;
    assert_eq!(reply.result, 1);
    let account = &reply.account_info;
    assert_eq!(account.account_id, 789_456);
    assert_eq!(account.frozen, Some(false));
    assert_eq!(account.balance, Some(dec("150.75")));
    assert_eq!(account.currency.as_deref(), Some("USD"));
}

#[tokio::test]
async fn change_account_plan_error() {
    error_case!("ChangeAccountPlan", ErrorCode::ACCOUNT_PLAN_CHANGE_FORBIDDEN, |client| client
        .change_account_plan(ChangeAccountPlanRequest::new(PlanKind::Mau)));
}

// ---------------------------------------------------------------- GetAccountPlans

#[tokio::test]
async fn get_account_plans_success() {
    let replay = Replay::start("GetAccountPlans", "success").await;
    let request = GetAccountPlansRequest::new().plan_type([PlanKind::Im, PlanKind::Mau]);
    let reply = replay.client().get_account_plans(request).await.expect("success");
    replay.assert_sent().await;
    assert_eq!(reply.result.len(), 2);
    let im = &reply.result[0];
    assert_eq!(im.plan_subscription_template_id, 185);
    assert_eq!(im.next_charge, date!(2024 - 06 - 01));
    assert_eq!(im.plan_type, PlanKind::Im);
    assert_eq!(im.plan_name, "IM small");
    assert_eq!(im.periodic_charge, dec("9170.604"));
    assert_eq!(im.packages.len(), 1);
    let package = &im.packages[0];
    assert_eq!(package.price_group_id, [7561]);
    assert_eq!(package.package_name.as_deref(), Some("small"));
    assert!(package.may_overrun);
    assert_eq!(package.overrun_price, dec("3.668242"));
    assert_eq!(package.overrun_resources, 100);
    assert_eq!(package.resource_left, 499_000);
    assert_eq!(package.package_size, 500_000);
    assert_eq!(package.orig_package_size, 500_000);
    let mau = &reply.result[1];
    assert_eq!(mau.plan_type, PlanKind::Mau);
    assert_eq!(mau.periodic_charge, Decimal::ZERO);
    assert_eq!(mau.packages[0].price_group_id, [7600, 7601]);
    assert_eq!(mau.packages[0].package_name, None);
    assert!(!mau.packages[0].may_overrun);
}

#[tokio::test]
async fn get_account_plans_error() {
    error_case!("GetAccountPlans", ErrorCode::INVALID_PLAN_TYPE, |client| client.get_account_plans(
        GetAccountPlansRequest::new()
            .plan_type([PlanKind::Other("XL".to_owned())])
            .plan_subscription_template_id([185, 186])
    ));
}

// ---------------------------------------------------------------- GetAvailablePlans

#[tokio::test]
async fn get_available_plans_success() {
    let replay = Replay::start("GetAvailablePlans", "success").await;
    let request = GetAvailablePlansRequest::new().plan_type([PlanKind::Im]);
    let reply = replay.client().get_available_plans(request).await.expect("success");
    replay.assert_sent().await;
    assert_eq!(reply.result.len(), 2);
    let small = &reply.result[0];
    assert_eq!(small.plan_subscription_template_id, 185);
    assert_eq!(small.plan_type, PlanKind::Im);
    assert_eq!(small.plan_name, "IM small");
    assert_eq!(small.periodic_charge, dec("9170.604"));
    let package = &small.packages[0];
    assert_eq!(package.price_group_id, [7561]);
    assert_eq!(package.package_name.as_deref(), Some("small"));
    assert!(package.may_overrun);
    assert_eq!(package.overrun_price, dec("3.668242"));
    assert_eq!(package.overrun_resources, 100);
    assert_eq!(package.package_size, 500_000);
    let medium = &reply.result[1];
    assert_eq!(medium.plan_subscription_template_id, 186);
    assert_eq!(medium.plan_name, "IM medium");
    assert_eq!(medium.periodic_charge, dec("91706.04"));
    assert!(medium.packages.is_empty());
}

#[tokio::test]
async fn get_available_plans_error() {
    error_case!("GetAvailablePlans", ErrorCode::INVALID_PLAN, |client| client
        .get_available_plans(GetAvailablePlansRequest::new().plan_subscription_template_id([99_999])));
}

// ---------------------------------------------------------------- GetAccountDocuments

#[tokio::test]
async fn get_account_documents_success() {
    let replay = Replay::start("GetAccountDocuments", "success").await;
    let request = GetAccountDocumentsRequest::new()
        .with_details(true)
        .from_unverified_hold_until(date!(2015 - 02 - 01))
        .to_unverified_hold_until(date!(2015 - 02 - 28));
    let reply = replay.client().get_account_documents(request).await.expect("success");
    replay.assert_sent().await;
    assert_eq!(reply.result.len(), 1);
    let account = &reply.result[0];
    assert_eq!(account.account_id, 1);
    assert_eq!(account.verifications.len(), 1);
    let verification = &account.verifications[0];
    assert_eq!(verification.verification_name, "RU");
    assert_eq!(verification.verification_status, VerificationStatus::InProgress);
    assert_eq!(verification.unverified_hold_until, Some(date!(2015 - 02 - 15)));
    let documents = verification.documents.as_ref().expect("documents with with_details=true");
    assert_eq!(documents.len(), 2);
    assert_eq!(documents[0].account_document_id, 66);
    assert!(documents[0].is_individual);
    assert_eq!(documents[0].comment.as_deref(), Some("very low quality"));
    assert_eq!(documents[0].uploaded, datetime!(2015-02-01 06:50:07 UTC));
    assert_eq!(documents[0].account_document_status, AccountVerificationDocumentAccountDocumentStatus::Rejected);
    assert_eq!(documents[1].account_document_id, 74);
    assert_eq!(documents[1].comment, None);
    assert_eq!(documents[1].uploaded, datetime!(2015-02-01 07:34:01 UTC));
    assert_eq!(documents[1].account_document_status, AccountVerificationDocumentAccountDocumentStatus::InProgress);
}

#[tokio::test]
async fn get_account_documents_error() {
    error_case!("GetAccountDocuments", ErrorCode::INVALID_VERIFICATION_STATUS, |client| client.get_account_documents(
        GetAccountDocumentsRequest::new()
            .verification_status([
                VerificationStatusFilter::Verified,
                VerificationStatusFilter::Other("DONE".to_owned())
            ])
            .child_account_id([414_877, 464_478])
            .children_verifications_only(true)
    ));
}

// ---------------------------------------------------------------- GetAccountVerifications

#[tokio::test]
async fn get_account_verifications_success() {
    let replay = Replay::start("GetAccountVerifications", "success").await;
    let reply =
        replay.client().get_account_verifications(GetAccountVerificationsRequest::new(414_877)).await.expect("success");
    replay.assert_sent().await;
    assert_eq!(reply.result.len(), 1);
    let verification = &reply.result[0];
    assert_eq!(verification.verification_id, Some(5501));
    assert_eq!(verification.status, Some(AccountVerificationsTypeStatus::AwaitingVerification));
    assert_eq!(verification.status_scheme.as_deref(), Some("default"));
    assert_eq!(verification.creation_type, Some(AccountVerificationsTypeCreationType::Manual));
    assert_eq!(verification.created.as_deref(), Some("2022-07-12 07:06:05"));
    assert_eq!(verification.comments.as_deref(), Some(""));
    let Some(AccountVerificationsCredentials::AccountVerificationsTypeCredentials(credentials)) =
        verification.credentials.as_ref()
    else {
        panic!("credentials as an object: {:?}", verification.credentials)
    };
    assert_eq!(credentials.individual, Some(serde_json::json!({"first_name": "Ivan", "last_name": "Petrov"})));
    assert_eq!(credentials.legal_entity, None);
    assert_eq!(credentials.entrepreneur, None);
    assert_eq!(credentials.legal_status, Some(AccountVerificationsTypeCredentialsLegalStatus::Individual));
    let end_users = verification.default_end_user.as_ref().expect("default_end_user");
    assert_eq!(end_users.len(), 1);
    assert_eq!(end_users[0].end_user_uuid, Some(AccountVerificationsTypeDefaultEndUserEndUserUuid::Integer(90_210)));
    assert_eq!(end_users[0].credentials, Some(serde_json::json!({"email": "end.user@example.com"})));
    let agreements = verification.agreements.as_ref().expect("agreements");
    assert_eq!(agreements.len(), 1);
    let agreement = &agreements[0];
    assert_eq!(agreement.agreement_id, Some(77));
    assert_eq!(agreement.r#type.as_deref(), Some("OFFER"));
    assert_eq!(agreement.status, Some(AccountVerificationsTypeAgreementsStatus::InProcess));
    assert_eq!(agreement.agreement_number.as_deref(), Some("A-2022-77"));
    assert_eq!(agreement.agreement_date.as_deref(), Some("2022-07-12"));
    assert_eq!(agreement.signing_type, Some(AccountVerificationsTypeAgreementsSigningType::Esignature));
    assert_eq!(agreement.comments.as_deref(), Some(""));
}

#[tokio::test]
async fn get_account_verifications_error() {
    error_case!("GetAccountVerifications", ErrorCode::INVALID_ACCOUNT_ID, |client| client
        .get_account_verifications(GetAccountVerificationsRequest::new(1)));
}
