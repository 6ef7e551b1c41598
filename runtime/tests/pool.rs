//! The client's connections: kept alive and reused, replaced when the server closed them,
//! bounded by the pool settings, and every HTTP/1.1 body framing read.

#[allow(dead_code)]
mod local_server;
#[allow(dead_code)]
mod support;

use std::io::Write as _;
use std::time::Duration;

use local_server::{Reply, Server};
use tencentcloud_runtime::{ActionInfo, Client, ClientBuilder, Credentials, RetryPolicy, ServiceInfo};

static DTS: ServiceInfo = ServiceInfo {
    name: "dts",
    version: "2021-12-06",
};
// A write: never retried after sending, so a reused connection that failed would show.
static WRITE: ActionInfo = ActionInfo::new("CreateSyncJob");

const OK: &str = r#"{"Response":{"JobIds":["sync-1"],"RequestId":"req-1"}}"#;

/// No retries: a call that needed a second attempt fails the test.
fn builder(endpoint: &str) -> ClientBuilder {
    Client::builder()
        .credentials(Credentials::new("AKIDpool", "pool-secret"))
        .endpoint(endpoint)
        .region_from_env(false)
        .no_proxy()
        .retry(RetryPolicy::disabled())
}

async fn call(client: &Client) -> serde_json::Value {
    client
        .call::<_, serde_json::Value, tencentcloud_runtime::UnknownCode>(&DTS, &WRITE, &serde_json::json!({}))
        .await
        .unwrap()
}

#[tokio::test]
async fn sequential_calls_share_one_connection() {
    let server = Server::start(|_, _| Reply::Status(200, OK.to_owned())).await;
    let client = builder(&server.endpoint).build().unwrap();
    for _ in 0..5 {
        assert_eq!(call(&client).await["JobIds"][0], "sync-1");
    }
    assert_eq!((server.request_count(), server.connection_count()), (5, 1));
}

#[tokio::test]
async fn a_connection_the_server_closed_while_idle_is_not_used_again() {
    let server = Server::start(|_, _| Reply::ThenClose(200, OK.to_owned())).await;
    let client = builder(&server.endpoint).build().unwrap();
    for _ in 0..3 {
        call(&client).await;
        // The server's close reaches the client while the connection waits in the pool.
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!((server.request_count(), server.connection_count()), (3, 3));
}

#[tokio::test]
async fn connection_close_is_honoured_at_once() {
    let server = Server::start(|_, _| Reply::Full {
        status: 200,
        headers: vec![
            "Connection: close".to_owned(),
            "Content-Type: application/json".to_owned(),
        ],
        body: OK.as_bytes().to_vec(),
    })
    .await;
    let client = builder(&server.endpoint).build().unwrap();
    for _ in 0..3 {
        call(&client).await;
    }
    assert_eq!((server.request_count(), server.connection_count()), (3, 3));
}

#[tokio::test]
async fn the_pool_settings_bound_what_is_kept() {
    let server = Server::start(|_, _| Reply::Status(200, OK.to_owned())).await;
    let none_kept = builder(&server.endpoint).pool_max_idle_per_host(0).build().unwrap();
    for _ in 0..3 {
        call(&none_kept).await;
    }
    assert_eq!(server.connection_count(), 3);
    let short_lived = builder(&server.endpoint)
        .pool_idle_timeout(Duration::from_millis(20))
        .build()
        .unwrap();
    call(&short_lived).await;
    call(&short_lived).await;
    assert_eq!(server.connection_count(), 4);
    tokio::time::sleep(Duration::from_millis(60)).await;
    call(&short_lived).await;
    assert_eq!(server.connection_count(), 5);
}

#[tokio::test]
async fn concurrent_calls_each_get_a_connection_and_leave_it_for_the_next() {
    let server = Server::start(|_, _| Reply::Status(200, OK.to_owned())).await;
    let client = builder(&server.endpoint).build().unwrap();
    for _ in 0..3 {
        let calls: Vec<_> = (0..4).map(|_| call(&client)).collect();
        for response in futures_join(calls).await {
            assert_eq!(response["RequestId"], "req-1");
        }
    }
    // At most one connection per call in flight, kept for the next round.
    assert_eq!(server.request_count(), 12);
    assert!(
        server.connection_count() <= 4,
        "{} connections",
        server.connection_count()
    );
}

/// Awaits the futures together in this task (each call drives its own connection).
async fn futures_join<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in futures.iter_mut().zip(&mut outputs) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(value) => *output = Some(value),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().map(Option::unwrap).collect()
}

#[tokio::test]
async fn chunked_bodies_are_read_plain_and_gzip() {
    let gzip = {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(OK.as_bytes()).unwrap();
        encoder.finish().unwrap()
    };
    let server = Server::start(move |n, _| {
        let (headers, body) = if n == 0 {
            (vec![], OK.as_bytes().to_vec())
        } else {
            (vec!["Content-Encoding: gzip".to_owned()], gzip.clone())
        };
        Reply::Chunked {
            headers,
            pieces: body.chunks(7).map(<[u8]>::to_vec).collect(),
        }
    })
    .await;
    let client = builder(&server.endpoint).build().unwrap();
    assert_eq!(call(&client).await["JobIds"][0], "sync-1");
    assert_eq!(call(&client).await["JobIds"][0], "sync-1");
    assert_eq!((server.request_count(), server.connection_count()), (2, 1));
}

#[tokio::test]
async fn an_ipv6_endpoint_connects_and_signs_its_bracketed_host() {
    let Ok(listener) = std::net::TcpListener::bind("[::1]:0") else {
        eprintln!("no IPv6 loopback here; skipped");
        return;
    };
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        use std::io::{Read, Write};
        let (mut socket, _) = listener.accept().unwrap();
        let mut received = Vec::new();
        let mut buf = [0u8; 4096];
        while !received.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = socket.read(&mut buf).unwrap();
            received.extend_from_slice(&buf[..n]);
        }
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{OK}",
            OK.len()
        );
        socket.write_all(response.as_bytes()).unwrap();
        String::from_utf8_lossy(&received).to_lowercase()
    });
    let client = builder(&format!("http://[::1]:{port}/")).build().unwrap();
    assert_eq!(call(&client).await["JobIds"][0], "sync-1");
    let head = server.join().unwrap();
    assert!(head.contains(&format!("\r\nhost: [::1]:{port}\r\n")), "{head}");
}
