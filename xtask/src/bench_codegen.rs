//! `cargo xtask bench-codegen`: the figures that say what the generator costs its users,
//! measured side by side in one run on this machine: regeneration time, size of the specs and
//! of the generated code, and clean debug builds of the service crates (dependencies already
//! built) with every version and with each service version alone, beside the same surface with
//! serde's derives, and what callers pay for the actions they use, beside callers of that
//! baseline (which, as progenitor's output, compiles everything in the SDK).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use tencentcloud_codegen::naming::{crate_ident, crate_name, feature_name};
use tencentcloud_codegen::{generate, generate_with_style, generate_without_setters, SerdeStyle};

use crate::regen::load_specs;
use crate::{progenitor_anchor, rustc_instructions, service_workspace, workspace};

pub fn run(args: &[String]) -> Result<(), String> {
    let usage = || {
        format!(
            "usage: cargo xtask bench-codegen [--no-build [--instructions] [--progenitor] | --setters [--rounds N] [--instructions]], got {args:?}"
        )
    };
    let root = workspace::root();
    let api_specs = workspace::api_specs();
    if args == [REGEN_ONCE] {
        let specs = load_specs(&api_specs)?;
        generate(&specs).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let (mut skip_builds, mut setters_only, mut regen_instructions) = (false, false, false);
    let mut anchor = true;
    let mut setters_options = SettersOptions {
        rounds: 3,
        instructions: false,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--no-build" if !setters_only => {
                skip_builds = true;
                anchor = false;
            }
            "--progenitor" if skip_builds => anchor = true,
            "--setters" if !skip_builds => setters_only = true,
            "--rounds" if setters_only => {
                let n = rest.next().and_then(|n| n.parse().ok()).filter(|&n: &usize| n > 0);
                setters_options.rounds = n.ok_or_else(usage)?;
            }
            "--instructions" if setters_only => setters_options.instructions = true,
            "--instructions" if skip_builds => regen_instructions = true,
            _ => return Err(usage()),
        }
    }

    // Regeneration, in process: load + validate + generate.
    let regen = || {
        let start = Instant::now();
        let specs = load_specs(&api_specs)?;
        let files = generate(&specs).map_err(|e| e.to_string())?;
        Ok::<_, String>((start.elapsed().as_secs_f64(), files))
    };
    let (mut best, mut files) = (f64::MAX, Default::default());
    if anchor && !setters_only {
        // Beside progenitor, round by round (this host's load drifts): the best of each side
        // and the median of the rounds' ratios.
        let anchor = progenitor_anchor::prepare(&root, &load_specs(&api_specs)?)?;
        let (mut progenitor, mut progenitor_lines, mut ratios) = (f64::MAX, 0, Vec::new());
        for _ in 0..ANCHOR_ROUNDS {
            let (seconds, generated) = regen()?;
            let theirs = progenitor_anchor::time_progenitor(&anchor)?;
            (best, files) = (best.min(seconds), generated);
            (progenitor, progenitor_lines) = (progenitor.min(theirs.seconds), theirs.lines);
            ratios.push(seconds / theirs.seconds);
        }
        println!(
            "regen (load, validate, generate {} files, {} lines): {best:.2} s; progenitor 0.11.2 on the same surface \
             as OpenAPI (parse, generate, print {progenitor_lines} lines): {progenitor:.2} s (best of {ANCHOR_ROUNDS} \
             alternated rounds each); ratio: {:.2} of the bests, {:.2} median round",
            files.len(),
            files.values().map(|text| text.lines().count()).sum::<usize>(),
            best / progenitor,
            median(&mut ratios)
        );
    } else {
        for _ in 0..3 {
            let (seconds, generated) = regen()?;
            (best, files) = (best.min(seconds), generated);
        }
        println!(
            "regen (load, validate, generate {} files): {best:.2} s (best of 3)",
            files.len()
        );
    }
    if regen_instructions {
        let count = regen_instructions_count(&root)?;
        println!(
            "regen (load, validate, generate once), instructions counted by cachegrind: {:.2} billion",
            count as f64 / 1e9
        );
    }

    let specs = load_specs(&api_specs)?;
    println!(
        "\n{:<22} {:>8} {:>8} {:>9} {:>12} {:>14}",
        "spec", "actions", "shapes", "members", "spec bytes", "generated lines"
    );
    for spec in &specs {
        let bytes = std::fs::metadata(root.join(&spec.path)).map(|m| m.len()).unwrap_or(0);
        let dir = format!("{}/src/v{}/", spec.spec.service, spec.spec.version.replace('-', ""));
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
    if setters_only {
        return setters(&root, &specs, &setters_options);
    }
    // The same surface with `#[derive(Serialize, Deserialize)]`, as a workspace of its own
    // sharing the target directory (and so the built dependencies), to time side by side: this
    // machine is too noisy for absolute figures alone.
    let baseline = root.join("target/bench-codegen/derive");
    let derived = generate_with_style(&specs, SerdeStyle::Derive).map_err(|e| e.to_string())?;
    service_workspace::write(&baseline, &derived, "bench-codegen")?;
    let baseline_manifest = baseline.join("Cargo.toml");
    let baseline_manifest = baseline_manifest.to_string_lossy();
    let target = root.join("target").to_string_lossy().into_owned();

    // A row per service version, and one of them all: packages, and `--features`.
    let mut rows: Vec<(String, Vec<String>, Vec<String>)> = specs
        .iter()
        .map(|file| {
            let package = crate_name(&file.spec.service);
            let feature = format!("{package}/{}", feature_name(&file.spec.version));
            (
                format!("{} {}", file.spec.service, file.spec.version),
                vec![package],
                vec![feature],
            )
        })
        .collect();
    let mut every: Vec<String> = rows.iter().flat_map(|(_, packages, _)| packages.clone()).collect();
    every.dedup();
    let all_features = rows.iter().flat_map(|(_, _, features)| features.clone()).collect();
    rows.insert(0, ("every version".to_owned(), every, all_features));
    let build = |packages: &[String], features: &[String], elsewhere: &[&str]| {
        let mut args: Vec<&str> = packages.iter().flat_map(|p| ["-p", p.as_str()]).collect();
        let features = features.join(",");
        args.extend(["--no-default-features", "--features", &features]);
        clean_build(&root, packages, elsewhere, &args)
    };
    let compact = |packages: &[String], features: &[String]| build(packages, features, &[]);
    // The baseline's types derive serde's traits: its crates' `serde` feature is on.
    let derive = |packages: &[String], features: &[String]| {
        let mut features = features.to_vec();
        features.extend(packages.iter().map(|p| format!("{p}/serde")));
        build(
            packages,
            &features,
            &["--manifest-path", &baseline_manifest, "--target-dir", &target],
        )
    };
    // Dependencies first, so the timings below are the generated crates alone.
    let (_, packages, features) = &rows[0];
    compact(packages, features)?;
    derive(packages, features)?;
    println!("\nclean debug build, dependencies built; compact impls (generated/) vs serde derive, alternated:");
    println!(
        "  {:<24} {:>9} {:>9} {:>7}",
        "service versions", "compact", "derive", "ratio"
    );
    for (label, packages, features) in &rows {
        let (c1, d1, c2, d2) = (
            compact(packages, features)?,
            derive(packages, features)?,
            compact(packages, features)?,
            derive(packages, features)?,
        );
        let (c, d) = (c1.min(c2), d1.min(d2));
        println!("  {label:<24} {c:>7.1} s {d:>7.1} s {:>6.2}", c / d);
    }
    setters(&root, &specs, &setters_options)?;

    // What a caller pays for the actions it uses: a caller that uses one action, and callers
    // that use every action of dts, or of everything; beside the same callers of the baseline.
    let generated = root.join("generated");
    let callers = [
        ("compact", write_caller(&root, &specs, &generated, "caller", &[])?),
        (
            "derive",
            write_caller(&root, &specs, &baseline, "caller-derive", &["serde"])?,
        ),
    ];
    let caller_build = |dir: &Path, bin: &str| {
        let manifest = dir.join("Cargo.toml");
        let manifest = manifest.to_string_lossy();
        let elsewhere = ["--manifest-path", &manifest, "--target-dir", &target];
        clean_build(&root, &[CALLER.to_owned()], &elsewhere, &["--bin", bin])
    };
    for (_, dir) in &callers {
        caller_build(dir, "one")?;
    }
    println!(
        "\nclean debug build of a caller crate (the service crates with every version built), alternated, best of 2:"
    );
    println!(
        "  {:<32} {:>9} {:>9} {:>7}",
        "caller uses", "compact", "derive", "ratio"
    );
    for (bin, what) in [
        ("one", "one action (DescribeSyncJobs)"),
        ("dts", "every dts action"),
        ("all", "every action"),
    ] {
        let mut best = [f64::MAX; 2];
        for _ in 0..2 {
            for (i, (_, dir)) in callers.iter().enumerate() {
                best[i] = best[i].min(caller_build(dir, bin)?);
            }
        }
        println!(
            "  {what:<32} {:>7.1} s {:>7.1} s {:>6.2}",
            best[0],
            best[1],
            best[0] / best[1]
        );
    }
    Ok(())
}

