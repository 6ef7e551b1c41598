//! `cargo xtask bench [--quick]`: the criterion benches of `sdk-tests` side by side with the
//! official Tencent Cloud Python SDK on the same inputs, on this machine, in one run.
//!
//! 1. `cargo bench -p sdk-tests --bench sdk` (`-- --quick` with `--quick`), then the mean of
//!    each benchmark from `target/criterion/**/new/estimates.json`, found by listing the
//!    directory (criterion's directory names are sanitized; `benchmark.json` has the real ids).
//! 2. A venv at `target/bench-venv` made by the interop venv code from
//!    `interop/requirements.txt` plus its `#bench: ` pins (the dts SDK, which cannot share the
//!    interop venv; see that file), installed with `--require-hashes`.
//! 3. `interop/bench.py` times the Python SDK on inputs written here from the sources the Rust
//!    benches use: signing vector 1, and DescribeSyncJobs' longest documented example with its
//!    job list grown to 100 (`grown_example` in `tests/benches/sdk.rs`).
//!    With the bench server (`tests/src/bin/bench-server.rs`, built by step 1) answering the
//!    same small DescribeSyncJobs reply as in the Rust call benchmarks, it also times the
//!    SDK's calls, sequential and concurrent.
//! 4. A table of both, also written to `target/bench-report.txt`: signing beside the crypto
//!    floor (the SHA-256 and HMAC a signature cannot avoid), the decode comparison, and the
//!    call figures (client CPU per call, calls per second, the server's capacity, and the floors:
//!    the HTTP client alone and the typed decode alone) the bench writes to `$SDK_BENCH_CALLS`.
//!
//! `target` is `$CARGO_TARGET_DIR` when set, as for cargo and criterion.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::SystemTime;

use serde_json::Value;
use tencentcloud_codegen::spec::{load_spec, Spec};

use crate::interop::python;
use crate::workspace;

const USAGE: &str = "usage: cargo xtask bench [--quick]";
/// Criterion's group of the decode bench, and its two functions.
const DECODE: &str = "decode DescribeSyncJobs (100 jobs)";
const COMPACT: &str = "generated compact impls";
const DERIVE: &str = "serde derive baseline";
const SERIALIZE: &str = "serialize CreateIntegrationTask (100 nodes)";
const SIGN: &str = "sign one request (TC3-HMAC-SHA256)";
const CRYPTO_FLOOR: &str = "crypto floor of one signature (2 SHA-256 + 4 HMAC-SHA256)";
const CALLS: &str = "calls against a local server";
/// Lines of requirements.txt that only the bench venv installs, with this prefix removed.
const BENCH_PIN: &str = "#bench: ";

/// Signing vector 1 of /work/shared/signing-vectors.md, the input of the Rust signing bench.
const SIGNING_VECTOR: &str = r#"{
  "method": "POST",
  "host": "wedata.tencentcloudapi.com",
  "content_type": "application/json",
  "query": "",
  "body": "{\"PageNumber\": 1, \"PageSize\": 10}",
  "service": "wedata",
  "timestamp": 1735689599,
  "secret_id": "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
  "secret_key": "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
  "signature": "ede97dd3cae6ef010176e2d1fae45bfa978694bf6351f90a99ab4f94c2996cfb"
}"#;

/// One criterion benchmark: `(group, function)` (function `None` outside a group) -> mean ns.
type Criterion = BTreeMap<(String, Option<String>), f64>;

pub fn run(args: &[String]) -> Result<(), String> {
    let quick = match args {
        [] => false,
        [flag] if flag == "--quick" => true,
        _ => return Err(format!("{USAGE}, got {args:?}")),
    };
    let root = workspace::root();
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    fs::create_dir_all(&target).map_err(|e| format!("cannot create {}: {e}", target.display()))?;

    let started = SystemTime::now();
    let calls_file = target.join("bench-calls.json");
    let _ = fs::remove_file(&calls_file);
    run_criterion(&root, quick, &calls_file)?;
    let criterion = read_criterion(&target.join("criterion"), started)?;
    let calls = read_json(&calls_file)?;

    let inputs = write_inputs(&root)?;
    let python = bench_venv(&root, &target);
    let output = python.and_then(|python| {
        let server = BenchServer::start(&target.join("release").join("bench-server"), &inputs.join("reply.json"))?;
        Command::new(&python)
            .arg(root.join("interop").join("bench.py"))
            .arg(&inputs)
            .args(quick.then_some("--quick"))
            .args(["--calls-endpoint", &format!("127.0.0.1:{}", server.port)])
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| format!("cannot run interop/bench.py: {e}"))
    });
    let _ = fs::remove_dir_all(&inputs);
    let output = output?;
    if !output.status.success() {
        return Err(format!("interop/bench.py failed ({})", output.status));
    }
    let python: Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("interop/bench.py printed no JSON result ({e})"))?;

    let report = report(&criterion, &calls, &python, quick)?;
    print!("{report}");
    let path = target.join("bench-report.txt");
    fs::write(&path, &report).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("written to {}", path.display());
    Ok(())
}

