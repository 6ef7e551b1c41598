//! The English docs: the international site's definitions laid over the merged spec.
//!
//! `tccli-intl-en` has the China site's `api.json`/`examples.json` layout, written in English,
//! for the actions the international site offers (fewer); `tencentcloud-sdk-python-intl-en`
//! has `errorcodes.py` with English descriptions. They are converted exactly like the China
//! site's files ([`convert`](super::convert): HTML to Markdown, examples from their HTTP
//! text, the same notes), then matched to the merged spec by wire name:
//! - an action's title and docs become `title_en`/`docs_en`; a shape's and a member's docs
//!   `docs_en`; an error code's description `error_codes_en` (only for codes the spec has);
//! - an English example is appended to the action's examples with `origin: intl`, unless an
//!   example already there has the same input and output;
//! - nothing else is read from them: the China site's definitions decide what is generated
//!   (actions, shapes, members, types, flags, domains), and its Chinese is kept as it is. What
//!   only one side has is listed in the report.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use tencentcloud_codegen::spec::{ExampleOrigin, Spec};

use super::{Conversion, Note};

/// What the overlay matched, for the merge report and the importer's summary line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnglishReport {
    pub service: String,
    pub version: String,
    /// The packages the English came from (`tccli-intl-en 3.1.193.1`, ...), or why there is none.
    pub from: String,
    /// Items with English docs, of the spec's totals.
    pub actions: Count,
    pub shapes: Count,
    pub members: Count,
    pub error_codes: Count,
    /// Actions and shapes the spec has and the English definitions lack, and the reverse.
    pub actions_without_english: Vec<String>,
    pub actions_only_in_english: Vec<String>,
    pub shapes_without_english: Vec<String>,
    pub shapes_only_in_english: Vec<String>,
    /// By shape (in shapes both have): members one side lacks.
    pub members_without_english: BTreeMap<String, Vec<String>>,
    pub members_only_in_english: BTreeMap<String, Vec<String>>,
    pub error_codes_without_english: Vec<String>,
    pub error_codes_only_in_english: Vec<String>,
    /// English examples appended, and ones skipped as equal to an example already there.
    pub examples_appended: usize,
    pub examples_skipped: usize,
    /// What the conversion of the English definitions noted about their examples.
    pub notes: Vec<Note>,
}

/// `with` items of `total` have English docs; `matched` of them are in the English definitions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count {
    pub with: usize,
    pub matched: usize,
    pub total: usize,
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.with, self.total)?;
        if self.matched != self.with {
            write!(f, " ({} matched by name)", self.matched)?;
        }
        Ok(())
    }
}

/// Lays the English of `intl` (the converted international definitions of the same service
/// version) over `spec`; `from` names its packages for the report.
pub fn overlay(spec: &mut Spec, intl: Conversion, from: String) -> EnglishReport {
    let mut report = EnglishReport {
        service: spec.service.clone(),
        version: spec.version.clone(),
        from,
        ..EnglishReport::default()
    };
    let intl_spec = intl.spec;
    report.notes = intl.notes.into_iter().filter(is_example_note).collect();

    spec.sources.extend(intl_spec.sources.iter().cloned());
    spec.sources.sort();
    spec.sources.dedup();

    for (name, action) in spec.actions.iter_mut() {
        let Some(english) = intl_spec.actions.get(name) else {
            report.actions_without_english.push(name.clone());
            continue;
        };
        report.actions.matched += 1;
        action.title_en.clone_from(&english.title);
        action.docs_en.clone_from(&english.docs);
        for example in &english.examples {
            let known = action
                .examples
                .iter()
                .any(|e| e.input == example.input && e.output == example.output);
            if known {
                report.examples_skipped += 1;
            } else {
                let mut example = example.clone();
                example.origin = Some(ExampleOrigin::Intl);
                action.examples.push(example);
                report.examples_appended += 1;
            }
        }
    }
    report.actions_only_in_english = only_in(&intl_spec.actions, &spec.actions);

    for (name, shape) in spec.shapes.iter_mut() {
        let Some(english) = intl_spec.shapes.get(name) else {
            report.shapes_without_english.push(name.clone());
            continue;
        };
        report.shapes.matched += 1;
        shape.docs_en.clone_from(&english.docs);
        let mut without = Vec::new();
        for member in &mut shape.members {
            match english.members.iter().find(|m| m.name == member.name) {
                Some(m) => {
                    report.members.matched += 1;
                    member.docs_en.clone_from(&m.docs);
                }
                None => without.push(member.name.clone()),
            }
        }
        let only: Vec<String> = english
            .members
            .iter()
            .filter(|m| !shape.members.iter().any(|s| s.name == m.name))
            .map(|m| m.name.clone())
            .collect();
        if !without.is_empty() {
            report.members_without_english.insert(name.clone(), without);
        }
        if !only.is_empty() {
            report.members_only_in_english.insert(name.clone(), only);
        }
    }
    report.shapes_only_in_english = only_in(&intl_spec.shapes, &spec.shapes);

    spec.error_codes_en = intl_spec
        .error_codes
        .iter()
        .filter(|(code, description)| spec.error_codes.contains_key(*code) && !description.trim().is_empty())
        .map(|(code, description)| (code.clone(), description.clone()))
        .collect();
    report.error_codes.matched = spec
        .error_codes
        .keys()
        .filter(|c| intl_spec.error_codes.contains_key(*c))
        .count();
    report.error_codes_without_english = spec
        .error_codes
        .keys()
        .filter(|c| !spec.error_codes_en.contains_key(*c))
        .cloned()
        .collect();
    report.error_codes_only_in_english = only_in(&intl_spec.error_codes, &spec.error_codes);

    count(spec, &mut report);
    report
}

