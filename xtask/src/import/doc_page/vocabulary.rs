//! The phrases the pages use, Chinese and English side by side, and how to recognise them.
//! Pages come from the Chinese site and the international (English) site; both render the
//! same template, so every marker below has one form per language.

/// The numbered sections of a page (`2. 输入参数` / `2. Input Parameters`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Description,
    Input,
    Output,
    Examples,
    Resources,
    Errors,
}

const SECTIONS: [(&str, Section); 16] = [
    ("接口描述", Section::Description),
    ("API Description", Section::Description),
    ("输入参数", Section::Input),
    ("Input Parameters", Section::Input),
    ("Request Parameters", Section::Input),
    ("输出参数", Section::Output),
    ("Output Parameters", Section::Output),
    ("Response Parameters", Section::Output),
    ("示例", Section::Examples),
    ("Example", Section::Examples),
    ("Examples", Section::Examples),
    // Older English pages: `4. Sample`.
    ("Sample", Section::Examples),
    ("Samples", Section::Examples),
    ("开发者资源", Section::Resources),
    ("Developer Resources", Section::Resources),
    ("错误码", Section::Errors),
];
const ERROR_SECTION_EN: [&str; 2] = ["Error Code", "Error Codes"];

/// `4. 示例` -> `Examples`. Only known titles count: descriptions can hold numbered lists. A
/// list bullet glued in front (`• 3. Output Parameters`, where the page's last list ran into
/// the heading) is not part of it.
pub fn section_heading(text: &str) -> Option<Section> {
    let text = strip_bullet(text);
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let title = text.get(digits..)?.strip_prefix('.')?.trim();
    if digits == 0 {
        return None;
    }
    if ERROR_SECTION_EN.iter().any(|t| t.eq_ignore_ascii_case(title)) {
        return Some(Section::Errors);
    }
    SECTIONS
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(title))
        .map(|&(_, s)| s)
}

/// `• text` -> `text`: a list bullet and the spaces after it.
pub fn strip_bullet(text: &str) -> &str {
    match text.strip_prefix(['•', '·', '●', '▪', '◦', '*', '-']) {
        Some(rest) if rest.starts_with(char::is_whitespace) => rest.trim_start(),
        _ => text,
    }
}

/// The request domain's label, newest wording first (older English pages: `API request domain
/// name:`, `API domain name:`).
pub const DOMAIN: [&str; 4] = [
    "接口请求域名",
    "Domain name for API request",
    "API request domain name",
    "API domain name",
];
/// `默认接口请求频率限制:20次/秒` (label, unit).
pub const RATE_LIMIT_ZH: (&str, &str) = ("默认接口请求频率限制", "次/秒");
/// `A maximum of 20 requests can be initiated per second for this API.` (before, after the number).
pub const RATE_LIMIT_EN: (&str, &str) = ("A maximum of", "requests can be initiated per second");
/// Older English pages: `Default API request frequency limit: 20 times/second.` (label, unit).
pub const RATE_LIMIT_EN_OLD: (&str, &str) = ("Default API request frequency limit", "times/second");
/// Boilerplate right after the title block; it ends the action description.
pub const API_EXPLORER: [&str; 2] = ["推荐使用 API Explorer", "We recommend you to use API Explorer"];

/// `公共参数,本接口取值:GetTask。` / `Common Params. The value used for this API: GetTask.`
pub const COMMON_PARAMETER: [&str; 3] = ["公共参数", "Common Params", "Common Parameter"];
/// Older English pages: `Common parameter; the name of this API: Invoke`, `the version of this API`.
pub const THIS_API_VALUE: [&str; 4] = [
    "本接口取值",
    "The value used for this API",
    "the name of this API",
    "the version of this API",
];
/// Common request parameters of API 3.0 (signature v1 and v3). Action, Version and Region
/// are common on every page; the others only when the page says so, since a few APIs have
/// business parameters of the same name (e.g. `Language`).
pub const ALWAYS_COMMON: [&str; 3] = ["Action", "Version", "Region"];
pub const SOMETIMES_COMMON: [&str; 9] = [
    "Timestamp",
    "Nonce",
    "SecretId",
    "Signature",
    "SignatureMethod",
    "Token",
    "Language",
    "RequestClient",
    "X-TC-TraceId",
];

pub const EXAMPLE_VALUE: [&str; 2] = ["示例值", "Example value"];
/// `注意:此字段可能返回 null,表示取不到有效值。` / `Note: This field may return null, ...`
pub const MAY_BE_NULL_ZH: &str = "此字段可能返回 null";
pub const NOTE_ZH: &str = "注意";
pub const MAY_BE_NULL_EN: &str = "may return null";
pub const NOTE_EN: &str = "Note";
pub const DEPRECATED: [&str; 3] = ["已废弃", "已弃用", "deprecated"];

pub const YES: [&str; 2] = ["是", "Yes"];
pub const NO: [&str; 2] = ["否", "No"];

/// How a description marks its member required or optional, for tables whose required column
/// is empty. Checked against the official definitions (tccli 3.1.189.1, tccli-intl-en
/// 3.1.193.1): a member whose description has `(必填)` or starts with `必填` / `Required` is
/// required 85-92% of the time; one whose description has an optional wording below, 10-12%.
/// A bare `必填` anywhere is no signal (33%: "当...时必填", "非必填").
pub const REQUIRED_MARKS: [&str; 8] = [
    "(必填)",
    "（必填）",
    "[必填]",
    "【必填】",
    "(必选)",
    "（必选）",
    "(Required)",
    "[Required]",
];
pub const REQUIRED_LEADS: [&str; 2] = ["必填", "Required"];
pub const OPTIONAL_WORDING: [&str; 13] = [
    "选填",
    "可选",
    "非必填",
    "不填",
    "不传",
    "缺省",
    "默认",
    "optional",
    "default",
    "if not specified",
    "if not passed",
    "if left empty",
    "not required",
];