/// The bench server in a process of its own, for the Python SDK's calls; stops when dropped
/// (its stdin closes).
struct BenchServer {
    child: Child,
    port: u16,
}

impl BenchServer {
    fn start(program: &Path, reply: &Path) -> Result<BenchServer, String> {
        let child = Command::new(program)
            .arg(reply)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
        let mut server = BenchServer { child, port: 0 };
        let stdout = server.child.stdout.take().ok_or("the bench server has no stdout")?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the bench server's port: {e}"))?;
        server.port = line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
            .ok_or_else(|| format!("the bench server printed {line:?}, not its port"))?;
        Ok(server)
    }
}

impl Drop for BenchServer {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run_criterion(root: &Path, quick: bool, calls_file: &Path) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .current_dir(root)
        .env("SDK_BENCH_CALLS", calls_file)
        .args(["bench", "-p", "sdk-tests", "--bench", "sdk"]);
    if quick {
        command.args(["--", "--quick"]);
    }
    let status = command.status().map_err(|e| format!("cannot run cargo bench: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed ({status})"))
    }
}

/// Every `new/estimates.json` under `dir` written since `since` (older ones are from benches
/// this run did not execute, and are left out).
fn read_criterion(dir: &Path, since: SystemTime) -> Result<Criterion, String> {
    let mut found = Criterion::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        let entries = fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?.path();
            if !path.is_dir() || path.file_name().is_some_and(|n| n == "report") {
                continue;
            }
            let estimates = path.join("new").join("estimates.json");
            let fresh = fs::metadata(&estimates)
                .and_then(|m| m.modified())
                .is_ok_and(|modified| modified >= since);
            if fresh {
                let json = |name: &str| -> Result<Value, String> {
                    let file = path.join("new").join(name);
                    let text = fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
                    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))
                };
                let benchmark = json("benchmark.json")?;
                let mean = json("estimates.json")?["mean"]["point_estimate"]
                    .as_f64()
                    .ok_or_else(|| format!("no mean.point_estimate in {}", estimates.display()))?;
                let group = benchmark["group_id"]
                    .as_str()
                    .ok_or_else(|| format!("no group_id in {}/new/benchmark.json", path.display()))?;
                let function = benchmark["function_id"].as_str().map(str::to_owned);
                found.insert((group.to_owned(), function), mean);
            } else {
                pending.push(path);
            }
        }
    }
    if found.is_empty() {
        return Err(format!("cargo bench wrote no results under {}", dir.display()));
    }
    Ok(found)
}

fn mean(criterion: &Criterion, group: &str, function: Option<&str>) -> Result<f64, String> {
    criterion
        .get(&(group.to_owned(), function.map(str::to_owned)))
        .copied()
        .ok_or_else(|| format!("no criterion result for `{group}` / `{}`", function.unwrap_or("-")))
}

/// The longest documented example of `action` with the list at `list` repeated to `n` items;
/// `grown_example` of tests/benches/sdk.rs.
fn grown_example(spec: &Spec, action: &str, list: &[&str], n: usize) -> Result<Value, String> {
    let mut value = spec
        .actions
        .get(action)
        .ok_or_else(|| format!("no action {action}"))?
        .examples
        .iter()
        .filter_map(|e| e.output.clone())
        .max_by_key(|v| v.to_string().len())
        .ok_or_else(|| format!("{action} has no output example"))?;
    let mut target = &mut value;
    for key in list {
        target = &mut target[*key];
    }
    let item = target
        .get(0)
        .cloned()
        .ok_or_else(|| format!("{action}'s example has no {list:?} item"))?;
    *target = Value::Array(vec![item; n]);
    Ok(value)
}

