//! Peak memory while a server sends an endless body: bounded by the response size limit, not
//! by what the server sends. Alone in its test binary so the process's peak RSS is its own.

#[allow(dead_code)]
mod local_server;
#[allow(dead_code)]
mod support;

use std::time::Duration;

use local_server::{Reply, Server};
use tencentcloud_runtime::{ActionInfo, Client, Credentials, Error, RetryPolicy, ServiceInfo};

static DTS: ServiceInfo = ServiceInfo {
    name: "dts",
    version: "2021-12-06",
};
static READ: ActionInfo = ActionInfo::new("DescribeSyncJobs").read_only();

/// Peak resident set size of this process (`VmHWM`), in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

#[tokio::test]
async fn an_endless_body_costs_at_most_the_limit() {
    let server = Server::start(|_, _| Reply::Endless {
        status: 200,
        announced: None,
    })
    .await;
    let client = Client::builder()
        .credentials(Credentials::new("AKIDmem", "key"))
        .endpoint(&server.endpoint)
        .timeout(Duration::from_secs(20))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let before = peak_rss();
    // The default limit, 32 MiB.
    let err = client
        .call::<_, serde_json::Value, tencentcloud_runtime::UnknownCode>(&DTS, &READ, &serde_json::json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit, .. } if limit == 32 << 20),
        "{err:?}"
    );
    let grown = peak_rss().saturating_sub(before);
    eprintln!("peak RSS grew by {} MiB reading an endless body", grown >> 20);
    assert!(grown < 96 << 20, "peak RSS grew by {} MiB", grown >> 20);
}
