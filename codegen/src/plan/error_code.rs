//! Error codes: a variant of the version's `ErrorCode` enum each.

use crate::docs::Docs;
use crate::naming::Names;

#[derive(Clone, Debug, PartialEq)]
pub struct ErrorCodePlan {
    pub wire: String,
    pub variant: String,
    pub docs: Docs,
}

/// `description` in Chinese (the China site's), `description_en` in English where known.
pub(super) fn plan_code(names: &Names, wire: &str, description_en: &str, description: &str) -> ErrorCodePlan {
    let mut docs = Docs::bilingual_markdown(description_en, description);
    docs.push_markdown(format!("Wire code: `{wire}`."));
    ErrorCodePlan {
        wire: wire.to_owned(),
        variant: names.error_code(wire).to_owned(),
        docs,
    }
}
