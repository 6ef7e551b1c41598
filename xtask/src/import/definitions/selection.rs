//! Which service versions to import: the catalog of every version the tccli wheel holds, and
//! the selectors that pick from it (`cvm`, `cvm@2017-03-12`, `--all`, or the checked-in list
//! `api-specs/services.txt`).
//!
//! A version lives in `tccli/services/{folder}/v{YYYYMMDD}/`; its service (the endpoint and
//! credential-scope name, the spec's `service`) is the `api.json` metadata's
//! `serviceShortName`, which is the folder name except for `autoscaling`, whose service is `as`.
//! Selectors accept either name.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;

use serde::de::IgnoredAny;
use serde::Deserialize;

use super::packages::Unpacked;

/// One service version of the catalog.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// The spec's `service`: `serviceShortName` (`as`).
    pub service: String,
    /// `YYYY-MM-DD`.
    pub version: String,
    /// The directory under `tccli/services/` (and `tencentcloud/` in the SDK): `autoscaling`.
    pub folder: String,
    /// How many actions `api.json` defines (whatever their status).
    pub actions: usize,
}

impl Entry {
    /// `v20180419`: the version's directory.
    pub fn dir(&self) -> String {
        super::packages::version_dir(&self.version)
    }

    /// A path inside a package: `{root}/{folder}/{dir}/{file}` (`root` is `tccli/services` or
    /// `tencentcloud`).
    pub fn path(&self, root: &str, file: &str) -> String {
        format!("{root}/{}/{}/{file}", self.folder, self.dir())
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.service, self.version)
    }
}

/// `service` or `service@YYYY-MM-DD`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector {
    pub service: String,
    pub version: Option<String>,
}

impl Selector {
    pub fn parse(text: &str) -> Result<Selector, String> {
        let (service, version) = match text.split_once('@') {
            Some((service, version)) => (service, Some(version)),
            None => (text, None),
        };
        let service_ok = !service.is_empty()
            && service
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !service_ok {
            return Err(format!(
                "`{text}`: expected `service` or `service@YYYY-MM-DD` (a lowercase service name)"
            ));
        }
        if let Some(version) = version {
            let b = version.as_bytes();
            let date = b.len() == 10
                && b.iter().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        *c == b'-'
                    } else {
                        c.is_ascii_digit()
                    }
                });
            if !date {
                return Err(format!("`{text}`: the version must be YYYY-MM-DD"));
            }
        }
        Ok(Selector {
            service: service.to_owned(),
            version: version.map(str::to_owned),
        })
    }

    /// Whether the selector picks `entry` (by service name or folder, and version if given).
    pub fn matches(&self, entry: &Entry) -> bool {
        (entry.service == self.service || entry.folder == self.service)
            && self.version.as_ref().is_none_or(|v| *v == entry.version)
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.version {
            Some(version) => write!(f, "{}@{version}", self.service),
            None => f.write_str(&self.service),
        }
    }
}

/// The selectors of a list file: one `service` or `service@YYYY-MM-DD` a line; `#` starts a
/// comment; blank lines are skipped. Errors name the line.
pub fn parse_list(file: &str, text: &str) -> Result<Vec<Selector>, String> {
    let mut selectors = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        selectors.push(Selector::parse(line).map_err(|e| format!("{file}:{}: {e}", index + 1))?);
    }
    Ok(selectors)
}

/// The entries the selectors pick, in catalog order (service, then version), each once. A
/// selector that picks nothing is an error naming it and what the catalog has of the service.
pub fn select(catalog: &[Entry], selectors: &[Selector]) -> Result<Vec<Entry>, String> {
    let mut picked = BTreeSet::new();
    for selector in selectors {
        let found: Vec<&Entry> = catalog.iter().filter(|e| selector.matches(e)).collect();
        if found.is_empty() {
            let versions: Vec<String> = catalog
                .iter()
                .filter(|e| e.service == selector.service || e.folder == selector.service)
                .map(|e| e.version.clone())
                .collect();
            return Err(if versions.is_empty() {
                format!("no service `{}` in the definitions", selector.service)
            } else {
                format!(
                    "no {selector} in the definitions ({} has {})",
                    selector.service,
                    versions.join(", ")
                )
            });
        }
        picked.extend(found.into_iter().cloned());
    }
    Ok(picked.into_iter().collect())
}

/// The part of `api.json` that names the service version.
#[derive(Deserialize)]
struct Head {
    metadata: Metadata,
    actions: BTreeMap<String, IgnoredAny>,
}

#[derive(Deserialize)]
struct Metadata {
    #[serde(rename = "apiVersion")]
    api_version: String,
    #[serde(rename = "serviceShortName")]
    service_short_name: String,
}

