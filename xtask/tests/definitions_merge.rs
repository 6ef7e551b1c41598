//! Merging doc-page specs into definitions specs: every kind of disagreement is reported, the
//! definitions win for structure, the pages add what the definitions lack, and merging is
//! idempotent.

use serde_json::json;
use tencentcloud_codegen::spec::{
    validate, Action, Example, Member, Provenance, Shape, Source, SourceKind, Spec, Type, Usage,
};
use xtask::import::definitions::{merge, Entry, MergeReport};

fn provenance(kind: SourceKind, file: &str) -> Vec<Provenance> {
    vec![Provenance {
        kind,
        file: file.into(),
        line: None,
        detail: None,
    }]
}

fn member(name: &str, ty: &str, required: bool, nullable: bool) -> Member {
    Member {
        name: name.into(),
        ty: ty.parse().unwrap(),
        required,
        nullable,
        deprecated: false,
        value_set: None,
        secret: false,
        docs: String::new(),
        docs_en: String::new(),
        example: None,
    }
}

fn shape(usage: Usage, kind: SourceKind, members: Vec<Member>) -> Shape {
    Shape {
        docs: String::new(),
        docs_en: String::new(),
        usage,
        members,
        provenance: provenance(kind, "f"),
    }
}

fn action(name: &str, kind: SourceKind) -> Action {
    Action {
        title: format!("{name} title"),
        title_en: String::new(),
        docs: String::new(),
        docs_en: String::new(),
        rate_limit: None,
        input: format!("{name}Request"),
        output: format!("{name}Response"),
        errors: Vec::new(),
        examples: Vec::new(),
        deprecated: false,
        read_only: false,
        skip_sign: false,
        provenance: provenance(kind, "f"),
    }
}

fn example(title: &str, id: &str) -> Example {
    Example {
        title: title.into(),
        docs: String::new(),
        input: Some(json!({ "Id": id })),
        output: Some(json!({"Response": {"RequestId": "r"}})),
        origin: None,
    }
}

/// Definitions: `DescribeJobs` (request Offset uint64, Limit uint64, JobIds; response
/// TotalCount, JobList of Job, RequestId) and `Job`.
fn definitions() -> Spec {
    let d = SourceKind::Definitions;
    let mut spec = Spec {
        service: "dts".into(),
        version: "2021-12-06".into(),
        domains: vec!["dts.tencentcloudapi.com".into()],
        sources: vec![Source {
            kind: d,
            location: "tccli/services/dts/v20211206/api.json".into(),
            package_version: Some("1".into()),
        }],
        ..Spec::default()
    };
    let mut describe = action("DescribeJobs", d);
    describe.examples = vec![example("def", "1")];
    spec.actions.insert("DescribeJobs".into(), describe);
    spec.shapes.insert(
        "DescribeJobsRequest".into(),
        shape(
            Usage::Input,
            d,
            vec![
                member("Offset", "uint64", false, false),
                member("Limit", "uint64", true, false),
                member("JobIds", "list<string>", false, false),
            ],
        ),
    );
    spec.shapes.insert(
        "DescribeJobsResponse".into(),
        shape(
            Usage::Output,
            d,
            vec![
                member("TotalCount", "uint64", true, false),
                member("JobList", "list<Job>", true, false),
                member("RequestId", "string", true, false),
            ],
        ),
    );
    spec.shapes.insert(
        "Job".into(),
        shape(
            Usage::Output,
            d,
            vec![
                member("JobId", "string", true, false),
                member("Status", "string", false, true),
            ],
        ),
    );
    spec.error_codes.insert("FailedOperation".into(), "操作失败。".into());
    spec.error_codes.insert("InternalError".into(), String::new());
    spec.error_codes
        .insert("ResourceNotFound".into(), "资源不存在。".into());
    spec.error_codes
        .insert("AuthFailure".into(), "CAM签名/鉴权错误。".into());
    validate(&spec).unwrap();
    spec
}

