//! The doc-page importer on a corpus of real reference pages (`tests/pages/`, see its README):
//! every page is imported with `parse_page` and compared with what the official definitions
//! say about its action (`expected.json`, from pinned `tccli` / `tccli-intl-en` wheels).
//!
//! A difference is the page's when `page_vs_definitions` records it (the page is older than the
//! definitions, or shows a display type); otherwise it is the importer's. The test prints a
//! table (`cargo test -p xtask --test doc_page_corpus -- --nocapture`) and fails when a figure
//! falls below the floor reached so far.

mod corpus_pages;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::Value;
use tencentcloud_codegen::spec::{Member, Spec};
use xtask::import::doc_page::parse_page;

/// Floors: the figures reached; raise them as the importer improves. The one page that does
/// not import (`scf...CreateNamespace.en`) has a row that lost a cell, which is an error.
const MIN_IMPORTED: usize = 53;
const MIN_MEMBERS_RIGHT: usize = 235;
const MIN_REQUIRED_RIGHT: usize = 100;
const MIN_NULLABLE_RIGHT: usize = 113;
const MIN_EXAMPLES_KEPT: usize = 32;
/// The page above, and `InstanceId` of `DescribeInstanceNodeInfo` (three copies): required by
/// the definitions, but its zh page leaves the column empty and says nothing, so the safe
/// reading is optional.
const MAX_FAULTS: usize = 4;

fn read_json(name: &str) -> Value {
    let path = corpus_pages::dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn str_of<'v>(value: &'v Value, key: &str) -> &'v str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Where a difference comes from.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Blame {
    /// The page differs from the definitions (`page_vs_definitions` says so).
    Page,
    Importer,
}

/// Counts of one kind of check.
#[derive(Default, Clone, Copy)]
struct Score {
    right: usize,
    /// Wrong, but the page says so.
    page: usize,
    /// Wrong by the importer's doing.
    fault: usize,
}

impl Score {
    fn add(&mut self, outcome: Option<Blame>) {
        match outcome {
            None => self.right += 1,
            Some(Blame::Page) => self.page += 1,
            Some(Blame::Importer) => self.fault += 1,
        }
    }

    fn merge(&mut self, other: Score) {
        self.right += other.right;
        self.page += other.page;
        self.fault += other.fault;
    }

    fn cell(&self) -> String {
        let mut cell = format!("{}/{}", self.right, self.right + self.fault);
        if self.page > 0 {
            let _ = write!(cell, " +{}p", self.page);
        }
        cell
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".to_owned()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}

#[derive(Default)]
struct PageResult {
    imported: bool,
    members: Score,
    required: Score,
    /// `required` where the page's column is empty, so the importer had to decide.
    guessed: Score,
    /// Of those, wrong in the costly direction: required where the definitions say optional.
    guessed_wrongly_required: usize,
    nullable: Score,
    header: Score,
    examples_kept: usize,
    examples_shown: usize,
    faults: Vec<String>,
    page_differences: Vec<String>,
}

/// `list<Tag>` -> (`Tag`, true).
fn split_type(member: &Member) -> (String, bool) {
    let text = member.ty.to_string();
    match text.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        Some(inner) => (inner.to_owned(), true),
        None => (text, false),
    }
}

/// Whether the imported base type is what the definitions' `member` names. The pages write
/// every integer `Integer` (imported `int64`) and every real `Float`.
fn same_base(imported: &str, defined: &str) -> bool {
    imported == defined
        || (imported == "int64" && ["uint64", "int32", "uint32", "int", "integer"].contains(&defined))
        || (imported == "float" && defined == "double")
}

/// The recorded page/definitions differences of one member, by kind.
fn differences<'e>(expected: &'e Value, side: &str, name: &str) -> BTreeSet<&'e str> {
    expected["page_vs_definitions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| str_of(d, "side") == side && str_of(d, "member").trim_end_matches(".N") == name)
        .map(|d| str_of(d, "kind"))
        .collect()
}

