//! Export downloads: events selected by a filter, in one of the store's formats.

use crate::error::AppError;
use attache_store::export::{Format, export as store_export};
use attache_store::{EventFilter, Store};

/// MIME type and file extension of a format.
fn media(format: Format) -> (&'static str, &'static str) {
    match format {
        Format::Jsonl => ("application/x-ndjson", "jsonl"),
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::Plover => ("application/x-ndjson", "plover.jsonl"),
        Format::Cameo => ("text/tab-separated-values; charset=utf-8", "cameo.tsv"),
        Format::Ics => ("text/calendar; charset=utf-8", "ics"),
        Format::Parquet => ("application/vnd.apache.parquet", "parquet"),
    }
}

/// Writes the events `filter` selects in `format`; returns the bytes, MIME type and
/// file extension.
pub(crate) fn export(
    store: &Store,
    filter: &EventFilter,
    format: &str,
) -> Result<(Vec<u8>, &'static str, &'static str), AppError> {
    let fmt = Format::parse(format).ok_or_else(|| {
        let all: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
        AppError::BadRequest(format!(
            "unknown export format {format:?}: use one of {}",
            all.join(", ")
        ))
    })?;
    let mut out = Vec::new();
    store_export(store, filter, fmt, &mut out)?;
    let (mime, ext) = media(fmt);
    Ok((out, mime, ext))
}
