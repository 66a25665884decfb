//! The synchronous pipeline as the server uses it: bytes → Documents → Records.
//! A panic inside extraction is caught and reported as an error for that document,
//! so one odd release never takes down a request thread or the demo start.

use attache_extract::Record;
use attache_ingest::Document;

/// Reads the documents in `bytes` (any format ingest knows), named `source`.
pub(crate) fn parse(source: &str, bytes: &[u8]) -> Result<Vec<Document>, String> {
    attache_ingest::parse_bytes(source, bytes, &attache_ingest::Options::default())
        .map_err(|e| e.to_string())
}

/// The record of one document.
pub(crate) fn extract(doc: &Document) -> Result<Record, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        attache_extract::extract(doc)
    }))
    .map_err(|panic| {
        let msg = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "unknown failure".into());
        format!("extraction of {} failed: {msg}", doc.source)
    })
}
