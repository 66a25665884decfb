//! Writes: idempotent ingest of a document and its record, entity resolution and
//! cross-source fusion of events.

use crate::keys;
use crate::{Result, StoreError};
use attache_extract::{Actor, Event, Mention, MentionKind, PartialDate, Record, Status};
use attache_ingest::Document;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What happened to (or would happen to) one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocStatus {
    /// Not stored before.
    New,
    /// Stored with the same content and extractor version: nothing written.
    Unchanged,
    /// Same content already stored under another source: nothing written.
    Duplicate,
    /// The source was stored with other content; its old record was replaced.
    Updated,
    /// Same content, older extractor: the record was replaced.
    Reextracted,
}

/// The result of ingesting one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestOutcome {
    pub status: DocStatus,
    /// Events created by this document.
    pub events_new: usize,
    /// Events of this document fused into events already reported by other sources.
    pub events_merged: usize,
}

impl IngestOutcome {
    fn nothing(status: DocStatus) -> Self {
        IngestOutcome {
            status,
            events_new: 0,
            events_merged: 0,
        }
    }
}

struct Existing {
    id: i64,
    hash: String,
    extractor: String,
}

fn existing_by_source(conn: &Connection, source: &str) -> Result<Option<Existing>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, content_hash, extractor FROM documents WHERE source = ?1")?;
    Ok(stmt
        .query_row([source], |r| {
            Ok(Existing {
                id: r.get(0)?,
                hash: r.get(1)?,
                extractor: r.get(2)?,
            })
        })
        .optional()?)
}

fn hash_stored(conn: &Connection, hash: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM documents WHERE content_hash = ?1")?;
    Ok(stmt.exists([hash])?)
}

fn decide(
    conn: &Connection,
    doc: &Document,
    hash: &str,
    extractor: &str,
) -> Result<(DocStatus, Option<i64>)> {
    Ok(match existing_by_source(conn, &doc.source)? {
        Some(e) if e.hash == hash && e.extractor == extractor => (DocStatus::Unchanged, None),
        Some(e) if e.hash == hash => (DocStatus::Reextracted, Some(e.id)),
        Some(e) => (DocStatus::Updated, Some(e.id)),
        None if hash_stored(conn, hash)? => (DocStatus::Duplicate, None),
        None => (DocStatus::New, None),
    })
}

pub(crate) fn check(conn: &Connection, doc: &Document, extractor: &str) -> Result<DocStatus> {
    let hash = keys::content_hash(doc);
    Ok(decide(conn, doc, &hash, extractor)?.0)
}

/// Index the documents written since the last call (`temp.fts_pending`) in one
/// statement: FTS5 flushes its index at every statement that writes to it, so one
/// statement per batch instead of one per document.
pub(crate) fn index_pending(conn: &Connection) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO documents_fts (rowid, title, text)
         SELECT d.id, d.title, d.text FROM temp.fts_pending p JOIN documents d ON d.id = p.id",
    )?
    .execute([])?;
    conn.prepare_cached("DELETE FROM temp.fts_pending")?
        .execute([])?;
    Ok(())
}

