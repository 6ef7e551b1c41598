//! `cargo xtask add-service NAME[@VERSION]...`: makes a Tencent Cloud service part of the
//! checked-in SDK in one command. It finds the versions in the pinned definitions (a bare name
//! takes every version), lists each in `api-specs/services.txt` (so later imports refresh it),
//! imports them into `api-specs/` and regenerates `generated/`, where the service's crate
//! appears as `generated/{service}/` (the workspace takes every directory there).

use std::fs;

use crate::import::definitions::selection::{self, Selector};
use crate::import::definitions::{default_services, PackageArgs, Packages, SERVICES_FILE};
use crate::{import, regen, workspace};

const USAGE: &str = "usage: cargo xtask add-service NAME[@VERSION]...  (e.g. `cvm`, `sts@2018-08-13`)";

pub fn run(args: &[String]) -> Result<(), String> {
    if args.is_empty() {
        return Err(USAGE.to_owned());
    }
    let selectors = args
        .iter()
        .map(|arg| Selector::parse(arg))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{e}\n{USAGE}"))?;
    let api_specs = workspace::api_specs();
    let packages = Packages::open(&PackageArgs::default())?;
    let entries = selection::select(&packages.catalog()?, &selectors)?;
    drop(packages);

    // Listed as `service@version`: the exact versions chosen, whatever the definitions add later.
    let listed = default_services(&api_specs)?;
    let path = api_specs.join(SERVICES_FILE);
    let mut text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut added = Vec::new();
    for entry in &entries {
        if listed.iter().any(|selector| selector.matches(entry)) {
            continue;
        }
        if !text.ends_with('\n') && !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&format!("{}@{}\n", entry.service, entry.version));
        added.push(entry.clone());
    }
    fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;

    let services: Vec<String> = entries
        .iter()
        .flat_map(|e| ["--service".to_owned(), format!("{}@{}", e.service, e.version)])
        .collect();
    import::definitions::run(&services)?;
    regen::run(&[])?;

    for entry in &entries {
        let crate_name = tencentcloud_codegen::naming::crate_name(&entry.service);
        let feature = tencentcloud_codegen::naming::feature_name(&entry.version);
        eprintln!(
            "add-service: {entry}: {} in api-specs/{SERVICES_FILE}; crate `{crate_name}` in generated/{}/, \
             feature `{feature}`",
            if added.contains(entry) {
                "listed"
            } else {
                "already listed"
            },
            entry.service,
        );
    }
    Ok(())
}
