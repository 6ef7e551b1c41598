//! Retries and the typed outcome of broken exchanges, against local servers that count the
//! attempts they saw.

#[allow(dead_code)]
mod capture;
#[allow(dead_code)]
mod local_server;
#[allow(dead_code)]
mod support;

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use local_server::{Reply, Server};
use serde::Deserialize;
use support::expected_authorization;
use tencentcloud_runtime::credentials::{CredentialsFuture, ProvideCredentials};
use tencentcloud_runtime::{ActionInfo, Client, Credentials, Error, ErrorCode, RetryPolicy, ServiceInfo, UnknownCode};

static DTS: ServiceInfo = ServiceInfo {
    name: "dts",
    version: "2021-12-06",
};
static READ: ActionInfo = ActionInfo::new("DescribeMigrationJobs").read_only().with_rate_limit(20);
static WRITE: ActionInfo = ActionInfo::new("CreateMigrationService").with_rate_limit(20);

const KEY: &str = "TmpGu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const TOKEN: &str = "EXAMPLETOKENabcdefghijklmnopqrstuvwxyz0123456789";
const OK: &str = r#"{"Response":{"TotalCount":7,"RequestId":"req-ok"}}"#;

#[derive(Debug, Deserialize, PartialEq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct Output {
    total_count: u32,
    /// As in generated responses: absent means empty.
    #[serde(default)]
    request_id: String,
}
tencentcloud_runtime::via_serde!(Output);

/// The default policy's attempts with short sleeps, so the tests stay fast.
fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        ..RetryPolicy::default()
    }
}

fn client(endpoint: &str) -> Client {
    Client::builder()
        .credentials(Credentials::new("AKIDfault", KEY))
        .endpoint(endpoint)
        .timeout(Duration::from_millis(500))
        .retry(quick_retries())
        .build()
        .unwrap()
}

async fn call(server: &Server, action: &'static ActionInfo) -> Result<Output, Error> {
    client(&server.endpoint)
        .call(&DTS, action, &serde_json::json!({"Limit": 1}))
        .await
}

fn always(reply: fn() -> Reply) -> impl Fn(usize, &support::Received) -> Reply + Send + Sync + 'static {
    move |_, _| reply()
}

fn status(code: u16, body: &str) -> Reply {
    Reply::Status(code, body.to_owned())
}

/// A provider handing out a new key pair on every request, as a rotating source would.
#[derive(Debug, Default)]
struct Rotating(AtomicU64);

impl Rotating {
    fn nth(n: u64) -> (String, String) {
        (format!("AKIDrotating{n}"), format!("{KEY}{n}"))
    }
}

impl ProvideCredentials for Rotating {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let (id, key) = Rotating::nth(self.0.fetch_add(1, Ordering::SeqCst));
        Box::pin(async move { Ok(Credentials::new(id, key).with_token(TOKEN)) })
    }
}

#[tokio::test]
async fn read_only_5xx_is_retried_and_every_attempt_is_signed_afresh() {
    let capture = capture::start();
    let server = Server::start(|n, _| if n < 2 { status(503, "busy") } else { status(200, OK) }).await;
    let tick = Arc::new(AtomicU64::new(0));
    let clock = {
        let tick = Arc::clone(&tick);
        move || UNIX_EPOCH + Duration::from_secs(1_700_000_000 + tick.fetch_add(1, Ordering::SeqCst))
    };
    let client = Client::builder()
        .credentials_provider(Rotating::default())
        .endpoint(&server.endpoint)
        .clock(clock)
        .retry(quick_retries())
        .build()
        .unwrap();
    let output: Output = client
        .call::<_, _, UnknownCode>(&DTS, &READ, &serde_json::json!({}))
        .await
        .unwrap();
    assert_eq!(output.total_count, 7);

    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for (n, r) in (0..).zip(&requests) {
        let (id, key) = Rotating::nth(n);
        assert_eq!(
            r.header("x-tc-timestamp"),
            Some((1_700_000_000 + n).to_string().as_str())
        );
        assert_eq!(
            r.header("authorization"),
            Some(expected_authorization(r, "dts", &id, &key).as_str())
        );
    }

    let retries = capture.events("retrying");
    assert_eq!(retries.len(), 2);
    for (attempt, event) in (1..).zip(&retries) {
        assert_eq!(event.level, tracing::Level::INFO);
        assert_eq!(event.field("action"), Some("DescribeMigrationJobs"));
        assert_eq!(event.field("attempt"), Some(attempt.to_string().as_str()));
        assert_eq!(event.field("reason"), Some("HTTP status 503"));
        let delay: u64 = event.field("delay_ms").unwrap().parse().unwrap();
        assert!(delay <= 20, "{delay}");
    }
    for value in capture.all_values() {
        assert!(!value.contains(KEY) && !value.contains(TOKEN), "secret logged: {value}");
    }
}

