//! The official request example of an action, as Rust: the request built with the generated
//! API (constructor, setters, enums, nested types) and the call. Shown in the action's docs
//! and compiled by the SDK's tests, so it cannot drift from the API it shows.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote, ToTokens};
use serde_json::Value;

use super::shape::{Construction, FieldPlan, FieldType, ShapePlan};
use super::value_set::ValueSetPlan;
use crate::spec::ValueKind;

/// Why an example could not be written in Rust (the plan text shows it).
pub type NoExample = String;

/// What an example needs from the plan.
pub struct ExampleContext<'a> {
    /// `tencentcloud_sdk_dts::v20211206`: the path of the version's module, starting with its
    /// crate (whose `Error` and `runtime` the example names too).
    pub module: &'a str,
    pub shapes: &'a BTreeMap<String, ShapePlan>,
    pub value_sets: &'a BTreeMap<String, ValueSetPlan>,
}

impl ExampleContext<'_> {
    /// The service's crate, the first segment of `module`.
    fn krate(&self) -> Ident {
        ident(self.module.split("::").next().unwrap_or(self.module))
    }
}

/// A self-contained snippet: `use` of what it names, then an `async fn` named after the method
/// that builds the request from `input` (the example's JSON body) and calls the action.
pub fn rust_example(
    cx: &ExampleContext<'_>,
    method: &str,
    input_shape: &str,
    input: &Value,
) -> Result<String, NoExample> {
    let mut writer = Writer {
        cx,
        imports: BTreeSet::new(),
    };
    let request = writer.shape_value(input_shape, input, "the request")?;
    let sdk = cx.krate();
    let module: TokenStream = cx
        .module
        .split("::")
        .skip(1)
        .map(|part| {
            let part = ident(part);
            quote!(::#part)
        })
        .collect();
    writer.imports.insert("Client".to_owned());
    let imports = writer.imports.iter().map(|name| ident(name));
    let method = ident(method);
    let file = quote! {
        use #sdk #module::{#(#imports),*};

        async fn #method(client: &Client) -> Result<(), #sdk::Error> {
            let request = #request;
            let response = client.#method(&request).await?;
            println!("{response:?}");
            Ok(())
        }
    };
    let file: syn::File = syn::parse2(file).map_err(|e| format!("the example does not parse as Rust: {e}"))?;
    // A blank line between the imports and the function, as one would write it.
    Ok(prettyplease::unparse(&file).replacen("\nasync fn", "\n\nasync fn", 1))
}

struct Writer<'a, 'b> {
    cx: &'b ExampleContext<'a>,
    /// Names imported from the service version's module.
    imports: BTreeSet<String>,
}

