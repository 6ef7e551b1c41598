//! The spec: model, loading and validation.

mod load;
mod model;

pub use load::{load_spec, parse_spec, validate, SpecError};
pub use model::*;
