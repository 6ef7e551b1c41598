//! Generator for the Tencent Cloud API 3.0 Rust SDK.
//!
//! A pure function from specs (`api-specs/*.json`, see [`spec`]) to files: the spec is parsed
//! into a model first, names are decided in one place ([`naming`]), then types and actions are
//! emitted with `quote!` and printed with `prettyplease`.

pub mod spec;
