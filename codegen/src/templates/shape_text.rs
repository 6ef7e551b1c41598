//! A shape's codec impls (`Encode`, `Decode`, `Shape`, `Fields`), its `Default` through
//! `Shape::empty`, its constructor and setters, written as text ([`super::preformatted`]): the
//! same items as the `quote!` templates of [`super::shape`], which render them when the text
//! is unsure. Each function reads like its output; keep the two in step (a test compares them
//! on whole versions).

use proc_macro2::TokenStream;

use super::codec_text::{decode_impl, encode_impl};
use super::preformatted::{indent, string_literal, Layout, Printed};
use super::runtime::text as runtime;
use super::shape::{is_number, takes_into};
use crate::plan::{Construction, FieldPlan, FieldType, Presence, ShapePlan};
use crate::spec::ValueKind;

const ALLOW_DEPRECATED: &str = "#[allow(deprecated)]";
const SERDE_ONLY: &str = "#[cfg(feature = \"serde\")]";
const DEPRECATED: &str = "#[deprecated(note = \"disabled or deprecated in the API definitions\")]";

/// The codec impls of `plan`'s shape as a placeholder, or `None`: render tokens.
pub(super) fn codec(plan: &ShapePlan) -> Option<TokenStream> {
    let mut out = Printed::start()?;
    let name = plan.rust.as_str();
    let allow = plan.has_deprecated;
    let encode_cfg = !plan.sent();
    let decode_cfg = !plan.received();

    attrs(&mut out, allow, encode_cfg);
    encode_impl(&mut out, name, |out| {
        if plan.fields.is_empty() {
            out.line(2, format_args!("w.object().end();"));
            return;
        }
        out.line(2, format_args!("let mut object = w.object();"));
        for f in &plan.fields {
            let method = if f.is_optional() { "optional" } else { "member" };
            let call = format!(".{method}({}, &self.{});", string_literal(&f.wire), f.rust);
            match out.layout(indent(2) + "object".len() + call.len()) {
                Layout::Flat => out.line(2, format_args!("object{call}")),
                Layout::Broken => {
                    out.line(2, format_args!("object"));
                    out.line(3, format_args!("{call}"));
                }
            }
        }
        out.line(2, format_args!("object.end();"));
    });

    attrs(&mut out, false, decode_cfg);
    decode_impl(&mut out, name, runtime::decode_shape());

    attrs(&mut out, allow, decode_cfg);
    out.line(0, format_args!("impl {} for {name} {{", runtime::shape_trait()));
    out.line(1, format_args!("const NAME: &'static str = {};", string_literal(name)));
    required(&mut out, plan);
    if plan.correct_missing {
        out.line(1, format_args!("const CORRECT_MISSING: bool = true;"));
    }
    out.line(1, format_args!("fn empty() -> Self {{"));
    let empties = plan.fields.iter().map(|f| (f.rust.as_str(), empty_value(f)));
    struct_literal(&mut out, 2, name, empties);
    out.line(1, format_args!("}}"));
    out.line(0, format_args!("}}"));

    attrs(&mut out, allow, decode_cfg);
    out.line(0, format_args!("impl {} for {name} {{", runtime::fields_trait()));
    out.line(1, format_args!("fn field("));
    out.line(2, format_args!("&mut self,"));
    out.line(2, format_args!("key: &str,"));
    out.line(2, format_args!("r: &mut {}<'_>,", runtime::reader()));
    out.line(
        1,
        format_args!(") -> Result<Option<usize>, {}> {{", runtime::decode_error()),
    );
    if plan.fields.is_empty() {
        out.line(2, format_args!("let _ = key;"));
        out.line(2, format_args!("r.unknown()"));
    } else {
        out.line(2, format_args!("match key {{"));
        for f in &plan.fields {
            arm(&mut out, f);
        }
        out.line(3, format_args!("_ => r.unknown(),"));
        out.line(2, format_args!("}}"));
    }
    out.line(1, format_args!("}}"));
    out.line(0, format_args!("}}"));
    out.finish()
}

/// `Default` through the decoder's `Shape::empty`, as a placeholder, or `None`: render tokens.
pub(super) fn default_via_shape(plan: &ShapePlan) -> Option<TokenStream> {
    let mut out = Printed::start()?;
    attrs(&mut out, plan.has_deprecated, false);
    out.line(0, format_args!("impl Default for {} {{", plan.rust));
    out.line(1, format_args!("fn default() -> Self {{"));
    out.line(2, format_args!("{}::empty()", runtime::shape_trait()));
    out.line(1, format_args!("}}"));
    out.line(0, format_args!("}}"));
    out.finish()
}

fn attrs(out: &mut Printed, allow: bool, serde_only: bool) {
    if allow {
        out.line(0, format_args!("{ALLOW_DEPRECATED}"));
    }
    if serde_only {
        out.line(0, format_args!("{SERDE_ONLY}"));
    }
}

