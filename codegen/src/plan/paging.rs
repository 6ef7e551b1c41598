//! Paginators: which actions page through a listing, and how, read from the shapes of their
//! request and response.
//!
//! A request pages by `Offset`/`Limit` or by a page number (`PageNumber`, `PageIndex`,
//! `PageNo`, `Page`) and `PageSize`/`Size`. Its response holds the page's items in its only
//! list member, either directly or inside one object member (wedata's `Data`), with the
//! listing's size in `TotalCount`/`Total` beside them when the API gives it.

use std::collections::BTreeMap;

use super::shape::{FieldPlan, FieldType, ShapePlan};

/// How a paged action's pages are read and requested.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaginationPlan {
    pub scheme: Scheme,
    /// Request fields: the offset or page number, and the page size; each `i64` or `u64`.
    pub position: Step,
    pub size: Option<Step>,
    /// Response field holding the page, when the items are one level down.
    pub container: Option<Step>,
    pub items: Step,
    pub item_type: FieldType,
    pub total: Option<Step>,
}

/// A field on the way to a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub rust: String,
    pub wire: String,
    pub optional: bool,
    /// Whether the value is `i64` (rather than `u64` or not a number).
    pub signed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Offset,
    PageNumber,
}

/// Why a list-returning action has no paginator, for the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Paging {
    Paged(Box<PaginationPlan>),
    /// The response lists something, but the action cannot be paged: the reason.
    Unpaged(&'static str),
    /// The response holds no list.
    NotAListing,
}

const OFFSET: &[&str] = &["Offset"];
const LIMIT: &[&str] = &["Limit"];
const PAGE: &[&str] = &["PageNumber", "PageIndex", "PageNo", "Page"];
const PAGE_SIZE: &[&str] = &["PageSize", "Size"];
const TOTAL: &[&str] = &["TotalCount", "Total", "TotalNum"];

pub(super) fn plan_paging(input: &ShapePlan, output: &ShapePlan, shapes: &BTreeMap<String, ShapePlan>) -> Paging {
    let Some((container, items)) = find_items(output, shapes) else {
        return Paging::NotAListing;
    };
    let Some(items) = items else {
        return Paging::Unpaged("the response has several lists");
    };
    let integer = |names: &[&str]| {
        input
            .fields
            .iter()
            .find(|f| names.contains(&f.wire.as_str()) && matches!(f.ty, FieldType::I64 | FieldType::U64))
    };
    let (scheme, position, size) = match (integer(OFFSET), integer(LIMIT), integer(PAGE), integer(PAGE_SIZE)) {
        (Some(offset), limit, _, _) => (Scheme::Offset, offset, limit),
        (None, _, Some(page), size) => (Scheme::PageNumber, page, size),
        _ => return Paging::Unpaged("the request has no offset or page number"),
    };
    let holder = match &container {
        Some((_, shape)) => *shape,
        None => output,
    };
    let total = holder
        .fields
        .iter()
        .find(|f| TOTAL.contains(&f.wire.as_str()) && matches!(f.ty, FieldType::I64 | FieldType::U64))
        .map(step);
    let FieldType::List(item_type) = &items.ty else {
        unreachable!("find_items returns list fields");
    };
    Paging::Paged(Box::new(PaginationPlan {
        scheme,
        position: step(position),
        size: size.map(step),
        container: container.map(|(field, _)| step(field)),
        items: step(items),
        item_type: (**item_type).clone(),
        total,
    }))
}

/// The list field of a response: directly in it, or in its one object member that holds a
/// list. `Some((container, None))` when there is more than one list where the items would be.
#[allow(clippy::type_complexity)]
fn find_items<'a>(
    output: &'a ShapePlan,
    shapes: &'a BTreeMap<String, ShapePlan>,
) -> Option<(Option<(&'a FieldPlan, &'a ShapePlan)>, Option<&'a FieldPlan>)> {
    let lists: Vec<&FieldPlan> = output.fields.iter().filter(|f| is_list(f)).collect();
    match lists.as_slice() {
        [one] => return Some((None, Some(one))),
        [] => {}
        _ => return Some((None, None)),
    }
    let containers: Vec<(&FieldPlan, &ShapePlan)> = output
        .fields
        .iter()
        .filter_map(|f| match &f.ty {
            FieldType::Shape { wire, .. } => shapes.get(wire).map(|s| (f, s)),
            _ => None,
        })
        .filter(|(_, s)| s.fields.iter().any(is_list))
        .collect();
    let [(container, page)] = containers.as_slice() else {
        return if containers.is_empty() {
            None
        } else {
            Some((None, None))
        };
    };
    let lists: Vec<&FieldPlan> = page.fields.iter().filter(|f| is_list(f)).collect();
    match lists.as_slice() {
        [one] => Some((Some((container, page)), Some(one))),
        _ => Some((Some((container, page)), None)),
    }
}

fn is_list(field: &FieldPlan) -> bool {
    matches!(field.ty, FieldType::List(_))
}

fn step(field: &FieldPlan) -> Step {
    Step {
        rust: field.rust.clone(),
        wire: field.wire.clone(),
        optional: field.is_optional(),
        signed: field.ty == FieldType::I64,
    }
}
