//! The service version's `Client`: one thin method per action. Signing, sending, retries and
//! decoding live once in the runtime; a method only names its action and types and returns
//! the runtime's boxed future, so an action costs the compiler one plain function (an
//! `async fn` each would be a state machine each: measured, about a sixth of the crate's check
//! time). Methods are plain functions compiled here, in the service crate: encode and decode
//! are non-generic functions of each type (the runtime's `codec`), so the crate compiles each
//! action once and a caller's crate compiles nothing per action it calls.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use heck::ToShoutySnakeCase;

use super::shape::value_type;
use super::{ident, runtime};
use crate::plan::{ActionPlan, PaginationPlan, Paging, Plan, Scheme, Step, WaiterPlan};

/// The `SERVICE` constant, the `Error` and `ResponseFuture` aliases and the `Client` with the
/// given actions.
pub fn client<'a>(plan: &Plan, actions: impl IntoIterator<Item = &'a ActionPlan>) -> TokenStream {
    let service = &plan.service;
    let version = &plan.version;
    let client_doc = format!(" Client for `{service}` version `{version}`: one method per action.");
    let actions: Vec<&ActionPlan> = actions.into_iter().collect();
    let infos = actions.iter().map(|action| action_info(action));
    let methods = actions.iter().map(|action| method(plan, action));
    let pages = actions.iter().filter_map(|action| match &action.paging {
        Paging::Paged(paging) => Some(pages_method(plan, action, paging)),
        _ => None,
    });
    let waiters = plan
        .waiters
        .values()
        .filter_map(|w| Some(waiter_method(plan, w, actions.iter().find(|a| a.wire == w.action)?)));
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
            #(#pages)*
            #(#waiters)*
        }

        /// What the runtime needs to know about each action.
        mod actions {
            #(#infos)*
        }
    }
}

