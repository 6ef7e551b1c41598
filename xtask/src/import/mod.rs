//! Importers that refresh `api-specs/`.

pub mod classify;
pub mod common_errors;
pub mod definitions;
pub mod doc_page;
pub mod markdown;
