//! `tests/generated/`: what the end-to-end tests (`tests/`, crate `sdk-tests`) compile from the
//! specs, written by `cargo xtask regen` beside `generated/` and checked by `regen --check`:
//! - each seed action's snapshot module and the naming fixture spec's module, so that the code
//!   the snapshots show is compiled;
//! - the serde-derive baseline of the types the decode benchmark uses;
//! - each service crate's guide (its crate-level docs), whose examples the tests doctest;
//! - each action's Rust example, in a module of its own;
//! - a dispatch table from (service, version, action) to the generated request and response
//!   types, so the example tests cover every action without hand-written lists.
//!
//! Checked in rather than made by a build script: a build script would need the generator as
//! a build dependency, which cargo builds a second time unless every crate under it has the
//! same features on both sides (a clean `cargo test` paid 90 s of CPU for that).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use tencentcloud_codegen::emit::header_for;
use tencentcloud_codegen::naming::{version_module, Names};
use tencentcloud_codegen::spec::parse_spec;
use tencentcloud_codegen::templates::{crate_guide, ServiceEntry};
use tencentcloud_codegen::{render_module, render_planned_action, Files, Plan, SerdeStyle, SpecFile};

/// The directory, relative to the workspace root.
pub const DIR: &str = "tests/generated";
/// The spec whose generated module the naming snapshots show, relative to the workspace root.
const NAMING_FIXTURE: &str = "tests/fixtures/naming.json";
/// The spec and action of the decode benchmark's serde-derive baseline.
const DERIVE_BASELINE: (&str, &str) = ("api-specs/dts/2021-12-06.json", "DescribeSyncJobs");

