//! Unicode spaces to ASCII before anything reads the page. The rendered pages carry U+00A0 and
//! its kin between words (`Array of String` with U+00A0 read as the type `Array`), and
//! zero-width characters inside words; a plain space and nothing read the same to a person,
//! so they must read the same here. Line breaks are kept, so line numbers do not move.

use std::borrow::Cow;

/// The page text with every Unicode space separator as `' '` and zero-width characters removed.
pub fn normalize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_space(c) || is_zero_width(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|&c| !is_zero_width(c))
            .map(|c| if is_space(c) { ' ' } else { c })
            .collect(),
    )
}

/// Unicode category Zs (other than the ASCII space) and the line/paragraph separators, which
/// the pages do not use to break lines.
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Zero-width space, non-joiner, joiner, word joiner and the byte-order mark.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_become_ascii() {
        assert_eq!(normalize("Array\u{a0}of\u{3000}String"), "Array of String");
        assert_eq!(normalize("a\u{200b}b\u{feff}\nc\u{2028}d"), "ab\nc d");
        assert!(matches!(normalize("plain\ttext\n"), Cow::Borrowed(_)));
    }
}
