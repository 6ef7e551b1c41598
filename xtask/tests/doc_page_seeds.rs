//! Each seed page imports to what the page says: domain, service, version, rate limit, every
//! input and output parameter, error codes, examples and the shapes inferred from them.

mod seed_pages;

use seed_pages::*;
use tencentcloud_codegen::spec::{validate, SourceKind, Usage};

fn only_action(spec: &tencentcloud_codegen::spec::Spec) -> (&String, &tencentcloud_codegen::spec::Action) {
    assert_eq!(spec.actions.len(), 1);
    spec.actions.iter().next().expect("one action")
}

#[test]
fn describe_integration_task_pipe_rows_zh() {
    let import = import(DESCRIBE_INTEGRATION_TASK);
    assert_eq!(import.warnings, [], "this page is complete");
    let spec = &import.spec;
    validate(spec).unwrap();
    assert_eq!((spec.service.as_str(), spec.version.as_str()), ("wedata", "2021-08-20"));
    assert_eq!(spec.domains, ["wedata.tencentcloudapi.com"]);
    assert_eq!(spec.sources.len(), 1);
    assert_eq!(spec.sources[0].kind, SourceKind::DocPage);
    assert_eq!(spec.sources[0].location, DESCRIBE_INTEGRATION_TASK);

    let (name, action) = only_action(spec);
    assert_eq!(name, "DescribeIntegrationTask");
    assert_eq!(action.title, "查询集成任务");
    assert_eq!(action.rate_limit, Some(20));
    assert_eq!(
        (action.input.as_str(), action.output.as_str()),
        ("DescribeIntegrationTaskRequest", "DescribeIntegrationTaskResponse")
    );
    assert_eq!(action.provenance[0].file, DESCRIBE_INTEGRATION_TASK);

    assert_members(
        spec,
        "DescribeIntegrationTaskRequest",
        &[
            ("TaskId", "string", true, false),
            ("ProjectId", "string", true, false),
            ("TaskType", "int64", false, false),
            ("InstanceVersion", "int64", false, false),
        ],
    );
    let task_type = member(spec, "DescribeIntegrationTaskRequest", "TaskType");
    assert_eq!(
        task_type.docs,
        "任务类型,201: 实时集成任务, 202:离线集成任务,不传默认值为201 实时任务类型"
    );
    assert_eq!(task_type.example.as_deref(), Some("201"));
    assert_eq!(
        member(spec, "DescribeIntegrationTaskRequest", "TaskId")
            .example
            .as_deref(),
        Some("5c6f6968-97c0-4e40-b25b-8258c0170f4")
    );
    assert_eq!(shape(spec, "DescribeIntegrationTaskRequest").usage, Usage::Input);

    assert_members(
        spec,
        "DescribeIntegrationTaskResponse",
        &[
            ("TaskInfo", "IntegrationTaskInfo", false, true),
            ("AgentStatus", "AgentStatus", false, true),
            ("TaskVersion", "TaskVersionInstance", false, true),
            ("RequestId", "string", true, false),
        ],
    );
    assert_eq!(
        member(spec, "DescribeIntegrationTaskResponse", "TaskInfo").docs,
        "任务信息",
        "the null note is not in the docs"
    );
    assert_eq!(shape(spec, "DescribeIntegrationTaskResponse").usage, Usage::Output);

    assert_eq!(action.errors.len(), 17);
    assert_eq!(action.errors.first().map(String::as_str), Some("AuthFailure"));
    assert_eq!(action.errors.last().map(String::as_str), Some("UnsupportedOperation"));
    assert_eq!(spec.error_codes.len(), 17);
    assert_eq!(spec.error_codes["AuthFailure.SignatureExpire"], "未登录或登录已过期。");

    assert_eq!(action.examples.len(), 1);
    let example = &action.examples[0];
    assert_eq!(
        (example.title.as_str(), example.docs.as_str()),
        ("查询集成任务", "查询集成任务")
    );
    assert_eq!(example.input.as_ref().unwrap()["TaskType"], 201);
    assert_eq!(
        example.output.as_ref().unwrap()["Response"]["RequestId"],
        "4ec1ea77-7729-47bc-b541-e73412fc5fd7"
    );

    assert_members(
        spec,
        "AgentStatus",
        &[
            ("Running", "int64", false, false),
            ("Abnormal", "int64", false, false),
            ("InOperation", "int64", false, false),
        ],
    );
    let agent_status = shape(spec, "AgentStatus");
    assert_eq!(agent_status.usage, Usage::Output);
    assert_eq!(agent_status.provenance.len(), 1);
    assert_eq!(agent_status.provenance[0].kind, SourceKind::Inferred);
    assert_eq!(agent_status.provenance[0].line, Some(42));
    assert_eq!(
        agent_status.provenance[0].detail.as_deref(),
        Some("response example: Response.AgentStatus")
    );
    assert_member_types(
        spec,
        "TaskVersionInstance",
        &[
            ("InstanceVersion", "int64"),
            ("VersionDesc", "string"),
            ("InstanceDate", "string"),
            ("InstanceStatus", "int64"),
        ],
    );
    assert_member_types(
        spec,
        "IntegrationTaskInfo",
        &[
            ("TaskName", "string"),
            ("SyncType", "int64"),
            ("Nodes", "list<IntegrationTaskInfoNodes>"),
            ("OfflineTaskAddEntity", "IntegrationTaskInfoOfflineTaskAddEntity"),
            ("DataProxyUrl", "list<string>"),
            ("Submit", "bool"),
            ("ExecuteContext", "list<IntegrationTaskInfoExecuteContext>"),
        ],
    );
    assert_member_types(
        spec,
        "IntegrationTaskInfoNodes",
        &[
            ("Config", "list<IntegrationTaskInfoNodesConfig>"),
            ("NodeMapping", "IntegrationTaskInfoNodesNodeMapping"),
        ],
    );
    assert_eq!(
        shape(spec, "IntegrationTaskInfoNodes").provenance[0].detail.as_deref(),
        Some("response example: Response.TaskInfo.Nodes[]")
    );
    assert_member_types(
        spec,
        "IntegrationTaskInfoNodesNodeMappingSourceSchema",
        &[(
            "Properties",
            "list<IntegrationTaskInfoNodesNodeMappingSourceSchemaProperties>",
        )],
    );
    assert_member_types(
        spec,
        "IntegrationTaskInfoOfflineTaskAddEntity",
        &[("TaskAutoSubmit", "bool"), ("CycleStep", "int64")],
    );
}

