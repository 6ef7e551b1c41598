//! Shapes and their fields: the Rust type of every member, whether it is optional, boxed,
//! decoded leniently, secret; how a caller constructs the shape.

use std::collections::{BTreeMap, BTreeSet};

use super::cycles::{self, Boxing};
use crate::docs::{code_span, Docs};
use crate::naming::setter_name;
use crate::naming::Names;
use crate::spec::{Action, Member, Shape, Spec, Type, Usage, ValueKind};

/// One generated struct.
#[derive(Clone, Debug, PartialEq)]
pub struct ShapePlan {
    pub wire: String,
    pub rust: String,
    pub docs: Docs,
    pub usage: Usage,
    pub fields: Vec<FieldPlan>,
    pub construction: Construction,
    /// Some field is secret: `Debug` is written out and prints it as `<redacted>`.
    pub redacts: bool,
    /// Some field is deprecated: generated impls that touch every field allow it.
    pub has_deprecated: bool,
    /// Calls send it, or a shape that holds it: it is encoded in every build (else only with
    /// the `serde` feature).
    pub sent: bool,
    /// Calls receive it, or a shape that holds it: it is decoded in every build (else only with
    /// the `serde` feature).
    pub received: bool,
    /// A required member missing from a decoded value keeps its empty value (recorded and
    /// logged) instead of failing the decode: the policy for shapes the service sends, whose
    /// definitions overstate what responses always hold.
    pub correct_missing: bool,
}

impl ShapePlan {
    /// Wire names of the required members, in field order: what the decoder tracks.
    pub fn required_wire_names(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().filter_map(|f| match f.presence {
            Presence::Required { .. } => Some(f.wire.as_str()),
            Presence::Optional => None,
        })
    }

    pub fn sent(&self) -> bool {
        self.sent
    }

    pub fn received(&self) -> bool {
        self.received
    }

    pub fn default_impl(&self) -> bool {
        self.construction == Construction::Default
    }
}

/// How a caller gets a value of a shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Construction {
    /// `new(required…)`: a shape the caller sends with required members, so that leaving one
    /// out does not compile. Holds the indices of the fields that are parameters.
    Constructor(Vec<usize>),
    /// `Default`: every member may be left out.
    Default,
    /// Neither: a response shape that holds a shape a caller must construct.
    None,
}

/// One field of a struct.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldPlan {
    /// Exact wire name.
    pub wire: String,
    pub rust: String,
    /// The value's type, before `Option` and `Box`.
    pub ty: FieldType,
    pub presence: Presence,
    /// `Box<…>`: the shape contains itself through plain fields here.
    pub boxed: bool,
    pub decode: Decode,
    pub secret: bool,
    pub deprecated: bool,
    pub docs: Docs,
    /// The chainable setter of an optional member of a shape the caller sends.
    pub setter: Option<String>,
}

impl FieldPlan {
    pub fn is_optional(&self) -> bool {
        self.presence == Presence::Optional
    }
}

/// Whether a field must be present.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// `T`: a request must send it; a response always has it. `index` is its position among
    /// the shape's required members, which the decoder tracks.
    Required { index: usize },
    /// `Option<T>`: a request may leave it out; a response may omit it or send `null`.
    Optional,
}

/// How a field's value is decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decode {
    Strict,
    /// Numbers and booleans (or lists of them) also accepted as strings (`"5"`), and text as a
    /// number or boolean (`5` for a string member), which the API sometimes sends.
    Lenient,
}

/// The Rust type of a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldType {
    String,
    I64,
    U64,
    F64,
    Bool,
    Json,
    /// `YYYY-MM-DD HH:MM:SS` in Beijing time, kept as sent (runtime `timestamp::DateTime`).
    DateTime,
    DateTimeIso,
    Date,
    List(Box<FieldType>),
    /// A generated struct.
    Shape {
        wire: String,
        rust: String,
    },
    /// A generated value-set enum.
    ValueSet {
        name: String,
        rust: String,
        kind: ValueKind,
    },
}

