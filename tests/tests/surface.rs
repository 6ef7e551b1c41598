//! The generated API as a user writes against it, against a local server that answers by the
//! request: setters, paginators, waiters, timestamps.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tencentcloud_runtime::waiter::{WaitError, WaiterConfig};
use tencentcloud_runtime::{Client as RuntimeClient, Credentials, RetryPolicy};
use tencentcloud_sdk_dts::v20211206::{Client, DescribeSyncJobsRequest};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A keep-alive server answering each request's `(action, body)` with `respond`; keeps the
/// request bodies it received.
struct Server {
    endpoint: String,
    received: Arc<Mutex<Vec<Value>>>,
}

impl Server {
    async fn start(respond: impl Fn(usize, &str, &Value) -> Value + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = format!("http://{}/", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let respond = Arc::new(respond);
        let count = Arc::new(AtomicUsize::new(0));
        let log = Arc::clone(&received);
        tokio::spawn(async move {
            loop {
                let (socket, _) = listener.accept().await.unwrap();
                let (respond, log, count) = (Arc::clone(&respond), Arc::clone(&log), Arc::clone(&count));
                tokio::spawn(async move {
                    serve(socket, |action, body| {
                        log.lock().unwrap().push(body.clone());
                        respond(count.fetch_add(1, Ordering::SeqCst), action, body)
                    })
                    .await
                });
            }
        });
        Server { endpoint, received }
    }

    fn bodies(&self) -> Vec<Value> {
        self.received.lock().unwrap().clone()
    }
}

async fn serve(mut socket: TcpStream, respond: impl Fn(&str, &Value) -> Value) {
    let mut buffer = Vec::new();
    loop {
        let head_end = loop {
            if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at;
            }
            let mut chunk = [0u8; 4096];
            match socket.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
        let header = |name: &str| {
            head.lines()
                .find_map(|l| l.strip_prefix(&format!("{name}:")).map(|v| v.trim().to_owned()))
        };
        let length: usize = header("content-length").map_or(0, |v| v.parse().unwrap());
        let action = header("x-tc-action").unwrap_or_default();
        while buffer.len() < head_end + 4 + length {
            let mut chunk = [0u8; 4096];
            match socket.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
        let body: Value = serde_json::from_slice(&buffer[head_end + 4..head_end + 4 + length]).unwrap();
        buffer.drain(..head_end + 4 + length);
        let reply = respond(&action, &body).to_string();
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{reply}",
            reply.len()
        );
        if socket.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

fn client(endpoint: &str) -> Client {
    let runtime = RuntimeClient::builder()
        .credentials(Credentials::new("AKIDsurface", "surface-key"))
        .endpoint(endpoint)
        .timeout(Duration::from_secs(10))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    Client::new(runtime)
}

fn job(id: u64, status: &str) -> Value {
    json!({"JobId": format!("sync-{id}"), "Status": status, "TradeStatus": "Normal"})
}

/// A listing of 5 sync jobs, served `Limit` at a time from `Offset`.
fn five_jobs(offset: u64, limit: u64) -> Value {
    let jobs: Vec<Value> = (offset..5.min(offset + limit)).map(|i| job(i, "Running")).collect();
    json!({"Response": {"TotalCount": 5, "JobList": jobs, "RequestId": "r"}})
}

#[tokio::test]
async fn setters_build_requests_that_read_like_the_docs() {
    let request = DescribeSyncJobsRequest::new()
        .limit(2)
        .status(["Running", "Stopped"])
        .job_name("nightly");
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"Limit": 2, "Status": ["Running", "Stopped"], "JobName": "nightly"})
    );
}

#[tokio::test]
async fn a_paginator_walks_three_pages() {
    let server = Server::start(|_, _, body| {
        let offset = body["Offset"].as_u64().unwrap_or(0);
        five_jobs(offset, body["Limit"].as_u64().unwrap())
    })
    .await;
    let dts = client(&server.endpoint);
    let request = DescribeSyncJobsRequest::new().limit(2);

    let mut items = dts.describe_sync_jobs_pages(&request).items();
    let mut ids = Vec::new();
    while let Some(job) = items.next().await {
        ids.push(job.unwrap().job_id);
    }
    assert_eq!(ids, ["sync-0", "sync-1", "sync-2", "sync-3", "sync-4"]);
    let offsets: Vec<Value> = server.bodies().iter().map(|b| b["Offset"].clone()).collect();
    assert_eq!(offsets, [Value::Null, json!(2), json!(4)], "stops at the total");

    let mut pages = dts.describe_sync_jobs_pages(&request);
    let mut sizes = Vec::new();
    while let Some(page) = pages.next().await {
        sizes.push(page.unwrap().job_list.unwrap().len());
    }
    assert_eq!(sizes, [2, 2, 1]);
}

