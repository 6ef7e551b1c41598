//! Value sets: the enums generated for members whose docs list their values.

use std::collections::BTreeMap;

use crate::docs::Docs;
use crate::naming::Names;
use crate::spec::{Confidence, Spec, ValueKind, ValueSet};

/// One generated enum: a variant per listed value and `Unknown` for any other.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueSetPlan {
    /// Its key in the spec.
    pub name: String,
    pub rust: String,
    pub kind: ValueKind,
    pub docs: Docs,
    pub variants: Vec<VariantPlan>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VariantPlan {
    /// As on the wire (an integer as its decimal text).
    pub value: String,
    pub rust: String,
    pub docs: Docs,
}

/// Whether a set is generated: extractions the importer was sure enough of.
pub(super) fn is_generated(set: &ValueSet) -> bool {
    set.confidence <= Confidence::Medium
}

pub(super) fn plan_value_sets(spec: &Spec, names: &Names) -> BTreeMap<String, ValueSetPlan> {
    spec.value_sets
        .iter()
        .filter(|(_, set)| is_generated(set))
        .map(|(name, set)| {
            let mut docs = Docs::default();
            docs.push_markdown(format!(
                "Values of {}, as their docs list them ({}). Any other value the service sends \
                 is kept as `Unknown`, and sent back unchanged.",
                set.members
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                set.pattern
            ));
            let variants = set
                .values
                .iter()
                .map(|v| {
                    let mut docs = Docs::from_markdown(&v.docs);
                    docs.push_markdown(format!("Wire value: `{}`.", v.value));
                    VariantPlan {
                        value: v.value.clone(),
                        rust: names.value(name, &v.value).to_owned(),
                        docs,
                    }
                })
                .collect();
            let plan = ValueSetPlan {
                name: name.clone(),
                rust: names.value_set(name).to_owned(),
                kind: set.kind,
                docs,
                variants,
            };
            (name.clone(), plan)
        })
        .collect()
}
