//! The spec: model, loading and validation.

mod graph;
mod load;
mod model;
pub mod value_sets;

pub use load::{load_spec, parse_spec, validate, SpecError};
pub use model::*;

/// The canonical text of a spec file: pretty JSON, stable key order, trailing newline.
/// Every importer writes specs through this, so re-importing unchanged input is a no-op diff.
pub fn to_pretty_json(spec: &Spec) -> String {
    let mut text = serde_json::to_string_pretty(spec).expect("a spec always serializes");
    text.push('\n');
    text
}
