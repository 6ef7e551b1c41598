//! The spec's `overrides`: a maintainer's corrections of what the importers decided. Each
//! entry must name something that exists and change it; an entry that no longer applies is an
//! error, so stale corrections cannot pile up (as k8s-openapi's fixups fail when the spec
//! they patch has changed).

use std::borrow::Cow;

use crate::spec::Spec;

/// `spec` with its overrides applied, or the field path of an entry that does not apply.
pub(super) fn apply(spec: &Spec) -> Result<Cow<'_, Spec>, (String, String)> {
    if spec.overrides.is_empty() {
        return Ok(Cow::Borrowed(spec));
    }
    let mut out = spec.clone();
    for (target, entry) in &spec.overrides.secret {
        let field = format!("overrides.secret.{target}");
        let member = target
            .split_once('.')
            .and_then(|(shape, member)| out.shapes.get_mut(shape)?.members.iter_mut().find(|m| m.name == member))
            .ok_or_else(|| (field.clone(), format!("no member `{target}` (expected `Shape.Member`)")))?;
        if member.secret == entry.value {
            return Err((field, stale(entry.value)));
        }
        member.secret = entry.value;
    }
    for (target, entry) in &spec.overrides.read_only {
        let field = format!("overrides.read_only.{target}");
        let action = out
            .actions
            .get_mut(target)
            .ok_or_else(|| (field.clone(), format!("no action `{target}`")))?;
        if action.read_only == entry.value {
            return Err((field, stale(entry.value)));
        }
        action.read_only = entry.value;
    }
    Ok(Cow::Owned(out))
}

fn stale(value: bool) -> String {
    format!("the importer already decides `{value}`; remove this override")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Action, Member, Override, Shape, Usage};

    fn spec() -> Spec {
        let mut spec = Spec::default();
        spec.shapes.insert(
            "Out".into(),
            Shape {
                docs: String::new(),
                docs_en: String::new(),
                usage: Usage::Output,
                members: vec![Member {
                    name: "Data".into(),
                    ty: crate::spec::Type::String,
                    required: false,
                    nullable: false,
                    deprecated: false,
                    value_set: None,
                    secret: false,
                    docs: String::new(),
                    docs_en: String::new(),
                    example: None,
                }],
                provenance: vec![],
            },
        );
        spec.actions.insert(
            "RunThing".into(),
            Action {
                title: String::new(),
                title_en: String::new(),
                docs: String::new(),
                docs_en: String::new(),
                rate_limit: None,
                input: "Out".into(),
                output: "Out".into(),
                errors: vec![],
                examples: vec![],
                deprecated: false,
                read_only: false,
                skip_sign: false,
                provenance: vec![],
            },
        );
        spec
    }

    fn entry(value: bool) -> Override<bool> {
        Override {
            value,
            reason: "docs say so".into(),
        }
    }

    #[test]
    fn entries_apply_and_stale_ones_fail() {
        let mut s = spec();
        s.overrides.secret.insert("Out.Data".into(), entry(true));
        s.overrides.read_only.insert("RunThing".into(), entry(true));
        let applied = apply(&s).unwrap();
        assert!(applied.shapes["Out"].members[0].secret);
        assert!(applied.actions["RunThing"].read_only);

        let mut s = spec();
        s.overrides.secret.insert("Out.Data".into(), entry(false));
        let (field, message) = apply(&s).unwrap_err();
        assert_eq!(field, "overrides.secret.Out.Data");
        assert!(message.contains("remove"), "{message}");

        for target in ["Out.Gone", "Gone.Data", "NoDot"] {
            let mut s = spec();
            s.overrides.secret.insert(target.into(), entry(true));
            assert!(apply(&s).is_err(), "{target}");
        }
        let mut s = spec();
        s.overrides.read_only.insert("Gone".into(), entry(true));
        assert_eq!(apply(&s).unwrap_err().0, "overrides.read_only.Gone");
    }
}
