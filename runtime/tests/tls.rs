//! Trusting a server whose certificate no public CA signed (see `https_server`): refused with
//! the built-in roots, trusted once its certificate is added.

// Each test binary uses a different part of the shared helpers.
#[allow(dead_code)]
mod https_server;
#[allow(dead_code)]
mod support;

use https_server::CERT;
use tencentcloud_runtime::{
    ActionInfo, Client, ClientBuilder, Credentials, Error, RetryPolicy, RootCertificate, ServiceInfo,
};

static DTS: ServiceInfo = ServiceInfo {
    name: "dts",
    version: "2021-12-06",
};
static DESCRIBE: ActionInfo = ActionInfo::new("DescribeMigrationJobs").read_only();

fn builder(endpoint: &str) -> ClientBuilder {
    Client::builder()
        .credentials(Credentials::new("AKIDexample", "secret-key"))
        .endpoint(endpoint)
        .region_from_env(false)
        .no_proxy()
        .retry(RetryPolicy::disabled())
}

async fn call(builder: ClientBuilder) -> Result<serde_json::Value, Error> {
    builder
        .build()
        .unwrap()
        .call(&DTS, &DESCRIBE, &serde_json::json!({}))
        .await
}

#[tokio::test]
async fn a_self_signed_server_is_refused_by_default_and_trusted_once_added() {
    let (endpoint, server) = https_server::start().await;
    let err = call(builder(&endpoint)).await.unwrap_err();
    match &err {
        Error::Transport { source, .. } => assert!(source.is_tls(), "{source:?}"),
        other => panic!("expected Error::Transport, got {other:?}"),
    }
    assert_eq!(err.attempts(), 1);

    let certificate = RootCertificate::from_pem(CERT).unwrap();
    let output = call(builder(&endpoint).add_root_certificate(certificate.clone()))
        .await
        .unwrap();
    assert_eq!(output["RequestId"], "req-tls");
    // Trusting only the added certificate.
    call(
        builder(&endpoint)
            .add_root_certificate(certificate)
            .tls_built_in_root_certs(false),
    )
    .await
    .unwrap();
    server.abort();
}

#[test]
fn trusting_nothing_or_a_certificate_the_tls_library_rejects_fails_build() {
    let err = builder("https://127.0.0.1/")
        .tls_built_in_root_certs(false)
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("add_root_certificate")),
        "{err:?}"
    );
    // The outline of a certificate (SEQUENCE of SEQUENCE, SEQUENCE, BIT STRING), empty inside.
    let hollow = RootCertificate::from_der(&[0x30, 0x07, 0x30, 0x00, 0x30, 0x00, 0x03, 0x01, 0x00]).unwrap();
    let good = RootCertificate::from_pem(CERT).unwrap();
    let err = builder("https://127.0.0.1/")
        .add_root_certificate(good)
        .add_root_certificate(hollow)
        .build()
        .unwrap_err();
    match &err {
        // The reason after the colon is the TLS library's.
        Error::Config(m) => assert!(
            m.starts_with("root certificate 2 of 2 (in the order added) is rejected by the TLS library: "),
            "{m}"
        ),
        other => panic!("expected Error::Config, got {other:?}"),
    }
}
