#![cfg(test)]
//! Run inside the crate generated from `tests/fixtures/unions.yaml` (copied there by
//! `tests/tests/fixtures_compile.rs`): untagged unions whose alternatives overlap decode as
//! the alternative that keeps the data, whatever order the spec lists them in.

use fixture_unions::*;

fn decode<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(json)
}

const FULL: &str = r#"{"orderId":1,"price":"1.0","fills":[{"qty":"2"}]}"#;
const ACK: &str = r#"{"orderId":7}"#;

#[test]
fn a_full_order_is_not_swallowed_by_the_short_acknowledgement() {
    let Ok(OrderReply::OrderFull(full)) = decode::<OrderReply>(FULL) else { panic!("not the full order") };
    assert_eq!(full.price, "1.0");
    assert_eq!(full.fills.as_ref().map(Vec::len), Some(1));
    let Ok(OrderReplyReversed::OrderFull(full)) = decode::<OrderReplyReversed>(FULL) else { panic!("reversed") };
    assert_eq!(full.order_id, 1);
}

#[test]
fn an_acknowledgement_stays_an_acknowledgement() {
    assert!(matches!(decode::<OrderReply>(ACK), Ok(OrderReply::OrderAck(ack)) if ack.order_id == 7));
    assert!(matches!(decode::<OrderReplyReversed>(ACK), Ok(OrderReplyReversed::OrderAck(_))));
}

