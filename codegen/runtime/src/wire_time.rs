//! Dates and timestamps (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` in UTC, RFC 3339) as fields and as
//! parameters. The generated serde impls read and write fields through the newtypes at the end.

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
        if let Some(value) = fixed_width(text) {
            return Ok(value);
        }
        // The general parser decides the rest, and says what is wrong.
        PrimitiveDateTime::parse(text, format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"))
            .map(PrimitiveDateTime::assume_utc)
            .map_err(|error| format!("invalid timestamp `{text}`: expected `YYYY-MM-DD HH:MM:SS` (UTC): {error}"))
    }

    /// The usual shape, digit by digit: a reply can hold thousands of timestamps, and this is
    /// several times quicker than the general parser. `None` leaves the text to that parser.
    pub(super) fn fixed_width(text: &str) -> Option<OffsetDateTime> {
        let &[y0, y1, y2, y3, b'-', mo0, mo1, b'-', d0, d1, b' ', h0, h1, b':', mi0, mi1, b':', s0, s1] =
            text.as_bytes()
        else {
            return None;
        };
        let year = i32::from(number(y0, y1)?) * 100 + i32::from(number(y2, y3)?);
        let month = time::Month::try_from(number(mo0, mo1)?).ok()?;
        let date = time::Date::from_calendar_date(year, month, number(d0, d1)?).ok()?;
        let time = time::Time::from_hms(number(h0, h1)?, number(mi0, mi1)?, number(s0, s1)?).ok()?;
        Some(PrimitiveDateTime::new(date, time).assume_utc())
    }

    /// Two ASCII digits as a number.
    fn number(tens: u8, ones: u8) -> Option<u8> {
        (tens.is_ascii_digit() && ones.is_ascii_digit()).then(|| (tens - b'0') * 10 + (ones - b'0'))
    }

    /// The same for `Option<OffsetDateTime>` (use with `#[serde(default)]`); `null` and `""`
    /// read as `None`.
    pub mod option {
        use serde::{Deserializer, Serializer};
        use time::OffsetDateTime;

        /// Writes `None` as `null`.
        pub fn serialize<S: Serializer>(value: &Option<OffsetDateTime>, serializer: S) -> Result<S::Ok, S::Error> {
            super::super::write_optional(value, serializer, super::serialize)
        }

        /// Reads a timestamp, `null` or `""`.
        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<OffsetDateTime>, D::Error> {
            super::super::read_optional(deserializer, super::parse)
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
        use serde::{Deserializer, Serializer};
        use time::Date;

        /// Writes `None` as `null`.
        pub fn serialize<S: Serializer>(value: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
            super::super::write_optional(value, serializer, super::serialize)
        }

        /// Reads a date, `null` or `""`.
        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
            super::super::read_optional(deserializer, super::parse)
        }
    }
}

/// Serde `with` module for RFC 3339 date-times, read leniently: servers also send a space for
/// the `T` (PostgreSQL's text form), an offset without its colon or minutes (`+0000`, `+00`),
/// or no offset at all (Python's naive `datetime`, read as UTC). Written as RFC 3339.
pub mod date_time {
    use serde::{Deserialize, Deserializer, Serializer, de};
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;

    /// Writes RFC 3339.
    pub fn serialize<S: Serializer>(value: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        time::serde::rfc3339::serialize(value, serializer)
    }

