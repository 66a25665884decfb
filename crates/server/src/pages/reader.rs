//! The release reader: title, date, source, clean text, and beside it the extracted
//! record, whose items highlight their evidence in the text; and the print view.

use super::PageQuery;
use super::{PageResult, kind_label, page, show_date, status_tag};
use crate::AppState;
use crate::error::AppError;
use crate::highlight::{self, Mark};
use crate::html::{Html, is_web_url, url_enc, w};
use crate::layout::{Ctx, Page};
use attache_extract::{MentionKind, Record, Span};
use attache_ingest::Document;
use axum::extract::{Path, State};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ReaderQuery {
    /// Item of the record to highlight (`e0`, `p1`, …).
    hl: Option<String>,
    /// A raw span to highlight, `START-END` (links from event pages).
    at: Option<String>,
    /// Words to highlight (links from search results).
    q: Option<String>,
}

/// Items of the record as marks: events, people, organizations, places, figures, topics.
pub(crate) fn record_marks(record: &Record) -> Vec<Mark> {
    let mut marks = Vec::new();
    for (i, e) in record.events.iter().enumerate() {
        marks.push(Mark {
            id: format!("e{i}"),
            spans: e.evidence.clone(),
        });
    }
    for (i, a) in record.actors.iter().enumerate() {
        marks.push(Mark {
            id: format!("p{i}"),
            spans: a.spans.clone(),
        });
    }
    for (prefix, group) in [
        ("o", grouped(record, &[MentionKind::Organization])),
        (
            "l",
            grouped(record, &[MentionKind::Country, MentionKind::Place]),
        ),
    ] {
        for (i, (_, spans)) in group.into_iter().enumerate() {
            marks.push(Mark {
                id: format!("{prefix}{i}"),
                spans,
            });
        }
    }
    for (i, q) in record.quantities.iter().enumerate() {
        marks.push(Mark {
            id: format!("q{i}"),
            spans: vec![q.span],
        });
    }
    for (i, t) in record.topics.iter().enumerate() {
        marks.push(Mark {
            id: format!("t{i}"),
            spans: t.evidence.clone(),
        });
    }
    marks
}

/// Mentions of the given kinds grouped by entity, in order of first mention:
/// (display name, spans).
fn grouped(record: &Record, kinds: &[MentionKind]) -> Vec<(String, Vec<Span>)> {
    let mut order: Vec<String> = Vec::new();
    let mut by: BTreeMap<String, (String, Vec<Span>)> = BTreeMap::new();
    for m in record.mentions.iter().filter(|m| kinds.contains(&m.kind)) {
        let entry = by.entry(m.entity.clone()).or_insert_with(|| {
            order.push(m.entity.clone());
            (m.surface.clone(), Vec::new())
        });
        entry.1.push(m.span);
    }
    order
        .into_iter()
        .filter_map(|k| {
            by.remove(&k).map(|(name, spans)| {
                let label = if name == k {
                    name
                } else {
                    format!("{name} ({k})")
                };
                (label, spans)
            })
        })
        .collect()
}

/// An item of the record panel: a link that highlights `id` (with the script in place,
/// without reloading; without it, through `?hl=`).
fn item(h: &mut Html, id: &str, base: &str, selected: Option<&str>, body: Html) {
    w!(h, "<li><a class=\"item\" data-item=\"" {id} "\"");
    if selected == Some(id) {
        h.raw(" aria-current=\"true\"");
    }
    w!(h, " href=\"");
    if !base.is_empty() {
        w!(h, {base} "?hl=" {id});
    }
    w!(h, "#s-" {id} "\">" [body] "</a></li>");
}

