//! Every Rust identifier the generator emits is decided here, once per spec, into a
//! [`Names`] table: acronym-aware, keyword-safe, and checked for collisions. Wire names are
//! never changed: they stay in the spec and go on the wire verbatim.

mod words;

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::spec::{EnumValue, Spec, ValueKind};
pub use words::split_words;

/// Rust names for one spec.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    /// Shape wire name -> Rust type name.
    pub shapes: BTreeMap<String, String>,
    /// (shape, member wire name) -> Rust field name.
    pub fields: BTreeMap<(String, String), String>,
    /// Action name -> Rust method name.
    pub actions: BTreeMap<String, String>,
    /// Error code -> enum variant name.
    pub error_codes: BTreeMap<String, String>,
    /// Value set name -> Rust enum name (in one namespace with the shapes).
    pub value_sets: BTreeMap<String, String>,
    /// (value set, wire value) -> variant name.
    pub values: BTreeMap<(String, String), String>,
}

/// Two wire names that map to the same Rust name, or a name with no usable characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{scope}: {message}")]
pub struct NamingError {
    /// Where: e.g. `wedata 2021-08-20, shape TaskInfo`.
    pub scope: String,
    pub message: String,
}

/// The rules of one naming scope.
struct Scope {
    convert: fn(&str) -> Option<String>,
    /// Names the generated code (or the prelude it relies on) holds in this scope.
    reserved: &'static [&'static str],
    /// Appended to a name that meets a reserved one: `Result` -> `ResultValue`.
    qualifier: &'static str,
    /// Between a name and the number that tells apart wire names that meet: `uui_2`, `Foo2`.
    separator: &'static str,
}

/// Types share the module with the client items and glob-import the prelude: a shape named
/// `Some` or `Default` would shadow what generated code means by them.
const TYPES: Scope = Scope {
    convert: type_name,
    reserved: &[
        "Client",
        "ErrorCode",
        "Error",
        "ResponseFuture", // generated next to the shapes
        "Box",
        "Clone",
        "Copy",
        "Default",
        "Drop",
        "Eq",
        "Err",
        "Extend",
        "Fn",
        "FnMut",
        "FnOnce",
        "From",
        "FromIterator",
        "Into",
        "IntoIterator",
        "Iterator",
        "None",
        "Ok",
        "Option",
        "Ord",
        "PartialEq",
        "PartialOrd",
        "Result",
        "Send",
        "Sized",
        "Some",
        "String",
        "Sync",
        "ToOwned",
        "ToString",
        "TryFrom",
        "TryInto",
        "Unpin",
        "Vec",
        "AsMut",
        "AsRef",
        "DoubleEndedIterator",
        "ExactSizeIterator",
    ],
    qualifier: "Value",
    separator: "",
};
const FIELDS: Scope = Scope {
    convert: field_name,
    reserved: &[],
    qualifier: "_value",
    separator: "_",
};
/// Action methods share `Client` with its own methods and derived traits' methods.
const METHODS: Scope = Scope {
    convert: field_name,
    reserved: &["new", "runtime", "clone", "clone_from", "fmt"],
    qualifier: "_action",
    separator: "_",
};
const VARIANTS: Scope = Scope {
    convert: type_name,
    reserved: &["Unknown"],
    qualifier: "Code",
    separator: "",
};

