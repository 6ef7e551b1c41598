//! The providers against a local STS: what they send (signed with the base credentials, or
//! unsigned with the token file's content), what they cache, when they refresh, and their
//! errors.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tencentcloud_credentials_sts::{AssumeRoleProvider, Error, WebIdentityProvider};
use tencentcloud_runtime::credentials::{CredentialsError, StaticProvider};
use tencentcloud_runtime::{Client as RuntimeClient, ClientBuilder, Credentials, ProvideCredentials, RetryPolicy};
// The generated STS client, to call with the assumed credentials.
use tencentcloud_sdk_sts::v20180813 as sts;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const BASE_ID: &str = "AKIDbase";
const BASE_KEY: &str = "base-key-SENSITIVE";
const ROLE_ARN: &str = "qcs::cam::uin/100000000001:roleName/reader";
/// Signing time of the STS clients (2025-01-01T00:00:00Z).
const SIGNED_AT: u64 = 1_735_689_600;
/// The providers' clock at the start; the credentials expire an hour later.
const START: u64 = 1_800_000_000;
const EXPIRES: u64 = START + 3600;
const TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.web-identity-SENSITIVE.sig";

#[derive(Clone, Debug)]
struct Received {
    headers: BTreeMap<String, String>,
    raw_body: Vec<u8>,
    body: Value,
}

type Reply = Arc<dyn Fn(&Received) -> String + Send + Sync>;

/// A local STS: records each request and answers with `reply(request)`, one request per
/// connection.
struct Server {
    endpoint: String,
    received: Arc<Mutex<Vec<Received>>>,
    reply: Arc<Mutex<Reply>>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    async fn start(reply: impl Fn(&Received) -> String + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let reply: Arc<Mutex<Reply>> = Arc::new(Mutex::new(Arc::new(reply)));
        let (r, p) = (received.clone(), reply.clone());
        let task = tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let (received, reply) = (r.clone(), p.clone());
                tokio::spawn(async move {
                    let mut buffer = Vec::new();
                    let header_end = loop {
                        let mut chunk = [0u8; 4096];
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                            break at;
                        }
                    };
                    let head = String::from_utf8(buffer[..header_end].to_vec()).unwrap();
                    let headers: BTreeMap<String, String> = head
                        .split("\r\n")
                        .skip(1)
                        .filter_map(|line| line.split_once(':'))
                        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
                        .collect();
                    let length: usize = headers.get("content-length").map_or(0, |v| v.parse().unwrap());
                    let mut raw_body = buffer[header_end + 4..].to_vec();
                    while raw_body.len() < length {
                        let mut chunk = [0u8; 4096];
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => raw_body.extend_from_slice(&chunk[..n]),
                        }
                    }
                    let request = Received {
                        body: serde_json::from_slice(&raw_body).unwrap(),
                        headers,
                        raw_body,
                    };
                    let reply = reply.lock().unwrap().clone();
                    let body = reply(&request);
                    received.lock().unwrap().push(request);
                    let response = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = socket.write_all(response.as_bytes()).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        Server {
            endpoint,
            received,
            reply,
            task,
        }
    }

