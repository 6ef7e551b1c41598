//! Opening a connection of the pooled transport: name lookup, TCP (addresses raced), a
//! proxy's `CONNECT` tunnel, and TLS for https.

use std::collections::VecDeque;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use http::HeaderValue;
use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;
use tokio::task::JoinSet;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

use super::route::Route;
use crate::client::endpoint::Origin;
use crate::client::failure::Failure;
use crate::error::{TransportError, TransportKind};

/// A connected socket: TCP, or TLS over a stream (over TCP, or over TLS to an https proxy).
pub(super) enum Stream {
    Plain(TcpStream),
    // Boxed: the TLS state is large, and a pooled connection is moved around.
    Tls(Box<TlsStream<Stream>>),
}

/// Connects to `origin` by `route` within `timeout` (name lookup, TCP, a proxy's tunnel and
/// the TLS handshake together, as reqwest's connect timeout counts them).
pub(super) async fn connect(
    origin: &Origin,
    route: &Route,
    tls: &Arc<rustls::ClientConfig>,
    timeout: Duration,
) -> Result<Stream, Failure> {
    match tokio::time::timeout(timeout, open(origin, route, tls)).await {
        Ok(result) => result,
        Err(_) => Err(Failure::Timeout { connect: true }),
    }
}

async fn open(origin: &Origin, route: &Route, tls: &Arc<rustls::ClientConfig>) -> Result<Stream, Failure> {
    match route {
        Route::Direct => {
            let tcp = Stream::Plain(tcp(origin).await.map_err(refused)?);
            if origin.https {
                handshake(tcp, &origin.host, tls).await
            } else {
                Ok(tcp)
            }
        }
        Route::Proxy { proxy, authorization } => {
            let in_proxy = |e: io::Error| refused(io::Error::new(e.kind(), format!("proxy {e}")));
            let tcp = Stream::Plain(tcp(proxy).await.map_err(in_proxy)?);
            let mut stream = if proxy.https {
                handshake(tcp, &proxy.host, tls).await?
            } else {
                tcp
            };
            if !origin.https {
                // Requests to an http origin go to the proxy in absolute form.
                return Ok(stream);
            }
            tunnel(&mut stream, origin, authorization.as_ref())
                .await
                .map_err(refused)?;
            handshake(stream, &origin.host, tls).await
        }
    }
}

/// A failure before anything was sent to the service.
fn refused(e: io::Error) -> Failure {
    Failure::Transport(TransportError::new(TransportKind::Connect, e))
}

/// A TCP connection to `origin`'s host; errors name the host or address that failed.
async fn tcp(origin: &Origin) -> io::Result<TcpStream> {
    let addresses: Vec<SocketAddr> = tokio::net::lookup_host((origin.host.as_str(), origin.port))
        .await
        .map_err(|e| io::Error::new(e.kind(), format!("{}: cannot resolve: {e}", origin.host)))?
        .collect();
    let tcp = race(interleave_families(addresses), &origin.host).await?;
    // Requests are written whole; waiting to coalesce them only adds latency.
    tcp.set_nodelay(true)?;
    Ok(tcp)
}

