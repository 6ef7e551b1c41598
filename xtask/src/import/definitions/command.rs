//! `cargo xtask import-definitions [--service NAME[@VERSION]]... [--all] [--out DIR] ...`
//!
//! Converts the pinned definitions of each selected service version, merges the version's doc
//! pages into them, lays the international site's English docs over them, and writes
//! `{out}/{service}/{version}.json` with a `.merge-report.txt` next to it (`out` is
//! `api-specs/` unless `--out` says otherwise). The versions are those `--service` and `--all`
//! select, or by default those `api-specs/services.txt` lists. Each version that converts,
//! merges and validates is written; any that does not is named with its error at the end, and
//! the command fails.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tencentcloud_codegen::spec::{load_spec, to_pretty_json, validate, Spec};

use super::english::{self, EnglishReport};
use super::packages::{self, Pin, Unpacked, SDK, SDK_INTL, TCCLI, TCCLI_INTL};
use super::report_text::{counts, report_text};
use super::selection::{self, Entry, Selector};
use super::{build_page_spec, convert, merge, DefinitionFiles, PackageFile};
use crate::import::classify::classify;
use crate::import::common_errors::CommonErrors;
use crate::workspace;
use tencentcloud_codegen::spec::value_sets::assign_value_sets;

/// The checked-in list of the service versions imported by default, under `api-specs/`.
pub const SERVICES_FILE: &str = "services.txt";

const USAGE: &str = "\
usage: cargo xtask import-definitions [--service NAME[@VERSION]]... [--all] [--out DIR]
                                      [--wheel PATH | --unpacked DIR] [--errors-package PATH]...
                                      [--intl-wheel PATH | --intl-unpacked DIR] [--intl-errors-package PATH]
  --service NAME[@VERSION]    a service's versions (`cvm`), or one (`cvm@2017-03-12`); repeatable
                              (default: the versions api-specs/services.txt lists)
  --all                       every service version the definitions hold
  --out DIR                   write the specs under DIR/{service}/ (default: api-specs/)
  --wheel PATH                the tccli wheel (default: pip download of the pinned version)
  --unpacked DIR              an unpacked tccli wheel (a directory holding tccli/ and its dist-info)
  --errors-package PATH       an SDK wheel or unpacked package holding errorcodes.py; repeatable
                              (default: pip download of the pinned all-services tencentcloud-sdk-python)
  --intl-wheel PATH           the tccli-intl-en wheel, the English docs (default: pip download of the pinned version)
  --intl-unpacked DIR         an unpacked tccli-intl-en wheel
  --intl-errors-package PATH  the tencentcloud-sdk-python-intl-en wheel or unpacked package, the English
                              error descriptions (default: pip download of the pinned version)";

/// Where the packages come from: the flags, or (by default) the pinned versions downloaded.
#[derive(Debug, Default, PartialEq)]
pub struct PackageArgs {
    pub wheel: Option<PathBuf>,
    pub unpacked: Option<PathBuf>,
    pub errors_packages: Vec<PathBuf>,
    pub intl_wheel: Option<PathBuf>,
    pub intl_unpacked: Option<PathBuf>,
    pub intl_errors_package: Option<PathBuf>,
}

#[derive(Debug, Default, PartialEq)]
struct Args {
    packages: PackageArgs,
    services: Vec<Selector>,
    all: bool,
    out: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args::default();
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        let mut text = || {
            iter.next()
                .cloned()
                .ok_or_else(|| format!("`{flag}` needs a value\n\n{USAGE}"))
        };
        let p = &mut parsed.packages;
        match flag.as_str() {
            "--service" => parsed.services.push(Selector::parse(&text()?)?),
            "--all" => parsed.all = true,
            "--out" => parsed.out = Some(PathBuf::from(text()?)),
            "--wheel" => p.wheel = Some(PathBuf::from(text()?)),
            "--unpacked" => p.unpacked = Some(PathBuf::from(text()?)),
            "--errors-package" => p.errors_packages.push(PathBuf::from(text()?)),
            "--intl-wheel" => p.intl_wheel = Some(PathBuf::from(text()?)),
            "--intl-unpacked" => p.intl_unpacked = Some(PathBuf::from(text()?)),
            "--intl-errors-package" => p.intl_errors_package = Some(PathBuf::from(text()?)),
            other => return Err(format!("unexpected argument `{other}`\n\n{USAGE}")),
        }
    }
    let p = &parsed.packages;
    if p.wheel.is_some() && p.unpacked.is_some() {
        return Err(format!("pass either --wheel or --unpacked\n\n{USAGE}"));
    }
    if p.intl_wheel.is_some() && p.intl_unpacked.is_some() {
        return Err(format!("pass either --intl-wheel or --intl-unpacked\n\n{USAGE}"));
    }
    if parsed.all && !parsed.services.is_empty() {
        return Err(format!("pass either --all or --service\n\n{USAGE}"));
    }
    Ok(parsed)
}

