//! `cargo xtask import-doc PAGE...`: turns a Tencent Cloud API reference page (the rendered
//! page copied as plain text, see `api-specs/sources/`) into a spec.
//!
//! A page documents one action: its domain, rate limit, input and output parameter tables,
//! request/response examples and error codes. It does not define the nested types it names;
//! those are inferred from the examples (see `infer`). Anything uncertain is a [`Warning`]
//! naming the page line; a page that cannot be read is a [`PageError`].

mod command;
mod description;
mod doc_type;
mod examples;
mod header;
mod infer;
mod lines;
mod merge;
mod normalize;
mod page;
mod params;
mod query;
mod required;
mod table;
mod vocabulary;

use std::fmt;

use tencentcloud_codegen::spec::Spec;

pub use command::run;
pub use merge::merge_page;

/// What one page yields.
#[derive(Clone, Debug, PartialEq)]
pub struct PageImport {
    /// A spec holding just this page: its service, version, domain, one action, the action's
    /// request, response and inferred shapes, its error codes, and the page as its one source.
    pub spec: Spec,
    pub warnings: Vec<Warning>,
}

/// Something the importer decided or could not tell, with the page line it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    pub line: u32,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: warning: {}", self.file, self.line, self.message)
    }
}

/// A page that cannot be imported, with the line where that shows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct PageError {
    pub file: String,
    pub line: u32,
    pub message: String,
}

/// Parses one page. `file` names the page in provenance, warnings and errors; `run` passes the
/// path relative to `api-specs/` (e.g. `sources/wedata/2021-08-20/GetTaskInstance.zh.txt`).
pub fn parse_page(file: &str, text: &str) -> Result<PageImport, PageError> {
    let mut warnings = Vec::new();
    let text = normalize::normalize(text);
    let spec = page::parse(&lines::Page::new(file, &text), &mut warnings)?;
    Ok(PageImport { spec, warnings })
}
