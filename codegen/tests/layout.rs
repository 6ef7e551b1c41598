//! The layout `generate` writes: a crate per service (`{service}/`), a module and a feature per
//! version, the newest on by default; and the crate files of a two-version service, snapshotted.

use std::path::Path;

use tencentcloud_codegen::spec::load_spec;
use tencentcloud_codegen::{generate, SpecFile};

fn fixture(service: &str, version: &str) -> SpecFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/naming.json");
    let mut spec = load_spec(&path).unwrap_or_else(|e| panic!("{e}"));
    spec.service = service.to_owned();
    spec.version = version.to_owned();
    SpecFile {
        path: format!("api-specs/{service}/{version}.json"),
        spec,
    }
}

#[test]
fn a_crate_per_service_and_a_module_per_version() {
    let files = generate(&[
        fixture("fixture", "2020-01-01"),
        fixture("fixture", "2021-06-30"),
        fixture("as", "2018-04-19"),
    ])
    .unwrap();
    let crate_files: Vec<String> = files
        .keys()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| !p.contains("/src/v"))
        .collect();
    assert_eq!(
        crate_files,
        [
            "as/Cargo.toml",
            "as/src/error.rs",
            "as/src/lib.rs",
            "fixture/Cargo.toml",
            "fixture/src/error.rs",
            "fixture/src/lib.rs",
        ]
    );
    for module in ["fixture/src/v20200101", "fixture/src/v20210630", "as/src/v20180419"] {
        assert!(
            files.contains_key(Path::new(module).join("mod.rs").as_path()),
            "{module}"
        );
    }
    // A service named by a keyword: the crate name is fine as it is, the alias is escaped.
    let lib = &files[Path::new("as/src/lib.rs")];
    assert!(lib.contains("use tencentcloud_sdk_as::v20180419 as as_;"), "{lib}");
    assert!(files[Path::new("as/Cargo.toml")].contains("name = \"tencentcloud-sdk-as\""));
}

#[test]
fn crate_files_of_a_two_version_service() {
    let files = generate(&[fixture("fixture", "2020-01-01"), fixture("fixture", "2021-06-30")]).unwrap();
    let shown: String = ["fixture/Cargo.toml", "fixture/src/lib.rs", "fixture/src/error.rs"]
        .iter()
        .map(|path| format!("==> {path}\n{}\n", files[Path::new(path)]))
        .collect();
    insta::assert_snapshot!(shown);
}
