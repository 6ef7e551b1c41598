//! Opening a connection of the pooled transport: name lookup, TCP, and TLS for https.

use std::collections::VecDeque;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::task::JoinSet;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

use crate::client::endpoint::Origin;
use crate::client::failure::Failure;
use crate::error::{TransportError, TransportKind};

/// A connected socket, with TLS for https.
pub(super) enum Stream {
    Plain(TcpStream),
    // Boxed: the TLS state is large, and a pooled connection is moved around.
    Tls(Box<TlsStream<TcpStream>>),
}

/// Connects to `origin` within `timeout` (name lookup, TCP and the TLS handshake together, as
/// reqwest's connect timeout counts them). The addresses a name resolves to are raced
/// ([`race`]).
pub(super) async fn connect(
    origin: &Origin,
    tls: &Arc<rustls::ClientConfig>,
    timeout: Duration,
) -> Result<Stream, Failure> {
    match tokio::time::timeout(timeout, open(origin, tls)).await {
        Ok(result) => result,
        Err(_) => Err(Failure::Timeout { connect: true }),
    }
}

async fn open(origin: &Origin, tls: &Arc<rustls::ClientConfig>) -> Result<Stream, Failure> {
    let refused = |e: io::Error| Failure::Transport(TransportError::new(TransportKind::Connect, e));
    let addresses: Vec<SocketAddr> = tokio::net::lookup_host((origin.host.as_str(), origin.port))
        .await
        .map_err(refused)?
        .collect();
    let tcp = race(interleave_families(addresses), &origin.host)
        .await
        .map_err(refused)?;
    // Requests are written whole; waiting to coalesce them only adds latency.
    tcp.set_nodelay(true).map_err(refused)?;
    if !origin.https {
        return Ok(Stream::Plain(tcp));
    }
    let name = ServerName::try_from(origin.host.clone()).map_err(|e| {
        Failure::Transport(TransportError::new(
            TransportKind::Tls,
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{}` is not a TLS server name: {e}", origin.host),
            ),
        ))
    })?;
    let stream = TlsConnector::from(Arc::clone(tls))
        .connect(name, tcp)
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
            attempts.spawn(TcpStream::connect(address));
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
            Some(Ok(Ok(stream))) => return Ok(stream),
            Some(Ok(Err(e))) => last_error = Some(e),
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
