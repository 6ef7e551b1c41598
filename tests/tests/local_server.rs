//! A generated action against a local HTTP server started by the test: the request carries
//! the documented headers and body, and a signature the test recomputes from the documented
//! TC3-HMAC-SHA256 algorithm (independently of the runtime's signer); the response is
//! decoded into the generated type, and an API error into the generated error code.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use tencentcloud_runtime::{Client as RuntimeClient, Credentials};
use tencentcloud_sdk_wedata::v20210820::{Client, DescribeIntegrationTaskRequest, ErrorCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const SECRET_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const TIMESTAMP: u64 = 1_735_689_600; // 2025-01-01T00:00:00Z

/// One received request: lower-cased header names.
struct Received {
    request_line: String,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

/// Serves one connection with `response_body`, returning what was received.
async fn serve_once(response_body: String) -> (String, tokio::task::JoinHandle<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let handle = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buffer = Vec::new();
        let header_end = loop {
            let mut chunk = [0u8; 4096];
            let n = socket.read(&mut chunk).await.unwrap();
            assert!(n > 0, "connection closed before the headers ended");
            buffer.extend_from_slice(&chunk[..n]);
            if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at;
            }
        };
        let head = String::from_utf8(buffer[..header_end].to_vec()).unwrap();
        let mut lines = head.split("\r\n");
        let request_line = lines.next().unwrap().to_owned();
        let headers: BTreeMap<String, String> = lines
            .map(|line| {
                let (name, value) = line.split_once(':').unwrap();
                (name.trim().to_ascii_lowercase(), value.trim().to_owned())
            })
            .collect();
        let length: usize = headers.get("content-length").map_or(0, |v| v.parse().unwrap());
        let mut body = buffer[header_end + 4..].to_vec();
        while body.len() < length {
            let mut chunk = [0u8; 4096];
            let n = socket.read(&mut chunk).await.unwrap();
            assert!(n > 0, "connection closed before the body ended");
            body.extend_from_slice(&chunk[..n]);
        }
        let reply = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{response_body}",
            response_body.len()
        );
        socket.write_all(reply.as_bytes()).await.unwrap();
        Received {
            request_line,
            headers,
            body,
        }
    });
    (endpoint, handle)
}

fn client(endpoint: &str) -> Client {
    let runtime = RuntimeClient::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .region("ap-guangzhou")
        .endpoint(endpoint)
        .timeout(Duration::from_secs(10))
        .clock(|| SystemTime::UNIX_EPOCH + Duration::from_secs(TIMESTAMP))
        .build()
        .unwrap();
    Client::new(runtime)
}

