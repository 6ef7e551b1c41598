//! The type space: how each shape becomes a Rust struct. Decisions (field types,
//! optionality, boxing, which derives) are made here from the spec model; the tokens are
//! written with `quote!` templates that read like the output.

mod cycles;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::docs::{code_span, doc_attrs, to_markdown};
use crate::naming::Names;
use crate::spec::{Member, Shape, Spec, Type};

/// How shapes implement `Serialize` and `Deserialize`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SerdeStyle {
    /// Compact impls through the runtime's shared visitor (what `generated/` uses): a fraction
    /// of derive's compile time, lenient numbers.
    #[default]
    Compact,
    /// `#[derive(Serialize, Deserialize)]` with `#[serde(rename)]`: the baseline the compact
    /// impls are measured against (benchmarks only).
    Derive,
}

/// Everything needed to emit the types of one spec.
pub struct TypeSpace<'a> {
    spec: &'a Spec,
    names: &'a Names,
    boxed: BTreeSet<(String, String)>,
    defaultable: BTreeSet<&'a str>,
    style: SerdeStyle,
}

impl<'a> TypeSpace<'a> {
    pub fn new(spec: &'a Spec, names: &'a Names) -> Self {
        let defaultable = defaultable_shapes(spec);
        TypeSpace {
            spec,
            names,
            boxed: cycles::members_to_box(spec),
            defaultable,
            style: SerdeStyle::Compact,
        }
    }

    pub fn with_style(mut self, style: SerdeStyle) -> Self {
        self.style = style;
        self
    }

