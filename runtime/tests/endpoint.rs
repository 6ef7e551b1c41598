//! Endpoint forms and an explicit proxy, observed at a local "proxy" that records what it gets:
//! absolute-form requests for http endpoints, `CONNECT host:443` for https ones.

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
const KEY: &str = "secret-key-SENSITIVE";
const TOKEN: &str = "session-token-SENSITIVE";
const OK: &str = r#"{"Response":{"RequestId":"req-1"}}"#;

/// One attempt: a refused tunnel is a connect failure, which would otherwise be retried.
fn builder() -> ClientBuilder {
    Client::builder()
        .credentials(Credentials::new(ID, KEY).with_token(TOKEN))
        .region("ap-shanghai")
        .retry(RetryPolicy::disabled())
}

async fn call(client: &Client) -> Result<serde_json::Value, Error> {
    client.call(&DTS, &DESCRIBE, &serde_json::json!({})).await
}

/// The request as the origin would see it, so its signature can be re-derived.
fn at_origin(r: &Received) -> Received {
    Received {
        method: r.method.clone(),
        path: "/".to_owned(),
        headers: r.headers.clone(),
        body: r.body.clone(),
    }
}

/// Each https form, sent through a proxy that refuses the tunnel: the CONNECT names the host.
#[tokio::test]
async fn https_forms_tunnel_to_their_host() {
    type Configure = fn(ClientBuilder) -> ClientBuilder;
    let forms: [(Configure, &str); 3] = [
        (|b| b, "dts.tencentcloudapi.com:443"),
        (|b| b.regional_endpoint(true), "dts.ap-shanghai.tencentcloudapi.com:443"),
        (|b| b.international(true), "dts.intl.tencentcloudapi.com:443"),
    ];
    for (configure, authority) in forms {
        let (proxy, seen) = serve_once(Answer::Status(502, "")).await;
        let client = configure(builder()).proxy(&proxy).build().unwrap();
        let err = call(&client).await.unwrap_err();
        assert!(matches!(err, Error::Transport { .. }), "{err:?}");
        let r = seen.await.unwrap();
        assert_eq!((r.method.as_str(), r.path.as_str()), ("CONNECT", authority));
    }
}

/// An http custom endpoint through the proxy: the Host sent is the host that was signed.
#[tokio::test]
async fn custom_http_endpoint_through_a_proxy_signs_the_host_it_sends() {
    let (proxy, seen) = serve_once(Answer::Status(200, OK)).await;
    let client = builder()
        .endpoint("http://{service}.internal.example:8080")
        .proxy(&proxy)
        .build()
        .unwrap();
    call(&client).await.unwrap();
    let r = seen.await.unwrap();
    assert_eq!(r.path, "http://dts.internal.example:8080/");
    assert_eq!(r.header("host"), Some("dts.internal.example:8080"));
    assert_eq!(
        r.header("authorization"),
        Some(expected_authorization(&at_origin(&r), "dts", ID, KEY).as_str())
    );
}

#[test]
fn endpoint_conflicts_and_bad_proxies_are_config_errors() {
    let err = builder()
        .regional_endpoint(true)
        .international(true)
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("cannot be combined")),
        "{err:?}"
    );
    let err = Client::builder()
        .region_from_env(false)
        .regional_endpoint(true)
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.starts_with("regional_endpoint needs a region: set one with `region(..)`")),
        "{err:?}"
    );
    let err = builder()
        .endpoint("https://h/")
        .international(true)
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("cannot be combined")),
        "{err:?}"
    );
    let err = builder().proxy("http://user:SENSITIVE@[::1").build().unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("not a valid proxy URL")),
        "{err:?}"
    );
    assert!(!format!("{err} {err:?}").contains("SENSITIVE"));
}

/// A proxy that cannot be reached: the error names the failure, not the proxy's password.
#[tokio::test]
async fn proxy_failures_do_not_show_the_proxy_password() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = listener.local_addr().unwrap();
    drop(listener);
    for endpoint in [
        "http://{service}.internal.example/",
        "https://{service}.tencentcloudapi.com/",
    ] {
        let client = builder()
            .endpoint(endpoint)
            .proxy(format!("http://user:proxy-pass-SENSITIVE@{closed}"))
            .build()
            .unwrap();
        let err = call(&client).await.unwrap_err();
        assert!(matches!(err, Error::Transport { .. }), "{err:?}");
        let mut shown = format!("{err} {err:?}");
        let mut source = std::error::Error::source(&err);
        while let Some(e) = source {
            shown.push_str(&format!(" {e} {e:?}"));
            source = e.source();
        }
        // Connecting to the proxy is what failed.
        assert!(shown.contains(&closed.to_string()), "{shown}");
        assert!(!shown.contains("SENSITIVE"), "{shown}");
    }
}

#[test]
fn client_and_builder_debug_show_no_secret() {
    let builder = builder().proxy("http://user:proxy-pass-SENSITIVE@127.0.0.1:3128");
    let shown = format!("{builder:?}");
    assert!(shown.contains(ID) && shown.contains("127.0.0.1:3128"), "{shown}");
    assert!(!shown.contains("SENSITIVE"), "{shown}");
    let client = builder.build().unwrap();
    let shown = format!("{client:?}");
    assert!(shown.contains(ID) && shown.contains("127.0.0.1:3128"), "{shown}");
    assert!(!shown.contains("SENSITIVE"), "{shown}");
}