/// `const REQUIRED`: the wire names of the required members, one line or one a line.
fn required(out: &mut Printed, plan: &ShapePlan) {
    let names: Vec<String> = plan.required_wire_names().map(string_literal).collect();
    let head = "const REQUIRED: &'static [&'static str] = &[";
    let flat_width =
        indent(1) + head.len() + names.iter().map(|n| n.len() + ", ".len()).sum::<usize>() - ", ".len() + "];".len();
    if names.is_empty() || out.layout(flat_width) == Layout::Flat {
        out.line(1, format_args!("{head}{}];", names.join(", ")));
        return;
    }
    out.line(1, format_args!("{head}"));
    for name in &names {
        out.line(2, format_args!("{name},"));
    }
    out.line(1, format_args!("];"));
}

/// `Name { field: value, ... }` at `depth`: flat when short (prettyplease breaks a struct
/// literal wider than 34 columns, its closing brace aside, even where it fits), else a field
/// a line.
fn struct_literal<'a>(out: &mut Printed, depth: usize, name: &str, fields: impl Iterator<Item = (&'a str, String)>) {
    const MAX_FLAT_WIDTH: usize = 34;
    // `field` alone when the value is a variable of its name, as tokens print it.
    let fields: Vec<String> = fields
        .map(|(field, value)| match value == field {
            true => value,
            false => format!("{field}: {value}"),
        })
        .collect();
    if fields.is_empty() {
        // `Name {}` breaks past the same width (measured on the 300 service versions).
        if name.len() + " {}".len() <= MAX_FLAT_WIDTH {
            out.line(depth, format_args!("{name} {{}}"));
        } else {
            out.line(depth, format_args!("{name} {{"));
            out.line(depth, format_args!("}}"));
        }
        return;
    }
    let flat_width = name.len() + " { ".len() + fields.iter().map(|f| f.len() + ", ".len()).sum::<usize>() - 1;
    if flat_width <= MAX_FLAT_WIDTH {
        out.line(depth, format_args!("{name} {{ {} }}", fields.join(", ")));
        return;
    }
    out.line(depth, format_args!("{name} {{"));
    for field in &fields {
        out.line(depth + 1, format_args!("{field},"));
    }
    out.line(depth, format_args!("}}"));
}

/// A `match key` arm: the member's decode, flat or in a block.
fn arm(out: &mut Printed, f: &FieldPlan) {
    let wire = string_literal(&f.wire);
    let call = match f.presence {
        Presence::Optional => format!("r.optional(&mut self.{})", f.rust),
        Presence::Required { index } => format!("r.required(&mut self.{}, {index})", f.rust),
    };
    // The comma after an arm is not part of its line's width.
    match out.layout(indent(3) + wire.len() + " => ".len() + call.len()) {
        Layout::Flat => out.line(3, format_args!("{wire} => {call},")),
        Layout::Broken => {
            out.line(3, format_args!("{wire} => {{"));
            out.line(4, format_args!("{call}"));
            out.line(3, format_args!("}}"));
        }
    }
}

/// A field's value before its member arrives: as `shape::empty_value` with `Shape`.
fn empty_value(f: &FieldPlan) -> String {
    match (&f.ty, f.presence, f.boxed) {
        (_, Presence::Optional, _) => "None".to_owned(),
        (FieldType::ValueSet { rust, kind, .. }, _, _) => match kind {
            ValueKind::String => format!("{rust}::from(\"\")"),
            ValueKind::Integer => format!("{rust}::from(0i64)"),
        },
        (FieldType::Shape { .. }, _, true) => format!("Box::new({}::empty())", runtime::shape_trait()),
        (FieldType::Shape { .. }, _, false) => format!("{}::empty()", runtime::shape_trait()),
        _ => "Default::default()".to_owned(),
    }
}

/// `new(required...)`, or `new()` for a shape sent without required members, as a
/// placeholder; `None`: render tokens (which also give `None` when there is no constructor).
pub(super) fn constructor(plan: &ShapePlan) -> Option<TokenStream> {
    let params = match &plan.construction {
        Construction::Constructor(params) => params,
        Construction::Default if plan.usage.is_input() => {
            let mut out = Printed::start()?;
            attrs(&mut out, plan.has_deprecated, false);
            out.line(0, format_args!("impl {} {{", plan.rust));
            out.doc(1, format_args!("/// Creates `{}` with every member unset.", plan.rust));
            out.line(1, format_args!("pub fn new() -> Self {{"));
            out.line(2, format_args!("Self::default()"));
            out.line(1, format_args!("}}"));
            out.line(0, format_args!("}}"));
            return out.finish();
        }
        _ => return None,
    };
    let mut out = Printed::start()?;
    let mut args = Vec::with_capacity(params.len());
    let mut inits = Vec::with_capacity(plan.fields.len());
    for (i, f) in plan.fields.iter().enumerate() {
        let field = f.rust.as_str();
        if !params.contains(&i) {
            inits.push((field, "None".to_owned()));
        } else if takes_into(&f.ty) && !f.boxed {
            args.push(format!("{field}: impl Into<{}>", value_type(&f.ty)));
            inits.push((field, format!("{field}.into()")));
        } else {
            args.push(format!("{field}: {}", field_type(f)));
            inits.push((field, field.to_owned()));
        }
    }
    attrs(&mut out, plan.has_deprecated, false);
    out.line(0, format_args!("impl {} {{", plan.rust));
    out.doc(
        1,
        format_args!(
            "/// Creates `{}` from its required members; optional members start as `None`.",
            plan.rust
        ),
    );
    if args.len() > 7 {
        out.line(1, format_args!("#[allow(clippy::too_many_arguments)]"));
    }
    signature(&mut out, "pub fn new(", &args);
    struct_literal(&mut out, 2, "Self", inits.into_iter());
    out.line(1, format_args!("}}"));
    out.line(0, format_args!("}}"));
    out.finish()
}

