//! What merging the doc pages into the definitions found: every disagreement and every item
//! only one side has, one readable line each, plus counts of what the pages added.

use std::collections::BTreeMap;
use std::fmt;

use tencentcloud_codegen::spec::{SourceKind, Type};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub service: String,
    pub version: String,
    pub entries: Vec<Entry>,
    /// Actions that got their rate limit from a page.
    pub rate_limits_added: usize,
    /// Action error references the pages added.
    pub action_errors_added: usize,
    /// Request domains the pages added.
    pub domains_added: usize,
    /// Error descriptions a page gives in another language (English pages): the definitions'
    /// are kept.
    pub error_descriptions_translated: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// The page documents an action the definitions lack: kept as the page has it.
    ActionOnlyOnPage {
        action: String,
    },
    /// The pages input holds an action from earlier definitions that these lack: dropped.
    ActionNoLongerDefined {
        action: String,
    },
    /// `field` is `input`, `output`, `deprecated` or `rate_limit`; the definitions are kept.
    ActionDiffers {
        action: String,
        field: &'static str,
        page: String,
        definition: String,
    },
    ShapeUsageDiffers {
        shape: String,
        page: String,
        definition: String,
    },
    /// `field` is `type`, `required`, `nullable` or `deprecated`; the definitions are kept.
    MemberDiffers {
        shape: String,
        member: String,
        field: &'static str,
        page: String,
        definition: String,
    },
    MemberOnlyInDefinitions {
        shape: String,
        member: String,
    },
    /// Dropped: the definitions are authoritative for members.
    MemberOnlyOnPage {
        shape: String,
        member: String,
        ty: Type,
    },
    /// A shape the page inferred from examples, replaced by the defined one.
    InferredShapeReplaced {
        shape: String,
        inferred_members: usize,
        types_differ: usize,
    },
    /// A member inferred from a page example that the definitions do not define: dropped.
    InferredMemberNotDefined {
        shape: String,
        member: String,
    },
    /// A page shape the definitions lack and no page-only action uses: dropped.
    PageShapeDropped {
        shape: String,
        kind: SourceKind,
    },
    /// A page shape the definitions lack, kept for a page-only action.
    PageShapeKept {
        shape: String,
    },
    /// An error code only the pages document: added with the page's description.
    ErrorCodeFromPage {
        code: String,
    },
    /// The definitions have the code without a description: the page's is used.
    ErrorDescriptionFromPage {
        code: String,
    },
    /// Both describe the code differently; the definitions' description is kept.
    ErrorDescriptionDiffers {
        code: String,
        page: String,
        definition: String,
    },
    /// A page example that matches no definitions example, appended after them.
    ExampleAppended {
        action: String,
        title: String,
    },
}

impl Entry {
    /// A short name of the kind, for counts.
    pub fn kind(&self) -> &'static str {
        match self {
            Entry::ActionOnlyOnPage { .. } => "action only on a page (kept)",
            Entry::ActionNoLongerDefined { .. } => "action no longer defined (dropped)",
            Entry::ActionDiffers { .. } => "action field differs",
            Entry::ShapeUsageDiffers { .. } => "shape usage differs",
            Entry::MemberDiffers { field: "type", .. } => "member type differs",
            Entry::MemberDiffers { field: "required", .. } => "member required differs",
            Entry::MemberDiffers { field: "nullable", .. } => "member nullable differs",
            Entry::MemberDiffers { .. } => "member deprecated differs",
            Entry::MemberOnlyInDefinitions { .. } => "member only in definitions",
            Entry::MemberOnlyOnPage { .. } => "member only on a page (dropped)",
            Entry::InferredShapeReplaced { .. } => "inferred shape replaced",
            Entry::InferredMemberNotDefined { .. } => "inferred member not defined (dropped)",
            Entry::PageShapeDropped { .. } => "page shape not defined (dropped)",
            Entry::PageShapeKept { .. } => "page shape kept for a page-only action",
            Entry::ErrorCodeFromPage { .. } => "error code only on a page (added)",
            Entry::ErrorDescriptionFromPage { .. } => "error description from a page",
            Entry::ErrorDescriptionDiffers { .. } => "error description differs",
            Entry::ExampleAppended { .. } => "page example appended",
        }
    }
}

