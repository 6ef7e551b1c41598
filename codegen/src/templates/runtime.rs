//! Every item of `tencentcloud_runtime` that generated code names, in one registry (as
//! smithy-rs keeps its `RuntimeType`s): a runtime rename is a change here, and a reader sees
//! the whole contract between generated code and the runtime at a glance.

use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::Decode;

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

pub(crate) fn map_writer() -> TokenStream {
    quote!(tencentcloud_runtime::shape::MapWriter)
}

pub(crate) fn deserialize_shape() -> TokenStream {
    quote!(tencentcloud_runtime::shape::deserialize)
}

pub(crate) fn skip_value() -> TokenStream {
    quote!(tencentcloud_runtime::shape::skip)
}

/// The decoder helper a field's `match` arm calls.
pub(crate) fn set_field(decode: Decode, required: bool) -> TokenStream {
    match (decode, required) {
        (Decode::Strict, false) => quote!(tencentcloud_runtime::shape::set),
        (Decode::Strict, true) => quote!(tencentcloud_runtime::shape::set_required),
        (Decode::Lenient, false) => quote!(tencentcloud_runtime::shape::set_lenient),
        (Decode::Lenient, true) => quote!(tencentcloud_runtime::shape::set_lenient_required),
    }
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
pub(crate) fn deserialize_str_enum() -> TokenStream {
    quote!(tencentcloud_runtime::value_set::deserialize_str)
}

/// Decodes an integer value-set enum (any integer, listed or not).
pub(crate) fn deserialize_int_enum() -> TokenStream {
    quote!(tencentcloud_runtime::value_set::deserialize_int)
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
