//! Fuzz target: bytes read as Feed (`Options::format = Some(Format::Feed)`) never
//! panic, and every document's paragraphs lie inside its text.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::ingest(data, Some(attache_ingest::Format::Feed));
});
