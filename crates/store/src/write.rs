//! Writes: idempotent ingest of a document and its record, entity resolution and
//! cross-source fusion of events.

use crate::memo::{Created, FnvMap, FnvSet, Known, Memo};
use crate::{Result, StoreError};
use crate::{bulk, codec, keys, packed};
use attache_extract::{Event, Mention, MentionKind, PartialDate, Record, Status};
use attache_ingest::Document;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

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

/// Index the documents written since the last call (`temp.fts_pending`, which holds
/// their title and text) in one statement: FTS5 flushes its index at every statement
/// that writes to it, so one statement per batch instead of one per document.
pub(crate) fn index_pending(conn: &Connection) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO documents_fts (rowid, title, text) SELECT id, title, text FROM temp.fts_pending",
    )?
    .execute([])?;
    conn.prepare_cached("DELETE FROM temp.fts_pending")?
        .execute([])?;
    Ok(())
}

/// What one write transaction knows: what the connection remembers of entities and
/// events ([`Memo`], handed over when the transaction begins and back when it
/// commits), the aliases written, and the rows it has yet to write ([`Deferred`]).
/// Valid only inside the transaction that filled it (a rollback may undo what it
/// remembers, so it is dropped with it).
#[derive(Debug, Default)]
pub(crate) struct Cache {
    pub(crate) memo: Memo,
    aliases: FnvSet<(i64, String)>,
    /// The numbers of the sides this transaction has looked up or added (`sides`).
    side_ids: FnvMap<String, i64>,
    deferred: Deferred,
    /// Documents written but not yet in the full-text index (see [`index_pending`]).
    pub(crate) unindexed: usize,
}

/// Rows of the random-keyed tables that nothing reads while documents are written:
/// kept until the transaction ends, then written in key order ([`write_deferred`]).
/// Written as they came, each row of a batch went to another page of a table larger
/// than the page cache (read back from the file, written to the WAL); in key order,
/// each page is visited once per transaction. Deleting a document first writes what
/// is deferred, so deletes see every row.
#[derive(Debug, Default)]
pub(crate) struct Deferred {
    /// `event_dyads` (side, other, event), sides by number (`sides`).
    dyads: Vec<(i64, i64, i64)>,
    /// `mentions` (entity, document, count).
    mentions: Vec<(i64, i64, i64)>,
    /// `event_participants` (entity, event).
    participants: Vec<(i64, i64)>,
    /// `entity_aliases` (entity, alias).
    aliases: Vec<(i64, String)>,
}

impl Cache {
    /// The cache of a write transaction that has just begun on `conn`, with what the
    /// connection remembers ([`Memo::begin`]).
    ///
    /// A database left in a bulk load that this memo does not carry on is repaired
    /// now ([`bulk::repair`]); with `bulk`, a bulk load begins when the memo stands
    /// in for every index (see [`crate::bulk`]).
    pub(crate) fn begin(conn: &Connection, memo: Memo, bulk: bool) -> Result<Cache> {
        let mut memo = memo.begin(conn)?;
        let active = bulk::active(conn)?;
        if active && !(memo.bulk && memo.knows_all()) {
            bulk::repair(conn)?;
            memo.bulk = false;
        } else if !active {
            memo.bulk = false;
            if bulk && memo.knows_all() && bulk::is_empty(conn)? {
                bulk::enter(conn)?;
                memo.bulk = true;
            }
        }
        Ok(Cache {
            memo,
            ..Cache::default()
        })
    }

    /// End the bulk load this transaction carries on, if any ([`bulk::repair`]):
    /// what follows reads the indexes it dropped.
    pub(crate) fn end_bulk(&mut self, conn: &Connection) -> Result<()> {
        if self.memo.bulk {
            write_deferred(conn, self)?;
            bulk::repair(conn)?;
            self.memo.bulk = false;
        }
        Ok(())
    }
}

impl Deferred {
    fn is_empty(&self) -> bool {
        self.dyads.is_empty()
            && self.mentions.is_empty()
            && self.participants.is_empty()
            && self.aliases.is_empty()
    }
}

