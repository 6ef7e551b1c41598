//! The page as numbered, trimmed lines that keep their byte offsets, so that example JSON can
//! be parsed in place and its errors mapped back to page lines.

use super::{PageError, Warning};

#[derive(Clone, Copy, Debug)]
pub struct Line<'a> {
    /// 1-based line number on the page.
    pub no: u32,
    /// The line without surrounding whitespace.
    pub text: &'a str,
    /// Byte offset of the raw line (before leading whitespace) in the page.
    pub start: usize,
    /// Byte offset of `text` in the page.
    pub offset: usize,
}

pub struct Page<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub lines: Vec<Line<'a>>,
}

impl<'a> Page<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        let mut lines = Vec::new();
        let mut start = 0;
        for (index, raw) in text.split('\n').enumerate() {
            let leading = raw.len() - raw.trim_start().len();
            lines.push(Line {
                no: u32::try_from(index).map_or(u32::MAX, |i| i.saturating_add(1)),
                text: raw.trim(),
                start,
                offset: start + leading,
            });
            start += raw.len() + 1;
        }
        Page { file, text, lines }
    }

    pub fn line(&self, index: usize) -> Option<&Line<'a>> {
        self.lines.get(index)
    }

    /// Index of the line holding byte `offset`.
    pub fn index_at(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|line| line.start <= offset)
            .saturating_sub(1)
    }

    /// The 1-based number of the line holding byte `offset`.
    pub fn line_no_at(&self, offset: usize) -> u32 {
        self.line(self.index_at(offset)).map_or(1, |line| line.no)
    }

    /// The number of the last line, for errors about something missing from the whole page.
    pub fn last_line_no(&self) -> u32 {
        self.lines.last().map_or(1, |line| line.no)
    }

    pub fn error(&self, line: u32, message: impl Into<String>) -> PageError {
        PageError {
            file: self.file.to_owned(),
            line,
            message: message.into(),
        }
    }

    pub fn warning(&self, line: u32, message: impl Into<String>) -> Warning {
        Warning {
            file: self.file.to_owned(),
            line,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_numbered_trimmed_and_located() {
        let page = Page::new("p", "a\r\n  b c \n\n{x");
        let texts: Vec<_> = page.lines.iter().map(|l| (l.no, l.text)).collect();
        assert_eq!(texts, [(1, "a"), (2, "b c"), (3, ""), (4, "{x")]);
        assert_eq!(
            page.text.get(page.lines[1].offset..page.lines[1].offset + 3),
            Some("b c")
        );
        assert_eq!(page.line_no_at(0), 1);
        assert_eq!(page.line_no_at(4), 2);
        assert_eq!(page.line_no_at(page.lines[3].offset + 1), 4);
        assert_eq!(page.line_no_at(10_000), 4);
    }
}
