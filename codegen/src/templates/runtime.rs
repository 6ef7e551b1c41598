//! Every item of `tencentcloud_runtime` that generated code names, in one registry (as
//! smithy-rs keeps its `RuntimeType`s): a runtime rename is a change here, and a reader sees
//! the whole contract between generated code and the runtime at a glance.

use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn service_info() -> TokenStream {
    quote!(tencentcloud_runtime::ServiceInfo)
}

pub(crate) fn action_info() -> TokenStream {
    quote!(tencentcloud_runtime::ActionInfo)
}

pub(crate) fn client() -> TokenStream {
    quote!(tencentcloud_runtime::Client)
}

pub(crate) fn error() -> TokenStream {
    quote!(tencentcloud_runtime::Error)
}

pub(crate) fn error_code_trait() -> TokenStream {
    quote!(tencentcloud_runtime::ErrorCode)
}

pub(crate) fn response_future() -> TokenStream {
    quote!(tencentcloud_runtime::ResponseFuture)
}

/// The trait every generated shape implements for the shared decoder.
pub(crate) fn shape_trait() -> TokenStream {
    quote!(tencentcloud_runtime::shape::Shape)
}

/// The per-key decode of a shape's members, which the runtime's shared loop calls.
pub(crate) fn fields_trait() -> TokenStream {
    quote!(tencentcloud_runtime::shape::Fields)
}

/// The decode of every generated shape, over its `Shape` impl.
pub(crate) fn decode_shape() -> TokenStream {
    quote!(tencentcloud_runtime::shape::decode)
}

pub(crate) fn encode_trait() -> TokenStream {
    quote!(tencentcloud_runtime::codec::Encode)
}

pub(crate) fn decode_trait() -> TokenStream {
    quote!(tencentcloud_runtime::codec::Decode)
}

pub(crate) fn writer() -> TokenStream {
    quote!(tencentcloud_runtime::codec::Writer)
}

pub(crate) fn reader() -> TokenStream {
    quote!(tencentcloud_runtime::codec::Reader)
}

pub(crate) fn decode_error() -> TokenStream {
    quote!(tencentcloud_runtime::codec::DecodeError)
}

/// `Serialize` and `Deserialize` through `Encode` and `Decode` (the service crates' `serde` feature).
pub(crate) fn serde_via_codec() -> TokenStream {
    quote!(tencentcloud_runtime::serde_via_codec)
}

/// `Encode` and `Decode` through serde's derives (the derive baseline of benchmarks).
pub(crate) fn via_serde() -> TokenStream {
    quote!(tencentcloud_runtime::via_serde)
}

pub(crate) fn date_time() -> TokenStream {
    quote!(tencentcloud_runtime::timestamp::DateTime)
}

pub(crate) fn date_time_iso() -> TokenStream {
    quote!(tencentcloud_runtime::timestamp::DateTimeIso)
}

pub(crate) fn date() -> TokenStream {
    quote!(tencentcloud_runtime::timestamp::Date)
}

/// Decodes a string value-set enum (any value, listed or not).
pub(crate) fn decode_str_enum() -> TokenStream {
    quote!(tencentcloud_runtime::value_set::decode_str)
}

/// Decodes an integer value-set enum (any integer, listed or not).
pub(crate) fn decode_int_enum() -> TokenStream {
    quote!(tencentcloud_runtime::value_set::decode_int)
}

pub(crate) fn paginator() -> TokenStream {
    quote!(tencentcloud_runtime::paginator::Paginator)
}

pub(crate) fn paging_spec() -> TokenStream {
    quote!(tencentcloud_runtime::paginator::PagingSpec)
}

pub(crate) fn page_info() -> TokenStream {
    quote!(tencentcloud_runtime::paginator::PageInfo)
}

pub(crate) fn page_scheme() -> TokenStream {
    quote!(tencentcloud_runtime::paginator::PageScheme)
}

pub(crate) fn waiter_config() -> TokenStream {
    quote!(tencentcloud_runtime::waiter::WaiterConfig)
}

pub(crate) fn wait_error() -> TokenStream {
    quote!(tencentcloud_runtime::waiter::WaitError)
}

pub(crate) fn wait_state_of() -> TokenStream {
    quote!(tencentcloud_runtime::waiter::classify)
}
