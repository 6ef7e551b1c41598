//! `parse_page` returns (Ok or Err) on any input, never panics; what it returns holds
//! together: an Ok spec validates, round-trips through the spec format and merges; every
//! line it names is on the page.
//!
//! Inputs: arbitrary strings, page-like lines, generated pages in the four table layouts and
//! the styles real pages show (no or bullet-glued headings, the finance-cloud `允许NULL`
//! column, GET-form examples, glued rate limits, the domain on a later line, U+00A0 spaces,
//! indented bodies) with random example JSON, and the seed and corpus pages mutated (lines
//! deleted, duplicated, swapped, replaced; bytes flipped; spaces made U+00A0; truncation).
//! Complete generated pages must also import, keeping every example.
//! `PROPTEST_CASES=N` overrides the number of cases for a longer session.

mod corpus_pages;
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
    "参数名称 | 必选 | 允许NULL | 类型 | 描述 |",
    "参数名称 必选 允许NULL 类型 描述",
    "参数名称 | 必选 | 可为空 | 类型 | 描述 |",
    "| Parameter Name | Required | Type | Description |",
    "|---|---|---|---|",
    "| X | No | Y |",
    "|",
    "Action 是 否 String 公共参数,本接口取值:DoIt。",
    "X 否 多余",
    "RequestId Str",
    "  \u{2022} 3. Output Parameters",
    "4. Sample",
    "API domain name:",
    "dts.tencentcloudapi.com.",
    "field in the response.A maximum of 20 requests can be initiated per second for this API.",
    "Default API request frequency limit: 20 times/second.",
    "Common parameter; the name of this API: DoIt",
    "https://wedata.tencentcloudapi.com/?Action=DoIt&Version=2021-08-20",
    "GET https://a.tencentcloudapi.com/?Action=Other",
    "https:",
    "&X.0=1",
    "&Y.0.a=1",
    "&Y.99999.a=2",
    "&Nonce=5",
    "&Z",
    "&<Common request parameters>{",
    "&<公共请求参数>",
    "Input Sample Code",
    "Output Sample Code",
    "}输出示例",
    "Array\u{a0}of\u{a0}String",
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
    /// A space of the line becomes U+00A0, as rendered pages have it.
    NonBreakingSpace(usize),
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
        1 => any::<usize>().prop_map(Mutation::NonBreakingSpace),
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
            Mutation::NonBreakingSpace(i) => {
                let line = &mut lines[i % n];
                *line = line.replace(' ', "\u{a0}");
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
    /// `| a | b |` with `|---|---|`.
    PipeRowsLeading,
    CellLines,
    Spaced,
}

/// How a generated page departs from the plain template, as real pages do.
#[derive(Clone, Debug)]
struct Style {
    headings: Headings,
    /// The finance-cloud `允许NULL` column in the input table.
    five_columns: bool,
    /// Requests in the GET form (`https://...?Action=DoIt&Name.0=v`).
    get_examples: bool,
    /// The rate limit glued to the title line.
    glued_rate_limit: bool,
    /// `接口请求域名:`, a blank line, then the domain.
    domain_later: bool,
    /// U+00A0 for the spaces of every other line.
    nbsp: bool,
    /// Every line indented by four spaces.
    indent: bool,
}

#[derive(Clone, Copy, Debug)]
enum Headings {
    Numbered,
    /// `  • 3. 输出参数`: glued to a list bullet.
    Bulleted,
    /// No section headings, example headings or labels.
    None,
}

fn style() -> impl Strategy<Value = Style> {
    (
        prop::sample::select(vec![Headings::Numbered, Headings::Bulleted, Headings::None]),
        any::<[bool; 6]>(),
    )
        .prop_map(
            |(headings, [five_columns, get_examples, glued_rate_limit, domain_later, nbsp, indent])| Style {
                headings,
                five_columns,
                get_examples,
                glued_rate_limit,
                domain_later,
                nbsp,
                indent,
            },
        )
}

