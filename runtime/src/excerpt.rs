//! Short, char-boundary-safe excerpts of response bodies for error messages, with the values
//! of secret members redacted ([`crate::secret`]).

use crate::secret;

/// Upper bound on the characters an excerpt keeps, so an error stays readable in a log line.
const MAX_CHARS: usize = 200;

/// Bytes of a body an excerpt can show: 4 bytes per char at most.
pub(crate) const MAX_BYTES: usize = MAX_CHARS * 4;

/// The start of `body`, at most [`MAX_CHARS`] characters, invalid UTF-8 replaced, secret values
/// (by name, or named in `secret_members`) redacted.
pub(crate) fn head(body: &[u8], secret_members: &[&str]) -> String {
    let prefix = &body[..body.len().min(MAX_BYTES)];
    let text = String::from_utf8_lossy(prefix);
    let end = text.char_indices().nth(MAX_CHARS).map_or(text.len(), |(i, _)| i);
    let secrets = secret::value_ranges(text.as_bytes(), secret_members, end);
    let mut out = secret::redacted_slice(&text, 0..end, &secrets);
    if end < body.len() {
        out.push('…');
    }
    out
}

/// [`around_offset`] of a 1-based `line`/`column`, as serde_json reports them.
#[cfg(test)]
fn around(text: &str, line: usize, column: usize, secret_members: &[&str]) -> String {
    around_offset(text, byte_offset(text, line, column), secret_members)
}

/// At most [`MAX_CHARS`] characters of `text` centred on the byte `offset` where decoding
/// stopped, so the excerpt of a large body shows the place; secret values redacted as in
/// [`head`].
pub(crate) fn around_offset(text: &str, offset: usize, secret_members: &[&str]) -> String {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    // Half the budget before the position; `char_indices` keeps every cut on a boundary.
    let start = text[..offset]
        .char_indices()
        .rev()
        .nth(MAX_CHARS / 2 - 1)
        .map_or(0, |(i, _)| i);
    let end = text[start..]
        .char_indices()
        .nth(MAX_CHARS)
        .map_or(text.len(), |(i, _)| start + i);
    // Keys come before their values, so the scan starts at the top to catch a secret value
    // that begins before the window.
    let secrets = secret::value_ranges(text.as_bytes(), secret_members, end);
    let mut out = String::with_capacity(end - start + 6);
    if start > 0 {
        out.push('…');
    }
    out.push_str(&secret::redacted_slice(text, start..end, &secrets));
    if end < text.len() {
        out.push('…');
    }
    out
}

/// Byte offset of a 1-based line/column position, clamped to a char boundary inside `text`.
pub(crate) fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    if line == 0 {
        return 0;
    }
    let line_start = if line == 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let mut offset = line_start.saturating_add(column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_keeps_short_bodies_whole() {
        assert_eq!(head(b"<html>busy</html>", &[]), "<html>busy</html>");
    }

    #[test]
    fn head_cuts_long_multibyte_bodies_on_char_boundaries() {
        let body = "数".repeat(500);
        let out = head(body.as_bytes(), &[]);
        assert_eq!(out.chars().count(), MAX_CHARS + 1);
        assert!(out.ends_with('…'));
        assert!(out.starts_with("数数"));
    }

    #[test]
    fn head_replaces_invalid_utf8() {
        assert_eq!(head(&[b'a', 0xff, b'b'], &[]), "a\u{fffd}b");
    }

    #[test]
    fn around_centres_on_the_error_position() {
        let text = format!("{}X{}", "数".repeat(300), "b".repeat(300));
        // Column is a byte column: 300 three-byte chars precede the X.
        let out = around(&text, 1, 901, &[]);
        assert!(out.starts_with('…') && out.ends_with('…'));
        let inner: String = out.trim_matches('…').to_owned();
        assert_eq!(inner.chars().count(), MAX_CHARS);
        assert_eq!(inner.chars().nth(MAX_CHARS / 2), Some('X'));
    }

    #[test]
    fn around_handles_positions_past_the_end_and_later_lines() {
        assert_eq!(around("ab\ncd", 2, 99, &[]), "ab\ncd");
        assert_eq!(around("", 7, 7, &[]), "");
        // A column inside a multibyte char is moved back to its start.
        assert_eq!(around("数", 1, 2, &[]), "数");
    }

    #[test]
    fn excerpts_redact_secret_values() {
        let body = r#"{"Response":{"JobList":[{"SrcInfo":{"User":"root","Password":"hunter2","TmpSecretKey":"sk-1"},"Data":"tok"}]}}"#;
        let out = head(body.as_bytes(), &["Data"]);
        assert!(
            !out.contains("hunter2") && !out.contains("sk-1") && !out.contains("tok\""),
            "{out}"
        );
        assert!(out.contains(r#""User":"root""#), "{out}");
        let at = body.find("hunter2").unwrap();
        let out = around(body, 1, at + 3, &[]);
        assert!(!out.contains("hunter") && !out.contains("sk-1"), "{out}");
    }
}
