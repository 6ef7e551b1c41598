//! Doc comments kept out of the token pipeline while a file is printed, and put back into the
//! printed text: the same text, a fraction of the work.
//!
//! The docs are a third of the generated text (bilingual prose), and a doc line costs far more
//! as a token than as text: it is escaped into a string literal, unescaped when syn parses it,
//! and unescaped again when prettyplease prints it as `///` (about a quarter of a
//! regeneration's CPU, measured). Within [`deferring`], [`Docs::attrs`](super::Docs::attrs)
//! gives one short placeholder attribute per item; prettyplease prints it as one `///` line at
//! the item's indentation, which [`DeferredDocs::restore`] replaces by the item's lines,
//! printed as prettyplease prints a `#[doc = "..."]` line: `///`, the text without its
//! trailing spaces. Doc attributes always print on lines of their own, so their length
//! changes nothing else; `regen --check` and a unit test hold the output to the direct path's.

use std::cell::RefCell;
use std::fmt;

use proc_macro2::TokenStream;
use quote::quote;

/// Starts a placeholder's text: a control character, which no doc line holds (the sanitizer
/// drops them) and which no doc line starts with (each starts with a space, or is empty).
const MARK: char = '\u{1}';

thread_local! {
    /// The doc lines of the items rendered so far in the current [`deferring`] scope.
    static SCOPE: RefCell<Option<Vec<Vec<String>>>> = const { RefCell::new(None) };
}

/// The doc lines that [`deferring`] kept out of the tokens, by placeholder number.
#[derive(Debug, Default)]
pub struct DeferredDocs {
    /// Taken as they are restored.
    items: Vec<Option<Vec<String>>>,
}

/// A printed placeholder that names no deferred docs (`line`, from 1), or docs that no
/// placeholder took (`line` 0): a generator bug, as the printer prints each attribute once.
#[derive(Debug, PartialEq, Eq)]
pub struct UnmatchedPlaceholder {
    pub line: usize,
}

impl fmt::Display for UnmatchedPlaceholder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "deferred docs were not printed"),
            line => write!(f, "printed line {line} is a doc placeholder that matches no docs"),
        }
    }
}

impl std::error::Error for UnmatchedPlaceholder {}

/// Runs `render` with doc lines deferred (see the module docs); nested scopes keep their own.
pub fn deferring<T>(render: impl FnOnce() -> T) -> (T, DeferredDocs) {
    struct Restore(Option<Vec<Vec<String>>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take();
            SCOPE.with(|scope| *scope.borrow_mut() = outer);
        }
    }
    let outer = SCOPE.with(|scope| scope.borrow_mut().replace(Vec::new()));
    let restore = Restore(outer);
    let value = render();
    let items = SCOPE.with(|scope| scope.borrow_mut().take()).unwrap_or_default();
    drop(restore);
    (
        value,
        DeferredDocs {
            items: items.into_iter().map(Some).collect(),
        },
    )
}

/// `#[doc = "..."]` attributes of `lines` (each a doc line's text after `///`), or, within
/// [`deferring`], a placeholder for them when prettyplease would print each line as `///`.
pub(super) fn attrs(lines: Vec<String>) -> TokenStream {
    if lines.is_empty() {
        return TokenStream::new();
    }
    let printable = lines.iter().all(|line| !line.contains('\n') && !line.starts_with('/'));
    let lines = if printable {
        let deferred = SCOPE.with(|scope| match scope.borrow_mut().as_mut() {
            Some(items) => {
                items.push(lines);
                Ok(items.len() - 1)
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

impl DeferredDocs {
    /// `printed` with each placeholder line replaced by its docs, at its indentation. The docs
    /// of one scope may be printed in several files: each placeholder is restored once.
    pub fn restore(&mut self, printed: &str) -> Result<String, UnmatchedPlaceholder> {
        if self.items.is_empty() {
            return Ok(printed.to_owned());
        }
        let mut out = String::with_capacity(printed.len() * 2);
        for (index, line) in printed.split_inclusive('\n').enumerate() {
            let Some((indent, number)) = placeholder(line) else {
                out.push_str(line);
                continue;
            };
            let docs = number.and_then(|n| self.items.get_mut(n)).and_then(Option::take);
            let Some(docs) = docs else {
                return Err(UnmatchedPlaceholder { line: index + 1 });
            };
            for doc in docs {
                out.push_str(indent);
                out.push_str("///");
                out.push_str(doc.trim_end_matches(' '));
                out.push('\n');
            }
        }
        Ok(out)
    }

    /// Checks that every deferred item's docs were restored.
    pub fn finish(self) -> Result<(), UnmatchedPlaceholder> {
        match self.items.iter().position(Option::is_some) {
            Some(_) => Err(UnmatchedPlaceholder { line: 0 }),
            None => Ok(()),
        }
    }
}

/// A printed placeholder line's indentation and number (`None` when it is not a number).
fn placeholder(line: &str) -> Option<(&str, Option<usize>)> {
    let body = line.trim_start_matches(' ');
    let rest = body.strip_prefix("///")?.strip_prefix(MARK)?;
    let indent = &line[..line.len() - body.len()];
    Some((indent, rest.trim_end_matches('\n').parse().ok()))
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
        assert_eq!(inner.1.items, [Some(vec![" inner".to_owned()])]);
        assert_eq!(outer.items, [Some(vec![" outer".to_owned()])]);
        assert!(!outer_tokens.to_string().contains("outer"));
        // Outside any scope, the lines are in the tokens.
        assert!(attrs(vec![" plain".into()]).to_string().contains("plain"));
    }

    #[test]
    fn a_placeholder_without_its_docs_is_an_error() {
        let mut deferred = DeferredDocs {
            items: vec![Some(vec![" a".into()])],
        };
        assert_eq!(
            deferred.restore(&format!("///{MARK}7\n")),
            Err(UnmatchedPlaceholder { line: 1 })
        );
        assert_eq!(deferred.restore("fn f() {}\n"), Ok("fn f() {}\n".to_owned()));
        assert_eq!(deferred.finish(), Err(UnmatchedPlaceholder { line: 0 }));
    }
}