/// Pages: `DescribeJobs` documented with disagreements, plus a page-only `StopJob`.
fn pages() -> Spec {
    let p = SourceKind::DocPage;
    let i = SourceKind::Inferred;
    let mut spec = Spec {
        service: "dts".into(),
        version: "2021-12-06".into(),
        domains: vec!["dts.intl.tencentcloudapi.com".into(), "dts.tencentcloudapi.com".into()],
        sources: vec![
            Source {
                kind: p,
                location: "sources/dts/2021-12-06/DescribeJobs.zh.txt".into(),
                package_version: None,
            },
            Source {
                kind: p,
                location: "sources/dts/2021-12-06/StopJob.zh.txt".into(),
                package_version: None,
            },
        ],
        ..Spec::default()
    };
    let mut describe = action("DescribeJobs", p);
    describe.rate_limit = Some(100);
    describe.errors = vec![
        "FailedOperation".into(),
        "InternalError".into(),
        "OperationDenied".into(),
        "ResourceNotFound".into(),
    ];
    describe.examples = vec![example("same as def", "1"), example("page only", "2")];
    describe.deprecated = true;
    spec.actions.insert("DescribeJobs".into(), describe);
    spec.shapes.insert(
        "DescribeJobsRequest".into(),
        shape(
            Usage::Input,
            p,
            // Offset: Integer on the page; Limit: optional on the page; Extra: page only.
            vec![
                member("Offset", "int64", false, false),
                member("Limit", "uint64", false, false),
                member("Extra", "string", false, false),
            ],
        ),
    );
    spec.shapes.insert(
        "DescribeJobsResponse".into(),
        shape(
            Usage::Output,
            p,
            vec![
                member("TotalCount", "string", true, true),
                member("JobList", "list<Job>", true, false),
                member("RequestId", "string", true, false),
            ],
        ),
    );
    // Inferred from the response example: `Job` with a member the definitions lack, and a nested
    // inferred shape the definitions do not have.
    spec.shapes.insert(
        "Job".into(),
        shape(
            Usage::Output,
            i,
            vec![
                member("JobId", "string", false, false),
                member("Status", "int64", false, false),
                member("Detail", "JobDetail", false, false),
            ],
        ),
    );
    spec.shapes.insert(
        "JobDetail".into(),
        shape(Usage::Output, i, vec![member("Step", "json", false, false)]),
    );
    // A page-only action with its shapes, one of them inferred, one shared with the definitions.
    let mut stop = action("StopJob", p);
    stop.rate_limit = Some(20);
    stop.errors = vec!["ResourceNotFound".into()];
    spec.actions.insert("StopJob".into(), stop);
    spec.shapes.insert(
        "StopJobRequest".into(),
        shape(Usage::Input, p, vec![member("JobId", "string", true, false)]),
    );
    spec.shapes.insert(
        "StopJobResponse".into(),
        shape(
            Usage::Output,
            p,
            vec![
                member("Result", "StopResult", false, false),
                member("Job", "Job", false, false),
                member("RequestId", "string", true, false),
            ],
        ),
    );
    spec.shapes.insert(
        "StopResult".into(),
        shape(Usage::Output, i, vec![member("Ok", "bool", false, false)]),
    );
    spec.error_codes.insert("FailedOperation".into(), "操作失败".into());
    spec.error_codes.insert("InternalError".into(), "内部错误。".into());
    spec.error_codes.insert("OperationDenied".into(), "操作被拒绝。".into());
    spec.error_codes
        .insert("ResourceNotFound".into(), "资源找不到。".into());
    spec.error_codes
        .insert("AuthFailure".into(), "CAM Signature/Authentication Error.".into());
    validate(&spec).unwrap();
    spec
}

fn merged() -> (Spec, MergeReport) {
    let (spec, report) = merge(definitions(), &pages());
    validate(&spec).unwrap();
    (spec, report)
}

fn has(report: &MergeReport, wanted: &Entry) -> bool {
    report.entries.contains(wanted)
}

fn differs(shape: &str, member: &str, field: &'static str, page: &str, definition: &str) -> Entry {
    Entry::MemberDiffers {
        shape: shape.into(),
        member: member.into(),
        field,
        page: page.into(),
        definition: definition.into(),
    }
}

#[test]
fn definitions_win_for_members_and_every_difference_is_reported() {
    let (spec, report) = merged();
    assert_eq!(
        spec.shapes["DescribeJobsRequest"],
        definitions().shapes["DescribeJobsRequest"]
    );
    let mut widened = definitions().shapes["DescribeJobsResponse"].clone();
    widened.members[0].nullable = true; // TotalCount: the page says it may be null
    assert_eq!(spec.shapes["DescribeJobsResponse"], widened);
    assert!(has(
        &report,
        &differs("DescribeJobsRequest", "Offset", "type", "int64", "uint64")
    ));
    assert!(has(
        &report,
        &differs("DescribeJobsResponse", "TotalCount", "type", "string", "uint64")
    ));
    assert!(has(
        &report,
        &differs("DescribeJobsRequest", "Limit", "required", "false", "true")
    ));
    assert!(has(
        &report,
        &differs("DescribeJobsResponse", "TotalCount", "nullable", "true", "false")
    ));
    // The page's "may return null" widens the defined member.
    let total = spec.shapes["DescribeJobsResponse"]
        .members
        .iter()
        .find(|m| m.name == "TotalCount")
        .unwrap();
    assert!(total.nullable, "a page's nullable widens the definitions");
    assert!(has(
        &report,
        &Entry::MemberOnlyOnPage {
            shape: "DescribeJobsRequest".into(),
            member: "Extra".into(),
            ty: Type::String
        }
    ));
    assert!(has(
        &report,
        &Entry::MemberOnlyInDefinitions {
            shape: "DescribeJobsRequest".into(),
            member: "JobIds".into()
        }
    ));
    let same = |m: &str| {
        report.entries.iter().any(|e| matches!(e, Entry::MemberDiffers { member, .. } | Entry::MemberOnlyOnPage { member, .. } if member == m))
    };
    assert!(
        !same("JobList") && !same("RequestId"),
        "agreeing members are not reported"
    );
}

