//! The examples: each request (an HTTP header block, `<公共请求参数>`, then the JSON body; or
//! the GET form, a URL with the parameters in its query) and response JSON (`{"Response":
//! ...}`), parsed in place so a JSON error names its page line.
//!
//! An example starts at its heading (`示例N title` / `ExampleN title`) and runs to the next
//! heading. Pages that lost their headings (the section headings, or just the example titles)
//! show examples as a request and a response after the output table, the lines before the
//! request as their title; such an example ends after its response.

use serde_json::Value;

use super::lines::Page;
use super::query::{self, Query};
use super::table;
use super::vocabulary::{
    example_heading, section_heading, strip_prefix_ci, COMMON_REQUEST_PARAMETERS, INPUT_EXAMPLE, OUTPUT_EXAMPLE,
};
use super::{PageError, Warning};

pub struct PageExample {
    pub line: u32,
    pub title: String,
    pub docs: String,
    pub input: Option<Json>,
    pub output: Option<Json>,
    /// A GET-form request; `page` turns it into `input` once the input table types it.
    pub query: Option<Query>,
    /// `Host:` and `X-TC-Action:` of the request (or the URL's host and `Action`), to check
    /// against the page.
    pub host: Option<(u32, String)>,
    pub action: Option<(u32, String)>,
}

pub struct Json {
    /// Where the JSON starts.
    pub line: u32,
    pub value: Value,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Description,
    RequestHeaders,
    Request,
    Response,
}

/// How an example begins.
pub enum Start {
    /// At its heading line.
    Heading,
    /// At its first request or JSON line, titled by the lines before it (none: `Example N`).
    Untitled { lines: Vec<String>, number: usize },
}

/// Whether line `index` begins an example that has no heading: a request (see
/// `starts_request`) or a JSON object.
pub fn starts_untitled(page: &Page, index: usize) -> bool {
    starts_request(page, index) || page.line(index).is_some_and(|line| line.text.starts_with('{'))
}

/// Whether line `index` begins a request: a request line, a GET URL or an input label. Also
/// what ends a table whose last cell would otherwise run on into the example.
pub fn starts_request(page: &Page, index: usize) -> bool {
    page.line(index).is_some_and(|line| {
        is_request_line(line.text) || label(line.text, &INPUT_EXAMPLE).is_some() || query::read(page, index).is_some()
    })
}

/// Reads the example starting at line `start`. Returns it and the index of the first line
/// after it.
pub fn read(
    page: &Page,
    start: usize,
    how: Start,
    warnings: &mut Vec<Warning>,
) -> Result<(PageExample, usize), PageError> {
    let first = page.line(start).map_or((1, ""), |l| (l.no, l.text));
    let (title, mut docs, mut index, headed) = match how {
        Start::Heading => {
            let title = match example_heading(first.1) {
                Some(title) if !title.is_empty() => title.to_owned(),
                _ => first.1.to_owned(),
            };
            (title, Vec::new(), start + 1, true)
        }
        Start::Untitled { mut lines, number } => {
            let title = match lines.is_empty() {
                true => format!("Example {number}"),
                false => lines.remove(0),
            };
            (title, lines, start, false)
        }
    };
    let mut example = PageExample {
        line: first.0,
        title,
        docs: String::new(),
        input: None,
        output: None,
        query: None,
        host: None,
        action: None,
    };
    let mut part = Part::Description;
    // Where to parse next when JSON is glued to the end of a line (`&<公共请求参数>{`).
    let mut glued: Option<usize> = None;
    while let Some(line) = page.line(index) {
        let text = line.text;
        if let Some(offset) = glued.take() {
            index = json_into(page, offset, &mut example, &mut part, warnings)?;
            continue;
        }
        if section_heading(text).is_some()
            || example_heading(text).is_some()
            || !matches!(table::header_at(page, index), Ok(None))
        {
            break;
        }
        if text.is_empty() {
            index += 1;
            continue;
        }
        // A new request after this one's is the next example; without a heading, so is any
        // text after the response (the next example's title, or the page going on).
        let shown = example.input.is_some() || example.query.is_some() || example.output.is_some();
        if (shown && starts_request(page, index)) || (!headed && example.output.is_some()) {
            break;
        }
        // Without a heading, a line of text right before a request is that request's title
        // even when this example's response is missing.
        if !headed && shown && !is_json_start(text) && starts_request(page, next_non_blank(page, index + 1)) {
            break;
        }
        if let Some(rest) = label(text, &INPUT_EXAMPLE) {
            part = Part::Request;
            glued = json_after(line.offset, text, rest);
            index += usize::from(glued.is_none());
        } else if let Some(rest) = label(text, &OUTPUT_EXAMPLE) {
            part = Part::Response;
            glued = json_after(line.offset, text, rest);
            index += usize::from(glued.is_none());
        } else if is_request_line(text) {
            part = Part::RequestHeaders;
            index += 1;
        } else if let Some(rest) = label(text, &COMMON_REQUEST_PARAMETERS) {
            part = Part::Request;
            glued = json_after(line.offset, text, rest);
            index += usize::from(glued.is_none());
        } else if part == Part::RequestHeaders && is_header_field(text) {
            let value = |name| strip_prefix_ci(text, name).map(|v| (line.no, v.trim().to_owned()));
            example.host = value("Host:").or(example.host.take());
            example.action = value("X-TC-Action:").or(example.action.take());
            index += 1;
        } else if is_json_start(text) {
            index = json_into(page, line.offset, &mut example, &mut part, warnings)?;
        } else if let Some((query, next, after)) = query::read(page, index).filter(|_| example.query.is_none()) {
            if !query.host.is_empty() {
                example.host = Some((query.line, query.host.clone()));
            } else {
                warnings.push(page.warning(
                    query.line,
                    "GET example URL without its host and action: reading its parameters only",
                ));
            }
            example.action = query::action(&query).or(example.action.take());
            example.query = Some(query);
            // A GET request has no body: the JSON after it is the response.
            part = Part::Response;
            glued = after;
            index = next;
        } else if part == Part::Description {
            docs.push(text.to_owned());
            index += 1;
        } else {
            warnings.push(page.warning(
                line.no,
                format!("line in example `{}` ignored: not JSON", example.title),
            ));
            index += 1;
        }
    }
    if let Some(offset) = glued {
        index = json_into(page, offset, &mut example, &mut part, warnings)?;
    }
    if example.input.is_none() && example.output.is_none() && example.query.is_none() {
        warnings.push(page.warning(
            example.line,
            format!("example `{}` has neither a request nor a response", example.title),
        ));
    }
    example.docs = docs.join("\n");
    Ok((example, index))
}

