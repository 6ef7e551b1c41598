//! The client: signs, sends and decodes one action call.

mod builder;
mod clock;
mod endpoint;
mod retry;

use std::future::Future;
use std::ops::Range;
use std::pin::Pin;
use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tracing::Instrument;

pub use builder::{ClientBuilder, Language};
use clock::Clock;
use endpoint::Endpoint;
pub use retry::RetryPolicy;

use crate::credentials::ProvideCredentials;
use crate::envelope::{self, DecodeFailure, Probe};
use crate::error::{ApiError, Error};
use crate::error_code::{ErrorCode, UnknownCode};
use crate::excerpt;
use crate::rate_limit::RateLimiter;
use crate::service::{ActionInfo, ServiceInfo};
use crate::signing::{self, SigningInput};

/// The future of one call ([`Client::call`]): owns what it needs (`'static`) and is `Send`, so
/// it can be awaited in place or spawned.
pub type ResponseFuture<O, C = UnknownCode> = Pin<Box<dyn Future<Output = Result<O, Error<C>>> + Send>>;

/// A Tencent Cloud API client. Cheap to clone: clones share one connection pool and one
/// credentials source.
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    credentials: Arc<dyn ProvideCredentials>,
    endpoint: Endpoint,
    region: Option<String>,
    clock: Clock,
    retry: RetryPolicy,
    rate_limiter: Option<RateLimiter>,
}

/// A failed call before it is tied to an error-code type; keeps the generic part of `call` small.
enum Failure {
    Api {
        code: String,
        message: String,
        request_id: String,
    },
    Http {
        status: u16,
        body_excerpt: String,
    },
    Transport(reqwest::Error),
    /// `connect`: the connection was not established, so nothing was sent.
    Timeout {
        connect: bool,
    },
    Decode(DecodeFailure),
    Credentials(String),
    Config(String),
}

impl Failure {
    fn from_reqwest(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            Failure::Timeout {
                connect: e.is_connect(),
            }
        } else {
            Failure::Transport(e)
        }
    }

    /// A short label for logs.
    fn kind(&self) -> &'static str {
        match self {
            Failure::Api { .. } => "api",
            Failure::Http { .. } => "http",
            Failure::Transport(_) => "transport",
            Failure::Timeout { .. } => "timeout",
            Failure::Decode(_) => "decode",
            Failure::Credentials(_) => "credentials",
            Failure::Config(_) => "config",
        }
    }

    fn into_error<C: ErrorCode>(self, service: &'static ServiceInfo, action: &'static ActionInfo) -> Error<C> {
        let action_name = action.name;
        match self {
            Failure::Api {
                code,
                message,
                request_id,
            } => Error::Api(ApiError {
                code: C::from_code(&code),
                message,
                request_id,
                action: action_name,
                service: service.name,
            }),
            Failure::Http { status, body_excerpt } => Error::Http {
                action: action_name,
                status,
                body_excerpt,
            },
            Failure::Transport(source) => Error::Transport {
                action: action_name,
                source,
            },
            Failure::Timeout { .. } => Error::Timeout { action: action_name },
            Failure::Decode(f) => Error::Decode {
                action: action_name,
                path: f.path,
                message: f.message,
                body_excerpt: f.body_excerpt,
            },
            Failure::Credentials(m) => Error::Credentials(m),
            Failure::Config(m) => Error::Config(m),
        }
    }
}

/// A successful body and where its `Response` object lies.
struct Reply {
    body: Vec<u8>,
    result: Range<usize>,
}

impl Reply {
    fn result_text(&self) -> Result<&str, DecodeFailure> {
        // `probe` already proved this slice UTF-8; re-checking keeps this path free of `unsafe`.
        let slice = self.body.get(self.result.clone()).unwrap_or_default();
        std::str::from_utf8(slice).map_err(|e| DecodeFailure {
            path: "Response".to_owned(),
            message: format!("response is not UTF-8: {e}"),
            body_excerpt: excerpt::head(&self.body),
        })
    }
}

impl Client {
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Signs and sends one action; unwraps `{"Response": {...}}`; a `Response.Error` becomes
    /// [`Error::Api`].
    ///
    /// The input is encoded now, so the returned future borrows nothing and can be spawned. It
    /// is boxed so that a generated action method is a plain function: one `async fn` per
    /// action would give the compiler a state machine per action to check. Generated code
    /// instantiates this once per action, so it only encodes and decodes; everything else
    /// happens in the non-generic `execute`.
    pub fn call<I, O, C>(
        &self,
        service: &'static ServiceInfo,
        action: &'static ActionInfo,
        input: &I,
    ) -> ResponseFuture<O, C>
    where
        I: Serialize + ?Sized,
        O: DeserializeOwned + Send + 'static,
        C: ErrorCode,
    {
        let encoded = serde_json::to_vec(input).map_err(|e| Error::Encode {
            action: action.name,
            message: e.to_string(),
        });
        let client = self.clone();
        Box::pin(async move {
            let (result, attempts) = client.execute(service, action, encoded?).await;
            let outcome = match result {
                Ok(reply) => reply
                    .result_text()
                    .and_then(envelope::decode::<O>)
                    .map_err(Failure::Decode),
                Err(failure) => Err(failure),
            };
            outcome.map_err(|f| f.into_error(service, action).after_attempts(attempts))
        })
    }

