//! The spec model: one service version of a Tencent Cloud API 3.0 product.
//!
//! This is the contract between the importers (which write `api-specs/*.json`) and the
//! generator (which reads them). It is serialized with stable key order (`BTreeMap`, fixed
//! field order) and pretty-printed, so that a changed API is a small, readable diff.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One service version, e.g. `wedata` `2021-08-20`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Service name as used in the endpoint and the credential scope, e.g. `wedata`.
    pub service: String,
    /// API version, e.g. `2021-08-20`.
    pub version: String,
    /// Request domains the documentation names, e.g. `wedata.tencentcloudapi.com` and
    /// `wedata.intl.tencentcloudapi.com`. Sorted, deduplicated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<String>,
    /// The inputs this spec was built from, for reproducibility.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Actions by name (`DescribeIntegrationTask`).
    #[serde(default)]
    pub actions: BTreeMap<String, Action>,
    /// Shapes (request, response and nested structures) by name.
    #[serde(default)]
    pub shapes: BTreeMap<String, Shape>,
    /// Error codes of this service version with their description; actions refer to these.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub error_codes: BTreeMap<String, String>,
    /// English descriptions of error codes (keys of [`Spec::error_codes`], whose descriptions
    /// are the China site's, mostly Chinese), from the international site's SDK. A code
    /// without one is documented in Chinese alone.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub error_codes_en: BTreeMap<String, String>,
    /// Value sets the docs give for members (`取值：running/stopped`, "Valid values: …"),
    /// by name; members refer to them. Extracted at import, with the evidence.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub value_sets: BTreeMap<String, ValueSet>,
    /// Hand-written: actions to poll until a resource reaches a state, generated as
    /// `wait_until_…` methods. Kept by the importers as they are.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub waiters: BTreeMap<String, WaiterSpec>,
    /// Hand-written corrections of what the importers decided. The importers keep this section
    /// as it is; the generator applies it and fails on an entry that no longer applies.
    #[serde(default, skip_serializing_if = "Overrides::is_empty")]
    pub overrides: Overrides,
}

/// A waiter: poll `action` until every value at `path` in its response is one of `success`,
/// failing early on any of `failure`. Named by what it waits for (`SyncJobRunning` ->
/// `wait_until_sync_job_running`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaiterSpec {
    pub action: String,
    /// What the waiter is for (Markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub docs: String,
    /// Members from the response down to a text value; `[]` after a list member means every
    /// item: `JobList[].Status`.
    pub path: String,
    pub success: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failure: Vec<String>,
}

/// Corrections a maintainer makes to the importers' decisions, each with the reason. An entry
/// naming something that does not exist, or setting what the importer already decided, is an
/// error at generation, so stale entries cannot pile up.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// `Shape.Member` -> whether the member holds a secret.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub secret: BTreeMap<String, Override<bool>>,
    /// Action -> whether it only reads (decides which failures are retried).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub read_only: BTreeMap<String, Override<bool>>,
}

impl Overrides {
    pub fn is_empty(&self) -> bool {
        self.secret.is_empty() && self.read_only.is_empty()
    }
}

/// One override: the value, and why the importer's decision is wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override<T> {
    pub value: T,
    pub reason: String,
}

/// An input the spec was derived from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub kind: SourceKind,
    /// Path relative to `api-specs/` for doc pages; package and path for definitions.
    pub location: String,
    /// Pinned version of the package the definitions came from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package_version: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A rendered API reference page (see `api-specs/sources/`).
    DocPage,
    /// The official machine-readable definitions (`api.json` in the `tccli` wheel).
    Definitions,
    /// Inferred from a request or response example of a doc page.
    Inferred,
    /// The table of error codes common to every API 3.0 service (`sources/common/`).
    CommonErrorCodes,
}

