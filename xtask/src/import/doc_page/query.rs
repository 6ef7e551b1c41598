//! Request examples in the GET form of older pages:
//!
//! ```text
//! https://cvm.tencentcloudapi.com/?Action=StartInstances
//! &InstanceIds.0=ins-r8hr2upy
//! &Filters.0.Name=zone
//! &Limit=10
//! &<Common request parameters>
//! ```
//!
//! read as the JSON body the POST form would send: `Name.N` indices make arrays, `A.0.B`
//! objects in them, and values become numbers or booleans where the input table types the
//! member so (nested members, which the page does not type, stay strings).

use serde_json::{Map, Value};
use tencentcloud_codegen::spec::Type;

use super::lines::Page;
use super::params::Param;
use super::vocabulary::{ALWAYS_COMMON, SOMETIMES_COMMON};
use super::Warning;

/// More path segments than any API 3.0 parameter has (`Filters.0.Values.0` has four); a
/// deeper key is not a parameter.
const MAX_SEGMENTS: usize = 8;
/// A larger index is not an example value but a broken page; it would also allocate.
const MAX_INDEX: usize = 1000;

pub struct Query {
    /// The URL's line.
    pub line: u32,
    /// Host of the URL, empty when the page lost it (`https:` alone on its line).
    pub host: String,
    /// `(line, key, value)` in page order, percent-decoded.
    pub params: Vec<(u32, String, String)>,
}

/// The GET request starting at line `index` (`https://host/?Action=X`, `GET https://...`, or
/// a bare `https:` whose host the page lost, followed by `&Name=value` lines). Returns it, the
/// index of the first line after it, and the byte offset of JSON glued to its last line
/// (`&<Common request parameters>{`), if any.
pub fn read(page: &Page, index: usize) -> Option<(Query, usize, Option<usize>)> {
    let line = page.line(index)?;
    let url = line.text.strip_prefix("GET ").map_or(line.text, str::trim_start);
    let rest = url.strip_prefix("https:").or_else(|| url.strip_prefix("http:"))?;
    let next_is_param = next_text(page, index + 1).is_some_and(|t| t.starts_with('&'));
    let (host, query) = match rest.strip_prefix("//") {
        Some(after) => {
            let (location, query) = after.split_once('?').unwrap_or((after, ""));
            let host = location.split('/').next().unwrap_or("");
            (host, query)
        }
        None if rest.is_empty() => ("", ""),
        None => return None,
    };
    // A link in prose is not a request: a request names its action or goes on with `&` lines.
    let names_action = query.split('&').any(|p| p.starts_with("Action="));
    if !names_action && !next_is_param {
        return None;
    }
    let mut params = Vec::new();
    push_params(&mut params, line.no, query);
    let mut next = index + 1;
    let mut glued = None;
    while let Some(line) = page.line(next) {
        if line.text.is_empty() {
            next += 1;
            continue;
        }
        let Some(more) = line.text.strip_prefix('&') else {
            break;
        };
        next += 1;
        // `&<Common request parameters>` ends the request.
        if let Some(after) = more
            .strip_prefix('<')
            .and_then(|m| m.split_once('>'))
            .map(|(_, after)| after)
        {
            if after.trim_start().starts_with(['{', '[']) {
                glued = Some(line.offset + (line.text.len() - after.trim_start().len()));
            }
            break;
        }
        push_params(&mut params, line.no, more);
    }
    let query = Query {
        line: line.no,
        host: host.to_owned(),
        params,
    };
    Some((query, next, glued))
}

fn next_text<'p>(page: &Page<'p>, mut index: usize) -> Option<&'p str> {
    while let Some(line) = page.line(index) {
        if !line.text.is_empty() {
            return Some(line.text);
        }
        index += 1;
    }
    None
}

fn push_params(params: &mut Vec<(u32, String, String)>, line: u32, text: &str) {
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        params.push((line, percent_decode(key.trim()), percent_decode(value.trim())));
    }
}

/// `%2C` -> `,`; anything that is not a valid escape stays as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escaped = (b == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(decoded) => {
                out.push(decoded);
                i += 3;
            }
            None => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `Action` value of the query, with its line.
