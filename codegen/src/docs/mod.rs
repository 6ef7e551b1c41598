//! API documentation text -> rustdoc attributes.
//!
//! The API's docs are prose written for a web page. Rustdoc reads them as Markdown, so
//! characters that Markdown or rustdoc's lints give meaning to are escaped: `[..]` would be
//! taken for intra-doc links, `<..>` for HTML tags, bare URLs trip `rustdoc::bare_urls`.

mod html;

use proc_macro2::TokenStream;
use quote::quote;

/// Prose for one generated item: Markdown paragraphs, emitted as rustdoc attributes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs {
    paragraphs: Vec<String>,
}

impl Docs {
    /// The API's prose for an item.
    pub fn from_markdown(text: &str) -> Docs {
        let mut docs = Docs::default();
        docs.push_markdown(to_markdown(text));
        docs
    }

    /// The API's prose as it appears inside a list item.
    pub fn inline_markdown(text: &str) -> String {
        to_markdown(text)
    }

    /// Adds a paragraph the generator writes (already Markdown); empty ones are dropped.
    pub fn push_markdown(&mut self, paragraph: String) {
        if !paragraph.trim().is_empty() {
            self.paragraphs.push(paragraph);
        }
    }

    pub fn append(&mut self, other: Docs) {
        self.paragraphs.extend(other.paragraphs);
    }

    pub fn paragraphs(&self) -> &[String] {
        &self.paragraphs
    }

    /// `#[doc = "..."]` attributes, one per line.
    pub fn attrs(&self) -> TokenStream {
        doc_attrs(&self.paragraphs)
    }
}

/// Rustdoc paragraphs for `text`, as `#[doc = "..."]` attributes (one per line).
pub fn doc_attrs(paragraphs: &[String]) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in paragraphs.iter().filter(|p| !p.trim().is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        // Tabs render unpredictably in rustdoc (and clippy rejects them).
        lines.extend(
            paragraph
                .trim()
                .lines()
                .map(|line| format!(" {}", line.trim_end().replace('\t', "    "))),
        );
    }
    quote! { #( #[doc = #lines] )* }
}

/// API prose -> Markdown. The definitions write HTML (`<p>`, `<ul><li>`, `<a href>`,
/// `<code>`, `&quot;`); doc pages write plain text with meaningful line breaks. HTML is
/// converted, plain text only escaped.
pub fn to_markdown(text: &str) -> String {
    if is_html(text) {
        return html::to_markdown(text);
    }
    plain_to_markdown(text)
}

/// Plain page text is Markdown-ish already (`**bold**`, `- item` lines), so emphasis is
/// kept; leading indentation is dropped (it would make a code block, which rustdoc compiles
/// as Rust), and a line right after a list gets a blank line instead of silently joining the
/// last item.
fn plain_to_markdown(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_list = false;
    for line in text.lines().map(str::trim) {
        let is_item = is_list_item(line);
        if in_list && !is_item && !line.is_empty() {
            out.push(String::new());
        }
        in_list = is_item || (in_list && !line.is_empty());
        out.push(escape(line, false));
    }
    out.join("\n")
}

fn is_list_item(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    line.starts_with("- ")
        || line.starts_with("* ")
        || line.starts_with("+ ")
        || (digits > 0 && line[digits..].starts_with(". "))
}

fn is_html(text: &str) -> bool {
    [
        "<p>",
        "<p ",
        "</p>",
        "<br",
        "</li>",
        "</a>",
        "</code>",
        "</pre>",
        "</strong>",
    ]
    .iter()
    .any(|tag| text.contains(tag))
}

/// Escapes prose for Markdown and wraps bare URLs in `<...>` so they render as links.
pub fn escape_markdown(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, escape_emphasis: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(url_len) = url_at(rest) {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            rest = &rest[url_len..];
            continue;
        }
        let mut chars = rest.chars();
        let c = chars.next().expect("rest is not empty");
        match c {
            '*' if !escape_emphasis => out.push(c),
            '[' | ']' | '<' | '>' | '*' | '\\' | '|' => {
                out.push('\\');
                out.push(c);
            }
            // A `#` opens a heading only at the start of a line.
            '#' if out.is_empty() || out.ends_with('\n') => out.push_str("\\#"),
            _ => out.push(c),
        }
        rest = chars.as_str();
    }
    out
}

/// Inline code span for an example value, choosing a fence that the value does not contain.
pub fn code_span(value: &str) -> String {
    let longest_run = value.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if value.starts_with('`') || value.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{value}{pad}{fence}")
}

/// Length of the URL starting at the beginning of `s`, if one does.
fn url_at(s: &str) -> Option<usize> {
    if !(s.starts_with("http://") || s.starts_with("https://")) {
        return None;
    }
    let len = s
        .find(|c: char| c.is_whitespace() || !c.is_ascii() || matches!(c, '<' | '>' | '"' | '`' | ')' | '(' | '，'))
        .unwrap_or(s.len());
    // Trailing punctuation belongs to the sentence, not the URL.
    let trimmed = s[..len].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    Some(trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_specials_are_escaped() {
        assert_eq!(
            escape_markdown("区间[1,100] a<b> x_y *"),
            "区间\\[1,100\\] a\\<b\\> x_y \\*"
        );
        assert_eq!(escape_markdown("# h\nx # y"), "\\# h\nx # y");
    }

    #[test]
    fn indented_plain_text_is_not_a_code_block() {
        assert_eq!(
            to_markdown("依赖关系\n    normal_all(1),\n    self(6)"),
            "依赖关系\nnormal_all(1),\nself(6)"
        );
        assert_eq!(
            to_markdown("**类型**\n- 0 补录\n- 1 周期\n注意"),
            "**类型**\n- 0 补录\n- 1 周期\n\n注意"
        );
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            escape_markdown("see https://cloud.tencent.com/document/api/1267. Done"),
            "see <https://cloud.tencent.com/document/api/1267>. Done"
        );
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code_span("a"), "`a`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`"), "`` ` ``");
    }
}