impl Names {
    /// Decides all names of a spec; fails on the first collision, naming both wire names.
    pub fn resolve(spec: &Spec) -> Result<Names, NamingError> {
        let where_ = format!("{} {}", spec.service, spec.version);
        // Shapes and value-set enums share the module's type namespace.
        let mut types = assign(
            &format!("{where_}, shapes and value sets"),
            spec.shapes.keys().chain(spec.value_sets.keys()).map(String::as_str),
            &TYPES,
        )?;
        let value_sets = spec
            .value_sets
            .keys()
            .filter_map(|set| Some((set.clone(), types.remove(set)?)))
            .collect();
        let mut names = Names {
            shapes: types,
            value_sets,
            ..Names::default()
        };
        for (set_name, set) in &spec.value_sets {
            let candidates = set
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| (v.value.as_str(), Some(variant_candidate(set.kind, v, i))));
            let variants = resolve(&format!("{where_}, value set {set_name}"), candidates, &VARIANTS)?;
            for (wire, rust) in variants {
                names.values.insert((set_name.clone(), wire), rust);
            }
        }
        for (shape_name, shape) in &spec.shapes {
            let fields = assign(
                &format!("{where_}, shape {shape_name}"),
                shape.members.iter().map(|m| m.name.as_str()),
                &FIELDS,
            )?;
            for (wire, rust) in fields {
                names.fields.insert((shape_name.clone(), wire), rust);
            }
        }
        names.actions = assign(
            &format!("{where_}, actions"),
            spec.actions.keys().map(String::as_str),
            &METHODS,
        )?;
        names.error_codes = assign(
            &format!("{where_}, error codes"),
            spec.error_codes.keys().map(String::as_str),
            &VARIANTS,
        )?;
        Ok(names)
    }

    pub fn shape(&self, wire: &str) -> &str {
        self.shapes
            .get(wire)
            .map_or_else(|| panic!("shape `{wire}` was resolved"), String::as_str)
    }

    pub fn field(&self, shape: &str, member: &str) -> &str {
        self.fields
            .get(&(shape.to_owned(), member.to_owned()))
            .map_or_else(|| panic!("member `{shape}.{member}` was resolved"), String::as_str)
    }

    pub fn action(&self, wire: &str) -> &str {
        self.actions
            .get(wire)
            .map_or_else(|| panic!("action `{wire}` was resolved"), String::as_str)
    }

    pub fn error_code(&self, wire: &str) -> &str {
        self.error_codes
            .get(wire)
            .map_or_else(|| panic!("error code `{wire}` was resolved"), String::as_str)
    }

    pub fn value_set(&self, name: &str) -> &str {
        self.value_sets
            .get(name)
            .map_or_else(|| panic!("value set `{name}` was resolved"), String::as_str)
    }

    pub fn value(&self, set: &str, wire: &str) -> &str {
        self.values
            .get(&(set.to_owned(), wire.to_owned()))
            .map_or_else(|| panic!("value `{set}.{wire}` was resolved"), String::as_str)
    }
}

/// The variant a listed value would be named: the value itself for strings (`running` ->
/// `Running`); for integers, which make no names, a short ASCII description (`1: email` ->
/// `Email`) or the number (`V1`, `VMinus3`). A string with nothing to name it by (`是`) is
/// named by its position (`Value1`).
fn variant_candidate(kind: ValueKind, value: &EnumValue, index: usize) -> String {
    match kind {
        ValueKind::String => type_name(&value.value).unwrap_or_else(|| format!("Value{}", index + 1)),
        ValueKind::Integer => {
            let label = value.docs.trim();
            let words = label.split_whitespace().count();
            let usable = (1..=3).contains(&words)
                && label
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '_' || c == '-')
                && label.starts_with(|c: char| c.is_ascii_alphabetic());
            if let Some(name) = usable.then(|| type_name(label)).flatten() {
                return name;
            }
            let number = value.value.trim();
            match number.strip_prefix('-') {
                Some(magnitude) => format!("VMinus{magnitude}"),
                None => format!("V{number}"),
            }
        }
    }
}

/// The chainable setter of an optional request member: the field's name, unless a method of
/// the type or of a trait it implements already has it (`clone`, `new`): then `set_…`.
pub fn setter_name(field: &str) -> String {
    const TAKEN: &[&str] = &[
        "new",
        "clone",
        "clone_from",
        "fmt",
        "eq",
        "ne",
        "serialize",
        "deserialize",
        "default",
        "into",
        "from",
        "to_owned",
        "borrow",
        "borrow_mut",
        "type_id",
        "try_into",
        "try_from",
    ];
    if TAKEN.contains(&field) {
        format!("set_{field}")
    } else {
        field.to_owned()
    }
}

