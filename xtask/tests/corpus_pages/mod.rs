//! The reference-page corpus under `tests/pages/` (see its README), shared by the doc-page
//! importer tests.
#![allow(dead_code)] // each test binary uses part of it

use std::path::PathBuf;

pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pages")
}

/// The text of a corpus page, by its file name.
pub fn text(file: &str) -> String {
    let path = dir().join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every page of the corpus, as (file name, text), in manifest order.
pub fn all() -> Vec<(String, String)> {
    let path = dir().join("manifest.json");
    let manifest = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let manifest: serde_json::Value =
        serde_json::from_str(&manifest).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    manifest
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|entry| entry["file"].as_str())
        .map(|file| (file.to_owned(), text(file)))
        .collect()
}
