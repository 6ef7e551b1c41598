//! Unwrapping `{"Response": {...}}`: the service's error and request id are probed without
//! knowing the result type, so only the final typed decode is generic.

use std::ops::Range;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::codec::json::Peek;
use crate::codec::{DecodeError, Reader};
use crate::excerpt;
use crate::secret;

/// A typed decode with its type erased: reads one value and keeps it. What is generic per
/// response type is this one small method; the envelope's handling is compiled once.
pub(crate) trait DecodeInto {
    fn decode_from(&mut self, r: &mut Reader<'_>) -> Result<(), DecodeError>;
    /// Whether a value was decoded.
    fn is_set(&self) -> bool;
}

impl<O: crate::codec::Decode> DecodeInto for Option<O> {
    fn decode_from(&mut self, r: &mut Reader<'_>) -> Result<(), DecodeError> {
        match O::decode(r) {
            Ok(value) => {
                *self = Some(value);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
    fn is_set(&self) -> bool {
        self.is_some()
    }
}

/// Longest error message kept, in chars: a server can send megabytes of `Message`.
pub(crate) const MAX_MESSAGE_CHARS: usize = 2_000;
/// Longest error code and request id kept, in chars; real ones are under 100.
const MAX_CODE_CHARS: usize = 200;

/// What the envelope holds.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Probe {
    /// No `Response.Error`: the result to decode is `body[range]`, the `Response` object.
    Result {
        request_id: Option<String>,
        range: Range<usize>,
    },
    /// `Response.Error` was present.
    Api {
        code: String,
        message: String,
        request_id: String,
    },
}

/// Why a body could not be decoded, before it is tied to an action and an error-code type.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct DecodeFailure {
    pub(crate) path: String,
    pub(crate) message: String,
    pub(crate) body_excerpt: String,
}

/// The path reported when the body as a whole is unusable.
const WHOLE_BODY: &str = "(body)";

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "Response", borrow)]
    response: Option<&'a RawValue>,
}

/// The members every response may carry; all others are skipped.
#[derive(Deserialize)]
struct Head {
    #[serde(rename = "Error")]
    error: Option<ErrorBody>,
    #[serde(rename = "RequestId")]
    request_id: Option<String>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(rename = "Code")]
    code: String,
    #[serde(rename = "Message", default)]
    message: String,
}

/// `secret_members` names members (besides [`secret::is_secret_name`]) whose values excerpts
/// must not show.
pub(crate) fn probe(body: &[u8], secret_members: &[&str]) -> Result<Probe, DecodeFailure> {
    if let Some(found) = scan(body) {
        return Ok(found);
    }
    probe_with_serde(body, secret_members)
}

/// [`probe`] of a plain result, in one pass of the runtime's own reader (the serde probe
/// reads the body twice, more slowly): where the `Response` object lies, and its
/// `RequestId`. `None` for anything else: an error, a body that is not an object with one
/// `Response` object, a `RequestId` that is neither text nor `null`, a repeated member. The
/// serde probe then decides, and explains a bad body in its own words.
fn scan(body: &[u8]) -> Option<Probe> {
    let text = std::str::from_utf8(body).ok()?;
    let mut reader = Reader::new(text);
    let mut range = None;
    let mut request_id = None;
    let mut plain = true;
    reader
        .object("envelope", &mut |key, r| {
            if key != "Response" {
                return r.skip();
            }
            if range.is_some() {
                plain = false;
                return r.skip();
            }
            // Past any whitespace, to where the object starts.
            r.peek()?;
            let start = r.offset();
            let mut seen_id = false;
            r.object("Response", &mut |key, r| match key {
                "Error" => {
                    plain = false;
                    r.skip()
                }
                "RequestId" => {
                    plain &= !seen_id;
                    seen_id = true;
                    match r.peek()? {
                        Peek::String => request_id = Some(r.text()?),
                        Peek::Null => r.skip()?,
                        _ => {
                            plain = false;
                            r.skip()?;
                        }
                    }
                    Ok(())
                }
                _ => r.skip(),
            })?;
            range = Some(start..r.offset());
            Ok(())
        })
        .and_then(|()| reader.finish())
        .ok()?;
    let range = range.filter(|_| plain)?;
    Some(Probe::Result {
        request_id: request_id.map(|id| truncate(id, MAX_CODE_CHARS)),
        range,
    })
}

