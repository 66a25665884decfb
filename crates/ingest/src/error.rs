//! The ingest error: which input (and JSON Lines line) failed, and why.

use std::fmt;

/// Why one input (or one JSON Lines line) could not become a [`crate::Document`].
#[derive(Debug, thiserror::Error)]
#[error("{input}{}: {reason}", LineSuffix(*.line))]
pub struct IngestError {
    /// The input: a path, `path#n` for a feed item, or `-` for standard input.
    pub input: String,
    /// 1-based line number for JSON Lines input.
    pub line: Option<usize>,
    /// What went wrong.
    #[source]
    pub reason: Reason,
}

struct LineSuffix(Option<usize>);

impl fmt::Display for LineSuffix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(n) => write!(f, ":{n}"),
            None => Ok(()),
        }
    }
}

/// The reason an input failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Reason {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("empty file")]
    Empty,
    #[error(
        "too large: {size} bytes or more, over the limit of {limit} bytes (raise it with --max-bytes N, or Options::max_bytes)"
    )]
    TooLarge { size: u64, limit: u64 },
    #[error("binary file ({0}), not a press release")]
    Binary(&'static str),
    #[error("HTML nested {depth} levels deep, over the limit of {limit}")]
    TooDeep { depth: usize, limit: usize },
    #[error("HTML too irregular to parse safely: {0}")]
    Malformed(&'static str),
    #[error("invalid feed: {0}")]
    Feed(String),
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("JSON record has neither `text` nor `html`")]
    NoTextField,
    #[error("XML document that is not an RSS or Atom feed")]
    NotAFeed,
    #[error("no text found")]
    NoText,
}

impl IngestError {
    pub(crate) fn new(input: impl Into<String>, reason: Reason) -> Self {
        IngestError {
            input: input.into(),
            line: None,
            reason,
        }
    }

    pub(crate) fn at_line(input: impl Into<String>, line: usize, reason: Reason) -> Self {
        IngestError {
            input: input.into(),
            line: Some(line),
            reason,
        }
    }
}
