//! A one-request HTTP/1.1 server on 127.0.0.1 and an independent TC3 signer, written from the
//! documented algorithm rather than calling the crate's `signing` module.

use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// What the server received.
#[derive(Debug)]
pub struct Received {
    pub method: String,
    pub path: String,
    /// Lower-cased names, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// How the server answers.
pub enum Answer {
    Status(u16, &'static str),
    /// Reads the request, then never answers.
    Stall,
}

/// Serves one connection; returns the endpoint URL and the request it received.
pub async fn serve_once(answer: Answer) -> (String, JoinHandle<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}/", listener.local_addr().unwrap());
    let handle = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let received = read_request(&mut socket).await;
        match answer {
            Answer::Status(status, body) => {
                let response = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                socket.write_all(response.as_bytes()).await.unwrap();
                socket.shutdown().await.unwrap();
            }
            Answer::Stall => tokio::time::sleep(Duration::from_secs(30)).await,
        }
        received
    });
    (endpoint, handle)
}

/// The method, path, headers (names lower-cased) and `Content-Length` of a request head.
pub fn parse_head(head: &[u8]) -> (String, String, Vec<(String, String)>, usize) {
    let head = String::from_utf8(head.to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap().split(' ');
    let method = request_line.next().unwrap().to_owned();
    let path = request_line.next().unwrap().to_owned();
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.trim().to_ascii_lowercase(), v.trim().to_owned())
        })
        .collect();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map_or(0, |(_, v)| v.parse().unwrap());
    (method, path, headers, length)
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> Received {
    let mut buf = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 4096];
        let n = socket.read(&mut chunk).await.unwrap();
        assert!(n > 0, "client closed before sending headers");
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
    };
    let (method, path, headers, length) = parse_head(&buf[..head_end]);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let mut chunk = [0u8; 4096];
        let n = socket.read(&mut chunk).await.unwrap();
        assert!(n > 0, "client closed mid-body");
        body.extend_from_slice(&chunk[..n]);
    }
    Received {
        method,
        path,
        headers,
        body,
    }
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// The Authorization value the server expects for this request, per the TC3 documentation.
pub fn expected_authorization(r: &Received, service: &str, secret_id: &str, secret_key: &str) -> String {
    let timestamp: i64 = r.header("x-tc-timestamp").unwrap().parse().unwrap();
    let date = time::OffsetDateTime::from_unix_timestamp(timestamp).unwrap().date();
    let date = format!("{:04}-{:02}-{:02}", date.year(), date.month() as u8, date.day());
    let canonical = format!(
        "{}\n{}\n\ncontent-type:{}\nhost:{}\n\ncontent-type;host\n{}",
        r.method,
        r.path,
        r.header("content-type").unwrap(),
        r.header("host").unwrap(),
        hex::encode(Sha256::digest(&r.body))
    );
    let scope = format!("{date}/{service}/tc3_request");
    let to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let k_date = hmac(format!("TC3{secret_key}").as_bytes(), &date);
    let k_service = hmac(&k_date, service);
    let k_signing = hmac(&k_service, "tc3_request");
    let signature = hex::encode(hmac(&k_signing, &to_sign));
    format!("TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders=content-type;host, Signature={signature}")
}
