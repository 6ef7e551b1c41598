//! `parse_page` returns (Ok or Err) on any input, never panics; what it returns holds
//! together: an Ok spec validates, round-trips through the spec format and merges; every
//! line it names is on the page.
//!
//! Inputs: arbitrary strings, page-like lines, generated pages in the three table layouts
//! with random example JSON, and the seed pages mutated (lines deleted, duplicated, swapped, replaced; bytes flipped; truncation).
//! `PROPTEST_CASES=N` overrides the number of cases for a longer session.

mod seed_pages;

use std::path::Path;

use proptest::prelude::*;
use tencentcloud_codegen::spec::{parse_spec, to_pretty_json, validate, Spec};
use xtask::import::doc_page::{merge_page, parse_page};

fn config(cases: u32) -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    config.failure_persistence = None;
    config
}

/// Everything `parse_page` promises, for one input.
fn check(text: &str) {
    let lines = u32::try_from(text.split('\n').count()).unwrap_or(u32::MAX);
    match parse_page("fuzz.txt", text) {
        Ok(import) => {
            validate(&import.spec).unwrap();
            let json = to_pretty_json(&import.spec);
            let back = parse_spec(Path::new("fuzz.json"), &json).unwrap_or_else(|e| panic!("{e}\n{json}"));
            assert_eq!(back, import.spec);
            for warning in &import.warnings {
                assert!(
                    (1..=lines).contains(&warning.line),
                    "{warning} (page has {lines} lines)"
                );
                assert_eq!(warning.file, "fuzz.txt");
            }
            let mut merged = Spec::default();
            let mut warnings = Vec::new();
            merge_page(&mut merged, import.spec.clone(), &mut warnings);
            merge_page(&mut merged, import.spec, &mut warnings);
            validate(&merged).unwrap();
        }
        Err(err) => {
            assert!((1..=lines).contains(&err.line), "{err} (page has {lines} lines)");
            assert_eq!(err.file, "fuzz.txt");
        }
    }
}

/// Lines as the pages have them, to reach past the first checks.
const PAGE_LINES: &[&str] = &[
    "1. 接口描述",
    "接口请求域名: wedata.tencentcloudapi.com 。",
    "Domain name for API request: dts.intl.tencentcloudapi.com.",
    "查询",
    "默认接口请求频率限制:20次/秒。",
    "A maximum of 99999999999 requests can be initiated per second for this API.",
    "2. 输入参数",
    "参数名称 | 必选 | 类型 | 描述 |",
    "---|---|---|---|",
    "Action | 是 | String | 公共参数,本接口取值:DoIt。 |",
    "Version | 是 | String | 公共参数,本接口取值:2021-08-20。 |",
    "Region | 是 | String | 公共参数 |",
    "Token | 否 | String | 公共参数 |",
    "Nonce | 否 | Integer | 随机数 |",
    "X.N | 否 | Array of Y | 列表 示例值:1 |",
    "X | | Y | 描述 | 多余 |",
    "Z | 否 | Timestamp ISO8601 | 时间 |",
    "3. 输出参数",
    "参数名称 | 类型 | 描述 |",
    "---|---|---|",
    "Y | Z | 注意:此字段可能返回 null,表示取不到有效值。 |",
    "W | Array of Z | 列表 |",
    "RequestId | String | id |",
    "4. 示例",
    "示例1 标题",
    "Example2",
    "输入示例",
    "POST / HTTP/1.1",
    "Host: wedata.tencentcloudapi.com",
    "X-TC-Action: Other",
    "<公共请求参数>",
    "{",
    "}",
    "{\"X\": [{\"a\": 1}, {\"a\": \"s\"}, {\"b\": [[]]}], \"\": null}",
    "\"X\": [{\"a\": 1, \"\": 2}, {\"a\": 1.5, \"c\": {\"d\": null}}, null, 3],",
    "\"Y\": {\"a\": [1, \"x\", null, {\"b\": []}], \"big\": 18446744073709551615, \"neg\": -1},",
    "\"Response\": {",
    "{\"Response\": {\"Y\": {\"big\": 1}, \"W\": [{\"q\": true}], \"RequestId\": \"r\"}}",
    "{\"Response\": {\"Error\": {\"Code\": \"A\"}}}",
    "输出示例",
    "5. 开发者资源",
    "6. 错误码",
    "错误码 | 描述 |",
    "A.B | c |",
    "A.B | d |",
    "| Parameter Name |",
    "Required |",
    "Type |",
    "Description |",
    "| Action |",
    "Yes |",
    "String |",
    "Common Params. The value used for this API: DoIt. |",
    "| Error Code |",
    "参数名称 必选 类型 描述",
    "参数名称 类型 描述",
    "Action String 公共参数,本接口取值:DoIt。",
    "Version String 公共参数,本接口取值:2021-08-20。",
    "Y Z 示例值:1",
    "取值可参考:",
    "错误码 描述",
    "FailedOperation 操作失败。",
    "",
];

