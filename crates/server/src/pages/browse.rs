//! Browsing pages: home, releases, events (list and one event), a pair of countries,
//! a person, an organization, search.

use super::PageQuery;
use super::{PageResult, event_list, kind_label, page, show_date, side_name, sides, status_tag};
use crate::AppState;
use crate::chart;
use crate::data;
use crate::error::{AppError, PageError};
use crate::html::{Html, is_web_url, url_enc, w};
use crate::layout::Ctx;
use crate::params::{EventQuery, RawEventFilter, RawPage};
use attache_extract::EventKind;
use attache_store::{EventFilter, EventRow};
use axum::extract::{Path, State};
use serde::Deserialize;
use std::collections::BTreeMap;

fn release_item(h: &mut Html, d: &attache_store::DocSummary) {
    let title = d.title.as_deref().unwrap_or("Untitled release");
    w!(h, "<li><a href=\"/doc/" {url_enc(&d.doc_id)} "\">" {title} "</a><br><span class=\"meta\">");
    match d.published {
        Some(p) => w!(h, { p }),
        None => w!(h, "date unknown"),
    }
    w!(h, " · " {d.events} " event(s)</span></li>");
}

pub(crate) async fn home(State(state): State<AppState>, ctx: Ctx) -> PageResult {
    let (docs, (planned, upcoming), pairs, stats) = state
        .with_store(|s| {
            Ok((
                s.documents(8, 0)?,
                data::planned(s, data::today(), 6)?,
                s.pairs(8)?,
                s.stats()?,
            ))
        })
        .await?;
    let mut h = Html::new();
    w!(h, "<h1>Diplomatic releases, read closely</h1>"
        "<p class=\"lead\">" {stats.documents} " releases · " {stats.events} " events · "
        {stats.entities.get("person").copied().unwrap_or(0)} " people. Every fact links to the sentence it came from.</p>"
        "<div class=\"grid\"><section aria-labelledby=\"latest-h\"><h2 id=\"latest-h\">Latest releases</h2>");
    if docs.is_empty() {
        h.raw("<p class=\"muted\">No releases yet. <a href=\"/upload\">Upload one</a> or start the server with <code>--demo</code>.</p>");
    } else {
        h.raw("<ul class=\"plain releases\">");
        for d in &docs {
            release_item(&mut h, d);
        }
        h.raw("</ul><p><a href=\"/documents\">All releases</a></p>");
    }
    h.raw("</section><section aria-labelledby=\"planned-h\">");
    if upcoming {
        h.raw("<h2 id=\"planned-h\">Upcoming planned events</h2>");
    } else {
        h.raw("<h2 id=\"planned-h\">Planned events</h2>");
        if !planned.is_empty() {
            w!(h, "<p class=\"meta\">Nothing is planned after " {data::today()} "; the latest announced plans:</p>");
        }
    }
    event_list(&mut h, &planned, "No planned events.");
    h.raw("</section><section aria-labelledby=\"pairs-h\"><h2 id=\"pairs-h\">Most active country pairs</h2>");
    if pairs.is_empty() {
        h.raw("<p class=\"muted\">No events between two sides yet.</p>");
    } else {
        h.raw("<ul class=\"plain pairs\">");
        for p in &pairs {
            w!(h, "<li><a href=\"/pair/" {url_enc(&p.a)} "/" {url_enc(&p.b)} "\">" {side_name(&p.a)} " – " {side_name(&p.b)}
                "</a> <span class=\"meta\">" {p.events} " event(s)</span></li>");
        }
        h.raw("</ul>");
    }
    h.raw("</section></div>");
    page("Home", h, &ctx)
}

pub(crate) async fn documents(
    State(state): State<AppState>,
    PageQuery(raw): PageQuery<RawPage>,
    ctx: Ctx,
) -> PageResult {
    let pg = raw.validate(50)?;
    let docs = state
        .with_store(move |s| Ok(s.documents(pg.limit + 1, pg.offset)?))
        .await?;
    let more = docs.len() > pg.limit;
    let mut h = Html::new();
    h.raw("<h1>Releases</h1>");
    if docs.is_empty() {
        h.raw("<p class=\"muted\">No releases.</p>");
    }
    h.raw("<ul class=\"plain releases\">");
    for d in docs.iter().take(pg.limit) {
        release_item(&mut h, d);
    }
    h.raw("</ul><nav class=\"pager\" aria-label=\"Pages\">");
    if pg.offset > 0 {
        w!(h, "<a href=\"/documents?offset=" {pg.offset.saturating_sub(pg.limit)} "&amp;limit=" {pg.limit} "\">Previous</a>");
    }
    if more {
        w!(h, "<a href=\"/documents?offset=" {pg.offset + pg.limit} "&amp;limit=" {pg.limit} "\">Next</a>");
    }
    h.raw("</nav>");
    page("Releases", h, &ctx)
}