/// The report for a version the English packages do not have: every item without English.
pub fn absent(spec: &Spec, from: String) -> EnglishReport {
    let mut report = EnglishReport {
        service: spec.service.clone(),
        version: spec.version.clone(),
        from,
        actions_without_english: spec.actions.keys().cloned().collect(),
        shapes_without_english: spec.shapes.keys().cloned().collect(),
        error_codes_without_english: spec.error_codes.keys().cloned().collect(),
        ..EnglishReport::default()
    };
    count(spec, &mut report);
    report
}

fn count(spec: &Spec, report: &mut EnglishReport) {
    let has = |text: &str| !text.trim().is_empty();
    report.actions.total = spec.actions.len();
    report.actions.with = spec
        .actions
        .values()
        .filter(|a| has(&a.title_en) || has(&a.docs_en))
        .count();
    report.shapes.total = spec.shapes.len();
    report.shapes.with = spec.shapes.values().filter(|s| has(&s.docs_en)).count();
    let members = spec.shapes.values().flat_map(|s| &s.members);
    report.members.total = members.clone().count();
    report.members.with = members.filter(|m| has(&m.docs_en)).count();
    report.error_codes.total = spec.error_codes.len();
    report.error_codes.with = spec.error_codes_en.len();
}

/// Keys of `english` that `spec` lacks.
fn only_in<T, U>(english: &BTreeMap<String, T>, spec: &BTreeMap<String, U>) -> Vec<String> {
    english.keys().filter(|k| !spec.contains_key(*k)).cloned().collect()
}

/// Notes on examples are about what the overlay imports; the rest describe structure, which
/// the English definitions do not decide.
fn is_example_note(note: &Note) -> bool {
    matches!(
        note,
        Note::QueryStringExample { .. }
            | Note::ExampleActionMismatch { .. }
            | Note::ExampleOutsideEnvelope { .. }
            | Note::ExamplesForUnknownAction { .. }
            | Note::ExampleNotImported { .. }
    )
}

impl EnglishReport {
    /// One line: the coverage and what only one side has.
    pub fn summary(&self) -> String {
        let members = |m: &BTreeMap<String, Vec<String>>| m.values().map(Vec::len).sum::<usize>();
        format!(
            "{} {}: English docs for {} actions, {} shapes, {} members, {} error codes; \
             only in the English definitions (not imported): {} action(s), {} shape(s), {} member(s), {} error code(s); \
             without English: {} action(s), {} shape(s), {} member(s), {} error code(s); \
             {} English example(s) appended, {} equal to one already there",
            self.service,
            self.version,
            self.actions,
            self.shapes,
            self.members,
            self.error_codes,
            self.actions_only_in_english.len(),
            self.shapes_only_in_english.len(),
            members(&self.members_only_in_english),
            self.error_codes_only_in_english.len(),
            self.actions_without_english.len(),
            self.shapes_without_english.len(),
            members(&self.members_without_english),
            self.error_codes_without_english.len(),
            self.examples_appended,
            self.examples_skipped,
        )
    }
}

