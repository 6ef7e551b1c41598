//! Project automation behind `cargo xtask`: regeneration and the importers that refresh
//! `api-specs/`. A library so that the importers can be tested and fuzzed.

pub mod add_service;
pub mod bench;
pub mod bench_codegen;
pub mod fuzz_codegen;
pub mod generation_cache;
pub mod import;
pub mod interop;
pub mod progenitor_anchor;
pub mod regen;
pub mod rng;
pub mod rustc_instructions;
pub mod service_workspace;
pub mod stress;
pub mod tests_generated;
pub mod workspace;
