//! How well the value sets read from the docs fit the official examples.
//!
//! Runs `assign_value_sets` on the specs in `api-specs/` and follows every example request and
//! response through the shapes: a value of a member that has a set is *named* when the set lists
//! it and *Unknown* when not. Prints a table (`cargo test -p xtask --test value_sets --
//! --nocapture`) and fails when the figures fall below what the extractor achieved. Set
//! `VALUE_SETS_DUMP=path` to also write every set and every skipped reading, for review.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::Value;
use tencentcloud_codegen::spec::value_sets::{assign_value_sets, ValueSetReport};
use tencentcloud_codegen::spec::{load_spec, Spec, Type};
use xtask::workspace;

const VERSIONS: [(&str, &str); 3] = [
    ("wedata", "2021-08-20"),
    ("wedata", "2025-08-06"),
    ("dts", "2021-12-06"),
];

#[derive(Default)]
struct Tally {
    named: usize,
    unknown: usize,
    /// Null or empty: no value to check.
    empty: usize,
    /// (member, set) -> the example values the set does not list.
    contradicted: BTreeMap<(String, String), BTreeSet<String>>,
}

impl Tally {
    fn share(&self) -> f64 {
        let seen = self.named + self.unknown;
        if seen == 0 {
            1.0
        } else {
            self.named as f64 / seen as f64
        }
    }
}

/// Follows `value` through `ty`; `set` is the value set of the member it belongs to.
fn walk(spec: &Spec, ty: &Type, value: &Value, member: &str, set: Option<&str>, tally: &mut Tally) {
    match (ty, value) {
        (Type::Object(name), Value::Object(map)) => {
            let Some(shape) = spec.shapes.get(name) else { return };
            for (key, v) in map {
                if let Some(m) = shape.members.iter().find(|m| &m.name == key) {
                    let at = format!("{name}.{key}");
                    walk(spec, &m.ty, v, &at, m.value_set.as_deref(), tally);
                }
            }
        }
        (Type::List(inner), Value::Array(items)) => {
            for item in items {
                walk(spec, inner, item, member, set, tally);
            }
        }
        (_, value) => {
            let Some(set_name) = set else { return };
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => String::new(),
            };
            if text.is_empty() {
                tally.empty += 1;
                return;
            }
            let listed = spec.value_sets[set_name].values.iter().any(|v| v.value == text);
            if listed {
                tally.named += 1;
            } else {
                tally.unknown += 1;
                tally
                    .contradicted
                    .entry((member.to_owned(), set_name.to_owned()))
                    .or_default()
                    .insert(text);
            }
        }
    }
}

/// The China site's examples (and the pages'), which the floors below were measured on. The
/// English ones (`origin: intl`) are left out: the sets are read from the Chinese docs, and
/// the English examples' placeholder values (`abc`, `xx`) would only add noise; the examples
/// test round-trips them all the same.
fn examples(spec: &Spec) -> Tally {
    let mut tally = Tally::default();
    for action in spec.actions.values() {
        for example in action.examples.iter().filter(|e| e.origin.is_none()) {
            if let Some(input) = &example.input {
                walk(spec, &Type::Object(action.input.clone()), input, "", None, &mut tally);
            }
            if let Some(output) = example.output.as_ref().and_then(|o| o.get("Response")) {
                walk(spec, &Type::Object(action.output.clone()), output, "", None, &mut tally);
            }
        }
    }
    tally
}

