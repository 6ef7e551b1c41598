//! Errors as a user composes them: common codes typed in every service version, `?` from any
//! version into its service crate's `Error`, across service crates through `Box<dyn Error>`
//! (which downcasts back), metadata through one trait, and causes through `source()`.

use std::error::Error as _;
use std::time::Duration;

use tencentcloud_runtime::{Client as RuntimeClient, Credentials, RetryPolicy};
use tencentcloud_sdk_dts as dts;
use tencentcloud_sdk_wedata::{self as wedata, Error, ProvideErrorMetadata};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

/// The common codes of API 3.0 that the issue names: each must be a variant (not `Unknown`)
/// in every service version, and parse back to the same wire string.
const COMMON: &[&str] = &[
    "AuthFailure.SignatureFailure",
    "AuthFailure.SecretIdNotFound",
    "AuthFailure.TokenFailure",
    "AuthFailure.SignatureExpire",
    "InvalidAction",
    "UnsupportedRegion",
    "RequestLimitExceeded",
    "InternalError",
    "InvalidParameter",
    "MissingParameter",
    "UnauthorizedOperation",
    "RequestLimitExceeded.UinLimitExceeded",
    "ActionOffline",
];

#[test]
fn common_codes_are_typed_in_every_service_version() {
    for code in COMMON {
        let parsed: dts::v20211206::ErrorCode = code.parse().unwrap();
        assert!(!matches!(parsed, dts::v20211206::ErrorCode::Unknown(_)), "dts: {code}");
        assert_eq!(parsed.as_str(), *code);
        let parsed: wedata::v20210820::ErrorCode = code.parse().unwrap();
        assert!(
            !matches!(parsed, wedata::v20210820::ErrorCode::Unknown(_)),
            "wedata 2021: {code}"
        );
        assert_eq!(parsed.as_str(), *code);
        let parsed: wedata::v20250806::ErrorCode = code.parse().unwrap();
        assert!(
            !matches!(parsed, wedata::v20250806::ErrorCode::Unknown(_)),
            "wedata 2025: {code}"
        );
        assert_eq!(parsed.as_str(), *code);
    }
    assert_eq!(
        "AuthFailure.SignatureExpire".parse::<dts::v20211206::ErrorCode>(),
        Ok(dts::v20211206::ErrorCode::AuthFailureSignatureExpire)
    );
    // A code added after generation still parses, and keeps its text.
    let new: wedata::v20250806::ErrorCode = "FailedOperation.SomethingNew".parse().unwrap();
    assert_eq!(
        new,
        wedata::v20250806::ErrorCode::Unknown("FailedOperation.SomethingNew".into())
    );
}

/// A server that answers every request with `Response.Error` of `code`.
async fn error_server(code: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let (mut socket, _) = listener.accept().await.unwrap();
            tokio::spawn(async move {
                let mut buffer = vec![0u8; 64 * 1024];
                let _ = tokio::io::AsyncReadExt::read(&mut socket, &mut buffer).await;
                let body = format!(
                    r#"{{"Response":{{"Error":{{"Code":"{code}","Message":"the message"}},"RequestId":"req-42"}}}}"#
                );
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(reply.as_bytes()).await;
            });
        }
    });
    endpoint
}

fn runtime(endpoint: &str, retry: RetryPolicy) -> RuntimeClient {
    RuntimeClient::builder()
        .credentials(Credentials::new("AKIDerrors", "errors-key"))
        .endpoint(endpoint)
        .timeout(Duration::from_secs(5))
        .retry(retry)
        .build()
        .unwrap()
}

/// Calls two versions of a service in one function returning the crate's error: `?` converts
/// both.
async fn list_both(runtime: RuntimeClient) -> Result<(), Error> {
    let old = wedata::v20210820::Client::new(runtime.clone());
    let new = wedata::v20250806::Client::new(runtime);
    new.list_projects(&wedata::v20250806::ListProjectsRequest::new())
        .await?;
    old.describe_base_biz_catalogs(&wedata::v20210820::DescribeBaseBizCatalogsRequest::new())
        .await?;
    Ok(())
}

