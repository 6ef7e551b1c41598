//! The error-code enum of one service version: a variant per documented code, an
//! `Unknown(String)` fallback for codes this SDK does not know yet (`#[non_exhaustive]`, so new
//! variants are not breaking), and conversion from and to the wire string.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, runtime};
use crate::plan::{ErrorCodePlan, Plan};

/// `ErrorCode` with the given codes (all of the plan's, or a subset for a snapshot).
pub fn error_codes<'a>(plan: &Plan, codes: impl IntoIterator<Item = &'a ErrorCodePlan> + Clone) -> TokenStream {
    let title = format!(" Error codes of {} {}.", plan.service, plan.version);
    let variants = codes.clone().into_iter().map(|code| {
        let variant = ident(&code.variant);
        let docs = code.docs.attrs();
        quote! { #docs #variant, }
    });
    let to_wire = codes.clone().into_iter().map(|code| {
        let variant = ident(&code.variant);
        let wire = &code.wire;
        quote! { ErrorCode::#variant => #wire, }
    });
    let from_wire = codes.into_iter().map(|code| {
        let variant = ident(&code.variant);
        let wire = &code.wire;
        quote! { #wire => ErrorCode::#variant, }
    });
    let error_code_trait = runtime::error_code_trait();
    quote! {
        #[doc = #title]
        ///
        /// API errors of this service version carry one of these in
        /// [`ApiError::code`](tencentcloud_runtime::ApiError::code): the service's own codes and
        /// the common codes of every API 3.0 service (`AuthFailure.SignatureExpire`,
        /// `RequestLimitExceeded`…). Codes added after this SDK was generated arrive as
        /// [`ErrorCode::Unknown`], and parse (`str::parse`, `From<&str>`) never fails.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            #(#variants)*
            /// A code this version of the SDK does not list; holds the code as sent.
            Unknown(String),
        }

        impl ErrorCode {
            /// The code as it appears on the wire, e.g. `AuthFailure.SignatureExpire`.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    ErrorCode::Unknown(code) => code,
                }
            }
        }

        impl From<&str> for ErrorCode {
            fn from(code: &str) -> Self {
                match code {
                    #(#from_wire)*
                    other => ErrorCode::Unknown(other.to_owned()),
                }
            }
        }

        impl std::str::FromStr for ErrorCode {
            type Err = std::convert::Infallible;

            /// Never fails: a code this version does not list becomes [`ErrorCode::Unknown`].
            fn from_str(code: &str) -> Result<Self, std::convert::Infallible> {
                Ok(code.into())
            }
        }

        impl std::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl #error_code_trait for ErrorCode {
            fn from_code(code: &str) -> Self {
                code.into()
            }
            fn as_code(&self) -> &str {
                self.as_str()
            }
        }
    }
}
