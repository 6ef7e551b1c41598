//! Decoding: [`Reader`] over a pull parser and the [`Decode`] impls of the values generated
//! types hold. Numbers, booleans and text are lenient, as the API is loose about quoting
//! (`"5"` for 5, 5 for `"5"`), and a one-item list stands in for a scalar (`[0]`).

use super::json::{Json, JsonError, Peek, Str};
use super::DecodeError;
use crate::shape::{record, Correction};

/// Objects and lists nested deeper than this fail to decode instead of exhausting the stack
/// (serde_json's limit too).
const MAX_DEPTH: u32 = 128;

/// A JSON text being decoded.
pub struct Reader<'j> {
    json: Json<'j>,
    depth: u32,
    /// A buffer per nesting level for keys that hold escapes (others are slices of the text),
    /// reused by every object at that level.
    keys: Vec<String>,
}

impl<'j> Reader<'j> {
    pub fn new(text: &'j str) -> Self {
        Reader {
            json: Json::new(text),
            depth: 0,
            keys: Vec::new(),
        }
    }

    /// Byte offset of the next value.
    pub fn offset(&self) -> usize {
        self.json.index()
    }

    fn fail(&self, message: impl Into<String>) -> DecodeError {
        DecodeError::new(message, self.offset())
    }

    /// What the next value is, without consuming it.
    #[inline]
    pub(crate) fn peek(&mut self) -> Result<Peek, DecodeError> {
        self.json.peek().map_err(json_error)
    }

    /// Fails if anything but whitespace follows the value.
    pub fn finish(&mut self) -> Result<(), DecodeError> {
        self.json.finish().map_err(json_error)
    }

    /// Skips the next value, whatever it is.
    pub fn skip(&mut self) -> Result<(), DecodeError> {
        self.json.skip().map_err(json_error)
    }

    /// The text of the next value, whole, and its offset.
    pub(crate) fn raw_value(&mut self) -> Result<(&'j str, usize), DecodeError> {
        // `peek` moves past whitespace, to where the value starts. Depth is bounded by the
        // parser's own limit while skipping.
        self.peek()?;
        let start = self.offset();
        self.skip()?;
        let raw = self.json.slice_from(start).map_err(json_error)?;
        Ok((raw, start))
    }