/// Write the deferred rows of `cache` ([`Deferred`]), each table in its key order.
pub(crate) fn write_deferred(conn: &Connection, cache: &mut Cache) -> Result<()> {
    let d = &mut cache.deferred;
    if d.is_empty() {
        return Ok(());
    }
    if cache.memo.bulk {
        return write_staged(conn, d);
    }
    // Many rows per statement ([`bulk::Rows`]): in key order, each goes next to
    // the one before.
    d.dyads.sort_unstable();
    d.dyads.dedup();
    let mut rows = bulk::Rows::new(
        conn,
        "INSERT OR IGNORE INTO event_dyads (side, other, event_id)",
        3,
    );
    for &(side, other, ev) in &d.dyads {
        rows.push(&[side, other, ev])?;
    }
    rows.flush()?;
    d.mentions.sort_unstable();
    let mut rows = bulk::Rows::new(conn, "INSERT INTO mentions (entity_id, doc_id, n)", 3);
    for &(entity, doc, n) in &d.mentions {
        rows.push(&[entity, doc, n])?;
    }
    rows.flush()?;
    d.participants.sort_unstable();
    d.participants.dedup();
    let mut rows = bulk::Rows::new(
        conn,
        "INSERT OR IGNORE INTO event_participants (entity_id, event_id)",
        2,
    );
    for &(entity, ev) in &d.participants {
        rows.push(&[entity, ev])?;
    }
    rows.flush()?;
    d.aliases.sort_unstable();
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?1, ?2)",
    )?;
    for (entity, alias) in &d.aliases {
        stmt.execute(params![entity, alias])?;
    }
    *d = Deferred::default();
    Ok(())
}

/// Write the deferred rows to the staging tables of a bulk load (appended as they
/// come: they go to their tables in key order when the load ends). A bulk load
/// defers nothing else: the mentions of a document are one staged row, written
/// with it, and the dyads and participants are derived from the events and their
/// sources at the end ([`bulk::derive_dyads`], [`bulk::derive_participants`]).
fn write_staged(conn: &Connection, d: &mut Deferred) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT INTO bulk_entity_aliases (entity_id, alias) VALUES (?1, ?2)")?;
    for (entity, alias) in &d.aliases {
        stmt.execute(params![entity, alias])?;
    }
    *d = Deferred::default();
    Ok(())
}

/// End the writes of a transaction: the deferred rows of `cache` ([`write_deferred`])
/// and the full-text index ([`index_pending`]). The caller commits next.
pub(crate) fn finish(conn: &Connection, cache: &mut Cache) -> Result<()> {
    write_deferred(conn, cache)?;
    index_pending(conn)
}

/// Ingest one document inside the caller's transaction; the caller calls
/// [`finish`] before committing.
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
        // Deletes read the indexes a bulk load drops.
        cache.end_bulk(conn)?;
        write_deferred(conn, cache)?;
        delete_document(conn, old)?;
        // Events went or changed: fusion reads them from the database again.
        cache.memo.events.stop();
        cache.memo.set_max_event_days(None);
    }
    let mut w = DocWriter {
        conn,
        doc,
        rec,
        doc_id: 0,
        cache,
    };
    let counts = w.resolve_mentions()?;
    let entities: Vec<i64> = counts.keys().copied().collect();
    w.doc_id = insert_document(conn, doc, rec, &hash, &entities)?;
    conn.prepare_cached("INSERT INTO temp.fts_pending (id, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![w.doc_id, doc.title, doc.text])?;
    w.write_mentions(&counts)?;
    w.topics()?;
    let (events_new, events_merged) = w.events()?;
    Ok(IngestOutcome {
        status,
        events_new,
        events_merged,
    })
}

