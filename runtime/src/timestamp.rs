//! Timestamps as the API sends them. Each type keeps the text exactly as received, so decoding
//! never fails on what the API really sends (`""`, `"0000-00-00 00:00:00"`, other surprises)
//! and a value re-encodes unchanged; a checked conversion gives a [`time`] value with the
//! right offset.
//!
//! ```
//! use tencentcloud_runtime::timestamp::DateTime;
//! let started = DateTime::from("2023-12-18 20:55:27");
//! let at = started.to_offset_date_time().unwrap();
//! assert_eq!(at.unix_timestamp(), 1_702_904_127); // 12:55:27 UTC
//! assert!(DateTime::from("0000-00-00 00:00:00").to_offset_date_time().is_err());
//! ```

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// Why a timestamp's text is not a point in time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimestampError {
    /// The API sent an empty string: no time set.
    #[error("the timestamp is empty")]
    Empty,
    /// The API sent its zero value (`0000-00-00 00:00:00`, `0000-00-00`): no time set.
    #[error("the timestamp is the zero value `{0}`")]
    Zero(String),
    #[error("`{text}` is not a {expected} timestamp")]
    Invalid { text: String, expected: &'static str },
}

/// Beijing time, in which the API writes `YYYY-MM-DD HH:MM:SS` timestamps.
pub const BEIJING: UtcOffset = match UtcOffset::from_hms(8, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!("+08:00 is a valid offset"),
};

macro_rules! timestamp_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// The text as sent or to be sent.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Whether no time is set: empty, or the API's zero value.
            pub fn is_unset(&self) -> bool {
                let t = self.0.trim();
                t.is_empty() || t.starts_with("0000-00-00")
            }

            fn unset_error(&self) -> Option<TimestampError> {
                let t = self.0.trim();
                if t.is_empty() {
                    Some(TimestampError::Empty)
                } else if t.starts_with("0000-00-00") {
                    Some(TimestampError::Zero(t.to_owned()))
                } else {
                    None
                }
            }

            fn invalid(&self) -> TimestampError {
                TimestampError::Invalid {
                    text: self.0.clone(),
                    expected: Self::EXPECTED,
                }
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name(text.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                $name(text)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::value_set::deserialize_str(deserializer)
            }
        }

        impl crate::codec::Encode for $name {
            fn encode(&self, w: &mut crate::codec::Writer) {
                w.str(&self.0)
            }
        }

        impl crate::codec::Decode for $name {
            fn decode(r: &mut crate::codec::Reader<'_>) -> Result<Self, crate::codec::DecodeError> {
                r.text().map($name)
            }
        }
    };
}

timestamp_type!(
    /// `YYYY-MM-DD HH:MM:SS` in Beijing time (UTC+8), the API's `datetime`.
    DateTime
);
timestamp_type!(
    /// An ISO 8601 / RFC 3339 date-time with its offset, the API's `datetime_iso`.
    DateTimeIso
);
timestamp_type!(
    /// `YYYY-MM-DD`, the API's `date`.
    Date
);

impl DateTime {
    const EXPECTED: &'static str = "`YYYY-MM-DD HH:MM:SS`";

    /// The point in time, reading the text as Beijing time.
    pub fn to_offset_date_time(&self) -> Result<OffsetDateTime, TimestampError> {
        if let Some(e) = self.unset_error() {
            return Err(e);
        }
        let t = self.0.trim();
        let (date, time) = t
            .split_once(' ')
            .or_else(|| t.split_once('T'))
            .ok_or_else(|| self.invalid())?;
        let date = parse_date(date).ok_or_else(|| self.invalid())?;
        let time = parse_time(time).ok_or_else(|| self.invalid())?;
        Ok(PrimitiveDateTime::new(date, time).assume_offset(BEIJING))
    }
}

impl From<OffsetDateTime> for DateTime {
    /// Written in Beijing time, as the API expects.
    fn from(at: OffsetDateTime) -> Self {
        let at = at.to_offset(BEIJING);
        DateTime(format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            at.year(),
            u8::from(at.month()),
            at.day(),
            at.hour(),
            at.minute(),
            at.second()
        ))
    }
}

