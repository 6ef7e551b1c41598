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
//! - [`default_chain`]: the runtime's default order with web identity added.
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
    DefaultChain::with_providers(vec![
        Box::new(EnvProvider::new()),
        Box::new(ProfileProvider::new()),
        Box::new(WebIdentityProvider::from_env()),
        Box::new(InstanceRoleProvider::new()),
    ])
}
