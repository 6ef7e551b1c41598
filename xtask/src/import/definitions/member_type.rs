//! A member's `type` (coarse) and `member` (precise) to a spec type.
//!
//! `member` carries the type (`int64` vs `uint64`, `datetime_iso`, an object name); `type`
//! only says which JSON value it is. The two must agree: a disagreement is an error, because
//! either choice could produce a client that fails to decode real responses.

use tencentcloud_codegen::spec::Type;

/// The precise primitive names and the coarse `type` each may appear with.
const PRIMITIVES: [(&str, Type, &[&str]); 9] = [
    ("string", Type::String, &["string"]),
    ("int64", Type::Int64, &["int"]),
    ("uint64", Type::Uint64, &["int"]),
    ("float", Type::Float, &["float"]),
    ("bool", Type::Bool, &["bool"]),
    ("datetime", Type::Datetime, &["string"]),
    ("datetime_iso", Type::DatetimeIso, &["string"]),
    ("date", Type::Date, &["string"]),
    ("binary", Type::Binary, &["binary", "string"]),
];

/// The spec type of a member; `is_object` tells whether an object name is defined.
pub fn member_type(kind: &str, member: &str, is_object: impl Fn(&str) -> bool) -> Result<Type, String> {
    match kind {
        "list" => element(member, &is_object).map(|t| Type::List(Box::new(t))),
        "object" => match element(member, &is_object)? {
            Type::Object(name) => Ok(Type::Object(name)),
            other => Err(format!("`type` is `object` but `member` is the primitive `{other}`")),
        },
        _ => {
            let Some((_, ty, kinds)) = PRIMITIVES.iter().find(|(name, _, _)| *name == member) else {
                return Err(format!(
                    "`type` is `{kind}` but `member` `{member}` is not a primitive type"
                ));
            };
            if kinds.contains(&kind) {
                Ok(ty.clone())
            } else {
                Err(format!("`type` `{kind}` does not agree with `member` `{member}`"))
            }
        }
    }
}

/// A list element or object: a primitive, or the name of a defined object.
fn element(member: &str, is_object: &impl Fn(&str) -> bool) -> Result<Type, String> {
    if let Some((_, ty, _)) = PRIMITIVES.iter().find(|(name, _, _)| *name == member) {
        return Ok(ty.clone());
    }
    match member.parse::<Type>() {
        Ok(Type::Object(name)) if is_object(&name) => Ok(Type::Object(name)),
        Ok(Type::Object(name)) => Err(format!("object `{name}` is not defined")),
        _ => Err(format!("`member` `{member}` is neither a primitive nor an object name")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(kind: &str, member: &str) -> String {
        member_type(kind, member, |name| name == "TagFilter").map_or_else(|e| format!("error: {e}"), |t| t.to_string())
    }

    #[test]
    fn primitives_follow_member() {
        assert_eq!(t("string", "string"), "string");
        assert_eq!(t("int", "int64"), "int64");
        assert_eq!(t("int", "uint64"), "uint64");
        assert_eq!(t("float", "float"), "float");
        assert_eq!(t("bool", "bool"), "bool");
        assert_eq!(t("string", "datetime"), "datetime");
        assert_eq!(t("string", "datetime_iso"), "datetime_iso");
        assert_eq!(t("string", "date"), "date");
        assert_eq!(t("binary", "binary"), "binary");
    }

    #[test]
    fn lists_and_objects() {
        assert_eq!(t("list", "string"), "list<string>");
        assert_eq!(t("list", "uint64"), "list<uint64>");
        assert_eq!(t("list", "TagFilter"), "list<TagFilter>");
        assert_eq!(t("object", "TagFilter"), "TagFilter");
    }

    #[test]
    fn disagreements_are_errors() {
        assert!(t("int", "string").starts_with("error: "));
        assert!(t("string", "int64").starts_with("error: "));
        assert!(t("object", "string").starts_with("error: "));
        assert!(t("object", "Missing").contains("`Missing` is not defined"));
        assert!(t("list", "Missing").contains("`Missing` is not defined"));
        assert!(t("list", "weird type").starts_with("error: "));
        assert!(t("string", "TagFilter").starts_with("error: "));
        assert!(t("map", "string").starts_with("error: "));
    }
}
