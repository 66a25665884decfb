//! One module per subcommand.

pub(crate) mod actor;
pub(crate) mod doc;
pub(crate) mod eval;
pub(crate) mod events;
pub(crate) mod export;
pub(crate) mod extract;
pub(crate) mod ingest;
pub(crate) mod reindex;
pub(crate) mod search;
pub(crate) mod serve;
pub(crate) mod stats;
pub(crate) mod timeline;
pub(crate) mod upcoming;
