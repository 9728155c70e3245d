use super::*;
use serde::{Deserialize, Serialize};
use time::macros::{date, datetime};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Row {
    #[serde(with = "timestamp")]
    created: OffsetDateTime,
    #[serde(default, with = "timestamp::option")]
    updated: Option<OffsetDateTime>,
    #[serde(with = "super::date")]
    day: Date,
    #[serde(default, with = "super::date::option")]
    until: Option<Date>,
}

#[test]
fn round_trip() {
    let json = r#"{"created":"2024-02-29 23:59:58","updated":null,"day":"2024-01-05","until":"2025-12-31"}"#;
    let row: Row = serde_json::from_str(json).expect("decodes");
    assert_eq!(row.created, datetime!(2024-02-29 23:59:58 UTC));
    assert_eq!(row.updated, None);
    assert_eq!(row.day, date!(2024 - 01 - 05));
    assert_eq!(row.until, Some(date!(2025 - 12 - 31)));
    assert_eq!(serde_json::to_string(&row).expect("encodes"), json);

    let sparse: Row =
        serde_json::from_str(r#"{"created":"2024-01-01 00:00:00","day":"2024-01-01","until":""}"#).expect("decodes");
    assert_eq!((sparse.updated, sparse.until), (None, None));
}

#[test]
fn other_shapes_are_rejected_with_the_json_path() {
    for bad in ["2024-01-01T00:00:00Z", "2024-01-01 00:00", "2024-13-01 00:00:00", "01.01.2024 00:00:00"] {
        let json = format!(r#"{{"created":"{bad}","day":"2024-01-01"}}"#);
        let mut deserializer = serde_json::Deserializer::from_str(&json);
        let error = serde_path_to_error::deserialize::<_, Row>(&mut deserializer).expect_err(bad);
        assert_eq!(error.path().to_string(), "created");
        assert!(error.inner().to_string().contains("YYYY-MM-DD HH:MM:SS"), "{error}");
    }
    let error =
        serde_json::from_str::<Row>(r#"{"created":"2024-01-01 00:00:00","day":"2024/01/01"}"#).expect_err("bad date");
    assert!(error.to_string().contains("YYYY-MM-DD"));
    assert!(serde_json::from_str::<Row>(r#"{"created":17,"day":"2024-01-01"}"#).is_err());
}

#[test]
fn parameters_are_utc() {
    let moscow = datetime!(2024-03-01 02:30:00 +3);
    assert_eq!(timestamp_param(&moscow), "2024-02-29 23:30:00");
    assert_eq!(rfc3339_param(&moscow), "2024-02-29T23:30:00Z");
    assert_eq!(rfc3339_param(&datetime!(2024-03-01 00:00:00.25 UTC)), "2024-03-01T00:00:00.25Z");
    assert_eq!(date!(0987 - 06 - 05).to_param(), "0987-06-05");
    let parsed = OffsetDateTime::parse(&rfc3339_param(&moscow), &time::format_description::well_known::Rfc3339)
        .expect("valid RFC 3339");
    assert_eq!(parsed, moscow);
}

#[test]
fn newtypes_carry_the_wire_format() {
    let stamp: Timestamp = serde_json::from_str(r#""2024-05-01 12:30:00""#).expect("timestamp");
    assert_eq!(serde_json::to_string(&stamp).expect("encodes"), r#""2024-05-01 12:30:00""#);
    let day: Day = serde_json::from_str(r#""2014-03-17""#).expect("date");
    assert_eq!(serde_json::to_string(&day).expect("encodes"), r#""2014-03-17""#);
    let none: OptionalDay = serde_json::from_str(r#""""#).expect("empty date");
    assert_eq!(none, OptionalDay(None));
    let rfc: Rfc3339 = serde_json::from_str(r#""2024-05-01T12:30:00Z""#).expect("rfc 3339");
    assert_eq!(rfc.0, stamp.0);
    let absent: OptionalRfc3339 = serde_json::from_str("null").expect("null");
    assert_eq!(absent, OptionalRfc3339(None));
    assert!(serde_json::from_str::<Timestamp>(r#""2024-05-01T12:30:00Z""#).is_err());
}

#[test]
fn the_quick_timestamp_reader_agrees_with_the_general_parser() {
    let general = |text: &str| {
        time::PrimitiveDateTime::parse(
            text,
            time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
        )
        .map(time::PrimitiveDateTime::assume_utc)
        .ok()
    };
    for text in [
        "2024-02-29 23:59:58",
        "2023-02-29 00:00:00",
        "2024-04-31 00:00:00",
        "0000-01-01 00:00:00",
        "9999-12-31 23:59:59",
        "2024-00-10 00:00:00",
        "2024-01-00 00:00:00",
        "2024-01-01 24:00:00",
        "2024-01-01 23:60:00",
        "2024-01-01 23:59:60",
        "2024-1-01 00:00:00 ",
        "+024-01-01 00:00:00",
        "2024-01-01T00:00:00",
        "2024-01-01 00:00:0x",
        "２024-01-01 00:00:00",
    ] {
        let quick = timestamp::fixed_width(text);
        assert!(quick.is_none() || quick == general(text), "{text}: {quick:?} against {:?}", general(text));
        assert_eq!(timestamp::parse(text).ok(), general(text), "{text}");
        if text.len() == 19 && general(text).is_some() {
            assert!(quick.is_some(), "{text} left to the general parser");
        }
    }
}

#[test]
fn date_times_near_rfc3339_are_read_as_servers_send_them() {
    let utc = |text: &str| date_time::parse(text).map(|value| (value.unix_timestamp(), value.nanosecond()));
    let noon = 1_704_110_400;
    assert_eq!(utc("2024-01-01T12:00:00Z"), Ok((noon, 0)));
    assert_eq!(utc("2024-01-01T12:00:00"), Ok((noon, 0)), "no offset: UTC");
    assert_eq!(utc("2024-01-01 12:00:00.5+00"), Ok((noon, 500_000_000)), "PostgreSQL's text form");
    assert_eq!(utc("2024-01-01t14:00:00+0200"), Ok((noon, 0)));
    assert_eq!(utc("2024-01-01 13:00:00+01:00"), Ok((noon, 0)));
    assert_eq!(utc("2023-10-06 22:59:55.977+00").map(|(_, nanos)| nanos), Ok(977_000_000));
    for wrong in [
        "2024-01-01",
        "2024-01-01T12:00",
        "2024-01-01T12:00:00+1",
        "noon",
        "2024-01-01T12:00:00Zulu",
        "",
        "2024-01-01T12:0é:00",
    ] {
        assert!(date_time::parse(wrong).is_err(), "{wrong:?} is not a date-time");
    }
}
