//! The error codes of a service version from the official Python SDK's `errorcodes.py`:
//! each code is a constant preceded by its description as `#` comment lines.
//!
//! ```python
//! # CAM签名/鉴权错误。
//! AUTHFAILURE = 'AuthFailure'
//! ```
//!
//! Read line by line, strictly: any other kind of line is an error naming it, so that a change
//! of format shows instead of silently losing codes.

use std::collections::BTreeMap;

use super::error::DefinitionsError;
use super::note::Note;

/// Codes to descriptions, and notes on codes without a description.
#[derive(Debug, Default, PartialEq)]
pub struct ErrorCodes {
    pub codes: BTreeMap<String, String>,
    pub notes: Vec<Note>,
}

pub fn parse(file: &str, text: &str) -> Result<ErrorCodes, DefinitionsError> {
    let mut out = ErrorCodes::default();
    // Comment lines since the last blank line or constant: the next constant's description.
    // The license header is followed by a blank line, so it never becomes one.
    let mut comment: Vec<&str> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let at = format!("line {}", index + 1);
        let line = raw.trim();
        if line.is_empty() {
            comment.clear();
        } else if let Some(text) = line.strip_prefix('#') {
            comment.push(text.trim());
        } else {
            let code = constant(line).ok_or_else(|| {
                DefinitionsError::new(
                    file,
                    &at,
                    format!("expected `# description` or `NAME = 'Code'`, found `{line}`"),
                )
            })?;
            let description = comment.join("\n");
            comment.clear();
            if description.is_empty() {
                out.notes
                    .push(Note::ErrorCodeWithoutDescription { code: code.to_owned() });
            }
            if out.codes.insert(code.to_owned(), description).is_some() {
                return Err(DefinitionsError::new(
                    file,
                    at,
                    format!("error code `{code}` is defined twice"),
                ));
            }
        }
    }
    Ok(out)
}

/// The code of `NAME = 'Code'` (single or double quotes), if the line is one.
fn constant(line: &str) -> Option<&str> {
    let (name, value) = line.split_once('=')?;
    let name = name.trim();
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    {
        return None;
    }
    let value = value.trim();
    let quote = value.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let code = value.strip_prefix(quote)?.strip_suffix(quote)?;
    let well_formed = !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_');
    well_formed.then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "tencentcloud/x/v20200101/errorcodes.py";

    #[test]
    fn codes_with_descriptions() {
        let text = "# -*- coding: utf8 -*-\n# Copyright\n\n\n# CAM签名/鉴权错误。\nAUTHFAILURE = 'AuthFailure'\n\n# 操作失败。\n# 第二行\nFAILEDOPERATION_X = \"FailedOperation.X\"\n\nNODESC = 'NoDesc'\n";
        let parsed = parse(FILE, text).unwrap();
        assert_eq!(parsed.codes["AuthFailure"], "CAM签名/鉴权错误。");
        assert_eq!(parsed.codes["FailedOperation.X"], "操作失败。\n第二行");
        assert_eq!(parsed.codes["NoDesc"], "");
        assert_eq!(parsed.codes.len(), 3);
        assert_eq!(
            parsed.notes,
            vec![Note::ErrorCodeWithoutDescription { code: "NoDesc".into() }]
        );
    }

    #[test]
    fn other_lines_are_errors_naming_the_line() {
        let err = parse(FILE, "# a\nA = 'A'\nimport os\n").unwrap_err();
        assert_eq!(err.field, "line 3");
        assert_eq!(err.file, FILE);
        assert!(parse(FILE, "A = A\n").is_err());
        assert!(parse(FILE, "A = 'x y'\n").is_err());
        assert!(parse(FILE, "a = 'A'\n").is_err());
    }

    #[test]
    fn duplicate_codes_are_errors() {
        let err = parse(FILE, "A = 'A'\nB = 'A'\n").unwrap_err();
        assert!(err.message.contains("defined twice"), "{err}");
    }
}
