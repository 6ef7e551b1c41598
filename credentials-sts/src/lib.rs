//! Credential providers backed by Tencent Cloud STS (`sts` 2018-08-13), for the runtime's
//! [`ProvideCredentials`](tencentcloud_runtime::ProvideCredentials): the sources the official SDKs have beyond the runtime's own.
//!
//! - [`AssumeRoleProvider`]: a CAM role's temporary credentials from `AssumeRole`, signed with
//!   base credentials from any other provider (the official SDKs' `STSAssumeRoleCredential`).
//! - [`WebIdentityProvider`]: a role's temporary credentials for an OIDC token from
//!   `AssumeRoleWithWebIdentity`, sent unsigned; [`WebIdentityProvider::from_env`] reads the
//!   variables TKE sets in pods (`TKE_REGION`, `TKE_PROVIDER_ID`,
//!   `TKE_WEB_IDENTITY_TOKEN_FILE`, `TKE_ROLE_ARN`), as the official SDKs'
//!   `DefaultTkeOIDCRoleArnProvider` does.
//! - [`default_chain`]: the runtime's default order with web identity added
//!   ([`default_chain_from_lookup`] reads the variables through a function).
//!
//! Both cache the temporary credentials and refresh them 5 minutes before they expire, as the
//! runtime's CVM instance role provider does: one refresh however many callers wait, and a
//! failed refresh keeps the still-valid credentials (with a `warn` event) until they expire.
//! Their inherent `credentials()` gives the typed [`Error`]; through the trait it becomes a
//! [`CredentialsError`](tencentcloud_runtime::credentials::CredentialsError), `NotFound` only
//! when web identity is not configured at all.
//!
//! ```no_run
//! use tencentcloud_credentials_sts::{AssumeRoleProvider, WebIdentityProvider};
//! use tencentcloud_runtime::Client;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // In a TKE pod: the pod's role, then a role of another account assumed with it.
//! let pod_role = WebIdentityProvider::from_env();
//! let deploy_role = AssumeRoleProvider::builder(pod_role, "qcs::cam::uin/100000000002:roleName/deployer", "ci-deploy")
//!     .external_id("shared-with-ci")
//!     .build()?;
//! let credentials = deploy_role.credentials().await?; // the typed error, if any
//! println!("assumed until {:?}", credentials.expires_at);
//! let client = Client::builder().credentials_provider(deploy_role).region("ap-guangzhou").build()?;
//! # drop(client);
//! # Ok(())
//! # }
//! ```
//!
//! Secrets never appear in `Debug`, `Display` or errors: not the base credentials, not the
//! temporary ones, not the web identity token (cut out of STS's messages should one quote it).

mod assume_role;
mod error;
mod refresh;
mod sts;
mod web_identity;

use std::sync::Arc;
use std::time::Duration;

use tencentcloud_runtime::credentials::{DefaultChain, EnvProvider, InstanceRoleProvider, ProfileProvider};
use tencentcloud_runtime::ClientBuilder;

pub use assume_role::{AssumeRoleProvider, AssumeRoleProviderBuilder};
pub use error::{CallError, Error};
pub use web_identity::{WebIdentityProvider, ENV_PROVIDER_ID, ENV_REGION, ENV_ROLE_ARN, ENV_TOKEN_FILE};

/// What the official SDKs ask for: 7200 seconds (the API's default too).
const DEFAULT_DURATION: Duration = Duration::from_secs(7200);
/// The region the official SDKs' `STSAssumeRoleCredential` calls STS in.
const DEFAULT_REGION: &str = "ap-guangzhou";

type ConfigureClient = Arc<dyn Fn(ClientBuilder) -> ClientBuilder + Send + Sync>;

