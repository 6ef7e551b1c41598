//! What the client does with servers that misbehave on purpose or by accident: redirects,
//! huge or endless bodies, secrets in broken bodies, throttling with `Retry-After`, TLS
//! failures, a skewed clock, compressed bodies.

#[allow(dead_code)]
mod capture;
#[allow(dead_code)]
mod local_server;
#[allow(dead_code)]
mod support;

use std::io::Write as _;
use std::time::{Duration, Instant, SystemTime};

use local_server::{Reply, Server};
use serde::Deserialize;
use tencentcloud_runtime::{ActionInfo, Client, Credentials, Error, ErrorCode, RetryPolicy, ServiceInfo, UnknownCode};

static DTS: ServiceInfo = ServiceInfo {
    name: "dts",
    version: "2021-12-06",
};
static READ: ActionInfo = ActionInfo::new("DescribeSyncJobs").read_only();
static WRITE: ActionInfo = ActionInfo::new("CreateSyncJob");

const OK: &str = r#"{"Response":{"TotalCount":7,"RequestId":"req-ok"}}"#;

#[derive(Debug, Deserialize, PartialEq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct Output {
    total_count: u32,
    request_id: String,
}
tencentcloud_runtime::via_serde!(Output);

fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        ..RetryPolicy::default()
    }
}

fn builder(endpoint: &str) -> tencentcloud_runtime::ClientBuilder {
    Client::builder()
        .credentials(Credentials::new("AKIDhostile", "hostile-secret-key").with_token("session-token-xyz"))
        .endpoint(endpoint)
        .timeout(Duration::from_secs(10))
        .retry(quick_retries())
}

async fn call(client: &Client, action: &'static ActionInfo) -> Result<Output, Error> {
    client.call(&DTS, action, &serde_json::json!({"Limit": 1})).await
}

#[tokio::test]
async fn redirects_are_never_followed() {
    let elsewhere = Server::start(|_, _| Reply::Status(200, OK.to_owned())).await;
    let target = elsewhere.endpoint.clone();
    let redirecting = Server::start(move |_, _| Reply::Full {
        status: 307,
        headers: vec![format!("Location: {target}steal?token=abc")],
        body: Vec::new(),
    })
    .await;
    for action in [&READ, &WRITE] {
        let err = call(&builder(&redirecting.endpoint).build().unwrap(), action)
            .await
            .unwrap_err();
        let host = elsewhere.endpoint.trim_start_matches("http://").trim_end_matches('/');
        match &err {
            Error::Redirect {
                status: 307, location, ..
            } => assert_eq!(location.as_deref(), Some(host)),
            other => panic!("expected Error::Redirect, got {other:?}"),
        }
        assert_eq!(err.attempts(), 1, "a redirect is never retried");
        assert!(!err.to_string().contains("token=abc"), "{err}");
    }
    assert_eq!(redirecting.request_count(), 2);
    assert_eq!(elsewhere.connection_count(), 0, "the other host received nothing");
}

#[tokio::test]
async fn bodies_over_the_limit_fail_typed() {
    for announced in [None, Some(100 << 20)] {
        let server = Server::start(move |_, _| Reply::Endless { status: 200, announced }).await;
        let client = builder(&server.endpoint).max_response_size(1 << 20).build().unwrap();
        let started = Instant::now();
        let err = call(&client, &READ).await.unwrap_err();
        assert!(
            matches!(err, Error::ResponseTooLarge { limit, .. } if limit == 1 << 20),
            "{err:?}"
        );
        assert_eq!(err.attempts(), 1);
        assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
        // An announced length over the limit fails before reading; an endless one after ~1 MiB
        // (plus what the sockets buffer).
        assert!(server.endless_bytes() < 64 << 20, "{}", server.endless_bytes());
    }
    // A body exactly at the limit is fine.
    let server = Server::start(|_, _| Reply::Status(200, OK.to_owned())).await;
    let client = builder(&server.endpoint)
        .max_response_size(OK.len() as u64)
        .build()
        .unwrap();
    assert_eq!(call(&client, &READ).await.unwrap().total_count, 7);
    let client = builder(&server.endpoint)
        .max_response_size(OK.len() as u64 - 1)
        .build()
        .unwrap();
    assert!(matches!(
        call(&client, &READ).await,
        Err(Error::ResponseTooLarge { .. })
    ));
}