pub fn action(query: &Query) -> Option<(u32, String)> {
    query
        .params
        .iter()
        .find(|(_, key, _)| key == "Action")
        .map(|(line, _, value)| (*line, value.clone()))
}

/// The JSON body the query stands for. Common parameters are left out, as the POST examples
/// leave them out of the body; what cannot be placed is left out with a warning.
pub fn to_body(page: &Page, query: &Query, declared: &[Param], warnings: &mut Vec<Warning>) -> Value {
    let mut body = Value::Object(Map::new());
    for (line, key, value) in &query.params {
        let segments: Vec<&str> = key.split('.').collect();
        let Some(&top) = segments.first() else { continue };
        let param = declared.iter().find(|p| p.name == top);
        let common = ALWAYS_COMMON.contains(&top) || SOMETIMES_COMMON.contains(&top);
        if param.is_none() && common {
            continue;
        }
        let leaf = param.and_then(|p| leaf_type(&p.ty, segments.get(1..).unwrap_or(&[])));
        let placed = typed(leaf, value)
            .and_then(|typed_value| place(&mut body, &segments, typed_value))
            .map_err(|why| page.warning(*line, format!("GET example parameter `{key}` {why}: left out")));
        if let Err(warning) = placed {
            warnings.push(warning);
        }
    }
    if let Some(line) = holes(&body).then_some(query.line) {
        warnings.push(page.warning(line, "GET example skips list indices: the missing items are null"));
    }
    body
}

/// The declared type at the end of `path` under a member of type `ty`: list indices step into
/// the element type; names inside an object step out of what the page types.
fn leaf_type<'t>(ty: &'t Type, path: &[&str]) -> Option<&'t Type> {
    let mut ty = ty;
    for segment in path {
        match ty {
            Type::List(inner) if segment.parse::<usize>().is_ok() => ty = inner,
            _ => return None,
        }
    }
    Some(ty)
}

/// The value as the member's type has it.
fn typed(ty: Option<&Type>, value: &str) -> Result<Value, String> {
    let number = |ok: bool, v: Option<Value>| match v {
        Some(v) if ok => Ok(v),
        _ => Err(format!(
            "is `{value}`, not a {}",
            ty.map_or(String::new(), Type::to_string)
        )),
    };
    match ty {
        Some(Type::Int64) => number(true, value.parse::<i64>().ok().map(Value::from)),
        Some(Type::Uint64) => number(true, value.parse::<u64>().ok().map(Value::from)),
        Some(Type::Float) => number(
            true,
            value
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number),
        ),
        Some(Type::Bool) => match value {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!("is `{value}`, not a bool")),
        },
        _ => Ok(Value::String(value.to_owned())),
    }
}

/// Puts `value` at `path` in `body`: numeric segments index arrays, others name members.
/// Walks without recursion and bounds depth and indices, so no key can exhaust the stack or
/// memory.
fn place(body: &mut Value, path: &[&str], value: Value) -> Result<(), String> {
    if path.len() > MAX_SEGMENTS {
        return Err(format!("has more than {MAX_SEGMENTS} parts"));
    }
    if path.iter().any(|s| s.is_empty()) {
        return Err("has an empty part".to_owned());
    }
    let mut slot = body;
    for (depth, segment) in path.iter().enumerate() {
        let index = if depth == 0 {
            None
        } else {
            segment.parse::<usize>().ok()
        };
        slot = match index {
            Some(i) if i > MAX_INDEX => return Err(format!("has an index above {MAX_INDEX}")),
            Some(i) => {
                if slot.is_null() {
                    *slot = Value::Array(Vec::new());
                }
                let Value::Array(items) = slot else {
                    return Err("indexes something that is not a list".to_owned());
                };
                if items.len() <= i {
                    items.resize(i + 1, Value::Null);
                }
                match items.get_mut(i) {
                    Some(item) => item,
                    None => return Err("cannot be placed".to_owned()),
                }
            }
            None => {
                if slot.is_null() {
                    *slot = Value::Object(Map::new());
                }
                let Value::Object(members) = slot else {
                    return Err("names a member of something that is not an object".to_owned());
                };
                members.entry((*segment).to_owned()).or_insert(Value::Null)
            }
        };
    }
    if !slot.is_null() {
        return Err("is given twice".to_owned());
    }
    *slot = value;
    Ok(())
}

