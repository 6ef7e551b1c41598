//! Static descriptions of a service version and of one action, emitted by the generator.

/// One version of one Tencent Cloud service, e.g. `wedata` / `2021-08-20`.
///
/// The generator emits one `static` per service version; the client uses `name` for the
/// default endpoint host and the signing scope, and `version` for `X-TC-Version`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ServiceInfo {
    /// Service name as used in the endpoint host and credential scope, e.g. `"wedata"`.
    pub name: &'static str,
    /// API version date, e.g. `"2021-08-20"`.
    pub version: &'static str,
}

/// One API action, e.g. `ListProjects`: what the client needs to know about it, decided by the
/// generator from the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ActionInfo {
    /// Action name as sent in `X-TC-Action`.
    pub name: &'static str,
    /// Documented rate limit in requests per second, when the docs give one.
    pub rate_limit: Option<u32>,
    /// The action only reads, so repeating it after it may have run is harmless: decides which
    /// failures are retried (see [`RetryPolicy`](crate::RetryPolicy)).
    pub read_only: bool,
    /// Wire names of response members that hold secrets although their name does not say so
    /// (see [`secret::is_secret_name`](crate::secret::is_secret_name)); error excerpts redact
    /// their values.
    pub secret_members: &'static [&'static str],
    /// The action is called without a signature (`Authorization: SKIP`, as the official SDKs
    /// send it): STS's `AssumeRoleWithWebIdentity` and `AssumeRoleWithSAML`, which exchange a
    /// token for credentials and so cannot need credentials themselves. No credentials are
    /// looked up and no session token is sent.
    pub skip_sign: bool,
}

impl ActionInfo {
    /// An action that may change something (never retried once it may have run), with no
    /// documented rate limit and no secret members beyond those named as such.
    pub const fn new(name: &'static str) -> Self {
        ActionInfo {
            name,
            rate_limit: None,
            read_only: false,
            secret_members: &[],
            skip_sign: false,
        }
    }

    /// Marks the action read-only.
    pub const fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }

    /// Marks the action as called unsigned (see [`skip_sign`](Self::skip_sign)).
    pub const fn unsigned(mut self) -> Self {
        self.skip_sign = true;
        self
    }

    /// Sets the documented rate limit.
    pub const fn with_rate_limit(mut self, per_second: u32) -> Self {
        self.rate_limit = Some(per_second);
        self
    }
}
