//! Modules: the files of one service version, and the single-module forms the snapshots use.

use proc_macro2::TokenStream;
use quote::quote;

use std::collections::BTreeSet;

use super::{client, error_codes, shape, value_set, SerdeStyle};
use crate::plan::{ActionPlan, FieldType, Plan};

/// `mod.rs`, `client.rs`, `error_code.rs` and `types.rs` of a service version's module.
pub fn service_version_files(plan: &Plan, style: SerdeStyle) -> Vec<(&'static str, TokenStream)> {
    let module_doc = format!(
        " `{}` version `{}`: {} actions, {} shapes. Domains: {}.",
        plan.service,
        plan.version,
        plan.actions.len(),
        plan.shapes.len(),
        plan.domains
            .iter()
            .map(|d| format!("`{d}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let module = quote! {
        #![doc = #module_doc]
        mod client;
        mod error_code;
        mod types;

        pub use client::{Client, Error, ResponseFuture, SERVICE};
        pub use error_code::ErrorCode;
        pub use types::*;
    };
    let client = client(plan, plan.actions.values());
    let client = quote! { use super::types::*; use super::ErrorCode; #client };
    vec![
        ("mod.rs", module),
        ("client.rs", client),
        ("error_code.rs", error_codes(plan, plan.error_codes.values())),
        ("types.rs", types_module(plan, style)),
    ]
}

/// Every shape and value-set enum, in name order.
pub fn types_module(plan: &Plan, style: SerdeStyle) -> TokenStream {
    let shapes = plan.shapes.values().map(|s| shape(s, style));
    let sets = plan.value_sets.values().map(value_set);
    quote! { #(#shapes)* #(#sets)* }
}

/// A whole service version as one module (fixture specs).
pub fn single_module(plan: &Plan) -> TokenStream {
    let client = client(plan, plan.actions.values());
    let errors = error_codes(plan, plan.error_codes.values());
    let types = types_module(plan, SerdeStyle::Compact);
    quote! { #client #errors #types }
}

/// One action, the shapes it uses and its documented error codes, as one self-contained
/// module (the seed snapshots); `style` applies to the shapes, and `Derive` leaves out the
/// client and error codes (the benchmark baseline).
pub fn action_module(plan: &Plan, action: &ActionPlan, style: SerdeStyle) -> TokenStream {
    let shapes = action.uses.iter().map(|wire| shape(plan.shape(wire), style));
    let used: BTreeSet<&str> = action
        .uses
        .iter()
        .flat_map(|wire| &plan.shape(wire).fields)
        .filter_map(|f| match &f.ty {
            FieldType::ValueSet { name, .. } => Some(name.as_str()),
            FieldType::List(item) => match &**item {
                FieldType::ValueSet { name, .. } => Some(name.as_str()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let sets = used.into_iter().map(|name| value_set(&plan.value_sets[name]));
    if style == SerdeStyle::Derive {
        return quote! { #(#shapes)* #(#sets)* };
    }
    let codes = action.errors.iter().filter_map(|code| plan.error_codes.get(code));
    let errors = error_codes(plan, codes);
    let client = client(plan, [action]);
    quote! { #client #errors #(#shapes)* #(#sets)* }
}
