//! Profiles of the INI credentials file: which file and profile are meant, reading one, and the
//! credentials it holds.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::profile_file;
use super::vars::Vars;
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

const FILE_VAR: &str = "TENCENTCLOUD_CREDENTIALS_FILE";
const PROFILE_VAR: &str = "TENCENTCLOUD_PROFILE";
const DEFAULT_PROFILE: &str = "default";

/// Reads `secret_id`, `secret_key` and optional `token` from one profile of the file named by
/// `TENCENTCLOUD_CREDENTIALS_FILE`, else `~/.tencentcloud/credentials`. The profile is the one
/// named with [`profile`](Self::profile), else by `TENCENTCLOUD_PROFILE`, else `[default]`.
///
/// The file is read on every request; wrap the provider in a
/// [`DefaultChain`](super::DefaultChain) to read it once. On Unix, a file that users other than
/// its owner may read or write is used but logged once as a `warn` event.
///
/// A missing file at the default location, or a missing `[default]` profile, means "not
/// configured" ([`CredentialsError::NotFound`]); a file or profile that was named (in code or by
/// a variable) and is missing is an error ([`CredentialsError::Invalid`]), so a
/// [`DefaultChain`](super::DefaultChain) stops there instead of using other credentials.
#[derive(Debug, Clone)]
pub struct ProfileProvider {
    selection: ProfileSelection,
    /// Whether the permissions warning was logged; shared by clones.
    warned: Arc<AtomicBool>,
}

/// Which profile of which file: what code named, else the environment, else the defaults.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProfileSelection {
    pub(crate) vars: Vars,
    pub(crate) file: Option<PathBuf>,
    pub(crate) profile: Option<String>,
}

/// The selected profile as read from the file.
pub(crate) struct Profile {
    pub(crate) path: PathBuf,
    pub(crate) name: String,
    /// Non-empty values in file order. Never shown: they include secrets.
    entries: Vec<(String, String)>,
    /// 1-based line of the `[name]` header.
    line: usize,
}

impl Profile {
    /// The last value of `key`, as later lines override earlier ones; empty values count as
    /// absent.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Whether a setting was named by the user (so it must exist) or is the default.
enum Origin {
    Named,
    Default,
}

impl ProfileSelection {
    fn path(&self) -> Result<(PathBuf, Origin), CredentialsError> {
        if let Some(file) = &self.file {
            return Ok((file.clone(), Origin::Named));
        }
        if let Some(file) = self.vars.get(FILE_VAR) {
            return Ok((PathBuf::from(file), Origin::Named));
        }
        let home = self
            .vars
            .get("HOME")
            .or_else(|| self.vars.get("USERPROFILE"))
            .ok_or_else(|| {
                CredentialsError::NotFound(format!(
                    "profile file: {FILE_VAR} is not set and no home directory (HOME, USERPROFILE) is known"
                ))
            })?;
        let path = Path::new(&home).join(".tencentcloud").join("credentials");
        Ok((path, Origin::Default))
    }

    /// The profile's name, and where it was named (for errors).
    fn name(&self) -> (String, Option<&'static str>) {
        if let Some(name) = &self.profile {
            return (name.clone(), Some("named in code"));
        }
        match self.vars.get(PROFILE_VAR) {
            Some(name) => (name, Some("named by TENCENTCLOUD_PROFILE")),
            None => (DEFAULT_PROFILE.to_owned(), None),
        }
    }

    /// Reads the selected profile. `warned`, when given, enables the once-only warning about a
    /// file other users can access.
    pub(crate) fn read(&self, warned: Option<&AtomicBool>) -> Result<Profile, CredentialsError> {
        let (path, origin) = self.path()?;
        let shown = path.display();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let message = format!("profile file {shown}: not found");
                return Err(match origin {
                    Origin::Named => CredentialsError::Invalid(message),
                    Origin::Default => CredentialsError::NotFound(message),
                });
            }
            Err(e) => {
                return Err(CredentialsError::Invalid(format!(
                    "profile file {shown}: cannot read: {e}"
                )))
            }
        };
        if let Some(warned) = warned {
            if open_to_others(&path) && !warned.swap(true, Ordering::Relaxed) {
                tracing::warn!(
                    file = %shown,
                    "the credentials file can be read or written by other users; restrict it with `chmod 600`"
                );
            }
        }
        let sections = profile_file::parse(&text)
            .map_err(|e| CredentialsError::Invalid(format!("profile file {shown}, line {}: {}", e.line, e.message)))?;
        let (name, named) = self.name();
        let Some(section) = sections.iter().rev().find(|s| s.name == name) else {
            return Err(match named {
                // A named profile that is absent is a typo or the wrong file, not "unconfigured".
                Some(by) => CredentialsError::Invalid(format!("profile file {shown}: no [{name}] profile ({by})")),
                None => CredentialsError::NotFound(format!("profile file {shown}: no [{name}] profile")),
            });
        };
        let entries = section
            .entries
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Ok(Profile {
            line: section.line,
            entries,
            name,
            path,
        })
    }
}

