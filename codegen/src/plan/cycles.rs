//! Finding the members that must be boxed: a shape that contains itself through plain
//! (non-list) object fields would have infinite size. `Option<T>` does not break such a
//! cycle; `Vec<T>` does. A cycle of *required* plain fields has no finite value at all (and
//! would make the decoder's empty value recurse forever), so its boxed member is also made
//! optional.

use std::collections::BTreeMap;

use crate::spec::{Member, Spec, Type};

/// How a member on a cycle is emitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Boxing {
    /// `Box<T>` (or `Option<Box<T>>` if the member is optional anyway).
    Boxed,
    /// `Option<Box<T>>` although the spec says required: every member on its cycle is
    /// required, so no finite value exists otherwise.
    BoxedOptional,
}

/// The (shape, member) pairs to box: one back edge per cycle, found by a depth-first search
/// in name order, so the choice is deterministic. Iterative: any depth of nesting is fine.
pub fn members_to_box(spec: &Spec) -> BTreeMap<(String, String), Boxing> {
    let mut done: BTreeMap<&str, ()> = BTreeMap::new();
    let mut boxed = BTreeMap::new();
    for root in spec.shapes.keys() {
        if done.contains_key(root.as_str()) {
            continue;
        }
        // The DFS path: each shape, the index of its next member to visit, and whether the
        // edge into the next shape on the path is required.
        let mut path: Vec<Frame<'_>> = vec![Frame::new(root)];
        // Shape -> its index in `path`.
        let mut on_path: BTreeMap<&str, usize> = BTreeMap::from([(root.as_str(), 0)]);
        while let Some(frame) = path.last_mut() {
            let members = spec.shapes.get(frame.shape).map_or(&[][..], |s| &s.members[..]);
            let Some(member) = members.get(frame.next) else {
                done.insert(frame.shape, ());
                on_path.remove(frame.shape);
                path.pop();
                continue;
            };
            frame.next += 1;
            let Type::Object(target) = &member.ty else { continue };
            let Some((target, _)) = spec.shapes.get_key_value(target) else {
                continue;
            };
            let target = target.as_str();
            frame.required = is_required(member);
            if let Some(&start) = on_path.get(target) {
                let all_required = path[start..].iter().all(|f| f.required);
                let shape = path.last().expect("not empty").shape;
                let kind = if all_required {
                    Boxing::BoxedOptional
                } else {
                    Boxing::Boxed
                };
                boxed.insert((shape.to_owned(), member.name.clone()), kind);
            } else if !done.contains_key(target) {
                on_path.insert(target, path.len());
                path.push(Frame::new(target));
            }
        }
    }
    boxed
}

struct Frame<'a> {
    shape: &'a str,
    next: usize,
    required: bool,
}

impl<'a> Frame<'a> {
    fn new(shape: &'a str) -> Self {
        Frame {
            shape,
            next: 0,
            required: false,
        }
    }
}

fn is_required(member: &Member) -> bool {
    member.required && !member.nullable
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Shape, Usage};

    fn shape(members: &[(&str, &str, bool)]) -> Shape {
        Shape {
            docs: String::new(),
            docs_en: String::new(),
            usage: Usage::Output,
            members: members
                .iter()
                .map(|(name, ty, required)| Member {
                    name: (*name).into(),
                    ty: ty.parse().unwrap(),
                    required: *required,
                    nullable: false,
                    deprecated: false,
                    value_set: None,
                    secret: false,
                    docs: String::new(),
                    docs_en: String::new(),
                    example: None,
                })
                .collect(),
            provenance: vec![],
        }
    }

    #[test]
    fn plain_object_cycles_are_boxed_once() {
        let mut spec = Spec::default();
        spec.shapes.insert("A".into(), shape(&[("B", "B", false)]));
        spec.shapes
            .insert("B".into(), shape(&[("A", "A", false), ("Self", "B", false)]));
        spec.shapes.insert("C".into(), shape(&[("Items", "list<C>", true)]));
        let boxed: Vec<_> = members_to_box(&spec).into_iter().collect();
        assert_eq!(
            boxed,
            [
                (("B".to_owned(), "A".to_owned()), Boxing::Boxed),
                (("B".to_owned(), "Self".to_owned()), Boxing::Boxed)
            ]
        );
    }

    #[test]
    fn cycles_of_required_members_become_optional() {
        let mut spec = Spec::default();
        spec.shapes.insert("A".into(), shape(&[("Next", "A", true)]));
        spec.shapes.insert("P".into(), shape(&[("Q", "Q", true)]));
        spec.shapes
            .insert("Q".into(), shape(&[("P", "P", true), ("Opt", "R", false)]));
        spec.shapes.insert("R".into(), shape(&[("Q", "Q", true)]));
        let boxed = members_to_box(&spec);
        assert_eq!(boxed[&("A".into(), "Next".into())], Boxing::BoxedOptional);
        assert_eq!(boxed[&("Q".into(), "P".into())], Boxing::BoxedOptional);
        // Q -> R is optional, so the cycle through it has a finite value.
        assert_eq!(boxed[&("R".into(), "Q".into())], Boxing::Boxed);
    }

    #[test]
    fn long_chains_do_not_recurse() {
        let mut spec = Spec::default();
        for i in 0..100_000 {
            spec.shapes
                .insert(format!("S{i:06}"), shape(&[("Next", &format!("S{:06}", i + 1), true)]));
        }
        spec.shapes
            .insert("S100000".into(), shape(&[("Back", "S000000", true)]));
        let boxed = members_to_box(&spec);
        assert_eq!(boxed.len(), 1);
    }
}
