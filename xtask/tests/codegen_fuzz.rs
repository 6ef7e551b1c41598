//! The generator never panics on a random spec: it rejects it with an error naming the spec,
//! or generates, the text it writes for speed reading as its tokens print. (`cargo xtask
//! fuzz-codegen` also compiles and documents what it generates; `.ci/run` runs it.)

use proptest::prelude::*;
use xtask::fuzz_codegen::{run_case, Outcome};

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_specs_are_generated_or_rejected_cleanly(seed in any::<u64>(), index in 0u64..1000) {
        match run_case(seed, index) {
            Outcome::Rejected(message) => prop_assert!(message.contains(&format!("case-{index}.json")), "{}", message),
            Outcome::Generated(module) => prop_assert!(module.starts_with("// @generated")),
            Outcome::PreformattedDiffers { line } => prop_assert!(false, "preformatted text differs at line {}", line),
        }
    }
}