    /// All shapes, in name order.
    pub fn emit_all(&self) -> TokenStream {
        let shapes = self
            .spec
            .shapes
            .iter()
            .map(|(name, shape)| self.emit_shape(name, shape));
        quote! { #(#shapes)* }
    }

    /// One shape: the struct, its constructor or `Default`, and its serde impls.
    pub fn emit_shape(&self, name: &str, shape: &Shape) -> TokenStream {
        if self.style == SerdeStyle::Derive {
            return self.emit_derived_shape(name, shape);
        }
        let ident = rust_ident(self.names.shape(name));
        let docs = doc_attrs(&[to_markdown(&shape.docs)]);
        let fields = shape.members.iter().map(|member| self.emit_field(name, member));
        let allow = allow_deprecated(shape);
        let default = self.defaultable.contains(name).then(|| {
            quote! {
                #allow
                impl Default for #ident {
                    fn default() -> Self {
                        tencentcloud_runtime::shape::Shape::empty()
                    }
                }
            }
        });
        let constructor = self.emit_constructor(name, shape);
        let serde = self.emit_serde(name, shape);
        let (derive_debug, debug) = match self.emit_redacting_debug(name, shape) {
            Some(debug) => (None, Some(debug)),
            None => (Some(quote!(Debug,)), None),
        };
        quote! {
            #docs
            #[derive(Clone, #derive_debug PartialEq)]
            #[non_exhaustive]
            pub struct #ident {
                #(#fields)*
            }
            #debug
            #default
            #constructor
            #serde
        }
    }

    /// `Debug` that prints secrets (passwords, secret keys, tokens) as `<redacted>`, for the
    /// shapes that carry them, so logging a request or response never leaks one.
    fn emit_redacting_debug(&self, name: &str, shape: &Shape) -> Option<TokenStream> {
        if !shape.members.iter().any(|m| m.secret) {
            return None;
        }
        let ident = rust_ident(self.names.shape(name));
        let rust_name = self.names.shape(name);
        let allow = allow_deprecated(shape);
        let fields = shape.members.iter().map(|member| {
            let field = rust_ident(self.names.field(name, &member.name));
            let label = self.names.field(name, &member.name);
            if member.secret {
                quote!(.field(#label, &format_args!("<redacted>")))
            } else {
                quote!(.field(#label, &self.#field))
            }
        });
        Some(quote! {
            #allow
            impl std::fmt::Debug for #ident {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.debug_struct(#rust_name) #(#fields)* .finish()
                }
            }
        })
    }

    /// The derive-based baseline: same struct, serde's derives and attributes.
    fn emit_derived_shape(&self, name: &str, shape: &Shape) -> TokenStream {
        let ident = rust_ident(self.names.shape(name));
        let default = self.defaultable.contains(name).then(|| quote!(Default,));
        let fields = shape.members.iter().map(|member| {
            let field = rust_ident(self.names.field(name, &member.name));
            let ty = self.field_type(name, member);
            let wire = &member.name;
            let attrs = if is_optional(member) {
                quote!(#[serde(rename = #wire, default, skip_serializing_if = "Option::is_none")])
            } else {
                quote!(#[serde(rename = #wire)])
            };
            quote! { #attrs pub #field: #ty, }
        });
        quote! {
            #[derive(Clone, Debug, #default PartialEq, serde::Serialize, serde::Deserialize)]
            #[non_exhaustive]
            pub struct #ident {
                #(#fields)*
            }
        }
    }

    fn emit_field(&self, shape: &str, member: &Member) -> TokenStream {
        let ident = rust_ident(self.names.field(shape, &member.name));
        let ty = self.field_type(shape, member);
        let mut paragraphs = vec![to_markdown(&member.docs)];
        if let Some(example) = &member.example {
            paragraphs.push(format!("Example: {}", code_span(example)));
        }
        paragraphs.push(format!("Wire name: `{}`.", member.name));
        let docs = doc_attrs(&paragraphs);
        let deprecated = member
            .deprecated
            .then(|| quote!(#[deprecated(note = "disabled or deprecated in the API definitions")]));
        quote! {
            #docs
            #deprecated
            pub #ident: #ty,
        }
    }

    /// `Serialize` writes a map of the members that are set; `Deserialize` goes through the
    /// runtime's shared visitor, with a `match` on the wire key here. Compact on purpose: this
    /// is what every shape costs to compile.
    fn emit_serde(&self, name: &str, shape: &Shape) -> TokenStream {
        let ident = rust_ident(self.names.shape(name));
        let rust_name = self.names.shape(name);
        let allow = allow_deprecated(shape);
        let mut entries = Vec::new();
        let mut empties = Vec::new();
        let mut arms = Vec::new();
        let mut required = Vec::new();
        for member in &shape.members {
            let field = rust_ident(self.names.field(name, &member.name));
            let wire = &member.name;
            entries.push(if is_optional(member) {
                quote!(.optional(#wire, &self.#field))
            } else {
                quote!(.member(#wire, &self.#field))
            });
            let boxed = self.boxed.contains(&(name.to_owned(), member.name.clone()));
            empties.push(match &member.ty {
                _ if is_optional(member) => quote!(#field: None),
                Type::Object(_) if boxed => quote!(#field: Box::new(tencentcloud_runtime::shape::Shape::empty())),
                Type::Object(_) => quote!(#field: tencentcloud_runtime::shape::Shape::empty()),
                _ => quote!(#field: Default::default()),
            });
            // One call per arm, no `?`: the arms are most of what a shape costs to check.
            let lenient = match &member.ty {
                Type::List(item) => is_scalar(item),
                ty => is_scalar(ty),
            };
            arms.push(if is_optional(member) {
                let set = if lenient { quote!(set_lenient) } else { quote!(set) };
                quote!(#wire => tencentcloud_runtime::shape::#set(&mut self.#field, map),)
            } else {
                let set = if lenient {
                    quote!(set_lenient_required)
                } else {
                    quote!(set_required)
                };
                let index = proc_macro2::Literal::usize_unsuffixed(required.len());
                required.push(wire);
                quote!(#wire => tencentcloud_runtime::shape::#set(&mut self.#field, map, #index),)
            });
        }
        // A shape without members still skips every key it is sent.
        let field_body = if arms.is_empty() {
            quote! {
                let _ = key;
                tencentcloud_runtime::shape::skip(map)
            }
        } else {
            quote! {
                match key {
                    #(#arms)*
                    _ => tencentcloud_runtime::shape::skip(map),
                }
            }
        };
        quote! {
            #allow
            impl serde::Serialize for #ident {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    tencentcloud_runtime::shape::MapWriter::new(serializer)
                        #(#entries)*
                        .end()
                }
            }

            impl<'de> serde::Deserialize<'de> for #ident {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    tencentcloud_runtime::shape::deserialize(deserializer)
                }
            }

            #allow
            impl tencentcloud_runtime::shape::Shape for #ident {
                const NAME: &'static str = #rust_name;
                const REQUIRED: &'static [&'static str] = &[#(#required),*];

                fn empty() -> Self {
                    #ident { #(#empties),* }
                }

                // Inlined into the shared visitor's loop, as derive's per-struct visitor would be.
                #[inline]
                fn field<'de, A: serde::de::MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<Option<usize>, A::Error> {
                    #field_body
                }
            }
        }
    }

    /// `new(required...)` for shapes a caller sends, so that a request missing a required
    /// member does not compile. Shapes without required members derive `Default` instead.
    fn emit_constructor(&self, name: &str, shape: &Shape) -> Option<TokenStream> {
        if !shape.usage.is_input() || shape.members.iter().all(is_optional) {
            return None;
        }
        let type_ident = rust_ident(self.names.shape(name));
        let mut params = Vec::new();
        let mut inits = Vec::new();
        for member in &shape.members {
            let field = rust_ident(self.names.field(name, &member.name));
            if is_optional(member) {
                inits.push(quote!(#field: None));
                continue;
            }
            let ty = self.field_type(name, member);
            if matches!(member.ty, Type::String) {
                params.push(quote!(#field: impl Into<String>));
                inits.push(quote!(#field: #field.into()));
            } else {
                params.push(quote!(#field: #ty));
                inits.push(quote!(#field));
            }
        }
        let allow_many = (params.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let allow = allow_deprecated(shape);
        let doc = format!(
            " Creates `{}` from its required members; optional members start as `None`.",
            self.names.shape(name)
        );
        Some(quote! {
            #allow
            impl #type_ident {
                #[doc = #doc]
                #allow_many
                pub fn new(#(#params),*) -> Self {
                    Self { #(#inits),* }
                }
            }
        })
    }

    /// The Rust type of a member, with `Option` and `Box` applied.
    pub fn field_type(&self, shape: &str, member: &Member) -> TokenStream {
        let mut ty = self.rust_type(&member.ty);
        if self.boxed.contains(&(shape.to_owned(), member.name.clone())) {
            ty = quote!(Box<#ty>);
        }
        if is_optional(member) {
            ty = quote!(Option<#ty>);
        }
        ty
    }

    fn rust_type(&self, ty: &Type) -> TokenStream {
        match ty {
            Type::String | Type::Datetime | Type::DatetimeIso | Type::Date | Type::Binary => quote!(String),
            Type::Int64 => quote!(i64),
            Type::Uint64 => quote!(u64),
            Type::Float => quote!(f64),
            Type::Bool => quote!(bool),
            Type::Json => quote!(serde_json::Value),
            Type::List(inner) => {
                let inner = self.rust_type(inner);
                quote!(Vec<#inner>)
            }
            Type::Object(name) => {
                let ident = rust_ident(self.names.shape(name));
                quote!(#ident)
            }
        }
    }
}

/// Generated impls touch every field, deprecated ones included; users still get the warning.
fn allow_deprecated(shape: &Shape) -> Option<TokenStream> {
    shape
        .members
        .iter()
        .any(|m| m.deprecated)
        .then(|| quote!(#[allow(deprecated)]))
}

/// A member is `Option<T>` when a request may leave it out or a response may omit it or
/// send `null`.
/// Numbers and booleans: decoded leniently, since the API sometimes sends them as strings.
fn is_scalar(ty: &Type) -> bool {
    matches!(ty, Type::Int64 | Type::Uint64 | Type::Float | Type::Bool)
}

pub fn is_optional(member: &Member) -> bool {
    !member.required || member.nullable
}

/// Shapes that can derive `Default`: not ones a caller must fill (input shapes with required
/// members), nor ones holding such a shape in a plain field. Computed to a fixed point, as
/// shapes may refer to each other in cycles.
fn defaultable_shapes(spec: &Spec) -> BTreeSet<&str> {
    let mut ok: BTreeMap<&str, bool> = spec
        .shapes
        .iter()
        .map(|(name, shape)| {
            (
                name.as_str(),
                !shape.usage.is_input() || shape.members.iter().all(is_optional),
            )
        })
        .collect();
    loop {
        let mut changed = false;
        for (name, shape) in &spec.shapes {
            if !ok[name.as_str()] {
                continue;
            }
            let blocked = shape.members.iter().any(|m| {
                !is_optional(m)
                    && matches!(&m.ty, Type::Object(target) if !ok.get(target.as_str()).copied().unwrap_or(true))
            });
            if blocked {
                ok.insert(name, false);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    ok.into_iter().filter_map(|(name, ok)| ok.then_some(name)).collect()
}

pub(crate) fn rust_ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}
