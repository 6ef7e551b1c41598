//! `cargo xtask import-doc PAGE...`: parses every page, then merges each into
//! `api-specs/{service}/{version}.json` (created if missing). Nothing is written unless every
//! page parses and every resulting spec validates.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use tencentcloud_codegen::spec::{load_spec, to_pretty_json, validate, Spec};

use super::{merge_page, parse_page, PageError, PageImport, Warning};
use crate::import::classify::classify;
use crate::import::common_errors::CommonErrors;
use crate::workspace;
use tencentcloud_codegen::spec::value_sets::assign_value_sets;

const USAGE: &str =
    "usage: cargo xtask import-doc PAGE... (pages under api-specs/sources/{service}/{version}/{Action}.{lang}.txt)";

pub fn run(args: &[String]) -> Result<(), String> {
    if args.is_empty() || args.iter().any(|a| a.starts_with('-')) {
        return Err(USAGE.to_owned());
    }
    let api_specs = workspace::api_specs();
    let api_specs_abs = api_specs
        .canonicalize()
        .map_err(|e| format!("{}: {e}", api_specs.display()))?;

    // Spec files by (service, version), each with its pages in argument order.
    let mut groups: BTreeMap<(String, String), Vec<(String, PageImport)>> = BTreeMap::new();
    for arg in args {
        let (location, import) = import_page(arg, &api_specs_abs)?;
        let key = (import.spec.service.clone(), import.spec.version.clone());
        for warning in &import.warnings {
            eprintln!(
                "{}",
                Warning {
                    file: arg.clone(),
                    ..warning.clone()
                }
            );
        }
        check_location(arg, &location, &import.spec);
        groups.entry(key).or_default().push((arg.clone(), import));
    }

    let mut outputs = Vec::new();
    for ((service, version), pages) in groups {
        let path = workspace::spec_path(&service, &version);
        let mut spec = if path.exists() {
            load_spec(&path).map_err(|e| e.to_string())?
        } else {
            Spec::default()
        };
        let mut warnings = Vec::new();
        let shown: BTreeMap<String, String> = pages
            .iter()
            .filter_map(|(arg, i)| Some((i.spec.sources.first()?.location.clone(), arg.clone())))
            .collect();
        for (_, import) in pages {
            merge_page(&mut spec, import.spec, &mut warnings);
        }
        CommonErrors::read(&api_specs)?.add_to(&mut spec);
        classify(&mut spec);
        assign_value_sets(&mut spec);
        for warning in warnings {
            let file = shown.get(&warning.file).cloned().unwrap_or(warning.file.clone());
            eprintln!("{}", Warning { file, ..warning });
        }
        validate(&spec).map_err(|(field, message)| {
            format!("{}: merged spec is invalid at `{field}`: {message}", path.display())
        })?;
        outputs.push((path, spec));
    }

    for (path, spec) in outputs {
        let text = to_pretty_json(&spec);
        let shown = path
            .strip_prefix(workspace::root())
            .unwrap_or(&path)
            .display()
            .to_string();
        if fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            eprintln!("import-doc: {shown} unchanged");
            continue;
        }
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("{shown}: {e}"))?;
        eprintln!(
            "import-doc: wrote {shown} ({} action(s), {} shape(s))",
            spec.actions.len(),
            spec.shapes.len()
        );
    }
    Ok(())
}

/// Reads and parses one page; provenance names it relative to `api-specs/`, messages as given.
fn import_page(arg: &str, api_specs: &Path) -> Result<(String, PageImport), String> {
    let path = Path::new(arg);
    let text = fs::read_to_string(path).map_err(|e| format!("{arg}: {e}"))?;
    let absolute = path.canonicalize().map_err(|e| format!("{arg}: {e}"))?;
    let location = absolute
        .strip_prefix(api_specs)
        .map_err(|_| {
            format!(
                "{arg}: not under {}; copy the page there first so that the spec's provenance can name it",
                api_specs.display()
            )
        })?
        .to_string_lossy()
        .replace('\\', "/");
    let import = parse_page(&location, &text).map_err(|e| {
        PageError {
            file: arg.to_owned(),
            ..e
        }
        .to_string()
    })?;
    Ok((location, import))
}

/// Pages are kept as `sources/{service}/{version}/{Action}.{lang}.txt`; a page stored under
/// another service, version or action is most likely misfiled.
fn check_location(arg: &str, location: &str, spec: &Spec) {
    let parts: Vec<&str> = location.split('/').collect();
    let action = spec.actions.keys().next().map_or("", String::as_str);
    let expected = match parts.as_slice() {
        ["sources", service, version, file] => {
            *service == spec.service && *version == spec.version && file.split('.').next() == Some(action)
        }
        _ => false,
    };
    if !expected {
        eprintln!(
            "{}",
            Warning {
                file: arg.to_owned(),
                line: 1,
                message: format!(
                    "page documents {} {} {action}; expected it at api-specs/sources/{}/{}/{action}.{{zh,en}}.txt",
                    spec.service, spec.version, spec.service, spec.version
                ),
            }
        );
    }
}