/// The runtime's [`DefaultChain`] order with TKE web identity before the CVM instance role:
/// the environment, the profile file, [`WebIdentityProvider::from_env`], the instance role.
///
/// The official SDKs try web identity last; here it comes before the instance role because a
/// TKE pod can usually reach its node's metadata service, whose role is the node's, not the
/// one bound to the pod's service account. Off TKE (no `TKE_*` variable) web identity is
/// skipped at once.
pub fn default_chain() -> DefaultChain {
    default_chain_from_lookup(|name| std::env::var(name).ok())
}

/// Like [`default_chain`], reading every variable (the credentials', the profile file's and the
/// TKE ones) through `lookup` instead of the process environment.
pub fn default_chain_from_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> DefaultChain {
    chain(lookup, InstanceRoleProvider::new())
}

fn chain(
    lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    instance_role: InstanceRoleProvider,
) -> DefaultChain {
    let lookup = Arc::new(lookup);
    let (env, profile, tke) = (lookup.clone(), lookup.clone(), lookup);
    DefaultChain::with_providers(vec![
        Box::new(EnvProvider::from_lookup(move |name| env(name))),
        Box::new(ProfileProvider::from_lookup(move |name| profile(name))),
        Box::new(WebIdentityProvider::from_lookup(move |name| tke(name))),
        Box::new(instance_role),
    ])
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use tencentcloud_runtime::credentials::CredentialsError;
    use tencentcloud_runtime::ProvideCredentials;

    use super::*;

    /// A metadata service that counts connections and answers none.
    async fn counting_metadata() -> (String, Arc<AtomicUsize>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}/meta/", listener.local_addr().unwrap());
        let hits = Arc::new(AtomicUsize::new(0));
        let counter = hits.clone();
        tokio::spawn(async move {
            while listener.accept().await.is_ok() {
                counter.fetch_add(1, Ordering::SeqCst);
            }
        });
        (base, hits)
    }

    fn vars(home: &std::path::Path, pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + Send + Sync {
        let mut map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        map.insert("HOME".into(), home.to_str().unwrap().into());
        move |name| map.get(name).cloned()
    }

    const TKE: [(&str, &str); 4] = [
        ("TKE_REGION", "ap-guangzhou"),
        ("TKE_PROVIDER_ID", "tke-oidc"),
        ("TKE_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/oidc-token"),
        ("TKE_ROLE_ARN", "qcs::cam::uin/1:roleName/pod"),
    ];

    #[tokio::test]
    async fn web_identity_comes_before_the_instance_role() {
        let home = tempfile::tempdir().unwrap();
        let (base, hits) = counting_metadata().await;
        let err = chain(vars(home.path(), &TKE), InstanceRoleProvider::new().base_url(base))
            .provide_credentials()
            .await
            .unwrap_err();
        // Configured but broken: the chain stops at web identity, never asking the node's role.
        assert!(
            matches!(&err, CredentialsError::Invalid(m) if m.contains("/nonexistent/oidc-token")),
            "{err:?}"
        );
        assert_eq!(hits.load(Ordering::SeqCst), 0);
    }

    #[tokio::test]
    async fn environment_keys_come_first_and_no_tke_variable_skips_web_identity() {
        let home = tempfile::tempdir().unwrap();
        let (base, hits) = counting_metadata().await;
        let mut pairs = TKE.to_vec();
        pairs.extend([
            ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
            ("TENCENTCLOUD_SECRET_KEY", "env-key"),
        ]);
        let with_keys = chain(vars(home.path(), &pairs), InstanceRoleProvider::new().base_url(&base));
        assert_eq!(with_keys.provide_credentials().await.unwrap().secret_id, "AKIDenv");

        // No variable at all: web identity is skipped (`NotFound`) and the instance role asked.
        let role = InstanceRoleProvider::new()
            .base_url(&base)
            .timeout(std::time::Duration::from_millis(200));
        let err = chain(vars(home.path(), &[]), role)
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(
            matches!(&err, CredentialsError::NotFound(m) if m.contains("TKE_ROLE_ARN")),
            "{err:?}"
        );
        assert_eq!(hits.load(Ordering::SeqCst), 1, "the instance role, after web identity");
    }
}
