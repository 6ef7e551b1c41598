//! One page to one spec: finds the header, tables and examples in page order, then builds the
//! action, its request and response shapes, the inferred nested shapes and the error codes.

use std::collections::{BTreeMap, BTreeSet};

use tencentcloud_codegen::docs::plain_to_markdown;
use tencentcloud_codegen::spec::{
    validate, Action, Example, Member, Provenance, Shape, Source, SourceKind, Spec, Type, Usage,
};

use super::examples::{self, Json, PageExample, Start};
use super::infer::{self, Declared, Side};
use super::lines::Page;
use super::params::{self, Param};
use super::table::{self, Table};
use super::vocabulary::{example_heading, section_heading, Column, Section, ALWAYS_COMMON};
use super::{header, query, required, PageError, Warning};
use crate::import::markdown::convert_docs;

#[derive(Default)]
struct Found {
    input: Option<Table>,
    output: Option<Table>,
    errors: Option<Table>,
    examples: Vec<PageExample>,
}

pub fn parse(page: &Page, warnings: &mut Vec<Warning>) -> Result<Spec, PageError> {
    let header = header::read(page, warnings)?;
    let found = scan(page, warnings)?;
    let input = found
        .input
        .ok_or_else(|| page.error(page.last_line_no(), "no input parameter table (`参数名称 | 必选 | 类型 | 描述` / `Parameter Name | Required | Type | Description`)"))?;
    let output = found.output.ok_or_else(|| {
        page.error(
            page.last_line_no(),
            "no output parameter table (`参数名称 | 类型 | 描述` / `Parameter Name | Type | Description`)",
        )
    })?;
    let inputs = params::read_inputs(page, &input, warnings)?;
    let outputs = params::read_outputs(page, &output)?;
    check_request_id(page, &output, &outputs)?;
    let (action_line, action) = inputs.action;
    let mut examples = found.examples;
    for example in &mut examples {
        if let Some(query) = example.query.take() {
            let value = query::to_body(page, &query, &inputs.params, warnings);
            example.input = Some(Json {
                line: query.line,
                value,
            });
        }
    }
    check_examples(page, &examples, &header.domain, &action, warnings);

    let request_name = format!("{action}Request");
    let response_name = format!("{action}Response");
    let request = inputs
        .params
        .iter()
        .map(|p| request_member(page, p, &examples, warnings))
        .collect();
    let response = outputs.iter().map(response_member).collect();

    let declared: Vec<Declared> = inputs
        .params
        .iter()
        .map(|p| (p, Side::Request))
        .chain(outputs.iter().map(|p| (p, Side::Response)))
        .map(|(p, side)| Declared {
            name: &p.name,
            ty: &p.ty,
            line: p.line,
            side,
        })
        .collect();
    for d in &declared {
        if let Some(name) = d.ty.object_name().filter(|n| *n == request_name || *n == response_name) {
            return Err(page.error(
                d.line,
                format!("type `{name}` has the name of this action's request or response shape"),
            ));
        }
    }
    let taken = BTreeSet::from([request_name.clone(), response_name.clone()]);
    let inferred = infer::infer(page, &declared, &examples, taken, warnings);

    let mut shapes = BTreeMap::new();
    shapes.insert(
        request_name.clone(),
        documented_shape(page, Usage::Input, request, input.line, "input parameters"),
    );
    shapes.insert(
        response_name.clone(),
        documented_shape(page, Usage::Output, response, output.line, "output parameters"),
    );
    shapes.extend(inferred);

    let (error_codes, errors) = match &found.errors {
        Some(table) => error_codes(page, table, warnings)?,
        None => (BTreeMap::new(), Vec::new()),
    };
    let action_spec = Action {
        title: header.title,
        title_en: String::new(),
        docs: header.docs,
        docs_en: String::new(),
        rate_limit: header.rate_limit,
        input: request_name,
        output: response_name,
        errors,
        examples: examples
            .into_iter()
            .map(|e| Example {
                title: e.title,
                docs: e.docs,
                input: e.input.map(|j| j.value),
                output: e.output.map(|j| j.value),
                origin: None,
            })
            .collect(),
        deprecated: false,
        read_only: false,
        skip_sign: false,
        provenance: vec![Provenance {
            kind: SourceKind::DocPage,
            file: page.file.to_owned(),
            line: Some(action_line),
            detail: None,
        }],
    };
    let mut spec = Spec {
        service: header.service,
        version: inputs.version.1,
        domains: vec![header.domain],
        sources: vec![Source {
            kind: SourceKind::DocPage,
            location: page.file.to_owned(),
            package_version: None,
        }],
        actions: BTreeMap::from([(action, action_spec)]),
        shapes,
        error_codes,
        error_codes_en: Default::default(),
        value_sets: Default::default(),
        waiters: Default::default(),
        overrides: Default::default(),
    };
    convert_docs(&mut spec, plain_to_markdown, plain_to_markdown);
    // The parts above are each checked; this catches what their combination could still break.
    validate(&spec).map_err(|(field, message)| {
        page.error(
            header.domain_line,
            format!("the page gives an invalid spec at `{field}`: {message}"),
        )
    })?;
    Ok(spec)
}