/// Rounds of regeneration beside progenitor.
const ANCHOR_ROUNDS: usize = 7;

/// The hidden argument of one regeneration in process, which [`regen_instructions_count`] runs
/// under cachegrind.
const REGEN_ONCE: &str = "--regen-once";

/// The instructions one regeneration executes (load, validate, generate; nothing written),
/// counted by cachegrind in this binary run again with [`REGEN_ONCE`]: a figure this host's
/// noise does not move, for generator changes too close for timings to tell apart.
fn regen_instructions_count(root: &Path) -> Result<u64, String> {
    if !rustc_instructions::available() {
        return Err("--instructions needs valgrind (`apt-get install valgrind`)".to_owned());
    }
    let dir = root.join("target/bench-codegen/regen-instructions");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let exe = std::env::current_exe().map_err(|e| format!("the xtask binary's path: {e}"))?;
    let status = rustc_instructions::cachegrind(&dir, "regen")
        .arg(&exe)
        .args(["bench-codegen", REGEN_ONCE])
        .status()
        .map_err(|e| format!("running valgrind: {e}"))?;
    if !status.success() {
        return Err(format!(
            "regeneration under cachegrind failed ({status}); see {}",
            dir.display()
        ));
    }
    Ok(rustc_instructions::total(&dir)?.values().sum())
}

