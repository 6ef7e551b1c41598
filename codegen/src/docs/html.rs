//! The HTML subset of the API definitions' docs -> Markdown for rustdoc.
//!
//! Tokenizing is html5gum's (entities, attributes, malformed input); this renders the tags the
//! definitions use. A tag outside that set is kept as literal text (`<DATA>` in prose is not
//! markup), so nothing is silently dropped.

use html5gum::{Token, Tokenizer};

use super::{code_span, escape_markdown};

pub fn to_markdown(html: &str) -> String {
    let mut renderer = Renderer::default();
    for Ok(token) in Tokenizer::new(html) {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let href = tag
                    .attributes
                    .get(b"href".as_slice())
                    .map(|v| String::from_utf8_lossy(v).into_owned());
                renderer.start(&name, href, tag.self_closing);
            }
            Token::EndTag(tag) => renderer.end(&String::from_utf8_lossy(&tag.name).to_ascii_lowercase()),
            Token::String(text) => renderer.text(&String::from_utf8_lossy(&text)),
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    renderer.finish()
}

#[derive(Default)]
struct Renderer {
    out: String,
    /// Open lists: `None` for `<ul>`, `Some(n)` for `<ol>` at item `n`.
    lists: Vec<Option<u32>>,
    /// Text of an open `<code>` (rendered as one span when it closes).
    code: Option<String>,
    pre: Option<String>,
    /// Open `<a href>`: the target and the link text so far.
    link: Option<(String, String)>,
    /// Rows of an open `<table>`, each a list of cells.
    table: Option<Vec<Vec<String>>>,
}

impl Renderer {
    fn start(&mut self, name: &str, href: Option<String>, self_closing: bool) {
        match name {
            // Inside a list item a paragraph would end the list; a line break keeps it.
            "p" | "div" if !self.lists.is_empty() => {}
            "p" | "div" | "blockquote" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.block(),
            // In a list item the next line is indented to continue the item.
            "br" => {
                let indent = if self.lists.is_empty() { 0 } else { 2 * self.lists.len() };
                let brk = format!("\\\n{}", " ".repeat(indent));
                self.push_raw(&brk);
            }
            "ul" | "ol" => {
                // A nested list continues its item; a top-level one starts a block.
                if self.lists.is_empty() {
                    self.block();
                }
                self.lists.push((name == "ol").then_some(0));
            }
            "li" => {
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{n}. ")
                    }
                    _ => "- ".to_owned(),
                };
                self.trim_trailing_space();
                if !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push('\n');
                }
                self.out.push_str(&"  ".repeat(depth));
                self.out.push_str(&marker);
            }
            "code" if self.pre.is_none() => self.code = Some(String::new()),
            "pre" => {
                self.block();
                self.pre = Some(String::new());
            }
            "strong" | "b" => self.push_raw("**"),
            "em" | "i" => self.push_raw("*"),
            "a" => self.link = Some((href.unwrap_or_default(), String::new())),
            "table" => {
                self.block();
                self.table = Some(Vec::new());
            }
            "tr" => {
                if let Some(rows) = &mut self.table {
                    rows.push(Vec::new());
                }
            }
            "td" | "th" => {
                if let Some(row) = self.table.as_mut().and_then(|rows| rows.last_mut()) {
                    row.push(String::new());
                }
            }
            "thead" | "tbody" | "span" | "font" | "sup" | "sub" | "u" => {}
            other => self.text(&format!("<{other}{}>", if self_closing { "/" } else { "" })),
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "p" | "div" if !self.lists.is_empty() => {}
            "p" | "div" | "blockquote" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.block(),
            "ul" | "ol" => {
                self.lists.pop();
                if self.lists.is_empty() {
                    self.block();
                }
            }
            "code" => {
                if let Some(code) = self.code.take() {
                    let span = code_span(code.trim());
                    self.push_raw(&span);
                }
            }
            "pre" => {
                if let Some(pre) = self.pre.take() {
                    self.out.push_str(&code_block(&pre));
                    self.block();
                }
            }
            "strong" | "b" => self.push_raw("**"),
            "em" | "i" => self.push_raw("*"),
            "a" => {
                if let Some((href, text)) = self.link.take() {
                    let text = text.trim().to_owned();
                    let rendered = match absolute_url(&href) {
                        Some(url) if !text.is_empty() => format!("[{text}]({url})"),
                        Some(url) => format!("<{url}>"),
                        None => text,
                    };
                    self.push_raw(&rendered);
                }
            }
            "table" => {
                if let Some(rows) = self.table.take() {
                    self.out.push_str(&render_table(&rows));
                    self.block();
                }
            }
            "li" | "tr" | "td" | "th" | "thead" | "tbody" | "span" | "font" | "sup" | "sub" | "u" | "br" => {}
            other => self.text(&format!("</{other}>")),
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(pre) = &mut self.pre {
            pre.push_str(text);
            return;
        }
        if let Some(code) = &mut self.code {
            code.push_str(&collapse_whitespace(text));
            return;
        }
        let escaped = escape_markdown(&collapse_whitespace(text));
        if let Some((_, link_text)) = &mut self.link {
            link_text.push_str(&escaped);
            return;
        }
        self.push_raw(&escaped);
    }

    /// Appends rendered Markdown where text goes: into a table cell if one is open.
    fn push_raw(&mut self, markdown: &str) {
        if let Some(cell) = self
            .table
            .as_mut()
            .and_then(|rows| rows.last_mut())
            .and_then(|row| row.last_mut())
        {
            cell.push_str(markdown);
            return;
        }
        if self.out.ends_with('\n') || self.out.is_empty() {
            self.out.push_str(markdown.trim_start_matches(' '));
        } else {
            self.out.push_str(markdown);
        }
    }

    /// Ends the current paragraph.
    fn block(&mut self) {
        self.trim_trailing_space();
        if self.out.is_empty() || self.out.ends_with("\n\n") {
            return;
        }
        self.out.push_str(if self.out.ends_with('\n') { "\n" } else { "\n\n" });
    }

    /// Drops trailing spaces and line breaks: a `\\` break before a block end would render
    /// as a literal backslash.
    fn trim_trailing_space(&mut self) {
        loop {
            if self.out.ends_with(' ') {
                self.out.pop();
            } else if self.out.ends_with("\\\n") {
                self.out.truncate(self.out.len() - 2);
            } else {
                break;
            }
        }
    }

    fn finish(mut self) -> String {
        if let Some(code) = self.code.take() {
            self.push_raw(&code_span(code.trim()));
        }
        if let Some(pre) = self.pre.take() {
            self.out.push_str(&code_block(&pre));
        }
        if let Some((href, text)) = self.link.take() {
            self.push_raw(&format!("{text} ({href})"));
        }
        if let Some(rows) = self.table.take() {
            self.out.push_str(&render_table(&rows));
        }
        self.out.trim().to_owned()
    }
}

