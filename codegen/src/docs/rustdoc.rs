//! The last step before docs become `///` lines: whatever Markdown a spec holds (official
//! prose, a page, a hostile edit), the lines emitted compile and render as text. Rustdoc would
//! otherwise compile an unlabeled or `rust` fence (or an indented block) as Rust and fail
//! `-D warnings` on prose; rustc rejects a bare CR or a bidi override in a comment; raw
//! `<script>` would reach the rendered page.

/// `markdown` as doc lines (without the leading space).
pub(super) fn safe_lines(markdown: &str) -> Vec<String> {
    let text = clean_characters(markdown);
    let mut out = Vec::new();
    let mut fence: Option<Fence> = None;
    let mut in_list = false;
    for raw in text.split('\n') {
        let line = raw.replace('\t', "    ");
        let line = line.trim_end();
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            if open.closes(trimmed) {
                fence = None;
            }
            out.push(line.to_owned());
            continue;
        }
        if let Some((opened, info)) = Fence::open(trimmed) {
            let label = if is_rust_info(info) { "text" } else { info };
            let indent = &line[..line.len() - trimmed.len()];
            out.push(format!("{indent}{}{label}", opened.marker()));
            fence = Some(opened);
            continue;
        }
        if trimmed.is_empty() {
            in_list = false;
            out.push(String::new());
            continue;
        }
        in_list = in_list || is_list_item(trimmed);
        let indent = line.len() - trimmed.len();
        // Four spaces outside a list make an indented code block, which rustdoc compiles.
        let kept = if indent >= 4 && !in_list { "" } else { &line[..indent] };
        out.push(format!("{kept}{}", escape_raw_html(trimmed)));
    }
    if let Some(open) = fence {
        out.push(open.marker());
    }
    out
}

/// Drops what rustc or a reader's terminal would take for something else: control
/// characters (a lone CR is a line break), bidi overrides and isolates, a byte-order mark.
fn clean_characters(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter(|&c| {
            !(matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
                || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}')
                || matches!(c, '\u{2066}'..='\u{2069}' | '\u{feff}'))
        })
        .collect()
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

/// Escapes `<` that would open an HTML tag, comment or declaration, outside code spans;
/// keeps autolinks (`<https://…>`) and what is escaped already.
fn escape_raw_html(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.char_indices().peekable();
    let mut code_run: Option<usize> = None;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some((_, next)) = chars.next() {
                    out.push(next);
                }
            }
            '`' => {
                let mut run = 1;
                while chars.peek().is_some_and(|(_, c)| *c == '`') {
                    chars.next();
                    run += 1;
                }
                out.push_str(&"`".repeat(run));
                code_run = match code_run {
                    None if line[i + run..].contains(&"`".repeat(run)) => Some(run),
                    Some(open) if open == run => None,
                    other => other,
                };
            }
            '<' if code_run.is_none() && opens_tag(&line[i + 1..]) && !is_autolink(&line[i + 1..]) => {
                out.push_str("\\<");
            }
            _ => out.push(c),
        }
    }
    out
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
    fn indented_code_blocks_only_inside_lists() {
        assert_eq!(safe("text\n    fn main() {}"), "text\nfn main() {}");
        assert_eq!(safe("- a\n  - b\n    more"), "- a\n  - b\n    more");
        assert_eq!(safe("- a\n\n    code"), "- a\n\ncode");
    }
}