fn compare_side(result: &mut PageResult, expected: &Value, side: &str, members: &[Member]) {
    let key = if side == "input" { "inputs" } else { "outputs" };
    let imported: BTreeMap<&str, &Member> = members.iter().map(|m| (m.name.as_str(), m)).collect();
    let Some(defined) = expected[key].as_array() else {
        // The action is not in the definitions: the page rows are all there is to check.
        let rows = expected[if side == "input" { "page_inputs" } else { "page_outputs" }]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let names: BTreeSet<String> = rows
            .iter()
            .map(|r| str_of(r, "name").trim_end_matches(".N").to_owned())
            .collect();
        for name in &names {
            let found = imported.contains_key(name.as_str());
            if !found {
                result.faults.push(format!("{side} `{name}`: not imported"));
            }
            result.members.add((!found).then_some(Blame::Importer));
        }
        for name in imported.keys().filter(|n| !names.contains(**n)) {
            result.faults.push(format!("{side} `{name}`: not on the page"));
            result.members.add(Some(Blame::Importer));
        }
        return;
    };
    let mut seen = BTreeSet::new();
    for d in defined {
        let name = str_of(d, "name");
        seen.insert(name);
        let known = differences(expected, side, name);
        let Some(member) = imported.get(name) else {
            if known.contains("defs_only") {
                result
                    .page_differences
                    .push(format!("{side} `{name}` only in the definitions"));
                result.members.add(Some(Blame::Page));
            } else {
                result.faults.push(format!("{side} `{name}`: not imported"));
                result.members.add(Some(Blame::Importer));
            }
            continue;
        };
        let (base, list) = split_type(member);
        let want_list = d["list"].as_bool().unwrap_or(false);
        let type_ok = same_base(&base, str_of(d, "type")) && list == want_list;
        if type_ok {
            result.members.add(None);
        } else if known.contains("type_differs") || known.contains("list_suffix_differs") {
            result
                .page_differences
                .push(format!("{side} `{name}` typed differently"));
            result.members.add(Some(Blame::Page));
        } else {
            result.faults.push(format!(
                "{side} `{name}`: imported `{}`, defined {}{}",
                member.ty,
                if want_list { "list of " } else { "" },
                str_of(d, "type")
            ));
            result.members.add(Some(Blame::Importer));
        }
        if side == "input" {
            let want = d["required"].as_bool().unwrap_or(false);
            let outcome = if member.required == want {
                None
            } else if known.contains("required_differs") {
                result
                    .page_differences
                    .push(format!("input `{name}` required differently"));
                Some(Blame::Page)
            } else {
                result
                    .faults
                    .push(format!("input `{name}`: required={}, defined {want}", member.required));
                Some(Blame::Importer)
            };
            result.required.add(outcome);
            let column_empty = expected["page_inputs"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|r| str_of(r, "name").trim_end_matches(".N") == name && r["required"].is_null());
            if column_empty {
                result.guessed.add(outcome);
                result.guessed_wrongly_required += usize::from(member.required && !want);
            }
        } else {
            let want = d["nullable"].as_bool().unwrap_or(false);
            if member.nullable == want {
                result.nullable.add(None);
            } else if known.contains("nullable_differs") {
                result
                    .page_differences
                    .push(format!("output `{name}` nullable differently"));
                result.nullable.add(Some(Blame::Page));
            } else {
                result
                    .faults
                    .push(format!("output `{name}`: nullable={}, defined {want}", member.nullable));
                result.nullable.add(Some(Blame::Importer));
            }
        }
    }
    for name in imported.keys().filter(|n| !seen.contains(**n)) {
        if differences(expected, side, name).contains("page_only") {
            result
                .page_differences
                .push(format!("{side} `{name}` only on the page"));
            result.members.add(Some(Blame::Page));
        } else {
            result.faults.push(format!("{side} `{name}`: not in the definitions"));
            result.members.add(Some(Blame::Importer));
        }
    }
}

fn compare(spec: &Spec, expected: &Value) -> PageResult {
    let mut result = PageResult {
        imported: true,
        examples_shown: expected["examples_shown"].as_u64().map_or(0, |n| n as usize),
        ..PageResult::default()
    };
    let Some(action) = spec.actions.values().next() else {
        result.faults.push("no action".into());
        return result;
    };
    let members = |name: &str| spec.shapes.get(name).map(|s| s.members.clone()).unwrap_or_default();
    compare_side(&mut result, expected, "input", &members(&action.input));
    compare_side(&mut result, expected, "output", &members(&action.output));

    let mut check = |what: &str, ok: bool, shown: String| {
        result.header.add((!ok).then_some(Blame::Importer));
        if !ok {
            result.faults.push(format!("{what}: {shown}"));
        }
    };
    let domain = spec.domains.first().map_or("", String::as_str);
    check(
        "domain",
        domain == str_of(expected, "page_domain"),
        format!("`{domain}`, the page says `{}`", str_of(expected, "page_domain")),
    );
    let rate = expected["rate_limit"].as_u64().and_then(|n| u32::try_from(n).ok());
    check(
        "rate limit",
        action.rate_limit == rate,
        format!("{:?}, the page says {rate:?}", action.rate_limit),
    );
    let codes: Vec<&str> = expected["error_codes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    check(
        "error codes",
        action.errors == codes,
        format!("{:?}, the page lists {codes:?}", action.errors),
    );
    result.examples_kept = action
        .examples
        .iter()
        .filter(|e| e.input.is_some() || e.output.is_some())
        .count();
    if result.examples_kept != result.examples_shown {
        result.faults.push(format!(
            "examples: kept {} of {} shown",
            result.examples_kept, result.examples_shown
        ));
    }
    result
}

