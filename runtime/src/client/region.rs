//! Which region a client sends: the one set in code, else `TENCENTCLOUD_REGION`, else the
//! `region` key of the selected profile in the credentials file.

use std::fmt;
use std::path::PathBuf;

use http::header::HeaderValue;

use crate::credentials::{CredentialsError, ProfileSelection};

const REGION_VAR: &str = "TENCENTCLOUD_REGION";
/// The key read from the selected profile, next to `secret_id` and `secret_key`.
const PROFILE_KEY: &str = "region";

/// A region and where it came from, so errors can say which setting to fix.
#[derive(Debug)]
pub(crate) struct Region {
    pub(crate) name: String,
    pub(crate) source: Source,
}

#[derive(Debug)]
pub(crate) enum Source {
    Code,
    Variable,
    Profile { path: PathBuf, profile: String },
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Code => f.write_str("code"),
            Source::Variable => f.write_str(REGION_VAR),
            Source::Profile { path, profile } => write!(f, "profile [{profile}] of {}", path.display()),
        }
    }
}

impl Region {
    /// The `X-TC-Region` value; an empty region, or one HTTP cannot carry, is an error that
    /// names where it came from.
    pub(crate) fn header_value(&self) -> Result<HeaderValue, String> {
        HeaderValue::from_str(&self.name)
            .ok()
            .filter(|_| !self.name.is_empty())
            .ok_or_else(|| {
                self.explain(format!(
                    "region `{}` is not a valid header value",
                    self.name.escape_debug()
                ))
            })
    }

    /// `message` with the region's source appended, unless it was set in code.
    pub(crate) fn explain(&self, message: String) -> String {
        match self.source {
            Source::Code => message,
            _ => format!("{message} (the region comes from {})", self.source),
        }
    }
}

