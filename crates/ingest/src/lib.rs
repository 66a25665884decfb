//! `attache-ingest`: bytes in any format we are given become clean [`Document`]s.
//!
//! Owns format detection (HTML page, plain text, Markdown with front matter, RSS/Atom,
//! JSON Lines), decoding (BOMs, declared and detected legacy charsets), main-content
//! extraction with page chrome removed, and metadata (title, publication date, URL,
//! language). Every offset in a [`Document`] is a byte offset into its `text`.

mod document;

pub use document::{Document, FeedInfo, Paragraph};
