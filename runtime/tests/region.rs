//! The region from code, `TENCENTCLOUD_REGION` and the profile file, as the server sees it:
//! the `X-TC-Region` header and the regional host. Variables are injected with `env_lookup`, so
//! the process environment is never read or changed.

// Each test binary uses a different part of the shared helpers.
#[allow(dead_code)]
mod support;

use std::collections::HashMap;
use std::path::Path;

use support::{serve_once, Answer, Received};
use tencentcloud_runtime::{ActionInfo, Client, ClientBuilder, Error, RetryPolicy, ServiceInfo};

static DTS: ServiceInfo = ServiceInfo {
    name: "dts",
    version: "2021-12-06",
};
static DESCRIBE: ActionInfo = ActionInfo::new("DescribeMigrationJobs").read_only();

const OK: &str = r#"{"Response":{"RequestId":"req-1"}}"#;
const FILE: &str = "\
[default]
secret_id = AKIDdefault
secret_key = key-default-SENSITIVE
region = ap-beijing

[prod]
secret_id = AKIDprod
secret_key = key-prod-SENSITIVE
region = ap-shanghai
";

/// A builder whose variables are `pairs` and nothing else: no home directory, so only a file
/// named by `TENCENTCLOUD_CREDENTIALS_FILE` is read.
fn builder(pairs: &[(&str, &str)]) -> ClientBuilder {
    let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Client::builder()
        .env_lookup(move |name| map.get(name).cloned())
        .retry(RetryPolicy::disabled())
}

