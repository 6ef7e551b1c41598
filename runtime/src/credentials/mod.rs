//! Credentials and the sources they come from.
//!
//! A source implements [`ProvideCredentials`], an object-safe async trait: [`StaticProvider`],
//! [`EnvProvider`], [`ProfileProvider`] and [`InstanceRoleProvider`], which fetches and refreshes.
//! [`DefaultChain`] tries the environment, the profile file and the instance role, in that order.

mod chain;
mod env;
mod instance_role;
mod profile;
mod profile_file;
mod refreshing;
#[cfg(test)]
mod test_support;
mod vars;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

pub use chain::DefaultChain;
pub use env::EnvProvider;
pub use instance_role::InstanceRoleProvider;
pub use profile::ProfileProvider;
pub(crate) use profile::ProfileSelection;
pub use refreshing::{Fetched, RefreshingCache, REFRESH_BEFORE_SECS, RETRY_AFTER_FAILURE_SECS};
pub(crate) use vars::Vars;

/// A secret id/key pair, with a session token for temporary credentials.
///
/// `Debug` never prints the key or the token. Build with [`Credentials::new`].
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Credentials {
    pub secret_id: String,
    pub secret_key: String,
    /// Session token of temporary credentials, sent unsigned as `X-TC-Token`.
    pub token: Option<String>,
    /// When temporary credentials stop working; `None` for long-term ones. A
    /// [`DefaultChain`] keeps long-term credentials but asks the source again for expiring ones.
    pub expires_at: Option<SystemTime>,
}

impl Credentials {
    /// Long-term credentials.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credentials {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            token: None,
            expires_at: None,
        }
    }

    /// Adds the session token of temporary credentials.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Marks the credentials as temporary, valid until `at`.
    pub fn with_expiry(mut self, at: SystemTime) -> Self {
        self.expires_at = Some(at);
        self
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The secret id identifies the key but grants nothing on its own: keep it for debugging.
        f.debug_struct("Credentials")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &"<redacted>")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// Why a source yielded no credentials. Messages name the source and never carry secrets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialsError {
    /// The source is not configured at all; a chain moves on to the next source.
    #[error("{0}")]
    NotFound(String),
    /// The source is configured but unusable (half-set variables, malformed file); a chain
    /// stops here rather than silently using another account's credentials.
    #[error("{0}")]
    Invalid(String),
}

/// The future a provider returns; boxed so the trait stays object-safe.
pub type CredentialsFuture<'a> = Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials, asked once per call (sources cache as they see fit).
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    fn provide_credentials(&self) -> CredentialsFuture<'_>;
}

/// Always the same credentials.
#[derive(Debug, Clone)]
pub struct StaticProvider(Credentials);

impl StaticProvider {
    pub fn new(credentials: Credentials) -> Self {
        StaticProvider(credentials)
    }
}

impl ProvideCredentials for StaticProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(Ok(self.0.clone())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_key_and_token() {
        let c = Credentials::new("AKIDexample", "very-secret-key").with_token("session-tok");
        let debug = format!("{c:?}");
        assert!(debug.contains("AKIDexample"));
        assert!(!debug.contains("very-secret-key"));
        assert!(!debug.contains("session-tok"));
        assert!(debug.contains("<redacted>"));
        let provider = format!("{:?}", StaticProvider::new(c));
        assert!(!provider.contains("very-secret-key") && !provider.contains("session-tok"));
    }

    #[tokio::test]
    async fn static_provider_returns_its_credentials() {
        let c = Credentials::new("id", "key");
        let got = StaticProvider::new(c.clone()).provide_credentials().await;
        assert_eq!(got, Ok(c));
    }
}