/// Writes the Python side's inputs to a new temporary directory and returns it.
fn write_inputs(root: &Path) -> Result<PathBuf, String> {
    let spec_path = root.join("api-specs").join("dts").join("2021-12-06.json");
    let spec = load_spec(&spec_path).map_err(|e| format!("{}: {e}", spec_path.display()))?;
    let body = grown_example(&spec, "DescribeSyncJobs", &["Response", "JobList"], 100)?;
    // What the Rust bench decodes: the `Response` object.
    let bytes = serde_json::to_vec(&body["Response"]).map_err(|e| e.to_string())?;

    let dir = std::env::temp_dir().join(format!("xtask-bench-{}", std::process::id()));
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let write = |name: &str, contents: &[u8]| {
        fs::write(dir.join(name), contents).map_err(|e| format!("cannot write {}: {e}", dir.join(name).display()))
    };
    write("describe_sync_jobs.json", &bytes)?;
    // The bench server's reply, as in the Rust call benchmarks: the example with one job.
    let reply = grown_example(&spec, "DescribeSyncJobs", &["Response", "JobList"], 1)?;
    write("reply.json", reply.to_string().as_bytes())?;
    write("signing.json", SIGNING_VECTOR.as_bytes())?;
    Ok(dir)
}

/// The venv with the interop pins and the `#bench: ` ones, made by the interop venv code from
/// a copy of requirements.txt with those lines uncommented.
fn bench_venv(root: &Path, target: &Path) -> Result<PathBuf, String> {
    let source = root.join("interop").join("requirements.txt");
    let text = fs::read_to_string(&source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    let mut requirements = String::new();
    for line in text.lines() {
        requirements.push_str(line.strip_prefix(BENCH_PIN).unwrap_or(line));
        requirements.push('\n');
    }
    let generated = target.join("bench-requirements.txt");
    fs::create_dir_all(target).map_err(|e| format!("cannot create {}: {e}", target.display()))?;
    fs::write(&generated, requirements).map_err(|e| format!("cannot write {}: {e}", generated.display()))?;
    // server.py's --check-requirements is what tells the venv code the pins are installed.
    python::ensure_venv(
        &target.join("bench-venv"),
        &root.join("interop").join("server.py"),
        &generated,
        "python3",
    )
}

fn duration(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn report(criterion: &Criterion, calls: &Value, python: &Value, quick: bool) -> Result<String, String> {
    let python_ns = |name: &str| {
        python["results"][name]["mean_ns"]
            .as_f64()
            .ok_or_else(|| format!("interop/bench.py printed no result for `{name}`"))
    };
    let compact = mean(criterion, DECODE, Some(COMPACT))?;
    let derive = mean(criterion, DECODE, Some(DERIVE))?;
    let sign = mean(criterion, SIGN, None)?;
    let floor = mean(criterion, CRYPTO_FLOOR, None)?;
    let rows: Vec<(&str, f64, Option<f64>)> = vec![
        ("sign one request (TC3-HMAC-SHA256)", sign, Some(python_ns("sign")?)),
        ("crypto floor of one signature", floor, None),
        (
            "decode DescribeSyncJobs (100 jobs)",
            compact,
            Some(python_ns("decode")?),
        ),
        (
            "serialize CreateIntegrationTask (100 nodes)",
            mean(criterion, SERIALIZE, Some(COMPACT))?,
            None,
        ),
        (
            "DescribeSyncJobs call, local server",
            mean(criterion, CALLS, Some("DescribeSyncJobs (sign, send, decode)"))?,
            None,
        ),
    ];

    let headers = ["operation", "Rust (this SDK)", "Python official SDK", "ratio Py/Rust"];
    let mut cells: Vec<[String; 4]> = vec![headers.map(str::to_owned)];
    for (name, rust, py) in rows {
        cells.push([
            name.to_owned(),
            duration(rust),
            py.map_or("not measured".to_owned(), duration),
            py.map_or("-".to_owned(), |py| format!("{:.1}x", py / rust)),
        ]);
    }
    let widths: Vec<usize> = (0..4)
        .map(|i| cells.iter().map(|row| row[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    let sdk = &python["sdk"];
    let _ = writeln!(
        out,
        "benchmarks ({}): mean time per call; Rust by criterion, Python by timeit on the same inputs",
        if quick { "--quick" } else { "full" }
    );
    let _ = writeln!(
        out,
        "Python: {}, tencentcloud-sdk-python-common {}, tencentcloud-sdk-python-dts {}",
        python["python"].as_str().unwrap_or("?"),
        sdk["tencentcloud-sdk-python-common"].as_str().unwrap_or("?"),
        sdk["tencentcloud-sdk-python-dts"].as_str().unwrap_or("?"),
    );
    for (i, row) in cells.iter().enumerate() {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(column, (cell, &width))| {
                let pad = width - cell.chars().count();
                if column == 0 {
                    format!("{cell}{}", " ".repeat(pad))
                } else {
                    format!("{}{cell}", " ".repeat(pad))
                }
            })
            .collect();
        let _ = writeln!(out, "| {} |", line.join(" | "));
        if i == 0 {
            let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
            let _ = writeln!(out, "|-{}-|", rule.join("-|-"));
        }
    }
    let _ = writeln!(
        out,
        "decode DescribeSyncJobs (100 jobs), criterion: generated compact impls {} vs serde derive baseline {}: \
         derive/compact {:.2}x (above 1: compact is faster)",
        duration(compact),
        duration(derive),
        derive / compact
    );
    // Criterion's figure above runs one decoder after the other; this one alternates them.
    let interleaved = |at: &str| {
        calls["decode_interleaved"][at]
            .as_f64()
            .ok_or_else(|| format!("no decode_interleaved.{at} in the bench's figures"))
    };
    let _ = writeln!(
        out,
        "decode DescribeSyncJobs (100 jobs), interleaved (one of each per round, 300 rounds): compact/derive \
         throughput {:.2} at the fastest rounds, {:.2} at the median (goal: at least 0.9)",
        interleaved("fastest")?,
        interleaved("median")?
    );
    let _ = writeln!(
        out,
        "signing {} vs crypto floor {} (2 SHA-256 + 4 HMAC-SHA256, same crates): {:.2}x the floor",
        duration(sign),
        duration(floor),
        sign / floor
    );
    out.push_str(&calls_report(calls, python)?);
    Ok(out)
}

/// The call figures: the Rust bench's (`$SDK_BENCH_CALLS`) beside the Python SDK's against the
/// same bench server.
fn calls_report(calls: &Value, python: &Value) -> Result<String, String> {
    let number = |value: &Value, path: &[&str]| {
        path.iter()
            .fold(value, |v, key| &v[*key])
            .as_f64()
            .ok_or_else(|| format!("no {} in the call figures", path.join(".")))
    };
    let concurrency = number(calls, &["concurrency"])?;
    let rust_seq = number(calls, &["sequential", "calls_per_sec"])?;
    let rust_conc = number(calls, &["concurrent", "calls_per_sec"])?;
    let py_seq = number(python, &["results", "calls_sequential", "calls_per_sec"])?;
    let py_conc = number(python, &["results", "calls_concurrent", "calls_per_sec"])?;
    let py_best = py_seq.max(py_conc);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "calls of DescribeSyncJobs (small reply) against the bench server, another process on this machine:"
    );
    for (label, key, rust, py) in [
        ("sequential", "sequential", rust_seq, py_seq),
        ("concurrent", "concurrent", rust_conc, py_conc),
    ] {
        let server_cpu = calls[key]["server_cpu_us_per_call"]
            .as_f64()
            .map_or("?".to_owned(), |us| format!("{us:.1} µs"));
        let _ = writeln!(
            out,
            "  {label:<10} ({} at once): Rust {rust:.0} calls/s, client CPU {:.1} µs/call (server {server_cpu}); \
             Python {py:.0} calls/s; Rust/Python {:.1}x",
            if key == "sequential" { 1.0 } else { concurrency },
            number(calls, &[key, "client_cpu_us_per_call"])?,
            rust / py
        );
    }
    let _ = writeln!(
        out,
        "  Rust concurrent / Python's best ({py_best:.0} calls/s): {:.1}x; server capacity (raw load, {concurrency} connections): {:.0} requests/s",
        rust_conc / py_best,
        number(calls, &["server_capacity_per_sec"])?
    );
    // The same requests through reqwest, the usual Rust HTTP client (and the SDK's transport
    // when a proxy applies), measured in the same run, so the client CPU figure reads against
    // a reference rather than alone.
    let _ = writeln!(
        out,
        "  beside reqwest, same run, same requests, without the SDK (the reply is {:.0} bytes, its typed decode \
         alone in a loop {:.1} µs):",
        number(calls, &["reply_bytes"])?,
        number(calls, &["decode_alone_us"])?
    );
    for (label, key) in [("sequential", "sequential"), ("concurrent", "concurrent")] {
        let client = number(calls, &[key, "client_cpu_us_per_call"])?;
        let transport = number(calls, &[&format!("transport_{key}"), "client_cpu_us_per_call"])?;
        let decoded = number(calls, &[&format!("decoded_{key}"), "client_cpu_us_per_call"])?;
        let _ = writeln!(
            out,
            "    {label:<10}: reqwest alone {transport:.1} µs/call ({:.0} calls/s); reqwest + the typed decode {decoded:.1} µs/call \
             ({:.0} calls/s); the SDK {client:.1} µs/call (signing, pooled transport, envelope, decode, retries), \
             {:+.1} µs beside reqwest + decode",
            number(calls, &[&format!("transport_{key}"), "calls_per_sec"])?,
            number(calls, &[&format!("decoded_{key}"), "calls_per_sec"])?,
            client - decoded
        );
    }
    Ok(out)
}
