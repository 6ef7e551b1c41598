//! Shapes the page names but does not define (`IntegrationTaskInfo`, `SyncJobInfo`, ...),
//! inferred from its request and response examples.
//!
//! Every example value found under a member of such a type is observed; all observations of a
//! type are merged (union of members; all elements of an array), then typed: JSON string ->
//! `string`, integer -> `int64` (`uint64` past `i64::MAX`), other number -> `float`, bool ->
//! `bool`, object -> a new shape, array -> list of the merged element type. A nested object
//! is named `{Parent}{Field}`, since the page gives names only for its own members' types.
//! What the examples cannot tell (always null, always empty, conflicting kinds) becomes
//! `json` with a warning. Inferred members are never required: an example shows presence once,
//! not always.

use std::collections::BTreeSet;

use serde_json::{Map, Value};
use tencentcloud_codegen::spec::{Member, Provenance, Shape, SourceKind, Type, Usage};

use super::examples::PageExample;
use super::lines::Page;
use super::Warning;

/// A member of the request or response shape, as the page declares it.
pub struct Declared<'a> {
    pub name: &'a str,
    pub ty: &'a Type,
    pub line: u32,
    pub side: Side,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Request,
    Response,
}

impl Side {
    fn usage(self) -> Usage {
        match self {
            Side::Request => Usage::Input,
            Side::Response => Usage::Output,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Side::Request => "request",
            Side::Response => "response",
        }
    }
}

/// Where a value was seen: the example JSON's first line and the path inside it.
#[derive(Clone, PartialEq, Eq)]
struct Site {
    line: u32,
    path: String,
    side: Side,
}

impl Site {
    fn field(&self, key: &str) -> Site {
        Site {
            line: self.line,
            path: if self.path.is_empty() {
                key.to_owned()
            } else {
                format!("{}.{key}", self.path)
            },
            side: self.side,
        }
    }

    fn element(&self) -> Site {
        Site {
            path: format!("{}[]", self.path),
            ..self.clone()
        }
    }
}

/// Everything seen for one field.
#[derive(Default)]
struct Observed {
    null: bool,
    string: bool,
    int: bool,
    negative: bool,
    /// An integer above `i64::MAX`.
    big: bool,
    float: bool,
    boolean: bool,
    object: Option<ObjectSeen>,
    /// Element observations of every array seen here.
    array: Option<Box<Observed>>,
    first: Option<Site>,
}

/// The union of the objects seen for one shape.
#[derive(Default)]
struct ObjectSeen {
    members: Vec<(String, Observed)>,
    usage: Option<Usage>,
    sites: Vec<Site>,
}

struct Root<'a> {
    name: &'a str,
    seen: ObjectSeen,
    usage: Usage,
    /// The first member declaring this type, for the provenance of an empty shape.
    declared_by: (u32, &'a str, Side),
}

/// Infers the shapes `declared` members refer to. `taken` holds the names already used on
/// the page (request, response and every declared type), so generated names avoid them.
pub fn infer(
    page: &Page,
    declared: &[Declared],
    examples: &[PageExample],
    mut taken: BTreeSet<String>,
    warnings: &mut Vec<Warning>,
) -> Vec<(String, Shape)> {
    let mut roots: Vec<Root> = Vec::new();
    for d in declared {
        let Some(name) = d.ty.object_name() else { continue };
        match roots.iter_mut().find(|r| r.name == name) {
            Some(root) => root.usage = root.usage.merge(d.side.usage()),
            None => roots.push(Root {
                name,
                seen: ObjectSeen::default(),
                usage: d.side.usage(),
                declared_by: (d.line, d.name, d.side),
            }),
        }
    }
    let mut observer = Observer { page, roots, warnings };
    for example in examples {
        if let Some(input) = &example.input {
            let site = Site {
                line: input.line,
                path: String::new(),
                side: Side::Request,
            };
            match input.value.as_object() {
                Some(body) => observer.body(body, declared, &site),
                None => observer.warn(&site, "the request example is not a JSON object".into()),
            }
        }
        if let Some(output) = &example.output {
            let site = Site {
                line: output.line,
                path: "Response".into(),
                side: Side::Response,
            };
            match output.value.get("Response").and_then(Value::as_object) {
                // An error example shows the common error envelope, not this action's output.
                Some(body) if body.contains_key("Error") => {}
                Some(body) => observer.body(body, declared, &site),
                None => observer.warn(&site, "the response example has no `Response` object".into()),
            }
        }
    }
    let Observer { roots, warnings, .. } = observer;
    let mut namer = Namer {
        page,
        taken: {
            taken.extend(roots.iter().map(|r| r.name.to_owned()));
            taken
        },
        shapes: Vec::new(),
        warnings,
    };
    for root in &roots {
        namer.root(root);
    }
    namer.shapes
}

