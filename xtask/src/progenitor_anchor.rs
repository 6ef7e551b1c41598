//! The anchor of `cargo xtask bench-codegen`'s regeneration figure: progenitor (0.11, pinned in
//! `xtask/progenitor-anchor/`) generating a client for the same surface, timed on this machine
//! in the same run. Each spec becomes an OpenAPI 3.0 document: an operation per action
//! (`POST /{Action}`, the request shape as body, the response shape as reply), a schema per
//! shape with its members' types, docs (both languages, as the SDK carries) and string value
//! sets (as `enum`, which progenitor makes enums of, as the SDK does).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Map, Value};
use tencentcloud_codegen::spec::{Spec, Type, ValueKind};
use tencentcloud_codegen::SpecFile;

/// What progenitor took for every document in turn, and the lines it printed.
pub struct AnchorTiming {
    pub seconds: f64,
    pub lines: usize,
}

/// The anchor, built, with its documents written.
pub struct Anchor {
    binary: PathBuf,
    documents: Vec<PathBuf>,
}

/// Writes a document per spec under `target/bench-codegen/progenitor/` and builds the anchor
/// (release, its own target directory).
pub fn prepare(root: &Path, specs: &[SpecFile]) -> Result<Anchor, String> {
    let dir = root.join("target/bench-codegen/progenitor");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut documents: Vec<PathBuf> = Vec::new();
    for file in specs {
        let path = dir.join(format!("{}-{}.json", file.spec.service, file.spec.version));
        let text = serde_json::to_string_pretty(&openapi(&file.spec)).map_err(|e| e.to_string())?;
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        documents.push(path);
    }
    let manifest = root.join("xtask/progenitor-anchor/Cargo.toml");
    let target = dir.join("target");
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--quiet", "--release", "--locked", "--manifest-path"])
        .arg(&manifest)
        .arg("--target-dir")
        .arg(&target)
        .status()
        .map_err(|e| format!("building {}: {e}", manifest.display()))?;
    if !status.success() {
        return Err(format!("building {} failed ({status})", manifest.display()));
    }
    Ok(Anchor {
        binary: target.join("release/progenitor-anchor"),
        documents,
    })
}

/// One run of the anchor: progenitor on every document in turn.
pub fn time_progenitor(anchor: &Anchor) -> Result<AnchorTiming, String> {
    let output = Command::new(&anchor.binary)
        .args(&anchor.documents)
        .output()
        .map_err(|e| format!("running the progenitor anchor: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let parsed = stdout.split_once(' ').and_then(|(seconds, lines)| {
        Some(AnchorTiming {
            seconds: seconds.trim().parse().ok()?,
            lines: lines.trim().parse().ok()?,
        })
    });
    match (output.status.success(), parsed) {
        (true, Some(timing)) => Ok(timing),
        _ => Err(format!(
            "the progenitor anchor failed ({}): {}{}",
            output.status,
            stdout.trim(),
            String::from_utf8_lossy(&output.stderr).trim()
        )),
    }
}