/// The store filter for a validated query.
pub(crate) fn store_filter(q: &EventQuery) -> EventFilter {
    let page = q.page.unwrap_or(crate::params::Page {
        limit: crate::params::DEFAULT_LIMIT,
        offset: 0,
    });
    EventFilter {
        country: q.country.clone(),
        with: q.with.clone(),
        person: q.person.clone(),
        kind: q.kind,
        from: q.from.and_then(data::first_day),
        to: q.to.and_then(data::last_day),
        status: q.status,
        org: q.org.clone(),
        topic: q.topic.clone(),
        limit: Some(page.limit),
        offset: page.offset,
        oldest_first: false,
    }
}

fn input(
    h: &mut Html,
    name: &'static str,
    label: &'static str,
    value: Option<&str>,
    hint: &'static str,
) {
    w!(h, "<div><label for=\"f-" {name} "\">" {label} "</label><input type=\"text\" id=\"f-" {name}
        "\" name=\"" {name} "\" value=\"" {value.unwrap_or("")} "\" placeholder=\"" {hint} "\"></div>");
}

/// Query string of the filters (for paging links), already escaped for HTML by the caller.
fn filter_query(raw: &RawEventFilter) -> String {
    let mut parts = Vec::new();
    for (k, v) in [
        ("country", &raw.country),
        ("with", &raw.with),
        ("kind", &raw.kind),
        ("from", &raw.from),
        ("to", &raw.to),
        ("person", &raw.person),
        ("topic", &raw.topic),
        ("status", &raw.status),
        ("org", &raw.org),
        ("limit", &raw.limit),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            parts.push(format!("{k}={}", url_enc(v)));
        }
    }
    parts.join("&")
}

pub(crate) async fn events(
    State(state): State<AppState>,
    PageQuery(raw): PageQuery<RawEventFilter>,
    ctx: Ctx,
) -> PageResult {
    let q = raw.validate()?;
    let mut filter = store_filter(&q);
    let limit = filter.limit.unwrap_or(50);
    filter.limit = Some(limit + 1);
    let rows = state.with_store(move |s| Ok(s.events(&filter)?)).await?;
    let more = rows.len() > limit;
    let mut h = Html::new();
    h.raw("<h1>Events</h1><form class=\"filters\" action=\"/events\" method=\"get\" aria-label=\"Filter events\">");
    input(
        &mut h,
        "country",
        "Country",
        raw.country.as_deref(),
        "e.g. BLR or Belarus",
    );
    input(
        &mut h,
        "with",
        "With (pair)",
        raw.with.as_deref(),
        "e.g. CHN",
    );
    w!(
        h,
        "<div><label for=\"f-kind\">Kind</label><select id=\"f-kind\" name=\"kind\"><option value=\"\">any</option>"
    );
    for k in EventKind::ALL {
        let sel = if q.kind == Some(k) { " selected" } else { "" };
        w!(h, "<option value=\"" {k.as_str()} "\"" {sel} ">" {kind_label(k.as_str())} "</option>");
    }
    h.raw("</select></div>");
    w!(
        h,
        "<div><label for=\"f-status\">Status</label><select id=\"f-status\" name=\"status\"><option value=\"\">any</option>"
    );
    for st in ["occurred", "planned", "cancelled"] {
        let sel = if raw.status.as_deref() == Some(st) {
            " selected"
        } else {
            ""
        };
        w!(h, "<option value=\"" {st} "\"" {sel} ">" {st} "</option>");
    }
    h.raw("</select></div>");
    input(
        &mut h,
        "from",
        "From",
        raw.from.as_deref(),
        "YYYY[-MM[-DD]]",
    );
    input(&mut h, "to", "To", raw.to.as_deref(), "YYYY[-MM[-DD]]");
    input(
        &mut h,
        "person",
        "Person",
        raw.person.as_deref(),
        "e.g. Aleinik",
    );
    input(&mut h, "topic", "Topic", raw.topic.as_deref(), "e.g. trade");
    input(
        &mut h,
        "org",
        "Organization",
        raw.org.as_deref(),
        "e.g. SCO",
    );
    w!(
        h,
        "<div><button class=\"primary\" type=\"submit\">Filter</button> <a href=\"/events\">Clear</a></div></form>"
    );
    let shown: Vec<EventRow> = rows.into_iter().take(limit).collect();
    w!(h, "<p class=\"meta\" role=\"status\">" {shown.len()} " event(s) shown</p>");
    event_list(&mut h, &shown, "No events match these filters.");
    let qs = filter_query(&raw);
    let offset = q.page.map(|p| p.offset).unwrap_or(0);
    h.raw("<nav class=\"pager\" aria-label=\"Pages\">");
    if offset > 0 {
        w!(h, "<a href=\"/events?" {&qs} "&amp;offset=" {offset.saturating_sub(limit)} "\">Previous</a>");
    }
    if more {
        w!(h, "<a href=\"/events?" {&qs} "&amp;offset=" {offset + limit} "\">Next</a>");
    }
    h.raw("</nav>");
    page("Events", h, &ctx)
}

