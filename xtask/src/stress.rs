//! `cargo xtask stress [--skip-import] [--no-check] [--batch-actions N]`: the importer and the
//! generator on every service version the pinned definitions hold (300 versions of 262
//! services in tccli 3.1.189.1), measured stage by stage:
//!
//! 1. import: `import-definitions --all` into `target/stress/api-specs/` (doc pages, common error
//!    codes, English overlay, value sets: all of it; the checked-in specs' overrides and waiters
//!    are carried over as for `api-specs/`);
//! 2. generate: those specs into one crate, `target/stress/crate/`, a feature per version, as
//!    `regen` makes `generated/` (a version that cannot be planned or rendered is left out);
//! 3. check: `cargo check` of that crate with warnings denied, in batches of versions of at most
//!    `--batch-actions` actions (default 2,500), each batch its features: one rustc at a time,
//!    which bounds the memory (a batch's peak is about proportional to its actions).
//!
//! It prints, per stage, the versions and actions that passed and the time per 1,000 actions,
//! the peak memory (of the xtask, which holds every plan while generating, and of the largest
//! child, i.e. rustc), and fails listing every version that stopped at a stage with its first
//! error. Not part of `cargo test` or `.ci/run`: it takes tens of minutes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tencentcloud_codegen::naming::module_name;
use tencentcloud_codegen::{generate_each, GenerateError};

use crate::import::definitions::selection::Entry;
use crate::import::definitions::{write_imported, Importer, PackageArgs, Packages};
use crate::regen::{self, Mode};
use crate::workspace;

const USAGE: &str = "usage: cargo xtask stress [--skip-import] [--no-check] [--batch-actions N]";
const DEFAULT_BATCH_ACTIONS: usize = 2_500;

#[derive(Debug, PartialEq)]
struct Args {
    skip_import: bool,
    check: bool,
    batch_actions: usize,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        skip_import: false,
        check: true,
        batch_actions: DEFAULT_BATCH_ACTIONS,
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--skip-import" => parsed.skip_import = true,
            "--no-check" => parsed.check = false,
            "--batch-actions" => {
                parsed.batch_actions = iter
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or(format!("--batch-actions needs a positive number\n{USAGE}"))?;
            }
            other => return Err(format!("unexpected argument `{other}`\n{USAGE}")),
        }
    }
    Ok(parsed)
}

/// One stage's outcome.
#[derive(Default)]
struct Stage {
    name: &'static str,
    /// Versions that went in.
    versions: usize,
    passed: usize,
    actions: usize,
    time: Duration,
    /// Version (`service version`) -> its first error at this stage.
    failed: BTreeMap<String, String>,
    /// What else the line should say.
    detail: String,
}

