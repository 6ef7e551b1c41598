//! Benchmarks of the generated SDK and its runtime (criterion; `cargo bench -p sdk-tests`):
//! - decoding a large response (dts `DescribeSyncJobs` with 100 jobs) with the generated
//!   compact impls, side by side with serde's derive on the same types;
//! - serializing a large request (wedata `CreateIntegrationTask` with 100 nodes);
//! - signing one request (TC3-HMAC-SHA256);
//! - calls per second through the client against a local server.

use std::path::Path;
use std::time::{Duration, SystemTime};

use criterion::{criterion_group, BatchSize, Criterion, Throughput};
use serde_json::Value;
use tencentcloud_codegen::spec::{load_spec, Spec};
use tencentcloud_runtime::signing::{sign, SigningInput};
use tencentcloud_runtime::{Client as RuntimeClient, Credentials};
use tencentcloud_sdk_dts as dts;
use tencentcloud_sdk_wedata as wedata;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn spec(relative: &str) -> Spec {
    load_spec(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../api-specs")
            .join(relative),
    )
    .unwrap()
}

/// The longest documented example of `action` with the list at `list` repeated to `n` items.
fn grown_example(spec: &Spec, action: &str, output: bool, list: &[&str], n: usize) -> Value {
    let example = spec.actions[action]
        .examples
        .iter()
        .filter_map(|e| if output { e.output.clone() } else { e.input.clone() })
        .max_by_key(|v| v.to_string().len())
        .unwrap();
    let mut value = example;
    let mut target = &mut value;
    for key in list {
        target = &mut target[*key];
    }
    let item = target[0].clone();
    *target = Value::Array(vec![item; n]);
    value
}

/// The `Response` object of DescribeSyncJobs grown to 100 jobs: the decode benchmarks' input.
fn describe_sync_jobs_100() -> Vec<u8> {
    let body = grown_example(
        &spec("dts/2021-12-06.json"),
        "DescribeSyncJobs",
        true,
        &["Response", "JobList"],
        100,
    );
    serde_json::to_vec(&body["Response"]).unwrap()
}

fn decode(c: &mut Criterion) {
    let bytes = describe_sync_jobs_100();
    let mut group = c.benchmark_group("decode DescribeSyncJobs (100 jobs)");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("generated compact impls", |b| {
        b.iter(|| serde_json::from_slice::<dts::v20211206::DescribeSyncJobsResponse>(&bytes).unwrap())
    });
    group.bench_function("serde derive baseline", |b| {
        b.iter(|| serde_json::from_slice::<sdk_tests::derive_baseline::DescribeSyncJobsResponse>(&bytes).unwrap())
    });
    group.finish();
}

fn serialize(c: &mut Criterion) {
    let spec = spec("wedata/2021-08-20.json");
    let body = grown_example(&spec, "CreateIntegrationTask", false, &["TaskInfo", "Nodes"], 100);
    let request: wedata::v20210820::CreateIntegrationTaskRequest = serde_json::from_value(body).unwrap();
    let size = serde_json::to_vec(&request).unwrap().len();
    let mut group = c.benchmark_group("serialize CreateIntegrationTask (100 nodes)");
    group.throughput(Throughput::Bytes(size as u64));
    group.bench_function("generated compact impls", |b| {
        b.iter(|| serde_json::to_vec(&request).unwrap())
    });
    group.finish();
}

fn signing(c: &mut Criterion) {
    let credentials = Credentials::new(
        "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    );
    let body = br#"{"PageNumber": 1, "PageSize": 10}"#;
    let input = SigningInput {
        method: "POST",
        host: "wedata.tencentcloudapi.com",
        content_type: "application/json",
        query: "",
        body,
        service: "wedata",
        timestamp: 1_735_689_599,
    };
    c.bench_function("sign one request (TC3-HMAC-SHA256)", |b| {
        b.iter(|| sign(&input, &credentials).unwrap())
    });
}

/// A keep-alive HTTP/1.1 server on 127.0.0.1 answering every request with `body`.
async fn serve(body: String) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let reply = reply.clone();
            tokio::spawn(async move {
                let mut buffer = Vec::new();
                let mut chunk = [0u8; 8192];
                loop {
                    // One request: headers, then Content-Length bytes of body.
                    let (end, length) = loop {
                        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                            let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
                            let length = head
                                .lines()
                                .find_map(|l| l.strip_prefix("content-length:"))
                                .map_or(0, |v| v.trim().parse().unwrap_or(0));
                            break (end + 4, length);
                        }
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                    };
                    while buffer.len() < end + length {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                    }
                    buffer.drain(..end + length);
                    if socket.write_all(reply.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    endpoint
}

fn calls(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let spec = spec("dts/2021-12-06.json");
    let body = grown_example(&spec, "DescribeSyncJobs", true, &["Response", "JobList"], 1).to_string();
    let endpoint = runtime.block_on(serve(body));
    let client = dts::v20211206::Client::new(
        RuntimeClient::builder()
            .credentials(Credentials::new("AKIDEXAMPLE", "secret"))
            .region("ap-guangzhou")
            .endpoint(endpoint)
            .timeout(Duration::from_secs(5))
            .clock(SystemTime::now)
            .build()
            .unwrap(),
    );
    let request = dts::v20211206::DescribeSyncJobsRequest::default();
    let mut group = c.benchmark_group("calls against a local server");
    group.throughput(Throughput::Elements(1));
    group.bench_function("DescribeSyncJobs (sign, send, decode)", |b| {
        b.to_async(&runtime).iter_batched(
            || (client.clone(), request.clone()),
            |(client, request)| async move { client.describe_sync_jobs(&request).await.unwrap() },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    targets = decode, serialize, signing, calls
}
/// Criterion runs one function after the other, so on a noisy machine the two decoders can
/// see different loads. This alternates them, one decode each per round, and compares the
/// fastest and the median rounds.
fn decode_interleaved() {
    let bytes = describe_sync_jobs_100();
    let (mut compact, mut derive) = (Vec::new(), Vec::new());
    for _ in 0..300 {
        let start = std::time::Instant::now();
        std::hint::black_box(serde_json::from_slice::<dts::v20211206::DescribeSyncJobsResponse>(&bytes).unwrap());
        compact.push(start.elapsed());
        let start = std::time::Instant::now();
        std::hint::black_box(
            serde_json::from_slice::<sdk_tests::derive_baseline::DescribeSyncJobsResponse>(&bytes).unwrap(),
        );
        derive.push(start.elapsed());
    }
    compact.sort();
    derive.sort();
    let mib = |d: Duration| bytes.len() as f64 / d.as_secs_f64() / (1024.0 * 1024.0);
    for (label, i) in [("fastest", 0), ("median", compact.len() / 2)] {
        println!(
            "decode DescribeSyncJobs (100 jobs), interleaved, {label}: compact {:.1} MiB/s, derive {:.1} MiB/s, compact/derive throughput {:.2}",
            mib(compact[i]),
            mib(derive[i]),
            mib(compact[i]) / mib(derive[i])
        );
    }
}

fn main() {
    benches();
    decode_interleaved();
    Criterion::default().configure_from_args().final_summary();
}