/// Each evidence span of a source in its sentence: (before, evidence, after).
fn source_quotes(
    store: &attache_store::Store,
    src: &attache_store::EventSource,
) -> Result<Vec<(String, String, String)>, AppError> {
    let (Some(doc), Some(record)) = (store.document(&src.doc_id)?, store.record(&src.doc_id)?)
    else {
        return Ok(src
            .evidence
            .iter()
            .map(|e| (String::new(), e.text.clone(), String::new()))
            .collect());
    };
    let text = doc.document.text.as_str();
    let mut out = Vec::new();
    for ev in &src.evidence {
        let sentence = record
            .sentences
            .iter()
            .find(|s| s.start <= ev.start && ev.end <= s.end)
            .map(|s| (s.start, s.end))
            .unwrap_or((ev.start, ev.end));
        let part = |a: usize, b: usize| text.get(a..b).unwrap_or("").to_string();
        match text.get(ev.start..ev.end) {
            Some(hit) => out.push((
                part(sentence.0, ev.start),
                hit.to_string(),
                part(ev.end, sentence.1),
            )),
            None => out.push((String::new(), ev.text.clone(), String::new())),
        }
    }
    Ok(out)
}

pub(crate) async fn event(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ctx: Ctx,
) -> PageResult {
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound(format!("no event with id {id:?}")))?;
    let (e, quotes) = state
        .with_store(move |s| {
            let e = s
                .event(id)?
                .ok_or_else(|| AppError::NotFound(format!("no event with id {id}")))?;
            let mut quotes = Vec::new();
            for src in &e.sources {
                quotes.push(source_quotes(s, src)?);
            }
            Ok((e, quotes))
        })
        .await?;
    let mut h = Html::new();
    w!(h, "<h1>" {kind_label(e.kind.as_str())} ", " {show_date(e.date)} "</h1><p>");
    status_tag(&mut h, e.status);
    w!(h, " CAMEO " {&e.cameo});
    if let Some(p) = &e.plover {
        w!(h, " · PLOVER " {p});
        if let Some(m) = &e.plover_mode {
            w!(h, " (" {m} ")");
        }
    }
    h.raw("</p><dl class=\"facts\"><dt>Sides</dt><dd>");
    sides(&mut h, &e.sides);
    h.raw("</dd>");
    if let Some(end) = e.date_end {
        w!(h, "<dt>Until</dt><dd>" {end} "</dd>");
    }
    if let Some(loc) = &e.location {
        let place = [loc.place.as_deref(), loc.country.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        w!(h, "<dt>Where</dt><dd>" {place} "</dd>");
    }
    if let Some(org) = &e.organization {
        w!(h, "<dt>Within</dt><dd><a href=\"/org/" {url_enc(org)} "\">" {org} "</a></dd>");
    }
    if !e.topics.is_empty() {
        w!(h, "<dt>Topics</dt><dd>" {e.topics.join(", ")} "</dd>");
    }
    h.raw("</dl>");
    if !e.participants.is_empty() {
        h.raw("<h2>Participants</h2><ul class=\"plain\">");
        for p in &e.participants {
            w!(h, "<li><a href=\"/person/" {url_enc(&p.name)} "\">" {&p.name} "</a>");
            if !p.titles.is_empty() {
                w!(h, ", " {p.titles.join("; ")});
            }
            if let Some(c) = p.country.as_deref().or(p.organization.as_deref()) {
                w!(h, " <span class=\"meta\">(" {c} ")</span>");
            }
            h.raw("</li>");
        }
        h.raw("</ul>");
    }
    w!(h, "<h2>Reported by " {e.sources.len()} " source(s)</h2><ul class=\"plain sources\">");
    for (si, s) in e.sources.iter().enumerate() {
        let title = s.title.as_deref().unwrap_or("Untitled release");
        let at = s
            .evidence
            .first()
            .map(|ev| format!("?at={}-{}", ev.start, ev.end))
            .unwrap_or_default();
        w!(h, "<li><a href=\"/doc/" {url_enc(&s.doc_id)} {at} "\">" {title} "</a> <span class=\"meta\">");
        match s.published {
            Some(p) => w!(h, { p }),
            None => w!(h, "date unknown"),
        }
        w!(h, " · reports it as " {s.status.as_str()});
        if let Some(u) = s.url.as_deref().filter(|u| is_web_url(u)) {
            w!(h, " · <a href=\"" {u} "\" rel=\"noopener noreferrer\">original</a>");
        }
        h.raw("</span>");
        for (before, hit, after) in quotes.get(si).map(Vec::as_slice).unwrap_or(&[]) {
            w!(h, "<blockquote>" {before} "<mark>" {hit} "</mark>" {after} "</blockquote>");
        }
        h.raw("</li>");
    }
    h.raw("</ul>");
    page(format!("{} event", kind_label(e.kind.as_str())), h, &ctx)
}