fn probe_with_serde(body: &[u8], secret_members: &[&str]) -> Result<Probe, DecodeFailure> {
    let whole_body = |message: String| DecodeFailure {
        path: WHOLE_BODY.to_owned(),
        message,
        body_excerpt: excerpt::head(body, secret_members),
    };
    let envelope: Envelope<'_> = serde_json::from_slice(body).map_err(|e| {
        whole_body(if e.is_syntax() || e.is_eof() {
            format!("response body is not JSON: {e}")
        } else {
            format!("response body is not an object with a `Response` member: {e}")
        })
    })?;
    // serde's derived structs also accept arrays; the envelope is always an object.
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(whole_body(
            "response body is not an object with a `Response` member".to_owned(),
        ));
    }
    let raw = envelope.response.ok_or_else(|| DecodeFailure {
        path: "Response".to_owned(),
        message: "missing field `Response`".to_owned(),
        body_excerpt: excerpt::head(body, secret_members),
    })?;
    let text = raw.get();
    let head: Head = decode_head(text, secret_members)?;
    let request_id = head.request_id.map(|id| truncate(id, MAX_CODE_CHARS));
    if let Some(error) = head.error {
        return Ok(Probe::Api {
            code: truncate(error.code, MAX_CODE_CHARS),
            message: truncate(error.message, MAX_MESSAGE_CHARS),
            request_id: request_id.unwrap_or_default(),
        });
    }
    Ok(Probe::Result {
        request_id,
        range: subslice_range(body, text.as_bytes()),
    })
}

/// Whether `body` is an object that cannot hold a `Response.Error` member, so that decoding
/// it as `{"Response": T}` ([`decode_enveloped`]) is all a call needs: such a member's key is
/// written `"Error"`, or with an escape ([`escaped_key`]). Both searches are far cheaper than
/// the pass of [`probe`]; escapes in values (text the service sends as `\uXXXX`) are common
/// and do not count.
pub(crate) fn plainly_a_result(body: &[u8]) -> bool {
    // Not UTF-8 is left to the decode, which checks it and has `probe` explain the failure.
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
        && memchr::memmem::find(body, b"\"Error\"").is_none()
        && !escaped_key(body)
}

/// Whether a key of the JSON `text` holds an escape, or `text` cannot be read far enough to
/// tell. Outside strings JSON has no backslash, and only a key's string is followed by a
/// colon: so from each backslash this walks to the end of its string (an escape is a
/// backslash and the character after it; `\uXXXX`'s digits are plain) and looks at what
/// follows. Invalid JSON may answer either way; its decode fails and [`probe`] explains it.
fn escaped_key(text: &[u8]) -> bool {
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| memchr::memchr(b'\\', rest)) {
        let mut i = from + found;
        loop {
            match text.get(i) {
                Some(b'\\') => i += 2,
                Some(b'"') => break,
                Some(_) => match memchr::memchr2(b'"', b'\\', &text[i..]) {
                    Some(next) => i += next,
                    None => return true,
                },
                None => return true,
            }
        }
        let after = text[i + 1..].iter().find(|b| !b.is_ascii_whitespace());
        if after == Some(&b':') {
            return true;
        }
        from = i + 1;
    }
    false
}

