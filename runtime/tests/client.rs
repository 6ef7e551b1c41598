//! `Client::call` against a local HTTP server.

mod support;

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use support::{expected_authorization, serve_once, Answer};
use tencentcloud_runtime::credentials::{DefaultChain, EnvProvider, InstanceRoleProvider, ProfileProvider};
use tencentcloud_runtime::{
    ActionInfo, Client, Credentials, Error, ErrorCode, Language, RetryPolicy, ServiceInfo, UnknownCode,
};

static DTS: ServiceInfo = ServiceInfo {
    name: "dts",
    version: "2021-12-06",
};
static DESCRIBE: ActionInfo = ActionInfo::new("DescribeMigrationJobs").read_only().with_rate_limit(20);

const ID: &str = "AKIDTMPz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const KEY: &str = "TmpGu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const TOKEN: &str = "EXAMPLETOKENabcdefghijklmnopqrstuvwxyz0123456789";

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Input {
    limit: u32,
    offset: u32,
    name: &'static str,
}
tencentcloud_runtime::via_serde!(encode: Input);

const INPUT: Input = Input {
    limit: 10,
    offset: 0,
    name: "数据",
};

#[derive(Debug, Deserialize, PartialEq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct Output {
    total_count: u32,
    job_list: Vec<Job>,
    request_id: String,
}
tencentcloud_runtime::via_serde!(Output);

#[derive(Debug, Deserialize, PartialEq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct Job {
    job_id: String,
    detail: Detail,
}
tencentcloud_runtime::via_serde!(Job);

#[derive(Debug, Deserialize, PartialEq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct Detail {
    step_now: u32,
}
tencentcloud_runtime::via_serde!(Detail);

fn pinned() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

/// Tests here pin the outcome of a single exchange; retries are covered in `faults.rs`.
fn client(endpoint: &str) -> Client {
    Client::builder()
        .credentials(Credentials::new(ID, KEY).with_token(TOKEN))
        .region("ap-shanghai")
        .language(Language::EnUs)
        .endpoint(endpoint)
        .clock(pinned)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap()
}

async fn call_with(answer: Answer) -> Result<Output, Error> {
    let (endpoint, server) = serve_once(answer).await;
    let result = client(&endpoint).call(&DTS, &DESCRIBE, &INPUT).await;
    server.abort();
    result
}

#[tokio::test]
async fn sends_signed_headers_and_body_and_unwraps_the_result() {
    let (endpoint, server) = serve_once(Answer::Status(
        200,
        r#"{"Response":{"TotalCount":1,"JobList":[{"JobId":"dts-1","Detail":{"StepNow":3},"New":true}],"RequestId":"req-123"}}"#,
    ))
    .await;
    let output: Output = client(&endpoint)
        .call::<_, _, UnknownCode>(&DTS, &DESCRIBE, &INPUT)
        .await
        .unwrap();
    assert_eq!(
        output,
        Output {
            total_count: 1,
            job_list: vec![Job {
                job_id: "dts-1".into(),
                detail: Detail { step_now: 3 }
            }],
            request_id: "req-123".into()
        }
    );

    let r = server.await.unwrap();
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/"));
    assert_eq!(r.body, r#"{"Limit":10,"Offset":0,"Name":"数据"}"#.as_bytes());
    let host = endpoint.trim_start_matches("http://").trim_end_matches('/');
    assert_eq!(r.header("host"), Some(host));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("x-tc-action"), Some("DescribeMigrationJobs"));
    assert_eq!(r.header("x-tc-version"), Some("2021-12-06"));
    assert_eq!(r.header("x-tc-timestamp"), Some("1700000000"));
    assert_eq!(r.header("x-tc-region"), Some("ap-shanghai"));
    assert_eq!(r.header("x-tc-language"), Some("en-US"));
    assert_eq!(r.header("x-tc-token"), Some(TOKEN));
    assert_eq!(
        r.header("x-tc-requestclient"),
        Some(concat!("tencentcloud-sdk-rust/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(
        r.header("authorization"),
        Some(expected_authorization(&r, "dts", ID, KEY).as_str())
    );
    assert!(r
        .header("authorization")
        .unwrap()
        .contains("/2023-11-14/dts/tc3_request"));
    assert!(r.headers.iter().all(|(_, v)| !v.contains(KEY)));
}

#[tokio::test]
async fn optional_headers_are_absent_when_unset() {
    let (endpoint, server) = serve_once(Answer::Status(200, r#"{"Response":{"RequestId":"r"}}"#)).await;
    let client = Client::builder()
        .credentials(Credentials::new(ID, KEY))
        .region_from_env(false)
        .endpoint(&endpoint)
        .build()
        .unwrap();
    let _: serde_json::Value = client
        .call::<_, _, UnknownCode>(&DTS, &DESCRIBE, &serde_json::json!({}))
        .await
        .unwrap();
    let r = server.await.unwrap();
    for name in ["x-tc-region", "x-tc-token", "x-tc-language"] {
        assert_eq!(r.header(name), None, "{name}");
    }
    // Unpinned clock: the signature must still match what was sent.
    assert_eq!(
        r.header("authorization"),
        Some(expected_authorization(&r, "dts", ID, KEY).as_str())
    );
}

/// A generated-style error-code enum.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
enum DtsCode {
    SignatureExpire,
    Unknown(String),
}

impl ErrorCode for DtsCode {
    fn from_code(code: &str) -> Self {
        match code {
            "AuthFailure.SignatureExpire" => DtsCode::SignatureExpire,
            other => DtsCode::Unknown(other.to_owned()),
        }
    }
    fn as_code(&self) -> &str {
        match self {
            DtsCode::SignatureExpire => "AuthFailure.SignatureExpire",
            DtsCode::Unknown(code) => code,
        }
    }
}

impl fmt::Display for DtsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_code())
    }
}

const SIGNATURE_EXPIRE: &str = r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"Signature expired."},"RequestId":"req-err"}}"#;

