//! The plan: every decision about one service version's generated code, made once from the
//! spec and its name table before anything is emitted. Templates read the plan and nothing
//! else, so a decision (a field's type, whether it is optional, boxed, lenient, secret; an
//! action's retry class) lives in exactly one place, and [`Plan::render`] shows all of them
//! as text for review.
//!
//! Modelled on progenitor's `OperationMethod` (an operation resolved before emission) and
//! typify's `TypeEntry`/`StructPropertyState` (a type's properties with their presence).

mod action;
mod cycles;
mod error_code;
mod example;
mod limits;
mod overrides;
mod paging;
mod shape;
mod text;
mod value_set;
mod waiter;

use std::collections::BTreeMap;

pub use action::ActionPlan;
pub use error_code::ErrorCodePlan;
pub use limits::Limits;
pub use paging::{PaginationPlan, Paging, Scheme, Step};
pub use shape::{Construction, Decode, FieldPlan, FieldType, Presence, ShapePlan};
pub use value_set::{ValueSetPlan, VariantPlan};
pub use waiter::{PathStep, WaiterPlan};

use crate::naming::{crate_ident, crate_name, feature_name, version_module, Names, NamingError};
use crate::spec::{Spec, Usage};

/// A spec with the path it was read from (relative to the repository root), which every
/// generated file names in its header.
pub struct SpecFile {
    pub path: String,
    pub spec: Spec,
}

/// Everything the templates need to emit one service version.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub service: String,
    pub version: String,
    /// The spec file, named in every generated file's header.
    pub spec_path: String,
    /// `v20211206`.
    pub module: String,
    /// The service's crate, which holds this version: `tencentcloud-sdk-dts`.
    pub crate_name: String,
    /// The crate's feature for this version: `v20211206`.
    pub feature: String,
    /// Request domains the docs name; the default domain when they name none.
    pub domains: Vec<String>,
    /// By wire name.
    pub shapes: BTreeMap<String, ShapePlan>,
    /// By wire name.
    pub actions: BTreeMap<String, ActionPlan>,
    /// By wire code.
    pub error_codes: BTreeMap<String, ErrorCodePlan>,
    /// Generated value-set enums, by their name in the spec.
    pub value_sets: BTreeMap<String, ValueSetPlan>,
    /// By name.
    pub waiters: BTreeMap<String, WaiterPlan>,
}

/// Why a spec cannot be planned; names the spec file and the place in it.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("{path}: {source}")]
    Naming { path: String, source: NamingError },
    #[error("{path}: at `{field}`: {message}")]
    Invalid {
        path: String,
        field: String,
        message: String,
    },
}

impl Plan {
    /// Plans `file` within the default [`Limits`].
    pub fn new(file: &SpecFile) -> Result<Plan, PlanError> {
        Plan::with_limits(file, &Limits::default())
    }

    pub fn with_limits(file: &SpecFile, limits: &Limits) -> Result<Plan, PlanError> {
        let invalid = |(field, message): (String, String)| PlanError::Invalid {
            path: file.path.clone(),
            field,
            message,
        };
        // Specs from files are validated when loaded; one built in code may not be.
        crate::spec::validate(&file.spec).map_err(invalid)?;
        let spec = overrides::apply(&file.spec).map_err(invalid)?;
        limits.check(&spec).map_err(invalid)?;
        let names = Names::resolve(&spec).map_err(|source| PlanError::Naming {
            path: file.path.clone(),
            source,
        })?;
        let value_sets = value_set::plan_value_sets(&spec, &names);
        let shapes = shape::plan_shapes(&spec, &names).map_err(invalid)?;
        let module = format!("{}::{}", crate_ident(&spec.service), version_module(&spec.version));
        let examples = example::ExampleContext {
            module: &module,
            shapes: &shapes,
            value_sets: &value_sets,
        };
        let actions: BTreeMap<String, ActionPlan> = spec
            .actions
            .iter()
            .map(|(wire, action)| {
                let paging = paging::plan_paging(&shapes[&action.input], &shapes[&action.output], &shapes);
                (
                    wire.clone(),
                    action::plan_action(&spec, &names, wire, action, paging, &examples),
                )
            })
            .collect();
        let waiters = spec
            .waiters
            .iter()
            .map(|(name, w)| {
                let output = actions.get(&w.action).map(|a| &shapes[&a.output]);
                waiter::plan_waiter(name, w, output, &shapes, &value_sets).map(|plan| (name.clone(), plan))
            })
            .collect::<Result<_, _>>()
            .map_err(invalid)?;
        let error_codes = spec
            .error_codes
            .iter()
            .map(|(wire, description)| {
                let description_en = spec.error_codes_en.get(wire).map(String::as_str).unwrap_or_default();
                (
                    wire.clone(),
                    error_code::plan_code(&names, wire, description_en, description),
                )
            })
            .collect();
        let domains = if spec.domains.is_empty() {
            vec![format!("{}.tencentcloudapi.com", spec.service)]
        } else {
            spec.domains.clone()
        };
        Ok(Plan {
            service: spec.service.clone(),
            version: spec.version.clone(),
            spec_path: file.path.clone(),
            module: version_module(&spec.version),
            crate_name: crate_name(&spec.service),
            feature: feature_name(&spec.version),
            domains,
            shapes,
            actions,
            error_codes,
            value_sets,
            waiters,
        })
    }

    /// The shape with this wire name; the plan holds every shape its fields and actions name.
    pub fn shape(&self, wire: &str) -> &ShapePlan {
        self.shapes
            .get(wire)
            .unwrap_or_else(|| panic!("shape `{wire}` is planned"))
    }

    /// Shapes the caller sends (input or both).
    pub fn input_shapes(&self) -> impl Iterator<Item = &ShapePlan> {
        self.shapes.values().filter(|s| s.usage != Usage::Output)
    }

    /// The plan with no setters (see [`crate::generate_without_setters`]).
    pub fn without_setters(mut self) -> Plan {
        for field in self.shapes.values_mut().flat_map(|shape| &mut shape.fields) {
            field.setter = None;
        }
        self
    }
}
