//! Event patterns: verb and noun phrases that state each event kind (data/event_patterns.tsv).
