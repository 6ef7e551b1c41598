//! What every generated structure shares: the decode of an object into its members, the
//! tracking of required members, and the corrections made for what the service left out.
//!
//! Each generated shape implements [`Shape`] (a `match` on the wire key, one call per member)
//! and one non-generic loop here drives them all. Generated code only; not for use by hand.

use std::cell::RefCell;

use crate::codec::{DecodeError, Reader};

/// A generated structure.
#[doc(hidden)]
pub trait Shape: Fields + Sized {
    /// The Rust type name, for error messages.
    const NAME: &'static str;
    /// Wire names of the members that must be present; [`Fields::field`] reports them by index.
    const REQUIRED: &'static [&'static str];
    /// What a required member that is missing (or `null`) means: for a shape the service
    /// sends, the service left it out, and the member keeps its empty value (recorded, see
    /// [`take_corrections`]); for one a caller sends, the value is invalid.
    const CORRECT_MISSING: bool = false;

    /// A value with every member empty, filled in as keys arrive.
    fn empty() -> Self;
}

/// The members of a generated structure, decoded one key at a time: what the shared loop
/// calls, through a `dyn` (so the loop is compiled once, not per shape).
#[doc(hidden)]
pub trait Fields {
    /// Decodes the value of `key` into its member, skipping keys it does not know. Returns the
    /// member's index in [`Shape::REQUIRED`] if it is required.
    fn field(&mut self, key: &str, r: &mut Reader<'_>) -> Result<Option<usize>, DecodeError>;
}

/// `Decode::decode` of every generated shape.
#[inline]
pub fn decode<T: Shape>(r: &mut Reader<'_>) -> Result<T, DecodeError> {
    let mut value = T::empty();
    match decode_members(r, &mut value, T::NAME, T::REQUIRED, T::CORRECT_MISSING) {
        Ok(()) => Ok(value),
        Err(e) => Err(e),
    }
}

/// Required members a shape tracks without allocating; more are tracked on the heap.
const INLINE_REQUIRED: usize = 256;

/// The loop of every shape's decode, not generic: compiled once.
fn decode_members(
    r: &mut Reader<'_>,
    fields: &mut dyn Fields,
    name: &'static str,
    required: &'static [&'static str],
    correct_missing: bool,
) -> Result<(), DecodeError> {
    let mut inline = [0u64; INLINE_REQUIRED / 64];
    let mut heap = Vec::new();
    let seen: &mut [u64] = if required.len() <= INLINE_REQUIRED {
        &mut inline
    } else {
        heap.resize(required.len().div_ceil(64), 0);
        &mut heap
    };
    let start = r.offset();
    r.object(name, &mut |key, r| {
        if let Some(i) = fields.field(key, r)? {
            if let Some(word) = seen.get_mut(i / 64) {
                *word |= 1 << (i % 64);
            }
        }
        Ok(())
    })?;
    for (i, member) in required.iter().enumerate() {
        if seen.get(i / 64).is_none_or(|word| word & (1 << (i % 64)) == 0) {
            if !correct_missing {
                return Err(DecodeError::new(format!("missing field `{member}`"), start));
            }
            record(Correction::MissingMember { shape: name, member });
        }
    }
    Ok(())
}

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

pub(crate) fn record(correction: Correction) {
    CORRECTIONS.with(|c| c.borrow_mut().push(correction));
}