/// Maps every wire name through the scope's rules:
/// - a name that meets a reserved one gets the scope's qualifier (`Result` -> `ResultValue`);
/// - wire names that meet on one Rust name (`PublicIP`/`PublicIp`, `InvalidParameter.X`/
///   `InvalidParameterValue.X`) are told apart by number: the one already in canonical form
///   (`PublicIp`) keeps the name, then byte order decides; the others get `_2`, `_3`, ….
///
/// Fails only for a wire name with nothing to name it by.
fn assign<'a>(
    scope_name: &str,
    wires: impl Iterator<Item = &'a str>,
    scope: &Scope,
) -> Result<BTreeMap<String, String>, NamingError> {
    resolve(scope_name, wires.map(|wire| (wire, (scope.convert)(wire))), scope)
}

/// [`assign`] with the candidate names already made (`None`: nothing to name it by).
fn resolve<'a>(
    scope_name: &str,
    wires: impl Iterator<Item = (&'a str, Option<String>)>,
    scope: &Scope,
) -> Result<BTreeMap<String, String>, NamingError> {
    let mut candidates: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (wire, candidate) in wires {
        let mut rust = candidate.ok_or_else(|| NamingError {
            scope: scope_name.to_owned(),
            message: format!("`{wire}` has no ASCII letters or digits to name it by"),
        })?;
        if scope.reserved.contains(&rust.as_str()) {
            rust.push_str(scope.qualifier);
        }
        candidates.entry(rust).or_default().push(wire);
    }
    let mut taken: BTreeSet<String> = candidates.keys().cloned().collect();
    let mut out = BTreeMap::new();
    for (rust, mut wires) in candidates {
        wires.sort_by_key(|wire| (!is_canonical(wire, scope), *wire));
        let mut wires = wires.into_iter();
        if let Some(first) = wires.next() {
            out.insert(first.to_owned(), rust.clone());
        }
        let mut n = 2;
        for wire in wires {
            let numbered = loop {
                let numbered = format!("{rust}{}{n}", scope.separator);
                n += 1;
                if !taken.contains(&numbered) && !scope.reserved.contains(&numbered.as_str()) {
                    break numbered;
                }
            };
            taken.insert(numbered.clone());
            out.insert(wire.to_owned(), numbered);
        }
    }
    Ok(out)
}

/// Whether `wire` is spelled the way its Rust name would be spelled back: `PublicIp` for
/// `public_ip`, not `PublicIP`.
fn is_canonical(wire: &str, scope: &Scope) -> bool {
    (scope.convert)(wire).is_some_and(|rust| rust.to_upper_camel_case() == wire)
}

/// `InstanceDetailVO` -> `InstanceDetailVo`, `TaskIDs` -> `TaskIds`; keyword-safe.
pub fn type_name(wire: &str) -> Option<String> {
    let words = split_words(wire);
    if words.is_empty() {
        return None;
    }
    let mut name: String = words.iter().map(|w| w.to_lowercase().to_upper_camel_case()).collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'N');
    }
    Some(escape_keyword(name))
}

/// `TaskIDs` -> `task_ids`, `IPv6Address` -> `ipv6_address`; keyword-safe (`Type` -> `type_`).
pub fn field_name(wire: &str) -> Option<String> {
    let words = split_words(wire);
    if words.is_empty() {
        return None;
    }
    let mut name = words
        .iter()
        .map(|w| w.to_lowercase().to_snake_case())
        .collect::<Vec<_>>()
        .join("_");
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    Some(escape_keyword(name))
}

/// The module (and directory) of a service: its name, keyword-safe (`as` -> `as_`).
pub fn module_name(service: &str) -> String {
    escape_keyword(service.to_owned())
}

/// The package of a service's crate: `wedata` -> `tencentcloud-sdk-wedata`. Service names are
/// lower-case ASCII letters and digits (checked when a spec loads), so every one is a valid
/// package name and none collides with another.
pub fn crate_name(service: &str) -> String {
    format!("tencentcloud-sdk-{service}")
}

/// The library name of a service's crate, as a path starts with it: `tencentcloud_sdk_wedata`.
pub fn crate_ident(service: &str) -> String {
    crate_name(service).replace('-', "_")
}

/// The cargo feature of a service version inside its service's crate: `2021-08-20` ->
/// `v20210820`, the name of its module.
pub fn feature_name(version: &str) -> String {
    version_module(version)
}

/// The variant of a service crate's `Error` for one version: `2021-12-06` -> `V20211206`.
pub fn version_variant(version: &str) -> String {
    version_module(version).to_upper_camel_case()
}

