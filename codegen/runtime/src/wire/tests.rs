use super::*;

#[test]
fn keys_read_as_positions_in_any_order() {
    use serde::de::DeserializeSeed;
    let mut keys = Keys::new(&["id", "name", "kind"]);
    let mut position =
        |json: &str| (&mut keys).deserialize(&mut serde_json::Deserializer::from_str(json)).expect("a key");
    assert_eq!(position(r#""id""#), Some(0));
    assert_eq!(position(r#""name""#), Some(1));
    assert_eq!(position(r#""id""#), Some(0), "earlier keys are still found");
    assert_eq!(position(r#""kind""#), Some(2));
    assert_eq!(position(r#""other""#), None);
    assert_eq!(position(r#""kind""#), Some(2));
    let mut keyed = KeysOrOther::new(&["id"]);
    let mut read = |json: &str| (&mut keyed).deserialize(&mut serde_json::Deserializer::from_str(json)).expect("a key");
    assert_eq!(read(r#""id""#), Ok(0));
    assert_eq!(read(r#""extra""#), Err("extra".to_owned()));
}

#[test]
fn open_enums_read_known_values_and_keep_the_rest() {
    #[derive(Debug, PartialEq)]
    enum Color {
        Red,
        Other(String),
    }
    let known = |value: &str| (value == "red").then_some(Color::Red);
    let read = |json: &str| open_enum(&mut serde_json::Deserializer::from_str(json), known, Color::Other);
    assert_eq!(read(r#""red""#).expect("known"), Color::Red);
    assert_eq!(read(r#""teal""#).expect("other"), Color::Other("teal".into()));
    assert_eq!(read(r#""r\u0065d""#).expect("escaped"), Color::Red);
    assert!(read("5").is_err());
}

#[test]
fn objects_as_parameters() {
    let value = serde_json::json!({"number": "4242", "exp": {"month": 1}, "tags": ["a", "b"], "gone": null});
    let mut deep = deep_object("card", &value);
    deep.sort();
    let expected =
        [("card[exp][month]", "1"), ("card[number]", "4242"), ("card[tags][0]", "a"), ("card[tags][1]", "b")];
    assert_eq!(deep, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    let mut flat = exploded_object("card", &value);
    flat.sort();
    assert_eq!(flat[0], ("exp".to_owned(), "{\"month\":1}".to_owned()));
    assert_eq!(exploded_object("n", &serde_json::json!(3)), vec![("n".to_owned(), "3".to_owned())]);
    let pairs = exploded_object("traits", &serde_json::json!(["MARKET", {"a": 1}, null]));
    assert_eq!(pairs, [("traits".to_owned(), "MARKET".to_owned()), ("traits".to_owned(), r#"{"a":1}"#.to_owned())]);
}

#[test]
fn scalars() {
    assert_eq!(true.to_param(), "true");
    assert_eq!(false.to_param(), "false");
    assert_eq!((-5i32).to_param(), "-5");
    assert_eq!(i64::MAX.to_param(), "9223372036854775807");
    assert_eq!(u64::MAX.to_param(), "18446744073709551615");
    assert_eq!(0.1f64.to_param(), "0.1");
    assert_eq!(1e21f64.to_param(), "1000000000000000000000");
    assert_eq!(2.0f64.to_param(), "2");
    assert_eq!("a b".to_param(), "a b");
    assert_eq!(String::from("x").to_param(), "x");
}

#[test]
fn lists_are_one_joined_value() {
    assert_eq!(join(&[414877i64, 464478], ";"), "414877;464478");
    assert_eq!(join(&["RUR", "EUR"], ";"), "RUR;EUR");
    assert_eq!(join(&[String::from("a")], ";"), "a");
    assert_eq!(join::<i64>(&[], ";"), "");
    assert_eq!(join(&[true, false], ","), "true,false");
}

#[test]
fn path_segments_are_encoded() {
    assert_eq!(path_segment("abc-._~XYZ09"), "abc-._~XYZ09");
    assert_eq!(path_segment("a/b?c#d e%"), "a%2Fb%3Fc%23d%20e%25");
    assert_eq!(path_segment("é"), "%C3%A9");
    assert_eq!(path_segment(""), "");
}

#[test]
fn reserved_expansion_keeps_slashes_but_not_a_query_or_fragment() {
    assert_eq!(path_reserved("projects/p-1/locations/eu:batch"), "projects/p-1/locations/eu:batch");
    assert_eq!(path_reserved("a b?c#d%e[f]"), "a%20b%3Fc%23d%25e%5Bf%5D");
    assert_eq!(path_reserved("é"), "%C3%A9");
}

#[test]
fn a_sorted_table_finds_each_spelling_and_nothing_else() {
    let table = [("AD", 1), ("AE", 2), ("AF", 3), ("ZW", 4)];
    for (spelling, value) in table {
        assert_eq!(search(&table, spelling), Some(value));
    }
    for absent in ["", "A", "ad", "AE ", "ZZ", "AAA"] {
        assert_eq!(search(&table, absent), None, "{absent:?}");
    }
    assert_eq!(search::<u8>(&[], "AD"), None);
}

#[test]
fn a_missing_required_field_is_serdes_own_error() {
    assert_eq!(required::<u8, serde_json::Error>(Some(7), "id").ok(), Some(7));
    let error = required::<u8, serde_json::Error>(None, "account_id").expect_err("missing");
    assert_eq!(error.to_string(), "missing field `account_id`");
}

#[test]
fn keys_are_found_whatever_the_order_of_the_reply() {
    let names: &'static [&'static str] =
        &["id", "name", "kind", "created_at", "updated_at", "is_bank_card_auto_charge"];
    for order in [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [1, 0, 3, 2, 5, 4], [3, 0, 5, 1, 4, 2]] {
        let mut keys = Keys::new(names);
        for index in order {
            assert_eq!(keys.position(names[index].as_bytes()), Some(index), "{order:?}");
        }
        for absent in ["", "i", "idd", "created_ax", "updated_at ", "is_bank_card_auto_chargE"] {
            assert_eq!(keys.position(absent.as_bytes()), None, "{absent:?}");
        }
    }
    assert_eq!(Keys::new(&[]).position(b"id"), None);
}

#[test]
fn long_tables_are_searched_by_the_whole_spelling() {
    // Spellings that share their first eight bytes are told apart by the rest.
    let table = [("", 0), ("card_present", 1), ("card_presently", 2), ("card_prese", 3), ("cards", 4), ("é", 5)];
    let mut sorted = table;
    sorted.sort_by(|left, right| left.0.cmp(right.0));
    for (spelling, value) in sorted {
        assert_eq!(search(&sorted, spelling), Some(value), "{spelling:?}");
    }
    for absent in ["card_presen", "card_present ", "card_presentl", "card", "e", "\u{0}"] {
        assert_eq!(search(&sorted, absent), None, "{absent:?}");
    }
}

proptest::proptest! {
    #[test]
    fn word_comparisons_agree_with_the_standard_ones(
        left in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
        right in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
        shared in 0usize..20,
    ) {
        // A shared start makes the deciding byte fall past the first word now and then.
        let left: Vec<u8> = right.iter().take(shared).chain(&left).copied().collect();
        proptest::prop_assert_eq!(same(&left, &right), left == right);
        proptest::prop_assert_eq!(same(&left, &left), true);
        let by_prefix = prefix(&left).cmp(&prefix(&right));
        if by_prefix != std::cmp::Ordering::Equal {
            proptest::prop_assert_eq!(by_prefix, left.cmp(&right));
        }
    }
}

#[test]
fn a_slot_keeps_the_last_value_stored() {
    let mut slot: Option<String> = None;
    slot.store("first".to_owned());
    slot.store("second".to_owned());
    assert_eq!(slot.as_deref(), Some("second"));
}
