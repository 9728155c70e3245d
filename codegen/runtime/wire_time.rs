//! Dates and `YYYY-MM-DD HH:MM:SS` UTC timestamps, for serde fields and for parameters.
//! (RFC 3339 fields use `time::serde::rfc3339` directly.)

use time::{Date, OffsetDateTime, UtcOffset};

use super::wire::ToParam;

/// `YYYY-MM-DD`.
impl ToParam for Date {
    fn to_param(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year(), u8::from(self.month()), self.day())
    }
}

/// A timestamp parameter: converted to UTC, `YYYY-MM-DD HH:MM:SS` (sub-seconds dropped).
pub fn timestamp_param(value: &OffsetDateTime) -> String {
    let utc = value.to_offset(UtcOffset::UTC);
    format!("{} {:02}:{:02}:{:02}", utc.date().to_param(), utc.hour(), utc.minute(), utc.second())
}

/// An RFC 3339 parameter in UTC, e.g. `2024-05-01T12:30:00Z` (fraction only when non-zero).
pub fn rfc3339_param(value: &OffsetDateTime) -> String {
    let utc = value.to_offset(UtcOffset::UTC);
    let mut out = timestamp_param(&utc).replacen(' ', "T", 1);
    if utc.nanosecond() != 0 {
        let fraction = format!("{:09}", utc.nanosecond());
        out.push('.');
        out.push_str(fraction.trim_end_matches('0'));
    }
    out.push('Z');
    out
}

/// Serde `with` module for `YYYY-MM-DD HH:MM:SS` timestamps in UTC
/// (`#[serde(with = "timestamp")]` on an `OffsetDateTime`).
pub mod timestamp {
    use serde::{Deserialize, Deserializer, Serializer, de};
    use time::macros::format_description;
    use time::{OffsetDateTime, PrimitiveDateTime};

    /// Writes the timestamp in UTC.
    pub fn serialize<S: Serializer>(value: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::timestamp_param(value))
    }

    /// Reads `YYYY-MM-DD HH:MM:SS` as UTC; any other shape is an error.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).map_err(de::Error::custom)
    }

    pub(super) fn parse(text: &str) -> Result<OffsetDateTime, String> {
        PrimitiveDateTime::parse(text, format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"))
            .map(PrimitiveDateTime::assume_utc)
            .map_err(|error| format!("invalid timestamp `{text}`: expected `YYYY-MM-DD HH:MM:SS` (UTC): {error}"))
    }

    /// The same for `Option<OffsetDateTime>` (use with `#[serde(default)]`); `null` and `""`
    /// read as `None`.
    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer, de};
        use time::OffsetDateTime;

        /// Writes `None` as `null`.
        pub fn serialize<S: Serializer>(value: &Option<OffsetDateTime>, serializer: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(value) => super::serialize(value, serializer),
                None => serializer.serialize_none(),
            }
        }

        /// Reads a timestamp, `null` or `""`.
        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<OffsetDateTime>, D::Error> {
            match Option::<String>::deserialize(deserializer)? {
                Some(text) if !text.is_empty() => super::parse(&text).map(Some).map_err(de::Error::custom),
                _ => Ok(None),
            }
        }
    }
}

/// Serde `with` module for `YYYY-MM-DD` dates (`#[serde(with = "date")]` on a `time::Date`).
pub mod date {
    use serde::{Deserialize, Deserializer, Serializer, de};
    use time::Date;
    use time::macros::format_description;

    use super::ToParam;

    /// Writes `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(value: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&value.to_param())
    }

    /// Reads `YYYY-MM-DD`; any other shape is an error.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).map_err(de::Error::custom)
    }

    pub(super) fn parse(text: &str) -> Result<Date, String> {
        Date::parse(text, format_description!("[year]-[month]-[day]"))
            .map_err(|error| format!("invalid date `{text}`: expected `YYYY-MM-DD`: {error}"))
    }

    /// The same for `Option<Date>` (use with `#[serde(default)]`); `null` and `""` read as `None`.
    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer, de};
        use time::Date;

        /// Writes `None` as `null`.
        pub fn serialize<S: Serializer>(value: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(value) => super::serialize(value, serializer),
                None => serializer.serialize_none(),
            }
        }

        /// Reads a date, `null` or `""`.
        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
            match Option::<String>::deserialize(deserializer)? {
                Some(text) if !text.is_empty() => super::parse(&text).map(Some).map_err(de::Error::custom),
                _ => Ok(None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
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

        let sparse: Row = serde_json::from_str(r#"{"created":"2024-01-01 00:00:00","day":"2024-01-01","until":""}"#)
            .expect("decodes");
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
        let error = serde_json::from_str::<Row>(r#"{"created":"2024-01-01 00:00:00","day":"2024/01/01"}"#)
            .expect_err("bad date");
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
}
