//! A shape: the struct, its constructor or `Default`, `Debug` when it redacts, its `Encode` and
//! `Decode` (and, behind the `serde` feature, serde's traits through them). Every decision
//! comes from the [`ShapePlan`]. The codec impls, constructor and setters are written as text
//! when they can be ([`super::shape_text`]); these templates are what that text must print as.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{codec, ident, runtime, shape_text};
use crate::plan::{Construction, FieldPlan, FieldType, Presence, ShapePlan};
use crate::spec::ValueKind;

/// How shapes are encoded and decoded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SerdeStyle {
    /// Plain `Encode`/`Decode` functions over the runtime's codec (what `generated/` uses): a
    /// fraction of derive's compile time, lenient numbers, compiled once in the service crate.
    #[default]
    Compact,
    /// `#[derive(Serialize, Deserialize)]` with `#[serde(rename)]`, encoded and decoded through
    /// them: the baseline the compact impls are measured against (benchmarks only).
    Derive,
}

pub fn shape(plan: &ShapePlan, style: SerdeStyle) -> TokenStream {
    match style {
        SerdeStyle::Compact => compact_shape(plan),
        SerdeStyle::Derive => derived_shape(plan),
    }
}

fn compact_shape(plan: &ShapePlan) -> TokenStream {
    let ident = ident(&plan.rust);
    let docs = plan.docs.attrs();
    let fields = plan.fields.iter().map(field);
    let (derive_default, default) = default_parts(plan, plan.received());
    let constructor = shape_text::constructor(plan).or_else(|| constructor(plan));
    let setters = shape_text::setters(plan).or_else(|| setters(plan));
    let codec = shape_text::codec(plan).unwrap_or_else(|| codec(plan));
    let (derive_debug, debug) = if plan.redacts {
        (None, Some(redacting_debug(plan)))
    } else {
        (Some(quote!(Debug,)), None)
    };
    quote! {
        #docs
        #[derive(Clone, #derive_debug #derive_default PartialEq)]
        #[non_exhaustive]
        pub struct #ident {
            #(#fields)*
        }
        #debug
        #default
        #constructor
        #setters
        #codec
    }
}