impl ProfileProvider {
    /// The file and profile found through the process environment.
    pub fn new() -> Self {
        Self::from_vars(Vars::Process)
    }

    /// Finds the file and profile through `lookup` (for `TENCENTCLOUD_CREDENTIALS_FILE`,
    /// `TENCENTCLOUD_PROFILE`, `HOME`, `USERPROFILE`) instead of the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        Self::from_vars(Vars::custom(lookup))
    }

    pub(crate) fn from_vars(vars: Vars) -> Self {
        ProfileProvider {
            selection: ProfileSelection {
                vars,
                ..ProfileSelection::default()
            },
            warned: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Uses the named profile, whatever `TENCENTCLOUD_PROFILE` says.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.selection.profile = Some(name.into());
        self
    }

    /// Reads this file, whatever the environment says.
    pub fn file(mut self, path: impl Into<PathBuf>) -> Self {
        self.selection.file = Some(path.into());
        self
    }

    fn load(&self) -> Result<Credentials, CredentialsError> {
        let profile = self.selection.read(Some(&self.warned))?;
        let required = |key: &str| {
            profile.get(key).map(str::to_owned).ok_or_else(|| {
                CredentialsError::Invalid(format!(
                    "profile file {}, line {}: profile [{}] has no {key}",
                    profile.path.display(),
                    profile.line,
                    profile.name
                ))
            })
        };
        Ok(Credentials {
            secret_id: required("secret_id")?,
            secret_key: required("secret_key")?,
            token: profile.get("token").map(str::to_owned),
            expires_at: None,
        })
    }
}

/// Whether the file's mode grants group or others any access.
#[cfg(unix)]
fn open_to_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

#[cfg(not(unix))]
fn open_to_others(_: &Path) -> bool {
    false
}

