//! Text kept out of the token pipeline while a file is printed, and put back into the printed
//! text: the same text, a fraction of the work. Two kinds: doc comments, and items the
//! templates write as text already formatted (`item`).
//!
//! The docs are a third of the generated text (bilingual prose), and a doc line costs far more
//! as a token than as text: it is escaped into a string literal, unescaped when syn parses it,
//! and unescaped again when prettyplease prints it as `///` (about a quarter of a
//! regeneration's CPU, measured). Within [`deferring`], [`Docs::attrs`](crate::docs::Docs::attrs)
//! gives one short placeholder attribute per item; prettyplease prints it as one `///` line at
//! the item's indentation, which [`Deferred::restore`] replaces by the item's lines,
//! printed as prettyplease prints a `#[doc = "..."]` line: `///`, the text without its
//! trailing spaces. Doc attributes always print on lines of their own, so their length
//! changes nothing else; `regen --check` and a unit test hold the output to the direct path's.
//!
//! An item written as text (the codec impls of shapes: most of the generated lines, every one
//! of the same few forms) stands in the tokens as `__deferred!(N);`, an item macro that
//! prettyplease prints on a line of its own; [`Deferred::restore`] puts the text there. The
//! templates write that text as prettyplease prints the tokens in the first column (an item
//! placeholder printed indented is an error), and fall back to tokens for what they cannot
//! write so (see `templates::preformatted`).

use std::cell::RefCell;
use std::fmt;

use proc_macro2::TokenStream;
use quote::quote;

/// Starts a doc placeholder's text: a control character, which no doc line holds (the sanitizer
/// drops them) and which no doc line starts with (each starts with a space, or is empty).
const MARK: char = '\u{1}';

/// The macro name of an item placeholder; no generated item is a macro call of that name.
const ITEM_MACRO: &str = "__deferred";

/// What a placeholder stands for.
#[derive(Debug, PartialEq, Eq)]
enum Text {
    /// Doc lines, each the text after `///`.
    Docs(Vec<String>),
    /// Items, printed: lines ending in `\n`, unindented.
    Items(String),
}

/// What the items rendered so far in a [`deferring`] scope deferred.
#[derive(Default)]
struct Scope {
    texts: Vec<Text>,
    /// Whether [`item`] defers: off only to hold the preformatted text to the tokens' print.
    items: bool,
}

thread_local! {
    static SCOPE: RefCell<Option<Scope>> = const { RefCell::new(None) };
}

/// The text that [`deferring`] kept out of the tokens, by placeholder number.
#[derive(Debug, Default)]
pub struct Deferred {
    /// Taken as they are restored.
    texts: Vec<Option<Text>>,
}

/// A placeholder that could not be restored: a generator bug, as the printer prints each
/// placeholder once, where the tokens put it.
#[derive(Debug, PartialEq, Eq)]
pub enum UnmatchedPlaceholder {
    /// A printed line (from 1) is a placeholder that names no deferred text.
    Unknown { line: usize },
    /// A preformatted item was printed indented (inside a module, say), where its layout,
    /// made for the first column, might not be prettyplease's.
    Indented { line: usize },
    /// Deferred text that no placeholder took.
    NotPrinted,
}

impl fmt::Display for UnmatchedPlaceholder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnmatchedPlaceholder::Unknown { line } => {
                write!(f, "printed line {line} is a placeholder that matches no deferred text")
            }
            UnmatchedPlaceholder::Indented { line } => {
                write!(f, "printed line {line} puts a preformatted item inside another item")
            }
            UnmatchedPlaceholder::NotPrinted => write!(f, "deferred text was not printed"),
        }
    }
}

impl std::error::Error for UnmatchedPlaceholder {}

/// Runs `render` with doc lines and preformatted items deferred (see the module docs); nested
/// scopes keep their own.
pub fn deferring<T>(render: impl FnOnce() -> T) -> (T, Deferred) {
    scope(true, render)
}

