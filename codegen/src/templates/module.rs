//! Modules: the files of one service version, and the single-module forms the snapshots use.

use proc_macro2::TokenStream;
use quote::quote;

use std::collections::BTreeSet;

use super::{client, codec, error_codes, ident, shape, value_set, SerdeStyle};
use crate::plan::{ActionPlan, FieldType, Plan, ShapePlan, ValueSetPlan};

/// `mod.rs`, `client.rs` and `error_code.rs` of a service version's module (`types.rs` is
/// rendered item by item: [`types_items`]).
pub fn service_version_files(plan: &Plan) -> Vec<(&'static str, TokenStream)> {
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
    let (types_mod, types_use) = if has_types(plan) {
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
    vec![
        ("mod.rs", module),
        ("client.rs", client),
        ("error_code.rs", error_codes(plan, plan.error_codes.values())),
    ]
}

/// Whether the version has a `types.rs` (see [`types_items`]).
pub fn has_types(plan: &Plan) -> bool {
    !plan.shapes.is_empty() || !plan.value_sets.is_empty()
}

/// Every shape and value-set enum, in name order.
pub fn types_module(plan: &Plan, style: SerdeStyle) -> TokenStream {
    types_items(plan).iter().map(|item| types_item(item, style)).collect()
}

/// An item of `types.rs`: the file is rendered item by item, so that its items can be
/// rendered and printed in parallel.
pub enum TypesItem<'a> {
    Shape(&'a ShapePlan),
    ValueSet(&'a ValueSetPlan),
    /// serde's traits for every type of the file (behind the `serde` feature).
    SerdeImpls {
        shapes: Vec<&'a str>,
        value_sets: Vec<&'a str>,
    },
}

/// The items of `types.rs`, in file order: shapes, then value sets, each in name order, then
/// serde's impls of them all.
pub fn types_items(plan: &Plan) -> Vec<TypesItem<'_>> {
    let shapes = plan.shapes.values().map(TypesItem::Shape);
    let sets = plan.value_sets.values().map(TypesItem::ValueSet);
    let serde = TypesItem::SerdeImpls {
        shapes: plan.shapes.values().map(|s| s.rust.as_str()).collect(),
        value_sets: plan.value_sets.values().map(|s| s.rust.as_str()).collect(),
    };
    shapes.chain(sets).chain([serde]).collect()
}

pub fn types_item(item: &TypesItem<'_>, style: SerdeStyle) -> TokenStream {
    match item {
        TypesItem::Shape(plan) => shape(plan, style),
        TypesItem::ValueSet(plan) => value_set(plan),
        TypesItem::SerdeImpls { shapes, value_sets } => match style {
            SerdeStyle::Compact => serde_impls(shapes.iter().chain(value_sets).copied()),
            // The derived shapes have their own; their value sets still need them.
            SerdeStyle::Derive => serde_impls(value_sets.iter().copied()),
        },
    }
}

fn serde_impls<'a>(names: impl IntoIterator<Item = &'a str>) -> TokenStream {
    let idents: Vec<_> = names.into_iter().map(ident).collect();
    codec::serde_impls(&idents)
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
    let set_names = used.iter().map(|name| plan.value_sets[*name].rust.as_str());
    let sets = used.iter().map(|name| value_set(&plan.value_sets[*name]));
    if style == SerdeStyle::Derive {
        let serde = serde_impls(set_names);
        return quote! { #(#shapes)* #(#sets)* #serde };
    }
    let shape_names = action.uses.iter().map(|wire| plan.shape(wire).rust.as_str());
    let serde = serde_impls(shape_names.chain(set_names));
    let codes = action.errors.iter().filter_map(|code| plan.error_codes.get(code));
    let errors = error_codes(plan, codes);
    let client = client(plan, [action]);
    quote! { #client #errors #(#shapes)* #(#sets)* #serde }
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
        assert!(!has_types(&plan));
        let files = service_version_files(&plan);
        let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["mod.rs", "client.rs", "error_code.rs"]);
        for (name, tokens) in &files {
            assert!(!tokens.to_string().contains("types"), "{name}: {tokens}");
        }
    }
}
