//! The error type of every call.

use std::fmt;

use crate::error_code::{ErrorCode, UnknownCode};

/// An error the service returned in `Response.Error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError<C> {
    /// The error code, e.g. `AuthFailure.SignatureExpire`.
    pub code: C,
    /// The service's human-readable message (in the requested language).
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

impl<C: fmt::Debug + fmt::Display> std::error::Error for ApiError<C> {}

/// Everything that can go wrong in a call. Messages name the action and never carry secrets.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<C: ErrorCode = UnknownCode> {
    /// The service answered with `Response.Error`.
    #[error("{} {}: {}", .0.service, .0.action, .0)]
    Api(ApiError<C>),
    /// The service answered with an HTTP status other than 200.
    #[error("{action}: HTTP status {status}: {body_excerpt}")]
    Http {
        action: &'static str,
        status: u16,
        /// At most ~200 characters of the body.
        body_excerpt: String,
    },
    /// Connecting, sending or reading failed.
    #[error("{action}: transport error: {source}")]
    Transport {
        action: &'static str,
        #[source]
        source: reqwest::Error,
    },
    /// The connect or request timeout elapsed.
    #[error("{action}: timed out")]
    Timeout { action: &'static str },
    /// The body is not JSON, has neither `Response.Error` nor a result, or the result does not
    /// match the expected type.
    #[error("{action}: cannot decode response at {path}: {message}; body: {body_excerpt}")]
    Decode {
        action: &'static str,
        /// Where decoding stopped, e.g. `Response.JobList[0].Detail.StepNow`.
        path: String,
        message: String,
        /// At most ~200 characters of the body around the failure.
        body_excerpt: String,
    },
    /// The input could not be serialized to JSON.
    #[error("{action}: cannot encode request: {message}")]
    Encode { action: &'static str, message: String },
    /// No usable credentials.
    #[error("credentials: {0}")]
    Credentials(String),
    /// Invalid client configuration.
    #[error("configuration: {0}")]
    Config(String),
    /// The call made more than one attempt (see [`RetryPolicy`](crate::RetryPolicy)); `last` is
    /// the error of the final one, shown in this error's message. The accessors below look
    /// through it; [`final_error`](Self::final_error) unwraps it for matching on the variant or
    /// walking its `source()` chain.
    #[error("{} (after {attempts} attempts)", .last)]
    Retried { attempts: u32, last: Box<Error<C>> },
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

    /// The service's error code, if this is a service error.
    pub fn code(&self) -> Option<&C> {
        self.api_error().map(|e| &e.code)
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
}
