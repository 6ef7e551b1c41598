//! Where requests go, and the `Host` value that gets signed; how they get there (proxy).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use http::HeaderValue;
use url::Url;

const PLACEHOLDER: &str = "{service}";
const DEFAULT: &str = "https://{service}.tencentcloudapi.com/";
const REGIONAL: &str = "https://{service}.{region}.tencentcloudapi.com/";
const INTERNATIONAL: &str = "https://{service}.intl.tencentcloudapi.com/";
const NO_REGION: &str =
    "regional_endpoint needs a region: set one with `region(..)`, TENCENTCLOUD_REGION or `region` in the profile file";

/// A URL template; `{service}` is replaced by the service name on each call, so one client can
/// serve every service. Without the placeholder every service goes to the same URL.
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    template: String,
}

/// One resolved destination.
#[derive(Debug)]
pub(crate) struct Target {
    pub(crate) url: Url,
    /// `host[:port]` exactly as the HTTP client will send it: it omits the scheme's default port.
    pub(crate) host: String,
    /// `host` as the `Host` header, made once.
    pub(crate) host_header: HeaderValue,
    /// Where the pooled transport connects, and what its idle connections are kept by.
    pub(crate) origin: Origin,
}

/// A scheme, host and port: connections to one origin serve each other's requests.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Origin {
    pub(crate) https: bool,
    /// A name, or an IP address (without the brackets a URL puts around IPv6).
    pub(crate) host: String,
    pub(crate) port: u16,
}

impl Origin {
    /// The origin of an http or https URL; the error says what it lacks.
    pub(crate) fn of(url: &Url) -> Result<Origin, String> {
        let https = match url.scheme() {
            "https" => true,
            "http" => false,
            _ => return Err("is not http or https".to_owned()),
        };
        Ok(Origin {
            https,
            host: url
                .host_str()
                .map(|h| h.trim_start_matches('[').trim_end_matches(']').to_owned())
                .ok_or("has no host")?,
            port: url.port_or_known_default().ok_or("has no port")?,
        })
    }

    /// The host as a URI or `Host` writes it: an IPv6 address in brackets.
    pub(crate) fn uri_host(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        }
    }
}

impl Default for Endpoint {
    fn default() -> Self {
        Endpoint {
            template: DEFAULT.to_owned(),
        }
    }
}

impl Endpoint {
    /// Checks the template once, with a stand-in service name, so calls fail only on names the
    /// generator would never emit.
    pub(crate) fn parse(template: &str) -> Result<Self, String> {
        let endpoint = Endpoint {
            template: template.to_owned(),
        };
        endpoint.resolve("service")?;
        Ok(endpoint)
    }

    /// The endpoint the builder's settings select: a custom URL, the regional or the
    /// international form, else the default. Conflicting choices are rejected rather than one
    /// silently winning.
    pub(crate) fn choose(
        custom: Option<&str>,
        region: Option<&str>,
        regional: bool,
        international: bool,
    ) -> Result<Self, String> {
        match (custom, regional, international) {
            (Some(url), false, false) => Endpoint::parse(url),
            (Some(url), _, _) => Err(format!(
                "endpoint `{url}` cannot be combined with regional_endpoint or international"
            )),
            // No documented host serves both; guessing one would fail only at the first call.
            (None, true, true) => Err("regional_endpoint and international cannot be combined".to_owned()),
            (None, true, false) => {
                let region = region.ok_or(NO_REGION)?;
                // The region becomes a host label; anything else would change which host is meant.
                if region.is_empty()
                    || !region
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                {
                    return Err(format!("region `{region}` cannot be part of an endpoint host"));
                }
                Endpoint::parse(&REGIONAL.replace("{region}", region))
            }
            (None, false, true) => Endpoint::parse(INTERNATIONAL),
            (None, false, false) => Ok(Endpoint::default()),
        }
    }

    pub(crate) fn resolve(&self, service: &str) -> Result<Target, String> {
        let text = self.template.replace(PLACEHOLDER, service);
        let url = Url::parse(&text).map_err(|e| format!("endpoint `{text}` is not a URL: {e}"))?;
        if url.scheme() != "https" && url.scheme() != "http" {
            return Err(format!("endpoint `{text}` must be http or https"));
        }
        // The signature covers the path `/` and an empty query, so nothing else may be sent.
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(format!("endpoint `{text}` must have no path, query or fragment"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!("endpoint `{text}` must not carry user information"));
        }
        let host = match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => return Err(format!("endpoint `{text}` has no host")),
        };
        let origin = Origin::of(&url).map_err(|why| format!("endpoint `{text}` {why}"))?;
        let host_header = HeaderValue::from_str(&host)
            .map_err(|_| format!("endpoint `{text}`: host `{host}` is not a valid header value"))?;
        Ok(Target {
            url,
            host,
            host_header,
            origin,
        })
    }
}

/// The target of each service a client called: the template is fixed when the client is
/// built, so a service's URL is parsed on its first call only.
#[derive(Debug, Default)]
pub(crate) struct Targets(Mutex<HashMap<&'static str, Arc<Target>>>);

impl Targets {
    pub(crate) fn get(&self, endpoint: &Endpoint, service: &'static str) -> Result<Arc<Target>, String> {
        // Nothing panics while the lock is held, so a poisoned map is still whole.
        let cached = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(service)
            .cloned();
        if let Some(target) = cached {
            return Ok(target);
        }
        let target = Arc::new(endpoint.resolve(service)?);
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(service, Arc::clone(&target));
        Ok(target)
    }
}

/// How requests reach the endpoint.
#[derive(Clone, Default)]
pub(crate) enum Proxy {
    /// `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` (or their lower-case forms), read
    /// when the client is built (see `transport::route`).
    #[default]
    Environment,
    /// Always connect directly.
    Direct,
    /// Every request through this proxy; the environment is ignored.
    Url(String),
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Proxy::Environment => f.write_str("Environment"),
            Proxy::Direct => f.write_str("Direct"),
            Proxy::Url(url) => f.debug_tuple("Url").field(&redact_password(url)).finish(),
        }
    }
}

