//! Generator for the Tencent Cloud API 3.0 Rust SDK.
//!
//! A pure function from specs (`api-specs/*.json`, see [`spec`]) to files ([`generate`]):
//! the spec is parsed into a model first, every name is decided in one place ([`naming`]),
//! then types ([`types`]), error codes and actions are emitted with `quote!` and printed with
//! `prettyplease`.

pub mod actions;
pub mod docs;
pub mod emit;
pub mod error_codes;
pub mod naming;
pub mod spec;
pub mod types;

pub use emit::{
    generate, generate_with_style, render_action, render_action_types, render_module, Files, GenerateError, SpecFile,
};
pub use types::SerdeStyle;
