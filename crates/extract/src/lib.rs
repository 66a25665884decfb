//! `attache-extract`: a [`attache_ingest::Document`] becomes a [`Record`].
//!
//! Pure: no I/O, no clock, no globals beyond the compiled lexicons. Owns sentences,
//! mentions, actors and coreference, dates, events, topics and quantities — each item
//! tied to the byte span of its evidence in `Document::text` — and the projection of a
//! record onto the gold format used by `attache eval`.

mod dates;
mod quantities;
mod record;
mod topics;

pub use record::{
    Actor, EntityKind, Event, EventKind, Location, Mention, MentionKind, PartialDate,
    Quantity, Record, Sector, Span, Status, Topic,
};

/// Version of the extractor; stored with every record so `attache reindex` knows what
/// is stale. Bump when rules or data change the output.
pub const EXTRACTOR_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "+rules.1");
