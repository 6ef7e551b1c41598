//! Project automation behind `cargo xtask`: regeneration and the importers that refresh
//! `api-specs/`. A library so that the importers can be tested and fuzzed.

pub mod import;
pub mod regen;
pub mod workspace;
