//! The synchronous pipeline as the server uses it: bytes → Documents → Records.

use attache_extract::Record;
use attache_ingest::Document;

/// Reads the documents in `bytes` (any format ingest knows), named `source`.
pub(crate) fn parse(source: &str, bytes: &[u8]) -> Result<Vec<Document>, String> {
    attache_ingest::parse_bytes(source, bytes, &attache_ingest::Options::default())
        .map_err(|e| e.to_string())
}

/// The record of one document.
pub(crate) fn extract(doc: &Document) -> Record {
    attache_extract::extract(doc)
}
