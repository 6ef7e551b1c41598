//! Merging a doc-page spec into a definitions spec.
//!
//! The definitions are authoritative for actions, shapes and members (names, types, flags,
//! docs, titles). The pages add what the definitions lack: per-action rate limits, per-action
//! error codes (and descriptions the definitions lack), request domains, and examples that
//! differ from the definitions' ones (appended after them). Every disagreement is reported.
//!
//! Idempotent, also when the page side is itself a merge result (the spec file read back):
//! items carrying a `definitions` provenance are not page evidence, and items of the
//! definitions side that lack one (page-only actions of an earlier merge) are re-derived from
//! the pages. So `merge(merge(d, p).0, p).0 == merge(d, p).0 == merge(d, &merge(d, p).0).0`.

use std::collections::{BTreeMap, BTreeSet};

use tencentcloud_codegen::spec::{Action, Provenance, Shape, SourceKind, Spec};

use super::merge_report::{Entry, MergeReport};

pub fn merge(definitions: Spec, pages: &Spec) -> (Spec, MergeReport) {
    let mut report = MergeReport::new(&definitions.service, &definitions.version);
    let mut out = definitions;
    out.actions.retain(|_, a| is_defined(&a.provenance));
    out.shapes.retain(|_, s| is_defined(&s.provenance));

    let domains: BTreeSet<String> = out.domains.iter().chain(&pages.domains).cloned().collect();
    report.domains_added = domains.len() - out.domains.len();
    out.domains = domains.into_iter().collect();
    out.sources.extend(
        pages
            .sources
            .iter()
            .filter(|s| s.kind != SourceKind::Definitions)
            .cloned(),
    );
    out.sources.sort();
    out.sources.dedup();

    merge_error_codes(&mut out.error_codes, &pages.error_codes, &mut report);

    let mut page_only_actions = Vec::new();
    for (name, page) in &pages.actions {
        match out.actions.get_mut(name) {
            Some(action) => merge_action(name, action, page, &mut report),
            None if is_defined(&page.provenance) => {
                report.push(Entry::ActionNoLongerDefined { action: name.clone() });
            }
            None => {
                report.push(Entry::ActionOnlyOnPage { action: name.clone() });
                page_only_actions.push(name.clone());
                out.actions.insert(name.clone(), page.clone());
            }
        }
    }
    let needed = page_shapes_needed(&out, pages, &page_only_actions);
    for (name, page) in &pages.shapes {
        if is_defined(&page.provenance) {
            // A spec merged before: keep what it widened, so merging again changes nothing.
            widen_nullable(out.shapes.get_mut(name), page);
            continue;
        }
        match out.shapes.get(name) {
            Some(defined) if is_inferred(page) => replace_inferred(name, defined, page, &mut report),
            Some(defined) => {
                compare_shape(name, defined, page, &mut report);
                widen_nullable(out.shapes.get_mut(name), page);
            }
            None if needed.contains(name.as_str()) => {
                report.push(Entry::PageShapeKept { shape: name.clone() });
                out.shapes.insert(name.clone(), page.clone());
            }
            None => {
                let kind = if is_inferred(page) {
                    SourceKind::Inferred
                } else {
                    SourceKind::DocPage
                };
                report.push(Entry::PageShapeDropped {
                    shape: name.clone(),
                    kind,
                });
            }
        }
    }
    (out, report)
}

/// Whether the definitions (possibly in an earlier merge) provided the item.
fn is_defined(provenance: &[Provenance]) -> bool {
    provenance.iter().any(|p| p.kind == SourceKind::Definitions)
}

/// A shape the page importer made up from examples (all its provenance is `inferred`).
fn is_inferred(shape: &Shape) -> bool {
    !shape.provenance.is_empty() && shape.provenance.iter().all(|p| p.kind == SourceKind::Inferred)
}

fn merge_action(name: &str, action: &mut Action, page: &Action, report: &mut MergeReport) {
    let differs = |report: &mut MergeReport, field, page: String, definition: String| {
        if page != definition {
            report.push(Entry::ActionDiffers {
                action: name.to_owned(),
                field,
                page,
                definition,
            });
        }
    };
    differs(report, "input", page.input.clone(), action.input.clone());
    differs(report, "output", page.output.clone(), action.output.clone());
    differs(
        report,
        "deprecated",
        page.deprecated.to_string(),
        action.deprecated.to_string(),
    );
    match (action.rate_limit, page.rate_limit) {
        (None, Some(limit)) => {
            action.rate_limit = Some(limit);
            report.rate_limits_added += 1;
        }
        (Some(defined), Some(limit)) => differs(report, "rate_limit", limit.to_string(), defined.to_string()),
        _ => {}
    }
    for code in &page.errors {
        if !action.errors.contains(code) {
            action.errors.push(code.clone());
            report.action_errors_added += 1;
        }
    }
    for example in &page.examples {
        let known = action
            .examples
            .iter()
            .any(|e| e.input == example.input && e.output == example.output);
        if !known {
            report.push(Entry::ExampleAppended {
                action: name.to_owned(),
                title: example.title.clone(),
            });
            action.examples.push(example.clone());
        }
    }
    for p in &page.provenance {
        if p.kind != SourceKind::Definitions && !action.provenance.contains(p) {
            action.provenance.push(p.clone());
        }
    }
}