#[tokio::test]
async fn read_only_5xx_gives_up_after_max_attempts() {
    let server = Server::start(always(|| status(502, "<html>bad gateway</html>"))).await;
    let err = call(&server, &READ).await.unwrap_err();
    assert_eq!(server.request_count(), 3);
    assert_eq!(err.attempts(), 3);
    match &err {
        Error::Retried { attempts: 3, last } => assert!(
            matches!(**last, Error::Http { status: 502, ref body_excerpt, .. } if body_excerpt == "<html>bad gateway</html>"),
            "{last:?}"
        ),
        other => panic!("expected Error::Retried, got {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "DescribeMigrationJobs: HTTP status 502: <html>bad gateway</html> (after 3 attempts)"
    );
}

#[tokio::test]
async fn retries_can_be_disabled() {
    let server = Server::start(always(|| status(503, "busy"))).await;
    let client = Client::builder()
        .credentials(Credentials::new("AKIDfault", KEY))
        .endpoint(&server.endpoint)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let err = client
        .call::<_, Output, UnknownCode>(&DTS, &READ, &serde_json::json!({}))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Http { status: 503, .. }), "{err:?}");
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn write_5xx_is_not_retried() {
    let server = Server::start(always(|| status(500, "oops"))).await;
    let err = call(&server, &WRITE).await.unwrap_err();
    assert!(matches!(err, Error::Http { status: 500, .. }), "{err:?}");
    assert_eq!((server.request_count(), err.attempts()), (1, 1));
}

/// A body shorter than its Content-Length is a transport error: the bytes never arrived, and
/// `Decode` is kept for complete bodies that do not parse.
#[tokio::test]
async fn truncated_body_is_a_transport_error_retried_only_for_reads() {
    let server = Server::start(always(|| Reply::CutBody(OK.to_owned()))).await;
    let err = call(&server, &READ).await.unwrap_err();
    assert!(
        matches!(&err, Error::Retried { attempts: 3, last } if matches!(**last, Error::Transport { .. })),
        "{err:?}"
    );
    assert_eq!(server.request_count(), 3);

    let server = Server::start(always(|| Reply::CutBody(OK.to_owned()))).await;
    let err = call(&server, &WRITE).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn stalled_response_times_out_and_only_reads_retry() {
    let server = Server::start(always(|| Reply::Stall)).await;
    let err = call(&server, &READ).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        matches!(&err, Error::Retried { attempts: 3, last } if matches!(**last, Error::Timeout { .. })),
        "{err:?}"
    );
    assert_eq!(server.request_count(), 3);

    let server = Server::start(always(|| Reply::Stall)).await;
    let err = call(&server, &WRITE).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                action: "CreateMigrationService"
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn reset_connection_is_a_transport_error_retried_only_for_reads() {
    // Accepted, then dropped unread.
    let server = Server::drop_connections().await;
    let err = call(&server, &READ).await.unwrap_err();
    assert!(
        matches!(&err, Error::Retried { attempts: 3, last } if matches!(**last, Error::Transport { .. })),
        "{err:?}"
    );
    assert_eq!(server.connection_count(), 3);

    // A write is repeated only when the client saw the connection close before it wrote the
    // request (then nothing was sent: a connect failure); once written, it is not.
    let server = Server::drop_connections().await;
    match call(&server, &WRITE).await.unwrap_err() {
        Error::Retried { attempts, last } => {
            assert!(
                matches!(&*last, Error::Transport { source, .. } if source.is_connect()),
                "{last:?}"
            );
            assert_eq!(server.connection_count(), attempts as usize);
        }
        err @ Error::Transport { .. } => {
            assert_eq!(server.connection_count(), 1, "{err:?}");
        }
        err => panic!("expected a transport error, got {err:?}"),
    }

    // Read completely, then closed unanswered: the write may have run, so it is not repeated.
    let server = Server::start(always(|| Reply::Close)).await;
    let err = call(&server, &WRITE).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn throttling_is_retried_for_any_action() {
    const THROTTLED: &str =
        r#"{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"slow down"},"RequestId":"r"}}"#;
    let server = Server::start(|n, _| if n < 2 { status(200, THROTTLED) } else { status(200, OK) }).await;
    let output = call(&server, &WRITE).await.unwrap();
    assert_eq!(output.total_count, 7);
    assert_eq!(server.request_count(), 3);

    const SUBCODE: &str =
        r#"{"Response":{"Error":{"Code":"RequestLimitExceeded.UinLimitExceeded","Message":"m"},"RequestId":"r3"}}"#;
    let server = Server::start(always(|| status(200, SUBCODE))).await;
    let err = call(&server, &WRITE).await.unwrap_err();
    assert_eq!(server.request_count(), 3);
    assert_eq!(err.attempts(), 3);
    assert_eq!(
        err.code().map(ErrorCode::as_code),
        Some("RequestLimitExceeded.UinLimitExceeded")
    );
    assert_eq!(err.request_id(), Some("r3"));
}

/// A generated-style error-code enum.
#[derive(Debug, Clone, PartialEq)]
enum DtsCode {
    JobNotFound,
    Unknown(String),
}

impl ErrorCode for DtsCode {
    fn from_code(code: &str) -> Self {
        match code {
            "ResourceNotFound.JobNotFound" => DtsCode::JobNotFound,
            other => DtsCode::Unknown(other.to_owned()),
        }
    }
    fn as_code(&self) -> &str {
        match self {
            DtsCode::JobNotFound => "ResourceNotFound.JobNotFound",
            DtsCode::Unknown(code) => code,
        }
    }
}

impl fmt::Display for DtsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_code())
    }
}

