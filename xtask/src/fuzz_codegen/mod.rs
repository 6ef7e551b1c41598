//! `cargo xtask fuzz-codegen [--cases N] [--seed S]`: the generator against random specs
//! ([`random_spec`]). Every spec must either be rejected with an error that names the spec,
//! or generate code that compiles with warnings denied and documents with rustdoc's warnings
//! denied. The accepted specs are compiled together, as one crate under
//! `target/fuzz-codegen/`, so N cases cost one build.

pub mod random_spec;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use tencentcloud_codegen::spec::validate;
use tencentcloud_codegen::{render_module, render_module_from_tokens, Plan, SpecFile};

use crate::rng::Rng;
use crate::workspace;

/// What one case came to.
#[derive(Debug)]
pub enum Outcome {
    /// Rejected with this message (which names the spec).
    Rejected(String),
    /// The generated module.
    Generated(String),
    /// The generated module, whose preformatted items read otherwise than their tokens print
    /// (a generator bug): the first line that differs, from 1.
    PreformattedDiffers { line: usize },
}

/// Runs the generator on the spec of case `index` under `seed`. Panics are the bug this hunts
/// for, so they are not caught here.
pub fn run_case(seed: u64, index: u64) -> Outcome {
    let spec = random_spec::random_spec(&mut Rng::for_case(seed, index));
    let path = format!("fuzz/case-{index}.json");
    if let Err((field, message)) = validate(&spec) {
        return Outcome::Rejected(format!("{path}: at `{field}`: {message}"));
    }
    let file = SpecFile { path, spec };
    if let Err(e) = Plan::new(&file) {
        return Outcome::Rejected(e.to_string());
    }
    let module = match render_module(&file) {
        Ok(module) => module,
        Err(e) => return Outcome::Rejected(e.to_string()),
    };
    // The text the templates write for speed must be what their tokens print.
    match render_module_from_tokens(&file) {
        Ok(tokens) if tokens == module => Outcome::Generated(module),
        Ok(tokens) => {
            let line = module.lines().zip(tokens.lines()).position(|(a, b)| a != b);
            Outcome::PreformattedDiffers {
                line: line.unwrap_or_else(|| module.lines().count().min(tokens.lines().count())) + 1,
            }
        }
        Err(e) => Outcome::Rejected(e.to_string()),
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut cases = 40u64;
    let mut seed = 1u64;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .and_then(|v| v.parse::<u64>().ok())
                .ok_or(format!("{name} needs a number"))
        };
        match arg.as_str() {
            "--cases" => cases = value("--cases")?,
            "--seed" => seed = value("--seed")?,
            other => {
                return Err(format!(
                    "unknown argument `{other}` (usage: fuzz-codegen [--cases N] [--seed S])"
                ))
            }
        }
    }
    let mut lib = String::from("#![allow(dead_code)]\n");
    let (mut generated, mut rejected) = (0, 0);
    for index in 0..cases {
        match run_case(seed, index) {
            Outcome::Rejected(message) => {
                if !message.contains(&format!("case-{index}.json")) {
                    return Err(format!(
                        "case {index} (seed {seed}): the error does not name the spec: {message}"
                    ));
                }
                rejected += 1;
            }
            Outcome::PreformattedDiffers { line } => {
                return Err(format!(
                    "case {index} (seed {seed}): the preformatted items differ from their tokens' print at line {line}"
                ));
            }
            Outcome::Generated(module) => {
                generated += 1;
                let _ = writeln!(lib, "#[rustfmt::skip]\npub mod case_{index} {{\n{module}\n}}");
            }
        }
    }
    eprintln!("fuzz-codegen: seed {seed}: {cases} specs, {generated} generated, {rejected} rejected cleanly");
    let dir = workspace::root().join("target/fuzz-codegen");
    write_crate(&dir, &lib)?;
    // Without the `serde` feature too: each shape is then encoded or decoded only as calls
    // need, and what it holds must be too.
    for (what, command) in [
        ("cargo check", &["check"][..]),
        (
            "cargo check --no-default-features",
            &["check", "--no-default-features"][..],
        ),
        ("cargo doc", &["doc", "--no-deps"][..]),
    ] {
        let status = Command::new(env!("CARGO"))
            .args(command)
            .args(["--quiet", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .env("RUSTFLAGS", "-D warnings")
            .env("RUSTDOCFLAGS", "-D warnings")
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() {
            return Err(format!(
                "{what} of the generated code failed (seed {seed}; the crate is in {})",
                dir.display()
            ));
        }
    }
    eprintln!(
        "fuzz-codegen: the {generated} generated modules compile (with and without `serde`) and document with warnings denied"
    );
    Ok(())
}

fn write_crate(dir: &Path, lib: &str) -> Result<(), String> {
    let runtime = workspace::root().join("runtime");
    let manifest = format!(
        "[package]\nname = \"fuzz-codegen-output\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [lib]\npath = \"lib.rs\"\n\n[dependencies]\ntencentcloud-runtime = {{ path = {:?} }}\n\
         serde = \"1\"\nserde_json = \"1\"\n\n\
         # As a service crate's `serde` feature: both codec directions and serde's traits, checked.\n\
         [features]\ndefault = [\"serde\"]\nserde = []\n\n[workspace]\n",
        runtime.display().to_string()
    );
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (name, text) in [("Cargo.toml", manifest.as_str()), ("lib.rs", lib)] {
        std::fs::write(dir.join(name), text).map_err(|e| format!("{}: {e}", dir.join(name).display()))?;
    }
    // The workspace's lock file pins the same dependency versions the SDK is tested with.
    let lock = workspace::root().join("Cargo.lock");
    std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(|e| format!("{}: {e}", lock.display()))?;
    Ok(())
}