pub(super) fn plan_shapes(spec: &Spec, names: &Names) -> Result<BTreeMap<String, ShapePlan>, (String, String)> {
    let boxed = cycles::members_to_box(spec);
    let defaultable = defaultable_shapes(spec);
    // What an encode or decode reaches is encoded or decoded too: closed over the members, so
    // a spec whose usages disagree with its actions still compiles without the `serde` feature.
    let sent = reached(spec, |a| &a.input, Usage::is_input);
    let received = reached(spec, |a| &a.output, Usage::is_output);
    let mut plans = BTreeMap::new();
    for (wire, shape) in &spec.shapes {
        let fields = plan_fields(spec, names, wire, shape, &boxed)?;
        let construction = if defaultable.contains(wire.as_str()) {
            Construction::Default
        } else if shape.usage.is_input() {
            Construction::Constructor(
                fields
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| !f.is_optional())
                    .map(|(i, _)| i)
                    .collect(),
            )
        } else {
            Construction::None
        };
        plans.insert(
            wire.clone(),
            ShapePlan {
                wire: wire.clone(),
                rust: names.shape(wire).to_owned(),
                docs: Docs::bilingual_markdown(&shape.docs_en, &shape.docs),
                usage: shape.usage,
                redacts: fields.iter().any(|f| f.secret),
                sent: sent.contains(wire.as_str()),
                received: received.contains(wire.as_str()),
                correct_missing: shape.usage.is_output(),
                has_deprecated: fields.iter().any(|f| f.deprecated),
                fields,
                construction,
            },
        );
    }
    Ok(plans)
}

fn plan_fields(
    spec: &Spec,
    names: &Names,
    shape_wire: &str,
    shape: &Shape,
    boxed: &BTreeMap<(String, String), Boxing>,
) -> Result<Vec<FieldPlan>, (String, String)> {
    let mut required = 0;
    let mut fields = Vec::with_capacity(shape.members.len());
    for member in &shape.members {
        let boxing = boxed.get(&(shape_wire.to_owned(), member.name.clone())).copied();
        let presence = if is_optional(member) || boxing == Some(Boxing::BoxedOptional) {
            Presence::Optional
        } else {
            required += 1;
            Presence::Required { index: required - 1 }
        };
        let ty = field_type(spec, names, shape_wire, member)?;
        // Value sets and timestamps decode leniently by their own impls.
        let lenient = match &ty {
            FieldType::List(item) => is_scalar(item),
            ty => is_scalar(ty),
        };
        let mut docs = Docs::bilingual_markdown(&member.docs_en, &member.docs);
        if let Some(example) = &member.example {
            docs.push_markdown(format!("Example: {}", code_span(example)));
        }
        if boxing == Some(Boxing::BoxedOptional) {
            docs.push_markdown(
                "Optional although the API marks it required: it closes a cycle of required members, \
                 which no finite value could fill."
                    .to_owned(),
            );
        }
        docs.push_markdown(format!("Wire name: `{}`.", member.name));
        let rust = names.field(shape_wire, &member.name).to_owned();
        let setter = (shape.usage.is_input() && presence == Presence::Optional).then(|| setter_name(&rust));
        fields.push(FieldPlan {
            wire: member.name.clone(),
            rust,
            ty,
            presence,
            boxed: boxing.is_some(),
            decode: if lenient { Decode::Lenient } else { Decode::Strict },
            secret: member.secret,
            deprecated: member.deprecated,
            docs,
            setter,
        });
    }
    Ok(fields)
}

