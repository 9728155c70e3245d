//! The documented examples, decoded field by field; money exactness; the observed real error.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::macros::datetime;
use voximplant_client::{
    AccountInfoType, ChangeAccountPlanRequest, ErrorCode, GetAccountInfoRequest, GetChildrenAccountsRequest,
    LanguageCode, PlanKind,
};
use wiremock::MockServer;

use crate::support::{Replay, assert_api_error, client, json_reply, load, mount, read_recorded};

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("decimal literal")
}

/// The values that differ between the two children of the documented example.
struct Child {
    id: i64,
    name: &'static str,
    email: &'static str,
    api_key: &'static str,
    created: OffsetDateTime,
    balance: &'static str,
}

fn assert_documented_child(item: &AccountInfoType, child: &Child) {
    assert_eq!(item.account_id, child.id);
    assert_eq!(item.account_name.as_deref(), Some(child.name));
    assert_eq!(item.account_email.as_deref(), Some(child.email));
    assert_eq!(item.api_key.as_deref(), Some(child.api_key));
    assert_eq!(item.created, Some(child.created));
    assert_eq!(item.language_code, Some(LanguageCode::Ru));
    assert_eq!(item.location.as_deref(), Some("Etc/GMT"));
    assert_eq!(item.min_balance_to_notify, Some(dec("68.5598")));
    assert_eq!(item.account_notifications, Some(false));
    assert_eq!(item.tariff_changing_notifications, Some(false));
    assert_eq!(item.news_notifications, Some(false));
    assert_eq!(item.active, Some(true));
    assert_eq!(item.frozen, Some(false));
    assert_eq!(item.balance, Some(dec(child.balance)));
    assert_eq!(item.credit_limit, Some(Decimal::ZERO));
    assert_eq!(item.currency.as_deref(), Some("RUR"));
    assert_eq!(item.support_robokassa, Some(false));
    assert_eq!(item.support_bank_card, Some(true));
    assert_eq!(item.support_invoice, Some(true));
    assert_eq!(item.send_js_error, Some(false));
    assert_eq!(item.a2p_sms_enabled, Some(false));
    // The seven fields no official client declares.
    assert_eq!(item.fixed_balance, Some(dec(child.balance)), "fixed_balance");
    assert_eq!(item.money_on_hold, Some(Decimal::ZERO), "money_on_hold");
    assert_eq!(item.allow_invoice, Some(false), "allow_invoice");
    assert_eq!(item.is_bank_card_auto_charge_prohibited, Some(false), "is_bank_card_auto_charge_prohibited");
    assert_eq!(item.taxpayer_type.as_deref(), Some("default"), "taxpayer_type");
    assert_eq!(item.custom_pricing, Some(false), "custom_pricing");
    assert_eq!(item.live_balance, Some(dec(child.balance)), "live_balance");
    // Declared fields the example does not carry.
    assert_eq!(item.account_first_name, None);
    assert_eq!(item.account_last_name, None);
    assert_eq!(item.billing_address_name, None);
    assert_eq!(item.billing_address_country_code, None);
    assert_eq!(item.billing_address_address, None);
    assert_eq!(item.billing_address_zip, None);
    assert_eq!(item.billing_address_phone, None);
    assert_eq!(item.billing_address_state, None);
    assert_eq!(item.account_custom_data, None);
    assert_eq!(item.access_entries, None);
    assert_eq!(item.with_access_entries, None);
    assert_eq!(item.callback_url, None);
    assert_eq!(item.callback_salt, None);
    assert_eq!(item.billing_limits, None);
    assert_eq!(item.bank_card_provider, None);
}

#[tokio::test]
async fn children_accounts_example_decodes_every_field() {
    let replay = Replay::start("GetChildrenAccounts", "success").await;
    let request = GetChildrenAccountsRequest::by_child_account_id([414_877, 464_478]).count(2);
    let reply = replay.client().get_children_accounts(request).await.expect("the documented example decodes");
    replay.assert_sent().await;
    assert_eq!(reply.total_count, 530_350);
    assert_eq!(reply.count, 2);
    assert_eq!(reply.result.len(), 2);
    assert_documented_child(
        &reply.result[0],
        &Child {
            id: 414_877,
            name: "myparent-child-1",
            email: "child-1@myparent.com",
            api_key: "12345678-1234-1234-1234-aaaaaabbbbbb",
            created: datetime!(2016-04-08 11:01:30 UTC),
            balance: "0.4",
        },
    );
    assert_documented_child(
        &reply.result[1],
        &Child {
            id: 464_478,
            name: "myparent-child-2",
            email: "child-2@myparent.com",
            api_key: "123aaa78-1234-1234-1234-aaa345567bbb",
            created: datetime!(2016-04-11 06:09:45 UTC),
            balance: "0",
        },
    );
}