/// The OpenAPI 3.0 document of `spec`.
pub fn openapi(spec: &Spec) -> Value {
    let reference = |shape: &str| json!({ "$ref": format!("#/components/schemas/{shape}") });
    let mut paths = Map::new();
    for (name, action) in &spec.actions {
        let body = |shape: &str| json!({ "application/json": { "schema": reference(shape) } });
        paths.insert(
            format!("/{name}"),
            json!({
                "post": {
                    "operationId": name,
                    "summary": action.title_en,
                    "description": both_languages(&action.docs_en, &action.docs),
                    "requestBody": { "required": true, "content": body(&action.input) },
                    "responses": { "200": { "description": "OK", "content": body(&action.output) } },
                }
            }),
        );
    }
    let mut schemas = Map::new();
    for (name, shape) in &spec.shapes {
        let mut properties = Map::new();
        for member in &shape.members {
            let mut schema = type_schema(&member.ty, &reference);
            let string_set = member
                .value_set
                .as_ref()
                .and_then(|set| spec.value_sets.get(set))
                .filter(|set| set.kind == ValueKind::String);
            if let Some(set) = string_set {
                // On the string itself, or a list's strings.
                let strings = match (&member.ty, &mut schema) {
                    (Type::String, schema) => Some(schema),
                    (Type::List(item), schema) if **item == Type::String => schema.get_mut("items"),
                    _ => None,
                };
                if let Some(Value::Object(strings)) = strings {
                    let values = set.values.iter().map(|v| Value::from(v.value.clone())).collect();
                    strings.insert("enum".into(), Value::Array(values));
                }
            }
            if let Value::Object(object) = &mut schema {
                object.insert(
                    "description".into(),
                    both_languages(&member.docs_en, &member.docs).into(),
                );
            }
            properties.insert(member.name.clone(), schema);
        }
        let required: Vec<&str> = shape
            .members
            .iter()
            .filter(|m| m.required)
            .map(|m| m.name.as_str())
            .collect();
        schemas.insert(
            name.clone(),
            json!({
                "type": "object",
                "description": both_languages(&shape.docs_en, &shape.docs),
                "properties": properties,
                "required": required,
            }),
        );
    }
    json!({
        "openapi": "3.0.3",
        "info": { "title": format!("{} {}", spec.service, spec.version), "version": spec.version },
        "servers": [{ "url": format!("https://{}.tencentcloudapi.com", spec.service) }],
        "paths": paths,
        "components": { "schemas": schemas },
    })
}

fn type_schema(ty: &Type, reference: &dyn Fn(&str) -> Value) -> Value {
    match ty {
        Type::String | Type::Binary | Type::Datetime => json!({ "type": "string" }),
        Type::DatetimeIso => json!({ "type": "string", "format": "date-time" }),
        Type::Date => json!({ "type": "string", "format": "date" }),
        Type::Int64 => json!({ "type": "integer", "format": "int64" }),
        Type::Uint64 => json!({ "type": "integer", "format": "uint64" }),
        Type::Float => json!({ "type": "number", "format": "double" }),
        Type::Bool => json!({ "type": "boolean" }),
        Type::Json => json!({}),
        Type::List(item) => json!({ "type": "array", "items": type_schema(item, reference) }),
        Type::Object(shape) => reference(shape),
    }
}

fn both_languages(english: &str, chinese: &str) -> String {
    match (english.trim().is_empty(), chinese.trim().is_empty()) {
        (true, _) => chinese.to_owned(),
        (false, true) => english.to_owned(),
        (false, false) => format!("{english}\n\n{chinese}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// DTS's document: an operation per action naming its shapes, whose members keep their
    /// wire names, types, required flags, docs and string value sets (on a string and on a
    /// list's strings).
    #[test]
    fn dts_actions_and_shapes_become_operations_and_schemas() {
        let path = crate::workspace::api_specs().join("dts/2021-12-06.json");
        let spec = tencentcloud_codegen::spec::load_spec(&path).unwrap_or_else(|e| panic!("{e}"));
        let document = openapi(&spec);
        let operation = &document["paths"]["/DescribeSyncJobs"]["post"];
        assert_eq!(operation["operationId"], "DescribeSyncJobs");
        assert_eq!(
            operation["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/DescribeSyncJobsRequest"
        );
        assert_eq!(
            operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/DescribeSyncJobsResponse"
        );
        let schemas = &document["components"]["schemas"];
        let response = &schemas["DescribeSyncJobsResponse"];
        assert_eq!(response["required"], json!(["TotalCount", "JobList", "RequestId"]));
        assert_eq!(response["properties"]["TotalCount"]["format"], "uint64");
        assert_eq!(
            response["properties"]["JobList"]["items"]["$ref"],
            "#/components/schemas/SyncJobInfo"
        );
        assert!(response["properties"]["TotalCount"]["description"]
            .as_str()
            .is_some_and(|docs| docs.contains("任务数目")));
        let values = |set: &str| -> Value { spec.value_sets[set].values.iter().map(|v| v.value.clone()).collect() };
        assert_eq!(
            schemas["SubscribeInfo"]["properties"]["AccessType"]["enum"],
            values("AccessType")
        );
        assert_eq!(
            schemas["Options"]["properties"]["OpTypes"]["items"]["enum"],
            values("OpTypes")
        );
        assert_eq!(document["paths"].as_object().map(Map::len), Some(spec.actions.len()));
    }
}