/// The record panel.
fn record_panel(record: &Record, base: &str, selected: Option<&str>, doc_id: Option<&str>) -> Html {
    let mut h = Html::new();
    w!(h, "<aside class=\"record\" aria-labelledby=\"record-h\"><h2 id=\"record-h\">Extracted record</h2>"
        "<p class=\"meta\">Choose an item to highlight its evidence in the text.</p>"
        "<p id=\"hl-status\" class=\"meta\" role=\"status\" aria-live=\"polite\"></p>");
    // Events.
    w!(h, "<h3>Events (" {record.events.len()} ")</h3>");
    if record.events.is_empty() {
        h.raw("<p class=\"muted\">No events found.</p>");
    } else {
        h.raw("<ul class=\"cards\">");
        for (i, e) in record.events.iter().enumerate() {
            let mut b = Html::new();
            w!(b, "<span class=\"kind\">" {kind_label(e.kind.as_str())} "</span> ");
            status_tag(&mut b, e.status);
            w!(b, "<small>" {show_date(e.date)});
            if let Some(loc) = &e.location {
                let place = [loc.place.as_deref(), loc.country.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                if !place.is_empty() {
                    w!(b, " · " {place});
                }
            }
            b.raw("</small>");
            if !e.sides.is_empty() {
                w!(b, "<small>Sides: " {e.sides.join(" – ")} "</small>");
            }
            if !e.participants.is_empty() {
                let names: Vec<&str> = e.participants.iter().map(|p| p.name.as_str()).collect();
                w!(b, "<small>" {names.join("; ")} "</small>");
            }
            w!(b, "<small>CAMEO " {&e.cameo});
            if let Some(p) = &e.plover {
                w!(b, " · PLOVER " {p});
            }
            b.raw("</small>");
            item(&mut h, &format!("e{i}"), base, selected, b);
        }
        h.raw("</ul>");
    }
    // People.
    if !record.actors.is_empty() {
        w!(h, "<h3>People (" {record.actors.len()} ")</h3><ul>");
        for (i, a) in record.actors.iter().enumerate() {
            let mut b = Html::new();
            w!(b, "<strong>" {&a.name} "</strong>");
            if !a.titles.is_empty() {
                w!(b, "<small>" {a.titles.join("; ")} "</small>");
            }
            if let Some(c) = a.country.as_deref().or(a.organization.as_deref()) {
                w!(b, "<small>" {c});
                if let Some(code) = a.cameo_code() {
                    w!(b, " · " {code});
                }
                b.raw("</small>");
            }
            item(&mut h, &format!("p{i}"), base, selected, b);
        }
        h.raw("</ul>");
        if doc_id.is_some() {
            h.raw("<p class=\"meta\">Profiles: ");
            for (i, a) in record.actors.iter().enumerate() {
                if i > 0 {
                    h.raw(", ");
                }
                w!(h, "<a href=\"/person/" {url_enc(&a.name)} "\">" {&a.name} "</a>");
            }
            h.raw("</p>");
        }
    }
    for (title, prefix, kinds) in [
        ("Organizations", "o", &[MentionKind::Organization][..]),
        (
            "Places",
            "l",
            &[MentionKind::Country, MentionKind::Place][..],
        ),
    ] {
        let group = grouped(record, kinds);
        if group.is_empty() {
            continue;
        }
        w!(h, "<h3>" {title} " (" {group.len()} ")</h3><ul>");
        for (i, (name, spans)) in group.iter().enumerate() {
            let mut b = Html::new();
            w!(b, {name} " <small>" {spans.len()} " mention(s)</small>");
            item(&mut h, &format!("{prefix}{i}"), base, selected, b);
        }
        h.raw("</ul>");
        if prefix == "o" && doc_id.is_some() {
            let mut keys: Vec<&str> = record
                .mentions
                .iter()
                .filter(|m| m.kind == MentionKind::Organization)
                .map(|m| m.entity.as_str())
                .collect();
            keys.sort_unstable();
            keys.dedup();
            h.raw("<p class=\"meta\">Organization pages: ");
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    h.raw(", ");
                }
                w!(h, "<a href=\"/org/" {url_enc(k)} "\">" {k} "</a>");
            }
            h.raw("</p>");
        }
    }
    if !record.quantities.is_empty() {
        w!(h, "<h3>Figures (" {record.quantities.len()} ")</h3><ul>");
        for (i, q) in record.quantities.iter().enumerate() {
            let mut b = Html::new();
            w!(b, "<strong>" {q.value} "</strong> " {&q.unit});
            if let Some(per) = &q.per {
                w!(b, " per " {per});
            }
            item(&mut h, &format!("q{i}"), base, selected, b);
        }
        h.raw("</ul>");
    }
    if !record.topics.is_empty() {
        w!(h, "<h3>Topics (" {record.topics.len()} ")</h3><ul>");
        for (i, t) in record.topics.iter().enumerate() {
            let mut b = Html::new();
            w!(b, { kind_label(&t.topic) });
            item(&mut h, &format!("t{i}"), base, selected, b);
        }
        h.raw("</ul>");
    }
    if let Some(id) = doc_id {
        w!(h, "<p class=\"meta\">As JSON: <a href=\"/api/documents/" {url_enc(id)} "/record\">record</a>, "
            "<a href=\"/api/documents/" {url_enc(id)} "\">document</a></p>");
    }
    h.raw("</aside>");
    h
}

