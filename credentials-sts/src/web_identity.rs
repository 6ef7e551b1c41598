//! `AssumeRoleWithWebIdentity`: a role's temporary credentials for an OIDC token, as TKE gives
//! pods whose service account is bound to a CAM role.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tencentcloud_runtime::credentials::{CredentialsError, CredentialsFuture};
use tencentcloud_runtime::{ClientBuilder, Credentials, ProvideCredentials};

use crate::refresh::temporary;
use crate::sts::api;
use crate::{ConfigureClient, Error, DEFAULT_DURATION};
use tencentcloud_runtime::credentials::RefreshingCache;

const ACTION: &str = "AssumeRoleWithWebIdentity";

/// The STS region, `X-TC-Region`.
pub const ENV_REGION: &str = "TKE_REGION";
/// The OIDC identity provider's name in CAM, `ProviderId`.
pub const ENV_PROVIDER_ID: &str = "TKE_PROVIDER_ID";
/// The file holding the OIDC token, `WebIdentityToken`; TKE rotates its content.
pub const ENV_TOKEN_FILE: &str = "TKE_WEB_IDENTITY_TOKEN_FILE";
/// The role to assume, `RoleArn`.
pub const ENV_ROLE_ARN: &str = "TKE_ROLE_ARN";

/// Prefix of the session name when none is set; the official SDKs name theirs
/// `tencentcloud-python-sdk-{microseconds}`, `tencentcloud-go-sdk-…`.
const SESSION_NAME_PREFIX: &str = "tencentcloud-rust-sdk-";

type Lookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Temporary credentials of a CAM role for an OIDC token: STS `AssumeRoleWithWebIdentity`,
/// which is sent unsigned (`Authorization: SKIP`), so no other credentials are needed.
///
/// [`from_env`](Self::from_env) reads what TKE sets in a pod whose service account is bound to
/// a role, the variables the official SDKs read (`DefaultTkeOIDCRoleArnProvider`):
/// `TKE_REGION`, `TKE_PROVIDER_ID`, `TKE_WEB_IDENTITY_TOKEN_FILE` and `TKE_ROLE_ARN`. The
/// variables and the token file are read again on every refresh, since TKE rotates the token.
/// With none of the variables set the provider is not configured
/// ([`CredentialsError::NotFound`], so a chain moves on); with some set, the error names those
/// missing.
///
/// Cached and refreshed like [`AssumeRoleProvider`](crate::AssumeRoleProvider): 5 minutes
/// before expiry, one refresh however many callers wait.
///
/// ```no_run
/// use tencentcloud_credentials_sts::WebIdentityProvider;
/// use tencentcloud_runtime::Client;
///
/// # fn main() -> Result<(), tencentcloud_runtime::Error> {
/// let client = Client::builder()
///     .credentials_provider(WebIdentityProvider::from_env())
///     .region("ap-guangzhou")
///     .build()?;
/// # drop(client);
/// # Ok(())
/// # }
/// ```
pub struct WebIdentityProvider {
    settings: Settings,
    session_name: Option<String>,
    duration: Duration,
    configure: Option<ConfigureClient>,
    cache: RefreshingCache<Error>,
}

enum Settings {
    Env(Lookup),
    Fixed(Resolved),
}

#[derive(Clone)]
struct Resolved {
    region: String,
    provider_id: String,
    role_arn: String,
    token_file: PathBuf,
}

