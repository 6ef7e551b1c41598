//! Every item of `tencentcloud_runtime` that generated code names, in one registry (as
//! smithy-rs keeps its `RuntimeType`s): a runtime rename is a change here, and a reader sees
//! the whole contract between generated code and the runtime at a glance.

use proc_macro2::TokenStream;
use quote::quote;

/// Each symbol as a function giving its path as tokens, and the same path as text in [`text`]
/// (for the templates that write text; see `preformatted`).
macro_rules! symbols {
    ($( $(#[doc = $doc:literal])* $name:ident: $first:ident $(:: $rest:ident)*; )*) => {
        $(
            $(#[doc = $doc])*
            pub(crate) fn $name() -> TokenStream {
                quote!($first $(:: $rest)*)
            }
        )*

        /// The symbols' paths as text.
        #[allow(dead_code)] // every symbol has its text; few templates write text
        pub(crate) mod text {
            $(
                pub(crate) const fn $name() -> &'static str {
                    concat!(stringify!($first) $(, "::", stringify!($rest))*)
                }
            )*
        }
    };
}

symbols! {
    service_info: tencentcloud_runtime::ServiceInfo;

    action_info: tencentcloud_runtime::ActionInfo;

    client: tencentcloud_runtime::Client;

    error: tencentcloud_runtime::Error;

    error_code_trait: tencentcloud_runtime::ErrorCode;

    response_future: tencentcloud_runtime::ResponseFuture;

    /// The trait every generated shape implements for the shared decoder.
    shape_trait: tencentcloud_runtime::shape::Shape;

    /// The per-key decode of a shape's members, which the runtime's shared loop calls.
    fields_trait: tencentcloud_runtime::shape::Fields;

    /// The decode of every generated shape, over its `Shape` impl.
    decode_shape: tencentcloud_runtime::shape::decode;

    encode_trait: tencentcloud_runtime::codec::Encode;

    decode_trait: tencentcloud_runtime::codec::Decode;

    writer: tencentcloud_runtime::codec::Writer;

    reader: tencentcloud_runtime::codec::Reader;

    decode_error: tencentcloud_runtime::codec::DecodeError;

    /// `Serialize` and `Deserialize` through `Encode` and `Decode` (the service crates' `serde` feature).
    serde_via_codec: tencentcloud_runtime::serde_via_codec;

    /// `Encode` and `Decode` through serde's derives (the derive baseline of benchmarks).
    via_serde: tencentcloud_runtime::via_serde;

    date_time: tencentcloud_runtime::timestamp::DateTime;

    date_time_iso: tencentcloud_runtime::timestamp::DateTimeIso;

    date: tencentcloud_runtime::timestamp::Date;

    /// Decodes a string value-set enum (any value, listed or not).
    decode_str_enum: tencentcloud_runtime::value_set::decode_str;

    /// Decodes an integer value-set enum (any integer, listed or not).
    decode_int_enum: tencentcloud_runtime::value_set::decode_int;

    paginator: tencentcloud_runtime::paginator::Paginator;

    paging_spec: tencentcloud_runtime::paginator::PagingSpec;

    page_info: tencentcloud_runtime::paginator::PageInfo;

    page_scheme: tencentcloud_runtime::paginator::PageScheme;

    waiter_config: tencentcloud_runtime::waiter::WaiterConfig;

    wait_error: tencentcloud_runtime::waiter::WaitError;

    wait_state_of: tencentcloud_runtime::waiter::classify;
}

#[cfg(test)]
mod tests {
    /// A symbol's text is its tokens, printed.
    #[test]
    fn text_is_the_path_of_the_tokens() {
        assert_eq!(
            super::encode_trait().to_string().replace(' ', ""),
            super::text::encode_trait()
        );
        assert_eq!(super::text::decode_shape(), "tencentcloud_runtime::shape::decode");
    }
}