struct SettersOptions {
    /// Rounds of clean builds, each building both sides.
    rounds: usize,
    /// Also count rustc's instructions under valgrind (about 15 minutes on 2 cores).
    instructions: bool,
}

/// What the setters of optional members cost the SDK's build: the service crates of every
/// version with them (`generated/`) and without them (`target/bench-codegen/no-setters`),
/// clean debug builds alternated for `rounds` rounds, wall and CPU. This host's noise drifts
/// over minutes, so the cost is read from each round's pair (built one after the other) and
/// the median pair is the figure; the best of each side is printed beside it. With
/// `instructions`, also the instructions rustc executes for the service crates of each side,
/// which that noise does not move.
fn setters(root: &Path, specs: &[tencentcloud_codegen::SpecFile], options: &SettersOptions) -> Result<(), String> {
    let rounds = options.rounds;
    let without = root.join("target/bench-codegen/no-setters");
    let files = generate_without_setters(specs).map_err(|e| e.to_string())?;
    service_workspace::write(&without, &files, "bench-codegen")?;
    let manifest = without.join("Cargo.toml");
    let manifest = manifest.to_string_lossy();
    let target = root.join("target").to_string_lossy().into_owned();
    let mut packages: Vec<String> = specs.iter().map(|f| crate_name(&f.spec.service)).collect();
    packages.dedup();
    let features: Vec<String> = specs
        .iter()
        .map(|f| format!("{}/{}", crate_name(&f.spec.service), feature_name(&f.spec.version)))
        .collect();
    let features = features.join(",");
    let mut args: Vec<&str> = packages.iter().flat_map(|p| ["-p", p.as_str()]).collect();
    args.extend(["--no-default-features", "--features", &features]);
    let with_setters = || timed_clean_build(root, &packages, &[], &args);
    let without_setters = || {
        let elsewhere = ["--manifest-path", &*manifest, "--target-dir", &target];
        timed_clean_build(root, &packages, &elsewhere, &args)
    };
    // Dependencies first.
    with_setters()?;
    without_setters()?;
    let (mut with, mut without) = ((f64::MAX, f64::MAX), (f64::MAX, f64::MAX));
    let (mut wall_costs, mut cpu_costs) = (Vec::new(), Vec::new());
    println!(
        "\nwhat the setters cost: clean debug build of every version, dependencies built, alternated, {rounds} rounds:"
    );
    println!(
        "  {:<10} {:>19} {:>19} {:>17}",
        "", "without: wall, CPU", "with: wall, CPU", "cost: wall, CPU"
    );
    for round in 1..=rounds {
        // Which side builds first alternates too, so drift within a round favours neither.
        let (a, b) = if round % 2 == 1 {
            let a = without_setters()?;
            (a, with_setters()?)
        } else {
            let b = with_setters()?;
            (without_setters()?, b)
        };
        without = (without.0.min(a.0), without.1.min(a.1));
        with = (with.0.min(b.0), with.1.min(b.1));
        let cost = ((b.0 / a.0 - 1.0) * 100.0, (b.1 / a.1 - 1.0) * 100.0);
        wall_costs.push(cost.0);
        cpu_costs.push(cost.1);
        println!(
            "  round {round:<4} {:>7.1} s {:>7.1} s {:>7.1} s {:>7.1} s {:>7.1}% {:>7.1}%",
            a.0, a.1, b.0, b.1, cost.0, cost.1
        );
    }
    println!(
        "  {:<10} {:>7.1} s {:>7.1} s {:>7.1} s {:>7.1} s {:>7.1}% {:>7.1}%",
        "best",
        without.0,
        without.1,
        with.0,
        with.1,
        (with.0 / without.0 - 1.0) * 100.0,
        (with.1 / without.1 - 1.0) * 100.0
    );
    println!(
        "  {:<10} {:>39} {:>7.1}% {:>7.1}%",
        "median",
        "",
        median(&mut wall_costs),
        median(&mut cpu_costs)
    );
    if options.instructions {
        setters_instructions(root, &packages, &args, &manifest)?;
    }
    Ok(())
}