impl WebIdentityProvider {
    /// Reads the TKE variables from the process environment (on every refresh).
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the TKE variables through `lookup` instead of the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        Self::with(Settings::Env(Arc::new(lookup)))
    }

    /// Settings given in code: the STS `region`, the identity provider `provider_id`, the
    /// `role_arn` to assume and the file holding the token (read on every refresh).
    pub fn new(
        region: impl Into<String>,
        provider_id: impl Into<String>,
        role_arn: impl Into<String>,
        token_file: impl Into<PathBuf>,
    ) -> Self {
        Self::with(Settings::Fixed(Resolved {
            region: region.into(),
            provider_id: provider_id.into(),
            role_arn: role_arn.into(),
            token_file: token_file.into(),
        }))
    }

    fn with(settings: Settings) -> Self {
        WebIdentityProvider {
            settings,
            session_name: None,
            duration: DEFAULT_DURATION,
            configure: None,
            cache: RefreshingCache::new("web identity"),
        }
    }

    /// The session name (default `tencentcloud-rust-sdk-{unix microseconds}`, new at each
    /// refresh, as the official SDKs name theirs).
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = Some(name.into());
        self
    }

    /// How long the credentials last (default 2 hours, as the official SDKs ask; at most
    /// 12 hours), sent as `DurationSeconds`.
    pub fn duration(mut self, duration: Duration) -> Self {
        self.duration = duration;
        self
    }

    /// Configures the STS client (endpoint, timeouts, proxy, retries…), built at each refresh.
    /// Its region is the one configured, and it has no credentials: the call is unsigned.
    pub fn client(mut self, configure: impl Fn(ClientBuilder) -> ClientBuilder + Send + Sync + 'static) -> Self {
        self.configure = Some(Arc::new(configure));
        self
    }

    /// Time source for deciding when to refresh, compared with `ExpiredTime`.
    pub fn clock(mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.cache.set_clock(now);
        self
    }

    /// The role's credentials, cached or freshly requested, with the typed error.
    pub async fn credentials(&self) -> Result<Credentials, Error> {
        self.cache.get(|now, _| self.fetch(now)).await
    }

    async fn fetch(&self, now: u64) -> Result<tencentcloud_runtime::credentials::Fetched, Error> {
        let settings = self.resolve()?;
        let token = read_token(&settings.token_file).await?;
        let session_name = match &self.session_name {
            Some(name) => name.clone(),
            None => default_session_name(),
        };
        let mut builder = ClientBuilder::default();
        if let Some(configure) = &self.configure {
            builder = configure(builder);
        }
        let runtime = builder
            .credentials_provider(Unsigned)
            .region(&settings.region)
            .build()
            .map_err(|e| Error::Client(Arc::new(e)))?;
        let request = api::AssumeRoleWithWebIdentityRequest::new(
            &settings.provider_id,
            token.as_str(),
            &settings.role_arn,
            session_name,
        )
        .duration_seconds(i64::try_from(self.duration.as_secs()).unwrap_or(i64::MAX));
        let response = api::Client::new(runtime)
            .assume_role_with_web_identity(&request)
            .await
            .map_err(|e| Error::from_call(ACTION, e, Some(&token)))?;
        let c = response.credentials;
        temporary(
            ACTION,
            c.tmp_secret_id,
            c.tmp_secret_key,
            c.token,
            response.expired_time,
            now,
        )
    }

    fn resolve(&self) -> Result<Resolved, Error> {
        let lookup = match &self.settings {
            Settings::Fixed(resolved) => return Ok(resolved.clone()),
            Settings::Env(lookup) => lookup,
        };
        let get = |name: &str| lookup(name).filter(|v| !v.is_empty());
        let vars = [ENV_REGION, ENV_PROVIDER_ID, ENV_TOKEN_FILE, ENV_ROLE_ARN].map(|name| (name, get(name)));
        let missing: Vec<&'static str> = vars.iter().filter(|(_, v)| v.is_none()).map(|(n, _)| *n).collect();
        match vars {
            [(_, Some(region)), (_, Some(provider_id)), (_, Some(token_file)), (_, Some(role_arn))] => Ok(Resolved {
                region,
                provider_id,
                role_arn,
                token_file: PathBuf::from(token_file),
            }),
            _ => Err(Error::MissingEnv {
                partly_set: missing.len() < vars.len(),
                missing,
            }),
        }
    }
}

/// The token, without the line end an editor or `echo` may have left (a JWT has no spaces).
async fn read_token(path: &PathBuf) -> Result<String, Error> {
    let text = tokio::fs::read_to_string(path).await.map_err(|e| Error::TokenFile {
        path: path.clone(),
        source: Arc::new(e),
    })?;
    let token = text.trim();
    if token.is_empty() {
        return Err(Error::EmptyTokenFile { path: path.clone() });
    }
    Ok(token.to_owned())
}

fn default_session_name() -> String {
    let micros = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    format!("{SESSION_NAME_PREFIX}{micros}")
}

/// The STS client's credentials: `AssumeRoleWithWebIdentity` is sent unsigned and never asks,
/// and this keeps the client from looking any up (the default chain could lead back here).
#[derive(Debug)]
struct Unsigned;

impl ProvideCredentials for Unsigned {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(Err(CredentialsError::Invalid(
            "the web identity STS client signs nothing".to_owned(),
        ))))
    }
}

impl fmt::Debug for WebIdentityProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("WebIdentityProvider");
        match &self.settings {
            Settings::Env(_) => s.field("settings", &"TKE_* variables"),
            Settings::Fixed(r) => s
                .field("region", &r.region)
                .field("provider_id", &r.provider_id)
                .field("role_arn", &r.role_arn)
                .field("token_file", &r.token_file),
        };
        s.field("duration", &self.duration)
            .field("cached_until", &self.cache.cached_until())
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for WebIdentityProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move { self.credentials().await.map_err(Error::into_credentials_error) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> WebIdentityProvider {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        WebIdentityProvider::from_lookup(move |name| map.get(name).cloned())
    }

    #[tokio::test]
    async fn no_tke_variable_is_not_found_naming_all_four() {
        let err = env(&[]).credentials().await.unwrap_err();
        assert!(
            matches!(&err, Error::MissingEnv { missing, partly_set: false } if missing.len() == 4),
            "{err:?}"
        );
        let err = env(&[("TKE_REGION", "")]).provide_credentials().await.unwrap_err();
        let CredentialsError::NotFound(message) = err else {
            panic!("{err:?}")
        };
        assert!(message.contains("TKE_REGION, TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN"));
    }

    #[tokio::test]
    async fn some_tke_variables_are_invalid_naming_the_missing_ones() {
        let p = env(&[
            ("TKE_REGION", "ap-guangzhou"),
            ("TKE_ROLE_ARN", "qcs::cam::uin/1:roleName/r"),
        ]);
        let err = p.credentials().await.unwrap_err();
        let Error::MissingEnv { missing, partly_set } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(missing, &["TKE_PROVIDER_ID", "TKE_WEB_IDENTITY_TOKEN_FILE"]);
        assert!(partly_set);
        let err = p.provide_credentials().await.unwrap_err();
        assert!(
            matches!(&err, CredentialsError::Invalid(m) if m.contains("TKE_PROVIDER_ID")),
            "{err:?}"
        );
    }

    #[test]
    fn default_session_names_follow_the_official_scheme() {
        let name = default_session_name();
        let micros = name.strip_prefix("tencentcloud-rust-sdk-").unwrap();
        assert!(
            micros.len() >= 16 && micros.chars().all(|c| c.is_ascii_digit()),
            "{name}"
        );
    }
}
