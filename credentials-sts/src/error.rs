//! Why a provider of this crate yielded no credentials.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use tencentcloud_runtime::credentials::CredentialsError;
use tencentcloud_runtime::ProvideErrorMetadata;

use crate::sts::api;

/// Why an STS provider yielded no credentials. Messages name the variable, file or STS answer
/// at fault and never carry a secret: not the web identity token, not the base credentials, not
/// the temporary ones.
///
/// Cloneable so that every caller waiting on one refresh gets its error.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// TKE OIDC variables are unset (or empty). `partly_set` when others of the four are set:
    /// the pod is configured for web identity, but not completely.
    #[error("web identity: {} not set{}", missing.join(", "), if *partly_set { " (the other TKE OIDC variables are)" } else { "" })]
    MissingEnv {
        missing: Vec<&'static str>,
        partly_set: bool,
    },
    /// The web identity token file could not be read.
    #[error("web identity: cannot read the token file {}: {source}", path.display())]
    TokenFile {
        path: PathBuf,
        #[source]
        source: Arc<io::Error>,
    },
    /// The web identity token file is empty (or only whitespace).
    #[error("web identity: the token file {} is empty", path.display())]
    EmptyTokenFile { path: PathBuf },
    /// STS answered with an error (`Response.Error`).
    #[error("sts {action}: {code}: {message} (request id {request_id})")]
    Sts {
        action: &'static str,
        code: String,
        /// STS's message; a web identity token it quotes is replaced by `<redacted>`.
        message: String,
        request_id: String,
    },
    /// The STS call failed otherwise: transport, timeout, HTTP status, an undecodable body, or
    /// no base credentials to sign `AssumeRole` with.
    #[error("sts {action}: {source}")]
    Call {
        action: &'static str,
        #[source]
        source: Arc<CallError>,
    },
    /// STS returned credentials that had already expired by the local clock.
    #[error("sts {action}: the credentials returned expired at {expired_time} (unix seconds), before now ({now}); is the local clock right?")]
    Expired {
        action: &'static str,
        expired_time: u64,
        now: u64,
    },
    /// The STS client could not be built from the configuration (endpoint, proxy, region…).
    #[error("cannot configure the STS client: {0}")]
    Client(#[source] Arc<tencentcloud_runtime::Error>),
}

/// The error of a failed STS call, as the generated STS client reports it.
pub type CallError = tencentcloud_runtime::Error<api::ErrorCode>;

impl Error {
    /// From a failed STS call; `token` (the web identity token, if any) is cut out of the
    /// service's message in case it quotes the rejected value.
    pub(crate) fn from_call(action: &'static str, err: CallError, token: Option<&str>) -> Self {
        let Some(api) = err.api_error() else {
            return Error::Call {
                action,
                source: Arc::new(err),
            };
        };
        let mut message = api.message.clone();
        if let Some(token) = token.filter(|t| !t.is_empty()) {
            message = message.replace(token, "<redacted>");
        }
        Error::Sts {
            action,
            code: ProvideErrorMetadata::code(&err).unwrap_or_default().to_owned(),
            message,
            request_id: api.request_id.clone(),
        }
    }

    /// The trait's error: not configured at all is `NotFound` (a chain moves on); anything
    /// else is `Invalid` (a chain stops rather than use another identity).
    pub(crate) fn into_credentials_error(self) -> CredentialsError {
        match self {
            Error::MissingEnv { partly_set: false, .. } => CredentialsError::NotFound(self.to_string()),
            other => CredentialsError::Invalid(other.to_string()),
        }
    }
}
