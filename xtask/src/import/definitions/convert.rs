//! One service version's definitions (`api.json`, `examples.json`, `errorcodes.py`) to a spec.
//!
//! Rules, in the order a reviewer would ask about them:
//! - Action: key = name, `name` = title, `document` = docs, `status: deprecated` = deprecated,
//!   `skip_sign: true` = `skip_sign`. No `status` is `online` (as tccli's loader reads it);
//!   `status: offline` leaves the action out, with the shapes only it reached (noted).
//! - Shape usage: an action's input is `input`, its output `output`; any other object by its
//!   `usage` (`in`/`out`/`both`), widened (with a note) if an action reaches it the other way.
//! - `required`: input shapes read `required`, output shapes `output_required`, `both` shapes
//!   need both. A missing flag is "not required" (noted), except `RequestId` in responses. A
//!   flag written `0`/`1` instead of a boolean is read as `false`/`true` (noted).
//! - `nullable` = `value_allowed_null`; `deprecated` = `disabled` (kept, noted).
//! - Member examples: `""` and `无` ("none") are no example.
//! - Docs become Markdown here: HTML is converted, tag-free text is plain text.

use std::collections::BTreeMap;

use tencentcloud_codegen::spec::{validate, Action, Member, Provenance, Shape, Source, SourceKind, Spec, Type, Usage};

use tencentcloud_codegen::docs::{html_to_markdown, plain_to_markdown};

use super::error::DefinitionsError;
use super::examples;
use super::member_type::member_type;
use super::note::Note;
use super::raw::{parse_json, ApiJson, Flag, RawAction, RawMember, RawObject};
use super::{error_codes, PackageFile};
use crate::import::markdown::convert_docs;

/// The definition files of one service version.
#[derive(Clone, Copy, Debug)]
pub struct DefinitionFiles<'a> {
    pub service: &'a str,
    /// `YYYY-MM-DD`.
    pub version: &'a str,
    pub api: PackageFile<'a>,
    pub examples: PackageFile<'a>,
    pub error_codes: PackageFile<'a>,
}

/// The spec of the definitions, and what the conversion decided.
#[derive(Debug, PartialEq)]
pub struct Conversion {
    pub spec: Spec,
    pub notes: Vec<Note>,
}

pub fn convert(files: &DefinitionFiles) -> Result<Conversion, DefinitionsError> {
    let api_file = files.api.path;
    let api: ApiJson = parse_json(api_file, files.api.text)?;
    let err = |field: &str, message: String| DefinitionsError::new(api_file, field, message);
    let metadata = &api.metadata;
    if metadata.service_short_name != files.service {
        let message = format!("is `{}`, expected `{}`", metadata.service_short_name, files.service);
        return Err(err("metadata.serviceShortName", message));
    }
    if metadata.api_version != files.version {
        let message = format!("is `{}`, expected `{}`", metadata.api_version, files.version);
        return Err(err("metadata.apiVersion", message));
    }
    let mut notes = Vec::new();
    let roles = action_roles(api_file, &api)?;
    let mut actions = BTreeMap::new();
    let mut offline = BTreeMap::new();
    let mut without_status = Vec::new();
    for (name, raw) in &api.actions {
        let (action, status) = convert_action(api_file, name, raw, &mut notes)?;
        match status {
            Status::Online => {}
            Status::Missing => without_status.push(name.clone()),
            Status::Offline => {
                offline.insert(name.clone(), action);
                continue;
            }
        }
        actions.insert(name.clone(), action);
    }
    if !without_status.is_empty() {
        notes.push(Note::NoStatus {
            actions: without_status,
        });
    }
    let mut shapes = BTreeMap::new();
    let mut request_ids_assumed = Vec::new();
    for (name, raw) in &api.objects {
        let role = roles.get(name.as_str()).copied();
        let (shape, request_id_assumed) = convert_shape(api_file, &api, name, raw, role, &mut notes)?;
        if request_id_assumed {
            request_ids_assumed.push(name.clone());
        }
        shapes.insert(name.clone(), shape);
    }
    leave_out_offline(&actions, &offline, &mut shapes, &mut notes);
    request_ids_assumed.retain(|shape| shapes.contains_key(shape));
    if !request_ids_assumed.is_empty() {
        notes.push(Note::RequestIdRequired {
            shapes: request_ids_assumed.len(),
        });
    }
    widen_usages(&actions, &mut shapes, &mut notes);

    let is_action = |a: &str| actions.contains_key(a) || offline.contains_key(a);
    let examples = examples::parse(files.examples.path, files.examples.text, is_action)?;
    notes.extend(examples.notes);
    // What was noted about the left-out items goes with them (the notes that leave them out stay).
    notes.retain(|note| {
        note.action()
            .is_none_or(|a| !offline.contains_key(a) || matches!(note, Note::OfflineAction { .. }))
            && note.shape().is_none_or(|s| shapes.contains_key(s))
    });
    for (name, list) in examples.by_action {
        if let Some(action) = actions.get_mut(&name) {
            action.examples = list;
            let provenance = definitions_provenance(files.examples.path, format!("actions.{name}"));
            action.provenance.push(provenance);
        }
    }
    let codes = error_codes::parse(files.error_codes.path, files.error_codes.text)?;
    notes.extend(codes.notes);

    let mut sources: Vec<Source> = [files.api, files.examples, files.error_codes]
        .iter()
        .map(PackageFile::source)
        .collect();
    sources.sort();
    sources.dedup();
    let mut spec = Spec {
        service: files.service.to_owned(),
        version: files.version.to_owned(),
        domains: examples.domains.into_iter().collect(),
        sources,
        actions,
        shapes,
        error_codes: codes.codes,
        error_codes_en: Default::default(),
        value_sets: Default::default(),
        waiters: Default::default(),
        overrides: Default::default(),
    };
    convert_docs(&mut spec, definition_docs, plain_to_markdown);
    validate(&spec).map_err(|(field, message)| err(&field, message))?;
    notes.sort();
    Ok(Conversion { spec, notes })
}

