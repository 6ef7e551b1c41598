//! A cargo workspace of generated service crates outside the repository (under `target/`):
//! what `cargo xtask stress` checks and `cargo xtask bench-codegen` builds its baseline in.
//!
//! The generated crates take their package fields and dependencies from the workspace
//! (`edition.workspace = true`, `tencentcloud-runtime.workspace = true`), as in the repository;
//! this writes a root manifest that provides them, with the runtime by path and the
//! repository's lock file beside it, so the same dependency versions are used.

use std::fs;
use std::path::{Path, PathBuf};

use tencentcloud_codegen::Files;

use crate::regen::{self, Mode};
use crate::workspace;

/// Writes `files` (as `generate` returns them: `{service}/…`) into `dir`, removing anything
/// else there, plus the root `Cargo.toml` and `Cargo.lock`. Returns the member directories.
pub fn write(dir: &Path, files: &Files, what: &str) -> Result<Vec<String>, String> {
    let mut members: Vec<String> = files
        .keys()
        .filter(|path| path.file_name().is_some_and(|name| name == "Cargo.toml"))
        .filter_map(|path| path.parent())
        .map(|crate_dir| crate_dir.to_string_lossy().replace('\\', "/"))
        .collect();
    members.sort();
    let mut all = files.clone();
    all.insert(PathBuf::from("Cargo.toml"), manifest(&members, what));
    let lock = workspace::root().join("Cargo.lock");
    let lock = fs::read_to_string(&lock).map_err(|e| format!("{}: {e}", lock.display()))?;
    all.insert(PathBuf::from("Cargo.lock"), lock);
    regen::sync_dir(dir, &all, Mode::Write)?;
    Ok(members)
}

fn manifest(members: &[String], what: &str) -> String {
    let runtime = workspace::root().join("runtime");
    let members: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    format!(
        "# Written by `cargo xtask {what}`: generated service crates outside the repository.\n\
         [workspace]\nresolver = \"2\"\nmembers = [{}]\n\n\
         [workspace.package]\nedition = \"2021\"\nrust-version = \"1.82\"\nlicense = \"Apache-2.0\"\npublish = false\n\n\
         [workspace.dependencies]\ntencentcloud-runtime = {{ path = {:?} }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n\
         [profile.dev.package.\"*\"]\ndebug = false\n",
        members.join(", "),
        runtime.display().to_string()
    )
}
