//! attache-lexicon (placeholder until its stage lands).
