//! The text of `api-specs/{service}/{version}.merge-report.txt`: what the import decided, so
//! that a review sees it in the diff. No timestamps or paths outside the repository, so an
//! unchanged import rewrites it identically.

use std::collections::BTreeMap;
use std::fmt::Write;

use tencentcloud_codegen::spec::Spec;

use super::{EnglishReport, MergeReport, Note};

/// Counts of the merged spec, as printed and written.
pub fn counts(spec: &Spec) -> String {
    let members: usize = spec.shapes.values().map(|s| s.members.len()).sum();
    let deprecated_actions = spec.actions.values().filter(|a| a.deprecated).count();
    let deprecated_members: usize = spec
        .shapes
        .values()
        .map(|s| s.members.iter().filter(|m| m.deprecated).count())
        .sum();
    format!(
        "{} actions, {} shapes, {members} members, {} error codes; {deprecated_actions} deprecated action(s), {deprecated_members} deprecated member(s)",
        spec.actions.len(),
        spec.shapes.len(),
        spec.error_codes.len()
    )
}

pub fn report_text(
    spec: &Spec,
    notes: &[Note],
    pages: &[String],
    report: &MergeReport,
    english: &EnglishReport,
) -> String {
    let at = format!("{} {}", spec.service, spec.version);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Definitions import of {at}, merged with its doc pages (cargo xtask import-definitions)"
    );
    for source in &spec.sources {
        let version = source
            .package_version
            .as_deref()
            .map(|v| format!(" {v}"))
            .unwrap_or_default();
        let _ = writeln!(out, "# source: {:?} {}{version}", source.kind, source.location);
    }
    let _ = writeln!(
        out,
        "# pages read: {}",
        if pages.is_empty() {
            "none".to_owned()
        } else {
            pages.join(", ")
        }
    );
    let _ = writeln!(out, "# result: {}", counts(spec));
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for note in notes {
        *kinds.entry(note.kind()).or_default() += 1;
    }
    let kinds: Vec<String> = kinds.into_iter().map(|(k, n)| format!("{n} {k}")).collect();
    let _ = writeln!(out, "\n## Definitions: {} note(s): {}", notes.len(), kinds.join(", "));
    for note in notes {
        let _ = writeln!(out, "{at} {note}");
    }
    let _ = writeln!(out, "\n## Merge with the doc pages: {}", report.summary());
    out.push_str(&report.to_string());
    let _ = write!(out, "\n{english}");
    out
}