/// The document header: title, date, source.
fn doc_header(h: &mut Html, doc: &Document) {
    let title = doc.title.as_deref().unwrap_or("Untitled release");
    w!(h, "<h1 id=\"doc-title\">" {title} "</h1><p class=\"meta\">");
    match doc.published {
        Some(d) => w!(h, "Published <time datetime=\"" {d} "\">" {d} "</time>"),
        None => {
            h.raw("Publication date unknown");
        }
    }
    h.raw(" · Source: ");
    match doc.url.as_deref() {
        Some(u) if is_web_url(u) => {
            w!(h, "<a href=\"" {u} "\" rel=\"noopener noreferrer\">" {u} "</a>")
        }
        Some(u) => w!(h, { u }),
        None => w!(h, { &doc.source }),
    }
    if doc.language != "und" {
        w!(h, " · Language: " {&doc.language});
    }
    h.raw("</p>");
}

/// The reader view of a document and its record (also used by the upload page).
/// `base` is the page's own path, for the no-script highlight links.
pub(crate) fn render_reader(
    doc: &Document,
    record: &Record,
    selected: Option<&str>,
    extra: Option<Mark>,
    base: &str,
    stored: bool,
) -> Html {
    let mut marks = record_marks(record);
    if let Some(m) = extra {
        marks.push(m);
    }
    let mut h = Html::new();
    h.raw("<div class=\"reader\"><article lang=\"");
    w!(h, {if doc.language == "und" { "en" } else { doc.language.as_str() }} "\" aria-labelledby=\"doc-title\">");
    doc_header(&mut h, doc);
    if stored {
        w!(h, "<p class=\"tools\"><a href=\"/doc/" {url_enc(&doc.id)} "/print\" id=\"print-link\">Print version</a>"
            "<a href=\"/api/documents/" {url_enc(&doc.id)} "/record\">Record as JSON</a></p>");
    }
    w!(h, "<div class=\"release-text\" id=\"release-text\">" [highlight::render(doc, &marks, selected)] "</div></article>");
    h.push(&record_panel(
        record,
        base,
        selected,
        stored.then_some(doc.id.as_str()),
    ));
    h.raw("</div>");
    h
}

async fn load(state: &AppState, id: String) -> Result<(Document, Record), AppError> {
    state
        .with_store(move |s| {
            let stored = s
                .document(&id)?
                .ok_or_else(|| AppError::NotFound(format!("no release with id {id}")))?;
            let record = s
                .record(&id)?
                .ok_or_else(|| AppError::NotFound(format!("no record for release {id}")))?;
            Ok((stored.document, record))
        })
        .await
}

/// Occurrences of the query's words (two characters or more) at the start of a word,
/// ignoring ASCII case.
fn word_mark(text: &str, q: Option<&str>) -> Option<Mark> {
    let mut spans = Vec::new();
    for word in q?
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
    {
        if word.chars().count() < 2 {
            continue;
        }
        for (i, _) in text.char_indices() {
            let Some(candidate) = text.get(i..i + word.len()) else {
                continue;
            };
            let starts_word = text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if starts_word && candidate.eq_ignore_ascii_case(word) {
                spans.push(Span::new(i, i + word.len()));
            }
        }
    }
    (!spans.is_empty()).then(|| Mark {
        id: "q".into(),
        spans,
    })
}