/// Request and response structures by the role the actions give them.
fn action_roles<'a>(file: &str, api: &'a ApiJson) -> Result<BTreeMap<&'a str, Usage>, DefinitionsError> {
    let mut roles: BTreeMap<&str, Usage> = BTreeMap::new();
    for (name, action) in &api.actions {
        for (field, shape, role) in [
            ("input", &action.input, Usage::Input),
            ("output", &action.output, Usage::Output),
        ] {
            let at = format!("actions.{name}.{field}");
            if !api.objects.contains_key(shape) {
                return Err(DefinitionsError::new(
                    file,
                    at,
                    format!("object `{shape}` is not defined"),
                ));
            }
            if let Some(other) = roles.insert(shape, role).filter(|r| *r != role) {
                let message = format!("object `{shape}` is both an action's {other:?} and an action's {role:?}");
                return Err(DefinitionsError::new(file, at, message));
            }
        }
    }
    Ok(roles)
}

/// What an action's `status` means for the import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    /// `online` or `deprecated`: imported.
    Online,
    /// No `status`: imported as `online`, as tccli's loader reads it (`get("status", "online")`).
    Missing,
    /// `offline`: no longer served; left out.
    Offline,
}

fn convert_action(
    file: &str,
    name: &str,
    raw: &RawAction,
    notes: &mut Vec<Note>,
) -> Result<(Action, Status), DefinitionsError> {
    let (deprecated, status) = match raw.status.as_deref() {
        Some("online") => (false, Status::Online),
        None => (false, Status::Missing),
        Some("deprecated") => {
            notes.push(Note::DeprecatedAction {
                action: name.to_owned(),
            });
            (true, Status::Online)
        }
        Some("offline") => {
            notes.push(Note::OfflineAction {
                action: name.to_owned(),
            });
            (false, Status::Offline)
        }
        Some(other) => {
            let message = format!("unknown status `{other}` (known: online, deprecated, offline)");
            return Err(DefinitionsError::new(file, format!("actions.{name}.status"), message));
        }
    };
    let skip_sign = raw.skip_sign.unwrap_or(false);
    if skip_sign {
        notes.push(Note::SkipSign {
            action: name.to_owned(),
        });
    }
    let action = Action {
        title: raw.name.clone(),
        title_en: String::new(),
        docs: raw.document.clone(),
        docs_en: String::new(),
        rate_limit: None,
        input: raw.input.clone(),
        output: raw.output.clone(),
        errors: Vec::new(),
        examples: Vec::new(),
        deprecated,
        read_only: false,
        skip_sign,
        provenance: vec![definitions_provenance(file, format!("actions.{name}"))],
    };
    Ok((action, status))
}