/// What one write transaction has learnt of entities: ids by (kind, key) with the
/// length of the display name stored, and the aliases written. Valid only inside the
/// transaction that filled it (a rollback may undo what it remembers).
#[derive(Debug, Default)]
pub(crate) struct Cache {
    entities: HashMap<(&'static str, String), (i64, i64)>,
    aliases: HashSet<(i64, String)>,
}

/// Ingest one document inside the caller's transaction; the caller calls
/// [`index_pending`] before committing.
pub(crate) fn ingest_one(
    conn: &Connection,
    cache: &mut Cache,
    doc: &Document,
    rec: &Record,
) -> Result<IngestOutcome> {
    if rec.doc_id != doc.id {
        return Err(StoreError::Mismatch {
            document: doc.id.clone(),
            record: rec.doc_id.clone(),
        });
    }
    let hash = keys::content_hash(doc);
    let (status, old) = decide(conn, doc, &hash, &rec.extractor)?;
    match status {
        DocStatus::Unchanged | DocStatus::Duplicate => return Ok(IngestOutcome::nothing(status)),
        _ => {}
    }
    if let Some(old) = old {
        delete_document(conn, old)?;
    }
    let doc_id = insert_document(conn, doc, rec, &hash)?;
    conn.prepare_cached("INSERT INTO temp.fts_pending (id) VALUES (?1)")?
        .execute([doc_id])?;
    let mut w = DocWriter {
        conn,
        doc,
        rec,
        doc_id,
        cache,
    };
    w.mentions()?;
    w.topics_and_quantities()?;
    let (events_new, events_merged) = w.events()?;
    Ok(IngestOutcome {
        status,
        events_new,
        events_merged,
    })
}

fn insert_document(conn: &Connection, doc: &Document, rec: &Record, hash: &str) -> Result<i64> {
    let paragraphs: Vec<[usize; 2]> = doc.paragraphs.iter().map(|p| [p.start, p.end]).collect();
    let feed = doc.feed.as_ref().map(serde_json::to_string).transpose()?;
    let now = jiff::Timestamp::now().to_string();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO documents (doc_key, source, url, title, published, language, text,
             paragraphs, feed, content_hash, extractor, record_z, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    stmt.execute(params![
        doc.id,
        doc.source,
        doc.url,
        doc.title,
        doc.published.map(|d| d.to_string()),
        doc.language,
        doc.text,
        serde_json::to_string(&paragraphs)?,
        feed,
        hash,
        rec.extractor,
        crate::codec::encode(rec, &doc.text),
        now,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Remove a document and everything derived from it; events left without a source
/// are deleted, the others are re-summarized from the sources they keep.
pub(crate) fn delete_document(conn: &Connection, doc_id: i64) -> Result<()> {
    let events: Vec<i64> = {
        let mut stmt =
            conn.prepare_cached("SELECT DISTINCT event_id FROM event_sources WHERE doc_id = ?1")?;
        stmt.query_map([doc_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    // The full-text index: a row written in this batch is only pending; an indexed
    // row is removed with the values it was indexed with.
    let pending = conn
        .prepare_cached("DELETE FROM temp.fts_pending WHERE id = ?1")?
        .execute([doc_id])?;
    if pending == 0 {
        conn.prepare_cached(
            "INSERT INTO documents_fts (documents_fts, rowid, title, text)
             SELECT 'delete', id, title, text FROM documents WHERE id = ?1",
        )?
        .execute([doc_id])?;
    }
    conn.prepare_cached("DELETE FROM documents WHERE id = ?1")?
        .execute([doc_id])?;
    for ev in events {
        let has_sources = conn
            .prepare_cached("SELECT 1 FROM event_sources WHERE event_id = ?1")?
            .exists([ev])?;
        if has_sources {
            refresh_event(conn, ev)?;
        } else {
            let sides: Option<String> = conn
                .prepare_cached("SELECT sides FROM events WHERE id = ?1")?
                .query_row([ev], |r| r.get(0))
                .optional()?;
            let sides: Vec<&str> = sides
                .as_deref()
                .unwrap_or("")
                .split('|')
                .filter(|s| !s.is_empty())
                .collect();
            let mut stmt = conn.prepare_cached(
                "DELETE FROM event_dyads WHERE side = ?1 AND other = ?2 AND event_id = ?3",
            )?;
            for (side, other) in dyads(&sides) {
                stmt.execute(params![side, other, ev])?;
            }
            conn.prepare_cached("DELETE FROM events WHERE id = ?1")?
                .execute([ev])?;
        }
    }
    Ok(())
}

/// The rows of `event_dyads` of an event with these (distinct) sides: every ordered
/// pair of two sides, or (side, "") for a side alone.
fn dyads<'s>(sides: &[&'s str]) -> Vec<(&'s str, &'s str)> {
    if let [one] = sides {
        return vec![(one, "")];
    }
    let mut out = Vec::with_capacity(sides.len() * sides.len());
    for a in sides {
        for b in sides {
            if a != b {
                out.push((*a, *b));
            }
        }
    }
    out
}

fn entity_kind(kind: MentionKind) -> Option<&'static str> {
    match kind {
        MentionKind::Country => Some("country"),
        MentionKind::Place => Some("place"),
        MentionKind::Organization => Some("organization"),
        MentionKind::Person => Some("person"),
        MentionKind::Company => Some("company"),
        MentionKind::Title | MentionKind::Date | MentionKind::Quantity => None,
    }
}

pub(crate) fn status_str(s: Status) -> &'static str {
    s.as_str()
}

fn status_rank(s: &str) -> u8 {
    match s {
        "occurred" => 3,
        "cancelled" => 2,
        _ => 1,
    }
}

struct DocWriter<'a> {
    conn: &'a Connection,
    doc: &'a Document,
    rec: &'a Record,
    doc_id: i64,
    cache: &'a mut Cache,
}

impl DocWriter<'_> {
    /// Upsert an entity; a longer display name replaces a shorter one ("Sergei
    /// Aleinik" over "S.Aleinik"), every name seen is kept as an alias.
    fn entity(
        &mut self,
        kind: &'static str,
        key: String,
        name: &str,
        country: Option<&str>,
    ) -> Result<i64> {
        // SQLite's length() counts characters.
        let len = name.chars().count() as i64;
        let id = match self.cache.entities.get(&(kind, key.clone())) {
            // Known, with a display name at least as long: nothing to write.
            Some(&(id, stored)) if stored >= len => id,
            _ => {
                let mut stmt = self.conn.prepare_cached(
                    "INSERT INTO entities (kind, key, name, country) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (kind, key) DO UPDATE SET name = CASE
                         WHEN length(excluded.name) > length(entities.name) THEN excluded.name
                         ELSE entities.name END
                     RETURNING id, length(name)",
                )?;
                let (id, stored): (i64, i64) = stmt
                    .query_row(params![kind, key, name, country], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })?;
                self.cache.entities.insert((kind, key), (id, stored));
                id
            }
        };
        let alias = name.trim();
        if !alias.is_empty() && self.cache.aliases.insert((id, alias.to_string())) {
            self.conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?1, ?2)",
                )?
                .execute(params![id, alias])?;
        }
        Ok(id)
    }

    fn person(&mut self, name: &str, country: Option<&str>) -> Result<i64> {
        self.entity("person", keys::person_key(name, country), name, country)
    }

    /// The country of a person mention: its own, else that of the actor of the record
    /// with the same surname.
    fn person_country(&self, name: &str, country: Option<&str>) -> Option<String> {
        if let Some(c) = country {
            return Some(c.to_string());
        }
        let s = keys::surname(name);
        let mut found = self
            .rec
            .actors
            .iter()
            .filter(|a| keys::surname(&a.name) == s)
            .filter_map(|a| a.country.clone());
        let first = found.next()?;
        // Two actors of one surname acting for different countries: undecided.
        found.all(|c| c == first).then_some(first)
    }

    /// The entity a mention names (`None` when its key is empty).
    fn resolve(&mut self, kind: &'static str, m: &Mention) -> Result<Option<i64>> {
        let (key, country) = match m.kind {
            MentionKind::Person => {
                let c = self.person_country(&m.entity, m.country.as_deref());
                (keys::person_key(&m.entity, c.as_deref()), c)
            }
            MentionKind::Place => (
                keys::place_key(&m.entity, m.country.as_deref()),
                m.country.clone(),
            ),
            MentionKind::Company => (keys::fold(&m.entity), m.country.clone()),
            _ => (m.entity.clone(), m.country.clone()),
        };
        if key.is_empty() || key.starts_with('|') {
            return Ok(None);
        }
        Ok(Some(self.entity(
            kind,
            key,
            &m.entity,
            country.as_deref(),
        )?))
    }

    /// Resolve the entities of the mentions and count the mentions of each (the
    /// occurrences themselves are in the stored record).
    fn mentions(&mut self) -> Result<()> {
        let rec = self.rec;
        let mut counts: BTreeMap<i64, i64> = BTreeMap::new();
        // A document names the same entity many times: resolve each once.
        let mut resolved: HashMap<(MentionKind, &str, Option<&str>), Option<i64>> = HashMap::new();
        for m in &rec.mentions {
            let Some(kind) = entity_kind(m.kind) else {
                continue;
            };
            let memo = (m.kind, m.entity.as_str(), m.country.as_deref());
            let entity_id = match resolved.get(&memo) {
                Some(&id) => id,
                None => {
                    let id = self.resolve(kind, m)?;
                    resolved.insert(memo, id);
                    id
                }
            };
            let Some(id) = entity_id else {
                continue;
            };
            if m.surface != m.entity && !m.surface.trim().is_empty() {
                let alias = m.surface.trim().to_string();
                if self.cache.aliases.insert((id, alias.clone())) {
                    self.conn
                        .prepare_cached(
                            "INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?1, ?2)",
                        )?
                        .execute(params![id, alias])?;
                }
            }
            *counts.entry(id).or_default() += 1;
        }
        let mut stmt = self
            .conn
            .prepare_cached("INSERT INTO mentions (doc_id, entity_id, n) VALUES (?1, ?2, ?3)")?;
        for (id, n) in counts {
            stmt.execute(params![self.doc_id, id, n])?;
        }
        Ok(())
    }

    fn topics_and_quantities(&mut self) -> Result<()> {
        for t in &self.rec.topics {
            self.conn
                .prepare_cached("INSERT INTO topics (doc_id, topic) VALUES (?1, ?2)")?
                .execute(params![self.doc_id, t.topic])?;
        }
        for q in &self.rec.quantities {
            self.conn
                .prepare_cached(
                    "INSERT INTO quantities (doc_id, value, unit, per, start, end)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    self.doc_id,
                    q.value,
                    q.unit,
                    q.per,
                    q.span.start as i64,
                    q.span.end as i64
                ])?;
        }
        Ok(())
    }

    /// Store every event of the record, fusing each with an event other documents
    /// reported when they match. Returns (new, merged).
    fn events(&mut self) -> Result<(usize, usize)> {
        let (mut new, mut merged) = (0, 0);
        for (ord, ev) in self.rec.events.iter().enumerate() {
            let mut people = Vec::with_capacity(ev.participants.len());
            for a in &ev.participants {
                people.push(self.person(&a.name, a.country.as_deref())?);
            }
            let mut sides: Vec<&str> = ev.sides.iter().map(String::as_str).collect();
            sides.sort_unstable();
            sides.dedup();
            let sides_key = sides.join("|");
            let (first, last) = keys::day_range(ev.date, ev.date_end);
            match self.find_match(ev, &sides_key, first.as_deref(), last.as_deref(), &people)? {
                Some(id) => {
                    merged += 1;
                    self.add_source(id, ord, ev, &people)?;
                    refresh_event(self.conn, id)?;
                }
                None => {
                    new += 1;
                    let id = self.new_event(ev, &sides_key, &sides)?;
                    self.add_source(id, ord, ev, &people)?;
                }
            }
        }
        Ok((new, merged))
    }

    /// An event of another document with the same kind and sides, overlapping dates and
    /// overlapping (or absent) participants.
    fn find_match(
        &self,
        ev: &Event,
        sides_key: &str,
        first: Option<&str>,
        last: Option<&str>,
        people: &[i64],
    ) -> Result<Option<i64>> {
        if sides_key.is_empty() {
            return Ok(None);
        }
        let (Some(first), Some(last)) = (first, last) else {
            return self.find_undated_match(ev, sides_key, people);
        };
        // An event ending on or after `first` starts at most the longest event range
        // before it: the lower bound keeps the index range to nearby days instead of
        // every earlier event of the pair.
        let lower = first_day_bound(self.conn, first)?;
        let candidates: Vec<i64> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id FROM events
                 WHERE kind = ?1 AND sides = ?2 AND day_first <= ?4 AND day_last >= ?3
                   AND day_first >= ?6
                   AND id NOT IN (SELECT event_id FROM event_sources WHERE doc_id = ?5)
                 ORDER BY id",
            )?;
            stmt.query_map(
                params![ev.kind.as_str(), sides_key, first, last, self.doc_id, lower],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?
        };
        for id in candidates {
            if people.is_empty() {
                return Ok(Some(id));
            }
            let theirs: Vec<i64> = {
                let mut stmt = self.conn.prepare_cached(
                    "SELECT DISTINCT entity_id FROM event_participants WHERE event_id = ?1",
                )?;
                stmt.query_map([id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            };
            if theirs.is_empty() || theirs.iter().any(|p| people.contains(p)) {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    /// An undated event matches only an undated event of the same kind and sides,
    /// reported by a document published the same day (a feed item and its page), with
    /// named participants in common.
    fn find_undated_match(
        &self,
        ev: &Event,
        sides_key: &str,
        people: &[i64],
    ) -> Result<Option<i64>> {
        let Some(published) = self.doc.published else {
            return Ok(None);
        };
        if people.is_empty() {
            return Ok(None);
        }
        let candidates: Vec<i64> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT e.id FROM events e
                 WHERE e.kind = ?1 AND e.sides = ?2 AND e.day_first IS NULL
                   AND e.id NOT IN (SELECT event_id FROM event_sources WHERE doc_id = ?4)
                   AND EXISTS (SELECT 1 FROM event_sources es JOIN documents d ON d.id = es.doc_id
                               WHERE es.event_id = e.id AND d.published = ?3)
                 ORDER BY e.id",
            )?;
            stmt.query_map(
                params![
                    ev.kind.as_str(),
                    sides_key,
                    published.to_string(),
                    self.doc_id
                ],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?
        };
        for id in candidates {
            let mut stmt = self.conn.prepare_cached(
                "SELECT DISTINCT entity_id FROM event_participants WHERE event_id = ?1",
            )?;
            let theirs: Vec<i64> = stmt
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if theirs.iter().any(|p| people.contains(p)) {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    /// A new event, summarized from its one source (as [`refresh_event`] would).
    fn new_event(&self, ev: &Event, sides_key: &str, sides: &[&str]) -> Result<i64> {
        let src = Src::of(ev);
        let sum = Summary::with_head(&src, std::slice::from_ref(&src));
        self.conn
            .prepare_cached(
                "INSERT INTO events (kind, cameo, plover, plover_mode, status, date, date_end,
                     day_first, day_last, place, country, organization, sides)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                ev.kind.as_str(),
                sum.cameo,
                sum.plover,
                sum.mode,
                sum.status,
                sum.date,
                sum.date_end,
                sum.first,
                sum.last,
                sum.place,
                sum.country,
                sum.org,
                sides_key
            ])?;
        let id = self.conn.last_insert_rowid();
        note_range(self.conn, sum.first.as_deref(), sum.last.as_deref())?;
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO event_dyads (side, other, event_id) VALUES (?1, ?2, ?3)",
        )?;
        for (side, other) in dyads(sides) {
            stmt.execute(params![side, other, id])?;
        }
        Ok(id)
    }

    fn add_source(&self, event_id: i64, ord: usize, ev: &Event, people: &[i64]) -> Result<()> {
        let loc = ev.location.as_ref();
        self.conn
            .prepare_cached(
                "INSERT INTO event_sources (doc_id, ord, event_id, cameo, plover, plover_mode,
                     status, date, date_end, place, country, organization)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                self.doc_id,
                ord as i64,
                event_id,
                ev.cameo,
                ev.plover,
                ev.plover_mode,
                status_str(ev.status),
                ev.date.map(|d| d.to_string()),
                ev.date_end.map(|d| d.to_string()),
                loc.and_then(|l| l.place.clone()),
                loc.and_then(|l| l.country.clone()),
                ev.organization,
            ])?;
        for (a, entity_id) in ev.participants.iter().zip(people) {
            self.participant(event_id, *entity_id, a)?;
        }
        for span in &ev.evidence {
            self.conn
                .prepare_cached(
                    "INSERT INTO evidence (event_id, doc_id, start, end) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![
                    event_id,
                    self.doc_id,
                    span.start as i64,
                    span.end as i64
                ])?;
        }
        Ok(())
    }

    fn participant(&self, event_id: i64, entity_id: i64, a: &Actor) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO event_participants (event_id, doc_id, entity_id, titles,
                     country, organization, sector)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                event_id,
                self.doc_id,
                entity_id,
                serde_json::to_string(&a.titles)?,
                a.country,
                a.organization,
                a.sector.map(|s| s.code()),
            ])?;
        Ok(())
    }
}