/// The member's Rust type: its value set's enum when the docs list its values (and the
/// set's kind fits the type), else the type the spec gives.
fn field_type(spec: &Spec, names: &Names, shape: &str, member: &Member) -> Result<FieldType, (String, String)> {
    let set = member
        .value_set
        .as_ref()
        .and_then(|name| Some((name, spec.value_sets.get(name)?)))
        .filter(|(_, set)| super::value_set::is_generated(set));
    let Some((name, set)) = set else {
        return Ok(plain_type(names, &member.ty));
    };
    let scalar = match &member.ty {
        Type::List(item) => &**item,
        ty => ty,
    };
    let fits = match set.kind {
        ValueKind::String => *scalar == Type::String,
        ValueKind::Integer => matches!(scalar, Type::Int64 | Type::Uint64),
    };
    if !fits {
        return Err((
            format!("shapes.{shape}.members.{}.value_set", member.name),
            format!("a {:?} value set on a `{}` member", set.kind, member.ty).to_lowercase(),
        ));
    }
    let enum_type = FieldType::ValueSet {
        name: name.clone(),
        rust: names.value_set(name).to_owned(),
        kind: set.kind,
    };
    Ok(match &member.ty {
        Type::List(_) => FieldType::List(Box::new(enum_type)),
        _ => enum_type,
    })
}

fn plain_type(names: &Names, ty: &Type) -> FieldType {
    match ty {
        Type::String | Type::Binary => FieldType::String,
        Type::Datetime => FieldType::DateTime,
        Type::DatetimeIso => FieldType::DateTimeIso,
        Type::Date => FieldType::Date,
        Type::Int64 => FieldType::I64,
        Type::Uint64 => FieldType::U64,
        Type::Float => FieldType::F64,
        Type::Bool => FieldType::Bool,
        Type::Json => FieldType::Json,
        Type::List(item) => FieldType::List(Box::new(plain_type(names, item))),
        Type::Object(name) => FieldType::Shape {
            wire: name.clone(),
            rust: names.shape(name).to_owned(),
        },
    }
}

/// Numbers, booleans and text: decoded leniently, since the API sometimes sends a number as a
/// string or a string as a number.
fn is_scalar(ty: &FieldType) -> bool {
    matches!(
        ty,
        FieldType::I64 | FieldType::U64 | FieldType::F64 | FieldType::Bool | FieldType::String
    )
}

/// A member is `Option<T>` when a request may leave it out or a response may omit it or
/// send `null`.
fn is_optional(member: &Member) -> bool {
    !member.required || member.nullable
}

/// The shapes an action's input (or output) or a shape of that usage reaches.
fn reached<'a>(spec: &'a Spec, root: impl Fn(&'a Action) -> &'a String, usage: fn(Usage) -> bool) -> BTreeSet<&'a str> {
    let actions = spec.actions.values().map(|a| root(a).as_str());
    let shapes = spec
        .shapes
        .iter()
        .filter(|(_, s)| usage(s.usage))
        .map(|(n, _)| n.as_str());
    spec.shapes_reachable_from(actions.chain(shapes))
}

/// Shapes that can implement `Default`: not ones a caller must fill (input shapes with
/// required members), nor ones holding such a shape in a plain field. Computed to a fixed
/// point, as shapes may refer to each other in cycles.
fn defaultable_shapes(spec: &Spec) -> BTreeSet<&str> {
    let mut ok: BTreeMap<&str, bool> = spec
        .shapes
        .iter()
        .map(|(name, shape)| {
            (
                name.as_str(),
                !shape.usage.is_input() || shape.members.iter().all(is_optional),
            )
        })
        .collect();
    loop {
        let mut changed = false;
        for (name, shape) in &spec.shapes {
            if !ok[name.as_str()] {
                continue;
            }
            let blocked = shape.members.iter().any(|m| {
                !is_optional(m)
                    && matches!(&m.ty, Type::Object(target) if !ok.get(target.as_str()).copied().unwrap_or(true))
            });
            if blocked {
                ok.insert(name, false);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    ok.into_iter().filter_map(|(name, ok)| ok.then_some(name)).collect()
}
