//! Every Rust identifier the generator emits is decided here, once per spec, into a
//! [`Names`] table: acronym-aware, keyword-safe, and checked for collisions. Wire names are
//! never changed: they stay in the spec and go on the wire verbatim.

mod words;

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::spec::Spec;
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
}

/// Two wire names that map to the same Rust name, or a name with no usable characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{scope}: {message}")]
pub struct NamingError {
    /// Where: e.g. `wedata 2021-08-20, shape TaskInfo`.
    pub scope: String,
    pub message: String,
}

/// Names generated code reserves in each scope; a wire name mapping to one is a collision.
const RESERVED_TYPES: &[&str] = &[
    "Client",
    "ErrorCode",
    "Error",
    "ResponseFuture",
    "Result",
    "Option",
    "Vec",
    "String",
    "Box",
];
const RESERVED_METHODS: &[&str] = &["new", "runtime", "clone", "fmt"];
const RESERVED_VARIANTS: &[&str] = &["Unknown"];

impl Names {
    /// Decides all names of a spec; fails on the first collision, naming both wire names.
    pub fn resolve(spec: &Spec) -> Result<Names, NamingError> {
        let where_ = format!("{} {}", spec.service, spec.version);
        let mut names = Names {
            shapes: assign(
                &format!("{where_}, shapes"),
                spec.shapes.keys().map(String::as_str),
                type_name,
                RESERVED_TYPES,
            )?,
            ..Names::default()
        };
        for (shape_name, shape) in &spec.shapes {
            let fields = assign(
                &format!("{where_}, shape {shape_name}"),
                shape.members.iter().map(|m| m.name.as_str()),
                field_name,
                &[],
            )?;
            for (wire, rust) in fields {
                names.fields.insert((shape_name.clone(), wire), rust);
            }
        }
        names.actions = assign(
            &format!("{where_}, actions"),
            spec.actions.keys().map(String::as_str),
            field_name,
            RESERVED_METHODS,
        )?;
        names.error_codes = assign(
            &format!("{where_}, error codes"),
            spec.error_codes.keys().map(String::as_str),
            type_name,
            RESERVED_VARIANTS,
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
}

/// Maps every wire name through `convert`, failing when two land on the same Rust name or
/// one lands on a reserved name.
fn assign<'a>(
    scope: &str,
    wires: impl Iterator<Item = &'a str>,
    convert: fn(&str) -> Option<String>,
    reserved: &[&str],
) -> Result<BTreeMap<String, String>, NamingError> {
    let err = |message: String| NamingError {
        scope: scope.to_owned(),
        message,
    };
    let mut taken: BTreeMap<String, &str> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for wire in wires {
        let rust =
            convert(wire).ok_or_else(|| err(format!("`{wire}` has no ASCII letters or digits to name it by")))?;
        if reserved.contains(&rust.as_str()) {
            return Err(err(format!(
                "`{wire}` becomes `{rust}`, a name the generated code reserves"
            )));
        }
        if let Some(other) = taken.insert(rust.clone(), wire) {
            return Err(err(format!("`{other}` and `{wire}` both become `{rust}`")));
        }
        out.insert(wire.to_owned(), rust);
    }
    Ok(out)
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

/// `wedata` + `2021-08-20` -> `wedata-v20210820`.
pub fn feature_name(service: &str, version: &str) -> String {
    format!("{service}-{}", version_module(version))
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
    fn collisions_fail_loudly() {
        let err = assign("x", ["TaskID", "TaskId"].into_iter(), field_name, &[]).unwrap_err();
        assert_eq!(err.to_string(), "x: `TaskID` and `TaskId` both become `task_id`");
        let err = assign("y", ["Unknown"].into_iter(), type_name, RESERVED_VARIANTS).unwrap_err();
        assert!(err.to_string().contains("reserves"), "{err}");
    }
}
