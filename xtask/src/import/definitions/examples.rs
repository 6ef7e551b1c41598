//! `examples.json` to spec examples.
//!
//! Each example's `input` is the HTTP request as text (`POST / HTTP/1.1`, `Host`,
//! `Content-Type`, `X-TC-Action`, a `<公共请求参数>` placeholder, a blank line, the JSON body);
//! `output` is the response JSON with its `{"Response": ...}` envelope. A few old examples
//! are a query-string URL instead (`https://dts.tencentcloudapi.com/?Action=X\n&Key=Value`):
//! their values have no JSON types, so no body is made up; the text goes into the docs.
//!
//! An example that cannot be read (no request line, a request body or response that is not
//! JSON, no `Response` envelope: the English definitions have a few whose JSON the
//! translation broke) is left out with a note, not an error: the rest of the file still counts.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use tencentcloud_codegen::spec::Example;

use super::error::DefinitionsError;
use super::note::Note;
use super::raw::{parse_json, ExamplesJson, RawExample};

#[derive(Debug, Default, PartialEq)]
pub struct Examples {
    pub by_action: BTreeMap<String, Vec<Example>>,
    /// Request domains the examples are sent to (`Host`).
    pub domains: BTreeSet<String>,
    pub notes: Vec<Note>,
}

/// Parses `examples.json`; `is_action` tells whether `api.json` defines an action. Errors are
/// for the file as a whole (not JSON, an unknown key); a bad example is a note.
pub fn parse(file: &str, text: &str, is_action: impl Fn(&str) -> bool) -> Result<Examples, DefinitionsError> {
    let raw: ExamplesJson = parse_json(file, text)?;
    let mut out = Examples::default();
    for (action, examples) in raw.actions {
        if !is_action(&action) {
            out.notes.push(Note::ExamplesForUnknownAction { action });
            continue;
        }
        let mut converted = Vec::with_capacity(examples.len());
        for (index, example) in examples.into_iter().enumerate() {
            let at = format!("actions.{action}[{index}]");
            match convert(file, &at, &action, index, example, &mut out) {
                Ok(example) => converted.push(example),
                Err(error) => out.notes.push(Note::ExampleNotImported {
                    action: action.clone(),
                    index,
                    field: error.field,
                    message: error.message,
                }),
            }
        }
        out.by_action.insert(action, converted);
    }
    Ok(out)
}

