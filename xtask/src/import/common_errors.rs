//! The common error codes of API 3.0: the "公共错误码" / "Common Error Codes" table that heads
//! every product's error-code page, kept as `api-specs/sources/common/error-codes.{zh,en}.txt`.
//!
//! Any action of any service may answer with these (`AuthFailure.SignatureExpire`,
//! `RequestLimitExceeded`, `UnsupportedRegion`…), but a service's own `errorcodes.py` lists
//! only some of them. Both importers add every common code to each spec's `error_codes`, so
//! each generated `ErrorCode` has a variant for it and a match on one keeps working.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::Path;

use tencentcloud_codegen::spec::{Source, SourceKind, Spec};

/// The pages, relative to `api-specs/`.
pub const ZH_PAGE: &str = "sources/common/error-codes.zh.txt";
pub const EN_PAGE: &str = "sources/common/error-codes.en.txt";

/// The common codes with their descriptions, in the pages' order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommonErrors {
    /// Code -> Chinese description.
    pub zh: BTreeMap<String, String>,
    /// Code -> English description.
    pub en: BTreeMap<String, String>,
}

/// A page that is not a table of codes, named by file and line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl CommonErrors {
    /// Reads both pages under `api_specs`; the two must list the same codes.
    pub fn read(api_specs: &Path) -> Result<CommonErrors, String> {
        let read = |page: &str, heading: &str| -> Result<BTreeMap<String, String>, String> {
            let path = api_specs.join(page);
            let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            parse_table(page, &text, heading).map_err(|e| e.to_string())
        };
        let zh = read(ZH_PAGE, "公共错误码")?;
        let en = read(EN_PAGE, "Common Error Codes")?;
        if let Some(code) = zh
            .keys()
            .find(|c| !en.contains_key(*c))
            .or(en.keys().find(|c| !zh.contains_key(*c)))
        {
            return Err(format!(
                "{ZH_PAGE} and {EN_PAGE} list different codes: `{code}` is on one only"
            ));
        }
        Ok(CommonErrors { zh, en })
    }

    /// Adds every common code `spec` does not list yet, with the Chinese description, and the
    /// English one where the spec has none (a service's own description of a common code is
    /// kept: it is the more specific one); names the page among the spec's sources. Returns how
    /// many codes were added.
    pub fn add_to(&self, spec: &mut Spec) -> usize {
        let mut added = 0;
        for (code, description) in &self.zh {
            if !spec.error_codes.contains_key(code) {
                spec.error_codes.insert(code.clone(), description.clone());
                added += 1;
            }
            if let Some(english) = self.en.get(code) {
                spec.error_codes_en
                    .entry(code.clone())
                    .or_insert_with(|| english.clone());
            }
        }
        let source = Source {
            kind: SourceKind::CommonErrorCodes,
            location: ZH_PAGE.to_owned(),
            package_version: None,
        };
        if !spec.sources.contains(&source) {
            spec.sources.push(source);
            spec.sources.sort();
        }
        added
    }
}

/// The rows of the pipe table under the line `heading`: `| Code | Description |`, after a
/// header row and a `|---|` rule, up to the first line that is not a row.
pub fn parse_table(file: &str, text: &str, heading: &str) -> Result<BTreeMap<String, String>, PageError> {
    let error = |line: usize, message: String| PageError {
        file: file.to_owned(),
        line,
        message,
    };
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim()));
    let Some((at, _)) = lines.by_ref().find(|(_, l)| *l == heading) else {
        return Err(error(1, format!("no `{heading}` heading")));
    };
    let mut rows = lines.skip_while(|(_, l)| l.is_empty());
    match (rows.next(), rows.next()) {
        (Some((_, header)), Some((_, rule)))
            if header.starts_with('|') && (rule.starts_with("|-") || rule.starts_with("| -")) => {}
        _ => {
            return Err(error(
                at,
                format!("no table (a header row and a `|---|` rule) after `{heading}`"),
            ))
        }
    }
    let mut codes = BTreeMap::new();
    for (line, row) in rows {
        if !row.starts_with('|') {
            break;
        }
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        let [code, description] = cells.as_slice() else {
            return Err(error(
                line,
                format!("expected two cells (code, description), found {}", cells.len()),
            ));
        };
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
            return Err(error(line, format!("`{code}` is not an error code")));
        }
        if codes.insert((*code).to_owned(), (*description).to_owned()).is_some() {
            return Err(error(line, format!("`{code}` is listed twice")));
        }
    }
    if codes.is_empty() {
        return Err(error(at, format!("the table after `{heading}` has no rows")));
    }
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace;

    #[test]
    fn the_checked_in_pages_list_the_same_38_codes() {
        let common = CommonErrors::read(&workspace::api_specs()).unwrap();
        assert_eq!(common.zh.len(), 38);
        assert_eq!(common.zh["AuthFailure.SignatureExpire"].chars().next(), Some('签'));
        assert!(common.en["UnsupportedRegion"].starts_with("API does not support"));
    }

    #[test]
    fn bad_tables_are_errors_at_their_line() {
        let page = "x\n公共错误码\n\n| 错误码 | 说明 |\n|---|---|\n| A.B | ok |\n| bad code | no |\n";
        let err = parse_table("p.txt", page, "公共错误码").unwrap_err();
        assert_eq!(err.to_string(), "p.txt:7: `bad code` is not an error code");
        let err = parse_table("p.txt", "公共错误码\n\ntext\n", "公共错误码").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(parse_table("p.txt", "nothing", "公共错误码")
            .unwrap_err()
            .message
            .contains("no `公共错误码`"));
        let twice = "公共错误码\n| a | b |\n|---|---|\n| A | x |\n| A | y |\n";
        assert_eq!(parse_table("p.txt", twice, "公共错误码").unwrap_err().line, 5);
    }

    #[test]
    fn a_service_keeps_its_own_description_of_a_common_code() {
        let common = CommonErrors {
            zh: BTreeMap::from([
                ("InternalError".into(), "内部错误。".into()),
                ("InvalidAction".into(), "接口不存在。".into()),
            ]),
            en: BTreeMap::from([("InvalidAction".into(), "The API does not exist.".into())]),
        };
        let mut spec = Spec {
            error_codes: BTreeMap::from([("InternalError".into(), "数据库内部错误".into())]),
            ..Spec::default()
        };
        assert_eq!(common.add_to(&mut spec), 1);
        assert_eq!(spec.error_codes["InternalError"], "数据库内部错误");
        assert_eq!(spec.error_codes["InvalidAction"], "接口不存在。");
        assert_eq!(spec.error_codes_en["InvalidAction"], "The API does not exist.");
        assert_eq!(common.add_to(&mut spec), 0);
        assert_eq!(spec.sources.len(), 1);
    }
}
