//! `cargo xtask interop [--requests N] [--seed S]`: signs randomized requests with the runtime's
//! real [`Client`] and has the official Tencent Cloud Python SDK check every signature.
//!
//! The Python side (`interop/server.py`, pins in `interop/requirements.txt`) runs in a venv at
//! `target/interop-venv`, made on first use and reused while it has the pinned versions. It
//! recomputes each request's `Authorization` with the SDK's own TC3 code and echoes what the
//! request claims (action, version, timestamp, region, language, token and body hashes); this
//! side checks the echo against what it meant to send. Python is needed for this command only.
//!
//! Each case is a function of the seed and its index (see [`cases::case`]), so a failure is
//! replayed with `--seed S` and at least `index + 1` requests.

pub mod cases;
pub mod payload;
pub mod python;

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use sha2::{Digest, Sha256};
use tencentcloud_runtime::{ActionInfo, Client, Credentials, Error, Language};

use crate::workspace;
use cases::{Case, KeyPair};

/// The pinned official SDK the signatures are checked against (also in requirements.txt).
pub const SDK: &str = "tencentcloud-sdk-python-common 3.1.195";
pub const DEFAULT_REQUESTS: u64 = 600;
/// Requests in flight at once: the server is threaded, the machine small.
const CONCURRENCY: usize = 4;

struct Options {
    requests: u64,
    seed: u64,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    const USAGE: &str = "usage: cargo xtask interop [--requests N] [--seed S]";
    let mut options = Options {
        requests: DEFAULT_REQUESTS,
        seed: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64),
    };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = |v: &str| {
            v.strip_prefix("0x")
                .map_or_else(|| v.parse(), |hex| u64::from_str_radix(hex, 16))
                .map_err(|e| format!("{flag} {v}: {e}\n{USAGE}"))
        };
        match flag.as_str() {
            "--requests" => options.requests = number(value)?,
            "--seed" => options.seed = number(value)?,
            _ => return Err(format!("unknown argument `{flag}`\n{USAGE}")),
        }
    }
    if options.requests == 0 {
        return Err(format!("--requests must be at least 1\n{USAGE}"));
    }
    Ok(options)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse_args(args)?;
    let started = Instant::now();
    let root = workspace::root();
    let script = root.join("interop").join("server.py");
    let requirements = root.join("interop").join("requirements.txt");
    let python = python::ensure_venv(
        &root.join("target").join("interop-venv"),
        &script,
        &requirements,
        "python3",
    )?;
    let venv_ready = started.elapsed();

    let pairs = cases::key_pairs(options.seed);
    let server = python::Server::start(&python, &script, &pairs)?;
    println!(
        "interop: seed {} ({} requests; replay with `cargo xtask interop --seed {} --requests {}`)",
        options.seed, options.requests, options.seed, options.requests
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let endpoint = format!("http://127.0.0.1:{}", server.port);
    let outcome = runtime.block_on(run_cases(&endpoint, &options, &pairs));
    drop(server);
    let Outcome { failures, controls } = outcome?;

    let n = options.requests;
    let verified = n - failures.len() as u64;
    for failure in failures.iter().take(20) {
        eprintln!("interop: FAILED seed {} {failure}", options.seed);
    }
    if failures.len() > 20 {
        eprintln!("interop: ... and {} more", failures.len() - 20);
    }
    println!("interop: {controls} negative controls rejected (wrong key, unknown SecretId)");
    println!("interop: {verified}/{n} signatures verified by {SDK}");
    println!(
        "interop: {:.1} s (venv {:.1} s)",
        started.elapsed().as_secs_f64(),
        venv_ready.as_secs_f64()
    );
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} of {n} requests were not verified (seed {}); see above",
            failures.len(),
            options.seed
        ))
    }
}

struct Outcome {
    /// One line per failed case, naming it.
    failures: Vec<String>,
    /// How many negative controls the server rejected, as `k/k`.
    controls: String,
}

async fn run_cases(endpoint: &str, options: &Options, pairs: &[KeyPair]) -> Result<Outcome, String> {
    let controls = negative_controls(endpoint, pairs).await?;
    let mut failures = Vec::new();
    let mut next = 0;
    let mut in_flight = tokio::task::JoinSet::new();
    loop {
        while next < options.requests && in_flight.len() < CONCURRENCY {
            let case = cases::case(options.seed, next, pairs.len());
            let pair = pairs[case.key_pair].clone();
            let endpoint = endpoint.to_owned();
            in_flight.spawn(async move { check(&endpoint, &case, &pair).await.map_err(|e| format!("{case}: {e}")) });
            next += 1;
        }
        match in_flight.join_next().await {
            Some(Ok(Ok(()))) => {}
            Some(Ok(Err(failure))) => failures.push(failure),
            Some(Err(e)) => return Err(format!("a request task failed: {e}")),
            None => break,
        }
    }
    failures.sort_by_key(|f| {
        // "case N ..." sorts by index.
        f.split(' ').nth(1).and_then(|n| n.parse::<u64>().ok())
    });
    Ok(Outcome { failures, controls })
}