#[test]
fn get_task_spaced_cells_empty_required_column() {
    let import = import(GET_TASK);
    let spec = &import.spec;
    validate(spec).unwrap();
    assert_eq!((spec.service.as_str(), spec.version.as_str()), ("wedata", "2025-08-06"));
    assert_eq!(spec.domains, ["wedata.tencentcloudapi.com"]);
    let (name, action) = only_action(spec);
    assert_eq!(name, "GetTask");
    assert_eq!(action.title, "创建任务接口", "the line after the domain line");
    assert_eq!(action.rate_limit, Some(20));

    // The page leaves the required column empty and its description says nothing either way:
    // the safe reading is optional (the definitions, which `import-definitions` merges over
    // the page, say both are required; the example sending them does not tell).
    assert_members(
        spec,
        "GetTaskRequest",
        &[
            ("ProjectId", "string", false, false),
            ("TaskId", "string", false, false),
        ],
    );
    let task_id = member(spec, "GetTaskRequest", "TaskId");
    assert_eq!(task_id.docs, "任务ID\n取值可参考: 查询任务列表");
    assert_eq!(task_id.example.as_deref(), Some("20250812174835531"));
    assert_eq!(
        member(spec, "GetTaskRequest", "ProjectId").example.as_deref(),
        Some("2378393617299558400")
    );
    assert_members(
        spec,
        "GetTaskResponse",
        &[("Data", "Task", true, false), ("RequestId", "string", true, false)],
    );
    assert_eq!(member(spec, "GetTaskResponse", "Data").docs, "任务详情");

    // The empty required column: one warning per business parameter, naming page and line.
    let required: Vec<_> = import
        .warnings
        .iter()
        .filter(|w| w.message.contains("required column is empty"))
        .collect();
    assert_eq!(required.len(), 2, "{:#?}", import.warnings);
    assert_eq!((required[0].file.as_str(), required[0].line), (GET_TASK, 27));
    assert_eq!((required[1].file.as_str(), required[1].line), (GET_TASK, 29));
    assert!(
        required[0].message.contains("`ProjectId`")
            && required[0]
                .message
                .contains("required=false (the safe reading): the page does not say; the request examples send it")
    );
    assert_eq!(
        required[1].to_string(),
        format!("{GET_TASK}:29: warning: the required column is empty for `TaskId`; taking required=false (the safe reading): the page does not say; the request examples send it, as they do optional members")
    );

    // A value null in every example: `json`, nullable, and a warning with page, line and path.
    let last_ops = member(spec, "TaskTaskBaseAttribute", "LastOpsTime");
    assert_eq!(
        (last_ops.ty.to_string().as_str(), last_ops.nullable, last_ops.required),
        ("json", true, false)
    );
    assert!(import.warnings.iter().any(|w| w.file == GET_TASK
        && w.line == 61
        && w.message == "`Response.Data.TaskBaseAttribute.LastOpsTime` is null in every example: typed `json`"));
    assert_eq!(
        member(spec, "TaskTaskConfiguration", "TaskSchedulingParameterList")
            .ty
            .to_string(),
        "list<json>"
    );
    assert!(import.warnings.iter().any(|w| w
        .message
        .contains("`Response.Data.TaskConfiguration.TaskSchedulingParameterList` is an empty array")));
    assert_eq!(import.warnings.len(), 2 + 20, "{:#?}", import.warnings);

    assert_member_types(
        spec,
        "Task",
        &[
            ("TaskBaseAttribute", "TaskTaskBaseAttribute"),
            ("TaskConfiguration", "TaskTaskConfiguration"),
            ("TaskSchedulerConfiguration", "TaskTaskSchedulerConfiguration"),
        ],
    );
    assert_member_types(
        spec,
        "TaskTaskBaseAttribute",
        &[("Submit", "bool"), ("TaskTypeId", "int64"), ("TaskName", "string")],
    );
    assert_member_types(
        spec,
        "TaskTaskSchedulerConfiguration",
        &[
            ("ExecutionTTL", "int64"),
            (
                "EventListenerList",
                "list<TaskTaskSchedulerConfigurationEventListenerList>",
            ),
            (
                "UpstreamDependencyConfigList",
                "list<TaskTaskSchedulerConfigurationUpstreamDependencyConfigList>",
            ),
        ],
    );
    assert_member_types(
        spec,
        "TaskTaskSchedulerConfigurationUpstreamDependencyConfigList",
        &[
            (
                "DependencyStrategy",
                "TaskTaskSchedulerConfigurationUpstreamDependencyConfigListDependencyStrategy",
            ),
            ("Offset", "json"),
        ],
    );

    assert_eq!(
        action.errors,
        [
            "FailedOperation",
            "InvalidParameterValue",
            "MissingParameter",
            "ResourceNotFound"
        ]
    );
    assert_eq!(spec.error_codes["MissingParameter"], "缺少参数错误。");
    assert_eq!(action.examples.len(), 1);
    assert_eq!(action.examples[0].title, "获取任务详情");
    assert_eq!(
        action.examples[0].input.as_ref().unwrap()["TaskId"],
        "20250908225847483"
    );
}

