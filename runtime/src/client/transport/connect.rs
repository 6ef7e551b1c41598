//! Opening a connection of the pooled transport: name lookup, TCP, and TLS for https.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
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
/// reqwest's connect timeout counts them). The addresses a name resolves to are tried in turn.
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
    let addresses = tokio::net::lookup_host((origin.host.as_str(), origin.port))
        .await
        .map_err(refused)?;
    let mut last = None;
    let mut tcp = None;
    for address in addresses {
        match TcpStream::connect(address).await {
            Ok(stream) => {
                tcp = Some(stream);
                break;
            }
            Err(e) => last = Some(e),
        }
    }
    let tcp = match tcp {
        Some(tcp) => tcp,
        None => {
            return Err(refused(last.unwrap_or_else(|| {
                io::Error::new(
                    io::ErrorKind::NotFound,
                    format!("{} resolves to no address", origin.host),
                )
            })))
        }
    };
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