fn convert(
    file: &str,
    at: &str,
    action: &str,
    index: usize,
    raw: RawExample,
    out: &mut Examples,
) -> Result<Example, DefinitionsError> {
    let error = |field: &str, message: String| DefinitionsError::new(file, format!("{at}.{field}"), message);
    let mut docs = raw.document;
    let request = raw.input.trim();
    let input = if let Some(url) = request
        .strip_prefix("https://")
        .or_else(|| request.strip_prefix("http://"))
    {
        let host = url.split(['/', '?']).next().unwrap_or_default();
        if !host.is_empty() {
            out.domains.insert(host.to_owned());
        }
        out.notes.push(Note::QueryStringExample {
            action: action.to_owned(),
            index,
        });
        if !docs.is_empty() {
            docs.push_str("\n\n");
        }
        docs.push_str(&format!("Request (query string):\n\n```text\n{request}\n```"));
        None
    } else {
        let (head, body) = request.split_once("\n\n").unwrap_or((request, ""));
        let mut lines = head.lines();
        let request_line = lines.next().unwrap_or_default();
        if !request_line.ends_with("HTTP/1.1") {
            return Err(error(
                "input",
                format!("expected an HTTP request line, found `{request_line}`"),
            ));
        }
        for header in lines {
            let Some((name, value)) = header.split_once(':') else {
                continue;
            };
            let value = value.trim();
            if name.eq_ignore_ascii_case("host") {
                out.domains.insert(value.to_owned());
            } else if name.eq_ignore_ascii_case("x-tc-action") && value != action {
                out.notes.push(Note::ExampleActionMismatch {
                    action: action.to_owned(),
                    index,
                    header: value.to_owned(),
                });
            }
        }
        let body = body.trim();
        if body.is_empty() {
            None
        } else {
            let value: Value =
                serde_json::from_str(body).map_err(|e| error("input", format!("request body is not JSON: {e}")))?;
            Some(value)
        }
    };
    let output: Value =
        serde_json::from_str(&raw.output).map_err(|e| error("output", format!("response is not JSON: {e}")))?;
    let Some(envelope) = output.as_object().filter(|o| o.contains_key("Response")) else {
        return Err(error("output", "response has no `Response` envelope".into()));
    };
    let extra: Vec<String> = envelope.keys().filter(|k| *k != "Response").cloned().collect();
    if !extra.is_empty() {
        out.notes.push(Note::ExampleOutsideEnvelope {
            action: action.to_owned(),
            index,
            keys: extra,
        });
    }
    Ok(Example {
        title: raw.title,
        docs,
        input,
        output: Some(output),
        origin: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FILE: &str = "tccli/services/x/v20200101/examples.json";

    fn parse_one(example: Value) -> Result<Examples, DefinitionsError> {
        let text = json!({"version": "1.0", "actions": {"DoIt": [example]}}).to_string();
        parse(FILE, &text, |a| a == "DoIt")
    }

    #[test]
    fn http_request_and_enveloped_response() {
        let parsed = parse_one(json!({
            "title": "示例",
            "document": "说明",
            "input": "POST / HTTP/1.1\nHost: x.tencentcloudapi.com\nContent-Type: application/json\nX-TC-Action: DoIt\n<公共请求参数>\n\n{\n    \"A\": 1\n}",
            "output": "{\"Response\": {\"RequestId\": \"r\"}}"
        }))
        .unwrap();
        let example = &parsed.by_action["DoIt"][0];
        assert_eq!(example.title, "示例");
        assert_eq!(example.docs, "说明");
        assert_eq!(example.input, Some(json!({"A": 1})));
        assert_eq!(example.output, Some(json!({"Response": {"RequestId": "r"}})));
        assert_eq!(parsed.domains.iter().collect::<Vec<_>>(), ["x.tencentcloudapi.com"]);
        assert!(parsed.notes.is_empty());
    }

    #[test]
    fn query_string_request_is_kept_as_docs() {
        let parsed = parse_one(json!({
            "title": "t", "document": "",
            "input": "https://x.tencentcloudapi.com/?Action=DoIt\n&Id=1\n&<公共请求参数>",
            "output": "{\"Response\": {}}"
        }))
        .unwrap();
        let example = &parsed.by_action["DoIt"][0];
        assert_eq!(example.input, None);
        assert!(example.docs.contains("&Id=1"), "{}", example.docs);
        assert_eq!(
            parsed.notes,
            vec![Note::QueryStringExample {
                action: "DoIt".into(),
                index: 0
            }]
        );
        assert!(parsed.domains.contains("x.tencentcloudapi.com"));
    }

    #[test]
    fn odd_examples_are_noted() {
        let parsed = parse_one(json!({
            "title": "t", "document": "",
            "input": "POST / HTTP/1.1\nX-TC-Action: Other\n\n{}",
            "output": "{\"RequestId\": \"r\", \"Response\": {}}"
        }))
        .unwrap();
        assert_eq!(parsed.notes.len(), 2, "{:?}", parsed.notes);
        let text = json!({"version": "1.0", "actions": {"Gone": []}}).to_string();
        let parsed = parse(FILE, &text, |_| false).unwrap();
        assert_eq!(
            parsed.notes,
            vec![Note::ExamplesForUnknownAction { action: "Gone".into() }]
        );
    }

    #[test]
    fn bad_examples_are_noted_with_the_field_and_left_out() {
        let base = |input: &str, output: &str| json!({"title": "t", "document": "", "input": input, "output": output});
        let noted = |example| {
            let parsed = parse_one(example).unwrap();
            assert!(parsed.by_action["DoIt"].is_empty(), "{:?}", parsed.by_action);
            match parsed.notes.as_slice() {
                [Note::ExampleNotImported {
                    action,
                    index: 0,
                    field,
                    ..
                }] if action == "DoIt" => field.clone(),
                other => panic!("{other:?}"),
            }
        };
        let field = noted(base("POST / HTTP/1.1\n\n{oops", "{\"Response\": {}}"));
        assert_eq!(field, "actions.DoIt[0].input");
        assert_eq!(noted(base("POST / HTTP/1.1\n\n{}", "nope")), "actions.DoIt[0].output");
        assert_eq!(noted(base("POST / HTTP/1.1\n\n{}", "[1]")), "actions.DoIt[0].output");
        assert_eq!(noted(base("hello", "{\"Response\": {}}")), "actions.DoIt[0].input");
        // The others are still read.
        let text = json!({"version": "1.0", "actions": {"DoIt": [
            base("POST / HTTP/1.1\n\n{", "{\"Response\": {}}"),
            base("POST / HTTP/1.1\n\n{\"A\": 1}", "{\"Response\": {}}")
        ]}})
        .to_string();
        let parsed = parse(FILE, &text, |_| true).unwrap();
        assert_eq!(parsed.by_action["DoIt"].len(), 1);
        assert_eq!(parsed.by_action["DoIt"][0].input, Some(json!({"A": 1})));
        let err = parse(
            FILE,
            "{\"version\": \"1.0\", \"actions\": {\"DoIt\": [{\"title\": 1}]}}",
            |_| true,
        )
        .unwrap_err();
        assert_eq!(err.field, "actions.DoIt[0].title");
    }
}
