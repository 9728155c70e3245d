#![cfg(test)]
//! Run inside the crate generated from `tests/fixtures/openapi31.yaml`: 3.1 forms decode to the
//! types they mean (a type list with `null` is an `Option`, `const` an implicit tag, several
//! types a union, `prefixItems` a tuple).

use fixture_openapi31::*;

#[test]
fn a_pet_in_3_1_shapes_decodes() {
    let json = r#"{"id":7,"kind":"pet","name":null,"tag":"cat","weight":"unknown","location":[52.5,13.4],
        "owner":{"contact":{"email":"a@b.c"}},"photo":"aGk="}"#;
    let pet: Pet = serde_json::from_str(json).expect("decodes");
    assert_eq!(pet.id, 7);
    assert_eq!(pet.kind, PetKind::Pet);
    assert_eq!(pet.name, None, "required, but null allowed");
    assert_eq!(pet.tag, Some(Some("cat".to_owned())));
    assert!(matches!(pet.weight, Some(PetWeight::String(ref text)) if text == "unknown"));
    assert_eq!(pet.location, Some((52.5, 13.4)));
    let email = pet.owner.and_then(|owner| owner.contact).and_then(|contact| contact.email);
    assert_eq!(email.as_deref(), Some("a@b.c"));
    let numeric: Pet = serde_json::from_str(r#"{"id":1,"kind":"pet","name":"Rex","weight":3.5}"#).expect("decodes");
    assert!(matches!(numeric.weight, Some(PetWeight::Number(weight)) if weight == 3.5));
    // Replies are read leniently: a required but nullable field that is missing reads as null.
    let nameless: Pet = serde_json::from_str(r#"{"id":2,"kind":"pet"}"#).expect("decodes");
    assert_eq!(nameless.name, None);
    assert!(serde_json::from_str::<Pet>(r#"{"id":3,"name":"Rex"}"#).is_err(), "`kind` is required");
}

#[test]
fn null_items_and_values_are_kept_not_refused() {
    let json = r#"{"id":4,"kind":"pet","name":"Rex","nicknames":["Rexy",null],"scores":{"a":1,"b":null},
        "friends":[null,{"email":"a@b.c"}]}"#;
    let pet: Pet = serde_json::from_str(json).expect("null items and values decode");
    assert_eq!(pet.nicknames, Some(vec![Some("Rexy".to_owned()), None]));
    let scores = pet.scores.expect("scores");
    assert_eq!(scores.get("a"), Some(&Some(1)));
    assert_eq!(scores.get("b"), Some(&None), "a null value is kept under its key");
    let friends = pet.friends.expect("friends");
    assert_eq!(friends.len(), 2);
    assert!(friends[0].is_none());
    assert_eq!(friends[1].as_ref().and_then(|friend| friend.email.as_deref()), Some("a@b.c"));
}

#[test]
fn a_new_pet_is_built_without_server_fields() {
    let body = NewPet::new("Rex", "s3").owner(Contact::default().email("a@b.c"));
    let json = serde_json::to_value(&body).expect("encodes");
    assert_eq!(json, serde_json::json!({"name": "Rex", "secret": "s3", "owner": {"email": "a@b.c"}}));
}

#[test]
fn read_only_fields_are_required_where_only_replies_carry_them() {
    // `Pet` is only received: its required read-only `id` must be there.
    assert!(serde_json::from_str::<Pet>(r#"{"kind":"pet","name":"Rex"}"#).is_err());
    // `Toy` is also sent: built without an id, and decoded without one.
    let toy = Toy::new("ball");
    assert_eq!(toy.id, None);
    let back: Toy = serde_json::from_str(r#"{"name":"ball"}"#).expect("no id needed");
    assert_eq!(back.name, "ball");
}

#[test]
fn prefix_items_are_a_tuple_only_when_nothing_may_follow() {
    let json = r#"{"id":1,"kind":"pet","pinned":[3,"home"],"position":[13.4,52.5,34.0],"trail":[1,"a",true]}"#;
    let pet: Pet = serde_json::from_str(json).expect("decodes");
    assert_eq!(pet.pinned, Some((3, "home".to_owned())));
    assert_eq!(pet.position, Some(vec![13.4, 52.5, 34.0]), "an altitude may follow");
    assert_eq!(pet.trail.map(|trail| trail.len()), Some(3));
    assert!(serde_json::from_str::<Pet>(r#"{"id":1,"kind":"pet","pinned":[3,"home","x"]}"#).is_err());
}

#[test]
fn pattern_properties_keep_every_other_key() {
    let scores: Scores = serde_json::from_str(r#"{"alice":3,"bob":5}"#).expect("a map of integers");
    assert_eq!(scores.get("bob"), Some(&5));
    let extended: Extended = serde_json::from_str(r#"{"name":"n","x-rank":2,"owner":"bob"}"#).expect("decodes");
    assert_eq!(extended.name.as_deref(), Some("n"));
    assert_eq!(extended.additional_properties.get("x-rank"), Some(&serde_json::json!(2)));
    assert_eq!(extended.additional_properties.get("owner"), Some(&serde_json::json!("bob")));
}

#[test]
fn conditional_properties_are_kept() {
    let json = r#"{"method":"card","card_last4":"4242","refund_reason":"late","note":"gift"}"#;
    let payment: Payment = serde_json::from_str(json).expect("decodes");
    assert_eq!(payment.card_last4.as_deref(), Some("4242"));
    assert_eq!(payment.iban, None);
    assert_eq!(payment.refund_reason.as_deref(), Some("late"));
    assert_eq!(payment.additional_properties.get("note").map(String::as_str), Some("gift"));
}
