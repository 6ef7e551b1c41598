//! API documentation text: converted to Markdown once, at import ([`html_to_markdown`] for
//! the definitions' HTML, [`plain_to_markdown`] for doc-page text), so specs hold one format;
//! emitted as rustdoc through [`Docs`], which makes any Markdown safe for rustdoc.
//!
//! The API's docs are prose written for a web page. Rustdoc reads them as Markdown, so
//! characters that Markdown or rustdoc's lints give meaning to are escaped: `[..]` would be
//! taken for intra-doc links, `<..>` for HTML tags, bare URLs trip `rustdoc::bare_urls`.

mod html;
mod rustdoc;

pub use html::to_markdown as html_to_markdown;

use proc_macro2::TokenStream;

/// Prose for one generated item: Markdown paragraphs, emitted as rustdoc attributes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs {
    paragraphs: Vec<String>,
    /// Rust the generator wrote and the SDK's tests compile, as a `rust` code block emitted
    /// before the paragraph at the index; it bypasses the sanitizer, which would make it `text`.
    rust_example: Option<(usize, String)>,
}

impl Docs {
    /// The API's prose for an item, as the spec holds it (Markdown).
    pub fn from_markdown(text: &str) -> Docs {
        let mut docs = Docs::default();
        docs.push_markdown(text.to_owned());
        docs
    }

    /// The API's prose in English and in Chinese (the China site's definitions, kept whole so
    /// that a reader in China loses nothing): English first, so that rustdoc's summary line
    /// (the first paragraph) is English when there is English. Either alone where the other is
    /// empty, and once where both say the same. Every bilingual item's docs are composed here.
    pub fn bilingual(en: Docs, zh: Docs) -> Docs {
        let same = en
            .paragraphs
            .iter()
            .map(|p| p.trim())
            .eq(zh.paragraphs.iter().map(|p| p.trim()));
        let mut docs = en;
        if !same {
            docs.append(zh);
        }
        docs
    }

    /// [`Docs::bilingual`] of one Markdown text in each language.
    pub fn bilingual_markdown(en: &str, zh: &str) -> Docs {
        Docs::bilingual(Docs::from_markdown(en), Docs::from_markdown(zh))
    }

    /// The API's prose as one line of a list item: blank lines would end the list.
    pub fn inline_markdown(text: &str) -> String {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// [`Docs::bilingual`] as one line of a list item: English, then ` / ` and the Chinese.
    pub fn bilingual_inline(en: &str, zh: &str) -> String {
        let docs = Docs::bilingual_markdown(en, zh);
        let parts: Vec<String> = docs.paragraphs.iter().map(|p| Docs::inline_markdown(p)).collect();
        parts.join(" / ")
    }

    /// Adds a paragraph the generator writes (already Markdown); empty ones are dropped.
    pub fn push_markdown(&mut self, paragraph: String) {
        if !paragraph.trim().is_empty() {
            self.paragraphs.push(paragraph);
        }
    }

    pub fn append(&mut self, other: Docs) {
        if let Some((at, code)) = other.rust_example {
            self.rust_example = Some((at + self.paragraphs.len(), code));
        }
        self.paragraphs.extend(other.paragraphs);
    }

    /// Adds the Rust example here, after the paragraphs so far: `heading` (Markdown) and the
    /// code, which must be the generator's own output (it is not sanitized).
    pub fn push_rust_example(&mut self, heading: &str, code: &str) {
        let block = format!("{heading}\n\n```rust\n{}\n```", code.trim_end());
        self.rust_example = Some((self.paragraphs.len(), block));
    }

    pub fn paragraphs(&self) -> &[String] {
        &self.paragraphs
    }

    /// `#[doc = "..."]` attributes, one per line (or, while a file is printed, a placeholder
    /// for them: [`crate::deferred`]).
    pub fn attrs(&self) -> TokenStream {
        crate::deferred::attrs(self.lines())
    }

    /// The doc lines, each as it follows `///`.
    fn lines(&self) -> Vec<String> {
        let Some((at, example)) = &self.rust_example else {
            return doc_lines(&self.paragraphs);
        };
        let (before, after) = self.paragraphs.split_at(*at);
        let mut lines = doc_lines(before);
        if !before.is_empty() {
            lines.push(String::new());
        }
        lines.extend(example.lines().map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        }));
        if !after.is_empty() {
            lines.push(String::new());
        }
        lines.extend(doc_lines(after));
        lines
    }
}

/// Rustdoc paragraphs, as `#[doc = "..."]` attributes (one per line), made safe for rustdoc
/// whatever the Markdown holds (see [`rustdoc::prefixed_safe_lines`]).
pub fn doc_attrs(paragraphs: &[String]) -> TokenStream {
    crate::deferred::attrs(doc_lines(paragraphs))
}

fn doc_lines(paragraphs: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in paragraphs.iter().filter(|p| !p.trim().is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(rustdoc::prefixed_safe_lines(paragraph.trim(), " "));
    }
    lines
}

/// Plain page text is Markdown-ish already (`**bold**`, `- item` lines), so emphasis is
/// kept; leading indentation is dropped (it would make a code block, which rustdoc compiles
/// as Rust), and a line right after a list gets a blank line instead of silently joining the
/// last item.
pub fn plain_to_markdown(text: &str) -> String {
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
    fn bilingual_docs_put_english_first_and_keep_chinese() {
        let docs = Docs::bilingual_markdown("Queries a task.\n\nDetails.", "查询任务。");
        assert_eq!(docs.paragraphs(), ["Queries a task.\n\nDetails.", "查询任务。"]);
        assert_eq!(Docs::bilingual_markdown("", "查询任务。").paragraphs(), ["查询任务。"]);
        assert_eq!(Docs::bilingual_markdown("Task.", "").paragraphs(), ["Task."]);
        assert_eq!(
            Docs::bilingual_markdown("ID ", "ID").paragraphs(),
            ["ID "],
            "identical: once"
        );
        assert!(Docs::bilingual_markdown("", " ").paragraphs().is_empty());
        let mut en = Docs::from_markdown("Title");
        en.push_markdown("Body".into());
        let docs = Docs::bilingual(en, Docs::from_markdown("标题"));
        assert_eq!(docs.paragraphs(), ["Title", "Body", "标题"]);
        assert_eq!(
            Docs::bilingual_inline("Failed.\nRetry.", "失败。"),
            "Failed. Retry. / 失败。"
        );
        assert_eq!(Docs::bilingual_inline("", "失败。"), "失败。");
        assert_eq!(Docs::bilingual_inline("", ""), "");
    }

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
            plain_to_markdown("依赖关系\n    normal_all(1),\n    self(6)"),
            "依赖关系\nnormal_all(1),\nself(6)"
        );
        assert_eq!(
            plain_to_markdown("**类型**\n- 0 补录\n- 1 周期\n注意"),
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
