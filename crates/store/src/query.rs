//! Reads: full-text search, event lists with filters, pair timelines, actor profiles,
//! upcoming events, statistics, and stored documents and records.

use crate::codec::Head;
use crate::write::Summary;
use crate::{Result, Store, StoreError};
use crate::{keys, packed};
use attache_extract::{Actor, Event, EventKind, Location, PartialDate, Record, Sector, Status};
use attache_ingest::{Document, FeedInfo, Paragraph};
use jiff::civil::Date;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Filters of an event query; every set field must hold. Countries and organizations
/// are codes as stored (ISO alpha-3, acronyms).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventFilter {
    /// A side of the event.
    pub country: Option<String>,
    /// Another side of the event.
    pub with: Option<String>,
    /// A participant, by name ("Aleinik", "Sergei Aleinik", "S.Aleinik").
    pub person: Option<String>,
    pub kind: Option<EventKind>,
    /// Events that may fall on or after this day.
    pub from: Option<Date>,
    /// Events that may fall on or before this day.
    pub to: Option<Date>,
    pub status: Option<Status>,
    /// Organization within which it was held, or an organization side or participant's.
    pub org: Option<String>,
    /// A topic of one of its source documents.
    pub topic: Option<String>,
    pub limit: Option<usize>,
    pub offset: usize,
    /// Chronological order (default: newest first).
    pub oldest_first: bool,
}

/// A participant of a fused event: one per person, whatever the number of sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub entity_id: i64,
    /// Display name of the person (the longest full name seen).
    pub name: String,
    pub titles: Vec<String>,
    pub country: Option<String>,
    pub organization: Option<String>,
    pub sector: Option<Sector>,
}

impl Participant {
    /// CAMEO actor code: country (or organization) and sector (`BLRGOV`).
    pub fn cameo_code(&self) -> Option<String> {
        attache_extract::cameo_actor_code(
            self.country.as_deref(),
            self.organization.as_deref(),
            self.sector,
        )
    }
}

/// A span of evidence with its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One document reporting an event, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventSource {
    pub doc_id: String,
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    /// The status this document gives the event.
    pub status: Status,
    pub evidence: Vec<Evidence>,
}

/// A fused event with everything known of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRow {
    pub id: i64,
    pub kind: EventKind,
    pub cameo: String,
    pub plover: Option<String>,
    pub plover_mode: Option<String>,
    pub status: Status,
    pub date: Option<PartialDate>,
    pub date_end: Option<PartialDate>,
    pub location: Option<Location>,
    pub sides: Vec<String>,
    pub organization: Option<String>,
    pub participants: Vec<Participant>,
    /// Topics of the documents that report it.
    pub topics: Vec<String>,
    pub sources: Vec<EventSource>,
}

/// A piece of a search snippet: matched terms have `hit` set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// One document found by full-text search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub doc_id: String,
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    /// bm25 score (lower is better, as SQLite reports it).
    pub score: f64,
    pub snippet: Vec<SnippetPart>,
}

impl SearchHit {
    /// The snippet with matched terms wrapped in `open` and `close`.
    pub fn snippet_marked(&self, open: &str, close: &str) -> String {
        let mut s = String::new();
        for p in &self.snippet {
            if p.hit {
                s.push_str(open);
                s.push_str(&p.text);
                s.push_str(close);
            } else {
                s.push_str(&p.text);
            }
        }
        s
    }
}

/// Events of one month and kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    pub kind: EventKind,
    pub count: usize,
}

/// The history of a pair of countries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    pub a: String,
    pub b: String,
    pub months: Vec<MonthCount>,
    /// The [`TIMELINE_EVENTS`] most recent events of the pair (all of them when fewer),
    /// oldest first; `months` counts every event.
    pub events: Vec<EventRow>,
    /// How many events the pair has in all (`events` may hold fewer).
    #[serde(default)]
    pub total_events: usize,
}

/// How many of a pair's events [`Store::timeline`] returns in full: the most recent.
/// The rest are counted in the months and listed by [`Store::events`] with a
/// `country`/`with` filter, page by page.
pub const TIMELINE_EVENTS: usize = 200;

/// A person met in events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counterpart {
    pub entity_id: i64,
    pub name: String,
    pub country: Option<String>,
    pub events: usize,
}

/// What is known of a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorProfile {
    pub entity_id: i64,
    pub name: String,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    /// Titles held, most often given first.
    pub titles: Vec<String>,
    /// Countries acted for.
    pub countries: Vec<String>,
    /// Documents that mention them.
    pub documents: usize,
    pub counterparts: Vec<Counterpart>,
    /// Newest first.
    pub events: Vec<EventRow>,
}

