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
