//! A keep-alive HTTP/1.1 server on 127.0.0.1 whose answer to each request is chosen by the test,
//! including broken ones, and which records what it received. Stopped when dropped.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

use crate::support::Received;

/// How the server answers one request.
pub enum Reply {
    /// A complete response; the connection stays open for the next request.
    Status(u16, String),
    /// Announces the whole body's length, sends half of it, then closes.
    CutBody(String),
    /// Never answers (the connection is held at most 30 s).
    Stall,
    /// Closes the connection without answering.
    Close,
    /// A complete response with extra header lines (`Name: value`) and a raw body.
    Full {
        status: u16,
        headers: Vec<String>,
        body: Vec<u8>,
    },
    /// A complete response (no `Connection: close`), after which the server closes the
    /// connection, as a server does with connections it keeps idle no longer.
    ThenClose(u16, String),
    /// A complete response whose body is sent chunked, in these pieces, with extra header lines.
    Chunked { headers: Vec<String>, pieces: Vec<Vec<u8>> },
    /// A response whose body never ends (chunked, or announcing `announced` bytes it keeps
    /// sending); the server counts what it manages to write until the client hangs up.
    Endless { status: u16, announced: Option<u64> },
}

type Respond = dyn Fn(usize, &Received) -> Reply + Send + Sync;

#[derive(Default)]
struct Log {
    requests: Mutex<Vec<(Instant, Received)>>,
    connections: AtomicUsize,
    /// Body bytes written by `Reply::Endless` answers.
    endless_bytes: AtomicUsize,
}

pub struct Server {
    pub endpoint: String,
    log: Arc<Log>,
    accept: JoinHandle<()>,
}

impl Server {
    /// Answers request `n` (0-based, in arrival order) with `respond(n, &request)`.
    pub async fn start(respond: impl Fn(usize, &Received) -> Reply + Send + Sync + 'static) -> Server {
        Self::spawn(Some(Arc::new(respond))).await
    }

    /// Accepts each connection and drops it at once, without reading.
    pub async fn drop_connections() -> Server {
        Self::spawn(None).await
    }

    async fn spawn(respond: Option<Arc<Respond>>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = format!("http://{}/", listener.local_addr().unwrap());
        let log = Arc::new(Log::default());
        let accept = tokio::spawn({
            let log = Arc::clone(&log);
            async move {
                // Owned here so that aborting the accept loop also ends every connection.
                let mut connections = JoinSet::new();
                loop {
                    let Ok((socket, _)) = listener.accept().await else {
                        continue;
                    };
                    log.connections.fetch_add(1, Ordering::SeqCst);
                    if let Some(respond) = &respond {
                        connections.spawn(serve(socket, Arc::clone(respond), Arc::clone(&log)));
                    }
                    while connections.try_join_next().is_some() {}
                }
            }
        });
        Server { endpoint, log, accept }
    }

    /// Requests received so far, in arrival order.
    pub fn requests(&self) -> Vec<Received> {
        self.timed_requests().into_iter().map(|(_, r)| r).collect()
    }

    /// Requests received so far with their arrival times, in arrival order.
    pub fn timed_requests(&self) -> Vec<(Instant, Received)> {
        let requests = self.log.requests.lock().unwrap();
        requests
            .iter()
            .map(|(at, r)| {
                let copy = Received {
                    method: r.method.clone(),
                    path: r.path.clone(),
                    headers: r.headers.clone(),
                    body: r.body.clone(),
                };
                (*at, copy)
            })
            .collect()
    }

    pub fn request_count(&self) -> usize {
        self.log.requests.lock().unwrap().len()
    }

    pub fn connection_count(&self) -> usize {
        self.log.connections.load(Ordering::SeqCst)
    }

    /// Body bytes written so far by [`Reply::Endless`] answers.
    pub fn endless_bytes(&self) -> usize {
        self.log.endless_bytes.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

async fn serve(mut socket: TcpStream, respond: Arc<Respond>, log: Arc<Log>) {
    let mut buf = Vec::new();
    while let Some(request) = read_request(&mut socket, &mut buf).await {
        let reply = {
            let mut requests = log.requests.lock().unwrap();
            let reply = respond(requests.len(), &request);
            requests.push((Instant::now(), request));
            reply
        };
        match reply {
            Reply::Status(status, body) => {
                let head = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                );
                if socket.write_all(head.as_bytes()).await.is_err() || socket.write_all(body.as_bytes()).await.is_err()
                {
                    return;
                }
            }
            Reply::CutBody(body) => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&body.as_bytes()[..body.len() / 2]).await;
                let _ = socket.shutdown().await;
                return;
            }
            Reply::ThenClose(status, body) => {
                let response = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(response.as_bytes()).await;
                let _ = socket.shutdown().await;
                return;
            }
            Reply::Chunked { headers, pieces } => {
                let mut response = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n".to_vec();
                for line in headers {
                    response.extend_from_slice(line.as_bytes());
                    response.extend_from_slice(b"\r\n");
                }
                response.extend_from_slice(b"\r\n");
                for piece in pieces {
                    response.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
                    response.extend_from_slice(&piece);
                    response.extend_from_slice(b"\r\n");
                }
                response.extend_from_slice(b"0\r\n\r\n");
                if socket.write_all(&response).await.is_err() {
                    return;
                }
            }
            Reply::Stall => {
                tokio::time::sleep(Duration::from_secs(30)).await;
                return;
            }
            Reply::Close => return,
            Reply::Full { status, headers, body } => {
                let mut head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\n", body.len());
                for line in headers {
                    head.push_str(&line);
                    head.push_str("\r\n");
                }
                head.push_str("\r\n");
                if socket.write_all(head.as_bytes()).await.is_err() || socket.write_all(&body).await.is_err() {
                    return;
                }
            }
            Reply::Endless { status, announced } => {
                let framing = match announced {
                    Some(n) => format!("Content-Length: {n}"),
                    None => "Transfer-Encoding: chunked".to_owned(),
                };
                let head = format!("HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n{framing}\r\n\r\n");
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let piece = vec![b' '; 64 * 1024];
                let mut chunk = piece.clone();
                if announced.is_none() {
                    chunk = format!("{:x}\r\n", piece.len()).into_bytes();
                    chunk.extend_from_slice(&piece);
                    chunk.extend_from_slice(b"\r\n");
                }
                // Up to 4 GiB, which no test may read whole.
                for _ in 0..65_536 {
                    if socket.write_all(&chunk).await.is_err() {
                        return;
                    }
                    log.endless_bytes.fetch_add(piece.len(), Ordering::SeqCst);
                }
                return;
            }
        }
    }
}

/// The next request on a keep-alive connection; `None` once the client closes it. `buf` keeps
/// bytes read past the end of this request.
async fn read_request(socket: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Received> {
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        read_more(socket, buf).await?;
    };
    let (method, path, headers, length) = crate::support::parse_head(&buf[..head_end]);
    let body_start = head_end + 4;
    while buf.len() < body_start + length {
        read_more(socket, buf).await?;
    }
    let body = buf[body_start..body_start + length].to_vec();
    buf.drain(..body_start + length);
    Some(Received {
        method,
        path,
        headers,
        body,
    })
}

async fn read_more(socket: &mut TcpStream, buf: &mut Vec<u8>) -> Option<()> {
    let mut chunk = [0u8; 8192];
    match socket.read(&mut chunk).await {
        Ok(0) | Err(_) => None,
        Ok(n) => {
            buf.extend_from_slice(&chunk[..n]);
            Some(())
        }
    }
}