impl Default for ProfileProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        // The file is a few hundred bytes; reading it inline is cheaper than a blocking-pool hop.
        Box::pin(std::future::ready(self.load()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file_with(text: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text.as_bytes()).unwrap();
        f
    }

    const FILE: &str = "[default]\nsecret_id = AKIDdef\nsecret_key = keydef\n\n[prod]\nsecret_id = AKIDprod\nsecret_key = keyprod\ntoken = tokprod\n\n[broken]\nsecret_id = AKIDb\n";

    fn no_env() -> ProfileProvider {
        ProfileProvider::from_lookup(|_| None)
    }

    #[cfg(unix)]
    #[test]
    fn a_file_others_can_read_is_warned_about_once() {
        use std::os::unix::fs::PermissionsExt;
        let f = file_with(FILE);
        let provider = no_env().file(f.path());
        std::fs::set_permissions(f.path(), std::fs::Permissions::from_mode(0o600)).unwrap();
        let log = crate::credentials::test_support::LogCapture::start();
        assert!(provider.load().is_ok());
        assert!(!log.text().contains("other users"), "{}", log.text());
        std::fs::set_permissions(f.path(), std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(provider.load().is_ok() && provider.clone().load().is_ok());
        assert_eq!(log.text().matches("chmod 600").count(), 1, "{}", log.text());
        assert!(!log.text().contains("keydef"));
    }

    #[test]
    fn reads_the_default_and_a_named_profile() {
        let f = file_with(FILE);
        assert_eq!(
            no_env().file(f.path()).load(),
            Ok(Credentials::new("AKIDdef", "keydef"))
        );
        assert_eq!(
            no_env().file(f.path()).profile("prod").load(),
            Ok(Credentials::new("AKIDprod", "keyprod").with_token("tokprod"))
        );
    }

    #[test]
    fn finds_the_file_through_the_variable_then_home() {
        let f = file_with(FILE);
        let named = f.path().to_str().unwrap().to_owned();
        let p = ProfileProvider::from_lookup(move |k| (k == FILE_VAR).then(|| named.clone()));
        assert_eq!(p.load().unwrap().secret_id, "AKIDdef");

        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir(home.path().join(".tencentcloud")).unwrap();
        std::fs::write(home.path().join(".tencentcloud/credentials"), FILE).unwrap();
        let home_str = home.path().to_str().unwrap().to_owned();
        let p = ProfileProvider::from_lookup(move |k| (k == "HOME").then(|| home_str.clone()));
        assert_eq!(p.profile("prod").load().unwrap().secret_id, "AKIDprod");
    }

    #[test]
    fn missing_default_file_is_not_found_but_a_named_missing_file_is_invalid() {
        let home = tempfile::tempdir().unwrap();
        let home_str = home.path().to_str().unwrap().to_owned();
        let p = ProfileProvider::from_lookup(move |k| (k == "HOME").then(|| home_str.clone()));
        assert!(matches!(p.load(), Err(CredentialsError::NotFound(m)) if m.ends_with("credentials: not found")));
        let missing = home.path().join("nope");
        assert!(matches!(no_env().file(&missing).load(), Err(CredentialsError::Invalid(m)) if m.contains("nope")));
        assert!(matches!(no_env().load(), Err(CredentialsError::NotFound(m)) if m.contains("HOME")));
    }

    #[test]
    fn errors_name_file_and_line() {
        let f = file_with("[default]\nsecret_id = a\nsecret_key b\n");
        let shown = f.path().display().to_string();
        assert_eq!(
            no_env().file(f.path()).load(),
            Err(CredentialsError::Invalid(format!(
                "profile file {shown}, line 3: expected `key = value`, `[section]` or a comment"
            )))
        );
        let f = file_with(FILE);
        let shown = f.path().display().to_string();
        assert_eq!(
            no_env().file(f.path()).profile("broken").load(),
            Err(CredentialsError::Invalid(format!(
                "profile file {shown}, line 10: profile [broken] has no secret_key"
            )))
        );
        assert_eq!(
            no_env().file(f.path()).profile("absent").load(),
            Err(CredentialsError::Invalid(format!(
                "profile file {shown}: no [absent] profile (named in code)"
            )))
        );
        let f = file_with("[prod]\nsecret_id = a\nsecret_key = b\n");
        let shown = f.path().display().to_string();
        assert_eq!(
            no_env().file(f.path()).load(),
            Err(CredentialsError::NotFound(format!(
                "profile file {shown}: no [default] profile"
            )))
        );
    }

    #[test]
    fn the_profile_variable_selects_a_profile_unless_code_names_one() {
        let f = file_with(FILE);
        let shown = f.path().display().to_string();
        let with_profile = |name: &'static str| {
            ProfileProvider::from_lookup(move |k| (k == PROFILE_VAR).then(|| name.to_owned())).file(f.path())
        };
        assert_eq!(with_profile("prod").load().unwrap().secret_id, "AKIDprod");
        assert_eq!(
            with_profile("prod").profile("default").load().unwrap().secret_id,
            "AKIDdef"
        );
        assert_eq!(
            with_profile("typo").load(),
            Err(CredentialsError::Invalid(format!(
                "profile file {shown}: no [typo] profile (named by TENCENTCLOUD_PROFILE)"
            )))
        );
        // An empty variable is unset.
        assert_eq!(with_profile("").load().unwrap().secret_id, "AKIDdef");
    }

    #[test]
    fn later_values_override_earlier_ones_and_empty_values_are_absent() {
        let f = file_with("[default]\nsecret_id = a\nsecret_id = b\nsecret_key = k\ntoken = t\ntoken =\n");
        let profile = ProfileSelection {
            vars: Vars::custom(|_| None),
            file: Some(f.path().to_owned()),
            profile: None,
        }
        .read(None)
        .unwrap();
        assert_eq!(profile.get("secret_id"), Some("b"));
        assert_eq!(profile.get("token"), Some("t"));
        assert_eq!(profile.get("region"), None);
    }

    /// Every error the file can cause, each with a secret near the fault.
    #[test]
    fn errors_and_debug_never_contain_secrets() {
        let files = [
            ("[default]\nsecret_key = hunter2\n", "has no secret_id"),
            ("[default]\nsecret_id = hunter2\n", "has no secret_key"),
            (
                "[default]\nsecret_id = a\nsecret_key hunter2\n",
                "expected `key = value`",
            ),
            ("secret_key = hunter2\n", "before any `[section]`"),
            ("[default\nsecret_key = hunter2\n", "missing its closing `]`"),
            ("[]\nsecret_key = hunter2\n", "section name is empty"),
            ("[default]\n = hunter2\n", "key is empty"),
            ("[other]\nsecret_id = a\nsecret_key = hunter2\n", "no [default] profile"),
        ];
        for (text, expected) in files {
            let f = file_with(text);
            let p = no_env().file(f.path());
            let err = p.load().unwrap_err();
            let shown = format!("{err} {err:?} {p:?}");
            assert!(shown.contains(expected) && !shown.contains("hunter2"), "{shown}");
        }
        let dir = tempfile::tempdir().unwrap();
        let err = no_env().file(dir.path()).load().unwrap_err();
        assert!(
            matches!(&err, CredentialsError::Invalid(m) if m.contains("cannot read")),
            "{err}"
        );
        let f = file_with("[default]\nsecret_id = a\nsecret_key = hunter2\ntoken = hunter3\n");
        let p = no_env().file(f.path());
        let shown = format!("{p:?} {:?}", p.load().unwrap());
        assert!(!shown.contains("hunter"), "{shown}");
    }
}
