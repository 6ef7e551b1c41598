//! The parameter and error-code tables, in the three layouts the copied pages show:
//!
//! - pipe rows, one row a line: `Action | 是 | String | 公共参数 |`, after a `---|---|` rule;
//! - each cell on its own line, a row starting with `|`: `| Action |`, `Yes |`, `String |`, ...;
//! - space-separated cells without pipes, where the description runs to the end of the line
//!   and continues on the following lines (`示例值:...` under the row). Which words are the
//!   name, required flag and type is told by their form, since nothing else delimits them.
//!
//! All three give rows of cells, one per header column. Parameter tables have a name, type and
//! description column, and may have yes/no columns: required (input tables) and, on
//! finance-cloud pages, `允许NULL`.

use super::doc_type;
use super::examples;
use super::lines::Page;
use super::params::wire_name;
use super::vocabulary::{column, example_heading, is_one_of, section_heading, Column, NO, YES};
use super::{PageError, Warning};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    PipeRows,
    CellLines,
    Spaced,
}

/// A recognised table header.
pub struct Header {
    pub layout: Layout,
    pub columns: Vec<Column>,
    pub line: u32,
    /// Index of the first line after the header.
    pub body: usize,
}

pub struct Table {
    pub line: u32,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Index of the first line after the table.
    pub end: usize,
}

pub struct Row {
    pub line: u32,
    /// One per column of the table.
    pub cells: Vec<String>,
}

impl Table {
    /// The cell of `row` under `column`, empty if the table has no such column.
    pub fn cell<'r>(&self, row: &'r Row, column: Column) -> &'r str {
        self.columns
            .iter()
            .position(|&c| c == column)
            .and_then(|i| row.cells.get(i))
            .map_or("", String::as_str)
    }

    pub fn has(&self, column: Column) -> bool {
        self.columns.contains(&column)
    }
}

/// The table header starting at line `index`, if one does. A line of column labels that does
/// not make a usable table (e.g. no type column) is an error.
pub fn header_at(page: &Page, index: usize) -> Result<Option<Header>, PageError> {
    let Some(line) = page.line(index) else {
        return Ok(None);
    };
    let found = cell_lines_header(page, index)
        .or_else(|| pipe_header(line.text).map(|columns| (Layout::PipeRows, columns, index + 1)))
        .or_else(|| spaced_header(line.text).map(|columns| (Layout::Spaced, columns, index + 1)));
    let Some((layout, columns, body)) = found else {
        if let Some(unknown) = unknown_column(line.text) {
            return Err(page.error(
                line.no,
                format!("table header with a column `{unknown}` this importer does not know"),
            ));
        }
        return Ok(None);
    };
    check_columns(&columns, layout).map_err(|message| page.error(line.no, message))?;
    Ok(Some(Header {
        layout,
        columns,
        line: line.no,
        body,
    }))
}

/// Reads the rows under `header`.
pub fn read(page: &Page, header: Header, warnings: &mut Vec<Warning>) -> Result<Table, PageError> {
    let (rows, end) = match header.layout {
        Layout::PipeRows => pipe_rows(page, &header, warnings)?,
        Layout::CellLines => cell_line_rows(page, &header, warnings)?,
        Layout::Spaced => spaced_rows(page, &header)?,
    };
    Ok(Table {
        line: header.line,
        columns: header.columns,
        rows,
        end,
    })
}

/// `| Parameter Name |` followed by `Required |`, `Type |`, ... one label a line.
fn cell_lines_header(page: &Page, index: usize) -> Option<(Layout, Vec<Column>, usize)> {
    let first = page.line(index)?;
    let label = first.text.strip_prefix('|')?.strip_suffix('|')?;
    let first_column = column(label.trim()).filter(|c| matches!(c, Column::Name | Column::Code))?;
    let mut columns = vec![first_column];
    let mut next = index + 1;
    while let Some(line) = page.line(next) {
        let Some(column) = line
            .text
            .strip_suffix('|')
            .filter(|label| !label.contains('|') && !line.text.starts_with('|'))
            .and_then(|label| column(label.trim()))
        else {
            break;
        };
        columns.push(column);
        next += 1;
    }
    (columns.len() >= 2).then_some((Layout::CellLines, columns, next))
}

