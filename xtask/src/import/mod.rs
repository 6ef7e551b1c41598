//! Importers that refresh `api-specs/`.

pub mod definitions;
pub mod doc_page;