/// Counts of what the knowledge base holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub schema_version: u32,
    pub documents: usize,
    pub events: usize,
    /// Events reported by more than one document.
    pub events_multi_source: usize,
    pub event_sources: usize,
    pub mentions: usize,
    /// Entities per kind (country, place, organization, person, company).
    pub entities: BTreeMap<String, usize>,
    pub events_by_kind: BTreeMap<String, usize>,
    pub events_by_status: BTreeMap<String, usize>,
    pub first_event: Option<String>,
    pub last_event: Option<String>,
    /// Documents per extractor version.
    pub extractors: BTreeMap<String, usize>,
}

/// A stored document in a list (no text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocSummary {
    pub doc_id: String,
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    pub language: String,
    /// Events this document reports.
    pub events: usize,
    pub ingested_at: String,
}

/// A pair of sides and the number of events they share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairCount {
    /// The first side in code order (`a < b`).
    pub a: String,
    pub b: String,
    pub events: usize,
}

/// A stored document with its bookkeeping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDocument {
    pub document: Document,
    pub content_hash: String,
    pub extractor: String,
    pub ingested_at: String,
}

/// What an event list needs of each event before loading it.
struct EventKey {
    id: i64,
    /// Day number ([`keys::day_number`]).
    day_first: Option<i64>,
    kind: i64,
}

/// Events loaded per batch of queries.
const PAGE: usize = 256;

/// How many of the newest matches a search ranks at most (see [`Store::search`]).
pub const SEARCH_WINDOW: usize = 2000;

const SNIPPET_OPEN: char = '\u{1}';
const SNIPPET_CLOSE: char = '\u{2}';