/// The `Response` of a body that [`plainly_a_result`], decoded in one pass. A body that does
/// not decode is explained by [`probe`] and [`decode`], as any other.
pub(crate) fn decode_enveloped(
    body: &[u8],
    secret_members: &[&str],
    decode_into: &mut dyn DecodeInto,
) -> Result<(), DecodeFailure> {
    if let Ok(text) = std::str::from_utf8(body) {
        let mut reader = Reader::new(text);
        let mut found = false;
        let decoded = reader
            .object("envelope", &mut |key, r| {
                if key == "Response" {
                    found = true;
                    decode_into.decode_from(r)
                } else {
                    r.skip()
                }
            })
            .and_then(|()| reader.finish());
        if decoded.is_ok() && found {
            return Ok(());
        }
    }
    // The explaining decode records the same corrections as the failed one; keep one set.
    crate::shape::take_corrections();
    match probe(body, secret_members)? {
        Probe::Result { range, .. } => {
            let text = std::str::from_utf8(body.get(range).unwrap_or_default()).map_err(|e| DecodeFailure {
                path: "Response".to_owned(),
                message: format!("response is not UTF-8: {e}"),
                body_excerpt: excerpt::head(body, secret_members),
            })?;
            decode(text, secret_members, decode_into)
        }
        // `plainly_a_result` rules this out; said plainly rather than assumed.
        Probe::Api { code, .. } => Err(DecodeFailure {
            path: "Response.Error".to_owned(),
            message: format!("the response holds an error ({code}) where a result was expected"),
            body_excerpt: excerpt::head(body, secret_members),
        }),
    }
}

/// `text` cut to at most `max` chars, marked with `…` when cut.
pub(crate) fn truncate(mut text: String, max: usize) -> String {
    if let Some((cut, _)) = text.char_indices().nth(max) {
        text.truncate(cut);
        text.push('…');
    }
    text
}

/// Decodes the `Response` object `text`; errors carry the path from `Response`.
pub(crate) fn decode(
    text: &str,
    secret_members: &[&str],
    decode_into: &mut dyn DecodeInto,
) -> Result<(), DecodeFailure> {
    let mut reader = Reader::new(text);
    decode_into
        .decode_from(&mut reader)
        .and_then(|()| reader.finish())
        .map_err(|e| failure(text, &e, secret_members))
}

/// `{"Error": ..., "RequestId": ...}` of a `Response`, with serde: the one decode here that is
/// not a generated type.
fn decode_head(text: &str, secret_members: &[&str]) -> Result<Head, DecodeFailure> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        let offset = excerpt::byte_offset(text, inner.line(), inner.column());
        let key = match e.path().iter().next_back() {
            Some(serde_path_to_error::Segment::Map { key }) => Some(key.as_str()),
            _ => None,
        };
        let mut error = DecodeError::new(inner.to_string(), offset);
        let relative = e.path().to_string();
        if relative != "." {
            error = error.in_member(&relative);
        }
        failure_at(text, &error, key, secret_members)
    })
}

fn failure(text: &str, e: &DecodeError, secret_members: &[&str]) -> DecodeFailure {
    failure_at(text, e, e.member(), secret_members)
}

fn failure_at(text: &str, e: &DecodeError, member: Option<&str>, secret_members: &[&str]) -> DecodeFailure {
    let body_excerpt = excerpt::around_offset(text, e.offset(), secret_members);
    let relative = e.path();
    let path = match relative.as_str() {
        "" => "Response".to_owned(),
        p if p.starts_with('[') => format!("Response{p}"),
        p => format!("Response.{p}"),
    };
    // The message may quote the offending value (`invalid value: string "…"`).
    let secret = member.is_some_and(|key| secret::is_secret_name(key) || secret_members.contains(&key));
    let message = if secret {
        format!("the value of a secret member is invalid ({})", secret::REDACTED)
    } else {
        truncate(e.message().to_owned(), MAX_MESSAGE_CHARS)
    };
    DecodeFailure {
        path,
        message,
        body_excerpt,
    }
}

