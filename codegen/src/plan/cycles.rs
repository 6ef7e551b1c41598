//! Finding the members that must be boxed: a shape that contains itself through plain
//! (non-list) object fields would have infinite size. `Option<T>` does not break such a
//! cycle; `Vec<T>` does.

use std::collections::{BTreeMap, BTreeSet};

use crate::spec::{Spec, Type};

/// The (shape, member) pairs to emit as `Box<T>`: one back edge per cycle, found by a
/// depth-first search in name order, so the choice is deterministic.
pub fn members_to_box(spec: &Spec) -> BTreeSet<(String, String)> {
    let mut state: BTreeMap<&str, Visit> = BTreeMap::new();
    let mut boxed = BTreeSet::new();
    for name in spec.shapes.keys() {
        visit(spec, name, &mut state, &mut boxed);
    }
    boxed
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    OnStack,
    Done,
}

fn visit<'a>(
    spec: &'a Spec,
    name: &'a str,
    state: &mut BTreeMap<&'a str, Visit>,
    boxed: &mut BTreeSet<(String, String)>,
) {
    if state.contains_key(name) {
        return;
    }
    state.insert(name, Visit::OnStack);
    if let Some(shape) = spec.shapes.get(name) {
        for member in &shape.members {
            let Type::Object(target) = &member.ty else { continue };
            match state.get(target.as_str()) {
                Some(Visit::OnStack) => {
                    boxed.insert((name.to_owned(), member.name.clone()));
                }
                Some(Visit::Done) => {}
                None => visit(spec, target, state, boxed),
            }
        }
    }
    state.insert(name, Visit::Done);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Member, Shape, Usage};

    fn shape(members: &[(&str, &str)]) -> Shape {
        Shape {
            docs: String::new(),
            usage: Usage::Output,
            members: members
                .iter()
                .map(|(name, ty)| Member {
                    name: (*name).into(),
                    ty: ty.parse().unwrap(),
                    required: false,
                    nullable: false,
                    deprecated: false,
                    secret: false,
                    docs: String::new(),
                    example: None,
                })
                .collect(),
            provenance: vec![],
        }
    }

    #[test]
    fn plain_object_cycles_are_boxed_once() {
        let mut spec = Spec::default();
        spec.shapes.insert("A".into(), shape(&[("B", "B")]));
        spec.shapes.insert("B".into(), shape(&[("A", "A"), ("Self", "B")]));
        spec.shapes.insert("C".into(), shape(&[("Items", "list<C>")]));
        let boxed: Vec<_> = members_to_box(&spec).into_iter().collect();
        assert_eq!(
            boxed,
            [("B".to_owned(), "A".to_owned()), ("B".to_owned(), "Self".to_owned())]
        );
    }
}
