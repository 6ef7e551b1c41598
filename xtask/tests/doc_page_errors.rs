//! Pages that cannot be imported give a `PageError` naming the line, never a panic.

mod corpus_pages;
mod seed_pages;

use seed_pages::*;
use xtask::import::doc_page::{parse_page, PageError};

fn error(text: &str) -> PageError {
    match parse_page("p.txt", text) {
        Ok(import) => panic!(
            "expected an error, got a spec for {:?}",
            import.spec.actions.keys().collect::<Vec<_>>()
        ),
        Err(err) => err,
    }
}

fn seed_error(location: &str, edit: impl Fn(&str) -> String) -> PageError {
    let changed = edit(&text(location));
    assert_ne!(changed, text(location), "the edit must change the page");
    error(&changed)
}

fn corpus_error(file: &str, edit: impl Fn(&str) -> String) -> PageError {
    let original = corpus_pages::text(file);
    let changed = edit(&original);
    assert_ne!(changed, original, "the edit must change the page");
    error(&changed)
}

/// The page cut right after the line holding `needle`.
fn cut_after(text: &str, needle: &str) -> String {
    let at = text.find(needle).expect("the needle is on the page");
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text[..end].to_owned()
}

#[test]
fn empty_and_garbage_pages() {
    let err = error("");
    assert_eq!((err.file.as_str(), err.line), ("p.txt", 1));
    assert!(err.message.contains("no request domain"), "{err}");
    assert_eq!(error("hello\nworld\n\u{0}\u{feff}").line, 1);
    assert!(error("接口请求域名: Not A Domain 。")
        .message
        .contains("not a Tencent Cloud API domain"));
    let err = error("接口请求域名: x.tencentcloudapi.com 。\n标题\n");
    assert!(err.message.contains("no input parameter table"), "{err}");
    assert_eq!(err.to_string(), format!("p.txt:{}: {}", err.line, err.message));
}

#[test]
fn truncated_pages() {
    // Inside the request JSON: the error is at the last line.
    let err = seed_error(DESCRIBE_INTEGRATION_TASK, |t| {
        t.lines().take(37).collect::<Vec<_>>().join("\n")
    });
    assert_eq!(err.line, 37, "{err}");
    assert!(err.message.contains("does not parse"), "{err}");
    // Before the output table.
    let err = seed_error(DESCRIBE_INTEGRATION_TASK, |t| {
        t.lines().take(18).collect::<Vec<_>>().join("\n")
    });
    assert!(err.message.contains("no output parameter table"), "{err}");
    // In the middle of a cell-per-line row.
    let err = seed_error(CREATE_INTEGRATION_TASK, |t| {
        t.lines().take(27).collect::<Vec<_>>().join("\n")
    });
    assert_eq!(err.line, 25, "{err}");
    assert!(err.message.contains("3 cell(s), the header has 4"), "{err}");
}

#[test]
fn broken_example_json_names_the_line() {
    let err = seed_error(DESCRIBE_INTEGRATION_TASK, |t| {
        t.replace("\"TaskType\": 201,", "\"TaskType\": 201,,")
    });
    assert_eq!(err.line, 38, "{err}");
    let err = seed_error(GET_TASK_INSTANCE, |t| t.replace("\"IsEnd\": true,", "\"IsEnd\": tru,"));
    assert_eq!(err.line, 103, "{err}");
    assert!(err.message.contains("from line 38"), "{err}");
}

#[test]
fn table_rows_with_missing_cells() {
    let err = seed_error(DESCRIBE_INTEGRATION_TASK, |t| {
        t.replace(
            "TaskId | 是 | String | 任务id 示例值:5c6f6968-97c0-4e40-b25b-8258c0170f4 |",
            "TaskId | 是 | String |",
        )
    });
    assert_eq!(err.line, 15, "{err}");
    assert!(err.message.contains("3 cell(s), the header has 4"), "{err}");
    let err = seed_error(CREATE_INTEGRATION_TASK, |t| {
        t.replace("Yes |\nIntegrationTaskInfo |", "Yes |\nIntegrationTaskInfo")
    });
    assert_eq!(err.line, 25, "{err}");
}

#[test]
fn unreadable_cells() {
    let err = seed_error(DESCRIBE_INTEGRATION_TASK, |t| {
        t.replace("TaskId | 是 | String |", "TaskId | 是 | 字符串 |")
    });
    assert_eq!(err.line, 15, "{err}");
    assert!(err.message.contains("not a type name"), "{err}");
    let err = seed_error(DESCRIBE_INTEGRATION_TASK, |t| {
        t.replace("TaskId | 是 |", "TaskId | 可选 |")
    });
    assert_eq!(err.line, 15, "{err}");
    let err = seed_error(DESCRIBE_INTEGRATION_TASK, |t| {
        t.replace("TaskId | 是 |", "Task Id | 是 |")
    });
    assert!(err.message.contains("not a parameter name"), "{err}");
    let err = seed_error(DESCRIBE_INTEGRATION_TASK, |t| {
        t.replace("ProjectId | 是 |", "TaskId | 是 |")
    });
    assert_eq!(err.line, 16, "{err}");
    assert!(err.message.contains("listed twice"), "{err}");
    let err = seed_error(DESCRIBE_SYNC_JOBS, |t| {
        t.replace("AuthFailure.AuthFailureError |", "Auth Failure |")
    });
    assert_eq!(err.line, 314, "{err}");
}

