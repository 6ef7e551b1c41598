//! The last step before docs become `///` lines: whatever Markdown a spec holds (official
//! prose, a page, a hostile edit), the lines emitted compile and render as text. Rustdoc would
//! otherwise compile an unlabeled or `rust` fence (or an indented block) as Rust and fail
//! `-D warnings` on prose; rustc rejects a bare CR or a bidi override in a comment; raw
//! `<script>` would reach the rendered page.

use std::borrow::Cow;

/// `markdown` as doc lines (without the leading space).
#[cfg(test)]
pub(super) fn safe_lines(markdown: &str) -> Vec<String> {
    prefixed_safe_lines(markdown, "")
}

/// [`safe_lines`] with `prefix` starting every line (the space of a `/// ` line), made in
/// place: this runs for every doc of every item.
pub(super) fn prefixed_safe_lines(markdown: &str, prefix: &str) -> Vec<String> {
    let text = clean_characters(markdown);
    let mut out = Vec::new();
    let mut fence: Option<Fence> = None;
    let mut in_list = false;
    for raw in text.split('\n') {
        let untabbed = if raw.contains('\t') {
            Cow::Owned(raw.replace('\t', "    "))
        } else {
            Cow::Borrowed(raw)
        };
        let line = untabbed.trim_end();
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            if open.closes(trimmed) {
                fence = None;
            }
            out.push(format!("{prefix}{line}"));
            continue;
        }
        if let Some((opened, info)) = Fence::open(trimmed) {
            let label = if is_rust_info(info) { "text" } else { info };
            let indent = &line[..line.len() - trimmed.len()];
            out.push(format!("{prefix}{indent}{}{label}", opened.marker()));
            fence = Some(opened);
            continue;
        }
        if trimmed.is_empty() {
            in_list = false;
            out.push(prefix.to_owned());
            continue;
        }
        in_list = in_list || is_list_item(trimmed);
        let indent = line.len() - trimmed.len();
        // Four spaces outside a list make an indented code block, which rustdoc compiles.
        let kept = if indent >= 4 && !in_list { "" } else { &line[..indent] };
        let mut text = String::with_capacity(prefix.len() + kept.len() + trimmed.len() + 8);
        text.push_str(prefix);
        text.push_str(kept);
        escape_inline(trimmed, &mut text);
        out.push(text);
    }
    if let Some(open) = fence {
        out.push(format!("{prefix}{}", open.marker()));
    }
    out
}

/// Drops what rustc or a reader's terminal would take for something else: control
/// characters (a lone CR is a line break), bidi overrides and isolates, a byte-order mark.
/// Most docs hold none, and are borrowed as they are.
fn clean_characters(text: &str) -> Cow<'_, str> {
    let dropped = |c: char| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
            || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}')
            || matches!(c, '\u{2066}'..='\u{2069}' | '\u{feff}')
    };
    if !text.chars().any(dropped) {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Cow::Owned(text.chars().filter(|&c| !dropped(c)).collect())
}

struct Fence {
    char: char,
    len: usize,
}

impl Fence {
    /// A fence opener: three or more backticks or tildes, and the info string after them.
    fn open(line: &str) -> Option<(Fence, &str)> {
        let char = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let len = line.chars().take_while(|c| *c == char).count();
        if len < 3 {
            return None;
        }
        let info = line[len..].trim();
        // A backtick fence's info string cannot hold a backtick: that line is inline code.
        if char == '`' && info.contains('`') {
            return None;
        }
        Some((Fence { char, len }, info))
    }

    fn closes(&self, line: &str) -> bool {
        line.chars().take_while(|c| *c == self.char).count() >= self.len
            && line.trim_start_matches(self.char).trim().is_empty()
    }

    fn marker(&self) -> String {
        self.char.to_string().repeat(self.len)
    }
}

/// Info strings rustdoc would compile as Rust: none, `rust`, or rustdoc's attributes.
fn is_rust_info(info: &str) -> bool {
    let first = info.split([',', ' ']).next().unwrap_or("");
    first.is_empty()
        || first.eq_ignore_ascii_case("rust")
        || first.eq_ignore_ascii_case("rs")
        || [
            "ignore",
            "should_panic",
            "no_run",
            "compile_fail",
            "edition2015",
            "edition2018",
            "edition2021",
            "edition2024",
        ]
        .contains(&first)
}

fn is_list_item(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    line.starts_with("- ")
        || line.starts_with("* ")
        || line.starts_with("+ ")
        || (digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") ")))
}