impl DateTimeIso {
    const EXPECTED: &'static str = "RFC 3339";

    /// The point in time; the text must carry its offset (`Z` or `+08:00`).
    pub fn to_offset_date_time(&self) -> Result<OffsetDateTime, TimestampError> {
        if let Some(e) = self.unset_error() {
            return Err(e);
        }
        OffsetDateTime::parse(self.0.trim(), &Rfc3339).map_err(|_| self.invalid())
    }
}

impl From<OffsetDateTime> for DateTimeIso {
    fn from(at: OffsetDateTime) -> Self {
        DateTimeIso(at.format(&Rfc3339).unwrap_or_default())
    }
}

impl Date {
    const EXPECTED: &'static str = "`YYYY-MM-DD`";

    /// The calendar date.
    pub fn to_date(&self) -> Result<time::Date, TimestampError> {
        if let Some(e) = self.unset_error() {
            return Err(e);
        }
        parse_date(self.0.trim()).ok_or_else(|| self.invalid())
    }
}

impl From<time::Date> for Date {
    fn from(date: time::Date) -> Self {
        Date(format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        ))
    }
}

fn parse_date(text: &str) -> Option<time::Date> {
    let mut parts = text.split('-');
    let year: i32 = digits(parts.next()?, 4)?;
    let month: u8 = digits(parts.next()?, 2)?;
    let day: u8 = digits(parts.next()?, 2)?;
    if parts.next().is_some() {
        return None;
    }
    time::Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

fn parse_time(text: &str) -> Option<Time> {
    let mut parts = text.split(':');
    let hour: u8 = digits(parts.next()?, 2)?;
    let minute: u8 = digits(parts.next()?, 2)?;
    let second: u8 = digits(parts.next()?, 2)?;
    if parts.next().is_some() {
        return None;
    }
    Time::from_hms(hour, minute, second).ok()
}

fn digits<T: std::str::FromStr>(text: &str, len: usize) -> Option<T> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beijing_datetimes_convert_with_their_offset() {
        let at = DateTime::from("2023-12-18 20:55:27").to_offset_date_time().unwrap();
        assert_eq!(at.offset(), BEIJING);
        assert_eq!(at.unix_timestamp(), 1_702_904_127);
        assert_eq!(
            DateTime::from(at.to_offset(UtcOffset::UTC)).as_str(),
            "2023-12-18 20:55:27"
        );
    }

    #[test]
    fn what_the_api_really_sends_decodes_and_round_trips() {
        for text in ["", "0000-00-00 00:00:00", "2023-13-45 99:99:99", "yesterday"] {
            let json = serde_json::to_string(text).unwrap();
            let value: DateTime = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
            assert!(value.to_offset_date_time().is_err(), "{text}");
        }
        assert_eq!(DateTime::from("").to_offset_date_time(), Err(TimestampError::Empty));
        assert!(matches!(
            DateTime::from("0000-00-00 00:00:00").to_offset_date_time(),
            Err(TimestampError::Zero(_))
        ));
        assert!(DateTime::from("").is_unset() && !DateTime::from("2023-12-18 20:55:27").is_unset());
    }

    #[test]
    fn iso_and_dates() {
        let at = DateTimeIso::from("2020-09-22T00:00:00+08:00")
            .to_offset_date_time()
            .unwrap();
        assert_eq!(at.unix_timestamp(), 1_600_704_000);
        assert!(DateTimeIso::from("2020-09-22T00:00:00").to_offset_date_time().is_err());
        let date = Date::from("2024-02-29").to_date().unwrap();
        assert_eq!(Date::from(date).as_str(), "2024-02-29");
        assert!(Date::from("2023-02-29").to_date().is_err());
        assert!(matches!(
            Date::from("0000-00-00").to_date(),
            Err(TimestampError::Zero(_))
        ));
    }
}
