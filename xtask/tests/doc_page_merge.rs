//! Merging pages into a service version's spec: unions of inferred shapes across pages, the
//! page winning for its own action, conflicts as warnings, and idempotence.

mod seed_pages;

use seed_pages::*;
use tencentcloud_codegen::spec::{validate, SourceKind, Spec, Usage};
use xtask::import::doc_page::{merge_page, parse_page, Warning};

fn merged(locations: &[&str]) -> (Spec, Vec<Warning>) {
    let mut spec = Spec::default();
    let mut warnings = Vec::new();
    for location in locations {
        merge_page(&mut spec, import(location).spec, &mut warnings);
    }
    (spec, warnings)
}

#[test]
fn integration_task_info_is_the_union_of_request_and_response_examples() {
    let (create_only, _) = merged(&[CREATE_INTEGRATION_TASK]);
    let (spec, warnings) = merged(&[CREATE_INTEGRATION_TASK, DESCRIBE_INTEGRATION_TASK, GET_TASK_INSTANCE]);
    assert_eq!(warnings, [], "no conflicts between these pages");
    validate(&spec).unwrap();
    assert_eq!(
        spec.actions.keys().collect::<Vec<_>>(),
        ["CreateIntegrationTask", "DescribeIntegrationTask", "GetTaskInstance"]
    );
    assert_eq!(
        spec.domains,
        ["wedata.intl.tencentcloudapi.com", "wedata.tencentcloudapi.com"]
    );
    assert_eq!(spec.sources.len(), 3);

    let info = shape(&spec, "IntegrationTaskInfo");
    assert_eq!(info.usage, Usage::Both, "sent by Create, returned by Describe");
    let files: Vec<_> = info
        .provenance
        .iter()
        .map(|p| (p.kind, p.file.as_str(), p.line))
        .collect();
    assert_eq!(
        files,
        [
            (SourceKind::Inferred, CREATE_INTEGRATION_TASK, Some(51)),
            (SourceKind::Inferred, DESCRIBE_INTEGRATION_TASK, Some(42))
        ]
    );
    // Create's members first, in its order; then what only Describe shows.
    let create_members: Vec<_> = shape(&create_only, "IntegrationTaskInfo")
        .members
        .iter()
        .map(|m| m.name.clone())
        .collect();
    let names: Vec<_> = info.members.iter().map(|m| m.name.clone()).collect();
    assert_eq!(names[..create_members.len()], create_members[..]);
    assert!(names.len() > create_members.len());
    for (name, ty) in [
        ("TaskGroupId", "string"),
        ("ExecutorId", "string"),
        ("TaskMode", "string"),
        ("Submit", "bool"),
        ("OfflineTaskStatus", "int64"),
    ] {
        assert_eq!(member(&spec, "IntegrationTaskInfo", name).ty.to_string(), ty, "{name}");
    }
    // Nested shapes are unioned too: Describe's nodes have timestamps Create's do not.
    assert_member_types(
        &spec,
        "IntegrationTaskInfoNodes",
        &[("NodeType", "string"), ("CreateTime", "string")],
    );
    assert_eq!(shape(&spec, "IntegrationTaskInfoNodes").usage, Usage::Both);
    assert_member_types(
        &spec,
        "IntegrationTaskInfoNodesNodeMappingSourceSchema",
        &[(
            "Properties",
            "list<IntegrationTaskInfoNodesNodeMappingSourceSchemaProperties>",
        )],
    );

    // Error codes: union; each action lists its own.
    assert_eq!(spec.error_codes.len(), 17);
    assert_eq!(spec.actions["GetTaskInstance"].errors, ["FailedOperation"]);
}

#[test]
fn merging_is_idempotent_and_order_of_reimport_does_not_matter() {
    let (mut spec, _) = merged(&[CREATE_INTEGRATION_TASK, DESCRIBE_INTEGRATION_TASK, GET_TASK_INSTANCE]);
    let first = spec.clone();
    let mut warnings = Vec::new();
    for location in [CREATE_INTEGRATION_TASK, DESCRIBE_INTEGRATION_TASK, GET_TASK_INSTANCE] {
        merge_page(&mut spec, import(location).spec, &mut warnings);
    }
    assert_eq!(spec, first);
    // Re-importing one page alone changes nothing either.
    merge_page(&mut spec, import(DESCRIBE_INTEGRATION_TASK).spec, &mut warnings);
    assert_eq!(spec, first);
    assert_eq!(warnings, []);
}

