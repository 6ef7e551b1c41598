//! Benchmarks of the generated SDK and its runtime (criterion; `cargo bench -p sdk-tests`):
//! - decoding a large response (dts `DescribeSyncJobs` with 100 jobs) with the generated
//!   codec (plain functions over a pull parser), side by side with serde's derive on the same
//!   types;
//! - serializing a large request (wedata `CreateIntegrationTask` with 100 nodes);
//! - signing one request (TC3-HMAC-SHA256) beside the crypto floor (the hashing it cannot
//!   avoid), with the key cached as clients do, and with every intermediate string;
//! - calls through the client against a local server in another process: criterion's time per
//!   call, then client CPU per call and calls per second, sequential and concurrent, beside the
//!   server's capacity and a reference: the same requests through reqwest alone and with the
//!   typed decode, and the typed decode of the reply alone (`calls_report`).

use std::future::Future;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use criterion::{black_box, criterion_group, BatchSize, Criterion, Throughput};
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::{Digest, Sha256};
use tencentcloud_codegen::spec::{load_spec, Spec};
use tencentcloud_runtime::signing::{authorization, sign, SigningInput, SigningKeyCache};
use tencentcloud_runtime::{codec, shape};
use tencentcloud_runtime::{Client as RuntimeClient, Credentials};
use tencentcloud_sdk_dts as dts;
use tencentcloud_sdk_wedata as wedata;

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
        b.iter(|| codec::decode_slice::<dts::v20211206::DescribeSyncJobsResponse>(&bytes).unwrap())
    });
    group.bench_function("serde derive baseline", |b| {
        b.iter(|| serde_json::from_slice::<sdk_tests::derive_baseline::DescribeSyncJobsResponse>(&bytes).unwrap())
    });
    group.finish();
}