/// [`deferring`], with preformatted items deferred or (`items` false) rendered as tokens: what
/// a test compares the preformatted items with.
pub(crate) fn scope<T>(items: bool, render: impl FnOnce() -> T) -> (T, Deferred) {
    struct Restore(Option<Scope>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take();
            SCOPE.with(|scope| *scope.borrow_mut() = outer);
        }
    }
    let outer = SCOPE.with(|scope| {
        scope.borrow_mut().replace(Scope {
            texts: Vec::new(),
            items,
        })
    });
    let restore = Restore(outer);
    let value = render();
    let texts = SCOPE.with(|scope| scope.borrow_mut().take()).unwrap_or_default().texts;
    drop(restore);
    (
        value,
        Deferred {
            texts: texts.into_iter().map(Some).collect(),
        },
    )
}

/// Whether [`item`] defers: a template that writes text only pays for it then.
pub(crate) fn defers_items() -> bool {
    SCOPE.with(|scope| scope.borrow().as_ref().is_some_and(|scope| scope.items))
}

/// `#[doc = "..."]` attributes of `lines` (each a doc line's text after `///`), or, within
/// [`deferring`], a placeholder for them when prettyplease would print each line as `///`.
pub(crate) fn attrs(lines: Vec<String>) -> TokenStream {
    if lines.is_empty() {
        return TokenStream::new();
    }
    let printable = lines.iter().all(|line| !line.contains('\n') && !line.starts_with('/'));
    let lines = if printable {
        let deferred = SCOPE.with(|scope| match scope.borrow_mut().as_mut() {
            Some(scope) => {
                scope.texts.push(Text::Docs(lines));
                Ok(scope.texts.len() - 1)
            }
            None => Err(lines),
        });
        match deferred {
            Ok(number) => {
                let placeholder = format!("{MARK}{number}");
                return quote!(#[doc = #placeholder]);
            }
            Err(lines) => lines,
        }
    } else {
        lines
    };
    quote! { #( #[doc = #lines] )* }
}

/// A placeholder for `printed`, items as prettyplease prints them in the first column (each
/// line ending in `\n`), within [`deferring`]; `None` outside it, where the caller renders
/// tokens.
pub(crate) fn item(printed: String) -> Option<TokenStream> {
    let number = SCOPE.with(|scope| {
        let mut scope = scope.borrow_mut();
        let scope = scope.as_mut().filter(|scope| scope.items)?;
        scope.texts.push(Text::Items(printed));
        Some(scope.texts.len() - 1)
    })?;
    let name = proc_macro2::Ident::new(ITEM_MACRO, proc_macro2::Span::call_site());
    let number = proc_macro2::Literal::usize_unsuffixed(number);
    Some(quote!(#name!(#number);))
}

impl Deferred {
    /// `printed` with each placeholder line replaced by its text, at its indentation. The text
    /// of one scope may be printed in several files: each placeholder is restored once.
    pub fn restore(&mut self, printed: &str) -> Result<String, UnmatchedPlaceholder> {
        if self.texts.is_empty() {
            return Ok(printed.to_owned());
        }
        let mut out = String::with_capacity(printed.len() * 2);
        for (index, line) in printed.split_inclusive('\n').enumerate() {
            let Some((indent, number)) = placeholder(line) else {
                out.push_str(line);
                continue;
            };
            let text = number.and_then(|n| self.texts.get_mut(n)).and_then(Option::take);
            match text {
                Some(Text::Docs(docs)) => {
                    for doc in docs {
                        out.push_str(indent);
                        out.push_str("///");
                        out.push_str(doc.trim_end_matches(' '));
                        out.push('\n');
                    }
                }
                Some(Text::Items(items)) if indent.is_empty() => out.push_str(&items),
                Some(Text::Items(_)) => return Err(UnmatchedPlaceholder::Indented { line: index + 1 }),
                None => return Err(UnmatchedPlaceholder::Unknown { line: index + 1 }),
            }
        }
        Ok(out)
    }

    /// Checks that every deferred text was restored.
    pub fn finish(self) -> Result<(), UnmatchedPlaceholder> {
        match self.texts.iter().position(Option::is_some) {
            Some(_) => Err(UnmatchedPlaceholder::NotPrinted),
            None => Ok(()),
        }
    }
}

/// A printed placeholder line's indentation and number (`None` when it is not a number).
fn placeholder(line: &str) -> Option<(&str, Option<usize>)> {
    let body = line.trim_start_matches(' ');
    let indent = &line[..line.len() - body.len()];
    let body = body.trim_end_matches('\n');
    if let Some(rest) = body.strip_prefix("///") {
        let number = rest.strip_prefix(MARK)?;
        return Some((indent, number.parse().ok()));
    }
    let number = body.strip_prefix(ITEM_MACRO)?.strip_prefix("!(")?.strip_suffix(");")?;
    Some((indent, number.parse().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn print(tokens: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).unwrap())
    }

    fn item(lines: &[&str]) -> TokenStream {
        let docs = attrs(lines.iter().map(|l| l.to_string()).collect());
        let field = || attrs(vec![" A field,   ".into(), String::new(), " with a blank line.".into()]);
        let (field_docs, setter_docs) = (field(), field());
        quote! {
            #docs
            pub struct S {
                #field_docs
                pub a: Option<String>,
            }
            impl S {
                #setter_docs
                pub fn a(mut self, value: &str) -> Self { self.a = Some(value.to_owned()); self }
            }
        }
    }

    /// Deferred and restored, the text is the text printed with the docs in the tokens, for
    /// lines of every kind: empty, trailing spaces, quotes and backslashes, Chinese, and the
    /// ones prettyplease prints otherwise (a leading `/`), which are never deferred.
    #[test]
    fn restored_docs_read_as_printed_directly() {
        let cases: &[&[&str]] = &[
            &[" One line."],
            &[" 同步任务id，如sync-werwfs23 \"quoted\" and \\ back", "", " `code`   "],
            &["/ starts with a slash", " then more"],
            &[],
        ];
        for lines in cases {
            let direct = print(item(lines));
            let (tokens, mut deferred) = deferring(|| item(lines));
            let restored = deferred.restore(&print(tokens)).unwrap();
            deferred.finish().unwrap();
            assert_eq!(restored, direct, "{lines:?}");
        }
    }

    #[test]
    fn scopes_nest_and_end() {
        let ((inner, outer_tokens), outer) = deferring(|| {
            let inner = deferring(|| attrs(vec![" inner".into()]));
            (inner, attrs(vec![" outer".into()]))
        });
        assert_eq!(inner.1.texts, [Some(Text::Docs(vec![" inner".to_owned()]))]);
        assert_eq!(outer.texts, [Some(Text::Docs(vec![" outer".to_owned()]))]);
        assert!(!outer_tokens.to_string().contains("outer"));
        // Outside any scope, the lines are in the tokens.
        assert!(attrs(vec![" plain".into()]).to_string().contains("plain"));
    }

    /// A preformatted item comes back where its placeholder was printed, in the first
    /// column; inside a module it is an error; outside a scope there is no placeholder.
    #[test]
    fn items_are_restored_in_the_first_column_only() {
        let text = "impl S {\n    fn f() {}\n}\n";
        let (tokens, mut deferred) = deferring(|| {
            let item = super::item(text.to_owned()).unwrap();
            let docs = attrs(vec![" Docs.".into()]);
            quote! {
                #docs
                pub struct S;
                #item
            }
        });
        let restored = deferred.restore(&print(tokens)).unwrap();
        deferred.finish().unwrap();
        assert_eq!(restored, format!("/// Docs.\npub struct S;\n{text}"));

        let (tokens, mut deferred) = deferring(|| {
            let item = super::item(text.to_owned()).unwrap();
            quote!(pub mod m { #item })
        });
        assert_eq!(
            deferred.restore(&print(tokens)),
            Err(UnmatchedPlaceholder::Indented { line: 2 })
        );
        assert!(super::item(text.to_owned()).is_none());
    }

    #[test]
    fn a_placeholder_without_its_docs_is_an_error() {
        let mut deferred = Deferred {
            texts: vec![Some(Text::Docs(vec![" a".into()]))],
        };
        assert_eq!(
            deferred.restore(&format!("///{MARK}7\n")),
            Err(UnmatchedPlaceholder::Unknown { line: 1 })
        );
        assert_eq!(
            deferred.restore(&format!("fn f() {{}}\n{ITEM_MACRO}!(3);\n")),
            Err(UnmatchedPlaceholder::Unknown { line: 2 })
        );
        assert_eq!(deferred.restore("fn f() {}\n"), Ok("fn f() {}\n".to_owned()));
        assert_eq!(deferred.finish(), Err(UnmatchedPlaceholder::NotPrinted));
    }
}
