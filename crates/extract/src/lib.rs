//! `attache-extract`: a [`attache_ingest::Document`] becomes a [`Record`].
//!
//! Pure: no I/O, no clock, no globals beyond the compiled lexicons. Owns sentences,
//! mentions, actors and coreference, dates, events, topics and quantities — each item
//! tied to the byte span of its evidence in `Document::text` — and the projection of a
//! record onto the gold format used by `attache eval`.

mod actors;
mod cameo;
mod coref;
mod dates;
mod events;
mod gold;
mod mentions;
mod offices;
mod pipeline;
mod publisher;
mod quantities;
mod record;
mod score;
mod sentences;
#[cfg(test)]
mod test_texts;
mod topics;
mod wordset;

pub use pipeline::extract;
pub use record::{
    Actor, EntityKind, Event, EventKind, Location, Mention, MentionKind, PartialDate, Quantity,
    Record, Sector, Span, Status, Topic, cameo_actor_code,
};

pub use gold::{
    FeedGold, GoldDoc, GoldEvent, GoldLocation, GoldMentions, GoldParticipant, GoldPerson,
    GoldPlace, GoldQuantity, gold_id,
};
pub use score::{
    Accuracy, CHANNEL_SUFFIX, Counts, DocDiff, DocScore, ListDiff, Metrics, Misses, NON_CORE_KINDS,
    Report, ValueError, company_key, describe_event, fold as fold_for_scoring, name_country_key,
    score_failure, score_file, score_record,
};

/// Version of the extractor; stored with every record so `attache reindex` knows what
/// is stale. Bump when rules or data change the output.
pub const EXTRACTOR_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "+rules.11");