/// The international site's packages: the English docs.
pub struct Intl {
    pub tccli: Unpacked,
    pub sdk: Unpacked,
}

/// Every package an import reads, unpacked.
pub struct Packages {
    /// The CLI wheel: `api.json` and `examples.json`.
    pub tccli: Unpacked,
    /// The SDK packages holding `errorcodes.py`.
    pub sdk: Vec<Unpacked>,
    pub intl: Intl,
}

impl Packages {
    /// The packages the arguments name, the pinned versions for the others, unpacked under
    /// `target/import-definitions/unpacked/`.
    pub fn open(args: &PackageArgs) -> Result<Packages, String> {
        let scratch = workspace::root().join("target").join("import-definitions");
        let tccli = wheel(
            TCCLI,
            args.wheel.as_deref(),
            args.unpacked.as_deref(),
            &scratch,
            "tccli",
        )?;
        let sdk_paths = if args.errors_packages.is_empty() {
            packages::download(&[SDK], &scratch.join("downloads"))?
        } else {
            args.errors_packages.clone()
        };
        let mut sdk = Vec::new();
        for (i, path) in sdk_paths.iter().enumerate() {
            let package = if path.is_dir() {
                packages::open(path, None)?
            } else {
                packages::unpack(path, &scratch.join("unpacked").join(format!("sdk-{i}")))?
            };
            sdk.push(package);
        }
        let intl = Intl {
            tccli: wheel(
                TCCLI_INTL,
                args.intl_wheel.as_deref(),
                args.intl_unpacked.as_deref(),
                &scratch,
                "tccli-intl",
            )?,
            sdk: match &args.intl_errors_package {
                Some(path) if path.is_dir() => packages::open(path, Some(SDK_INTL.name))?,
                Some(path) => wheel(SDK_INTL, Some(path), None, &scratch, "sdk-intl")?,
                None => wheel(SDK_INTL, None, None, &scratch, "sdk-intl")?,
            },
        };
        note_version(&tccli, TCCLI);
        if args.errors_packages.is_empty() {
            for package in &sdk {
                note_version(package, SDK);
            }
        }
        note_version(&intl.tccli, TCCLI_INTL);
        note_version(&intl.sdk, SDK_INTL);
        Ok(Packages { tccli, sdk, intl })
    }

    /// Every service version of the tccli wheel.
    pub fn catalog(&self) -> Result<Vec<Entry>, String> {
        selection::catalog(&self.tccli)
    }
}

/// The wheel of `pin`, unpacked under `scratch/unpacked/{dir}`: the one passed, an unpacked
/// one, or the pinned version downloaded.
fn wheel(
    pin: Pin,
    wheel: Option<&Path>,
    unpacked: Option<&Path>,
    scratch: &Path,
    dir: &str,
) -> Result<Unpacked, String> {
    let dest = scratch.join("unpacked").join(dir);
    match (wheel, unpacked) {
        (Some(wheel), _) => packages::unpack(wheel, &dest),
        (None, Some(unpacked)) => packages::open(unpacked, Some(pin.name)),
        (None, None) => {
            let wheel = packages::download(&[pin], &scratch.join("downloads"))?.pop();
            let wheel = wheel.ok_or_else(|| format!("no wheel downloaded for {} {}", pin.name, pin.version))?;
            packages::unpack(&wheel, &dest)
        }
    }
}

