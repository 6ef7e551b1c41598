//! The doc-page spec of a service version, rebuilt from its pages with the doc importer
//! (`parse_page` + `merge_page`), rather than read back from `api-specs/`: once merged, that
//! file holds the definitions too, and comparing the definitions with themselves would hide
//! the pages' disagreements from the report on every later run.
//!
//! The pages are every `api-specs/sources/{service}/{version}/*.txt` plus any other page the
//! current spec file names as a `doc_page` source.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use tencentcloud_codegen::spec::{load_spec, validate, SourceKind, Spec};

use crate::import::doc_page::{merge_page, parse_page, Warning};

/// The pages' spec (empty when there are none), the page locations, and the doc importer's
/// warnings (for the caller to print).
pub struct PageSpec {
    pub spec: Spec,
    pub pages: Vec<String>,
    pub warnings: Vec<Warning>,
}

pub fn build_page_spec(api_specs: &Path, service: &str, version: &str) -> Result<PageSpec, String> {
    let mut locations = BTreeSet::new();
    let dir = api_specs.join("sources").join(service).join(version);
    if dir.is_dir() {
        for entry in fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            if path.extension().is_some_and(|e| e == "txt") {
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .ok_or_else(|| format!("{}: not UTF-8", path.display()))?;
                locations.insert(format!("sources/{service}/{version}/{name}"));
            }
        }
    }
    let current = api_specs.join(service).join(format!("{version}.json"));
    if current.exists() {
        let spec = load_spec(&current).map_err(|e| e.to_string())?;
        locations.extend(
            spec.sources
                .into_iter()
                .filter(|s| s.kind == SourceKind::DocPage)
                .map(|s| s.location),
        );
    }

    let mut spec = Spec {
        service: service.to_owned(),
        version: version.to_owned(),
        ..Spec::default()
    };
    let mut warnings = Vec::new();
    for location in &locations {
        let path = api_specs.join(location);
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e} (a page the spec names)", path.display()))?;
        let import = parse_page(location, &text).map_err(|e| e.to_string())?;
        warnings.extend(import.warnings);
        merge_page(&mut spec, import.spec, &mut warnings);
    }
    validate(&spec).map_err(|(field, message)| {
        format!("{service} {version}: the pages' spec is invalid at `{field}`: {message}")
    })?;
    Ok(PageSpec {
        spec,
        pages: locations.into_iter().collect(),
        warnings,
    })
}
