//! A file inside a pinned Python package (the tccli wheel or an SDK package), as read.

use tencentcloud_codegen::spec::{Source, SourceKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PackageFile<'a> {
    /// Distribution name, e.g. `tccli`, `tencentcloud-sdk-python-dts`.
    pub package: &'a str,
    pub package_version: &'a str,
    /// Path inside the package, e.g. `tccli/services/dts/v20211206/api.json`.
    pub path: &'a str,
    pub text: &'a str,
}

impl PackageFile<'_> {
    /// The spec source: the path inside the package, prefixed with `package:` where the path
    /// does not already start with the package name (SDK packages share `tencentcloud/`).
    pub fn source(&self) -> Source {
        let location = if self.path.split('/').next() == Some(self.package) {
            self.path.to_owned()
        } else {
            format!("{}:{}", self.package, self.path)
        };
        Source {
            kind: SourceKind::Definitions,
            location,
            package_version: Some(self.package_version.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_name_the_package() {
        let file = |package, path| PackageFile {
            package,
            package_version: "1",
            path,
            text: "",
        };
        let api = file("tccli", "tccli/services/dts/v20211206/api.json").source();
        assert_eq!(api.location, "tccli/services/dts/v20211206/api.json");
        assert_eq!(api.package_version.as_deref(), Some("1"));
        let codes = file(
            "tencentcloud-sdk-python-dts",
            "tencentcloud/dts/v20211206/errorcodes.py",
        )
        .source();
        assert_eq!(
            codes.location,
            "tencentcloud-sdk-python-dts:tencentcloud/dts/v20211206/errorcodes.py"
        );
    }
}