/// The action's constant in `mod actions`: `DESCRIBE_SYNC_JOBS`.
fn action_const(action: &ActionPlan) -> TokenStream {
    let name = ident(&action.method.to_shouty_snake_case());
    quote!(actions::#name)
}

fn action_info(action: &ActionPlan) -> TokenStream {
    let name = ident(&action.method.to_shouty_snake_case());
    let wire = &action.wire;
    let rate_limit = match action.rate_limit {
        Some(limit) => {
            let limit = Literal::u32_unsuffixed(limit);
            quote!(Some(#limit))
        }
        None => quote!(None),
    };
    let read_only = action.read_only;
    let skip_sign = action.skip_sign;
    let secrets = &action.secret_members;
    let action_info = runtime::action_info();
    quote! {
        pub(super) const #name: #action_info = #action_info {
            name: #wire,
            rate_limit: #rate_limit,
            read_only: #read_only,
            secret_members: &[#(#secrets),*],
            skip_sign: #skip_sign,
        };
    }
}

fn method(plan: &Plan, action: &ActionPlan) -> TokenStream {
    let method = ident(&action.method);
    let input = ident(&plan.shape(&action.input).rust);
    let output = ident(&plan.shape(&action.output).rust);
    let docs = action.docs.attrs();
    let deprecated = action
        .deprecated
        .then(|| quote!(#[deprecated(note = "deprecated in the API definitions")]));
    let info = action_const(action);
    quote! {
        #docs
        #deprecated
        pub fn #method(&self, input: &#input) -> ResponseFuture<#output> {
            self.inner.call(&SERVICE, &#info, input)
        }
    }
}

/// `…_pages`: the action's pages as a stream, from the request's position on.
fn pages_method(plan: &Plan, action: &ActionPlan, paging: &PaginationPlan) -> TokenStream {
    let method = ident(&format!("{}_pages", action.method));
    let input = ident(&plan.shape(&action.input).rust);
    let output = ident(&plan.shape(&action.output).rust);
    let item = value_type(&paging.item_type);
    let info = action_const(action);
    let paginator = runtime::paginator();
    let paging_spec = runtime::paging_spec();
    let page_info = runtime::page_info();
    let page_scheme = runtime::page_scheme();
    let (scheme, scheme_doc) = match paging.scheme {
        Scheme::Offset => (
            quote!(#page_scheme::Offset),
            "advancing the offset by the items received",
        ),
        Scheme::PageNumber => (quote!(#page_scheme::PageNumber), "one page number after another"),
    };
    // Positions and sizes are `i64` or `u64` fields, optional or not; the runtime counts in
    // `u64`.
    let read = |step: &Step| {
        let field = ident(&step.rust);
        let value = if step.optional {
            quote!(request.#field)
        } else {
            quote!(Some(request.#field))
        };
        if step.signed {
            quote!(#value.and_then(|v| u64::try_from(v).ok()))
        } else {
            value
        }
    };
    let position = read(&paging.position);
    let size = paging.size.as_ref().map_or(quote!(None), read);
    let set_position = {
        let field = ident(&paging.position.rust);
        let value = if paging.position.signed {
            quote!(i64::try_from(position).unwrap_or(i64::MAX))
        } else {
            quote!(position)
        };
        if paging.position.optional {
            quote!(request.#field = Some(#value))
        } else {
            quote!(request.#field = #value)
        }
    };
    let (holder_ref, holder_owned) = match &paging.container {
        Some(container) => (
            field_ref(quote!(Some(output)), container),
            field_owned(quote!(Some(output)), container),
        ),
        None => (quote!(Some(output)), quote!(Some(output))),
    };
    let items_ref = field_ref(holder_ref.clone(), &paging.items);
    let items_owned = field_owned(holder_owned, &paging.items);
    let total = match &paging.total {
        Some(total) => {
            let field = ident(&total.rust);
            let value = if total.optional {
                quote!(#holder_ref.and_then(|holder| holder.#field))
            } else {
                quote!(#holder_ref.map(|holder| holder.#field))
            };
            if total.signed {
                quote!(#value.and_then(|total| u64::try_from(total).ok()))
            } else {
                value
            }
        }
        None => quote!(None),
    };
    let doc = format!(
        " The pages of [`{}`](Self::{}) as a stream, {scheme_doc}, until a page is empty or short or the total \
         is reached; `.items()` streams the `{}` of every page. Each page is a call of its own (retries and the \
         rate limit apply); a failed page ends the stream after yielding its error.",
        action.method, action.method, paging.items.wire
    );
    quote! {
        #[doc = #doc]
        // Reading the paging fields is not a use the API deprecated.
        #[allow(deprecated)]
        pub fn #method(&self, input: &#input) -> #paginator<#input, #output, #item, ErrorCode> {
            #paginator::new(self.inner.clone(), &SERVICE, &#info, input.clone(), #paging_spec {
                scheme: #scheme,
                position: |request| (#position, #size),
                set_position: |request, position| #set_position,
                page_info: |output| #page_info {
                    items: #items_ref.map_or(0, Vec::len),
                    total: #total,
                },
                into_items: |output| #items_owned.unwrap_or_default(),
            })
        }
    }
}

/// `holder.map(|h| &h.field)`, as an `Option<&T>`.
fn field_ref(holder: TokenStream, step: &Step) -> TokenStream {
    let field = ident(&step.rust);
    if step.optional {
        quote!(#holder.and_then(|holder| holder.#field.as_ref()))
    } else {
        quote!(#holder.map(|holder| &holder.#field))
    }
}

/// `holder.map(|h| h.field)`, as an `Option<T>`.
fn field_owned(holder: TokenStream, step: &Step) -> TokenStream {
    let field = ident(&step.rust);
    if step.optional {
        quote!(#holder.and_then(|holder| holder.#field))
    } else {
        quote!(#holder.map(|holder| holder.#field))
    }
}

/// `wait_until_…`: polls the action until the waiter's states are reached.
fn waiter_method(plan: &Plan, waiter: &WaiterPlan, action: &ActionPlan) -> TokenStream {
    let method = ident(&waiter.method);
    let input = ident(&plan.shape(&action.input).rust);
    let output = ident(&plan.shape(&action.output).rust);
    let info = action_const(action);
    let docs = waiter.docs.attrs();
    let config = runtime::waiter_config();
    let wait_error = runtime::wait_error();
    let classify = runtime::wait_state_of();
    let mut values = quote!(std::iter::once(output));
    for step in &waiter.path {
        let field = ident(&step.rust);
        values = match (step.optional, step.each) {
            (true, true) => quote!(#values.flat_map(|x| x.#field.iter().flatten())),
            (true, false) => quote!(#values.filter_map(|x| x.#field.as_ref())),
            (false, true) => quote!(#values.flat_map(|x| x.#field.iter())),
            (false, false) => quote!(#values.map(|x| &x.#field)),
        };
    }
    let success = &waiter.success;
    let failure = &waiter.failure;
    quote! {
        #docs
        #[allow(deprecated)]
        pub async fn #method(&self, input: &#input, config: #config) -> Result<#output, #wait_error<#output, ErrorCode>> {
            let state = |output: &#output| #classify(#values.map(|x| x.as_str()), &[#(#success),*], &[#(#failure),*]);
            self.inner.wait(&SERVICE, &#info, input, state, config).await
        }
    }
}
