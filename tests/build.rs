//! Generates, from the same specs `cargo xtask regen` reads:
//! - each seed action's snapshot module and the fixture specs' modules, so that the code the
//!   snapshots show is compiled here (`src/lib.rs` includes them);
//! - each service crate's guide (its crate-level docs), whose examples `src/lib.rs` doctests;
//! - a dispatch table from (service, version, action) to the generated request and response
//!   types, so the example tests cover every action without hand-written lists.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use tencentcloud_codegen::naming::{version_module, Names};
use tencentcloud_codegen::spec::load_spec;
use tencentcloud_codegen::templates::{crate_guide, ServiceEntry};
use tencentcloud_codegen::{render_action, render_action_types, render_module, Plan, SerdeStyle, SpecFile};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is below the root")
        .to_owned();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let api_specs = root.join("api-specs");
    println!("cargo:rerun-if-changed={}", api_specs.display());
    println!("cargo:rerun-if-changed={}", root.join("tests/fixtures").display());

    let specs = spec_files(&root, &api_specs);
    write(&out.join("dispatch.rs"), &dispatch(&specs));
    write(&out.join("rust_examples.rs"), &rust_examples(&specs));
    write(&out.join("crate_guides.rs"), &crate_guides(&specs, &out));

    let mut seeds = String::new();
    for file in &specs {
        for (action, found) in &file.spec.actions {
            if !found.provenance.iter().any(|p| p.file.starts_with("sources/")) {
                continue;
            }
            let module = format!(
                "{}_{}_{}",
                file.spec.service,
                version_module(&file.spec.version),
                Names::resolve(&file.spec).expect("names resolve").action(action)
            );
            let name = format!("seed_{module}.rs");
            write(
                &out.join(&name),
                &render_action(file, action).unwrap_or_else(|e| panic!("{e}")),
            );
            let _ = writeln!(
                seeds,
                "pub mod {module} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{name}\")); }}"
            );
        }
    }
    write(&out.join("seeds.rs"), &seeds);

    // The serde-derive baseline of the types the decode benchmark uses.
    let dts = specs
        .iter()
        .find(|f| f.path.ends_with("dts/2021-12-06.json"))
        .expect("the dts spec");
    let derived = render_action_types(dts, "DescribeSyncJobs", SerdeStyle::Derive).unwrap_or_else(|e| panic!("{e}"));
    write(&out.join("derive_baseline.rs"), &derived);

    let fixture = root.join("tests/fixtures/naming.json");
    let spec = load_spec(&fixture).unwrap_or_else(|e| panic!("{e}"));
    let file = SpecFile {
        path: "tests/fixtures/naming.json".into(),
        spec,
    };
    write(
        &out.join("naming_fixture.rs"),
        &render_module(&file).unwrap_or_else(|e| panic!("{e}")),
    );
}

fn spec_files(root: &Path, api_specs: &Path) -> Vec<SpecFile> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(api_specs)
        .expect("api-specs/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && !p.ends_with("sources"))
        .flat_map(|dir| {
            std::fs::read_dir(dir)
                .expect("readable")
                .filter_map(|e| e.ok().map(|e| e.path()))
        })
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| SpecFile {
            spec: load_spec(&path).unwrap_or_else(|e| panic!("{e}")),
            path: path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned(),
        })
        .collect()
}

fn dispatch(specs: &[SpecFile]) -> String {
    let mut rows = String::new();
    let mut arms_code = String::new();
    for file in specs {
        let spec = &file.spec;
        let names = Names::resolve(spec).unwrap_or_else(|e| panic!("{e}"));
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
    format!(
        "/// An action and the [`sdk_tests::transcode`] of its request and response types.\n\
         pub struct Action {{\n    pub service: &'static str,\n    pub version: &'static str,\n    pub action: &'static str,\n    pub request: sdk_tests::Transcode,\n    pub response: sdk_tests::Transcode,\n}}\n\n\
         /// Every action of every spec.\n\
         pub static ACTIONS: &[Action] = &[\n{rows}];\n\n\
         /// The action's entry in [`ACTIONS`].\n\
         pub fn action(service: &str, version: &str, action: &str) -> Option<&'static Action> {{\n    ACTIONS.iter().find(|a| a.service == service && a.version == version && a.action == action)\n}}\n\n\
         /// Whether the service version's generated `ErrorCode` has a variant for `code`.\n\
         pub fn error_code_is_known(service: &str, version: &str, code: &str) -> Option<bool> {{\n    match (service, version) {{\n{arms_code}        _ => None,\n    }}\n}}\n"
    )
}

/// Each action's Rust example, exactly as its docs show it, in a module of its own; plus the
/// count, so the test can tell how many there are.
fn rust_examples(specs: &[SpecFile]) -> String {
    let mut out = String::new();
    let mut count = 0;
    for file in specs {
        let plan = Plan::new(file).unwrap_or_else(|e| panic!("{e}"));
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

/// Each service's crate guide as `guide_{service}.md`, and a module per service whose docs are
/// that file.
fn crate_guides(specs: &[SpecFile], out: &Path) -> String {
    let plans: Vec<Plan> = specs
        .iter()
        .map(|file| Plan::new(file).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let mut services: std::collections::BTreeMap<&str, Vec<&Plan>> = Default::default();
    for plan in &plans {
        services.entry(&plan.service).or_default().push(plan);
    }
    let mut modules = String::new();
    for (service, mut versions) in services {
        versions.sort_by(|a, b| a.version.cmp(&b.version));
        let name = format!("guide_{service}.md");
        write(&out.join(&name), &crate_guide(&ServiceEntry { service, versions }));
        let _ = writeln!(
            modules,
            "#[doc = include_str!(concat!(env!(\"OUT_DIR\"), \"/{name}\"))]\npub mod guide_{service} {{}}"
        );
    }
    modules
}

fn write(path: &Path, contents: &str) {
    // Unchanged files keep their mtime, so dependents are not rebuilt needlessly.
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::write(path, contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