impl Writer<'_, '_> {
    /// `Shape::new(required…).setter(optional)…` for a JSON object.
    fn shape_value(&mut self, wire: &str, value: &Value, at: &str) -> Result<TokenStream, NoExample> {
        let shape = self
            .cx
            .shapes
            .get(wire)
            .ok_or_else(|| format!("{at}: no shape `{wire}`"))?;
        let Value::Object(members) = value else {
            return Err(format!("{at}: expected an object for `{wire}`"));
        };
        if let Some(unknown) = members.keys().find(|k| !shape.fields.iter().any(|f| &f.wire == *k)) {
            return Err(format!("{at}: `{unknown}` is not a member of `{wire}`"));
        }
        let params: &[usize] = match &shape.construction {
            Construction::Constructor(params) => params,
            Construction::Default if shape.usage.is_input() => &[],
            _ => return Err(format!("{at}: `{wire}` is not constructed by callers")),
        };
        self.imports.insert(shape.rust.clone());
        let rust = ident(&shape.rust);
        let mut args = Vec::new();
        for &i in params {
            let field = &shape.fields[i];
            let at = format!("{at}.{}", field.wire);
            let value = members
                .get(&field.wire)
                .filter(|v| !v.is_null())
                .ok_or_else(|| format!("{at}: required but not in the example"))?;
            args.push(self.argument(field, value, &at)?);
        }
        let mut expr = quote!(#rust::new(#(#args),*));
        for (i, field) in shape.fields.iter().enumerate() {
            let Some(value) = members.get(&field.wire).filter(|v| !v.is_null()) else {
                continue;
            };
            if params.contains(&i) {
                continue;
            }
            let at = format!("{at}.{}", field.wire);
            let setter = field.setter.as_ref().ok_or_else(|| format!("{at}: no setter"))?;
            let setter = ident(setter);
            let value = self.setter_value(field, value, &at)?;
            expr = quote!(#expr.#setter(#value));
        }
        Ok(expr)
    }

    /// A constructor argument: text, timestamps and value sets take `impl Into<T>` (a literal
    /// fits), the rest their own type.
    fn argument(&mut self, field: &FieldPlan, value: &Value, at: &str) -> Result<TokenStream, NoExample> {
        let expr = match &field.ty {
            FieldType::String | FieldType::DateTime | FieldType::DateTimeIso | FieldType::Date => text(value, at)?,
            FieldType::List(item) => {
                let items = self.items(item, value, at)?;
                // `Vec<T>`: text-like items convert from their literal.
                let items = items
                    .into_iter()
                    .map(|i| if is_text_like(item) { quote!(#i.into()) } else { i });
                quote!(vec![#(#items),*])
            }
            ty => self.value(ty, value, at)?,
        };
        Ok(if field.boxed { quote!(Box::new(#expr)) } else { expr })
    }

    /// A setter's argument: text takes `&str`, lists any iterable of values that convert,
    /// everything else its own type.
    fn setter_value(&mut self, field: &FieldPlan, value: &Value, at: &str) -> Result<TokenStream, NoExample> {
        match &field.ty {
            FieldType::List(item) => {
                let items = self.items(item, value, at)?;
                if items.is_empty()
                    && !matches!(
                        **item,
                        FieldType::I64 | FieldType::U64 | FieldType::F64 | FieldType::Bool
                    )
                {
                    // Nothing to infer the item type from.
                    let ty = self.item_type(item, at)?;
                    return Ok(quote!(std::iter::empty::<#ty>()));
                }
                Ok(quote!([#(#items),*]))
            }
            ty => self.value(ty, value, at),
        }
    }

    /// List items as values that convert into the item type (`Into` for text, timestamps and
    /// value sets; numbers and shapes as themselves).
    fn items(&mut self, item: &FieldType, value: &Value, at: &str) -> Result<Vec<TokenStream>, NoExample> {
        let Value::Array(values) = value else {
            return Err(format!("{at}: expected a list"));
        };
        values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let at = format!("{at}[{i}]");
                match item {
                    FieldType::String | FieldType::DateTime | FieldType::DateTimeIso | FieldType::Date => text(v, &at),
                    FieldType::List(_) => Err(format!("{at}: a list of lists")),
                    ty => self.value(ty, v, &at),
                }
            })
            .collect()
    }

    /// The Rust type of a list item, for an empty list.
    fn item_type(&mut self, item: &FieldType, at: &str) -> Result<TokenStream, NoExample> {
        let sdk = self.cx.krate();
        Ok(match item {
            FieldType::String => quote!(String),
            FieldType::Json => quote!(serde_json::Value),
            FieldType::DateTime => quote!(#sdk::runtime::timestamp::DateTime),
            FieldType::DateTimeIso => quote!(#sdk::runtime::timestamp::DateTimeIso),
            FieldType::Date => quote!(#sdk::runtime::timestamp::Date),
            FieldType::Shape { rust, .. } | FieldType::ValueSet { rust, .. } => {
                self.imports.insert(rust.clone());
                let rust = ident(rust);
                quote!(#rust)
            }
            _ => return Err(format!("{at}: an empty list of lists or numbers")),
        })
    }

    /// A value of its own type.
    fn value(&mut self, ty: &FieldType, value: &Value, at: &str) -> Result<TokenStream, NoExample> {
        Ok(match ty {
            FieldType::String => text(value, at)?,
            FieldType::I64 => Literal::i64_unsuffixed(integer(value, at)?).into_token_stream(),
            FieldType::U64 => {
                let n = integer(value, at)?;
                let n = u64::try_from(n).map_err(|_| format!("{at}: {n} is not an unsigned integer"))?;
                Literal::u64_unsuffixed(n).into_token_stream()
            }
            FieldType::F64 => {
                let n = number(value, at)?;
                Literal::f64_unsuffixed(n).into_token_stream()
            }
            FieldType::Bool => match value {
                Value::Bool(b) => quote!(#b),
                Value::String(s) if s == "true" || s == "false" => {
                    let b = s == "true";
                    quote!(#b)
                }
                _ => return Err(format!("{at}: expected a boolean")),
            },
            FieldType::Json => {
                let json = json_tokens(value);
                quote!(serde_json::json!(#json))
            }
            FieldType::DateTime | FieldType::DateTimeIso | FieldType::Date => {
                let kind = format_ident!(
                    "{}",
                    match ty {
                        FieldType::DateTime => "DateTime",
                        FieldType::DateTimeIso => "DateTimeIso",
                        _ => "Date",
                    }
                );
                let text = text(value, at)?;
                let sdk = self.cx.krate();
                quote!(#sdk::runtime::timestamp::#kind::from(#text))
            }
            FieldType::List(_) => return Err(format!("{at}: a list where a single value is expected")),
            FieldType::Shape { wire, .. } => self.shape_value(wire, value, at)?,
            FieldType::ValueSet { name, kind, .. } => self.enum_value(name, *kind, value, at)?,
        })
    }

    /// `Enum::Variant` for a listed value; `Enum::from(…)` for any other, which the enum keeps.
    fn enum_value(&mut self, name: &str, kind: ValueKind, value: &Value, at: &str) -> Result<TokenStream, NoExample> {
        let set = self
            .cx
            .value_sets
            .get(name)
            .ok_or_else(|| format!("{at}: no value set `{name}`"))?;
        self.imports.insert(set.rust.clone());
        let rust = ident(&set.rust);
        let wire = match (kind, value) {
            (_, Value::String(s)) => s.clone(),
            (ValueKind::Integer, Value::Number(n)) if n.is_i64() => n.to_string(),
            _ => return Err(format!("{at}: not a value of `{}`", set.rust)),
        };
        if let Some(variant) = set.variants.iter().find(|v| v.value == wire) {
            let variant = ident(&variant.rust);
            return Ok(quote!(#rust::#variant));
        }
        Ok(match kind {
            ValueKind::String => quote!(#rust::from(#wire)),
            ValueKind::Integer => {
                let n: i64 = wire.parse().map_err(|_| format!("{at}: `{wire}` is not an integer"))?;
                let n = Literal::i64_suffixed(n);
                quote!(#rust::from(#n))
            }
        })
    }
}

/// Items written as a string literal (value sets are written as their enum).
fn is_text_like(ty: &FieldType) -> bool {
    matches!(
        ty,
        FieldType::String | FieldType::DateTime | FieldType::DateTimeIso | FieldType::Date
    )
}

/// A string literal of text; numbers and booleans the example sent for text are written as text.
fn text(value: &Value, at: &str) -> Result<TokenStream, NoExample> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return Err(format!("{at}: expected text")),
    };
    Ok(Literal::string(&text).into_token_stream())
}

/// An integer, also from the text of one (examples sometimes quote numbers).
fn integer(value: &Value, at: &str) -> Result<i64, NoExample> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .ok_or_else(|| format!("{at}: expected an integer, found {value}"))
}

fn number(value: &Value, at: &str) -> Result<f64, NoExample> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|n: &f64| n.is_finite())
    .ok_or_else(|| format!("{at}: expected a number, found {value}"))
}

/// JSON as the tokens `serde_json::json!` reads.
fn json_tokens(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote!(null),
        Value::Bool(b) => quote!(#b),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => Literal::i64_unsuffixed(i).into_token_stream(),
            (_, Some(u), _) => Literal::u64_unsuffixed(u).into_token_stream(),
            (_, _, Some(f)) => Literal::f64_unsuffixed(f).into_token_stream(),
            _ => quote!(null),
        },
        Value::String(s) => Literal::string(s).into_token_stream(),
        Value::Array(items) => {
            let items = items.iter().map(json_tokens);
            quote!([#(#items),*])
        }
        Value::Object(members) => {
            let members = members.iter().map(|(k, v)| {
                let v = json_tokens(v);
                quote!(#k: #v)
            });
            quote!({#(#members),*})
        }
    }
}

/// An identifier the naming layer decided (keyword-safe already).
fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}
