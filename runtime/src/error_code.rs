//! Error codes returned in `Response.Error.Code`.

use std::fmt;

/// Implemented by each generated per-service error-code enum.
///
/// Generated enums are `#[non_exhaustive]` and carry an `Unknown(String)` fallback, so decoding
/// a code never fails, even for codes added to the service after generation.
pub trait ErrorCode: Clone + fmt::Debug + fmt::Display + Send + Sync + 'static {
    /// Maps a wire code to a variant; unknown codes map to the fallback.
    fn from_code(code: &str) -> Self;
    /// The exact wire string, e.g. `"AuthFailure.SignatureExpire"`.
    fn as_code(&self) -> &str;
}

/// A plain-string error code, for callers without a generated enum.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnknownCode(pub String);

impl ErrorCode for UnknownCode {
    fn from_code(code: &str) -> Self {
        UnknownCode(code.to_owned())
    }

    fn as_code(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_code_round_trips_the_wire_string() {
        let code = UnknownCode::from_code("AuthFailure.SignatureExpire");
        assert_eq!(code.as_code(), "AuthFailure.SignatureExpire");
        assert_eq!(code.to_string(), "AuthFailure.SignatureExpire");
    }
}