fn table(layout: Layout, labels: &[&str], rows: &[Vec<&str>]) -> Vec<String> {
    match layout {
        Layout::PipeRows => std::iter::once(format!("{} |", labels.join(" | ")))
            .chain(std::iter::once("---|".repeat(labels.len())))
            .chain(rows.iter().map(|r| format!("{} |", r.join(" | "))))
            .collect(),
        Layout::PipeRowsLeading => std::iter::once(format!("| {} |", labels.join(" | ")))
            .chain(std::iter::once(format!("|{}", "---|".repeat(labels.len()))))
            .chain(rows.iter().map(|r| format!("| {} |", r.join(" | "))))
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

/// `{"Ids": ["a"], "F": [{"N": 1}]}` -> `Ids.0=a`, `F.0.N=1`: a request body in the GET form.
fn query_pairs(value: &serde_json::Value) -> Vec<String> {
    let mut pairs = Vec::new();
    let mut stack = vec![(String::new(), value)];
    while let Some((path, value)) = stack.pop() {
        let join = |key: &str| {
            if path.is_empty() {
                key.to_owned()
            } else {
                format!("{path}.{key}")
            }
        };
        match value {
            serde_json::Value::Object(members) => {
                stack.extend(members.iter().rev().map(|(k, v)| (join(k), v)));
            }
            serde_json::Value::Array(items) => {
                stack.extend(items.iter().enumerate().rev().map(|(i, v)| (join(&i.to_string()), v)));
            }
            serde_json::Value::String(text) => pairs.push(format!("{path}={text}")),
            other => pairs.push(format!("{path}={other}")),
        }
    }
    pairs
}

fn section(style: &Style, title: &str) -> Option<String> {
    match style.headings {
        Headings::Numbered => Some(title.to_owned()),
        Headings::Bulleted => Some(format!("  \u{2022} {title}")),
        Headings::None => None,
    }
}

/// A page in one of the layouts and styles, with the given rows and examples.
fn page(
    layout: Layout,
    style: &Style,
    inputs: &[(&str, &str, &str, &str)],
    outputs: &[(&str, &str, &str, &str)],
    examples: &[(serde_json::Value, serde_json::Value)],
    errors: &[(&str, &str)],
) -> String {
    let english = matches!(layout, Layout::CellLines);
    let mut lines: Vec<String> = Vec::new();
    lines.extend(section(style, "1. 接口描述"));
    let domain = if english {
        "wedata.intl.tencentcloudapi.com."
    } else {
        "wedata.tencentcloudapi.com 。"
    };
    let label = if english {
        "Domain name for API request:"
    } else {
        "接口请求域名:"
    };
    if style.domain_later {
        lines.extend([label.to_owned(), String::new(), domain.to_owned()]);
    } else {
        lines.push(format!("{label} {domain}"));
    }
    if style.glued_rate_limit {
        lines.push("标题A maximum of 20 requests can be initiated per second for this API.".into());
    } else {
        lines.extend(["标题".into(), "默认接口请求频率限制:20次/秒。".into()]);
    }
    lines.extend(section(style, "2. 输入参数"));
    let common = [
        ("Action", "是", "String", "公共参数,本接口取值:DoIt。"),
        ("Version", "是", "String", "公共参数,本接口取值:2021-08-20。"),
    ];
    let rows: Vec<Vec<&str>> = common
        .iter()
        .chain(inputs)
        .map(|&(n, r, t, d)| match style.five_columns {
            // Both yes/no cells render as nothing, or neither does.
            true => vec![n, r, if r.is_empty() { "" } else { "否" }, t, d],
            false => vec![n, r, t, d],
        })
        .collect();
    let labels: &[&str] = match style.five_columns {
        true => &["参数名称", "必选", "允许NULL", "类型", "描述"],
        false => &["参数名称", "必选", "类型", "描述"],
    };
    lines.extend(table(layout, labels, &rows));
    lines.extend(section(style, "3. 输出参数"));
    let rows: Vec<Vec<&str>> = outputs.iter().map(|&(n, _, t, d)| vec![n, t, d]).collect();
    lines.extend(table(layout, &["参数名称", "类型", "描述"], &rows));
    lines.extend(section(style, "4. 示例"));
    let labelled = !matches!(style.headings, Headings::None);
    for (i, (input, output)) in examples.iter().enumerate() {
        if labelled {
            lines.extend([format!("示例{} 例子", i + 1), "输入示例".into()]);
        } else {
            lines.push(format!("例子 {}", i + 1));
        }
        if style.get_examples {
            lines.push("https://wedata.tencentcloudapi.com/?Action=DoIt".into());
            lines.extend(query_pairs(input).into_iter().map(|pair| format!("&{pair}")));
            lines.push("&<公共请求参数>".into());
        } else {
            lines.extend(["POST / HTTP/1.1", "Host: wedata.tencentcloudapi.com", "<公共请求参数>"].map(String::from));
            lines.push(serde_json::to_string_pretty(input).unwrap_or_default());
        }
        if labelled {
            lines.push("输出示例".into());
        }
        lines.push(serde_json::to_string_pretty(&serde_json::json!({ "Response": output })).unwrap_or_default());
    }
    lines.extend(section(style, "6. 错误码"));
    let rows: Vec<Vec<&str>> = errors.iter().map(|&(c, d)| vec![c, d]).collect();
    lines.extend(table(layout, &["错误码", "描述"], &rows));
    let lines = lines.join("\n").split('\n').map(str::to_owned).collect::<Vec<_>>();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let line = if style.nbsp && i % 2 == 1 {
                line.replace(' ', "\u{a0}")
            } else {
                line.clone()
            };
            if style.indent {
                format!("    {line}")
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const LAYOUTS: [Layout; 4] = [
    Layout::PipeRows,
    Layout::PipeRowsLeading,
    Layout::CellLines,
    Layout::Spaced,
];

/// A page in any layout and style, with random rows, example JSON and a few stray lines.
fn generated_page() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&LAYOUTS[..]),
        style(),
        prop::sample::subsequence(INPUT_ROWS, 0..=INPUT_ROWS.len()),
        prop::sample::subsequence(OUTPUT_ROWS, 0..=OUTPUT_ROWS.len()),
        prop::collection::vec((json_object(), json_object()), 0..3),
        prop::sample::subsequence(ERROR_ROWS, 0..=ERROR_ROWS.len()),
        prop::collection::vec((any::<usize>(), page_line()), 0..3),
    )
        .prop_map(|(layout, style, inputs, outputs, examples, errors, stray)| {
            let text = page(layout, &style, &inputs, &outputs, &examples, &errors);
            let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
            for (at, line) in stray {
                lines.insert(at % (lines.len() + 1), line);
            }
            lines.join("\n")
        })
}

/// A complete page (its output table ends with `RequestId`) in any layout and style: it must
/// import, with every example.
fn complete_page() -> impl Strategy<Value = (String, usize)> {
    (
        prop::sample::select(&LAYOUTS[..]),
        style(),
        prop::sample::subsequence(INPUT_ROWS, 0..=INPUT_ROWS.len()),
        prop::sample::subsequence(&OUTPUT_ROWS[..OUTPUT_ROWS.len() - 1], 0..OUTPUT_ROWS.len()),
        prop::collection::vec((json_object(), json_object()), 0..3),
        prop::sample::subsequence(ERROR_ROWS, 0..=ERROR_ROWS.len()),
    )
        .prop_map(|(layout, style, inputs, mut outputs, examples, errors)| {
            outputs.extend(OUTPUT_ROWS.last());
            // An empty cell is a row of its own in the cell-per-line layout.
            let inputs: Vec<_> = inputs
                .into_iter()
                .map(|(n, r, t, d)| match layout {
                    Layout::CellLines if r.is_empty() => (n, "否", t, d),
                    _ => (n, r, t, d),
                })
                .collect();
            let count = examples.len();
            (page(layout, &style, &inputs, &outputs, &examples, &errors), count)
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

    #[test]
    fn complete_pages_import_with_every_example((text, examples) in complete_page()) {
        check(&text);
        let import = parse_page("fuzz.txt", &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let action = import.spec.actions.values().next().expect("one action");
        prop_assert_eq!(action.examples.len(), examples, "{}", text);
    }

    #[test]
    fn mutated_corpus_pages(page in 0..corpus_texts().len(), mutations in prop::collection::vec(mutation(), 1..4)) {
        check(&apply(corpus_texts().get(page).map_or("", String::as_str), &mutations));
    }
}

/// The corpus pages, read once.
fn corpus_texts() -> &'static [String] {
    static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TEXTS.get_or_init(|| corpus_pages::all().into_iter().map(|(_, text)| text).collect())
}

#[test]
fn every_corpus_page_passes_the_checks_unmutated() {
    for text in corpus_texts() {
        check(text);
    }
}

#[test]
fn every_seed_passes_the_checks_unmutated() {
    for seed in seed_pages::ALL {
        check(&seed_pages::text(seed));
    }
}
