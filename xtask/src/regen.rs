//! `cargo xtask regen [--check]`: writes `generated/` from `api-specs/`, and what the
//! end-to-end tests compile from the same specs, `tests/generated/` ([`tests_generated`]).
//! With `--check`, writes nothing and fails with a diff when either is stale. Both belong to
//! this command: files it would not write are stale too.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use similar::TextDiff;
use tencentcloud_codegen::spec::parse_spec;
use tencentcloud_codegen::{generate_each, Files, GenerateError, SpecFile};

use crate::generation_cache::{Entry, GenerationCache, VersionInfo};
use crate::{tests_generated, workspace};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mode = match args {
        [] => Mode::Write,
        [flag] if flag == "--check" => Mode::Check,
        _ => return Err(format!("usage: cargo xtask regen [--check], got {args:?}")),
    };
    let cache = GenerationCache::open(&workspace::root());
    let services = read_specs(&workspace::api_specs())?;
    let generated = generate_from(&services, &cache)?;
    if let Some((_, error)) = generated.failed.first() {
        return Err(error.clone());
    }
    let files = generated.files;
    let root = workspace::root();
    let mut stale = sync_dir(&root.join("generated"), &files, mode)?;
    let test_files = tests_generated::files(&root, &parse_specs(services.values().flatten())?)?;
    stale.extend(sync_dir(&root.join(tests_generated::DIR), &test_files, mode)?);
    match (mode, stale.is_empty()) {
        (Mode::Check, false) => Err(format!(
            "generated/ or {} is stale ({} file(s)); run `cargo xtask regen`",
            tests_generated::DIR,
            stale.len()
        )),
        (Mode::Write, _) => {
            eprintln!(
                "regen: {} spec(s), {} file(s) and {} in {}, {} updated; {} of {} service(s) generated, the others unchanged since the last run",
                generated.specs,
                files.len(),
                test_files.len(),
                tests_generated::DIR,
                stale.len(),
                generated.regenerated,
                generated.services
            );
            Ok(())
        }
        (Mode::Check, true) => {
            eprintln!(
                "regen --check: generated/ ({} files) and {} ({} files) are up to date",
                files.len(),
                tests_generated::DIR,
                test_files.len()
            );
            Ok(())
        }
    }
}

/// Spec files of one service: paths relative to the workspace root, and bytes, in path order.
pub type ServiceSpecs = Vec<(String, Vec<u8>)>;

