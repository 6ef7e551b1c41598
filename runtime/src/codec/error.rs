//! Why a decode failed, and where.

use std::fmt;

/// A decode failure: what was wrong, the byte offset in the text, and the path to the value
/// (`JobList[0].Status`). The path is built as the failure returns through the decoders, so a
/// successful decode never pays for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    message: String,
    offset: usize,
    /// Innermost segment first.
    path: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Member(Box<str>),
    Index(usize),
}

impl DecodeError {
    pub fn new(message: impl Into<String>, offset: usize) -> Self {
        DecodeError {
            message: message.into(),
            offset,
            path: Vec::new(),
        }
    }

    /// What was wrong with the value.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Byte offset in the decoded text where decoding stopped.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The path from the decoded value to the failing one: `JobList[0].Status`; empty for the
    /// value itself.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for segment in self.path.iter().rev() {
            match segment {
                Segment::Member(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    /// The innermost member on the path, whose value failed (for redacting secrets).
    pub fn member(&self) -> Option<&str> {
        self.path.iter().find_map(|s| match s {
            Segment::Member(name) => Some(&**name),
            Segment::Index(_) => None,
        })
    }

    /// The failure, inside member `key` of an object.
    pub fn in_member(mut self, key: &str) -> Self {
        self.path.push(Segment::Member(key.into()));
        self
    }

    /// The failure, inside item `index` of a list.
    pub fn at_index(mut self, index: usize) -> Self {
        self.path.push(Segment::Index(index));
        self
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path(), self.message)
        }
    }
}

impl std::error::Error for DecodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_reads_from_the_outside_in() {
        let e = DecodeError::new("bad", 3)
            .in_member("Status")
            .at_index(2)
            .in_member("JobList");
        assert_eq!(e.path(), "JobList[2].Status");
        assert_eq!(e.member(), Some("Status"));
        assert_eq!(e.to_string(), "JobList[2].Status: bad");
        assert_eq!(DecodeError::new("bad", 0).to_string(), "bad");
    }
}