/// `参数名称 | 必选 | 类型 | 描述 |`.
fn pipe_header(text: &str) -> Option<Vec<Column>> {
    if !text.contains('|') {
        return None;
    }
    let columns: Option<Vec<Column>> = split_pipes(text).iter().map(|cell| column(cell)).collect();
    columns.filter(|c| c.len() >= 2 && matches!(c.first(), Some(Column::Name | Column::Code)))
}

/// `参数名称 必选 类型 描述` (labels may be two words: `Parameter Name`).
fn spaced_header(text: &str) -> Option<Vec<Column>> {
    let (columns, unknown) = spaced_labels(text);
    (unknown.is_empty() && columns.len() >= 2 && matches!(columns.first(), Some(Column::Name | Column::Code)))
        .then_some(columns)
}

/// The column labels of a space-separated line, and the words that are none.
fn spaced_labels(text: &str) -> (Vec<Column>, Vec<&str>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut columns = Vec::new();
    let mut unknown = Vec::new();
    let mut at = 0;
    while let Some(&word) = words.get(at) {
        let found = super::vocabulary::COLUMNS.iter().find_map(|&(label, column)| {
            let label_words: Vec<&str> = label.split(' ').collect();
            let here = words.get(at..at + label_words.len())?;
            here.iter()
                .zip(&label_words)
                .all(|(w, l)| w.eq_ignore_ascii_case(l))
                .then_some((column, label_words.len()))
        });
        let Some((column, len)) = found else {
            unknown.push(word);
            at += 1;
            continue;
        };
        columns.push(column);
        at += len;
    }
    (columns, unknown)
}

/// A line that is a parameter table header but for a column label this importer does not know:
/// it starts with the name label and has the type and description labels, in either layout.
/// Reported at the header rather than as a missing table at the end of the page.
fn unknown_column(text: &str) -> Option<String> {
    if text.contains('|') {
        let cells = split_pipes(text);
        let known: Vec<Option<Column>> = cells.iter().map(|c| column(c)).collect();
        let has = |c: Column| known.contains(&Some(c));
        if known.first() == Some(&Some(Column::Name)) && has(Column::Type) && has(Column::Description) {
            return cells.into_iter().zip(&known).find(|(_, k)| k.is_none()).map(|(c, _)| c);
        }
        return None;
    }
    // Without pipes, only a line of labels with a word or two among them is a header.
    let (columns, unknown) = spaced_labels(text);
    let starts_with_name = text.split_whitespace().next().is_some_and(|w| {
        super::vocabulary::COLUMNS
            .iter()
            .any(|(l, c)| *c == Column::Name && l.starts_with(w))
    });
    let is_header = starts_with_name
        && columns.first() == Some(&Column::Name)
        && columns.contains(&Column::Type)
        && columns.contains(&Column::Description)
        && (1..=2).contains(&unknown.len());
    is_header.then(|| unknown.join(" "))
}

fn check_columns(columns: &[Column], layout: Layout) -> Result<(), String> {
    for (i, c) in columns.iter().enumerate() {
        if columns.get(..i).is_some_and(|before| before.contains(c)) {
            return Err(format!("table header names the {c:?} column twice"));
        }
    }
    let is_errors = columns.first() == Some(&Column::Code);
    let ok = if is_errors {
        columns == [Column::Code, Column::Description]
    } else if layout == Layout::Spaced {
        // Space-separated cells are told apart by position and form, so only the known order
        // works: the name, the yes/no columns, the type, the description.
        let flags = columns.get(1..columns.len().saturating_sub(2)).unwrap_or(&[]);
        columns.first() == Some(&Column::Name)
            && columns.ends_with(&[Column::Type, Column::Description])
            && flags.iter().all(|c| is_flag(*c))
    } else {
        columns.first() == Some(&Column::Name)
            && columns.contains(&Column::Type)
            && columns.contains(&Column::Description)
            && !columns.contains(&Column::Code)
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "table header with columns {columns:?} is not a parameter table (name, [required], [允许NULL], type, description) nor an error-code table (code, description)"
        ))
    }
}