#[tokio::test]
async fn error_envelope_becomes_api_error_with_the_typed_code() {
    let (endpoint, server) = serve_once(Answer::Status(200, SIGNATURE_EXPIRE)).await;
    let err = client(&endpoint)
        .call::<_, Output, DtsCode>(&DTS, &DESCRIBE, &INPUT)
        .await
        .unwrap_err();
    server.abort();
    let api = err.api_error().unwrap();
    assert_eq!(api.code, DtsCode::SignatureExpire);
    assert_eq!(api.message, "Signature expired.");
    assert_eq!(api.request_id, "req-err");
    assert_eq!((api.service, api.action), ("dts", "DescribeMigrationJobs"));
    assert_eq!(err.request_id(), Some("req-err"));
    assert_eq!(
        err.to_string(),
        "dts DescribeMigrationJobs: AuthFailure.SignatureExpire: Signature expired. (request id req-err)"
    );
}

#[tokio::test]
async fn unknown_codes_fall_back_to_the_plain_string() {
    let err = call_with(Answer::Status(
        200,
        r#"{"Response":{"Error":{"Code":"FailedOperation.New","Message":"m"},"RequestId":"r9"}}"#,
    ))
    .await
    .unwrap_err();
    assert_eq!(err.code(), Some(&UnknownCode("FailedOperation.New".into())));
}

#[tokio::test]
async fn non_200_status_is_an_http_error() {
    let err = call_with(Answer::Status(502, "<html>Bad Gateway</html>"))
        .await
        .unwrap_err();
    match &err {
        Error::Http {
            action,
            status,
            body_excerpt,
            code,
            retry_after,
        } => {
            assert_eq!((*action, *status), ("DescribeMigrationJobs", 502));
            assert!(code.is_none() && retry_after.is_none());
            assert_eq!(body_excerpt, "<html>Bad Gateway</html>");
        }
        other => panic!("expected Error::Http, got {other:?}"),
    }
    assert!(err.to_string().starts_with("DescribeMigrationJobs: HTTP status 502"));
}

