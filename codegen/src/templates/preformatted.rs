//! Items written as text, laid out as prettyplease prints their tokens: for the few fixed forms
//! that make most of the generated lines (a shape's codec impls, [`super::shape_text`]),
//! writing the text directly skips building, parsing and printing tokens, which was over half
//! of a regeneration's CPU (measured on the 300 service versions of `cargo xtask stress`).
//!
//! The writer lays a group out flat or broken only where it is sure of prettyplease's choice:
//! a line well inside prettyplease's margin, or a flat line well beyond it. Anything between,
//! and any line that might not fit, makes the text unsure: the template then renders tokens,
//! so the output is always what the tokens print (a test holds whole versions to it).

use std::fmt::{self, Write};

use proc_macro2::{Literal, TokenStream};

use crate::deferred;

/// prettyplease's margin: it breaks a group whose flat line would go beyond this column.
const MARGIN: usize = 89;

/// The longest line written: within the margin even where the item is printed inside a
/// module (four more columns), with a few columns for punctuation prettyplease counts after a
/// group.
const SURE_FITS: usize = MARGIN - 4 - 5;

/// A flat line longer than this is broken by prettyplease wherever it is printed.
const SURE_BREAKS: usize = MARGIN + 10;

/// How a group is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Layout {
    /// On the line it starts on.
    Flat,
    /// Over several lines.
    Broken,
}

/// Text of items being written, and whether every layout in it is sure (see the module docs).
pub(super) struct Printed {
    text: String,
    sure: bool,
}

impl Printed {
    /// A writer, or `None` when the items would not be deferred anyway (outside
    /// [`deferred::deferring`]): the caller renders tokens without writing text first.
    pub(super) fn start() -> Option<Self> {
        deferred::defers_items().then(|| Printed {
            text: String::with_capacity(2048),
            sure: true,
        })
    }

    /// Writes one line at `depth` levels of indentation (four columns each).
    pub(super) fn line(&mut self, depth: usize, line: fmt::Arguments<'_>) {
        let start = self.text.len();
        for _ in 0..depth {
            self.text.push_str("    ");
        }
        // Writing to a `String` cannot fail.
        let _ = self.text.write_fmt(line);
        if self.text.len() - start > SURE_FITS {
            self.sure = false;
        }
        self.text.push('\n');
    }

    /// The layout prettyplease gives a group whose flat line, indentation included, is
    /// `width` columns; between sure fits and sure breaks the text becomes unsure.
    pub(super) fn layout(&mut self, width: usize) -> Layout {
        if width <= SURE_FITS {
            return Layout::Flat;
        }
        if width <= SURE_BREAKS {
            self.sure = false;
        }
        Layout::Broken
    }

    /// The placeholder of the text (see [`deferred::item`]), or `None` when it is unsure.
    pub(super) fn finish(self) -> Option<TokenStream> {
        if !self.sure {
            return None;
        }
        deferred::item(self.text)
    }
}

/// `text` as a string literal, escaped as its tokens print it.
pub(super) fn string_literal(text: &str) -> String {
    Literal::string(text).to_string()
}

/// Columns of `depth` levels of indentation.
pub(super) fn indent(depth: usize) -> usize {
    depth * 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_past_sure_fits_make_the_text_unsure() {
        let ((), deferred) = deferred::deferring(|| {
            let mut printed = Printed::start().unwrap();
            printed.line(1, format_args!("{}", "x".repeat(SURE_FITS - 4)));
            assert_eq!(printed.layout(SURE_FITS), Layout::Flat);
            assert_eq!(printed.layout(SURE_BREAKS + 1), Layout::Broken);
            assert!(printed.finish().is_some());

            let mut printed = Printed::start().unwrap();
            printed.line(1, format_args!("{}", "x".repeat(SURE_FITS - 3)));
            assert!(printed.finish().is_none());

            let mut printed = Printed::start().unwrap();
            assert_eq!(printed.layout(SURE_BREAKS), Layout::Broken);
            assert!(printed.finish().is_none());
        });
        drop(deferred);
        assert!(Printed::start().is_none(), "outside a scope nothing is written");
    }

    #[test]
    fn literals_escape_as_tokens_print() {
        assert_eq!(string_literal("Pay\"Mode\\"), r#""Pay\"Mode\\""#);
    }
}