/// The position of `inner` within `outer`; `inner` is a borrow of `outer` (serde_json's borrowed
/// `RawValue`), and the range is clamped so a broken invariant cannot index out of bounds.
fn subslice_range(outer: &[u8], inner: &[u8]) -> Range<usize> {
    let start = (inner.as_ptr() as usize)
        .saturating_sub(outer.as_ptr() as usize)
        .min(outer.len());
    let end = start.saturating_add(inner.len()).min(outer.len());
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result_text(body: &str) -> &str {
        match probe(body.as_bytes(), &[]).unwrap() {
            Probe::Result { range, .. } => &body[range],
            other => panic!("expected a result, got {other:?}"),
        }
    }

    /// The one-pass scan finds what the serde probe finds, and leaves to it every body it is
    /// not sure of.
    #[test]
    fn the_scan_agrees_with_the_serde_probe() {
        let bodies = [
            r#" {"Other": 1, "Response": {"RequestId": "r1", "Total": 2} } "#,
            r#"{"Response": {"Total": 2, "RequestId": null}}"#,
            r#"{"Response":{"A":"\u0045rror","RequestId":"\u0072\n"}}"#,
            r#"{"Response": {"Error": {"Code": "C", "Message": "m"}, "RequestId": "r"}}"#,
            r#"{"Response": {"\u0045rror": {"Code": "C"}, "RequestId": "r"}}"#,
            r#"{"Response": {"Error": null, "RequestId": "r"}}"#,
            r#"{"Response": {"RequestId": 5}}"#,
            r#"{"Response": {"RequestId": "a", "RequestId": "b"}}"#,
            r#"{"Response": {}, "Response": {}}"#,
            r#"{"Response": 5}"#,
            r#"{"Response": null}"#,
            r#"{"Other": {}}"#,
            r#"[{"Response": {}}]"#,
            r#"{"Response": {}} x"#,
            r#"{"Response": {"List": [1, {"Error": 2}]}}"#,
            "",
        ];
        for body in bodies {
            let serde = probe_with_serde(body.as_bytes(), &[]);
            match scan(body.as_bytes()) {
                Some(found) => assert_eq!(serde.as_ref().ok(), Some(&found), "{body}"),
                // Only a `null` error is a result the scan leaves to serde.
                None => assert!(
                    !matches!(serde, Ok(Probe::Result { .. })) || body.contains(r#""Error": null"#),
                    "{body}: the scan gave up on a plain result"
                ),
            }
        }
        assert!(scan(r#"{"Response": {"A": "é", "RequestId": "r"}}"#.as_bytes()).is_some());
    }

    #[test]
    fn result_range_is_the_response_object() {
        let body = r#" {"Other": 1, "Response": {"RequestId": "r1", "Total": 2} } "#;
        assert_eq!(result_text(body), r#"{"RequestId": "r1", "Total": 2}"#);
        assert_eq!(
            probe(body.as_bytes(), &[]).unwrap(),
            Probe::Result {
                request_id: Some("r1".into()),
                range: 26..57
            }
        );
    }

    #[test]
    fn error_member_wins_over_any_result() {
        let body = br#"{"Response":{"Total":1,"Error":{"Code":"InvalidParameter","Message":"bad"},"RequestId":"r2"}}"#;
        assert_eq!(
            probe(body, &[]).unwrap(),
            Probe::Api {
                code: "InvalidParameter".into(),
                message: "bad".into(),
                request_id: "r2".into()
            }
        );
    }

    #[test]
    fn non_json_and_wrong_shapes_are_decode_failures() {
        let f = probe(b"<html>502 Bad Gateway</html>", &[]).unwrap_err();
        assert_eq!(f.path, WHOLE_BODY);
        assert!(f.message.starts_with("response body is not JSON"), "{}", f.message);
        assert_eq!(f.body_excerpt, "<html>502 Bad Gateway</html>");

        let f = probe(b"[1]", &[]).unwrap_err();
        assert!(f.message.contains("not an object"), "{}", f.message);
        assert_eq!(probe(b"{}", &[]).unwrap_err().path, "Response");
        assert_eq!(probe(br#"{"Response":[]}"#, &[]).unwrap_err().path, "Response");
        let f = probe(br#"{"Response":{"Error":{"Code":7}}}"#, &[]).unwrap_err();
        assert_eq!(f.path, "Response.Error.Code");
    }

    /// A one-member shape for the typed decodes below: `{name: T}`.
    #[derive(Debug, PartialEq)]
    struct One<T> {
        value: T,
    }

    macro_rules! one {
        ($key:literal, $ty:ty, $empty:expr) => {
            impl crate::shape::Shape for One<$ty> {
                const NAME: &'static str = "One";
                const REQUIRED: &'static [&'static str] = &[$key];
                fn empty() -> Self {
                    One { value: $empty }
                }
            }
            impl crate::shape::Fields for One<$ty> {
                fn field(&mut self, key: &str, r: &mut Reader<'_>) -> Result<Option<usize>, DecodeError> {
                    match key {
                        $key => r.required(&mut self.value, 0),
                        _ => r.unknown(),
                    }
                }
            }
            impl crate::codec::Decode for One<$ty> {
                fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
                    crate::shape::decode(r)
                }
            }
        };
    }

    /// `{"StepNow": u64}`
    #[derive(Debug, PartialEq)]
    struct Step(u64);
    impl crate::codec::Decode for Step {
        fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
            let mut step = 0;
            r.object("Detail", &mut |key, r| match key {
                "StepNow" => r.required(&mut step, 0).map(drop),
                _ => r.skip(),
            })?;
            Ok(Step(step))
        }
    }
    one!("Detail", Step, Step(0));
    one!("JobList", Vec<One<Step>>, Vec::new());
    one!("Password", u64, 0);
    one!("Total", i64, 0);

    fn typed<T: crate::codec::Decode>(text: &str) -> Result<T, DecodeFailure> {
        let mut out = None::<T>;
        decode(text, &[], &mut out)?;
        Ok(out.unwrap())
    }

    fn enveloped<T: crate::codec::Decode>(body: &[u8]) -> Result<T, DecodeFailure> {
        let mut out = None::<T>;
        decode_enveloped(body, &[], &mut out)?;
        Ok(out.unwrap())
    }

    #[test]
    fn typed_decode_errors_carry_the_path() {
        let text = r#"{"JobList":[{"Detail":{"StepNow":"three"}}]}"#;
        let f = typed::<One<Vec<One<Step>>>>(text).unwrap_err();
        assert_eq!(f.path, "Response.JobList[0].Detail.StepNow");
        assert!(f.message.contains("invalid value: string"), "{}", f.message);
        assert_eq!(f.body_excerpt, text);
    }

    #[test]
    fn a_secret_member_that_fails_to_decode_shows_no_value() {
        let text = r#"{"Password":"hunter2"}"#;
        let f = typed::<One<u64>>(text).unwrap_err();
        assert_eq!(f.path, "Response.Password");
        assert!(
            !f.message.contains("hunter2") && !f.body_excerpt.contains("hunter2"),
            "{f:?}"
        );
    }

    #[test]
    fn huge_error_messages_and_codes_are_cut() {
        let body = format!(
            r#"{{"Response":{{"Error":{{"Code":"{}","Message":"{}"}},"RequestId":"r"}}}}"#,
            "C".repeat(10_000),
            "数".repeat(100_000)
        );
        match probe(body.as_bytes(), &[]).unwrap() {
            Probe::Api { code, message, .. } => {
                assert_eq!(code.chars().count(), MAX_CODE_CHARS + 1);
                assert_eq!(message.chars().count(), MAX_MESSAGE_CHARS + 1);
                assert!(message.ends_with('…'));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn only_bodies_that_cannot_hold_an_error_skip_the_probe() {
        assert!(plainly_a_result(br#" {"Response": {"RequestId": "r", "Total": 2}}"#));
        // Escapes in values: text such as Chinese sent as `\uXXXX`, quotes, backslashes.
        assert!(plainly_a_result(
            br#"{"Response": {"Name": "\u5168\u91cf", "Note": "a \"quoted\": word", "Path": "C:\\"}}"#
        ));
        for body in [
            &br#"{"Response": {"Error": {"Code": "C", "Message": "m"}, "RequestId": "r"}}"#[..],
            br#"{"Response": {"\u0045rror": {"Code": "C"}, "RequestId": "r"}}"#,
            br#"{"Response": {"\\\u0045rror": {"Code": "C"}}}"#,
            br#"{"Response": {"A": "\\", "B\n" : 1}}"#,
            br#"{"Response": {"Note": "unterminated \"}}"#,
            br#"[{"Response": {"RequestId": "r"}}]"#,
        ] {
            assert!(!plainly_a_result(body), "{}", String::from_utf8_lossy(body));
        }
    }

    /// Random bodies built from keys and values with and without escapes: none that
    /// `plainly_a_result` lets skip the probe holds an error.
    #[test]
    fn no_error_passes_as_plainly_a_result() {
        const KEYS: [&str; 6] = [
            r#""Error""#,
            r#""\u0045rror""#,
            r#""Err\u006fr""#,
            r#""Note""#,
            r#""N\"q""#,
            r#""RequestId""#,
        ];
        const VALUES: [&str; 6] = [
            r#""\u5168""#,
            r#""a\"b": c""#,
            r#""\\""#,
            "1",
            "null",
            r#"{"Code": "C"}"#,
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let (mut plain, mut errors) = (0, 0);
        for _ in 0..5_000 {
            let mut members: Vec<String> = (0..next(4))
                .map(|_| {
                    let value = if next(3) == 0 {
                        format!("{{{}: {}}}", KEYS[next(KEYS.len())], VALUES[next(VALUES.len())])
                    } else {
                        VALUES[next(VALUES.len())].to_owned()
                    };
                    format!("{}: {value}", KEYS[next(KEYS.len())])
                })
                .collect();
            members.dedup();
            let body = format!(r#"{{"Response": {{{}}}}}"#, members.join(", "));
            let probed = probe_with_serde(body.as_bytes(), &[]);
            errors += usize::from(matches!(probed, Ok(Probe::Api { .. })));
            if plainly_a_result(body.as_bytes()) {
                plain += 1;
                assert!(!matches!(probed, Ok(Probe::Api { .. })), "{body}");
            }
        }
        // Both kinds were generated, so the test can fail.
        assert!(plain > 500 && errors > 50, "{plain} plain, {errors} errors");
    }

    #[test]
    fn the_one_pass_decode_reads_and_fails_as_the_probe_and_decode_do() {
        let body = br#"{"Other": [1], "Response": {"Total": 2, "RequestId": "r"}}"#;
        assert_eq!(enveloped::<One<i64>>(body), Ok(One { value: 2 }));
        let body = br#"{"Response": {"Total": "many", "RequestId": "r"}}"#;
        let Probe::Result { range, .. } = probe(body, &[]).unwrap() else {
            panic!("not a result");
        };
        let expected = typed::<One<i64>>(std::str::from_utf8(&body[range]).unwrap()).unwrap_err();
        assert_eq!(enveloped::<One<i64>>(body).unwrap_err(), expected);
        assert_eq!(expected.path, "Response.Total");
        // Not UTF-8 passes as plain, and the one-pass decode leaves its failure to the probe.
        for body in [
            &b"not json"[..],
            br#"{"Result": {}}"#,
            b"{\"Response\": {\"Name\": \"\xff\"}}",
        ] {
            assert_eq!(enveloped::<One<i64>>(body).unwrap_err(), probe(body, &[]).unwrap_err());
        }
    }
}
