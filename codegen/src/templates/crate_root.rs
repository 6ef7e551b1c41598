//! The crate of one service: `lib.rs` (the guide, what it re-exports from the runtime, a
//! module per version) and `error.rs` (the crate-level `Error` every version's error converts
//! into).

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::naming::{crate_ident, module_name, version_variant};
use crate::plan::{ActionPlan, Construction, Plan};

/// The crate-level docs, with `{{…}}` placeholders filled per service by [`crate_guide`]. Kept
/// as Markdown so the repository's tests can compile its examples as doctests.
const CRATE_GUIDE: &str = include_str!("crate_guide.md");

/// One service and its planned versions, oldest first (at least one).
pub struct ServiceEntry<'a> {
    pub service: &'a str,
    pub versions: Vec<&'a Plan>,
}

impl ServiceEntry<'_> {
    fn newest(&self) -> &Plan {
        self.versions.last().expect("a service entry has a version")
    }
}

/// The guide of a service's crate: the template with the service's names, and a quick start
/// that calls an action of the newest version when one fits (see [`quick_start_action`]).
pub fn crate_guide(entry: &ServiceEntry<'_>) -> String {
    let newest = entry.newest();
    let lib = crate_ident(entry.service);
    let alias = module_name(entry.service);
    let versions = entry
        .versions
        .iter()
        .map(|plan| format!("`{}` (API version {})", plan.feature, plan.version))
        .collect::<Vec<_>>()
        .join(", ");
    let (call, error_example) = match quick_start_action(newest) {
        Some((action, request)) => {
            let method = &action.method;
            let call = format!(
                "    let request = {alias}::{request}::new();\n    \
                 let response = client.{method}(&request).await?;\n    \
                 println!(\"{{response:?}}\");\n"
            );
            let expired = newest
                .error_codes
                .get("AuthFailure.SignatureExpire")
                .map(|code| &code.variant);
            let error_example = match expired {
                Some(variant) => format!(
                    "\n```rust,no_run\n\
                     # use {lib}::{version} as {alias};\n\
                     # async fn run(client: {alias}::Client) -> Result<(), {lib}::Error> {{\n\
                     match client.{method}(&{alias}::{request}::new()).await {{\n    \
                     Ok(response) => println!(\"{{response:?}}\"),\n    \
                     Err(err) if err.code() == Some(&{alias}::ErrorCode::{variant}) => {{\n        \
                     eprintln!(\"is the clock right?\");\n    \
                     }}\n    \
                     Err(err) => return Err(err.into()),\n\
                     }}\n\
                     # Ok(())\n\
                     # }}\n\
                     ```\n",
                    version = newest.module,
                ),
                None => String::new(),
            };
            (call, error_example)
        }
        None => (
            "    // Each action is a method of `client`; its docs show an example.\n    let _ = client;\n".to_owned(),
            String::new(),
        ),
    };
    CRATE_GUIDE
        .replace("{{service}}", entry.service)
        .replace("{{versions}}", &versions)
        .replace("{{crate}}", &newest.crate_name)
        .replace("{{lib}}", &lib)
        .replace("{{version}}", &newest.module)
        .replace("{{alias}}", &alias)
        .replace("{{call}}", &call)
        .replace("{{error_example}}", &error_example)
}

/// The action the quick start calls: the first (by wire name) that only reads, is signed, is
/// not deprecated and whose request needs no argument, with its request type.
fn quick_start_action(plan: &Plan) -> Option<(&ActionPlan, &str)> {
    plan.actions.values().find_map(|action| {
        let request = plan.shapes.get(&action.input)?;
        let usable = action.read_only
            && !action.skip_sign
            && !action.deprecated
            && request.construction == Construction::Default;
        usable.then_some((action, request.rust.as_str()))
    })
}

/// `lib.rs` of a service's crate.
pub fn crate_root(entry: &ServiceEntry<'_>) -> TokenStream {
    let guide = crate_guide(entry);
    let guide = guide.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #line])
    });
    let modules = entry.versions.iter().map(|plan| {
        let module = ident(&plan.module);
        let feature = &plan.feature;
        // Generated files are printed by prettyplease; rustfmt is told to leave them be, so
        // `cargo fmt` neither rewrites them nor fails `regen --check`.
        quote! {
            #[cfg(feature = #feature)]
            #[cfg_attr(docsrs, doc(cfg(feature = #feature)))]
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
        /// The client every version's `Client` wraps: configured once, cheap to clone.
        #[doc(inline)]
        pub use tencentcloud_runtime::Client as RuntimeClient;
        #(#after)*

        #[rustfmt::skip]
        mod error;
        pub use error::Error;

        #(#modules)*
    }
}

/// `Error`: a variant per version (behind its feature) holding that version's typed error,
/// plus the runtime's untyped one; `From` for each, so `?` converts.
pub fn crate_error(entry: &ServiceEntry<'_>) -> TokenStream {
    let versions: Vec<(&Plan, proc_macro2::Ident, TokenStream)> = entry
        .versions
        .iter()
        .map(|plan| {
            let variant = ident(&version_variant(&plan.version));
            let module = ident(&plan.module);
            (*plan, variant, quote!(crate::#module::Error))
        })
        .collect();
    let variants = versions.iter().map(|(plan, variant, path)| {
        let feature = &plan.feature;
        let doc = format!(" An error of a call of version `{}`.", plan.version);
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
        /// An error of any call of this crate: `?` converts each version's `Error`
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
