//! The error type of every call.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use crate::credentials::CredentialsError;
use crate::error_code::{ErrorCode, UnknownCode};

/// An error the service returned in `Response.Error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError<C> {
    /// The error code, e.g. `AuthFailure.SignatureExpire`.
    pub code: C,
    /// The service's human-readable message (in the requested language), at most 2,000 chars.
    pub message: String,
    /// `Response.RequestId`, to quote to Tencent Cloud support; empty if the service sent none.
    pub request_id: String,
    /// The action that failed.
    pub action: &'static str,
    /// The service the action belongs to.
    pub service: &'static str,
}

impl<C: fmt::Display> fmt::Display for ApiError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} (request id {})", self.code, self.message, self.request_id)
    }
}

impl<C: fmt::Debug + fmt::Display> StdError for ApiError<C> {}

/// A failure to connect, send or read, whatever HTTP library the client uses underneath.
///
/// `Display` names the innermost cause (e.g. `Connection refused (os error 111)`), and
/// [`source`](StdError::source) continues the chain below this error.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportKind,
    source: Box<dyn StdError + Send + Sync>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TransportKind {
    /// The connection was not established: nothing was sent.
    Connect,
    /// The TLS handshake failed (certificate or protocol): retrying cannot help.
    Tls,
    /// Sending or reading failed after the connection was made.
    Other,
}

impl TransportError {
    pub(crate) fn new(kind: TransportKind, source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        TransportError {
            kind,
            source: source.into(),
        }
    }

    pub(crate) fn kind(&self) -> TransportKind {
        self.kind
    }

    /// Whether the connection could not be established (nothing was sent).
    pub fn is_connect(&self) -> bool {
        matches!(self.kind, TransportKind::Connect | TransportKind::Tls)
    }

