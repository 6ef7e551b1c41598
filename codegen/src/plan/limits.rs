//! Documented limits on what the generator accepts, set well above the official definitions
//! (all 300 service versions: at most 12 levels of nesting, in `teo`; a few hundred members
//! in the largest shape) and below what the generator or rustc cannot handle (a chain of ~62
//! nested shapes or 50 nested lists fails with E0275). A spec beyond them is rejected with
//! the shape and member that cross the line, instead of overflowing a stack or emitting code
//! that does not compile.

use std::collections::BTreeMap;

use crate::spec::{Spec, Type};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Most members in one shape.
    pub max_members: usize,
    /// Longest chain of nested types from any shape: each shape and each list level counts one.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_members: 5_000,
            max_depth: 32,
        }
    }
}

impl Limits {
    /// Checks `spec`; returns the field path and what is exceeded.
    pub fn check(&self, spec: &Spec) -> Result<(), (String, String)> {
        for (name, shape) in &spec.shapes {
            if shape.members.len() > self.max_members {
                return Err((
                    format!("shapes.{name}.members"),
                    format!(
                        "{} members; the generator accepts at most {}",
                        shape.members.len(),
                        self.max_members
                    ),
                ));
            }
        }
        let depths = depths(spec);
        for (name, shape) in &spec.shapes {
            for (i, member) in shape.members.iter().enumerate() {
                let depth = 1 + type_depth(&member.ty, &depths);
                if depth > self.max_depth {
                    return Err((
                        format!("shapes.{name}.members[{i}].type"),
                        format!(
                            "`{}` nests {depth} types deep from `{name}`; the generator accepts at most {}",
                            member.name, self.max_depth
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Lists add a level each; a shape adds its own depth.
fn type_depth(ty: &Type, shapes: &BTreeMap<&str, usize>) -> usize {
    let mut levels = 0;
    let mut ty = ty;
    while let Type::List(item) = ty {
        levels += 1;
        ty = item;
    }
    levels
        + match ty {
            Type::Object(name) => shapes.get(name.as_str()).copied().unwrap_or(1),
            _ => 0,
        }
}

/// Each shape's depth: 1 + the deepest member type, where a reference back into a shape
/// being measured (a recursive type, which rustc handles) counts as 1. Iterative, so a chain
/// of any length cannot overflow the stack.
fn depths(spec: &Spec) -> BTreeMap<&str, usize> {
    let mut done: BTreeMap<&str, usize> = BTreeMap::new();
    let mut on_stack: BTreeMap<&str, ()> = BTreeMap::new();
    for root in spec.shapes.keys() {
        if done.contains_key(root.as_str()) {
            continue;
        }
        // (shape, index of the next member to look at)
        let mut stack: Vec<(&str, usize)> = vec![(root, 0)];
        on_stack.insert(root, ());
        while let Some((name, next)) = stack.last_mut() {
            let members = spec.shapes.get(*name).map_or(&[][..], |s| &s.members[..]);
            let pending = members[*next..].iter().position(|m| {
                m.ty.object_name()
                    .is_some_and(|t| spec.shapes.contains_key(t) && !done.contains_key(t) && !on_stack.contains_key(t))
            });
            match pending {
                Some(offset) => {
                    let member = &members[*next + offset];
                    *next += offset + 1;
                    let target = member.ty.object_name().expect("found by object_name");
                    let target = spec.shapes.get_key_value(target).expect("checked").0.as_str();
                    on_stack.insert(target, ());
                    stack.push((target, 0));
                }
                None => {
                    let name = *name;
                    let depth = 1 + members.iter().map(|m| type_depth(&m.ty, &done)).max().unwrap_or(0);
                    done.insert(name, depth);
                    on_stack.remove(name);
                    stack.pop();
                }
            }
        }
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Member, Shape, Usage};

    fn member(name: &str, ty: &str) -> Member {
        Member {
            name: name.into(),
            ty: ty.parse().unwrap(),
            required: false,
            nullable: false,
            deprecated: false,
            value_set: None,
            secret: false,
            docs: String::new(),
            docs_en: String::new(),
            example: None,
        }
    }

    fn shape(members: Vec<Member>) -> Shape {
        Shape {
            docs: String::new(),
            docs_en: String::new(),
            usage: Usage::Output,
            members,
            provenance: vec![],
        }
    }

    fn chain(n: usize) -> Spec {
        let mut spec = Spec::default();
        for i in 0..n {
            let members = if i + 1 < n {
                vec![member("Next", &format!("S{}", i + 1))]
            } else {
                vec![member("Leaf", "string")]
            };
            spec.shapes.insert(format!("S{i}"), shape(members));
        }
        spec
    }

    #[test]
    fn deep_chains_are_rejected_without_recursion() {
        assert!(Limits::default().check(&chain(31)).is_ok());
        let (field, message) = Limits::default().check(&chain(33)).unwrap_err();
        assert_eq!(field, "shapes.S0.members[0].type");
        assert!(message.contains("at most 32"), "{message}");
        // 100,000 shapes in a chain: measured without overflowing the stack.
        assert!(Limits::default().check(&chain(100_000)).is_err());
    }

    #[test]
    fn cycles_and_lists_count_once_per_level() {
        let mut spec = Spec::default();
        spec.shapes
            .insert("A".into(), shape(vec![member("B", "list<list<B>>")]));
        spec.shapes
            .insert("B".into(), shape(vec![member("A", "A"), member("Me", "list<B>")]));
        let depths = depths(&spec);
        // B -> A -> (B on the stack: 1); A = 1 + 2 lists + B.
        assert_eq!(depths["B"], 2 + 1);
        assert!(Limits::default().check(&spec).is_ok());
    }

    #[test]
    fn too_many_members_are_rejected() {
        let mut spec = Spec::default();
        let members = (0..5_001).map(|i| member(&format!("M{i}"), "string")).collect();
        spec.shapes.insert("Wide".into(), shape(members));
        assert_eq!(Limits::default().check(&spec).unwrap_err().0, "shapes.Wide.members");
    }
}