struct Observer<'p, 'a, 'w> {
    page: &'p Page<'p>,
    roots: Vec<Root<'a>>,
    warnings: &'w mut Vec<Warning>,
}

impl Observer<'_, '_, '_> {
    fn warn(&mut self, site: &Site, message: String) {
        self.warnings.push(self.page.warning(site.line, message));
    }

    /// The top level of a request body or of `Response`: declared members of this side.
    fn body(&mut self, body: &Map<String, Value>, declared: &[Declared], site: &Site) {
        for (key, value) in body {
            match declared.iter().find(|d| d.side == site.side && d.name == key) {
                Some(d) => self.declared(d.ty, value, &site.field(key)),
                None => {
                    let table = if site.side == Side::Request { "input" } else { "output" };
                    let message = format!(
                        "the {} example has `{}`, which the {table} parameter table does not list",
                        site.side.label(),
                        site.field(key).path
                    );
                    self.warn(site, message);
                }
            }
        }
    }

    /// A value of a declared member: only objects of named types are of interest.
    fn declared(&mut self, ty: &Type, value: &Value, site: &Site) {
        match (ty, value) {
            (_, Value::Null) => {}
            (Type::Object(name), Value::Object(map)) => {
                let Some(index) = self.roots.iter().position(|r| r.name == name) else {
                    return;
                };
                let Some(root) = self.roots.get_mut(index) else { return };
                // Taken out while observing, since observing may warn through `self`.
                let mut seen = std::mem::take(&mut root.seen);
                self.object(&mut seen, map, site);
                if let Some(root) = self.roots.get_mut(index) {
                    root.seen = seen;
                }
            }
            (Type::List(inner), Value::Array(items)) => {
                let element = site.element();
                for item in items {
                    self.declared(inner, item, &element);
                }
            }
            (Type::Object(_) | Type::List(_), other) => {
                let message = format!(
                    "`{}` is {} in the example, but the page types it `{ty}`: not used for inference",
                    site.path,
                    kind(other)
                );
                self.warn(site, message);
            }
            _ => {}
        }
    }

    fn object(&mut self, seen: &mut ObjectSeen, map: &Map<String, Value>, site: &Site) {
        let usage = site.side.usage();
        seen.usage = Some(seen.usage.map_or(usage, |u| u.merge(usage)));
        if !seen.sites.contains(site) {
            seen.sites.push(site.clone());
        }
        for (key, value) in map {
            if key.is_empty() {
                self.warn(
                    site,
                    format!("`{}` has a member with an empty name: ignored", site.path),
                );
                continue;
            }
            let field = site.field(key);
            let index = match seen.members.iter().position(|(k, _)| k == key) {
                Some(index) => index,
                None => {
                    seen.members.push((key.clone(), Observed::default()));
                    seen.members.len() - 1
                }
            };
            if let Some((_, observed)) = seen.members.get_mut(index) {
                self.value(observed, value, &field);
            }
        }
    }

    fn value(&mut self, observed: &mut Observed, value: &Value, site: &Site) {
        if observed.first.is_none() {
            observed.first = Some(site.clone());
        }
        match value {
            Value::Null => observed.null = true,
            Value::Bool(_) => observed.boolean = true,
            Value::String(_) => observed.string = true,
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => {
                    observed.int = true;
                    observed.negative |= i < 0;
                }
                (None, Some(_)) => observed.big = true,
                (None, None) => observed.float = true,
            },
            Value::Array(items) => {
                let element = site.element();
                let mut elements = observed.array.take().unwrap_or_default();
                for item in items {
                    self.value(&mut elements, item, &element);
                }
                observed.array = Some(elements);
            }
            Value::Object(map) => {
                let mut seen = observed.object.take().unwrap_or_default();
                self.object(&mut seen, map, site);
                observed.object = Some(seen);
            }
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a bool",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Turns observations into shapes, naming nested ones.
struct Namer<'p, 'w> {
    page: &'p Page<'p>,
    taken: BTreeSet<String>,
    shapes: Vec<(String, Shape)>,
    warnings: &'w mut Vec<Warning>,
}

impl Namer<'_, '_> {
    fn warn(&mut self, line: u32, message: String) {
        self.warnings.push(self.page.warning(line, message));
    }

    fn root(&mut self, root: &Root) {
        let (line, member, side) = root.declared_by;
        let usage = root.seen.usage.map_or(root.usage, |u| u.merge(root.usage));
        if root.seen.members.is_empty() {
            let shown = if root.seen.sites.is_empty() {
                "no example shows it"
            } else {
                "the examples show it only as `{}`"
            };
            self.warn(
                line,
                format!(
                    "type `{}` (of {} parameter `{member}`) is not defined on this page and {shown}: it is an empty shape until its data-structure definition is imported",
                    root.name,
                    side.label()
                ),
            );
        }
        let mut shape = self.shape(root.name, &root.seen, usage);
        if shape.provenance.is_empty() {
            shape.provenance.push(Provenance {
                kind: SourceKind::Inferred,
                file: self.page.file.to_owned(),
                line: Some(line),
                detail: Some(format!(
                    "{} parameter {member}: {}",
                    side.label(),
                    "no example shows its fields"
                )),
            });
        }
        self.shapes.push((root.name.to_owned(), shape));
    }

    fn shape(&mut self, name: &str, seen: &ObjectSeen, usage: Usage) -> Shape {
        let members = seen
            .members
            .iter()
            .map(|(field, observed)| Member {
                name: field.clone(),
                ty: self.type_of(observed, name, field),
                required: false,
                nullable: observed.null,
                deprecated: false,
                value_set: None,
                secret: false,
                docs: String::new(),
                docs_en: String::new(),
                example: None,
            })
            .collect();
        let provenance = seen
            .sites
            .iter()
            .map(|site| Provenance {
                kind: SourceKind::Inferred,
                file: self.page.file.to_owned(),
                line: Some(site.line),
                detail: Some(format!("{} example: {}", site.side.label(), site.path)),
            })
            .collect();
        Shape {
            docs: String::new(),
            docs_en: String::new(),
            usage,
            members,
            provenance,
        }
    }

    fn type_of(&mut self, observed: &Observed, parent: &str, field: &str) -> Type {
        let (line, path) = observed
            .first
            .as_ref()
            .map_or((1, field.to_owned()), |s| (s.line, s.path.clone()));
        let number = observed.int || observed.big || observed.float;
        let kinds: Vec<&str> = [
            (observed.string, "a string"),
            (number, "a number"),
            (observed.boolean, "a bool"),
            (observed.object.is_some(), "an object"),
            (observed.array.is_some(), "an array"),
        ]
        .iter()
        .filter(|(seen, _)| *seen)
        .map(|&(_, kind)| kind)
        .collect();
        if kinds.len() > 1 {
            self.warn(
                line,
                format!("`{path}` is {} in the examples: typed `json`", kinds.join(" and ")),
            );
            return Type::Json;
        }
        if observed.string {
            Type::String
        } else if observed.boolean {
            Type::Bool
        } else if observed.float {
            Type::Float
        } else if observed.big && observed.negative {
            self.warn(
                line,
                format!("`{path}` holds integers beyond both int64 and uint64 range in the examples: typed `json`"),
            );
            Type::Json
        } else if observed.big {
            Type::Uint64
        } else if observed.int {
            Type::Int64
        } else if let Some(seen) = &observed.object {
            let name = self.unique(format!("{parent}{}", pascal_case(field)));
            let usage = seen.usage.unwrap_or(Usage::Output);
            let shape = self.shape(&name, seen, usage);
            self.shapes.push((name.clone(), shape));
            Type::Object(name)
        } else if let Some(elements) = &observed.array {
            let has_values = elements.string
                || elements.int
                || elements.big
                || elements.float
                || elements.boolean
                || elements.object.is_some()
                || elements.array.is_some();
            if has_values {
                Type::List(Box::new(self.type_of(elements, parent, field)))
            } else {
                self.warn(
                    line,
                    format!("`{path}` is an empty array (or holds only nulls) in every example: typed `list<json>`"),
                );
                Type::List(Box::new(Type::Json))
            }
        } else {
            self.warn(line, format!("`{path}` is null in every example: typed `json`"));
            Type::Json
        }
    }

    fn unique(&mut self, name: String) -> String {
        let mut candidate = name.clone();
        let mut n = 2u32;
        while self.taken.contains(&candidate) {
            candidate = format!("{name}{n}");
            n = n.saturating_add(1);
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// `fromMapping` -> `FromMapping`, `ftp.file.name` -> `FtpFileName`; ASCII only, since
/// shape names are Rust identifiers.
fn pascal_case(field: &str) -> String {
    let mut out = String::new();
    for word in field
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() {
        out.push_str("Field");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_names() {
        assert_eq!(pascal_case("Nodes"), "Nodes");
        assert_eq!(pascal_case("fromMapping"), "FromMapping");
        assert_eq!(pascal_case("ftp.file.name"), "FtpFileName");
        assert_eq!(pascal_case("名字"), "Field");
        assert_eq!(pascal_case("1st"), "1st");
    }
}