fn credentials_file(dir: &Path, text: &str) -> String {
    let path = dir.join("credentials");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The request one call with `builder` sends.
async fn sent(builder: ClientBuilder) -> Received {
    let (endpoint, server) = serve_once(Answer::Status(200, OK)).await;
    let client = builder.endpoint(&endpoint).build().unwrap();
    let result: Result<serde_json::Value, Error> = client.call(&DTS, &DESCRIBE, &serde_json::json!({})).await;
    result.unwrap();
    server.await.unwrap()
}

/// The secret id the request was signed with.
fn signed_by(r: &Received) -> &str {
    let authorization = r.header("authorization").unwrap();
    let credential = authorization.split("Credential=").nth(1).unwrap();
    credential.split('/').next().unwrap()
}

#[tokio::test]
async fn each_source_in_order_of_precedence() {
    let dir = tempfile::tempdir().unwrap();
    let file = credentials_file(dir.path(), FILE);
    let file = file.as_str();
    let all = [
        ("TENCENTCLOUD_CREDENTIALS_FILE", file),
        ("TENCENTCLOUD_REGION", "ap-guangzhou"),
    ];
    let r = sent(builder(&all).region("ap-tokyo")).await;
    assert_eq!(r.header("x-tc-region"), Some("ap-tokyo"));
    let r = sent(builder(&all)).await;
    assert_eq!(r.header("x-tc-region"), Some("ap-guangzhou"));
    let r = sent(builder(&[("TENCENTCLOUD_CREDENTIALS_FILE", file)])).await;
    assert_eq!(r.header("x-tc-region"), Some("ap-beijing"));
    assert_eq!(signed_by(&r), "AKIDdefault");
    // Opting out: the variable and the file are ignored for the region (not for credentials).
    let r = sent(builder(&all).region_from_env(false)).await;
    assert_eq!(r.header("x-tc-region"), None);
    assert_eq!(signed_by(&r), "AKIDdefault");
    // Nothing anywhere: no header.
    let r = sent(builder(&[
        ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
        ("TENCENTCLOUD_SECRET_KEY", "k"),
    ]))
    .await;
    assert_eq!(r.header("x-tc-region"), None);
    assert_eq!(signed_by(&r), "AKIDenv");
}

#[tokio::test]
async fn the_profile_variable_selects_region_and_credentials_unless_code_names_a_profile() {
    let dir = tempfile::tempdir().unwrap();
    let file = credentials_file(dir.path(), FILE);
    let prod = [
        ("TENCENTCLOUD_CREDENTIALS_FILE", file.as_str()),
        ("TENCENTCLOUD_PROFILE", "prod"),
    ];
    let r = sent(builder(&prod)).await;
    assert_eq!(
        (r.header("x-tc-region"), signed_by(&r)),
        (Some("ap-shanghai"), "AKIDprod")
    );
    let r = sent(builder(&prod).profile("default")).await;
    assert_eq!(
        (r.header("x-tc-region"), signed_by(&r)),
        (Some("ap-beijing"), "AKIDdefault")
    );
    // The variable still wins over the profile's region.
    let r = sent(builder(&[prod[0], prod[1], ("TENCENTCLOUD_REGION", "ap-nanjing")])).await;
    assert_eq!(
        (r.header("x-tc-region"), signed_by(&r)),
        (Some("ap-nanjing"), "AKIDprod")
    );
}

/// Through a proxy that refuses the tunnel: the CONNECT names the regional host.
#[tokio::test]
async fn a_looked_up_region_selects_the_regional_endpoint() {
    let dir = tempfile::tempdir().unwrap();
    let file = credentials_file(dir.path(), FILE);
    let cases = [
        (
            vec![("TENCENTCLOUD_REGION", "ap-guangzhou")],
            "dts.ap-guangzhou.tencentcloudapi.com:443",
        ),
        (
            vec![
                ("TENCENTCLOUD_CREDENTIALS_FILE", file.as_str()),
                ("TENCENTCLOUD_PROFILE", "prod"),
            ],
            "dts.ap-shanghai.tencentcloudapi.com:443",
        ),
    ];
    for (pairs, authority) in cases {
        let (proxy, seen) = serve_once(Answer::Status(502, "")).await;
        let client = builder(&pairs)
            .credentials(tencentcloud_runtime::Credentials::new("AKID", "key"))
            .regional_endpoint(true)
            .proxy(&proxy)
            .build()
            .unwrap();
        let result: Result<serde_json::Value, Error> = client.call(&DTS, &DESCRIBE, &serde_json::json!({})).await;
        let err = result.unwrap_err();
        assert!(matches!(err, Error::Transport { .. }), "{err:?}");
        let r = seen.await.unwrap();
        assert_eq!((r.method.as_str(), r.path.as_str()), ("CONNECT", authority));
    }
}

#[test]
fn bad_values_are_config_errors_naming_their_source() {
    let dir = tempfile::tempdir().unwrap();
    let config_error = |b: ClientBuilder| match b.build().unwrap_err() {
        Error::Config(message) => message,
        other => panic!("expected Error::Config, got {other:?}"),
    };
    let m = config_error(builder(&[("TENCENTCLOUD_REGION", "ap-guangzhou\r\nX-Evil: 1")]));
    assert_eq!(
        m,
        "region `ap-guangzhou\\r\\nX-Evil: 1` is not a valid header value (the region comes from TENCENTCLOUD_REGION)"
    );

    let file = credentials_file(
        dir.path(),
        "[default]\nsecret_key = key-SENSITIVE\n[prod]\nsecret_key = key-SENSITIVE\nregion = ap-shang.hai\n",
    );
    let shown = Path::new(&file).display().to_string();
    let prod = [
        ("TENCENTCLOUD_CREDENTIALS_FILE", file.as_str()),
        ("TENCENTCLOUD_PROFILE", "prod"),
    ];
    let m = config_error(builder(&prod).regional_endpoint(true));
    assert_eq!(
        m,
        format!(
            "region `ap-shang.hai` cannot be part of an endpoint host (the region comes from profile [prod] of {shown})"
        )
    );
    let m = config_error(builder(&[prod[0], ("TENCENTCLOUD_PROFILE", "staging")]));
    assert!(
        m.starts_with(&format!(
            "cannot look up the region: profile file {shown}: no [staging] profile (named by TENCENTCLOUD_PROFILE)"
        )),
        "{m}"
    );
    let file = credentials_file(dir.path(), "[default]\nsecret_key = key-SENSITIVE\nregion\n");
    let m = config_error(builder(&[("TENCENTCLOUD_CREDENTIALS_FILE", file.as_str())]));
    assert!(
        m.starts_with(&format!(
            "cannot look up the region: profile file {shown}, line 3: expected"
        )),
        "{m}"
    );
    assert!(!m.contains("SENSITIVE"), "{m}");
    // Each of these builds once the region is set in code, or the lookup is off.
    builder(&[("TENCENTCLOUD_CREDENTIALS_FILE", file.as_str())])
        .region("ap-guangzhou")
        .build()
        .unwrap();
    builder(&[("TENCENTCLOUD_REGION", "ap\nbad")])
        .region_from_env(false)
        .build()
        .unwrap();
}
