//! Random specs that go where real ones rarely do: names that meet keywords, the prelude and
//! each other; deep and recursive types; docs with fences, HTML, links, control and bidi
//! characters; value sets with odd values; waiters. Each spec is a function of its seed.

use std::collections::{BTreeMap, BTreeSet};

use tencentcloud_codegen::spec::{
    Action, Confidence, EnumValue, Member, Shape, Spec, Type, Usage, ValueKind, ValueSet, WaiterSpec,
};

use crate::rng::Rng;

/// Wire names chosen to collide after conversion, meet keywords and prelude names, or carry
/// acronyms and digits.
const NAMES: &[&str] = &[
    "Type",
    "Self",
    "Result",
    "Option",
    "Default",
    "Into",
    "Some",
    "None",
    "Box",
    "Vec",
    "String",
    "Error",
    "Client",
    "ErrorCode",
    "ResponseFuture",
    "Unknown",
    "TaskID",
    "TaskId",
    "TASKID",
    "URLs",
    "IPv6Address",
    "DBName",
    "Async",
    "Await",
    "Fn",
    "Match",
    "Clone",
    "New",
    "Runtime",
    "Fmt",
    "Value",
    "Values",
    "A",
    "AB",
    "X1",
    "3DModel",
    "Data",
    "Items",
    "TotalCount",
    "Offset",
    "Limit",
    "PageNumber",
    "PageSize",
    "Status",
    "RequestId",
    "RequestID",
    "Password",
    "Token",
    "NextToken",
    "KeyTab",
    "Crate",
    "Super",
    "Static",
    "Union",
    "Dyn",
    "Try",
    "Gen",
];

/// Doc texts that have broken rustdoc or rustc, or would inject markup.
const DOCS: &[&str] = &[
    "plain text",
    "```\nfn main() { not rust }\n```",
    "```rust\nlet x = ;\n```",
    "````\nunclosed fence",
    "a \u{202e}bidi\u{202c} override and \u{2066}isolate\u{2069}",
    "lone\rCR and \u{0} NUL \u{7} BEL",
    "<script>alert(1)</script> <b>bold</b> <!-- c -->",
    "[link](javascript:alert(1)) [broken link] [1,100]",
    "    indented code\n    block",
    "# Heading\n## Sub",
    "`unclosed code span <T>",
    "tab\tseparated\tcells | a | b |",
    "https://cloud.tencent.com/document/api. bare URL",
    "取值：running-运行中；stopped-已停止",
    "",
];

const VALUES: &[&str] = &[
    "running",
    "RUNNING",
    "Running",
    "",
    "a b",
    "TCHouse-P",
    "CDW_PG",
    "是",
    "否",
    "1",
    "unknown",
    "Unknown",
    "None",
    "self",
    "\u{202e}x",
];

pub fn random_spec(rng: &mut Rng) -> Spec {
    let mut spec = Spec {
        service: (*rng.pick(&["fuzz", "as", "type", "self", "x9"])).to_owned(),
        version: "2020-01-01".to_owned(),
        ..Spec::default()
    };
    let shape_count = rng.range(1, 8);
    let shape_names: Vec<String> = (0..shape_count).map(|i| shape_name(rng, i)).collect();
    for name in &shape_names {
        let usage = *rng.pick(&[Usage::Input, Usage::Output, Usage::Both]);
        let members = members(rng, &shape_names);
        spec.shapes.insert(
            name.clone(),
            Shape {
                docs: doc(rng),
                docs_en: String::new(),
                usage,
                members,
                provenance: vec![],
            },
        );
    }
    value_sets(rng, &mut spec);
    actions(rng, &mut spec, &shape_names);
    for _ in 0..rng.below(4) {
        let code = format!("{}.{}", rng.pick(NAMES), rng.pick(NAMES));
        spec.error_codes.insert(code, doc(rng));
    }
    if rng.one_in(3) {
        spec.error_codes.insert("Unknown".into(), String::new());
    }
    waiters(rng, &mut spec);
    spec
}

fn shape_name(rng: &mut Rng, index: usize) -> String {
    if rng.one_in(2) {
        (*rng.pick(NAMES)).to_owned()
    } else {
        format!("{}{index}", rng.pick(NAMES))
    }
}