fn field(field: &FieldPlan) -> TokenStream {
    let ident = ident(&field.rust);
    let ty = field_type(field);
    let docs = field.docs.attrs();
    let deprecated = field
        .deprecated
        .then(|| quote!(#[deprecated(note = "disabled or deprecated in the API definitions")]));
    quote! {
        #docs
        #deprecated
        pub #ident: #ty,
    }
}

/// `Debug` that prints secrets (passwords, secret keys, tokens) as `<redacted>`, so logging a
/// request or response never leaks one.
fn redacting_debug(plan: &ShapePlan) -> TokenStream {
    let ident = ident(&plan.rust);
    let name = &plan.rust;
    let allow = allow_deprecated(plan);
    let fields = plan.fields.iter().map(|f| {
        let field = super::ident(&f.rust);
        let label = &f.rust;
        if f.secret {
            quote!(.field(#label, &format_args!("<redacted>")))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    quote! {
        #allow
        impl std::fmt::Debug for #ident {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#name) #(#fields)* .finish()
            }
        }
    }
}

/// The derive-based baseline: same struct, serde's derives and attributes.
fn derived_shape(plan: &ShapePlan) -> TokenStream {
    let ident = ident(&plan.rust);
    let (derive_default, default) = default_parts(plan, false);
    let via_serde = runtime::via_serde();
    let fields = plan.fields.iter().map(|f| {
        let field = super::ident(&f.rust);
        let ty = field_type(f);
        let wire = &f.wire;
        let attrs = if f.is_optional() {
            quote!(#[serde(rename = #wire, default, skip_serializing_if = "Option::is_none")])
        } else {
            quote!(#[serde(rename = #wire)])
        };
        quote! { #attrs pub #field: #ty, }
    });
    // The runtime's serde: service crates have none of their own.
    quote! {
        #[derive(Clone, Debug, #derive_default PartialEq, tencentcloud_runtime::codec::__serde::Serialize, tencentcloud_runtime::codec::__serde::Deserialize)]
        #[serde(crate = "tencentcloud_runtime::codec::__serde")]
        #[non_exhaustive]
        pub struct #ident {
            #(#fields)*
        }
        #default
        #via_serde!(#ident);
    }
}

/// `Encode` writes an object of the members that are set; `Decode` goes through the runtime's
/// shared loop, with a `match` on the wire key here. Compact on purpose: this is what every
/// shape costs to compile, once, in the service crate.
fn codec(plan: &ShapePlan) -> TokenStream {
    let ident = ident(&plan.rust);
    let name = &plan.rust;
    let allow = allow_deprecated(plan);
    let shape_trait = runtime::shape_trait();
    let fields_trait = runtime::fields_trait();
    let reader = runtime::reader();
    let decode_error = runtime::decode_error();
    let decode_shape = runtime::decode_shape();
    let mut entries = Vec::with_capacity(plan.fields.len());
    let mut empties = Vec::with_capacity(plan.fields.len());
    let mut arms = Vec::with_capacity(plan.fields.len());
    for f in &plan.fields {
        let field = super::ident(&f.rust);
        let wire = &f.wire;
        entries.push(if f.is_optional() {
            quote!(object.optional(#wire, &self.#field);)
        } else {
            quote!(object.member(#wire, &self.#field);)
        });
        let empty = empty_value(f, &shape_trait);
        empties.push(quote!(#field: #empty));
        // One call per arm, no `?`: the arms are most of what a shape costs to check. A `match`
        // on the key text, which the compiler turns into a length dispatch: a sorted key table
        // searched at run time was cheaper to compile but made decoding 0.77 x serde derive's
        // speed (measured), this 1.0 x. Leniency is the member type's own `Decode`.
        arms.push(match f.presence {
            Presence::Optional => quote!(#wire => r.optional(&mut self.#field),),
            Presence::Required { index } => {
                let index = Literal::usize_unsuffixed(index);
                quote!(#wire => r.required(&mut self.#field, #index),)
            }
        });
    }
    let encode_body = if entries.is_empty() {
        quote!(w.object().end();)
    } else {
        quote! {
            let mut object = w.object();
            #(#entries)*
            object.end();
        }
    };
    let required = plan.required_wire_names();
    let correct_missing = plan.correct_missing.then(|| {
        quote!(
            const CORRECT_MISSING: bool = true;
        )
    });
    // A shape without members still skips every key it is sent.
    let field_body = if arms.is_empty() {
        quote! {
            let _ = key;
            r.unknown()
        }
    } else {
        quote! {
            match key {
                #(#arms)*
                _ => r.unknown(),
            }
        }
    };
    // Calls need the encode of what they send and the decode of what they receive; the other
    // direction (to encode a response, say, for a mock) comes with the `serde` feature.
    let encode_cfg = (!plan.sent()).then(codec::serde_only);
    let decode_cfg = (!plan.received()).then(codec::serde_only);
    let impls = codec::codec_impls(
        &ident,
        codec::Codec {
            encode: encode_body,
            encode_cfg,
            decode: quote!(#decode_shape(r)),
            decode_cfg: decode_cfg.clone(),
            allow: allow.clone(),
        },
    );
    quote! {
        #impls

        #allow
        #decode_cfg
        impl #shape_trait for #ident {
            const NAME: &'static str = #name;
            const REQUIRED: &'static [&'static str] = &[#(#required),*];
            #correct_missing

            fn empty() -> Self {
                #ident { #(#empties),* }
            }
        }

        #allow
        #decode_cfg
        impl #fields_trait for #ident {
            fn field(&mut self, key: &str, r: &mut #reader<'_>) -> Result<Option<usize>, #decode_error> {
                #field_body
            }
        }
    }
}

/// `Default` as a derive or an impl (or neither): derived when every member's empty value is
/// its type's `Default`, written out when a required member is a value set (enums have no
/// `Default`) or when the decoder's `Shape::empty` gives it (`via_shape`).
fn default_parts(plan: &ShapePlan, via_shape: bool) -> (Option<TokenStream>, Option<TokenStream>) {
    if !plan.default_impl() {
        return (None, None);
    }
    let required_set = plan
        .fields
        .iter()
        .any(|f| !f.is_optional() && matches!(f.ty, FieldType::ValueSet { .. }));
    if via_shape || required_set {
        (None, Some(default_impl(plan, via_shape)))
    } else {
        (Some(quote!(Default,)), None)
    }
}

/// `Default`: every member empty (see [`empty_value`]); nested shapes are `Default` too, as the
/// plan only makes a shape `Default` when what it holds is. `via_shape`: the shape's decoder
/// (`Shape::empty`) is there to give the same value.
fn default_impl(plan: &ShapePlan, via_shape: bool) -> TokenStream {
    let ident = ident(&plan.rust);
    let allow = allow_deprecated(plan);
    if via_shape {
        if let Some(text) = shape_text::default_via_shape(plan) {
            return text;
        }
        // The decoder's empty value is the same, and always there for a shape calls receive.
        let shape = runtime::shape_trait();
        return quote! {
            #allow
            impl Default for #ident {
                fn default() -> Self {
                    #shape::empty()
                }
            }
        };
    }
    let empties = plan.fields.iter().map(|f| {
        let field = super::ident(&f.rust);
        let empty = match (&f.ty, f.presence) {
            (FieldType::Shape { .. }, Presence::Required { .. }) if f.boxed => quote!(Box::default()),
            (FieldType::Shape { .. }, Presence::Required { .. }) => quote!(Default::default()),
            _ => empty_value(f, &quote!(Default)),
        };
        quote!(#field: #empty)
    });
    quote! {
        #allow
        impl Default for #ident {
            fn default() -> Self {
                #ident { #(#empties),* }
            }
        }
    }
}

/// A field's value before its member arrives: `None`, or the empty wire value, which a response
/// that leaves the member out decodes to. `shape_empty` makes an empty nested shape.
fn empty_value(f: &FieldPlan, shape_empty: &TokenStream) -> TokenStream {
    match (&f.ty, f.presence, f.boxed) {
        (_, Presence::Optional, _) => quote!(None),
        (FieldType::ValueSet { rust, kind, .. }, _, _) => {
            let ty = super::ident(rust);
            match kind {
                ValueKind::String => quote!(#ty::from("")),
                ValueKind::Integer => quote!(#ty::from(0i64)),
            }
        }
        (FieldType::Shape { .. }, _, true) => quote!(Box::new(#shape_empty::empty())),
        (FieldType::Shape { .. }, _, false) => quote!(#shape_empty::empty()),
        _ => quote!(Default::default()),
    }
}

/// `new(required...)` for shapes a caller sends, so that a request missing a required member
/// does not compile; `new()` for those without required members, so every request starts the
/// same way.
fn constructor(plan: &ShapePlan) -> Option<TokenStream> {
    let params = match &plan.construction {
        Construction::Constructor(params) => params,
        Construction::Default if plan.usage.is_input() => {
            let ident = ident(&plan.rust);
            let doc = format!(" Creates `{}` with every member unset.", plan.rust);
            let allow = allow_deprecated(plan);
            return Some(quote! {
                #allow
                impl #ident {
                    #[doc = #doc]
                    pub fn new() -> Self {
                        Self::default()
                    }
                }
            });
        }
        _ => return None,
    };
    let ident = ident(&plan.rust);
    let mut args = Vec::with_capacity(params.len());
    let mut inits = Vec::with_capacity(plan.fields.len());
    for (i, f) in plan.fields.iter().enumerate() {
        let field = super::ident(&f.rust);
        if !params.contains(&i) {
            inits.push(quote!(#field: None));
            continue;
        }
        if takes_into(&f.ty) && !f.boxed {
            let ty = value_type(&f.ty);
            args.push(quote!(#field: impl Into<#ty>));
            inits.push(quote!(#field: #field.into()));
        } else {
            let ty = field_type(f);
            args.push(quote!(#field: #ty));
            inits.push(quote!(#field));
        }
    }
    let allow_many = (args.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let allow = allow_deprecated(plan);
    let doc = format!(
        " Creates `{}` from its required members; optional members start as `None`.",
        plan.rust
    );
    Some(quote! {
        #allow
        impl #ident {
            #[doc = #doc]
            #allow_many
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }
        }
    })
}

/// Chainable setters of the optional members of a shape the caller sends:
/// `DescribeSyncJobsRequest::new().limit(20).status(["Running"])`.
///
/// Not generic, but for lists: a generic setter costs twice a plain one to compile (measured:
/// 3.4 s against 1.6 s of `cargo check` for the ~4,100 setters of the three versions). Text
/// takes `&str`, so a literal or a `&String` fits; numbers take their own type, so a literal
/// (`limit(20)`) infers it; value sets take their enum; lists take any iterable of values that
/// convert (`["Running"]`).
fn setters(plan: &ShapePlan) -> Option<TokenStream> {
    let setters: Vec<TokenStream> = plan
        .fields
        .iter()
        .filter_map(|f| {
            let setter = ident(f.setter.as_ref()?);
            let field = ident(&f.rust);
            let doc = format!(" Sets `{}`: the field `{}`.", f.wire, f.rust);
            let deprecated = f
                .deprecated
                .then(|| quote!(#[deprecated(note = "disabled or deprecated in the API definitions")]));
            let (param, value) = match &f.ty {
                FieldType::List(item) if is_number(item) => {
                    let item = value_type(item);
                    (
                        quote!(impl IntoIterator<Item = #item>),
                        quote!(value.into_iter().collect()),
                    )
                }
                FieldType::List(item) => {
                    let item = value_type(item);
                    (
                        quote!(impl IntoIterator<Item = impl Into<#item>>),
                        quote!(value.into_iter().map(Into::into).collect()),
                    )
                }
                FieldType::String => (quote!(&str), quote!(value.to_owned())),
                ty => (value_type(ty), quote!(value)),
            };
            let value = if f.boxed { quote!(Box::new(#value)) } else { value };
            Some(quote! {
                #[doc = #doc]
                #deprecated
                #[inline]
                pub fn #setter(mut self, value: #param) -> Self {
                    self.#field = Some(#value);
                    self
                }
            })
        })
        .collect();
    if setters.is_empty() {
        return None;
    }
    let ident = ident(&plan.rust);
    let allow = allow_deprecated(plan);
    Some(quote! {
        #allow
        impl #ident {
            #(#setters)*
        }
    })
}

/// Constructor arguments that take `impl Into<T>`: text, timestamps and value sets, so a
/// `&str` (or an integer literal for an integer set) fits.
pub(super) fn takes_into(ty: &FieldType) -> bool {
    matches!(
        ty,
        FieldType::String | FieldType::DateTime | FieldType::DateTimeIso | FieldType::Date | FieldType::ValueSet { .. }
    )
}

pub(super) fn is_number(ty: &FieldType) -> bool {
    matches!(ty, FieldType::I64 | FieldType::U64 | FieldType::F64 | FieldType::Bool)
}

/// The Rust type of a field, with `Box` and `Option` applied.
pub(crate) fn field_type(field: &FieldPlan) -> TokenStream {
    let mut ty = value_type(&field.ty);
    if field.boxed {
        ty = quote!(Box<#ty>);
    }
    if field.is_optional() {
        ty = quote!(Option<#ty>);
    }
    ty
}

pub(crate) fn value_type(ty: &FieldType) -> TokenStream {
    match ty {
        FieldType::String => quote!(String),
        FieldType::I64 => quote!(i64),
        FieldType::U64 => quote!(u64),
        FieldType::F64 => quote!(f64),
        FieldType::Bool => quote!(bool),
        FieldType::Json => quote!(serde_json::Value),
        FieldType::List(item) => {
            let item = value_type(item);
            quote!(Vec<#item>)
        }
        FieldType::DateTime => runtime::date_time(),
        FieldType::DateTimeIso => runtime::date_time_iso(),
        FieldType::Date => runtime::date(),
        FieldType::Shape { rust, .. } | FieldType::ValueSet { rust, .. } => {
            let ident = ident(rust);
            quote!(#ident)
        }
    }
}

/// Generated impls touch every field, deprecated ones included; users still get the warning.
fn allow_deprecated(plan: &ShapePlan) -> Option<TokenStream> {
    plan.has_deprecated.then(|| quote!(#[allow(deprecated)]))
}
