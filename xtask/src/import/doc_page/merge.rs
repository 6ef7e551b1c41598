//! Merging one page's spec into the spec of its service version.
//!
//! The page wins for what it documents: its action and that action's request and response
//! shapes are replaced whole. Inferred shapes are different: several pages can show the same
//! type (`IntegrationTaskInfo` is sent by CreateIntegrationTask and returned by
//! DescribeIntegrationTask), each showing part of it, so they are unioned. A shape documented
//! by another source is never overwritten by an inferred one. Inferred shapes no action reaches
//! any more (the page changed) are dropped.

use std::collections::BTreeSet;

use tencentcloud_codegen::spec::{Shape, SourceKind, Spec, Type};

use super::Warning;

/// Adds or updates a page's action, shapes, error codes, domain and source in `into`, a spec
/// of the same service version (or an empty `Spec::default()`, which takes the page's).
pub fn merge_page(into: &mut Spec, page: Spec, warnings: &mut Vec<Warning>) {
    let file = page.sources.first().map_or_else(String::new, |s| s.location.clone());
    if into.service.is_empty() && into.version.is_empty() {
        into.service.clone_from(&page.service);
        into.version.clone_from(&page.version);
    }
    if into.service != page.service || into.version != page.version {
        warnings.push(Warning {
            file,
            line: 1,
            message: format!(
                "page is for {} {}, the spec for {} {}: not merged",
                page.service, page.version, into.service, into.version
            ),
        });
        return;
    }

    into.domains.extend(page.domains);
    into.domains.sort();
    into.domains.dedup();
    into.sources.extend(page.sources);
    into.sources.sort();
    into.sources.dedup();

    for (code, description) in page.error_codes {
        // Another action listing the code keeps the description it was imported with, so that
        // pages in two languages do not overwrite each other back and forth.
        let listed_elsewhere = into
            .actions
            .iter()
            .any(|(name, action)| !page.actions.contains_key(name) && action.errors.contains(&code));
        if !listed_elsewhere || !into.error_codes.contains_key(&code) {
            into.error_codes.insert(code, description);
        }
    }
    into.actions.extend(page.actions);

    for (name, shape) in page.shapes {
        match into.shapes.get_mut(&name) {
            None => {
                into.shapes.insert(name, shape);
            }
            Some(existing) if !is_inferred(&shape) => *existing = shape,
            Some(existing) if !is_inferred(existing) => existing.usage = existing.usage.merge(shape.usage),
            Some(existing) => union(existing, shape, &name, &file, warnings),
        }
    }
    drop_unreachable_inferred(into);
}

fn is_inferred(shape: &Shape) -> bool {
    !shape.provenance.is_empty() && shape.provenance.iter().all(|p| p.kind == SourceKind::Inferred)
}

fn union(existing: &mut Shape, shape: Shape, name: &str, file: &str, warnings: &mut Vec<Warning>) {
    let line = shape.provenance.first().and_then(|p| p.line).unwrap_or(1);
    let elsewhere: Vec<&str> = existing
        .provenance
        .iter()
        .map(|p| p.file.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let elsewhere = elsewhere.join(", ");
    for member in shape.members {
        let Some(known) = existing.members.iter_mut().find(|m| m.name == member.name) else {
            existing.members.push(member);
            continue;
        };
        known.nullable |= member.nullable;
        match unify(&known.ty, &member.ty) {
            Some(ty) => known.ty = ty,
            None => {
                warnings.push(Warning {
                    file: file.to_owned(),
                    line,
                    message: format!(
                        "inferred `{name}.{}` is `{}` here but `{}` as inferred from {elsewhere}: typed `json`",
                        member.name, member.ty, known.ty
                    ),
                });
                known.ty = Type::Json;
            }
        }
    }
    existing.usage = existing.usage.merge(shape.usage);
    for provenance in shape.provenance {
        if !existing.provenance.contains(&provenance) {
            existing.provenance.push(provenance);
        }
    }
}

/// The type both inferences allow: `json` (never seen with a value) yields to any type, an
/// integer to a float. `None` for a real conflict.
fn unify(a: &Type, b: &Type) -> Option<Type> {
    match (a, b) {
        _ if a == b => Some(a.clone()),
        (Type::Json, other) | (other, Type::Json) => Some(other.clone()),
        (Type::Int64, Type::Float) | (Type::Float, Type::Int64) => Some(Type::Float),
        (Type::List(x), Type::List(y)) => unify(x, y).map(|t| Type::List(Box::new(t))),
        _ => None,
    }
}

/// Removes inferred shapes that no action reaches: left over when a page no longer names them.
fn drop_unreachable_inferred(spec: &mut Spec) {
    let mut reached = BTreeSet::new();
    let mut pending: Vec<&str> = spec
        .actions
        .values()
        .flat_map(|a| [a.input.as_str(), a.output.as_str()])
        .collect();
    while let Some(name) = pending.pop() {
        if !reached.insert(name.to_owned()) {
            continue;
        }
        if let Some(shape) = spec.shapes.get(name) {
            pending.extend(shape.members.iter().filter_map(|m| m.ty.object_name()));
        }
    }
    spec.shapes
        .retain(|name, shape| reached.contains(name) || !is_inferred(shape));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unification() {
        let t = |s: &str| s.parse::<Type>().unwrap();
        assert_eq!(unify(&t("json"), &t("string")), Some(t("string")));
        assert_eq!(unify(&t("list<json>"), &t("list<Foo>")), Some(t("list<Foo>")));
        assert_eq!(unify(&t("int64"), &t("float")), Some(t("float")));
        assert_eq!(unify(&t("int64"), &t("string")), None);
        assert_eq!(unify(&t("Foo"), &t("list<Foo>")), None);
    }
}