/// Where one action or shape came from: the file and, for pages, the line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    pub kind: SourceKind,
    /// Path relative to `api-specs/` (doc pages) or inside the definitions package.
    pub file: String,
    /// 1-based line on the page, where it applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// What within the file, for inferred shapes: e.g. `response example, Response.TaskInfo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// One API action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Short title, e.g. `查询集成任务`.
    #[serde(default)]
    pub title: String,
    /// The title in English, from the international site's definitions (`tccli-intl-en`),
    /// e.g. `Query integration task`; empty where they lack the action.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title_en: String,
    /// Longer description (Markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub docs: String,
    /// The description in English (Markdown), from the same definitions as `title_en`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub docs_en: String,
    /// Documented default rate limit in requests per second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<u32>,
    /// Name of the request shape.
    pub input: String,
    /// Name of the response shape (the content of the `Response` envelope).
    pub output: String,
    /// Documented error codes of this action (keys of [`Spec::error_codes`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
    /// Request/response examples, as on the page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// Marked deprecated by the source; generated with `#[deprecated]`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// The action only reads: repeating it is harmless, so the client retries it after
    /// failures where the request may have run. Decided by the importers from the action's
    /// verb; see [`Overrides::read_only`].
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    /// The definitions mark the action `skip_sign`: it is called without credentials, unsigned
    /// (the official SDKs send `Authorization: SKIP` and no `X-TC-Token`; sts
    /// `AssumeRoleWithSAML` and `AssumeRoleWithWebIdentity`, which exchange a SAML assertion or
    /// an OIDC token for credentials). The generated `ActionInfo` passes it to the runtime.
    #[serde(default, skip_serializing_if = "is_false")]
    pub skip_sign: bool,
    pub provenance: Vec<Provenance>,
}

/// A documented request/response example.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub docs: String,
    /// The request body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<serde_json::Value>,
    /// The response body, including the `{"Response": ...}` envelope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<serde_json::Value>,
    /// Where the example comes from when not the China-site definitions or a doc page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<ExampleOrigin>,
}

/// The source of an [`Example`] other than the China-site definitions and the doc pages
/// (which its provenance and the spec's sources name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExampleOrigin {
    /// The international site's definitions (`tccli-intl-en`'s `examples.json`): English
    /// titles and docs, often other values than the China site's examples.
    Intl,
}

/// A structure: request, response or nested type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shape {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub docs: String,
    /// The docs in English (Markdown), from the international site's definitions.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub docs_en: String,
    pub usage: Usage,
    /// Members in documentation order.
    pub members: Vec<Member>,
    pub provenance: Vec<Provenance>,
}

/// Whether a shape is sent, received, or both; decides which impls are generated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Usage {
    Input,
    Output,
    Both,
}

impl Usage {
    pub fn is_input(self) -> bool {
        matches!(self, Usage::Input | Usage::Both)
    }
    pub fn is_output(self) -> bool {
        matches!(self, Usage::Output | Usage::Both)
    }
    pub fn merge(self, other: Usage) -> Usage {
        if self == other {
            self
        } else {
            Usage::Both
        }
    }
}

/// One member (field) of a shape.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The exact wire name, e.g. `TaskIDs`.
    pub name: String,
    #[serde(rename = "type")]
    pub ty: Type,
    /// Inputs: the caller must send it. Outputs: the server always returns it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// Outputs: the value may be `null` ("此字段可能返回 null" / "may return null").
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// Marked disabled or deprecated by the source; generated with `#[deprecated]`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// The [`ValueSet`] (a key of [`Spec::value_sets`]) the docs give for this member's values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_set: Option<String>,
    /// The value is a credential (password, secret key, token): never printed by generated
    /// `Debug` nor shown in error excerpts. Decided by the importers from the name and the
    /// docs; see [`Overrides::secret`].
    #[serde(default, skip_serializing_if = "is_false")]
    pub secret: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub docs: String,
    /// The docs in English (Markdown), from the international site's definitions.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub docs_en: String,
    /// Example value as documented (示例值 / Example value), verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
}

/// The values a member takes, as its docs list them. Generated as an enum that keeps any
/// other value the service sends (`Unknown`), so a value missing here never fails a decode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueSet {
    pub kind: ValueKind,
    /// In the docs' order.
    pub values: Vec<EnumValue>,
    /// How sure the extraction is; see [`Confidence`].
    pub confidence: Confidence,
    /// What in the docs the values were read from, e.g. `取值：a/b`.
    pub pattern: String,
    /// Every `Shape.Member` whose docs give exactly this set (sorted).
    pub members: Vec<String>,
}

/// The wire type of a value set's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    String,
    Integer,
}

/// One listed value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// Exactly as sent on the wire (an integer as its decimal text).
    pub value: String,
    /// The docs' description of the value (Markdown), if they give one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub docs: String,
}

/// How sure an extraction is that the listed values are the member's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// A marker says so (`取值：`, `枚举值：`, "Valid values:") and every value is well formed.
    High,
    /// A listing of `value: description` pairs without a marker (`0：未设置，1：成功`).
    Medium,
    /// A looser reading (values in prose, a single value); kept for review, not generated.
    Low,
}