/// Yes/no columns: required, `允许NULL`.
fn is_flag(column: Column) -> bool {
    matches!(column, Column::Required | Column::Nullable)
}

/// Cells of a pipe-delimited line: an optional leading `|`, cells each closed by `|`.
fn split_pipes(text: &str) -> Vec<String> {
    let text = text.trim();
    let text = text.strip_prefix('|').unwrap_or(text);
    let text = text.strip_suffix('|').unwrap_or(text);
    text.split('|').map(|cell| cell.trim().to_owned()).collect()
}

/// `---|---|---|`.
fn is_rule(text: &str) -> bool {
    text.contains('-') && text.chars().all(|c| matches!(c, '-' | '|' | ':' | ' '))
}

/// Lines that end any table: a section heading, an example heading or request (on pages
/// without headings), another table's header.
fn ends_table(page: &Page, index: usize) -> Result<bool, PageError> {
    let Some(line) = page.line(index) else {
        return Ok(true);
    };
    Ok(section_heading(line.text).is_some()
        || example_heading(line.text).is_some()
        || examples::starts_request(page, index)
        || header_at(page, index)?.is_some())
}

/// Checks a row's cell count against the header. More cells than columns happen when a
/// description contains `|`; the extra cells are joined back into the description, which is
/// the last column. Fewer cells means the row cannot be read.
fn fit(
    page: &Page,
    line: u32,
    mut cells: Vec<String>,
    columns: &[Column],
    warnings: &mut Vec<Warning>,
) -> Result<Row, PageError> {
    let n = columns.len();
    if cells.len() < n {
        return Err(page.error(
            line,
            format!("table row has {} cell(s), the header has {n}", cells.len()),
        ));
    }
    if cells.len() > n {
        if columns.last() != Some(&Column::Description) {
            return Err(page.error(line, format!("table row has {} cells, the header has {n}", cells.len())));
        }
        let extra = cells.split_off(n);
        warnings.push(page.warning(
            line,
            format!(
                "table row has {} cells, the header has {n}: taking the extra `|` as part of the description",
                n + extra.len()
            ),
        ));
        if let Some(last) = cells.last_mut() {
            for cell in extra {
                last.push_str(" | ");
                last.push_str(&cell);
            }
        }
    }
    Ok(Row { line, cells })
}

fn pipe_rows(page: &Page, header: &Header, warnings: &mut Vec<Warning>) -> Result<(Vec<Row>, usize), PageError> {
    let mut rows = Vec::new();
    let mut index = header.body;
    while let Some(line) = page.line(index) {
        if is_rule(line.text) {
            index += 1;
            continue;
        }
        if !line.text.contains('|') || ends_table(page, index)? {
            break;
        }
        let (text, next) = pipe_row_text(page, index, warnings);
        rows.push(fit(page, line.no, split_pipes(&text), &header.columns, warnings)?);
        index = next;
    }
    Ok((rows, index))
}

