//! Configuration of a [`Client`].

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use http::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};

use super::clock::Clock;
use super::endpoint::{Endpoint, Proxy, Targets};
use super::region::{self, Source};
use super::response::DEFAULT_MAX_RESPONSE_SIZE;
use super::root_certificate::RootCertificate;
use super::transport::{self, PoolSettings, Transport};
use super::{Client, Inner, RetryPolicy};
use crate::credentials::{
    Credentials, DefaultChain, ProfileProvider, ProfileSelection, ProvideCredentials, StaticProvider, Vars,
};
use crate::rate_limit::{RateLimitPolicy, RateLimiter};
use crate::signing::SigningKeyCache;
use crate::Error;

/// Matches the official SDKs' default request timeout.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// As reqwest's (and hyper's legacy client's) default.
const DEFAULT_POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(90);
const REQUEST_CLIENT: &str = concat!("tencentcloud-sdk-rust/", env!("CARGO_PKG_VERSION"));

/// Language of the service's messages (`X-TC-Language`); the service defaults to Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    ZhCn,
    EnUs,
}

impl Language {
    /// The header value, e.g. `en-US`.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::EnUs => "en-US",
        }
    }
}

/// Builds a [`Client`]; every setting is optional.
///
/// # Region
///
/// The region sent as `X-TC-Region` is the first of:
///
/// 1. the one set with [`region`](Self::region);
/// 2. the `TENCENTCLOUD_REGION` environment variable;
/// 3. the `region` key of the selected profile in the credentials file, the same file and
///    profile the default credentials chain reads: the file named by
///    `TENCENTCLOUD_CREDENTIALS_FILE`, else `~/.tencentcloud/credentials`; the profile set with
///    [`profile`](Self::profile), else named by `TENCENTCLOUD_PROFILE`, else `[default]`;
/// 4. none: no `X-TC-Region` is sent. Actions of global services need none; actions that
///    need one fail with the service's error (e.g. `MissingParameter`).
///
/// ```ini
/// [default]
/// secret_id = AKID...
/// secret_key = ...
/// region = ap-guangzhou
/// ```
///
/// Sources 2 and 3 are read once, by [`build`](Self::build); turn them off with
/// [`region_from_env(false)`](Self::region_from_env). tccli's own files (`~/.tccli/*.configure`,
/// `*.credential`) are not read. An empty variable or `region =` counts as unset. A region that
/// is not a valid header value, a named file or profile that does not exist, or a file that
/// does not parse fails `build` with [`Error::Config`](crate::Error::Config) naming the variable
/// or the file and profile; values other than the region are never shown.
///
/// # Retries and rate limits
///
/// Retries are on by default ([`RetryPolicy::default`]: 3 attempts, and only where repeating
/// cannot apply a change twice; see [`RetryPolicy`]); turn them off with
/// `.retry(RetryPolicy::disabled())`. Client-side rate limiting is off by default; turn it on
/// with `.rate_limit(RateLimitPolicy::documented())`.
#[derive(Debug, Default)]
pub struct ClientBuilder {
    credentials: Option<Arc<dyn ProvideCredentials>>,
    region: Option<String>,
    /// Set by `region_from_env(false)`; the lookup is on by default.
    no_region_lookup: bool,
    /// The profile named in code, for the default chain and the region lookup.
    profile: Option<String>,
    vars: Vars,
    endpoint: Option<String>,
    language: Option<Language>,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    clock: Option<Clock>,
    regional_endpoint: bool,
    international: bool,
    proxy: Proxy,
    retry: Option<RetryPolicy>,
    rate_limit: Option<RateLimitPolicy>,
    max_response_size: Option<u64>,
    pool_max_idle_per_host: Option<usize>,
    pool_idle_timeout: Option<Duration>,
    root_certificates: Vec<RootCertificate>,
    /// Set by `tls_built_in_root_certs(false)`.
    no_built_in_roots: bool,
}

