//! How a signed request reaches the service and its reply comes back, chosen when the client
//! is built:
//! - [`Pool`], for direct connections (no proxy applies): hyper's HTTP/1.1 over connections
//!   the runtime opens (rustls for https) and drives in the calling task;
//! - [`Proxied`], when a proxy may apply (one set with `proxy(..)`, or proxy variables in the
//!   environment): reqwest, which implements the tunnelling and reads `NO_PROXY`.
//!
//! Either reads a body only as far as its status wants ([`body::Wanted`]), within the same
//! limit, gzip decompressed.

mod body;
mod connect;
mod pool;
mod proxied;
mod tls;

use std::time::Duration;

use bytes::Bytes;
use http::header::{ACCEPT_ENCODING, HOST};
use http::{HeaderMap, HeaderValue, Method, Request, Uri};
use http_body_util::Full;

use super::endpoint::{Proxy, Target};
use super::failure::Failure;
use super::RootCertificate;
use pool::Pool;
pub(super) use pool::{PoolSettings, Reply};
use proxied::Proxied;

/// What the builder decided about connections.
pub(super) struct Settings<'a> {
    pub(super) proxy: &'a Proxy,
    /// Limit on a whole attempt: connecting, sending and reading the body.
    pub(super) timeout: Duration,
    pub(super) pool: PoolSettings,
    /// Whether the built-in roots are trusted besides `roots`.
    pub(super) built_in_roots: bool,
    pub(super) roots: &'a [RootCertificate],
}

#[derive(Debug)]
pub(super) enum Transport {
    Pooled { pool: Pool, timeout: Duration },
    Proxied(Proxied),
}

/// The variables reqwest takes a proxy from (`NO_PROXY` only narrows them).
const PROXY_VARIABLES: [&str; 6] = [
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
];

impl Transport {
    /// The transport for these settings. The roots are checked here, whichever transport is
    /// chosen, so a certificate the TLS library rejects is named by its position.
    pub(super) fn new(settings: Settings<'_>) -> Result<Transport, String> {
        let tls = tls::client_config(settings.built_in_roots, settings.roots)?;
        let proxied = match settings.proxy {
            Proxy::Direct => false,
            Proxy::Url(_) => true,
            // reqwest reads the process environment, not the builder's lookup, so this does too.
            Proxy::Environment => PROXY_VARIABLES
                .iter()
                .any(|name| std::env::var_os(name).is_some_and(|value| !value.is_empty())),
        };
        Ok(if proxied {
            Transport::Proxied(Proxied::new(&settings)?)
        } else {
            Transport::Pooled {
                pool: Pool::new(settings.pool, tls),
                timeout: settings.timeout,
            }
        })
    }

    /// One attempt: `body` POSTed to `target` with `headers` (`Host` and `Accept-Encoding` are
    /// added here), the reply read as far as its status wants, at most `limit` bytes of a
    /// successful body.
    pub(super) async fn send(
        &self,
        target: &Target,
        mut headers: HeaderMap,
        body: Bytes,
        limit: u64,
    ) -> Result<Reply, Failure> {
        match self {
            Transport::Pooled { pool, timeout } => {
                let host = HeaderValue::from_str(&target.host)
                    .map_err(|_| Failure::Config(format!("host `{}` is not a valid header value", target.host)))?;
                headers.insert(HOST, host);
                headers.insert(ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
                let mut request = Request::new(Full::new(body));
                *request.method_mut() = Method::POST;
                // The endpoint has no path or query (`Endpoint::resolve` checks it).
                *request.uri_mut() = Uri::from_static("/");
                *request.headers_mut() = headers;
                match tokio::time::timeout(*timeout, pool.exchange(&target.origin, request, limit)).await {
                    Ok(reply) => reply,
                    Err(_) => Err(Failure::Timeout { connect: false }),
                }
            }
            Transport::Proxied(proxied) => proxied.send(target, headers, body, limit).await,
        }
    }
}