/// The text of the pipe row starting at line `index`, and the index after it. A row not closed
/// by `|` continues on the lines up to the one that closes it (`| QuotaType | Yes | String |
/// Quota type Enumeration value:` then `|`); with no such line it stays as it is, with a
/// warning, since the page may be cut off there.
fn pipe_row_text(page: &Page, index: usize, warnings: &mut Vec<Warning>) -> (String, usize) {
    let Some(first) = page.line(index) else {
        return (String::new(), index + 1);
    };
    if first.text.ends_with('|') {
        return (first.text.to_owned(), index + 1);
    }
    let mut text = first.text.to_owned();
    let mut next = index + 1;
    while let Some(line) = page.line(next) {
        if line.text.is_empty()
            || section_heading(line.text).is_some()
            || example_heading(line.text).is_some()
            || line.text.matches('|').count() > 1
        {
            break;
        }
        if line.text.contains('|') {
            if !line.text.ends_with('|') {
                break;
            }
            text.push('\n');
            text.push_str(line.text);
            return (text, next + 1);
        }
        text.push('\n');
        text.push_str(line.text);
        next += 1;
    }
    warnings.push(page.warning(first.no, "table row is not closed by `|`: the page may be cut off here"));
    (first.text.to_owned(), index + 1)
}

fn cell_line_rows(page: &Page, header: &Header, warnings: &mut Vec<Warning>) -> Result<(Vec<Row>, usize), PageError> {
    let n = header.columns.len();
    let mut rows = Vec::new();
    let mut index = header.body;
    loop {
        let start = next_non_blank(page, index);
        let Some(first) = page.line(start) else {
            return Ok((rows, start));
        };
        let Some(text) = first.text.strip_prefix('|') else {
            return Ok((rows, start));
        };
        if ends_table(page, start)? {
            return Ok((rows, start));
        }
        let mut joined = text.to_owned();
        let mut closed = text.matches('|').count();
        let mut next = start + 1;
        while closed < n {
            let line = page
                .line(next)
                .filter(|l| !l.text.starts_with('|') && section_heading(l.text).is_none());
            let Some(line) = line else {
                return Err(page.error(first.no, format!("table row has {closed} cell(s), the header has {n}")));
            };
            joined.push('\n');
            joined.push_str(line.text);
            closed += line.text.matches('|').count();
            next += 1;
        }
        rows.push(fit(page, first.no, split_pipes(&joined), &header.columns, warnings)?);
        index = next;
    }
}

fn spaced_rows(page: &Page, header: &Header) -> Result<(Vec<Row>, usize), PageError> {
    let mut rows: Vec<Row> = Vec::new();
    let mut index = header.body;
    while let Some(line) = page.line(index) {
        if line.text.is_empty() {
            // A blank line ends the table unless another row follows it.
            let next = next_non_blank(page, index);
            let row_follows = page
                .line(next)
                .is_some_and(|l| !matches!(spaced_row(l.text, &header.columns), Spaced::Continuation));
            if row_follows && !ends_table(page, next)? {
                index = next;
                continue;
            }
            break;
        }
        if ends_table(page, index)? {
            break;
        }
        match spaced_row(line.text, &header.columns) {
            Spaced::Row(cells) => rows.push(Row { line: line.no, cells }),
            Spaced::Broken(message) => return Err(page.error(line.no, message)),
            Spaced::Continuation => match rows.last_mut().and_then(|row| row.cells.last_mut()) {
                Some(last) => {
                    last.push('\n');
                    last.push_str(line.text);
                }
                None => {
                    return Err(page.error(
                        line.no,
                        "expected the first table row (name, type, description) under the header",
                    ))
                }
            },
        }
        index += 1;
    }
    Ok((rows, index))
}

fn next_non_blank(page: &Page, mut index: usize) -> usize {
    while page.line(index).is_some_and(|l| l.text.is_empty()) {
        index += 1;
    }
    index
}

/// A line of a space-separated table.
enum Spaced {
    /// A row start: `ProjectId String 项目ID`, `Status.N 否 Array of String ...`,
    /// `FailedOperation 操作失败。`; one cell per column.
    Row(Vec<String>),
    /// More of the last row's description.
    Continuation,
    /// A row whose cells cannot all be there: a name and yes/no cells without a type after
    /// them, or fewer yes/no cells than the header has but more than none.
    Broken(String),
}