/// Every file of [`DIR`], by path relative to it, from `specs` (`api-specs/`, in path order).
pub fn files(root: &Path, specs: &[SpecFile]) -> Result<Files, String> {
    let mut files = Files::new();
    let mut add = |name: &str, text: String| {
        files.insert(PathBuf::from(name), text);
    };
    let plans = specs
        .iter()
        .map(|file| Plan::new(file).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    add("dispatch.rs", dispatch(specs)?);
    add("rust_examples.rs", rust_examples(&plans));
    let (guides, modules) = crate_guides(&plans);
    for (name, text) in guides {
        add(&name, text);
    }
    add("crate_guides.rs", modules);

    // Each spec is planned once, above; the seed modules and the baseline render from those plans.
    let mut seeds = header_for("api-specs/");
    for (file, plan) in specs.iter().zip(&plans) {
        let names = Names::resolve(&file.spec).map_err(|e| e.to_string())?;
        for (action, found) in &file.spec.actions {
            if !found.provenance.iter().any(|p| p.file.starts_with("sources/")) {
                continue;
            }
            let module = format!(
                "{}_{}_{}",
                file.spec.service,
                version_module(&file.spec.version),
                names.action(action)
            );
            let name = format!("seed_{module}.rs");
            add(
                &name,
                render_planned_action(plan, action, SerdeStyle::Compact).map_err(|e| e.to_string())?,
            );
            let _ = writeln!(seeds, "#[rustfmt::skip]\n#[path = \"{name}\"]\npub mod {module};");
        }
    }
    add("seeds.rs", seeds);

    let (path, action) = DERIVE_BASELINE;
    let dts = plans
        .iter()
        .find(|plan| plan.spec_path == path)
        .ok_or_else(|| format!("{path}: not found; the decode benchmark's baseline is generated from it"))?;
    add(
        "derive_baseline.rs",
        render_planned_action(dts, action, SerdeStyle::Derive).map_err(|e| e.to_string())?,
    );

    let text = std::fs::read_to_string(root.join(NAMING_FIXTURE)).map_err(|e| format!("{NAMING_FIXTURE}: {e}"))?;
    let fixture = SpecFile {
        path: NAMING_FIXTURE.to_owned(),
        spec: parse_spec(Path::new(NAMING_FIXTURE), &text).map_err(|e| e.to_string())?,
    };
    add("naming_fixture.rs", render_module(&fixture).map_err(|e| e.to_string())?);
    Ok(files)
}

/// The dispatch table: every action of every spec with the `sdk_tests::transcode` of its
/// request and response types, and whether a service version's `ErrorCode` knows a code.
fn dispatch(specs: &[SpecFile]) -> Result<String, String> {
    let mut rows = String::new();
    let mut arms_code = String::new();
    for file in specs {
        let spec = &file.spec;
        let names = Names::resolve(spec).map_err(|e| e.to_string())?;
        let module = format!("tencentcloud_sdk_{}::{}", spec.service, version_module(&spec.version));
        let _ = writeln!(
            arms_code,
            "        ({:?}, {:?}) => Some(!matches!({module}::ErrorCode::from(code), {module}::ErrorCode::Unknown(_))),",
            spec.service, spec.version
        );
        for (action, found) in &spec.actions {
            let _ = writeln!(
                rows,
                "    Action {{ service: {:?}, version: {:?}, action: {:?}, request: sdk_tests::transcode::<{module}::{}>, response: sdk_tests::transcode::<{module}::{}> }},",
                spec.service,
                spec.version,
                action,
                names.shape(&found.input),
                names.shape(&found.output)
            );
        }
    }
    // A table, not a `match` on (service, version, action): borrow-checking a thousand-arm
    // match on string tuples took rustc four minutes.
    Ok(format!(
        "{}/// An action and the [`sdk_tests::transcode`] of its request and response types.\n\
         pub struct Action {{\n    pub service: &'static str,\n    pub version: &'static str,\n    pub action: &'static str,\n    pub request: sdk_tests::Transcode,\n    pub response: sdk_tests::Transcode,\n}}\n\n\
         /// Every action of every spec.\n\
         pub static ACTIONS: &[Action] = &[\n{rows}];\n\n\
         /// The action's entry in [`ACTIONS`].\n\
         pub fn action(service: &str, version: &str, action: &str) -> Option<&'static Action> {{\n    ACTIONS.iter().find(|a| a.service == service && a.version == version && a.action == action)\n}}\n\n\
         /// Whether the service version's generated `ErrorCode` has a variant for `code`.\n\
         pub fn error_code_is_known(service: &str, version: &str, code: &str) -> Option<bool> {{\n    match (service, version) {{\n{arms_code}        _ => None,\n    }}\n}}\n",
        header_for("api-specs/")
    ))
}

/// Each action's Rust example, exactly as its docs show it, in a module of its own; plus the
/// count, so the test can tell how many there are.
fn rust_examples(plans: &[Plan]) -> String {
    let mut out = header_for("api-specs/");
    let mut count = 0;
    for plan in plans {
        for action in plan.actions.values() {
            let Some(Ok(code)) = &action.rust_example else {
                continue;
            };
            count += 1;
            let _ = writeln!(
                out,
                "#[allow(dead_code, deprecated, unused_imports)]\nmod {}_{}_{} {{\n{code}}}\n",
                plan.service, plan.module, action.method
            );
        }
    }
    let _ = writeln!(
        out,
        "/// How many actions have a Rust example.\npub const COUNT: usize = {count};"
    );
    out
}

/// Each service's crate guide as `guide_{service}.md` (name -> text), and a module per service
/// whose docs are that file.
fn crate_guides(plans: &[Plan]) -> (Vec<(String, String)>, String) {
    let mut services: BTreeMap<&str, Vec<&Plan>> = BTreeMap::new();
    for plan in plans {
        services.entry(&plan.service).or_default().push(plan);
    }
    let mut guides = Vec::new();
    let mut modules = header_for("api-specs/");
    for (service, mut versions) in services {
        versions.sort_by(|a, b| a.version.cmp(&b.version));
        let name = format!("guide_{service}.md");
        let header = format!(
            "<!-- {} -->\n\n",
            header_for("api-specs/").trim().trim_start_matches("// ")
        );
        guides.push((
            name.clone(),
            format!("{header}{}", crate_guide(&ServiceEntry { service, versions })),
        ));
        let _ = writeln!(
            modules,
            "#[doc = include_str!(\"{name}\")]\npub mod guide_{service} {{}}"
        );
    }
    (guides, modules)
}
