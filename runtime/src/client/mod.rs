//! The client: signs, sends and decodes one action call.

mod builder;
mod clock;
mod endpoint;
mod failure;
mod pem;
mod region;
mod response;
mod retry;
mod root_certificate;
mod transport;

use std::future::Future;
use std::marker::PhantomData;
use std::ops::Range;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use std::time::SystemTime;

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};
use http::StatusCode;
use tracing::Instrument;

pub use builder::{ClientBuilder, Language};
use clock::Clock;
use endpoint::{Endpoint, Targets};
use failure::Failure;
pub use retry::RetryPolicy;
pub use root_certificate::RootCertificate;
use transport::Transport;
pub(crate) use transport::{GetError, Getter};

use crate::codec::{self, Decode, Encode};
use crate::credentials::{CredentialsError, ProvideCredentials};
use crate::envelope::{self, DecodeFailure, DecodeInto, Probe};
use crate::error::Error;
use crate::error_code::{ErrorCode, UnknownCode};
use crate::excerpt;
use crate::rate_limit::RateLimiter;
use crate::service::{ActionInfo, ServiceInfo};
use crate::shape::Correction;
use crate::signing::{SigningInput, SigningKeyCache};

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
    transport: Transport,
    /// Content type, request client, region and language: the same on every request.
    default_headers: HeaderMap,
    credentials: Arc<dyn ProvideCredentials>,
    endpoint: Endpoint,
    /// Each service's parsed URL and signed host, resolved once.
    targets: Targets,
    /// Signing keys by secret key, date and service, derived once a day.
    signing_keys: SigningKeyCache,
    region: Option<String>,
    clock: Clock,
    retry: RetryPolicy,
    rate_limiter: Option<RateLimiter>,
    max_response_size: u64,
}

/// The code the service answers a request signed with a timestamp too far off.
const SIGNATURE_EXPIRED: &str = "AuthFailure.SignatureExpire";

/// A successful body and where its `Response` object lies: found by [`envelope::probe`], or
/// `None` when the body plainly holds no error ([`envelope::plainly_a_result`]) and the typed
/// decode reads the envelope itself.
struct Reply {
    body: Bytes,
    result: Option<Range<usize>>,
}