    fn enter(&mut self) -> Result<(), DecodeError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.fail(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Decodes an object: `field` is called with each key, positioned at its value, and must
    /// consume it. A key is a slice of the text, or, when it holds escapes, copied into a buffer
    /// of this nesting level, so `field` may use the reader while it reads the key.
    pub(crate) fn object(
        &mut self,
        name: &str,
        field: &mut dyn FnMut(&str, &mut Reader<'j>) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        let peek = self.peek()?;
        if peek != Peek::Object {
            return Err(self.fail(format!("expected a {name} object, found {}", kind(peek))));
        }
        self.enter()?;
        let level = self.depth as usize;
        if self.keys.len() < level {
            self.keys.resize_with(level, String::new);
        }
        let mut buffer = std::mem::take(&mut self.keys[level - 1]);
        let mut next = self.json.known_object().map_err(json_error)?;
        while let Some(key) = next {
            let key = match key {
                Str::Text(text) => text,
                Str::Scratch => {
                    buffer.clear();
                    buffer.push_str(self.json.scratch());
                    &buffer
                }
            };
            field(key, self).map_err(|e| e.in_member(key))?;
            next = self.json.next_key().map_err(json_error)?;
        }
        self.keys[level - 1] = buffer;
        self.leave();
        Ok(())
    }

    /// Decodes a list, calling `item` positioned at each item. Not generic: what is generic
    /// per item type (see [`ItemSink`]) is kept small, as every list type of every service
    /// instantiates it.
    fn list(&mut self, item: &mut dyn ItemSink<'j>) -> Result<(), DecodeError> {
        let peek = self.peek()?;
        if peek != Peek::Array {
            return Err(self.fail(format!("expected a list, found {}", kind(peek))));
        }
        self.enter()?;
        let mut next = self.json.known_array().map_err(json_error)?;
        let mut index = 0;
        while let Some(peek) = next {
            let outcome = if peek == Peek::Null {
                self.skip().and_then(|()| item.null(self))
            } else {
                item.item(self)
            };
            outcome.map_err(|e| e.at_index(index))?;
            index += 1;
            next = self.json.array_step().map_err(json_error)?;
        }
        self.leave();
        Ok(())
    }

    /// Whether the next value is `null`, consumed if so.
    #[inline]
    fn null(&mut self) -> Result<bool, DecodeError> {
        if self.peek()? == Peek::Null {
            self.json.known_null().map_err(json_error)?;
            return Ok(true);
        }
        Ok(false)
    }

    // What a generated `Shape::field` arm calls: one call per member and no `?` in generated
    // code, which keeps each shape cheap to compile.

    /// Decodes an optional member: `null` is `None`.
    #[inline]
    // Generic per member type and so instantiated for every one: written with `match`, as
    // `?` and combinators are each a generic instantiation of their own in a debug build.
    pub fn optional<T: Decode>(&mut self, member: &mut Option<T>) -> Result<Option<usize>, DecodeError> {
        match self.null() {
            Ok(true) => *member = None,
            Ok(false) => match T::decode(self) {
                Ok(value) => *member = Some(value),
                Err(e) => return Err(e),
            },
            Err(e) => return Err(e),
        }
        Ok(None)
    }

    /// Decodes a required member and reports its index among the shape's required members;
    /// `null` counts as missing.
    #[inline]
    pub fn required<T: Decode>(&mut self, member: &mut T, index: usize) -> Result<Option<usize>, DecodeError> {
        match self.null() {
            Ok(true) => Ok(None),
            Ok(false) => match T::decode(self) {
                Ok(value) => {
                    *member = value;
                    Ok(Some(index))
                }
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    /// Skips the value of a key the shape does not know.
    #[inline]
    pub fn unknown(&mut self) -> Result<Option<usize>, DecodeError> {
        self.skip()?;
        Ok(None)
    }

    /// The next value as text: a string as it is, a number as written, a boolean as `true` or
    /// `false`. For text members and string value sets.
    pub fn text(&mut self) -> Result<String, DecodeError> {
        let peek = self.peek()?;
        match peek {
            Peek::String => self.json.known_str().map(str::to_owned).map_err(json_error),
            Peek::True | Peek::False => Ok(self.json.known_bool(peek).map_err(json_error)?.to_string()),
            Peek::Array => self.list_for_scalar(Self::text),
            Peek::Number => Ok(self.json.known_number().map_err(json_error)?.to_owned()),
            p => Err(self.fail(format!("expected a string, found {}", kind(p)))),
        }
    }

    /// A scalar of type `T` from a number, a string holding one, a boolean, or a one-item list.
    fn scalar<T: Scalar>(&mut self) -> Result<T, DecodeError> {
        let peek = self.peek()?;
        let start = self.offset();
        let value = match peek {
            Peek::String => {
                let text = self.json.known_str().map_err(json_error)?;
                T::parse(text).ok_or_else(|| invalid::<T>(&format!("string {text:?}"), start))
            }
            Peek::True | Peek::False => {
                let v = self.json.known_bool(peek).map_err(json_error)?;
                T::from_bool(v).ok_or_else(|| invalid::<T>(&format!("boolean `{v}`"), start))
            }
            Peek::Array => self.list_for_scalar(Self::scalar::<T>),
            Peek::Number => {
                let text = self.json.known_number().map_err(json_error)?;
                T::from_number(text).ok_or_else(|| invalid::<T>(&format!("number {text}"), start))
            }
            p => Err(DecodeError::new(
                format!("invalid type: {}, expected {}", kind(p), T::EXPECTING),
                start,
            )),
        }?;
        Ok(value)
    }

    /// `[x]` for `x`: taken, and recorded as a [`Correction::ListForScalar`].
    fn list_for_scalar<T>(&mut self, decode: fn(&mut Self) -> Result<T, DecodeError>) -> Result<T, DecodeError> {
        struct One<'j, T> {
            decode: fn(&mut Reader<'j>) -> Result<T, DecodeError>,
            value: Option<T>,
            items: usize,
        }
        impl<'j, T> ItemSink<'j> for One<'j, T> {
            fn item(&mut self, r: &mut Reader<'j>) -> Result<(), DecodeError> {
                self.items += 1;
                if self.items > 1 {
                    return Err(r.fail("expected a single value, found a list of several"));
                }
                self.value = Some((self.decode)(r)?);
                Ok(())
            }
            fn null(&mut self, r: &mut Reader<'j>) -> Result<(), DecodeError> {
                Err(r.fail("expected a value, found null"))
            }
        }
        let mut one = One {
            decode,
            value: None,
            items: 0,
        };
        self.list(&mut one)?;
        let value = one
            .value
            .ok_or_else(|| self.fail("expected a single value, found an empty list"))?;
        record(Correction::ListForScalar);
        Ok(value)
    }
}

/// What a list's items are decoded into.
trait ItemSink<'j> {
    /// Decodes the item the reader is at.
    fn item(&mut self, r: &mut Reader<'j>) -> Result<(), DecodeError>;
    /// A `null` item (already consumed).
    fn null(&mut self, r: &mut Reader<'j>) -> Result<(), DecodeError>;
}

impl<'j, T: Decode> ItemSink<'j> for Vec<T> {
    fn item(&mut self, r: &mut Reader<'j>) -> Result<(), DecodeError> {
        match T::decode(r) {
            Ok(item) => {
                self.push(item);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
    fn null(&mut self, r: &mut Reader<'j>) -> Result<(), DecodeError> {
        match T::null_item() {
            Some(item) => {
                self.push(item);
                Ok(())
            }
            None => Err(r.fail("expected a value, found null")),
        }
    }
}

#[cold]
#[inline(never)]
fn json_error(e: JsonError) -> DecodeError {
    DecodeError::new(e.message, e.index)
}

fn kind(peek: Peek) -> &'static str {
    match peek {
        Peek::Null => "null",
        Peek::True | Peek::False => "a boolean",
        Peek::String => "a string",
        Peek::Array => "a list",
        Peek::Object => "an object",
        Peek::Number => "a number",
    }
}

fn invalid<T: Scalar>(found: &str, offset: usize) -> DecodeError {
    DecodeError::new(format!("invalid value: {found}, expected {}", T::EXPECTING), offset)
}

/// A value generated types hold.
pub trait Decode: Sized {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError>;

    /// What a `null` item of a list of these stands for: for numbers, booleans and text, the
    /// empty value (recorded as a [`Correction::NullItem`]); others fail.
    fn null_item() -> Option<Self> {
        None
    }
}

/// Numbers and booleans, from their own JSON type or from text.
trait Scalar: Sized + Default {
    const EXPECTING: &'static str;
    fn from_number(text: &str) -> Option<Self>;
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
    fn parse(text: &str) -> Option<Self>;
}

/// An integer written with a fraction or exponent (`3.0`, `1e3`) is taken when it is whole.
fn whole(text: &str) -> Option<f64> {
    let v: f64 = text.trim().parse().ok()?;
    (v.fract() == 0.0).then_some(v)
}

impl Scalar for i64 {
    const EXPECTING: &'static str = "an integer (or a string holding one)";
    fn from_number(text: &str) -> Option<Self> {
        text.parse().ok().or_else(|| {
            whole(text)
                .filter(|v| *v >= i64::MIN as f64 && *v <= i64::MAX as f64)
                .map(|v| v as i64)
        })
    }
    fn parse(text: &str) -> Option<Self> {
        Self::from_number(text.trim())
    }
}

impl Scalar for u64 {
    const EXPECTING: &'static str = "a non-negative integer (or a string holding one)";
    fn from_number(text: &str) -> Option<Self> {
        text.parse().ok().or_else(|| {
            whole(text)
                .filter(|v| *v >= 0.0 && *v <= u64::MAX as f64)
                .map(|v| v as u64)
        })
    }
    fn parse(text: &str) -> Option<Self> {
        Self::from_number(text.trim())
    }
}

impl Scalar for f64 {
    const EXPECTING: &'static str = "a number (or a string holding one)";
    fn from_number(text: &str) -> Option<Self> {
        text.parse().ok()
    }
    fn parse(text: &str) -> Option<Self> {
        text.trim().parse().ok()
    }
}

impl Scalar for bool {
    const EXPECTING: &'static str = "a boolean (or a string `true`/`false`)";
    fn from_number(_: &str) -> Option<Self> {
        None
    }
    fn from_bool(v: bool) -> Option<Self> {
        Some(v)
    }
    fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

macro_rules! decode_scalar {
    ($($ty:ty),*) => {$(
        impl Decode for $ty {
            fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
                r.scalar()
            }
            fn null_item() -> Option<Self> {
                record(Correction::NullItem);
                Some(Self::default())
            }
        }
    )*};
}

decode_scalar!(i64, u64, f64, bool);

/// Text: numbers and booleans are taken as their text (`5` -> `"5"`), the most common
/// looseness (a string member sent as a number).
impl Decode for String {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.text()
    }
    fn null_item() -> Option<Self> {
        record(Correction::NullItem);
        Some(String::new())
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let mut items = Vec::new();
        match r.list(&mut items) {
            Ok(()) => Ok(items),
            Err(e) => Err(e),
        }
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let mut value = None;
        r.optional(&mut value)?;
        Ok(value)
    }
}

impl<T: Decode> Decode for Box<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match T::decode(r) {
            Ok(value) => Ok(Box::new(value)),
            Err(e) => Err(e),
        }
    }
}

/// Any JSON, through serde_json (members the definitions leave untyped).
impl Decode for serde_json::Value {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let (raw, start) = r.raw_value()?;
        serde_json::from_str(raw).map_err(|e| DecodeError::new(e.to_string(), start))
    }
}

#[cfg(test)]
mod tests {
    use super::super::decode_str;
    use super::*;

    #[test]
    fn scalars_are_lenient() {
        assert_eq!(decode_str::<i64>(r#""7""#).unwrap(), 7);
        assert_eq!(decode_str::<i64>("3.0").unwrap(), 3);
        assert_eq!(decode_str::<u64>("18446744073709551615").unwrap(), u64::MAX);
        assert!(decode_str::<bool>(r#""true""#).unwrap());
        assert_eq!(decode_str::<String>("5").unwrap(), "5");
        assert_eq!(decode_str::<String>("1.50").unwrap(), "1.50");
        assert_eq!(decode_str::<String>("false").unwrap(), "false");
        assert_eq!(decode_str::<f64>(r#"" 2.5 ""#).unwrap(), 2.5);
        let err = decode_str::<i64>(r#""seven""#).unwrap_err();
        assert!(err.to_string().contains("an integer"), "{err}");
        assert!(decode_str::<i64>("1.5").is_err());
        assert!(decode_str::<u64>("-1").is_err());
        assert!(decode_str::<bool>("1").is_err());
        assert!(decode_str::<String>("{}").is_err());
    }

    #[test]
    fn lists_hold_lenient_items_and_name_the_failing_index() {
        assert_eq!(decode_str::<Vec<u64>>(r#"[1, "2", 3.0]"#).unwrap(), [1, 2, 3]);
        let err = decode_str::<Vec<i64>>(r#"[1, "x"]"#).unwrap_err();
        assert_eq!(err.path(), "[1]");
        assert!(decode_str::<Vec<i64>>("{}").is_err());
    }

    #[test]
    fn one_item_lists_and_null_items_are_corrected_and_recorded() {
        crate::shape::take_corrections();
        assert_eq!(decode_str::<u64>("[0]").unwrap(), 0);
        assert_eq!(crate::shape::take_corrections(), [Correction::ListForScalar]);
        assert!(decode_str::<u64>("[0, 1]").is_err());
        assert!(decode_str::<u64>("[]").is_err());
        assert_eq!(decode_str::<Vec<String>>(r#"["a", null, 3]"#).unwrap(), ["a", "", "3"]);
        assert_eq!(crate::shape::take_corrections(), [Correction::NullItem]);
    }

    #[test]
    fn json_values_are_taken_whole() {
        let v: serde_json::Value = decode_str(r#" {"a": [1, {"b": null}], "c": "\u00e9"} "#).unwrap();
        assert_eq!(v, serde_json::json!({"a": [1, {"b": null}], "c": "é"}));
        assert_eq!(
            decode_str::<serde_json::Value>("null").unwrap(),
            serde_json::Value::Null
        );
        assert_eq!(decode_str::<Option<serde_json::Value>>("null").unwrap(), None);
    }

    #[test]
    fn deep_nesting_fails_cleanly() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(decode_str::<Vec<Vec<serde_json::Value>>>(&deep).is_err());
        assert!(decode_str::<serde_json::Value>(&deep).is_err());
    }

    #[test]
    fn trailing_content_and_broken_json_fail() {
        assert!(decode_str::<i64>("1 2").is_err());
        assert!(decode_str::<String>(r#""abc"#).is_err());
        assert!(decode_str::<Vec<i64>>("[1,").is_err());
    }
}