fn note_version(package: &Unpacked, pin: Pin) {
    if package.version != pin.version {
        eprintln!(
            "import-definitions: note: {} {} is not the pinned {}",
            package.name, package.version, pin.version
        );
    }
}

/// The service versions `api-specs/services.txt` lists.
pub fn default_services(api_specs: &Path) -> Result<Vec<Selector>, String> {
    let path = api_specs.join(SERVICES_FILE);
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    selection::parse_list(&format!("api-specs/{SERVICES_FILE}"), &text)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse_args(args)?;
    let api_specs = workspace::api_specs();
    let out = args.out.clone().unwrap_or_else(|| api_specs.clone());
    let packages = Packages::open(&args.packages)?;
    let catalog = packages.catalog()?;
    let entries = if args.all {
        catalog
    } else {
        let selectors = if args.services.is_empty() {
            default_services(&api_specs)?
        } else {
            args.services.clone()
        };
        selection::select(&catalog, &selectors)?
    };
    let importer = Importer::new(&packages, &api_specs, &out)?;
    // Versions import independently: in parallel, each written when done; what each prints is
    // printed afterwards, in order.
    // Only the text to print is kept: all 300 specs at once would take gigabytes.
    let outcomes: Vec<Result<Printed, String>> = entries
        .par_iter()
        .map(|entry| {
            let imported = importer.import(entry)?;
            let written = write_imported(&out, &imported)?;
            Ok(Printed {
                log: imported.log,
                merge_entries: imported.merge_entries,
                written,
            })
        })
        .collect();
    let mut failed = Vec::new();
    for (entry, outcome) in entries.iter().zip(outcomes) {
        match outcome {
            Ok(Printed {
                log,
                merge_entries,
                written,
            }) => {
                for line in &log {
                    eprintln!("import-definitions: {line}");
                }
                print!("{merge_entries}");
                for line in written {
                    eprintln!("import-definitions: {line}");
                }
            }
            Err(message) => {
                eprintln!("import-definitions: {entry}: error: {message}");
                failed.push(format!("{entry}: {message}"));
            }
        }
    }
    eprintln!(
        "import-definitions: {} of {} service version(s) imported",
        entries.len() - failed.len(),
        entries.len()
    );
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} service version(s) not imported:\n  {}",
            failed.len(),
            failed.join("\n  ")
        ))
    }
}

/// What `run` prints of an imported version once all are done.
struct Printed {
    log: Vec<String>,
    merge_entries: String,
    /// What `write_imported` says it wrote.
    written: Vec<String>,
}

/// One imported service version: the spec, its files' text and what to print.
pub struct Imported {
    pub entry: Entry,
    pub spec: Spec,
    /// The spec file's text.
    pub json: String,
    /// The `.merge-report.txt` text.
    pub report: String,
    /// The merge report's entries, as the importer prints them to stdout.
    pub merge_entries: String,
    /// Summary lines (counts, value sets, English coverage), for stderr.
    pub log: Vec<String>,
}

/// Imports service versions from `packages`, reading the doc pages and the common error codes
/// under `api_specs` and carrying the maintainers' overrides and waiters over from the spec
/// being replaced (in `out`, else the checked-in one in `api_specs`).
pub struct Importer<'a> {
    packages: &'a Packages,
    api_specs: &'a Path,
    out: &'a Path,
    common: CommonErrors,
}

