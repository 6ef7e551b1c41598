//! A value-set enum's impls written as text ([`super::preformatted`]), in the groups of
//! [`super::value_set`], which renders a group's tokens when its text is unsure. Each
//! function reads like its output; keep the two in step (a test compares them on whole
//! versions).

use proc_macro2::TokenStream;

use super::codec_text::{decode_impl, encode_impl};
use super::preformatted::Printed;
use super::runtime::text as runtime;
use crate::plan::ValueSetPlan;
use crate::spec::ValueKind;

/// `PartialEq`, `Eq`, `Hash` and `Debug`, through the wire value.
pub(super) fn head(plan: &ValueSetPlan) -> Option<TokenStream> {
    let mut out = Printed::start()?;
    let ty = plan.rust.as_str();
    let (value, value_ref) = match plan.kind {
        ValueKind::String => ("self.as_str()", "self.as_str()"),
        ValueKind::Integer => ("self.value()", "&self.value()"),
    };
    let other = match plan.kind {
        ValueKind::String => "other.as_str()",
        ValueKind::Integer => "other.value()",
    };
    out.line(0, format_args!("impl PartialEq for {ty} {{"));
    out.line(1, format_args!("#[inline]"));
    out.line(1, format_args!("fn eq(&self, other: &Self) -> bool {{"));
    out.line(2, format_args!("{value} == {other}"));
    out.line(1, format_args!("}}"));
    out.line(0, format_args!("}}"));
    out.line(0, format_args!("impl Eq for {ty} {{}}"));
    out.line(0, format_args!("impl std::hash::Hash for {ty} {{"));
    out.line(1, format_args!("#[inline]"));
    out.line(
        1,
        format_args!("fn hash<H: std::hash::Hasher>(&self, state: &mut H) {{"),
    );
    out.line(2, format_args!("{value}.hash(state)"));
    out.line(1, format_args!("}}"));
    out.line(0, format_args!("}}"));
    out.line(0, format_args!("impl std::fmt::Debug for {ty} {{"));
    out.line(
        1,
        format_args!("fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{"),
    );
    out.line(2, format_args!("std::fmt::Debug::fmt({value_ref}, f)"));
    out.line(1, format_args!("}}"));
    out.line(0, format_args!("}}"));
    out.finish()
}

/// `as_str` or `value`: the wire value of each variant.
pub(super) fn to_wire(plan: &ValueSetPlan) -> Option<TokenStream> {
    let mut out = Printed::start()?;
    let ty = plan.rust.as_str();
    out.line(0, format_args!("impl {ty} {{"));
    out.doc(1, format_args!("/// The value as sent on the wire."));
    out.line(1, format_args!("#[inline]"));
    match plan.kind {
        ValueKind::String => out.line(1, format_args!("pub fn as_str(&self) -> &str {{")),
        ValueKind::Integer => out.line(1, format_args!("pub fn value(&self) -> i64 {{")),
    }
    out.line(2, format_args!("match self {{"));
    for v in &plan.variants {
        let value = wire_literal(plan.kind, &v.value)?;
        out.line(3, format_args!("{ty}::{} => {value},", v.rust));
    }
    match plan.kind {
        ValueKind::String => out.line(3, format_args!("{ty}::Unknown(value) => value,")),
        ValueKind::Integer => out.line(3, format_args!("{ty}::Unknown(value) => *value,")),
    }
    out.line(2, format_args!("}}"));
    out.line(1, format_args!("}}"));
    out.line(0, format_args!("}}"));
    out.finish()
}

/// `From` the wire value: a listed value to its variant, any other to `Unknown`.
pub(super) fn from_wire(plan: &ValueSetPlan) -> Option<TokenStream> {
    let mut out = Printed::start()?;
    let ty = plan.rust.as_str();
    match plan.kind {
        ValueKind::String => out.line(0, format_args!("impl From<&str> for {ty} {{")),
        ValueKind::Integer => out.line(0, format_args!("impl From<i64> for {ty} {{")),
    }
    out.line(1, format_args!("#[inline]"));
    match plan.kind {
        ValueKind::String => out.line(1, format_args!("fn from(value: &str) -> Self {{")),
        ValueKind::Integer => out.line(1, format_args!("fn from(value: i64) -> Self {{")),
    }
    out.line(2, format_args!("match value {{"));
    for v in &plan.variants {
        let value = wire_literal(plan.kind, &v.value)?;
        out.line(3, format_args!("{value} => {ty}::{},", v.rust));
    }
    match plan.kind {
        ValueKind::String => out.line(3, format_args!("other => {ty}::Unknown(other.to_owned()),")),
        ValueKind::Integer => out.line(3, format_args!("other => {ty}::Unknown(other),")),
    }
    out.line(2, format_args!("}}"));
    out.line(1, format_args!("}}"));
    out.line(0, format_args!("}}"));
    out.finish()
}

