//! Actions: the client method of each, with what the runtime needs to know about it.

use std::collections::BTreeSet;

use super::example::{rust_example, ExampleContext, NoExample};
use super::paging::Paging;
use crate::docs::Docs;
use crate::naming::Names;
use crate::spec::{Action, Spec};

/// One action: a method on the service version's `Client`.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionPlan {
    pub wire: String,
    pub method: String,
    /// Wire names of the request and response shapes.
    pub input: String,
    pub output: String,
    pub docs: Docs,
    /// Documented error codes, in the docs' order.
    pub errors: Vec<String>,
    pub rate_limit: Option<u32>,
    /// Decides which failures the client retries.
    pub read_only: bool,
    /// Called unsigned, without credentials (`Authorization: SKIP`).
    pub skip_sign: bool,
    /// Wire names of the secret members the response may hold (sorted), redacted in error
    /// excerpts.
    pub secret_members: Vec<String>,
    pub deprecated: bool,
    /// Every shape the request and response reach (wire names).
    pub uses: BTreeSet<String>,
    /// Whether and how the action pages through a listing.
    pub paging: Paging,
    /// The official request example as Rust (also in `docs`), or why there is none; `None`
    /// when the action has no request example.
    pub rust_example: Option<Result<String, NoExample>>,
}

pub(super) fn plan_action(
    spec: &Spec,
    names: &Names,
    wire: &str,
    action: &Action,
    paging: Paging,
    examples: &ExampleContext<'_>,
) -> ActionPlan {
    let secret_members: BTreeSet<String> = spec
        .shapes_reachable_from([action.output.as_str()])
        .into_iter()
        .flat_map(|shape| spec.shapes[shape].members.iter())
        .filter(|m| m.secret)
        .map(|m| m.name.clone())
        .collect();
    let uses = spec
        .shapes_reachable_from([action.input.as_str(), action.output.as_str()])
        .into_iter()
        .map(str::to_owned)
        .collect();
    let method = names.action(wire);
    // The first request example that can be written with the generated API.
    let mut rust = None;
    for input in action.examples.iter().filter_map(|e| e.input.as_ref()) {
        let attempt = rust_example(examples, method, &action.input, input);
        let done = attempt.is_ok();
        if rust.as_ref().is_none_or(|r: &Result<String, NoExample>| r.is_err()) {
            rust = Some(attempt);
        }
        if done {
            break;
        }
    }
    let code = rust.as_ref().and_then(|r| r.as_ref().ok());
    let docs = method_docs(spec, wire, action, code.map(String::as_str));
    ActionPlan {
        wire: wire.to_owned(),
        method: method.to_owned(),
        input: action.input.clone(),
        output: action.output.clone(),
        docs,
        errors: action.errors.clone(),
        rate_limit: action.rate_limit,
        read_only: action.read_only,
        skip_sign: action.skip_sign,
        secret_members: secret_members.into_iter().collect(),
        deprecated: action.deprecated,
        uses,
        paging,
        rust_example: rust,
    }
}

/// A title and the description under it, in one language (the description only where it
/// says more than the title).
fn title_and_docs(title: &str, description: &str) -> Docs {
    let mut docs = Docs::from_markdown(title);
    if !description.is_empty() && description != title {
        docs.append(Docs::from_markdown(description));
    }
    docs
}

/// Title, description, rate limit, documented errors, the request example in Rust (compiled
/// by the SDK's tests) and the first request example's JSON.
fn method_docs(spec: &Spec, name: &str, action: &Action, rust_example: Option<&str>) -> Docs {
    let mut docs = Docs::bilingual(
        title_and_docs(&action.title_en, &action.docs_en),
        title_and_docs(&action.title, &action.docs),
    );
    let mut facts = format!("Action `{name}`");
    if let Some(limit) = action.rate_limit {
        facts.push_str(&format!(", rate limit {limit} requests/s"));
    }
    facts.push('.');
    docs.push_markdown(facts);
    if !action.errors.is_empty() {
        let mut list = String::from("# Errors\n\nDocumented error codes:");
        for code in &action.errors {
            let en = spec.error_codes_en.get(code).map(String::as_str).unwrap_or_default();
            let zh = spec.error_codes.get(code).map(String::as_str).unwrap_or_default();
            list.push_str(&format!("\n- `{code}`: {}", Docs::bilingual_inline(en, zh)));
        }
        docs.push_markdown(list);
    }
    if let Some(code) = rust_example {
        docs.push_rust_example("# Example", code);
    }
    if let Some(body) = action.examples.iter().find_map(|e| e.input.as_ref()) {
        let json = serde_json::to_string_pretty(body).expect("a JSON value always serializes");
        docs.push_markdown(format!("# Example request body\n\n```json\n{json}\n```"));
    }
    docs
}
