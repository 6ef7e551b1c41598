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

/// One API action, e.g. `ListProjects`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ActionInfo {
    /// Action name as sent in `X-TC-Action`.
    pub name: &'static str,
    /// Documented rate limit in requests per second, when the docs give one.
    pub rate_limit: Option<u32>,
}
