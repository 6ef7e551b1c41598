//! A value-set enum: a variant per listed value, `Unknown` keeping any other value exactly, and
//! conversions from and to the wire value, so requests can send unlisted values and decoding
//! never fails on a new one. The conversions are `#[inline]`: compiled where they are used, not
//! in the SDK's own build for every enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::codec::{codec_impls, Codec};
use super::{ident, runtime, value_set_text};
use crate::plan::ValueSetPlan;
use crate::spec::ValueKind;

pub fn value_set(plan: &ValueSetPlan) -> TokenStream {
    match plan.kind {
        ValueKind::String => string_set(plan),
        ValueKind::Integer => integer_set(plan),
    }
}

fn string_set(plan: &ValueSetPlan) -> TokenStream {
    let ty = ident(&plan.rust);
    let docs = plan.docs.attrs();
    let variants = plan.variants.iter().map(|v| {
        let name = ident(&v.rust);
        let docs = v.docs.attrs();
        quote! { #docs #name, }
    });
    let to_wire = plan.variants.iter().map(|v| {
        let name = ident(&v.rust);
        let value = &v.value;
        quote! { #ty::#name => #value, }
    });
    let from_wire = plan.variants.iter().map(|v| {
        let name = ident(&v.rust);
        let value = &v.value;
        quote! { #value => #ty::#name, }
    });
    // Each group of impls is written as text when it can be (see `value_set_text`).
    let head = value_set_text::head(plan).unwrap_or_else(|| {
        quote! {
            // Equality, hashing and `Debug` go through the wire value: `Unknown("running")` is
            // `Running`, and each impl is one expression (derived ones match every variant, which
            // costs more to compile than the enum itself).
            impl PartialEq for #ty {
                #[inline]
                fn eq(&self, other: &Self) -> bool {
                    self.as_str() == other.as_str()
                }
            }

            impl Eq for #ty {}

            impl std::hash::Hash for #ty {
                #[inline]
                fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                    self.as_str().hash(state)
                }
            }

            impl std::fmt::Debug for #ty {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    std::fmt::Debug::fmt(self.as_str(), f)
                }
            }
        }
    });
    let to_wire = value_set_text::to_wire(plan).unwrap_or_else(|| {
        quote! {
            impl #ty {
                /// The value as sent on the wire.
                #[inline]
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#to_wire)*
                        #ty::Unknown(value) => value,
                    }
                }
            }
        }
    });
    let from_wire = value_set_text::from_wire(plan).unwrap_or_else(|| {
        quote! {
            impl From<&str> for #ty {
                #[inline]
                fn from(value: &str) -> Self {
                    match value {
                        #(#from_wire)*
                        other => #ty::Unknown(other.to_owned()),
                    }
                }
            }
        }
    });
    let tail = value_set_text::tail(plan).unwrap_or_else(|| {
        let codec = codec(&ty, quote!(w.str(self.as_str())), runtime::decode_str_enum());
        quote! {
        impl std::str::FromStr for #ty {
            type Err = std::convert::Infallible;
            // Not `Self::Err`: a set may have a variant `Err` (monitor's `Health`), and
            // `Self::Err` would then be ambiguous.
            #[inline]
            fn from_str(value: &str) -> Result<Self, std::convert::Infallible> {
                Ok(value.into())
            }
        }

        impl std::fmt::Display for #ty {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #codec
        }
    });
    quote! {
        #docs
        #[derive(Clone)]
        #[non_exhaustive]
        pub enum #ty {
            #(#variants)*
            /// A value this SDK does not list, kept exactly as sent. Build values with `From`,
            /// which maps listed ones to their variant.
            Unknown(String),
        }
        #head
        #to_wire
        #from_wire
        #tail
    }
}

fn integer_set(plan: &ValueSetPlan) -> TokenStream {
    let ty = ident(&plan.rust);
    let docs = plan.docs.attrs();
    let literal = |value: &str| -> TokenStream {
        value
            .trim()
            .parse::<TokenStream>()
            .expect("integer values are validated by the spec loader")
    };
    let variants = plan.variants.iter().map(|v| {
        let name = ident(&v.rust);
        let docs = v.docs.attrs();
        quote! { #docs #name, }
    });
    let to_wire = plan.variants.iter().map(|v| {
        let name = ident(&v.rust);
        let value = literal(&v.value);
        quote! { #ty::#name => #value, }
    });
    let from_wire = plan.variants.iter().map(|v| {
        let name = ident(&v.rust);
        let value = literal(&v.value);
        quote! { #value => #ty::#name, }
    });
    let head = value_set_text::head(plan).unwrap_or_else(|| {
        quote! {
            // Through the wire value, as for text sets: `Unknown(1)` is `V1`.
            impl PartialEq for #ty {
                #[inline]
                fn eq(&self, other: &Self) -> bool {
                    self.value() == other.value()
                }
            }

            impl Eq for #ty {}

            impl std::hash::Hash for #ty {
                #[inline]
                fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                    self.value().hash(state)
                }
            }

            impl std::fmt::Debug for #ty {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    std::fmt::Debug::fmt(&self.value(), f)
                }
            }
        }
    });
    let to_wire = value_set_text::to_wire(plan).unwrap_or_else(|| {
        quote! {
            impl #ty {
                /// The value as sent on the wire.
                #[inline]
                pub fn value(&self) -> i64 {
                    match self {
                        #(#to_wire)*
                        #ty::Unknown(value) => *value,
                    }
                }
            }
        }
    });
    let from_wire = value_set_text::from_wire(plan).unwrap_or_else(|| {
        quote! {
            impl From<i64> for #ty {
                #[inline]
                fn from(value: i64) -> Self {
                    match value {
                        #(#from_wire)*
                        other => #ty::Unknown(other),
                    }
                }
            }
        }
    });
    let tail = value_set_text::tail(plan).unwrap_or_else(|| {
        let codec = codec(&ty, quote!(w.i64(self.value())), runtime::decode_int_enum());
        quote! {
        /// For integer literals, which are `i32` unless told otherwise: `.task_type(201)`.
        impl From<i32> for #ty {
            #[inline]
            fn from(value: i32) -> Self {
                Self::from(i64::from(value))
            }
        }

        impl From<#ty> for i64 {
            #[inline]
            fn from(value: #ty) -> i64 {
                value.value()
            }
        }

        impl std::str::FromStr for #ty {
            type Err = std::num::ParseIntError;
            #[inline]
            fn from_str(value: &str) -> Result<Self, std::num::ParseIntError> {
                value.trim().parse::<i64>().map(Self::from)
            }
        }

        impl std::fmt::Display for #ty {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.value(), f)
            }
        }

        #codec
        }
    });
    quote! {
        #docs
        #[derive(Clone, Copy)]
        #[non_exhaustive]
        pub enum #ty {
            #(#variants)*
            /// A value this SDK does not list, kept exactly as sent. Build values with `From`,
            /// which maps listed ones to their variant.
            Unknown(i64),
        }
        #head
        #to_wire
        #from_wire
        #tail
    }
}

/// `Encode` and `Decode` of the enum (serde's traits, through them, behind the `serde` feature).
fn codec(ty: &proc_macro2::Ident, encode: TokenStream, decode: TokenStream) -> TokenStream {
    codec_impls(
        ty,
        Codec {
            encode,
            encode_cfg: None,
            decode: quote!(#decode(r)),
            decode_cfg: None,
            allow: None,
        },
    )
}
