//! Credentials from `TENCENTCLOUD_*` environment variables.

use super::vars::Vars;
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

const SECRET_ID: &str = "TENCENTCLOUD_SECRET_ID";
const SECRET_KEY: &str = "TENCENTCLOUD_SECRET_KEY";
/// Token variables in order of preference; `TENCENTCLOUD_TOKEN` is the older name.
const TOKENS: [&str; 2] = ["TENCENTCLOUD_SESSION_TOKEN", "TENCENTCLOUD_TOKEN"];

/// Reads `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and the token from
/// `TENCENTCLOUD_SESSION_TOKEN`, else `TENCENTCLOUD_TOKEN`, on every request.
#[derive(Debug, Clone)]
pub struct EnvProvider {
    vars: Vars,
}

impl EnvProvider {
    /// Reads the process environment.
    pub fn new() -> Self {
        EnvProvider { vars: Vars::Process }
    }

    /// Reads variables through `lookup` instead of the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        EnvProvider {
            vars: Vars::custom(lookup),
        }
    }

    pub(crate) fn from_vars(vars: Vars) -> Self {
        EnvProvider { vars }
    }

    fn load(&self) -> Result<Credentials, CredentialsError> {
        match (self.vars.get(SECRET_ID), self.vars.get(SECRET_KEY)) {
            (Some(id), Some(key)) => {
                let token = TOKENS.iter().find_map(|name| self.vars.get(name));
                Ok(Credentials {
                    secret_id: id,
                    secret_key: key,
                    token,
                    expires_at: None,
                })
            }
            (None, None) => Err(CredentialsError::NotFound(format!(
                "environment: {SECRET_ID} and {SECRET_KEY} are not set"
            ))),
            (Some(_), None) => Err(half_set(SECRET_ID, SECRET_KEY)),
            (None, Some(_)) => Err(half_set(SECRET_KEY, SECRET_ID)),
        }
    }
}

fn half_set(set: &str, unset: &str) -> CredentialsError {
    CredentialsError::Invalid(format!("environment: {set} is set but {unset} is not"))
}

impl Default for EnvProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for EnvProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(self.load()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn provider(pairs: &[(&str, &str)]) -> EnvProvider {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        EnvProvider::from_lookup(move |name| map.get(name).cloned())
    }

    #[test]
    fn reads_id_key_and_prefers_session_token() {
        let c = provider(&[
            (SECRET_ID, "id"),
            (SECRET_KEY, "key"),
            ("TENCENTCLOUD_SESSION_TOKEN", "new"),
            ("TENCENTCLOUD_TOKEN", "old"),
        ])
        .load()
        .unwrap();
        assert_eq!(c, Credentials::new("id", "key").with_token("new"));
    }

    #[test]
    fn falls_back_to_the_older_token_name_and_ignores_empty_values() {
        let c = provider(&[
            (SECRET_ID, "id"),
            (SECRET_KEY, "key"),
            ("TENCENTCLOUD_SESSION_TOKEN", ""),
            ("TENCENTCLOUD_TOKEN", "old"),
        ])
        .load()
        .unwrap();
        assert_eq!(c.token.as_deref(), Some("old"));
        let c = provider(&[(SECRET_ID, "id"), (SECRET_KEY, "key")]).load().unwrap();
        assert_eq!(c.token, None);
    }

    #[test]
    fn unset_is_not_found_and_half_set_is_invalid() {
        assert!(matches!(
            provider(&[]).load(),
            Err(CredentialsError::NotFound(m)) if m.contains(SECRET_ID) && m.contains(SECRET_KEY)
        ));
        assert_eq!(
            provider(&[(SECRET_ID, "id"), (SECRET_KEY, "")]).load(),
            Err(CredentialsError::Invalid(
                "environment: TENCENTCLOUD_SECRET_ID is set but TENCENTCLOUD_SECRET_KEY is not".into()
            ))
        );
        assert!(matches!(
            provider(&[(SECRET_KEY, "k")]).load(),
            Err(CredentialsError::Invalid(m)) if m.starts_with("environment: TENCENTCLOUD_SECRET_KEY is set")
        ));
    }

    #[test]
    fn debug_and_errors_never_show_values() {
        let secret = "SENSITIVE-value";
        for pairs in [
            vec![(SECRET_ID, secret)],
            vec![(SECRET_KEY, secret), ("TENCENTCLOUD_TOKEN", secret)],
            vec![("TENCENTCLOUD_SESSION_TOKEN", secret)],
        ] {
            let p = provider(&pairs);
            let err = p.load().unwrap_err();
            let shown = format!("{err} {err:?} {p:?}");
            assert!(!shown.contains("SENSITIVE"), "{shown}");
        }
        let p = provider(&[(SECRET_ID, "id"), (SECRET_KEY, secret), ("TENCENTCLOUD_TOKEN", secret)]);
        let shown = format!("{p:?} {:?}", p.load().unwrap());
        assert!(!shown.contains("SENSITIVE"), "{shown}");
    }

    /// Reads the real process environment without changing it, so it cannot race other tests.
    #[test]
    fn process_environment_is_read() {
        let vars = Vars::Process;
        assert_eq!(vars.get("TENCENTCLOUD_RUNTIME_TEST_SURELY_UNSET_VARIABLE"), None);
        assert_eq!(
            vars.get("PATH").is_some(),
            std::env::var("PATH").is_ok_and(|p| !p.is_empty())
        );
    }
}