impl<'a> Importer<'a> {
    pub fn new(packages: &'a Packages, api_specs: &'a Path, out: &'a Path) -> Result<Importer<'a>, String> {
        Ok(Importer {
            packages,
            api_specs,
            out,
            common: CommonErrors::read(api_specs)?,
        })
    }

    /// Converts, merges and validates one service version.
    pub fn import(&self, entry: &Entry) -> Result<Imported, String> {
        let Entry { service, version, .. } = entry;
        let (tccli, sdk) = (&self.packages.tccli, &self.packages.sdk);
        let api_path = entry.path("tccli/services", "api.json");
        let examples_path = entry.path("tccli/services", "examples.json");
        let codes_path = entry.path("tencentcloud", "errorcodes.py");
        let holders: Vec<&Unpacked> = sdk.iter().filter(|p| p.has(&codes_path)).collect();
        let codes_package = match holders.as_slice() {
            [one] => *one,
            [] => {
                return Err(format!(
                    "no SDK package holds {codes_path}; pass it with --errors-package"
                ))
            }
            _ => return Err(format!("several SDK packages hold {codes_path}; pass only one")),
        };
        let (api, examples, codes) = (
            tccli.read(&api_path)?,
            tccli.read(&examples_path)?,
            codes_package.read(&codes_path)?,
        );
        let files = DefinitionFiles {
            service,
            version,
            api: package_file(tccli, &api_path, &api),
            examples: package_file(tccli, &examples_path, &examples),
            error_codes: package_file(codes_package, &codes_path, &codes),
        };
        let conversion = convert(&files).map_err(|e| format!("{} {}: {e}", tccli.name, tccli.version))?;
        let mut log = Vec::new();
        let pages = build_page_spec(self.api_specs, service, version)?;
        if !pages.warnings.is_empty() {
            // The doc importer's own findings; `cargo xtask import-doc` on the pages shows them.
            log.push(format!(
                "{service} {version}: {} doc-page warning(s) while reading the pages",
                pages.warnings.len()
            ));
        }
        let (mut spec, report) = merge(conversion.spec, &pages.spec);
        let english = self.english(&mut spec, entry, &mut log)?;
        let common = self.common.add_to(&mut spec);
        log.push(format!("{service} {version}: {common} common error codes added"));
        classify(&mut spec);
        let sets = assign_value_sets(&mut spec);
        log.push(format!(
            "{service} {version}: {} value sets on {} members ({} high, {} medium confidence; {} looser readings and {} numbered cases not used)",
            spec.value_sets.len(),
            sets.assigned(),
            sets.high.len(),
            sets.medium.len(),
            sets.low.len(),
            sets.numbered_cases.len()
        ));
        // Overrides and waiters are the maintainers' own words: carried over from the spec being
        // replaced.
        let file = format!("{version}.json");
        let existing = [self.out, self.api_specs]
            .iter()
            .map(|dir| dir.join(service).join(&file))
            .find(|path| path.exists());
        if let Some(existing) = existing {
            let existing = load_spec(&existing).map_err(|e| e.to_string())?;
            spec.overrides = existing.overrides;
            spec.waiters = existing.waiters;
        }
        validate(&spec).map_err(|(field, message)| {
            format!("{service} {version}: merged spec is invalid at `{field}`: {message}")
        })?;
        log.push(format!("{service} {version}: {}", counts(&spec)));
        log.push(report.summary());
        log.push(english.summary());
        let text = report_text(&spec, &conversion.notes, &pages.pages, &report, &english);
        Ok(Imported {
            entry: entry.clone(),
            json: to_pretty_json(&spec),
            spec,
            report: text,
            merge_entries: report.to_string(),
            log,
        })
    }

    /// Lays the English docs of the international packages over `spec`; a version they do not
    /// have keeps its Chinese alone (the report says so).
    fn english(&self, spec: &mut Spec, entry: &Entry, log: &mut Vec<String>) -> Result<EnglishReport, String> {
        let intl = &self.packages.intl;
        let (service, version) = (&entry.service, &entry.version);
        let from = format!(
            "{} {}, {} {}",
            intl.tccli.name, intl.tccli.version, intl.sdk.name, intl.sdk.version
        );
        let api_path = entry.path("tccli/services", "api.json");
        let examples_path = entry.path("tccli/services", "examples.json");
        let codes_path = entry.path("tencentcloud", "errorcodes.py");
        if !intl.tccli.has(&api_path) {
            log.push(format!(
                "{service} {version}: {} {} has no {api_path}: no English docs",
                intl.tccli.name, intl.tccli.version
            ));
            return Ok(english::absent(spec, format!("{from} (no {service} {version} there)")));
        }
        let (api, examples, codes) = (
            intl.tccli.read(&api_path)?,
            intl.tccli.read(&examples_path)?,
            intl.sdk.read(&codes_path)?,
        );
        let files = DefinitionFiles {
            service,
            version,
            api: package_file(&intl.tccli, &api_path, &api),
            examples: package_file(&intl.tccli, &examples_path, &examples),
            error_codes: package_file(&intl.sdk, &codes_path, &codes),
        };
        let conversion = convert(&files).map_err(|e| format!("{} {}: {e}", intl.tccli.name, intl.tccli.version))?;
        Ok(english::overlay(spec, conversion, from))
    }
}

fn package_file<'a>(package: &'a Unpacked, path: &'a str, text: &'a str) -> PackageFile<'a> {
    PackageFile {
        package: &package.name,
        package_version: &package.version,
        path,
        text,
    }
}