/// The chainable setters of the optional members, as a placeholder; `None`: render tokens
/// (which also give `None` when there are no setters).
pub(super) fn setters(plan: &ShapePlan) -> Option<TokenStream> {
    if plan.fields.iter().all(|f| f.setter.is_none()) {
        return None;
    }
    let mut out = Printed::start()?;
    attrs(&mut out, plan.has_deprecated, false);
    out.line(0, format_args!("impl {} {{", plan.rust));
    for f in &plan.fields {
        let Some(setter) = &f.setter else { continue };
        let (param, value) = match &f.ty {
            FieldType::List(item) if is_number(item) => (
                format!("impl IntoIterator<Item = {}>", value_type(item)),
                "value.into_iter().collect()",
            ),
            FieldType::List(item) => (
                format!("impl IntoIterator<Item = impl Into<{}>>", value_type(item)),
                "value.into_iter().map(Into::into).collect()",
            ),
            FieldType::String => ("&str".to_owned(), "value.to_owned()"),
            ty => (value_type(ty), "value"),
        };
        // A doc line prettyplease prints as `///` (see `deferred::attrs`).
        if [&f.wire, &f.rust].iter().any(|name| name.contains(['\n', '\r'])) {
            return None;
        }
        out.doc(1, format_args!("/// Sets `{}`: the field `{}`.", f.wire, f.rust));
        if f.deprecated {
            out.line(1, format_args!("{DEPRECATED}"));
        }
        out.line(1, format_args!("#[inline]"));
        signature(
            &mut out,
            &format!("pub fn {setter}("),
            &["mut self".to_owned(), format!("value: {param}")],
        );
        if f.boxed {
            out.line(2, format_args!("self.{} = Some(Box::new({value}));", f.rust));
        } else {
            out.line(2, format_args!("self.{} = Some({value});", f.rust));
        }
        out.line(2, format_args!("self"));
        out.line(1, format_args!("}}"));
    }
    out.line(0, format_args!("}}"));
    out.finish()
}

/// A method's signature returning `Self` and opening its body, at depth 1: `head` (up to
/// the open parenthesis), the parameters on its line or one a line.
fn signature(out: &mut Printed, head: &str, params: &[String]) {
    let tail = ") -> Self {";
    let flat_width = indent(1) + head.len() + params.iter().map(|p| p.len() + ", ".len()).sum::<usize>()
        - if params.is_empty() { 0 } else { ", ".len() }
        + tail.len();
    if params.is_empty() || out.layout(flat_width) == Layout::Flat {
        out.line(1, format_args!("{head}{}{tail}", params.join(", ")));
        return;
    }
    out.line(1, format_args!("{head}"));
    for param in params {
        out.line(2, format_args!("{param},"));
    }
    out.line(1, format_args!("{tail}"));
}

/// As `shape::field_type`: the Rust type of a field, with `Box` and `Option` applied.
fn field_type(field: &FieldPlan) -> String {
    let mut ty = value_type(&field.ty);
    if field.boxed {
        ty = format!("Box<{ty}>");
    }
    if field.is_optional() {
        ty = format!("Option<{ty}>");
    }
    ty
}

/// As `shape::value_type`.
fn value_type(ty: &FieldType) -> String {
    match ty {
        FieldType::String => "String".to_owned(),
        FieldType::I64 => "i64".to_owned(),
        FieldType::U64 => "u64".to_owned(),
        FieldType::F64 => "f64".to_owned(),
        FieldType::Bool => "bool".to_owned(),
        FieldType::Json => "serde_json::Value".to_owned(),
        FieldType::List(item) => format!("Vec<{}>", value_type(item)),
        FieldType::DateTime => runtime::date_time().to_owned(),
        FieldType::DateTimeIso => runtime::date_time_iso().to_owned(),
        FieldType::Date => runtime::date().to_owned(),
        FieldType::Shape { rust, .. } | FieldType::ValueSet { rust, .. } => rust.clone(),
    }
}
