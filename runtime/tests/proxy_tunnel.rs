//! Calls through an HTTP proxy that opens the tunnels it is asked for: an https origin by
//! `CONNECT` (over plain TCP, or over TLS to an https proxy), an http origin in absolute form,
//! each with the proxy URL's credentials.

#[allow(dead_code)]
mod https_server;
#[allow(dead_code)]
mod support;

use std::sync::{Arc, Mutex};

use support::{serve_once, Answer};
use tencentcloud_runtime::{ActionInfo, Client, ClientBuilder, Credentials, RetryPolicy, RootCertificate, ServiceInfo};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

static DTS: ServiceInfo = ServiceInfo {
    name: "dts",
    version: "2021-12-06",
};
static DESCRIBE: ActionInfo = ActionInfo::new("DescribeMigrationJobs").read_only();

/// `user:pa:ss` (the password percent-encoded in the URL), base64.
const BASIC: &str = "Basic dXNlcjpwYTpzcw==";

fn builder(endpoint: &str, proxy: &str) -> ClientBuilder {
    Client::builder()
        .credentials(Credentials::new("AKIDtunnel", "tunnel-secret"))
        .endpoint(endpoint)
        .region_from_env(false)
        .proxy(proxy)
        .add_root_certificate(RootCertificate::from_pem(https_server::CERT).unwrap())
        .retry(RetryPolicy::disabled())
}

/// A proxy on 127.0.0.1 (TLS with the test certificate when `tls`) that answers each
/// `CONNECT` with 200 and then relays bytes both ways; returns its port and the heads of the
/// `CONNECT` requests it got.
async fn tunnelling_proxy(tls: bool) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let heads = Arc::new(Mutex::new(Vec::new()));
    let acceptor = tls.then(https_server::acceptor);
    let seen = Arc::clone(&heads);
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (acceptor, seen) = (acceptor.clone(), Arc::clone(&seen));
            tokio::spawn(async move {
                match acceptor {
                    Some(acceptor) => relay(acceptor.accept(socket).await.unwrap(), seen).await,
                    None => relay(socket, seen).await,
                }
            });
        }
    });
    (port, heads)
}

async fn relay<S: AsyncRead + AsyncWrite + Unpin>(mut client: S, seen: Arc<Mutex<Vec<String>>>) {
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut byte = [0u8; 1];
        if client.read(&mut byte).await.unwrap_or(0) == 0 {
            return;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).unwrap();
    let authority = head.split(' ').nth(1).unwrap().to_owned();
    seen.lock().unwrap().push(head);
    let mut origin = TcpStream::connect(authority).await.unwrap();
    client
        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
        .await
        .unwrap();
    let _ = tokio::io::copy_bidirectional(&mut client, &mut origin).await;
}

async fn call(client: &Client) -> serde_json::Value {
    client
        .call::<_, serde_json::Value, tencentcloud_runtime::UnknownCode>(&DTS, &DESCRIBE, &serde_json::json!({}))
        .await
        .unwrap()
}

#[tokio::test]
async fn an_https_origin_is_tunnelled_with_the_proxy_credentials() {
    for tls in [false, true] {
        let (endpoint, server) = https_server::start().await;
        let (port, heads) = tunnelling_proxy(tls).await;
        let scheme = if tls { "https" } else { "http" };
        let client = builder(&endpoint, &format!("{scheme}://user:pa%3Ass@127.0.0.1:{port}"))
            .build()
            .unwrap();
        assert_eq!(call(&client).await["RequestId"], "req-tls");
        server.abort();
        let heads = heads.lock().unwrap();
        let authority = endpoint.trim_start_matches("https://").trim_end_matches('/');
        let head = heads[0].to_ascii_lowercase();
        assert!(head.starts_with(&format!("connect {authority} http/1.1\r\n")), "{head}");
        assert!(
            head.contains(&format!("\r\nproxy-authorization: {}\r\n", BASIC.to_ascii_lowercase())),
            "{head}"
        );
    }
}

#[tokio::test]
async fn an_http_origin_goes_to_the_proxy_in_absolute_form_with_its_credentials() {
    let (proxy, seen) = serve_once(Answer::Status(200, r#"{"Response":{"RequestId":"r"}}"#)).await;
    let with_user = proxy.replacen("http://", "http://user:pa%3Ass@", 1);
    let client = builder("http://{service}.internal.example/", &with_user)
        .build()
        .unwrap();
    assert_eq!(call(&client).await["RequestId"], "r");
    let r = seen.await.unwrap();
    assert_eq!(r.path, "http://dts.internal.example/");
    assert_eq!(r.header("host"), Some("dts.internal.example"));
    assert_eq!(r.header("proxy-authorization"), Some(BASIC));
}
