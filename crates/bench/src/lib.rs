//! `attache-bench`: the deterministic benchmark corpus ([`corpus`]) and the small
//! statistics the end-to-end runner prints ([`stats`]). The binaries are `gen-corpus`
//! (write N generated releases as JSON Lines or Markdown files) and `e2e` (query
//! latency percentiles on a knowledge base, and the load script for the server).

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod corpus;
pub mod stats;
