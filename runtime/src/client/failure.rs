//! A failed attempt before it is tied to an error-code type: keeps the generic part of
//! [`Client::call`](super::Client::call) small, and is what retry decisions look at.

use std::time::{Duration, SystemTime};

use crate::credentials::CredentialsError;
use crate::envelope::DecodeFailure;
use crate::error::{ApiError, Error, TransportError};
use crate::error_code::ErrorCode;
use crate::service::{ActionInfo, ServiceInfo};

/// The code an HTTP 429 is reported with, as the service reports throttling.
pub(super) const THROTTLED: &str = "RequestLimitExceeded";

#[derive(Debug)]
pub(super) enum Failure {
    Api {
        code: String,
        message: String,
        request_id: String,
        /// The response's `Date`, to correct a skewed clock.
        server_date: Option<SystemTime>,
    },
    Http {
        status: u16,
        retry_after: Option<Duration>,
        body_excerpt: String,
    },
    Redirect {
        status: u16,
        location: Option<String>,
    },
    TooLarge {
        limit: u64,
    },
    Transport(TransportError),
    /// `connect`: the connection was not established, so nothing was sent.
    Timeout {
        connect: bool,
    },
    Decode(DecodeFailure),
    /// The input did not encode (only hand-written serde inputs can fail); nothing was sent.
    Encode(String),
    Credentials(CredentialsError),
    Config(String),
}

impl Failure {
    /// A short label for logs.
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Failure::Api { .. } => "api",
            Failure::Http { .. } => "http",
            Failure::Redirect { .. } => "redirect",
            Failure::TooLarge { .. } => "too_large",
            Failure::Transport(_) => "transport",
            Failure::Timeout { .. } => "timeout",
            Failure::Decode(_) => "decode",
            Failure::Encode(_) => "encode",
            Failure::Credentials(_) => "credentials",
            Failure::Config(_) => "config",
        }
    }

    pub(super) fn into_error<C: ErrorCode>(
        self,
        service: &'static ServiceInfo,
        action: &'static ActionInfo,
    ) -> Error<C> {
        let action_name = action.name;
        match self {
            Failure::Api {
                code,
                message,
                request_id,
                ..
            } => Error::Api(ApiError {
                code: C::from_code(&code),
                message,
                request_id,
                action: action_name,
                service: service.name,
            }),
            Failure::Http {
                status,
                retry_after,
                body_excerpt,
            } => Error::Http {
                action: action_name,
                status,
                code: (status == 429).then(|| C::from_code(THROTTLED)),
                retry_after,
                body_excerpt,
            },
            Failure::Redirect { status, location } => Error::Redirect {
                action: action_name,
                status,
                location,
            },
            Failure::TooLarge { limit } => Error::ResponseTooLarge {
                action: action_name,
                limit,
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
            Failure::Encode(message) => Error::Encode {
                action: action_name,
                message,
            },
            Failure::Credentials(e) => Error::Credentials(e),
            Failure::Config(m) => Error::Config(m),
        }
    }
}
