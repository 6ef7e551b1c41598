//! Support for the end-to-end tests: generated code compiled from the specs (see `build.rs`)
//! and the round trip used by the example tests.
//!
//! The generated modules are left out of doctests (`cfg(not(doctest))`): their docs' Rust
//! examples name the SDK's own modules and are compiled by `tests/rust_examples.rs`.

use tencentcloud_runtime::codec::{self, Decode, Encode};

/// The naming fixture spec's generated module: the code `codegen/tests/fixtures.rs`
/// snapshots, compiled.
#[allow(dead_code)]
#[cfg(not(doctest))]
pub mod naming_fixture {
    include!(concat!(env!("OUT_DIR"), "/naming_fixture.rs"));
}

/// Each seed action's snapshot module, compiled.
#[allow(dead_code)]
#[cfg(not(doctest))]
pub mod seeds {
    include!(concat!(env!("OUT_DIR"), "/seeds.rs"));
}

/// The types of dts `DescribeSyncJobs` with `#[derive(Serialize, Deserialize)]`: the baseline
/// the benchmarks compare the generated compact impls with.
#[allow(dead_code, clippy::all)]
#[cfg(not(doctest))]
pub mod derive_baseline {
    include!(concat!(env!("OUT_DIR"), "/derive_baseline.rs"));
}

/// Decodes `value` as `T` (with the field path on failure) and encodes it back, with the codec
/// the client uses, so the generated crate's own decoding code is what is tested.
pub fn roundtrip<T: Decode + Encode>(value: &serde_json::Value) -> Result<serde_json::Value, String> {
    let text = value.to_string();
    let typed: T =
        codec::decode_str(&text).map_err(|e| format!("at `{}`: {}", display_path(&e.path()), e.message()))?;
    let back = codec::encode_vec(&typed).map_err(|e| e.to_string())?;
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
mod crate_guides {
    include!(concat!(env!("OUT_DIR"), "/crate_guides.rs"));
}
