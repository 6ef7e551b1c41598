//! `quote!` templates over the [`Plan`](crate::plan::Plan): they decide nothing, and read like
//! the code they write.

mod client;
mod codec;
mod codec_text;
mod crate_root;
mod error_code;
mod module;
mod preformatted;
mod runtime;
mod shape;
mod shape_text;
mod value_set;
mod value_set_text;

use proc_macro2::{Ident, Span};

pub use client::client;
pub use crate_root::{crate_error, crate_guide, crate_root, ServiceEntry};
pub use error_code::error_codes;
pub use module::{
    action_module, has_types, service_version_files, single_module, types_item, types_items, types_module, TypesItem,
};
pub use shape::{shape, SerdeStyle};
pub use value_set::value_set;

/// An identifier the naming layer decided (keyword-safe already).
pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}
