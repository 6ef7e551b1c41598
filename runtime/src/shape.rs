//! Serde plumbing shared by every generated shape.
//!
//! `#[derive(Deserialize)]` expands to a field enum, a visitor and a sequence path per struct;
//! over ~2,000 shapes that expansion is most of the generated crate's compile time. Instead,
//! each generated shape implements [`Shape`] (a `match` on the wire key) and one visitor here
//! drives them all. Generated code only; not for use by hand.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// A generated structure.
#[doc(hidden)]
pub trait Shape: Sized {
    /// The Rust type name, for error messages.
    const NAME: &'static str;
    /// Wire names of the members that must be present; [`Shape::field`] reports them by index.
    const REQUIRED: &'static [&'static str];
    /// What a required member that is missing (or `null`) means: for a shape the service
    /// sends, the service left it out, and the member keeps its empty value (recorded, see
    /// [`take_corrections`]); for one a caller sends, the value is invalid.
    const CORRECT_MISSING: bool = false;

    /// A value with every member empty, filled in as keys arrive.
    fn empty() -> Self;

    /// Decodes the value of `key` into its member, skipping keys it does not know. Returns the
    /// member's index in [`Shape::REQUIRED`] if it is required.
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<Option<usize>, A::Error>;
}

/// Required members a shape tracks without allocating; more are tracked on the heap.
const INLINE_REQUIRED: usize = 256;

/// What a decode corrected rather than failed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Correction {
    /// A required member was missing or `null`; it keeps its empty value.
    MissingMember { shape: &'static str, member: &'static str },
    /// A list of numbers, booleans or text held `null`; the item is the empty value.
    NullItem,
    /// A number, boolean or text came as a one-item list (`[0]`); the item is the value.
    ListForScalar,
}

thread_local! {
    /// Corrections made during the decode running on this thread. Decoding is synchronous,
    /// so the decode that reads them back ([`take_corrections`]) is the one that wrote them.
    static CORRECTIONS: RefCell<Vec<Correction>> = const { RefCell::new(Vec::new()) };
}

fn record(correction: Correction) {
    CORRECTIONS.with(|c| c.borrow_mut().push(correction));
}

/// The corrections made since the last call, leaving none.
pub fn take_corrections() -> Vec<Correction> {
    CORRECTIONS.with(|c| std::mem::take(&mut *c.borrow_mut()))
}

/// `Deserialize::deserialize` of every generated shape.
pub fn deserialize<'de, T: Shape, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ShapeVisitor::<T>(PhantomData))
}

struct ShapeVisitor<T>(PhantomData<T>);

impl<'de, T: Shape> Visitor<'de> for ShapeVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::empty();
        let mut inline = [0u64; INLINE_REQUIRED / 64];
        let mut heap = Vec::new();
        let seen: &mut [u64] = if T::REQUIRED.len() <= INLINE_REQUIRED {
            &mut inline
        } else {
            heap.resize(T::REQUIRED.len().div_ceil(64), 0);
            &mut heap
        };
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            if let Some(i) = value.field(&key, &mut map)? {
                if let Some(word) = seen.get_mut(i / 64) {
                    *word |= 1 << (i % 64);
                }
            }
        }
        for (i, name) in T::REQUIRED.iter().enumerate() {
            if seen.get(i / 64).is_none_or(|word| word & (1 << (i % 64)) == 0) {
                if !T::CORRECT_MISSING {
                    return Err(de::Error::missing_field(name));
                }
                record(Correction::MissingMember {
                    shape: T::NAME,
                    member: name,
                });
            }
        }
        Ok(value)
    }
}

// What a generated `Shape::field` arm calls: one call per member and no `?` in generated
// code, which keeps each shape cheap to type-check and borrow-check.

/// Decodes a member's value.
#[inline]
pub fn set<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    member: &mut T,
    map: &mut A,
) -> Result<Option<usize>, A::Error> {
    *member = map.next_value()?;
    Ok(None)
}

/// Decodes a required member's value and reports its index in [`Shape::REQUIRED`]; `null`
/// counts as missing.
#[inline]
pub fn set_required<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    member: &mut T,
    map: &mut A,
    index: usize,
) -> Result<Option<usize>, A::Error> {
    match map.next_value::<Option<T>>()? {
        Some(value) => {
            *member = value;
            Ok(Some(index))
        }
        None => Ok(None),
    }
}

/// Decodes a number or boolean member that may arrive as a string (see [`Lenient`]).
#[inline]
pub fn set_lenient<'de, T, A: MapAccess<'de>>(member: &mut T, map: &mut A) -> Result<Option<usize>, A::Error>
where
    Lenient<T>: Deserialize<'de>,
{
    *member = map.next_value::<Lenient<T>>()?.0;
    Ok(None)
}