fn dump(out: &mut String, label: &str, spec: &Spec, report: &ValueSetReport) {
    let _ = writeln!(out, "######## {label}");
    for (name, set) in &spec.value_sets {
        let values: Vec<String> = set
            .values
            .iter()
            .map(|v| {
                if v.docs.is_empty() {
                    v.value.clone()
                } else {
                    format!("{}={}", v.value, v.docs)
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "SET {name} [{:?} {:?} {}] {}\n    {}",
            set.kind,
            set.confidence,
            set.pattern,
            set.members.join(" "),
            values.join(" | ")
        );
    }
    for (member, e) in &report.low {
        let values: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
        let _ = writeln!(out, "LOW {member} [{}] {}", e.pattern, values.join(" | "));
    }
    for (member, e) in &report.kind_mismatch {
        let values: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
        let _ = writeln!(out, "MISMATCH {member} [{}] {}", e.pattern, values.join(" | "));
    }
    for (member, e) in &report.numbered_cases {
        let values: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
        let _ = writeln!(out, "CASES {member} [{}] {}", e.pattern, values.join(" | "));
    }
}

#[test]
fn value_sets_fit_the_examples() {
    let mut table = String::new();
    let mut contradictions = String::new();
    let mut dumped = String::new();
    let mut total = Tally::default();
    let _ = writeln!(
        table,
        "{:<18} {:>5} {:>6} {:>4} {:>8} {:>5} {:>6} {:>7} {:>6} {:>6} {:>8}",
        "version", "high", "medium", "low", "mismatch", "sets", "named", "unknown", "empty", "share", "contra"
    );
    let mut checked = 0;
    for (service, version) in VERSIONS {
        let path = workspace::spec_path(service, version);
        if !path.exists() {
            continue;
        }
        checked += 1;
        let mut spec = load_spec(&path).unwrap_or_else(|e| panic!("{e}"));
        let report = assign_value_sets(&mut spec);
        tencentcloud_codegen::spec::validate(&spec).unwrap_or_else(|e| panic!("{service} {version}: {e:?}"));
        let tally = examples(&spec);
        let label = format!("{service} {version}");
        let _ = writeln!(
            table,
            "{:<18} {:>5} {:>6} {:>4} {:>8} {:>5} {:>6} {:>7} {:>6} {:>5.1}% {:>8}",
            label,
            report.high.len(),
            report.medium.len(),
            report.low.len(),
            report.kind_mismatch.len(),
            report.sets,
            tally.named,
            tally.unknown,
            tally.empty,
            tally.share() * 100.0,
            tally.contradicted.len()
        );
        for ((member, set), values) in &tally.contradicted {
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            let _ = writeln!(contradictions, "  {label}: {member} ({set}) saw {}", values.join(", "));
        }
        dump(&mut dumped, &label, &spec, &report);

        // Floors: what the extractor achieves on these specs (members with a set, share of
        // example values the sets name, most sets the examples contradict).
        let (min_assigned, min_share, max_contradicted) = match (service, version) {
            ("wedata", "2021-08-20") => (345, 0.86, 40),
            ("wedata", "2025-08-06") => (205, 0.89, 15),
            _ => (130, 0.88, 10),
        };
        assert!(
            report.assigned() >= min_assigned,
            "{label}: {} members with a set",
            report.assigned()
        );
        assert!(tally.share() >= min_share, "{label}: share {:.3}", tally.share());
        assert!(
            tally.contradicted.len() <= max_contradicted,
            "{label}: {} sets contradicted",
            tally.contradicted.len()
        );

        total.named += tally.named;
        total.unknown += tally.unknown;
        total.empty += tally.empty;
        total.contradicted.extend(tally.contradicted);
    }
    let _ = writeln!(
        table,
        "{:<18} {:>5} {:>6} {:>4} {:>8} {:>5} {:>6} {:>7} {:>6} {:>5.1}% {:>8}",
        "all",
        "",
        "",
        "",
        "",
        "",
        total.named,
        total.unknown,
        total.empty,
        total.share() * 100.0,
        total.contradicted.len()
    );
    println!("Value sets against the official (zh) examples:\n{table}");
    println!("Sets the examples contradict:\n{contradictions}");
    if let Ok(path) = std::env::var("VALUE_SETS_DUMP") {
        std::fs::write(&path, dumped).unwrap();
    }
    if checked > 0 {
        assert!(total.share() >= 0.88, "overall share {:.3}", total.share());
    }
}