fn merge_error_codes(codes: &mut BTreeMap<String, String>, pages: &BTreeMap<String, String>, report: &mut MergeReport) {
    for (code, page) in pages {
        match codes.get_mut(code) {
            None => {
                report.push(Entry::ErrorCodeFromPage { code: code.clone() });
                codes.insert(code.clone(), page.clone());
            }
            Some(defined) if defined.trim().is_empty() && !page.trim().is_empty() => {
                report.push(Entry::ErrorDescriptionFromPage { code: code.clone() });
                *defined = page.clone();
            }
            Some(defined) if !page.trim().is_empty() && is_chinese(defined) != is_chinese(page) => {
                report.error_descriptions_translated += 1;
            }
            Some(defined) if !page.trim().is_empty() && comparable(defined) != comparable(page) => {
                report.push(Entry::ErrorDescriptionDiffers {
                    code: code.clone(),
                    page: page.clone(),
                    definition: defined.clone(),
                });
            }
            Some(_) => {}
        }
    }
}

/// Whether a text is written in Chinese: an English page describes the same code in English,
/// which is a translation rather than a disagreement.
fn is_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A description without the differences a rendering makes: surrounding space, a final
/// full stop, full-width vs ASCII punctuation.
fn comparable(text: &str) -> String {
    let text: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '，' => ',',
            '：' => ':',
            '（' => '(',
            '）' => ')',
            '；' => ';',
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    text.trim_end_matches(['。', '.']).to_owned()
}

/// Page shapes a page-only action reaches without passing through a defined shape.
fn page_shapes_needed<'a>(out: &Spec, pages: &'a Spec, page_only_actions: &[String]) -> BTreeSet<&'a str> {
    let mut needed = BTreeSet::new();
    let mut stack: Vec<&str> = page_only_actions
        .iter()
        .filter_map(|a| pages.actions.get(a))
        .flat_map(|a| [a.input.as_str(), a.output.as_str()])
        .collect();
    while let Some(name) = stack.pop() {
        if out.shapes.contains_key(name) {
            continue;
        }
        let Some((key, shape)) = pages.shapes.get_key_value(name) else {
            continue;
        };
        if is_defined(&shape.provenance) || !needed.insert(key.as_str()) {
            continue;
        }
        stack.extend(shape.members.iter().filter_map(|m| m.ty.object_name()));
    }
    needed
}

fn replace_inferred(name: &str, defined: &Shape, page: &Shape, report: &mut MergeReport) {
    let mut types_differ = 0;
    let mut missing = Vec::new();
    for member in &page.members {
        match defined.members.iter().find(|m| m.name == member.name) {
            Some(m) if m.ty != member.ty => types_differ += 1,
            Some(_) => {}
            None => missing.push(member.name.clone()),
        }
    }
    report.push(Entry::InferredShapeReplaced {
        shape: name.to_owned(),
        inferred_members: page.members.len(),
        types_differ,
    });
    for member in missing {
        report.push(Entry::InferredMemberNotDefined {
            shape: name.to_owned(),
            member,
        });
    }
}

/// Members a page documents as possibly null become nullable even where the definitions
/// lack the flag (reported by `compare_shape`): an `Option` costs less than a response that
/// fails to decode.
fn widen_nullable(defined: Option<&mut Shape>, page: &Shape) {
    let Some(defined) = defined else { return };
    for member in defined.members.iter_mut() {
        if page.members.iter().any(|p| p.name == member.name && p.nullable) {
            member.nullable = true;
        }
    }
}

fn compare_shape(name: &str, defined: &Shape, page: &Shape, report: &mut MergeReport) {
    if defined.usage != page.usage {
        report.push(Entry::ShapeUsageDiffers {
            shape: name.to_owned(),
            page: format!("{:?}", page.usage),
            definition: format!("{:?}", defined.usage),
        });
    }
    for member in &page.members {
        let Some(def) = defined.members.iter().find(|m| m.name == member.name) else {
            report.push(Entry::MemberOnlyOnPage {
                shape: name.to_owned(),
                member: member.name.clone(),
                ty: member.ty.clone(),
            });
            continue;
        };
        let fields = [
            ("type", member.ty.to_string(), def.ty.to_string()),
            ("required", member.required.to_string(), def.required.to_string()),
            ("nullable", member.nullable.to_string(), def.nullable.to_string()),
            ("deprecated", member.deprecated.to_string(), def.deprecated.to_string()),
        ];
        for (field, page, definition) in fields {
            if page != definition {
                report.push(Entry::MemberDiffers {
                    shape: name.to_owned(),
                    member: member.name.clone(),
                    field,
                    page,
                    definition,
                });
            }
        }
    }
    for def in &defined.members {
        if !page.members.iter().any(|m| m.name == def.name) {
            report.push(Entry::MemberOnlyInDefinitions {
                shape: name.to_owned(),
                member: def.name.clone(),
            });
        }
    }
}