/// `snake_case` for module and feature names: `2021-08-20` -> `v20210820`.
pub fn version_module(version: &str) -> String {
    format!("v{}", version.replace('-', ""))
}

/// Rust keywords (all editions, strict and reserved) get a trailing underscore, as
/// `r#`-identifiers cannot spell `self`, `Self`, `super` or `crate` and read poorly.
fn escape_keyword(mut name: String) -> String {
    const KEYWORDS: &[&str] = &[
        "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn",
        "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
        "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct",
        "super", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where",
        "while", "yield",
    ];
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_readable() {
        for (wire, rust) in [
            ("TaskIDs", "task_ids"),
            ("URLs", "urls"),
            ("IPv6Address", "ipv6_address"),
            ("DTOs", "dtos"),
            ("DBInstance", "db_instance"),
            ("ExecutionTTL", "execution_ttl"),
            ("KRB5Conf", "krb5_conf"),
            ("AppID", "app_id"),
            ("Type", "type_"),
            ("Self", "self_"),
            ("Async", "async_"),
            ("RequestId", "request_id"),
            ("3DModel", "_3_d_model"),
        ] {
            assert_eq!(field_name(wire).as_deref(), Some(rust), "{wire}");
        }
        assert_eq!(field_name("..."), None);
    }

    #[test]
    fn type_names_are_readable() {
        for (wire, rust) in [
            ("InstanceDetailVO", "InstanceDetailVo"),
            ("DependencyConfigDsDTO", "DependencyConfigDsDto"),
            ("IPv6Address", "Ipv6Address"),
            ("AuthFailure.SignatureExpire", "AuthFailureSignatureExpire"),
            ("Self", "Self_"),
        ] {
            assert_eq!(type_name(wire).as_deref(), Some(rust), "{wire}");
        }
    }

    #[test]
    fn collisions_are_numbered_and_the_canonical_spelling_keeps_the_name() {
        let names = assign("x", ["TaskID", "TaskId", "RequestID", "RequestId"].into_iter(), &FIELDS).unwrap();
        assert_eq!(names["TaskId"], "task_id");
        assert_eq!(names["TaskID"], "task_id_2");
        assert_eq!(names["RequestId"], "request_id");
        assert_eq!(names["RequestID"], "request_id_2");
        let codes = [
            "InvalidParameterValue.TooLarge",
            "InvalidParameter.ValueTooLarge",
            "MissingParameter",
            "MissingParameter.",
        ];
        let names = assign("y", codes.into_iter(), &VARIANTS).unwrap();
        assert_eq!(names["InvalidParameter.ValueTooLarge"], "InvalidParameterValueTooLarge");
        assert_eq!(
            names["InvalidParameterValue.TooLarge"],
            "InvalidParameterValueTooLarge2"
        );
        assert_eq!(names["MissingParameter"], "MissingParameter");
        assert_eq!(names["MissingParameter."], "MissingParameter2");
        // A number is never one another wire name already has.
        let names = assign("z", ["UUI", "Uui", "Uui2"].into_iter(), &TYPES).unwrap();
        assert_eq!(
            (names["Uui"].as_str(), names["Uui2"].as_str(), names["UUI"].as_str()),
            ("Uui", "Uui2", "Uui3")
        );
        assert!(assign("w", ["..."].into_iter(), &FIELDS).is_err());
    }

    #[test]
    fn reserved_names_are_qualified() {
        let names = assign(
            "t",
            ["Result", "Option", "Default", "Into", "Some", "Error", "Task"].into_iter(),
            &TYPES,
        )
        .unwrap();
        assert_eq!(names["Result"], "ResultValue");
        assert_eq!(names["Default"], "DefaultValue");
        assert_eq!(names["Some"], "SomeValue");
        assert_eq!(names["Error"], "ErrorValue");
        assert_eq!(names["Task"], "Task");
        assert_eq!(
            assign("v", ["Unknown"].into_iter(), &VARIANTS).unwrap()["Unknown"],
            "UnknownCode"
        );
        assert_eq!(
            assign("m", ["New", "Clone"].into_iter(), &METHODS).unwrap()["New"],
            "new_action"
        );
    }
}
