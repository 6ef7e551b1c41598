//! Encoding: [`Writer`] and the [`Encode`] impls of the values generated types hold. Encoding
//! into memory cannot fail.

use serde::Serialize;

/// JSON text being written.
#[derive(Default)]
pub struct Writer {
    buf: Vec<u8>,
    /// The first failure of a hand-written serde value ([`Writer::serde`]); generated types
    /// always encode.
    error: Option<EncodeError>,
}

/// Why a value could not be encoded: only hand-written serde values fail (a map with keys
/// that are not strings, a failing `Serialize`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EncodeError(String);

impl Writer {
    pub fn new() -> Self {
        Writer {
            buf: Vec::with_capacity(128),
            error: None,
        }
    }

    /// The text written, or the first failure.
    pub fn finish(self) -> Result<Vec<u8>, EncodeError> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.buf),
        }
    }

    /// A hand-written serde value; its first failure is kept for [`Writer::finish`].
    pub(crate) fn serde<T: Serialize + ?Sized>(&mut self, value: &T) {
        if let Err(e) = serde_json::to_writer(&mut self.buf, value) {
            self.error.get_or_insert(EncodeError(e.to_string()));
        }
    }

    /// A scalar through serde_json, for its exact formatting (escapes, floats); one
    /// instantiation per scalar type, here.
    fn json<T: Serialize + ?Sized>(&mut self, value: &T) {
        // Writing to a `Vec` does not fail, and these types always serialize.
        let _ = serde_json::to_writer(&mut self.buf, value);
    }

    /// A string, escaped.
    pub fn str(&mut self, value: &str) {
        self.json(value)
    }

    pub fn i64(&mut self, value: i64) {
        self.json(&value)
    }

    /// Starts an object; write its members and [`ObjectWriter::end`] it.
    pub fn object(&mut self) -> ObjectWriter<'_> {
        self.buf.push(b'{');
        ObjectWriter {
            writer: self,
            first: true,
        }
    }
}

/// An object being written: one call per member, and `end`.
pub struct ObjectWriter<'w> {
    writer: &'w mut Writer,
    first: bool,
}

impl ObjectWriter<'_> {
    /// Writes a member.
    #[inline]
    pub fn member<T: Encode + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.key(key);
        value.encode(self.writer);
    }

    /// Writes an optional member if it is set.
    #[inline]
    pub fn optional<T: Encode>(&mut self, key: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.member(key, value);
        }
    }

    fn key(&mut self, key: &str) {
        if !self.first {
            self.writer.buf.push(b',');
        }
        self.first = false;
        self.writer.str(key);
        self.writer.buf.push(b':');
    }

    pub fn end(self) {
        self.writer.buf.push(b'}');
    }
}

/// A value generated types hold.
pub trait Encode {
    fn encode(&self, w: &mut Writer);
}

macro_rules! encode_scalar {
    ($($ty:ty),*) => {$(
        impl Encode for $ty {
            fn encode(&self, w: &mut Writer) {
                w.json(self)
            }
        }
    )*};
}

encode_scalar!(i64, u64, f64, bool, str, String, serde_json::Value);

impl<T: Encode> Encode for [T] {
    fn encode(&self, w: &mut Writer) {
        w.buf.push(b'[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                w.buf.push(b',');
            }
            item.encode(w);
        }
        w.buf.push(b']');
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode(&self, w: &mut Writer) {
        self.as_slice().encode(w)
    }
}

impl<T: Encode + ?Sized> Encode for Box<T> {
    fn encode(&self, w: &mut Writer) {
        (**self).encode(w)
    }
}

impl<T: Encode + ?Sized> Encode for &T {
    fn encode(&self, w: &mut Writer) {
        (**self).encode(w)
    }
}

impl<T: Encode> Encode for Option<T> {
    fn encode(&self, w: &mut Writer) {
        match self {
            Some(value) => value.encode(w),
            None => w.buf.extend_from_slice(b"null"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::encode_vec;
    use super::*;

    struct Out {
        id: &'static str,
        count: Option<i64>,
        tags: Option<Vec<u64>>,
    }

    impl Encode for Out {
        fn encode(&self, w: &mut Writer) {
            let mut o = w.object();
            o.member("Id", self.id);
            o.optional("Count", &self.count);
            o.optional("Tags", &self.tags);
            o.end();
        }
    }

    #[test]
    fn objects_skip_unset_optional_members() {
        let out = Out {
            id: "j\"\n",
            count: None,
            tags: Some(vec![1, 2]),
        };
        assert_eq!(encode_vec(&out).unwrap(), br#"{"Id":"j\"\n","Tags":[1,2]}"#);
        let empty = Out {
            id: "",
            count: Some(-3),
            tags: None,
        };
        assert_eq!(encode_vec(&empty).unwrap(), br#"{"Id":"","Count":-3}"#);
    }

    #[test]
    fn scalars_are_written_as_serde_json_writes_them() {
        assert_eq!(encode_vec(&1.5f64).unwrap(), b"1.5");
        assert_eq!(encode_vec(&f64::NAN).unwrap(), b"null");
        assert_eq!(encode_vec(&u64::MAX).unwrap(), b"18446744073709551615");
        assert_eq!(
            encode_vec(&serde_json::json!({"a": [true]})).unwrap(),
            br#"{"a":[true]}"#
        );
    }
}
