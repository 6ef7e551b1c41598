//! Every action's Rust example, as its documentation shows it, compiles against the generated
//! crate. `cargo xtask regen` writes them from the plans (`tests/generated/rust_examples.rs`);
//! each is an uncalled `async fn`, so this test costs type checking, not code generation for
//! 500-odd calls.

use std::path::Path;

use tencentcloud_codegen::spec::load_spec;

mod examples {
    include!("../generated/rust_examples.rs");
}

/// Request examples the generated API cannot express, each for a reason in the example itself
/// (the plan snapshots say which): a required member missing, a number where the definitions
/// say text, a member the definitions lack.
const NOT_EXPRESSIBLE: usize = 3;

#[test]
fn the_documented_rust_examples_compile() {
    // Compiling is the test; the count keeps examples from silently disappearing.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut with_request_example = 0;
    for path in [
        "dts/2021-12-06.json",
        "sts/2018-08-13.json",
        "wedata/2021-08-20.json",
        "wedata/2025-08-06.json",
    ] {
        let spec = load_spec(&root.join("api-specs").join(path)).unwrap();
        with_request_example += spec
            .actions
            .values()
            .filter(|a| a.examples.iter().any(|e| e.input.is_some()))
            .count();
    }
    println!(
        "{} of {with_request_example} actions with a request example have a Rust example",
        examples::COUNT
    );
    assert_eq!(examples::COUNT, with_request_example - NOT_EXPRESSIBLE);
}
