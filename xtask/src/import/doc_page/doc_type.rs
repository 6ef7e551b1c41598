//! Type names as the pages write them (`String`, `Integer`, `Array of TagFilter`, ...) to
//! spec types.

use tencentcloud_codegen::spec::Type;

use super::vocabulary::strip_prefix_ci;

/// Nesting deeper than this is not an API type but a broken page.
const MAX_ARRAY_DEPTH: usize = 4;

/// The page's primitive type names. `Integer` is a signed 64-bit value in API 3.0 (the
/// official definitions say `int64`); unsigned ones are written `UInt64`/`UInteger`.
const PRIMITIVES: [(&str, Type); 16] = [
    ("String", Type::String),
    ("Integer", Type::Int64),
    ("Int", Type::Int64),
    ("Int64", Type::Int64),
    ("Long", Type::Int64),
    ("UInteger", Type::Uint64),
    ("UInt64", Type::Uint64),
    ("UInt", Type::Uint64),
    ("Float", Type::Float),
    ("Double", Type::Float),
    ("Boolean", Type::Bool),
    ("Bool", Type::Bool),
    ("Timestamp", Type::Datetime),
    ("Timestamp ISO8601", Type::DatetimeIso),
    ("Date", Type::Date),
    ("Binary", Type::Binary),
];

/// Parses a page type name. Anything that is not a primitive and is a PascalCase identifier is
/// a reference to a shape the page names (and usually does not define).
pub fn parse(text: &str) -> Result<Type, String> {
    let mut rest = text.trim();
    let mut depth = 0;
    while let Some(inner) = strip_prefix_ci(rest, "Array of ") {
        depth += 1;
        if depth > MAX_ARRAY_DEPTH {
            return Err(format!("type `{text}` nests arrays deeper than {MAX_ARRAY_DEPTH}"));
        }
        rest = inner.trim_start();
    }
    let mut ty = base(rest).ok_or_else(|| format!("`{text}` is not a type name"))?;
    for _ in 0..depth {
        ty = Type::List(Box::new(ty));
    }
    Ok(ty)
}

fn base(name: &str) -> Option<Type> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some((_, ty)) = PRIMITIVES.iter().find(|(n, _)| n.eq_ignore_ascii_case(&name)) {
        return Some(ty.clone());
    }
    is_shape_name(&name).then_some(Type::Object(name))
}

/// A name the spec accepts for a shape: ASCII, starting with A-Z.
pub fn is_shape_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether a word can start a type in a space-separated row (`Array`, `Timestamp`, a name).
pub fn starts_type(word: &str) -> bool {
    is_shape_name(word) || PRIMITIVES.iter().any(|(n, _)| n.eq_ignore_ascii_case(word))
}

/// Splits a space-separated row's remainder into its type and what follows: `Array of X`
/// and `Timestamp ISO8601` span several words.
pub fn split_leading(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    let mut end = 0;
    let mut rest = text;
    while let Some(inner) = strip_prefix_ci(rest, "Array of ") {
        let skipped = rest.len() - inner.trim_start().len();
        end += skipped;
        rest = inner.trim_start();
    }
    let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let word = rest.get(..word_len)?;
    if !starts_type(word) {
        return None;
    }
    end += word_len;
    let after = rest.get(word_len..)?;
    if word.eq_ignore_ascii_case("Timestamp") {
        if let Some(iso) = strip_prefix_ci(after.trim_start(), "ISO8601") {
            end += after.len() - iso.len();
        }
    }
    Some((text.get(..end)?, text.get(end..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> String {
        parse(s).map(|t| t.to_string()).unwrap_or_else(|e| e)
    }

    #[test]
    fn page_types() {
        assert_eq!(t("String"), "string");
        assert_eq!(t("Integer"), "int64");
        assert_eq!(t("UInt64"), "uint64");
        assert_eq!(t("Float"), "float");
        assert_eq!(t("Boolean"), "bool");
        assert_eq!(t("Timestamp"), "datetime");
        assert_eq!(t("Timestamp ISO8601"), "datetime_iso");
        assert_eq!(t("Date"), "date");
        assert_eq!(t("Array of String"), "list<string>");
        assert_eq!(t("Array of TagFilter"), "list<TagFilter>");
        assert_eq!(t("IntegrationTaskInfo"), "IntegrationTaskInfo");
        assert!(parse("任务").is_err());
        assert!(parse("lower").is_err());
        assert!(parse("Array of").is_err());
        assert!(parse(&"Array of ".repeat(1000)).is_err());
    }

    #[test]
    fn leading_types() {
        assert_eq!(
            split_leading("Array of String 状态集合"),
            Some(("Array of String", " 状态集合"))
        );
        assert_eq!(
            split_leading("Timestamp ISO8601 时间"),
            Some(("Timestamp ISO8601", " 时间"))
        );
        assert_eq!(split_leading("Task"), Some(("Task", "")));
        assert_eq!(split_leading("示例值:1"), None);
        assert_eq!(split_leading("value: 1"), None);
    }
}