/// The instructions rustc executes for the service crates, with setters and without, in a
/// dependency's build (not incremental), each side built once: the count does not vary.
fn setters_instructions(root: &Path, packages: &[String], args: &[&str], without: &str) -> Result<(), String> {
    if !rustc_instructions::available() {
        return Err("--instructions needs valgrind (`apt-get install valgrind`)".into());
    }
    let counts_dir = root.join("target/bench-codegen/instructions");
    let target = counts_dir.join("target").to_string_lossy().into_owned();
    let count = |label: &str, manifest: &str| -> Result<std::collections::BTreeMap<String, u64>, String> {
        let elsewhere = ["--manifest-path", manifest, "--target-dir", &target];
        // Dependencies, with the same wrapper so that they are not rebuilt for the count.
        cargo_with(
            root,
            &[&["build"][..], args, &elsewhere].concat(),
            &rustc_instructions::build_env(None)?,
        )?;
        let clean: Vec<&str> = packages.iter().flat_map(|p| ["-p", p.as_str()]).collect();
        cargo(root, &[&["clean"][..], &clean, &elsewhere].concat())?;
        let dir = counts_dir.join(label);
        let _ = std::fs::remove_dir_all(&dir);
        let env = rustc_instructions::build_env(Some((&dir, "tencentcloud_sdk_")))?;
        cargo_with(root, &[&["build"][..], args, &elsewhere].concat(), &env)?;
        rustc_instructions::total(&dir)
    };
    let with_manifest = root.join("Cargo.toml");
    let with = count("with", &with_manifest.to_string_lossy())?;
    let without = count("without", without)?;
    println!("\ninstructions rustc executes for the service crates (valgrind, not incremental), billions:");
    println!("  {:<28} {:>9} {:>9} {:>7}", "crate", "without", "with", "cost");
    let billions = |n: u64| n as f64 / 1e9;
    for (name, with_count) in &with {
        let without_count = without.get(name).copied().unwrap_or(0);
        println!(
            "  {name:<28} {:>9.2} {:>9.2} {:>6.1}%",
            billions(without_count),
            billions(*with_count),
            (*with_count as f64 / without_count as f64 - 1.0) * 100.0
        );
    }
    let (w, wo): (u64, u64) = (with.values().sum(), without.values().sum());
    println!(
        "  {:<28} {:>9.2} {:>9.2} {:>6.1}%",
        "every version",
        billions(wo),
        billions(w),
        (w as f64 / wo as f64 - 1.0) * 100.0
    );
    Ok(())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

const CALLER: &str = "tencentcloud-sdk-bench-caller";

/// A crate under `target/bench-codegen/{name}/`, over the service crates in `crates` (with
/// `features` on besides the versions), whose binaries take the address of action methods,
/// which makes the compiler instantiate whatever a call would.
fn write_caller(
    root: &Path,
    specs: &[tencentcloud_codegen::SpecFile],
    crates: &Path,
    name: &str,
    features: &[&str],
) -> Result<std::path::PathBuf, String> {
    let dir = root.join("target/bench-codegen").join(name);
    let generated = crates;
    let mut services: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for file in specs {
        services
            .entry(&file.spec.service)
            .or_default()
            .push(format!("{:?}", feature_name(&file.spec.version)));
    }
    for list in services.values_mut() {
        list.extend(features.iter().map(|f| format!("{f:?}")));
    }
    let dependencies: String = services
        .iter()
        .map(|(service, features)| {
            format!(
                "{} = {{ path = {:?}, features = [{}] }}\n",
                crate_name(service),
                generated.join(service).to_string_lossy(),
                features.join(", ")
            )
        })
        .collect();
    let cargo_toml = format!(
        "[package]\nname = \"{CALLER}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{dependencies}\n\
         [profile.dev.package.\"*\"]\ndebug = false\n\n[workspace]\n"
    );
    write(&dir.join("Cargo.toml"), &cargo_toml)?;
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    write(&dir.join("Cargo.lock"), &lock)?;
    let mut every = Vec::new();
    let mut dts = Vec::new();
    for file in specs {
        let spec = &file.spec;
        let names = tencentcloud_codegen::naming::Names::resolve(spec).map_err(|e| e.to_string())?;
        let module = format!(
            "{}::{}::Client",
            crate_ident(&spec.service),
            tencentcloud_codegen::naming::version_module(&spec.version)
        );
        for action in spec.actions.keys() {
            let path = format!("{module}::{} as usize", names.action(action));
            if spec.service == "dts" {
                dts.push(path.clone());
            }
            every.push(path);
        }
    }
    let bin = |paths: &[String]| {
        format!(
            "#![allow(deprecated)]\nfn main() {{\n    let actions: &[usize] = &[\n{}    ];\n    std::hint::black_box(actions);\n}}\n",
            paths.iter().map(|p| format!("        {p},\n")).collect::<String>()
        )
    };
    let one = "tencentcloud_sdk_dts::v20211206::Client::describe_sync_jobs as usize".to_owned();
    write(&dir.join("src/bin/one.rs"), &bin(&[one]))?;
    write(&dir.join("src/bin/dts.rs"), &bin(&dts))?;
    write(&dir.join("src/bin/all.rs"), &bin(&every))?;
    Ok(dir)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Seconds for `cargo build` of `packages` after `cargo clean -p` of them; `manifest` selects a
/// workspace outside the repository's (`--manifest-path`, `--target-dir`).
fn clean_build(root: &Path, packages: &[String], manifest: &[&str], build: &[&str]) -> Result<f64, String> {
    timed_clean_build(root, packages, manifest, build).map(|(wall, _)| wall)
}

/// [`clean_build`]'s seconds, wall and CPU (of cargo and the compilers it ran).
fn timed_clean_build(
    root: &Path,
    packages: &[String],
    manifest: &[&str],
    build: &[&str],
) -> Result<(f64, f64), String> {
    let clean: Vec<&str> = packages.iter().flat_map(|p| ["-p", p.as_str()]).collect();
    cargo(root, &[&["clean"][..], &clean, manifest].concat())?;
    let (start, cpu) = (Instant::now(), children_cpu());
    cargo(root, &[&["build"][..], build, manifest].concat())?;
    Ok((start.elapsed().as_secs_f64(), children_cpu() - cpu))
}

/// CPU seconds (user and system) of the child processes waited for so far, and of theirs.
#[cfg(unix)]
fn children_cpu() -> f64 {
    // SAFETY: `getrusage` fills the zeroed struct it is given and reads nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        (libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) == 0).then_some(usage)
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    usage.map_or(f64::NAN, |u| seconds(u.ru_utime) + seconds(u.ru_stime))
}

#[cfg(not(unix))]
fn children_cpu() -> f64 {
    f64::NAN
}

fn cargo(root: &Path, args: &[&str]) -> Result<(), String> {
    cargo_with(root, args, &[])
}

/// `cargo` with `env` set for it.
fn cargo_with(root: &Path, args: &[&str], env: &[(String, String)]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(args)
        .envs(env.iter().map(|(k, v)| (k, v)))
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
