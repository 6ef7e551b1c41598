//! The raw form of tccli's `api.json` and `examples.json`, read strictly: an unknown key in an
//! action, object, member or example is an error, so that a new marker (another deprecation
//! flag, say) gets looked at instead of being dropped.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::error::DefinitionsError;

/// `api.json` of one service version.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiJson {
    /// Format version of the file (`1.0`), not the API version.
    #[allow(dead_code)]
    pub version: String,
    pub metadata: Metadata,
    pub actions: BTreeMap<String, RawAction>,
    pub objects: BTreeMap<String, RawObject>,
}

/// Free-form; only the two keys that identify the service version are read.
#[derive(Debug, Deserialize)]
pub struct Metadata {
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    #[serde(rename = "serviceShortName")]
    pub service_short_name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAction {
    /// The short title (`查询集成任务详情`), not the action name (that is the key).
    pub name: String,
    pub document: String,
    pub input: String,
    pub output: String,
    /// `online` or `deprecated`.
    pub status: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawObject {
    #[serde(default)]
    pub document: String,
    pub members: Vec<RawMember>,
    /// `object` on request/response structures, absent on the others.
    #[serde(rename = "type")]
    #[allow(dead_code)]
    pub kind: Option<String>,
    /// `in`, `out` or `both` on structures other than requests and responses.
    pub usage: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMember {
    pub name: String,
    /// The coarse type: string, int, float, bool, binary, object, list.
    #[serde(rename = "type")]
    pub kind: String,
    /// The precise type: a primitive (int64, uint64, datetime, ...) or an object name; for
    /// `list`, the element type.
    pub member: String,
    #[serde(default)]
    pub document: String,
    pub example: Option<String>,
    pub required: Option<bool>,
    pub output_required: Option<bool>,
    pub value_allowed_null: Option<bool>,
    pub disabled: Option<bool>,
}

/// `examples.json` of one service version.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplesJson {
    #[allow(dead_code)]
    pub version: String,
    pub actions: BTreeMap<String, Vec<RawExample>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExample {
    pub title: String,
    #[serde(default)]
    pub document: String,
    /// The HTTP request as text: request line, headers, blank line, JSON body.
    pub input: String,
    /// The response body as JSON text.
    pub output: String,
}

/// Parses JSON text, naming the file, the field path and the line in errors.
pub fn parse_json<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, DefinitionsError> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let field = err.path().to_string();
        let inner = err.into_inner();
        DefinitionsError::new(file, field, inner.to_string())
    })
}
