//! Runtime of the generated Tencent Cloud API 3.0 SDK: request signing, the HTTP client,
//! credential sources and the error type that generated service modules build on.
//!
//! ```no_run
//! use tencentcloud_runtime::{ActionInfo, Client, Credentials, Error, ServiceInfo};
//!
//! const WEDATA: ServiceInfo = ServiceInfo { name: "wedata", version: "2025-08-06" };
//! const LIST_PROJECTS: ActionInfo = ActionInfo::new("ListProjects").read_only().with_rate_limit(20);
//!
//! # async fn run() -> Result<(), Error> {
//! let client = Client::builder()
//!     .credentials(Credentials::new("AKID...", "secret"))
//!     .region("ap-guangzhou")
//!     .build()?;
//! let input = serde_json::json!({ "PageNumber": 1, "PageSize": 10 });
//! let output: serde_json::Value = client.call(&WEDATA, &LIST_PROJECTS, &input).await?;
//! # let _ = output;
//! # Ok(())
//! # }
//! ```
//!
//! Cargo feature `native-roots` (off by default): TLS also trusts the platform's certificate
//! store, for TLS-inspecting proxies whose CA is installed on the machine; see
//! [`RootCertificate`] for that and the other choices.

mod client;
pub mod codec;
pub mod credentials;
mod envelope;
mod error;
mod error_code;
mod error_metadata;
mod excerpt;
pub mod paginator;
mod rate_limit;
pub mod secret;
mod service;
#[doc(hidden)]
pub mod shape;
pub mod signing;
pub mod timestamp;
#[doc(hidden)]
pub mod value_set;
pub mod waiter;

/// The `time` crate the timestamp conversions use, so callers need no dependency of their own.
pub use time;

pub use client::{Client, ClientBuilder, Language, ResponseFuture, RootCertificate};
pub use credentials::{Credentials, ProvideCredentials};
pub use error::{ApiError, Error, TransportError};
pub use error_code::{ErrorCode, UnknownCode};
pub use error_metadata::ProvideErrorMetadata;
pub use service::{ActionInfo, ServiceInfo};
// Retries and client-side rate limiting.
pub use client::RetryPolicy;
pub use rate_limit::RateLimitPolicy;