#[test]
fn create_integration_task_cell_lines_en() {
    let import = import(CREATE_INTEGRATION_TASK);
    assert_eq!(import.warnings, []);
    let spec = &import.spec;
    validate(spec).unwrap();
    assert_eq!((spec.service.as_str(), spec.version.as_str()), ("wedata", "2021-08-20"));
    assert_eq!(spec.domains, ["wedata.intl.tencentcloudapi.com"]);
    let (name, action) = only_action(spec);
    assert_eq!(name, "CreateIntegrationTask");
    assert_eq!(action.title, "Create Integration Task");
    assert_eq!(action.rate_limit, Some(20));

    assert_members(
        spec,
        "CreateIntegrationTaskRequest",
        &[
            ("TaskInfo", "IntegrationTaskInfo", true, false),
            ("ProjectId", "string", true, false),
        ],
    );
    assert_eq!(
        member(spec, "CreateIntegrationTaskRequest", "TaskInfo").docs,
        "Task Information"
    );
    assert_members(
        spec,
        "CreateIntegrationTaskResponse",
        &[("TaskId", "string", true, false), ("RequestId", "string", true, false)],
    );

    assert_eq!(action.errors.len(), 17);
    assert_eq!(action.errors.first().map(String::as_str), Some("AuthFailure"));
    assert_eq!(action.errors.last().map(String::as_str), Some("UnsupportedOperation"));
    assert_eq!(spec.error_codes["AuthFailure"], "CAM Signature/Authentication Error.");

    assert_eq!(action.examples.len(), 1);
    let example = &action.examples[0];
    assert_eq!(example.title, "Create Integration Task");
    assert_eq!(example.input.as_ref().unwrap()["TaskInfo"]["TaskName"], "task-2");
    assert_eq!(
        example.output.as_ref().unwrap()["Response"]["TaskId"],
        "015235-2adc2d-372dasd-5274"
    );

    // The request sends the nested type: it is inferred as an input shape.
    let info = shape(spec, "IntegrationTaskInfo");
    assert_eq!(info.usage, Usage::Input);
    assert_eq!(info.members.len(), 20);
    assert_eq!(info.provenance[0].detail.as_deref(), Some("request example: TaskInfo"));
    assert_eq!(info.provenance[0].line, Some(51));
    assert_member_types(
        spec,
        "IntegrationTaskInfo",
        &[
            ("Status", "int64"),
            ("Nodes", "list<IntegrationTaskInfoNodes>"),
            ("Mappings", "list<IntegrationTaskInfoMappings>"),
        ],
    );
    assert_eq!(shape(spec, "IntegrationTaskInfoNodes").usage, Usage::Input);
}

