//! The pooled transport: HTTP/1.1 (hyper's protocol code) over connections kept alive per
//! origin, each driven by the task that is using it.
//!
//! A connection in use belongs to the call's future, which polls hyper's connection state
//! machine together with its own request (see [`Driver::drive`]); an idle one waits in the pool, not
//! polled by anyone. A call therefore wakes no other task or thread, where a client with a
//! task per connection (reqwest's) hands every request and response across tasks: on loopback
//! that halved the client CPU of a small call (`cargo xtask bench`). Before an idle
//! connection is reused it is polled once, so one the server closed while it waited is dropped
//! rather than used.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::task::{Context, Wake, Waker};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::PROXY_AUTHORIZATION;
use http::{HeaderMap, HeaderValue, Request, Response, StatusCode, Uri};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;

use super::body::{Progress, Sink, Wanted};
use super::connect::{connect, Stream};
use super::route::{Route, Routes};
use crate::client::endpoint::{Origin, Proxy};
use crate::client::failure::Failure;
use crate::error::{TransportError, TransportKind};

/// How connections are opened and kept.
#[derive(Debug, Clone)]
pub(in crate::client) struct PoolSettings {
    pub(in crate::client) connect_timeout: Duration,
    /// Idle connections kept per origin; more are closed when they finish.
    pub(in crate::client) max_idle_per_origin: usize,
    /// An idle connection older than this is closed instead of reused.
    pub(in crate::client) idle_timeout: Option<Duration>,
}

pub(in crate::client) struct Pool {
    idle: Mutex<HashMap<Origin, Vec<Idle>>>,
    settings: PoolSettings,
    tls: Arc<rustls::ClientConfig>,
    routes: Routes,
    /// What the routes were made from, for `Debug` (passwords redacted).
    proxy: Proxy,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("settings", &self.settings)
            .field("proxy", &self.proxy)
            .finish_non_exhaustive()
    }
}

/// The response of one exchange: its status and headers, and the body as far as the status
/// wanted it ([`Wanted`]).
pub(in crate::client) struct Reply {
    pub(in crate::client) status: StatusCode,
    pub(in crate::client) headers: HeaderMap,
    pub(in crate::client) body: Bytes,
}

/// One HTTP/1.1 connection: hyper's handle to send on it, and its state machine.
struct Connection {
    sender: http1::SendRequest<Full<Bytes>>,
    driver: Driver,
    /// Set when the connection is to a proxy that forwards requests to an http origin.
    forward: Option<Forward>,
}

/// How requests go to a proxy that forwards them: in absolute form, with its credentials.
struct Forward {
    target: Uri,
    authorization: Option<HeaderValue>,
}

/// hyper's state machine of a connection, which must be polled for anything to move on it.
struct Driver {
    connection: Pin<Box<http1::Connection<TokioIo<Stream>, Full<Bytes>>>>,
    /// It finished: the connection is closed, for good or by an error.
    finished: bool,
}

struct Idle {
    connection: Connection,
    since: Instant,
}

/// What became of a request given to a connection.
enum Sent {
    Response(Response<Incoming>),
    /// The connection closed before the request was written: it can go on another.
    Returned(Request<Full<Bytes>>, hyper::Error),
    Failed(hyper::Error),
}

impl Pool {
    pub(in crate::client) fn new(
        settings: PoolSettings,
        tls: Arc<rustls::ClientConfig>,
        proxy: &Proxy,
    ) -> Result<Pool, String> {
        Ok(Pool {
            idle: Mutex::default(),
            settings,
            tls,
            routes: Routes::new(proxy)?,
            proxy: proxy.clone(),
        })
    }

    /// Sends `request` to `origin` and reads the response as far as its status wants, up to
    /// `limit` bytes of a successful body. A request that a reused connection hands back
    /// unwritten (the server had closed it) goes on another connection. A close that comes
    /// after the request was written fails the attempt: the service may have received it.
    pub(in crate::client) async fn exchange(
        &self,
        origin: &Origin,
        mut request: Request<Full<Bytes>>,
        limit: u64,
    ) -> Result<Reply, Failure> {
        loop {
            let (mut connection, reused) = match self.checkout(origin) {
                Some(connection) => (connection, true),
                None => (self.open(origin).await?, false),
            };
            if let Some(forward) = &connection.forward {
                *request.uri_mut() = forward.target.clone();
                if let Some(authorization) = &forward.authorization {
                    request.headers_mut().insert(PROXY_AUTHORIZATION, authorization.clone());
                }
            }
            match connection.send(request).await {
                Sent::Response(response) => return self.read(origin, connection, response, limit).await,
                Sent::Returned(back, _) if reused => request = back,
                Sent::Returned(_, e) => {
                    let closed = io::Error::new(
                        io::ErrorKind::ConnectionAborted,
                        format!("the server closed the connection before the request was sent ({e})"),
                    );
                    return Err(Failure::Transport(TransportError::new(TransportKind::Connect, closed)));
                }
                Sent::Failed(e) => return Err(Failure::Transport(TransportError::new(TransportKind::Other, e))),
            }
        }
    }