fn spaced_row(text: &str, columns: &[Column]) -> Spaced {
    let Some((first, rest)) = first_word(text) else {
        return Spaced::Continuation;
    };
    if columns.first() == Some(&Column::Code) {
        return match is_spaced_error_code(first) {
            true => Spaced::Row(vec![first.to_owned(), rest.trim().to_owned()]),
            false => Spaced::Continuation,
        };
    }
    if wire_name(first).is_none() {
        return Spaced::Continuation;
    }
    // The yes/no cells render as nothing on some pages (all of them or none), so a row has
    // either every one of them or none.
    let flag_columns = columns.iter().filter(|c| is_flag(**c)).count();
    let mut rest = rest;
    let mut flags = Vec::new();
    while flags.len() < flag_columns {
        match first_word(rest).filter(|(w, _)| is_one_of(w, &YES) || is_one_of(w, &NO)) {
            Some((word, after)) => {
                flags.push(word);
                rest = after;
            }
            None => break,
        }
    }
    if !flags.is_empty() && flags.len() < flag_columns {
        return Spaced::Broken(format!(
            "table row `{first}` has {} of the {flag_columns} yes/no cells: cannot tell which one is empty",
            flags.len()
        ));
    }
    let Some((ty, description)) = doc_type::split_leading(rest) else {
        return match flags.is_empty() {
            true => Spaced::Continuation,
            false => Spaced::Broken(format!("table row `{first}` has no type cell")),
        };
    };
    let mut flags = flags.into_iter();
    let cells = columns
        .iter()
        .map(|column| match column {
            Column::Name => first.to_owned(),
            Column::Type => ty.to_owned(),
            Column::Description => description.trim().to_owned(),
            _ => flags.next().unwrap_or("").to_owned(),
        })
        .collect();
    Spaced::Row(cells)
}

fn first_word(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    let word = text.get(..end)?;
    (!word.is_empty()).then(|| (word, text.get(end..).unwrap_or("")))
}

