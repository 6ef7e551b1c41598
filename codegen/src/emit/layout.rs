//! Where files go and the crate-level ones: `lib.rs`, a `mod.rs` per service, `Cargo.toml`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use quote::quote;

use super::{cargo_toml, render, Files, GenerateError};
use crate::plan::Plan;
use crate::templates::{crate_error, crate_root, ident, ServiceEntry};

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

/// `src/lib.rs`, `src/{service}/mod.rs` and `Cargo.toml`.
pub(super) fn crate_files(plans: &[Plan], files: &mut Files) -> Result<(), GenerateError> {
    let by_service = by_service(plans)?;
    for (service, versions) in &by_service {
        let mods = versions.values().map(|plan| {
            let feature = &plan.feature;
            let module = ident(&plan.module);
            let doc = format!(" `{service}` version `{}` (feature `{feature}`).", plan.version);
            quote! {
                #[doc = #doc]
                #[cfg(feature = #feature)]
                pub mod #module;
            }
        });
        let doc = format!(" `{service}`: one module per API version, each behind its own cargo feature.");
        let tokens = quote! { #![doc = #doc] #(#mods)* };
        files.insert(
            PathBuf::from("src")
                .join(crate::naming::module_name(service))
                .join("mod.rs"),
            render::file("api-specs/", "service module", tokens)?,
        );
    }
    let services: Vec<ServiceEntry<'_>> = by_service
        .iter()
        .map(|(service, versions)| ServiceEntry {
            service,
            versions: versions.values().copied().collect(),
        })
        .collect();
    files.insert(
        PathBuf::from("src/lib.rs"),
        render::file("api-specs/", "lib.rs", crate_root(&services))?,
    );
    files.insert(
        PathBuf::from("src/error.rs"),
        render::file("api-specs/", "error.rs", crate_error(&services))?,
    );
    files.insert(PathBuf::from("Cargo.toml"), cargo_toml::cargo_toml(&by_service));
    Ok(())
}
