//! A type's `Encode` and `Decode` impls written as text ([`super::preformatted`]): the text of
//! [`super::codec::codec_impls`], shared by shapes and value sets as those impls are.

use super::preformatted::Printed;
use super::runtime::text as runtime;

/// `impl Encode for ty`, its body written by `body` at depth 2.
pub(super) fn encode_impl(out: &mut Printed, ty: &str, body: impl FnOnce(&mut Printed)) {
    out.line(0, format_args!("impl {} for {ty} {{", runtime::encode_trait()));
    out.line(1, format_args!("fn encode(&self, w: &mut {}) {{", runtime::writer()));
    body(out);
    out.line(1, format_args!("}}"));
    out.line(0, format_args!("}}"));
}

/// `impl Decode for ty` through `decode` (a runtime function of the reader).
pub(super) fn decode_impl(out: &mut Printed, ty: &str, decode: &str) {
    out.line(0, format_args!("impl {} for {ty} {{", runtime::decode_trait()));
    out.line(1, format_args!("fn decode("));
    out.line(2, format_args!("r: &mut {}<'_>,", runtime::reader()));
    out.line(1, format_args!(") -> Result<Self, {}> {{", runtime::decode_error()));
    out.line(2, format_args!("{decode}(r)"));
    out.line(1, format_args!("}}"));
    out.line(0, format_args!("}}"));
}