fn doc(rng: &mut Rng) -> String {
    (0..rng.range(0, 2))
        .map(|_| *rng.pick(DOCS))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn members(rng: &mut Rng, shapes: &[String]) -> Vec<Member> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for _ in 0..rng.range(0, 7) {
        let name = (*rng.pick(NAMES)).to_owned();
        if !seen.insert(name.clone()) {
            continue;
        }
        out.push(Member {
            name,
            ty: member_type(rng, shapes, 0),
            required: rng.one_in(2),
            nullable: rng.one_in(3),
            deprecated: rng.one_in(8),
            value_set: None,
            secret: rng.one_in(6),
            docs: doc(rng),
            docs_en: String::new(),
            example: rng
                .one_in(3)
                .then(|| (*rng.pick(&["`x`", "a``b", "2023-12-18 20:55:27", ""])).to_owned()),
        });
    }
    out
}

fn member_type(rng: &mut Rng, shapes: &[String], depth: usize) -> Type {
    match rng.below(12) {
        0 => Type::Int64,
        1 => Type::Uint64,
        2 => Type::Float,
        3 => Type::Bool,
        4 => Type::Json,
        5 => Type::Datetime,
        6 => Type::Date,
        7 | 8 if depth < 2 => Type::List(Box::new(member_type(rng, shapes, depth + 1))),
        9 | 10 => Type::Object(rng.pick(shapes).clone()),
        _ => Type::String,
    }
}

/// Sets on some text and integer members, with their kind matching the member's type.
fn value_sets(rng: &mut Rng, spec: &mut Spec) {
    let mut sets = BTreeMap::new();
    for (shape_name, shape) in spec.shapes.iter_mut() {
        for member in &mut shape.members {
            let scalar = match &member.ty {
                Type::List(item) => (**item).clone(),
                ty => ty.clone(),
            };
            let kind = match scalar {
                Type::String => ValueKind::String,
                Type::Int64 | Type::Uint64 => ValueKind::Integer,
                _ => continue,
            };
            if !rng.one_in(2) {
                continue;
            }
            let mut values = Vec::new();
            let mut seen = BTreeSet::new();
            for _ in 0..rng.range(1, 5) {
                let value = match kind {
                    ValueKind::String => (*rng.pick(VALUES)).to_owned(),
                    ValueKind::Integer => (rng.below(7) as i64 - 3).to_string(),
                };
                if seen.insert(value.clone()) {
                    values.push(EnumValue { value, docs: doc(rng) });
                }
            }
            let name = format!("{}Set{}", rng.pick(NAMES), sets.len());
            member.value_set = Some(name.clone());
            sets.insert(
                name,
                ValueSet {
                    kind,
                    values,
                    confidence: *rng.pick(&[Confidence::High, Confidence::Medium, Confidence::Low]),
                    pattern: doc(rng),
                    members: vec![format!("{shape_name}.{}", member.name)],
                },
            );
        }
    }
    spec.value_sets = sets;
}

fn actions(rng: &mut Rng, spec: &mut Spec, shapes: &[String]) {
    for _ in 0..rng.range(0, 3) {
        let name = format!(
            "{}{}",
            rng.pick(&["Describe", "Create", "Get", "List", "New", "Clone"]),
            rng.pick(NAMES)
        );
        spec.actions.insert(
            name,
            Action {
                title: doc(rng),
                title_en: String::new(),
                docs: doc(rng),
                docs_en: String::new(),
                rate_limit: rng.one_in(2).then(|| rng.range(0, 100) as u32),
                input: rng.pick(shapes).clone(),
                output: rng.pick(shapes).clone(),
                errors: vec![],
                examples: vec![],
                deprecated: rng.one_in(6),
                read_only: rng.one_in(2),
                skip_sign: false,
                provenance: vec![],
            },
        );
    }
}

/// A waiter on a text member of an action's response, sometimes naming states the member's
/// value set does not list (which the generator must reject cleanly).
fn waiters(rng: &mut Rng, spec: &mut Spec) {
    let Some((action_name, action)) = spec.actions.iter().next() else {
        return;
    };
    let Some(output) = spec.shapes.get(&action.output) else {
        return;
    };
    let Some(member) = output.members.iter().find(|m| m.ty == Type::String) else {
        return;
    };
    let waiter = WaiterSpec {
        action: action_name.clone(),
        docs: doc(rng),
        path: member.name.clone(),
        success: vec![(*rng.pick(VALUES)).to_owned()],
        failure: vec![],
    };
    spec.waiters.insert(format!("{}Ready", rng.pick(NAMES)), waiter);
}