/// Quote every whitespace-separated word so that user text is never FTS syntax.
pub(crate) fn quote_fts(query: &str) -> String {
    query
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

fn split_snippet(s: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut hit = false;
    for c in s.chars() {
        if c == SNIPPET_OPEN || c == SNIPPET_CLOSE {
            if !cur.is_empty() {
                parts.push(SnippetPart {
                    text: std::mem::take(&mut cur),
                    hit,
                });
            }
            hit = c == SNIPPET_OPEN;
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        parts.push(SnippetPart { text: cur, hit });
    }
    parts
}

fn parse_date(s: Option<String>) -> Option<Date> {
    s.and_then(|s| s.parse().ok())
}

/// A list of ids for `IN (...)`, padded to one of a few lengths (repeating an id
/// changes nothing) so that each query has few texts and stays in the statement cache.
fn id_list(ids: &[i64]) -> String {
    let width = [1, 8, 64, PAGE]
        .into_iter()
        .find(|&w| w >= ids.len())
        .unwrap_or(ids.len());
    let last = ids.last().copied().unwrap_or(0);
    ids.iter()
        .copied()
        .chain(std::iter::repeat(last))
        .take(width)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// Add a participant of one source to an event's participants: one per person, the
/// titles of all sources merged, the first known country, organization and sector.
fn merge_participant(
    out: &mut Vec<Participant>,
    entity_id: i64,
    names: &HashMap<i64, String>,
    actor: Option<&Actor>,
) {
    let (titles, country, organization, sector) = match actor {
        Some(a) => (
            a.titles.clone(),
            a.country.clone(),
            a.organization.clone(),
            a.sector,
        ),
        None => (Vec::new(), None, None, None),
    };
    match out.iter_mut().find(|p| p.entity_id == entity_id) {
        Some(p) => {
            for t in titles {
                if !p.titles.contains(&t) {
                    p.titles.push(t);
                }
            }
            p.country = p.country.take().or(country);
            p.organization = p.organization.take().or(organization);
            p.sector = p.sector.or(sector);
        }
        None => out.push(Participant {
            entity_id,
            name: names.get(&entity_id).cloned().unwrap_or_default(),
            titles,
            country,
            organization,
            sector,
        }),
    }
}

impl Store {
    /// Full-text search over titles and texts, ranked by bm25 (titles weigh more).
    /// The query is taken as plain words (all must occur); see [`Store::search_raw`].
    /// When more than [`SEARCH_WINDOW`] releases match (a common word in a large
    /// collection), the ranking covers the most recently added of them.
    pub fn search(&self, query: &str, limit: usize, offset: usize) -> Result<Vec<SearchHit>> {
        let quoted = quote_fts(query);
        if quoted.is_empty() {
            return Ok(Vec::new());
        }
        self.search_fts(query, &quoted, limit, offset, SEARCH_WINDOW)
    }

    /// Full-text search with FTS5 query syntax (`"phrase"`, `OR`, `NOT`, `prefix*`,
    /// `title:word`); a syntax error is a [`StoreError::Query`].
    pub fn search_raw(&self, query: &str, limit: usize, offset: usize) -> Result<Vec<SearchHit>> {
        self.search_fts(query, query, limit, offset, SEARCH_WINDOW)
    }

    pub(crate) fn search_fts(
        &self,
        shown: &str,
        fts: &str,
        limit: usize,
        offset: usize,
        window: usize,
    ) -> Result<Vec<SearchHit>> {
        let to_query_error = |e: rusqlite::Error| match e {
            rusqlite::Error::SqliteFailure(_, Some(msg)) => StoreError::Query {
                query: shown.to_string(),
                message: msg,
            },
            other => StoreError::Sqlite(other),
        };
        // Ranking costs a lookup per match: a word found in most of a large collection
        // ("trade") would be ranked in every release. So the newest matches are read
        // first, in rowid order, which the index gives cheaply; when there are more
        // than the window holds, only releases added since the window's oldest are
        // ranked.
        let window = window.max((offset + limit).saturating_mul(4));
        let oldest: i64 = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1
                 ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
            )?;
            stmt.query_row(params![fts, window as i64], |r| r.get::<_, i64>(0))
                .optional()
                .map_err(to_query_error)?
                .map_or(i64::MIN, |r| r + 1)
        };
        // Rank the matches in a subquery and keep the page; only then look the page up
        // again (by rowid, CROSS JOIN keeps that order) for its snippets and documents:
        // a snippet reads the stored text, so it is made for the page only.
        let sql = format!(
            "SELECT d.doc_key, d.source, d.url, d.title, d.published, f.score,
                    snippet(documents_fts, 1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 16)
             FROM (SELECT rowid AS id, bm25(documents_fts, 5.0, 1.0) AS score
                   FROM documents_fts WHERE documents_fts MATCH ?1 AND rowid >= ?4
                   ORDER BY score, rowid LIMIT ?2 OFFSET ?3) AS f
             CROSS JOIN documents_fts CROSS JOIN documents d
             WHERE documents_fts MATCH ?1 AND documents_fts.rowid = f.id AND d.id = f.id
             ORDER BY f.score, f.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![fts, limit as i64, offset as i64, oldest], |r| {
                Ok(SearchHit {
                    doc_id: r.get(0)?,
                    source: r.get(1)?,
                    url: r.get(2)?,
                    title: r.get(3)?,
                    published: parse_date(r.get(4)?),
                    score: r.get(5)?,
                    snippet: split_snippet(&r.get::<_, String>(6)?),
                })
            })
            .map_err(to_query_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(to_query_error)
    }

    /// Person entities matching a name: by folded surname (and first initial when the
    /// query gives more than one word), else by exact alias.
    pub(crate) fn resolve_persons(&self, name: &str) -> Result<Vec<i64>> {
        let folded = keys::fold(name);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let surname = keys::surname(name);
        let lo = format!("{surname}|");
        let hi = format!("{surname}}}");
        let candidates: Vec<(i64, String)> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, name FROM entities WHERE kind = 'person' AND key >= ?1 AND key < ?2
                 ORDER BY id",
            )?;
            stmt.query_map([&lo, &hi], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        let mut ids: Vec<i64> = candidates
            .into_iter()
            .filter(|(_, n)| {
                if words.len() < 2 {
                    return true;
                }
                let theirs = keys::fold(n);
                let their_words: Vec<&str> = theirs.split(' ').collect();
                their_words.len() < 2 || their_words[0].chars().next() == words[0].chars().next()
            })
            .map(|(id, _)| id)
            .collect();
        if ids.is_empty() {
            let mut stmt = self.conn.prepare_cached(
                "SELECT a.entity_id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
                 WHERE e.kind = 'person' AND a.alias = ?1 COLLATE NOCASE",
            )?;
            ids = stmt
                .query_map([name.trim()], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            ids.sort_unstable();
            ids.dedup();
        }
        Ok(ids)
    }

    /// Ids of the events a filter selects, in its order.
    fn event_ids(&self, f: &EventFilter, person_ids: Option<&[i64]>) -> Result<Vec<i64>> {
        Ok(self
            .event_keys(f, person_ids)?
            .into_iter()
            .map(|k| k.id)
            .collect())
    }

    /// Id, first day and kind of the events a filter selects, in its order.
    fn event_keys(&self, f: &EventFilter, person_ids: Option<&[i64]>) -> Result<Vec<EventKey>> {
        let mut sql = String::from("SELECT e.id, e.day_first, e.kind FROM events e WHERE 1 = 1");
        let day = |d: Date| Value::Integer(keys::day_number(d));
        let mut args: Vec<Value> = Vec::new();
        fn arg(sql: &mut String, args: &mut Vec<Value>, clause: &str, v: Value) {
            args.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        }
        match (&f.country, &f.with) {
            // A pair: one range of the `event_dyads` primary key.
            (Some(a), Some(b)) if a != b => {
                arg(
                    &mut sql,
                    &mut args,
                    " AND e.id IN (SELECT d.event_id FROM event_dyads d
                       WHERE d.side = (SELECT id FROM sides WHERE name = ?)",
                    Value::Text(a.clone()),
                );
                arg(
                    &mut sql,
                    &mut args,
                    " AND d.other = (SELECT id FROM sides WHERE name = ?))",
                    Value::Text(b.clone()),
                );
            }
            (Some(side), _) | (None, Some(side)) => arg(
                &mut sql,
                &mut args,
                // Driven from the index (a rowid list), not a probe of every event.
                " AND e.id IN (SELECT d.event_id FROM event_dyads d
                   WHERE d.side = (SELECT id FROM sides WHERE name = ?))",
                Value::Text(side.clone()),
            ),
            (None, None) => {}
        }
        // With a side, the side's rowid list is the selective access path: a unary `+`
        // keeps the planner from scanning a wide index on kind, status or day instead.
        let col = if f.country.is_some() || f.with.is_some() {
            "+e."
        } else {
            "e."
        };
        if let Some(k) = f.kind {
            arg(
                &mut sql,
                &mut args,
                &format!(" AND {col}kind = ?"),
                Value::Integer(keys::kind_code(k)),
            );
        }
        if let Some(s) = f.status {
            arg(
                &mut sql,
                &mut args,
                &format!(" AND {col}status = ?"),
                Value::Integer(keys::status_code(s)),
            );
        }
        // An event ending on or after `from` starts at most the longest range of any
        // event before it: that bound on day_first lets an index on it find them.
        let mut dated = false;
        if let Some(d) = f.from {
            arg(
                &mut sql,
                &mut args,
                &format!(" AND {col}day_last >= ?"),
                day(d),
            );
            if let Some(lower) = crate::write::first_day_bound(&self.conn, keys::day_number(d))? {
                dated = true;
                arg(
                    &mut sql,
                    &mut args,
                    &format!(" AND {col}day_first >= ?"),
                    Value::Integer(lower),
                );
            }
        }
        if let Some(d) = f.to {
            arg(
                &mut sql,
                &mut args,
                &format!(" AND {col}day_first <= ?"),
                day(d),
            );
        }
        // Organization and topic: rowid lists from their indexes, as for sides.
        if let Some(o) = &f.org {
            arg(
                &mut sql,
                &mut args,
                " AND e.id IN (SELECT o.id FROM events o WHERE o.organization = ?",
                Value::Text(o.clone()),
            );
            let n = args.len();
            sql.push_str(&format!(
                " UNION SELECT d.event_id FROM event_dyads d
                    WHERE d.side = (SELECT id FROM sides WHERE name = ?{n})
                  UNION SELECT p.event_id FROM participant_orgs p WHERE p.org = ?{n})"
            ));
        }
        if let Some(t) = &f.topic {
            arg(
                &mut sql,
                &mut args,
                " AND e.id IN (SELECT es.event_id FROM topics t
                   JOIN event_sources es ON es.doc_id = t.doc_id WHERE t.topic = ?)",
                Value::Text(t.clone()),
            );
        }
        if let Some(ids) = person_ids {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let list = ids
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",");
            sql.push_str(&format!(
                " AND e.id IN (SELECT p.event_id FROM event_participants p WHERE p.entity_id IN ({list}))"
            ));
        }
        // Undated events last either way. Both orders are read from `events_day`, so
        // a limited list stops early: backwards (NULL sorts first, so last when
        // descending), or forwards from the first dated event and then the undated
        // ones (SQLite reads NULLS LAST from an index in two ranges).
        if f.oldest_first && dated {
            // Every row has a first day: the order of `events_day`/`events_status_day`.
            sql.push_str(" ORDER BY e.day_first, e.id");
        } else if f.oldest_first {
            sql.push_str(" ORDER BY e.day_first NULLS LAST, e.id");
        } else {
            sql.push_str(" ORDER BY e.day_first DESC, e.id DESC");
        }
        args.push(Value::Integer(f.limit.map_or(-1, |l| l as i64)));
        args.push(Value::Integer(f.offset as i64));
        sql.push_str(&format!(
            " LIMIT ?{} OFFSET ?{}",
            args.len() - 1,
            args.len()
        ));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let keys = stmt
            .query_map(params_from_iter(args), |r| {
                Ok(EventKey {
                    id: r.get(0)?,
                    day_first: r.get(1)?,
                    kind: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(keys)
    }

    fn filter_person_ids(&self, f: &EventFilter) -> Result<Option<Vec<i64>>> {
        f.person
            .as_deref()
            .map(|p| self.resolve_persons(p))
            .transpose()
    }

    /// Events selected by a filter.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>> {
        let mut out = Vec::new();
        self.for_each_event(filter, |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// Stream the events a filter selects, loaded a page at a time (memory stays small
    /// whatever the number of events).
    pub fn for_each_event(
        &self,
        filter: &EventFilter,
        mut f: impl FnMut(EventRow) -> Result<()>,
    ) -> Result<()> {
        let person_ids = self.filter_person_ids(filter)?;
        let ids = self.event_ids(filter, person_ids.as_deref())?;
        for page in ids.chunks(PAGE) {
            for row in self.load_events(page)? {
                f(row)?;
            }
        }
        Ok(())
    }

    /// One event by id.
    pub fn event(&self, id: i64) -> Result<Option<EventRow>> {
        Ok(self.load_events(&[id])?.pop())
    }

    /// The events of `ids` (at most [`PAGE`]), in that order, each with its
    /// participants, sources, evidence and topics: three queries for the whole page
    /// rather than three per event. What each source says of its event (codes, dates,
    /// place, participants' titles, evidence) is read from the events and topics of
    /// its document's record ([`crate::codec::decode_head`]), decoded once per
    /// document of the page.
    fn load_events(&self, ids: &[i64]) -> Result<Vec<EventRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = id_list(ids);
        let mut rows: HashMap<i64, EventRow> = HashMap::with_capacity(ids.len());
        {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT id, kind, status, organization, sides FROM events WHERE id IN ({list})"
            ))?;
            let heads = stmt.query_map([], |r| {
                let sides: String = r.get(4)?;
                Ok(EventRow {
                    id: r.get(0)?,
                    kind: keys::kind_of(r.get(1)?),
                    cameo: String::new(),
                    plover: None,
                    plover_mode: None,
                    status: keys::status_of(r.get(2)?),
                    date: None,
                    date_end: None,
                    location: None,
                    sides: sides
                        .split('|')
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect(),
                    organization: r.get(3)?,
                    participants: Vec::new(),
                    topics: Vec::new(),
                    sources: Vec::new(),
                })
            })?;
            for row in heads {
                let row = row?;
                rows.insert(row.id, row);
            }
        }
        // The sources of each event, oldest publication first, with their documents'
        // records (decoded once per document).
        struct Found {
            event_id: i64,
            doc: i64,
            ord: usize,
            people: Vec<i64>,
            source: EventSource,
        }
        let mut found: Vec<Found> = Vec::new();
        // Per document: its stored record and text, and the events of it the page shows.
        type Stored = (Vec<u8>, Vec<u8>, Vec<usize>);
        let mut stored: HashMap<i64, Stored> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT es.event_id, es.doc_id, es.ord, es.people, d.doc_key, d.source, d.url,
                        d.title, d.published, d.record_z, d.text_z
                 FROM event_sources es JOIN documents d ON d.id = es.doc_id
                 WHERE es.event_id IN ({list})
                 ORDER BY es.event_id, d.published IS NULL, d.published, d.id, es.ord"
            ))?;
            let mut q = stmt.query([])?;
            while let Some(r) = q.next()? {
                let doc: i64 = r.get(1)?;
                let ord = usize::try_from(r.get::<_, i64>(2)?).unwrap_or(usize::MAX);
                match stored.entry(doc) {
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert((r.get(9)?, r.get(10)?, vec![ord]));
                    }
                    std::collections::hash_map::Entry::Occupied(mut slot) => {
                        slot.get_mut().2.push(ord);
                    }
                }
                let people: Vec<u8> = r.get(3)?;
                found.push(Found {
                    event_id: r.get(0)?,
                    doc,
                    ord,
                    people: packed::unpack_ids(&people).unwrap_or_default(),
                    source: EventSource {
                        doc_id: r.get(4)?,
                        source: r.get(5)?,
                        url: r.get(6)?,
                        title: r.get(7)?,
                        published: parse_date(r.get(8)?),
                        status: Status::Planned,
                        evidence: Vec::new(),
                    },
                });
            }
        }
        let docs: HashMap<i64, (Option<Head>, Option<String>)> = stored
            .into_iter()
            .map(|(doc, (record, text_z, ords))| {
                let (text, inner) = match packed::unpack_document(&text_z) {
                    Ok((text, inner)) => (Some(text), inner),
                    Err(_) => (None, None),
                };
                let record = crate::codec::embedded(&record, inner).ok();
                let head = text.as_deref().zip(record).and_then(|(t, record)| {
                    crate::codec::decode_head(&record, t, Some(&ords)).ok()
                });
                (doc, (head, text))
            })
            .collect();
        let names = self.entity_names(found.iter().flat_map(|f| f.people.iter().copied()))?;
        let event_of = |doc: i64, ord: usize| -> Option<&Event> {
            docs.get(&doc)
                .and_then(|(h, _)| h.as_ref())
                .and_then(|h| h.events.get(ord))
                .and_then(Option::as_ref)
        };
        // Per event: its sources in display order, then in (document, order) order for
        // the summary and participants.
        let mut by_event: HashMap<i64, Vec<usize>> = HashMap::new();
        for (i, f) in found.iter().enumerate() {
            by_event.entry(f.event_id).or_default().push(i);
        }
        for (event_id, shown) in by_event {
            let Some(row) = rows.get_mut(&event_id) else {
                continue;
            };
            let mut ordered = shown.clone();
            ordered.sort_by_key(|&i| (found[i].doc, found[i].ord));
            let events: Vec<&Event> = ordered
                .iter()
                .filter_map(|&i| event_of(found[i].doc, found[i].ord))
                .collect();
            if let Some(sum) = Summary::of(&events) {
                row.cameo = sum.cameo.to_string();
                row.plover = sum.plover.map(str::to_string);
                row.plover_mode = sum.mode.map(str::to_string);
                row.date = sum.date;
                row.date_end = sum.date_end;
                row.location = (sum.place.is_some() || sum.country.is_some()).then(|| Location {
                    place: sum.place.map(str::to_string),
                    country: sum.country.map(str::to_string),
                    span: None,
                });
            }
            for &i in &ordered {
                let f = &found[i];
                let actors = event_of(f.doc, f.ord).map(|e| &e.participants[..]);
                for (n, &entity_id) in f.people.iter().enumerate() {
                    let a = actors.and_then(|a| a.get(n));
                    merge_participant(&mut row.participants, entity_id, &names, a);
                }
            }
            let mut topics: Vec<String> = Vec::new();
            for &i in &shown {
                let f = &found[i];
                let (head, text) = docs
                    .get(&f.doc)
                    .map_or((None, None), |(h, t)| (h.as_ref(), t.as_deref()));
                if let Some(h) = head {
                    topics.extend(h.topics.iter().map(|t| t.topic.clone()));
                }
                let ev = event_of(f.doc, f.ord);
                let mut src = f.source.clone();
                src.status = ev.map_or(row.status, |e| e.status);
                if let (Some(ev), Some(text)) = (ev, text) {
                    src.evidence = ev
                        .evidence
                        .iter()
                        .map(|s| Evidence {
                            start: s.start,
                            end: s.end,
                            text: s.of(text).to_string(),
                        })
                        .collect();
                }
                row.sources.push(src);
            }
            topics.sort_unstable();
            topics.dedup();
            row.topics = topics;
        }
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(row) = rows.remove(id) {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// Display names of entities by id.
    fn entity_names(&self, ids: impl Iterator<Item = i64>) -> Result<HashMap<i64, String>> {
        let mut ids: Vec<i64> = ids.collect();
        ids.sort_unstable();
        ids.dedup();
        let mut out = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(PAGE) {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT id, name FROM entities WHERE id IN ({})",
                id_list(chunk)
            ))?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (id, name) = row?;
                out.insert(id, name);
            }
        }
        Ok(out)
    }

    /// The history of a pair of countries (or organizations): events per month and
    /// kind, and the events, oldest first.
    pub fn timeline(&self, a: &str, b: &str) -> Result<Timeline> {
        // One query for the pair's events; the month histogram is counted from it.
        let keys = self.event_keys(
            &EventFilter {
                country: Some(a.to_string()),
                with: Some(b.to_string()),
                oldest_first: true,
                ..EventFilter::default()
            },
            None,
        )?;
        // (year, month, kind) in the order of kind names -> events.
        let mut counts: BTreeMap<(i16, i8, &'static str), usize> = BTreeMap::new();
        for k in &keys {
            if let Some(d) = k.day_first.and_then(keys::day_of) {
                let kind = keys::kind_of(k.kind).as_str();
                *counts.entry((d.year(), d.month(), kind)).or_default() += 1;
            }
        }
        let months = counts
            .into_iter()
            .map(|((year, month, kind), count)| MonthCount {
                month: format!("{year:04}-{month:02}"),
                kind: EventKind::parse(kind).unwrap_or(EventKind::Other),
                count,
            })
            .collect();
        let shown = &keys[keys.len().saturating_sub(TIMELINE_EVENTS)..];
        let ids: Vec<i64> = shown.iter().map(|k| k.id).collect();
        let mut events = Vec::with_capacity(ids.len());
        for page in ids.chunks(PAGE) {
            events.extend(self.load_events(page)?);
        }
        Ok(Timeline {
            a: a.to_string(),
            b: b.to_string(),
            months,
            events,
            total_events: keys.len(),
        })
    }

    /// Profiles of the persons matching a name (several when the name is ambiguous).
    pub fn actor(&self, name: &str) -> Result<Vec<ActorProfile>> {
        let mut out = Vec::new();
        for id in self.resolve_persons(name)? {
            let (name, country): (String, Option<String>) = self.conn.query_row(
                "SELECT name, country FROM entities WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let aliases: Vec<String> = {
                let mut stmt = self.conn.prepare_cached(
                    "SELECT alias FROM entity_aliases WHERE entity_id = ?1 AND alias != ?2 ORDER BY alias",
                )?;
                stmt.query_map(params![id, name], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            };
            let mut title_counts: BTreeMap<String, usize> = BTreeMap::new();
            let mut countries: Vec<String> = country.iter().cloned().collect();
            // Titles and countries as each source gives them, and the other persons of
            // each event.
            let mut others: HashMap<i64, usize> = HashMap::new();
            let event_ids: Vec<i64> = self
                .conn
                .prepare_cached("SELECT event_id FROM event_participants WHERE entity_id = ?1")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for ev in event_ids {
                let mut met: Vec<i64> = Vec::new();
                for src in crate::write::sources_of(&self.conn, ev)? {
                    for (n, &p) in src.people.iter().enumerate() {
                        if p != id {
                            met.push(p);
                            continue;
                        }
                        let Some(a) = src.event.as_ref().and_then(|e| e.participants.get(n)) else {
                            continue;
                        };
                        for t in &a.titles {
                            *title_counts.entry(t.clone()).or_default() += 1;
                        }
                        if let Some(c) = &a.country
                            && !countries.contains(c)
                        {
                            countries.push(c.clone());
                        }
                    }
                }
                met.sort_unstable();
                met.dedup();
                for p in met {
                    *others.entry(p).or_default() += 1;
                }
            }
            let mut titles: Vec<(String, usize)> = title_counts.into_iter().collect();
            titles.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let documents: i64 = self.conn.query_row(
                "SELECT count(*) FROM mentions WHERE entity_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            let mut counterparts: Vec<Counterpart> = Vec::with_capacity(others.len());
            {
                let ids: Vec<i64> = others.keys().copied().collect();
                for chunk in ids.chunks(PAGE) {
                    let mut stmt = self.conn.prepare_cached(&format!(
                        "SELECT id, name, country FROM entities WHERE id IN ({})",
                        id_list(chunk)
                    ))?;
                    let rows =
                        stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))?;
                    for row in rows {
                        let (entity_id, name, country) = row?;
                        // (A padded list repeats its last id.)
                        let Some(events) = others.remove(&entity_id) else {
                            continue;
                        };
                        counterparts.push(Counterpart {
                            entity_id,
                            name,
                            country,
                            events,
                        });
                    }
                }
            }
            counterparts.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.name.cmp(&b.name)));
            let mut events = Vec::new();
            for page in self
                .event_ids(&EventFilter::default(), Some(&[id]))?
                .chunks(PAGE)
            {
                events.extend(self.load_events(page)?);
            }
            out.push(ActorProfile {
                entity_id: id,
                name,
                aliases,
                country,
                titles: titles.into_iter().map(|(t, _)| t).collect(),
                countries,
                documents: documents as usize,
                counterparts,
                events,
            });
        }
        Ok(out)
    }

    /// Planned events that may fall after `after`, soonest first.
    pub fn upcoming(&self, after: Date, limit: Option<usize>) -> Result<Vec<EventRow>> {
        let from = after.tomorrow().unwrap_or(after);
        self.events(&EventFilter {
            status: Some(Status::Planned),
            from: Some(from),
            oldest_first: true,
            limit,
            ..EventFilter::default()
        })
    }

    /// Counts of what the knowledge base holds.
    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<usize> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
        };
        let grouped = |sql: &str| -> Result<BTreeMap<String, usize>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let coded = |sql: &str| -> Result<Vec<(i64, usize)>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as usize))
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let (first_event, last_event): (Option<i64>, Option<i64>) = self.conn.query_row(
            "SELECT min(day_first), max(day_last) FROM events",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let day = |n: Option<i64>| n.and_then(keys::day_of).map(|d| d.to_string());
        let (first_event, last_event) = (day(first_event), day(last_event));
        Ok(Stats {
            schema_version: self.schema_version()?,
            documents: count("SELECT count(*) FROM documents")?,
            events: count("SELECT count(*) FROM events")?,
            events_multi_source: count(
                "SELECT count(*) FROM (SELECT event_id FROM event_sources GROUP BY event_id HAVING count(*) > 1)",
            )?,
            event_sources: count("SELECT count(*) FROM event_sources")?,
            mentions: count("SELECT coalesce(sum(n), 0) FROM mentions")?,
            entities: grouped("SELECT kind, count(*) FROM entities GROUP BY kind")?,
            events_by_kind: coded("SELECT kind, count(*) FROM events GROUP BY kind")?
                .into_iter()
                .map(|(k, n)| (keys::kind_of(k).as_str().to_string(), n))
                .collect(),
            events_by_status: coded("SELECT status, count(*) FROM events GROUP BY status")?
                .into_iter()
                .map(|(k, n)| (keys::status_of(k).as_str().to_string(), n))
                .collect(),
            first_event,
            last_event,
            extractors: grouped("SELECT extractor, count(*) FROM documents GROUP BY extractor")?,
        })
    }

    /// A stored document by id ([`Document::id`]).
    pub fn document(&self, doc_id: &str) -> Result<Option<StoredDocument>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT doc_key, source, url, title, published, language, text_z, paragraphs, feed,
                    content_hash, extractor, ingested_at, site
             FROM documents WHERE doc_key = ?1",
        )?;
        let row = stmt
            .query_row([doc_id], |r| {
                Ok((
                    Document {
                        id: r.get(0)?,
                        source: r.get(1)?,
                        url: r.get(2)?,
                        title: r.get(3)?,
                        published: parse_date(r.get(4)?),
                        language: r.get(5)?,
                        text: String::new(),
                        paragraphs: Vec::new(),
                        site: r.get(12)?,
                        feed: None,
                    },
                    (r.get::<_, Vec<u8>>(6)?, r.get::<_, Value>(7)?),
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, String>(10)?,
                    r.get::<_, String>(11)?,
                ))
            })
            .optional()?;
        let Some((mut document, (text_z, paragraphs), feed, content_hash, extractor, ingested_at)) =
            row
        else {
            return Ok(None);
        };
        let corrupt = |source| StoreError::Corrupt {
            doc: doc_id.to_string(),
            source,
        };
        let corrupt_text = |source| StoreError::CorruptText {
            doc: doc_id.to_string(),
            source,
        };
        document.text = packed::unpack_text(&text_z).map_err(corrupt_text)?;
        document.paragraphs = match paragraphs {
            Value::Blob(b) => packed::unpack_paragraphs(&b).map_err(corrupt_text)?,
            // Written as JSON by schema 6 and earlier.
            Value::Text(json) => serde_json::from_str::<Vec<[usize; 2]>>(&json)
                .map_err(corrupt)?
                .into_iter()
                .map(|[start, end]| Paragraph { start, end })
                .collect(),
            _ => Vec::new(),
        };
        document.feed = feed
            .map(|f| serde_json::from_str::<FeedInfo>(&f))
            .transpose()
            .map_err(corrupt)?;
        Ok(Some(StoredDocument {
            document,
            content_hash,
            extractor,
            ingested_at,
        }))
    }

    /// Stored documents, latest publication first (undated last).
    pub fn documents(&self, limit: usize, offset: usize) -> Result<Vec<DocSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.doc_key, d.source, d.url, d.title, d.published, d.language, d.ingested_at,
                    (SELECT count(*) FROM event_sources es WHERE es.doc_id = d.id)
             FROM documents d
             ORDER BY d.published IS NULL, d.published DESC, d.id DESC
             LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![limit as i64, offset as i64], |r| {
            Ok(DocSummary {
                doc_id: r.get(0)?,
                source: r.get(1)?,
                url: r.get(2)?,
                title: r.get(3)?,
                published: parse_date(r.get(4)?),
                language: r.get(5)?,
                ingested_at: r.get(6)?,
                events: r.get::<_, i64>(7)? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The pairs of sides with the most events together.
    pub fn pairs(&self, limit: usize) -> Result<Vec<PairCount>> {
        let mut stmt = self.conn.prepare_cached(
            // One ordered scan of the dyads, each pair once, in name order (a side
            // alone has the other side '', never after its name).
            "SELECT a.name, b.name, count(*) AS n
             FROM event_dyads d JOIN sides a ON a.id = d.side JOIN sides b ON b.id = d.other
             WHERE a.name < b.name
             GROUP BY d.side, d.other ORDER BY n DESC, a.name, b.name LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(PairCount {
                a: r.get(0)?,
                b: r.get(1)?,
                events: r.get::<_, i64>(2)? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The stored record of a document.
    pub fn record(&self, doc_id: &str) -> Result<Option<Record>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT record_z, text_z FROM documents WHERE doc_key = ?1")?;
        let stored: Option<(Vec<u8>, Vec<u8>)> = stmt
            .query_row([doc_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        stored
            .map(|(bytes, text_z)| {
                let (text, inner) =
                    packed::unpack_document(&text_z).map_err(|source| StoreError::CorruptText {
                        doc: doc_id.to_string(),
                        source,
                    })?;
                let corrupt = |source| StoreError::CorruptRecord {
                    doc: doc_id.to_string(),
                    source,
                };
                let bytes = crate::codec::embedded(&bytes, inner).map_err(corrupt)?;
                crate::codec::decode(&bytes, &text).map_err(corrupt)
            })
            .transpose()
    }
}
