//! `AssumeRole`: temporary credentials of a CAM role, requested with base credentials.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use tencentcloud_runtime::credentials::CredentialsFuture;
use tencentcloud_runtime::{ClientBuilder, Credentials, ProvideCredentials};

use crate::refresh::{temporary, Now};
use crate::sts::api;
use crate::{ConfigureClient, Error, DEFAULT_DURATION, DEFAULT_REGION};
use tencentcloud_runtime::credentials::RefreshingCache;

const ACTION: &str = "AssumeRole";

/// Temporary credentials of a CAM role, from STS `AssumeRole` signed with base credentials
/// (any [`ProvideCredentials`]: long-term keys, a profile, the CVM role…).
///
/// Like the runtime's `InstanceRoleProvider`, the credentials are cached and refreshed
/// 5 minutes before they expire (half way for sessions shorter than 10 minutes); one caller
/// refreshes while the others wait (nothing cached) or keep using the still-valid credentials,
/// and a failed refresh keeps valid credentials until they expire, with a `warn` event.
///
/// ```no_run
/// use tencentcloud_credentials_sts::AssumeRoleProvider;
/// use tencentcloud_runtime::{Client, Credentials};
/// use tencentcloud_runtime::credentials::StaticProvider;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let base = StaticProvider::new(Credentials::new("AKID...", "secret"));
/// let role = AssumeRoleProvider::builder(base, "qcs::cam::uin/100000000001:roleName/reader", "nightly-report")
///     .duration(std::time::Duration::from_secs(3600))
///     .build()?;
/// let client = Client::builder().credentials_provider(role).region("ap-guangzhou").build()?;
/// # drop(client);
/// # Ok(())
/// # }
/// ```
pub struct AssumeRoleProvider {
    client: api::Client,
    request: api::AssumeRoleRequest,
    cache: RefreshingCache<Error>,
}

/// Settings of an [`AssumeRoleProvider`]; see [`AssumeRoleProvider::builder`].
pub struct AssumeRoleProviderBuilder {
    base: Arc<dyn ProvideCredentials>,
    role_arn: String,
    session_name: String,
    duration: Duration,
    policy: Option<String>,
    external_id: Option<String>,
    region: String,
    configure: Option<ConfigureClient>,
    clock: Option<Now>,
}

impl AssumeRoleProvider {
    /// Assumes `role_arn` (`qcs::cam::uin/{uin}:roleName/{name}`) as session `session_name`
    /// (2 to 128 characters of `[\w+=,.@_-]`; it appears in CloudAudit), signing with `base`.
    pub fn builder(
        base: impl ProvideCredentials + 'static,
        role_arn: impl Into<String>,
        session_name: impl Into<String>,
    ) -> AssumeRoleProviderBuilder {
        AssumeRoleProviderBuilder {
            base: Arc::new(base),
            role_arn: role_arn.into(),
            session_name: session_name.into(),
            duration: DEFAULT_DURATION,
            policy: None,
            external_id: None,
            region: DEFAULT_REGION.to_owned(),
            configure: None,
            clock: None,
        }
    }

    /// The role's credentials, cached or freshly assumed, with the typed error.
    pub async fn credentials(&self) -> Result<Credentials, Error> {
        self.cache
            .get(|now, _| async move {
                let response = self
                    .client
                    .assume_role(&self.request)
                    .await
                    .map_err(|e| Error::from_call(ACTION, e, None))?;
                let c = response.credentials;
                // A negative `ExpiredTime` is no time at all: treated as already expired.
                let expires = u64::try_from(response.expired_time).unwrap_or(0);
                temporary(ACTION, c.tmp_secret_id, c.tmp_secret_key, c.token, expires, now)
            })
            .await
    }
}

impl AssumeRoleProviderBuilder {
    /// How long the credentials last (default 2 hours, as the official SDKs ask; at most
    /// 12 hours), sent as `DurationSeconds`.
    pub fn duration(mut self, duration: Duration) -> Self {
        self.duration = duration;
        self
    }

    /// A CAM policy document (JSON) that narrows the role's permissions for this session. It
    /// is URL-encoded here, as the API requires.
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    /// The role's external id, if its trust policy requires one.
    pub fn external_id(mut self, external_id: impl Into<String>) -> Self {
        self.external_id = Some(external_id.into());
        self
    }

    /// Region of the STS call (`X-TC-Region`; default `ap-guangzhou`, as the official SDKs).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = region.into();
        self
    }

    /// Configures the STS client (endpoint, timeouts, proxy, retries…). Its credentials are
    /// the base provider and its region [`region`](Self::region), whatever `configure` sets.
    pub fn client(mut self, configure: impl Fn(ClientBuilder) -> ClientBuilder + Send + Sync + 'static) -> Self {
        self.configure = Some(Arc::new(configure));
        self
    }

    /// Time source for deciding when to refresh, compared with `ExpiredTime`.
    pub fn clock(mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Some(Arc::new(now));
        self
    }

    /// Builds the STS client; fails with [`Error::Client`] on an invalid client configuration.
    pub fn build(self) -> Result<AssumeRoleProvider, Error> {
        let mut builder = ClientBuilder::default();
        if let Some(configure) = &self.configure {
            builder = configure(builder);
        }
        let runtime = builder
            .credentials_provider(Base(self.base))
            .region(self.region)
            .build()
            .map_err(|e| Error::Client(Arc::new(e)))?;
        let mut request =
            api::AssumeRoleRequest::new(self.role_arn, self.session_name).duration_seconds(self.duration.as_secs());
        if let Some(policy) = &self.policy {
            request = request.policy(&utf8_percent_encode(policy, NON_ALPHANUMERIC).to_string());
        }
        if let Some(external_id) = &self.external_id {
            request = request.external_id(external_id);
        }
        let mut cache = RefreshingCache::new("assume role");
        if let Some(clock) = self.clock {
            cache.set_clock(move || clock());
        }
        Ok(AssumeRoleProvider {
            client: api::Client::new(runtime),
            request,
            cache,
        })
    }
}

/// The base provider, shared: the client builder takes a provider by value.
#[derive(Debug)]
struct Base(Arc<dyn ProvideCredentials>);

impl ProvideCredentials for Base {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        self.0.provide_credentials()
    }
}

impl fmt::Debug for AssumeRoleProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The request holds no secret (the generated Debug would redact one anyway); the
        // credentials stay out even in redacted form.
        f.debug_struct("AssumeRoleProvider")
            .field("role_arn", &self.request.role_arn)
            .field("session_name", &self.request.role_session_name)
            .field("cached_until", &self.cache.cached_until())
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for AssumeRoleProviderBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AssumeRoleProviderBuilder")
            .field("base", &self.base)
            .field("role_arn", &self.role_arn)
            .field("session_name", &self.session_name)
            .field("duration", &self.duration)
            .field("region", &self.region)
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for AssumeRoleProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move { self.credentials().await.map_err(Error::into_credentials_error) })
    }
}