#[tokio::test]
async fn documented_error_code_is_a_typed_api_error_without_retry() {
    let server = Server::start(always(|| {
        status(
            200,
            r#"{"Response":{"Error":{"Code":"ResourceNotFound.JobNotFound","Message":"no job"},"RequestId":"r-404"}}"#,
        )
    }))
    .await;
    let err = client(&server.endpoint)
        .call::<_, Output, DtsCode>(&DTS, &READ, &serde_json::json!({}))
        .await
        .unwrap_err();
    match &err {
        Error::Api(api) => {
            assert_eq!(api.code, DtsCode::JobNotFound);
            assert_eq!((api.message.as_str(), api.request_id.as_str()), ("no job", "r-404"));
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
    assert_eq!((server.request_count(), err.attempts()), (1, 1));
}

/// `RequestId` is optional in the envelope: a result without one is accepted, and whether the
/// output needs it is up to its type (generated responses default it to empty).
#[tokio::test]
async fn missing_request_id_is_accepted() {
    let server = Server::start(always(|| status(200, r#"{"Response":{"TotalCount":2}}"#))).await;
    let output = call(&server, &READ).await.unwrap();
    assert_eq!(
        output,
        Output {
            total_count: 2,
            request_id: String::new()
        }
    );
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn ten_megabyte_response_decodes() {
    #[derive(Deserialize, serde::Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Big {
        items: Vec<String>,
        request_id: String,
    }
    tencentcloud_runtime::via_serde!(Big);
    let item = "x".repeat(1000);
    let items: Vec<&str> = vec![item.as_str(); 10_000];
    let body = serde_json::json!({"Response": {"Items": items, "RequestId": "big"}}).to_string();
    assert!(body.len() > 10_000_000);
    let server = Server::start(move |_, _| Reply::Status(200, body.clone())).await;
    let client = Client::builder()
        .credentials(Credentials::new("AKIDfault", KEY))
        .endpoint(&server.endpoint)
        .build()
        .unwrap();
    let big: Big = client
        .call::<_, _, UnknownCode>(&DTS, &READ, &serde_json::json!({}))
        .await
        .unwrap();
    assert_eq!((big.items.len(), big.request_id.as_str()), (10_000, "big"));
    assert!(big.items.iter().all(|i| *i == item));
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn refused_connection_is_retried_even_for_writes() {
    let capture = capture::start();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}/", listener.local_addr().unwrap());
    drop(listener);
    let err = client(&endpoint)
        .call::<_, Output, UnknownCode>(&DTS, &WRITE, &serde_json::json!({}))
        .await
        .unwrap_err();
    match &err {
        Error::Retried { attempts: 3, last } => match &**last {
            Error::Transport { source, .. } => assert!(source.is_connect(), "{source:?}"),
            other => panic!("expected Error::Transport, got {other:?}"),
        },
        other => panic!("expected Error::Retried, got {other:?}"),
    }
    let retries = capture.events("retrying");
    let reasons: Vec<_> = retries.iter().map(|e| e.field("reason").unwrap()).collect();
    assert_eq!(reasons, ["connection not established"; 2]);
    assert_eq!(retries[0].field("action"), Some("CreateMigrationService"));
}

/// A listener whose accept queue is full drops new SYNs, so connecting times out: the request
/// was never sent, and even a write is retried.
#[tokio::test]
async fn connect_timeout_is_retried_even_for_writes() {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let address = listener.local_addr().unwrap();
    // Fill the queue: connections complete until it is full, then one hangs.
    let mut held = Vec::new();
    loop {
        match tokio::time::timeout(Duration::from_millis(200), tokio::net::TcpStream::connect(address)).await {
            Ok(stream) => held.push(stream.unwrap()),
            Err(_) => break,
        }
        assert!(held.len() < 64, "the accept queue never filled up");
    }
    let client = Client::builder()
        .credentials(Credentials::new("AKIDfault", KEY))
        .endpoint(format!("http://{address}/"))
        .connect_timeout(Duration::from_millis(200))
        .retry(quick_retries())
        .build()
        .unwrap();
    let err = client
        .call::<_, Output, UnknownCode>(&DTS, &WRITE, &serde_json::json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Retried { attempts: 3, last } if last.is_timeout()),
        "{err:?}"
    );
}