impl MergeReport {
    pub fn new(service: &str, version: &str) -> Self {
        MergeReport {
            service: service.to_owned(),
            version: version.to_owned(),
            ..MergeReport::default()
        }
    }

    pub fn push(&mut self, entry: Entry) {
        self.entries.push(entry);
    }

    /// Entries per kind.
    pub fn counts(&self) -> BTreeMap<&'static str, usize> {
        let mut counts = BTreeMap::new();
        for entry in &self.entries {
            *counts.entry(entry.kind()).or_default() += 1;
        }
        counts
    }

    /// One line: the additions and the entry counts.
    pub fn summary(&self) -> String {
        let mut parts = vec![
            format!("{} rate limit(s) added", self.rate_limits_added),
            format!("{} action error reference(s) added", self.action_errors_added),
            format!("{} domain(s) added", self.domains_added),
            format!(
                "{} error description(s) only translated on a page",
                self.error_descriptions_translated
            ),
        ];
        parts.extend(self.counts().into_iter().map(|(kind, n)| format!("{n} {kind}")));
        format!("{} {}: {}", self.service, self.version, parts.join(", "))
    }
}

impl fmt::Display for MergeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = format!("{} {}", self.service, self.version);
        for entry in &self.entries {
            write!(f, "{at} ")?;
            match entry {
                Entry::ActionOnlyOnPage { action } => {
                    write!(f, "action {action}: only on a page, not in the definitions; kept as the page has it")
                }
                Entry::ActionNoLongerDefined { action } => {
                    write!(f, "action {action}: from earlier definitions, not in these; dropped")
                }
                Entry::ActionDiffers { action, field, page, definition } => write!(
                    f,
                    "action {action}: {field} differs: page {page}, definitions {definition}; definitions kept"
                ),
                Entry::ShapeUsageDiffers { shape, page, definition } => write!(
                    f,
                    "shape {shape}: usage differs: page {page}, definitions {definition}; definitions kept"
                ),
                // A page that says "may return null" widens the member: decoding a real null
                // must not fail because the definitions forgot the flag.
                Entry::MemberDiffers { shape, member, field, page, definition }
                    if *field == "nullable" && page == "true" =>
                {
                    write!(
                        f,
                        "shape {shape} member {member}: nullable differs: page true, definitions {definition}; nullable kept (the safer reading)"
                    )
                }
                Entry::MemberDiffers { shape, member, field, page, definition } => write!(
                    f,
                    "shape {shape} member {member}: {field} differs: page {page}, definitions {definition}; definitions kept"
                ),
                Entry::MemberOnlyInDefinitions { shape, member } => {
                    write!(f, "shape {shape} member {member}: only in the definitions; kept")
                }
                Entry::MemberOnlyOnPage { shape, member, ty } => {
                    write!(f, "shape {shape} member {member} ({ty}): only on the page; dropped")
                }
                Entry::InferredShapeReplaced { shape, inferred_members, types_differ } => write!(
                    f,
                    "shape {shape}: inferred from page examples ({inferred_members} member(s), {types_differ} with another type than defined); replaced by the definitions"
                ),
                Entry::InferredMemberNotDefined { shape, member } => {
                    write!(f, "shape {shape} member {member}: inferred from a page example, not in the definitions; dropped")
                }
                Entry::PageShapeDropped { shape, kind } => write!(
                    f,
                    "shape {shape}: {} on a page, not in the definitions, used by no page-only action; dropped",
                    match kind {
                        SourceKind::Inferred => "inferred",
                        _ => "documented",
                    }
                ),
                Entry::PageShapeKept { shape } => {
                    write!(f, "shape {shape}: only on a page; kept for a page-only action")
                }
                Entry::ErrorCodeFromPage { code } => {
                    write!(f, "error code {code}: only on a page; added with the page's description")
                }
                Entry::ErrorDescriptionFromPage { code } => {
                    write!(f, "error code {code}: no description in the definitions; the page's is used")
                }
                Entry::ErrorDescriptionDiffers { code, page, definition } => write!(
                    f,
                    "error code {code}: description differs: page {page:?}, definitions {definition:?}; definitions kept"
                ),
                Entry::ExampleAppended { action, title } => {
                    write!(f, "action {action}: page example {title:?} differs from the definitions' examples; appended")
                }
            }?;
            writeln!(f)?;
        }
        Ok(())
    }
}
