//! A shape's codec impls (`Encode`, `Decode`, `Shape`, `Fields`) and its `Default` through
//! `Shape::empty`, written as text ([`super::preformatted`]): the same items as the `quote!`
//! templates of [`super::shape`], which render them when the text is unsure. Each function
//! reads like its output; keep the two in step (a test compares them on whole versions).

use proc_macro2::TokenStream;

use super::preformatted::{indent, string_literal, Layout, Printed};
use super::runtime::text as runtime;
use crate::plan::{FieldPlan, FieldType, Presence, ShapePlan};
use crate::spec::ValueKind;

const ALLOW_DEPRECATED: &str = "#[allow(deprecated)]";
const SERDE_ONLY: &str = "#[cfg(feature = \"serde\")]";

/// The codec impls of `plan`'s shape as a placeholder, or `None`: render tokens.
pub(super) fn codec(plan: &ShapePlan) -> Option<TokenStream> {
    let mut out = Printed::start()?;
    let name = plan.rust.as_str();
    let allow = plan.has_deprecated;
    let encode_cfg = !plan.sent();
    let decode_cfg = !plan.received();

    attrs(&mut out, allow, encode_cfg);
    out.line(0, format_args!("impl {} for {name} {{", runtime::encode_trait()));
    out.line(1, format_args!("fn encode(&self, w: &mut {}) {{", runtime::writer()));
    if plan.fields.is_empty() {
        out.line(2, format_args!("w.object().end();"));
    } else {
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
    }
    out.line(1, format_args!("}}"));
    out.line(0, format_args!("}}"));

    attrs(&mut out, false, decode_cfg);
    out.line(0, format_args!("impl {} for {name} {{", runtime::decode_trait()));
    out.line(1, format_args!("fn decode("));
    out.line(2, format_args!("r: &mut {}<'_>,", runtime::reader()));
    out.line(1, format_args!(") -> Result<Self, {}> {{", runtime::decode_error()));
    out.line(2, format_args!("{}(r)", runtime::decode_shape()));
    out.line(1, format_args!("}}"));
    out.line(0, format_args!("}}"));

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
    let flat_width = indent(1) + head.len() + names.iter().map(|n| n.len() + 2).sum::<usize>() + "];".len();
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
    let fields: Vec<String> = fields.map(|(field, value)| format!("{field}: {value}")).collect();
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
    match out.layout(indent(3) + wire.len() + " => ".len() + call.len() + ",".len()) {
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