/// One object; `role` is its usage if it is an action's request or response. Also tells
/// whether a response's `RequestId` was taken as required without a flag.
fn convert_shape(
    file: &str,
    api: &ApiJson,
    name: &str,
    raw: &RawObject,
    role: Option<Usage>,
    notes: &mut Vec<Note>,
) -> Result<(Shape, bool), DefinitionsError> {
    let at = format!("objects.{name}");
    if !matches!(name.parse::<Type>(), Ok(Type::Object(_))) {
        return Err(DefinitionsError::new(
            file,
            at,
            format!("`{name}` is not a valid shape name"),
        ));
    }
    let usage = match (role, raw.usage.as_deref()) {
        (Some(role), declared) => {
            if let Some(declared) = declared {
                notes.push(Note::UsageOnActionShape {
                    shape: name.to_owned(),
                    declared: declared.to_owned(),
                    role,
                });
            }
            role
        }
        (None, Some("in")) => Usage::Input,
        (None, Some("out")) => Usage::Output,
        (None, Some("both")) => Usage::Both,
        (None, Some(other)) => {
            let message = format!("unknown usage `{other}` (known: in, out, both)");
            return Err(DefinitionsError::new(file, format!("{at}.usage"), message));
        }
        (None, None) => {
            let message = "missing, and no action uses the object";
            return Err(DefinitionsError::new(file, format!("{at}.usage"), message));
        }
    };
    let mut request_id_assumed = false;
    let mut missing: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut members = Vec::with_capacity(raw.members.len());
    for (i, m) in raw.members.iter().enumerate() {
        let ty = member_type(&m.kind, &m.member, |o| api.objects.contains_key(o))
            .map_err(|message| DefinitionsError::new(file, format!("{at}.members[{i}]"), message))?;
        for (flag, value) in [
            ("required", m.required),
            ("output_required", m.output_required),
            ("value_allowed_null", m.value_allowed_null),
            ("disabled", m.disabled),
        ] {
            if let Some(Flag::Integer(value)) = value {
                notes.push(Note::IntegerFlag {
                    shape: name.to_owned(),
                    member: m.name.clone(),
                    flag,
                    value,
                });
            }
        }
        let required = match required(usage, m) {
            Ok(required) => required,
            Err(_) if role == Some(Usage::Output) && m.name == "RequestId" => {
                request_id_assumed = true;
                true
            }
            Err(flags) => {
                for flag in flags {
                    missing.entry(flag).or_default().push(m.name.clone());
                }
                false
            }
        };
        let deprecated = m.disabled.is_some_and(Flag::value);
        if deprecated {
            notes.push(Note::DisabledMember {
                shape: name.to_owned(),
                member: m.name.clone(),
            });
        }
        members.push(Member {
            name: m.name.clone(),
            ty,
            required,
            nullable: m.value_allowed_null.is_some_and(Flag::value),
            deprecated,
            value_set: None,
            secret: false,
            docs: m.document.clone(),
            docs_en: String::new(),
            example: m.example.clone().filter(|e| !e.trim().is_empty() && e.trim() != "无"),
        });
    }
    for (flag, members) in missing {
        notes.push(Note::MissingRequiredFlag {
            shape: name.to_owned(),
            usage,
            flag,
            members,
        });
    }
    let shape = Shape {
        docs: raw.document.clone(),
        docs_en: String::new(),
        usage,
        members,
        provenance: vec![definitions_provenance(file, at)],
    };
    Ok((shape, request_id_assumed))
}

/// `required` by the shape's usage, or the flags that are missing.
fn required(usage: Usage, m: &RawMember) -> Result<bool, Vec<&'static str>> {
    let input = m.required.map(Flag::value).ok_or("required");
    let output = m.output_required.map(Flag::value).ok_or("output_required");
    match usage {
        Usage::Input => input.map_err(|f| vec![f]),
        Usage::Output => output.map_err(|f| vec![f]),
        Usage::Both => match (input, output) {
            (Ok(i), Ok(o)) => Ok(i && o),
            (i, o) => Err([i.err(), o.err()].into_iter().flatten().collect()),
        },
    }
}