/// The corrections made since the last call, leaving none.
pub fn take_corrections() -> Vec<Correction> {
    CORRECTIONS.with(|c| std::mem::take(&mut *c.borrow_mut()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{decode_str, Decode};

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
    }

    impl Fields for Job {
        fn field(&mut self, key: &str, r: &mut Reader<'_>) -> Result<Option<usize>, DecodeError> {
            match key {
                "Id" => r.required(&mut self.id, 0),
                "Count" => r.optional(&mut self.count),
                "Ok" => r.required(&mut self.ok, 1),
                _ => r.unknown(),
            }
        }
    }

    impl Decode for Job {
        fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
            decode(r)
        }
    }

    #[test]
    fn decodes_known_keys_and_skips_unknown_ones() {
        let job: Job = decode_str(r#"{"Extra": {"a": [1]}, "Id": "j", "Count": "7", "Ok": "true"}"#).unwrap();
        assert_eq!(
            job,
            Job {
                id: "j".into(),
                count: Some(7),
                ok: true
            }
        );
        let job: Job = decode_str(r#"{"Id": "j", "Count": null, "Ok": false}"#).unwrap();
        assert_eq!(job.count, None);
    }

    #[test]
    fn missing_required_member_is_named() {
        let err = decode_str::<Job>(r#"{"Count": 1}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `Id`"), "{err}");
        let err = decode_str::<Job>(r#"{"Id": null, "Ok": true}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `Id`"), "{err}");
        let err = decode_str::<Job>("[]").unwrap_err();
        assert!(err.to_string().contains("expected a Job object"), "{err}");
    }

    #[test]
    fn failures_name_the_member() {
        let err = decode_str::<Vec<Job>>(r#"[{"Id": "a", "Ok": true}, {"Id": "j", "Count": "seven"}]"#).unwrap_err();
        assert_eq!(err.path(), "[1].Count");
        assert!(err.message().contains("an integer"), "{err}");
        let err = decode_str::<Job>(r#"{"Id": "j", "Count": 1.5}"#).unwrap_err();
        assert!(err.to_string().contains("an integer"), "{err}");
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
    }

    impl Fields for Reply {
        fn field(&mut self, key: &str, r: &mut Reader<'_>) -> Result<Option<usize>, DecodeError> {
            match key {
                "Id" => r.required(&mut self.id, 0),
                "Size" => r.required(&mut self.size, 1),
                _ => r.unknown(),
            }
        }
    }

    impl Decode for Reply {
        fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
            decode(r)
        }
    }

    #[test]
    fn missing_required_members_of_responses_are_corrected_and_recorded() {
        take_corrections();
        let reply: Reply = decode_str(r#"{"Id": 42, "Size": null}"#).unwrap();
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
        let replies: Vec<Reply> = decode_str(r#"[{}, {"Id": "a", "Size": "3"}]"#).unwrap();
        assert_eq!(
            replies[1],
            Reply {
                id: "a".into(),
                size: 3
            }
        );
        assert_eq!(take_corrections(), [missing("Id"), missing("Size")]);
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
        }
        impl Fields for Wide {
            fn field(&mut self, _: &str, r: &mut Reader<'_>) -> Result<Option<usize>, DecodeError> {
                let index = self.0;
                self.0 += 1;
                r.skip()?;
                Ok(Some(index))
            }
        }
        impl Decode for Wide {
            fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
                decode(r)
            }
        }
        let all: String = (0..300).map(|i| format!("\"K{i}\": {i}")).collect::<Vec<_>>().join(",");
        assert!(decode_str::<Wide>(&format!("{{{all}}}")).is_ok());
        let short: String = (0..299).map(|i| format!("\"K{i}\": {i}")).collect::<Vec<_>>().join(",");
        assert!(decode_str::<Wide>(&format!("{{{short}}}")).is_err());
    }

    /// A shape that holds itself: hostile nesting fails at the depth limit, not the stack.
    #[derive(Debug)]
    struct Node(Option<Box<Node>>);

    impl Shape for Node {
        const NAME: &'static str = "Node";
        const REQUIRED: &'static [&'static str] = &[];
        fn empty() -> Self {
            Node(None)
        }
    }

    impl Fields for Node {
        fn field(&mut self, key: &str, r: &mut Reader<'_>) -> Result<Option<usize>, DecodeError> {
            match key {
                "Next" => r.optional(&mut self.0),
                _ => r.unknown(),
            }
        }
    }

    impl Decode for Node {
        fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
            decode(r)
        }
    }

    #[test]
    fn hostile_nesting_fails_cleanly() {
        let deep = r#"{"Next":"#.repeat(100_000) + "{}" + &"}".repeat(100_000);
        let err = decode_str::<Node>(&deep).unwrap_err();
        assert!(err.message().contains("nested deeper"), "{err}");
        let fine = r#"{"Next":"#.repeat(50) + "{}" + &"}".repeat(50);
        assert!(decode_str::<Node>(&fine).is_ok());
    }
}