    async fn open(&self, origin: &Origin) -> Result<Connection, Failure> {
        let route = self.routes.route(origin).map_err(Failure::Config)?;
        let stream = connect(origin, &route, &self.tls, self.settings.connect_timeout).await?;
        let forward = match route {
            Route::Proxy { authorization, .. } if !origin.https => Some(Forward {
                target: absolute_form(origin)?,
                authorization,
            }),
            _ => None,
        };
        // An HTTP/1.1 handshake is only the set-up of hyper's state: it does no I/O.
        let (sender, driver) = http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| Failure::Transport(TransportError::new(TransportKind::Connect, e)))?;
        Ok(Connection {
            sender,
            driver: Driver {
                connection: Box::pin(driver),
                finished: false,
            },
            forward,
        })
    }

    /// The response's body as far as its status wants; the connection goes back to the pool
    /// if the body was read to its end.
    async fn read(
        &self,
        origin: &Origin,
        mut connection: Connection,
        response: Response<Incoming>,
        limit: u64,
    ) -> Result<Reply, Failure> {
        let (parts, mut body) = response.into_parts();
        let wanted = Wanted::for_status(parts.status, limit);
        let mut sink = Sink::new(wanted, &parts.headers)?;
        let mut ended = false;
        if wanted != Wanted::Nothing {
            loop {
                match connection.driver.drive(body.frame()).await {
                    None => {
                        ended = true;
                        break;
                    }
                    Some(Ok(frame)) => {
                        // Trailers carry nothing the client reads.
                        if let Ok(data) = frame.into_data() {
                            if sink.push(data)? == Progress::Enough {
                                break;
                            }
                        }
                    }
                    Some(Err(e)) if matches!(wanted, Wanted::All { .. }) => {
                        return Err(Failure::Transport(TransportError::new(TransportKind::Other, e)));
                    }
                    // An error status's excerpt keeps what arrived: the status already says
                    // what went wrong.
                    Some(Err(_)) => break,
                }
            }
        }
        let body = if ended { sink.finish()? } else { sink.partial() };
        if ended {
            self.checkin(origin, connection);
        }
        Ok(Reply {
            status: parts.status,
            headers: parts.headers,
            body,
        })
    }

    /// The most recently used idle connection to `origin` that is still open and not too old.
    fn checkout(&self, origin: &Origin) -> Option<Connection> {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        let waiting = idle.get_mut(origin)?;
        while let Some(Idle { mut connection, since }) = waiting.pop() {
            let expired = self.settings.idle_timeout.is_some_and(|t| since.elapsed() > t);
            if !expired && connection.still_open() {
                return Some(connection);
            }
        }
        None
    }

    fn checkin(&self, origin: &Origin, mut connection: Connection) {
        if self.settings.max_idle_per_origin == 0 || !connection.still_open() {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        let waiting = idle.entry(origin.clone()).or_default();
        if let Some(timeout) = self.settings.idle_timeout {
            waiting.retain(|idle| idle.since.elapsed() <= timeout);
        }
        if waiting.len() < self.settings.max_idle_per_origin {
            waiting.push(Idle {
                connection,
                since: Instant::now(),
            });
        }
    }
}

/// The request target a forwarding proxy needs: `http://host[:port]/` (the port only when not
/// 80, as the origin's URL is written).
fn absolute_form(origin: &Origin) -> Result<Uri, Failure> {
    let host = origin.uri_host();
    let text = match origin.port {
        80 => format!("http://{host}/"),
        port => format!("http://{host}:{port}/"),
    };
    text.parse()
        .map_err(|e| Failure::Config(format!("`{text}` cannot be a request target: {e}")))
}

impl Connection {
    async fn send(&mut self, request: Request<Full<Bytes>>) -> Sent {
        if let Err(e) = self.driver.drive(self.sender.ready()).await {
            return Sent::Returned(request, e);
        }
        match self.driver.drive(self.sender.try_send_request(request)).await {
            Ok(response) => Sent::Response(response),
            Err(mut e) => match e.take_message() {
                Some(request) => Sent::Returned(request, e.into_error()),
                None => Sent::Failed(e.into_error()),
            },
        }
    }

    /// Lets the connection take in what arrived while nobody polled it (the server's close,
    /// say) and says whether it can take a request.
    fn still_open(&mut self) -> bool {
        if self.driver.finished {
            return false;
        }
        let mut cx = Context::from_waker(noop_waker());
        if self.driver.connection.as_mut().poll(&mut cx).is_ready() {
            self.driver.finished = true;
            return false;
        }
        !self.sender.is_closed()
    }
}

impl Driver {
    /// Awaits `future` while driving the connection it depends on. When the connection
    /// finishes first, hyper hands the outcome (closed, or its error) to the pending request
    /// or body, so `future` still completes.
    async fn drive<F: Future>(&mut self, future: F) -> F::Output {
        let mut future = std::pin::pin!(future);
        std::future::poll_fn(|cx| {
            if !self.finished && self.connection.as_mut().poll(cx).is_ready() {
                self.finished = true;
            }
            future.as_mut().poll(cx)
        })
        .await
    }
}

/// A waker that does nothing, to poll an idle connection once from outside any task.
fn noop_waker() -> &'static Waker {
    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }
    static WAKER: OnceLock<Waker> = OnceLock::new();
    WAKER.get_or_init(|| Waker::from(Arc::new(Noop)))
}
