//! Why definitions cannot be imported: always the file and the place within it.

/// An input that cannot be read or converted. `field` is a JSON path (`objects.Task.members[3]`)
/// or, for Python sources, a line (`line 12`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}: at `{field}`: {message}")]
pub struct DefinitionsError {
    pub file: String,
    pub field: String,
    pub message: String,
}

impl DefinitionsError {
    pub fn new(file: impl Into<String>, field: impl Into<String>, message: impl Into<String>) -> Self {
        DefinitionsError {
            file: file.into(),
            field: field.into(),
            message: message.into(),
        }
    }
}
