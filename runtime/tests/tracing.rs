//! What a call logs: the span's fields on every outcome, and never a secret.

// Each test binary uses a different part of the shared helpers.
#[allow(dead_code)]
mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use support::{expected_authorization, serve_once, Answer};
use tencentcloud_runtime::{ActionInfo, Client, Credentials, ServiceInfo};

static DTS: ServiceInfo = ServiceInfo {
    name: "dts",
    version: "2021-12-06",
};
static DESCRIBE: ActionInfo = ActionInfo::new("DescribeMigrationJobs").read_only();

const ID: &str = "AKIDexample";
const KEY: &str = "secret-key-SENSITIVE";
const TOKEN: &str = "session-token-SENSITIVE";

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Buffer {
    fn take(&self) -> String {
        String::from_utf8(std::mem::take(&mut *self.0.lock().unwrap())).unwrap()
    }
}

/// Calls once against a server answering `body` (status `status`); returns the log output, the
/// Authorization the server received (checked against an independent signer).
async fn logged_call(status: u16, body: &'static str) -> (String, String) {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // The test runtime is single-threaded, so the whole call runs under this subscriber.
    let _guard = tracing::subscriber::set_default(subscriber);
    let (endpoint, server) = serve_once(Answer::Status(status, body)).await;
    let client = Client::builder()
        .credentials(Credentials::new(ID, KEY).with_token(TOKEN))
        .region("ap-shanghai")
        .endpoint(&endpoint)
        .build()
        .unwrap();
    let _ = client
        .call::<_, serde_json::Value, tencentcloud_runtime::UnknownCode>(&DTS, &DESCRIBE, &serde_json::json!({}))
        .await;
    let received = server.await.unwrap();
    let authorization = expected_authorization(&received, "dts", ID, KEY);
    assert_eq!(received.header("authorization"), Some(authorization.as_str()));
    (buffer.take(), authorization)
}

fn assert_fields_and_no_secret(logged: &str, authorization: &str, expected: &[&str]) {
    let span_fields = [
        "tencentcloud.call{",
        r#"service="dts""#,
        r#"version="2021-12-06""#,
        r#"action="DescribeMigrationJobs""#,
        r#"region="ap-shanghai""#,
    ];
    for field in span_fields.iter().chain(expected) {
        assert!(logged.contains(field), "`{field}` missing from:\n{logged}");
    }
    assert!(!logged.contains("SENSITIVE"), "secret logged:\n{logged}");
    // The signature would let the request be replayed for minutes.
    let signature = authorization.rsplit("Signature=").next().unwrap();
    assert!(!logged.contains(signature), "signature logged:\n{logged}");
}

#[tokio::test]
async fn success_logs_the_request_id_in_the_call_span() {
    let (logged, authorization) = logged_call(200, r#"{"Response":{"RequestId":"req-ok-1"}}"#).await;
    assert_fields_and_no_secret(
        &logged,
        &authorization,
        &[r#"request_id="req-ok-1""#, "result received"],
    );
}

#[tokio::test]
async fn service_error_logs_code_and_request_id() {
    let (logged, authorization) = logged_call(
        200,
        r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad"},"RequestId":"req-err-1"}}"#,
    )
    .await;
    assert_fields_and_no_secret(
        &logged,
        &authorization,
        &[r#"request_id="req-err-1""#, r#"code="AuthFailure.SignatureFailure""#],
    );
}

#[tokio::test]
async fn http_failure_logs_its_kind() {
    let (logged, authorization) = logged_call(502, "bad gateway").await;
    assert_fields_and_no_secret(&logged, &authorization, &[r#"kind="http""#, "call failed"]);
}

/// A response shape as generated: `RequestId` and `Total` required, missing ones corrected.
#[derive(Debug)]
struct Listing {
    total: u64,
    request_id: String,
}

impl tencentcloud_runtime::shape::Shape for Listing {
    const NAME: &'static str = "ListingResponse";
    const REQUIRED: &'static [&'static str] = &["Total", "RequestId"];
    const CORRECT_MISSING: bool = true;
    fn empty() -> Self {
        Listing {
            total: 0,
            request_id: String::new(),
        }
    }
}

impl tencentcloud_runtime::shape::Fields for Listing {
    fn field(
        &mut self,
        key: &str,
        r: &mut tencentcloud_runtime::codec::Reader<'_>,
    ) -> Result<Option<usize>, tencentcloud_runtime::codec::DecodeError> {
        match key {
            "Total" => r.required(&mut self.total, 0),
            "RequestId" => r.required(&mut self.request_id, 1),
            _ => r.unknown(),
        }
    }
}

impl tencentcloud_runtime::codec::Decode for Listing {
    fn decode(
        r: &mut tencentcloud_runtime::codec::Reader<'_>,
    ) -> Result<Self, tencentcloud_runtime::codec::DecodeError> {
        tencentcloud_runtime::shape::decode(r)
    }
}

#[tokio::test]
async fn a_corrected_response_logs_what_was_missing() {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let (endpoint, server) = serve_once(Answer::Status(200, r#"{"Response":{"RequestId":null}}"#)).await;
    let client = Client::builder()
        .credentials(Credentials::new(ID, KEY))
        .endpoint(&endpoint)
        .build()
        .unwrap();
    let listing: Listing = client
        .call::<_, Listing, tencentcloud_runtime::UnknownCode>(&DTS, &DESCRIBE, &serde_json::json!({}))
        .await
        .unwrap();
    server.await.unwrap();
    assert_eq!((listing.total, listing.request_id.as_str()), (0, ""));
    let logged = buffer.take();
    for expected in [
        "WARN",
        "a required member is missing from the response",
        r#"action="DescribeMigrationJobs""#,
        r#"shape="ListingResponse""#,
        r#"member="Total""#,
        r#"member="RequestId""#,
    ] {
        assert!(logged.contains(expected), "`{expected}` missing from:\n{logged}");
    }
}
