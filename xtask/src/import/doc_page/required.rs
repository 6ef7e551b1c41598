//! `required` for an input member whose required cell is empty (the Chinese space-separated
//! layout renders the column as nothing). The reading is the safe one: optional unless the
//! page says otherwise. A wrongly required member becomes a constructor argument the caller
//! must invent a value for, and it is then sent; a wrongly optional one costs at worst a
//! `MissingParameter` error from the server.
//!
//! The signals, measured against the official definitions (tccli 3.1.189.1 and tccli-intl-en
//! 3.1.193.1, about 50,000 input members):
//! - a request example without the member: optional (20,954 of 20,960 are);
//! - a description marked `(必填)` or starting `必填` / `Required`: required (85-92% are);
//! - optional wording (`选填`, `默认`, `optional`, ...): optional (88-90% are);
//! - every request example sending it says little: 53% of such members are required with one
//!   example, 70% with two or more; so it stays optional, and the warning says so.

use super::examples::PageExample;
use super::params::Param;
use super::vocabulary::{find_ci, strip_prefix_ci, OPTIONAL_WORDING, REQUIRED_LEADS, REQUIRED_MARKS};

/// Whether `param` is required, and why, for the warning.
pub fn decide(param: &Param, examples: &[PageExample]) -> (bool, String) {
    let bodies: Vec<(&PageExample, bool)> = examples
        .iter()
        .filter_map(|e| Some((e, e.input.as_ref()?.value.as_object()?.contains_key(&param.name))))
        .collect();
    if let Some((example, _)) = bodies.iter().find(|(_, sends)| !sends) {
        return (
            false,
            format!(
                "taking required=false since example `{}` does not send it",
                example.title
            ),
        );
    }
    let docs = &param.description.docs;
    if let Some(mark) = required_mark(docs) {
        return (
            true,
            format!("taking required=true since its description says `{mark}`"),
        );
    }
    if let Some(wording) = OPTIONAL_WORDING.iter().find(|w| find_ci(docs, w).is_some()) {
        return (
            false,
            format!("taking required=false since its description says `{wording}`"),
        );
    }
    let why = if bodies.is_empty() {
        "taking required=false (the safe reading): the page does not say, and has no request example"
    } else {
        "taking required=false (the safe reading): the page does not say; the request examples send it, as they do optional members"
    };
    (false, why.to_owned())
}

/// `(必填)` anywhere, or `必填` / `Required` leading the description.
fn required_mark(docs: &str) -> Option<&str> {
    if let Some(mark) = REQUIRED_MARKS.iter().find(|m| find_ci(docs, m).is_some()) {
        return Some(mark);
    }
    REQUIRED_LEADS.iter().copied().find(|lead| {
        strip_prefix_ci(docs, lead).is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
    })
}

#[cfg(test)]
mod tests {
    use super::super::description::Description;
    use super::*;
    use tencentcloud_codegen::spec::Type;

    fn param(docs: &str) -> Param {
        Param {
            line: 1,
            name: "X".to_owned(),
            ty: Type::String,
            required: None,
            nullable: None,
            description: Description {
                docs: docs.to_owned(),
                ..Description::default()
            },
        }
    }

    #[test]
    fn the_page_decides_else_optional() {
        assert!(decide(&param("(必填)实例ID"), &[]).0);
        assert!(decide(&param("必填。实例ID"), &[]).0);
        assert!(decide(&param("Required. Instance ID"), &[]).0);
        assert!(!decide(&param("Requirements of the task"), &[]).0);
        assert!(!decide(&param("当类型为1时必填"), &[]).0);
        let (required, why) = decide(&param("偏移量,默认为0"), &[]);
        assert!(!required && why.contains("`默认`"), "{why}");
        let (required, why) = decide(&param("实例ID"), &[]);
        assert!(!required && why.contains("safe reading"), "{why}");
    }
}
