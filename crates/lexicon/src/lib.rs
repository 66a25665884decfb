//! `attache-lexicon`: the data files under `data/` compiled into fast matchers.
//!
//! Gazetteers (countries, places, organizations, titles), event patterns and topic
//! cues are facts kept as readable data files, included at build time and compiled
//! once. Nothing else lives here.

pub mod events;
pub mod topics;
