//! Selecting what an operation acts on: the `all` literal (`x-all-value`) and the
//! at-least-one-of rule when a selector list or name is empty.

use voximplant_client::{Error, GetAccountDocumentsRequest, GetChildrenAccountsRequest, SetChildAccountInfoRequest};
use wiremock::MockServer;

use crate::support::{client, form_fields, json_reply, mount, received};

#[tokio::test]
async fn all_child_accounts_sends_the_literal() {
    let server = MockServer::start().await;
    mount(&server, "SetChildAccountInfo", json_reply(200, r#"{"result":1}"#)).await;
    let request = SetChildAccountInfoRequest::by_child_account_id_all().active(false);
    client(&server).set_child_account_info(request).await.expect("success");
    let fields = form_fields(&received(&server).await[0]);
    assert_eq!(fields.get("child_account_id").map(String::as_str), Some("all"));
    assert_eq!(fields.get("active").map(String::as_str), Some("false"));
}

#[tokio::test]
async fn a_list_after_all_replaces_it_and_all_after_a_list_replaces_that() {
    let server = MockServer::start().await;
    mount(&server, "GetAccountDocuments", json_reply(200, r#"{"result":[]}"#)).await;
    let c = client(&server);
    c.get_account_documents(GetAccountDocumentsRequest::new().child_account_id_all().child_account_id([7, 8]))
        .await
        .expect("success");
    c.get_account_documents(GetAccountDocumentsRequest::new().child_account_id([7]).child_account_id_all())
        .await
        .expect("success");
    let sent = received(&server).await;
    assert_eq!(form_fields(&sent[0]).get("child_account_id").map(String::as_str), Some("7;8"));
    assert_eq!(form_fields(&sent[1]).get("child_account_id").map(String::as_str), Some("all"));
}

#[tokio::test]
async fn empty_selectors_are_refused_before_sending() {
    let server = MockServer::start().await;
    let c = client(&server);
    let empty_ids = c.get_children_accounts(GetChildrenAccountsRequest::by_child_account_id(Vec::<i64>::new())).await;
    let empty_name = c.get_children_accounts(GetChildrenAccountsRequest::by_child_account_name("")).await;
    for result in [empty_ids.map(drop), empty_name.map(drop)] {
        match result {
            Err(Error::InvalidRequest { message }) => assert!(message.contains("child_account_id"), "{message}"),
            other => panic!("expected InvalidRequest, got {other:?}"),
        }
    }
    // With another member given, an empty list is simply not sent.
    mount(&server, "GetChildrenAccounts", json_reply(200, r#"{"result":[],"total_count":0,"count":0}"#)).await;
    let request = GetChildrenAccountsRequest::by_child_account_id(Vec::<i64>::new()).child_account_email("a@b.c");
    c.get_children_accounts(request).await.expect("success");
    let sent = received(&server).await;
    assert_eq!(sent.len(), 1);
    let fields = form_fields(&sent[0]);
    assert!(!fields.contains_key("child_account_id"));
    assert_eq!(fields.get("child_account_email").map(String::as_str), Some("a@b.c"));
}
