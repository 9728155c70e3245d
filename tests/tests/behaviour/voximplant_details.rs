//! The Voximplant judgement calls revisited (issue 10): GetChildrenAccounts lists every child
//! without a filter, SetChildAccountInfo takes exactly one selector (a compile-time rule, see
//! `tests/ui/fail/set_child_two_selectors.rs`), the GetAccountDocuments status filter has only
//! its documented values, replies whose shape the official clients disagree on decode, and
//! code 515 is not retried.

use voximplant_client::{
    AccountVerificationsCredentials, AccountVerificationsTypeAgreementsStatus,
    AccountVerificationsTypeDefaultEndUserEndUserUuid, Auth, Error, GetAccountInfoRequest,
    GetAccountVerificationsRequest, GetChildrenAccountsRequest, GetCurrencyRateRequest, RetryPolicy,
    VerificationStatus, VerificationStatusFilter,
};
use wiremock::MockServer;

use crate::support::{Replay, client_with, form_fields, json_reply, mount, received, service_account};

#[tokio::test]
async fn children_accounts_without_a_filter_lists_every_child() {
    let replay = Replay::start("GetChildrenAccounts", "unfiltered").await;
    let reply =
        replay.client().get_children_accounts(GetChildrenAccountsRequest::new().count(2)).await.expect("success");
    replay.assert_sent().await;
    assert_eq!(reply.total_count, 530_350);
    assert_eq!(reply.result.len(), 2);
    assert_eq!(reply.result[1].account_name.as_deref(), Some("myparent-child-2"));
    // `Default` is the same request.
    assert_eq!(GetChildrenAccountsRequest::default().count(2), GetChildrenAccountsRequest::new().count(2));
}

#[tokio::test]
async fn the_by_constructors_remain_shortcuts_for_the_filters() {
    let server = MockServer::start().await;
    mount(&server, "GetChildrenAccounts", json_reply(200, r#"{"result":[],"total_count":0,"count":0}"#)).await;
    let shortcut = GetChildrenAccountsRequest::by_child_account_email("child-1@myparent.com").active(true);
    let setter = GetChildrenAccountsRequest::new().child_account_email("child-1@myparent.com").active(true);
    assert_eq!(shortcut, setter);
    crate::support::client(&server).get_children_accounts(shortcut).await.expect("success");
    let fields = form_fields(&received(&server).await[0]);
    assert_eq!(fields.get("child_account_email").map(String::as_str), Some("child-1@myparent.com"));
    assert!(!fields.contains_key("child_account_id") && !fields.contains_key("child_account_name"));
}

#[test]
fn the_document_status_filter_has_only_its_documented_values() {
    for (text, known) in [
        ("REQUIRED", VerificationStatusFilter::Required),
        ("IN_PROGRESS", VerificationStatusFilter::InProgress),
        ("VERIFIED", VerificationStatusFilter::Verified),
    ] {
        assert_eq!(VerificationStatusFilter::from(text), known);
    }
    assert_eq!(VerificationStatusFilter::from("NOT_REQUIRED"), VerificationStatusFilter::Other("NOT_REQUIRED".into()));
    // Replies still know all four.
    assert_eq!(VerificationStatus::from("NOT_REQUIRED"), VerificationStatus::NotRequired);
}

#[tokio::test]
async fn account_info_without_api_address_decodes() {
    let replay = Replay::start("GetAccountInfo", "no_api_address").await;
    let reply = replay.client().get_account_info(GetAccountInfoRequest::new()).await.expect("success");
    replay.assert_sent().await;
    assert_eq!(reply.api_address, None);
    assert_eq!(reply.result.account_id, 1234);
}

#[tokio::test]
async fn verification_shapes_the_clients_disagree_on_decode() {
    let replay = Replay::start("GetAccountVerifications", "lenient").await;
    let reply =
        replay.client().get_account_verifications(GetAccountVerificationsRequest::new(414_877)).await.expect("success");
    replay.assert_sent().await;
    let verification = &reply.result[0];
    assert_eq!(
        verification.credentials,
        Some(AccountVerificationsCredentials::String(
            r#"{"individual":{"first_name":"Ivan"},"legal_status":"INDIVIDUAL"}"#.to_owned()
        ))
    );
    let end_users = verification.default_end_user.as_ref().expect("default_end_user");
    assert_eq!(end_users[0].end_user_uuid, None);
    assert_eq!(end_users[0].credentials, Some(serde_json::json!({"email": "end.user@example.com"})));
    assert_eq!(
        end_users[1].end_user_uuid,
        Some(AccountVerificationsTypeDefaultEndUserEndUserUuid::String("7a1d4c8e-0b5f-4e8f-9a7d-2c1b3e4f5a6b".into()))
    );
    assert_eq!(end_users[1].credentials, None);
    let agreements = verification.agreements.as_ref().expect("agreements");
    assert_eq!(agreements[0].agreement_id, Some(78));
    assert_eq!(agreements[0].status, Some(AccountVerificationsTypeAgreementsStatus::New));
    assert_eq!(agreements[0].agreement_number, None);
}

#[tokio::test]
async fn code_515_is_not_retried() {
    let server = MockServer::start().await;
    let recently = r#"{"error":{"msg":"The same operation has been performed recently.","code":515},"errors":[{"msg":"The same operation has been performed recently.","code":515}]}"#;
    mount(&server, "GetCurrencyRate", json_reply(200, recently)).await;
    let retries = RetryPolicy::default().max_retries(3).initial_backoff(std::time::Duration::from_millis(1));
    let error = client_with(&server, Auth::service_account(service_account()), retries)
        .get_currency_rate(GetCurrencyRateRequest::new(["EUR"]))
        .await
        .expect_err("fails");
    assert!(matches!(&error, Error::Api { .. }), "{error:?}");
    assert_eq!(error.code(), Some(515));
    assert!(!error.is_retryable());
    assert_eq!(received(&server).await.len(), 1, "an immediate retry would hit the same limit");
}
