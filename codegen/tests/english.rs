//! The checked-in specs' English docs reach the generated docs: every action, shape, member
//! and error code with English gets planned docs whose first paragraph (rustdoc's summary
//! line) is the English, with the Chinese still there after it. Prints the English coverage
//! of each version (`cargo test -p tencentcloud-codegen --test english -- --nocapture`).

use std::path::Path;

use tencentcloud_codegen::docs::Docs;
use tencentcloud_codegen::spec::load_spec;
use tencentcloud_codegen::{Plan, SpecFile};

const SPECS: [&str; 3] = [
    "dts/2021-12-06.json",
    "wedata/2021-08-20.json",
    "wedata/2025-08-06.json",
];

/// Checks one item's planned docs against its English and Chinese text; `what` names it.
fn check(what: &str, docs: &Docs, en: &str, zh: &str) {
    let paragraphs = docs.paragraphs();
    assert_eq!(
        paragraphs.first().map(String::as_str),
        Some(en),
        "{what}: the first paragraph is not the English"
    );
    if !zh.trim().is_empty() {
        // Once: after the English, or as the English where both say the same.
        let count = paragraphs.iter().filter(|p| p.trim() == zh.trim()).count();
        assert_eq!(count, 1, "{what}: the Chinese is not there once: {paragraphs:?}");
    }
}

#[test]
fn english_docs_come_first_and_chinese_stays() {
    let mut english_seen = 0;
    for relative in SPECS {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../api-specs")
            .join(relative);
        let file = SpecFile {
            spec: load_spec(&path).unwrap_or_else(|e| panic!("{e}")),
            path: format!("api-specs/{relative}"),
        };
        let spec = &file.spec;
        let plan = Plan::new(&file).unwrap();
        let at = format!("{} {}", spec.service, spec.version);

        let mut actions = 0;
        for (wire, action) in &spec.actions {
            let docs = &plan.actions[wire].docs;
            let (en, zh) = match (action.title_en.is_empty(), action.docs_en.is_empty()) {
                (true, true) => {
                    if !action.title.is_empty() {
                        assert_eq!(docs.paragraphs()[0], action.title, "{at} action {wire}: Chinese alone");
                    }
                    continue;
                }
                (false, _) => (&action.title_en, &action.title),
                (true, false) => (&action.docs_en, &action.docs),
            };
            actions += 1;
            check(&format!("{at} action {wire}"), docs, en, zh);
            if !action.docs.is_empty() && action.docs != action.title {
                assert!(
                    docs.paragraphs().contains(&action.docs),
                    "{at} action {wire}: the Chinese description is gone"
                );
            }
        }

        let (mut shapes, mut members, mut members_total) = (0, 0, 0);
        for (wire, shape) in &spec.shapes {
            let planned = &plan.shapes[wire];
            if !shape.docs_en.is_empty() {
                shapes += 1;
                check(
                    &format!("{at} shape {wire}"),
                    &planned.docs,
                    &shape.docs_en,
                    &shape.docs,
                );
            } else if !shape.docs.is_empty() {
                assert_eq!(
                    planned.docs.paragraphs()[0],
                    shape.docs,
                    "{at} shape {wire}: Chinese alone"
                );
            }
            for member in &shape.members {
                members_total += 1;
                let field = planned.fields.iter().find(|f| f.wire == member.name).unwrap();
                let what = format!("{at} shape {wire} member {}", member.name);
                if !member.docs_en.is_empty() {
                    members += 1;
                    check(&what, &field.docs, &member.docs_en, &member.docs);
                } else if !member.docs.is_empty() {
                    assert_eq!(field.docs.paragraphs()[0], member.docs, "{what}: Chinese alone");
                }
            }
        }

        for (code, zh) in &spec.error_codes {
            let docs = &plan.error_codes[code].docs;
            match spec.error_codes_en.get(code) {
                Some(en) => check(&format!("{at} error code {code}"), docs, en, zh),
                None if !zh.is_empty() => assert_eq!(&docs.paragraphs()[0], zh, "{at} error code {code}"),
                None => {}
            }
        }

        // The `# Errors` list of each action: English, then the Chinese, on one line.
        for (wire, action) in &spec.actions {
            let docs = plan.actions[wire].docs.paragraphs();
            for code in &action.errors {
                let (Some(en), Some(zh)) = (spec.error_codes_en.get(code), spec.error_codes.get(code)) else {
                    continue;
                };
                let line = format!("- `{code}`: {}", Docs::bilingual_inline(en, zh));
                assert!(
                    docs.iter().any(|p| p.lines().any(|l| l == line)),
                    "{at} action {wire}: no {line:?} in {docs:?}"
                );
                if en.trim() != zh.trim() {
                    assert!(line.find(en.trim()) < line.find(zh.trim()), "{line}");
                }
            }
        }

        println!(
            "{at}: English docs for {actions}/{} actions, {shapes}/{} shapes, {members}/{members_total} members, {}/{} error codes",
            spec.actions.len(),
            spec.shapes.len(),
            spec.error_codes_en.len(),
            spec.error_codes.len(),
        );
        assert!(actions > 0 && shapes > 0 && members > 0, "{at}: no English docs at all");
        english_seen += actions;
    }
    assert!(english_seen > 0);
}
