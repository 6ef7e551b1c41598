//! Items written as text, laid out as prettyplease prints their tokens: for the few fixed forms
//! that make most of the generated lines (a shape's codec impls, constructor and setters,
//! [`super::shape_text`]; a value set's impls, [`super::value_set_text`]), writing the text
//! directly skips building, parsing and printing tokens, which was over half of a
//! regeneration's CPU (measured on the 300 service versions of `cargo xtask stress`).
//!
//! The text is laid out for the first column, where prettyplease keeps a group flat when its
//! line, up to the next place it may break, is within its margin, and breaks it otherwise:
//! the writer knows those places for the forms it writes. A line it cannot lay out so (one
//! that prettyplease would break where the writer does not) makes the text unsure, and the
//! template then renders tokens; the output is always what the tokens print (a test holds
//! whole versions to it, and the 300 service versions were compared byte for byte).

use std::fmt::{self, Write};

use proc_macro2::{Literal, TokenStream};

use crate::deferred;

/// prettyplease's margin: the longest line it keeps flat, in the first column.
const MARGIN: usize = 89;

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

    /// Writes one line of code at `depth` levels of indentation (four columns each); a line
    /// past the margin makes the text unsure.
    pub(super) fn line(&mut self, depth: usize, line: fmt::Arguments<'_>) {
        if self.write(depth, line) > MARGIN {
            self.sure = false;
        }
    }

    /// Writes a doc comment line (`/// text`), which prettyplease prints whatever its length.
    pub(super) fn doc(&mut self, depth: usize, line: fmt::Arguments<'_>) {
        self.write(depth, line);
    }

    /// Writes a line, giving its length.
    fn write(&mut self, depth: usize, line: fmt::Arguments<'_>) -> usize {
        let start = self.text.len();
        for _ in 0..depth {
            self.text.push_str("    ");
        }
        // Writing to a `String` cannot fail.
        let _ = self.text.write_fmt(line);
        let length = self.text.len() - start;
        self.text.push('\n');
        length
    }

    /// The layout prettyplease gives a group whose flat line, indentation included, up to
    /// where it may break next, is `width` columns.
    pub(super) fn layout(&self, width: usize) -> Layout {
        if width <= MARGIN {
            Layout::Flat
        } else {
            Layout::Broken
        }
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
    fn lines_past_the_margin_make_the_text_unsure() {
        let ((), deferred) = deferred::deferring(|| {
            let mut printed = Printed::start().unwrap();
            printed.line(1, format_args!("{}", "x".repeat(MARGIN - 4)));
            printed.doc(1, format_args!("/// {}", "x".repeat(MARGIN)));
            assert_eq!(printed.layout(MARGIN), Layout::Flat);
            assert_eq!(printed.layout(MARGIN + 1), Layout::Broken);
            assert!(printed.finish().is_some());

            let mut printed = Printed::start().unwrap();
            printed.line(1, format_args!("{}", "x".repeat(MARGIN - 3)));
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
