//! Reading a spec file: JSON errors with line, column and field path; then validation of
//! cross references (every shape a member or action names must exist).

use std::path::{Path, PathBuf};

use super::model::{Spec, ValueKind};

/// A spec that cannot be read or does not hold together. Always names the file and where.
#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}:{column}: at `{field}`: {message}")]
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        field: String,
        message: String,
    },
    #[error("{path}: at `{field}`: {message}")]
    Invalid {
        path: PathBuf,
        field: String,
        message: String,
    },
}

/// Reads and validates one spec file.
pub fn load_spec(path: &Path) -> Result<Spec, SpecError> {
    let text = std::fs::read_to_string(path).map_err(|source| SpecError::Io {
        path: path.to_owned(),
        source,
    })?;
    parse_spec(path, &text)
}

/// Parses and validates spec text; `path` is only used to name the place in errors.
pub fn parse_spec(path: &Path, text: &str) -> Result<Spec, SpecError> {
    // Tracking the field path costs on every value and only explains a failure: only a parse
    // that failed runs again with it.
    let spec = match serde_json::from_str::<Spec>(text) {
        Ok(spec) => spec,
        Err(_) => parse_tracking_path(path, text)?,
    };
    validate(&spec).map_err(|(field, message)| SpecError::Invalid {
        path: path.to_owned(),
        field,
        message,
    })?;
    Ok(spec)
}

fn parse_tracking_path(path: &Path, text: &str) -> Result<Spec, SpecError> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let field = err.path().to_string();
        let inner = err.into_inner();
        SpecError::Json {
            path: path.to_owned(),
            line: inner.line(),
            column: inner.column(),
            field,
            message: inner.to_string(),
        }
    })
}

/// Checks the references inside a spec. Returns the field path and what is wrong.
pub fn validate(spec: &Spec) -> Result<(), (String, String)> {
    if spec.service.is_empty()
        || !spec
            .service
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return Err((
            "service".into(),
            format!("`{}` is not a lower-case service name", spec.service),
        ));
    }
    let version_ok = spec.version.len() == 10
        && spec.version.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !version_ok {
        return Err((
            "version".into(),
            format!("`{}` is not a YYYY-MM-DD version", spec.version),
        ));
    }
    for (name, action) in &spec.actions {
        for (field, shape) in [("input", &action.input), ("output", &action.output)] {
            if !spec.shapes.contains_key(shape) {
                return Err((
                    format!("actions.{name}.{field}"),
                    format!("shape `{shape}` is not defined"),
                ));
            }
        }
        for (i, code) in action.errors.iter().enumerate() {
            if !spec.error_codes.contains_key(code) {
                return Err((
                    format!("actions.{name}.errors[{i}]"),
                    format!("error code `{code}` is not in `error_codes`"),
                ));
            }
        }
    }
    if let Some(code) = spec.error_codes_en.keys().find(|c| !spec.error_codes.contains_key(*c)) {
        return Err((
            format!("error_codes_en.{code}"),
            format!("error code `{code}` is not in `error_codes`"),
        ));
    }
    for (name, shape) in &spec.shapes {
        let mut seen = std::collections::BTreeSet::new();
        for (i, member) in shape.members.iter().enumerate() {
            let at = format!("shapes.{name}.members[{i}]");
            if member.name.is_empty() {
                return Err((format!("{at}.name"), "empty wire name".into()));
            }
            if !seen.insert(member.name.as_str()) {
                return Err((format!("{at}.name"), format!("member `{}` appears twice", member.name)));
            }
            if let Some(target) = member.ty.object_name() {
                if !spec.shapes.contains_key(target) {
                    return Err((format!("{at}.type"), format!("shape `{target}` is not defined")));
                }
            }
            if let Some(set) = &member.value_set {
                if !spec.value_sets.contains_key(set) {
                    return Err((format!("{at}.value_set"), format!("value set `{set}` is not defined")));
                }
            }
        }
    }
    for (name, set) in &spec.value_sets {
        if set.values.is_empty() {
            return Err((format!("value_sets.{name}.values"), "no values".into()));
        }
        if spec.shapes.contains_key(name) {
            return Err((format!("value_sets.{name}"), "a shape has the same name".into()));
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, value) in set.values.iter().enumerate() {
            if !seen.insert(value.value.as_str()) {
                return Err((
                    format!("value_sets.{name}.values[{i}]"),
                    format!("`{}` is listed twice", value.value),
                ));
            }
            if set.kind == ValueKind::Integer && value.value.trim().parse::<i64>().is_err() {
                return Err((
                    format!("value_sets.{name}.values[{i}]"),
                    format!("`{}` is not an integer", value.value),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Spec, SpecError> {
        parse_spec(Path::new("api-specs/x/2020-01-01.json"), text)
    }

    #[test]
    fn json_errors_name_line_and_field() {
        let err = parse("{\n \"service\": \"x\",\n \"version\": \"2020-01-01\",\n \"shapes\": {\"A\": {\"usage\": \"input\", \"members\": [{\"name\": \"B\", \"type\": \"nope\"}], \"provenance\": []}}\n}")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("api-specs/x/2020-01-01.json:4:"), "{err}");
        assert!(err.contains("shapes.A.members[0].type"), "{err}");
    }

    #[test]
    fn dangling_shape_reference_is_an_error() {
        let err = parse(r#"{"service": "x", "version": "2020-01-01", "shapes": {"A": {"usage": "output", "members": [{"name": "B", "type": "list<Missing>"}], "provenance": []}}}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("shapes.A.members[0].type"), "{err}");
        assert!(err.contains("`Missing` is not defined"), "{err}");
    }

    #[test]
    fn english_error_description_needs_its_code() {
        let err = parse(
            r#"{"service": "x", "version": "2020-01-01", "error_codes": {"A": "甲"}, "error_codes_en": {"B": "b"}}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("at `error_codes_en.B`"), "{err}");
        assert!(parse(
            r#"{"service": "x", "version": "2020-01-01", "error_codes": {"A": "甲"}, "error_codes_en": {"A": "a"}}"#
        )
        .is_ok());
    }

    #[test]
    fn bad_version_is_an_error() {
        let err = parse(r#"{"service": "x", "version": "20200101"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("at `version`"), "{err}");
    }
}
