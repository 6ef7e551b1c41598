//! Where requests go, and the `Host` value that gets signed.

use reqwest::Url;

const PLACEHOLDER: &str = "{service}";
const DEFAULT: &str = "https://{service}.tencentcloudapi.com/";

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
        Ok(Target { url, host })
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
