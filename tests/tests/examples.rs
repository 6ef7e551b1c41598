//! Every documented example of every spec goes through its generated type: responses are
//! decoded and re-encoded and must come back equal (no field lost, none invented); request
//! bodies likewise. Mismatches must be listed in `tests/fixtures/example-exceptions.txt`, and
//! a listed exception that no longer happens fails the test too, so the list stays exact.
//!
//! Policy: `null` and an absent field are the same to the SDK (`Option::None`), so `null`
//! members are dropped from both sides before comparing; numbers compare by value (`0` sent
//! for a float member comes back as `0.0`).

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use tencentcloud_codegen::spec::load_spec;

/// (service, version, action) -> generated request/response type; written by `cargo xtask regen`.
mod dispatch {
    include!("../generated/dispatch.rs");
}
use dispatch::error_code_is_known;
use sdk_tests::roundtrip;
use tencentcloud_runtime::shape::{take_corrections, Correction};

#[test]
fn every_example_round_trips_through_its_generated_type() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut failures = BTreeSet::new();
    let mut corrected = BTreeSet::new();
    let (mut responses, mut requests, mut errors) = (0, 0, 0);
    for entry in std::fs::read_dir(root.join("api-specs")).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() || dir.ends_with("sources") {
            continue;
        }
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let spec = load_spec(&path).unwrap_or_else(|e| panic!("{e}"));
            for (action, found) in &spec.actions {
                let types = dispatch::action(&spec.service, &spec.version, action).expect("every action dispatches");
                for (i, example) in found.examples.iter().enumerate() {
                    let at = format!("{} {} {action} example {}", spec.service, spec.version, i + 1);
                    if let Some(input) = &example.input {
                        requests += 1;
                        let result = roundtrip(input, types.request);
                        check(&mut failures, &mut corrected, &format!("{at} request"), input, result);
                    }
                    if let Some(output) = &example.output {
                        responses += 1;
                        let Some(body) = output.get("Response") else {
                            failures.insert(format!("{at} response: no `Response` envelope"));
                            continue;
                        };
                        // An error example: its code must be one the generated enum knows.
                        if let Some(error) = body.get("Error") {
                            errors += 1;
                            match error.get("Code").and_then(Value::as_str) {
                                Some(code) if error_code_is_known(&spec.service, &spec.version, code) == Some(true) => {
                                }
                                Some(code) => {
                                    failures
                                        .insert(format!("{at} error: code `{code}` is not in the generated ErrorCode"));
                                }
                                None => {
                                    failures.insert(format!("{at} error: no `Error.Code`"));
                                }
                            }
                            continue;
                        }
                        let result = roundtrip(body, types.response);
                        check(&mut failures, &mut corrected, &format!("{at} response"), body, result);
                    }
                }
            }
        }
    }
    assert!(responses > 0 && requests > 0, "no examples found");
    let listed: BTreeSet<String> = std::fs::read_to_string(root.join("tests/fixtures/example-exceptions.txt"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    let new: Vec<_> = failures.difference(&listed).collect();
    let gone: Vec<_> = listed.difference(&failures).collect();
    assert!(
        new.is_empty() && gone.is_empty(),
        "{responses} response ({errors} of them errors) and {requests} request examples.\nNew mismatches (fix, or list in tests/fixtures/example-exceptions.txt):\n{}\nListed but no longer happening (remove from the list):\n{}",
        new.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"),
        gone.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"),
    );
    eprintln!(
        "{responses} response ({errors} of them errors) and {requests} request examples checked; {} listed exceptions; \
         {} values corrected by the decoder (a required member missing, a null list item):\n{}",
        listed.len(),
        corrected.len(),
        corrected.iter().map(String::as_str).collect::<Vec<_>>().join("\n")
    );
}

/// Records how `original` fails to round trip. What the decoder corrected (a required member
/// the example leaves out comes back as its empty value; a `null` list item as the empty
/// value), as its warnings say, is counted apart: it is the decoder's policy working, not a
/// mismatch.
fn check(
    failures: &mut BTreeSet<String>,
    corrected: &mut BTreeSet<String>,
    at: &str,
    original: &Value,
    result: Result<Value, String>,
) {
    let corrections = take_corrections();
    match result {
        Err(e) => {
            failures.insert(format!("{at}: does not decode: {e}"));
        }
        Ok(back) => {
            let mut diffs = Vec::new();
            diff("", &without_nulls(original), &without_nulls(&back), &mut diffs);
            for d in diffs {
                let by_decoder = corrections.iter().any(|c| match c {
                    Correction::MissingMember { member, .. } => d.ends_with(&format!(".{member} invented")),
                    Correction::NullItem => {
                        d.ends_with("changed from null to \"\"") || d.ends_with("changed from null to 0")
                    }
                    Correction::ListForScalar => d.contains("changed from [") && !d.ends_with(" to ["),
                    _ => false,
                });
                if by_decoder {
                    corrected.insert(format!("{at}: {d}"));
                } else {
                    failures.insert(format!("{at}: {d}"));
                }
            }
        }
    }
}

fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// Field paths where `a` (the example) and `b` (re-encoded) differ.
fn diff(path: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) => diff(&format!("{path}.{k}"), v, w, out),
                    None => out.push(format!("{path}.{k} lost")),
                }
            }
            for k in y.keys().filter(|k| !x.contains_key(*k)) {
                out.push(format!("{path}.{k} invented"));
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                diff(&format!("{path}[{i}]"), v, w, out);
            }
        }
        _ if a == b => {}
        // `0` sent for a float member comes back as `0.0`: the same number.
        (Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => {}
        _ => out.push(format!("{path} changed from {a} to {b}")),
    }
}