#[test]
fn action_fields_come_from_the_definitions_and_differences_are_reported() {
    let (spec, report) = merged();
    let action = &spec.actions["DescribeJobs"];
    assert_eq!(action.title, "DescribeJobs title");
    assert!(!action.deprecated);
    let deprecated = Entry::ActionDiffers {
        action: "DescribeJobs".into(),
        field: "deprecated",
        page: "true".into(),
        definition: "false".into(),
    };
    assert!(has(&report, &deprecated));

    let mut pages = pages();
    pages.actions.get_mut("DescribeJobs").unwrap().output = "Other".into();
    pages
        .shapes
        .insert("Other".into(), shape(Usage::Output, SourceKind::DocPage, vec![]));
    let (spec, report) = merge(definitions(), &pages);
    assert_eq!(spec.actions["DescribeJobs"].output, "DescribeJobsResponse");
    let output = Entry::ActionDiffers {
        action: "DescribeJobs".into(),
        field: "output",
        page: "Other".into(),
        definition: "DescribeJobsResponse".into(),
    };
    assert!(has(&report, &output));
    assert!(has(
        &report,
        &Entry::PageShapeDropped {
            shape: "Other".into(),
            kind: SourceKind::DocPage
        }
    ));
}

#[test]
fn pages_add_rate_limits_errors_domains_examples_and_provenance() {
    let (spec, report) = merged();
    let action = &spec.actions["DescribeJobs"];
    assert_eq!(action.rate_limit, Some(100));
    assert_eq!(
        action.errors,
        [
            "FailedOperation",
            "InternalError",
            "OperationDenied",
            "ResourceNotFound"
        ]
    );
    let titles: Vec<&str> = action.examples.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        ["def", "page only"],
        "an example equal to a definitions one is not repeated"
    );
    assert!(has(
        &report,
        &Entry::ExampleAppended {
            action: "DescribeJobs".into(),
            title: "page only".into()
        }
    ));
    let kinds: Vec<SourceKind> = action.provenance.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [SourceKind::Definitions, SourceKind::DocPage]);
    assert_eq!(
        spec.domains,
        ["dts.intl.tencentcloudapi.com", "dts.tencentcloudapi.com"]
    );
    assert_eq!(spec.sources.len(), 3);
    assert_eq!(
        (
            report.rate_limits_added,
            report.action_errors_added,
            report.domains_added
        ),
        (1, 4, 1)
    );
}

#[test]
fn a_conflicting_rate_limit_is_reported() {
    let mut definitions = definitions();
    definitions.actions.get_mut("DescribeJobs").unwrap().rate_limit = Some(20);
    let (spec, report) = merge(definitions, &pages());
    assert_eq!(spec.actions["DescribeJobs"].rate_limit, Some(20));
    let entry = Entry::ActionDiffers {
        action: "DescribeJobs".into(),
        field: "rate_limit",
        page: "100".into(),
        definition: "20".into(),
    };
    assert!(has(&report, &entry));
}

#[test]
fn error_codes() {
    let (spec, report) = merged();
    // Only on the page: added with its description.
    assert_eq!(spec.error_codes["OperationDenied"], "操作被拒绝。");
    assert!(has(
        &report,
        &Entry::ErrorCodeFromPage {
            code: "OperationDenied".into()
        }
    ));
    // The definitions have no description: the page's.
    assert_eq!(spec.error_codes["InternalError"], "内部错误。");
    assert!(has(
        &report,
        &Entry::ErrorDescriptionFromPage {
            code: "InternalError".into()
        }
    ));
    // Both describe it differently: definitions kept, reported.
    assert_eq!(spec.error_codes["ResourceNotFound"], "资源不存在。");
    let differs = Entry::ErrorDescriptionDiffers {
        code: "ResourceNotFound".into(),
        page: "资源找不到。".into(),
        definition: "资源不存在。".into(),
    };
    assert!(has(&report, &differs));
    // A missing full stop is no difference; an English description is a translation.
    assert!(!report.entries.iter().any(|e| matches!(e, Entry::ErrorDescriptionDiffers { code, .. } if code == "FailedOperation" || code == "AuthFailure")));
    assert_eq!(spec.error_codes["AuthFailure"], "CAM签名/鉴权错误。");
    assert_eq!(report.error_descriptions_translated, 1);
}

