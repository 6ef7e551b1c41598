//! Proxy environment variables. The only test in this binary, because it sets process-wide
//! variables; it sets them before any request, while no other thread reads the environment.

// Each test binary uses a different part of the shared helpers.
#[allow(dead_code)]
mod support;

use support::{expected_authorization, serve_once, Answer, Received};
use tencentcloud_runtime::{ActionInfo, Client, ClientBuilder, Credentials, Error, RetryPolicy, ServiceInfo};

static DTS: ServiceInfo = ServiceInfo {
    name: "dts",
    version: "2021-12-06",
};
static DESCRIBE: ActionInfo = ActionInfo::new("DescribeMigrationJobs").read_only();

const ID: &str = "AKIDexample";
const KEY: &str = "secret-key";
const OK: &str = r#"{"Response":{"RequestId":"req-1"}}"#;

/// One attempt: a refused tunnel is a connect failure, which would otherwise be retried.
fn builder(endpoint: &str) -> ClientBuilder {
    Client::builder()
        .credentials(Credentials::new(ID, KEY))
        .endpoint(endpoint)
        .retry(RetryPolicy::disabled())
}

async fn call(client: ClientBuilder) -> Result<serde_json::Value, Error> {
    client
        .build()
        .unwrap()
        .call(&DTS, &DESCRIBE, &serde_json::json!({}))
        .await
}

#[tokio::test]
async fn proxy_variables_are_honoured_unless_overridden() {
    let (http_proxy, via_http_proxy) = serve_once(Answer::Status(200, OK)).await;
    let (https_proxy, via_https_proxy) = serve_once(Answer::Status(502, "")).await;
    let (excluded, at_excluded) = serve_once(Answer::Status(200, OK)).await;
    let (direct, at_direct) = serve_once(Answer::Status(200, OK)).await;
    let (explicit, via_explicit) = serve_once(Answer::Status(200, OK)).await;
    // Lower-case and fallback forms are cleared so whatever the machine has set cannot interfere;
    // REQUEST_METHOD makes the HTTP_PROXY variable ignored (CGI).
    for name in [
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "ALL_PROXY",
        "no_proxy",
        "REQUEST_METHOD",
    ] {
        std::env::remove_var(name);
    }
    std::env::set_var("HTTP_PROXY", &http_proxy);
    std::env::set_var("HTTPS_PROXY", &https_proxy);
    std::env::set_var("NO_PROXY", "localhost");

    // HTTP_PROXY: an absolute-form request, signed for the origin's host.
    call(builder("http://{service}.example.test/")).await.unwrap();
    let r = via_http_proxy.await.unwrap();
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", "http://dts.example.test/")
    );
    assert_eq!(r.header("host"), Some("dts.example.test"));
    let at_origin = Received {
        path: "/".to_owned(),
        ..r
    };
    assert_eq!(
        at_origin.header("authorization"),
        Some(expected_authorization(&at_origin, "dts", ID, KEY).as_str())
    );

    // HTTPS_PROXY: the default https endpoint is tunnelled (this proxy then refuses).
    let err = call(
        Client::builder()
            .credentials(Credentials::new(ID, KEY))
            .retry(RetryPolicy::disabled()),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    let r = via_https_proxy.await.unwrap();
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("CONNECT", "dts.tencentcloudapi.com:443")
    );

    // NO_PROXY: a listed host is reached directly (origin-form request line).
    let port = excluded.trim_end_matches('/').rsplit(':').next().unwrap();
    call(builder(&format!("http://localhost:{port}/"))).await.unwrap();
    assert_eq!(at_excluded.await.unwrap().path, "/");

    // no_proxy(): direct although HTTP_PROXY covers this host.
    call(builder(&direct).no_proxy()).await.unwrap();
    assert_eq!(at_direct.await.unwrap().path, "/");

    // proxy(url): replaces the variables.
    call(builder("http://{service}.example.test/").proxy(&explicit))
        .await
        .unwrap();
    assert_eq!(via_explicit.await.unwrap().path, "http://dts.example.test/");
}