/// The documented algorithm, written out here rather than taken from the runtime.
fn expected_authorization(host: &str, content_type: &str, body: &[u8]) -> String {
    fn hmac(key: &[u8], data: &str) -> Vec<u8> {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
        mac.update(data.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
    let hex_sha = |data: &[u8]| hex::encode(Sha256::digest(data));
    let canonical = format!(
        "POST\n/\n\ncontent-type:{content_type}\nhost:{host}\n\ncontent-type;host\n{}",
        hex_sha(body)
    );
    let scope = "2025-01-01/wedata/tc3_request";
    let to_sign = format!(
        "TC3-HMAC-SHA256\n{TIMESTAMP}\n{scope}\n{}",
        hex_sha(canonical.as_bytes())
    );
    let k_date = hmac(format!("TC3{SECRET_KEY}").as_bytes(), "2025-01-01");
    let k_service = hmac(&k_date, "wedata");
    let k_signing = hmac(&k_service, "tc3_request");
    let signature = hex::encode(hmac(&k_signing, &to_sign));
    format!("TC3-HMAC-SHA256 Credential={SECRET_ID}/{scope}, SignedHeaders=content-type;host, Signature={signature}")
}

/// The seed page's response example (request id `4ec1ea77-...`), from the spec.
fn seed_example_response() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../api-specs/wedata/2021-08-20.json");
    let spec = tencentcloud_codegen::spec::load_spec(std::path::Path::new(path)).unwrap();
    let example = spec.actions["DescribeIntegrationTask"]
        .examples
        .iter()
        .filter_map(|e| e.output.as_ref())
        .find(|output| output["Response"]["RequestId"] == "4ec1ea77-7729-47bc-b541-e73412fc5fd7")
        .expect("the seed page's example is in the spec");
    serde_json::to_string(example).unwrap()
}

#[tokio::test]
async fn generated_action_signs_sends_and_decodes() {
    let (endpoint, server) = serve_once(seed_example_response()).await;
    let mut request = DescribeIntegrationTaskRequest::new("task-1", "1486446569620893696");
    request.task_type = Some(201.into());

    let response = client(&endpoint).describe_integration_task(&request).await.unwrap();
    let received = server.await.unwrap();

    assert_eq!(received.request_line, "POST / HTTP/1.1");
    let h = &received.headers;
    let host = endpoint.trim_start_matches("http://");
    assert_eq!(h["host"], host);
    assert_eq!(h["content-type"], "application/json");
    assert_eq!(h["x-tc-action"], "DescribeIntegrationTask");
    assert_eq!(h["x-tc-version"], "2021-08-20");
    assert_eq!(h["x-tc-timestamp"], TIMESTAMP.to_string());
    assert_eq!(h["x-tc-region"], "ap-guangzhou");
    assert!(!h.contains_key("x-tc-token"), "no session token was configured");
    let body: serde_json::Value = serde_json::from_slice(&received.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"TaskId": "task-1", "ProjectId": "1486446569620893696", "TaskType": 201})
    );
    assert_eq!(
        h["authorization"],
        expected_authorization(host, "application/json", &received.body)
    );

    let task = response.task_info.expect("the example has TaskInfo");
    assert_eq!(task.task_name.as_deref(), Some("testtaskname"));
    assert_eq!(response.request_id, "4ec1ea77-7729-47bc-b541-e73412fc5fd7");
}

#[tokio::test]
async fn api_error_becomes_the_generated_error_code() {
    let body =
        r#"{"Response": {"Error": {"Code": "ResourceNotFound", "Message": "no such task"}, "RequestId": "req-1"}}"#;
    let (endpoint, server) = serve_once(body.to_owned()).await;
    let request = DescribeIntegrationTaskRequest::new("task-1", "p");

    let err = client(&endpoint).describe_integration_task(&request).await.unwrap_err();
    server.await.unwrap();

    let api = err.api_error().expect("an API error");
    assert_eq!(api.code, ErrorCode::ResourceNotFound);
    assert_eq!(api.message, "no such task");
    assert_eq!(api.request_id, "req-1");
    assert_eq!(api.action, "DescribeIntegrationTask");
    let shown = err.to_string();
    assert!(
        shown.contains("ResourceNotFound") && shown.contains("no such task") && shown.contains("req-1"),
        "{shown}"
    );
}

#[tokio::test]
async fn undocumented_code_falls_back_to_unknown() {
    let body = r#"{"Response": {"Error": {"Code": "InvalidAction.Brand.New", "Message": "m"}, "RequestId": "r"}}"#;
    let (endpoint, server) = serve_once(body.to_owned()).await;
    let err = client(&endpoint)
        .describe_integration_task(&DescribeIntegrationTaskRequest::new("t", "p"))
        .await
        .unwrap_err();
    server.await.unwrap();
    assert_eq!(err.code(), Some(&ErrorCode::Unknown("InvalidAction.Brand.New".into())));
    assert_eq!(err.code().map(ErrorCode::as_str), Some("InvalidAction.Brand.New"));
}

/// The policy for required members a response leaves out: they keep their empty value (and
/// the runtime logs a warning naming them; see the runtime's tracing tests).
#[tokio::test]
async fn response_without_request_id_decodes_with_an_empty_one() {
    let body = r#"{"Response": {"TaskInfo": null}}"#;
    let (endpoint, server) = serve_once(body.to_owned()).await;
    let response = client(&endpoint)
        .describe_integration_task(&DescribeIntegrationTaskRequest::new("t", "p"))
        .await
        .unwrap();
    server.await.unwrap();
    assert_eq!(response.request_id, "");
    assert!(response.task_info.is_none());
}
