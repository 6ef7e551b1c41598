//! How a signed request reaches the service and its reply comes back: [`Pool`], hyper's
//! HTTP/1.1 over connections the runtime opens (directly or through a proxy, [`route`]; rustls
//! for https) and drives in the calling task. A body is read only as far as its status wants
//! ([`body::Wanted`]), within the client's limit, gzip decompressed.

mod body;
mod connect;
mod pool;
mod route;
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
pub(super) struct Transport {
    pool: Pool,
    timeout: Duration,
}

impl Transport {
    /// The transport for these settings: the roots and the proxy are checked here, so a
    /// certificate the TLS library rejects, or a proxy URL that is not one, fails the build.
    pub(super) fn new(settings: Settings<'_>) -> Result<Transport, String> {
        let tls = tls::client_config(settings.built_in_roots, settings.roots)?;
        Ok(Transport {
            pool: Pool::new(settings.pool, tls, settings.proxy)?,
            timeout: settings.timeout,
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
        headers.insert(HOST, target.host_header.clone());
        headers.insert(ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
        let mut request = Request::new(Full::new(body));
        *request.method_mut() = Method::POST;
        // The endpoint has no path or query (`Endpoint::resolve` checks it); a forwarding
        // proxy gets the absolute form instead (`Pool::exchange`).
        *request.uri_mut() = Uri::from_static("/");
        *request.headers_mut() = headers;
        match tokio::time::timeout(self.timeout, self.pool.exchange(&target.origin, request, limit)).await {
            Ok(reply) => reply,
            Err(_) => Err(Failure::Timeout { connect: false }),
        }
    }
}

/// A plain GET for the runtime's own needs (the instance metadata service): direct, never
/// through a proxy, with the built-in roots.
pub(crate) struct Getter {
    pool: Pool,
    timeout: Duration,
}

/// Why a [`Getter::get`] failed.
pub(crate) enum GetError {
    /// No complete answer within the timeout.
    Timeout,
    /// The reason, from the connection or the body.
    Failed(String),
}

impl Getter {
    pub(crate) fn new(connect_timeout: Duration, timeout: Duration) -> Result<Getter, String> {
        let settings = PoolSettings {
            connect_timeout,
            max_idle_per_origin: 1,
            idle_timeout: Some(Duration::from_secs(60)),
        };
        let tls = tls::client_config(true, &[])?;
        Ok(Getter {
            pool: Pool::new(settings, tls, &Proxy::Direct)?,
            timeout,
        })
    }

    /// `url`'s status and body (all of it if 200, up to `limit` bytes; an excerpt otherwise).
    pub(crate) async fn get(&self, url: &url::Url, limit: u64) -> Result<(u16, Vec<u8>), GetError> {
        let origin = super::endpoint::Origin::of(url).map_err(|why| GetError::Failed(format!("`{url}` {why}")))?;
        let mut request = Request::new(Full::new(Bytes::new()));
        let target = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        };
        *request.uri_mut() = target.parse().map_err(|e| GetError::Failed(format!("`{url}`: {e}")))?;
        let host = match url.port() {
            Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
            None => url.host_str().unwrap_or_default().to_owned(),
        };
        let host = HeaderValue::from_str(&host).map_err(|e| GetError::Failed(format!("`{url}`: {e}")))?;
        request.headers_mut().insert(HOST, host);
        match tokio::time::timeout(self.timeout, self.pool.exchange(&origin, request, limit)).await {
            Err(_) | Ok(Err(Failure::Timeout { .. })) => Err(GetError::Timeout),
            Ok(Err(Failure::Transport(e))) => Err(GetError::Failed(e.to_string())),
            Ok(Err(Failure::TooLarge { limit })) => Err(GetError::Failed(format!("the answer is over {limit} bytes"))),
            Ok(Err(other)) => Err(GetError::Failed(other.kind().to_owned())),
            Ok(Ok(reply)) => Ok((reply.status.as_u16(), reply.body.to_vec())),
        }
    }
}
