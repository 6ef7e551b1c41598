//! The transport of a client a proxy may apply to: reqwest, which tunnels https through
//! `CONNECT`, sends http in absolute form, and reads the proxy variables with `NO_PROXY`.

use bytes::Bytes;
use http::HeaderMap;

use super::body::{Progress, Sink, Wanted};
use super::{Reply, Settings};
use crate::client::endpoint::Target;
use crate::client::failure::Failure;

#[derive(Debug)]
pub(in crate::client) struct Proxied {
    http: reqwest::Client,
}

impl Proxied {
    pub(super) fn new(settings: &Settings<'_>) -> Result<Proxied, String> {
        let mut http = settings
            .proxy
            .apply(reqwest::Client::builder())?
            .redirect(reqwest::redirect::Policy::none())
            .gzip(true)
            .connect_timeout(settings.pool.connect_timeout)
            .timeout(settings.timeout)
            .pool_max_idle_per_host(settings.pool.max_idle_per_origin)
            .pool_idle_timeout(settings.pool.idle_timeout)
            .tls_built_in_root_certs(settings.built_in_roots);
        for certificate in settings.roots {
            // `tls::client_config` accepted each already.
            http = http.add_root_certificate(certificate.to_reqwest().map_err(|e| e.to_string())?);
        }
        let http = http
            .build()
            .map_err(|e| format!("cannot create the HTTP client: {}", with_causes(&e)))?;
        Ok(Proxied { http })
    }

    pub(super) async fn send(
        &self,
        target: &Target,
        headers: HeaderMap,
        body: Bytes,
        limit: u64,
    ) -> Result<Reply, Failure> {
        let mut response = self
            .http
            .post(target.url.clone())
            .headers(headers)
            .body(body)
            .send()
            .await
            .map_err(Failure::from_reqwest)?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let wanted = Wanted::for_status(status, limit);
        // reqwest has decompressed the body and removed `Content-Encoding` already.
        let mut sink = Sink::new(wanted, &headers)?;
        let mut ended = wanted == Wanted::Nothing;
        while !ended {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if sink.push(&chunk)? == Progress::Enough {
                        break;
                    }
                }
                Ok(None) => ended = true,
                Err(e) if matches!(wanted, Wanted::All { .. }) => return Err(Failure::from_reqwest(e)),
                Err(_) => break,
            }
        }
        let body = if ended { sink.finish()? } else { sink.partial() };
        Ok(Reply { status, headers, body })
    }
}

/// `error` and its causes: reqwest's builder errors say only "builder error" themselves, and
/// the reason is below.
fn with_causes(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        text.push_str(": ");
        text.push_str(&e.to_string());
        cause = e.source();
    }
    text
}
