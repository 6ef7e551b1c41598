//! Which member values are secrets, and where they sit in a response body, so that nothing the
//! client prints (errors, their excerpts, `Debug`) carries one.
//!
//! The rule on names is the one the importers apply to mark members `secret` in the specs;
//! specs may add members by their docs (a `Data` member documented as a token), which reach
//! the client through [`ActionInfo::secret_members`](crate::ActionInfo::secret_members).

use std::ops::Range;

/// What a redacted value prints as.
pub const REDACTED: &str = "<redacted>";

/// Whether a member named `name` holds a credential: a password, a secret or private key, a
/// token, a Kerberos keytab or a Java keystore. Pagination tokens (`NextToken`) are not.
///
/// ```
/// use tencentcloud_runtime::secret::is_secret_name;
/// assert!(is_secret_name("TmpSecretKey") && is_secret_name("NewPassword") && is_secret_name("KeyTab"));
/// assert!(!is_secret_name("SecretId") && !is_secret_name("NextToken") && !is_secret_name("TokenType"));
/// ```
pub fn is_secret_name(name: &str) -> bool {
    const CONTAINS: [&str; 6] = ["password", "passwd", "secretkey", "privatekey", "keytab", "keystore"];
    const ENDS_WITH: [&str; 4] = ["token", "tokens", "secret", "pwd"];
    const PAGING: [&str; 4] = ["nexttoken", "pagetoken", "continuationtoken", "paginationtoken"];
    let name = name.to_ascii_lowercase();
    if PAGING.iter().any(|p| name.ends_with(p)) {
        return false;
    }
    CONTAINS.iter().any(|s| name.contains(s)) || ENDS_WITH.iter().any(|s| name.ends_with(s))
}

/// Byte ranges of the values of secret members in the JSON-ish `text`, for values that start
/// before `end`: a string value's range excludes its quotes, a scalar's is the token. Keys are
/// secret by [`is_secret_name`] or when listed in `extra`. Tolerant of text that is not JSON
/// (an HTML error page, a cut-off body): it only follows strings and `:`.
pub(crate) fn value_ranges(text: &[u8], extra: &[&str], end: usize) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut i = 0;
    let end = end.min(text.len());
    while i < end {
        if text[i] != b'"' {
            i += 1;
            continue;
        }
        let key = string_end(text, i + 1);
        let mut j = skip_space(text, key.end_quote_next);
        if text.get(j) != Some(&b':') {
            i = key.end_quote_next;
            continue;
        }
        j = skip_space(text, j + 1);
        let name = String::from_utf8_lossy(&text[i + 1..key.content_end]);
        let secret = is_secret_name(&name) || extra.iter().any(|e| *e == name);
        if !secret {
            i = j;
            continue;
        }
        match text.get(j) {
            Some(b'"') => {
                let value = string_end(text, j + 1);
                ranges.push(j + 1..value.content_end);
                i = value.end_quote_next;
            }
            Some(b'{' | b'[') | None => i = j,
            Some(_) => {
                let stop = text[j..]
                    .iter()
                    .position(|b| matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace())
                    .map_or(text.len(), |p| j + p);
                ranges.push(j..stop);
                i = stop;
            }
        }
    }
    ranges
}

struct StringEnd {
    /// Where the string's content ends (its closing quote, or the end of the text).
    content_end: usize,
    /// Just past the closing quote.
    end_quote_next: usize,
}

/// The end of the JSON string whose content starts at `start`, honouring `\` escapes.
fn string_end(text: &[u8], start: usize) -> StringEnd {
    let mut i = start;
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b'"' => {
                return StringEnd {
                    content_end: i,
                    end_quote_next: i + 1,
                }
            }
            _ => i += 1,
        }
    }
    StringEnd {
        content_end: text.len(),
        end_quote_next: text.len(),
    }
}

fn skip_space(text: &[u8], mut i: usize) -> usize {
    while text.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// `text[range]` with every secret range inside or overlapping it replaced by [`REDACTED`];
/// `range` must lie on char boundaries.
pub(crate) fn redacted_slice(text: &str, range: Range<usize>, secrets: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(range.len());
    let mut at = range.start;
    for secret in secrets {
        if secret.end <= at || secret.start >= range.end {
            continue;
        }
        let cut = floor_char_boundary(text, secret.start.max(at));
        out.push_str(&text[at..cut]);
        out.push_str(REDACTED);
        at = ceil_char_boundary(text, secret.end.min(range.end));
    }
    if at < range.end {
        out.push_str(&text[at..range.end]);
    }
    out
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_credentials_are_secret() {
        for name in [
            "Password",
            "NewPassword",
            "DbPasswd",
            "TmpSecretKey",
            "SecretKey",
            "PrivateKey",
            "Token",
            "TmpToken",
            "SessionToken",
            "KeyTab",
            "KeyStore",
            "ClientSecret",
            "UserPwd",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "SecretId",
            "TmpSecretId",
            "PublicKey",
            "NextToken",
            "TokenType",
            "Key",
            "PassRows",
            "Keyword",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    fn redact(text: &str, extra: &[&str]) -> String {
        let ranges = value_ranges(text.as_bytes(), extra, text.len());
        redacted_slice(text, 0..text.len(), &ranges)
    }

    #[test]
    fn secret_values_are_replaced_and_others_kept() {
        assert_eq!(
            redact(
                r#"{"User":"u","Password":"p\"w","Port":1,"TmpSecretKey" : "k","Token":12}"#,
                &[]
            ),
            r#"{"User":"u","Password":"<redacted>","Port":1,"TmpSecretKey" : "<redacted>","Token":<redacted>}"#
        );
        assert_eq!(
            redact(r#"{"Data":"tok","Other":"x"}"#, &["Data"]),
            r#"{"Data":"<redacted>","Other":"x"}"#
        );
        // A string that is a value, not a key, is never taken for one.
        assert_eq!(redact(r#"["Password","x"]"#, &[]), r#"["Password","x"]"#);
    }

    #[test]
    fn cut_off_and_non_json_text_is_handled() {
        assert_eq!(redact(r#"{"Password":"abc"#, &[]), r#"{"Password":"<redacted>"#);
        assert_eq!(redact(r#"{"Password":"#, &[]), r#"{"Password":"#);
        assert_eq!(redact("<html>Password: x</html>", &[]), "<html>Password: x</html>");
        assert_eq!(redact(r#""Token":"数据""#, &[]), r#""Token":"<redacted>""#);
    }

    #[test]
    fn a_window_starting_inside_a_secret_shows_none_of_it() {
        let text = r#"{"Password":"abcdefgh","X":1}"#;
        let ranges = value_ranges(text.as_bytes(), &[], text.len());
        assert_eq!(redacted_slice(text, 16..text.len(), &ranges), r#"<redacted>","X":1}"#);
    }
}
