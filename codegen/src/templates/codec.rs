//! A generated type's `Encode` and `Decode` (the runtime's codec, what calls use): the same
//! impls for shapes and value-set enums. serde's `Serialize` and `Deserialize` go through them,
//! behind the service crate's `serde` feature, for every type of a file at once
//! ([`serde_impls`]).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::runtime;

/// Bodies and conditions of a type's codec impls: `encode` writes `self` to `w`, `decode`
/// reads `Self` from `r`; a `cfg` (when set) puts the impl behind a feature.
pub(super) struct Codec {
    pub encode: TokenStream,
    pub encode_cfg: Option<TokenStream>,
    pub decode: TokenStream,
    pub decode_cfg: Option<TokenStream>,
    /// `#[allow(deprecated)]` for impls that touch deprecated fields.
    pub allow: Option<TokenStream>,
}

/// `#[cfg(feature = "serde")]`: what only the `serde` feature turns on.
pub(super) fn serde_only() -> TokenStream {
    quote!(#[cfg(feature = "serde")])
}

pub(super) fn codec_impls(ty: &Ident, codec: Codec) -> TokenStream {
    let Codec {
        encode,
        encode_cfg,
        decode,
        decode_cfg,
        allow,
    } = codec;
    let encode_trait = runtime::encode_trait();
    let decode_trait = runtime::decode_trait();
    let writer = runtime::writer();
    let reader = runtime::reader();
    let decode_error = runtime::decode_error();
    quote! {
        #allow
        #encode_cfg
        impl #encode_trait for #ty {
            fn encode(&self, w: &mut #writer) {
                #encode
            }
        }

        #decode_cfg
        impl #decode_trait for #ty {
            fn decode(r: &mut #reader<'_>) -> Result<Self, #decode_error> {
                #decode
            }
        }
    }
}

/// serde's `Serialize` and `Deserialize`, through `Encode` and `Decode`, of the `types` of a
/// file, behind the `serde` feature (which also turns on each type's other direction): one
/// macro call, not two impls a type, as they are the same line for every type.
pub(super) fn serde_impls(types: &[Ident]) -> TokenStream {
    if types.is_empty() {
        return TokenStream::new();
    }
    let serde_only = serde_only();
    let serde_via_codec = runtime::serde_via_codec();
    quote! {
        #serde_only
        #serde_via_codec!(#(#types),*);
    }
}
