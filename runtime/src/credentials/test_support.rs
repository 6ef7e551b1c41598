//! Test doubles: a scripted metadata service on 127.0.0.1 that counts requests, a settable clock
//! and a log capture.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub(crate) const ROLE: &str = "demo-role";
/// Unix seconds the test clocks start at.
pub(crate) const START: u64 = 1_700_000_000;

/// How the server answers `{base}` (the role name) and `{base}{role}` (the credentials).
#[derive(Clone)]
pub(crate) struct Script {
    pub(crate) role: (u16, String),
    pub(crate) credentials: (u16, String),
    /// Wait before answering, so concurrent callers overlap.
    pub(crate) delay: Duration,
}

impl Script {
    /// The role and credentials `key`/`token` expiring at `expires`.
    pub(crate) fn ok(key: &str, token: &str, expires: u64) -> Self {
        Script {
            role: (200, ROLE.to_owned()),
            credentials: (200, credentials_json(key, token, expires)),
            delay: Duration::from_millis(50),
        }
    }
}

pub(crate) fn credentials_json(key: &str, token: &str, expires: u64) -> String {
    format!(
        r#"{{"TmpSecretId":"AKIDtmp","TmpSecretKey":"{key}","Token":"{token}","ExpiredTime":{expires},"Expiration":"2023-11-14T23:13:20Z","Code":"Success"}}"#
    )
}

pub(crate) struct MetadataServer {
    /// Ends with `/`, as the real one does.
    pub(crate) base: String,
    script: Arc<Mutex<Script>>,
    paths: Arc<Mutex<Vec<String>>>,
    task: JoinHandle<()>,
}

impl MetadataServer {
    pub(crate) async fn start(script: Script) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}/meta/", listener.local_addr().unwrap());
        let script = Arc::new(Mutex::new(script));
        let paths = Arc::new(Mutex::new(Vec::new()));
        let (s, p) = (script.clone(), paths.clone());
        let task = tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let (script, paths) = (s.clone(), p.clone());
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                        let mut chunk = [0u8; 1024];
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&chunk[..n]),
                        }
                    }
                    let head = String::from_utf8_lossy(&head);
                    let path = head.split(' ').nth(1).unwrap_or_default().to_owned();
                    paths.lock().unwrap().push(path.clone());
                    let script = script.lock().unwrap().clone();
                    tokio::time::sleep(script.delay).await;
                    let (status, body) = if path == "/meta/" {
                        script.role
                    } else {
                        script.credentials
                    };
                    let response = format!(
                        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = socket.write_all(response.as_bytes()).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        MetadataServer {
            base,
            script,
            paths,
            task,
        }
    }

    pub(crate) fn set(&self, script: Script) {
        *self.script.lock().unwrap() = script;
    }

    pub(crate) fn hits(&self) -> usize {
        self.paths.lock().unwrap().len()
    }

    pub(crate) fn paths(&self) -> Vec<String> {
        self.paths.lock().unwrap().clone()
    }
}

impl Drop for MetadataServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A base URL on a port nothing listens on: connecting is refused at once.
pub(crate) fn closed_base() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/meta/", listener.local_addr().unwrap());
    drop(listener);
    base
}

/// A clock tests move forward by hand.
#[derive(Clone)]
pub(crate) struct TestClock(Arc<AtomicU64>);

impl TestClock {
    pub(crate) fn new() -> Self {
        TestClock(Arc::new(AtomicU64::new(START)))
    }

    pub(crate) fn set(&self, unix_seconds: u64) {
        self.0.store(unix_seconds, Ordering::SeqCst);
    }

    pub(crate) fn now_fn(&self) -> impl Fn() -> SystemTime + Send + Sync + 'static {
        let secs = self.0.clone();
        move || UNIX_EPOCH + Duration::from_secs(secs.load(Ordering::SeqCst))
    }
}

/// Everything logged (every level) on this thread while the guard lives.
pub(crate) struct LogCapture {
    buffer: Arc<Mutex<Vec<u8>>>,
    _guard: tracing::subscriber::DefaultGuard,
}

impl LogCapture {
    pub(crate) fn start() -> Self {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || BufferWriter(writer.clone()))
            .finish();
        LogCapture {
            buffer,
            _guard: tracing::subscriber::set_default(subscriber),
        }
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.buffer.lock().unwrap()).into_owned()
    }
}

struct BufferWriter(Arc<Mutex<Vec<u8>>>);

impl Write for BufferWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
