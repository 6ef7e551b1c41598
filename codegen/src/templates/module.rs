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
    // A version without shapes (chdfs 2019-07-18: every action offline, so none imported) has
    // no `types.rs`, and its client (without methods) no import of one: it would be unused.
    let has_types = !plan.shapes.is_empty() || !plan.value_sets.is_empty();
    let (types_mod, types_use) = if has_types {
        (quote! { mod types; }, quote! { pub use types::*; })
    } else {
        (quote! {}, quote! {})
    };
    let module = quote! {
        #![doc = #module_doc]
        mod client;
        mod error_code;
        #types_mod

        pub use client::{Client, Error, ResponseFuture, SERVICE};
        pub use error_code::ErrorCode;
        #types_use
    };
    let client = client(plan, plan.actions.values());
    let client_use = if plan.actions.is_empty() {
        quote! {}
    } else {
        quote! { use super::types::*; }
    };
    let client = quote! { #client_use use super::ErrorCode; #client };
    let mut files = vec![
        ("mod.rs", module),
        ("client.rs", client),
        ("error_code.rs", error_codes(plan, plan.error_codes.values())),
    ];
    if has_types {
        files.push(("types.rs", types_module(plan, style)));
    }
    files
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Spec;
    use crate::SpecFile;

    #[test]
    fn a_version_without_shapes_has_no_types_module() {
        let file = SpecFile {
            path: "x/2020-01-01.json".into(),
            spec: Spec {
                service: "x".into(),
                version: "2020-01-01".into(),
                error_codes: [("FailedOperation".to_owned(), "失败".to_owned())].into(),
                ..Spec::default()
            },
        };
        let plan = Plan::new(&file).unwrap();
        let files = service_version_files(&plan, SerdeStyle::Compact);
        let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["mod.rs", "client.rs", "error_code.rs"]);
        for (name, tokens) in &files {
            assert!(!tokens.to_string().contains("types"), "{name}: {tokens}");
        }
    }
}
