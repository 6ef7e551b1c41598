//! `Serialize` and `Deserialize` of generated types (the service crates' `serde` feature),
//! through [`Encode`]/[`Decode`] and a `serde_json::Value`: any serde format works, each
//! impl is one call, and the per-type code stays non-generic. It costs a `Value` in between,
//! which calls never pay: they encode and decode directly.

use serde::{de, ser, Deserialize, Deserializer, Serialize, Serializer};

use super::{decode_str, encode_vec, Decode, DecodeError, Encode, Reader, Writer};

pub fn serialize<T: Encode + ?Sized, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let bytes = encode_vec(value).map_err(ser::Error::custom)?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(ser::Error::custom)?;
    value.serialize(serializer)
}

pub fn deserialize<'de, T: Decode, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    decode_str(&value.to_string()).map_err(de::Error::custom)
}

/// [`Encode`] of a hand-written serde type (see [`via_serde!`](crate::via_serde)).
pub fn encode_serde<T: Serialize + ?Sized>(value: &T, w: &mut Writer) {
    w.serde(value)
}

/// [`Decode`] of a hand-written serde type (see [`via_serde!`](crate::via_serde)): the next
/// value is taken whole and given to serde_json.
pub fn decode_serde<T: de::DeserializeOwned>(r: &mut Reader<'_>) -> Result<T, DecodeError> {
    let (raw, start) = r.raw_value()?;
    let mut de = serde_json::Deserializer::from_str(raw);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let error = DecodeError::new(e.inner().to_string(), start);
        if path == "." {
            error
        } else {
            error.in_member(&path)
        }
    })
}

/// Implements [`Encode`] and [`Decode`] through serde for hand-written types, so they can be
/// a call's input or output ([`Client::call`](crate::Client::call)), for an action no
/// generated crate has (`via_serde!(encode: T)` or `via_serde!(decode: T)` for one of them):
///
/// ```
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Echo {
///     #[serde(rename = "Seq")]
///     seq: u64,
/// }
/// tencentcloud_runtime::via_serde!(Echo);
/// let echo: Echo = tencentcloud_runtime::codec::decode_str(r#"{"Seq": 3}"#).unwrap();
/// assert_eq!(echo.seq, 3);
/// ```
#[macro_export]
macro_rules! via_serde {
    (encode: $($ty:ty),+ $(,)?) => {$(
        impl $crate::codec::Encode for $ty {
            fn encode(&self, w: &mut $crate::codec::Writer) {
                $crate::codec::encode_serde(self, w)
            }
        }
    )+};
    (decode: $($ty:ty),+ $(,)?) => {$(
        impl $crate::codec::Decode for $ty {
            fn decode(r: &mut $crate::codec::Reader<'_>) -> Result<Self, $crate::codec::DecodeError> {
                $crate::codec::decode_serde(r)
            }
        }
    )+};
    ($($ty:ty),+ $(,)?) => {
        $crate::via_serde!(encode: $($ty),+);
        $crate::via_serde!(decode: $($ty),+);
    };
}

/// Implements serde's `Serialize` and `Deserialize` through [`Encode`]/[`Decode`] (see
/// [`serialize`] and [`deserialize`]) for each type listed: what a generated service crate's
/// `serde` feature turns on, one invocation a file rather than two impls a type.
#[doc(hidden)]
#[macro_export]
macro_rules! serde_via_codec {
    ($($ty:ty),+ $(,)?) => {$(
        impl $crate::codec::__serde::Serialize for $ty {
            fn serialize<S: $crate::codec::__serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::codec::serialize(self, serializer)
            }
        }

        impl<'de> $crate::codec::__serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::codec::__serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::codec::deserialize(deserializer)
            }
        }
    )+};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Count(i64);

    impl Encode for Count {
        fn encode(&self, w: &mut crate::codec::Writer) {
            self.0.encode(w)
        }
    }

    impl Decode for Count {
        fn decode(r: &mut crate::codec::Reader<'_>) -> Result<Self, crate::codec::DecodeError> {
            i64::decode(r).map(Count)
        }
    }

    #[test]
    fn round_trips_through_any_serde_format() {
        let json = serialize(&Count(3), serde_json::value::Serializer).unwrap();
        assert_eq!(json, serde_json::json!(3));
        let back: Count = deserialize(serde_json::json!("4")).unwrap();
        assert_eq!(back, Count(4));
        assert!(deserialize::<Count, _>(serde_json::json!("x")).is_err());
    }

    crate::serde_via_codec!(Count);

    #[test]
    fn the_macro_gives_serde_impls_through_the_codec() {
        assert_eq!(serde_json::to_value(Count(5)).unwrap(), serde_json::json!(5));
        // The codec's leniency comes along: a number as text.
        assert_eq!(
            serde_json::from_value::<Count>(serde_json::json!("6")).unwrap(),
            Count(6)
        );
    }
}
