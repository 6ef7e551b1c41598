//! Generator for the Tencent Cloud API 3.0 Rust SDK.
//!
//! A pure function from specs (`api-specs/*.json`, see [`spec`]) to files ([`generate`]), in
//! stages a reader can follow:
//!
//! 1. [`spec`]: the model the importers write, loaded and validated;
//! 2. [`naming`]: every Rust identifier, decided once per spec;
//! 3. [`plan`]: every decision about the generated code (types, optionality, boxing,
//!    leniency, secrecy, retry class, docs), made once, renderable as text for review;
//! 4. [`templates`]: `quote!` templates over the plan, and, for the few fixed forms that make
//!    most of the lines (codec impls, setters, value sets), text laid out as prettyplease
//!    prints their tokens, which skips parsing and printing them ([`deferred`]);
//! 5. [`emit`]: files, their layout and headers, printed with `prettyplease`.

pub mod deferred;
pub mod docs;
pub mod emit;
pub mod naming;
pub mod plan;
pub mod spec;
pub mod templates;

pub use emit::{
    generate, generate_each, generate_with_style, generate_without_setters, render_action, render_action_types,
    render_module, render_module_from_tokens, render_planned_action, Files, GenerateError, Generated,
};
pub use plan::{Plan, SpecFile};
pub use templates::SerdeStyle;
