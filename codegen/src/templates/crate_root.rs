//! `lib.rs` of the generated crate (the guide, what it re-exports from the runtime, a module
//! per service) and `error.rs` (the crate-level `Error` every service version's error converts
//! into).

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::naming::{module_name, service_version_variant};
use crate::plan::Plan;

/// The crate-level docs: what the crate is, a quick start, configuration, errors, where to look.
/// Kept as Markdown so the repository's tests can compile its examples as doctests.
pub const CRATE_GUIDE: &str = include_str!("crate_guide.md");

/// One service and its planned versions, in order.
pub struct ServiceEntry<'a> {
    pub service: &'a str,
    pub versions: Vec<&'a Plan>,
}

/// `lib.rs` for `services`.
pub fn crate_root(services: &[ServiceEntry<'_>]) -> TokenStream {
    let guide = CRATE_GUIDE.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #line])
    });
    let modules = services.iter().map(|entry| {
        let module = ident(&module_name(entry.service));
        let cfg = any_feature(&entry.versions);
        // Generated files are printed by prettyplease; rustfmt is told to leave them be, so
        // `cargo fmt` neither rewrites them nor fails `regen --check`.
        quote! {
            #[cfg(#cfg)]
            #[cfg_attr(docsrs, doc(cfg(#cfg)))]
            #[rustfmt::skip]
            pub mod #module;
        }
    });
    // One item a `use`, in the order rustfmt sorts them: `lib.rs` is formatted by `cargo fmt`
    // (only modules can be `#[rustfmt::skip]`), so it must already be as rustfmt prints it.
    let reexports = [
        "ApiError",
        "ClientBuilder",
        "Credentials",
        "Language",
        "ProvideErrorMetadata",
        "RateLimitPolicy",
        "RetryPolicy",
        "RootCertificate",
    ]
    .map(|name| {
        let name = ident(name);
        quote! {
            #[doc(inline)]
            pub use tencentcloud_runtime::#name;
        }
    });
    let (before, after) = reexports.split_at(1);
    quote! {
        #(#guide)*
        #![cfg_attr(docsrs, feature(doc_cfg))]

        /// The hand-written runtime: client, credentials, signing, timestamps, paging, waiting.
        pub use tencentcloud_runtime as runtime;
        #(#before)*
        /// The client every service module's `Client` wraps: configured once, cheap to clone.
        #[doc(inline)]
        pub use tencentcloud_runtime::Client as RuntimeClient;
        #(#after)*

        #[rustfmt::skip]
        mod error;
        pub use error::Error;

        #(#modules)*
    }
}

/// `feature = "…"` or `any(feature = "…", …)` for a service's versions.
fn any_feature(versions: &[&Plan]) -> TokenStream {
    let features: Vec<&str> = versions.iter().map(|p| p.feature.as_str()).collect();
    match features.as_slice() {
        [one] => quote!(feature = #one),
        many => quote!(any(#(feature = #many),*)),
    }
}

/// `Error`: a variant per service version (behind its feature) holding that version's typed
/// error, plus the runtime's untyped one; `From` for each, so `?` converts.
pub fn crate_error(services: &[ServiceEntry<'_>]) -> TokenStream {
    let versions: Vec<(&Plan, proc_macro2::Ident, TokenStream)> = services
        .iter()
        .flat_map(|entry| entry.versions.iter().copied())
        .map(|plan| {
            let variant = ident(&service_version_variant(&plan.service, &plan.version));
            let service = ident(&module_name(&plan.service));
            let module = ident(&plan.module);
            (plan, variant, quote!(crate::#service::#module::Error))
        })
        .collect();
    let variants = versions.iter().map(|(plan, variant, path)| {
        let feature = &plan.feature;
        let doc = format!(" An error of a `{}` `{}` call.", plan.service, plan.version);
        quote! {
            #[doc = #doc]
            #[cfg(feature = #feature)]
            #[cfg_attr(docsrs, doc(cfg(feature = #feature)))]
            #variant(#path),
        }
    });
    let froms = versions.iter().map(|(plan, variant, path)| {
        let feature = &plan.feature;
        quote! {
            #[cfg(feature = #feature)]
            impl From<#path> for Error {
                fn from(err: #path) -> Self {
                    Error::#variant(err)
                }
            }
        }
    });
    // One match finds the inner error; every method delegates through it.
    let arms = versions.iter().map(|(plan, variant, _)| {
        let feature = &plan.feature;
        quote! {
            #[cfg(feature = #feature)]
            Error::#variant(e) => e,
        }
    });
    quote! {
        /// An error of any call of this crate: `?` converts each service version's `Error`
        /// into it, and the typed error stays inside (match the variant to get its `ErrorCode`).
        ///
        /// `Display` and [`source`](std::error::Error::source) are the inner error's, so a
        /// chain printed by `anyhow` or `eyre` reads the same as the inner error's;
        /// [`ProvideErrorMetadata`](crate::ProvideErrorMetadata) gives the code, message and request id as text.
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum Error {
            #(#variants)*
            /// An error of the runtime's untyped calls ([`RuntimeClient::call`](crate::RuntimeClient::call)), or of building
            /// a client.
            Runtime(tencentcloud_runtime::Error),
        }

        #(#froms)*

        impl From<tencentcloud_runtime::Error> for Error {
            fn from(err: tencentcloud_runtime::Error) -> Self {
                Error::Runtime(err)
            }
        }

        impl std::fmt::Display for Error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(self.inner(), f)
            }
        }

        impl std::error::Error for Error {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                std::error::Error::source(self.inner())
            }
        }

        impl tencentcloud_runtime::ProvideErrorMetadata for Error {
            fn code(&self) -> Option<&str> {
                tencentcloud_runtime::ProvideErrorMetadata::code(self.inner())
            }
            fn message(&self) -> Option<&str> {
                tencentcloud_runtime::ProvideErrorMetadata::message(self.inner())
            }
            fn request_id(&self) -> Option<&str> {
                tencentcloud_runtime::ProvideErrorMetadata::request_id(self.inner())
            }
        }

        /// What the crate error needs of each inner error: every one is a runtime error.
        trait Inner: std::error::Error + tencentcloud_runtime::ProvideErrorMetadata {
            fn action(&self) -> Option<&'static str>;
        }

        impl<C: tencentcloud_runtime::ErrorCode> Inner for tencentcloud_runtime::Error<C> {
            fn action(&self) -> Option<&'static str> {
                tencentcloud_runtime::Error::action(self)
            }
        }

        impl Error {
            fn inner(&self) -> &dyn Inner {
                match self {
                    #(#arms)*
                    Error::Runtime(e) => e,
                }
            }

            /// The action that failed, unless the error arose before any action (credentials,
            /// configuration).
            pub fn action(&self) -> Option<&'static str> {
                Inner::action(self.inner())
            }
        }
    }
}
