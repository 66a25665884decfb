//! The HTML pages: routes and the small views they share (event lists, links, dates).

mod browse;
mod reader;
mod upload;

use crate::AppState;
use crate::error::{AppError, PageError};
use crate::html::{Html, url_enc, w};
use crate::layout::{Ctx, FontSize, Page};
use attache_extract::{PartialDate, Status};
use attache_store::EventRow;
use axum::Form;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub(crate) use browse::store_filter;
pub(crate) use reader::render_reader;
pub(crate) use upload::{process, upload_source};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(browse::home))
        .route("/documents", get(browse::documents))
        .route("/doc/{id}", get(reader::reader))
        .route("/doc/{id}/print", get(reader::print))
        .route("/events", get(browse::events))
        .route("/events/{id}", get(browse::event))
        .route("/pair/{a}/{b}", get(browse::pair))
        .route("/person/{name}", get(browse::person))
        .route("/org/{name}", get(browse::org))
        .route("/search", get(browse::search))
        .route("/upload", get(upload::form).post(upload::submit))
        .route("/prefs", post(prefs))
}

/// 404 for every path no route serves (JSON under `/api`).
pub(crate) async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") || uri.path() == "/api" {
        return crate::error::ApiError(AppError::NotFound(format!(
            "no such API route: {}",
            uri.path()
        )))
        .into_response();
    }
    PageError(AppError::NotFound(format!(
        "There is no page at {}.",
        uri.path()
    )))
    .into_response()
}

#[derive(Debug, Deserialize)]
pub(crate) struct PrefsForm {
    fs: Option<String>,
    back: Option<String>,
}

/// A safe place to return to: a local absolute path, never another origin.
fn local_path(back: Option<&str>) -> &str {
    match back {
        Some(b)
            if b.starts_with('/')
                && !b.starts_with("//")
                && !b.contains('\\')
                && !b.chars().any(|c| c.is_control()) =>
        {
            b
        }
        _ => "/",
    }
}

/// The font-size form without JavaScript: set the cookie and go back.
async fn prefs(Form(form): Form<PrefsForm>) -> Response {
    let size = form
        .fs
        .as_deref()
        .and_then(FontSize::parse)
        .unwrap_or_default();
    let cookie = format!(
        "fs={}; Path=/; Max-Age=31536000; SameSite=Lax",
        size.as_str()
    );
    let back = local_path(form.back.as_deref()).to_string();
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let (Ok(c), Ok(l)) = (HeaderValue::from_str(&cookie), HeaderValue::from_str(&back)) {
        res.headers_mut().insert(header::SET_COOKIE, c);
        res.headers_mut().insert(header::LOCATION, l);
    }
    res
}

/// A query string for a page: a malformed one is an HTML 400, like any bad value.
#[derive(Debug)]
pub(crate) struct PageQuery<T>(pub(crate) T);

impl<T, S> axum::extract::FromRequestParts<S> for PageQuery<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| PageQuery(v))
            .map_err(|e| PageError(AppError::BadRequest(e.body_text())))
    }
}

pub(crate) type PageResult = Result<axum::response::Html<String>, PageError>;

pub(crate) fn page(title: impl Into<String>, body: Html, ctx: &Ctx) -> PageResult {
    Ok(Page::new(title).render_body(body, Some(ctx)))
}

/// A date as shown to readers.
pub(crate) fn show_date(d: Option<PartialDate>) -> String {
    d.map(|d| d.to_string())
        .unwrap_or_else(|| "date unknown".into())
}

pub(crate) fn kind_label(kind: &str) -> String {
    let s = kind.replace('_', " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

pub(crate) fn status_tag(h: &mut Html, status: Status) {
    w!(h, "<span class=\"tag " {status.as_str()} "\">" {status.as_str()} "</span>");
}

/// Display name of a side: a country's short name, an organization's acronym, or the
/// code itself.
pub(crate) fn side_name(code: &str) -> String {
    let lex = attache_lexicon::lexicon();
    if let Some(c) = lex.country(code) {
        return c.name.to_string();
    }
    code.to_string()
}

/// Links to the pair pages of an event's sides.
pub(crate) fn sides(h: &mut Html, sides: &[String]) {
    for (i, s) in sides.iter().enumerate() {
        if i > 0 {
            h.raw(" – ");
        }
        w!(h, "<strong title=\"" {s} "\">" {side_name(s)} "</strong>");
    }
    if sides.len() == 2 {
        w!(h, " <a href=\"/pair/" {url_enc(&sides[0])} "/" {url_enc(&sides[1])} "\">timeline</a>");
    }
}

/// One event in a list.
pub(crate) fn event_item(h: &mut Html, e: &EventRow) {
    w!(h, "<li class=\"event\"><a href=\"/events/" {e.id} "\"><strong>" {kind_label(e.kind.as_str())}
        "</strong></a> ");
    status_tag(h, e.status);
    w!(h, " <span class=\"meta\">" {show_date(e.date)});
    if let Some(end) = e.date_end {
        w!(h, " to " {end});
    }
    if let Some(loc) = &e.location {
        let place = [loc.place.as_deref(), loc.country.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        if !place.is_empty() {
            w!(h, " · " {place});
        }
    }
    w!(h, " · " {e.sources.len()} " source(s)</span><br>");
    sides(h, &e.sides);
    if !e.participants.is_empty() {
        h.raw("<br><span class=\"muted\">");
        for (i, p) in e.participants.iter().enumerate() {
            if i > 0 {
                h.raw("; ");
            }
            w!(h, "<a href=\"/person/" {url_enc(&p.name)} "\">" {&p.name} "</a>");
            if let Some(t) = p.titles.first() {
                w!(h, ", " {t});
            }
        }
        h.raw("</span>");
    }
    h.raw("</li>");
}

pub(crate) fn event_list(h: &mut Html, events: &[EventRow], empty: &'static str) {
    if events.is_empty() {
        w!(h, "<p class=\"muted\">" {empty} "</p>");
        return;
    }
    h.raw("<ul class=\"plain events\">");
    for e in events {
        event_item(h, e);
    }
    h.raw("</ul>");
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn back_paths_stay_local() {
        assert_eq!(local_path(Some("/doc/x?hl=e0")), "/doc/x?hl=e0");
        assert_eq!(local_path(Some("//evil.example/")), "/");
        assert_eq!(local_path(Some("https://evil.example/")), "/");
        assert_eq!(local_path(None), "/");
    }
}