/// A `text` code block whose fence is longer than any backtick run inside it, so the content
/// cannot close it.
fn code_block(pre: &str) -> String {
    let longest = pre.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}text\n{}\n{fence}", pre.trim_matches('\n'))
}

fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    out
}

/// Links resolve against the documentation site; anything that is not a web URL is not
/// linked (rustdoc would read it as an intra-doc path).
fn absolute_url(href: &str) -> Option<String> {
    let href = href.trim();
    if href.starts_with("https://") || href.starts_with("http://") {
        Some(url_safe(href))
    } else if href.starts_with('/') {
        Some(format!("https://cloud.tencent.com{}", url_safe(href)))
    } else {
        None
    }
}

/// Percent-encodes what would end a Markdown link target or open HTML: `(`, `)`, `<`, `>`,
/// quotes, backticks, whitespace and controls.
fn url_safe(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    for c in href.chars() {
        match c {
            '(' | ')' | '<' | '>' | '"' | '\'' | '`' | '\\' | '[' | ']' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn render_table(rows: &[Vec<String>]) -> String {
    let Some(columns) = rows.iter().map(Vec::len).max().filter(|&n| n > 0) else {
        return String::new();
    };
    let line = |row: &[String]| {
        let cells: Vec<String> = (0..columns)
            .map(|i| row.get(i).map_or("", |c| c.trim()).replace('\n', " "))
            .collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut out = vec![line(&rows[0]), format!("|{}", "---|".repeat(columns))];
    out.extend(rows[1..].iter().map(|row| line(row)));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    #[test]
    fn paragraphs_lists_and_entities() {
        let html = "<p>取值：</p><ul><li>&quot;A&quot; 表示 a</li><li>B<ul><li>b1</li></ul></li></ul><p>完</p>";
        assert_eq!(to_markdown(html), "取值：\n\n- \"A\" 表示 a\n- B\n  - b1\n\n完");
    }

    #[test]
    fn ordered_lists_code_and_breaks() {
        let html = "<ol><li>use <code>a_b</code></li><li>x</li></ol>one<br>two";
        assert_eq!(to_markdown(html), "1. use `a_b`\n2. x\n\none\\\ntwo");
        assert_eq!(to_markdown("<p>a<br></p><p>b</p>"), "a\n\nb");
    }

    #[test]
    fn links_resolve_and_unknown_tags_stay_text() {
        let html = "<p>见 <a href=\"/document/api/1267/76718\">文档</a> 与 <DATA> [1]</p>";
        assert_eq!(
            to_markdown(html),
            "见 [文档](https://cloud.tencent.com/document/api/1267/76718) 与 \\<data\\> \\[1\\]"
        );
    }

    #[test]
    fn tables_and_pre() {
        let html = "<table><tr><th>k</th><th>v</th></tr><tr><td>a|b</td><td>1</td></tr></table><pre>x\n  y</pre>";
        assert_eq!(
            to_markdown(html),
            "| k | v |\n|---|---|\n| a\\|b | 1 |\n\n```text\nx\n  y\n```"
        );
    }

    #[test]
    fn hostile_links_and_pre_stay_inside_their_markup() {
        let html = r#"<a href="https://x.y/a)<script>alert(1)</script>">t</a>"#;
        assert_eq!(
            to_markdown(html),
            "[t](https://x.y/a%29%3Cscript%3Ealert%281%29%3C/script%3E)"
        );
        assert_eq!(
            to_markdown("<pre>```\nrm -rf /\n```</pre>after"),
            "````text\n```\nrm -rf /\n```\n````\n\nafter"
        );
    }

    #[test]
    fn malformed_html_does_not_lose_text() {
        assert_eq!(to_markdown("<p>open <code>never closed"), "open `never closed`");
    }
}