    fn set(&self, reply: impl Fn(&Received) -> String + Send + Sync + 'static) {
        *self.reply.lock().unwrap() = Arc::new(reply);
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// The STS client settings of the providers under test: this server, a fixed signing
    /// time, one attempt.
    fn configure(&self) -> impl Fn(ClientBuilder) -> ClientBuilder + Send + Sync + 'static {
        let endpoint = self.endpoint.clone();
        move |b: ClientBuilder| {
            b.endpoint(&endpoint)
                .clock(|| UNIX_EPOCH + Duration::from_secs(SIGNED_AT))
                .retry(RetryPolicy::disabled())
                .timeout(Duration::from_secs(10))
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A clock the test moves by hand.
#[derive(Clone)]
struct Clock(Arc<AtomicU64>);

impl Clock {
    fn new() -> Clock {
        Clock(Arc::new(AtomicU64::new(START)))
    }

    fn set(&self, unix_seconds: u64) {
        self.0.store(unix_seconds, Ordering::SeqCst);
    }

    fn now_fn(&self) -> impl Fn() -> SystemTime + Send + Sync + 'static {
        let at = self.0.clone();
        move || UNIX_EPOCH + Duration::from_secs(at.load(Ordering::SeqCst))
    }
}

fn credentials_response(id: &str, key: &str, token: &str, expires: u64) -> String {
    json!({"Response": {
        "Credentials": {"Token": token, "TmpSecretId": id, "TmpSecretKey": key},
        "ExpiredTime": expires,
        "Expiration": "2027-01-15T08:00:00Z",
        "RequestId": format!("req-{id}"),
    }})
    .to_string()
}

fn error_response(code: &str, message: &str) -> String {
    json!({"Response": {"Error": {"Code": code, "Message": message}, "RequestId": "req-err-1"}}).to_string()
}

fn action(r: &Received) -> &str {
    &r.headers["x-tc-action"]
}

/// TC3-HMAC-SHA256 as documented, written out here rather than taken from the runtime.
fn expected_authorization(r: &Received, secret_id: &str, secret_key: &str) -> String {
    fn hmac(key: &[u8], data: &str) -> Vec<u8> {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
        mac.update(data.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
    let hex_sha = |data: &[u8]| hex::encode(Sha256::digest(data));
    let canonical = format!(
        "POST\n/\n\ncontent-type:{}\nhost:{}\n\ncontent-type;host\n{}",
        r.headers["content-type"],
        r.headers["host"],
        hex_sha(&r.raw_body)
    );
    let scope = "2025-01-01/sts/tc3_request";
    let to_sign = format!(
        "TC3-HMAC-SHA256\n{SIGNED_AT}\n{scope}\n{}",
        hex_sha(canonical.as_bytes())
    );
    let k_date = hmac(format!("TC3{secret_key}").as_bytes(), "2025-01-01");
    let k_signing = hmac(&hmac(&k_date, "sts"), "tc3_request");
    let signature = hex::encode(hmac(&k_signing, &to_sign));
    format!("TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders=content-type;host, Signature={signature}")
}

fn assume_role(server: &Server, clock: &Clock) -> AssumeRoleProvider {
    AssumeRoleProvider::builder(
        StaticProvider::new(Credentials::new(BASE_ID, BASE_KEY)),
        ROLE_ARN,
        "nightly-report",
    )
    .client(server.configure())
    .clock(clock.now_fn())
    .build()
    .unwrap()
}

fn assert_no_secret(text: &str) {
    assert!(!text.contains("SENSITIVE"), "secret leaked: {text}");
}

#[tokio::test]
async fn assume_role_is_signed_with_the_base_credentials_and_its_credentials_are_used() {
    let server = Server::start(|r| match action(r) {
        "AssumeRole" => credentials_response("AKIDrole", "role-key-SENSITIVE", "role-token-SENSITIVE", EXPIRES),
        _ => json!({"Response": {"Arn": "qcs::cam::uin/100000000001:roleName/reader", "AccountId": "100000000001",
            "UserId": "u", "PrincipalId": "p", "Type": "CAMRole", "RequestId": "req-who"}})
        .to_string(),
    })
    .await;
    let clock = Clock::new();
    let provider = AssumeRoleProvider::builder(
        StaticProvider::new(Credentials::new(BASE_ID, BASE_KEY)),
        ROLE_ARN,
        "nightly-report",
    )
    .duration(Duration::from_secs(3600))
    .policy(r#"{"version":"2.0","statement":[{"effect":"allow","action":["cam:GetUser"],"resource":["*"]}]}"#)
    .external_id("ext-1")
    .region("ap-shanghai")
    .client(server.configure())
    .clock(clock.now_fn())
    .build()
    .unwrap();

    let runtime = server.configure()(RuntimeClient::builder())
        .credentials_provider(provider)
        .region("ap-guangzhou")
        .build()
        .unwrap();
    let who = sts::Client::new(runtime)
        .get_caller_identity(&sts::GetCallerIdentityRequest::new())
        .await
        .unwrap();
    assert_eq!(who.request_id, "req-who");

    let received = server.received();
    assert_eq!(received.len(), 2, "AssumeRole, then the call with its credentials");
    let assume = &received[0];
    assert_eq!(action(assume), "AssumeRole");
    assert_eq!(assume.headers["x-tc-version"], "2018-08-13");
    assert_eq!(assume.headers["x-tc-region"], "ap-shanghai");
    assert!(!assume.headers.contains_key("x-tc-token"), "long-term base credentials");
    assert_eq!(
        assume.headers["authorization"],
        expected_authorization(assume, BASE_ID, BASE_KEY)
    );
    assert_eq!(
        assume.body,
        json!({
            "RoleArn": ROLE_ARN,
            "RoleSessionName": "nightly-report",
            "DurationSeconds": 3600,
            "Policy": "%7B%22version%22%3A%222%2E0%22%2C%22statement%22%3A%5B%7B%22effect%22%3A%22allow%22%2C%22action%22%3A%5B%22cam%3AGetUser%22%5D%2C%22resource%22%3A%5B%22%2A%22%5D%7D%5D%7D",
            "ExternalId": "ext-1",
        })
    );
    let call = &received[1];
    assert_eq!(action(call), "GetCallerIdentity");
    assert_eq!(call.headers["x-tc-token"], "role-token-SENSITIVE");
    assert_eq!(
        call.headers["authorization"],
        expected_authorization(call, "AKIDrole", "role-key-SENSITIVE")
    );
}

#[tokio::test]
async fn assume_role_credentials_are_cached_and_refreshed_five_minutes_before_expiry() {
    let server =
        Server::start(|_| credentials_response("AKIDone", "key-one-SENSITIVE", "tok-SENSITIVE", EXPIRES)).await;
    let clock = Clock::new();
    let provider = assume_role(&server, &clock);

    let first = provider.credentials().await.unwrap();
    assert_eq!(first.secret_id, "AKIDone");
    assert_eq!(first.token.as_deref(), Some("tok-SENSITIVE"));
    assert_eq!(first.expires_at, Some(UNIX_EPOCH + Duration::from_secs(EXPIRES)));

    server.set(|_| credentials_response("AKIDtwo", "key-two-SENSITIVE", "tok-SENSITIVE", EXPIRES + 3600));
    clock.set(EXPIRES - 5 * 60 - 1);
    assert_eq!(
        provider.credentials().await.unwrap().secret_id,
        "AKIDone",
        "not yet due"
    );
    assert_eq!(server.received().len(), 1);

    clock.set(EXPIRES - 5 * 60);
    assert_eq!(
        provider.credentials().await.unwrap().secret_id,
        "AKIDtwo",
        "refreshed before expiry"
    );
    assert_eq!(server.received().len(), 2);
    assert_eq!(provider.credentials().await.unwrap().secret_id, "AKIDtwo");
    assert_eq!(server.received().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_callers_share_one_assume_role() {
    let server = Server::start(|_| credentials_response("AKIDone", "key-SENSITIVE", "tok-SENSITIVE", EXPIRES)).await;
    let provider = Arc::new(assume_role(&server, &Clock::new()));
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let p = provider.clone();
            tokio::spawn(async move { p.provide_credentials().await })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap().secret_id, "AKIDone");
    }
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn a_failed_refresh_keeps_the_valid_credentials() {
    let server = Server::start(|_| credentials_response("AKIDone", "key-SENSITIVE", "tok-SENSITIVE", EXPIRES)).await;
    let clock = Clock::new();
    let provider = assume_role(&server, &clock);
    provider.credentials().await.unwrap();

    server.set(|_| error_response("InternalError", "try later"));
    clock.set(EXPIRES - 60);
    assert_eq!(provider.credentials().await.unwrap().secret_id, "AKIDone");
    assert_eq!(server.received().len(), 2, "one refresh attempted");
    assert_eq!(provider.credentials().await.unwrap().secret_id, "AKIDone");
    assert_eq!(server.received().len(), 2, "no retry within 30 seconds");

    clock.set(EXPIRES);
    let err = provider.credentials().await.unwrap_err();
    assert!(
        matches!(&err, Error::Sts { code, .. } if code == "InternalError"),
        "{err:?}"
    );
}

#[tokio::test]
async fn assume_role_errors_are_typed_and_name_the_sts_answer() {
    let server = Server::start(|_| error_response("InvalidParameter.ExtraIdInvalid", "external id is wrong")).await;
    let provider = assume_role(&server, &Clock::new());

    let err = provider.credentials().await.unwrap_err();
    let Error::Sts {
        action,
        code,
        message,
        request_id,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(
        (*action, code.as_str(), message.as_str(), request_id.as_str()),
        (
            "AssumeRole",
            "InvalidParameter.ExtraIdInvalid",
            "external id is wrong",
            "req-err-1"
        )
    );
    assert_eq!(
        err.to_string(),
        "sts AssumeRole: InvalidParameter.ExtraIdInvalid: external id is wrong (request id req-err-1)"
    );
    // Configured but failing: a chain must stop here rather than use another identity.
    let err = provider.provide_credentials().await.unwrap_err();
    assert!(
        matches!(&err, CredentialsError::Invalid(m) if m.contains("req-err-1")),
        "{err:?}"
    );
    assert_no_secret(&format!("{provider:?}"));
}

#[tokio::test]
async fn missing_base_credentials_are_a_call_error_and_nothing_is_sent() {
    let server = Server::start(|_| credentials_response("AKIDone", "key-SENSITIVE", "tok-SENSITIVE", EXPIRES)).await;
    #[derive(Debug)]
    struct Nothing;
    impl ProvideCredentials for Nothing {
        fn provide_credentials(&self) -> tencentcloud_runtime::credentials::CredentialsFuture<'_> {
            Box::pin(std::future::ready(Err(CredentialsError::NotFound(
                "nothing here".into(),
            ))))
        }
    }
    let provider = AssumeRoleProvider::builder(Nothing, ROLE_ARN, "s")
        .client(server.configure())
        .build()
        .unwrap();
    let err = provider.credentials().await.unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Call {
                action: "AssumeRole",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("nothing here"), "{err}");
    assert!(server.received().is_empty());
}

#[tokio::test]
async fn expired_credentials_from_sts_are_an_error() {
    let server = Server::start(|_| credentials_response("AKIDold", "key-SENSITIVE", "tok-SENSITIVE", START - 1)).await;
    let err = assume_role(&server, &Clock::new()).credentials().await.unwrap_err();
    assert!(
        matches!(err, Error::Expired { action: "AssumeRole", expired_time, now: START } if expired_time == START - 1),
        "{err:?}"
    );
}

fn token_file(content: &str) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), content).unwrap();
    file
}

fn tke_env(file: &tempfile::NamedTempFile) -> impl Fn(&str) -> Option<String> + Send + Sync + 'static {
    let path = file.path().to_str().unwrap().to_owned();
    move |name| {
        match name {
            "TKE_REGION" => Some("ap-singapore"),
            "TKE_PROVIDER_ID" => Some("tke-oidc"),
            "TKE_WEB_IDENTITY_TOKEN_FILE" => Some(path.as_str()),
            "TKE_ROLE_ARN" => Some(ROLE_ARN),
            _ => None,
        }
        .map(str::to_owned)
    }
}

#[tokio::test]
async fn web_identity_is_unsigned_and_carries_the_token_file_and_tke_settings() {
    let server =
        Server::start(|_| credentials_response("AKIDpod", "pod-key-SENSITIVE", "pod-tok-SENSITIVE", EXPIRES)).await;
    let file = token_file(&format!("{TOKEN}\n"));
    let clock = Clock::new();
    let provider = WebIdentityProvider::from_lookup(tke_env(&file))
        .client(server.configure())
        .clock(clock.now_fn());

    let c = provider.credentials().await.unwrap();
    assert_eq!(
        c,
        Credentials::new("AKIDpod", "pod-key-SENSITIVE")
            .with_token("pod-tok-SENSITIVE")
            .with_expiry(UNIX_EPOCH + Duration::from_secs(EXPIRES))
    );
    let received = server.received();
    let [request] = received.as_slice() else {
        panic!("{received:?}")
    };
    assert_eq!(action(request), "AssumeRoleWithWebIdentity");
    assert_eq!(request.headers["authorization"], "SKIP");
    assert!(!request.headers.contains_key("x-tc-token"));
    assert_eq!(request.headers["x-tc-region"], "ap-singapore");
    let body = request.body.as_object().unwrap();
    assert_eq!(body["ProviderId"], "tke-oidc");
    assert_eq!(body["WebIdentityToken"], TOKEN, "the file's content, line end trimmed");
    assert_eq!(body["RoleArn"], ROLE_ARN);
    assert_eq!(body["DurationSeconds"], 7200);
    let session = body["RoleSessionName"].as_str().unwrap();
    assert!(session.starts_with("tencentcloud-rust-sdk-"), "{session}");

    // Cached: the same credentials without another request.
    assert_eq!(provider.credentials().await.unwrap().secret_id, "AKIDpod");
    assert_eq!(server.received().len(), 1);
    assert_no_secret(&format!("{provider:?}"));
}

#[tokio::test]
async fn web_identity_rereads_the_token_file_on_refresh() {
    let server = Server::start(|r| {
        let n = if r.body["WebIdentityToken"] == "token-two" {
            "two"
        } else {
            "one"
        };
        credentials_response(&format!("AKID{n}"), "key-SENSITIVE", "tok-SENSITIVE", EXPIRES)
    })
    .await;
    let file = token_file("token-one");
    let clock = Clock::new();
    let provider = WebIdentityProvider::new("ap-guangzhou", "tke-oidc", ROLE_ARN, file.path())
        .session_name("my-pod")
        .client(server.configure())
        .clock(clock.now_fn());
    assert_eq!(provider.credentials().await.unwrap().secret_id, "AKIDone");

    std::fs::write(file.path(), "token-two").unwrap(); // TKE rotated the token
    server.set(|r| {
        let n = if r.body["WebIdentityToken"] == "token-two" {
            "two"
        } else {
            "one"
        };
        credentials_response(&format!("AKID{n}"), "key-SENSITIVE", "tok-SENSITIVE", EXPIRES + 3600)
    });
    clock.set(EXPIRES - 5 * 60);
    assert_eq!(provider.credentials().await.unwrap().secret_id, "AKIDtwo");
    let received = server.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[1].body["WebIdentityToken"], "token-two");
    assert_eq!(received[1].body["RoleSessionName"], "my-pod");
    assert_eq!(received[1].headers["x-tc-region"], "ap-guangzhou");
}

#[tokio::test]
async fn web_identity_sts_errors_never_carry_the_token() {
    let server = Server::start(|r| {
        let token = r.body["WebIdentityToken"].as_str().unwrap().to_owned();
        error_response(
            "InvalidParameter.WebIdentityTokenError",
            &format!("token {token} is not valid"),
        )
    })
    .await;
    let file = token_file(TOKEN);
    let provider = WebIdentityProvider::from_lookup(tke_env(&file)).client(server.configure());

    let err = provider.credentials().await.unwrap_err();
    assert!(
        matches!(&err, Error::Sts { code, request_id, .. }
            if code == "InvalidParameter.WebIdentityTokenError" && request_id == "req-err-1"),
        "{err:?}"
    );
    assert!(err.to_string().contains("token <redacted> is not valid"), "{err}");
    assert_no_secret(&err.to_string());
    assert_no_secret(&format!("{err:?}"));
    let err = provider.provide_credentials().await.unwrap_err();
    assert_no_secret(&err.to_string());
}

#[tokio::test]
async fn unreadable_or_empty_token_files_name_the_path_and_send_nothing() {
    let server = Server::start(|_| credentials_response("AKIDpod", "key-SENSITIVE", "tok-SENSITIVE", EXPIRES)).await;
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-token");
    let provider = WebIdentityProvider::new("ap-guangzhou", "tke-oidc", ROLE_ARN, &missing).client(server.configure());
    let err = provider.credentials().await.unwrap_err();
    assert!(
        matches!(&err, Error::TokenFile { path, source } if path == &missing
        && source.kind() == std::io::ErrorKind::NotFound),
        "{err:?}"
    );
    assert!(err.to_string().contains(missing.to_str().unwrap()), "{err}");

    let empty = token_file(" \n");
    let provider =
        WebIdentityProvider::new("ap-guangzhou", "tke-oidc", ROLE_ARN, empty.path()).client(server.configure());
    let err = provider.credentials().await.unwrap_err();
    assert!(
        matches!(&err, Error::EmptyTokenFile { path } if path == empty.path()),
        "{err:?}"
    );
    assert!(server.received().is_empty());
}

#[tokio::test]
async fn assume_role_on_top_of_web_identity() {
    // The pod's role (web identity, unsigned) signs AssumeRole of another role.
    let server = Server::start(|r| match action(r) {
        "AssumeRoleWithWebIdentity" => {
            credentials_response("AKIDpod", "pod-key-SENSITIVE", "pod-tok-SENSITIVE", EXPIRES)
        }
        _ => credentials_response("AKIDdeploy", "deploy-key-SENSITIVE", "deploy-tok-SENSITIVE", EXPIRES),
    })
    .await;
    let file = token_file(TOKEN);
    let pod = WebIdentityProvider::from_lookup(tke_env(&file)).client(server.configure());
    let deploy = AssumeRoleProvider::builder(pod, "qcs::cam::uin/100000000002:roleName/deployer", "ci")
        .client(server.configure())
        .build()
        .unwrap();
    assert_eq!(deploy.credentials().await.unwrap().secret_id, "AKIDdeploy");
    let received = server.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[1].headers["x-tc-token"], "pod-tok-SENSITIVE");
    assert_eq!(
        received[1].headers["authorization"],
        expected_authorization(&received[1], "AKIDpod", "pod-key-SENSITIVE")
    );
}