#[test]
fn no_action_or_version() {
    let err = seed_error(DESCRIBE_INTEGRATION_TASK, |t| {
        t.replace(
            "Action | 是 | String | 公共参数,本接口取值:DescribeIntegrationTask。 |\n",
            "",
        )
    });
    assert_eq!(err.line, 10, "{err}");
    assert!(err.message.contains("no `Action` row"), "{err}");
    let err = seed_error(GET_TASK, |t| t.replace("本接口取值:2025-08-06", "本接口取值:2025-8-6"));
    assert_eq!(err.line, 25, "{err}");
    let err = seed_error(CREATE_INTEGRATION_TASK, |t| {
        t.replace("The value used for this API: CreateIntegrationTask.", "Create it.")
    });
    assert_eq!(err.line, 13, "{err}");
}

#[test]
fn huge_tables_are_checked_for_duplicates_in_linear_time() {
    // 100,000 input rows (156 s when each row was compared with all before it).
    let limit_row = "Limit | 否 | Integer | 返回同步任务实例数量,默认20,有效区间[1,100] 示例值:2 |";
    let rows: String = (0..100_000)
        .map(|i| format!("Param{i} | 否 | String | 第 {i} 个 |\n"))
        .collect();
    let page = text(DESCRIBE_SYNC_JOBS).replacen(limit_row, &format!("{rows}{limit_row}"), 1);
    assert!(parse_page("p.txt", &page).is_ok());
    let duplicated = page.replacen("Param99999 |", "Param7 |", 1);
    let err = error(&duplicated);
    assert!(err.message.contains("`Param7` is listed twice"), "{err}");
}

#[test]
fn output_tables_cut_before_request_id() {
    // Pipe rows: the page stops after the first output row.
    let err = corpus_error("cls.2020-10-16.CreateLogset.en.txt", |t| {
        cut_after(t, "LogsetId | String | Logset ID |")
    });
    assert_eq!(err.line, 14, "{err}");
    assert!(err.message.contains("ends without `RequestId`"), "{err}");
    // Space-separated cells: the page stops inside RequestId's type.
    let err = corpus_error("trocket.2023-03-08.DeleteTopic.en.txt", |t| {
        let at = t.find("RequestId String").unwrap();
        t[..at + "RequestId Str".len()].to_owned()
    });
    assert_eq!(err.line, 34, "{err}");
    assert!(err.message.contains("`RequestId` is typed `Str`"), "{err}");
}

#[test]
fn spaced_rows_with_missing_cells() {
    let err = corpus_error("redis.2018-04-12.DescribeInstanceNodeInfo.zh.txt", |t| {
        t.replace("Limit Integer 列表大小", "Limit 否 列表大小")
    });
    assert_eq!(err.line, 25, "{err}");
    assert!(err.message.contains("`Limit` has no type cell"), "{err}");
    let err = corpus_error("redis.2018-04-12.DescribeInstanceNodeInfo.zh.finance.txt", |t| {
        t.replace("InstanceId String", "InstanceId 是 String")
    });
    assert_eq!(err.line, 23, "{err}");
    assert!(err.message.contains("1 of the 2 yes/no cells"), "{err}");
}

#[test]
fn unknown_layouts_are_named_where_they_show() {
    // A header column this importer does not know: at the header, not at the end of the page.
    let err = corpus_error("hai.2023-08-12.DescribeInstances.zh.finance.txt", |t| {
        t.replace("| 允许NULL |", "| 可为空 |")
    });
    assert_eq!(err.line, 10, "{err}");
    assert!(err.message.contains("`可为空`"), "{err}");
    // A domain label with no domain after it: at the label, not at line 1.
    let err = corpus_error("scf.2018-04-16.Invoke.en.domain.txt", |t| {
        t.replace("scf.tencentcloudapi.com.\n", "")
    });
    assert_eq!(err.line, 3, "{err}");
    assert!(err.message.contains("no domain after it"), "{err}");
    // A real page whose row lost its description cell.
    let err = error(&corpus_pages::text("scf.2018-04-16.CreateNamespace.en.txt"));
    assert_eq!(err.line, 12, "{err}");
    assert!(err.message.contains("3 cell(s), the header has 4"), "{err}");
}