#[test]
fn inferred_shapes_are_replaced_and_their_extra_members_reported() {
    let (spec, report) = merged();
    assert_eq!(spec.shapes["Job"], definitions().shapes["Job"]);
    let replaced = Entry::InferredShapeReplaced {
        shape: "Job".into(),
        inferred_members: 3,
        types_differ: 1,
    };
    assert!(has(&report, &replaced));
    assert!(has(
        &report,
        &Entry::InferredMemberNotDefined {
            shape: "Job".into(),
            member: "Detail".into()
        }
    ));
    assert!(!spec.shapes.contains_key("JobDetail"));
    assert!(has(
        &report,
        &Entry::PageShapeDropped {
            shape: "JobDetail".into(),
            kind: SourceKind::Inferred
        }
    ));
}

#[test]
fn page_only_actions_are_kept_with_their_shapes() {
    let (spec, report) = merged();
    assert_eq!(spec.actions["StopJob"], pages().actions["StopJob"]);
    assert!(has(
        &report,
        &Entry::ActionOnlyOnPage {
            action: "StopJob".into()
        }
    ));
    for name in ["StopJobRequest", "StopJobResponse", "StopResult"] {
        assert_eq!(spec.shapes[name], pages().shapes[name], "{name}");
        assert!(has(&report, &Entry::PageShapeKept { shape: name.into() }), "{name}");
    }
    // It refers to `Job`, which the definitions define: theirs is used.
    assert_eq!(spec.shapes["Job"], definitions().shapes["Job"]);
}

#[test]
fn shape_usage_differences_are_reported() {
    let mut pages = pages();
    pages.shapes.get_mut("DescribeJobsResponse").unwrap().usage = Usage::Both;
    let (spec, report) = merge(definitions(), &pages);
    assert_eq!(spec.shapes["DescribeJobsResponse"].usage, Usage::Output);
    let entry = Entry::ShapeUsageDiffers {
        shape: "DescribeJobsResponse".into(),
        page: "Both".into(),
        definition: "Output".into(),
    };
    assert!(has(&report, &entry));
}

#[test]
fn merging_is_idempotent() {
    let (once, _) = merged();
    let (twice, _) = merge(once.clone(), &pages());
    assert_eq!(twice, once, "merge(merge(d, p), p) == merge(d, p)");
    // Re-running the import on a spec file that is itself a merge result.
    let (again, report) = merge(definitions(), &once);
    assert_eq!(again, once, "merge(d, merge(d, p)) == merge(d, p)");
    assert!(
        !report.entries.iter().any(|e| matches!(e, Entry::MemberDiffers { .. })),
        "the definitions are not page evidence"
    );
}

#[test]
fn actions_of_earlier_definitions_are_dropped_and_reported() {
    let (mut once, _) = merged();
    once.actions.get_mut("StopJob").unwrap().provenance = provenance(SourceKind::Definitions, "old api.json");
    let (spec, report) = merge(definitions(), &once);
    assert!(!spec.actions.contains_key("StopJob"));
    assert!(has(
        &report,
        &Entry::ActionNoLongerDefined {
            action: "StopJob".into()
        }
    ));
}

#[test]
fn report_lines_name_the_place_and_both_values() {
    let (_, report) = merged();
    let text = report.to_string();
    assert!(
        text.contains("dts 2021-12-06 shape DescribeJobsRequest member Offset: type differs: page int64, definitions uint64; definitions kept"),
        "{text}"
    );
    assert!(text.contains("dts 2021-12-06 action StopJob: only on a page"), "{text}");
    assert_eq!(text.lines().count(), report.entries.len());
    let counts = report.counts();
    assert_eq!(counts["member type differs"], 2);
    assert_eq!(counts["action only on a page (kept)"], 1);
    assert_eq!(counts.values().sum::<usize>(), report.entries.len());
    assert!(
        report.summary().starts_with("dts 2021-12-06: 1 rate limit(s) added"),
        "{}",
        report.summary()
    );
}

#[test]
fn no_pages_changes_nothing() {
    let empty = Spec {
        service: "dts".into(),
        version: "2021-12-06".into(),
        ..Spec::default()
    };
    let (spec, report) = merge(definitions(), &empty);
    assert_eq!(spec, definitions());
    assert!(report.entries.is_empty());
}