#[test]
fn conflicting_member_types_across_pages_warn_and_become_json() {
    let changed = text(DESCRIBE_INTEGRATION_TASK).replace("\"SyncType\": 2,", "\"SyncType\": \"2\",");
    let describe = parse_page(DESCRIBE_INTEGRATION_TASK, &changed).unwrap();
    let mut spec = Spec::default();
    let mut warnings = Vec::new();
    merge_page(&mut spec, import(CREATE_INTEGRATION_TASK).spec, &mut warnings);
    merge_page(&mut spec, describe.spec, &mut warnings);
    assert_eq!(member(&spec, "IntegrationTaskInfo", "SyncType").ty.to_string(), "json");
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(
        (warnings[0].file.as_str(), warnings[0].line),
        (DESCRIBE_INTEGRATION_TASK, 42)
    );
    assert!(
        warnings[0]
            .message
            .contains("`IntegrationTaskInfo.SyncType` is `string` here but `int64`"),
        "{}",
        warnings[0]
    );
    validate(&spec).unwrap();
}

#[test]
fn the_page_wins_for_its_own_action_and_stale_inferred_shapes_go() {
    let (mut spec, _) = merged(&[DESCRIBE_INTEGRATION_TASK]);
    assert!(spec.shapes.contains_key("AgentStatus"));
    let changed = text(DESCRIBE_INTEGRATION_TASK)
        .replace("查询集成任务\n默认", "查询集成任务(新)\n默认")
        .replace(
            "AgentStatus | AgentStatus | 采集器统计信息 注意:此字段可能返回 null,表示取不到有效值。 |\n",
            "",
        );
    let mut warnings = Vec::new();
    let page = parse_page(DESCRIBE_INTEGRATION_TASK, &changed).unwrap();
    assert!(page.warnings.iter().any(|w| w
        .message
        .contains("`Response.AgentStatus`, which the output parameter table does not list")));
    merge_page(&mut spec, page.spec, &mut warnings);
    assert_eq!(spec.actions["DescribeIntegrationTask"].title, "查询集成任务(新)");
    assert!(
        !spec.shapes.contains_key("AgentStatus"),
        "no action reaches it any more"
    );
    assert!(spec.shapes.contains_key("IntegrationTaskInfo"));
    validate(&spec).unwrap();
}

#[test]
fn a_page_of_another_service_version_is_not_merged() {
    let (mut spec, _) = merged(&[GET_TASK]);
    let before = spec.clone();
    let mut warnings = Vec::new();
    merge_page(&mut spec, import(DESCRIBE_SYNC_JOBS).spec, &mut warnings);
    assert_eq!(spec, before);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].file, DESCRIBE_SYNC_JOBS);
    assert!(warnings[0].message.contains("not merged"));
}

#[test]
fn an_inferred_shape_does_not_replace_a_documented_one() {
    let (mut spec, _) = merged(&[DESCRIBE_INTEGRATION_TASK]);
    // As if another source (the definitions importer) documented the type.
    let documented = spec.shapes.get_mut("AgentStatus").unwrap();
    documented.provenance[0].kind = SourceKind::Definitions;
    documented.members.truncate(1);
    let mut warnings = Vec::new();
    merge_page(&mut spec, import(DESCRIBE_INTEGRATION_TASK).spec, &mut warnings);
    assert_eq!(shape(&spec, "AgentStatus").members.len(), 1);
    assert_eq!(shape(&spec, "AgentStatus").provenance[0].kind, SourceKind::Definitions);
}

#[test]
fn an_action_from_the_definitions_is_not_replaced_by_its_page() {
    let (mut spec, _) = merged(&[DESCRIBE_INTEGRATION_TASK]);
    // As if `import-definitions` had written the action.
    let action = spec.actions.get_mut("DescribeIntegrationTask").unwrap();
    action.title = "查询集成任务详情".into();
    action.provenance[0].kind = SourceKind::Definitions;
    action.provenance[0].file = "tccli/services/wedata/v20210820/api.json".into();
    let request = spec.shapes.get_mut("DescribeIntegrationTaskRequest").unwrap();
    request.provenance[0].kind = SourceKind::Definitions;
    request.members.truncate(1);
    let before = spec.clone();
    let mut warnings = Vec::new();
    merge_page(&mut spec, import(DESCRIBE_INTEGRATION_TASK).spec, &mut warnings);
    assert_eq!(spec, before);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(
        (warnings[0].file.as_str(), warnings[0].line),
        (DESCRIBE_INTEGRATION_TASK, 12)
    );
    assert!(
        warnings[0]
            .message
            .contains("comes from the definitions (tccli/services/wedata/v20210820/api.json)"),
        "{}",
        warnings[0]
    );
}
