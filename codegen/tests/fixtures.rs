//! Snapshots of the emitted code for the fixture specs under `tests/fixtures/`: the naming
//! edge cases (acronyms, keywords, recursion, dotted error codes). The same output is written
//! to `tests/generated/` by `cargo xtask regen` and compiled by `sdk-tests`, so these
//! snapshots are code that builds.

use std::path::Path;

use tencentcloud_codegen::spec::load_spec;
use tencentcloud_codegen::{render_module, Plan, SpecFile};

fn fixture(name: &str) -> SpecFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name);
    let spec = load_spec(&path).unwrap_or_else(|e| panic!("{e}"));
    SpecFile {
        path: format!("tests/fixtures/{name}"),
        spec,
    }
}

#[test]
fn naming_fixture_module() {
    let file = fixture("naming.json");
    insta::assert_snapshot!(render_module(&file).unwrap());
}

#[test]
fn naming_fixture_plan() {
    let file = fixture("naming.json");
    insta::assert_snapshot!(Plan::new(&file).unwrap().render());
}
