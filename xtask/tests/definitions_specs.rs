//! The spec files `cargo xtask import-definitions` wrote, if present: they load and validate,
//! are built from the definitions, and are a fixed point of merging their pages again.

use std::path::Path;

use tencentcloud_codegen::spec::{load_spec, SourceKind};
use xtask::import::definitions::{build_page_spec, default_services, merge};
use xtask::workspace;

#[test]
fn written_specs_load_and_are_idempotent() {
    for selector in default_services(&workspace::api_specs()).unwrap() {
        let (service, version) = (selector.service.as_str(), selector.version.as_deref().unwrap());
        let path = workspace::spec_path(service, version);
        if !path.exists() {
            continue;
        }
        let spec = load_spec(&path).unwrap_or_else(|e| panic!("{e}"));
        if !spec.sources.iter().any(|s| s.kind == SourceKind::Definitions) {
            continue; // Not imported from the definitions yet: only the doc-page importer's.
        }
        assert!(spec.actions.values().all(|a| !a.title.is_empty()), "{}", path.display());
        let report = path.with_file_name(format!("{version}.merge-report.txt"));
        assert!(report.exists(), "{} has no merge report next to it", path.display());

        let pages = build_page_spec(&workspace::api_specs(), service, version).unwrap();
        let (again, _) = merge(spec.clone(), &pages.spec);
        assert!(again == spec, "{}: merging its pages again changes it", shown(&path));
    }
}

fn shown(path: &Path) -> String {
    path.strip_prefix(workspace::root())
        .unwrap_or(path)
        .display()
        .to_string()
}