fn insert_document(
    conn: &Connection,
    doc: &Document,
    rec: &Record,
    hash: &str,
    entities: &[i64],
) -> Result<i64> {
    let feed = doc.feed.as_ref().map(serde_json::to_string).transpose()?;
    let now = jiff::Timestamp::now().to_string();
    let (text_z, record_z) = codec::encode_document(rec, &doc.text);
    let mut stmt = conn.prepare_cached(
        "INSERT INTO documents (doc_key, source, url, title, published, language, text_z,
             paragraphs, feed, content_hash, extractor, record_z, ingested_at, entities, site)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    stmt.execute(params![
        doc.id,
        doc.source,
        doc.url,
        doc.title,
        doc.published.map(|d| d.to_string()),
        doc.language,
        text_z,
        packed::pack_paragraphs(&doc.paragraphs),
        feed,
        hash,
        rec.extractor,
        record_z,
        now,
        packed::pack_sorted_ids(entities),
        doc.site,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// One source of an event as stored: the person entities of its participants (in
/// their order), and the event as its document's record has it (`None` when the
/// record cannot be read).
pub(crate) struct StoredSource {
    pub(crate) people: Vec<i64>,
    pub(crate) event: Option<Event>,
}

/// The events and topics of a document's stored record (its text is read only for
/// records of earlier formats); `None` when it cannot be read.
pub(crate) fn stored_head(
    conn: &Connection,
    doc_id: i64,
    wanted: Option<&[usize]>,
) -> Result<Option<codec::Head>> {
    let row: Option<(Vec<u8>, Vec<u8>)> = conn
        .prepare_cached("SELECT record_z, text_z FROM documents WHERE id = ?1")?
        .query_row([doc_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((record, text_z)) = row else {
        return Ok(None);
    };
    let (text, inner) = if codec::in_text(&record) || codec::head_needs_text(&record) {
        match packed::unpack_document(&text_z) {
            Ok(t) => t,
            Err(_) => return Ok(None),
        }
    } else {
        (String::new(), None)
    };
    let Ok(record) = codec::embedded(&record, inner) else {
        return Ok(None);
    };
    Ok(codec::decode_head(&record, &text, wanted).ok())
}

/// The sources of an event, in the order of their documents and records.
pub(crate) fn sources_of(conn: &Connection, event_id: i64) -> Result<Vec<StoredSource>> {
    let rows: Vec<(i64, i64, Vec<u8>)> = conn
        .prepare_cached(
            "SELECT doc_id, ord, people FROM event_sources WHERE event_id = ?1 ORDER BY doc_id, ord",
        )?
        .query_map([event_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (doc_id, ord, people) in rows {
        let ord = usize::try_from(ord).unwrap_or(usize::MAX);
        let event = stored_head(conn, doc_id, Some(&[ord]))?
            .and_then(|mut h| (ord < h.events.len()).then(|| h.events.swap_remove(ord)))
            .flatten();
        out.push(StoredSource {
            people: packed::unpack_ids(&people).unwrap_or_default(),
            event,
        });
    }
    Ok(out)
}

/// Remove a document and everything derived from it; events left without a source
/// are deleted, the others are re-summarized from the sources they keep.
pub(crate) fn delete_document(conn: &Connection, doc_id: i64) -> Result<()> {
    let row: Option<Vec<u8>> = conn
        .prepare_cached("SELECT entities FROM documents WHERE id = ?1")?
        .query_row([doc_id], |r| r.get(0))
        .optional()?;
    let Some(entities) = row else {
        return Ok(());
    };
    let head = stored_head(conn, doc_id, None)?;
    // (order, event, people) of each event this document reports.
    let sources: Vec<(i64, i64, Vec<u8>)> = conn
        .prepare_cached("SELECT ord, event_id, people FROM event_sources WHERE doc_id = ?1")?
        .query_map([doc_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // The full-text index: a row written in this batch is only pending; an indexed
    // row is removed with the values it was indexed with.
    let pending = conn
        .prepare_cached("DELETE FROM temp.fts_pending WHERE id = ?1")?
        .execute([doc_id])?;
    if pending == 0 {
        conn.prepare_cached(
            "INSERT INTO documents_fts (documents_fts, rowid, title, text)
             SELECT 'delete', id, title, attache_text(text_z) FROM documents WHERE id = ?1",
        )?
        .execute([doc_id])?;
    }
    {
        let mut stmt =
            conn.prepare_cached("DELETE FROM mentions WHERE entity_id = ?1 AND doc_id = ?2")?;
        for id in packed::unpack_sorted_ids(&entities).unwrap_or_default() {
            stmt.execute([id, doc_id])?;
        }
    }
    match &head {
        Some(h) => {
            let mut stmt =
                conn.prepare_cached("DELETE FROM topics WHERE topic = ?1 AND doc_id = ?2")?;
            for t in &h.topics {
                stmt.execute(params![t.topic, doc_id])?;
            }
        }
        // A record that cannot be read: its topics are found by a scan.
        None => {
            conn.prepare_cached("DELETE FROM topics WHERE doc_id = ?1")?
                .execute([doc_id])?;
        }
    }
    conn.prepare_cached("DELETE FROM event_sources WHERE doc_id = ?1")?
        .execute([doc_id])?;
    conn.prepare_cached("DELETE FROM documents WHERE id = ?1")?
        .execute([doc_id])?;
    for (ord, ev, people) in sources {
        let people = packed::unpack_ids(&people).unwrap_or_default();
        // Organizations of this document's participants of the event (all of the
        // event's when the record cannot be read).
        let orgs: Option<Vec<String>> = head.as_ref().map(|h| {
            usize::try_from(ord)
                .ok()
                .and_then(|o| h.events.get(o))
                .and_then(Option::as_ref)
                .map(|e| {
                    e.participants
                        .iter()
                        .filter_map(|a| a.organization.clone())
                        .collect()
                })
                .unwrap_or_default()
        });
        let remaining = sources_of(conn, ev)?;
        let kept_people: HashSet<i64> = remaining
            .iter()
            .flat_map(|s| s.people.iter().copied())
            .collect();
        let kept_orgs: HashSet<&str> = remaining
            .iter()
            .filter_map(|s| s.event.as_ref())
            .flat_map(|e| e.participants.iter())
            .filter_map(|a| a.organization.as_deref())
            .collect();
        {
            let mut stmt = conn.prepare_cached(
                "DELETE FROM event_participants WHERE entity_id = ?1 AND event_id = ?2",
            )?;
            for p in people.iter().filter(|p| !kept_people.contains(p)) {
                stmt.execute([*p, ev])?;
            }
        }
        match orgs {
            Some(orgs) => {
                let mut stmt = conn.prepare_cached(
                    "DELETE FROM participant_orgs WHERE org = ?1 AND event_id = ?2",
                )?;
                for o in orgs.iter().filter(|o| !kept_orgs.contains(o.as_str())) {
                    stmt.execute(params![o, ev])?;
                }
            }
            None => {
                conn.prepare_cached("DELETE FROM participant_orgs WHERE event_id = ?1")?
                    .execute([ev])?;
                let mut stmt = conn.prepare_cached(
                    "INSERT OR IGNORE INTO participant_orgs (org, event_id) VALUES (?1, ?2)",
                )?;
                for o in &kept_orgs {
                    stmt.execute(params![o, ev])?;
                }
            }
        }
        if remaining.is_empty() {
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
                "DELETE FROM event_dyads WHERE side = (SELECT id FROM sides WHERE name = ?1)
                   AND other = (SELECT id FROM sides WHERE name = ?2) AND event_id = ?3",
            )?;
            for (side, other) in dyads(&sides) {
                stmt.execute(params![side, other, ev])?;
            }
            conn.prepare_cached("DELETE FROM events WHERE id = ?1")?
                .execute([ev])?;
        } else {
            refresh_from(conn, ev, &remaining)?;
        }
    }
    Ok(())
}

/// The number of a side in `sides`, added if new (`""`, the other side of a side
/// alone, is 0).
fn side_id(conn: &Connection, cache: &mut Cache, name: &str) -> Result<i64> {
    if let Some(&id) = cache.side_ids.get(name) {
        return Ok(id);
    }
    let found: Option<i64> = conn
        .prepare_cached("SELECT id FROM sides WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    let id = match found {
        Some(id) => id,
        None => {
            conn.prepare_cached("INSERT INTO sides (name) VALUES (?1)")?
                .execute([name])?;
            conn.last_insert_rowid()
        }
    };
    cache.side_ids.insert(name.to_string(), id);
    Ok(id)
}

/// The rows of `event_dyads` of an event with these (distinct) sides: every ordered
/// pair of two sides, or (side, the empty side) for a side alone (the empty side
/// is `""` by name, 0 by number).
pub(crate) fn dyads<S: Copy + Default + PartialEq>(sides: &[S]) -> Vec<(S, S)> {
    if let [one] = sides {
        return vec![(*one, S::default())];
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

/// The tag of an entity kind in [`Memo`]'s keys.
fn entity_tag(kind: &str) -> u8 {
    match kind {
        "country" => 0,
        "place" => 1,
        "organization" => 2,
        "person" => 3,
        "company" => 4,
        _ => 5,
    }
}

fn status_rank(s: Status) -> u8 {
    match s {
        Status::Occurred => 3,
        Status::Cancelled => 2,
        Status::Planned => 1,
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
    /// Aleinik" over "S.Aleinik"), every other name seen is kept as an alias (the
    /// display name itself is not: it is in `entities`). The entity index of the
    /// database is read only for entities the connection has not seen ([`Memo`]).
    fn entity(
        &mut self,
        kind: &'static str,
        key: String,
        name: &str,
        country: Option<&str>,
    ) -> Result<Known> {
        let tag = entity_tag(kind);
        let entities = &mut self.cache.memo.entities;
        let known = match entities.find(tag, &key) {
            Some(k) => Some(k),
            None if entities.all_known() => None,
            None => self
                .conn
                .prepare_cached("SELECT id, name FROM entities WHERE kind = ?1 AND key = ?2")?
                .query_row(params![kind, key], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
                })
                .optional()?
                .map(|(id, stored)| entities.add(tag, &key, id, &stored)),
        };
        let Some(k) = known else {
            self.conn
                .prepare_cached(
                    "INSERT INTO entities (kind, key, name, country) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![kind, key, name, country])?;
            let id = self.conn.last_insert_rowid();
            return Ok(entities.add(tag, &key, id, name));
        };
        if name.chars().count() > entities.name(k).chars().count() {
            // The new name is shown; the one it replaces stays findable as an alias.
            let stored = entities.name(k).to_string();
            self.conn
                .prepare_cached("UPDATE entities SET name = ?2 WHERE id = ?1")?
                .execute(params![entities.id(k), name])?;
            entities.rename(k, name);
            self.alias(k, &stored)?;
        } else {
            self.alias(k, name)?;
        }
        Ok(k)
    }

    /// Keep `name` as an alias of entity `k` (unless it is its display name).
    fn alias(&mut self, k: Known, name: &str) -> Result<()> {
        let alias = name.trim();
        let entities = &self.cache.memo.entities;
        let id = entities.id(k);
        if alias.is_empty()
            || entities.name(k).trim() == alias
            || !self.cache.aliases.insert((id, alias.to_string()))
        {
            return Ok(());
        }
        self.cache.deferred.aliases.push((id, alias.to_string()));
        Ok(())
    }

    fn person(&mut self, name: &str, country: Option<&str>) -> Result<i64> {
        let k = self.entity("person", keys::person_key(name, country), name, country)?;
        Ok(self.cache.memo.entities.id(k))
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
    fn resolve(&mut self, kind: &'static str, m: &Mention) -> Result<Option<Known>> {
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
    fn resolve_mentions(&mut self) -> Result<BTreeMap<i64, i64>> {
        let rec = self.rec;
        let mut counts: BTreeMap<i64, i64> = BTreeMap::new();
        // A document names the same entity many times: resolve each once.
        let mut resolved: FnvMap<(MentionKind, &str, Option<&str>), Option<Known>> =
            FnvMap::default();
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
            let Some(k) = entity_id else {
                continue;
            };
            if m.surface != m.entity {
                self.alias(k, &m.surface)?;
            }
            *counts.entry(self.cache.memo.entities.id(k)).or_default() += 1;
        }
        Ok(counts)
    }

    fn write_mentions(&mut self, counts: &BTreeMap<i64, i64>) -> Result<()> {
        let doc = self.doc_id;
        if self.cache.memo.bulk {
            // One row per document (entity and count in turn), spread into
            // `mentions` in key order when the load ends (`bulk::derive_mentions`).
            let flat: Vec<i64> = counts.iter().flat_map(|(&id, &n)| [id, n]).collect();
            self.conn
                .prepare_cached("INSERT INTO bulk_mentions (doc_id, counts) VALUES (?1, ?2)")?
                .execute(params![doc, packed::pack_ids(&flat)])?;
            return Ok(());
        }
        self.cache
            .deferred
            .mentions
            .extend(counts.iter().map(|(&id, &n)| (id, doc, n)));
        Ok(())
    }

    fn topics(&mut self) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached("INSERT OR IGNORE INTO topics (topic, doc_id) VALUES (?1, ?2)")?;
        for t in &self.rec.topics {
            stmt.execute(params![t.topic, self.doc_id])?;
        }
        Ok(())
    }

    /// Store every event of the record, fusing each with an event other documents
    /// reported when they match. Returns (new, merged).
    fn events(&mut self) -> Result<(usize, usize)> {
        let (mut new, mut merged) = (0, 0);
        // The events this document is a source of so far.
        let mut own: Vec<i64> = Vec::with_capacity(self.rec.events.len());
        for (ord, ev) in self.rec.events.iter().enumerate() {
            let mut people = Vec::with_capacity(ev.participants.len());
            for a in &ev.participants {
                people.push(self.person(&a.name, a.country.as_deref())?);
            }
            let mut sides: Vec<&str> = ev.sides.iter().map(String::as_str).collect();
            sides.sort_unstable();
            sides.dedup();
            let sides_key = sides.join("|");
            let (first, last) = keys::day_numbers(ev.date, ev.date_end);
            match self.find_match(ev, &sides_key, first, last, &people, &own)? {
                Some(id) => {
                    merged += 1;
                    self.add_source(id, ord, ev, &people)?;
                    match self.cache.memo.events.precision(id) {
                        Some(precision) => self.merge_summary(id, precision, ev)?,
                        None => {
                            let sources = sources_of(self.conn, id)?;
                            if let Some((first, last)) = refresh_from(self.conn, id, &sources)? {
                                let memo = &mut self.cache.memo;
                                memo.events.redated(id, first, last);
                                memo.noted(first, last);
                            }
                        }
                    }
                    own.push(id);
                }
                None => {
                    new += 1;
                    let id = self.new_event(ev, &sides_key, &sides)?;
                    self.add_source(id, ord, ev, &people)?;
                    own.push(id);
                }
            }
        }
        Ok((new, merged))
    }

    /// A bulk load whose memo stopped remembering events (not expected) ends here:
    /// fusion reads the events' indexes next.
    fn end_bulk_unless_remembered(&mut self) -> Result<()> {
        if self.cache.memo.bulk && self.cache.memo.events.since() != Some(0) {
            self.cache.end_bulk(self.conn)?;
        }
        Ok(())
    }

    /// The events a fusion lookup checks, in order: those only the database holds
    /// (`stored`, given the last id it alone holds; none when the connection remembers
    /// every event), then those the connection remembers (`remembered`), minus `own`
    /// (the events this document already reports).
    fn candidates(
        &mut self,
        own: &[i64],
        stored: impl FnOnce(&Connection, i64) -> Result<Vec<i64>>,
        remembered: impl FnOnce(&crate::memo::Events) -> Vec<i64>,
    ) -> Result<Vec<i64>> {
        self.end_bulk_unless_remembered()?;
        let since = self.cache.memo.events.since();
        let mut out = if since == Some(0) {
            Vec::new()
        } else {
            stored(self.conn, since.unwrap_or(i64::MAX))?
        };
        if since.is_some() {
            let mem = remembered(&self.cache.memo.events);
            out.extend(mem.into_iter().filter(|id| !own.contains(id)));
        }
        Ok(out)
    }

    /// The person entities of an event's sources.
    fn people_of(&self, event_id: i64) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT people FROM event_sources WHERE event_id = ?1")?;
        let blobs = stmt.query_map([event_id], |r| r.get::<_, Vec<u8>>(0))?;
        let mut out = Vec::new();
        for b in blobs {
            out.extend(packed::unpack_ids(&b?).unwrap_or_default());
        }
        Ok(out)
    }

    /// An event of another document with the same kind and sides, overlapping dates and
    /// overlapping (or absent) participants.
    ///
    /// Events created since the connection started remembering them ([`Memo`]) are
    /// found in memory; only older ones are looked for in the database. `own` are the
    /// events this document is already a source of.
    fn find_match(
        &mut self,
        ev: &Event,
        sides_key: &str,
        first: Option<i64>,
        last: Option<i64>,
        people: &[i64],
        own: &[i64],
    ) -> Result<Option<i64>> {
        if sides_key.is_empty() {
            return Ok(None);
        }
        let (Some(first), Some(last)) = (first, last) else {
            return self.find_undated_match(ev, sides_key, people, own);
        };
        // An event ending on or after `first` starts at most the longest event range
        // before it: the lower bound keeps the index range to nearby days instead of
        // every earlier event of the pair.
        let lower = self
            .cache
            .memo
            .max_event_days(self.conn)?
            .and_then(|n| first.checked_sub(n))
            .unwrap_or(i64::MIN);
        let kind = keys::kind_code(ev.kind);
        let doc_id = self.doc_id;
        let candidates = self.candidates(
            own,
            |conn, since| {
                let mut stmt = conn.prepare_cached(
                    "SELECT id FROM events
                     WHERE kind = ?1 AND sides = ?2 AND day_first <= ?4 AND day_last >= ?3
                       AND day_first >= ?6 AND id <= ?7
                       AND id NOT IN (SELECT event_id FROM event_sources WHERE doc_id = ?5)
                     ORDER BY id",
                )?;
                let ids = stmt
                    .query_map(
                        params![kind, sides_key, first, last, doc_id, lower, since],
                        |r| r.get(0),
                    )?
                    .collect::<rusqlite::Result<_>>()?;
                Ok(ids)
            },
            |events| {
                events.dated(memo_kind(kind), sides_key, |f, l| {
                    f <= last && l >= first && f >= lower
                })
            },
        )?;
        for id in candidates {
            if people.is_empty() {
                return Ok(Some(id));
            }
            let theirs = self.people_of(id)?;
            if theirs.is_empty() || theirs.iter().any(|p| people.contains(p)) {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    /// An undated event matches only an undated event of the same kind and sides,
    /// reported by a document published the same day (a feed item and its page), with
    /// named participants in common.
    ///
    /// As [`DocWriter::find_match`], events the connection remembers are found in
    /// memory ([`crate::memo::Events::undated`]).
    fn find_undated_match(
        &mut self,
        ev: &Event,
        sides_key: &str,
        people: &[i64],
        own: &[i64],
    ) -> Result<Option<i64>> {
        let Some(published) = self.doc.published else {
            return Ok(None);
        };
        if people.is_empty() {
            return Ok(None);
        }
        let kind = keys::kind_code(ev.kind);
        let doc_id = self.doc_id;
        let candidates = self.candidates(
            own,
            |conn, since| {
                let mut stmt = conn.prepare_cached(
                    "SELECT e.id FROM events e
                     WHERE e.kind = ?1 AND e.sides = ?2 AND e.day_first IS NULL AND e.id <= ?5
                       AND e.id NOT IN (SELECT event_id FROM event_sources WHERE doc_id = ?4)
                       AND EXISTS (SELECT 1 FROM event_sources es JOIN documents d ON d.id = es.doc_id
                                   WHERE es.event_id = e.id AND d.published = ?3)
                     ORDER BY e.id",
                )?;
                let ids = stmt
                    .query_map(
                        params![kind, sides_key, published.to_string(), doc_id, since],
                        |r| r.get(0),
                    )?
                    .collect::<rusqlite::Result<_>>()?;
                Ok(ids)
            },
            |events| events.undated(memo_kind(kind), sides_key, keys::day_number(published)),
        )?;
        for id in candidates {
            let theirs = self.people_of(id)?;
            if theirs.iter().any(|p| people.contains(p)) {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    /// Update the summary of a remembered event (its date of `precision`) with `ev`,
    /// the source just added to it, as [`refresh_from`] would with every source
    /// (without reading them): the new source comes last (its document is the
    /// newest), so its date counts only when more precise, its status when stronger,
    /// its organization when the event had none.
    fn merge_summary(&mut self, id: i64, precision: u8, ev: &Event) -> Result<()> {
        let theirs = ev.date.map_or(0, keys::precision);
        let days = (theirs > precision).then(|| keys::day_numbers(ev.date, ev.date_end));
        let (first, last) = days.unwrap_or((None, None));
        self.conn
            .prepare_cached(
                "UPDATE events SET
                     status = CASE WHEN ?2 > (CASE status WHEN 0 THEN 3 WHEN 2 THEN 2 ELSE 1 END)
                              THEN ?3 ELSE status END,
                     day_first = CASE WHEN ?4 THEN ?5 ELSE day_first END,
                     day_last = CASE WHEN ?4 THEN ?6 ELSE day_last END,
                     organization = coalesce(organization, ?7)
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                status_rank(ev.status),
                keys::status_code(ev.status),
                days.is_some(),
                first,
                last,
                ev.organization,
            ])?;
        if days.is_some() {
            note_range(self.conn, first, last)?;
            let memo = &mut self.cache.memo;
            memo.noted(first, last);
            memo.events.redated(id, first, last);
            memo.events.set_precision(id, theirs);
        }
        Ok(())
    }

    /// A new event, summarized from its one source (as [`refresh_from`] would).
    fn new_event(&mut self, ev: &Event, sides_key: &str, sides: &[&str]) -> Result<i64> {
        let sum = Summary::with_head(ev, std::slice::from_ref(&ev));
        self.conn
            .prepare_cached(
                "INSERT INTO events (kind, status, day_first, day_last, organization, sides)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                keys::kind_code(ev.kind),
                keys::status_code(sum.status),
                sum.first,
                sum.last,
                sum.org,
                sides_key
            ])?;
        let id = self.conn.last_insert_rowid();
        let days = range_days(sum.first, sum.last);
        if days.is_some() {
            self.cache.memo.max_event_days(self.conn)?;
        }
        if days.is_some_and(|n| self.cache.memo.raises(n)) {
            note_range(self.conn, sum.first, sum.last)?;
            self.cache.memo.noted(sum.first, sum.last);
        }
        self.cache.memo.events.created(Created {
            id,
            kind: memo_kind(keys::kind_code(ev.kind)),
            sides: sides_key,
            first: sum.first,
            last: sum.last,
            published: self.doc.published.map(keys::day_number),
            precision: sum.date.map_or(0, keys::precision),
        });
        // Numbered as the event is created, on either path (so that a bulk load
        // numbers sides as the normal path does); a bulk load derives the dyads
        // from the events at its end.
        let mut numbers = Vec::with_capacity(sides.len());
        for side in sides {
            numbers.push(side_id(self.conn, self.cache, side)?);
        }
        if !self.cache.memo.bulk {
            let rows = dyads(&numbers).into_iter().map(|(a, b)| (a, b, id));
            self.cache.deferred.dyads.extend(rows);
        }
        Ok(id)
    }

    fn add_source(&mut self, event_id: i64, ord: usize, ev: &Event, people: &[i64]) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO event_sources (doc_id, ord, event_id, people) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                self.doc_id,
                ord as i64,
                event_id,
                packed::pack_ids(people)
            ])?;
        // A bulk load derives the participants from the sources at its end.
        if !self.cache.memo.bulk {
            self.cache
                .deferred
                .participants
                .extend(people.iter().map(|&p| (p, event_id)));
        }
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO participant_orgs (org, event_id) VALUES (?1, ?2)",
        )?;
        for a in &ev.participants {
            if let Some(o) = &a.organization {
                stmt.execute(params![o, event_id])?;
            }
        }
        Ok(())
    }
}

/// The earliest first day (a day number) of an event that ends on or after `day`:
/// `day` less the longest event range stored; `None` (no bound) when unknown.
pub(crate) fn first_day_bound(conn: &Connection, day: i64) -> Result<Option<i64>> {
    let days: Option<i64> = conn
        .prepare_cached("SELECT value FROM store_meta WHERE key = 'max_event_days'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(days.and_then(|n| day.checked_sub(n)))
}

/// Raise `store_meta.max_event_days` to the length of an event's day range: queries
/// bound the first day of events ending after a day by it.
fn note_range(conn: &Connection, first: Option<i64>, last: Option<i64>) -> Result<()> {
    if let Some(days) = range_days(first, last) {
        conn.prepare_cached(
            "UPDATE store_meta SET value = ?1 WHERE key = 'max_event_days' AND value < ?1",
        )?
        .execute([days])?;
    }
    Ok(())
}

/// The length of a day range that can raise `max_event_days` (more than 0 days).
pub(crate) fn range_days(first: Option<i64>, last: Option<i64>) -> Option<i64> {
    let days = last?.saturating_sub(first?);
    (days > 0).then_some(days)
}

/// An event kind's code ([`keys::kind_code`]) as [`Memo`] keys it.
fn memo_kind(code: i64) -> u8 {
    u8::try_from(code).unwrap_or(u8::MAX)
}

/// The summary of an event from what its sources say of it.
pub(crate) struct Summary<'e> {
    pub(crate) cameo: &'e str,
    pub(crate) plover: Option<&'e str>,
    pub(crate) mode: Option<&'e str>,
    pub(crate) status: Status,
    pub(crate) date: Option<PartialDate>,
    pub(crate) date_end: Option<PartialDate>,
    pub(crate) first: Option<i64>,
    pub(crate) last: Option<i64>,
    pub(crate) place: Option<&'e str>,
    pub(crate) country: Option<&'e str>,
    pub(crate) org: Option<&'e str>,
}

impl<'e> Summary<'e> {
    /// The most precise date (first source on ties), the first source's codes, the
    /// first known place and organization, and the strongest status (occurred over
    /// cancelled over planned). `None` without sources.
    pub(crate) fn of(sources: &[&'e Event]) -> Option<Summary<'e>> {
        Some(Summary::with_head(sources.first()?, sources))
    }

    /// [`Summary::of`] with `head` the first of `sources`.
    fn with_head(head: &'e Event, sources: &[&'e Event]) -> Summary<'e> {
        let mut best: Option<(&Event, PartialDate)> = None;
        for s in sources {
            if let Some(d) = s.date
                && best.is_none_or(|(_, b)| keys::precision(d) > keys::precision(b))
            {
                best = Some((s, d));
            }
        }
        let (date, date_end) = match best {
            Some((s, d)) => (Some(d), s.date_end),
            None => (None, None),
        };
        let (first, last) = keys::day_numbers(date, date_end);
        let status = sources
            .iter()
            .map(|s| s.status)
            .max_by_key(|s| status_rank(*s))
            .unwrap_or(Status::Planned);
        let located = sources
            .iter()
            .filter_map(|s| s.location.as_ref())
            .find(|l| l.place.is_some() || l.country.is_some());
        Summary {
            cameo: &head.cameo,
            plover: head.plover.as_deref(),
            mode: head.plover_mode.as_deref(),
            status,
            date,
            date_end,
            first,
            last,
            place: located.and_then(|l| l.place.as_deref()),
            country: located.and_then(|l| l.country.as_deref()),
            org: sources.iter().find_map(|s| s.organization.as_deref()),
        }
    }
}

/// Recompute the stored summary of an event (status, days, organization) from what
/// its sources' records say ([`Summary::of`]).
///
/// Returns the event's days as stored now (`None` when nothing was changed: no source
/// could be read).
fn refresh_from(
    conn: &Connection,
    event_id: i64,
    sources: &[StoredSource],
) -> Result<Option<(Option<i64>, Option<i64>)>> {
    let events: Vec<&Event> = sources.iter().filter_map(|s| s.event.as_ref()).collect();
    // No readable source: the summary stays as it was.
    let Some(sum) = Summary::of(&events) else {
        return Ok(None);
    };
    note_range(conn, sum.first, sum.last)?;
    conn.prepare_cached(
        "UPDATE events SET status = ?2, day_first = ?3, day_last = ?4, organization = ?5
         WHERE id = ?1",
    )?
    .execute(params![
        event_id,
        keys::status_code(sum.status),
        sum.first,
        sum.last,
        sum.org,
    ])?;
    Ok(Some((sum.first, sum.last)))
}