    /// Reads RFC 3339, or one of the near shapes above.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).map_err(de::Error::custom)
    }

    pub(super) fn parse(text: &str) -> Result<OffsetDateTime, String> {
        if let Ok(value) = OffsetDateTime::parse(text, &Rfc3339) {
            return Ok(value);
        }
        near_rfc3339(text)
            .and_then(|fixed| OffsetDateTime::parse(&fixed, &Rfc3339).ok())
            .ok_or_else(|| format!("invalid date-time `{text}`: expected RFC 3339 (`2024-01-31T12:00:00Z`)"))
    }

    /// The RFC 3339 spelling of a near shape, if `text` is one.
    fn near_rfc3339(text: &str) -> Option<String> {
        // `YYYY-MM-DD` and a separator, then `HH:MM:SS`, an optional fraction, an offset.
        let (date, rest) = (text.get(..10)?, text.get(11..)?);
        if !matches!(text.as_bytes().get(10), Some(b'T' | b't' | b' ')) {
            return None;
        }
        let (clock, zone) = (rest.get(..8)?, rest.get(8..)?);
        let fraction_end = zone.find(|c: char| !(c == '.' || c.is_ascii_digit())).unwrap_or(zone.len());
        let (fraction, zone) = (zone.get(..fraction_end)?, zone.get(fraction_end..)?);
        let offset = match zone.as_bytes() {
            [] => "Z".to_owned(),
            [b'Z' | b'z'] => "Z".to_owned(),
            [sign @ (b'+' | b'-'), digits @ ..] if digits.iter().all(u8::is_ascii_digit) => {
                let digits = std::str::from_utf8(digits).ok()?;
                match digits.len() {
                    2 => format!("{}{digits}:00", char::from(*sign)),
                    4 => format!("{}{}:{}", char::from(*sign), digits.get(..2)?, digits.get(2..)?),
                    _ => return None,
                }
            }
            [b'+' | b'-', ..] if zone.len() == 6 => zone.to_owned(),
            _ => return None,
        };
        Some(format!("{date}T{clock}{fraction}{offset}"))
    }

    /// The same for `Option<OffsetDateTime>`; `null` and `""` read as `None`.
    pub mod option {
        use serde::{Deserializer, Serializer};
        use time::OffsetDateTime;

        /// Writes `None` as `null`.
        pub fn serialize<S: Serializer>(value: &Option<OffsetDateTime>, serializer: S) -> Result<S::Ok, S::Error> {
            super::super::write_optional(value, serializer, super::serialize)
        }

        /// Reads a date-time, `null` or `""`.
        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<OffsetDateTime>, D::Error> {
            super::super::read_optional(deserializer, super::parse)
        }
    }
}

/// Writes `Some` as `write` does, `None` as `null` (the `option` modules above).
fn write_optional<T, S, W>(value: &Option<T>, serializer: S, write: W) -> Result<S::Ok, S::Error>
where
    S: serde::Serializer,
    W: FnOnce(&T, S) -> Result<S::Ok, S::Error>,
{
    match value {
        Some(value) => write(value, serializer),
        None => serializer.serialize_none(),
    }
}

/// Reads a string as `parse` does; `null` and `""` read as `None` (the `option` modules above).
fn read_optional<'de, T, D: serde::Deserializer<'de>>(
    deserializer: D,
    parse: fn(&str) -> Result<T, String>,
) -> Result<Option<T>, D::Error> {
    match <Option<String> as serde::Deserialize>::deserialize(deserializer)? {
        Some(text) if !text.is_empty() => parse(&text).map(Some).map_err(serde::de::Error::custom),
        _ => Ok(None),
    }
}

/// Newtypes that carry a field's wire format into the generated serde impls (each reads and
/// writes through the module of the same format above; the optional ones read `null` and `""`
/// as `None`).
macro_rules! wire_format {
    ($(#[$doc:meta] $name:ident($value:ty) => $read:path, $write:path;)*) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name(pub $value);

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $write(&self.0, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $read(deserializer).map(Self)
            }
        }
    )*};
}

wire_format! {
    /// `YYYY-MM-DD HH:MM:SS` in UTC.
    Timestamp(OffsetDateTime) => timestamp::deserialize, timestamp::serialize;
    /// An optional `YYYY-MM-DD HH:MM:SS` in UTC.
    OptionalTimestamp(Option<OffsetDateTime>) => timestamp::option::deserialize, timestamp::option::serialize;
    /// `YYYY-MM-DD`.
    Day(Date) => date::deserialize, date::serialize;
    /// An optional `YYYY-MM-DD`.
    OptionalDay(Option<Date>) => date::option::deserialize, date::option::serialize;
    /// RFC 3339 (read leniently, see [`date_time`]).
    Rfc3339(OffsetDateTime) => date_time::deserialize, date_time::serialize;
    /// An optional RFC 3339 date-time.
    OptionalRfc3339(Option<OffsetDateTime>) => date_time::option::deserialize, date_time::option::serialize;
}

#[cfg(test)]
mod tests;
