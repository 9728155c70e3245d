use serde_json::json;

use super::*;

const ACK: Alternative = Alternative { json: Json::Object, required: &["id"], constants: &[], known: &["id"] };
const FULL: Alternative =
    Alternative { json: Json::Object, required: &["id", "price"], constants: &[], known: &["id", "price", "fills"] };
const CODE: Alternative = Alternative {
    json: Json::Object,
    required: &["type"],
    constants: &[("type", &[Constant::Text("code")])],
    known: &["type"],
};
const FILES: Alternative = Alternative {
    json: Json::Object,
    required: &["type"],
    constants: &[("type", &[Constant::Text("files")])],
    known: &["type", "ids"],
};

/// The index of the alternative that decodes, when every alternative decodes.
fn chosen(value: serde_json::Value, alternatives: &[Alternative]) -> Result<usize, String> {
    decode(value, alternatives, |index, _| Ok(index))
}

#[test]
fn the_alternative_that_keeps_every_key_wins_whatever_the_order() {
    let full = json!({"id": 1, "price": "1.0", "fills": []});
    assert_eq!(chosen(full.clone(), &[ACK, FULL]), Ok(1));
    assert_eq!(chosen(full, &[FULL, ACK]), Ok(0));
    assert_eq!(chosen(json!({"id": 1}), &[ACK, FULL]), Ok(0), "FULL needs `price`");
}

#[test]
fn constants_act_as_tags() {
    assert_eq!(chosen(json!({"type": "files", "ids": []}), &[CODE, FILES]), Ok(1));
    assert_eq!(chosen(json!({"type": "code"}), &[FILES, CODE]), Ok(1));
    assert!(chosen(json!({"type": "web"}), &[CODE, FILES]).is_err());
}

#[test]
fn whole_number_and_boolean_constants_act_as_tags_too() {
    let version = |number: i64, known: &'static [&'static str]| Alternative {
        json: Json::Object,
        required: &[],
        constants: match number {
            1 => &[("version", &[Constant::Integer(1)])],
            _ => &[("version", &[Constant::Integer(2)])],
        },
        known,
    };
    let (one, two) = (version(1, &["version", "a"]), version(2, &["version", "a", "b"]));
    assert_eq!(chosen(json!({"version": 2, "a": 1}), &[one, two]), Ok(1), "the tag, not the keys, decides");
    assert_eq!(chosen(json!({"version": 1, "a": 1, "b": 2}), &[one, two]), Ok(0));
    let ok = Alternative {
        json: Json::Object,
        required: &["success"],
        constants: &[("success", &[Constant::Boolean(true)])],
        known: &["success", "data"],
    };
    let failed = Alternative {
        json: Json::Object,
        required: &["success"],
        constants: &[("success", &[Constant::Boolean(false)])],
        known: &["success", "error"],
    };
    assert_eq!(chosen(json!({"success": false}), &[ok, failed]), Ok(1));
    assert_eq!(chosen(json!({"success": true}), &[ok, failed]), Ok(0));
    // A `null` where a tag goes says nothing either way: the keys decide.
    assert_eq!(chosen(json!({"success": null, "error": "x"}), &[ok, failed]), Ok(1));
}

#[test]
fn a_listed_value_picks_its_alternative_and_an_unlisted_one_still_decodes() {
    let payment = Alternative {
        json: Json::Object,
        required: &["type"],
        constants: &[("type", &[Constant::Text("payment.created"), Constant::Text("payment.updated")])],
        known: &["type", "id"],
    };
    let refund = Alternative {
        json: Json::Object,
        required: &["type"],
        constants: &[("type", &[Constant::Text("refund.created"), Constant::Text("refund.updated")])],
        known: &["type", "id"],
    };
    assert_eq!(chosen(json!({"type": "refund.created", "id": 1}), &[payment, refund]), Ok(1));
    assert_eq!(chosen(json!({"type": "payment.updated", "id": 1}), &[refund, payment]), Ok(1));
    // Not listed anywhere: the spec's order decides, and the value is kept (open enums).
    assert_eq!(chosen(json!({"type": "payout.created", "id": 1}), &[payment, refund]), Ok(0));
}

#[test]
fn json_types_decide_between_scalars() {
    let integer = Alternative { json: Json::Integer, required: &[], constants: &[], known: &[] };
    let number = Alternative { json: Json::Number, required: &[], constants: &[], known: &[] };
    let text = Alternative { json: Json::String, required: &[], constants: &[], known: &[] };
    assert_eq!(chosen(json!(3), &[text, integer, number]), Ok(1));
    assert_eq!(chosen(json!(3.5), &[integer, number]), Ok(1));
    assert_eq!(chosen(json!("x"), &[integer, text]), Ok(1));
    assert!(chosen(json!(true), &[integer, text]).is_err());
}

#[test]
fn equal_fits_that_drop_keys_are_refused() {
    let left = Alternative { json: Json::Object, required: &[], constants: &[], known: &["a"] };
    let right = Alternative { json: Json::Object, required: &[], constants: &[], known: &["b"] };
    assert!(chosen(json!({"a": 1, "b": 2}), &[left, right]).is_err());
    assert_eq!(chosen(json!({"b": 2}), &[left, right]), Ok(1));
}

#[test]
fn an_alternative_that_fails_to_decode_gives_way_to_the_next() {
    let decoded = decode(json!({"id": 1, "price": 5}), &[FULL, ACK], |index, _| {
        if index == 0 { Err(serde::de::Error::custom("price is not text")) } else { Ok(index) }
    });
    assert_eq!(decoded, Ok(1));
    let failed: Result<usize, String> =
        decode(json!({"id": 1}), &[ACK], |_, _| Err(serde::de::Error::custom("broken")));
    assert!(failed.is_err_and(|message| message.contains("broken")));
}