/// The other conversions (`FromStr`, `Display`; `From<i32>` and into `i64` for integers) and
/// the codec's `Encode` and `Decode`.
pub(super) fn tail(plan: &ValueSetPlan) -> Option<TokenStream> {
    let mut out = Printed::start()?;
    let ty = plan.rust.as_str();
    let (encode, decode) = match plan.kind {
        ValueKind::String => {
            out.line(0, format_args!("impl std::str::FromStr for {ty} {{"));
            out.line(1, format_args!("type Err = std::convert::Infallible;"));
            out.line(1, format_args!("#[inline]"));
            out.line(
                1,
                format_args!("fn from_str(value: &str) -> Result<Self, std::convert::Infallible> {{"),
            );
            out.line(2, format_args!("Ok(value.into())"));
            out.line(1, format_args!("}}"));
            out.line(0, format_args!("}}"));
            out.line(0, format_args!("impl std::fmt::Display for {ty} {{"));
            out.line(1, format_args!("#[inline]"));
            out.line(
                1,
                format_args!("fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{"),
            );
            out.line(2, format_args!("f.write_str(self.as_str())"));
            out.line(1, format_args!("}}"));
            out.line(0, format_args!("}}"));
            ("w.str(self.as_str())", runtime::decode_str_enum())
        }
        ValueKind::Integer => {
            out.doc(
                0,
                format_args!("/// For integer literals, which are `i32` unless told otherwise: `.task_type(201)`."),
            );
            out.line(0, format_args!("impl From<i32> for {ty} {{"));
            out.line(1, format_args!("#[inline]"));
            out.line(1, format_args!("fn from(value: i32) -> Self {{"));
            out.line(2, format_args!("Self::from(i64::from(value))"));
            out.line(1, format_args!("}}"));
            out.line(0, format_args!("}}"));
            out.line(0, format_args!("impl From<{ty}> for i64 {{"));
            out.line(1, format_args!("#[inline]"));
            out.line(1, format_args!("fn from(value: {ty}) -> i64 {{"));
            out.line(2, format_args!("value.value()"));
            out.line(1, format_args!("}}"));
            out.line(0, format_args!("}}"));
            out.line(0, format_args!("impl std::str::FromStr for {ty} {{"));
            out.line(1, format_args!("type Err = std::num::ParseIntError;"));
            out.line(1, format_args!("#[inline]"));
            out.line(
                1,
                format_args!("fn from_str(value: &str) -> Result<Self, std::num::ParseIntError> {{"),
            );
            out.line(2, format_args!("value.trim().parse::<i64>().map(Self::from)"));
            out.line(1, format_args!("}}"));
            out.line(0, format_args!("}}"));
            out.line(0, format_args!("impl std::fmt::Display for {ty} {{"));
            out.line(1, format_args!("#[inline]"));
            out.line(
                1,
                format_args!("fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{"),
            );
            out.line(2, format_args!("std::fmt::Display::fmt(&self.value(), f)"));
            out.line(1, format_args!("}}"));
            out.line(0, format_args!("}}"));
            ("w.i64(self.value())", runtime::decode_int_enum())
        }
    };
    encode_impl(&mut out, ty, |out| out.line(2, format_args!("{encode}")));
    decode_impl(&mut out, ty, decode);
    out.finish()
}

/// A variant's wire value as its token prints: a string literal, or an integer in plain
/// decimal (`None` for any other spelling, which the tokens print their own way).
fn wire_literal(kind: ValueKind, value: &str) -> Option<String> {
    match kind {
        ValueKind::String => Some(super::preformatted::string_literal(value)),
        ValueKind::Integer => {
            let digits = value.strip_prefix('-').unwrap_or(value);
            let plain = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
            plain.then(|| value.to_owned())
        }
    }
}
