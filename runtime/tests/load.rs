//! One client under load: many concurrent calls, and the client-side rate limit shared by clones.

#[allow(dead_code)]
mod capture;
#[allow(dead_code)]
mod local_server;
#[allow(dead_code)]
mod support;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use local_server::{Reply, Server};
use serde::Deserialize;
use support::expected_authorization;
use tencentcloud_runtime::{ActionInfo, Client, Credentials, RateLimitPolicy, RetryPolicy, ServiceInfo, UnknownCode};
use tokio::task::JoinSet;

static DTS: ServiceInfo = ServiceInfo {
    name: "dts",
    version: "2021-12-06",
};

const ID: &str = "AKIDload";
const KEY: &str = "TmpGu5t9xGARNpq86cd98joQYCN3EXAMPLE";

#[derive(Debug, Deserialize, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct Echo {
    seq: u64,
    request_id: String,
}
tencentcloud_runtime::via_serde!(Echo);

/// Echoes the request's `Seq`, so each caller can check it got its own answer.
fn echo(_: usize, request: &support::Received) -> Reply {
    match serde_json::from_slice::<serde_json::Value>(&request.body)
        .ok()
        .and_then(|input| input["Seq"].as_u64())
    {
        Some(seq) => Reply::Status(
            200,
            format!(r#"{{"Response":{{"Seq":{seq},"RequestId":"req-{seq}"}}}}"#),
        ),
        None => Reply::Status(400, "bad body".to_owned()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_through_one_client() {
    static CREATE: ActionInfo = ActionInfo::new("CreateMigrationService").with_rate_limit(20);
    const CALLS: u64 = 1000;
    let server = Server::start(echo).await;
    // No retries: every failure must surface, and each call must reach the server exactly once.
    let client = Client::builder()
        .credentials(Credentials::new(ID, KEY))
        .endpoint(&server.endpoint)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let mut calls = JoinSet::new();
    for seq in 0..CALLS {
        let client = client.clone();
        calls.spawn(async move {
            let input = serde_json::json!({"Seq": seq, "Name": format!("job-{seq}")});
            let output = client.call::<_, Echo, UnknownCode>(&DTS, &CREATE, &input).await;
            (seq, output)
        });
    }
    while let Some(joined) = calls.join_next().await {
        let (seq, output) = joined.unwrap();
        let output = output.unwrap_or_else(|e| panic!("call {seq}: {e}"));
        assert_eq!((output.seq, output.request_id), (seq, format!("req-{seq}")));
    }

    let requests = server.requests();
    assert_eq!(requests.len(), CALLS as usize);
    let mut seen = BTreeSet::new();
    for r in &requests {
        let input: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        let seq = input["Seq"].as_u64().unwrap();
        assert_eq!(input["Name"], format!("job-{seq}"));
        assert!(seen.insert(seq), "Seq {seq} sent twice");
        assert_eq!(r.header("x-tc-action"), Some("CreateMigrationService"));
        assert_eq!(
            r.header("authorization"),
            Some(expected_authorization(r, "dts", ID, KEY).as_str())
        );
    }
    assert_eq!(seen, (0..CALLS).collect());
}

/// Real time (the exact schedule is checked under paused time in `rate_limit.rs`): 25 calls
/// to a 10/s action through clones start in 3 bursts, 0 s, 1 s and 2 s after the first.
#[tokio::test]
async fn clones_share_the_documented_rate_limit() {
    static LIMITED: ActionInfo = ActionInfo::new("DescribeLimited").read_only().with_rate_limit(10);
    let capture = capture::start();
    let server = Server::start(echo).await;
    let client = Client::builder()
        .credentials(Credentials::new(ID, KEY))
        .endpoint(&server.endpoint)
        .rate_limit(RateLimitPolicy::documented())
        .build()
        .unwrap();
    let started = Instant::now();
    let mut calls = JoinSet::new();
    for seq in 0..25u64 {
        let client = client.clone();
        calls.spawn(async move {
            let input = serde_json::json!({ "Seq": seq });
            client
                .call::<_, Echo, UnknownCode>(&DTS, &LIMITED, &input)
                .await
                .unwrap()
        });
    }
    while let Some(joined) = calls.join_next().await {
        joined.unwrap();
    }
    assert!(started.elapsed() >= Duration::from_secs(2), "{:?}", started.elapsed());

    let arrivals: Vec<Instant> = server.timed_requests().into_iter().map(|(at, _)| at).collect();
    assert_eq!(arrivals.len(), 25);
    // Request i + 10 starts a full second after request i; allow for delivery jitter.
    for pair in arrivals.windows(11) {
        assert!(pair[10] - pair[0] >= Duration::from_millis(900), "{arrivals:?}");
    }

    // The caller at the head of the queue logs its sleep; those behind it may find their slot
    // already due when their turn comes.
    let waits = capture.events("waiting for the client-side rate limit");
    assert!((2..=15).contains(&waits.len()), "{}", waits.len());
    for wait in &waits {
        assert_eq!(wait.field("action"), Some("DescribeLimited"));
        let ms: u64 = wait.field("wait_ms").unwrap().parse().unwrap();
        assert!(ms <= 2000, "{ms}");
    }
}