impl Stage {
    fn line(&self) -> String {
        let per_1000 = if self.actions == 0 {
            "-".to_owned()
        } else {
            format!("{:.2} s", self.time.as_secs_f64() * 1000.0 / self.actions as f64)
        };
        format!(
            "{:<12} {:>7}/{:<4} {:>8} {:>9.1} s {:>10}{}",
            self.name,
            self.passed,
            self.versions,
            self.actions,
            self.time.as_secs_f64(),
            per_1000,
            if self.detail.is_empty() {
                String::new()
            } else {
                format!("  {}", self.detail)
            }
        )
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse_args(args)?;
    let started = Instant::now();
    let root = workspace::root().join("target").join("stress");
    let specs_dir = root.join("api-specs");
    let mut stages = Vec::new();

    let setup = Instant::now();
    let packages = Packages::open(&PackageArgs::default())?;
    let catalog = packages.catalog()?;
    let defined: usize = catalog.iter().map(|e| e.actions).sum();
    eprintln!(
        "stress: {} service versions of {} services, {defined} actions defined (packages ready in {:.1} s)",
        catalog.len(),
        catalog
            .iter()
            .map(|e| &e.service)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        setup.elapsed().as_secs_f64()
    );

    if args.skip_import {
        eprintln!("stress: import skipped: generating from {}", shown(&specs_dir));
    } else {
        stages.push(import(&packages, &catalog, &specs_dir)?);
    }
    drop(packages);

    // Each stage counts of every version: one an earlier stage stopped did not pass it either.
    let (generate_stage, plans) = generate(&specs_dir, &root.join("crate"), catalog.len())?;
    stages.push(generate_stage);
    if args.check {
        stages.push(check(&root, &plans, args.batch_actions, catalog.len())?);
    }

    eprintln!();
    eprintln!(
        "stress: {:<12} {:>12} {:>8} {:>11} {:>10}",
        "stage", "versions", "actions", "time", "per 1,000"
    );
    for stage in &stages {
        eprintln!("stress: {}", stage.line());
    }
    eprintln!(
        "stress: total {:.1} s; peak memory: xtask {}, largest child process (rustc) {}",
        started.elapsed().as_secs_f64(),
        peak(Who::Myself),
        peak(Who::Children)
    );
    let failures: Vec<String> = stages
        .iter()
        .flat_map(|s| s.failed.iter().map(move |(v, e)| format!("{}: {v}: {e}", s.name)))
        .collect();
    if failures.is_empty() {
        eprintln!(
            "stress: every version passed every stage ({} of {})",
            catalog.len(),
            catalog.len()
        );
        Ok(())
    } else {
        Err(format!("{} stop(s):\n  {}", failures.len(), failures.join("\n  ")))
    }
}

/// Stage 1: every version imported into `out` (emptied first).
fn import(packages: &Packages, catalog: &[Entry], out: &Path) -> Result<Stage, String> {
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let api_specs = workspace::api_specs();
    let importer = Importer::new(packages, &api_specs, out)?;
    let mut stage = Stage {
        name: "import",
        versions: catalog.len(),
        ..Stage::default()
    };
    let (mut defined, mut left_out) = (0, 0);
    let started = Instant::now();
    for entry in catalog {
        match importer.import(entry) {
            Ok(imported) => {
                write_imported(out, &imported)?;
                stage.passed += 1;
                stage.actions += imported.spec.actions.len();
                defined += entry.actions;
                left_out += entry.actions.saturating_sub(imported.spec.actions.len());
            }
            Err(error) => {
                stage.failed.insert(entry.to_string(), error);
            }
        }
    }
    stage.time = started.elapsed();
    stage.detail = format!("{left_out} of the versions' {defined} defined actions left out (offline)");
    eprintln!("stress: {}", stage.line());
    Ok(stage)
}

/// Stage 2: the specs in `specs_dir` generated into the crate at `crate_dir`, of `of` versions
/// in all. Returns the versions generated, with their features and action counts.
fn generate(specs_dir: &Path, crate_dir: &Path, of: usize) -> Result<(Stage, Vec<Version>), String> {
    let started = Instant::now();
    let specs = regen::load_specs(specs_dir)?;
    let mut stage = Stage {
        name: "generate",
        versions: of,
        ..Stage::default()
    };
    let generated = generate_each(&specs).map_err(|e| e.to_string())?;
    for error in &generated.failed {
        let path = match error {
            GenerateError::Plan(tencentcloud_codegen::plan::PlanError::Naming { path, .. })
            | GenerateError::Plan(tencentcloud_codegen::plan::PlanError::Invalid { path, .. })
            | GenerateError::UnknownAction { path, .. }
            | GenerateError::Unparsable { path, .. } => path.clone(),
            GenerateError::DuplicateVersion { first, .. } => first.clone(),
        };
        let version = specs
            .iter()
            .find(|s| s.path == path)
            .map_or(path, |s| format!("{} {}", s.spec.service, s.spec.version));
        stage.failed.insert(version, error.to_string());
    }
    let versions: Vec<Version> = generated
        .plans
        .iter()
        .map(|plan| Version {
            name: format!("{} {}", plan.service, plan.version),
            feature: plan.feature.clone(),
            dir: format!("src/{}/{}/", module_name(&plan.service), plan.module),
            actions: plan.actions.len(),
        })
        .collect();
    stage.passed = versions.len();
    stage.actions = versions.iter().map(|v| v.actions).sum();
    let mut files = generated.files;
    let lines: usize = files.values().map(|f| f.lines().count()).sum();
    files.insert(PathBuf::from("Cargo.toml"), manifest(&versions));
    regen::sync_dir(crate_dir, &files, Mode::Write)?;
    let lock = workspace::root().join("Cargo.lock");
    fs::copy(&lock, crate_dir.join("Cargo.lock")).map_err(|e| format!("{}: {e}", lock.display()))?;
    stage.time = started.elapsed();
    stage.detail = format!("{} files, {lines} lines in {}", files.len(), shown(crate_dir));
    eprintln!("stress: {}", stage.line());
    Ok((stage, versions))
}

/// A generated service version, as the check stage needs it.
struct Version {
    /// `service version`.
    name: String,
    feature: String,
    /// `src/{module}/{version module}/`: where its errors point.
    dir: String,
    actions: usize,
}

/// The stress crate's manifest: the generated crate's dependencies by path and version (the
/// workspace's lock file is copied beside it), a feature per version.
fn manifest(versions: &[Version]) -> String {
    let runtime = workspace::root().join("runtime");
    let mut out = format!(
        "# Written by `cargo xtask stress`: every service version, one feature each.\n\
         [package]\nname = \"tencentcloud-sdk-stress\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [lib]\ndoctest = false\n\n\
         [dependencies]\ntencentcloud-runtime = {{ path = {:?} }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n\
         [features]\nnative-roots = [\"tencentcloud-runtime/native-roots\"]\n",
        runtime.display().to_string()
    );
    for version in versions {
        let _ = writeln!(out, "{} = []", version.feature);
    }
    out.push_str("\n[workspace]\n");
    out
}

/// Stage 3: `cargo check` of the crate in batches of versions.
fn check(root: &Path, versions: &[Version], batch_actions: usize, of: usize) -> Result<Stage, String> {
    let crate_dir = root.join("crate");
    let target = root.join("target");
    let mut stage = Stage {
        name: "cargo check",
        versions: of,
        ..Stage::default()
    };
    // The dependencies first (the crate with no version), so that the batches time the
    // generated code alone; then the crate's own earlier results go, so every batch compiles.
    let deps = Instant::now();
    let warm = cargo_check(&crate_dir, &target, &[])?;
    if !warm.success {
        return Err(format!(
            "cargo check of the stress crate without any version failed:\n{}",
            tail(&warm.stderr, 30)
        ));
    }
    let status = Command::new(env!("CARGO"))
        .args(["clean", "--quiet", "-p", "tencentcloud-sdk-stress", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("cargo clean -p tencentcloud-sdk-stress failed".into());
    }
    let deps = deps.elapsed();

    let batches = batches(versions, batch_actions);
    let started = Instant::now();
    for (i, batch) in batches.iter().enumerate() {
        let actions: usize = batch.iter().map(|v| v.actions).sum();
        let features: Vec<&str> = batch.iter().map(|v| v.feature.as_str()).collect();
        let t = Instant::now();
        let outcome = cargo_check(&crate_dir, &target, &features)?;
        let failed = attribute(batch, &outcome);
        eprintln!(
            "stress: cargo check batch {}/{}: {} versions, {actions} actions: {:.1} s, {}",
            i + 1,
            batches.len(),
            batch.len(),
            t.elapsed().as_secs_f64(),
            if failed.is_empty() {
                "clean".to_owned()
            } else {
                format!("{} version(s) failed", failed.len())
            }
        );
        for version in batch.iter() {
            match failed.get(version.name.as_str()) {
                Some(error) => {
                    stage.failed.insert(version.name.clone(), error.clone());
                }
                None => {
                    stage.passed += 1;
                    stage.actions += version.actions;
                }
            }
        }
    }
    stage.time = started.elapsed();
    stage.detail = format!(
        "{} batches of at most {batch_actions} actions, warnings denied; dependencies {:.1} s before, not counted",
        batches.len(),
        deps.as_secs_f64()
    );
    eprintln!("stress: {}", stage.line());
    Ok(stage)
}

/// Consecutive versions, each batch up to `limit` actions (a bigger version alone).
fn batches(versions: &[Version], limit: usize) -> Vec<&[Version]> {
    let mut out = Vec::new();
    let (mut start, mut actions) = (0, 0);
    for (i, version) in versions.iter().enumerate() {
        if i > start && actions + version.actions > limit {
            out.push(&versions[start..i]);
            (start, actions) = (i, 0);
        }
        actions += version.actions;
    }
    if start < versions.len() {
        out.push(&versions[start..]);
    }
    out
}

struct Outcome {
    success: bool,
    stderr: String,
}

fn cargo_check(crate_dir: &Path, target: &Path, features: &[&str]) -> Result<Outcome, String> {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(["check", "--quiet", "--message-format", "short", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .env("RUSTFLAGS", "-D warnings");
    if !features.is_empty() {
        command.arg("--features").arg(features.join(","));
    }
    let output = command.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    Ok(Outcome {
        success: output.status.success(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

/// The versions of a batch that failed, each with its first diagnostic: a diagnostic in a
/// version's directory is that version's; any other (the crate root) fails the whole batch.
fn attribute<'a>(batch: &'a [Version], outcome: &Outcome) -> BTreeMap<&'a str, String> {
    let mut failed: BTreeMap<&str, String> = BTreeMap::new();
    let mut elsewhere = None;
    for line in outcome.stderr.lines() {
        let Some((path, _)) = line.split_once(':') else {
            continue;
        };
        if !(line.contains(": error") || line.contains(": warning")) || !path.ends_with(".rs") {
            continue;
        }
        match batch.iter().find(|v| path.starts_with(&v.dir)) {
            Some(version) => {
                failed.entry(&version.name).or_insert_with(|| line.to_owned());
            }
            None => {
                elsewhere.get_or_insert_with(|| line.to_owned());
            }
        }
    }
    if !outcome.success && failed.is_empty() && elsewhere.is_none() {
        elsewhere = Some(format!("cargo check failed: {}", tail(&outcome.stderr, 5)));
    }
    if let Some(line) = elsewhere {
        for version in batch {
            failed
                .entry(&version.name)
                .or_insert_with(|| format!("(in the batch's crate files) {line}"));
        }
    }
    failed
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

fn shown(path: &Path) -> String {
    path.strip_prefix(workspace::root())
        .unwrap_or(path)
        .display()
        .to_string()
}

enum Who {
    Myself,
    Children,
}

/// Peak resident memory (`getrusage`'s `ru_maxrss`): of this process, or of the largest child
/// (and grandchild) waited for.
#[cfg(unix)]
fn peak(who: Who) -> String {
    let which = match who {
        Who::Myself => libc::RUSAGE_SELF,
        Who::Children => libc::RUSAGE_CHILDREN,
    };
    // SAFETY: `getrusage` fills the zeroed struct it is given and reads nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        (libc::getrusage(which, &mut usage) == 0).then_some(usage)
    };
    match usage {
        // Kilobytes on Linux.
        Some(usage) => format!("{:.1} GiB", usage.ru_maxrss as f64 / (1024.0 * 1024.0)),
        None => "unknown".to_owned(),
    }
}

#[cfg(not(unix))]
fn peak(_who: Who) -> String {
    "unknown".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(name: &str, actions: usize) -> Version {
        Version {
            name: name.to_owned(),
            feature: format!("{name}-v1"),
            dir: format!("src/{name}/v1/"),
            actions,
        }
    }

    #[test]
    fn arguments() {
        let parsed = parse_args(&[]).unwrap();
        assert_eq!(
            parsed,
            Args {
                skip_import: false,
                check: true,
                batch_actions: DEFAULT_BATCH_ACTIONS
            }
        );
        let args: Vec<String> = ["--skip-import", "--no-check", "--batch-actions", "900"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let parsed = parse_args(&args).unwrap();
        assert!(parsed.skip_import && !parsed.check);
        assert_eq!(parsed.batch_actions, 900);
        assert!(parse_args(&["--batch-actions".into(), "0".into()]).is_err());
        assert!(parse_args(&["--bogus".into()]).is_err());
    }

    #[test]
    fn batches_hold_up_to_the_limit_and_a_big_version_alone() {
        let versions = vec![
            version("a", 400),
            version("b", 500),
            version("c", 2000),
            version("d", 10),
        ];
        let sizes: Vec<Vec<&str>> = batches(&versions, 1000)
            .iter()
            .map(|b| b.iter().map(|v| v.name.as_str()).collect())
            .collect();
        assert_eq!(sizes, [vec!["a", "b"], vec!["c"], vec!["d"]]);
        assert!(batches(&[], 1000).is_empty());
    }

    #[test]
    fn diagnostics_are_the_versions_their_files_belong_to() {
        let batch = vec![version("a", 1), version("b", 1)];
        let outcome = Outcome {
            success: false,
            stderr: "src/b/v1/types.rs:3:5: error[E0412]: cannot find type `X` in this scope\n\
                     src/b/v1/client.rs:9:1: error: second\n\
                     error: could not compile `tencentcloud-sdk-stress` (lib) due to 2 previous errors\n"
                .to_owned(),
        };
        let failed = attribute(&batch, &outcome);
        assert_eq!(failed.len(), 1);
        assert!(failed["b"].contains("cannot find type `X`"), "the first one");

        let outcome = Outcome {
            success: false,
            stderr: "src/lib.rs:1:1: error: oops\n".to_owned(),
        };
        assert_eq!(attribute(&batch, &outcome).len(), 2, "the crate root fails the batch");
        let outcome = Outcome {
            success: false,
            stderr: "error: linker exploded\n".to_owned(),
        };
        assert!(attribute(&batch, &outcome)["a"].contains("linker exploded"));
        let outcome = Outcome {
            success: true,
            stderr: String::new(),
        };
        assert!(attribute(&batch, &outcome).is_empty());
    }
}