fn serialize(c: &mut Criterion) {
    let spec = spec("wedata/2021-08-20.json");
    let body = grown_example(&spec, "CreateIntegrationTask", false, &["TaskInfo", "Nodes"], 100);
    let request: wedata::v20210820::CreateIntegrationTaskRequest = codec::decode_str(&body.to_string()).unwrap();
    let size = codec::encode_vec(&request).unwrap().len();
    let mut group = c.benchmark_group("serialize CreateIntegrationTask (100 nodes)");
    group.throughput(Throughput::Bytes(size as u64));
    group.bench_function("generated compact impls", |b| {
        b.iter(|| codec::encode_vec(&request).unwrap())
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
    // The header a call sends, the signing key derived: the work the crypto floor measures.
    c.bench_function("sign one request (TC3-HMAC-SHA256)", |b| {
        b.iter(|| authorization(black_box(&input), &credentials).unwrap())
    });
    crypto_floor(c, &input, &credentials);
    // What a client does after its first call of the day: the key from its cache.
    let keys = SigningKeyCache::new();
    c.bench_function("sign one request, signing key cached", |b| {
        b.iter(|| keys.authorization(black_box(&input), &credentials).unwrap())
    });
    // Every intermediate value as a string, for debugging a signature.
    c.bench_function("sign one request, every step (signing::sign)", |b| {
        b.iter(|| sign(black_box(&input), &credentials).unwrap())
    });
}

/// The hashing a signature cannot avoid, with the same crates: SHA-256 of the body and of the
/// canonical request, and the four HMAC-SHA256 (three deriving the key, one signing), over
/// inputs of the signing bench's sizes built beforehand. Signing is compared with this.
fn crypto_floor(c: &mut Criterion, input: &SigningInput<'_>, credentials: &Credentials) {
    let signed = sign(input, credentials).unwrap();
    let secret = format!("TC3{}", credentials.secret_key);
    let hmac = |key: &[u8], data: &[u8]| -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap();
        mac.update(data);
        mac.finalize().into_bytes().into()
    };
    c.bench_function(CRYPTO_FLOOR, |b| {
        b.iter(|| {
            let payload = Sha256::digest(black_box(input.body));
            let hashed = Sha256::digest(black_box(signed.canonical_request.as_bytes()));
            let k_date = hmac(black_box(secret.as_bytes()), b"2024-12-31");
            let k_service = hmac(&k_date, black_box(input.service.as_bytes()));
            let k_signing = hmac(&k_service, b"tc3_request");
            let signature = hmac(&k_signing, black_box(signed.string_to_sign.as_bytes()));
            (payload, hashed, signature)
        })
    });
}

const CRYPTO_FLOOR: &str = "crypto floor of one signature (2 SHA-256 + 4 HMAC-SHA256)";

/// The bench server (`src/bin/bench-server.rs`) in a process of its own, answering every
/// request with DescribeSyncJobs' longest documented example cut to one job (a small
/// response). Stops when dropped (its stdin closes).
struct Server {
    child: Child,
    port: u16,
    /// The body it answers.
    reply: String,
}

impl Server {
    fn start() -> Server {
        let spec = spec("dts/2021-12-06.json");
        let body = grown_example(&spec, "DescribeSyncJobs", true, &["Response", "JobList"], 1).to_string();
        let file = std::env::temp_dir().join(format!("sdk-bench-body-{}.json", std::process::id()));
        std::fs::write(&file, &body).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_bench-server"))
            .arg(&file)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let _ = std::fs::remove_file(&file);
        let port = line.trim().strip_prefix("PORT ").unwrap().parse().unwrap();
        Server {
            child,
            port,
            reply: body,
        }
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// CPU time of the server process so far: the sum over its threads of
    /// `/proc/PID/task/TID/schedstat` (nanoseconds; Linux only, `None` elsewhere). A thread
    /// serves one connection and the client keeps its connections, so none exits mid-run.
    fn cpu(&self) -> Option<Duration> {
        let mut nanos = 0u64;
        for task in std::fs::read_dir(format!("/proc/{}/task", self.child.id())).ok()? {
            let schedstat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
            nanos += schedstat.split_whitespace().next()?.parse::<u64>().ok()?;
        }
        Some(Duration::from_nanos(nanos))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// User + system CPU time of this process so far: the client's, the server being another process.
fn process_cpu() -> Duration {
    // SAFETY: getrusage fills the zeroed struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    Duration::from_micros(micros(usage.ru_utime) + micros(usage.ru_stime))
}

fn bench_client(server: &Server) -> dts::v20211206::Client {
    dts::v20211206::Client::new(
        RuntimeClient::builder()
            .credentials(Credentials::new("AKIDEXAMPLE", "secret"))
            .region("ap-guangzhou")
            .endpoint(server.endpoint())
            .timeout(Duration::from_secs(5))
            .clock(SystemTime::now)
            .build()
            .unwrap(),
    )
}

fn calls(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let server = Server::start();
    let client = runtime.block_on(async { bench_client(&server) });
    let request = dts::v20211206::DescribeSyncJobsRequest::default();
    let mut group = c.benchmark_group(CALLS);
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

const CALLS: &str = "calls against a local server";
/// Calls in flight at once in the concurrent figures, and connections of the capacity load.
const CONCURRENCY: usize = 16;

/// One run of calls: how many, how long, and the CPU time each process spent.
struct Run {
    calls: u64,
    wall: Duration,
    client_cpu: Duration,
    server_cpu: Option<Duration>,
}

impl Run {
    fn per_second(&self) -> f64 {
        self.calls as f64 / self.wall.as_secs_f64()
    }

    fn micros_per_call(cpu: Duration, calls: u64) -> f64 {
        cpu.as_secs_f64() * 1e6 / calls as f64
    }

    fn json(&self) -> Value {
        serde_json::json!({
            "calls": self.calls,
            "seconds": self.wall.as_secs_f64(),
            "calls_per_sec": self.per_second(),
            "client_cpu_us_per_call": Run::micros_per_call(self.client_cpu, self.calls),
            "server_cpu_us_per_call": self.server_cpu.map(|cpu| Run::micros_per_call(cpu, self.calls)),
        })
    }

    fn line(&self, label: &str) -> String {
        let server = self.server_cpu.map_or("?".to_owned(), |cpu| {
            format!("{:.1}", Run::micros_per_call(cpu, self.calls))
        });
        format!(
            "{label}: {:.0} calls/s, client CPU {:.1} µs/call, server CPU {server} µs/call ({} calls in {:.2} s)",
            self.per_second(),
            Run::micros_per_call(self.client_cpu, self.calls),
            self.calls,
            self.wall.as_secs_f64()
        )
    }
}

/// Runs `calls` calls, `tasks` at a time, on `runtime` (where the client's connections live),
/// after a warm-up, timing wall clock and both processes' CPU; `call` makes one call's future.
/// The client is kept from round to round: a dropped one would close connections, and the
/// server threads that end with them would take their CPU time out of the server's sum
/// mid-round.
fn run_calls(runtime: &tokio::runtime::Runtime, server: &Server, calls: u64, tasks: u64, call: &Call) -> Run {
    let batch = |n: u64| {
        runtime.block_on(async {
            let handles: Vec<_> = (0..tasks)
                .map(|_| {
                    let call = Arc::clone(call);
                    tokio::spawn(async move {
                        for _ in 0..n / tasks {
                            call().await;
                        }
                    })
                })
                .collect();
            for handle in handles {
                handle.await.unwrap();
            }
        })
    };
    batch(calls / 10);
    let (cpu, server_cpu, start) = (process_cpu(), server.cpu(), Instant::now());
    batch(calls);
    let wall = start.elapsed();
    Run {
        calls: calls / tasks * tasks,
        wall,
        client_cpu: process_cpu() - cpu,
        server_cpu: server.cpu().zip(server_cpu).map(|(after, before)| after - before),
    }
}

/// One DescribeSyncJobs call through the SDK: sign, send, decode.
fn sdk_call(client: &dts::v20211206::Client) -> Call {
    let (client, request) = (client.clone(), dts::v20211206::DescribeSyncJobsRequest::default());
    Arc::new(move || {
        let response = client.describe_sync_jobs(&request);
        Box::pin(async move {
            black_box(response.await.unwrap());
        })
    })
}

type BoxFuture = std::pin::Pin<Box<dyn Future<Output = ()> + Send>>;
/// Makes one call's future; the calls of one figure share it.
type Call = Arc<dyn Fn() -> BoxFuture + Send + Sync>;

/// The reference beside a call: reqwest, the usual Rust HTTP client (and the SDK's transport
/// when a proxy applies), set up as the runtime sets it up then (no redirects, gzip, a
/// timeout), sending a request with the SDK's headers and body and reading the whole reply,
/// with no signing or envelope; with `decode`, the reply's `Response` is then decoded into the
/// typed response, as a call must. What the SDK's client CPU per call is beside: the SDK's own
/// pooled transport drives each connection in the calling task, where reqwest hands every
/// request to a connection task.
fn transport_call(server: &Server, decode: bool) -> Call {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .gzip(true)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let url = reqwest::Url::parse(&server.endpoint()).unwrap();
    let authorization = format!(
        "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2024-12-31/dts/tc3_request, SignedHeaders=content-type;host, Signature={}",
        "0".repeat(64)
    );
    Arc::new(move || {
        let request = http
            .post(url.clone())
            .header("content-type", "application/json")
            .header("x-tc-requestclient", "tencentcloud-sdk-rust")
            .header("x-tc-region", "ap-guangzhou")
            .header("x-tc-action", "DescribeSyncJobs")
            .header("x-tc-version", "2021-12-06")
            .header("x-tc-timestamp", "1735689599")
            .header("authorization", &authorization)
            .body("{}");
        Box::pin(async move {
            let body = request.send().await.unwrap().bytes().await.unwrap();
            if decode {
                black_box(codec::decode_slice::<Envelope>(&body).unwrap().0.unwrap());
            } else {
                black_box(body);
            }
        })
    })
}

/// `{"Response": {...}}` of DescribeSyncJobs, decoded by the generated code (the reqwest
/// reference's decode; the SDK's own envelope handling also looks for errors).
struct Envelope(Option<dts::v20211206::DescribeSyncJobsResponse>);

impl shape::Shape for Envelope {
    const NAME: &'static str = "envelope";
    const REQUIRED: &'static [&'static str] = &[];

    fn empty() -> Self {
        Envelope(None)
    }
}

impl shape::Fields for Envelope {
    fn field(&mut self, key: &str, r: &mut codec::Reader<'_>) -> Result<Option<usize>, codec::DecodeError> {
        match key {
            "Response" => r.optional(&mut self.0),
            _ => r.unknown(),
        }
    }
}

impl codec::Decode for Envelope {
    fn decode(r: &mut codec::Reader<'_>) -> Result<Self, codec::DecodeError> {
        shape::decode(r)
    }
}

/// CPU time of one typed decode of the reply's `Response`, alone in a loop (the best of a few
/// rounds), with warm caches: inside a call the same decode costs more (compare reqwest with
/// and without it), the network stack and the HTTP client having run in between.
fn decode_alone(reply: &[u8], rounds: u32, per_round: u32) -> Duration {
    let response = serde_json::to_vec(&serde_json::from_slice::<Value>(reply).unwrap()["Response"]).unwrap();
    (0..rounds)
        .map(|_| {
            let cpu = process_cpu();
            for _ in 0..per_round {
                black_box(codec::decode_slice::<dts::v20211206::DescribeSyncJobsResponse>(&response).unwrap());
            }
            (process_cpu() - cpu) / per_round
        })
        .min()
        .unwrap()
}

/// What the server answers without the SDK: `connections` threads, each sending a request of
/// the SDK's size and reading the reply, for `time`. The load runs on the same cores as the
/// server, so this is a lower bound of its capacity.
fn server_capacity(server: &Server, connections: usize, time: Duration) -> f64 {
    let body = "{}";
    let request = format!(
        "POST / HTTP/1.1\r\ncontent-type: application/json\r\nx-tc-requestclient: tencentcloud-sdk-rust\r\n\
         x-tc-region: ap-guangzhou\r\nx-tc-action: DescribeSyncJobs\r\nx-tc-version: 2021-12-06\r\n\
         x-tc-timestamp: 1735689599\r\nauthorization: TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2024-12-31/dts/tc3_request, \
         SignedHeaders=content-type;host, Signature={}\r\naccept: */*\r\naccept-encoding: gzip\r\n\
         host: 127.0.0.1:{}\r\ncontent-length: {}\r\n\r\n{body}",
        "0".repeat(64),
        server.port,
        body.len()
    );
    let reply_len = {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).unwrap();
            head.push(byte[0]);
        }
        let text = String::from_utf8(head.clone()).unwrap().to_ascii_lowercase();
        let length: usize = text
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        head.len() + length
    };
    let deadline = Instant::now() + time;
    let start = Instant::now();
    let threads: Vec<_> = (0..connections)
        .map(|_| {
            let request = request.clone();
            let port = server.port;
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                stream.set_nodelay(true).unwrap();
                let mut reply = vec![0u8; reply_len];
                let mut done = 0u64;
                while Instant::now() < deadline {
                    stream.write_all(request.as_bytes()).unwrap();
                    stream.read_exact(&mut reply).unwrap();
                    done += 1;
                }
                done
            })
        })
        .collect();
    let done: u64 = threads.into_iter().map(|t| t.join().unwrap()).sum();
    done as f64 / start.elapsed().as_secs_f64()
}

