//! Files compiled into the binary: the static assets of the web UI (`assets/`) and
//! the example releases of the repository (`examples/`) for `attache serve --demo`.

use crate::AppState;
use attache_store::Store;
use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rust_embed::Embed;

#[derive(Embed)]
#[folder = "assets/"]
struct Static;

#[derive(Embed)]
#[folder = "../../examples/"]
struct Examples;

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/static/{file}", get(static_file))
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, e)| e) {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

/// One embedded asset, with an ETag and a day of caching; `If-None-Match` gets 304.
async fn static_file(Path(file): Path<String>, headers: HeaderMap) -> Response {
    if file.contains("..") || file.contains('/') || file.contains('\\') {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(asset) = Static::get(&file) else {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    };
    let hash = asset.metadata.sha256_hash();
    let etag = format!(
        "\"{}\"",
        hash.iter()
            .take(12)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let cache = HeaderValue::from_static("public, max-age=86400");
    let etag_value = HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"0\""));
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
    {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag_value), (header::CACHE_CONTROL, cache)],
        )
            .into_response();
    }
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(&file)),
            ),
            (header::ETAG, etag_value),
            (header::CACHE_CONTROL, cache),
        ],
        asset.data.into_owned(),
    )
        .into_response()
}

/// Ingests every bundled example release into `store` (idempotent: unchanged releases
/// are left alone). Returns the number of documents read.
pub fn ingest_demo(store: &mut Store) -> Result<usize, String> {
    let mut names: Vec<String> = Examples::iter().map(|n| n.into_owned()).collect();
    names.sort();
    let mut items = Vec::new();
    for name in names {
        if name.ends_with(".md") && name.to_ascii_lowercase().contains("readme") {
            continue;
        }
        let Some(file) = Examples::get(&name) else {
            continue;
        };
        let source = format!("examples/{name}");
        match crate::pipeline::parse(&source, &file.data) {
            Ok(docs) => {
                for doc in docs {
                    match crate::pipeline::extract(&doc) {
                        Ok(record) => items.push((doc, record)),
                        Err(e) => tracing::warn!(error = %e, "example release skipped"),
                    }
                }
            }
            Err(e) => tracing::warn!(%source, error = %e, "example release skipped"),
        }
    }
    let n = items.len();
    let outcomes = store.ingest_batch(&items).map_err(|e| e.to_string())?;
    for (outcome, (doc, _)) in outcomes.iter().zip(&items) {
        if let Err(e) = outcome {
            tracing::warn!(source = %doc.source, error = %e, "example release not stored");
        }
    }
    Ok(n)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn assets_are_embedded() {
        for f in ["style.css", "print.css", "app.js"] {
            assert!(Static::get(f).is_some(), "{f}");
        }
        assert_eq!(content_type("app.js"), "text/javascript; charset=utf-8");
    }
}