#[test]
fn corpus_pages_import_as_the_definitions_say() {
    let manifest = read_json("manifest.json");
    let expected = read_json("expected.json");
    let entries = manifest.as_array().expect("manifest.json is a list");
    let mut table = String::new();
    let mut totals = PageResult::default();
    let mut imported = 0;
    let mut real_imported = 0;
    let mut layouts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut details = String::new();
    let _ = writeln!(
        table,
        "{:<58} {:>6} {:>11} {:>9} {:>9} {:>6} {:>5}",
        "page", "import", "members", "required", "nullable", "header", "exmpl"
    );
    for entry in entries {
        let file = str_of(entry, "file");
        let text = corpus_pages::text(file);
        let want = &expected["pages"][file];
        assert!(want.is_object(), "{file}: not in expected.json");
        let layout = layouts.entry(str_of(entry, "layout")).or_default();
        layout.0 += 1;
        let result = match parse_page(file, &text) {
            Ok(import) => {
                imported += 1;
                real_imported += usize::from(entry["synthetic"].is_null());
                layout.1 += 1;
                compare(&import.spec, want)
            }
            Err(err) => PageResult {
                examples_shown: want["examples_shown"].as_u64().map_or(0, |n| n as usize),
                faults: vec![format!("not imported: {err}")],
                ..PageResult::default()
            },
        };
        let _ = writeln!(
            table,
            "{:<58} {:>6} {:>11} {:>9} {:>9} {:>6} {:>5}",
            file.strip_suffix(".txt").unwrap_or(file),
            if result.imported { "ok" } else { "ERROR" },
            result.members.cell(),
            result.required.cell(),
            result.nullable.cell(),
            result.header.cell(),
            format!("{}/{}", result.examples_kept, result.examples_shown),
        );
        for fault in &result.faults {
            let _ = writeln!(details, "  {file}: {fault}");
        }
        for difference in &result.page_differences {
            let _ = writeln!(details, "  {file}: (page) {difference}");
        }
        totals.members.merge(result.members);
        totals.required.merge(result.required);
        totals.guessed.merge(result.guessed);
        totals.guessed_wrongly_required += result.guessed_wrongly_required;
        totals.nullable.merge(result.nullable);
        totals.header.merge(result.header);
        totals.examples_kept += result.examples_kept;
        totals.examples_shown += result.examples_shown;
        totals.faults.extend(result.faults);
    }
    let pages = entries.len();
    let synthetic = entries.iter().filter(|e| e["synthetic"].is_object()).count();
    let services: BTreeSet<&str> = entries.iter().map(|e| str_of(e, "service")).collect();
    let fully = layouts.values().filter(|(n, ok)| n == ok).count();
    let summary = format!(
        "pages {pages} ({synthetic} synthetic), services {}, layouts {} ({fully} imported on every page)\n\
         import rate {imported}/{pages} ({}); real pages {real_imported}/{}\n\
         members right {}/{} ({}), {} differ as the page does\n\
         required right {}/{} ({}), {} differ as the page does; where the column is empty {}/{} ({}), {} wrongly required\n\
         nullable right {}/{} ({}), {} differ as the page does\n\
         domain, rate limit, error codes right {}/{}\n\
         examples kept {} of {} shown\n\
         importer faults {}",
        services.len(),
        layouts.len(),
        percent(imported, pages),
        pages - synthetic,
        totals.members.right,
        totals.members.right + totals.members.fault,
        percent(totals.members.right, totals.members.right + totals.members.fault),
        totals.members.page,
        totals.required.right,
        totals.required.right + totals.required.fault,
        percent(totals.required.right, totals.required.right + totals.required.fault),
        totals.required.page,
        totals.guessed.right,
        totals.guessed.right + totals.guessed.fault,
        percent(totals.guessed.right, totals.guessed.right + totals.guessed.fault),
        totals.guessed_wrongly_required,
        totals.nullable.right,
        totals.nullable.right + totals.nullable.fault,
        percent(totals.nullable.right, totals.nullable.right + totals.nullable.fault),
        totals.nullable.page,
        totals.header.right,
        totals.header.right + totals.header.fault,
        totals.examples_kept,
        totals.examples_shown,
        totals.faults.len(),
    );
    let mut layout_lines = String::new();
    for (layout, (n, ok)) in &layouts {
        let _ = writeln!(layout_lines, "  {ok}/{n}  {layout}");
    }
    println!("{table}\nlayouts (imported/pages):\n{layout_lines}\ndifferences:\n{details}\n{summary}");

    assert!(imported >= MIN_IMPORTED, "import rate fell: {summary}");
    assert!(
        totals.members.right >= MIN_MEMBERS_RIGHT,
        "member accuracy fell: {summary}"
    );
    assert!(
        totals.required.right >= MIN_REQUIRED_RIGHT,
        "required accuracy fell: {summary}"
    );
    assert!(
        totals.nullable.right >= MIN_NULLABLE_RIGHT,
        "nullable accuracy fell: {summary}"
    );
    assert!(
        totals.examples_kept >= MIN_EXAMPLES_KEPT,
        "examples kept fell: {summary}"
    );
    assert!(totals.faults.len() <= MAX_FAULTS, "more importer faults: {summary}");
    // An empty required column never becomes a wrongly required member.
    assert_eq!(
        totals.guessed_wrongly_required, 0,
        "wrongly required members: {summary}"
    );
}