pub(crate) async fn pair(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    ctx: Ctx,
) -> PageResult {
    let (Some(a), Some(b)) = (
        crate::params::resolve_side("first side", &Some(a))?,
        crate::params::resolve_side("second side", &Some(b))?,
    ) else {
        return Err(PageError(AppError::BadRequest(
            "a pair needs two countries".into(),
        )));
    };
    let (qa, qb) = (a.clone(), b.clone());
    let t = state.with_store(move |s| Ok(s.timeline(&qa, &qb)?)).await?;
    let mut counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut kinds: Vec<String> = Vec::new();
    for m in &t.months {
        *counts
            .entry(m.month.clone())
            .or_default()
            .entry(m.kind.as_str().to_string())
            .or_default() += m.count;
        if !kinds.iter().any(|k| k == m.kind.as_str()) {
            kinds.push(m.kind.as_str().to_string());
        }
    }
    let mut h = Html::new();
    let (na, nb) = (side_name(&a), side_name(&b));
    w!(h, "<h1>" {&na} " and " {&nb} "</h1><p class=\"lead\">" {t.total_events} " event(s) between them.</p>"
        "<section aria-labelledby=\"chart-h\"><h2 id=\"chart-h\">Events by month and kind</h2>");
    if counts.is_empty() {
        h.raw("<p class=\"muted\">No dated events.</p>");
    } else {
        h.push(&chart::month_chart(
            &counts,
            &format!("Events between {na} and {nb} by month and kind"),
        ));
        h.push(&chart::legend(&kinds));
        h.raw("<details><summary>The numbers as a table</summary><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Month</th>");
        for k in &kinds {
            w!(h, "<th scope=\"col\">" {kind_label(k)} "</th>");
        }
        h.raw("</tr></thead><tbody>");
        for (month, by_kind) in &counts {
            w!(h, "<tr><th scope=\"row\">" {month} "</th>");
            for k in &kinds {
                w!(h, "<td>" {by_kind.get(k).copied().unwrap_or(0)} "</td>");
            }
            h.raw("</tr>");
        }
        h.raw("</tbody></table></div></details>");
    }
    h.raw("</section><section aria-labelledby=\"ev-h\"><h2 id=\"ev-h\">Events</h2>");
    // Newest first; undated events last.
    let mut newest: Vec<&EventRow> = t.events.iter().collect();
    newest.sort_by(|x, y| match (x.date, y.date) {
        (Some(a), Some(b)) => b.cmp(&a),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => y.id.cmp(&x.id),
    });
    const SHOWN: usize = 50;
    let shown: Vec<EventRow> = newest.iter().take(SHOWN).map(|e| (*e).clone()).collect();
    event_list(&mut h, &shown, "No events.");
    if t.total_events > SHOWN {
        w!(h, "<p><a href=\"/events?country=" {url_enc(&a)} "&amp;with=" {url_enc(&b)} "\">All "
            {t.total_events} " events between " {&na} " and " {&nb} "</a></p>");
    }
    // People who met.
    let mut people: BTreeMap<(String, String), (usize, Vec<String>)> = BTreeMap::new();
    for e in &t.events {
        for p in &e.participants {
            let side = p
                .country
                .clone()
                .or_else(|| p.organization.clone())
                .unwrap_or_default();
            let entry = people.entry((side, p.name.clone())).or_default();
            entry.0 += 1;
            for title in &p.titles {
                if !entry.1.contains(title) {
                    entry.1.push(title.clone());
                }
            }
        }
    }
    h.raw(
        "</section><section aria-labelledby=\"people-h\"><h2 id=\"people-h\">People who met</h2>",
    );
    if people.is_empty() {
        h.raw("<p class=\"muted\">No named participants.</p>");
    } else {
        h.raw("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Side</th><th scope=\"col\">Person</th><th scope=\"col\">Titles</th><th scope=\"col\">Events</th></tr></thead><tbody>");
        for ((side, name), (n, titles)) in &people {
            w!(h, "<tr><td>" {side_name(side)} "</td><td><a href=\"/person/" {url_enc(name)} "\">" {name} "</a></td><td>"
                {titles.join("; ")} "</td><td>" {n} "</td></tr>");
        }
        h.raw("</tbody></table></div>");
    }
    // Topics over time (by year).
    let mut topics: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for e in &t.events {
        let year = e
            .date
            .map(|d| format!("{:04}", d.year))
            .unwrap_or_else(|| "undated".into());
        for topic in &e.topics {
            *topics
                .entry(year.clone())
                .or_default()
                .entry(topic.clone())
                .or_default() += 1;
        }
    }
    h.raw(
        "</section><section aria-labelledby=\"topics-h\"><h2 id=\"topics-h\">Topics over time</h2>",
    );
    if topics.is_empty() {
        h.raw("<p class=\"muted\">No topics.</p>");
    } else {
        h.raw("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Year</th><th scope=\"col\">Topics (events)</th></tr></thead><tbody>");
        for (year, ts) in &topics {
            let mut list: Vec<(&String, &usize)> = ts.iter().collect();
            list.sort_by(|x, y| y.1.cmp(x.1).then_with(|| x.0.cmp(y.0)));
            let text = list
                .iter()
                .map(|(t, n)| format!("{t} ({n})"))
                .collect::<Vec<_>>()
                .join(", ");
            w!(h, "<tr><th scope=\"row\">" {year} "</th><td>" {text} "</td></tr>");
        }
        h.raw("</tbody></table></div>");
    }
    h.raw("</section>");
    page(format!("{na} and {nb}"), h, &ctx)
}