/// [`set_lenient`] for a required member; `null` counts as missing.
#[inline]
pub fn set_lenient_required<'de, T, A: MapAccess<'de>>(
    member: &mut T,
    map: &mut A,
    index: usize,
) -> Result<Option<usize>, A::Error>
where
    Lenient<Option<T>>: Deserialize<'de>,
{
    match map.next_value::<Lenient<Option<T>>>()?.0 {
        Some(value) => {
            *member = value;
            Ok(Some(index))
        }
        None => Ok(None),
    }
}

/// Skips the value of a key the shape does not know.
#[inline]
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<usize>, A::Error> {
    map.next_value::<de::IgnoredAny>()?;
    Ok(None)
}

/// `Serialize` of every generated shape: a map of its members, skipping unset optional ones.
/// One statement per member without `?` (the first error is kept and returned by `end`), so a
/// shape's body is flat however many members it has: no deep expression for the compiler or
/// the printer to recurse through.
pub struct MapWriter<S: Serializer> {
    state: Result<S::SerializeMap, S::Error>,
}

impl<S: Serializer> MapWriter<S> {
    #[inline]
    pub fn new(serializer: S) -> Self {
        MapWriter {
            state: serializer.serialize_map(None),
        }
    }

    /// Writes a member.
    #[inline]
    pub fn member<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if let Ok(map) = &mut self.state {
            if let Err(e) = map.serialize_entry(key, value) {
                self.state = Err(e);
            }
        }
    }

    /// Writes an optional member if it is set.
    #[inline]
    pub fn optional<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.member(key, value);
        }
    }

    #[inline]
    pub fn end(self) -> Result<S::Ok, S::Error> {
        self.state?.end()
    }
}

/// An object key, borrowed from the input when the format allows.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A number or boolean that the API sometimes sends as a string (`"5"`, `"true"`): accepted
/// either way, so such a response decodes instead of failing; re-encoded as the typed value.
pub struct Lenient<T>(pub T);

/// Scalars [`Lenient`] accepts from a string too.
pub trait LenientScalar: Sized {
    const EXPECTING: &'static str;
    fn from_i64(v: i64) -> Option<Self>;
    fn from_u64(v: u64) -> Option<Self>;
    fn from_f64(v: f64) -> Option<Self>;
    fn from_bool(v: bool) -> Option<Self>;
    fn parse(s: &str) -> Option<Self>;
}

impl LenientScalar for i64 {
    const EXPECTING: &'static str = "an integer (or a string holding one)";
    fn from_i64(v: i64) -> Option<Self> {
        Some(v)
    }
    fn from_u64(v: u64) -> Option<Self> {
        i64::try_from(v).ok()
    }
    fn from_f64(v: f64) -> Option<Self> {
        // 3.0 is an integer written as a float; 3.5 is not.
        (v.fract() == 0.0 && v >= i64::MIN as f64 && v <= i64::MAX as f64).then_some(v as i64)
    }
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
    fn parse(s: &str) -> Option<Self> {
        s.trim().parse().ok()
    }
}

impl LenientScalar for u64 {
    const EXPECTING: &'static str = "a non-negative integer (or a string holding one)";
    fn from_i64(v: i64) -> Option<Self> {
        u64::try_from(v).ok()
    }
    fn from_u64(v: u64) -> Option<Self> {
        Some(v)
    }
    fn from_f64(v: f64) -> Option<Self> {
        (v.fract() == 0.0 && v >= 0.0 && v <= u64::MAX as f64).then_some(v as u64)
    }
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
    fn parse(s: &str) -> Option<Self> {
        s.trim().parse().ok()
    }
}

impl LenientScalar for f64 {
    const EXPECTING: &'static str = "a number (or a string holding one)";
    fn from_i64(v: i64) -> Option<Self> {
        Some(v as f64)
    }
    fn from_u64(v: u64) -> Option<Self> {
        Some(v as f64)
    }
    fn from_f64(v: f64) -> Option<Self> {
        Some(v)
    }
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
    fn parse(s: &str) -> Option<Self> {
        s.trim().parse().ok()
    }
}

/// Text: numbers and booleans are taken as their text (`5` -> `"5"`), the most common
/// looseness (a string member sent as a number).
impl LenientScalar for String {
    const EXPECTING: &'static str = "a string (or a number or boolean)";
    fn from_i64(v: i64) -> Option<Self> {
        Some(v.to_string())
    }
    fn from_u64(v: u64) -> Option<Self> {
        Some(v.to_string())
    }
    fn from_f64(v: f64) -> Option<Self> {
        Some(v.to_string())
    }
    fn from_bool(v: bool) -> Option<Self> {
        Some(v.to_string())
    }
    fn parse(s: &str) -> Option<Self> {
        Some(s.to_owned())
    }
}