#[tokio::test]
async fn error_bodies_are_read_only_as_far_as_the_excerpt() {
    let server = Server::start(|_, _| Reply::Endless {
        status: 500,
        announced: Some(100 << 20),
    })
    .await;
    let client = builder(&server.endpoint)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let started = Instant::now();
    let err = call(&client, &WRITE).await.unwrap_err();
    match &err {
        Error::Http {
            status: 500,
            body_excerpt,
            ..
        } => assert!(body_excerpt.chars().count() <= 201, "{}", body_excerpt.len()),
        other => panic!("expected Error::Http, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    // Far less than the 100 MB announced went over the wire.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(server.endless_bytes() < 32 << 20, "{}", server.endless_bytes());
}

/// A DescribeSyncJobs result whose `StepNow` is not a number, with credentials beside it.
const BROKEN_SYNC_JOBS: &str = r#"{"Response":{"TotalCount":1,"JobList":[{"JobId":"sync-1","SrcInfos":{"Info":[{"User":"root","Password":"Src-Passw0rd!","TmpSecretId":"AKIDtmp","TmpSecretKey":"tmp-secret-key-1","TmpToken":"tmp-token-1"}]},"DstInfos":{"Info":[{"Password":"Dst-Passw0rd!"}]},"Detail":{"StepNow":"two"}}],"RequestId":"req-1"}}"#;

#[tokio::test]
async fn decode_errors_never_show_secrets() {
    #[derive(Debug, Deserialize, serde::Serialize)]
    #[allow(dead_code)]
    struct Detail {
        #[serde(rename = "StepNow")]
        step_now: u32,
    }
    tencentcloud_runtime::via_serde!(Detail);
    #[derive(Debug, Deserialize, serde::Serialize)]
    #[allow(dead_code)]
    struct Job {
        #[serde(rename = "Detail")]
        detail: Detail,
    }
    tencentcloud_runtime::via_serde!(Job);
    #[derive(Debug, Deserialize, serde::Serialize)]
    #[allow(dead_code)]
    struct Jobs {
        #[serde(rename = "JobList")]
        job_list: Vec<Job>,
    }
    tencentcloud_runtime::via_serde!(Jobs);
    const SECRETS: [&str; 5] = [
        "Src-Passw0rd!",
        "Dst-Passw0rd!",
        "tmp-secret-key-1",
        "tmp-token-1",
        "hostile-secret-key",
    ];
    let server = Server::start(|n, _| match n {
        0 => Reply::Status(200, BROKEN_SYNC_JOBS.to_owned()),
        1 => Reply::Status(200, BROKEN_SYNC_JOBS.replace("{\"Response\"", "[")),
        _ => Reply::Status(502, BROKEN_SYNC_JOBS.to_owned()),
    })
    .await;
    let client = builder(&server.endpoint)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    for _ in 0..3 {
        let err = client
            .call::<_, Jobs, UnknownCode>(&DTS, &READ, &serde_json::json!({}))
            .await
            .unwrap_err();
        let shown = format!("{err}\n{err:?}");
        for secret in SECRETS {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("<redacted>") || shown.contains("(body)"), "{shown}");
    }
}

#[tokio::test]
async fn http_429_is_throttling_and_retry_after_is_honoured() {
    let server = Server::start(|n, _| match n {
        0 => Reply::Full {
            status: 429,
            headers: vec!["Retry-After: 1".to_owned()],
            body: b"slow down".to_vec(),
        },
        _ => Reply::Status(200, OK.to_owned()),
    })
    .await;
    let client = builder(&server.endpoint).build().unwrap();
    let started = Instant::now();
    // A write is retried too: a throttled request was not run.
    assert_eq!(call(&client, &WRITE).await.unwrap().total_count, 7);
    assert!(started.elapsed() >= Duration::from_secs(1), "{:?}", started.elapsed());
    assert_eq!(server.request_count(), 2);

    let server = Server::start(|_, _| Reply::Full {
        status: 429,
        headers: vec!["Retry-After: 0".to_owned()],
        body: Vec::new(),
    })
    .await;
    let err = call(&builder(&server.endpoint).build().unwrap(), &WRITE)
        .await
        .unwrap_err();
    assert_eq!(err.code().map(ErrorCode::as_code), Some("RequestLimitExceeded"));
    assert_eq!(err.attempts(), 3);

    // A server asking for longer than the policy waits is not retried.
    let server = Server::start(|_, _| Reply::Full {
        status: 503,
        headers: vec!["Retry-After: 3600".to_owned()],
        body: Vec::new(),
    })
    .await;
    let err = call(&builder(&server.endpoint).build().unwrap(), &READ)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Http { status: 503, retry_after: Some(d), .. } if d == Duration::from_secs(3600)),
        "{err:?}"
    );
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn tls_failures_are_not_retried() {
    // A server that answers the TLS ClientHello with plain HTTP: the handshake fails.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let https = format!("https://{}/", listener.local_addr().unwrap());
    let accepted = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let server = tokio::spawn({
        let accepted = std::sync::Arc::clone(&accepted);
        async move {
            loop {
                let (mut socket, _) = listener.accept().await.unwrap();
                accepted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let _ = tokio::io::AsyncWriteExt::write_all(&mut socket, b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
            }
        }
    });
    let err = call(&builder(&https).build().unwrap(), &READ).await.unwrap_err();
    server.abort();
    assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), 1);
    match &err {
        Error::Transport { source, .. } => assert!(source.is_tls(), "{source:?}"),
        other => panic!("expected Error::Transport, got {other:?}"),
    }
    assert_eq!(err.attempts(), 1);
}

