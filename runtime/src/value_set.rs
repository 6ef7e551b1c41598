//! Serde for generated value-set enums: the enums keep the exact wire value, listed or not, so
//! decoding never fails because the service sent a value this SDK does not list.
//! Generated code only; not for use by hand.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

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

/// Decodes an integer value set; a string holding an integer is accepted too.
#[inline]
pub fn deserialize_int<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: From<i64>,
{
    let value: crate::shape::Lenient<i64> = serde::Deserialize::deserialize(deserializer)?;
    Ok(T::from(value.0))
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
        let de = |json: &str| deserialize_int::<_, Num>(&mut serde_json::Deserializer::from_str(json));
        assert_eq!(de("201").unwrap(), Num(201));
        assert_eq!(de(r#""-3""#).unwrap(), Num(-3));
        assert!(de(r#""x""#).is_err());
    }
}
