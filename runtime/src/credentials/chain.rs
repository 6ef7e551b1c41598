//! The default order of credential sources.

use tokio::sync::OnceCell;

use super::vars::Vars;
use super::{
    Credentials, CredentialsError, CredentialsFuture, EnvProvider, InstanceRoleProvider, ProfileProvider,
    ProvideCredentials,
};

/// Tries the environment, then the profile file, then the CVM instance role, and keeps the first
/// source that yields credentials.
///
/// A source that is not configured is skipped; a source that is configured but broken stops the
/// chain with its error. If no source yields credentials, the error lists each source and why.
/// Off CVM the instance role fails within about 2 seconds ("metadata service unreachable").
///
/// Success is cached. Long-term credentials are kept: re-reading a file per request buys
/// nothing. Temporary ones (with an expiry) are not: the chain asks the source that yielded them
/// on every call, and that source caches and refreshes them. Failures are not cached, so fixing
/// the configuration takes effect on the next call.
#[derive(Debug)]
pub struct DefaultChain {
    providers: Vec<Box<dyn ProvideCredentials>>,
    winner: OnceCell<Winner>,
}

#[derive(Debug)]
struct Winner {
    index: usize,
    /// The credentials if they never expire.
    fixed: Option<Credentials>,
}

impl DefaultChain {
    /// Environment, then the profile file (the profile named by `TENCENTCLOUD_PROFILE`, else
    /// `[default]`), both found through the process environment, then the instance role.
    pub fn new() -> Self {
        Self::from_vars(Vars::Process)
    }

    /// Like [`new`](Self::new), reading variables through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        Self::from_vars(Vars::custom(lookup))
    }

    fn from_vars(vars: Vars) -> Self {
        Self::from_parts(vars, InstanceRoleProvider::new())
    }

    /// The default order with the instance role provider given, so tests never reach the real
    /// metadata service.
    pub(crate) fn from_parts(vars: Vars, role: InstanceRoleProvider) -> Self {
        Self::in_order(vars.clone(), ProfileProvider::from_vars(vars), role)
    }

    /// The default order with the profile file read by `profile`, which may name its profile.
    pub(crate) fn with_profile(vars: Vars, profile: ProfileProvider) -> Self {
        Self::in_order(vars, profile, InstanceRoleProvider::new())
    }

    fn in_order(vars: Vars, profile: ProfileProvider, role: InstanceRoleProvider) -> Self {
        Self::with_providers(vec![
            Box::new(EnvProvider::from_vars(vars)),
            Box::new(profile),
            Box::new(role),
        ])
    }

    /// A chain over `providers`, tried in order.
    pub fn with_providers(providers: Vec<Box<dyn ProvideCredentials>>) -> Self {
        DefaultChain {
            providers,
            winner: OnceCell::new(),
        }
    }

    async fn resolve(&self) -> Result<(usize, Credentials), CredentialsError> {
        let mut tried = Vec::with_capacity(self.providers.len());
        for (index, provider) in self.providers.iter().enumerate() {
            match provider.provide_credentials().await {
                Ok(credentials) => return Ok((index, credentials)),
                Err(CredentialsError::NotFound(why)) => tried.push(why),
                Err(invalid @ CredentialsError::Invalid(_)) => return Err(invalid),
            }
        }
        Err(CredentialsError::NotFound(format!(
            "no credentials found; tried {}",
            tried.join("; ")
        )))
    }

    async fn provide(&self) -> Result<Credentials, CredentialsError> {
        let mut resolved = None;
        let winner = self
            .winner
            .get_or_try_init(|| async {
                let (index, credentials) = self.resolve().await?;
                let fixed = credentials.expires_at.is_none().then(|| credentials.clone());
                resolved = Some(credentials);
                Ok::<_, CredentialsError>(Winner { index, fixed })
            })
            .await?;
        if let Some(credentials) = resolved {
            return Ok(credentials);
        }
        match &winner.fixed {
            Some(credentials) => Ok(credentials.clone()),
            None => self.providers[winner.index].provide_credentials().await,
        }
    }
}

