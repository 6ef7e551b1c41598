//! Error codes: a variant of the version's `ErrorCode` enum each.

use crate::docs::Docs;
use crate::naming::Names;

#[derive(Clone, Debug, PartialEq)]
pub struct ErrorCodePlan {
    pub wire: String,
    pub variant: String,
    pub docs: Docs,
}

pub(super) fn plan_code(names: &Names, wire: &str, description: &str) -> ErrorCodePlan {
    let mut docs = Docs::from_markdown(description);
    docs.push_markdown(format!("Wire code: `{wire}`."));
    ErrorCodePlan {
        wire: wire.to_owned(),
        variant: names.error_code(wire).to_owned(),
        docs,
    }
}