#[tokio::test]
async fn every_field_of_the_children_example_survives_a_round_trip() {
    // Nothing in the documented example is silently dropped: re-serializing the decoded items
    // gives back every key with the same value (decimals compared by value).
    let replay = Replay::start("GetChildrenAccounts", "success").await;
    let reply = replay
        .client()
        .get_children_accounts(GetChildrenAccountsRequest::by_child_account_id([414_877, 464_478]).count(2))
        .await
        .expect("decodes");
    let original: Value = serde_json::from_str(&replay.recording.response).expect("JSON");
    let again = serde_json::to_value(&reply).expect("serializes");
    let as_text = |value: &Value| match value {
        Value::String(text) => {
            Decimal::from_str(text).map_or_else(|_| text.clone(), |number| number.normalize().to_string())
        }
        Value::Number(number) => Decimal::from_str(&number.to_string())
            .map_or_else(|_| number.to_string(), |number| number.normalize().to_string()),
        other => other.to_string(),
    };
    for (index, item) in original["result"].as_array().expect("result").iter().enumerate() {
        for (key, value) in item.as_object().expect("object") {
            let decoded = &again["result"][index][key];
            assert_eq!(as_text(decoded), as_text(value), "result[{index}].{key}");
        }
    }
    assert_eq!(again["total_count"], json!(530_350));
}

#[tokio::test]
async fn money_is_decoded_exactly() {
    let mut body: Value = serde_json::from_str(&load("GetAccountInfo", "success").response).expect("JSON");
    // Raw JSON number text, spliced in so no f64 ever touches it.
    body["result"]["balance"] = json!("__BALANCE__");
    body["result"]["credit_limit"] = json!("__CREDIT__");
    body["result"]["live_balance"] = json!("__LIVE__");
    let text = body
        .to_string()
        .replace("\"__BALANCE__\"", "12345678901234.56789")
        .replace("\"__CREDIT__\"", "-0.01")
        .replace("\"__LIVE__\"", "0.30000000000000004");
    assert!(text.contains("\"balance\":12345678901234.56789"), "{text}");

    let server = MockServer::start().await;
    mount(&server, "GetAccountInfo", json_reply(200, &text)).await;
    let reply = client(&server).get_account_info(GetAccountInfoRequest::new()).await.expect("decodes");
    let info = &reply.result;
    assert_eq!(info.balance, Some(dec("12345678901234.56789")));
    assert_eq!(info.balance.map(|value| value.to_string()).as_deref(), Some("12345678901234.56789"));
    assert_eq!(info.credit_limit.map(|value| value.to_string()).as_deref(), Some("-0.01"));
    assert_eq!(info.live_balance.map(|value| value.to_string()).as_deref(), Some("0.30000000000000004"));
    // The scale as sent is kept (`1000.00` stays `1000.00`).
    let invoice = info.billing_limits.as_ref().and_then(|limits| limits.invoice.as_ref()).expect("invoice limits");
    assert_eq!(invoice.min_amount.to_string(), "1000.00");
}

#[tokio::test]
async fn change_account_plan_example_balance_is_exact() {
    let replay = Replay::start("ChangeAccountPlan", "success").await;
    let reply = replay
        .client()
        .change_account_plan(ChangeAccountPlanRequest::new(PlanKind::Im).plan_subscription_template_id(1024))
        .await
        .expect("decodes");
    assert_eq!(reply.account_info.balance.map(|value| value.to_string()).as_deref(), Some("150.75"));
}

#[tokio::test]
async fn observed_missing_cmd_error_is_an_api_error() {
    // The only reply observed from the real server (see tests/recorded/README.md).
    let body = read_recorded("_observed_error_missing_cmd.json");
    let server = MockServer::start().await;
    mount(&server, "GetAccountInfo", json_reply(200, &body)).await;
    let error = client(&server).get_account_info(GetAccountInfoRequest::new()).await.expect_err("an error envelope");
    assert_api_error(&error, ErrorCode::MISSING_CMD, &body);
    assert_eq!(error.to_string(), "code 102 (MISSING_CMD): 'cmd' parameter is missed.");
}

#[test]
fn recordings_cover_every_operation_with_success_and_error() {
    let operations = [
        "GetAccountInfo",
        "SetAccountInfo",
        "SetChildAccountInfo",
        "GetCurrencyRate",
        "GetResourcePrice",
        "GetSubscriptionPrice",
        "GetChildrenAccounts",
        "GetMoneyAmountToCharge",
        "ChangeAccountPlan",
        "GetAccountPlans",
        "GetAvailablePlans",
        "GetAccountDocuments",
        "GetAccountVerifications",
    ];
    let readme = read_recorded("README.md");
    for operation in operations {
        for case in ["success", "error"] {
            let recording = load(operation, case);
            let response: Value = serde_json::from_str(&recording.response).expect("JSON");
            let is_error = response.get("error").is_some();
            assert_eq!(is_error, case == "error", "{operation}/{case}: envelope or result");
            if is_error {
                let code = response["error"]["code"].as_i64().expect("integer code");
                assert_eq!(response["errors"][0]["code"].as_i64(), Some(code), "{operation}/{case}: errors list");
            } else {
                assert!(response.get("result").is_some(), "{operation}/{case}: result");
            }
            assert!(readme.contains(&format!("{operation}/{case}")), "{operation}/{case} has no provenance row");
        }
    }
}
