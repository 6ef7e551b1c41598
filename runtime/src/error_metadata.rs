//! What every error of the SDK can say about the service's answer, whatever its code type.

use crate::error::Error;
use crate::error_code::ErrorCode;

/// The service's error code, message and request id, from any error of the SDK.
///
/// Each service version's `Error` has a typed code ([`Error::code`] returns that version's
/// `ErrorCode`); this trait answers with the wire strings instead, so code that handles errors
/// of several services, or the crate-level error that any of them converts into, can look at
/// them the same way.
///
/// ```
/// use tencentcloud_runtime::{ApiError, Error, ProvideErrorMetadata, UnknownCode};
///
/// fn is_throttled(err: &impl ProvideErrorMetadata) -> bool {
///     err.code().is_some_and(|code| code.starts_with("RequestLimitExceeded"))
/// }
///
/// let err: Error = Error::Api(ApiError {
///     code: UnknownCode("RequestLimitExceeded".into()),
///     message: "too many requests".into(),
///     request_id: "req-1".into(),
///     action: "DescribeSyncJobs",
///     service: "dts",
/// });
/// assert!(is_throttled(&err));
/// assert_eq!(ProvideErrorMetadata::message(&err), Some("too many requests"));
/// ```
pub trait ProvideErrorMetadata {
    /// The error code as sent (`AuthFailure.SignatureExpire`), or `RequestLimitExceeded` for an
    /// HTTP 429; `None` when the service did not answer with an error (transport, decoding…).
    fn code(&self) -> Option<&str>;
    /// The service's message (in the requested language), when it sent an error.
    fn message(&self) -> Option<&str>;
    /// The request id to quote to Tencent Cloud support, when the service sent one.
    fn request_id(&self) -> Option<&str>;
}

impl<C: ErrorCode> ProvideErrorMetadata for Error<C> {
    fn code(&self) -> Option<&str> {
        Error::code(self).map(ErrorCode::as_code)
    }

    fn message(&self) -> Option<&str> {
        self.api_error().map(|e| e.message.as_str())
    }

    fn request_id(&self) -> Option<&str> {
        Error::request_id(self)
    }
}

impl<T: ProvideErrorMetadata + ?Sized> ProvideErrorMetadata for &T {
    fn code(&self) -> Option<&str> {
        (**self).code()
    }

    fn message(&self) -> Option<&str> {
        (**self).message()
    }

    fn request_id(&self) -> Option<&str> {
        (**self).request_id()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::error::ApiError;
    use crate::error_code::UnknownCode;

    #[test]
    fn api_errors_give_all_three_through_retries() {
        let api: Error = Error::Api(ApiError {
            code: UnknownCode("ResourceNotFound".into()),
            message: "no such job".into(),
            request_id: "req-7".into(),
            action: "DescribeSyncJobs",
            service: "dts",
        });
        let retried: Error = Error::Retried {
            attempts: 3,
            last: Box::new(api),
        };
        let meta: &dyn ProvideErrorMetadata = &retried;
        assert_eq!(meta.code(), Some("ResourceNotFound"));
        assert_eq!(meta.message(), Some("no such job"));
        assert_eq!(meta.request_id(), Some("req-7"));
    }

    #[test]
    fn throttling_by_status_has_a_code_but_no_message() {
        let err: Error = Error::Http {
            action: "DescribeSyncJobs",
            status: 429,
            code: Some(UnknownCode("RequestLimitExceeded".into())),
            retry_after: Some(Duration::from_secs(1)),
            body_excerpt: String::new(),
        };
        assert_eq!(ProvideErrorMetadata::code(&err), Some("RequestLimitExceeded"));
        assert_eq!(ProvideErrorMetadata::message(&err), None);
        let timeout: Error = Error::Timeout {
            action: "DescribeSyncJobs",
        };
        assert_eq!(ProvideErrorMetadata::code(&timeout), None);
        assert_eq!(ProvideErrorMetadata::request_id(&timeout), None);
    }
}