#[tokio::test]
async fn a_failed_page_ends_the_stream_after_the_items_before_it() {
    let server = Server::start(|_, _, body| match body["Offset"].as_u64() {
        Some(4) => json!({"Response": {"Error": {"Code": "InternalError", "Message": "boom"}, "RequestId": "r"}}),
        offset => five_jobs(offset.unwrap_or(0), 2),
    })
    .await;
    let dts = client(&server.endpoint);
    let mut items = dts
        .describe_sync_jobs_pages(&DescribeSyncJobsRequest::new().limit(2))
        .items();
    let mut seen = Vec::new();
    while let Some(item) = items.next().await {
        seen.push(item.map(|job| job.job_id).map_err(|e| e.to_string()));
    }
    assert_eq!(seen.len(), 5);
    assert!(seen[..4].iter().all(Result::is_ok));
    assert!(seen[4].as_ref().unwrap_err().contains("InternalError"), "{seen:?}");
}

fn quick() -> WaiterConfig {
    WaiterConfig {
        min_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        timeout: Duration::from_secs(5),
    }
}

#[tokio::test]
async fn a_waiter_polls_until_the_state_is_reached() {
    let server = Server::start(|n, _, _| {
        let status = if n < 2 { "Checking" } else { "Running" };
        json!({"Response": {"TotalCount": 1, "JobList": [job(1, status)], "RequestId": "r"}})
    })
    .await;
    let dts = client(&server.endpoint);
    let request = DescribeSyncJobsRequest::new().job_id("sync-1");
    let running = dts.wait_until_sync_job_running(&request, quick()).await.unwrap();
    assert_eq!(running.job_list.unwrap()[0].status.as_str(), "Running");
    assert_eq!(server.bodies().len(), 3);
}

#[tokio::test]
async fn a_waiter_fails_early_and_times_out_with_the_last_response() {
    let server = Server::start(
        |_, _, _| json!({"Response": {"TotalCount": 1, "JobList": [job(1, "Failed")], "RequestId": "r"}}),
    )
    .await;
    let dts = client(&server.endpoint);
    let request = DescribeSyncJobsRequest::new();
    match dts.wait_until_sync_job_running(&request, quick()).await {
        Err(WaitError::Failed { state, .. }) => assert_eq!(state, "Failed"),
        other => panic!("expected a failure state, got {other:?}"),
    }
    assert_eq!(server.bodies().len(), 1, "a failure state ends waiting at once");

    let server = Server::start(
        |_, _, _| json!({"Response": {"TotalCount": 1, "JobList": [job(1, "Checking")], "RequestId": "r"}}),
    )
    .await;
    let dts = client(&server.endpoint);
    let config = WaiterConfig {
        timeout: Duration::from_millis(100),
        ..quick()
    };
    match dts.wait_until_sync_job_running(&request, config).await {
        Err(WaitError::Timeout { last, .. }) => {
            assert_eq!(last.job_list.unwrap()[0].status.as_str(), "Checking")
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(server.bodies().len() >= 3);
}

#[tokio::test]
async fn values_the_sdk_does_not_list_round_trip() {
    use tencentcloud_sdk_dts::v20211206::SyncJobStatus;
    let server = Server::start(
        |_, _, _| json!({"Response": {"TotalCount": 1, "JobList": [job(1, "BrandNewState")], "RequestId": "r"}}),
    )
    .await;
    let dts = client(&server.endpoint);
    let response = dts.describe_sync_jobs(&DescribeSyncJobsRequest::new()).await.unwrap();
    let job = &response.job_list.as_ref().unwrap()[0];
    assert_eq!(job.status, SyncJobStatus::Unknown("BrandNewState".into()));
    assert_eq!(job.status.as_str(), "BrandNewState");
    let back = serde_json::to_value(job).unwrap();
    assert_eq!(back["Status"], "BrandNewState");
    // Listed values map to their variant whichever way they are built.
    assert_eq!(SyncJobStatus::from("Running"), SyncJobStatus::Running);
    assert_eq!("Running".parse::<SyncJobStatus>().unwrap().to_string(), "Running");
}

#[tokio::test]
async fn timestamps_keep_the_text_and_convert_on_request() {
    let server = Server::start(|_, _, _| {
        let mut first = job(1, "Running");
        first["StartTime"] = json!("2023-12-18 20:55:27");
        let mut second = job(2, "Running");
        second["StartTime"] = json!("0000-00-00 00:00:00");
        json!({"Response": {"TotalCount": 2, "JobList": [first, second], "RequestId": "r"}})
    })
    .await;
    let dts = client(&server.endpoint);
    let response = dts.describe_sync_jobs(&DescribeSyncJobsRequest::new()).await.unwrap();
    let jobs = response.job_list.unwrap();
    let started = jobs[0].start_time.to_offset_date_time().unwrap();
    assert_eq!(started.unix_timestamp(), 1_702_904_127);
    assert_eq!(jobs[1].start_time.as_str(), "0000-00-00 00:00:00");
    assert!(jobs[1].start_time.to_offset_date_time().is_err());
}
