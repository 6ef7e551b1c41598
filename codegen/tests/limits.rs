//! Specs beyond what the generator accepts fail with a clean error naming the place; specs at
//! the limits generate without overflowing a stack (tests run on 2 MiB threads).

use std::path::Path;

use serde_json::json;
use tencentcloud_codegen::spec::{parse_spec, Spec};
use tencentcloud_codegen::{render_module, SpecFile};

fn spec(shapes: serde_json::Value) -> serde_json::Value {
    json!({"service": "limits", "version": "2020-01-01", "shapes": shapes})
}

fn parse(value: &serde_json::Value) -> Result<Spec, String> {
    parse_spec(Path::new("limits.json"), &value.to_string()).map_err(|e| e.to_string())
}

fn file(spec: Spec) -> SpecFile {
    SpecFile {
        path: "limits.json".into(),
        spec,
    }
}

fn wide(members: usize) -> serde_json::Value {
    let members: Vec<_> = (0..members)
        .map(|i| json!({"name": format!("Member{i}"), "type": "string", "required": i % 2 == 0}))
        .collect();
    spec(json!({"Wide": {"usage": "both", "members": members, "provenance": []}}))
}

#[test]
fn a_shape_at_the_member_limit_generates() {
    let module = render_module(&file(parse(&wide(5_000)).unwrap())).unwrap();
    assert!(module.contains("member4999"));
}

#[test]
fn a_shape_past_the_member_limit_is_rejected() {
    let err = render_module(&file(parse(&wide(30_000)).unwrap()))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("shapes.Wide.members") && err.contains("at most 5000"),
        "{err}"
    );
}

#[test]
fn deep_lists_are_rejected_when_read() {
    let ty = format!("{}string{}", "list<".repeat(10_000), ">".repeat(10_000));
    let err = parse(&spec(
        json!({"A": {"usage": "output", "members": [{"name": "X", "type": ty}], "provenance": []}}),
    ))
    .unwrap_err();
    assert!(
        err.contains("shapes.A.members[0].type") && err.contains("nested"),
        "{err}"
    );
}

#[test]
fn long_shape_chains_are_rejected() {
    for (length, accepted) in [(20, true), (100_000, false)] {
        let mut shapes = serde_json::Map::new();
        for i in 0..length {
            let ty = if i + 1 < length {
                format!("S{}", i + 1)
            } else {
                "string".into()
            };
            shapes.insert(
                format!("S{i}"),
                json!({"usage": "output", "members": [{"name": "Next", "type": ty}], "provenance": []}),
            );
        }
        let result = render_module(&file(parse(&spec(serde_json::Value::Object(shapes))).unwrap()));
        match result {
            Ok(_) => assert!(accepted, "a chain of {length} generated"),
            Err(e) => {
                assert!(!accepted, "{e}");
                assert!(e.to_string().contains("types deep"), "{e}");
            }
        }
    }
}
