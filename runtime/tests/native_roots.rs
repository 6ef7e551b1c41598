//! The `native-roots` feature: the platform's certificate store is trusted with it, and only
//! with it. `SSL_CERT_FILE` stands in for the store (the platform loader reads that file instead
//! when it is set). The only test in this binary, because it sets a process-wide variable; it
//! does so before any client is built. Run with and without `--features native-roots`.

// Each test binary uses a different part of the shared helpers.
#[allow(dead_code)]
mod https_server;
#[allow(dead_code)]
mod support;

use tencentcloud_runtime::{ActionInfo, Client, Credentials, Error, RetryPolicy, ServiceInfo};

static DTS: ServiceInfo = ServiceInfo {
    name: "dts",
    version: "2021-12-06",
};
static DESCRIBE: ActionInfo = ActionInfo::new("DescribeMigrationJobs").read_only();

#[tokio::test]
async fn the_platform_store_is_trusted_with_the_feature_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.pem");
    std::fs::write(&store, https_server::CERT).unwrap();
    std::env::remove_var("SSL_CERT_DIR");
    std::env::set_var("SSL_CERT_FILE", &store);

    let (endpoint, server) = https_server::start().await;
    let client = Client::builder()
        .credentials(Credentials::new("AKIDexample", "secret-key"))
        .endpoint(&endpoint)
        .region_from_env(false)
        .no_proxy()
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let result: Result<serde_json::Value, Error> = client.call(&DTS, &DESCRIBE, &serde_json::json!({})).await;
    server.abort();
    if cfg!(feature = "native-roots") {
        assert_eq!(result.unwrap()["RequestId"], "req-tls");
    } else {
        match result.unwrap_err() {
            Error::Transport { source, .. } => assert!(source.is_tls(), "{source:?}"),
            other => panic!("expected Error::Transport, got {other:?}"),
        }
    }
}