/// Writes the spec and its merge report under `out/{service}/`; returns what it did, a line a file.
pub fn write_imported(out: &Path, imported: &Imported) -> Result<Vec<String>, String> {
    let dir = out.join(&imported.entry.service);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let version = &imported.entry.version;
    Ok(vec![
        write(&dir.join(format!("{version}.json")), &imported.json)?,
        write(&dir.join(format!("{version}.merge-report.txt")), &imported.report)?,
    ])
}

fn write(path: &Path, text: &str) -> Result<String, String> {
    let shown = path
        .strip_prefix(workspace::root())
        .unwrap_or(path)
        .display()
        .to_string();
    if fs::read_to_string(path).ok().as_deref() == Some(text) {
        return Ok(format!("{shown} unchanged"));
    }
    fs::write(path, text).map_err(|e| format!("{shown}: {e}"))?;
    Ok(format!("wrote {shown}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Args, String> {
        parse_args(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn arguments() {
        assert_eq!(args(&[]).unwrap(), Args::default());
        let parsed = args(&["--wheel", "t.whl", "--errors-package", "a", "--errors-package", "b"]).unwrap();
        assert_eq!(parsed.packages.wheel, Some(PathBuf::from("t.whl")));
        assert_eq!(
            parsed.packages.errors_packages,
            [PathBuf::from("a"), PathBuf::from("b")]
        );
        assert!(args(&["--wheel"]).is_err());
        assert!(args(&["--wheel", "a", "--unpacked", "b"]).is_err());
        let parsed = args(&["--intl-unpacked", "i", "--intl-errors-package", "e.whl"]).unwrap();
        assert_eq!(parsed.packages.intl_unpacked, Some(PathBuf::from("i")));
        assert_eq!(parsed.packages.intl_errors_package, Some(PathBuf::from("e.whl")));
        assert!(args(&["--intl-wheel", "a", "--intl-unpacked", "b"]).is_err());
        assert!(args(&["--bogus"]).is_err());
    }

    #[test]
    fn selection_and_output_arguments() {
        let parsed = args(&["--service", "cvm", "--service", "as@2018-04-19", "--out", "target/x"]).unwrap();
        assert_eq!(
            parsed.services.iter().map(Selector::to_string).collect::<Vec<_>>(),
            ["cvm", "as@2018-04-19"]
        );
        assert_eq!(parsed.out, Some(PathBuf::from("target/x")));
        assert!(args(&["--all"]).unwrap().all);
        assert!(args(&["--all", "--service", "cvm"]).is_err());
        assert!(args(&["--service", "cvm@2017"]).is_err());
        assert!(args(&["--service"]).is_err());
    }

    #[test]
    fn the_checked_in_list_names_the_checked_in_specs() {
        let list = default_services(&workspace::api_specs()).unwrap();
        let shown: Vec<String> = list.iter().map(Selector::to_string).collect();
        assert_eq!(
            shown,
            [
                "wedata@2021-08-20",
                "wedata@2025-08-06",
                "dts@2021-12-06",
                "sts@2018-08-13"
            ]
        );
        for selector in &list {
            let version = selector.version.as_deref().unwrap();
            assert!(workspace::spec_path(&selector.service, version).exists(), "{selector}");
        }
    }
}