/// Table column labels, in the order a space-separated header lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Required,
    Type,
    Description,
    Code,
    /// `允许NULL` on finance-cloud pages: whether the member may be null.
    Nullable,
}

pub const COLUMNS: [(&str, Column); 14] = [
    ("参数名称", Column::Name),
    ("Parameter Name", Column::Name),
    ("必选", Column::Required),
    ("Required", Column::Required),
    ("类型", Column::Type),
    ("Type", Column::Type),
    ("描述", Column::Description),
    ("Description", Column::Description),
    ("错误码", Column::Code),
    ("Error Code", Column::Code),
    ("允许NULL", Column::Nullable),
    ("允许 NULL", Column::Nullable),
    ("Allow NULL", Column::Nullable),
    ("Nullable", Column::Nullable),
];

/// The column a header cell names, if any.
pub fn column(cell: &str) -> Option<Column> {
    COLUMNS
        .iter()
        .find(|(label, _)| label.eq_ignore_ascii_case(cell))
        .map(|&(_, c)| c)
}

/// `示例1 查询集成任务` / `Example1 Create Integration Task`: the title after the number
/// (possibly empty).
pub fn example_heading(text: &str) -> Option<&str> {
    let rest = ["示例", "Example"].iter().find_map(|p| strip_prefix_ci(text, p))?;
    let rest = rest.trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    rest.get(digits..).map(str::trim)
}

/// Example part labels; older English pages say `Input Sample Code` / `Output Sample Code`.
pub const INPUT_EXAMPLE: [&str; 4] = ["输入示例", "Input Example", "Request Example", "Input Sample Code"];
pub const OUTPUT_EXAMPLE: [&str; 4] = ["输出示例", "Output Example", "Response Example", "Output Sample Code"];
pub const COMMON_REQUEST_PARAMETERS: [&str; 3] = [
    "<公共请求参数>",
    "<Common request parameters>",
    "<Common request parameter>",
];

/// Whether `text` is one of `phrases` (ASCII case ignored).
pub fn is_one_of(text: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| p.eq_ignore_ascii_case(text))
}

/// `text` without `prefix` (ASCII case ignored).
pub fn strip_prefix_ci<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// Byte position of `needle` in `haystack` (ASCII case ignored).
pub fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.char_indices().map(|(i, _)| i).find(|&i| {
        haystack
            .get(i..i + needle.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(needle))
    })
}

/// Finds `label:` (either colon, optional spaces before it) anywhere in `text`. Returns where
/// the label starts and the text after the colon.
pub fn find_labelled<'t>(text: &'t str, labels: &[&str]) -> Option<(usize, &'t str)> {
    labels
        .iter()
        .filter_map(|label| {
            let mut from = 0;
            loop {
                let at = from + find_ci(text.get(from..)?, label)?;
                let after = text.get(at + label.len()..)?.trim_start_matches([' ', '\t']);
                if let Some(value) = after.strip_prefix(':').or_else(|| after.strip_prefix('：')) {
                    return Some((at, value));
                }
                from = at + label.len();
            }
        })
        .min_by_key(|&(at, _)| at)
}

/// The value after `label:` when `text` starts with one of `labels`.
pub fn after_label<'t>(text: &'t str, labels: &[&str]) -> Option<&'t str> {
    find_labelled(text, labels)
        .filter(|&(at, _)| at == 0)
        .map(|(_, value)| value.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_headings() {
        assert_eq!(section_heading("2. 输入参数"), Some(Section::Input));
        assert_eq!(section_heading("3. Output Parameters"), Some(Section::Output));
        assert_eq!(section_heading("6. Error Code"), Some(Section::Errors));
        assert_eq!(section_heading("4. 示例"), Some(Section::Examples));
        assert_eq!(section_heading("1. 选择地域"), None);
        assert_eq!(section_heading(". 示例"), None);
        assert_eq!(section_heading("示例"), None);
        assert_eq!(section_heading("• 3. Output Parameters"), Some(Section::Output));
        assert_eq!(section_heading("4. Sample"), Some(Section::Examples));
        assert_eq!(section_heading("•3. Output Parameters"), None);
    }

    #[test]
    fn example_headings() {
        assert_eq!(example_heading("示例1 查询集成任务"), Some("查询集成任务"));
        assert_eq!(
            example_heading("Example1 Create Integration Task"),
            Some("Create Integration Task")
        );
        assert_eq!(example_heading("Example 2"), Some(""));
        assert_eq!(example_heading("示例值:12"), None);
        assert_eq!(example_heading("Example value: 3"), None);
    }

    #[test]
    fn labels() {
        assert_eq!(
            after_label("接口请求域名: wedata.tencentcloudapi.com 。", &DOMAIN),
            Some("wedata.tencentcloudapi.com 。")
        );
        assert_eq!(find_labelled("任务id 示例值:5c6f", &EXAMPLE_VALUE), Some((9, "5c6f")));
        assert_eq!(find_labelled("a Example Value : x", &EXAMPLE_VALUE), Some((2, " x")));
        assert_eq!(find_labelled("示例值 没有冒号", &EXAMPLE_VALUE), None);
        assert_eq!(find_ci("ÄbC", "bc"), Some(2));
        assert_eq!(strip_prefix_ci("é", "e"), None);
    }
}
