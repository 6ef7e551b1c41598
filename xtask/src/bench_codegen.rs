//! `cargo xtask bench-codegen`: the figures that say what the generator costs its users,
//! measured side by side in one run on this machine: regeneration time, size of the specs and
//! of the generated code, and clean debug builds of the generated crate (dependencies already
//! built) with every feature and with each service version alone.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use tencentcloud_codegen::generate;

use crate::regen::load_specs;
use crate::workspace;

pub fn run(args: &[String]) -> Result<(), String> {
    let skip_builds = match args {
        [] => false,
        [flag] if flag == "--no-build" => true,
        _ => return Err(format!("usage: cargo xtask bench-codegen [--no-build], got {args:?}")),
    };
    let root = workspace::root();
    let api_specs = workspace::api_specs();

    // Regeneration, in process: load + validate + generate, best of 3.
    let mut best = Duration::MAX;
    let mut files = Default::default();
    for _ in 0..3 {
        let start = Instant::now();
        let specs = load_specs(&api_specs)?;
        files = generate(&specs).map_err(|e| e.to_string())?;
        best = best.min(start.elapsed());
    }
    println!(
        "regen (load, validate, generate {} files): {:.2} s (best of 3)",
        files.len(),
        best.as_secs_f64()
    );

    let specs = load_specs(&api_specs)?;
    println!(
        "\n{:<22} {:>8} {:>8} {:>9} {:>12} {:>14}",
        "spec", "actions", "shapes", "members", "spec bytes", "generated lines"
    );
    for spec in &specs {
        let bytes = std::fs::metadata(root.join(&spec.path)).map(|m| m.len()).unwrap_or(0);
        let dir = format!("src/{}/v{}/", spec.spec.service, spec.spec.version.replace('-', ""));
        let lines: usize = files
            .iter()
            .filter(|(path, _)| path.to_string_lossy().starts_with(&dir))
            .map(|(_, text)| text.lines().count())
            .sum();
        let members: usize = spec.spec.shapes.values().map(|s| s.members.len()).sum();
        println!(
            "{:<22} {:>8} {:>8} {:>9} {:>12} {:>14}",
            format!("{} {}", spec.spec.service, spec.spec.version),
            spec.spec.actions.len(),
            spec.spec.shapes.len(),
            members,
            bytes,
            lines
        );
    }
    let total_lines: usize = files.values().map(|text| text.lines().count()).sum();
    println!("generated/ total: {total_lines} lines in {} files", files.len());
    println!("api-specs/ total: {} bytes", dir_size(&api_specs));

    if skip_builds {
        return Ok(());
    }
    // Dependencies first, so the timings below are the generated crate alone.
    cargo(&root, &["build", "-p", "tencentcloud-sdk", "--features", "full"])?;
    println!("\nclean debug build of tencentcloud-sdk (dependencies built):");
    for features in ["full", "wedata-v20210820", "wedata-v20250806", "dts-v20211206"] {
        cargo(&root, &["clean", "-p", "tencentcloud-sdk"])?;
        let start = Instant::now();
        cargo(&root, &["build", "-p", "tencentcloud-sdk", "--features", features])?;
        println!("  --features {features:<18} {:>6.1} s", start.elapsed().as_secs_f64());
    }
    Ok(())
}

fn cargo(root: &Path, args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("cargo {}: {e}", args.join(" ")))?;
    if !output.status.success() {
        return Err(format!(
            "cargo {} failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(())
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                dir_size(&path)
            } else {
                entry.metadata().map(|m| m.len()).unwrap_or(0)
            }
        })
        .sum()
}
