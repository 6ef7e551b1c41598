//! Merging one page's spec into the spec of its service version.
//!
//! Sources rank: the official definitions, then doc pages, then inference from examples. An
//! item is replaced only by one of the same or a higher rank, so:
//! - a page replaces its own action and request/response shapes when those came from pages
//!   (a re-import: the page wins), but not when they came from the definitions, which are
//!   fuller and which `import-definitions` reconciles with the pages itself;
//! - inferred shapes never replace documented ones, and several pages can show parts of the
//!   same inferred type (`IntegrationTaskInfo` is sent by CreateIntegrationTask and returned
//!   by DescribeIntegrationTask), so inferred shapes are unioned.
//!
//! Inferred shapes no action reaches any more (the page changed) are dropped.

use std::collections::BTreeSet;

use tencentcloud_codegen::spec::{Provenance, Shape, SourceKind, Spec, Type};

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

    for (name, action) in &page.actions {
        if let Some(existing) = into.actions.get(name).filter(|a| rank(&a.provenance) > Rank::DocPage) {
            let line = action.provenance.first().and_then(|p| p.line).unwrap_or(1);
            let from = files(&existing.provenance, |kind| kind == SourceKind::Definitions);
            warnings.push(Warning {
                file: file.clone(),
                line,
                message: format!(
                    "`{name}` comes from the definitions ({from}): the page does not replace it; `cargo xtask import-definitions` reconciles the pages with the definitions"
                ),
            });
            return;
        }
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
            Some(existing) => match (rank(&existing.provenance), rank(&shape.provenance)) {
                (Rank::Inferred, Rank::Inferred) => union(existing, shape, &name, &file, warnings),
                (old, new) if new >= old => *existing = shape,
                _ => existing.usage = existing.usage.merge(shape.usage),
            },
        }
    }
    drop_unreachable_inferred(into);
}

/// How authoritative a source is; an item ranks as its best source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Inferred,
    DocPage,
    Definitions,
}

fn rank(provenance: &[Provenance]) -> Rank {
    provenance
        .iter()
        .map(|p| match p.kind {
            SourceKind::Inferred => Rank::Inferred,
            SourceKind::DocPage => Rank::DocPage,
            // Shapes never come from it; were one to, it is a documented source.
            SourceKind::Definitions | SourceKind::CommonErrorCodes => Rank::Definitions,
        })
        .max()
        // No provenance: not something an importer wrote; treat it as documented elsewhere.
        .unwrap_or(Rank::Definitions)
}

/// The files of the provenance entries of some kinds, deduplicated, for messages.
fn files(provenance: &[Provenance], kind: impl Fn(SourceKind) -> bool) -> String {
    let files: BTreeSet<&str> = provenance
        .iter()
        .filter(|p| kind(p.kind))
        .map(|p| p.file.as_str())
        .collect();
    files.into_iter().collect::<Vec<_>>().join(", ")
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
        .retain(|name, shape| reached.contains(name) || rank(&shape.provenance) > Rank::Inferred);
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