/// One client per case: the clock, region, language and credentials are client settings.
fn client(endpoint: &str, case: &Case, pair: &KeyPair) -> Result<Client, String> {
    let mut credentials = Credentials::new(&pair.secret_id, &pair.secret_key);
    if let Some(token) = &case.token {
        credentials = credentials.with_token(token);
    }
    let now = case.now;
    // Both spellings of the endpoint must sign the same host.
    let endpoint = if case.index % 2 == 0 {
        endpoint.to_owned()
    } else {
        format!("{endpoint}/")
    };
    let mut builder = Client::builder()
        .credentials(credentials)
        .endpoint(endpoint)
        .clock(move || now)
        .timeout(std::time::Duration::from_secs(60));
    if let Some(region) = case.region {
        builder = builder.region(region);
    }
    if let Some(language) = case.language {
        builder = builder.language(language);
    }
    builder.build().map_err(|e| format!("cannot build the client: {e}"))
}

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Sends one case and checks the verdict and the echo.
async fn check(endpoint: &str, case: &Case, pair: &KeyPair) -> Result<(), String> {
    let client = client(endpoint, case, pair)?;
    let body = serde_json::to_vec(&case.payload).map_err(|e| format!("cannot serialize the payload: {e}"))?;
    let response: Value = client
        .call::<_, Value, _>(&case.api.service, case.action, &case.payload)
        .await
        .map_err(|e: Error| format!("not verified: {e}"))?;
    if response.get("Verified") != Some(&Value::Bool(true)) {
        return Err(format!("not verified: {response}"));
    }
    let received = response.get("Received").ok_or("no `Received` in the response")?;
    let expected = serde_json::json!({
        "SecretId": pair.secret_id,
        "Service": case.api.service.name,
        "Action": case.action.name,
        "Version": case.api.service.version,
        "Timestamp": case.timestamp,
        "Region": case.region,
        "Language": case.language.map(Language::as_str),
        "TokenSha256": case.token.as_deref().map(|t| sha256_hex(t.as_bytes())),
        "PayloadSha256": sha256_hex(&body),
        "PayloadBytes": body.len(),
    });
    let wrong: Vec<String> = expected
        .as_object()
        .expect("an object")
        .iter()
        .filter(|(k, v)| received.get(k.as_str()) != Some(v))
        .map(|(k, v)| {
            format!(
                "{k}: sent {v}, server received {}",
                received.get(k.as_str()).unwrap_or(&Value::Null)
            )
        })
        .collect();
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "signature verified but the request differs: {}",
            wrong.join("; ")
        ))
    }
}

/// Requests the server must reject, so a server that accepts everything cannot pass.
async fn negative_controls(endpoint: &str, pairs: &[KeyPair]) -> Result<String, String> {
    const ACTION: ActionInfo = ActionInfo::new("DescribeInstances");
    let service = &cases::APIS[0].service;
    let controls = [
        (
            "wrong key",
            Credentials::new(&pairs[0].secret_id, "not-the-key-the-server-knows"),
            "AuthFailure.SignatureFailure",
        ),
        (
            "unknown SecretId",
            Credentials::new("AKIDinteropUnknownSecretId", "any"),
            "AuthFailure.SecretIdNotFound",
        ),
    ];
    let n = controls.len();
    for (what, credentials, want) in controls {
        let client = Client::builder()
            .credentials(credentials)
            .endpoint(endpoint)
            .build()
            .map_err(|e| e.to_string())?;
        let result: Result<Value, Error> = client.call(service, &ACTION, &serde_json::json!({})).await;
        match result {
            Err(e) if e.code().is_some_and(|c| c.0 == want) => {}
            Ok(v) => return Err(format!("negative control `{what}`: the server accepted it: {v}")),
            Err(e) => return Err(format!("negative control `{what}`: want {want}, got {e}")),
        }
    }
    Ok(format!("{n}/{n}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn arguments() {
        let o = parse_args(&args(&["--requests", "12", "--seed", "0x10"])).unwrap();
        assert_eq!((o.requests, o.seed), (12, 16));
        assert_eq!(parse_args(&[]).unwrap().requests, DEFAULT_REQUESTS);
        assert!(parse_args(&args(&["--requests"])).is_err());
        assert!(parse_args(&args(&["--requests", "0"])).is_err());
        assert!(parse_args(&args(&["--bogus", "1"])).is_err());
    }
}
