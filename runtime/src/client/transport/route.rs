//! Which way a connection goes: straight to the origin, or through an HTTP proxy, chosen as
//! reqwest and curl choose (hyper-util's matcher: `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`,
//! `NO_PROXY` and their lower-case forms, none under CGI), or the proxy set in code.

use http::{HeaderValue, Uri};
use hyper_util::client::proxy::matcher::Matcher;
use url::Url;

use crate::client::endpoint::{redact_password, Origin, Proxy};

/// The proxy rules of a client, fixed when it is built (the environment is read then).
pub(super) struct Routes {
    matcher: Matcher,
}

/// The way to one origin.
#[derive(Clone)]
pub(super) enum Route {
    Direct,
    /// Through `proxy`: an https origin by a `CONNECT` tunnel, an http one by sending it each
    /// request in absolute form.
    Proxy {
        proxy: Origin,
        /// `Proxy-Authorization` (basic, from the proxy URL's user and password); sensitive.
        authorization: Option<HeaderValue>,
    },
}

impl Routes {
    pub(super) fn new(proxy: &Proxy) -> Result<Routes, String> {
        let matcher = match proxy {
            Proxy::Environment => Matcher::from_env(),
            Proxy::Direct => Matcher::builder().build(),
            Proxy::Url(url) => {
                let invalid = |why: String| format!("proxy `{}` is not a valid proxy URL: {why}", redact_password(url));
                let parsed = Url::parse(url).map_err(|e| invalid(e.to_string()))?;
                // Without an http(s) scheme the URL may be `user:password@host`, read as a
                // scheme and a path: nothing of it is shown.
                if !matches!(parsed.scheme(), "http" | "https") {
                    return Err(
                        "the proxy URL is not a valid proxy URL: it must start with http:// or https://".to_owned(),
                    );
                }
                if parsed.host_str().is_none() {
                    return Err(invalid("it names no host".to_owned()));
                }
                Matcher::builder().all(url.as_str()).build()
            }
        };
        Ok(Routes { matcher })
    }

    /// The route to `origin`. A proxy the rules name but that cannot be used (a SOCKS proxy
    /// from the environment, which this client does not speak) is an error naming it.
    pub(super) fn route(&self, origin: &Origin) -> Result<Route, String> {
        let scheme = if origin.https { "https" } else { "http" };
        let host = origin.uri_host();
        let uri: Uri = format!("{scheme}://{host}:{}/", origin.port)
            .parse()
            .map_err(|e| format!("`{host}` cannot be a request target: {e}"))?;
        let Some(intercept) = self.matcher.intercept(&uri) else {
            return Ok(Route::Direct);
        };
        let proxy = intercept.uri();
        let https = match proxy.scheme_str() {
            Some("http") => false,
            Some("https") => true,
            other => {
                return Err(format!(
                    "the proxy for {host} uses the scheme `{}`, which this client does not speak (http or https)",
                    other.unwrap_or_default()
                ))
            }
        };
        let proxy_host = proxy.host().unwrap_or_default();
        Ok(Route::Proxy {
            proxy: Origin {
                https,
                host: proxy_host.trim_start_matches('[').trim_end_matches(']').to_owned(),
                port: proxy.port_u16().unwrap_or(if https { 443 } else { 80 }),
            },
            authorization: intercept.basic_auth().cloned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(https: bool, host: &str, port: u16) -> Origin {
        Origin {
            https,
            host: host.to_owned(),
            port,
        }
    }

    #[test]
    fn an_explicit_proxy_takes_every_origin_with_its_credentials() {
        let routes = Routes::new(&Proxy::Url("http://us%40er:p%3Ass@proxy.test:3128".to_owned())).unwrap();
        for target in [origin(true, "dts.tencentcloudapi.com", 443), origin(false, "::1", 80)] {
            let Route::Proxy { proxy, authorization } = routes.route(&target).unwrap() else {
                panic!("not proxied");
            };
            assert_eq!(proxy, origin(false, "proxy.test", 3128));
            // base64("us@er:p:ss")
            let authorization = authorization.unwrap();
            assert_eq!(authorization, "Basic dXNAZXI6cDpzcw==");
            assert!(authorization.is_sensitive());
        }
        let routes = Routes::new(&Proxy::Url("https://proxy.test".to_owned())).unwrap();
        let Route::Proxy { proxy, authorization } = routes.route(&origin(true, "h.test", 443)).unwrap() else {
            panic!("not proxied");
        };
        assert_eq!((proxy, authorization), (origin(true, "proxy.test", 443), None));
    }

    #[test]
    fn no_proxy_is_direct_and_bad_proxies_are_refused_without_their_password() {
        let routes = Routes::new(&Proxy::Direct).unwrap();
        assert!(matches!(routes.route(&origin(true, "h.test", 443)), Ok(Route::Direct)));
        for url in [
            "socks5://u:SENSITIVE@h:1080",
            "http://u:SENSITIVE@[::1",
            "u:SENSITIVE@h",
        ] {
            let error = Routes::new(&Proxy::Url(url.to_owned())).err().unwrap();
            assert!(error.contains("not a valid proxy URL"), "{error}");
            assert!(!error.contains("SENSITIVE"), "{error}");
        }
    }
}