#[test]
fn get_task_instance_pipe_rows_zh() {
    let import = import(GET_TASK_INSTANCE);
    let spec = &import.spec;
    validate(spec).unwrap();
    assert_eq!((spec.service.as_str(), spec.version.as_str()), ("wedata", "2021-08-20"));
    assert_eq!(spec.domains, ["wedata.tencentcloudapi.com"]);
    let (name, action) = only_action(spec);
    assert_eq!(name, "GetTaskInstance");
    assert_eq!(action.title, "获取实例列表");
    assert_eq!(action.rate_limit, Some(20));

    assert_members(
        spec,
        "GetTaskInstanceRequest",
        &[
            ("ProjectId", "string", true, false),
            ("InstanceKey", "string", true, false),
            ("ScheduleTimeZone", "string", false, false),
        ],
    );
    let key = member(spec, "GetTaskInstanceRequest", "InstanceKey");
    assert_eq!(
        (key.docs.as_str(), key.example.as_deref()),
        ("实例唯一标识", Some("20240627201611119_2025-03-20 00:00:00"))
    );
    assert_members(
        spec,
        "GetTaskInstanceResponse",
        &[
            ("Data", "InstanceDetailVO", false, true),
            ("RequestId", "string", true, false),
        ],
    );

    assert_eq!(action.errors, ["FailedOperation"]);
    assert_eq!(spec.error_codes.len(), 1);
    assert_eq!(action.examples.len(), 1);
    assert_eq!(
        (action.examples[0].title.as_str(), action.examples[0].docs.as_str()),
        ("示例 一", "获取实例详情示例")
    );

    assert_member_types(
        spec,
        "InstanceDetailVO",
        &[
            ("InChargeList", "list<string>"),
            ("InstanceLifeCycleList", "list<InstanceDetailVOInstanceLifeCycleList>"),
            ("LatestLog", "InstanceDetailVOLatestLog"),
            ("TaskType", "InstanceDetailVOTaskType"),
            ("InstanceType", "json"),
        ],
    );
    // Null in one element, a string in others: a nullable string.
    let end_time = member(
        spec,
        "InstanceDetailVOInstanceLifeCycleListLifeCycleDetailList",
        "EndTime",
    );
    assert_eq!((end_time.ty.to_string().as_str(), end_time.nullable), ("string", true));
    assert_member_types(
        spec,
        "InstanceDetailVOLatestLog",
        &[("IsEnd", "bool"), ("LineCount", "int64")],
    );

    let null_everywhere: Vec<_> = import.warnings.iter().map(|w| (w.line, w.message.as_str())).collect();
    assert_eq!(
        null_everywhere,
        [
            (38, "`Response.Data.InstanceLifeCycleList[].CodeFileName` is null in every example: typed `json`"),
            (38, "`Response.Data.InstanceLifeCycleList[].LifeCycleDetailList[].State` is null in every example: typed `json`"),
            (38, "`Response.Data.InstanceLifeCycleList[].LogType` is null in every example: typed `json`"),
            (38, "`Response.Data.InstanceLifeCycleList[].OriginFileName` is null in every example: typed `json`"),
            (38, "`Response.Data.InstanceType` is null in every example: typed `json`"),
        ]
    );
}