    /// Runs attempts until one succeeds, fails in a way [`retry::retry_reason`] does not retry,
    /// or the policy's attempts run out; returns the outcome and the number of attempts.
    async fn execute(
        &self,
        service: &'static ServiceInfo,
        action: &'static ActionInfo,
        mut body: Vec<u8>,
    ) -> (Result<Reply, Failure>, u32) {
        let span = tracing::debug_span!(
            "tencentcloud.call",
            service = service.name,
            version = service.version,
            action = action.name,
            region = self.inner.region.as_deref().unwrap_or(""),
            request_id = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        let max_attempts = self.inner.retry.max_attempts;
        let mut attempt = 1;
        loop {
            if let Some(limiter) = &self.inner.rate_limiter {
                limiter.acquire(service, action).instrument(span.clone()).await;
            }
            // Only the last possible attempt may take the body instead of copying it.
            let attempt_body = if attempt < max_attempts {
                body.clone()
            } else {
                std::mem::take(&mut body)
            };
            let result = self.send(service, action, attempt_body).instrument(span.clone()).await;
            span.record("attempts", attempt);
            match &result {
                // The typed decode comes after this, in `call`.
                Ok(_) => tracing::debug!(parent: &span, "result received"),
                Err(Failure::Api { code, .. }) => {
                    tracing::debug!(parent: &span, code = code.as_str(), "service returned an error")
                }
                Err(failure) => tracing::debug!(parent: &span, kind = failure.kind(), "call failed"),
            }
            let reason = match &result {
                Err(failure) if attempt < max_attempts => retry::retry_reason(failure, action.name),
                _ => None,
            };
            let Some(reason) = reason else {
                return (result, attempt);
            };
            let delay = self.inner.retry.backoff(attempt);
            tracing::info!(
                parent: &span,
                service = service.name,
                action = action.name,
                attempt,
                reason = %reason,
                delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                "retrying"
            );
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    async fn send(
        &self,
        service: &'static ServiceInfo,
        action: &'static ActionInfo,
        body: Vec<u8>,
    ) -> Result<Reply, Failure> {
        let inner = &*self.inner;
        let credentials = inner
            .credentials
            .provide_credentials()
            .await
            .map_err(|e| Failure::Credentials(e.to_string()))?;
        let target = inner.endpoint.resolve(service.name).map_err(Failure::Config)?;
        let timestamp = inner.clock.unix_seconds().map_err(Failure::Config)?;
        let signed = signing::sign(
            &SigningInput {
                method: "POST",
                host: &target.host,
                content_type: "application/json",
                query: "",
                body: &body,
                service: service.name,
                timestamp,
            },
            &credentials,
        )
        .map_err(|e| Failure::Config(e.to_string()))?;

        // Content-Type, region, language and request client are client-wide default headers;
        // Host is derived by the HTTP client from the same URL the signed host came from.
        let mut headers = HeaderMap::with_capacity(5);
        let authorization = HeaderValue::from_str(&signed.authorization).map_err(|_| {
            Failure::Credentials("the secret id contains characters not allowed in an HTTP header".into())
        })?;
        headers.insert(AUTHORIZATION, authorization);
        headers.insert(
            HeaderName::from_static("x-tc-action"),
            static_value(action.name, "action")?,
        );
        headers.insert(
            HeaderName::from_static("x-tc-version"),
            static_value(service.version, "version")?,
        );
        headers.insert(HeaderName::from_static("x-tc-timestamp"), HeaderValue::from(timestamp));
        if let Some(token) = &credentials.token {
            let token = HeaderValue::from_str(token).map_err(|_| {
                Failure::Credentials("the session token contains characters not allowed in an HTTP header".into())
            })?;
            headers.insert(HeaderName::from_static("x-tc-token"), token);
        }

        let response = inner
            .http
            .post(target.url)
            .headers(headers)
            .body(body)
            .send()
            .await
            .map_err(Failure::from_reqwest)?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(Failure::from_reqwest)?;
        if status != reqwest::StatusCode::OK {
            return Err(Failure::Http {
                status: status.as_u16(),
                body_excerpt: excerpt::head(&bytes),
            });
        }
        let body = Vec::from(bytes);
        match envelope::probe(&body).map_err(Failure::Decode)? {
            Probe::Api {
                code,
                message,
                request_id,
            } => {
                tracing::Span::current().record("request_id", request_id.as_str());
                Err(Failure::Api {
                    code,
                    message,
                    request_id,
                })
            }
            Probe::Result { request_id, range } => {
                if let Some(id) = &request_id {
                    tracing::Span::current().record("request_id", id.as_str());
                }
                Ok(Reply { body, result: range })
            }
        }
    }
}

/// A header value from generated metadata; a name the generator got wrong is a config error.
fn static_value(value: &'static str, what: &str) -> Result<HeaderValue, Failure> {
    HeaderValue::from_str(value).map_err(|_| Failure::Config(format!("{what} `{value}` is not a valid header value")))
}
