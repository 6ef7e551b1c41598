//! JSON encoding and decoding of generated types, without serde's generics.
//!
//! Every generated shape, value set and timestamp implements [`Encode`] and [`Decode`] as plain
//! functions over the concrete [`Writer`] and [`Reader`] (over a pull parser of its own, module `json`), so they are
//! compiled once, in the service crate that defines them. A caller's crate instantiates nothing
//! per action: with serde's `Serialize`/`Deserialize`, generic over the format, each action
//! used was monomorphized (and codegen'd) in the caller, 35-45 ms of the caller's build per
//! action (issue 13). Lenient scalars, corrections of what the service leaves out, and the path
//! of a failure ([`DecodeError::path`]) work as they did with serde.
//!
//! `serde` remains available: the service crates' `serde` feature implements `Serialize` and
//! `Deserialize` through [`serialize`] and [`deserialize`].
//! Generated code only, but for [`DecodeError`]; not for use by hand.

mod decode;
mod encode;
mod error;
pub(crate) mod json;
mod serde_bridge;

pub use decode::{Decode, Reader};
pub use encode::{Encode, EncodeError, ObjectWriter, Writer};
pub use error::DecodeError;
pub use serde_bridge::{decode_serde, deserialize, encode_serde, serialize};

/// The serde [`serde_via_codec!`](crate::serde_via_codec) implements, so that a service crate's
/// `serde` feature needs no serde dependency of its own.
#[doc(hidden)]
pub use serde as __serde;

/// `value` as JSON text. Generated types always encode; a hand-written serde value may fail.
pub fn encode_vec<T: Encode + ?Sized>(value: &T) -> Result<Vec<u8>, EncodeError> {
    let mut writer = Writer::new();
    value.encode(&mut writer);
    writer.finish()
}

/// [`encode_vec`] of a value behind `dyn`: one function for every type (what calls use).
pub fn encode_dyn(value: &dyn Encode) -> Result<Vec<u8>, EncodeError> {
    let mut writer = Writer::new();
    value.encode(&mut writer);
    writer.finish()
}

/// Decodes a whole JSON text as a `T`; trailing content other than whitespace is an error.
pub fn decode_str<T: Decode>(text: &str) -> Result<T, DecodeError> {
    let mut reader = Reader::new(text);
    let value = T::decode(&mut reader)?;
    reader.finish()?;
    Ok(value)
}

/// [`decode_str`] of bytes, which must be UTF-8.
pub fn decode_slice<T: Decode>(bytes: &[u8]) -> Result<T, DecodeError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| DecodeError::new(format!("the text is not UTF-8: {e}"), e.valid_up_to()))?;
    decode_str(text)
}
