//! The pinned Python packages the definitions come from, and getting them: `pip download`
//! (Python is needed only to refresh the specs, never to build or test) and unpacking a wheel
//! (a zip) with Python's `zipfile`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A package at a pinned version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pin {
    pub name: &'static str,
    pub version: &'static str,
}

/// The CLI wheel with `api.json` and `examples.json` of every service version.
pub const TCCLI: Pin = Pin {
    name: "tccli",
    version: "3.1.189.1",
};

/// The all-services SDK: `tencentcloud/{folder}/v{YYYYMMDD}/errorcodes.py` of every service
/// version, the release tccli 3.1.189.1 requires. (A per-service package such as
/// `tencentcloud-sdk-python-wedata` is only published when that service changes; their
/// `errorcodes.py` are the same files, byte for byte: wedata 3.1.189 and dts 3.1.157.)
pub const SDK: Pin = Pin {
    name: "tencentcloud-sdk-python",
    version: "3.1.189",
};

/// The international site's CLI wheel: the same `tccli/services/{service}/v{YYYYMMDD}/api.json`
/// and `examples.json` layout as [`TCCLI`], written in English (titles, docs, examples), for
/// the actions the international site offers. The source of the specs' `*_en` docs.
pub const TCCLI_INTL: Pin = Pin {
    name: "tccli-intl-en",
    version: "3.1.193.1",
};

/// The international site's all-services SDK: `tencentcloud/{service}/v{YYYYMMDD}/errorcodes.py`
/// with English descriptions, in the format of the [`SDK`] packages' files.
pub const SDK_INTL: Pin = Pin {
    name: "tencentcloud-sdk-python-intl-en",
    version: "3.1.193",
};

/// An unpacked package: its files under `root`, its name and version from its metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unpacked {
    pub root: PathBuf,
    pub name: String,
    pub version: String,
}

impl Unpacked {
    /// Reads `path` (relative to the package root), naming the package file in errors.
    pub fn read(&self, path: &str) -> Result<String, String> {
        let full = self.root.join(path);
        fs::read_to_string(&full).map_err(|e| format!("{} {}: {path}: {e}", self.name, self.version))
    }

    pub fn has(&self, path: &str) -> bool {
        self.root.join(path).is_file()
    }
}

/// `v20211206` for `2021-12-06`: the directory name of a version inside the packages.
pub fn version_dir(version: &str) -> String {
    format!("v{}", version.replace('-', ""))
}

/// Downloads pinned wheels into `dir` (reusing ones already there) and returns their paths.
pub fn download(pins: &[Pin], dir: &Path) -> Result<Vec<PathBuf>, String> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut wheels = Vec::new();
    for pin in pins {
        if let Some(wheel) = find_wheel(dir, pin)? {
            wheels.push(wheel);
            continue;
        }
        let spec = format!("{}=={}", pin.name, pin.version);
        eprintln!("import-definitions: pip download {spec}");
        let status = Command::new("python3")
            .args(["-m", "pip", "download", "-q", "--no-deps", "--disable-pip-version-check", "--only-binary", ":all:", "-d"])
            .arg(dir)
            .arg(&spec)
            .status()
            .map_err(|e| format!("cannot run `python3 -m pip` (needed to download {spec}; or pass the packages with the flags --wheel/--unpacked, --errors-package, --intl-wheel/--intl-unpacked and --intl-errors-package): {e}"))?;
        if !status.success() {
            return Err(format!("`pip download {spec}` failed ({status})"));
        }
        wheels.push(
            find_wheel(dir, pin)?
                .ok_or_else(|| format!("pip downloaded no wheel for {spec} into {}", dir.display()))?,
        );
    }
    Ok(wheels)
}

/// The wheel of `pin` in `dir`: wheel names spell the package with `_` (`tencentcloud_sdk_python_dts-3.1.157-...`).
fn find_wheel(dir: &Path, pin: &Pin) -> Result<Option<PathBuf>, String> {
    let prefix = format!("{}-{}-", pin.name.replace('-', "_"), pin.version);
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.starts_with(&prefix) && name.ends_with(".whl") {
            return Ok(Some(path));
        }
    }
    Ok(None)
}

/// Unpacks `wheel` into a fresh `dest` and reads its metadata.
pub fn unpack(wheel: &Path, dest: &Path) -> Result<Unpacked, String> {
    if dest.exists() {
        fs::remove_dir_all(dest).map_err(|e| format!("{}: {e}", dest.display()))?;
    }
    fs::create_dir_all(dest).map_err(|e| format!("{}: {e}", dest.display()))?;
    let status = Command::new("python3")
        .args(["-m", "zipfile", "-e"])
        .arg(wheel)
        .arg(dest)
        .status()
        .map_err(|e| format!("cannot run `python3 -m zipfile` to unpack {}: {e}", wheel.display()))?;
    if !status.success() {
        return Err(format!("unpacking {} failed ({status})", wheel.display()));
    }
    open(dest, None)
}

/// An unpacked package directory: the one `*.dist-info` in it (or the one named `name`, for a
/// directory holding several, like `site-packages`).
pub fn open(dir: &Path, name: Option<&str>) -> Result<Unpacked, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut found = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() && path.extension().is_some_and(|e| e == "dist-info") {
            let (package, version) = metadata(&path)?;
            if name.is_none_or(|n| normalize(n) == normalize(&package)) {
                found.push(Unpacked {
                    root: dir.to_owned(),
                    name: package,
                    version,
                });
            }
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(format!(
            "{}: no *.dist-info{} (not an unpacked wheel?)",
            dir.display(),
            name.map(|n| format!(" for {n}")).unwrap_or_default()
        )),
        _ => {
            let names: Vec<String> = found.iter().map(|u| format!("{} {}", u.name, u.version)).collect();
            Err(format!(
                "{}: several packages ({}); pass one",
                dir.display(),
                names.join(", ")
            ))
        }
    }
}

/// `Name:` and `Version:` of a `*.dist-info/METADATA`.
fn metadata(dist_info: &Path) -> Result<(String, String), String> {
    let path = dist_info.join("METADATA");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let field = |key: &str| {
        text.lines()
            .take_while(|l| !l.is_empty())
            .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_owned()))
            .ok_or_else(|| format!("{}: no `{key}` header", path.display()))
    };
    Ok((field("Name:")?, field("Version:")?))
}

/// Package names compare case-insensitively with `-`, `_` and `.` alike (PEP 503).
fn normalize(name: &str) -> String {
    name.to_ascii_lowercase().replace(['_', '.'], "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_dirs_and_names() {
        assert_eq!(version_dir("2021-12-06"), "v20211206");
        assert_eq!(normalize("tencentcloud_sdk_python_DTS"), "tencentcloud-sdk-python-dts");
    }
}
