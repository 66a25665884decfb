//! The JSON API under `/api`. Every error is `{"error": "..."}` with its status.
//! The router is built from [`ROUTE_TABLE`], which the OpenAPI test compares with
//! the document.

use crate::AppState;
use crate::data;
use crate::error::{ApiError, AppError};
use crate::pages::{process, upload_source};
use crate::params::{RawEventFilter, RawPage, date};
use crate::security;
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

type ApiResult<T = Json<Value>> = Result<T, ApiError>;

/// Routes (relative to `/api`) and their methods.
pub(crate) const ROUTE_TABLE: &[(&str, &[&str])] = &[
    ("/openapi.json", &["get"]),
    ("/stats", &["get"]),
    ("/documents", &["get", "post"]),
    ("/documents/{id}", &["get"]),
    ("/documents/{id}/record", &["get"]),
    ("/extract", &["post"]),
    ("/events", &["get"]),
    ("/events/{id}", &["get"]),
    ("/timeline", &["get"]),
    ("/actors", &["get"]),
    ("/search", &["get"]),
    ("/upcoming", &["get"]),
    ("/export/{format}", &["get"]),
];

fn handlers(path: &str) -> MethodRouter<AppState> {
    match path {
        "/openapi.json" => get(openapi),
        "/stats" => get(stats),
        "/documents" => get(list_documents).post(ingest),
        "/documents/{id}" => get(document),
        "/documents/{id}/record" => get(record),
        "/extract" => post(extract),
        "/events" => get(events),
        "/events/{id}" => get(event),
        "/timeline" => get(timeline),
        "/actors" => get(actors),
        "/search" => get(search),
        "/upcoming" => get(upcoming),
        "/export/{format}" => get(export),
        _ => get(unknown),
    }
}

pub(crate) fn routes() -> Router<AppState> {
    ROUTE_TABLE
        .iter()
        .fold(Router::new(), |r, (path, _)| r.route(path, handlers(path)))
}

async fn unknown() -> ApiError {
    ApiError(AppError::NotFound("no such API route".into()))
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, AppError> {
    q.map(|Query(v)| v)
        .map_err(|e| AppError::BadRequest(e.body_text()))
}

fn to_json<T: Serialize>(v: &T) -> Result<Json<Value>, AppError> {
    serde_json::to_value(v)
        .map(Json)
        .map_err(|e| AppError::Internal(e.to_string()))
}

async fn openapi() -> Json<Value> {
    Json(crate::openapi::document())
}

async fn stats(State(state): State<AppState>) -> ApiResult {
    let s = state.with_store(|s| Ok(s.stats()?)).await?;
    Ok(to_json(&s)?)
}

async fn list_documents(
    State(state): State<AppState>,
    q: Result<Query<RawPage>, QueryRejection>,
) -> ApiResult {
    let pg = query(q)?.validate(crate::params::DEFAULT_LIMIT)?;
    let docs = state
        .with_store(move |s| Ok(s.documents(pg.limit, pg.offset)?))
        .await?;
    Ok(Json(
        json!({ "items": docs, "limit": pg.limit, "offset": pg.offset }),
    ))
}

async fn document(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let doc = state
        .with_store(move |s| {
            s.document(&id)?
                .ok_or_else(|| AppError::NotFound(format!("no document with id {id}")))
        })
        .await?;
    Ok(to_json(&doc)?)
}

async fn record(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let rec = state
        .with_store(move |s| {
            s.record(&id)?
                .ok_or_else(|| AppError::NotFound(format!("no record for document {id}")))
        })
        .await?;
    Ok(to_json(&rec)?)
}

#[derive(Debug, Default, Deserialize)]
struct SourceQuery {
    source: Option<String>,
}

async fn extract(
    q: Result<Query<SourceQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    let sq = query(q)?;
    let body = body?;
    let source = upload_source(sq.source.as_deref(), &body);
    let up = process(source, body.to_vec(), None).await?;
    let items: Vec<Value> = up
        .items
        .iter()
        .map(|(d, r)| json!({ "document": d, "record": r }))
        .collect();
    Ok(Json(json!({ "items": items })))
}

async fn ingest(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<SourceQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    security::check_token(state.write_token.as_deref(), security::bearer(&headers))?;
    let sq = query(q)?;
    let body = body?;
    let source = upload_source(sq.source.as_deref(), &body);
    let up = process(source, body.to_vec(), None).await?;
    let items = up.items;
    let out = state
        .with_writer(move |s| {
            let outcomes = s.ingest_batch(&items)?;
            let mut out = Vec::new();
            for ((d, r), o) in items.iter().zip(outcomes) {
                let o = o?;
                out.push(json!({
                    "id": d.id, "source": d.source, "title": d.title,
                    "status": o.status, "events_new": o.events_new, "events_merged": o.events_merged,
                    "events": r.events.len(),
                }));
            }
            Ok(out)
        })
        .await?;
    Ok(Json(json!({ "items": out })))
}

async fn events(
    State(state): State<AppState>,
    q: Result<Query<RawEventFilter>, QueryRejection>,
) -> ApiResult {
    let eq = query(q)?.validate()?;
    let filter = crate::pages::store_filter(&eq);
    let (limit, offset) = (filter.limit, filter.offset);
    let rows = state.with_store(move |s| Ok(s.events(&filter)?)).await?;
    Ok(Json(
        json!({ "items": rows, "limit": limit, "offset": offset }),
    ))
}

async fn event(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::BadRequest(format!("event id must be an integer, not {id:?}")))?;
    let e = state
        .with_store(move |s| {
            s.event(id)?
                .ok_or_else(|| AppError::NotFound(format!("no event with id {id}")))
        })
        .await?;
    Ok(to_json(&e)?)
}