/// TLS over `stream`, checking the certificate names `host`.
async fn handshake(stream: Stream, host: &str, tls: &Arc<rustls::ClientConfig>) -> Result<Stream, Failure> {
    let name = ServerName::try_from(host.to_owned()).map_err(|e| {
        Failure::Transport(TransportError::new(
            TransportKind::Tls,
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{host}` is not a TLS server name: {e}"),
            ),
        ))
    })?;
    let stream = TlsConnector::from(Arc::clone(tls))
        .connect(name, stream)
        .await
        .map_err(|e| {
            // rustls reports a refused certificate or protocol as `InvalidData`; anything else is
            // the connection failing under the handshake.
            let kind = if e.kind() == io::ErrorKind::InvalidData {
                TransportKind::Tls
            } else {
                TransportKind::Connect
            };
            Failure::Transport(TransportError::new(kind, e))
        })?;
    Ok(Stream::Tls(Box::new(stream)))
}

/// Longest answer to `CONNECT` read; a proxy's is a status line and a few headers.
const MAX_TUNNEL_REPLY: usize = 8 * 1024;

/// Asks the proxy on `stream` for a tunnel to `origin` and reads its answer: any 2xx opens it.
/// Only the status code of a refusal is reported (the proxy's text is not the service's, and
/// is not shown).
async fn tunnel(stream: &mut Stream, origin: &Origin, authorization: Option<&HeaderValue>) -> io::Result<()> {
    let authority = format!("{}:{}", origin.uri_host(), origin.port);
    let mut request = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n").into_bytes();
    if let Some(authorization) = authorization {
        request.extend_from_slice(b"Proxy-Authorization: ");
        request.extend_from_slice(authorization.as_bytes());
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"\r\n");
    stream.write_all(&request).await?;
    stream.flush().await?;
    let mut reply = Vec::with_capacity(256);
    let mut buffer = [0u8; 512];
    let head = loop {
        let read = stream.read(&mut buffer).await?;
        if read == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("the proxy closed the connection instead of answering CONNECT {authority}"),
            ));
        }
        reply.extend_from_slice(&buffer[..read]);
        if let Some(end) = reply.windows(4).position(|w| w == b"\r\n\r\n") {
            // The origin speaks only after the TLS handshake starts: nothing may follow yet.
            if end + 4 != reply.len() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "the proxy sent data after its answer to CONNECT",
                ));
            }
            break &reply[..end];
        }
        if reply.len() > MAX_TUNNEL_REPLY {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "the proxy's answer to CONNECT is too long",
            ));
        }
    };
    let status = head
        .strip_prefix(b"HTTP/1.")
        .and_then(|rest| rest.get(2..5))
        .and_then(|code| std::str::from_utf8(code).ok())
        .and_then(|code| code.parse::<u16>().ok());
    match status {
        Some(200..=299) => Ok(()),
        Some(407) => Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("the proxy requires authentication for CONNECT {authority} (HTTP 407)"),
        )),
        Some(code) => Err(io::Error::new(
            io::ErrorKind::ConnectionRefused,
            format!("the proxy refused CONNECT {authority} (HTTP {code})"),
        )),
        None => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the proxy's answer to CONNECT is not HTTP",
        )),
    }
}

/// How long an attempt has alone before the next address is tried beside it (RFC 8305's
/// recommended "connection attempt delay").
const ATTEMPT_DELAY: Duration = Duration::from_millis(250);

/// Connects to the first of `addresses` that answers. Attempts start in order, each
/// [`ATTEMPT_DELAY`] after the one before (or at once when it failed), and run side by side,
/// so a family or address that swallows packets (a broken IPv6 route, say) costs a quarter of a
/// second rather than the whole connect timeout ("happy eyeballs", as hyper's connector does).
async fn race(addresses: Vec<SocketAddr>, host: &str) -> io::Result<TcpStream> {
    let mut waiting = addresses.into_iter();
    let mut attempts = JoinSet::new();
    let mut last_error = None;
    loop {
        if let Some(address) = waiting.next() {
            attempts.spawn(async move { (address, TcpStream::connect(address).await) });
        } else if attempts.is_empty() {
            return Err(last_error
                .unwrap_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("{host} resolves to no address"))));
        }
        let outcome = if waiting.len() > 0 {
            match tokio::time::timeout(ATTEMPT_DELAY, attempts.join_next()).await {
                Ok(outcome) => outcome,
                // Still connecting: the next address starts beside it.
                Err(_) => continue,
            }
        } else {
            attempts.join_next().await
        };
        match outcome {
            Some(Ok((_, Ok(stream)))) => return Ok(stream),
            Some(Ok((address, Err(e)))) => last_error = Some(io::Error::new(e.kind(), format!("{address}: {e}"))),
            Some(Err(e)) => last_error = Some(io::Error::other(e)),
            None => {}
        }
    }
}

/// The addresses with families alternating (first the family the resolver put first), so a
/// broken family delays the other by one attempt at most.
fn interleave_families(addresses: Vec<SocketAddr>) -> Vec<SocketAddr> {
    let Some(first) = addresses.first() else {
        return addresses;
    };
    let first_v6 = first.is_ipv6();
    let (mut preferred, mut other): (VecDeque<_>, VecDeque<_>) =
        addresses.into_iter().partition(|a| a.is_ipv6() == first_v6);
    let mut ordered = Vec::with_capacity(preferred.len() + other.len());
    loop {
        match (preferred.pop_front(), other.pop_front()) {
            (None, None) => return ordered,
            (a, b) => ordered.extend(a.into_iter().chain(b)),
        }
    }
}

impl AsyncRead for Stream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write_vectored(cx, bufs),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        match self {
            Stream::Plain(s) => s.is_write_vectored(),
            Stream::Tls(s) => s.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(text: &str) -> SocketAddr {
        text.parse().unwrap()
    }

    #[test]
    fn families_alternate_starting_with_the_first() {
        let addresses = ["[::1]:1", "[::2]:1", "[::3]:1", "10.0.0.1:1"].map(address).to_vec();
        assert_eq!(
            interleave_families(addresses),
            ["[::1]:1", "10.0.0.1:1", "[::2]:1", "[::3]:1"].map(address).to_vec()
        );
        let addresses = ["10.0.0.1:1", "[::1]:1", "10.0.0.2:1"].map(address).to_vec();
        assert_eq!(
            interleave_families(addresses),
            ["10.0.0.1:1", "[::1]:1", "10.0.0.2:1"].map(address).to_vec()
        );
        assert!(interleave_families(Vec::new()).is_empty());
    }

    /// A listener whose accept queue is full: the kernel drops further handshakes, so a
    /// connection attempt to it hangs (as one to a black-holed route does).
    async fn silent_listener() -> (tokio::net::TcpListener, Vec<TcpStream>, SocketAddr) {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(address("127.0.0.1:0")).unwrap();
        let listener = socket.listen(0).unwrap();
        let silent = listener.local_addr().unwrap();
        let mut queued = Vec::new();
        while let Ok(Ok(stream)) = tokio::time::timeout(Duration::from_millis(100), TcpStream::connect(silent)).await {
            queued.push(stream);
        }
        (listener, queued, silent)
    }

    #[tokio::test]
    async fn an_address_that_never_answers_does_not_hold_up_the_next() {
        let (_full, _queued, silent) = silent_listener().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let good = listener.local_addr().unwrap();
        let started = std::time::Instant::now();
        let stream = tokio::time::timeout(Duration::from_secs(5), race(vec![silent, good], "test"))
            .await
            .expect("the second address was not tried")
            .unwrap();
        assert_eq!(stream.peer_addr().unwrap(), good);
        assert!(started.elapsed() >= ATTEMPT_DELAY, "the silent address answered");
    }

    #[tokio::test]
    async fn refused_addresses_are_skipped_at_once_and_the_last_error_is_kept() {
        let closed = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap()
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let good = listener.local_addr().unwrap();
        let started = std::time::Instant::now();
        race(vec![closed, good], "test").await.unwrap();
        assert!(started.elapsed() < ATTEMPT_DELAY, "waited after a refusal");
        let error = race(vec![closed], "test").await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::ConnectionRefused);
        let error = race(Vec::new(), "nowhere.test").await.unwrap_err();
        assert!(error.to_string().contains("nowhere.test"), "{error}");
    }
}
