//! Decoding of generated value-set enums: the enums keep the exact wire value, listed or not,
//! so decoding never fails because the service sent a value this SDK does not list.
//! Generated code only; not for use by hand.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

use crate::codec::{Decode, DecodeError, Reader};

/// Decodes a string value set. Numbers and booleans are taken as their text (`5` -> `"5"`),
/// as the API is loose about quoting.
#[inline]
pub fn deserialize_str<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    deserializer.deserialize_any(StrVisitor(PhantomData))
}

struct StrVisitor<T>(PhantomData<T>);

impl<T: for<'a> From<&'a str>> Visitor<'_> for StrVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok(T::from(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Ok(T::from(&v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Ok(T::from(&v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        Ok(T::from(&v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        Ok(T::from(if v { "true" } else { "false" }))
    }
}

/// Decodes a string value set (numbers and booleans taken as their text).
#[inline]
pub fn decode_str<T: for<'a> From<&'a str>>(r: &mut Reader<'_>) -> Result<T, DecodeError> {
    match r.text() {
        Ok(text) => Ok(T::from(&text)),
        Err(e) => Err(e),
    }
}

/// Decodes an integer value set; a string holding an integer is accepted too.
#[inline]
pub fn decode_int<T: From<i64>>(r: &mut Reader<'_>) -> Result<T, DecodeError> {
    match i64::decode(r) {
        Ok(value) => Ok(T::from(value)),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Wire(String);
    impl From<&str> for Wire {
        fn from(s: &str) -> Self {
            Wire(s.to_owned())
        }
    }

    #[derive(Debug, PartialEq)]
    struct Num(i64);
    impl From<i64> for Num {
        fn from(v: i64) -> Self {
            Num(v)
        }
    }

    #[test]
    fn strings_keep_any_value_and_accept_scalars() {
        let de = |json: &str| deserialize_str::<_, Wire>(&mut serde_json::Deserializer::from_str(json));
        assert_eq!(de(r#""Running""#).unwrap(), Wire("Running".into()));
        assert_eq!(de(r#""never listed""#).unwrap(), Wire("never listed".into()));
        assert_eq!(de("201").unwrap(), Wire("201".into()));
        assert_eq!(de("true").unwrap(), Wire("true".into()));
        assert!(de("[1]").is_err());
    }

    #[test]
    fn integers_accept_strings() {
        let de = |json: &str| decode_int::<Num>(&mut Reader::new(json));
        assert_eq!(de("201").unwrap(), Num(201));
        assert_eq!(de(r#""-3""#).unwrap(), Num(-3));
        assert!(de(r#""x""#).is_err());
        let text = |json: &str| decode_str::<Wire>(&mut Reader::new(json));
        assert_eq!(text(r#""never listed""#).unwrap(), Wire("never listed".into()));
        assert_eq!(text("201").unwrap(), Wire("201".into()));
    }
}