/// `FailedOperation`, `InternalError.DatabaseError`. Without pipes a capitalised prose word
/// could pass for a code, so a code must have a dot or at least two capitals.
fn is_spaced_error_code(word: &str) -> bool {
    let segments_ok = word.split('.').all(|segment| {
        let mut chars = segment.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    });
    let starts_upper = word.starts_with(|c: char| c.is_ascii_uppercase());
    let capitals = word.chars().filter(char::is_ascii_uppercase).count();
    segments_ok && starts_upper && (word.contains('.') || capitals >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (header line, columns, rows as (line, cells)) of every table in `text`.
    type Tables = Vec<(u32, Vec<Column>, Vec<(u32, Vec<String>)>)>;

    fn tables(text: &str) -> Result<Tables, PageError> {
        let page = Page::new("t", text);
        let mut warnings = Vec::new();
        let mut out = Vec::new();
        let mut index = 0;
        while index < page.lines.len() {
            match header_at(&page, index)? {
                Some(header) => {
                    let table = read(&page, header, &mut warnings)?;
                    out.push((
                        table.line,
                        table.columns,
                        table.rows.into_iter().map(|r| (r.line, r.cells)).collect(),
                    ));
                    index = table.end;
                }
                None => index += 1,
            }
        }
        Ok(out)
    }

    fn cells(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn pipe_rows_layout() {
        let t = tables("x\n错误码 | 描述 |\n---|---|\nA.B | d1 |\nC | a|b |\n5. x").unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].2, [(4, cells(&["A.B", "d1"])), (5, cells(&["C", "a | b"]))]);
        let err = tables("参数名称 | 类型 | 描述 |\n---|---|---|\nA | String |")
            .err()
            .unwrap();
        assert_eq!(err.line, 3);
    }

    #[test]
    fn cell_lines_layout() {
        let t = tables(
            "| Parameter Name |\nType |\nDescription |\n| TaskId |\nString |\nTask\nID |\n| X |\nInteger |\nx |\nend",
        )
        .unwrap();
        assert_eq!(t[0].1, [Column::Name, Column::Type, Column::Description]);
        assert_eq!(
            t[0].2,
            [
                (4, cells(&["TaskId", "String", "Task\nID"])),
                (8, cells(&["X", "Integer", "x"]))
            ]
        );
        let err = tables("| Error Code |\nDescription |\n| A |\n| B |\nb |")
            .err()
            .unwrap();
        assert_eq!(err.line, 3);
    }

    #[test]
    fn spaced_layout() {
        let t = tables(
            "参数名称 必选 类型 描述\nAction String 公共参数\nTaskId 是 Array of String 任务\n示例值:1\n\n3. 输出参数",
        )
        .unwrap();
        assert_eq!(
            t[0].2,
            [
                (2, cells(&["Action", "", "String", "公共参数"])),
                (3, cells(&["TaskId", "是", "Array of String", "任务\n示例值:1"]))
            ]
        );
        let t = tables("错误码 描述\nFailedOperation 操作失败。\nPlease retry\nInvalidParameter 参数错误。").unwrap();
        assert_eq!(
            t[0].2,
            [
                (2, cells(&["FailedOperation", "操作失败。\nPlease retry"])),
                (4, cells(&["InvalidParameter", "参数错误。"]))
            ]
        );
        assert_eq!(tables("参数名称 类型 描述\n任务").err().unwrap().line, 2);
    }

    #[test]
    fn yes_no_columns_in_spaced_rows() {
        let t = tables("参数名称 必选 允许NULL 类型 描述\nA 是 否 Integer a\nB String b").unwrap();
        assert_eq!(
            t[0].1,
            [
                Column::Name,
                Column::Required,
                Column::Nullable,
                Column::Type,
                Column::Description
            ]
        );
        assert_eq!(
            t[0].2,
            [
                (2, cells(&["A", "是", "否", "Integer", "a"])),
                (3, cells(&["B", "", "", "String", "b"]))
            ]
        );
        let err = tables("参数名称 必选 允许NULL 类型 描述\nA 是 Integer a")
            .err()
            .unwrap();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("1 of the 2 yes/no cells"), "{err}");
        let err = tables("参数名称 必选 类型 描述\nA String a\nB 否\nC String c")
            .err()
            .unwrap();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.contains("no type cell"), "{err}");
    }

    #[test]
    fn unclosed_pipe_rows() {
        let t =
            tables("| 参数名称 | 类型 | 描述 |\n|---|---|---|\n| A | String | values:\n|\n| B | String | b |").unwrap();
        assert_eq!(
            t[0].2,
            [
                (3, cells(&["A", "String", "values:"])),
                (5, cells(&["B", "String", "b"]))
            ]
        );
        let t = tables("参数名称 | 类型 | 描述 |\n---|---|---|\nA | String | cut off").unwrap();
        assert_eq!(t[0].2, [(3, cells(&["A", "String", "cut off"]))]);
    }

    #[test]
    fn unknown_columns_are_named_at_the_header() {
        let err = tables("x\n参数名称 | 必选 | 可空 | 类型 | 描述 |\n---|").err().unwrap();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("`可空`"), "{err}");
        let err = tables("参数名称 必选 可空 类型 描述\nA String a").err().unwrap();
        assert_eq!(err.line, 1, "{err}");
        assert!(tables("Parameter Name of the type and its Description")
            .unwrap()
            .is_empty());
    }

    #[test]
    fn unusable_headers_are_errors() {
        assert!(tables("参数名称 | 描述 |").is_err());
        assert!(tables("参数名称 描述 类型").is_err());
        assert!(tables("类型 | 描述 |").unwrap().is_empty());
    }
}
