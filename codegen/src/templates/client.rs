//! The service version's `Client`: one thin method per action. Signing, sending, retries and
//! decoding live once in the runtime; a method only names its action and types and returns
//! the runtime's boxed future, so an action costs the compiler one plain function (an
//! `async fn` each would be a state machine each: measured, about a sixth of the crate's check
//! time). Methods are `#[inline]`, which moves the per-action monomorphization of encode and
//! decode out of the SDK's build into the caller's, for the actions it calls.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{ident, runtime};
use crate::plan::{ActionPlan, Plan};

/// The `SERVICE` constant, the `Error` and `ResponseFuture` aliases and the `Client` with the
/// given actions.
pub fn client<'a>(plan: &Plan, actions: impl IntoIterator<Item = &'a ActionPlan>) -> TokenStream {
    let service = &plan.service;
    let version = &plan.version;
    let client_doc = format!(" Client for `{service}` version `{version}`: one method per action.");
    let methods = actions.into_iter().map(|action| method(plan, action));
    let service_info = runtime::service_info();
    let runtime_client = runtime::client();
    let error = runtime::error();
    let response_future = runtime::response_future();
    quote! {
        /// The service and version every call of this module is signed for.
        pub const SERVICE: #service_info = #service_info {
            name: #service,
            version: #version,
        };

        /// Errors of this service version's calls; API errors carry an [`ErrorCode`].
        pub type Error = #error<ErrorCode>;

        /// What an action method returns: a `Send + 'static` future of the typed response,
        /// to `.await` or to spawn. The request is encoded when the method is called.
        pub type ResponseFuture<T> = #response_future<T, ErrorCode>;

        #[doc = #client_doc]
        ///
        /// Cheap to clone: clones share the runtime client's configuration and connection pool.
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: #runtime_client,
        }

        impl Client {
            /// Wraps a configured runtime client (credentials, region, endpoint, timeouts).
            pub fn new(inner: #runtime_client) -> Self {
                Client { inner }
            }

            /// The runtime client this client sends through.
            pub fn runtime(&self) -> &#runtime_client {
                &self.inner
            }

            #(#methods)*
        }
    }
}

fn method(plan: &Plan, action: &ActionPlan) -> TokenStream {
    let method = ident(&action.method);
    let input = ident(&plan.shape(&action.input).rust);
    let output = ident(&plan.shape(&action.output).rust);
    let name = &action.wire;
    let rate_limit = match action.rate_limit {
        Some(limit) => {
            let limit = Literal::u32_unsuffixed(limit);
            quote!(Some(#limit))
        }
        None => quote!(None),
    };
    let read_only = action.read_only;
    let secrets = &action.secret_members;
    let docs = action.docs.attrs();
    let deprecated = action
        .deprecated
        .then(|| quote!(#[deprecated(note = "deprecated in the API definitions")]));
    let action_info = runtime::action_info();
    quote! {
        #docs
        #deprecated
        // Inline: the runtime's `call` is instantiated (encode, decode, future) in the crate that
        // calls the action, so the SDK's own build does not pay for actions nobody calls.
        #[inline]
        pub fn #method(&self, input: &#input) -> ResponseFuture<#output> {
            const ACTION: #action_info = #action_info {
                name: #name,
                rate_limit: #rate_limit,
                read_only: #read_only,
                secret_members: &[#(#secrets),*],
            };
            self.inner.call(&SERVICE, &ACTION, input)
        }
    }
}