/// The earliest first day of an event that ends on or after `day` (a `YYYY-MM-DD`):
/// `day` less the longest event range stored; "" (no bound) when unknown.
pub(crate) fn first_day_bound(conn: &Connection, day: &str) -> Result<String> {
    let days: Option<i64> = conn
        .prepare_cached("SELECT value FROM store_meta WHERE key = 'max_event_days'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    let bound = days
        .and_then(|n| i32::try_from(n).ok())
        .zip(day.parse::<jiff::civil::Date>().ok())
        .and_then(|(n, d)| d.checked_sub(jiff::Span::new().days(n)).ok());
    Ok(bound.map(|d| d.to_string()).unwrap_or_default())
}

/// Raise `store_meta.max_event_days` to the length of an event's day range: queries
/// bound the first day of events ending after a day by it.
fn note_range(conn: &Connection, first: Option<&str>, last: Option<&str>) -> Result<()> {
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(());
    };
    if first == last {
        return Ok(());
    }
    let days = match (
        first.parse::<jiff::civil::Date>(),
        last.parse::<jiff::civil::Date>(),
    ) {
        (Ok(f), Ok(l)) => i64::from((l - f).get_days()),
        // Not a day (never written so): no bound can be kept.
        _ => i64::MAX,
    };
    if days > 0 {
        conn.prepare_cached(
            "UPDATE store_meta SET value = ?1 WHERE key = 'max_event_days' AND value < ?1",
        )?
        .execute([days])?;
    }
    Ok(())
}

