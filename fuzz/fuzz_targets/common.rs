//! Shared by the fuzz targets: ingest bytes as one format and check every document.

use attache_ingest::{Document, Format, Options, parse_bytes};

/// Checks the invariants of a document: paragraph ranges inside the text, on char
/// boundaries, in order.
pub fn check_document(d: &Document) {
    let mut last = 0;
    for p in &d.paragraphs {
        assert!(p.start <= p.end && p.end <= d.text.len(), "{p:?} outside the text");
        assert!(d.text.is_char_boundary(p.start) && d.text.is_char_boundary(p.end));
        assert!(p.start >= last, "paragraphs out of order");
        last = p.end;
    }
}

/// Ingests `data` as `format` (detected when `None`) and checks each document.
pub fn ingest(data: &[u8], format: Option<Format>) -> Vec<Document> {
    let opts = Options {
        max_bytes: 1 << 20,
        format,
    };
    match parse_bytes("fuzz", data, &opts) {
        Ok(docs) => {
            docs.iter().for_each(check_document);
            docs
        }
        Err(e) => {
            // Every error names its input.
            assert!(e.to_string().starts_with("fuzz"), "{e}");
            Vec::new()
        }
    }
}