impl Default for DefaultChain {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.provide())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::test_support::{closed_base, MetadataServer, Script, TestClock, START};
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    fn vars(pairs: &[(&str, &str)]) -> Vars {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Vars::custom(move |name| map.get(name).cloned())
    }

    /// The default order, with the instance role pointed at a closed local port (as off CVM).
    fn chain(pairs: &[(&str, &str)]) -> DefaultChain {
        DefaultChain::from_parts(vars(pairs), InstanceRoleProvider::new().base_url(closed_base()))
    }

    #[tokio::test]
    async fn environment_comes_before_the_profile_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("creds");
        std::fs::write(&file, "[default]\nsecret_id = file\nsecret_key = fk\n").unwrap();
        let file = file.to_str().unwrap();
        let both = chain(&[
            ("TENCENTCLOUD_SECRET_ID", "env"),
            ("TENCENTCLOUD_SECRET_KEY", "ek"),
            ("TENCENTCLOUD_CREDENTIALS_FILE", file),
        ]);
        assert_eq!(both.provide_credentials().await.unwrap().secret_id, "env");
        // The cached credentials show in Debug, redacted.
        assert!(!format!("{both:?}").contains("ek"), "{both:?}");
        let file_only = chain(&[("TENCENTCLOUD_CREDENTIALS_FILE", file)]);
        assert_eq!(file_only.provide_credentials().await.unwrap().secret_id, "file");
    }

    #[tokio::test]
    async fn nothing_found_names_every_source_and_why() {
        let home = tempfile::tempdir().unwrap();
        let home_str = home.path().to_str().unwrap();
        let base = closed_base();
        let chain = DefaultChain::from_parts(vars(&[("HOME", home_str)]), InstanceRoleProvider::new().base_url(&base));
        let started = std::time::Instant::now();
        let err = chain.provide_credentials().await.unwrap_err();
        let expected = format!(
            "no credentials found; tried environment: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set; profile file {}: not found; instance role: metadata service unreachable at {base}: ",
            home.path().join(".tencentcloud").join("credentials").display()
        );
        // The rest is the operating system's reason, e.g. "Connection refused (os error 111)".
        assert!(
            matches!(&err, CredentialsError::NotFound(m) if m.starts_with(&expected) && m.len() > expected.len()),
            "{err:?}"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "off CVM the chain fails fast"
        );
    }

    #[tokio::test]
    async fn the_instance_role_comes_last_and_is_asked_again_for_expiring_credentials() {
        let expires = START + 3600;
        let server = MetadataServer::start(Script::ok("role-key", "role-token", expires)).await;
        let clock = TestClock::new();
        let role = || InstanceRoleProvider::new().base_url(&server.base).clock(clock.now_fn());
        let env = [("TENCENTCLOUD_SECRET_ID", "env"), ("TENCENTCLOUD_SECRET_KEY", "ek")];
        let from_env = DefaultChain::from_parts(vars(&env), role());
        assert_eq!(from_env.provide_credentials().await.unwrap().secret_id, "env");
        assert_eq!(server.hits(), 0, "the role is not asked when an earlier source answers");

        let home = tempfile::tempdir().unwrap();
        let chain = DefaultChain::from_parts(vars(&[("HOME", home.path().to_str().unwrap())]), role());
        let first = chain.provide_credentials().await.unwrap();
        assert_eq!(
            (first.secret_key.as_str(), first.token.as_deref()),
            ("role-key", Some("role-token"))
        );
        assert_eq!(chain.provide_credentials().await.unwrap(), first);
        assert_eq!(server.hits(), 2);
        // Near expiry the chain gets the refreshed credentials rather than the ones it saw first.
        server.set(Script::ok("next-key", "next-token", expires + 3600));
        clock.set(expires - 60);
        assert_eq!(chain.provide_credentials().await.unwrap().secret_key, "next-key");
        assert_eq!(server.hits(), 4);
    }

    #[tokio::test]
    async fn a_broken_source_stops_the_chain() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("creds");
        std::fs::write(&file, "[default]\nsecret_id = file\nsecret_key = fk\n").unwrap();
        let err = chain(&[
            ("TENCENTCLOUD_SECRET_ID", "env"),
            ("TENCENTCLOUD_CREDENTIALS_FILE", file.to_str().unwrap()),
        ])
        .provide_credentials()
        .await
        .unwrap_err();
        assert!(matches!(err, CredentialsError::Invalid(m) if m.contains("TENCENTCLOUD_SECRET_KEY")));
    }

    #[tokio::test]
    async fn the_profile_variable_selects_the_profile_and_a_typo_stops_the_chain() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("creds");
        std::fs::write(
            &file,
            "[default]\nsecret_id = def\nsecret_key = dk\n[prod]\nsecret_id = prod\nsecret_key = pk\n",
        )
        .unwrap();
        let file = file.to_str().unwrap();
        let chosen = chain(&[
            ("TENCENTCLOUD_CREDENTIALS_FILE", file),
            ("TENCENTCLOUD_PROFILE", "prod"),
        ])
        .provide_credentials()
        .await
        .unwrap();
        assert_eq!(chosen.secret_id, "prod");
        // Not the instance role's credentials: the profile asked for does not exist.
        let err = chain(&[
            ("TENCENTCLOUD_CREDENTIALS_FILE", file),
            ("TENCENTCLOUD_PROFILE", "pord"),
        ])
        .provide_credentials()
        .await
        .unwrap_err();
        assert!(
            matches!(&err, CredentialsError::Invalid(m) if m.ends_with("no [pord] profile (named by TENCENTCLOUD_PROFILE)")),
            "{err:?}"
        );
    }

    #[derive(Debug)]
    struct Counting {
        calls: Arc<AtomicUsize>,
        fail_first: bool,
    }

    impl ProvideCredentials for Counting {
        fn provide_credentials(&self) -> CredentialsFuture<'_> {
            let n = self.calls.fetch_add(1, Ordering::SeqCst);
            let result = if self.fail_first && n == 0 {
                Err(CredentialsError::NotFound("counting: not yet".into()))
            } else {
                Ok(Credentials::new("id", "key"))
            };
            Box::pin(std::future::ready(result))
        }
    }

    #[tokio::test]
    async fn success_is_cached_and_failure_is_retried() {
        let calls = Arc::new(AtomicUsize::new(0));
        let chain = DefaultChain::with_providers(vec![Box::new(Counting {
            calls: calls.clone(),
            fail_first: true,
        })]);
        assert!(chain.provide_credentials().await.is_err());
        assert!(chain.provide_credentials().await.is_ok());
        assert!(chain.provide_credentials().await.is_ok());
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }
}