#[test]
fn a_constant_type_property_picks_the_tool() {
    let file_search = r#"{"type":"file_search","vector_store_ids":["vs_1"]}"#;
    let code = r#"{"type":"code_interpreter","container":"auto"}"#;
    let Ok(Tool::FileSearchTool(tool)) = decode::<Tool>(file_search) else { panic!("file search") };
    assert_eq!(tool.vector_store_ids, Some(vec!["vs_1".to_owned()]));
    assert!(matches!(decode::<Tool>(code), Ok(Tool::CodeTool(_))));
    assert!(matches!(decode::<ToolReversed>(file_search), Ok(ToolReversed::FileSearchTool(_))));
    let Ok(ToolReversed::CodeTool(tool)) = decode::<ToolReversed>(code) else { panic!("code") };
    assert_eq!(tool.container.as_deref(), Some("auto"));
    // A type neither alternative knows is kept whole, not a code tool with `Other` inside.
    let web = decode::<Tool>(r#"{"type":"web_search"}"#).expect("kept");
    assert!(matches!(&web, Tool::Unknown(value) if value["type"] == "web_search"), "{web:?}");
}

#[test]
fn scalars_decode_by_json_type() {
    assert!(matches!(decode::<Scalar>("5"), Ok(Scalar::Integer(5))));
    assert!(matches!(decode::<Scalar>(r#""5""#), Ok(Scalar::String(text)) if text == "5"));
    assert!(matches!(decode::<Scalar>("true"), Ok(Scalar::Boolean(true))));
    assert!(decode::<Scalar>("1.5").is_err());
}

#[test]
fn equal_fits_that_would_drop_keys_are_refused() {
    // Fits both alternatives equally and either would drop a key: no silent guess.
    assert!(decode::<Ambiguous>(r#"{"a":"x","b":"y"}"#).is_err());
    assert!(matches!(decode::<Ambiguous>(r#"{"b":"y"}"#), Ok(Ambiguous::AmbiguousVariant1(_))));
    // Keys both know nothing about: still ambiguous.
    assert!(decode::<Ambiguous>(r#"{"c":1}"#).is_err());
}

#[test]
fn unions_round_trip() {
    let reply = decode::<OrderReply>(FULL).expect("decodes");
    let again: serde_json::Value = serde_json::to_value(&reply).expect("encodes");
    assert_eq!(again, serde_json::from_str::<serde_json::Value>(FULL).expect("json"));
}

#[test]
fn a_mapping_by_bare_schema_name_picks_its_alternative() {
    let car: Vehicle = decode(r#"{"type":"car","doors":4}"#).expect("car");
    assert!(matches!(car, Vehicle::Car(ref car) if car.doors == Some(4)));
    let bike: Vehicle = decode(r#"{"type":"bike","gears":21}"#).expect("bike");
    assert!(matches!(bike, Vehicle::VehicleBike(ref bike) if bike.gears == Some(21)));
    let named = decode::<Vehicle>(r#"{"type":"Car","doors":4}"#).expect("kept");
    assert!(matches!(named, Vehicle::Unknown(_)), "the schema name is not the tag: {named:?}");
}

#[test]
fn without_a_mapping_a_value_the_alternative_fixes_is_its_tag() {
    let track: PlaylistItem = decode(r#"{"type":"track","album":"A"}"#).expect("track");
    assert!(matches!(track, PlaylistItem::Track(ref track) if track.album.as_deref() == Some("A")));
    let episode: PlaylistItem = decode(r#"{"type":"episode","show":"S"}"#).expect("episode");
    assert!(matches!(episode, PlaylistItem::Episode(_)));
    let circle: Shape = decode(r#"{"kind":"Circle","radius":1.5}"#).expect("the schema name is the tag");
    assert!(matches!(circle, Shape::Circle(ref circle) if circle.radius == Some(1.5)));
}

#[test]
fn a_base_with_a_discriminator_is_one_of_its_subtypes() {
    let dog: Pet = decode(r#"{"petType":"dog","name":"Rex","packSize":3}"#).expect("dog");
    let Pet::Dog(ref dog) = dog else { panic!("not a dog: {dog:?}") };
    assert!(matches!(**dog, Dog::Dog(ref dog) if dog.pack_size == 3 && dog.name == "Rex"), "{dog:?}");
    let cat: Pet = decode(r#"{"petType":"cat","name":"Tom","huntingSkill":"lazy"}"#).expect("cat");
    assert!(matches!(cat, Pet::Cat(ref cat) if cat.hunting_skill.as_deref() == Some("lazy")));
    let puppy: Pet = decode(r#"{"petType":"Puppy","name":"Bit","packSize":1,"toy":"ball"}"#).expect("puppy");
    assert!(matches!(puppy, Pet::Puppy(ref puppy) if puppy.toy.as_deref() == Some("ball")));
    // Sent back, nothing is lost.
    assert_eq!(
        serde_json::to_value(dog).expect("encodes"),
        serde_json::json!({"petType": "dog", "name": "Rex", "packSize": 3})
    );
    // A subtype added to the API later is kept whole, and sent back as it came.
    let hamster = decode::<Pet>(r#"{"petType":"hamster","name":"Ham","cheeks":2}"#).expect("an unknown subtype");
    let Pet::Unknown(ref kept) = hamster else { panic!("not kept: {hamster:?}") };
    assert_eq!(kept["cheeks"], 2);
    assert_eq!(
        serde_json::to_value(&hamster).expect("encodes"),
        serde_json::json!({"petType": "hamster", "name": "Ham", "cheeks": 2})
    );
    // Without its tag (or with a tag that is not text) a value is not a pet.
    let error = decode::<Pet>(r#"{"name":"Ham"}"#).expect_err("no tag");
    assert!(error.to_string().contains("petType"), "{error}");
    assert!(decode::<Pet>(r#"{"petType":7,"name":"Ham"}"#).is_err());
    // A known tag whose body does not fit is an error, not an unknown kind.
    assert!(decode::<Pet>(r#"{"petType":"dog","name":"Rex","packSize":"three"}"#).is_err());
}

#[test]
fn whole_number_and_boolean_tags_pick_the_alternative() {
    let follower = decode::<Webhook>(r#"{"type":2,"id":"w","token":"t"}"#).unwrap();
    assert!(matches!(follower, Webhook::FollowerWebhook(_)), "{follower:?}");
    let incoming = decode::<Webhook>(r#"{"type":1,"id":"w","token":"t"}"#).unwrap();
    assert!(matches!(incoming, Webhook::IncomingWebhook(_)), "{incoming:?}");
    assert!(decode::<Webhook>(r#"{"type":3,"id":"w"}"#).is_err(), "a tag no alternative has");

    let failed = decode::<Outcome>(r#"{"success":false,"data":"x"}"#).unwrap();
    assert!(matches!(failed, Outcome::OutcomeFailed(_)), "{failed:?}");
    let succeeded = decode::<Outcome>(r#"{"success":true,"data":"x"}"#).unwrap();
    assert!(matches!(succeeded, Outcome::OutcomeSucceeded(_)), "{succeeded:?}");
}

#[test]
fn sets_of_values_pick_the_alternative_that_lists_the_value() {
    let refund = decode::<Event>(r#"{"type":"refund.updated","currency":"eur","amount":5}"#).unwrap();
    assert!(matches!(&refund, Event::RefundEvent(event) if event.amount == Some(5)), "{refund:?}");
    let payment = decode::<Event>(r#"{"type":"payment.created","currency":"usd"}"#).unwrap();
    assert!(matches!(payment, Event::PaymentEvent(_)), "{payment:?}");
    // A value no alternative lists still decodes (enums are open), in the spec's order.
    let unknown = decode::<Event>(r#"{"type":"payout.created"}"#).unwrap();
    assert!(matches!(unknown, Event::PaymentEvent(_)), "{unknown:?}");
}

#[test]
fn a_schema_between_the_base_and_its_subtypes_is_a_union_of_itself_and_them() {
    // `Dog` extends `Pet` and is extended by `Puppy`: a dog is still a dog, and a puppy is
    // kept whole wherever a `Dog` is expected.
    let dog = decode::<Dog>(r#"{"petType":"dog","name":"Rex","packSize":3}"#).unwrap();
    assert!(matches!(&dog, Dog::Dog(fields) if fields.pack_size == 3), "{dog:?}");
    let puppy = decode::<Dog>(r#"{"petType":"Puppy","name":"Bit","packSize":1,"toy":"ball"}"#).unwrap();
    assert!(matches!(&puppy, Dog::Puppy(puppy) if puppy.toy.as_deref() == Some("ball")), "{puppy:?}");
    let pet = decode::<Pet>(r#"{"petType":"dog","name":"Rex","packSize":3}"#).unwrap();
    assert!(matches!(&pet, Pet::Dog(dog) if matches!(**dog, Dog::Dog(_))), "{pet:?}");
}

#[test]
fn a_discriminator_that_cannot_work_gives_way_to_the_shape() {
    assert!(matches!(decode::<Stats>(r#"["a","b"]"#), Ok(Stats::StringList(_))));
    assert!(matches!(decode::<Stats>(r#"{"cpu":0.5}"#), Ok(Stats::StatsData(_))));
    let a = decode::<DnsRecord>(r#"{"type":"A","ttl":300}"#).unwrap();
    assert!(!matches!(a, DnsRecord::MxRecord(_)), "{a:?}");
    assert!(matches!(decode::<DnsRecord>(r#"{"type":"MX","priority":10}"#), Ok(DnsRecord::MxRecord(_))));
    assert!(matches!(decode::<Tagged>(r#"{"type":"g6-standard-1","region":"eu"}"#), Ok(Tagged::Linode(_))));
    assert!(matches!(decode::<Tagged>(r#"{"type":"master","domain":"a.b"}"#), Ok(Tagged::Domain(_))));
}

#[test]
fn every_mapping_key_of_a_schema_decodes_as_it() {
    assert!(matches!(decode::<Animal>(r#"{"kind":"kitty","lives":9}"#), Ok(Animal::Kitty(_))));
    assert!(matches!(decode::<Animal>(r#"{"kind":"cat","lives":9}"#), Ok(Animal::Kitty(_))));
    assert!(matches!(decode::<Animal>(r#"{"kind":"dog"}"#), Ok(Animal::Hound(_))));
}

#[test]
fn a_tag_no_alternative_has_is_kept_beside_an_alternative_named_unknown() {
    assert!(matches!(decode::<Reading>(r#"{"state":"Known","value":1.5}"#), Ok(Reading::Known(_))));
    assert!(matches!(decode::<Reading>(r#"{"state":"Unknown"}"#), Ok(Reading::Unknown(_))));
    let later = decode::<Reading>(r#"{"state":"Calibrating","progress":0.4}"#).expect("kept");
    assert!(matches!(&later, Reading::Unknown2(value) if value["progress"] == 0.4), "{later:?}");
    let animal = decode::<Animal>(r#"{"kind":"bird","wings":2}"#).expect("kept");
    assert!(matches!(&animal, Animal::Unknown(value) if value["wings"] == 2), "{animal:?}");
}

#[test]
fn an_enum_takes_its_values_and_an_object_takes_objects() {
    assert!(matches!(decode::<Browser>(r#""firefox""#), Ok(Browser::String(ref name)) if name == "firefox"));
    assert!(matches!(decode::<Browser>(r#""default""#), Ok(Browser::BrowserVariant0(BrowserVariant0::Default))));
    assert!(matches!(decode::<Fallback>(r#"["a","b"]"#), Ok(Fallback::StringList(ref list)) if list.len() == 2));
    assert!(matches!(decode::<Fallback>(r#"{"a":1}"#), Ok(Fallback::ValueMap(ref map)) if map.len() == 1));
}

#[test]
fn alternatives_that_share_a_tag_are_told_apart_by_shape() {
    assert!(matches!(decode::<Twins>(r#"{"kind":"same","right":"r"}"#), Ok(Twins::TwinsRight(_))));
    assert!(matches!(decode::<Twins>(r#"{"kind":"same","left":"l"}"#), Ok(Twins::TwinsLeft(_))));
}
