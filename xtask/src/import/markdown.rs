//! Docs enter a spec as Markdown, converted here from the format each source writes, so
//! nothing downstream guesses whether a text is HTML.

use tencentcloud_codegen::spec::Spec;

/// Converts every doc text of `spec` (titles, descriptions, member and example docs) with
/// `prose`, and error code descriptions with `error_descriptions`.
pub fn convert_docs(spec: &mut Spec, prose: fn(&str) -> String, error_descriptions: fn(&str) -> String) {
    for action in spec.actions.values_mut() {
        action.title = prose(&action.title);
        action.docs = prose(&action.docs);
        for example in &mut action.examples {
            example.title = prose(&example.title);
            example.docs = prose(&example.docs);
        }
    }
    for shape in spec.shapes.values_mut() {
        shape.docs = prose(&shape.docs);
        for member in &mut shape.members {
            member.docs = prose(&member.docs);
        }
    }
    for description in spec.error_codes.values_mut() {
        *description = error_descriptions(description);
    }
}
