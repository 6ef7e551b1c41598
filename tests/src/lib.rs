//! Support for the end-to-end tests: generated code compiled from the specs (`generated/`,
//! written by `cargo xtask regen`) and the round trip used by the example tests.
//!
//! The generated modules are left out of doctests (`cfg(not(doctest))`): their docs' Rust
//! examples name the SDK's own modules and are compiled by `tests/rust_examples.rs`.

use tencentcloud_runtime::codec::{self, Decode, Encode};

/// The naming fixture spec's generated module: the code `codegen/tests/fixtures.rs`
/// snapshots, compiled.
#[allow(dead_code)]
#[cfg(not(doctest))]
#[rustfmt::skip]
#[path = "../generated/naming_fixture.rs"]
pub mod naming_fixture;

/// Each seed action's snapshot module, compiled.
#[allow(dead_code)]
#[cfg(not(doctest))]
#[rustfmt::skip]
#[path = "../generated/seeds.rs"]
pub mod seeds;

/// The types of dts `DescribeSyncJobs` with `#[derive(Serialize, Deserialize)]`: the baseline
/// the benchmarks compare the generated compact impls with.
#[allow(dead_code, clippy::all)]
#[cfg(not(doctest))]
#[rustfmt::skip]
#[path = "../generated/derive_baseline.rs"]
pub mod derive_baseline;

/// Decodes a JSON text as one generated type and encodes it back: [`transcode`] of that type.
pub type Transcode = fn(&str) -> Result<Vec<u8>, TranscodeError>;

/// Why [`transcode`] failed.
#[derive(Debug)]
pub enum TranscodeError {
    Decode(codec::DecodeError),
    Encode(codec::EncodeError),
}

/// Decodes `text` as `T` and encodes it back, with the codec the client uses, so the generated
/// crate's own decoding code is what is tested. The one part of a round trip that is generic:
/// the example tests instantiate it for every request and response type (two thousand), so it
/// is kept this small and the rest is [`roundtrip`], compiled once.
pub fn transcode<T: Decode + Encode>(text: &str) -> Result<Vec<u8>, TranscodeError> {
    match codec::decode_str::<T>(text) {
        Ok(typed) => codec::encode_vec(&typed).map_err(TranscodeError::Encode),
        Err(e) => Err(TranscodeError::Decode(e)),
    }
}

/// `value` through `transcode` and back to JSON; a decode failure names the field path.
pub fn roundtrip(value: &serde_json::Value, transcode: Transcode) -> Result<serde_json::Value, String> {
    let back = transcode(&value.to_string()).map_err(|e| match e {
        TranscodeError::Decode(e) => format!("at `{}`: {}", display_path(&e.path()), e.message()),
        TranscodeError::Encode(e) => e.to_string(),
    })?;
    serde_json::from_slice(&back).map_err(|e| e.to_string())
}

/// A decode path as the exception list writes it: `.` for the value itself.
fn display_path(path: &str) -> String {
    if path.is_empty() {
        ".".to_owned()
    } else {
        path.to_owned()
    }
}

/// The README's quick start, compiled as a doctest.
#[doc = include_str!("../../README.md")]
mod readme {}

/// Each service crate's guide (its crate-level docs), whose examples are compiled here: the
/// generated crates themselves are not doctested.
#[rustfmt::skip]
#[path = "../generated/crate_guides.rs"]
mod crate_guides;
