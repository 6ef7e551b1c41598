//! Emit: the generated crate's files from the specs. Pure and deterministic: the same specs
//! give byte-identical files, which is what `cargo xtask regen --check` relies on. Plans are
//! made here ([`crate::plan`]), rendered by the templates ([`crate::templates`]), laid out in
//! files ([`layout`]) and printed ([`render`]).

mod cargo_toml;
mod layout;
mod render;

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::plan::{Plan, PlanError, SpecFile};
use crate::templates::{self, SerdeStyle};

pub use render::header_for;

/// Why generation failed; names the spec file.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error("{path}: action `{action}` is not in the spec")]
    UnknownAction { path: String, action: String },
    #[error("{path}: generated code for {what} does not parse ({source}); this is a generator bug")]
    Unparsable {
        path: String,
        what: String,
        source: syn::Error,
    },
    #[error("{path}: the docs or preformatted items of {what} were not put back after printing ({source}); this is a generator bug")]
    NotRestored {
        path: String,
        what: String,
        source: crate::deferred::UnmatchedPlaceholder,
    },
    #[error("{first} and {second} are both {service} {version}")]
    DuplicateVersion {
        first: String,
        second: String,
        service: String,
        version: String,
    },
}

/// Files of the generated crates, relative to `generated/`: `{service}/Cargo.toml`, … .
pub type Files = BTreeMap<PathBuf, String>;

/// Generates every service's crate: the whole of `generated/`.
pub fn generate(specs: &[SpecFile]) -> Result<Files, GenerateError> {
    generate_with_style(specs, SerdeStyle::Compact)
}

/// [`generate`] with a chosen serde style: `Derive` builds the baseline that
/// `cargo xtask bench-codegen` compares the compact impls with.
pub fn generate_with_style(specs: &[SpecFile], style: SerdeStyle) -> Result<Files, GenerateError> {
    // Versions are independent until the crate files: plan and render them in parallel. The
    // output does not depend on the order work finishes in (results are collected in order).
    let plans = specs.par_iter().map(Plan::new).collect::<Result<Vec<_>, _>>()?;
    generate_plans(plans, style)
}

/// [`generate`] without the setters of optional members, which `cargo xtask bench-codegen
/// --setters` builds beside [`generate`]'s crates to measure what the setters cost. For that
/// only: the docs' examples still call the setters.
pub fn generate_without_setters(specs: &[SpecFile]) -> Result<Files, GenerateError> {
    let plans = specs
        .par_iter()
        .map(|spec| Plan::new(spec).map(Plan::without_setters))
        .collect::<Result<Vec<_>, _>>()?;
    generate_plans(plans, SerdeStyle::Compact)
}

fn generate_plans(plans: Vec<Plan>, style: SerdeStyle) -> Result<Files, GenerateError> {
    layout::check_unique_versions(&plans)?;
    let rendered = plans
        .par_iter()
        .map(|plan| version_files(plan, style))
        .collect::<Result<Vec<_>, _>>()?;
    let mut files: Files = rendered.into_iter().flatten().collect();
    layout::crate_files(&plans, &mut files)?;
    Ok(files)
}

/// What [`generate_each`] made: the crate of every spec that generates, and the errors of the
/// others (each left out of the crate), in spec order.
pub struct Generated {
    pub files: Files,
    /// The plans of the specs in `files`, in spec order.
    pub plans: Vec<Plan>,
    pub failed: Vec<GenerateError>,
}

/// [`generate`] for measuring the generator on many specs at once (`cargo xtask stress`): a
/// spec that cannot be planned or rendered is left out of the crate with its error, instead of
/// failing the whole. Two specs of one service version are still an error.
pub fn generate_each(specs: &[SpecFile]) -> Result<Generated, GenerateError> {
    let mut files = Files::new();
    let mut plans = Vec::new();
    let mut failed = Vec::new();
    let outcomes: Vec<Result<(Plan, VersionFiles), GenerateError>> = specs
        .par_iter()
        .map(|spec| {
            let plan = Plan::new(spec)?;
            let own = version_files(&plan, SerdeStyle::Compact)?;
            Ok((plan, own))
        })
        .collect();
    for rendered in outcomes {
        match rendered {
            Ok((plan, own)) => {
                files.extend(own);
                plans.push(plan);
            }
            Err(error) => failed.push(error),
        }
    }
    layout::check_unique_versions(&plans)?;
    layout::crate_files(&plans, &mut files)?;
    Ok(Generated { files, plans, failed })
}

/// The files of one version's module, rendered: paths relative to `generated/`, and text.
type VersionFiles = Vec<(PathBuf, String)>;

fn version_files(plan: &Plan, style: SerdeStyle) -> Result<VersionFiles, GenerateError> {
    let dir = layout::version_dir(plan);
    // `types.rs` (most of the code) in parallel chunks, beside the other files.
    let (others, types) = rayon::join(
        || {
            let files = render::files(&plan.spec_path, || templates::service_version_files(plan))?;
            Ok::<_, GenerateError>(
                files
                    .into_iter()
                    .map(|(name, text)| (dir.join(name), text))
                    .collect::<VersionFiles>(),
            )
        },
        || {
            if !templates::has_types(plan) {
                return Ok::<_, GenerateError>(None);
            }
            let items = templates::types_items(plan);
            let text = render::file_of_items(&plan.spec_path, "types.rs", &items, |item| {
                templates::types_item(item, style)
            })?;
            Ok(Some((dir.join("types.rs"), text)))
        },
    );
    let mut files = others?;
    files.extend(types?);
    Ok(files)
}

/// The generated code for one action, the shapes it uses and its error codes, as one
/// self-contained module: what the seed snapshots show.
pub fn render_action(file: &SpecFile, action: &str) -> Result<String, GenerateError> {
    render_action_with_style(file, action, SerdeStyle::Compact)
}

/// Just the shapes an action uses, in the given serde style (for benchmarks that compare the
/// compact impls with serde's derive on the same types).
pub fn render_action_types(file: &SpecFile, action: &str, style: SerdeStyle) -> Result<String, GenerateError> {
    render_action_with_style(file, action, style)
}

fn render_action_with_style(file: &SpecFile, action: &str, style: SerdeStyle) -> Result<String, GenerateError> {
    render_planned_action(&Plan::new(file)?, action, style)
}

/// [`render_action`] or [`render_action_types`] of a spec already planned, for a caller that
/// renders several actions of one spec (`cargo xtask regen`'s `tests/generated/`).
pub fn render_planned_action(plan: &Plan, action: &str, style: SerdeStyle) -> Result<String, GenerateError> {
    let found = plan.actions.get(action).ok_or_else(|| GenerateError::UnknownAction {
        path: plan.spec_path.clone(),
        action: action.to_owned(),
    })?;
    let what = match style {
        SerdeStyle::Compact => format!("action {action}"),
        SerdeStyle::Derive => format!("types of {action}"),
    };
    render::file(&plan.spec_path, &what, || templates::action_module(plan, found, style))
}

/// One service version as a single module file (used for fixture specs).
pub fn render_module(file: &SpecFile) -> Result<String, GenerateError> {
    let plan = Plan::new(file)?;
    render::file(&file.path, "module", || templates::single_module(&plan))
}

/// [`render_module`] with every item rendered as tokens and printed by prettyplease, none
/// written as text: the same output, which `cargo xtask fuzz-codegen` checks on random specs.
pub fn render_module_from_tokens(file: &SpecFile) -> Result<String, GenerateError> {
    let plan = Plan::new(file)?;
    render::file_in(false, &file.path, "module", || templates::single_module(&plan))
}
