//! Locations inside the repository.

use std::path::{Path, PathBuf};

/// The repository root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the root")
        .to_owned()
}

/// `api-specs/`: the specs, and the doc pages they were imported from under `sources/`.
pub fn api_specs() -> PathBuf {
    root().join("api-specs")
}

/// The spec file of one service version: `api-specs/{service}/{version}.json`.
pub fn spec_path(service: &str, version: &str) -> PathBuf {
    api_specs().join(service).join(format!("{version}.json"))
}
