//! `cargo xtask stress [--skip-import] [--no-check]`: the importer and the generator on every
//! service version the pinned definitions hold (300 versions of 262 services in tccli
//! 3.1.189.1), measured stage by stage:
//!
//! 1. import: `import-definitions --all` into `target/stress/api-specs/` (doc pages, common error
//!    codes, English overlay, value sets: all of it; the checked-in specs' overrides and waiters
//!    are carried over as for `api-specs/`);
//! 2. generate: those specs into a crate per service, as `regen` makes `generated/`, in a
//!    workspace of their own, `target/stress/sdk/` (a version that cannot be planned or
//!    rendered is left out);
//! 3. check: `cargo check --workspace --all-features --keep-going` of that workspace with
//!    warnings denied: cargo runs one rustc a core, each on one service, so the memory is
//!    bounded by the largest services, not by the total.
//!
//! It prints, per stage, the versions and actions that passed and the time per 1,000 actions,
//! the peak memory (of the xtask, which holds every plan while generating, and of the largest
//! child, i.e. rustc), and fails listing every version that stopped at a stage with its first
//! error. `.ci/run` runs it; `cargo test` does not.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::generation_cache::GenerationCache;
use crate::import::definitions::selection::Entry;
use crate::import::definitions::{write_imported, Importer, PackageArgs, Packages};
use crate::regen;
use crate::{service_workspace, workspace};

const USAGE: &str = "usage: cargo xtask stress [--skip-import] [--no-check]";
/// The stress workspace's member that only depends (see `generate`).
const DEPS: &str = "stress-deps";

