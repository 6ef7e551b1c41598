//! Emit: the generated crate's files from the specs. Pure and deterministic: the same specs
//! give byte-identical files, which is what `cargo xtask regen --check` relies on.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use crate::actions::emit_client;
use crate::error_codes::emit_error_codes;
use crate::naming::{version_module, Names, NamingError};
use crate::spec::Spec;
use crate::types::{rust_ident, SerdeStyle, TypeSpace};

/// A spec with the path it was read from (relative to the repository root), which every
/// generated file names in its header.
pub struct SpecFile {
    pub path: String,
    pub spec: Spec,
}

/// Why generation failed; names the spec file.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("{path}: {source}")]
    Naming { path: String, source: NamingError },
    #[error("{path}: action `{action}` is not in the spec")]
    UnknownAction { path: String, action: String },
    #[error("{path}: generated code for {what} does not parse ({source}); this is a generator bug")]
    Unparsable {
        path: String,
        what: String,
        source: syn::Error,
    },
    #[error("{path}: shape `{shape}` has {count} required members; the runtime tracks at most {max}")]
    TooManyRequired {
        path: String,
        shape: String,
        count: usize,
        max: usize,
    },
    #[error("{first} and {second} are both {service} {version}")]
    DuplicateVersion {
        first: String,
        second: String,
        service: String,
        version: String,
    },
}

/// Files of the generated crate, relative to `generated/`.
pub type Files = BTreeMap<PathBuf, String>;

const CRATE_VERSION: &str = "0.1.0";

/// Generates the whole `generated/` crate.
pub fn generate(specs: &[SpecFile]) -> Result<Files, GenerateError> {
    generate_with_style(specs, SerdeStyle::Compact)
}