#[tokio::test]
async fn a_skewed_clock_is_corrected_from_the_server_date() {
    const SKEW: u64 = 600;
    // The server's clock runs 600 s ahead of the client's; it rejects timestamps more than 5
    // minutes off its own, as the service does, and says its time in `Date`.
    let server = Server::start(|_, request| {
        let server_now = SystemTime::now() + Duration::from_secs(SKEW);
        let server_secs = server_now.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs();
        let date = time::OffsetDateTime::from(server_now)
            .format(&time::format_description::well_known::Rfc2822)
            .unwrap()
            .replace("+0000", "GMT");
        let sent: u64 = request.header("x-tc-timestamp").unwrap().parse().unwrap();
        let body = if sent.abs_diff(server_secs) > 300 {
            r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"expired"},"RequestId":"r-exp"}}"#
        } else {
            OK
        };
        Reply::Full {
            status: 200,
            headers: vec![format!("Date: {date}"), "Content-Type: application/json".to_owned()],
            body: body.as_bytes().to_vec(),
        }
    })
    .await;
    let client = builder(&server.endpoint)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    // Even a write: an expired signature was rejected before anything ran.
    assert_eq!(call(&client, &WRITE).await.unwrap().total_count, 7);
    assert_eq!(server.request_count(), 2);
    // Later calls, from clones too, sign with the corrected clock at once.
    assert_eq!(call(&client.clone(), &READ).await.unwrap().total_count, 7);
    assert_eq!(server.request_count(), 3);
}

#[tokio::test]
async fn gzip_bodies_are_decompressed_within_the_limit() {
    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }
    let server = Server::start(|n, request| {
        assert_eq!(request.header("accept-encoding"), Some("gzip"));
        let body = if n == 0 {
            OK.as_bytes().to_vec()
        } else {
            // 64 MiB of spaces compress to ~64 KiB: a decompression bomb for a 1 MiB limit.
            vec![b' '; 64 << 20]
        };
        Reply::Full {
            status: 200,
            headers: vec![
                "Content-Encoding: gzip".to_owned(),
                "Content-Type: application/json".to_owned(),
            ],
            body: gzip(&body),
        }
    })
    .await;
    let client = builder(&server.endpoint).max_response_size(1 << 20).build().unwrap();
    assert_eq!(call(&client, &READ).await.unwrap().total_count, 7);
    assert!(matches!(
        call(&client, &READ).await,
        Err(Error::ResponseTooLarge { .. })
    ));
}