/// Every service version of the tccli wheel: each `tccli/services/{folder}/v{YYYYMMDD}/api.json`,
/// named by its metadata (which must agree with the directory's date).
pub fn catalog(tccli: &Unpacked) -> Result<Vec<Entry>, String> {
    let services = tccli.root.join("tccli").join("services");
    let mut entries = Vec::new();
    for folder in sorted_dirs(&services)? {
        for dir in sorted_dirs(&services.join(&folder))? {
            let api = services.join(&folder).join(&dir).join("api.json");
            if !is_version_dir(&dir) || !api.is_file() {
                continue;
            }
            let shown = format!("tccli/services/{folder}/{dir}/api.json");
            let text = fs::read_to_string(&api).map_err(|e| format!("{shown}: {e}"))?;
            let head: Head = serde_json::from_str(&text).map_err(|e| format!("{shown}: {e}"))?;
            let version = head.metadata.api_version;
            if super::packages::version_dir(&version) != dir {
                return Err(format!(
                    "{shown}: metadata.apiVersion `{version}` is not the directory's version"
                ));
            }
            entries.push(Entry {
                service: head.metadata.service_short_name,
                version,
                folder: folder.clone(),
                actions: head.actions.len(),
            });
        }
    }
    entries.sort();
    Ok(entries)
}

/// `v` and eight digits.
fn is_version_dir(name: &str) -> bool {
    name.strip_prefix('v')
        .is_some_and(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
}

fn sorted_dirs(dir: &std::path::Path) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        if entry.path().is_dir() {
            if let Some(name) = entry.file_name().to_str() {
                names.push(name.to_owned());
            }
        }
    }
    names.sort();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(service: &str, version: &str, folder: &str) -> Entry {
        Entry {
            service: service.into(),
            version: version.into(),
            folder: folder.into(),
            actions: 0,
        }
    }

    #[test]
    fn selectors_parse() {
        assert_eq!(
            Selector::parse("cvm").unwrap(),
            Selector {
                service: "cvm".into(),
                version: None
            }
        );
        let s = Selector::parse("cvm@2017-03-12").unwrap();
        assert_eq!(s.version.as_deref(), Some("2017-03-12"));
        assert_eq!(s.to_string(), "cvm@2017-03-12");
        for bad in [
            "",
            "CVM",
            "cvm@",
            "cvm@20170312",
            "cvm@2017-3-12",
            "c vm",
            "@2017-03-12",
        ] {
            assert!(Selector::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn list_files_have_comments_and_name_bad_lines() {
        let list = parse_list("s.txt", "# the specs\nwedata@2021-08-20\n\n  dts  # all of it\n").unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[1].to_string(), "dts");
        assert_eq!(
            parse_list("s.txt", "ok\nnot ok\n").unwrap_err(),
            "s.txt:2: `not ok`: expected `service` or `service@YYYY-MM-DD` (a lowercase service name)"
        );
    }

    #[test]
    fn selection_by_service_folder_and_version() {
        let catalog = vec![
            entry("as", "2018-04-19", "autoscaling"),
            entry("cvm", "2017-03-12", "cvm"),
            entry("wedata", "2021-08-20", "wedata"),
            entry("wedata", "2025-08-06", "wedata"),
        ];
        let pick = |list: &[&str]| -> Result<Vec<String>, String> {
            let selectors: Vec<Selector> = list.iter().map(|s| Selector::parse(s).unwrap()).collect();
            select(&catalog, &selectors).map(|v| v.iter().map(Entry::to_string).collect())
        };
        assert_eq!(
            pick(&["wedata", "as"]).unwrap(),
            ["as 2018-04-19", "wedata 2021-08-20", "wedata 2025-08-06"]
        );
        assert_eq!(pick(&["autoscaling"]).unwrap(), ["as 2018-04-19"]);
        assert_eq!(pick(&["wedata@2025-08-06", "wedata"]).unwrap().len(), 2, "each once");
        assert_eq!(
            pick(&["wedata@2020-01-01"]).unwrap_err(),
            "no wedata@2020-01-01 in the definitions (wedata has 2021-08-20, 2025-08-06)"
        );
        assert_eq!(pick(&["nope"]).unwrap_err(), "no service `nope` in the definitions");
        assert_eq!(
            catalog[0].path("tccli/services", "api.json"),
            "tccli/services/autoscaling/v20180419/api.json"
        );
    }

    #[test]
    fn the_catalog_names_versions_by_their_metadata() {
        let dir = std::env::temp_dir().join(format!("xtask-catalog-{}", std::process::id()));
        let write = |folder: &str, version_dir: &str, text: &str| {
            let path = dir.join("tccli/services").join(folder).join(version_dir);
            fs::create_dir_all(&path).unwrap();
            fs::write(path.join("api.json"), text).unwrap();
        };
        let api = |service: &str, version: &str| {
            format!(
                r#"{{"actions": {{}}, "metadata": {{"apiVersion": "{version}", "serviceShortName": "{service}"}}, "objects": {{}}}}"#
            )
        };
        write("autoscaling", "v20180419", &api("as", "2018-04-19"));
        write("cvm", "v20170312", &api("cvm", "2017-03-12"));
        fs::create_dir_all(dir.join("tccli/services/cvm/not-a-version")).unwrap();
        let package = Unpacked {
            root: dir.clone(),
            name: "tccli".into(),
            version: "1".into(),
        };
        let found = catalog(&package).unwrap();
        assert_eq!(
            found,
            [
                entry("as", "2018-04-19", "autoscaling"),
                entry("cvm", "2017-03-12", "cvm")
            ]
        );
        write("cvm", "v20170313", &api("cvm", "2017-03-12"));
        assert!(catalog(&package).unwrap_err().contains("not the directory's version"));
        fs::remove_dir_all(&dir).unwrap();
    }
}