impl LenientScalar for bool {
    const EXPECTING: &'static str = "a boolean (or a string `true`/`false`)";
    fn from_i64(_: i64) -> Option<Self> {
        None
    }
    fn from_u64(_: u64) -> Option<Self> {
        None
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn from_bool(v: bool) -> Option<Self> {
        Some(v)
    }
    fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

struct LenientVisitor<T>(PhantomData<T>);

impl<'de, T: LenientScalar> Visitor<'de> for LenientVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::from_i64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Signed(v), &self))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::from_u64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        T::from_f64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        T::from_bool(v).ok_or_else(|| E::invalid_type(de::Unexpected::Bool(v), &self))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
    /// `[0]` for `0`: taken, and recorded as a [`Correction::ListForScalar`].
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
        let Some(Lenient(value)) = seq.next_element::<Lenient<T>>()? else {
            return Err(de::Error::invalid_length(0, &self));
        };
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(2, &self));
        }
        record(Correction::ListForScalar);
        Ok(value)
    }
}

impl<'de, T: LenientScalar> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LenientVisitor(PhantomData)).map(Lenient)
    }
}

impl<'de, T: LenientScalar> Deserialize<'de> for Lenient<Option<T>> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<Lenient<T>>::deserialize(deserializer).map(|v| Lenient(v.map(|l| l.0)))
    }
}

/// A list of such scalars: each item accepted either way (`[1, "2"]`); a `null` item is the
/// empty value (recorded as a [`Correction::NullItem`]).
impl<'de, T: LenientScalar + Default> Deserialize<'de> for Lenient<Vec<T>> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items = Vec::<Lenient<Option<T>>>::deserialize(deserializer)?;
        Ok(Lenient(
            items
                .into_iter()
                .map(|item| {
                    item.0.unwrap_or_else(|| {
                        record(Correction::NullItem);
                        T::default()
                    })
                })
                .collect(),
        ))
    }
}