/// [`generate`] with a chosen serde style: `Derive` builds the baseline that
/// `cargo xtask bench-codegen` compares the compact impls with.
pub fn generate_with_style(specs: &[SpecFile], style: SerdeStyle) -> Result<Files, GenerateError> {
    let mut by_service: BTreeMap<&str, BTreeMap<&str, &SpecFile>> = BTreeMap::new();
    for file in specs {
        let versions = by_service.entry(&file.spec.service).or_default();
        if let Some(first) = versions.insert(&file.spec.version, file) {
            return Err(GenerateError::DuplicateVersion {
                first: first.path.clone(),
                second: file.path.clone(),
                service: file.spec.service.clone(),
                version: file.spec.version.clone(),
            });
        }
    }

    let mut files = Files::new();
    for file in specs {
        let dir = PathBuf::from("src")
            .join(&file.spec.service)
            .join(version_module(&file.spec.version));
        for (name, text) in service_version_files(file, style)? {
            files.insert(dir.join(name), text);
        }
    }
    for (service, versions) in &by_service {
        let mods = versions.keys().map(|version| {
            let feature = feature_name(service, version);
            let module = rust_ident(&version_module(version));
            let doc = format!(" `{service}` version `{version}` (feature `{feature}`).");
            quote! {
                #[doc = #doc]
                #[cfg(feature = #feature)]
                pub mod #module;
            }
        });
        let doc = format!(" `{service}`: one module per API version, each behind its own cargo feature.");
        let tokens = quote! { #![doc = #doc] #(#mods)* };
        files.insert(
            PathBuf::from("src").join(service).join("mod.rs"),
            render(&header_for("api-specs/"), "service module", tokens)?,
        );
    }
    files.insert(PathBuf::from("src/lib.rs"), lib_rs(&by_service)?);
    files.insert(PathBuf::from("Cargo.toml"), cargo_toml(&by_service));
    Ok(files)
}

/// The generated code for one action, the shapes it uses and its error codes, as one
/// self-contained module: what the seed snapshots show.
pub fn render_action(file: &SpecFile, action: &str) -> Result<String, GenerateError> {
    let spec = &file.spec;
    let names = resolve(file)?;
    let (name, found) = spec
        .actions
        .get_key_value(action)
        .ok_or_else(|| GenerateError::UnknownAction {
            path: file.path.clone(),
            action: action.to_owned(),
        })?;
    let types = TypeSpace::new(spec, &names);
    let shapes = spec
        .shapes_reachable_from([found.input.as_str(), found.output.as_str()])
        .into_iter()
        .map(|shape| types.emit_shape(shape, &spec.shapes[shape]));
    let errors = emit_error_codes(spec, &names, &found.errors);
    let client = emit_client(spec, &names, [(name, found)]);
    let tokens = quote! { #client #errors #(#shapes)* };
    render(&header_for(&file.path), &format!("action {action}"), tokens)
}

/// Just the shapes an action uses, in the given serde style (for benchmarks that compare
/// the compact impls with serde's derive on the same types).
pub fn render_action_types(file: &SpecFile, action: &str, style: SerdeStyle) -> Result<String, GenerateError> {
    let spec = &file.spec;
    let names = resolve(file)?;
    let found = spec.actions.get(action).ok_or_else(|| GenerateError::UnknownAction {
        path: file.path.clone(),
        action: action.to_owned(),
    })?;
    let types = TypeSpace::new(spec, &names).with_style(style);
    let shapes = spec
        .shapes_reachable_from([found.input.as_str(), found.output.as_str()])
        .into_iter()
        .map(|shape| types.emit_shape(shape, &spec.shapes[shape]));
    render(
        &header_for(&file.path),
        &format!("types of {action}"),
        quote! { #(#shapes)* },
    )
}

/// One service version as a single module file (used for fixture specs).
pub fn render_module(file: &SpecFile) -> Result<String, GenerateError> {
    let names = resolve(file)?;
    let tokens = module_tokens(&file.spec, &names);
    render(&header_for(&file.path), "module", tokens)
}

fn module_tokens(spec: &Spec, names: &Names) -> TokenStream {
    let client = emit_client(spec, names, &spec.actions);
    let errors = emit_error_codes(spec, names, spec.error_codes.keys());
    let types = TypeSpace::new(spec, names).emit_all();
    quote! { #client #errors #types }
}

/// Resolves the names of a spec and checks the limits the generated code relies on.
fn resolve(file: &SpecFile) -> Result<Names, GenerateError> {
    // Mirrors `tencentcloud_runtime::shape::MAX_REQUIRED`.
    const MAX_REQUIRED: usize = 256;
    for (shape, found) in &file.spec.shapes {
        let count = found.members.iter().filter(|m| !crate::types::is_optional(m)).count();
        if count > MAX_REQUIRED {
            return Err(GenerateError::TooManyRequired {
                path: file.path.clone(),
                shape: shape.clone(),
                count,
                max: MAX_REQUIRED,
            });
        }
    }
    Names::resolve(&file.spec).map_err(|source| GenerateError::Naming {
        path: file.path.clone(),
        source,
    })
}

fn service_version_files(file: &SpecFile, style: SerdeStyle) -> Result<Vec<(&'static str, String)>, GenerateError> {
    let spec = &file.spec;
    let names = resolve(file)?;
    let header = header_for(&file.path);
    let domains = if spec.domains.is_empty() {
        format!("`{}.tencentcloudapi.com`", spec.service)
    } else {
        spec.domains
            .iter()
            .map(|d| format!("`{d}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let module_doc = format!(
        " `{}` version `{}`: {} actions, {} shapes. Domains: {domains}.",
        spec.service,
        spec.version,
        spec.actions.len(),
        spec.shapes.len()
    );
    let module = quote! {
        #![doc = #module_doc]
        mod client;
        mod error_code;
        mod types;

        pub use client::{Client, Error, ResponseFuture, SERVICE};
        pub use error_code::ErrorCode;
        pub use types::*;
    };
    let client = emit_client(spec, &names, &spec.actions);
    let client = quote! { use super::types::*; use super::ErrorCode; #client };
    let errors = emit_error_codes(spec, &names, spec.error_codes.keys());
    let types = TypeSpace::new(spec, &names).with_style(style).emit_all();
    Ok(vec![
        ("mod.rs", render(&header, "mod.rs", module)?),
        ("client.rs", render(&header, "client.rs", client)?),
        ("error_code.rs", render(&header, "error_code.rs", errors)?),
        ("types.rs", render(&header, "types.rs", types)?),
    ])
}

fn lib_rs(by_service: &BTreeMap<&str, BTreeMap<&str, &SpecFile>>) -> Result<String, GenerateError> {
    let services = by_service.iter().map(|(service, versions)| {
        let features: Vec<String> = versions.keys().map(|v| feature_name(service, v)).collect();
        let module = rust_ident(service);
        let cfg = match features.as_slice() {
            [one] => quote!(feature = #one),
            many => quote!(any(#(feature = #many),*)),
        };
        // Generated files are printed by prettyplease; rustfmt is told to leave them be, so
        // `cargo fmt` neither rewrites them nor fails `regen --check`.
        quote! {
            #[cfg(#cfg)]
            #[rustfmt::skip]
            pub mod #module;
        }
    });
    let tokens = quote! {
        //! Typed async SDK for Tencent Cloud API 3.0, generated from `api-specs/`.
        //!
        //! Each service version is a module behind a cargo feature, e.g.
        //! `wedata::v20210820` behind `wedata-v20210820`. Calls go through
        //! [`runtime::Client`], which signs (TC3-HMAC-SHA256) and sends them.

        pub use tencentcloud_runtime as runtime;
        pub use tencentcloud_runtime::{ApiError, Client as RuntimeClient, Error};

        #(#services)*
    };
    render(&header_for("api-specs/"), "lib.rs", tokens)
}

fn cargo_toml(by_service: &BTreeMap<&str, BTreeMap<&str, &SpecFile>>) -> String {
    let mut out = String::new();
    out.push_str("# @generated by `cargo xtask regen` from api-specs/. DO NOT EDIT.\n");
    let _ = write!(
        out,
        r#"[package]
name = "tencentcloud-sdk"
version = "{CRATE_VERSION}"
description = "Typed async SDK for Tencent Cloud API 3.0 (generated)"
edition.workspace = true
rust-version.workspace = true
license.workspace = true
publish.workspace = true

[lib]
# Generated docs carry the API's prose and JSON examples, not Rust to run.
doctest = false

[dependencies]
tencentcloud-runtime.workspace = true
serde.workspace = true
serde_json.workspace = true

[features]
default = []
"#
    );
    let all: BTreeSet<String> = by_service
        .iter()
        .flat_map(|(service, versions)| versions.keys().map(move |v| feature_name(service, v)))
        .collect();
    let quoted =
        |items: &mut dyn Iterator<Item = String>| items.map(|f| format!("\"{f}\"")).collect::<Vec<_>>().join(", ");
    let _ = writeln!(
        out,
        "# Every service version.\nfull = [{}]",
        quoted(&mut all.iter().cloned())
    );
    for (service, versions) in by_service {
        let _ = writeln!(out, "# Every version of `{service}`.");
        let _ = writeln!(
            out,
            "{service} = [{}]",
            quoted(&mut versions.keys().map(|v| feature_name(service, v)))
        );
        for version in versions.keys() {
            let _ = writeln!(out, "{} = []", feature_name(service, version));
        }
    }
    out.push_str("\n[package.metadata.docs.rs]\nall-features = true\n");
    out
}

/// `wedata` + `2021-08-20` -> `wedata-v20210820`.
pub fn feature_name(service: &str, version: &str) -> String {
    format!("{service}-{}", version_module(version))
}

fn header_for(spec_path: &str) -> String {
    format!("// @generated by `cargo xtask regen` from {spec_path}. DO NOT EDIT.\n\n")
}

fn render(header: &str, what: &str, tokens: TokenStream) -> Result<String, GenerateError> {
    let file: syn::File = syn::parse2(tokens).map_err(|source| GenerateError::Unparsable {
        path: header.trim().to_owned(),
        what: what.to_owned(),
        source,
    })?;
    Ok(format!("{header}{}", prettyplease::unparse(&file)))
}
