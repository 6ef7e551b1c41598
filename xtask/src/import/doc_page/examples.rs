//! The examples section: each `示例N title` / `ExampleN title`, its description, the request
//! (an HTTP header block, `<公共请求参数>`, then the JSON body) and the response JSON
//! (`{"Response": ...}`), parsed in place so a JSON error names its page line.

use serde_json::Value;

use super::lines::Page;
use super::table;
use super::vocabulary::{
    example_heading, is_one_of, section_heading, strip_prefix_ci, COMMON_REQUEST_PARAMETERS, INPUT_EXAMPLE,
    OUTPUT_EXAMPLE,
};
use super::{PageError, Warning};

pub struct PageExample {
    pub line: u32,
    pub title: String,
    pub docs: String,
    pub input: Option<Json>,
    pub output: Option<Json>,
    /// `Host:` and `X-TC-Action:` of the request, to check against the page.
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

/// Reads the example whose heading is line `start`. Returns it and the index of the first
/// line after it.
pub fn read(page: &Page, start: usize, warnings: &mut Vec<Warning>) -> Result<(PageExample, usize), PageError> {
    let heading = page.line(start).map_or((1, ""), |l| (l.no, l.text));
    let title = match example_heading(heading.1) {
        Some(title) if !title.is_empty() => title.to_owned(),
        _ => heading.1.to_owned(),
    };
    let mut example = PageExample {
        line: heading.0,
        title,
        docs: String::new(),
        input: None,
        output: None,
        host: None,
        action: None,
    };
    let mut docs = Vec::new();
    let mut part = Part::Description;
    let mut index = start + 1;
    while let Some(line) = page.line(index) {
        let text = line.text;
        if section_heading(text).is_some()
            || example_heading(text).is_some()
            || !matches!(table::header_at(page, index), Ok(None))
        {
            break;
        }
        index += 1;
        if text.is_empty() {
            continue;
        }
        if is_one_of(text, &INPUT_EXAMPLE) {
            part = Part::Request;
        } else if is_one_of(text, &OUTPUT_EXAMPLE) {
            part = Part::Response;
        } else if is_request_line(text) {
            part = Part::RequestHeaders;
        } else if is_one_of(text, &COMMON_REQUEST_PARAMETERS) {
            part = Part::Request;
        } else if part == Part::RequestHeaders && is_header_field(text) {
            let value = |name| strip_prefix_ci(text, name).map(|v| (line.no, v.trim().to_owned()));
            example.host = value("Host:").or(example.host.take());
            example.action = value("X-TC-Action:").or(example.action.take());
        } else if text.starts_with('{') || text.starts_with('[') {
            let (value, next) = parse_json(page, line.offset)?;
            let json = Some(Json { line: line.no, value });
            let is_response = json.as_ref().is_some_and(|j| j.value.get("Response").is_some());
            let slot = match part {
                Part::Request | Part::RequestHeaders => &mut example.input,
                Part::Response => &mut example.output,
                Part::Description if is_response => &mut example.output,
                Part::Description => {
                    warnings.push(page.warning(line.no, "example JSON before any `输入示例` / `输出示例` label and not a `{\"Response\": ...}`: taking it as the request"));
                    &mut example.input
                }
            };
            if slot.is_some() {
                warnings.push(page.warning(line.no, "a second JSON body in the same part of this example: ignored"));
            } else {
                *slot = json;
            }
            index = next;
        } else if part == Part::Description {
            docs.push(text);
        } else {
            warnings.push(page.warning(
                line.no,
                format!("line in example `{}` ignored: not JSON", example.title),
            ));
        }
    }
    if example.input.is_none() && example.output.is_none() {
        warnings.push(page.warning(
            example.line,
            format!("example `{}` has neither a request nor a response JSON", example.title),
        ));
    }
    example.docs = docs.join("\n");
    Ok((example, index))
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

/// Parses the JSON value starting at byte `offset`. Returns it and the index of the line after
/// its last line. Errors name the page line where the JSON breaks.
fn parse_json(page: &Page, offset: usize) -> Result<(Value, usize), PageError> {
    let start_line = page.line_no_at(offset);
    let rest = page.text.get(offset..).unwrap_or("");
    let mut values = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
    match values.next() {
        Some(Ok(value)) => {
            let end = offset + values.byte_offset();
            Ok((value, page.index_at(end.saturating_sub(1)) + 1))
        }
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
        let (example, next) = read(&page, 0, &mut warnings)?;
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