/// Client CPU per call and calls per second, sequential and concurrent (the best of a few
/// rounds), against the bench server in another process, with that server's CPU per call and
/// its capacity measured in the same run, and beside them a reference on this machine
/// ([`transport_call`]: reqwest alone, then with the typed decode a call must do) and the
/// typed decode alone in a loop. Printed,
/// and written as JSON to `$SDK_BENCH_CALLS` when set (read by `cargo xtask bench`), with the
/// interleaved decode comparison (`decode_interleaved`).
fn calls_report(quick: bool, decode_interleaved: Value) {
    let server = Server::start();
    let (calls, rounds) = if quick { (5_000, 2) } else { (20_000, 3) };
    let current_thread = || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    };
    let multi_thread = || {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap()
    };
    let tasks = CONCURRENCY as u64;
    // The SDK's calls and the reference's (the same calls, see `transport_call`), each
    // sequential and concurrent, with a runtime and a client of their own (connections belong
    // to the runtime that opened them) kept from round to round.
    let call = |kind: usize| match kind {
        0 => sdk_call(&bench_client(&server)),
        1 => transport_call(&server, false),
        _ => transport_call(&server, true),
    };
    let figures: Vec<(tokio::runtime::Runtime, Call, u64, u64)> = (0..3)
        .flat_map(|kind| {
            [
                (current_thread(), call(kind), calls, 1),
                (multi_thread(), call(kind), calls * 2, tasks),
            ]
        })
        .collect();
    // Rounds alternate the figures, so that a busy moment of the machine slows one round of
    // each rather than every round of one; other work only ever slows a round down, so the
    // best round of each is kept (as the Python side's timeit figures are).
    let mut best: Vec<Option<Run>> = figures.iter().map(|_| None).collect();
    for _ in 0..rounds {
        for ((runtime, call, calls, tasks), best) in figures.iter().zip(&mut best) {
            let run = run_calls(runtime, &server, *calls, *tasks, call);
            if best.as_ref().is_none_or(|b| run.per_second() > b.per_second()) {
                *best = Some(run);
            }
        }
    }
    drop(figures);
    let Ok(
        [sequential, concurrent, transport_sequential, transport_concurrent, decoded_sequential, decoded_concurrent],
    ) = <[Run; 6]>::try_from(best.into_iter().map(Option::unwrap).collect::<Vec<_>>())
    else {
        unreachable!("six figures")
    };
    let decode = decode_alone(server.reply.as_bytes(), 3, if quick { 1_000 } else { 4_000 });
    let capacity = server_capacity(&server, CONCURRENCY, Duration::from_secs(if quick { 1 } else { 2 }));
    println!("{}", sequential.line("calls, sequential"));
    println!("{}", concurrent.line(&format!("calls, {CONCURRENCY} concurrent")));
    println!(
        "{}",
        transport_sequential.line("reference: reqwest alone (same requests), sequential")
    );
    println!(
        "{}",
        transport_concurrent.line(&format!("reference: reqwest alone, {CONCURRENCY} concurrent"))
    );
    println!(
        "{}",
        decoded_sequential.line("reference: reqwest + typed decode, sequential")
    );
    println!(
        "{}",
        decoded_concurrent.line(&format!("reference: reqwest + typed decode, {CONCURRENCY} concurrent"))
    );
    println!(
        "typed decode of the reply ({} bytes) alone, in a loop: {:.1} µs",
        server.reply.len(),
        decode.as_secs_f64() * 1e6
    );
    println!("server capacity, raw load on {CONCURRENCY} connections: {capacity:.0} requests/s");
    if let Some(path) = std::env::var_os("SDK_BENCH_CALLS") {
        let report = serde_json::json!({
            "sequential": sequential.json(),
            "concurrent": concurrent.json(),
            "transport_sequential": transport_sequential.json(),
            "transport_concurrent": transport_concurrent.json(),
            "decoded_sequential": decoded_sequential.json(),
            "decoded_concurrent": decoded_concurrent.json(),
            "decode_alone_us": decode.as_secs_f64() * 1e6,
            "decode_interleaved": decode_interleaved,
            "reply_bytes": server.reply.len(),
            "concurrency": CONCURRENCY,
            "server_capacity_per_sec": capacity,
        });
        std::fs::write(path, report.to_string()).unwrap();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    targets = decode, serialize, signing, calls
}
/// Criterion runs one function after the other, so on a noisy machine the two decoders can
/// see different loads. This alternates them, one decode each per round, and compares the
/// fastest and the median rounds: returns compact/derive throughput at each.
fn decode_interleaved() -> Value {
    let bytes = describe_sync_jobs_100();
    let (mut compact, mut derive) = (Vec::new(), Vec::new());
    for _ in 0..300 {
        let start = std::time::Instant::now();
        std::hint::black_box(codec::decode_slice::<dts::v20211206::DescribeSyncJobsResponse>(&bytes).unwrap());
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
    let mut ratios = serde_json::Map::new();
    for (label, i) in [("fastest", 0), ("median", compact.len() / 2)] {
        ratios.insert(label.to_owned(), (mib(compact[i]) / mib(derive[i])).into());
        println!(
            "decode DescribeSyncJobs (100 jobs), interleaved, {label}: compact {:.1} MiB/s, derive {:.1} MiB/s, compact/derive throughput {:.2}",
            mib(compact[i]),
            mib(derive[i]),
            mib(compact[i]) / mib(derive[i])
        );
    }
    ratios.into()
}

fn main() {
    benches();
    let interleaved = decode_interleaved();
    calls_report(std::env::args().any(|a| a == "--quick"), interleaved);
    Criterion::default().configure_from_args().final_summary();
}