fn at_mark(at: Option<&str>) -> Option<Mark> {
    let (a, b) = at?.split_once('-')?;
    Some(Mark {
        id: "at".into(),
        spans: vec![Span::new(a.parse().ok()?, b.parse().ok()?)],
    })
}

pub(crate) async fn reader(
    State(state): State<AppState>,
    Path(id): Path<String>,
    PageQuery(q): PageQuery<ReaderQuery>,
    ctx: Ctx,
) -> PageResult {
    let (doc, record) = load(&state, id).await?;
    let (extra, selected) = match (
        at_mark(q.at.as_deref()),
        word_mark(&doc.text, q.q.as_deref()),
    ) {
        (Some(m), _) => (Some(m), Some("at")),
        (None, Some(m)) if q.hl.is_none() => (Some(m), Some("q")),
        _ => (None, q.hl.as_deref()),
    };
    let base = format!("/doc/{}", url_enc(&doc.id));
    let body = render_reader(&doc, &record, selected, extra, &base, true);
    page(
        doc.title.clone().unwrap_or_else(|| "Release".into()),
        body,
        &ctx,
    )
}

/// The print view: the release and a plain summary of its record.
pub(crate) async fn print(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ctx: Ctx,
) -> PageResult {
    let (doc, record) = load(&state, id).await?;
    let mut h = Html::new();
    w!(h, "<p class=\"tools no-print\"><a href=\"/doc/" {url_enc(&doc.id)} "\">Back to the reader</a>"
        "<button type=\"button\" id=\"print-now\" hidden>Print</button></p>"
        "<article class=\"print-view\" aria-labelledby=\"doc-title\">");
    doc_header(&mut h, &doc);
    w!(h, "<div class=\"release-text\">" [highlight::render(&doc, &[], None)] "</div>");
    h.raw("<section class=\"print-record\"><h2>Extracted record</h2>");
    if record.events.is_empty() {
        h.raw("<p>No events found.</p>");
    } else {
        h.raw("<ol>");
        for e in &record.events {
            w!(h, "<li><strong>" {kind_label(e.kind.as_str())} "</strong> (" {e.status.as_str()} "), "
                {show_date(e.date)});
            if !e.sides.is_empty() {
                w!(h, "; " {e.sides.join(" – ")});
            }
            if let Some(ev) = e.evidence.first() {
                w!(h, ": “" {ev.of(&doc.text)} "”");
            }
            h.raw("</li>");
        }
        h.raw("</ol>");
    }
    if !record.actors.is_empty() {
        h.raw("<h3>People</h3><ul>");
        for a in &record.actors {
            w!(h, "<li>" {&a.name});
            if !a.titles.is_empty() {
                w!(h, ", " {a.titles.join("; ")});
            }
            if let Some(c) = &a.country {
                w!(h, " (" {c} ")");
            }
            h.raw("</li>");
        }
        h.raw("</ul>");
    }
    h.raw("</section></article>");
    let title = doc.title.clone().unwrap_or_else(|| "Release".into());
    Ok(Page::new(format!("{title} (print)"))
        .class("print")
        .render_body(h, Some(&ctx)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn query_words_are_found_at_word_starts() {
        let text = "Talks in Ulaanbaatar; ULAANBAATAR hosts. NotUlaanbaatar. Минск и Минск.";
        let m = word_mark(text, Some("ulaanbaatar Минск x")).unwrap();
        let found: Vec<&str> = m.spans.iter().map(|s| s.of(text)).collect();
        assert_eq!(found, ["Ulaanbaatar", "ULAANBAATAR", "Минск", "Минск"]);
        assert!(word_mark(text, Some("zz")).is_none());
        assert!(word_mark(text, None).is_none());
    }
}