/// `text` without one of `labels` at its start (`输出示例`, `<公共请求参数>`): what follows.
fn label<'t>(text: &'t str, labels: &[&str]) -> Option<&'t str> {
    labels
        .iter()
        .find_map(|l| strip_prefix_ci(text, l))
        .map(str::trim_start)
        .filter(|rest| rest.is_empty() || rest.starts_with(['{', '[']))
}

/// The page offset of JSON glued after a label on the line at `offset`.
fn json_after(offset: usize, text: &str, rest: &str) -> Option<usize> {
    (!rest.is_empty()).then(|| offset + text.len() - rest.len())
}

/// Parses the JSON at byte `offset` into the part it belongs to. Returns the index of the line
/// to read next; a label glued after the JSON on its last line (`}输出示例`) is taken.
fn json_into(
    page: &Page,
    offset: usize,
    example: &mut PageExample,
    part: &mut Part,
    warnings: &mut Vec<Warning>,
) -> Result<usize, PageError> {
    let line = page.line_no_at(offset);
    let (value, end) = parse_json(page, offset)?;
    // Pages without labels put the response right after the request body.
    let is_response = value.get("Response").is_some()
        && (example.input.is_some() || *part == Part::Description || value.as_object().is_some_and(|o| o.len() == 1));
    if is_response {
        *part = Part::Response;
    }
    let slot = match *part {
        Part::Request | Part::RequestHeaders => &mut example.input,
        Part::Response => &mut example.output,
        Part::Description => {
            warnings.push(page.warning(line, "example JSON before any `输入示例` / `输出示例` label and not a `{\"Response\": ...}`: taking it as the request"));
            &mut example.input
        }
    };
    if slot.is_some() {
        warnings.push(page.warning(line, "a second JSON body in the same part of this example: ignored"));
    } else {
        *slot = Some(Json { line, value });
    }
    if *part == Part::Description {
        *part = Part::Request;
    }
    let last = page.index_at(end.saturating_sub(1));
    let after = page
        .line(last)
        .and_then(|l| page.text.get(end..l.offset + l.text.len()))
        .map_or("", str::trim);
    if label(after, &OUTPUT_EXAMPLE).is_some_and(str::is_empty) {
        *part = Part::Response;
    } else if !after.is_empty() {
        warnings.push(page.warning(
            page.line_no_at(end),
            format!("`{after}` after the example JSON ignored"),
        ));
    }
    Ok(last + 1)
}

fn is_json_start(text: &str) -> bool {
    text.starts_with(['{', '['])
}

fn next_non_blank(page: &Page, mut index: usize) -> usize {
    while page.line(index).is_some_and(|l| l.text.is_empty()) {
        index += 1;
    }
    index
}

/// `POST / HTTP/1.1`.
fn is_request_line(text: &str) -> bool {
    ["POST ", "GET "].iter().any(|m| text.starts_with(m)) && text.contains("HTTP/")
}

