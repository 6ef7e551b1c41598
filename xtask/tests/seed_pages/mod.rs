//! The seed pages under `api-specs/sources/` and assertions on what they import to, shared by
//! the doc-page importer tests.
#![allow(dead_code)] // each test binary uses part of it

use std::path::PathBuf;

use tencentcloud_codegen::spec::{Member, Shape, Spec};
use xtask::import::doc_page::{parse_page, PageImport};

pub const DESCRIBE_INTEGRATION_TASK: &str = "sources/wedata/2021-08-20/DescribeIntegrationTask.zh.txt";
pub const CREATE_INTEGRATION_TASK: &str = "sources/wedata/2021-08-20/CreateIntegrationTask.en.txt";
pub const GET_TASK_INSTANCE: &str = "sources/wedata/2021-08-20/GetTaskInstance.zh.txt";
pub const GET_TASK: &str = "sources/wedata/2025-08-06/GetTask.zh.txt";
pub const DESCRIBE_SYNC_JOBS: &str = "sources/dts/2021-12-06/DescribeSyncJobs.zh.txt";
pub const ALL: [&str; 5] = [
    CREATE_INTEGRATION_TASK,
    DESCRIBE_INTEGRATION_TASK,
    GET_TASK_INSTANCE,
    GET_TASK,
    DESCRIBE_SYNC_JOBS,
];

/// The text of a seed page, by its path relative to `api-specs/`.
pub fn text(location: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../api-specs")
        .join(location);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn import(location: &str) -> PageImport {
    parse_page(location, &text(location)).unwrap_or_else(|e| panic!("{e}"))
}

pub fn shape<'s>(spec: &'s Spec, name: &str) -> &'s Shape {
    spec.shapes.get(name).unwrap_or_else(|| {
        panic!(
            "no shape `{name}`; shapes: {:?}",
            spec.shapes.keys().collect::<Vec<_>>()
        )
    })
}

pub fn member<'s>(spec: &'s Spec, shape_name: &str, member: &str) -> &'s Member {
    shape(spec, shape_name)
        .members
        .iter()
        .find(|m| m.name == member)
        .unwrap_or_else(|| panic!("`{shape_name}` has no member `{member}`"))
}

/// Asserts a shape's members exactly, in order: (name, type, required, nullable).
pub fn assert_members(spec: &Spec, shape_name: &str, expected: &[(&str, &str, bool, bool)]) {
    let actual: Vec<(String, String, bool, bool)> = shape(spec, shape_name)
        .members
        .iter()
        .map(|m| (m.name.clone(), m.ty.to_string(), m.required, m.nullable))
        .collect();
    let expected: Vec<(String, String, bool, bool)> = expected
        .iter()
        .map(|&(n, t, r, nl)| (n.to_owned(), t.to_owned(), r, nl))
        .collect();
    assert_eq!(actual, expected, "members of `{shape_name}`");
}

/// Asserts the member names (and types) of an inferred shape start with `expected`.
pub fn assert_member_types(spec: &Spec, shape_name: &str, expected: &[(&str, &str)]) {
    for &(name, ty) in expected {
        assert_eq!(
            member(spec, shape_name, name).ty.to_string(),
            ty,
            "type of `{shape_name}.{name}`"
        );
    }
}