/// Whether any list has a null item (a skipped index). Iterative: depth is bounded anyway.
fn holes(body: &Value) -> bool {
    let mut stack = vec![body];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => {
                if items.iter().any(Value::is_null) {
                    return true;
                }
                stack.extend(items);
            }
            Value::Object(members) => stack.extend(members.values()),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::description::Description;
    use super::*;

    fn param(name: &str, ty: Type) -> Param {
        Param {
            line: 1,
            name: name.to_owned(),
            ty,
            required: None,
            nullable: None,
            description: Description::default(),
        }
    }

    fn body(text: &str, declared: &[Param]) -> (Value, usize, Vec<Warning>) {
        let page = Page::new("q", text);
        let (query, next, _) = read(&page, 0).expect("a GET request");
        let mut warnings = Vec::new();
        (to_body(&page, &query, declared, &mut warnings), next, warnings)
    }

    #[test]
    fn indices_make_lists_and_objects() {
        let declared = [
            param("InstanceIds", Type::List(Box::new(Type::String))),
            param("Filters", Type::List(Box::new(Type::Object("Filter".into())))),
            param("Limit", Type::Int64),
            param("DryRun", Type::Bool),
        ];
        let (value, next, warnings) = body(
            "GET https://cvm.tencentcloudapi.com/?Action=DescribeInstances&Version=2017-03-12\n&InstanceIds.0=ins-1\n&InstanceIds.1=ins-2\n&Filters.0.Name=zone\n&Filters.0.Values.0=ap%2Dguangzhou-1\n&Limit=10\n&DryRun=false\n&Region=ap-guangzhou\n&<Common request parameters>\n{",
            &declared,
        );
        assert_eq!(
            value,
            serde_json::json!({
                "InstanceIds": ["ins-1", "ins-2"],
                "Filters": [{"Name": "zone", "Values": ["ap-guangzhou-1"]}],
                "Limit": 10,
                "DryRun": false
            })
        );
        assert_eq!(next, 9);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn what_cannot_be_placed_is_left_out_with_a_warning() {
        let declared = [
            param("Limit", Type::Int64),
            param("Ids", Type::List(Box::new(Type::String))),
        ];
        let (value, _, warnings) = body(
            "https://a.tencentcloudapi.com/?Action=A\n&Limit=ten\n&Ids.2=x\n&Ids.0=y\n&Ids.0=z\n&A.1.2.3.4.5.6.7.8=v\n&Ids.5000=w",
            &declared,
        );
        assert_eq!(value, serde_json::json!({"Ids": ["y", null, "x"]}));
        let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages.len(), 5, "{messages:?}");
        assert!(messages[0].contains("`Limit` is `ten`, not a int64"), "{messages:?}");
        assert!(messages[1].contains("given twice"), "{messages:?}");
        assert!(messages[4].contains("skips list indices"), "{messages:?}");
    }

    #[test]
    fn only_requests_are_read() {
        let page = Page::new("q", "https://www.tencentcloud.com/document/product/614/16982\ntext");
        assert!(read(&page, 0).is_none());
        // The host lost, the parameters kept.
        let (value, _, _) = body("https:\n&AutoSnapshotPolicyIds.0=asp-1", &[]);
        assert_eq!(value, serde_json::json!({"AutoSnapshotPolicyIds": ["asp-1"]}));
        let page = Page::new(
            "q",
            "https://a.tencentcloudapi.com/?Action=A\n&<Common request parameters>{\"Response\": {}}",
        );
        let (query, next, glued) = read(&page, 0).unwrap();
        assert_eq!((query.host.as_str(), next), ("a.tencentcloudapi.com", 2));
        assert_eq!(glued.and_then(|at| page.text.get(at..at + 1)), Some("{"));
        assert_eq!(action(&query), Some((1, "A".to_owned())));
    }
}