#[tokio::test]
async fn non_json_body_is_a_decode_error() {
    let err = call_with(Answer::Status(200, "upstream timeout")).await.unwrap_err();
    match err {
        Error::Decode {
            action,
            message,
            body_excerpt,
            ..
        } => {
            assert_eq!(action, "DescribeMigrationJobs");
            assert!(message.starts_with("response body is not JSON"), "{message}");
            assert_eq!(body_excerpt, "upstream timeout");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn wrong_field_type_is_a_decode_error_naming_the_path() {
    let err = call_with(Answer::Status(
        200,
        r#"{"Response":{"TotalCount":1,"JobList":[{"JobId":"a","Detail":{"StepNow":1}},{"JobId":"b","Detail":{"StepNow":"two"}}],"RequestId":"r"}}"#,
    ))
    .await
    .unwrap_err();
    match err {
        Error::Decode {
            path,
            message,
            body_excerpt,
            ..
        } => {
            assert_eq!(path, "Response.JobList[1].Detail.StepNow");
            assert!(message.contains("invalid type: string \"two\""), "{message}");
            assert!(body_excerpt.contains(r#""StepNow":"two""#), "{body_excerpt}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn neither_error_nor_result_is_a_decode_error() {
    let err = call_with(Answer::Status(200, r#"{"Response":{"RequestId":"r"}}"#))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Decode { path, message, .. } if path == "Response" && message.contains("missing field `TotalCount`")),
        "{err:?}"
    );
    let err = call_with(Answer::Status(200, r#"{"Other":{}}"#)).await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode { path, .. } if path == "Response"),
        "{err:?}"
    );
}

#[tokio::test]
async fn stalled_server_times_out() {
    let (endpoint, server) = serve_once(Answer::Stall).await;
    let client = Client::builder()
        .credentials(Credentials::new(ID, KEY))
        .endpoint(&endpoint)
        .timeout(Duration::from_millis(300))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = client
        .call::<_, Output, UnknownCode>(&DTS, &DESCRIBE, &INPUT)
        .await
        .unwrap_err();
    server.abort();
    assert!(
        matches!(
            err,
            Error::Timeout {
                action: "DescribeMigrationJobs"
            }
        ),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn refused_connection_is_a_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}/", listener.local_addr().unwrap());
    drop(listener);
    let err = client(&endpoint)
        .call::<_, Output, UnknownCode>(&DTS, &DESCRIBE, &INPUT)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                action: "DescribeMigrationJobs",
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn missing_credentials_fail_before_any_request() {
    // The default order, with the metadata service on a closed local port instead of the real one.
    let chain = DefaultChain::with_providers(vec![
        Box::new(EnvProvider::from_lookup(|_| None)),
        Box::new(ProfileProvider::from_lookup(|_| None)),
        Box::new(InstanceRoleProvider::new().base_url("http://127.0.0.1:9/")),
    ]);
    let client = Client::builder()
        .credentials_provider(chain)
        .endpoint("http://127.0.0.1:9/")
        .build()
        .unwrap();
    let err = client
        .call::<_, Output, UnknownCode>(&DTS, &DESCRIBE, &INPUT)
        .await
        .unwrap_err();
    match err {
        Error::Credentials(error) => {
            let message = error.to_string();
            assert!(
                message.starts_with("no credentials found; tried environment")
                    && message.contains("; instance role: metadata service unreachable at http://127.0.0.1:9/"),
                "{message}"
            )
        }
        other => panic!("expected Error::Credentials, got {other:?}"),
    }
}

#[test]
fn client_is_clone_send_sync() {
    fn assert_traits<T: Clone + Send + Sync + 'static>() {}
    assert_traits::<Client>();
    fn assert_error<T: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error>();
    assert_error::<Error<DtsCode>>();
}

#[tokio::test]
async fn the_call_future_owns_what_it_needs_and_can_be_spawned() {
    let (endpoint, server) = serve_once(Answer::Status(200, r#"{"Response":{"RequestId":"r"}}"#)).await;
    let future = {
        // Input and client are dropped before the future first runs.
        let input = serde_json::json!({"Name": String::from("owned")});
        client(&endpoint).call::<_, serde_json::Value, UnknownCode>(&DTS, &DESCRIBE, &input)
    };
    let output = tokio::spawn(future).await.unwrap().unwrap();
    assert_eq!(output["RequestId"], "r");
    assert_eq!(server.await.unwrap().body, br#"{"Name":"owned"}"#);
}

#[tokio::test]
async fn an_input_that_cannot_encode_fails_on_await_naming_the_action() {
    // JSON object keys must be strings; serde_json refuses this map.
    #[derive(Serialize)]
    struct Input(std::collections::BTreeMap<(u8, u8), u8>);
    tencentcloud_runtime::via_serde!(encode: Input);
    let input = Input([((1, 2), 3)].into());
    let err = client("http://127.0.0.1:9/")
        .call::<_, serde_json::Value, UnknownCode>(&DTS, &DESCRIBE, &input)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Encode {
                action: "DescribeMigrationJobs",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 0);
}

/// STS's token exchanges are called unsigned, as the official SDKs call them: no credentials
/// are looked up (none exist yet), `Authorization: SKIP`, no session token.
#[tokio::test]
async fn unsigned_actions_send_skip_and_need_no_credentials() {
    static STS: ServiceInfo = ServiceInfo {
        name: "sts",
        version: "2018-08-13",
    };
    static WEB_IDENTITY: ActionInfo = ActionInfo::new("AssumeRoleWithWebIdentity").unsigned();
    let (endpoint, server) = serve_once(Answer::Status(200, r#"{"Response":{"RequestId":"r"}}"#)).await;
    // Every source fails: a signed call would stop with `Error::Credentials` before sending.
    let nothing = DefaultChain::with_providers(vec![Box::new(EnvProvider::from_lookup(|_| None))]);
    let client = Client::builder()
        .credentials_provider(nothing)
        .region("ap-guangzhou")
        .endpoint(&endpoint)
        .build()
        .unwrap();
    let _: serde_json::Value = client
        .call::<_, _, UnknownCode>(&STS, &WEB_IDENTITY, &serde_json::json!({"RoleSessionName": "ci"}))
        .await
        .unwrap();
    let r = server.await.unwrap();
    assert_eq!(r.header("authorization"), Some("SKIP"));
    assert_eq!(r.header("x-tc-token"), None);
    assert_eq!(r.header("x-tc-action"), Some("AssumeRoleWithWebIdentity"));
    assert_eq!(r.header("x-tc-version"), Some("2018-08-13"));
    assert_eq!(r.header("x-tc-region"), Some("ap-guangzhou"));
    assert!(r.header("x-tc-timestamp").is_some());
}
