//! What the conversion of the definitions decided that a reviewer should see: kept markers
//! (deprecated actions, disabled members) and every rule applied to a missing or odd input.

use std::fmt;

use tencentcloud_codegen::spec::Usage;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Note {
    /// Action `status` is `deprecated`: kept, generated as `#[deprecated]`.
    DeprecatedAction { action: String },
    /// Actions without a `status`: imported as online (tccli's loader reads a missing status as
    /// `online`; the Python SDK offers them).
    NoStatus { actions: Vec<String> },
    /// Action `status` is `offline`: no longer served; left out.
    OfflineAction { action: String },
    /// Shapes only offline actions reached: left out with them.
    ShapesOfOfflineActions { shapes: Vec<String> },
    /// Action `skip_sign: true`: called unsigned, without credentials; kept as `skip_sign`.
    SkipSign { action: String },
    /// A member flag written as the integer `0`/`1`, not a boolean: read as `false`/`true`.
    IntegerFlag {
        shape: String,
        member: String,
        flag: &'static str,
        value: u8,
    },
    /// Member `disabled: true`: kept as a deprecated member.
    DisabledMember { shape: String, member: String },
    /// Members without the flag their shape's usage reads `required` from; taken as not
    /// required (so they decode when absent).
    MissingRequiredFlag {
        shape: String,
        usage: Usage,
        flag: &'static str,
        members: Vec<String>,
    },
    /// Response shapes whose `RequestId` carries no `output_required`: taken as required,
    /// since every API 3.0 response carries one.
    RequestIdRequired { shapes: usize },
    /// The declared `usage` is narrower than the directions the shape is reached from.
    UsageWidened {
        shape: String,
        declared: Usage,
        used: Usage,
    },
    /// Not reached from any action; kept because it is defined.
    UnusedShape { shape: String },
    /// A request/response structure also carries a `usage`; the role from the action wins.
    UsageOnActionShape {
        shape: String,
        declared: String,
        role: Usage,
    },
    /// An example written as a query-string URL, not as a JSON body: the input is left empty and
    /// the request text kept in the example's docs.
    QueryStringExample { action: String, index: usize },
    /// The example's `X-TC-Action` header names another action.
    ExampleActionMismatch {
        action: String,
        index: usize,
        header: String,
    },
    /// The example's output has keys beside `Response`; kept as documented.
    ExampleOutsideEnvelope {
        action: String,
        index: usize,
        keys: Vec<String>,
    },
    /// Examples for an action `api.json` does not define: not imported.
    ExamplesForUnknownAction { action: String },
    /// An example that cannot be read (`field` and `message` say why): not imported.
    ExampleNotImported {
        action: String,
        index: usize,
        field: String,
        message: String,
    },
    /// An error code without a description comment.
    ErrorCodeWithoutDescription { code: String },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::DeprecatedAction { action } => {
                write!(f, "action {action}: status `deprecated`; kept as deprecated")
            }
            Note::NoStatus { actions } => write!(
                f,
                "{} action(s) without `status`, taken as online (as tccli reads it): {}",
                actions.len(),
                actions.join(", ")
            ),
            Note::OfflineAction { action } => {
                write!(f, "action {action}: status `offline` (no longer served); not imported")
            }
            Note::ShapesOfOfflineActions { shapes } => write!(
                f,
                "{} shape(s) only offline actions use; not imported: {}",
                shapes.len(),
                shapes.join(", ")
            ),
            Note::SkipSign { action } => write!(
                f,
                "action {action}: `skip_sign` (called unsigned, without credentials); kept as `skip_sign`"
            ),
            Note::IntegerFlag { shape, member, flag, value } => write!(
                f,
                "shape {shape} member {member}: `{flag}` is `{value}`, not a boolean; read as {}",
                *value == 1
            ),
            Note::DisabledMember { shape, member } => {
                write!(f, "shape {shape} member {member}: `disabled`; kept as deprecated")
            }
            Note::MissingRequiredFlag { shape, usage, flag, members } => write!(
                f,
                "shape {shape} (usage {usage:?}): no `{flag}` on {}; taken as not required",
                members.join(", ")
            ),
            Note::RequestIdRequired { shapes } => write!(
                f,
                "{shapes} response shape(s): `RequestId` has no `output_required`; taken as required (every response carries it)"
            ),
            Note::UsageWidened { shape, declared, used } => {
                write!(f, "shape {shape}: declared usage {declared:?} but used as {used:?}; usage {used:?}")
            }
            Note::UnusedShape { shape } => write!(f, "shape {shape}: used by no action; kept"),
            Note::UsageOnActionShape { shape, declared, role } => {
                write!(f, "shape {shape}: declares usage `{declared}` but is an action's {role:?}; usage {role:?}")
            }
            Note::QueryStringExample { action, index } => write!(
                f,
                "action {action} example {index}: a query-string URL, not a JSON body; input left empty, request kept in the example docs"
            ),
            Note::ExampleActionMismatch { action, index, header } => {
                write!(f, "action {action} example {index}: `X-TC-Action: {header}` names another action; kept")
            }
            Note::ExampleOutsideEnvelope { action, index, keys } => write!(
                f,
                "action {action} example {index}: output has {} beside `Response`; kept as documented",
                keys.join(", ")
            ),
            Note::ExamplesForUnknownAction { action } => {
                write!(f, "action {action}: examples.json has examples but api.json no such action; not imported")
            }
            Note::ExampleNotImported { action, index, field, message } => {
                write!(f, "action {action} example {index}: at `{field}`: {message}; not imported")
            }
            Note::ErrorCodeWithoutDescription { code } => write!(f, "error code {code}: no description"),
        }
    }
}