/// Removes the shapes that only offline actions reach (their requests, responses and what
/// only those use), with a note; shapes no action reached before stay (noted as unused).
fn leave_out_offline(
    actions: &BTreeMap<String, Action>,
    offline: &BTreeMap<String, Action>,
    shapes: &mut BTreeMap<String, Shape>,
    notes: &mut Vec<Note>,
) {
    if offline.is_empty() {
        return;
    }
    let probe = Spec {
        shapes: shapes.clone(),
        ..Spec::default()
    };
    let roots = |list: &BTreeMap<String, Action>| -> Vec<String> {
        list.values()
            .flat_map(|a| [a.input.clone(), a.output.clone()])
            .collect()
    };
    let kept_roots = roots(actions);
    let kept = probe.shapes_reachable_from(kept_roots.iter().map(String::as_str));
    let offline_roots = roots(offline);
    let gone: Vec<String> = probe
        .shapes_reachable_from(offline_roots.iter().map(String::as_str))
        .into_iter()
        .filter(|shape| !kept.contains(shape))
        .map(str::to_owned)
        .collect();
    for shape in &gone {
        shapes.remove(shape);
    }
    if !gone.is_empty() {
        notes.push(Note::ShapesOfOfflineActions { shapes: gone });
    }
}

/// Widens each shape's usage to the directions actions reach it from, so that the generator
/// emits the (de)serialization a request or response needs. Shapes no action reaches are noted.
fn widen_usages(actions: &BTreeMap<String, Action>, shapes: &mut BTreeMap<String, Shape>, notes: &mut Vec<Note>) {
    let probe = Spec {
        shapes: shapes.clone(),
        ..Spec::default()
    };
    let sent = probe.shapes_reachable_from(actions.values().map(|a| a.input.as_str()));
    let received = probe.shapes_reachable_from(actions.values().map(|a| a.output.as_str()));
    for (name, shape) in shapes.iter_mut() {
        let used = match (sent.contains(name.as_str()), received.contains(name.as_str())) {
            (true, true) => Usage::Both,
            (true, false) => Usage::Input,
            (false, true) => Usage::Output,
            (false, false) => {
                notes.push(Note::UnusedShape { shape: name.clone() });
                continue;
            }
        };
        let widened = shape.usage.merge(used);
        if widened != shape.usage {
            notes.push(Note::UsageWidened {
                shape: name.clone(),
                declared: shape.usage,
                used: widened,
            });
            shape.usage = widened;
        }
    }
}

/// api.json and examples.json write HTML (`<p>`, `<ul><li>`, `<a href>`, `<code>`), except in
/// docs without any tag, which are plain text whose line breaks matter; errorcodes.py comments
/// are plain text.
fn definition_docs(text: &str) -> String {
    const TAGS: [&str; 9] = [
        "<p>",
        "<p ",
        "</p>",
        "<br",
        "</li>",
        "</a>",
        "</code>",
        "</pre>",
        "</strong>",
    ];
    if TAGS.iter().any(|tag| text.contains(tag)) {
        html_to_markdown(text)
    } else {
        plain_to_markdown(text)
    }
}

