//! Fuzz target: bytes of any format (detected from the content, as `attache ingest`
//! does) never panic, and every document's paragraphs lie inside its text.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::ingest(data, None);
});
