//! Queries over the shape graph.

use std::collections::BTreeSet;

use super::model::Spec;

impl Spec {
    /// Names of `roots` and every shape they reach through members, in name order.
    pub fn shapes_reachable_from<'a>(&'a self, roots: impl IntoIterator<Item = &'a str>) -> BTreeSet<&'a str> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = roots.into_iter().collect();
        while let Some(name) = stack.pop() {
            let Some((key, shape)) = self.shapes.get_key_value(name) else {
                continue;
            };
            if !seen.insert(key.as_str()) {
                continue;
            }
            stack.extend(shape.members.iter().filter_map(|m| m.ty.object_name()));
        }
        seen
    }
}