fn definitions_provenance(file: &str, detail: String) -> Provenance {
    Provenance {
        kind: SourceKind::Definitions,
        file: file.to_owned(),
        line: None,
        detail: Some(detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn files<'a>(api: &'a str, examples: &'a str, codes: &'a str) -> DefinitionFiles<'a> {
        let file = |path, package, text| PackageFile {
            package,
            package_version: "1.0.0",
            path,
            text,
        };
        DefinitionFiles {
            service: "x",
            version: "2020-01-01",
            api: file("tccli/services/x/v20200101/api.json", "tccli", api),
            examples: file("tccli/services/x/v20200101/examples.json", "tccli", examples),
            error_codes: file(
                "tencentcloud/x/v20200101/errorcodes.py",
                "tencentcloud-sdk-python-x",
                codes,
            ),
        }
    }

    fn member(name: &str, kind: &str, ty: &str, flags: serde_json::Value) -> serde_json::Value {
        let mut m = json!({"name": name, "type": kind, "member": ty, "document": format!("<p>{name}</p>"), "example": "无", "disabled": false});
        for (k, v) in flags.as_object().unwrap() {
            m[k] = v.clone();
        }
        m
    }

    fn api_text(objects: serde_json::Value) -> String {
        let mut objects = objects;
        objects["DoItRequest"] = json!({"document": "req", "type": "object", "members": [
            member("Id", "string", "string", json!({"required": true, "example": "x-1"})),
            member("Count", "int", "uint64", json!({"required": false})),
            member("Old", "string", "string", json!({"required": false, "disabled": true})),
            member("Filters", "list", "Filter", json!({"required": false})),
        ]});
        objects["DoItResponse"] = json!({"document": "resp", "type": "object", "members": [
            member("Items", "list", "Item", json!({"output_required": true, "value_allowed_null": false})),
            member("Total", "int", "int64", json!({"output_required": false, "value_allowed_null": true})),
            {"name": "RequestId", "type": "string", "member": "string", "document": "唯一请求 ID"},
        ]});
        json!({
            "version": "1.0",
            "metadata": {"apiVersion": "2020-01-01", "serviceShortName": "x", "api_brief": ""},
            "actions": {
                "DoIt": {"name": "做事", "document": "<p>做一件事</p>", "input": "DoItRequest", "output": "DoItResponse", "status": "online"},
                "Old": {"name": "旧", "document": "废弃", "input": "DoItRequest", "output": "DoItResponse", "status": "deprecated"}
            },
            "objects": objects
        })
        .to_string()
    }

    fn nested() -> serde_json::Value {
        json!({
            "Filter": {"document": "f", "usage": "in", "members": [
                member("Name", "string", "string", json!({"required": true})),
                member("Values", "list", "string", json!({"required": false, "value_allowed_null": false})),
            ]},
            "Item": {"document": "i", "usage": "both", "members": [
                member("Both", "string", "string", json!({"required": true, "output_required": true, "value_allowed_null": false})),
                member("InOnly", "string", "string", json!({"required": true, "output_required": false, "value_allowed_null": true})),
                member("NoOut", "string", "datetime_iso", json!({"required": true, "value_allowed_null": false})),
                member("Sub", "object", "Sub", json!({"required": false, "output_required": true, "value_allowed_null": true})),
            ]},
            "Sub": {"document": "s", "usage": "out", "members": [
                member("Flag", "bool", "bool", json!({"output_required": true, "value_allowed_null": false})),
                member("OnlyIn", "float", "float", json!({"required": true, "value_allowed_null": false})),
            ]}
        })
    }

    const EXAMPLES: &str = r#"{"version": "1.0", "actions": {"DoIt": [{"title": "t", "document": "", "input": "POST / HTTP/1.1\nHost: x.tencentcloudapi.com\n\n{\"Id\": \"x-1\"}", "output": "{\"Response\": {\"RequestId\": \"r\"}}"}]}}"#;
    const CODES: &str = "# 失败。\nFAILEDOPERATION = 'FailedOperation'\n";

    fn convert_ok() -> Conversion {
        let api = api_text(nested());
        convert(&files(&api, EXAMPLES, CODES)).unwrap()
    }

    fn member_of<'a>(spec: &'a Spec, shape: &str, name: &str) -> &'a Member {
        spec.shapes[shape].members.iter().find(|m| m.name == name).unwrap()
    }

    #[test]
    fn actions_titles_docs_and_deprecation() {
        let Conversion { spec, notes } = convert_ok();
        let action = &spec.actions["DoIt"];
        assert_eq!(action.title, "做事");
        assert_eq!(action.docs, "做一件事", "HTML becomes Markdown");
        assert!(!action.deprecated);
        assert!(spec.actions["Old"].deprecated);
        assert!(notes.contains(&Note::DeprecatedAction { action: "Old".into() }));
        assert_eq!(action.provenance.len(), 2, "api.json and examples.json");
        assert_eq!(action.examples[0].input, Some(json!({"Id": "x-1"})));
        assert_eq!(spec.domains, ["x.tencentcloudapi.com"]);
        assert_eq!(spec.error_codes["FailedOperation"], "失败。");
        assert_eq!(spec.sources.len(), 3);
        assert!(spec.sources.iter().all(|s| s.kind == SourceKind::Definitions));
    }

    #[test]
    fn types_and_input_rules() {
        let Conversion { spec, notes } = convert_ok();
        let req = &spec.shapes["DoItRequest"];
        assert_eq!(req.usage, Usage::Input);
        let id = member_of(&spec, "DoItRequest", "Id");
        assert!(id.required && !id.nullable && !id.deprecated);
        assert_eq!(id.example.as_deref(), Some("x-1"));
        assert_eq!(id.docs, "Id", "HTML becomes Markdown");
        assert_eq!(member_of(&spec, "DoItRequest", "Count").ty, Type::Uint64);
        assert_eq!(
            member_of(&spec, "DoItRequest", "Count").example,
            None,
            "`无` is no example"
        );
        assert_eq!(
            member_of(&spec, "DoItRequest", "Filters").ty.to_string(),
            "list<Filter>"
        );
        let old = member_of(&spec, "DoItRequest", "Old");
        assert!(old.deprecated, "disabled members are kept as deprecated");
        assert!(notes.contains(&Note::DisabledMember {
            shape: "DoItRequest".into(),
            member: "Old".into()
        }));
        assert_eq!(spec.shapes["Filter"].usage, Usage::Input);
        assert!(member_of(&spec, "Filter", "Name").required);
    }

    #[test]
    fn output_rules_and_request_id() {
        let Conversion { spec, notes } = convert_ok();
        assert_eq!(spec.shapes["DoItResponse"].usage, Usage::Output);
        let items = member_of(&spec, "DoItResponse", "Items");
        assert!(items.required && !items.nullable);
        let total = member_of(&spec, "DoItResponse", "Total");
        assert!(!total.required && total.nullable);
        assert!(member_of(&spec, "DoItResponse", "RequestId").required);
        assert!(notes.contains(&Note::RequestIdRequired { shapes: 1 }));
        // An output-only shape reads `output_required`; a member with only `required` is not.
        assert!(member_of(&spec, "Sub", "Flag").required);
        assert!(!member_of(&spec, "Sub", "OnlyIn").required);
        assert!(notes.contains(&Note::MissingRequiredFlag {
            shape: "Sub".into(),
            usage: Usage::Output,
            flag: "output_required",
            members: vec!["OnlyIn".into()],
        }));
    }

    #[test]
    fn both_needs_both_flags_and_usage_is_widened() {
        let Conversion { spec, notes } = convert_ok();
        assert!(member_of(&spec, "Item", "Both").required);
        assert!(!member_of(&spec, "Item", "InOnly").required);
        assert!(member_of(&spec, "Item", "InOnly").nullable);
        assert!(!member_of(&spec, "Item", "NoOut").required);
        assert_eq!(member_of(&spec, "Item", "NoOut").ty, Type::DatetimeIso);
        assert!(notes.contains(&Note::MissingRequiredFlag {
            shape: "Item".into(),
            usage: Usage::Both,
            flag: "output_required",
            members: vec!["NoOut".into()],
        }));
        // `Item` is `both` but only received: kept `both`. `Sub` is `out` and only received.
        assert_eq!(spec.shapes["Item"].usage, Usage::Both);
        assert_eq!(spec.shapes["Sub"].usage, Usage::Output);
        assert!(!notes.iter().any(|n| matches!(n, Note::UsageWidened { .. })));
    }

    #[test]
    fn narrow_usage_is_widened_with_a_note() {
        let mut objects = nested();
        objects["Filter"]["usage"] = json!("out");
        let api = api_text(objects);
        let Conversion { spec, notes } = convert(&files(&api, EXAMPLES, CODES)).unwrap();
        assert_eq!(spec.shapes["Filter"].usage, Usage::Both);
        assert!(notes.contains(&Note::UsageWidened {
            shape: "Filter".into(),
            declared: Usage::Output,
            used: Usage::Both
        }));
    }

    #[test]
    fn missing_status_is_online_offline_actions_are_left_out_and_skip_sign_is_kept() {
        let mut api: serde_json::Value = serde_json::from_str(&api_text(nested())).unwrap();
        api["actions"]["DoIt"].as_object_mut().unwrap().remove("status");
        api["actions"]["DoIt"]["skip_sign"] = json!(true);
        api["actions"]["Gone"] = json!({"name": "下线", "document": "", "input": "GoneRequest", "output": "GoneResponse", "status": "offline"});
        api["objects"]["GoneRequest"] = json!({"document": "", "type": "object", "members": [
            member("Thing", "object", "OnlyGone", json!({"required": false})),
            member("Filters", "list", "Filter", json!({"required": false})),
        ]});
        api["objects"]["GoneResponse"] = json!({"document": "", "type": "object", "members": [
            {"name": "RequestId", "type": "string", "member": "string", "document": "id"},
        ]});
        let mut no_flag = member("Y", "string", "string", json!({}));
        no_flag.as_object_mut().unwrap().remove("required");
        api["objects"]["OnlyGone"] = json!({"document": "", "usage": "in", "members": [
            member("X", "string", "string", json!({"required": true})),
            no_flag,
        ]});
        let examples = r#"{"version": "1.0", "actions": {"Gone": [{"title": "t", "document": "", "input": "https://x.tencentcloudapi.com/?Action=Gone", "output": "{\"Response\": {}}"}]}}"#;
        let Conversion { spec, notes } = convert(&files(&api.to_string(), examples, CODES)).unwrap();
        let action = &spec.actions["DoIt"];
        assert!(!action.deprecated && action.skip_sign);
        assert!(!spec.actions["Old"].skip_sign);
        assert!(!spec.actions.contains_key("Gone"));
        for gone in ["GoneRequest", "GoneResponse", "OnlyGone"] {
            assert!(!spec.shapes.contains_key(gone), "{gone}");
        }
        assert!(spec.shapes.contains_key("Filter"), "a kept action uses it too");
        for note in [
            Note::NoStatus {
                actions: vec!["DoIt".into()],
            },
            Note::SkipSign { action: "DoIt".into() },
            Note::OfflineAction { action: "Gone".into() },
            Note::ShapesOfOfflineActions {
                shapes: vec!["GoneRequest".into(), "GoneResponse".into(), "OnlyGone".into()],
            },
        ] {
            assert!(notes.contains(&note), "{note}: {notes:?}");
        }
        assert!(
            !notes.iter().any(|n| n.shape() == Some("OnlyGone")
                || matches!(
                    n,
                    Note::ExamplesForUnknownAction { .. } | Note::QueryStringExample { .. }
                )),
            "what is noted about left-out items goes with them: {notes:?}"
        );
        assert!(
            notes.contains(&Note::RequestIdRequired { shapes: 1 }),
            "GoneResponse's is not counted"
        );
    }

    #[test]
    fn flags_written_as_zero_or_one_are_read_with_a_note() {
        let mut objects = nested();
        objects["Filter"]["members"][0]["required"] = json!(1);
        objects["Filter"]["members"][1]["required"] = json!(0);
        let Conversion { spec, notes } = convert(&files(&api_text(objects), EXAMPLES, CODES)).unwrap();
        assert!(member_of(&spec, "Filter", "Name").required);
        assert!(!member_of(&spec, "Filter", "Values").required);
        assert!(notes.contains(&Note::IntegerFlag {
            shape: "Filter".into(),
            member: "Name".into(),
            flag: "required",
            value: 1
        }));
        assert_eq!(
            notes.iter().filter(|n| matches!(n, Note::IntegerFlag { .. })).count(),
            2
        );
        let mut objects = nested();
        objects["Filter"]["members"][0]["required"] = json!(2);
        let err = convert(&files(&api_text(objects), EXAMPLES, CODES)).unwrap_err();
        assert_eq!(err.field, "objects.Filter.members[0].required");
    }

    #[test]
    fn bad_input_names_file_and_field() {
        let mut objects = nested();
        objects["Sub"]["members"][0]["member"] = json!("Nope");
        let api = api_text(objects);
        let err = convert(&files(&api, EXAMPLES, CODES)).unwrap_err();
        assert_eq!(err.file, "tccli/services/x/v20200101/api.json");
        assert_eq!(err.field, "objects.Sub.members[0]");

        let mut objects = nested();
        objects["Sub"]["usage"] = json!("sideways");
        let api = api_text(objects);
        assert_eq!(
            convert(&files(&api, EXAMPLES, CODES)).unwrap_err().field,
            "objects.Sub.usage"
        );

        let mut objects = nested();
        objects["Sub"]["members"][0]["surprise"] = json!(true);
        let api = api_text(objects);
        let err = convert(&files(&api, EXAMPLES, CODES)).unwrap_err();
        assert!(err.field.starts_with("objects.Sub.members[0]"), "{err}");

        let api = api_text(nested()).replace("\"online\"", "\"retired\"");
        assert_eq!(
            convert(&files(&api, EXAMPLES, CODES)).unwrap_err().field,
            "actions.DoIt.status"
        );

        let api = api_text(nested()).replace("\"apiVersion\":\"2020-01-01\"", "\"apiVersion\":\"2020-01-02\"");
        assert_eq!(
            convert(&files(&api, EXAMPLES, CODES)).unwrap_err().field,
            "metadata.apiVersion"
        );

        let api = api_text(nested());
        let err = convert(&files(&api, EXAMPLES, "oops\n")).unwrap_err();
        assert_eq!(
            (err.file.as_str(), err.field.as_str()),
            ("tencentcloud/x/v20200101/errorcodes.py", "line 1")
        );
        assert!(convert(&files("{", EXAMPLES, CODES)).is_err());
    }
}