/// Walks the page once, in order: section headings, tables and examples. Examples without a
/// heading can only follow the output table (or an examples heading), so that nothing in the
/// description is taken for one.
fn scan(page: &Page, warnings: &mut Vec<Warning>) -> Result<Found, PageError> {
    let mut found = Found::default();
    let mut section = None;
    let mut after_table = false;
    // Text lines since the last heading, table or example: the title of an untitled example.
    let mut loose: Vec<String> = Vec::new();
    let mut index = 0;
    while let Some(line) = page.line(index) {
        let examples_may_start = found.output.is_some() || section == Some(Section::Examples);
        if let Some(heading) = section_heading(line.text) {
            section = Some(heading);
            after_table = false;
            loose.clear();
            index += 1;
        } else if let Some(header) = table::header_at(page, index)? {
            let table = table::read(page, header, warnings)?;
            index = table.end;
            let (slot, what) = match table_kind(page, &table, section, warnings) {
                Section::Input => (&mut found.input, "input parameter"),
                Section::Output => (&mut found.output, "output parameter"),
                _ => (&mut found.errors, "error code"),
            };
            if slot.is_some() {
                return Err(page.error(table.line, format!("a second {what} table")));
            }
            *slot = Some(table);
            after_table = true;
            loose.clear();
        } else if example_heading(line.text).is_some() {
            let (example, next) = examples::read(page, index, Start::Heading, warnings)?;
            found.examples.push(example);
            index = next;
            loose.clear();
        } else if examples_may_start && examples::starts_untitled(page, index) {
            let how = Start::Untitled {
                lines: std::mem::take(&mut loose),
                number: found.examples.len() + 1,
            };
            let (example, next) = examples::read(page, index, how, warnings)?;
            found.examples.push(example);
            index = next;
        } else {
            if after_table
                && !line.text.is_empty()
                && matches!(section, Some(Section::Input | Section::Output | Section::Errors))
            {
                warnings.push(page.warning(line.no, "text after the table ignored"));
            }
            if !line.text.is_empty() {
                loose.push(line.text.to_owned());
            }
            index += 1;
        }
    }
    Ok(found)
}

/// Input, Output or Errors, by the table's structure: the input table has the required column
/// or the common parameters (`Action`, `Version`, `Region`), the output table neither. A
/// section heading that says otherwise is noted, not followed: headings can be missing or
/// unrecognisable (glued to a list bullet), the structure is always there.
fn table_kind(page: &Page, table: &Table, section: Option<Section>, warnings: &mut Vec<Warning>) -> Section {
    if table.has(Column::Code) {
        return Section::Errors;
    }
    let common_rows = table
        .rows
        .iter()
        .any(|row| ALWAYS_COMMON.contains(&table.cell(row, Column::Name)));
    let kind = match section {
        // An output table with a required column is still the output table.
        Some(Section::Output) if !common_rows => Section::Output,
        _ if common_rows || table.has(Column::Required) => Section::Input,
        _ => Section::Output,
    };
    match (section, kind) {
        (Some(Section::Output), Section::Output) if table.has(Column::Required) => {
            warnings.push(page.warning(table.line, "the output parameter table has a required column: ignored, outputs are required unless they may be null"));
        }
        (Some(Section::Input), Section::Output) | (Some(Section::Output), Section::Input) => {
            let (is, under) = match kind {
                Section::Input => ("the input", "output"),
                _ => ("the output", "input"),
            };
            warnings.push(page.warning(
                table.line,
                format!("under the {under} parameters heading, but its columns and rows make it {is} parameter table"),
            ));
        }
        _ => {}
    }
    kind
}