/// The region by precedence: `explicit`, else (when `look_up`) the variable, else the profile's
/// `region`. A missing file at the default location or a missing `[default]` profile means no
/// region; a named file or profile that is missing, or a file that does not parse, is an error
/// rather than a silently different region.
pub(crate) fn choose(
    explicit: Option<String>,
    look_up: bool,
    selection: &ProfileSelection,
) -> Result<Option<Region>, String> {
    if let Some(name) = explicit {
        return Ok(Some(Region {
            name,
            source: Source::Code,
        }));
    }
    if !look_up {
        return Ok(None);
    }
    if let Some(name) = selection.vars.get(REGION_VAR) {
        return Ok(Some(Region {
            name,
            source: Source::Variable,
        }));
    }
    match selection.read(None) {
        Ok(profile) => Ok(profile.get(PROFILE_KEY).map(|name| Region {
            name: name.to_owned(),
            source: Source::Profile {
                path: profile.path.clone(),
                profile: profile.name.clone(),
            },
        })),
        Err(CredentialsError::NotFound(_)) => Ok(None),
        Err(CredentialsError::Invalid(why)) => Err(format!(
            "cannot look up the region: {why}; set the region with `region(..)`, or turn the lookup off \
             with `region_from_env(false)`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::credentials::Vars;

    fn selection(pairs: &[(&str, &str)]) -> ProfileSelection {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        ProfileSelection {
            vars: Vars::custom(move |name| map.get(name).cloned()),
            file: None,
            profile: None,
        }
    }

    fn chosen(explicit: Option<&str>, look_up: bool, selection: &ProfileSelection) -> Option<String> {
        choose(explicit.map(str::to_owned), look_up, selection)
            .unwrap()
            .map(|r| r.name)
    }

    const FILE: &str = "[default]\nsecret_id = a\nsecret_key = b\nregion = ap-beijing\n\n[prod]\nregion = ap-shanghai\n\n[bare]\nsecret_id = c\n";

    #[test]
    fn precedence_is_code_then_variable_then_profile() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("credentials");
        std::fs::write(&file, FILE).unwrap();
        let file = file.to_str().unwrap();
        let all = selection(&[("TENCENTCLOUD_CREDENTIALS_FILE", file), (REGION_VAR, "ap-guangzhou")]);
        assert_eq!(chosen(Some("ap-tokyo"), true, &all).as_deref(), Some("ap-tokyo"));
        assert_eq!(chosen(None, true, &all).as_deref(), Some("ap-guangzhou"));
        assert_eq!(chosen(None, false, &all), None);
        let file_only = selection(&[("TENCENTCLOUD_CREDENTIALS_FILE", file)]);
        assert_eq!(chosen(None, true, &file_only).as_deref(), Some("ap-beijing"));
        let prod = selection(&[
            ("TENCENTCLOUD_CREDENTIALS_FILE", file),
            ("TENCENTCLOUD_PROFILE", "prod"),
        ]);
        assert_eq!(chosen(None, true, &prod).as_deref(), Some("ap-shanghai"));
        let named_in_code = ProfileSelection {
            profile: Some("bare".into()),
            ..prod
        };
        assert_eq!(chosen(None, true, &named_in_code), None);
        // An empty variable is unset.
        let empty = selection(&[("TENCENTCLOUD_CREDENTIALS_FILE", file), (REGION_VAR, "")]);
        assert_eq!(chosen(None, true, &empty).as_deref(), Some("ap-beijing"));
    }

    #[test]
    fn no_file_at_the_default_location_or_no_home_is_no_region() {
        let home = tempfile::tempdir().unwrap();
        let with_home = selection(&[("HOME", home.path().to_str().unwrap())]);
        assert_eq!(chosen(None, true, &with_home), None);
        assert_eq!(chosen(None, true, &selection(&[])), None);
        // The file's absence, not the profile's: TENCENTCLOUD_PROFILE may be meant for tccli.
        let named = selection(&[
            ("HOME", home.path().to_str().unwrap()),
            ("TENCENTCLOUD_PROFILE", "prod"),
        ]);
        assert_eq!(chosen(None, true, &named), None);
    }

    #[test]
    fn a_broken_or_missing_named_source_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("credentials");
        std::fs::write(&file, "[default]\nsecret_key = hunter2\nregion ap-beijing\n").unwrap();
        let shown = file.display().to_string();
        let broken = selection(&[("TENCENTCLOUD_CREDENTIALS_FILE", file.to_str().unwrap())]);
        let err = choose(None, true, &broken).unwrap_err();
        assert!(
            err.starts_with(&format!(
                "cannot look up the region: profile file {shown}, line 3: expected"
            )),
            "{err}"
        );
        assert!(
            err.contains("region_from_env(false)") && !err.contains("hunter2"),
            "{err}"
        );

        std::fs::write(&file, FILE).unwrap();
        let typo = selection(&[
            ("TENCENTCLOUD_CREDENTIALS_FILE", file.to_str().unwrap()),
            ("TENCENTCLOUD_PROFILE", "pord"),
        ]);
        let err = choose(None, true, &typo).unwrap_err();
        assert!(
            err.contains("no [pord] profile (named by TENCENTCLOUD_PROFILE)"),
            "{err}"
        );

        let missing = dir.path().join("absent");
        let missing = selection(&[("TENCENTCLOUD_CREDENTIALS_FILE", missing.to_str().unwrap())]);
        let err = choose(None, true, &missing).unwrap_err();
        assert!(err.contains("absent: not found"), "{err}");
    }

    #[test]
    fn invalid_values_name_their_source() {
        let region = |name: &str, source| Region {
            name: name.to_owned(),
            source,
        };
        assert_eq!(
            region("ap\nbad", Source::Code).header_value().unwrap_err(),
            "region `ap\\nbad` is not a valid header value"
        );
        assert_eq!(
            region("ap\u{7f}", Source::Variable).header_value().unwrap_err(),
            "region `ap\\u{7f}` is not a valid header value (the region comes from TENCENTCLOUD_REGION)"
        );
        let from_file = Source::Profile {
            path: PathBuf::from("/home/u/.tencentcloud/credentials"),
            profile: "prod".into(),
        };
        assert_eq!(
            region("", from_file).header_value().unwrap_err(),
            "region `` is not a valid header value (the region comes from profile [prod] of \
             /home/u/.tencentcloud/credentials)"
        );
        assert!(region("ap-guangzhou", Source::Variable).header_value().is_ok());
    }
}
