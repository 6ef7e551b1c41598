//! `cargo xtask import-definitions [--wheel PATH | --unpacked DIR] [--errors-package PATH]...
//! [--intl-wheel PATH | --intl-unpacked DIR] [--intl-errors-package PATH]`
//!
//! Converts the pinned definitions of each service version, merges the version's doc pages
//! into them, lays the international site's English docs over them, and writes
//! `api-specs/{service}/{version}.json` with a `.merge-report.txt` next to it. Nothing is
//! written unless every version converts, merges and validates.

use std::fs;
use std::path::{Path, PathBuf};

use tencentcloud_codegen::spec::{load_spec, to_pretty_json, validate, Spec};

use super::english::{self, EnglishReport};
use super::packages::{self, Pin, Unpacked, SDK, SDK_INTL, SERVICE_VERSIONS, TCCLI, TCCLI_INTL};
use super::report_text::{counts, report_text};
use super::{build_page_spec, convert, merge, DefinitionFiles, PackageFile};
use crate::import::classify::classify;
use crate::import::common_errors::CommonErrors;
use crate::import::value_sets::assign_value_sets;
use crate::workspace;

const USAGE: &str = "\
usage: cargo xtask import-definitions [--wheel PATH | --unpacked DIR] [--errors-package PATH]...
                                      [--intl-wheel PATH | --intl-unpacked DIR] [--intl-errors-package PATH]
  --wheel PATH                the tccli wheel (default: pip download of the pinned version)
  --unpacked DIR              an unpacked tccli wheel (a directory holding tccli/ and its dist-info)
  --errors-package PATH       an SDK wheel or unpacked package holding errorcodes.py; repeatable
                              (default: pip download of the pinned tencentcloud-sdk-python-* packages)
  --intl-wheel PATH           the tccli-intl-en wheel, the English docs (default: pip download of the pinned version)
  --intl-unpacked DIR         an unpacked tccli-intl-en wheel
  --intl-errors-package PATH  the tencentcloud-sdk-python-intl-en wheel or unpacked package, the English
                              error descriptions (default: pip download of the pinned version)";

#[derive(Debug, Default, PartialEq)]
struct Args {
    wheel: Option<PathBuf>,
    unpacked: Option<PathBuf>,
    errors_packages: Vec<PathBuf>,
    intl_wheel: Option<PathBuf>,
    intl_unpacked: Option<PathBuf>,
    intl_errors_package: Option<PathBuf>,
}

/// The international site's packages: the English docs.
struct Intl {
    tccli: Unpacked,
    sdk: Unpacked,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args::default();
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        let mut value = || {
            iter.next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("`{flag}` needs a path\n\n{USAGE}"))
        };
        match flag.as_str() {
            "--wheel" => parsed.wheel = Some(value()?),
            "--unpacked" => parsed.unpacked = Some(value()?),
            "--errors-package" => parsed.errors_packages.push(value()?),
            "--intl-wheel" => parsed.intl_wheel = Some(value()?),
            "--intl-unpacked" => parsed.intl_unpacked = Some(value()?),
            "--intl-errors-package" => parsed.intl_errors_package = Some(value()?),
            other => return Err(format!("unexpected argument `{other}`\n\n{USAGE}")),
        }
    }
    if parsed.wheel.is_some() && parsed.unpacked.is_some() {
        return Err(format!("pass either --wheel or --unpacked\n\n{USAGE}"));
    }
    if parsed.intl_wheel.is_some() && parsed.intl_unpacked.is_some() {
        return Err(format!("pass either --intl-wheel or --intl-unpacked\n\n{USAGE}"));
    }
    Ok(parsed)
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

pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse_args(args)?;
    let scratch = workspace::root().join("target").join("import-definitions");
    let tccli = wheel(
        TCCLI,
        args.wheel.as_deref(),
        args.unpacked.as_deref(),
        &scratch,
        "tccli",
    )?;
    let sdk_paths = if args.errors_packages.is_empty() {
        packages::download(&SDK, &scratch.join("downloads"))?
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
    note_version(&intl.tccli, TCCLI_INTL);
    note_version(&intl.sdk, SDK_INTL);

    let api_specs = workspace::api_specs();
    let mut outputs = Vec::new();
    for (service, version) in SERVICE_VERSIONS {
        let (spec, report) = import_version(&tccli, &sdk, &intl, &api_specs, service, version)?;
        outputs.push((service, version, spec, report));
    }
    for (service, version, spec, report) in outputs {
        let dir = api_specs.join(service);
        fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        write(&dir.join(format!("{version}.json")), &spec)?;
        write(&dir.join(format!("{version}.merge-report.txt")), &report)?;
    }
    Ok(())
}