    /// Whether the TLS handshake failed: an untrusted or invalid certificate, or a peer that
    /// does not speak TLS.
    pub fn is_tls(&self) -> bool {
        self.kind == TransportKind::Tls
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The source says what failed; an error it wraps (hyper's, say) is at the chain's end.
        write!(f, "{}", self.source)?;
        let mut root: Option<&(dyn StdError + 'static)> = self.source.source();
        let mut last = None;
        while let Some(e) = root {
            last = Some(e);
            root = e.source();
        }
        if let Some(last) = last {
            write!(f, ": {last}")?;
        }
        Ok(())
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.source()
    }
}

/// Everything that can go wrong in a call. Messages name the action and never carry secrets;
/// each error's cause is reachable through [`source`](StdError::source), including through
/// [`Error::Retried`].
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<C: ErrorCode = UnknownCode> {
    /// The service answered with `Response.Error`.
    Api(ApiError<C>),
    /// The service answered with an HTTP status other than 200 (and not a redirect).
    Http {
        action: &'static str,
        status: u16,
        /// `RequestLimitExceeded` for HTTP 429, so [`Error::code`] tells throttling the same way
        /// whichever layer throttled.
        code: Option<C>,
        /// What the server's `Retry-After` header asked for, if it sent one.
        retry_after: Option<Duration>,
        /// At most ~200 characters of the body, secret values redacted.
        body_excerpt: String,
    },
    /// The server answered with a redirect. API 3.0 endpoints never redirect, and following
    /// one would hand a signed request to another host, so the client never does.
    Redirect {
        action: &'static str,
        status: u16,
        /// The host (and port) of the `Location` header, without path or query.
        location: Option<String>,
    },
    /// The response body exceeded [`ClientBuilder::max_response_size`](crate::ClientBuilder::max_response_size).
    ResponseTooLarge { action: &'static str, limit: u64 },
    /// Connecting, sending or reading failed.
    Transport {
        action: &'static str,
        source: TransportError,
    },
    /// The connect or request timeout elapsed.
    Timeout { action: &'static str },
    /// The body is not JSON, has neither `Response.Error` nor a result, or the result does not
    /// match the expected type.
    Decode {
        action: &'static str,
        /// Where decoding stopped, e.g. `Response.JobList[0].Detail.StepNow`.
        path: String,
        message: String,
        /// At most ~200 characters of the body around the failure, secret values redacted.
        body_excerpt: String,
    },
    /// The input could not be serialized to JSON.
    Encode { action: &'static str, message: String },
    /// No usable credentials.
    Credentials(CredentialsError),
    /// Invalid client configuration.
    Config(String),
    /// The call made more than one attempt (see [`RetryPolicy`](crate::RetryPolicy)); `last` is
    /// the error of the final one, shown in this error's message, and its cause is this error's
    /// [`source`](StdError::source). The accessors below look through it;
    /// [`final_error`](Self::final_error) unwraps it for matching on the variant.
    Retried { attempts: u32, last: Box<Error<C>> },
}

impl<C: ErrorCode> fmt::Display for Error<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => write!(f, "{} {}: {e}", e.service, e.action),
            Error::Http {
                action,
                status,
                retry_after,
                body_excerpt,
                ..
            } => {
                write!(f, "{action}: HTTP status {status}")?;
                if let Some(after) = retry_after {
                    write!(f, " (retry after {} s)", after.as_secs())?;
                }
                write!(f, ": {body_excerpt}")
            }
            Error::Redirect {
                action,
                status,
                location,
            } => {
                write!(f, "{action}: the server redirected (HTTP {status}")?;
                if let Some(host) = location {
                    write!(f, " to {host}")?;
                }
                f.write_str("); redirects are never followed")
            }
            Error::ResponseTooLarge { action, limit } => {
                write!(f, "{action}: the response body exceeds the limit of {limit} bytes")
            }
            Error::Transport { action, source } => write!(f, "{action}: transport error: {source}"),
            Error::Timeout { action } => write!(f, "{action}: timed out"),
            Error::Decode {
                action,
                path,
                message,
                body_excerpt,
            } => write!(
                f,
                "{action}: cannot decode response at {path}: {message}; body: {body_excerpt}"
            ),
            Error::Encode { action, message } => write!(f, "{action}: cannot encode request: {message}"),
            Error::Credentials(e) => write!(f, "credentials: {e}"),
            Error::Config(m) => write!(f, "configuration: {m}"),
            Error::Retried { attempts, last } => write!(f, "{last} (after {attempts} attempts)"),
        }
    }
}

impl<C: ErrorCode> StdError for Error<C> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Error::Api(e) => Some(e),
            Error::Transport { source, .. } => Some(source),
            Error::Credentials(e) => Some(e),
            // The last attempt's message is part of this one; its cause comes next.
            Error::Retried { last, .. } => last.source(),
            _ => None,
        }
    }
}

impl<C: ErrorCode> Error<C> {
    /// The service's error, if this is one.
    pub fn api_error(&self) -> Option<&ApiError<C>> {
        match self.final_error() {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The final attempt's error: `last` of [`Error::Retried`], otherwise `self`.
    pub fn final_error(&self) -> &Error<C> {
        match self {
            Error::Retried { last, .. } => last,
            other => other,
        }
    }

    /// Owned [`final_error`](Self::final_error).
    pub fn into_final_error(self) -> Error<C> {
        match self {
            Error::Retried { last, .. } => *last,
            other => other,
        }
    }

    /// How many attempts the call made: `attempts` of [`Error::Retried`], 0 for
    /// [`Error::Encode`] (raised before any attempt), otherwise 1.
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Retried { attempts, .. } => *attempts,
            Error::Encode { .. } => 0,
            _ => 1,
        }
    }

    /// Wraps the error of attempt `attempts` in [`Error::Retried`] when there was more than one.
    pub(crate) fn after_attempts(self, attempts: u32) -> Self {
        if attempts > 1 {
            Error::Retried {
                attempts,
                last: Box::new(self),
            }
        } else {
            self
        }
    }