/// `Content-Type: application/json`.
fn is_header_field(text: &str) -> bool {
    text.split_once(':')
        .is_some_and(|(name, _)| !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// Parses the JSON value starting at byte `offset`. Returns it and the byte offset where it
/// ends. Errors name the page line where the JSON breaks.
fn parse_json(page: &Page, offset: usize) -> Result<(Value, usize), PageError> {
    let start_line = page.line_no_at(offset);
    let rest = page.text.get(offset..).unwrap_or("");
    let mut values = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
    match values.next() {
        Some(Ok(value)) => Ok((value, offset + values.byte_offset())),
        Some(Err(err)) => {
            let line = start_line.saturating_add(u32::try_from(err.line()).unwrap_or(u32::MAX).saturating_sub(1));
            let position = format!(" at line {} column {}", err.line(), err.column());
            let full = err.to_string();
            let reason = full.strip_suffix(&position).unwrap_or(&full);
            Err(page.error(
                line,
                format!("example JSON (from line {start_line}) does not parse: {reason}"),
            ))
        }
        None => Err(page.error(start_line, "example JSON expected")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(text: &str) -> Result<(PageExample, usize, Vec<Warning>), PageError> {
        let page = Page::new("e", text);
        let mut warnings = Vec::new();
        let (example, next) = read(&page, 0, Start::Heading, &mut warnings)?;
        Ok((example, next, warnings))
    }

    #[test]
    fn request_and_response() {
        let (e, next, w) = example(
            "示例1 查询\n说明\n输入示例\nPOST / HTTP/1.1\nHost: a.tencentcloudapi.com\nX-TC-Action: A\n<公共请求参数>\n{\n\"X\": \"}\"\n}\n输出示例\n{\"Response\": {\"RequestId\": \"r\"}}\n5. 开发者资源",
        )
        .unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!((e.title.as_str(), e.docs.as_str()), ("查询", "说明"));
        assert_eq!(
            e.input.as_ref().map(|j| (j.line, j.value.to_string())),
            Some((8, r#"{"X":"}"}"#.into()))
        );
        assert_eq!(e.output.as_ref().map(|j| j.line), Some(12));
        assert_eq!(e.host, Some((5, "a.tencentcloudapi.com".into())));
        assert_eq!(e.action, Some((6, "A".into())));
        assert_eq!(next, 12);
    }

    fn untitled(text: &str) -> (Vec<PageExample>, Vec<Warning>) {
        let page = Page::new("e", text);
        let mut warnings = Vec::new();
        let mut examples = Vec::new();
        let mut index = 0;
        let mut lines = Vec::new();
        while let Some(line) = page.line(index) {
            if starts_untitled(&page, index) {
                let how = Start::Untitled {
                    lines: std::mem::take(&mut lines),
                    number: examples.len() + 1,
                };
                let (example, next) = read(&page, index, how, &mut warnings).unwrap();
                examples.push(example);
                index = next;
            } else {
                lines.push(line.text.to_owned());
                index += 1;
            }
        }
        (examples, warnings)
    }

    #[test]
    fn examples_without_headings() {
        let (examples, warnings) = untitled(
            "dnspod.com\nPOST / HTTP/1.1\nHost: a.tencentcloudapi.com\n<Common request parameters>\n{\n\"A\": 1\n}\n{\n\"Response\": {}\n}\niceice.club\nPOST / HTTP/1.1\n<Common request parameters>\n{\"A\": 2}\n{\"Response\": {\"B\": 1}}\nTencentCloud API 3.0 integrates SDKs.",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let seen: Vec<_> = examples
            .iter()
            .map(|e| {
                (
                    e.title.as_str(),
                    e.input.as_ref().map(|j| j.value.to_string()),
                    e.output.is_some(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("dnspod.com", Some(r#"{"A":1}"#.to_owned()), true),
                ("iceice.club", Some(r#"{"A":2}"#.to_owned()), true)
            ]
        );
    }

    #[test]
    fn an_example_without_its_response_leaves_the_next_one_whole() {
        let (examples, warnings) = untitled(
            "POST / HTTP/1.1\n<Common request parameters>\n{\"A\": 1}\nSecond\n\nPOST / HTTP/1.1\n<Common request parameters>\n{\"A\": 2}\n{\"Response\": {}}",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let seen: Vec<_> = examples
            .iter()
            .map(|e| (e.title.as_str(), e.output.is_some()))
            .collect();
        assert_eq!(seen, [("Example 1", false), ("Second", true)]);
    }

    #[test]
    fn get_requests_and_glued_json() {
        let (examples, warnings) = untitled(
            "https://a.tencentcloudapi.com/?Action=A\n&Limit=1\n&<Common request parameters>{\n\"Response\": {}\n}\nPOST / HTTP/1.1\n<Common request parameters>\n{\"A\": 2}输出示例\n{\"Response\": {}}",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(examples.len(), 2);
        assert_eq!(examples[0].host, Some((1, "a.tencentcloudapi.com".to_owned())));
        assert_eq!(examples[0].action, Some((1, "A".to_owned())));
        assert_eq!(examples[0].query.as_ref().map(|q| q.params.len()), Some(2));
        assert_eq!(examples[0].output.as_ref().map(|j| j.line), Some(3));
        assert_eq!(examples[1].title, "Example 2");
        assert!(examples[1].input.is_some() && examples[1].output.is_some());
    }

    #[test]
    fn broken_json_names_its_line() {
        let err = example("示例1 x\n输出示例\n{\n\"Response\": {\n\"A\": 1,,\n}\n}")
            .err()
            .unwrap();
        assert_eq!(err.line, 5, "{err}");
        let err = example("示例1 x\n输出示例\n{\n\"Response\": {").err().unwrap();
        assert_eq!(err.line, 4, "{err}");
    }
}
