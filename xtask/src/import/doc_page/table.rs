//! The parameter and error-code tables, in the three layouts the copied pages show:
//!
//! - pipe rows, one row a line: `Action | 是 | String | 公共参数 |`, after a `---|---|` rule;
//! - each cell on its own line, a row starting with `|`: `| Action |`, `Yes |`, `String |`, ...;
//! - space-separated cells without pipes, where the description runs to the end of the line
//!   and continues on the following lines (`示例值:...` under the row). Which words are the
//!   name, required flag and type is told by their form, since nothing else delimits them.
//!
//! All three give rows of cells, one per header column.

use super::doc_type;
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
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut columns = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let (column, len) = super::vocabulary::COLUMNS.iter().find_map(|&(label, column)| {
            let label_words: Vec<&str> = label.split(' ').collect();
            let here = words.get(at..at + label_words.len())?;
            here.iter()
                .zip(&label_words)
                .all(|(w, l)| w.eq_ignore_ascii_case(l))
                .then_some((column, label_words.len()))
        })?;
        columns.push(column);
        at += len;
    }
    (columns.len() >= 2 && matches!(columns.first(), Some(Column::Name | Column::Code))).then_some(columns)
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
        // Space-separated cells are told apart by position, so only the known order works.
        columns == [Column::Name, Column::Required, Column::Type, Column::Description]
            || columns == [Column::Name, Column::Type, Column::Description]
    } else {
        columns.contains(&Column::Type) && columns.contains(&Column::Description) && !columns.contains(&Column::Code)
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "table header with columns {columns:?} is not a parameter table (name, [required], type, description) nor an error-code table (code, description)"
        ))
    }
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

/// Lines that end any table: a section heading, an example heading, another table's header.
fn ends_table(page: &Page, index: usize) -> Result<bool, PageError> {
    let Some(line) = page.line(index) else {
        return Ok(true);
    };
    Ok(section_heading(line.text).is_some()
        || example_heading(line.text).is_some()
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
        rows.push(fit(page, line.no, split_pipes(line.text), &header.columns, warnings)?);
        index += 1;
    }
    Ok((rows, index))
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
                .is_some_and(|l| spaced_row(l.text, &header.columns).is_some());
            if row_follows && !ends_table(page, next)? {
                index = next;
                continue;
            }
            break;
        }
        if ends_table(page, index)? {
            break;
        }
        if let Some(cells) = spaced_row(line.text, &header.columns) {
            rows.push(Row { line: line.no, cells });
        } else if let Some(last) = rows.last_mut().and_then(|row| row.cells.last_mut()) {
            last.push('\n');
            last.push_str(line.text);
        } else {
            return Err(page.error(
                line.no,
                "expected the first table row (name, type, description) under the header",
            ));
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

/// A space-separated row start: `ProjectId String 项目ID`, `Status.N 否 Array of String ...`,
/// `FailedOperation 操作失败。`. `None` for a continuation line.
fn spaced_row(text: &str, columns: &[Column]) -> Option<Vec<String>> {
    let (first, rest) = first_word(text)?;
    if columns.first() == Some(&Column::Code) {
        return is_spaced_error_code(first).then(|| vec![first.to_owned(), rest.trim().to_owned()]);
    }
    wire_name(first)?;
    let mut rest = rest;
    let mut required = "";
    if columns.contains(&Column::Required) {
        if let Some((word, after)) = first_word(rest).filter(|(w, _)| is_one_of(w, &YES) || is_one_of(w, &NO)) {
            required = word;
            rest = after;
        }
    }
    let (ty, description) = doc_type::split_leading(rest)?;
    let mut cells = vec![first.to_owned()];
    if columns.contains(&Column::Required) {
        cells.push(required.to_owned());
    }
    cells.push(ty.to_owned());
    cells.push(description.trim().to_owned());
    Some(cells)
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
    fn unusable_headers_are_errors() {
        assert!(tables("参数名称 | 描述 |").is_err());
        assert!(tables("参数名称 描述 类型").is_err());
        assert!(tables("类型 | 描述 |").unwrap().is_empty());
    }
}