fn page_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(PAGE_LINES).prop_map(str::to_owned),
        1 => ".{0,24}",
    ]
}

#[derive(Clone, Debug)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    ReplaceLine(usize, String),
    InsertLine(usize, String),
    FlipByte(usize, u8),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<usize>().prop_map(Mutation::DeleteLine),
        2 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        2 => (any::<usize>(), page_line()).prop_map(|(i, l)| Mutation::ReplaceLine(i, l)),
        2 => (any::<usize>(), page_line()).prop_map(|(i, l)| Mutation::InsertLine(i, l)),
        3 => (any::<usize>(), 1..=255u8).prop_map(|(i, x)| Mutation::FlipByte(i, x)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// The seed pages, read once: a case should not depend on the file system.
fn seed_text(location: &str) -> &'static str {
    static TEXTS: std::sync::OnceLock<Vec<(&str, String)>> = std::sync::OnceLock::new();
    let texts = TEXTS.get_or_init(|| seed_pages::ALL.iter().map(|&l| (l, seed_pages::text(l))).collect());
    texts
        .iter()
        .find(|(l, _)| *l == location)
        .map_or("", |(_, text)| text.as_str())
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_owned();
    for mutation in mutations {
        let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let n = lines.len().max(1);
        match mutation {
            Mutation::DeleteLine(i) if lines.len() > 1 => {
                lines.remove(i % n);
            }
            Mutation::DuplicateLine(i) => {
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
            Mutation::ReplaceLine(i, line) => lines[i % n] = line.clone(),
            Mutation::InsertLine(i, line) => lines.insert(i % (n + 1), line.clone()),
            Mutation::FlipByte(i, x) => {
                let mut bytes = text.into_bytes();
                if !bytes.is_empty() {
                    let at = i % bytes.len();
                    bytes[at] ^= x;
                }
                text = String::from_utf8_lossy(&bytes).into_owned();
                continue;
            }
            Mutation::Truncate(i) => {
                let bytes = text.as_bytes();
                text = String::from_utf8_lossy(&bytes[..i % (bytes.len() + 1)]).into_owned();
                continue;
            }
            Mutation::DeleteLine(_) => {}
        }
        text = lines.join("\n");
    }
    text
}

/// Parameter rows (name, required, type, description) for generated pages.
const INPUT_ROWS: &[(&str, &str, &str, &str)] = &[
    ("TaskId", "是", "String", "任务 示例值:1"),
    ("Status.N", "否", "Array of String", "状态"),
    ("Info", "否", "Info", "信息"),
    ("Items", "", "Array of Item", "列表"),
    (
        "Count",
        "否",
        "Integer",
        "数目 注意:此字段可能返回 null,表示取不到有效值。 示例值:2",
    ),
    ("Big", "Yes", "UInt64", "x"),
    ("When", "No", "Timestamp ISO8601", "t"),
    ("Token", "否", "String", "公共参数"),
];
const OUTPUT_ROWS: &[(&str, &str, &str, &str)] = &[
    ("Info", "", "Info", "信息 注意:此字段可能返回 null,表示取不到有效值。"),
    ("Items", "", "Array of Item", "x"),
    ("Other", "", "Other", "y"),
    ("Total", "", "Integer", "n"),
    ("RequestId", "", "String", "id"),
];
const ERROR_ROWS: &[(&str, &str)] = &[
    ("FailedOperation", "操作失败。"),
    ("InvalidParameter.Bad", "参数错误。"),
    ("A_b.C", "x"),
];
const KEYS: &[&str] = &["Info", "Items", "Other", "TaskId", "a", "b", "c", "", "RequestId"];

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        "[a-z]{0,4}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..5)
                .prop_map(|members| Value::Object(members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

fn json_object() -> impl Strategy<Value = serde_json::Value> {
    prop::collection::vec((prop::sample::select(KEYS), json_value()), 0..5)
        .prop_map(|members| serde_json::Value::Object(members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
}

#[derive(Clone, Copy, Debug)]
enum Layout {
    PipeRows,
    CellLines,
    Spaced,
}

fn table(layout: Layout, labels: &[&str], rows: &[Vec<&str>]) -> Vec<String> {
    match layout {
        Layout::PipeRows => std::iter::once(format!("{} |", labels.join(" | ")))
            .chain(std::iter::once("---|".repeat(labels.len())))
            .chain(rows.iter().map(|r| format!("{} |", r.join(" | "))))
            .collect(),
        Layout::CellLines => {
            let mut lines = Vec::new();
            for cells in std::iter::once(labels.to_vec()).chain(rows.iter().cloned()) {
                for (i, cell) in cells.iter().enumerate() {
                    lines.push(if i == 0 {
                        format!("| {cell} |")
                    } else {
                        format!("{cell} |")
                    });
                }
            }
            lines
        }
        Layout::Spaced => std::iter::once(labels.join(" "))
            .chain(rows.iter().map(|r| r.join(" ")))
            .collect(),
    }
}

/// A page in one of the three layouts, with random rows, example JSON and a few stray lines.
fn generated_page() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![Layout::PipeRows, Layout::CellLines, Layout::Spaced]),
        prop::sample::subsequence(INPUT_ROWS, 0..=INPUT_ROWS.len()),
        prop::sample::subsequence(OUTPUT_ROWS, 0..=OUTPUT_ROWS.len()),
        prop::collection::vec((json_object(), json_object()), 0..3),
        prop::sample::subsequence(ERROR_ROWS, 0..=ERROR_ROWS.len()),
        prop::collection::vec((any::<usize>(), page_line()), 0..3),
    )
        .prop_map(|(layout, inputs, outputs, examples, errors, stray)| {
            let english = matches!(layout, Layout::CellLines);
            let mut lines: Vec<String> = vec![
                "1. 接口描述".into(),
                if english {
                    "Domain name for API request: wedata.intl.tencentcloudapi.com.".into()
                } else {
                    "接口请求域名: wedata.tencentcloudapi.com 。".into()
                },
                "标题".into(),
                "默认接口请求频率限制:20次/秒。".into(),
                "2. 输入参数".into(),
            ];
            let common = [
                ("Action", "是", "String", "公共参数,本接口取值:DoIt。"),
                ("Version", "是", "String", "公共参数,本接口取值:2021-08-20。"),
            ];
            let rows: Vec<Vec<&str>> = common
                .iter()
                .chain(&inputs)
                .map(|&(n, r, t, d)| vec![n, r, t, d])
                .collect();
            lines.extend(table(layout, &["参数名称", "必选", "类型", "描述"], &rows));
            lines.push("3. 输出参数".into());
            let rows: Vec<Vec<&str>> = outputs.iter().map(|&(n, _, t, d)| vec![n, t, d]).collect();
            lines.extend(table(layout, &["参数名称", "类型", "描述"], &rows));
            lines.push("4. 示例".into());
            for (i, (input, output)) in examples.iter().enumerate() {
                lines.push(format!("示例{} 例子", i + 1));
                lines.extend(
                    [
                        "输入示例",
                        "POST / HTTP/1.1",
                        "Host: wedata.tencentcloudapi.com",
                        "<公共请求参数>",
                    ]
                    .map(String::from),
                );
                lines.push(serde_json::to_string_pretty(input).unwrap_or_default());
                lines.push("输出示例".into());
                lines
                    .push(serde_json::to_string_pretty(&serde_json::json!({ "Response": output })).unwrap_or_default());
            }
            lines.push("6. 错误码".into());
            let rows: Vec<Vec<&str>> = errors.iter().map(|&(c, d)| vec![c, d]).collect();
            lines.extend(table(layout, &["错误码", "描述"], &rows));
            for (at, line) in stray {
                lines.insert(at % (lines.len() + 1), line);
            }
            lines.join("\n")
        })
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn page_like_lines(lines in prop::collection::vec(page_line(), 0..60)) {
        check(&lines.join("\n"));
    }
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn generated_pages(page in generated_page()) {
        check(&page);
    }

    #[test]
    fn mutated_seed_pages(seed in prop::sample::select(&seed_pages::ALL[..]), mutations in prop::collection::vec(mutation(), 1..4)) {
        check(&apply(seed_text(seed), &mutations));
    }
}

#[test]
fn every_seed_passes_the_checks_unmutated() {
    for seed in seed_pages::ALL {
        check(&seed_pages::text(seed));
    }
}