/// Outside code spans: escapes `<` that would open an HTML tag, comment or declaration
/// (autolinks `<https://…>` stay), brackets that are not an `[text](https://…)` link (rustdoc
/// would resolve `[1,100]` as an intra-doc link; a `javascript:` target is not a link), and
/// wraps bare URLs in `<…>`. What is escaped already stays as it is.
fn escape_inline(line: &str, out: &mut String) {
    let mut code_run: Option<usize> = None;
    // Byte offsets of `]` that close a kept link.
    let mut link_closers: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let c = rest.chars().next().expect("i < len");
        match c {
            '`' => {
                let run = rest.bytes().take_while(|b| *b == b'`').count();
                out.push_str(&rest[..run]);
                code_run = match code_run {
                    None if line[i + run..].contains(&"`".repeat(run)) => Some(run),
                    Some(open) if open == run => None,
                    other => other,
                };
                i += run;
                continue;
            }
            _ if code_run.is_some() => out.push(c),
            '\\' => {
                out.push(c);
                if let Some(next) = rest[1..].chars().next() {
                    out.push(next);
                    i += next.len_utf8();
                }
            }
            '<' if opens_tag(&rest[1..]) && !is_autolink(&rest[1..]) => out.push_str("\\<"),
            '<' if is_autolink(&rest[1..]) => {
                let end = rest.find('>').expect("is_autolink found it") + 1;
                out.push_str(&rest[..end]);
                i += end;
                continue;
            }
            '[' => match link_end(rest) {
                Some(close) => {
                    link_closers.push(i + close);
                    out.push(c);
                }
                None => out.push_str("\\["),
            },
            ']' if link_closers.last() == Some(&i) => {
                link_closers.pop();
                // The `(target)` is copied whole: it holds no markup to escape.
                let target_end = rest.find(')').expect("link_end checked it") + 1;
                out.push_str(&rest[..target_end]);
                i += target_end;
                continue;
            }
            ']' => out.push_str("\\]"),
            'h' if url_len(rest) > 0 => {
                let len = url_len(rest);
                out.push('<');
                out.push_str(&rest[..len]);
                out.push('>');
                i += len;
                continue;
            }
            _ => out.push(c),
        }
        i += c.len_utf8();
    }
}

/// For `[text](https://…)` at the start of `rest`: the offset of its `]`. Nested brackets in
/// the text, or any other target, make it not a link.
fn link_end(rest: &str) -> Option<usize> {
    let close = rest.find(']')?;
    let text = &rest[1..close];
    if text.contains('[') || text.is_empty() {
        return None;
    }
    let target = rest[close + 1..].strip_prefix('(')?;
    let end = target.find(')')?;
    let url = &target[..end];
    let web = url.starts_with("https://") || url.starts_with("http://");
    (web && !url.contains(|c: char| c.is_whitespace() || c == '<' || c == '>')).then_some(close)
}

/// Length of a bare URL at the start of `rest` (not inside `<…>` or a link target, which the
/// caller has consumed), without trailing sentence punctuation; 0 if none.
fn url_len(rest: &str) -> usize {
    if !(rest.starts_with("https://") || rest.starts_with("http://")) {
        return 0;
    }
    let len = rest
        .find(|c: char| {
            c.is_whitespace() || !c.is_ascii() || matches!(c, '<' | '>' | '"' | '`' | ')' | '(' | '[' | ']')
        })
        .unwrap_or(rest.len());
    rest[..len].trim_end_matches(['.', ',', ';', ':', '!', '?']).len()
}

fn opens_tag(rest: &str) -> bool {
    rest.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
}

fn is_autolink(rest: &str) -> bool {
    (rest.starts_with("https://") || rest.starts_with("http://"))
        && rest
            .find('>')
            .is_some_and(|end| !rest[..end].contains(|c: char| c.is_whitespace() || c == '<'))
}

#[cfg(test)]
mod tests {
    use super::safe_lines;

    fn safe(text: &str) -> String {
        safe_lines(text).join("\n")
    }

    #[test]
    fn fences_that_rustdoc_would_compile_are_text() {
        assert_eq!(safe("a\n```\nSELECT 1;\n```"), "a\n```text\nSELECT 1;\n```");
        assert_eq!(safe("```rust\nnot rust\n```"), "```text\nnot rust\n```");
        assert_eq!(safe("```json\n{}\n```"), "```json\n{}\n```");
        // An unclosed fence is closed, so it cannot swallow what follows.
        assert_eq!(safe("````\nx"), "````text\nx\n````");
        // A longer run inside a fence does not close it early.
        assert_eq!(safe("````\n```\n````\nafter"), "````text\n```\n````\nafter");
    }

    #[test]
    fn control_and_bidi_characters_are_dropped() {
        assert_eq!(safe("a\rb\r\nc"), "a\nb\nc");
        assert_eq!(safe("x\u{202e}y\u{2066}z\u{0}\u{7}"), "xyz");
    }

    #[test]
    fn raw_html_is_escaped_outside_code() {
        assert_eq!(
            safe("<script>alert(1)</script> `<b>` <https://x.y/z> \\<i> a < b"),
            "\\<script>alert(1)\\</script> `<b>` <https://x.y/z> \\<i> a < b"
        );
        assert_eq!(safe("<!-- c --> <?php"), "\\<!-- c --> \\<?php");
    }

    #[test]
    fn brackets_and_bare_urls() {
        assert_eq!(safe("区间[1,100] and [x]"), "区间\\[1,100\\] and \\[x\\]");
        assert_eq!(safe("see [docs](https://a.b/c) now"), "see [docs](https://a.b/c) now");
        assert_eq!(safe("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(safe("\\[kept\\] `[code]`"), "\\[kept\\] `[code]`");
        assert_eq!(
            safe("at https://cloud.tencent.com/document/api. Done"),
            "at <https://cloud.tencent.com/document/api>. Done"
        );
        assert_eq!(safe("<https://x.y/z> stays"), "<https://x.y/z> stays");
    }

    #[test]
    fn indented_code_blocks_only_inside_lists() {
        assert_eq!(safe("text\n    fn main() {}"), "text\nfn main() {}");
        assert_eq!(safe("- a\n  - b\n    more"), "- a\n  - b\n    more");
        assert_eq!(safe("- a\n\n    code"), "- a\n\ncode");
    }
}
