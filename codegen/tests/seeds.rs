//! Snapshots of the emitted code for each seed action (the actions imported from the doc
//! pages under `api-specs/sources/`) with the shapes it uses and its error codes. The same
//! output is written to `tests/generated/` by `cargo xtask regen` and compiled by `sdk-tests`.

use std::path::Path;

use tencentcloud_codegen::spec::load_spec;
use tencentcloud_codegen::{render_action, Plan, SpecFile};

const SPECS: [&str; 3] = [
    "dts/2021-12-06.json",
    "wedata/2021-08-20.json",
    "wedata/2025-08-06.json",
];

fn spec(relative: &str) -> SpecFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../api-specs")
        .join(relative);
    SpecFile {
        spec: load_spec(&path).unwrap_or_else(|e| panic!("{e}")),
        path: format!("api-specs/{relative}"),
    }
}

#[test]
fn seed_actions() {
    let mut seen = 0;
    for relative in SPECS {
        let file = spec(relative);
        for (action, found) in &file.spec.actions {
            if !found.provenance.iter().any(|p| p.file.starts_with("sources/")) {
                continue;
            }
            seen += 1;
            let name = format!("{}_{}_{action}", file.spec.service, file.spec.version);
            insta::assert_snapshot!(name, render_action(&file, action).unwrap());
        }
    }
    assert_eq!(seen, 5, "the five seed pages");
}

/// Every decision of the generator, one line each: wire name -> Rust name of every shape,
/// member, action and error code, with each field's type, presence, leniency and secrecy and
/// each action's retry class. A changed decision is a one-line diff here.
#[test]
fn plans() {
    for relative in SPECS {
        let file = spec(relative);
        let name = format!("plan_{}_{}", file.spec.service, file.spec.version);
        insta::assert_snapshot!(name, Plan::new(&file).unwrap().render());
    }
}
