//! Waiters: the spec's hand-written `waiters`, checked against the shapes (every member of the
//! path exists, the value is text, every state is a listed value) and resolved to the fields
//! the generated method walks.

use std::collections::BTreeMap;

use heck::ToSnakeCase;

use super::shape::{FieldType, ShapePlan};
use super::value_set::ValueSetPlan;
use crate::docs::Docs;
use crate::spec::{ValueKind, WaiterSpec};

#[derive(Clone, Debug, PartialEq)]
pub struct WaiterPlan {
    pub name: String,
    /// `wait_until_sync_job_running`.
    pub method: String,
    /// Wire name of the polled action.
    pub action: String,
    pub docs: Docs,
    pub path: Vec<PathStep>,
    pub success: Vec<String>,
    pub failure: Vec<String>,
}

/// One field on the way from the response to the state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathStep {
    pub rust: String,
    pub optional: bool,
    /// A list: every item is looked at.
    pub each: bool,
}

pub(super) fn plan_waiter(
    name: &str,
    waiter: &WaiterSpec,
    output: Option<&ShapePlan>,
    shapes: &BTreeMap<String, ShapePlan>,
    value_sets: &BTreeMap<String, ValueSetPlan>,
) -> Result<WaiterPlan, (String, String)> {
    let at = |field: &str| format!("waiters.{name}.{field}");
    let mut shape = output.ok_or_else(|| (at("action"), format!("no action `{}`", waiter.action)))?;
    let segments: Vec<&str> = waiter.path.split('.').collect();
    let mut path = Vec::with_capacity(segments.len());
    let mut listed: Option<&ValueSetPlan> = None;
    for (i, segment) in segments.iter().enumerate() {
        let (wire, each) = match segment.strip_suffix("[]") {
            Some(wire) => (wire, true),
            None => (*segment, false),
        };
        let field = shape
            .fields
            .iter()
            .find(|f| f.wire == wire)
            .ok_or_else(|| (at("path"), format!("`{}` has no member `{wire}`", shape.wire)))?;
        let ty = match (&field.ty, each) {
            (FieldType::List(item), true) => &**item,
            (FieldType::List(_), false) => return Err((at("path"), format!("`{wire}` is a list: write `{wire}[]`"))),
            (_, true) => return Err((at("path"), format!("`{wire}` is not a list"))),
            (ty, false) => ty,
        };
        path.push(PathStep {
            rust: field.rust.clone(),
            optional: field.is_optional(),
            each,
        });
        let last = i + 1 == segments.len();
        match (ty, last) {
            (FieldType::Shape { wire, .. }, false) => shape = &shapes[wire],
            (FieldType::String, true) => {}
            (
                FieldType::ValueSet {
                    name,
                    kind: ValueKind::String,
                    ..
                },
                true,
            ) => listed = value_sets.get(name),
            _ if last => return Err((at("path"), format!("`{wire}` does not hold text"))),
            _ => return Err((at("path"), format!("`{wire}` is not a structure"))),
        }
    }
    if let Some(set) = listed {
        for state in waiter.success.iter().chain(&waiter.failure) {
            if !set.variants.iter().any(|v| &v.value == state) {
                return Err((at("success"), format!("`{state}` is not a value of `{}`", set.rust)));
            }
        }
    }
    if waiter.success.is_empty() {
        return Err((at("success"), "no state to wait for".into()));
    }
    let mut docs = Docs::from_markdown(&waiter.docs);
    docs.push_markdown(format!(
        "Polls `{}` until every `{}` is {}{}; see [`WaiterConfig`](tencentcloud_runtime::waiter::WaiterConfig) \
         for the delays and the timeout.",
        waiter.action,
        waiter.path,
        quoted(&waiter.success, " or "),
        if waiter.failure.is_empty() {
            String::new()
        } else {
            format!(", failing as soon as one is {}", quoted(&waiter.failure, " or "))
        }
    ));
    Ok(WaiterPlan {
        name: name.to_owned(),
        method: format!("wait_until_{}", name.to_snake_case()),
        action: waiter.action.clone(),
        docs,
        path,
        success: waiter.success.clone(),
        failure: waiter.failure.clone(),
    })
}

fn quoted(states: &[String], sep: &str) -> String {
    states.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(sep)
}