#[test]
fn describe_sync_jobs_lists_and_undefined_type() {
    let import = import(DESCRIBE_SYNC_JOBS);
    let spec = &import.spec;
    validate(spec).unwrap();
    assert_eq!((spec.service.as_str(), spec.version.as_str()), ("dts", "2021-12-06"));
    assert_eq!(spec.domains, ["dts.tencentcloudapi.com"]);
    let (name, action) = only_action(spec);
    assert_eq!(name, "DescribeSyncJobs");
    assert_eq!(action.title, "查询同步任务信息");
    assert_eq!(action.rate_limit, Some(100));

    assert_members(
        spec,
        "DescribeSyncJobsRequest",
        &[
            ("JobId", "string", false, false),
            ("JobName", "string", false, false),
            ("Order", "string", false, false),
            ("OrderSeq", "string", false, false),
            ("Offset", "int64", false, false),
            ("Limit", "int64", false, false),
            ("Status", "list<string>", false, false),
            ("RunMode", "string", false, false),
            ("JobType", "string", false, false),
            ("PayMode", "string", false, false),
            ("TagFilters", "list<TagFilter>", false, false),
        ],
    );
    assert_eq!(
        member(spec, "DescribeSyncJobsRequest", "Status").example.as_deref(),
        Some("Running")
    );
    assert_eq!(member(spec, "DescribeSyncJobsRequest", "TagFilters").docs, "tag");
    assert_members(
        spec,
        "DescribeSyncJobsResponse",
        &[
            ("TotalCount", "int64", false, true),
            ("JobList", "list<SyncJobInfo>", false, true),
            ("RequestId", "string", true, false),
        ],
    );
    let total = member(spec, "DescribeSyncJobsResponse", "TotalCount");
    assert_eq!((total.docs.as_str(), total.example.as_deref()), ("任务数目", Some("2")));

    assert_eq!(action.errors.len(), 8);
    assert_eq!(
        action.errors.first().map(String::as_str),
        Some("AuthFailure.AuthFailureError")
    );
    assert_eq!(
        action.errors.last().map(String::as_str),
        Some("InvalidParameterValue.InvalidParameterValueError")
    );
    assert_eq!(
        spec.error_codes["InternalError.DatabaseError"],
        "迁移平台数据库访问失败。"
    );
    assert_eq!(action.examples.len(), 1);
    assert_eq!(action.examples[0].input.as_ref().unwrap()["JobId"], "sync-bkm3mppi");

    assert_member_types(
        spec,
        "SyncJobInfo",
        &[
            ("JobId", "string"),
            ("Actions", "list<string>"),
            ("AutoRenew", "int64"),
            ("Detail", "SyncJobInfoDetail"),
            ("Objects", "SyncJobInfoObjects"),
            ("Tags", "list<json>"),
        ],
    );
    assert_member_types(
        spec,
        "SyncJobInfoDetail",
        &[
            ("Progress", "int64"),
            ("ErrInfo", "SyncJobInfoDetailErrInfo"),
            ("StepInfos", "list<SyncJobInfoDetailStepInfos>"),
        ],
    );
    assert_member_types(
        spec,
        "SyncJobInfoDetailStepInfos",
        &[("Errors", "json"), ("Warnings", "list<json>"), ("StepNo", "int64")],
    );
    assert_member_types(
        spec,
        "SyncJobInfoOptions",
        &[
            ("AddAdditionalColumn", "bool"),
            ("RateLimitOption", "SyncJobInfoOptionsRateLimitOption"),
        ],
    );
    assert_eq!(
        shape(spec, "SyncJobInfo").provenance[0].detail.as_deref(),
        Some("response example: Response.JobList[]")
    );

    // Named by the page, shown by no example: an empty inferred shape, and a warning.
    let tag_filter = shape(spec, "TagFilter");
    assert!(tag_filter.members.is_empty());
    assert_eq!(tag_filter.usage, Usage::Input);
    assert_eq!(tag_filter.provenance.len(), 1);
    assert_eq!(tag_filter.provenance[0].kind, SourceKind::Inferred);
    assert_eq!(tag_filter.provenance[0].line, Some(25));
    let warning = import
        .warnings
        .iter()
        .find(|w| w.message.contains("`TagFilter`"))
        .expect("a TagFilter warning");
    assert_eq!((warning.file.as_str(), warning.line), (DESCRIBE_SYNC_JOBS, 25));
    assert!(warning.message.contains("empty shape"), "{warning}");
}

