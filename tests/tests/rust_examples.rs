//! Every action's Rust example, as its documentation shows it, compiles against the generated
//! crate. `build.rs` writes them from the plans; each is an uncalled `async fn`, so this test
//! costs type checking, not code generation for 500-odd calls.

mod examples {
    include!(concat!(env!("OUT_DIR"), "/rust_examples.rs"));
}

#[test]
fn the_documented_rust_examples_compile() {
    // Compiling is the test; the count keeps examples from silently disappearing (the three
    // versions have 576 actions, 555 with a request example).
    println!("{} actions have a Rust example", examples::COUNT);
    assert!(examples::COUNT >= 500, "only {} Rust examples", examples::COUNT);
}
