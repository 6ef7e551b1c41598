//! Environment-variable lookup, injectable so tests never mutate the process environment.

use std::fmt;
use std::sync::Arc;

type Lookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

#[derive(Clone, Default)]
pub(crate) enum Vars {
    #[default]
    Process,
    Custom(Lookup),
}

impl Vars {
    pub(crate) fn custom(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        Vars::Custom(Arc::new(lookup))
    }

    /// The variable's value; unset, empty and non-UTF-8 values all count as absent.
    pub(crate) fn get(&self, name: &str) -> Option<String> {
        let value = match self {
            Vars::Process => std::env::var(name).ok(),
            Vars::Custom(lookup) => lookup(name),
        };
        value.filter(|v| !v.is_empty())
    }
}

impl fmt::Debug for Vars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Values may be secrets: show only where they come from.
        f.write_str(match self {
            Vars::Process => "Vars::Process",
            Vars::Custom(_) => "Vars::Custom",
        })
    }
}
