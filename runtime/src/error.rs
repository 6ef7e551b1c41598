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
}

impl<C: ErrorCode> Error<C> {
    /// The service's error, if this is one.
    pub fn api_error(&self) -> Option<&ApiError<C>> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
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
        }
    }

    /// Whether a timeout elapsed.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
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
}