impl<'de, T: LenientScalar + Default> Deserialize<'de> for Lenient<Option<Vec<T>>> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<Lenient<Vec<T>>>::deserialize(deserializer).map(|v| Lenient(v.map(|l| l.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Job {
        id: String,
        count: Option<i64>,
        ok: bool,
    }

    impl Shape for Job {
        const NAME: &'static str = "Job";
        const REQUIRED: &'static [&'static str] = &["Id", "Ok"];
        fn empty() -> Self {
            Job {
                id: String::new(),
                count: None,
                ok: false,
            }
        }
        fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<Option<usize>, A::Error> {
            match key {
                "Id" => set_required(&mut self.id, map, 0),
                "Count" => set_lenient(&mut self.count, map),
                "Ok" => set_lenient_required(&mut self.ok, map, 1),
                _ => skip(map),
            }
        }
    }

    impl<'de> Deserialize<'de> for Job {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize(d)
        }
    }

    #[test]
    fn decodes_known_keys_and_skips_unknown_ones() {
        let job: Job = serde_json::from_str(r#"{"Extra": {"a": [1]}, "Id": "j", "Count": "7", "Ok": "true"}"#).unwrap();
        assert_eq!(
            job,
            Job {
                id: "j".into(),
                count: Some(7),
                ok: true
            }
        );
        let job: Job = serde_json::from_str(r#"{"Id": "j", "Count": null, "Ok": false}"#).unwrap();
        assert_eq!(job.count, None);
    }

    #[test]
    fn map_writer_writes_members_and_skips_unset_optional_ones() {
        struct Out {
            id: &'static str,
            count: Option<i64>,
            tags: Option<Vec<u8>>,
        }
        impl Serialize for Out {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = MapWriter::new(serializer);
                map.member("Id", self.id);
                map.optional("Count", &self.count);
                map.optional("Tags", &self.tags);
                map.end()
            }
        }
        let out = Out {
            id: "j",
            count: None,
            tags: Some(vec![1]),
        };
        assert_eq!(serde_json::to_string(&out).unwrap(), r#"{"Id":"j","Tags":[1]}"#);
    }

    #[test]
    fn map_writer_stops_at_the_first_error() {
        struct Bad;
        impl Serialize for Bad {
            fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("refused"))
            }
        }
        struct Out;
        impl Serialize for Out {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = MapWriter::new(serializer);
                map.member("A", &Bad);
                map.member("B", &1);
                map.end()
            }
        }
        let err = serde_json::to_string(&Out).unwrap_err();
        assert!(err.to_string().contains("refused"), "{err}");
    }

    #[test]
    fn lenient_lists_accept_numbers_sent_as_strings() {
        let ids: Lenient<Option<Vec<u64>>> = serde_json::from_str(r#"[1, "2", 3.0]"#).unwrap();
        assert_eq!(ids.0, Some(vec![1, 2, 3]));
        let none: Lenient<Option<Vec<u64>>> = serde_json::from_str("null").unwrap();
        assert_eq!(none.0, None);
        let flags: Lenient<Vec<bool>> = serde_json::from_str(r#"["true", false]"#).unwrap();
        assert_eq!(flags.0, vec![true, false]);
        let Err(err) = serde_json::from_str::<Lenient<Vec<i64>>>(r#"[1, "x"]"#) else {
            panic!("`x` decoded as an integer");
        };
        assert!(err.to_string().contains("an integer"), "{err}");
    }

    #[test]
    fn missing_required_member_is_named() {
        let err = serde_json::from_str::<Job>(r#"{"Count": 1}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `Id`"), "{err}");
        let err = serde_json::from_str::<Job>(r#"{"Id": null, "Ok": true}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `Id`"), "{err}");
    }

    #[derive(Debug, PartialEq)]
    struct Reply {
        id: String,
        size: u64,
    }

    impl Shape for Reply {
        const NAME: &'static str = "Reply";
        const REQUIRED: &'static [&'static str] = &["Id", "Size"];
        const CORRECT_MISSING: bool = true;
        fn empty() -> Self {
            Reply {
                id: String::new(),
                size: 0,
            }
        }
        fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<Option<usize>, A::Error> {
            match key {
                "Id" => set_lenient_required(&mut self.id, map, 0),
                "Size" => set_lenient_required(&mut self.size, map, 1),
                _ => skip(map),
            }
        }
    }

    impl<'de> Deserialize<'de> for Reply {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize(d)
        }
    }

    #[test]
    fn missing_required_members_of_responses_are_corrected_and_recorded() {
        take_corrections();
        let reply: Reply = serde_json::from_str(r#"{"Id": 42, "Size": null}"#).unwrap();
        assert_eq!(
            reply,
            Reply {
                id: "42".into(),
                size: 0
            }
        );
        let missing = |member| Correction::MissingMember { shape: "Reply", member };
        assert_eq!(take_corrections(), [missing("Size")]);
        assert!(take_corrections().is_empty());
        let replies: Vec<Reply> = serde_json::from_str(r#"[{}, {"Id": "a", "Size": "3"}]"#).unwrap();
        assert_eq!(
            replies[1],
            Reply {
                id: "a".into(),
                size: 3
            }
        );
        assert_eq!(take_corrections(), [missing("Id"), missing("Size")]);
        let values: Lenient<Vec<String>> = serde_json::from_str(r#"["a", null, 3]"#).unwrap();
        assert_eq!(values.0, ["a", "", "3"]);
        assert_eq!(take_corrections(), [Correction::NullItem]);
        let count: Lenient<u64> = serde_json::from_str("[0]").unwrap();
        assert_eq!(count.0, 0);
        assert_eq!(take_corrections(), [Correction::ListForScalar]);
        assert!(serde_json::from_str::<Lenient<u64>>("[0, 1]").is_err());
        assert!(serde_json::from_str::<Lenient<u64>>("[]").is_err());
    }

    #[test]
    fn shapes_with_many_required_members_are_tracked() {
        struct Wide(usize);
        const NAMES: [&str; 300] = {
            let mut names = [""; 300];
            let mut i = 0;
            while i < 300 {
                names[i] = "M";
                i += 1;
            }
            names
        };
        impl Shape for Wide {
            const NAME: &'static str = "Wide";
            const REQUIRED: &'static [&'static str] = &NAMES;
            fn empty() -> Self {
                Wide(0)
            }
            fn field<'de, A: MapAccess<'de>>(&mut self, _: &str, map: &mut A) -> Result<Option<usize>, A::Error> {
                let index = self.0;
                self.0 += 1;
                map.next_value::<de::IgnoredAny>()?;
                Ok(Some(index))
            }
        }
        impl<'de> Deserialize<'de> for Wide {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                deserialize(d)
            }
        }
        let all: String = (0..300).map(|i| format!("\"K{i}\": {i}")).collect::<Vec<_>>().join(",");
        assert!(serde_json::from_str::<Wide>(&format!("{{{all}}}")).is_ok());
        let short: String = (0..299).map(|i| format!("\"K{i}\": {i}")).collect::<Vec<_>>().join(",");
        assert!(serde_json::from_str::<Wide>(&format!("{{{short}}}")).is_err());
    }

    #[test]
    fn lenient_rejects_what_is_not_a_number() {
        let err = serde_json::from_str::<Job>(r#"{"Id": "j", "Count": "seven"}"#).unwrap_err();
        assert!(err.to_string().contains("an integer"), "{err}");
        let err = serde_json::from_str::<Job>(r#"{"Id": "j", "Count": 1.5}"#).unwrap_err();
        assert!(err.to_string().contains("an integer"), "{err}");
    }
}
