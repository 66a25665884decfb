//! Export downloads: events selected by a filter, in one of the store's formats.

use crate::error::AppError;
use attache_store::export::{Format, export as store_export};
use attache_store::{EventFilter, Store};

/// Writes the events `filter` selects in `format`; returns the bytes, MIME type and
/// file extension.
pub(crate) fn export(
    store: &Store,
    filter: &EventFilter,
    format: &str,
) -> Result<(Vec<u8>, &'static str, &'static str), AppError> {
    let fmt: Format = format.parse().map_err(AppError::BadRequest)?;
    let mut out = Vec::new();
    store_export(store, filter, fmt, &mut out)?;
    Ok((out, fmt.mime(), fmt.extension()))
}