/// The URL with any password replaced; one that does not parse is not shown at all, since the
/// password could be anywhere in it.
pub(crate) fn redact_password(url: &str) -> String {
    match Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => match parsed.set_password(Some("redacted")) {
            Ok(()) => parsed.to_string(),
            Err(()) => "<redacted>".to_owned(),
        },
        Ok(_) => url.to_owned(),
        Err(_) => "<unparsable URL>".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_endpoint_is_per_service_https() {
        let t = Endpoint::default().resolve("wedata").unwrap();
        assert_eq!(t.url.as_str(), "https://wedata.tencentcloudapi.com/");
        assert_eq!(t.host, "wedata.tencentcloudapi.com");
    }

    #[test]
    fn host_keeps_non_default_ports_only() {
        let t = Endpoint::parse("http://127.0.0.1:8080")
            .unwrap()
            .resolve("cvm")
            .unwrap();
        assert_eq!(t.url.as_str(), "http://127.0.0.1:8080/");
        assert_eq!(t.host, "127.0.0.1:8080");
        let t = Endpoint::parse("https://{service}.ap-guangzhou.tencentcloudapi.com:443/")
            .unwrap()
            .resolve("dts")
            .unwrap();
        assert_eq!(t.host, "dts.ap-guangzhou.tencentcloudapi.com");
        let t = Endpoint::parse("http://[::1]:9000/").unwrap().resolve("x").unwrap();
        assert_eq!(t.host, "[::1]:9000");
    }

    /// The signed host must be the one the HTTP client sends: the URL's host and explicit port.
    fn assert_host_matches_url(t: &Target, url: &str, host: &str) {
        assert_eq!(t.url.as_str(), url);
        assert_eq!(t.host, host);
        let sent = match t.url.port() {
            Some(port) => format!("{}:{port}", t.url.host_str().unwrap()),
            None => t.url.host_str().unwrap().to_owned(),
        };
        assert_eq!(t.host, sent);
    }

    #[test]
    fn every_endpoint_form_resolves_to_its_host() {
        let choose = |custom, region, regional, international| {
            Endpoint::choose(custom, region, regional, international)
                .unwrap()
                .resolve("cvm")
                .unwrap()
        };
        let t = choose(None, Some("ap-guangzhou"), false, false);
        assert_host_matches_url(&t, "https://cvm.tencentcloudapi.com/", "cvm.tencentcloudapi.com");
        let t = choose(None, Some("ap-guangzhou"), true, false);
        assert_host_matches_url(
            &t,
            "https://cvm.ap-guangzhou.tencentcloudapi.com/",
            "cvm.ap-guangzhou.tencentcloudapi.com",
        );
        let t = choose(None, None, false, true);
        assert_host_matches_url(
            &t,
            "https://cvm.intl.tencentcloudapi.com/",
            "cvm.intl.tencentcloudapi.com",
        );
        let t = choose(Some("http://{service}.internal.example:8080"), None, false, false);
        assert_host_matches_url(&t, "http://cvm.internal.example:8080/", "cvm.internal.example:8080");
        let t = choose(Some("https://gateway.example/"), Some("ap-guangzhou"), false, false);
        assert_host_matches_url(&t, "https://gateway.example/", "gateway.example");
    }

    #[test]
    fn conflicting_or_incomplete_endpoint_choices_are_rejected() {
        let err = |custom, region, regional, international| {
            Endpoint::choose(custom, region, regional, international).unwrap_err()
        };
        assert_eq!(err(None, None, true, false), NO_REGION);
        assert_eq!(
            err(None, Some("ap-guangzhou"), true, true),
            "regional_endpoint and international cannot be combined"
        );
        assert!(err(Some("https://h/"), None, false, true).contains("cannot be combined"));
        assert!(err(Some("https://h/"), Some("ap-guangzhou"), true, false).contains("cannot be combined"));
        for region in ["ap-guangzhou.evil.example", "AP-GUANGZHOU", "ap guangzhou", "ap/x"] {
            assert_eq!(
                err(None, Some(region), true, false),
                format!("region `{region}` cannot be part of an endpoint host")
            );
        }
    }

    #[test]
    fn proxy_debug_and_errors_hide_the_password() {
        let shown = format!("{:?}", Proxy::Url("http://user:hunter2@proxy.example:3128".into()));
        assert_eq!(shown, r#"Url("http://user:redacted@proxy.example:3128/")"#);
        assert_eq!(format!("{:?}", Proxy::Direct), "Direct");
        assert_eq!(redact_password("not a url hunter2"), "<unparsable URL>");
        // The proxy's rules (`transport::route`) report an invalid URL by this redaction.
    }

    #[test]
    fn rejects_what_the_signature_cannot_cover() {
        for bad in [
            "not a url",
            "ftp://h/",
            "https://h/path",
            "https://h/?q=1",
            "https://user:pw@h/",
            "unix:/tmp/sock",
        ] {
            assert!(Endpoint::parse(bad).is_err(), "{bad} accepted");
        }
    }
}
