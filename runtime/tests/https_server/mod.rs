//! An https server on 127.0.0.1 whose certificate no public CA signed, as behind a
//! TLS-inspecting proxy or at a private gateway.
//!
//! `cert.pem` (ECDSA P-256, valid 2000 to 2100, for `127.0.0.1` and `localhost`, not a CA) and
//! its key `key.pem` exist only for these tests. They were made here with
//! `openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out
//! req.csr -subj "/CN=tencentcloud-runtime test server"`, then, with an empty `index.txt` and
//! `01` in `serial`, `openssl ca -batch -config openssl.cnf -selfsign -keyfile key.pem -in
//! req.csr -out cert.pem -startdate 20000101000000Z -enddate 21000101000000Z -notext`
//! (`openssl ca` because `req -x509` cannot date a certificate back).

use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::{crypto, ServerConfig};
use tokio_rustls::TlsAcceptor;

use crate::support::parse_head;

/// The server's certificate, PEM.
pub const CERT: &[u8] = include_bytes!("cert.pem");
const KEY: &[u8] = include_bytes!("key.pem");
/// The body of every answer.
pub const OK: &str = r#"{"Response":{"RequestId":"req-tls"}}"#;

/// TLS with the test certificate, for a server on 127.0.0.1.
pub fn acceptor() -> TlsAcceptor {
    let certs = vec![CertificateDer::from_pem_slice(CERT).unwrap()];
    let key = PrivateKeyDer::from_pem_slice(KEY).unwrap();
    let config = ServerConfig::builder_with_provider(Arc::new(crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    TlsAcceptor::from(Arc::new(config))
}

/// An https server on 127.0.0.1 answering every request with `OK`; handshakes the client
/// refuses are dropped. Returns the endpoint URL.
pub async fn start() -> (String, JoinHandle<()>) {
    let acceptor = acceptor();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("https://{}/", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                continue;
            };
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(socket).await else {
                    return;
                };
                let mut request = Vec::new();
                let head_end = loop {
                    let mut chunk = [0u8; 4096];
                    match tls.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&chunk[..n]),
                    }
                    if let Some(i) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                        break i;
                    }
                };
                let (_, _, _, length) = parse_head(&request[..head_end]);
                while request.len() < head_end + 4 + length {
                    let mut chunk = [0u8; 4096];
                    match tls.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&chunk[..n]),
                    }
                }
                let response = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{OK}",
                    OK.len()
                );
                let _ = tls.write_all(response.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (endpoint, task)
}
