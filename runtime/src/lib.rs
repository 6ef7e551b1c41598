//! Runtime of the generated Tencent Cloud API 3.0 SDK: request signing, the HTTP client,
//! credential sources and the error type that generated service modules build on.

mod client;
pub mod credentials;
mod envelope;
mod error;
mod error_code;
mod excerpt;
mod service;
#[doc(hidden)]
pub mod shape;
pub mod signing;

pub use client::{Client, ClientBuilder, Language};
pub use credentials::{Credentials, ProvideCredentials};
pub use error::{ApiError, Error};
pub use error_code::{ErrorCode, UnknownCode};
pub use service::{ActionInfo, ServiceInfo};