#[derive(Debug, Default, Deserialize)]
struct PairQuery {
    a: Option<String>,
    b: Option<String>,
}

fn required(name: &str, v: Option<String>) -> Result<String, AppError> {
    v.map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| AppError::BadRequest(format!("parameter {name} is required")))
}

async fn timeline(
    State(state): State<AppState>,
    q: Result<Query<PairQuery>, QueryRejection>,
) -> ApiResult {
    let pq = query(q)?;
    let a = crate::params::resolve_side("a", &Some(required("a", pq.a)?))?.unwrap_or_default();
    let b = crate::params::resolve_side("b", &Some(required("b", pq.b)?))?.unwrap_or_default();
    let t = state.with_store(move |s| Ok(s.timeline(&a, &b)?)).await?;
    Ok(to_json(&t)?)
}

#[derive(Debug, Default, Deserialize)]
struct NameQuery {
    name: Option<String>,
}

async fn actors(
    State(state): State<AppState>,
    q: Result<Query<NameQuery>, QueryRejection>,
) -> ApiResult {
    let name = required("name", query(q)?.name)?;
    let profiles = state.with_store(move |s| Ok(s.actor(&name)?)).await?;
    if profiles.is_empty() {
        return Err(AppError::NotFound("no person matches this name".into()).into());
    }
    Ok(Json(json!({ "items": profiles })))
}

#[derive(Debug, Default, Deserialize)]
struct SearchQuery {
    q: Option<String>,
    syntax: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

async fn search(
    State(state): State<AppState>,
    q: Result<Query<SearchQuery>, QueryRejection>,
) -> ApiResult {
    let sq = query(q)?;
    let text = required("q", sq.q)?;
    let pg = RawPage {
        limit: sq.limit,
        offset: sq.offset,
    }
    .validate(20)?;
    let fts = match sq.syntax.as_deref() {
        None | Some("") | Some("words") => false,
        Some("fts") => true,
        Some(other) => {
            return Err(AppError::BadRequest(format!(
                "syntax must be words or fts, not {other:?}"
            ))
            .into());
        }
    };
    let hits = state
        .with_store(move |s| {
            Ok(if fts {
                s.search_raw(&text, pg.limit, pg.offset)?
            } else {
                s.search(&text, pg.limit, pg.offset)?
            })
        })
        .await?;
    let items: Vec<Value> = hits
        .iter()
        .map(|h| {
            let mut v = serde_json::to_value(h).unwrap_or(Value::Null);
            v["snippet_html"] = Value::String(
                h.snippet
                    .iter()
                    .map(|p| {
                        let t = crate::html::escape(&p.text);
                        if p.hit {
                            format!("<mark>{t}</mark>")
                        } else {
                            t
                        }
                    })
                    .collect(),
            );
            v
        })
        .collect();
    Ok(Json(
        json!({ "items": items, "limit": pg.limit, "offset": pg.offset }),
    ))
}

#[derive(Debug, Default, Deserialize)]
struct UpcomingQuery {
    after: Option<String>,
    limit: Option<String>,
}

async fn upcoming(
    State(state): State<AppState>,
    q: Result<Query<UpcomingQuery>, QueryRejection>,
) -> ApiResult {
    let uq = query(q)?;
    let after = match date("after", uq.after.as_deref())? {
        Some(d) => d
            .to_date()
            .ok_or_else(|| AppError::BadRequest("after must be a full date YYYY-MM-DD".into()))?,
        None => data::today(),
    };
    let pg = RawPage {
        limit: uq.limit,
        offset: None,
    }
    .validate(crate::params::DEFAULT_LIMIT)?;
    let rows = state
        .with_store(move |s| Ok(s.upcoming(after, Some(pg.limit))?))
        .await?;
    Ok(Json(json!({ "items": rows, "after": after.to_string() })))
}

async fn export(
    State(state): State<AppState>,
    Path(format): Path<String>,
    q: Result<Query<RawEventFilter>, QueryRejection>,
) -> Result<Response, ApiError> {
    let mut raw = query(q)?;
    raw.limit = None;
    raw.offset = None;
    let eq = raw.validate()?;
    let mut filter = crate::pages::store_filter(&eq);
    filter.limit = None;
    filter.offset = 0;
    let (bytes, mime, ext) = state
        .with_store(move |s| crate::export::export(s, &filter, &format))
        .await?;
    let disposition = format!("attachment; filename=\"attache-events.{ext}\"");
    let mut res = bytes.into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