/// Every `api-specs/{service}/{version}.json`, read, by service directory, in path order.
pub fn read_specs(api_specs: &Path) -> Result<BTreeMap<String, ServiceSpecs>, String> {
    let mut paths = Vec::new();
    for service in read_dir_sorted(api_specs)? {
        if !service.is_dir() || service.file_name().is_some_and(|n| n == "sources") {
            continue;
        }
        for file in read_dir_sorted(&service)? {
            if file.extension().is_some_and(|e| e == "json") {
                paths.push(file);
            }
        }
    }
    let root = workspace::root();
    let read = paths
        .par_iter()
        .map(|path| {
            let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let relative = path.strip_prefix(&root).unwrap_or(path);
            let service = path
                .parent()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok((service, (relative.to_string_lossy().replace('\\', "/"), bytes)))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let mut services: BTreeMap<String, ServiceSpecs> = BTreeMap::new();
    for (service, spec) in read {
        services.entry(service).or_default().push(spec);
    }
    Ok(services)
}

/// Parses and validates specs (in parallel), keeping their order.
pub fn parse_specs<'a>(specs: impl IntoIterator<Item = &'a (String, Vec<u8>)>) -> Result<Vec<SpecFile>, String> {
    let specs: Vec<&(String, Vec<u8>)> = specs.into_iter().collect();
    specs
        .par_iter()
        .map(|(path, bytes)| {
            let text = std::str::from_utf8(bytes).map_err(|e| format!("{path}: not UTF-8: {e}"))?;
            let spec = parse_spec(Path::new(path), text).map_err(|e| e.to_string())?;
            Ok(SpecFile {
                path: path.clone(),
                spec,
            })
        })
        .collect()
}

/// Every `api-specs/{service}/{version}.json`, in path order.
pub fn load_specs(api_specs: &Path) -> Result<Vec<SpecFile>, String> {
    let services = read_specs(api_specs)?;
    parse_specs(services.values().flatten())
}

/// What [`generate_cached`] made.
pub struct Generated {
    /// The files of every service that generated.
    pub files: Files,
    /// Every version generated, in path order of their specs.
    pub versions: Vec<VersionInfo>,
    /// Specs that could not be generated (path, error); their service's files are left out.
    pub failed: Vec<(String, String)>,
    pub specs: usize,
    pub services: usize,
    /// Services generated afresh, the others taken from the cache.
    pub regenerated: usize,
}

/// The crates of the specs under `api_specs`: a service whose spec files and generator did
/// not change since they were last generated is taken from `cache`; the others are loaded,
/// planned and printed, and cached. Output is the same either way (`regen --check` compares it
/// with `generated/`).
pub fn generate_cached(api_specs: &Path, cache: &GenerationCache) -> Result<Generated, String> {
    generate_from(&read_specs(api_specs)?, cache)
}

/// [`generate_cached`] of spec files already read ([`read_specs`]).
fn generate_from(services: &BTreeMap<String, ServiceSpecs>, cache: &GenerationCache) -> Result<Generated, String> {
    let mut out = Generated {
        files: Files::new(),
        versions: Vec::new(),
        failed: Vec::new(),
        specs: services.values().map(Vec::len).sum(),
        services: services.len(),
        regenerated: 0,
    };
    let mut missed = Vec::new();
    let mut hits = BTreeMap::new();
    for (service, specs) in services {
        let key = cache.key(specs);
        match cache.get(&key) {
            Some(entry) => {
                hits.insert(service.clone(), entry);
            }
            None => missed.push((service.clone(), key, specs)),
        }
    }
    out.regenerated = missed.len();
    let mut fresh: BTreeMap<String, Entry> = BTreeMap::new();
    if !missed.is_empty() {
        let specs = parse_specs(missed.iter().flat_map(|(_, _, specs)| specs.iter()))?;
        let generated = generate_each(&specs).map_err(|e| e.to_string())?;
        let failed: BTreeSet<String> = generated.failed.iter().map(|e| failed_spec(e).to_owned()).collect();
        for error in &generated.failed {
            out.failed.push((failed_spec(error).to_owned(), error.to_string()));
        }
        // The service directory of each generated crate: specs are grouped by directory, and
        // a crate is named after the spec's own `service`.
        let dir_of: BTreeMap<&str, &str> = missed
            .iter()
            .flat_map(|(dir, _, specs)| specs.iter().map(move |(path, _)| (path.as_str(), dir.as_str())))
            .collect();
        let mut crate_dirs: BTreeMap<String, String> = BTreeMap::new();
        for plan in &generated.plans {
            let dir = dir_of.get(plan.spec_path.as_str()).copied().unwrap_or_default();
            crate_dirs.insert(plan.service.clone(), dir.to_owned());
            fresh
                .entry(dir.to_owned())
                .or_insert_with(empty_entry)
                .versions
                .push(VersionInfo {
                    service: plan.service.clone(),
                    version: plan.version.clone(),
                    module: plan.module.clone(),
                    actions: plan.actions.len(),
                });
        }
        for (path, text) in generated.files {
            let service = path
                .components()
                .next()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .unwrap_or_default();
            let dir = crate_dirs.get(&service).cloned().unwrap_or_default();
            fresh
                .entry(dir)
                .or_insert_with(empty_entry)
                .files
                .insert(path.to_string_lossy().replace('\\', "/"), text);
        }
        // Each entry is a file of its own (the stress run writes hundreds of MB).
        missed.par_iter().for_each(|(dir, key, specs)| {
            let complete = specs.iter().all(|(path, _)| !failed.contains(path));
            if let (true, Some(entry)) = (complete, fresh.get(dir)) {
                cache.put(key, entry);
            }
        });
    }
    // In the services' order, whichever way each came.
    for service in services.keys() {
        if let Some(mut entry) = hits.remove(service).or_else(|| fresh.remove(service)) {
            out.versions.append(&mut entry.versions);
            out.files.extend(entry.into_files());
        }
    }
    Ok(out)
}

fn empty_entry() -> Entry {
    Entry {
        files: BTreeMap::new(),
        versions: Vec::new(),
    }
}

/// The spec a generation error names.
pub fn failed_spec(error: &GenerateError) -> &str {
    match error {
        GenerateError::Plan(tencentcloud_codegen::plan::PlanError::Naming { path, .. })
        | GenerateError::Plan(tencentcloud_codegen::plan::PlanError::Invalid { path, .. })
        | GenerateError::UnknownAction { path, .. }
        | GenerateError::Unparsable { path, .. }
        | GenerateError::NotRestored { path, .. } => path,
        GenerateError::DuplicateVersion { first, .. } => first,
    }
}

/// Makes `dir` hold exactly `files` (or, in check mode, reports how it differs). Returns the
/// paths that differed.
pub fn sync_dir(dir: &Path, files: &Files, mode: Mode) -> Result<Vec<PathBuf>, String> {
    let mut stale = Vec::new();
    for (relative, contents) in files {
        if ensure_file_contents(&dir.join(relative), contents, mode)? {
            stale.push(relative.clone());
        }
    }
    let wanted: BTreeSet<&Path> = files.keys().map(PathBuf::as_path).collect();
    for existing in walk(dir)? {
        let relative = existing.strip_prefix(dir).expect("walk yields paths under dir");
        if wanted.contains(relative) {
            continue;
        }
        stale.push(relative.to_owned());
        match mode {
            Mode::Check => eprintln!("--- {} is not generated by any spec: remove it", existing.display()),
            Mode::Write => fs::remove_file(&existing).map_err(|e| format!("{}: {e}", existing.display()))?,
        }
    }
    if mode == Mode::Write {
        remove_empty_dirs(dir)?;
    }
    Ok(stale)
}

/// Removes the directories under `dir` that hold no file (left by removed files): a service
/// directory without a `Cargo.toml` would break the workspace's `generated/*` glob.
fn remove_empty_dirs(dir: &Path) -> Result<(), String> {
    if !dir.exists() {
        return Ok(());
    }
    for path in read_dir_sorted(dir)? {
        if path.is_dir() {
            remove_empty_dirs(&path)?;
            if read_dir_sorted(&path)?.is_empty() {
                fs::remove_dir(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    Ok(())
}

/// Writes `contents` to `path` if it differs; in check mode prints a unified diff instead.
/// Returns whether the file was stale.
pub fn ensure_file_contents(path: &Path, contents: &str, mode: Mode) -> Result<bool, String> {
    let current = fs::read_to_string(path).ok();
    if current.as_deref() == Some(contents) {
        return Ok(false);
    }
    match mode {
        Mode::Check => {
            let old = current.unwrap_or_default();
            let diff = TextDiff::from_lines(old.as_str(), contents);
            let shown = path.display().to_string();
            eprint!(
                "{}",
                diff.unified_diff()
                    .context_radius(3)
                    .header(&shown, &format!("{shown} (regenerated)"))
            );
        }
        Mode::Write => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(true)
}

fn read_dir_sorted(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()).map_err(|e| format!("{}: {e}", dir.display())))
        .collect::<Result<_, _>>()?;
    entries.sort();
    Ok(entries)
}

/// Every file under `dir`, recursively, in path order; none if `dir` does not exist.
pub fn walk(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for path in read_dir_sorted(dir)? {
        if path.is_dir() {
            files.extend(walk(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}
