//! Rows of the input and output parameter tables: wire name, type, required flag and
//! description, with the common request parameters (Action, Version, Region, ...) told apart,
//! since they belong to the signed request, not to the action's input shape.

use tencentcloud_codegen::spec::Type;

use super::description::{self, Description};
use super::doc_type;
use super::lines::Page;
use super::table::Table;
use super::vocabulary::{
    find_labelled, is_one_of, strip_prefix_ci, Column, ALWAYS_COMMON, COMMON_PARAMETER, NO, SOMETIMES_COMMON,
    THIS_API_VALUE, YES,
};
use super::{PageError, Warning};

pub struct Param {
    pub line: u32,
    /// Wire name, without the `.N` of list parameters.
    pub name: String,
    pub ty: Type,
    /// `None` when the required column is empty (or the table has none).
    pub required: Option<bool>,
    /// The `允许NULL` column of finance-cloud pages; `None` when empty or absent.
    pub nullable: Option<bool>,
    pub description: Description,
}

pub struct Inputs {
    /// The action's name, from the `Action` row (`本接口取值:GetTask`), with its line.
    pub action: (u32, String),
    pub version: (u32, String),
    pub params: Vec<Param>,
}

/// `TaskId` -> (`TaskId`, false); `Status.N` -> (`Status`, true) for a list parameter.
pub fn wire_name(name: &str) -> Option<(&str, bool)> {
    let (base, is_list) = match name.strip_suffix(".N") {
        Some(base) => (base, true),
        None => (name, false),
    };
    let mut chars = base.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    ok.then_some((base, is_list))
}

pub fn read_inputs(page: &Page, table: &Table, warnings: &mut Vec<Warning>) -> Result<Inputs, PageError> {
    let mut action = None;
    let mut version = None;
    let mut params = Vec::new();
    for row in &table.rows {
        let name = table.cell(row, Column::Name);
        let description = table.cell(row, Column::Description);
        if !is_common(name, description) {
            params.push(param(page, table, row)?);
            continue;
        }
        if !ALWAYS_COMMON.contains(&name) && !SOMETIMES_COMMON.contains(&name) {
            warnings.push(page.warning(
                row.line,
                format!("`{name}` is marked as a common parameter but is not a known one; keeping it out of the request shape as the page says"),
            ));
        }
        let value = || {
            let (_, value) = find_labelled(description, &THIS_API_VALUE)?;
            let value = value.trim_start();
            let end = value
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(value.len());
            value.get(..end).filter(|v| !v.is_empty())
        };
        let slot = match name {
            "Action" => &mut action,
            "Version" => &mut version,
            _ => continue,
        };
        let value = value().ok_or_else(|| {
            page.error(
                row.line,
                format!("the `{name}` row does not give this API's value (`本接口取值:...`)"),
            )
        })?;
        if slot.is_some() {
            return Err(page.error(row.line, format!("a second `{name}` row")));
        }
        *slot = Some((row.line, value.to_owned()));
    }
    let action = action.ok_or_else(|| {
        page.error(
            table.line,
            "no `Action` row in the input parameter table, so no action name",
        )
    })?;
    let version = version.ok_or_else(|| {
        page.error(
            table.line,
            "no `Version` row in the input parameter table, so no API version",
        )
    })?;
    if !doc_type::is_shape_name(&action.1) {
        return Err(page.error(action.0, format!("`{}` is not an action name", action.1)));
    }
    if !is_version(&version.1) {
        return Err(page.error(version.0, format!("`{}` is not a YYYY-MM-DD API version", version.1)));
    }
    check_unique(page, &params)?;
    Ok(Inputs {
        action,
        version,
        params,
    })
}

pub fn read_outputs(page: &Page, table: &Table) -> Result<Vec<Param>, PageError> {
    let params = table
        .rows
        .iter()
        .map(|row| param(page, table, row))
        .collect::<Result<Vec<_>, _>>()?;
    check_unique(page, &params)?;
    Ok(params)
}

/// Action, Version and Region are common parameters on every page; the others only where the
/// page says `公共参数` / `Common Params`.
fn is_common(name: &str, description: &str) -> bool {
    ALWAYS_COMMON.contains(&name) || is_marked_common(description)
}

fn is_marked_common(description: &str) -> bool {
    COMMON_PARAMETER
        .iter()
        .any(|m| strip_prefix_ci(description, m).is_some())
}

fn param(page: &Page, table: &Table, row: &super::table::Row) -> Result<Param, PageError> {
    let raw_name = table.cell(row, Column::Name);
    let (name, dot_n) =
        wire_name(raw_name).ok_or_else(|| page.error(row.line, format!("`{raw_name}` is not a parameter name")))?;
    let mut ty = doc_type::parse(table.cell(row, Column::Type)).map_err(|message| page.error(row.line, message))?;
    // `Status.N` is how the pages write a list parameter, whatever the type column says.
    if dot_n && !matches!(ty, Type::List(_)) {
        ty = Type::List(Box::new(ty));
    }
    Ok(Param {
        line: row.line,
        name: name.to_owned(),
        ty,
        required: yes_no(page, table, row, Column::Required, "required")?,
        nullable: yes_no(page, table, row, Column::Nullable, "允许NULL")?,
        description: description::split(table.cell(row, Column::Description)),
    })
}

/// A yes/no cell: `None` when empty or when the table has no such column.
fn yes_no(
    page: &Page,
    table: &Table,
    row: &super::table::Row,
    column: Column,
    what: &str,
) -> Result<Option<bool>, PageError> {
    let cell = table.cell(row, column);
    if cell.is_empty() {
        Ok(None)
    } else if is_one_of(cell, &YES) {
        Ok(Some(true))
    } else if is_one_of(cell, &NO) {
        Ok(Some(false))
    } else {
        Err(page.error(
            row.line,
            format!("{what} column says `{cell}`, expected 是/否 or Yes/No"),
        ))
    }
}

/// Linear in the rows: a page with 100,000 rows is checked in milliseconds.
fn check_unique(page: &Page, params: &[Param]) -> Result<(), PageError> {
    let mut seen = std::collections::HashSet::with_capacity(params.len());
    for param in params {
        if !seen.insert(param.name.as_str()) {
            return Err(page.error(param.line, format!("parameter `{}` is listed twice", param.name)));
        }
    }
    Ok(())
}

fn is_version(v: &str) -> bool {
    v.len() == 10
        && v.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names() {
        assert_eq!(wire_name("Status.N"), Some(("Status", true)));
        assert_eq!(wire_name("TaskId"), Some(("TaskId", false)));
        assert_eq!(wire_name("Filters.N.Name"), None);
        assert_eq!(wire_name(".N"), None);
        assert_eq!(wire_name("任务"), None);
    }

    #[test]
    fn common_parameters() {
        assert!(is_common("Region", "公共参数,详见产品支持的 地域列表。"));
        assert!(is_common("Region", ""));
        assert!(is_common("Language", "Common Params. This parameter is not required."));
        assert!(!is_common("Language", "语言类型"));
        assert!(!is_common("TaskId", "任务id"));
    }
}