impl ClientBuilder {
    /// Fixed credentials. Without credentials or a provider, [`DefaultChain`] is used.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(StaticProvider::new(credentials))
    }

    /// A source asked for credentials before each call.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// Region sent as `X-TC-Region`, e.g. `ap-guangzhou`; some actions require one. Takes
    /// precedence over the environment and the profile file (see [Region](Self#region)).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Whether a region not set with [`region`](Self::region) is taken from
    /// `TENCENTCLOUD_REGION` or the profile file (default: `true`; see [Region](Self#region)).
    /// Turn it off where the configuration is pinned in code, such as tests or a service acting
    /// for several accounts, so the machine's environment cannot change where calls go.
    pub fn region_from_env(mut self, enabled: bool) -> Self {
        self.no_region_lookup = !enabled;
        self
    }

    /// The profile of the credentials file that the default credentials chain and the region
    /// lookup read, instead of the one named by `TENCENTCLOUD_PROFILE` or `[default]`. A
    /// provider set with [`credentials`](Self::credentials) or
    /// [`credentials_provider`](Self::credentials_provider) is not affected.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// Reads the variables the builder consults (`TENCENTCLOUD_REGION`, `TENCENTCLOUD_PROFILE`
    /// and, for the default credentials chain, `TENCENTCLOUD_SECRET_ID`,
    /// `TENCENTCLOUD_SECRET_KEY`, the token variables, `TENCENTCLOUD_CREDENTIALS_FILE`, `HOME`,
    /// `USERPROFILE`) through `lookup` instead of the process environment: to configure a
    /// client from elsewhere, or in tests. The proxy variables are still read from the process
    /// environment by the HTTP client; [`proxy`](Self::proxy) and [`no_proxy`](Self::no_proxy)
    /// override them.
    pub fn env_lookup(mut self, lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        self.vars = Vars::custom(lookup);
        self
    }

    /// Overrides `https://{service}.tencentcloudapi.com/`. `{service}` in the URL is replaced by
    /// the service name; http is allowed (for tests and proxies). Path, query and user info
    /// are rejected because the signature covers path `/` only. Excludes
    /// [`regional_endpoint`](Self::regional_endpoint) and [`international`](Self::international).
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Sends to `https://{service}.{region}.tencentcloudapi.com/` (the client's region, which
    /// is then required; see [Region](Self#region)) instead of the nearest-access default.
    pub fn regional_endpoint(mut self, enabled: bool) -> Self {
        self.regional_endpoint = enabled;
        self
    }

    /// Sends to the international site, `https://{service}.intl.tencentcloudapi.com/`.
    pub fn international(mut self, enabled: bool) -> Self {
        self.international = enabled;
        self
    }

    /// Sends every request through this proxy (`http://`, `https://`, with optional
    /// `user:password@`) instead of the one named by `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`,
    /// which are honoured by default together with `NO_PROXY`.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Proxy::Url(url.into());
        self
    }

    /// Connects directly, ignoring proxy environment variables.
    pub fn no_proxy(mut self) -> Self {
        self.proxy = Proxy::Direct;
        self
    }

    /// Also trusts `certificate` as a certificate authority for https, e.g. the CA of a
    /// TLS-inspecting proxy or of a private gateway; see [`RootCertificate`] for when to use
    /// this, the `native-roots` feature or
    /// [`tls_built_in_root_certs`](Self::tls_built_in_root_certs). May be called repeatedly.
    pub fn add_root_certificate(mut self, certificate: RootCertificate) -> Self {
        self.root_certificates.push(certificate);
        self
    }

    /// Whether the built-in roots are trusted (default: `true`): the bundled Mozilla roots, and
    /// the platform's store with the `native-roots` feature. With `false`, only the
    /// certificates added with [`add_root_certificate`](Self::add_root_certificate) are, so
    /// [`build`](Self::build) fails if there are none.
    pub fn tls_built_in_root_certs(mut self, enabled: bool) -> Self {
        self.no_built_in_roots = !enabled;
        self
    }

    /// Language of error messages (`X-TC-Language`).
    pub fn language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// Limit on establishing a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Limit on a whole call, from connecting to reading the body (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Time source for `X-TC-Timestamp` (default: the system clock). The server rejects
    /// timestamps more than 5 minutes off; when it does (`AuthFailure.SignatureExpire`), the
    /// client learns the offset from the response's `Date` header, signs the call again once,
    /// and keeps the correction for later calls (logged as a `warn` event).
    pub fn clock(mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Some(Clock::new(now));
        self
    }

    /// Which failed attempts are repeated, how often and after what backoff (default:
    /// [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Limits each action to its documented requests per second, in this process (default: no
    /// limit). Off by default because the service enforces the limit per account anyway and
    /// answers `RequestLimitExceeded`, which is retried; turn it on to stay under the limit
    /// instead of being throttled.
    pub fn rate_limit(mut self, policy: RateLimitPolicy) -> Self {
        self.rate_limit = Some(policy);
        self
    }

    /// Most bytes of a response body the client reads (default 32 MiB, far above real
    /// responses). A larger body fails the call with
    /// [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge) as soon as the limit is
    /// passed, so a broken or hostile server cannot exhaust memory; error bodies (non-200) are
    /// read only as far as an error excerpt needs.
    pub fn max_response_size(mut self, bytes: u64) -> Self {
        self.max_response_size = Some(bytes);
        self
    }

    /// Most idle connections kept open per host (default: no limit).
    pub fn pool_max_idle_per_host(mut self, max: usize) -> Self {
        self.pool_max_idle_per_host = Some(max);
        self
    }

    /// How long an idle connection is kept open (default 90 s).
    pub fn pool_idle_timeout(mut self, timeout: Duration) -> Self {
        self.pool_idle_timeout = Some(timeout);
        self
    }

    /// Validates the settings and creates the connection pool.
    ///
    /// Redirects are never followed: API 3.0 endpoints do not redirect, and following one
    /// would hand the signed request (and a session token) to another host, so a 3xx fails
    /// the call with [`Error::Redirect`](crate::Error::Redirect). Responses may be
    /// gzip-compressed (`Accept-Encoding: gzip`) and are decompressed transparently; the size
    /// limit applies to the decompressed body.
    pub fn build(self) -> Result<Client, Error> {
        let selection = ProfileSelection {
            vars: self.vars.clone(),
            file: None,
            profile: self.profile.clone(),
        };
        let region = region::choose(self.region, !self.no_region_lookup, &selection).map_err(Error::Config)?;
        if let Some(region) = region.as_ref().filter(|r| !matches!(r.source, Source::Code)) {
            tracing::debug!(region = %region.name, source = %region.source, "region not set in code, looked up");
        }
        let endpoint = Endpoint::choose(
            self.endpoint.as_deref(),
            region.as_ref().map(|r| r.name.as_str()),
            self.regional_endpoint,
            self.international,
        )
        .map_err(|e| {
            Error::Config(match &region {
                Some(region) => region.explain(e),
                None => e,
            })
        })?;
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(
            HeaderName::from_static("x-tc-requestclient"),
            HeaderValue::from_static(REQUEST_CLIENT),
        );
        if let Some(region) = &region {
            let value = region.header_value().map_err(Error::Config)?;
            headers.insert(HeaderName::from_static("x-tc-region"), value);
        }
        if let Some(language) = self.language {
            headers.insert(
                HeaderName::from_static("x-tc-language"),
                HeaderValue::from_static(language.as_str()),
            );
        }
        if self.no_built_in_roots && self.root_certificates.is_empty() {
            return Err(Error::Config(
                "tls_built_in_root_certs(false) leaves no certificate to trust; add one with add_root_certificate"
                    .into(),
            ));
        }
        let transport = Transport::new(transport::Settings {
            proxy: &self.proxy,
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            pool: PoolSettings {
                connect_timeout: self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
                max_idle_per_origin: self.pool_max_idle_per_host.unwrap_or(usize::MAX),
                idle_timeout: Some(self.pool_idle_timeout.unwrap_or(DEFAULT_POOL_IDLE_TIMEOUT)),
            },
            built_in_roots: !self.no_built_in_roots,
            roots: &self.root_certificates,
        })
        .map_err(Error::Config)?;
        let credentials = self.credentials.unwrap_or_else(|| {
            let file = ProfileProvider::from_vars(self.vars.clone());
            let file = match self.profile {
                Some(name) => file.profile(name),
                None => file,
            };
            Arc::new(DefaultChain::with_profile(self.vars, file))
        });
        let retry = self.retry.unwrap_or_default();
        if retry.max_attempts == 0 {
            return Err(Error::Config("retry max_attempts must be at least 1".into()));
        }
        let rate_limiter = match self.rate_limit {
            Some(policy) => {
                policy.validate().map_err(Error::Config)?;
                Some(RateLimiter::new(policy))
            }
            None => None,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                transport,
                default_headers: headers,
                credentials,
                endpoint,
                targets: Targets::default(),
                signing_keys: SigningKeyCache::new(),
                region: region.map(|r| r.name),
                clock: self.clock.unwrap_or_default(),
                retry,
                rate_limiter,
                max_response_size: self.max_response_size.unwrap_or(DEFAULT_MAX_RESPONSE_SIZE),
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A builder that sees no environment variables, whatever the machine has set.
    fn isolated() -> ClientBuilder {
        ClientBuilder::default().env_lookup(|_| None)
    }

    #[test]
    fn invalid_settings_are_config_errors() {
        let err = isolated().endpoint("https://h/x").build().unwrap_err();
        assert!(matches!(err, Error::Config(m) if m.contains("https://h/x")));
        let err = isolated().region("ap\nbad").build().unwrap_err();
        assert!(matches!(err, Error::Config(m) if m.contains("region")));
        let err = isolated().region("").build().unwrap_err();
        assert!(matches!(err, Error::Config(_)));
        let no_attempts = RetryPolicy {
            max_attempts: 0,
            ..RetryPolicy::default()
        };
        let err = isolated().retry(no_attempts).build().unwrap_err();
        assert!(matches!(err, Error::Config(m) if m.contains("max_attempts")));
        let err = isolated()
            .rate_limit(RateLimitPolicy::documented().scale(0.0))
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::Config(m) if m.contains("scale")));
    }

    #[test]
    fn language_header_values() {
        assert_eq!(Language::EnUs.as_str(), "en-US");
        assert_eq!(Language::ZhCn.as_str(), "zh-CN");
    }
}