pub(crate) async fn person(
    State(state): State<AppState>,
    Path(name): Path<String>,
    ctx: Ctx,
) -> PageResult {
    let q = name.clone();
    let profiles = state.with_store(move |s| Ok(s.actor(&q)?)).await?;
    if profiles.is_empty() {
        return Err(PageError(AppError::NotFound(format!(
            "no person named {name:?} is known"
        ))));
    }
    let mut h = Html::new();
    w!(h, "<h1>" {&profiles[0].name} "</h1>");
    if profiles.len() > 1 {
        w!(h, "<p class=\"notice\">" {profiles.len()} " people match this name.</p>");
    }
    for p in &profiles {
        if profiles.len() > 1 {
            w!(h, "<h2>" {&p.name} "</h2>");
        }
        h.raw("<dl class=\"facts\">");
        if let Some(c) = &p.country {
            w!(h, "<dt>Country</dt><dd>" {c} "</dd>");
        }
        if !p.titles.is_empty() {
            w!(h, "<dt>Titles</dt><dd>" {p.titles.join("; ")} "</dd>");
        }
        if !p.aliases.is_empty() {
            w!(h, "<dt>Also written</dt><dd>" {p.aliases.join("; ")} "</dd>");
        }
        w!(h, "<dt>Releases mentioning</dt><dd>" {p.documents} "</dd></dl>");
        if !p.counterparts.is_empty() {
            h.raw("<h3>Met with</h3><ul class=\"plain\">");
            for c in &p.counterparts {
                w!(h, "<li><a href=\"/person/" {url_enc(&c.name)} "\">" {&c.name} "</a>");
                if let Some(cc) = &c.country {
                    w!(h, " <span class=\"meta\">(" {cc} ")</span>");
                }
                w!(h, " · " {c.events} " event(s)</li>");
            }
            h.raw("</ul>");
        }
        h.raw("<h3>Events</h3>");
        event_list(&mut h, &p.events, "No events.");
    }
    page(profiles[0].name.clone(), h, &ctx)
}