/// What one source says of an event, as stored in `event_sources`.
struct Src {
    cameo: String,
    plover: Option<String>,
    mode: Option<String>,
    status: String,
    date: Option<String>,
    date_end: Option<String>,
    place: Option<String>,
    country: Option<String>,
    org: Option<String>,
}

impl Src {
    /// The source row [`DocWriter::add_source`] writes for `ev`.
    fn of(ev: &Event) -> Src {
        let loc = ev.location.as_ref();
        Src {
            cameo: ev.cameo.clone(),
            plover: ev.plover.clone(),
            mode: ev.plover_mode.clone(),
            status: status_str(ev.status).to_string(),
            date: ev.date.map(|d| d.to_string()),
            date_end: ev.date_end.map(|d| d.to_string()),
            place: loc.and_then(|l| l.place.clone()),
            country: loc.and_then(|l| l.country.clone()),
            org: ev.organization.clone(),
        }
    }
}

/// The summary of an event: the columns of `events` that its sources decide.
struct Summary<'s> {
    cameo: &'s str,
    plover: Option<&'s str>,
    mode: Option<&'s str>,
    status: &'s str,
    date: Option<String>,
    date_end: Option<String>,
    first: Option<String>,
    last: Option<String>,
    place: Option<&'s str>,
    country: Option<&'s str>,
    org: Option<&'s str>,
}