/// Converts, merges and validates one service version; prints its counts and report summary.
fn import_version(
    tccli: &Unpacked,
    sdk: &[Unpacked],
    intl: &Intl,
    api_specs: &Path,
    service: &str,
    version: &str,
) -> Result<(String, String), String> {
    let dir = packages::version_dir(version);
    let api_path = format!("tccli/services/{service}/{dir}/api.json");
    let examples_path = format!("tccli/services/{service}/{dir}/examples.json");
    let codes_path = format!("tencentcloud/{service}/{dir}/errorcodes.py");
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
        api: PackageFile {
            package: &tccli.name,
            package_version: &tccli.version,
            path: &api_path,
            text: &api,
        },
        examples: PackageFile {
            package: &tccli.name,
            package_version: &tccli.version,
            path: &examples_path,
            text: &examples,
        },
        error_codes: PackageFile {
            package: &codes_package.name,
            package_version: &codes_package.version,
            path: &codes_path,
            text: &codes,
        },
    };
    let conversion = convert(&files).map_err(|e| format!("{} {}: {e}", tccli.name, tccli.version))?;
    let pages = build_page_spec(api_specs, service, version)?;
    if !pages.warnings.is_empty() {
        // The doc importer's own findings; `cargo xtask import-doc` on the pages shows them.
        eprintln!(
            "import-definitions: {service} {version}: {} doc-page warning(s) while reading the pages",
            pages.warnings.len()
        );
    }
    let (mut spec, report) = merge(conversion.spec, &pages.spec);
    let english = english(&mut spec, intl)?;
    let common = CommonErrors::read(api_specs)?.add_to(&mut spec);
    eprintln!("import-definitions: {service} {version}: {common} common error codes added");
    classify(&mut spec);
    let sets = assign_value_sets(&mut spec);
    eprintln!(
        "import-definitions: {service} {version}: {} value sets on {} members ({} high, {} medium confidence; {} looser readings not used)",
        spec.value_sets.len(),
        sets.assigned(),
        sets.high.len(),
        sets.medium.len(),
        sets.low.len()
    );
    // Overrides and waiters are the maintainers' own words: carried over from the spec being
    // replaced.
    let existing = api_specs.join(service).join(format!("{version}.json"));
    if existing.exists() {
        let existing = load_spec(&existing).map_err(|e| e.to_string())?;
        spec.overrides = existing.overrides;
        spec.waiters = existing.waiters;
    }
    validate(&spec)
        .map_err(|(field, message)| format!("{service} {version}: merged spec is invalid at `{field}`: {message}"))?;
    eprintln!("import-definitions: {service} {version}: {}", counts(&spec));
    eprintln!("import-definitions: {}", report.summary());
    eprintln!("import-definitions: {}", english.summary());
    print!("{report}");
    let text = report_text(&spec, &conversion.notes, &pages.pages, &report, &english);
    Ok((to_pretty_json(&spec), text))
}

/// Lays the English docs of the international packages over `spec`; a version they do not
/// have keeps its Chinese alone (the report says so).
fn english(spec: &mut Spec, intl: &Intl) -> Result<EnglishReport, String> {
    let (service, version) = (spec.service.clone(), spec.version.clone());
    let from = format!(
        "{} {}, {} {}",
        intl.tccli.name, intl.tccli.version, intl.sdk.name, intl.sdk.version
    );
    let dir = packages::version_dir(&version);
    let api_path = format!("tccli/services/{service}/{dir}/api.json");
    let examples_path = format!("tccli/services/{service}/{dir}/examples.json");
    let codes_path = format!("tencentcloud/{service}/{dir}/errorcodes.py");
    if !intl.tccli.has(&api_path) {
        eprintln!(
            "import-definitions: {service} {version}: {} {} has no {api_path}: no English docs",
            intl.tccli.name, intl.tccli.version
        );
        return Ok(english::absent(spec, format!("{from} (no {service} {version} there)")));
    }
    let (api, examples, codes) = (
        intl.tccli.read(&api_path)?,
        intl.tccli.read(&examples_path)?,
        intl.sdk.read(&codes_path)?,
    );
    let files = DefinitionFiles {
        service: &service,
        version: &version,
        api: package_file(&intl.tccli, &api_path, &api),
        examples: package_file(&intl.tccli, &examples_path, &examples),
        error_codes: package_file(&intl.sdk, &codes_path, &codes),
    };
    let conversion = convert(&files).map_err(|e| format!("{} {}: {e}", intl.tccli.name, intl.tccli.version))?;
    Ok(english::overlay(spec, conversion, from))
}

fn package_file<'a>(package: &'a Unpacked, path: &'a str, text: &'a str) -> PackageFile<'a> {
    PackageFile {
        package: &package.name,
        package_version: &package.version,
        path,
        text,
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    let shown = path
        .strip_prefix(workspace::root())
        .unwrap_or(path)
        .display()
        .to_string();
    if fs::read_to_string(path).ok().as_deref() == Some(text) {
        eprintln!("import-definitions: {shown} unchanged");
        return Ok(());
    }
    fs::write(path, text).map_err(|e| format!("{shown}: {e}"))?;
    eprintln!("import-definitions: wrote {shown}");
    Ok(())
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
        assert_eq!(parsed.wheel, Some(PathBuf::from("t.whl")));
        assert_eq!(parsed.errors_packages, [PathBuf::from("a"), PathBuf::from("b")]);
        assert!(args(&["--wheel"]).is_err());
        assert!(args(&["--wheel", "a", "--unpacked", "b"]).is_err());
        let parsed = args(&["--intl-unpacked", "i", "--intl-errors-package", "e.whl"]).unwrap();
        assert_eq!(parsed.intl_unpacked, Some(PathBuf::from("i")));
        assert_eq!(parsed.intl_errors_package, Some(PathBuf::from("e.whl")));
        assert!(args(&["--intl-wheel", "a", "--intl-unpacked", "b"]).is_err());
        assert!(args(&["--bogus"]).is_err());
    }
}