pub(crate) async fn org(
    State(state): State<AppState>,
    Path(name): Path<String>,
    ctx: Ctx,
) -> PageResult {
    let key = name.trim().to_string();
    let q = key.clone();
    let events = state
        .with_store(move |s| {
            Ok(s.events(&EventFilter {
                org: Some(q),
                limit: Some(200),
                ..EventFilter::default()
            })?)
        })
        .await?;
    let mut h = Html::new();
    w!(h, "<h1>" {&key} "</h1><p class=\"lead\">Events held within " {&key} " or with it as a side or participant's organization.</p>");
    let mut people: BTreeMap<String, usize> = BTreeMap::new();
    for e in &events {
        for p in e
            .participants
            .iter()
            .filter(|p| p.organization.as_deref() == Some(key.as_str()))
        {
            *people.entry(p.name.clone()).or_default() += 1;
        }
    }
    if !people.is_empty() {
        h.raw("<h2>Its officials</h2><ul class=\"plain\">");
        for (n, c) in &people {
            w!(h, "<li><a href=\"/person/" {url_enc(n)} "\">" {n} "</a> · " {c} " event(s)</li>");
        }
        h.raw("</ul>");
    }
    w!(h, "<h2>Events (" {events.len()} ")</h2>");
    event_list(&mut h, &events, "No events involve this organization.");
    page(key.clone(), h, &ctx)
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct SearchQuery {
    q: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

pub(crate) async fn search(
    State(state): State<AppState>,
    PageQuery(sq): PageQuery<SearchQuery>,
    ctx: Ctx,
) -> PageResult {
    let pg = RawPage {
        limit: sq.limit.clone(),
        offset: sq.offset.clone(),
    }
    .validate(20)?;
    let q = sq.q.clone().unwrap_or_default().trim().to_string();
    let mut h = Html::new();
    w!(h, "<h1>Search</h1><form class=\"filters\" role=\"search\" action=\"/search\" method=\"get\">"
        "<div><label for=\"q\">Words</label><input type=\"search\" id=\"q\" name=\"q\" value=\"" {&q} "\"></div>"
        "<div><button class=\"primary\" type=\"submit\">Search</button></div></form>");
    if q.is_empty() {
        return page("Search", h, &ctx);
    }
    let query = q.clone();
    let hits = state
        .with_store(move |s| Ok(s.search(&query, pg.limit + 1, pg.offset)?))
        .await?;
    let more = hits.len() > pg.limit;
    w!(h, "<p class=\"meta\" role=\"status\">" {hits.len().min(pg.limit)} " release(s) found for “" {&q} "”</p>");
    h.raw("<ul class=\"plain results\">");
    for hit in hits.iter().take(pg.limit) {
        let title = hit.title.as_deref().unwrap_or("Untitled release");
        w!(h, "<li><a href=\"/doc/" {url_enc(&hit.doc_id)} "?q=" {url_enc(&q)} "\">" {title} "</a> <span class=\"meta\">");
        match hit.published {
            Some(p) => w!(h, { p }),
            None => w!(h, "date unknown"),
        }
        h.raw("</span><p class=\"snippet\">");
        for part in &hit.snippet {
            if part.hit {
                w!(h, "<mark>" {&part.text} "</mark>");
            } else {
                w!(h, { &part.text });
            }
        }
        h.raw("</p></li>");
    }
    h.raw("</ul><nav class=\"pager\" aria-label=\"Pages\">");
    if pg.offset > 0 {
        w!(h, "<a href=\"/search?q=" {url_enc(&q)} "&amp;offset=" {pg.offset.saturating_sub(pg.limit)} "\">Previous</a>");
    }
    if more {
        w!(h, "<a href=\"/search?q=" {url_enc(&q)} "&amp;offset=" {pg.offset + pg.limit} "\">Next</a>");
    }
    h.raw("</nav>");
    page(format!("Search: {q}"), h, &ctx)
}