impl Note {
    /// The action the note is about, if one.
    pub fn action(&self) -> Option<&str> {
        match self {
            Note::DeprecatedAction { action }
            | Note::OfflineAction { action }
            | Note::SkipSign { action }
            | Note::QueryStringExample { action, .. }
            | Note::ExampleActionMismatch { action, .. }
            | Note::ExampleOutsideEnvelope { action, .. }
            | Note::ExamplesForUnknownAction { action }
            | Note::ExampleNotImported { action, .. } => Some(action),
            _ => None,
        }
    }

    /// The shape the note is about, if one.
    pub fn shape(&self) -> Option<&str> {
        match self {
            Note::DisabledMember { shape, .. }
            | Note::IntegerFlag { shape, .. }
            | Note::MissingRequiredFlag { shape, .. }
            | Note::UsageWidened { shape, .. }
            | Note::UnusedShape { shape }
            | Note::UsageOnActionShape { shape, .. } => Some(shape),
            _ => None,
        }
    }

    /// A short name of the kind, for counts.
    pub fn kind(&self) -> &'static str {
        match self {
            Note::DeprecatedAction { .. } => "deprecated action",
            Note::NoStatus { .. } => "version with actions without status",
            Note::OfflineAction { .. } => "offline action left out",
            Note::ShapesOfOfflineActions { .. } => "version with shapes of offline actions left out",
            Note::SkipSign { .. } => "skip_sign action",
            Note::IntegerFlag { .. } => "flag written as an integer",
            Note::DisabledMember { .. } => "disabled member",
            Note::MissingRequiredFlag { .. } => "shape with members missing a required flag",
            Note::RequestIdRequired { .. } => "RequestId taken as required",
            Note::UsageWidened { .. } => "usage widened",
            Note::UnusedShape { .. } => "unused shape",
            Note::UsageOnActionShape { .. } => "usage on an action shape",
            Note::QueryStringExample { .. } => "query-string example",
            Note::ExampleActionMismatch { .. } => "example naming another action",
            Note::ExampleOutsideEnvelope { .. } => "example output outside the envelope",
            Note::ExamplesForUnknownAction { .. } => "examples for an unknown action",
            Note::ExampleNotImported { .. } => "example not imported",
            Note::ErrorCodeWithoutDescription { .. } => "error code without description",
        }
    }
}
