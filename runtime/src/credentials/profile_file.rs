//! The INI dialect of `~/.tencentcloud/credentials`: `[section]` headers, `key = value` lines,
//! `#` or `;` comment lines. Positions are kept so errors can name the line.

/// One `[name]` section and its entries, in file order.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Section<'a> {
    pub(crate) name: &'a str,
    /// 1-based line of the header.
    pub(crate) line: usize,
    /// Keys and values, trimmed, in file order; values may be empty.
    pub(crate) entries: Vec<(&'a str, &'a str)>,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// 1-based.
    pub(crate) line: usize,
    pub(crate) message: &'static str,
}

pub(crate) fn parse(text: &str) -> Result<Vec<Section<'_>>, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sections: Vec<Section<'_>> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if let Some(header) = trimmed.strip_prefix('[') {
            let name = header.strip_suffix(']').ok_or(SyntaxError {
                line,
                message: "section header is missing its closing `]`",
            })?;
            let name = name.trim();
            if name.is_empty() {
                return Err(SyntaxError {
                    line,
                    message: "section name is empty",
                });
            }
            sections.push(Section {
                name,
                line,
                entries: Vec::new(),
            });
            continue;
        }
        let (key, value) = trimmed.split_once('=').ok_or(SyntaxError {
            line,
            message: "expected `key = value`, `[section]` or a comment",
        })?;
        let key = key.trim();
        if key.is_empty() {
            return Err(SyntaxError {
                line,
                message: "key is empty",
            });
        }
        let section = sections.last_mut().ok_or(SyntaxError {
            line,
            message: "`key = value` before any `[section]`",
        })?;
        section.entries.push((key, value.trim()));
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections_entries_and_comments() {
        let text =
            "\u{feff}# comment\n[default]\r\nsecret_id = AKID\n; other\n  secret_key=k=v  \n\n[ prod ]\nsecret_id =\n";
        let sections = parse(text).unwrap();
        assert_eq!(
            sections,
            vec![
                Section {
                    name: "default",
                    line: 2,
                    entries: vec![("secret_id", "AKID"), ("secret_key", "k=v")],
                },
                Section {
                    name: "prod",
                    line: 7,
                    entries: vec![("secret_id", "")],
                },
            ]
        );
    }

    #[test]
    fn errors_name_the_line() {
        let line_of = |text: &str| parse(text).unwrap_err().line;
        assert_eq!(line_of("[default\n"), 1);
        assert_eq!(line_of("[default]\nsecret_id AKID\n"), 2);
        assert_eq!(line_of("secret_id = x\n"), 1);
        assert_eq!(line_of("[a]\n\n[]\n"), 3);
        assert_eq!(line_of("[a]\n = v\n"), 2);
    }
}