/// Every API 3.0 response carries `RequestId`, a string; an output table without it, or with
/// another type for it, was cut off (the page stops in the table, or inside the type).
fn check_request_id(page: &Page, table: &Table, outputs: &[Param]) -> Result<(), PageError> {
    let last_line = table.rows.last().map_or(table.line, |row| row.line);
    match outputs.iter().find(|p| p.name == "RequestId") {
        None => Err(page.error(
            last_line,
            format!(
                "the output parameter table (from line {}) ends without `RequestId`, which every API 3.0 response carries: the page looks cut off",
                table.line
            ),
        )),
        Some(param) if param.ty != Type::String => Err(page.error(
            param.line,
            format!("`RequestId` is typed `{}`, not a string: the page looks cut off", param.ty),
        )),
        Some(_) => Ok(()),
    }
}

fn check_examples(page: &Page, examples: &[PageExample], domain: &str, action: &str, warnings: &mut Vec<Warning>) {
    for example in examples {
        if let Some((line, host)) = example.host.as_ref().filter(|(_, host)| host != domain) {
            warnings.push(page.warning(
                *line,
                format!("example request goes to `{host}`, the page's domain is `{domain}`"),
            ));
        }
        if let Some((line, name)) = example.action.as_ref().filter(|(_, name)| name != action) {
            warnings.push(page.warning(
                *line,
                format!("example request is for action `{name}`, the page documents `{action}`"),
            ));
        }
    }
}

/// An input member. Where the required column is empty the page does not say; `required`
/// decides, and the warning says how.
fn request_member(page: &Page, param: &Param, examples: &[PageExample], warnings: &mut Vec<Warning>) -> Member {
    let required = param.required.unwrap_or_else(|| {
        let (required, why) = required::decide(param, examples);
        let name = &param.name;
        warnings.push(page.warning(param.line, format!("the required column is empty for `{name}`; {why}")));
        required
    });
    member(param, required)
}

/// An output member: `RequestId` is always there; others are unless they may be null.
fn response_member(param: &Param) -> Member {
    member(param, param.name == "RequestId" || !nullable(param))
}

/// The `允许NULL` column where the page has one and fills it, else the description's null note.
fn nullable(param: &Param) -> bool {
    param.nullable.unwrap_or(false) || param.description.nullable
}

fn member(param: &Param, required: bool) -> Member {
    Member {
        name: param.name.clone(),
        ty: param.ty.clone(),
        required,
        nullable: nullable(param),
        deprecated: param.description.deprecated,
        value_set: None,
        secret: false,
        docs: param.description.docs.clone(),
        docs_en: String::new(),
        example: param.description.example.clone(),
    }
}

fn documented_shape(page: &Page, usage: Usage, members: Vec<Member>, line: u32, what: &str) -> Shape {
    Shape {
        docs: String::new(),
        docs_en: String::new(),
        usage,
        members,
        provenance: vec![Provenance {
            kind: SourceKind::DocPage,
            file: page.file.to_owned(),
            line: Some(line),
            detail: Some(what.to_owned()),
        }],
    }
}

/// The error-code table: codes in page order and their descriptions.
fn error_codes(
    page: &Page,
    table: &Table,
    warnings: &mut Vec<Warning>,
) -> Result<(BTreeMap<String, String>, Vec<String>), PageError> {
    let mut codes = BTreeMap::new();
    let mut order = Vec::new();
    for row in &table.rows {
        let code = table.cell(row, Column::Code);
        let ok = !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
        if !ok {
            return Err(page.error(row.line, format!("`{code}` is not an error code")));
        }
        if codes.contains_key(code) {
            warnings.push(page.warning(
                row.line,
                format!("error code `{code}` is listed twice: keeping the first"),
            ));
            continue;
        }
        codes.insert(
            code.to_owned(),
            table
                .cell(row, Column::Description)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        );
        order.push(code.to_owned());
    }
    Ok((codes, order))
}