#[derive(Debug, PartialEq)]
struct Args {
    skip_import: bool,
    check: bool,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        skip_import: false,
        check: true,
    };
    for arg in args {
        match arg.as_str() {
            "--skip-import" => parsed.skip_import = true,
            "--no-check" => parsed.check = false,
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
        let key_started = Instant::now();
        let key = import_key()?;
        match unchanged_import(&specs_dir, &key) {
            Some(mut stage) => {
                stage.time = key_started.elapsed();
                eprintln!("stress: {}", stage.line());
                stages.push(stage);
            }
            None => {
                let stage = import(&packages, &catalog, &specs_dir)?;
                if stage.failed.is_empty() {
                    record_import(&specs_dir, &key, &stage);
                }
                stages.push(stage);
            }
        }
    }
    drop(packages);

    // Each stage counts of every version: one an earlier stage stopped did not pass it either.
    let (generate_stage, plans) = generate(&specs_dir, &root.join("sdk"), catalog.len())?;
    stages.push(generate_stage);
    if args.check {
        stages.push(check(&root, &plans, catalog.len())?);
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

/// Where the import stage records what it imported from (see [`import_key`]).
const IMPORT_RECORD: &str = ".stress-import";

/// What importing every version depends on besides the pinned packages (whose versions are in
/// the importer's code): the importer's build and the checked-in `api-specs/` (overrides,
/// waiters and doc pages carried over), by path and bytes.
fn import_key() -> Result<String, String> {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update(crate::generation_cache::build_id().as_bytes());
    let api_specs = workspace::api_specs();
    for file in regen::walk(&api_specs)? {
        let bytes = fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let relative = file
            .strip_prefix(&api_specs)
            .unwrap_or(&file)
            .to_string_lossy()
            .into_owned();
        hash.update((relative.len() as u64).to_le_bytes());
        hash.update(relative.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    Ok(hex::encode(hash.finalize()))
}

/// The import stage of the last run, if it imported into `out` from the same inputs (`key`)
/// and `out` still holds what it wrote.
fn unchanged_import(out: &Path, key: &str) -> Option<Stage> {
    let record = fs::read_to_string(out.join(IMPORT_RECORD)).ok()?;
    let mut lines = record.lines();
    if lines.next()? != key {
        return None;
    }
    let counts: Vec<usize> = lines
        .next()?
        .split(' ')
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    let [versions, passed, actions] = counts[..] else {
        return None;
    };
    Some(Stage {
        name: "import",
        versions,
        passed,
        actions,
        detail: format!("inputs unchanged since the last run: {} kept", shown(out)),
        ..Stage::default()
    })
}

/// Records a complete import stage for [`unchanged_import`]; failing to only costs the next
/// run its time.
fn record_import(out: &Path, key: &str, stage: &Stage) {
    let record = format!("{key}\n{} {} {}\n", stage.versions, stage.passed, stage.actions);
    if let Err(e) = fs::write(out.join(IMPORT_RECORD), record) {
        eprintln!("stress: cannot record the import in {}: {e}", shown(out));
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
    // Versions import independently: in parallel, each written as soon as it is done (holding
    // every spec until the end would take gigabytes).
    let outcomes: Vec<Result<usize, String>> = catalog
        .par_iter()
        .map(|entry| {
            let imported = importer.import(entry)?;
            write_imported(out, &imported)?;
            Ok(imported.spec.actions.len())
        })
        .collect();
    for (entry, outcome) in catalog.iter().zip(outcomes) {
        match outcome {
            Ok(actions) => {
                stage.passed += 1;
                stage.actions += actions;
                defined += entry.actions;
                left_out += entry.actions.saturating_sub(actions);
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

/// Stage 2: the specs in `specs_dir` generated into a workspace of service crates at `dir`, of
/// `of` versions in all (services whose specs and generator did not change since the last run
/// come from the generation cache). Returns the versions generated, with where their code is.
fn generate(specs_dir: &Path, dir: &Path, of: usize) -> Result<(Stage, Vec<Version>), String> {
    let started = Instant::now();
    let cache = GenerationCache::open(&workspace::root());
    let generated = regen::generate_cached(specs_dir, &cache)?;
    let mut stage = Stage {
        name: "generate",
        versions: of,
        ..Stage::default()
    };
    for (path, error) in &generated.failed {
        let version = Path::new(path)
            .file_stem()
            .map(|stem| {
                let service = Path::new(path).parent().and_then(Path::file_name).unwrap_or_default();
                format!("{} {}", service.to_string_lossy(), stem.to_string_lossy())
            })
            .unwrap_or_else(|| path.clone());
        stage.failed.insert(version, error.clone());
    }
    let versions: Vec<Version> = generated
        .versions
        .iter()
        .map(|v| Version {
            name: format!("{} {}", v.service, v.version),
            crate_dir: format!("{}/", v.service),
            dir: format!("{}/src/{}/", v.service, v.module),
            actions: v.actions,
        })
        .collect();
    stage.passed = versions.len();
    stage.actions = versions.iter().map(|v| v.actions).sum();
    let lines: usize = generated.files.par_iter().map(|(_, f)| line_count(f)).sum();
    let mut files = generated.files;
    // A member of no code whose check builds every dependency with the features the service
    // crates turn on (`--all-features` of a non-member is not allowed), so the check stage can
    // time the generated code alone.
    files.insert(
        PathBuf::from(format!("{DEPS}/Cargo.toml")),
        format!(
            "[package]\nname = \"{DEPS}\"\nversion = \"0.0.0\"\nedition.workspace = true\npublish = false\n\n\
             [dependencies]\ntencentcloud-runtime = {{ workspace = true, features = [\"native-roots\"] }}\n\
             serde.workspace = true\nserde_json.workspace = true\n"
        ),
    );
    files.insert(PathBuf::from(format!("{DEPS}/src/lib.rs")), String::new());
    let members = service_workspace::write(dir, &files, "stress")?;
    stage.time = started.elapsed();
    stage.detail = format!(
        "{} crates, {} files, {lines} lines in {}; {} of {} services generated, the others unchanged since the last run",
        members.len() - 1,
        files.len() - 2,
        shown(dir),
        generated.regenerated,
        generated.services
    );
    eprintln!("stress: {}", stage.line());
    Ok((stage, versions))
}

/// The lines of `text` (as `str::lines` counts them). The stress run counts 7 million in
/// 255 MB: a byte at a time, that was a second of the generate stage (measured), on one core.
fn line_count(text: &str) -> usize {
    let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

/// A generated service version, as the check stage needs it.
struct Version {
    /// `service version`.
    name: String,
    /// `{service}/`: its crate, relative to the workspace (as diagnostics name files).
    crate_dir: String,
    /// `{service}/src/{version module}/`: its own code.
    dir: String,
    actions: usize,
}

/// Stage 3: `cargo check` of every service crate, every version's feature on.
fn check(root: &Path, versions: &[Version], of: usize) -> Result<Stage, String> {
    let dir = root.join("sdk");
    let target = root.join("target");
    let mut stage = Stage {
        name: "cargo check",
        versions: of,
        ..Stage::default()
    };
    // The dependencies first, so that the timing is the generated code alone.
    let deps = Instant::now();
    let warm = cargo_check(&dir, &target, &["-p", DEPS])?;
    if !warm.success {
        return Err(format!(
            "cargo check of the runtime in the stress workspace failed:\n{}",
            tail(&warm.stderr, 30)
        ));
    }
    let deps = deps.elapsed();
    let started = Instant::now();
    let outcome = cargo_check(&dir, &target, &["--workspace", "--all-features", "--keep-going"])?;
    let failed = attribute(versions, &outcome);
    for version in versions {
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
    stage.time = started.elapsed();
    stage.detail = format!(
        "a crate per service, warnings denied; dependencies {:.1} s before, not counted",
        deps.as_secs_f64()
    );
    eprintln!("stress: {}", stage.line());
    Ok(stage)
}

struct Outcome {
    success: bool,
    stderr: String,
}

fn cargo_check(dir: &Path, target: &Path, args: &[&str]) -> Result<Outcome, String> {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(["check", "--quiet", "--message-format", "short", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .args(args)
        // Diagnostics name files relative to the workspace root: `{service}/src/…`.
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .env("RUSTFLAGS", "-D warnings");
    let output = command.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    Ok(Outcome {
        success: output.status.success(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

/// The versions that failed, each with its first diagnostic: a diagnostic in a version's
/// directory is that version's, one elsewhere in a service's crate (`lib.rs`, `error.rs`) fails
/// every version of the service, and any other failure every version.
fn attribute<'a>(versions: &'a [Version], outcome: &Outcome) -> BTreeMap<&'a str, String> {
    let mut failed: BTreeMap<&str, String> = BTreeMap::new();
    let mut crates: BTreeMap<&str, String> = BTreeMap::new();
    let mut elsewhere = None;
    for line in outcome.stderr.lines() {
        let Some((path, _)) = line.split_once(':') else {
            continue;
        };
        if !(line.contains(": error") || line.contains(": warning")) || !path.ends_with(".rs") {
            continue;
        }
        if let Some(version) = versions.iter().find(|v| path.starts_with(&v.dir)) {
            failed.entry(&version.name).or_insert_with(|| line.to_owned());
        } else if let Some(version) = versions.iter().find(|v| path.starts_with(&v.crate_dir)) {
            crates.entry(&version.crate_dir).or_insert_with(|| line.to_owned());
        } else {
            elsewhere.get_or_insert_with(|| line.to_owned());
        }
    }
    if !outcome.success && failed.is_empty() && crates.is_empty() && elsewhere.is_none() {
        elsewhere = Some(format!("cargo check failed: {}", tail(&outcome.stderr, 5)));
    }
    for version in versions {
        let line = crates
            .get(version.crate_dir.as_str())
            .map(|line| format!("(in the service's crate files) {line}"))
            .or_else(|| elsewhere.as_ref().map(|line| format!("(outside any service) {line}")));
        if let Some(line) = line {
            failed.entry(&version.name).or_insert(line);
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

    fn version(service: &str, module: &str) -> Version {
        Version {
            name: format!("{service} {module}"),
            crate_dir: format!("{service}/"),
            dir: format!("{service}/src/{module}/"),
            actions: 1,
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
            }
        );
        let args: Vec<String> = ["--skip-import", "--no-check"].iter().map(|s| s.to_string()).collect();
        let parsed = parse_args(&args).unwrap();
        assert!(parsed.skip_import && !parsed.check);
        assert!(parse_args(&["--bogus".into()]).is_err());
    }

    #[test]
    fn diagnostics_are_the_versions_their_files_belong_to() {
        let versions = vec![version("a", "v1"), version("b", "v1"), version("b", "v2")];
        let outcome = Outcome {
            success: false,
            stderr: "b/src/v1/types.rs:3:5: error[E0412]: cannot find type `X` in this scope\n\
                     b/src/v1/client.rs:9:1: error: second\n\
                     error: could not compile `tencentcloud-sdk-b` (lib) due to 2 previous errors\n"
                .to_owned(),
        };
        let failed = attribute(&versions, &outcome);
        assert_eq!(failed.len(), 1);
        assert!(failed["b v1"].contains("cannot find type `X`"), "the first one");

        let outcome = Outcome {
            success: false,
            stderr: "b/src/lib.rs:1:1: error: oops\n".to_owned(),
        };
        let failed = attribute(&versions, &outcome);
        assert_eq!(
            failed.keys().copied().collect::<Vec<_>>(),
            ["b v1", "b v2"],
            "the crate root fails every version of its service"
        );
        let outcome = Outcome {
            success: false,
            stderr: "error: linker exploded\n".to_owned(),
        };
        let failed = attribute(&versions, &outcome);
        assert_eq!(failed.len(), 3);
        assert!(failed["a v1"].contains("linker exploded"));
        let outcome = Outcome {
            success: true,
            stderr: String::new(),
        };
        assert!(attribute(&versions, &outcome).is_empty());
    }
}
