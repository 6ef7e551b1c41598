//! Where files go, and the crate-level ones: a crate per service (`{service}/`), with its
//! `Cargo.toml`, `lib.rs` and `error.rs`, and a module per version (`{service}/src/{version}/`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{cargo_toml, render, Files, GenerateError};
use crate::plan::Plan;
use crate::templates::{crate_error, crate_root, ServiceEntry};

/// Plans by service, then version.
pub(super) type ByService<'a> = BTreeMap<&'a str, BTreeMap<&'a str, &'a Plan>>;

/// Fails when two specs describe the same service version.
pub(super) fn check_unique_versions(plans: &[Plan]) -> Result<(), GenerateError> {
    by_service(plans).map(|_| ())
}

fn by_service(plans: &[Plan]) -> Result<ByService<'_>, GenerateError> {
    let mut by_service: ByService<'_> = BTreeMap::new();
    for plan in plans {
        let versions = by_service.entry(&plan.service).or_default();
        if let Some(first) = versions.insert(&plan.version, plan) {
            return Err(GenerateError::DuplicateVersion {
                first: first.spec_path.clone(),
                second: plan.spec_path.clone(),
                service: plan.service.clone(),
                version: plan.version.clone(),
            });
        }
    }
    Ok(by_service)
}

/// The directory of a service's crate below `generated/`: the service's name.
pub(super) fn crate_dir(service: &str) -> PathBuf {
    PathBuf::from(service)
}

/// The directory of a version's module: `{service}/src/{version}`.
pub(super) fn version_dir(plan: &Plan) -> PathBuf {
    crate_dir(&plan.service).join("src").join(&plan.module)
}

/// Each service crate's `Cargo.toml`, `src/lib.rs` and `src/error.rs`.
pub(super) fn crate_files(plans: &[Plan], files: &mut Files) -> Result<(), GenerateError> {
    for (service, versions) in by_service(plans)? {
        let entry = ServiceEntry {
            service,
            versions: versions.into_values().collect(),
        };
        let dir = crate_dir(service);
        files.insert(
            dir.join("src/lib.rs"),
            render::file("api-specs/", "lib.rs", || crate_root(&entry))?,
        );
        files.insert(
            dir.join("src/error.rs"),
            render::file("api-specs/", "error.rs", || crate_error(&entry))?,
        );
        files.insert(dir.join("Cargo.toml"), cargo_toml::cargo_toml(&entry));
    }
    Ok(())
}