    /// The service's error code: from `Response.Error`, or `RequestLimitExceeded` for an HTTP
    /// 429.
    pub fn code(&self) -> Option<&C> {
        match self.final_error() {
            Error::Api(e) => Some(&e.code),
            Error::Http { code, .. } => code.as_ref(),
            _ => None,
        }
    }

    /// The request id the service assigned, if the service answered with an error.
    pub fn request_id(&self) -> Option<&str> {
        self.api_error()
            .map(|e| e.request_id.as_str())
            .filter(|id| !id.is_empty())
    }

    /// The action the error belongs to, unless it arose before any action (credentials, config).
    pub fn action(&self) -> Option<&'static str> {
        match self {
            Error::Api(e) => Some(e.action),
            Error::Http { action, .. }
            | Error::Redirect { action, .. }
            | Error::ResponseTooLarge { action, .. }
            | Error::Transport { action, .. }
            | Error::Timeout { action }
            | Error::Decode { action, .. }
            | Error::Encode { action, .. } => Some(action),
            Error::Credentials(_) | Error::Config(_) => None,
            Error::Retried { last, .. } => last.action(),
        }
    }

    /// Whether a timeout elapsed (in the final attempt).
    pub fn is_timeout(&self) -> bool {
        matches!(self.final_error(), Error::Timeout { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api() -> Error {
        Error::Api(ApiError {
            code: UnknownCode("ResourceNotFound".into()),
            message: "project not found".into(),
            request_id: "req-1".into(),
            action: "ListProjects",
            service: "wedata",
        })
    }

    #[test]
    fn api_error_display_names_service_action_code_message_and_request_id() {
        assert_eq!(
            api().to_string(),
            "wedata ListProjects: ResourceNotFound: project not found (request id req-1)"
        );
    }

    #[test]
    fn accessors_reach_the_api_error() {
        let e = api();
        assert_eq!(e.code().map(ErrorCode::as_code), Some("ResourceNotFound"));
        assert_eq!(e.request_id(), Some("req-1"));
        assert_eq!(e.action(), Some("ListProjects"));
        let t: Error = Error::Timeout { action: "X" };
        assert!(t.is_timeout() && t.api_error().is_none() && t.request_id().is_none());
        assert_eq!(t.to_string(), "X: timed out");
    }

    #[test]
    fn retried_errors_expose_the_final_error_and_the_attempt_count() {
        let e = api().after_attempts(3);
        assert!(matches!(&e, Error::Retried { attempts: 3, .. }));
        assert_eq!(e.attempts(), 3);
        assert_eq!(e.code().map(ErrorCode::as_code), Some("ResourceNotFound"));
        assert_eq!(e.request_id(), Some("req-1"));
        assert_eq!(e.action(), Some("ListProjects"));
        assert!(matches!(e.final_error(), Error::Api(_)));
        assert_eq!(
            e.to_string(),
            "wedata ListProjects: ResourceNotFound: project not found (request id req-1) (after 3 attempts)"
        );
        assert!(matches!(e.into_final_error(), Error::Api(_)));

        let t: Error = Error::Timeout { action: "X" }.after_attempts(2);
        assert!(t.is_timeout() && t.attempts() == 2);
        let once = api().after_attempts(1);
        assert!(matches!(once, Error::Api(_)) && once.attempts() == 1);
        let encode: Error = Error::Encode {
            action: "X",
            message: String::new(),
        };
        assert_eq!(encode.attempts(), 0);
    }

    #[test]
    fn throttling_over_http_answers_code() {
        let e: Error = Error::Http {
            action: "X",
            status: 429,
            code: Some(UnknownCode("RequestLimitExceeded".into())),
            retry_after: Some(Duration::from_secs(2)),
            body_excerpt: String::new(),
        };
        assert_eq!(e.code().map(ErrorCode::as_code), Some("RequestLimitExceeded"));
        assert_eq!(e.to_string(), "X: HTTP status 429 (retry after 2 s): ");
    }
}