impl<'s> Summary<'s> {
    /// The most precise date (first source on ties), the first source's codes, the
    /// first known place and organization, and the strongest status (occurred over
    /// cancelled over planned). `None` without sources.
    fn of(sources: &'s [Src]) -> Option<Summary<'s>> {
        Some(Summary::with_head(sources.first()?, sources))
    }

    /// [`Summary::of`] with `head` the first of `sources`.
    fn with_head(head: &'s Src, sources: &'s [Src]) -> Summary<'s> {
        let parse = |s: &Option<String>| s.as_deref().and_then(PartialDate::parse);
        let mut best: Option<(&Src, PartialDate)> = None;
        for s in sources {
            if let Some(d) = parse(&s.date)
                && best.is_none_or(|(_, b)| keys::precision(d) > keys::precision(b))
            {
                best = Some((s, d));
            }
        }
        let (date, date_end) = match best {
            Some((s, d)) => (Some(d), parse(&s.date_end)),
            None => (None, None),
        };
        let (first, last) = keys::day_range(date, date_end);
        let status = sources
            .iter()
            .map(|s| s.status.as_str())
            .max_by_key(|s| status_rank(s))
            .unwrap_or("planned");
        let located = sources
            .iter()
            .find(|s| s.place.is_some() || s.country.is_some());
        Summary {
            cameo: &head.cameo,
            plover: head.plover.as_deref(),
            mode: head.mode.as_deref(),
            status,
            date: date.map(|d| d.to_string()),
            date_end: date_end.map(|d| d.to_string()),
            first,
            last,
            place: located.and_then(|s| s.place.as_deref()),
            country: located.and_then(|s| s.country.as_deref()),
            org: sources.iter().find_map(|s| s.org.as_deref()),
        }
    }
}