/// A member type. Serialized as a compact string: `string`, `int64`, `list<string>`,
/// `IntegrationTaskInfo` (a shape name), `json` (any JSON value).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Type {
    String,
    Int64,
    Uint64,
    Float,
    Bool,
    /// `YYYY-MM-DD HH:MM:SS`, sent as a string.
    Datetime,
    /// ISO 8601 date-time, sent as a string.
    DatetimeIso,
    /// `YYYY-MM-DD`, sent as a string.
    Date,
    /// Base64 text.
    Binary,
    /// Any JSON value: used where no source tells the type (an example that is always null).
    Json,
    List(Box<Type>),
    /// A reference to a shape by name.
    Object(String),
}

impl Type {
    const PRIMITIVES: [(&'static str, Type); 10] = [
        ("string", Type::String),
        ("int64", Type::Int64),
        ("uint64", Type::Uint64),
        ("float", Type::Float),
        ("bool", Type::Bool),
        ("datetime", Type::Datetime),
        ("datetime_iso", Type::DatetimeIso),
        ("date", Type::Date),
        ("binary", Type::Binary),
        ("json", Type::Json),
    ];

    /// The shape this type refers to, looking through lists.
    pub fn object_name(&self) -> Option<&str> {
        match self {
            Type::Object(name) => Some(name),
            Type::List(inner) => inner.object_name(),
            _ => None,
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::List(inner) => write!(f, "list<{inner}>"),
            Type::Object(name) => f.write_str(name),
            primitive => {
                let (name, _) = Type::PRIMITIVES
                    .iter()
                    .find(|(_, t)| t == primitive)
                    .expect("every primitive is in the table");
                f.write_str(name)
            }
        }
    }
}

/// Why a type string does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid type `{input}`: {reason}")]
pub struct TypeParseError {
    pub input: String,
    pub reason: &'static str,
}

/// Most `list<…>` levels a type may nest; the API nests at most one. Bounded so that no
/// type is deep enough to overflow a stack when parsed, printed, compared or dropped.
pub const MAX_LIST_NESTING: usize = 8;

impl FromStr for Type {
    type Err = TypeParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |reason| TypeParseError {
            // A hostile spec's type can be megabytes long; the start shows which it is.
            input: match s.char_indices().nth(80) {
                Some((cut, _)) => format!("{}…", &s[..cut]),
                None => s.to_owned(),
            },
            reason,
        };
        // `list<` prefixes and `>` suffixes are counted, not recursed into.
        let mut inner = s;
        let mut levels = 0;
        while let Some(rest) = inner.strip_prefix("list<") {
            levels += 1;
            if levels > MAX_LIST_NESTING {
                return Err(err("more than 8 nested `list<…>`"));
            }
            inner = rest.strip_suffix('>').ok_or_else(|| err("unclosed `list<`"))?;
        }
        let mut ty = if let Some((_, t)) = Type::PRIMITIVES.iter().find(|(name, _)| *name == inner) {
            t.clone()
        } else {
            let mut chars = inner.chars();
            match chars.next() {
                Some(c) if c.is_ascii_uppercase() => {}
                _ if levels > 0 => return Err(err("bad list element")),
                _ => return Err(err("expected a primitive, `list<T>` or a shape name starting with A-Z")),
            }
            if !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(err("a shape name has only ASCII letters, digits and `_`"));
            }
            Type::Object(inner.to_owned())
        };
        for _ in 0..levels {
            ty = Type::List(Box::new(ty));
        }
        Ok(ty)
    }
}

impl Serialize for Type {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Type {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_strings_round_trip() {
        for s in [
            "string",
            "int64",
            "datetime_iso",
            "json",
            "list<string>",
            "list<list<TagFilter>>",
            "IntegrationTaskInfo",
        ] {
            let t: Type = s.parse().unwrap();
            assert_eq!(t.to_string(), s);
        }
    }

    #[test]
    fn bad_type_strings_are_errors() {
        for s in ["", "list<string", "lowercase", "Has Space", "list<>", "list<list<x>>"] {
            assert!(s.parse::<Type>().is_err(), "{s:?} should not parse");
        }
        let deep = format!("{}string{}", "list<".repeat(10_000), ">".repeat(10_000));
        let err = deep.parse::<Type>().unwrap_err();
        assert!(err.reason.contains("nested"), "{err}");
        let ok = format!("{}string{}", "list<".repeat(8), ">".repeat(8));
        assert!(ok.parse::<Type>().is_ok());
    }
}