impl Reply {
    fn result_text(&self, result: &Range<usize>, secret_members: &[&str]) -> Result<&str, DecodeFailure> {
        // `probe` already proved this slice UTF-8; re-checking keeps this path free of `unsafe`.
        let slice = self.body.get(result.clone()).unwrap_or_default();
        std::str::from_utf8(slice).map_err(|e| DecodeFailure {
            path: "Response".to_owned(),
            message: format!("response is not UTF-8: {e}"),
            body_excerpt: excerpt::head(&self.body, secret_members),
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
    /// is boxed so that a generated action method is a plain function. What is generic here
    /// is small: the input's [`Encode`] and the output's [`Decode`] are plain functions of the
    /// service crate, and everything else happens in the non-generic `execute`. A generated
    /// action method instantiates this once, in the service crate, so a caller's crate
    /// compiles nothing per action it calls.
    pub fn call<I, O, C>(
        &self,
        service: &'static ServiceInfo,
        action: &'static ActionInfo,
        input: &I,
    ) -> ResponseFuture<O, C>
    where
        I: Encode,
        O: Decode + Send + 'static,
        C: ErrorCode,
    {
        Box::pin(Decoding::<O, C> {
            sent: self.send_input(service, action, input),
            service,
            action,
            output: PhantomData,
        })
    }

    /// Encodes `input` and sends it ([`Client::send_encoded`]); an input that does not encode
    /// fails when awaited, with no attempt made.
    fn send_input(&self, service: &'static ServiceInfo, action: &'static ActionInfo, input: &dyn Encode) -> SentFuture {
        match codec::encode_dyn(input) {
            Ok(body) => self.send_encoded(service, action, Bytes::from(body)),
            Err(e) => Box::pin(std::future::ready((Err(Failure::Encode(e.to_string())), 0))),
        }
    }

    /// [`Client::execute`] as a boxed future that owns what it needs; not generic, so
    /// compiled once.
    fn send_encoded(&self, service: &'static ServiceInfo, action: &'static ActionInfo, body: Bytes) -> SentFuture {
        let client = self.clone();
        Box::pin(async move { client.execute(service, action, body).await })
    }

    /// Runs attempts until one succeeds, fails in a way [`retry::retry_reason`] does not retry,
    /// or the policy's attempts run out; returns the outcome and the number of attempts. An
    /// expired signature that a clock correction explains is signed again once, outside the
    /// policy's count.
    async fn execute(
        &self,
        service: &'static ServiceInfo,
        action: &'static ActionInfo,
        body: Bytes,
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
        // Attempts that re-signed after a clock correction; not counted against the policy.
        let mut resigned = 0;
        loop {
            if let Some(limiter) = &self.inner.rate_limiter {
                limiter.acquire(service, action).instrument(span.clone()).await;
            }
            let result = self.send(service, action, body.clone()).instrument(span.clone()).await;
            span.record("attempts", attempt);
            match &result {
                // The typed decode comes after this, in `call`.
                Ok(_) => tracing::debug!(parent: &span, "result received"),
                Err(Failure::Api { code, .. }) => {
                    tracing::debug!(parent: &span, code = code.as_str(), "service returned an error")
                }
                Err(failure) => tracing::debug!(parent: &span, kind = failure.kind(), "call failed"),
            }
            if resigned == 0 && self.corrected_clock(&result, &span) {
                resigned += 1;
                attempt += 1;
                continue;
            }
            let policy_attempt = attempt - resigned;
            let retry = match &result {
                Err(failure) if policy_attempt < max_attempts => retry::retry_reason(failure, action)
                    .and_then(|reason| Some((reason, self.inner.retry.delay(policy_attempt, failure)?))),
                _ => None,
            };
            let Some((reason, delay)) = retry else {
                return (result, attempt);
            };
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

    /// Whether `result` is an expired signature that the response's `Date` explains, in which
    /// case the clock is corrected for this and later calls.
    fn corrected_clock(&self, result: &Result<Reply, Failure>, span: &tracing::Span) -> bool {
        let Err(Failure::Api {
            code,
            server_date: Some(server_date),
            ..
        }) = result
        else {
            return false;
        };
        if code != SIGNATURE_EXPIRED {
            return false;
        }
        match self.inner.clock.correct_to(*server_date) {
            Some(offset_secs) => {
                tracing::warn!(
                    parent: span,
                    offset_secs,
                    "the local clock differs from the server's; signing again with the server's time"
                );
                true
            }
            None => false,
        }
    }

    async fn send(
        &self,
        service: &'static ServiceInfo,
        action: &'static ActionInfo,
        body: Bytes,
    ) -> Result<Reply, Failure> {
        let inner = &*self.inner;
        let target = inner
            .targets
            .get(&inner.endpoint, service.name)
            .map_err(Failure::Config)?;
        let timestamp = inner.clock.unix_seconds().map_err(Failure::Config)?;
        // Host is added by the transport, from the same target the signed host came from.
        let mut headers = inner.default_headers.clone();
        headers.insert(
            HeaderName::from_static("x-tc-action"),
            static_value(action.name, "action")?,
        );
        headers.insert(
            HeaderName::from_static("x-tc-version"),
            static_value(service.version, "version")?,
        );
        headers.insert(HeaderName::from_static("x-tc-timestamp"), HeaderValue::from(timestamp));
        if action.skip_sign {
            headers.insert(AUTHORIZATION, HeaderValue::from_static("SKIP"));
        } else {
            let credentials = inner
                .credentials
                .provide_credentials()
                .await
                .map_err(Failure::Credentials)?;
            let authorization = inner
                .signing_keys
                .authorization(
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
            let authorization = HeaderValue::try_from(authorization).map_err(|_| {
                Failure::Credentials(CredentialsError::Invalid(
                    "the secret id contains characters not allowed in an HTTP header".into(),
                ))
            })?;
            headers.insert(AUTHORIZATION, authorization);
            if let Some(token) = &credentials.token {
                let mut token = HeaderValue::from_str(token).map_err(|_| {
                    Failure::Credentials(CredentialsError::Invalid(
                        "the session token contains characters not allowed in an HTTP header".into(),
                    ))
                })?;
                token.set_sensitive(true);
                headers.insert(HeaderName::from_static("x-tc-token"), token);
            }
        }

        let reply = inner
            .transport
            .send(&target, headers, body, inner.max_response_size)
            .await?;
        if reply.status.is_redirection() {
            return Err(Failure::Redirect {
                status: reply.status.as_u16(),
                location: response::location_host(&reply.headers, &target.url),
            });
        }
        if reply.status != StatusCode::OK {
            return Err(Failure::Http {
                status: reply.status.as_u16(),
                retry_after: response::retry_after(&reply.headers, SystemTime::now()),
                body_excerpt: excerpt::head(&reply.body, action.secret_members),
            });
        }
        let (headers, body) = (reply.headers, reply.body);
        // Probing is a pass over the body before the typed decode's; it is skipped when the
        // body cannot hold an error and no subscriber wants the request id in the span.
        if tracing::Span::current().is_disabled() && envelope::plainly_a_result(&body) {
            return Ok(Reply { body, result: None });
        }
        match envelope::probe(&body, action.secret_members).map_err(Failure::Decode)? {
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
                    server_date: response::server_date(&headers),
                })
            }
            Probe::Result { request_id, range } => {
                if let Some(id) = &request_id {
                    tracing::Span::current().record("request_id", id.as_str());
                }
                Ok(Reply {
                    body,
                    result: Some(range),
                })
            }
        }
    }
}

/// The outcome of [`Client::execute`], boxed so that it is compiled once.
type SentFuture = Pin<Box<dyn Future<Output = (Result<Reply, Failure>, u32)> + Send>>;

/// The future [`Client::call`] returns: the call's outcome, decoded as `O`. A plain struct
/// rather than an `async` block: per response type it is one small `poll`.
struct Decoding<O, C> {
    sent: SentFuture,
    service: &'static ServiceInfo,
    action: &'static ActionInfo,
    output: PhantomData<fn() -> (O, C)>,
}

impl<O: Decode, C: ErrorCode> Future for Decoding<O, C> {
    type Output = Result<O, Error<C>>;

    // Generic per action: kept to a `match`, with the work in `complete`.
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let (result, attempts) = match self.sent.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(outcome) => outcome,
        };
        let mut output: Option<O> = None;
        let failure = match complete(result, self.action, &mut output) {
            Ok(()) => match output {
                Some(value) => return Poll::Ready(Ok(value)),
                None => no_value(self.action),
            },
            Err(failure) => failure,
        };
        Poll::Ready(Err(failure
            .into_error(self.service, self.action)
            .after_attempts(attempts)))
    }
}

/// A call's outcome, decoded into `output` if it succeeded.
fn complete(
    result: Result<Reply, Failure>,
    action: &'static ActionInfo,
    output: &mut dyn DecodeInto,
) -> Result<(), Failure> {
    let reply = result?;
    decode_reply(&reply, action, output)?;
    if output.is_set() {
        Ok(())
    } else {
        Err(no_value(action))
    }
}

/// A decode that succeeded without a value: not expected, said plainly rather than assumed.
fn no_value(action: &'static ActionInfo) -> Failure {
    Failure::Decode(DecodeFailure {
        path: "Response".to_owned(),
        message: format!("{}: no value was decoded", action.name),
        body_excerpt: String::new(),
    })
}

/// Decodes a reply's result with `decode_into`. Required members the service left out keep
/// their empty value ("client error correction", as the AWS SDKs do), and a `null` in a list
/// of numbers or text is the empty value; each is logged as a `warn` event naming the action
/// (and the shape and member), so a response the definitions do not describe exactly still
/// decodes and the discrepancy is never silent.
fn decode_reply(reply: &Reply, action: &'static ActionInfo, decode_into: &mut dyn DecodeInto) -> Result<(), Failure> {
    crate::shape::take_corrections();
    let decoded = match &reply.result {
        Some(result) => reply
            .result_text(result, action.secret_members)
            .and_then(|text| envelope::decode(text, action.secret_members, decode_into)),
        None => envelope::decode_enveloped(&reply.body, action.secret_members, decode_into),
    }
    .map_err(Failure::Decode);
    let mut corrections = crate::shape::take_corrections();
    corrections.sort_unstable();
    for group in corrections.chunk_by(|a, b| a == b) {
        match group[0] {
            Correction::MissingMember { shape, member } => tracing::warn!(
                action = action.name,
                shape,
                member,
                times = group.len(),
                "a required member is missing from the response; it keeps its empty value"
            ),
            Correction::NullItem => tracing::warn!(
                action = action.name,
                times = group.len(),
                "a list in the response holds null; the item is the empty value"
            ),
            Correction::ListForScalar => tracing::warn!(
                action = action.name,
                times = group.len(),
                "a one-item list in the response stands for a single value; the item is taken"
            ),
        }
    }
    decoded
}

/// A header value from generated metadata; a name the generator got wrong is a config error.
fn static_value(value: &'static str, what: &str) -> Result<HeaderValue, Failure> {
    HeaderValue::from_str(value).map_err(|_| Failure::Config(format!("{what} `{value}` is not a valid header value")))
}