#[test]
fn every_seed_round_trips_through_the_spec_format() {
    for location in ALL {
        let spec = import(location).spec;
        let text = tencentcloud_codegen::spec::to_pretty_json(&spec);
        let back = tencentcloud_codegen::spec::parse_spec(std::path::Path::new(location), &text).unwrap();
        assert_eq!(back, spec, "{location}");
    }
}

/// The committed spec files (written by `import-doc`, or by `import-definitions`, which merges
/// the pages too) load, name the seed pages, and are a fixed point of importing them again:
/// running `cargo xtask import-doc` twice gives identical files.
#[test]
fn the_spec_files_load_and_reimporting_the_pages_changes_nothing() {
    for location in ALL {
        let page = import(location).spec;
        let path = xtask::workspace::spec_path(&page.service, &page.version);
        let spec = tencentcloud_codegen::spec::load_spec(&path)
            .unwrap_or_else(|e| panic!("{e} (run `cargo xtask import-doc`)"));
        for action in page.actions.keys() {
            assert!(spec.actions.contains_key(action), "{} lacks {action}", path.display());
        }
        let named = spec
            .sources
            .iter()
            .any(|s| s.kind == SourceKind::DocPage && s.location == location);
        assert!(named, "{} lacks source {location}", path.display());
        let mut again = spec.clone();
        xtask::import::doc_page::merge_page(&mut again, page, &mut Vec::new());
        assert!(
            again == spec,
            "{}: importing {location} again changes it",
            path.display()
        );
    }
}
