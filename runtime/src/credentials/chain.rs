//! The default order of credential sources.

use tokio::sync::OnceCell;

use super::vars::Vars;
use super::{Credentials, CredentialsError, CredentialsFuture, EnvProvider, ProfileProvider, ProvideCredentials};

/// Tries the environment, then the profile file, and keeps the first credentials found.
///
/// A source that is not configured is skipped; a source that is configured but broken stops the
/// chain with its error. If no source yields credentials, the error lists each source and why.
/// Success is cached: both sources are static, and re-reading a file per request buys nothing.
/// Failures are not cached, so fixing the configuration takes effect on the next call.
#[derive(Debug)]
pub struct DefaultChain {
    providers: Vec<Box<dyn ProvideCredentials>>,
    cached: OnceCell<Credentials>,
}

impl DefaultChain {
    /// Environment, then `[default]` of the profile file, both read from the process environment.
    pub fn new() -> Self {
        Self::from_vars(Vars::Process)
    }

    /// Like [`new`](Self::new), reading variables through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        Self::from_vars(Vars::custom(lookup))
    }

    fn from_vars(vars: Vars) -> Self {
        Self::with_providers(vec![
            Box::new(EnvProvider::from_vars(vars.clone())),
            Box::new(ProfileProvider::from_vars(vars)),
        ])
    }

    /// A chain over `providers`, tried in order.
    pub fn with_providers(providers: Vec<Box<dyn ProvideCredentials>>) -> Self {
        DefaultChain {
            providers,
            cached: OnceCell::new(),
        }
    }

    async fn resolve(&self) -> Result<Credentials, CredentialsError> {
        let mut tried = Vec::with_capacity(self.providers.len());
        for provider in &self.providers {
            match provider.provide_credentials().await {
                Ok(credentials) => return Ok(credentials),
                Err(CredentialsError::NotFound(why)) => tried.push(why),
                Err(invalid @ CredentialsError::Invalid(_)) => return Err(invalid),
            }
        }
        Err(CredentialsError::NotFound(format!(
            "no credentials found; tried {}",
            tried.join("; ")
        )))
    }
}

impl Default for DefaultChain {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move { self.cached.get_or_try_init(|| self.resolve()).await.cloned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    fn chain(pairs: &[(&str, &str)]) -> DefaultChain {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        DefaultChain::from_lookup(move |name| map.get(name).cloned())
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
        let file_only = chain(&[("TENCENTCLOUD_CREDENTIALS_FILE", file)]);
        assert_eq!(file_only.provide_credentials().await.unwrap().secret_id, "file");
    }

    #[tokio::test]
    async fn nothing_found_names_every_source_and_why() {
        let home = tempfile::tempdir().unwrap();
        let home_str = home.path().to_str().unwrap();
        let err = chain(&[("HOME", home_str)]).provide_credentials().await.unwrap_err();
        let expected = format!(
            "no credentials found; tried environment: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set; profile file {}: not found",
            home.path().join(".tencentcloud").join("credentials").display()
        );
        assert_eq!(err, CredentialsError::NotFound(expected));
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
