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
    /// Format version of the file (`1.0`), not the API version; not read. Some of the English
    /// definitions' files lack it (ai3d 2025-05-13, alb 2025-10-30, ...).
    #[allow(dead_code)]
    pub version: Option<String>,
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
    /// `online`, `deprecated` or `offline`; absent in some older versions (aai 2018-05-22,
    /// yunjing 2018-02-28, ...), where tccli's loader reads it as `online`.
    pub status: Option<String>,
    /// `true` on actions called without credentials, unsigned (sts `AssumeRoleWithSAML`).
    pub skip_sign: Option<bool>,
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
    pub required: Option<Flag>,
    pub output_required: Option<Flag>,
    pub value_allowed_null: Option<Flag>,
    pub disabled: Option<Flag>,
}

/// A member flag: a JSON boolean, or (databuddy 2026-07-15 writes `"required": 1`) the
/// integer 0 or 1, kept as written so the conversion can note it. Anything else is an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    Bool(bool),
    /// `0` or `1`.
    Integer(u8),
}

impl Flag {
    pub fn value(self) -> bool {
        match self {
            Flag::Bool(value) => value,
            Flag::Integer(n) => n == 1,
        }
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Flag, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Bool(value) => Ok(Flag::Bool(value)),
            serde_json::Value::Number(n) if n.as_u64() == Some(0) => Ok(Flag::Integer(0)),
            serde_json::Value::Number(n) if n.as_u64() == Some(1) => Ok(Flag::Integer(1)),
            other => Err(serde::de::Error::custom(format!(
                "expected a boolean (or 0/1), found `{other}`"
            ))),
        }
    }
}

/// `examples.json` of one service version.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplesJson {
    /// Format version (`1.0`); not read, and absent where `api.json` lacks it too.
    #[allow(dead_code)]
    pub version: Option<String>,
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
