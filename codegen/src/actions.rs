//! Action generation: one thin method per action on the service version's `Client`.
//! Signing, sending, retries and decoding live once in the runtime; a method only names its
//! action and types and returns the runtime's boxed future, so an action costs the compiler
//! one plain function (an `async fn` each would be a state machine each: measured, about a
//! sixth of the crate's check time). Methods are `#[inline]`, which moves the per-action
//! monomorphization of encode and decode out of the SDK's build into the caller's, for the
//! actions it calls: about two thirds of a clean build of `full` otherwise.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{doc_attrs, to_markdown};
use crate::naming::Names;
use crate::spec::{Action, Spec};
use crate::types::rust_ident;

/// The `SERVICE` constant, the `Error` and `ResponseFuture` aliases and the `Client` with the
/// given actions.
pub fn emit_client<'a>(
    spec: &Spec,
    names: &Names,
    actions: impl IntoIterator<Item = (&'a String, &'a Action)>,
) -> TokenStream {
    let service = &spec.service;
    let version = &spec.version;
    let client_doc = format!(" Client for `{service}` version `{version}`: one method per action.");
    let methods = actions
        .into_iter()
        .map(|(name, action)| emit_method(spec, names, name, action));
    quote! {
        /// The service and version every call of this module is signed for.
        pub const SERVICE: tencentcloud_runtime::ServiceInfo = tencentcloud_runtime::ServiceInfo {
            name: #service,
            version: #version,
        };

        /// Errors of this service version's calls; API errors carry an [`ErrorCode`].
        pub type Error = tencentcloud_runtime::Error<ErrorCode>;

        /// What an action method returns: a `Send + 'static` future of the typed response,
        /// to `.await` or to spawn. The request is encoded when the method is called.
        pub type ResponseFuture<T> = tencentcloud_runtime::ResponseFuture<T, ErrorCode>;

        #[doc = #client_doc]
        ///
        /// Cheap to clone: clones share the runtime client's configuration and connection pool.
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: tencentcloud_runtime::Client,
        }

        impl Client {
            /// Wraps a configured runtime client (credentials, region, endpoint, timeouts).
            pub fn new(inner: tencentcloud_runtime::Client) -> Self {
                Client { inner }
            }

            /// The runtime client this client sends through.
            pub fn runtime(&self) -> &tencentcloud_runtime::Client {
                &self.inner
            }

            #(#methods)*
        }
    }
}

fn emit_method(spec: &Spec, names: &Names, name: &str, action: &Action) -> TokenStream {
    let method = rust_ident(names.action(name));
    let input = rust_ident(names.shape(&action.input));
    let output = rust_ident(names.shape(&action.output));
    let rate_limit = match action.rate_limit {
        Some(limit) => {
            let limit = proc_macro2::Literal::u32_unsuffixed(limit);
            quote!(Some(#limit))
        }
        None => quote!(None),
    };
    let read_only = action.read_only;
    // Secret members the response may carry, so error excerpts redact them.
    let secrets: Vec<&str> = spec
        .shapes_reachable_from([action.output.as_str()])
        .into_iter()
        .flat_map(|shape| spec.shapes[shape].members.iter())
        .filter(|m| m.secret)
        .map(|m| m.name.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let docs = doc_attrs(&method_docs(spec, name, action));
    let deprecated = action
        .deprecated
        .then(|| quote!(#[deprecated(note = "deprecated in the API definitions")]));
    quote! {
        #docs
        #deprecated
        // Inline: the runtime's `call` is instantiated (encode, decode, future) in the crate that
        // calls the action, so the SDK's own build does not pay for actions nobody calls.
        #[inline]
        pub fn #method(&self, input: &#input) -> ResponseFuture<#output> {
            const ACTION: tencentcloud_runtime::ActionInfo = tencentcloud_runtime::ActionInfo {
                name: #name,
                rate_limit: #rate_limit,
                read_only: #read_only,
                secret_members: &[#(#secrets),*],
            };
            self.inner.call(&SERVICE, &ACTION, input)
        }
    }
}

/// Title, description, rate limit, documented errors and the first request example.
fn method_docs(spec: &Spec, name: &str, action: &Action) -> Vec<String> {
    let mut paragraphs = vec![to_markdown(&action.title)];
    if !action.docs.is_empty() && action.docs != action.title {
        paragraphs.push(to_markdown(&action.docs));
    }
    let mut facts = format!("Action `{name}`");
    if let Some(limit) = action.rate_limit {
        facts.push_str(&format!(", rate limit {limit} requests/s"));
    }
    facts.push('.');
    paragraphs.push(facts);
    if !action.errors.is_empty() {
        let mut list = String::from("# Errors\n\nDocumented error codes:");
        for code in &action.errors {
            let description = spec.error_codes.get(code).map(String::as_str).unwrap_or_default();
            list.push_str(&format!("\n- `{code}`: {}", to_markdown(description)));
        }
        paragraphs.push(list);
    }
    if let Some(body) = action.examples.iter().find_map(|e| e.input.as_ref()) {
        let json = serde_json::to_string_pretty(body).expect("a JSON value always serializes");
        paragraphs.push(format!("# Example request\n\n```json\n{json}\n```"));
    }
    paragraphs
}