/// Recompute an event's summary from its sources ([`Summary::of`]).
pub(crate) fn refresh_event(conn: &Connection, event_id: i64) -> Result<()> {
    let sources: Vec<Src> = {
        let mut stmt = conn.prepare_cached(
            "SELECT cameo, plover, plover_mode, status, date, date_end, place, country, organization
             FROM event_sources WHERE event_id = ?1 ORDER BY doc_id, ord",
        )?;
        stmt.query_map([event_id], |r| {
            Ok(Src {
                cameo: r.get(0)?,
                plover: r.get(1)?,
                mode: r.get(2)?,
                status: r.get(3)?,
                date: r.get(4)?,
                date_end: r.get(5)?,
                place: r.get(6)?,
                country: r.get(7)?,
                org: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    let Some(sum) = Summary::of(&sources) else {
        return Ok(());
    };
    note_range(conn, sum.first.as_deref(), sum.last.as_deref())?;
    conn.prepare_cached(
        "UPDATE events SET cameo = ?2, plover = ?3, plover_mode = ?4, status = ?5, date = ?6,
             date_end = ?7, day_first = ?8, day_last = ?9, place = ?10, country = ?11,
             organization = ?12
         WHERE id = ?1",
    )?
    .execute(params![
        event_id,
        sum.cameo,
        sum.plover,
        sum.mode,
        sum.status,
        sum.date,
        sum.date_end,
        sum.first,
        sum.last,
        sum.place,
        sum.country,
        sum.org,
    ])?;
    Ok(())
}