/// The report section: the summary, then one line per item only one side has.
impl fmt::Display for EnglishReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = format!("{} {}", self.service, self.version);
        writeln!(f, "## English docs from {}: {}", self.from, self.summary())?;
        for note in &self.notes {
            writeln!(f, "{at} English definitions: {note}")?;
        }
        for action in &self.actions_only_in_english {
            writeln!(f, "{at} action {action}: only in the English definitions; not imported")?;
        }
        for action in &self.actions_without_english {
            writeln!(
                f,
                "{at} action {action}: not in the English definitions; Chinese docs only"
            )?;
        }
        for shape in &self.shapes_only_in_english {
            writeln!(f, "{at} shape {shape}: only in the English definitions; not imported")?;
        }
        for shape in &self.shapes_without_english {
            writeln!(
                f,
                "{at} shape {shape}: not in the English definitions; Chinese docs only"
            )?;
        }
        let shapes: BTreeSet<&String> = self
            .members_only_in_english
            .keys()
            .chain(self.members_without_english.keys())
            .collect();
        for shape in shapes {
            if let Some(members) = self.members_only_in_english.get(shape) {
                writeln!(
                    f,
                    "{at} shape {shape}: member(s) only in the English definitions, not imported: {}",
                    members.join(", ")
                )?;
            }
            if let Some(members) = self.members_without_english.get(shape) {
                writeln!(
                    f,
                    "{at} shape {shape}: member(s) not in the English definitions, Chinese docs only: {}",
                    members.join(", ")
                )?;
            }
        }
        for code in &self.error_codes_only_in_english {
            writeln!(f, "{at} error code {code}: only in the English SDK; not imported")?;
        }
        for code in &self.error_codes_without_english {
            writeln!(f, "{at} error code {code}: no English description; Chinese only")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{convert, DefinitionFiles, PackageFile};
    use super::*;
    use serde_json::json;
    use tencentcloud_codegen::spec::SourceKind;

    fn files<'a>(package: &'a str, api: &'a str, examples: &'a str, codes: &'a str) -> DefinitionFiles<'a> {
        let file = |package, path, text| PackageFile {
            package,
            package_version: "1.0.0",
            path,
            text,
        };
        let sdk = if package == "tccli" {
            "tencentcloud-sdk-python-x"
        } else {
            "tencentcloud-sdk-python-intl-en"
        };
        DefinitionFiles {
            service: "x",
            version: "2020-01-01",
            api: file(package, "tccli/services/x/v20200101/api.json", api),
            examples: file(package, "tccli/services/x/v20200101/examples.json", examples),
            error_codes: file(sdk, "tencentcloud/x/v20200101/errorcodes.py", codes),
        }
    }

    fn member(name: &str, docs: &str) -> serde_json::Value {
        json!({"name": name, "type": "string", "member": "string", "document": docs, "example": "", "required": true, "disabled": false})
    }

    /// An api.json with actions by name: (title, docs, request members, response members).
    #[allow(clippy::type_complexity)]
    fn api(actions: &[(&str, &str, &str, Vec<serde_json::Value>)], shared: &str) -> String {
        let mut list = serde_json::Map::new();
        let mut objects = serde_json::Map::new();
        for (name, title, docs, members) in actions {
            list.insert(
                name.to_string(),
                json!({"name": title, "document": docs, "input": format!("{name}Request"), "output": format!("{name}Response"), "status": "online"}),
            );
            objects.insert(
                format!("{name}Request"),
                json!({"document": "", "type": "object", "members": members}),
            );
            objects.insert(
                format!("{name}Response"),
                json!({"document": "", "type": "object", "members": [
                    {"name": "Item", "type": "object", "member": "Item", "document": "<p>item</p>", "output_required": true, "value_allowed_null": false},
                    {"name": "RequestId", "type": "string", "member": "string", "document": "RequestId"}
                ]}),
            );
        }
        objects.insert(
            "Item".into(),
            json!({"document": shared, "usage": "out", "members": [
                {"name": "Id", "type": "string", "member": "string", "document": "<p>Id</p>", "output_required": true, "value_allowed_null": false}
            ]}),
        );
        json!({"version": "1.0", "metadata": {"apiVersion": "2020-01-01", "serviceShortName": "x"}, "actions": list, "objects": objects})
            .to_string()
    }

    fn example(title: &str, id: &str) -> serde_json::Value {
        json!({"title": title, "document": "", "input": format!("POST / HTTP/1.1\nHost: x.tencentcloudapi.com\n\n{{\"Name\": \"{id}\"}}"), "output": "{\"Response\": {\"RequestId\": \"r\"}}"})
    }

    fn zh() -> Conversion {
        let api = api(
            &[
                (
                    "DoIt",
                    "做事",
                    "<p>做一件事。</p>",
                    vec![member("Name", "名称"), member("Zone", "可用区")],
                ),
                ("OnlyZh", "仅中文", "", vec![]),
            ],
            "条目",
        );
        let examples = json!({"version": "1.0", "actions": {"DoIt": [example("示例", "a")]}}).to_string();
        let codes = "# 失败。\nFAILEDOPERATION = 'FailedOperation'\n\n# 内部错误。\nINTERNALERROR = 'InternalError'\n";
        convert(&files("tccli", &api, &examples, codes)).unwrap()
    }

    fn english() -> Conversion {
        let api = api(
            &[
                (
                    "DoIt",
                    "Do it",
                    "<p>Does <code>one</code> thing.</p>",
                    vec![member("Name", "The name."), member("Extra", "Only here.")],
                ),
                ("OnlyEn", "Only in English", "", vec![]),
            ],
            "An item.",
        );
        let examples = json!({"version": "1.0", "actions": {
            "DoIt": [example("Example", "a"), example("Another example", "b")],
            "Gone": [example("x", "c")]
        }})
        .to_string();
        let codes = "# Failed.\nFAILEDOPERATION = 'FailedOperation'\n\n# Unknown here.\nOTHER = 'Other'\n";
        convert(&files("tccli-intl-en", &api, &examples, codes)).unwrap()
    }

    #[test]
    fn english_is_laid_over_by_wire_name_and_chinese_is_kept() {
        let mut spec = zh().spec;
        let before = spec.clone();
        let report = overlay(&mut spec, english(), "tccli-intl-en 1.0.0".into());

        let action = &spec.actions["DoIt"];
        assert_eq!((action.title.as_str(), action.docs.as_str()), ("做事", "做一件事。"));
        assert_eq!(action.title_en, "Do it");
        assert_eq!(
            action.docs_en, "Does `one` thing.",
            "HTML becomes Markdown like the Chinese"
        );
        assert!(spec.actions["OnlyZh"].title_en.is_empty());
        assert!(
            !spec.actions.contains_key("OnlyEn"),
            "the English definitions add nothing"
        );
        assert!(!spec.shapes.contains_key("OnlyEnRequest"));

        let request = &spec.shapes["DoItRequest"];
        assert_eq!(request.members.len(), 2, "members stay the Chinese definitions'");
        assert_eq!(
            (request.members[0].docs.as_str(), request.members[0].docs_en.as_str()),
            ("名称", "The name.")
        );
        assert!(request.members[1].docs_en.is_empty());
        assert_eq!(
            (spec.shapes["Item"].docs.as_str(), spec.shapes["Item"].docs_en.as_str()),
            ("条目", "An item.")
        );

        assert_eq!(spec.error_codes, before.error_codes);
        assert_eq!(spec.error_codes_en.len(), 1);
        assert_eq!(spec.error_codes_en["FailedOperation"], "Failed.");

        // The first English example equals the Chinese one: skipped; the second is appended.
        let examples = &action.examples;
        assert_eq!(examples.len(), 2);
        assert_eq!(examples[0], before.actions["DoIt"].examples[0]);
        assert_eq!(examples[1].title, "Another example");
        assert_eq!(examples[1].origin, Some(ExampleOrigin::Intl));
        assert_eq!(examples[1].input, Some(json!({"Name": "b"})));
        assert_eq!((report.examples_appended, report.examples_skipped), (1, 1));

        // Everything else is as it was.
        let mut stripped = spec.clone();
        for a in stripped.actions.values_mut() {
            a.title_en.clear();
            a.docs_en.clear();
            a.examples.retain(|e| e.origin.is_none());
        }
        for s in stripped.shapes.values_mut() {
            s.docs_en.clear();
            s.members.iter_mut().for_each(|m| m.docs_en.clear());
        }
        stripped.error_codes_en.clear();
        stripped.sources = before.sources.clone();
        assert_eq!(stripped, before);
        assert!(spec
            .sources
            .iter()
            .any(|s| s.location == "tccli-intl-en:tccli/services/x/v20200101/api.json"
                && s.kind == SourceKind::Definitions
                && s.package_version.as_deref() == Some("1.0.0")));
        assert!(spec
            .sources
            .iter()
            .any(|s| s.location == "tencentcloud-sdk-python-intl-en:tencentcloud/x/v20200101/errorcodes.py"));
    }

    #[test]
    fn coverage_and_one_sided_items_are_reported() {
        let mut spec = zh().spec;
        let report = overlay(&mut spec, english(), "tccli-intl-en 1.0.0".into());
        assert_eq!(
            (report.actions.with, report.actions.total),
            (1, 2),
            "DoIt of DoIt and OnlyZh"
        );
        assert_eq!(report.actions_without_english, ["OnlyZh"]);
        assert_eq!(report.actions_only_in_english, ["OnlyEn"]);
        assert_eq!(report.shapes_without_english, ["OnlyZhRequest", "OnlyZhResponse"]);
        assert_eq!(report.shapes_only_in_english, ["OnlyEnRequest", "OnlyEnResponse"]);
        assert_eq!(report.members_without_english["DoItRequest"], ["Zone"]);
        assert_eq!(report.members_only_in_english["DoItRequest"], ["Extra"]);
        // Shapes: DoItRequest/Response and Item (the requests' docs are empty on both sides).
        assert_eq!(
            (report.shapes.with, report.shapes.matched, report.shapes.total),
            (1, 3, 5)
        );
        // Members: Name, DoItResponse's two, Item.Id; not Zone, nor OnlyZhResponse's two.
        assert_eq!((report.members.with, report.members.total), (4, 7));
        assert_eq!((report.error_codes.with, report.error_codes.total), (1, 2));
        assert_eq!(report.error_codes_without_english, ["InternalError"]);
        assert_eq!(report.error_codes_only_in_english, ["Other"]);
        assert_eq!(report.notes, [Note::ExamplesForUnknownAction { action: "Gone".into() }]);

        let text = report.to_string();
        assert!(text.starts_with("## English docs from tccli-intl-en 1.0.0: x 2020-01-01: English docs for 1/2 actions, 1/5 (3 matched by name) shapes, 4/7 members, 1/2 error codes;"), "{text}");
        for line in [
            "x 2020-01-01 action OnlyEn: only in the English definitions; not imported",
            "x 2020-01-01 action OnlyZh: not in the English definitions; Chinese docs only",
            "x 2020-01-01 shape DoItRequest: member(s) only in the English definitions, not imported: Extra",
            "x 2020-01-01 shape DoItRequest: member(s) not in the English definitions, Chinese docs only: Zone",
            "x 2020-01-01 error code InternalError: no English description; Chinese only",
            "x 2020-01-01 English definitions: action Gone: examples.json has examples but api.json no such action; not imported",
        ] {
            assert!(text.lines().any(|l| l == line), "{line:?} in\n{text}");
        }
    }

    #[test]
    fn overlaying_again_changes_nothing() {
        let mut once = zh().spec;
        overlay(&mut once, english(), String::new());
        let mut twice = once.clone();
        let report = overlay(&mut twice, english(), String::new());
        assert_eq!(twice, once);
        assert_eq!(report.examples_appended, 0);
    }

    #[test]
    fn a_version_without_english_lists_everything() {
        let spec = zh().spec;
        let report = absent(&spec, "nothing".into());
        assert_eq!((report.actions.with, report.actions.total), (0, 2));
        assert_eq!(report.actions_without_english.len(), 2);
        assert_eq!(report.error_codes_without_english.len(), 2);
    }
}