/// Calls two service crates in one function: each crate's error boxes with `?`.
async fn across_services(runtime: RuntimeClient) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let dts = dts::v20211206::Client::new(runtime.clone());
    list_both(runtime).await?;
    dts.describe_sync_jobs(&dts::v20211206::DescribeSyncJobsRequest::new())
        .await?;
    Ok(())
}

#[tokio::test]
async fn errors_of_service_crates_compose_through_a_box_that_downcasts_back() {
    let endpoint = error_server("AuthFailure.SignatureExpire").await;
    let err = across_services(runtime(&endpoint, RetryPolicy::disabled()))
        .await
        .unwrap_err();
    let typed = err.downcast_ref::<Error>().expect("the wedata crate's error");
    assert!(matches!(typed, Error::V20250806(_)), "{typed:?}");
    assert_eq!(typed.code(), Some("AuthFailure.SignatureExpire"));
    // The box keeps Display and the chain of the error inside.
    assert_eq!(err.to_string(), typed.to_string());
    assert!(err.source().is_some());
}

#[tokio::test]
async fn any_service_error_converts_into_the_crate_error_keeping_its_typed_code() {
    let endpoint = error_server("AuthFailure.SignatureExpire").await;
    let err = list_both(runtime(&endpoint, RetryPolicy::disabled()))
        .await
        .unwrap_err();
    let Error::V20250806(inner) = &err else {
        panic!("expected the wedata 2025-08-06 variant: {err:?}");
    };
    assert_eq!(
        inner.code(),
        Some(&wedata::v20250806::ErrorCode::AuthFailureSignatureExpire)
    );
    assert_eq!(err.code(), Some("AuthFailure.SignatureExpire"));
    assert_eq!(err.message(), Some("the message"));
    assert_eq!(err.request_id(), Some("req-42"));
    assert_eq!(err.action(), Some("ListProjects"));
    assert_eq!(err.to_string(), inner.to_string());
    // The API error is the cause, as for the inner error.
    assert!(err
        .source()
        .unwrap()
        .to_string()
        .starts_with("AuthFailure.SignatureExpire: the message"));
    // Through a trait object as well.
    let meta: &dyn ProvideErrorMetadata = &err;
    assert_eq!(meta.code(), Some("AuthFailure.SignatureExpire"));
}

#[tokio::test]
async fn a_refused_connection_is_the_cause_at_the_end_of_the_chain_through_retries() {
    // A port nobody listens on: bind, note the port, close.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let retry = RetryPolicy {
        max_attempts: 2,
        base_delay: Duration::from_millis(1),
        ..RetryPolicy::default()
    };
    let err = list_both(runtime(&format!("http://127.0.0.1:{port}/"), retry))
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::V20250806(e) if e.attempts() == 2), "{err:?}");
    // Display says what happened without walking the chain ...
    let shown = err.to_string();
    assert!(
        shown.contains("ListProjects") && shown.contains("after 2 attempts"),
        "{shown}"
    );
    // ... and the chain reaches the operating system's words.
    let mut chain = Vec::new();
    let mut cause = err.source();
    while let Some(e) = cause {
        chain.push(e.to_string());
        cause = e.source();
    }
    assert!(
        chain
            .iter()
            .any(|c| c.contains("Connection refused") || c.contains("os error 111")),
        "{chain:#?}"
    );
    assert_eq!(ProvideErrorMetadata::code(&err), None);
}

#[test]
fn runtime_errors_convert_too() {
    let err: Error = RuntimeClient::builder().region("").build().unwrap_err().into();
    assert!(matches!(err, Error::Runtime(_)));
    assert!(err.to_string().contains("region"));
    assert_eq!(err.action(), None);
}
