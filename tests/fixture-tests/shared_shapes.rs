#![cfg(test)]
//! Run inside the crate generated from `tests/fixtures/shared_shapes.yaml` (copied there by
//! `tests/tests/fixtures_compile.rs`): inline schemas the spec spells out alike share one
//! definition, and every name the spec gave them still works, in expressions and patterns.

use fixture_shared_shapes::*;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn every_name_of_a_shared_enum_builds_and_matches_the_same_values() {
    let allowed: CreateCardBodyAllowedCategoriesItem = CreateCardBodyBlockedCategoriesItem::Bakeries;
    let spending: CardSpending = allowed.clone();
    assert!(matches!(spending, Category::Bakeries));
    assert!(matches!(allowed, CreateCardBodyAllowedCategoriesItem::Bakeries));
    assert_eq!(CardStatus::from("inactive".to_owned()), CardState::Inactive);
    // A value the spec does not list is kept under either name.
    assert_eq!(CardStatus::from("frozen".to_owned()).as_str(), "frozen");
}

#[test]
fn shared_objects_keep_every_constructor_and_setter() {
    let billing = CreateCardBodyBilling::new("1 Main St").kind(CreateCardBodyBillingKind::Home);
    let shipping: CreateCardBodyShipping = CreateCardBodyShipping::new("1 Main St").kind(CreateCardBodyShippingKind::Home);
    assert_eq!(billing, shipping);
    // A copy whose docs differ stays a type of its own.
    let legacy = CreateCardBodyLegacy::new("1 Main St").city("Springfield");
    assert_eq!(legacy.city.as_deref(), Some("Springfield"));
}

#[tokio::test]
async fn shared_types_travel_both_ways() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/cards"))
        .and(body_json(serde_json::json!({
            "allowed_categories": ["bakeries", "car_washes"],
            "blocked_categories": ["book_stores"],
            "shipping": {"line1": "1 Main St", "kind": "office"}
        })))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"id":"c1","status":"active","state":"paused","spending":"car_washes"}"#),
        )
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).retry(RetryPolicy::none()).build().unwrap();
    let body = CreateCardBody::default()
        .allowed_categories(vec![CreateCardBodyAllowedCategoriesItem::Bakeries, Category::CarWashes])
        .blocked_categories(vec![CreateCardBodyBlockedCategoriesItem::BookStores])
        .shipping(CreateCardBodyShipping::new("1 Main St").kind(CreateCardBodyShippingKind::Office));
    let card = client.create_card(CreateCardRequest::new(body)).await.unwrap();
    assert_eq!(card.status, Some(CardStatus::Active));
    assert_eq!(card.state, Some(CardState::Other("paused".to_owned())));
    assert_eq!(card.spending, Some(CardSpending::CarWashes));
}
