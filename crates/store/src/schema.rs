//! The database schema and its migrations.
//!
//! The schema version is SQLite's `PRAGMA user_version`; [`MIGRATIONS`] lists the
//! scripts in order, and opening a database applies every script above its version in
//! one transaction each. A database written by a newer attache is refused.
//!
//! Tables (as created by version 1; see the migrations below for what changed since):
//! - `documents`: one row per stored release (source, url, title, published, language,
//!   text, paragraphs and feed as JSON, `content_hash` of title + date + text, the
//!   `extractor` version and the full record as JSON).
//! - `entities` (kind, canonical key, display name, country) and `entity_aliases`:
//!   countries, places, organizations, persons and companies. Persons are keyed by
//!   folded surname + country, so "S.Aleinik" and "Sergei Aleinik" of Belarus are one.
//! - `mentions`: every mention of a document with its byte span.
//! - `events`: fused events (one per real happening, whatever the number of releases
//!   reporting it) with a summary of their sources; `event_sides`; `event_sources`
//!   (which document reports which event, with that document's view of it);
//!   `event_participants`; `evidence` (spans and their text).
//! - `topics` and `quantities` of each document.
//! - `documents_fts`: FTS5 index over titles and texts (added by migration 2).
//! - Migration 3 indexes documents by publication date (latest releases first).
//! - Migration 4 drops the FTS triggers: writes index each batch in one statement
//!   (see `write::index_pending`), as FTS5 flushes at every statement that writes it.
//! - Migration 5 indexes events by status and last possible day (upcoming events and
//!   status/date filters without a scan of every event).
//! - Migration 6 shrinks the database (it was 5–10× its input): the record is stored
//!   in the compact form of [`crate::codec`] (`documents.record_z`, replacing the
//!   JSON column `record`); `mentions` keeps one row per document and entity with
//!   the number of mentions (the occurrences themselves are in the record); evidence,
//!   topics and participants no longer repeat what the text, the record and the
//!   entities hold (`evidence.text`, `topics.spans`, `event_participants.name`);
//!   `event_dyads` (side, other side, event) replaces `event_sides`. It also indexes
//!   events in the order lists show them (undated last), by status and first day,
//!   and by organization; `store_meta` keeps the longest day range of any event
//!   (`max_event_days`, never lowered), so a "from" filter on the last day also
//!   bounds the first day and runs on an index.
//! - Migration 7 shrinks it again (the 100,000 generated releases took 5.2× their
//!   text): texts are deflated (`documents.text_z`, see [`crate::packed`]; the
//!   full-text index reads them through the view `documents_content` and the SQL
//!   function `attache_text`), paragraphs and the entities a document mentions are
//!   packed blobs, and what the record holds is no longer repeated in rows: evidence,
//!   topics' spans, quantities, each source's view of an event and its participants'
//!   titles are read from the record (its events first, [`crate::codec::decode_head`]).
//!   `events` keeps what lists filter and sort on, coded (kind and status as small
//!   integers, days as day numbers); `event_sources` is keyed by (document, order)
//!   with the source's participants as a packed list; `event_participants` (person,
//!   event), `participant_orgs` (organization, event) and `topics` (topic, document)
//!   are bare keys; `events_oldest` is gone (`events_day` serves both orders with
//!   undated events last). Rows that only deletes used an index for are found from the
//!   document's packed lists and record instead. An entity's display name is no
//!   longer repeated as one of its aliases.
//! - Migration 9 added the last day to `events_match` (kind, sides, first day, last
//!   day), so that fusion would check its candidates without reading their rows;
//!   migration 10 takes it out again: measured side by side on 100,000 generated
//!   releases, ingest took 116.0 s of CPU with it and 107.1 s without (a larger index
//!   written for every event, for reads that were not the cost).
//! - Migration 11 codes the sides of `event_dyads` as small integers: `sides` (id,
//!   name; 0 is '', the other side of a side alone) numbers every side once, and
//!   `event_dyads` (side, other, event) holds their numbers. The table was the
//!   fourth largest of the database (a million rows for 20,000 releases) and
//!   building it in key order compared text keys; numbers make it less than half
//!   the size and the comparisons cheap. `events.sides` keeps the names (fusion
//!   reads them with the event). From schema 11 on, a document's text and its
//!   record's encoding are written as one deflate stream (`text_z`, with `record_z`
//!   a one-byte marker; see [`crate::packed::pack_document`]), which earlier builds
//!   cannot read (they refuse the newer schema); documents stored before are read
//!   as they are.
//! - Migration 12 sets the full-text index's `hashsize` to 8 MB: FTS5 writes its
//!   pending terms to a new segment less often, and fewer, larger segments merge less.

use rusqlite::Connection;

/// Migration scripts, in order; the schema version is the number applied.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

const V1: &str = r#"
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    doc_key      TEXT NOT NULL UNIQUE,
    source       TEXT NOT NULL UNIQUE,
    url          TEXT,
    title        TEXT,
    published    TEXT,
    language     TEXT NOT NULL,
    text         TEXT NOT NULL,
    paragraphs   TEXT NOT NULL,
    feed         TEXT,
    content_hash TEXT NOT NULL,
    extractor    TEXT NOT NULL,
    record       TEXT NOT NULL,
    ingested_at  TEXT NOT NULL
);
CREATE INDEX documents_content_hash ON documents(content_hash);
CREATE INDEX documents_extractor ON documents(extractor);

CREATE TABLE entities (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,
    key     TEXT NOT NULL,
    name    TEXT NOT NULL,
    country TEXT,
    UNIQUE (kind, key)
);
CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_alias ON entity_aliases(alias COLLATE NOCASE);

CREATE TABLE mentions (
    doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    entity_id INTEGER REFERENCES entities(id),
    entity    TEXT NOT NULL,
    surface   TEXT NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    cameo        TEXT NOT NULL,
    plover       TEXT,
    plover_mode  TEXT,
    status       TEXT NOT NULL,
    date         TEXT,
    date_end     TEXT,
    day_first    TEXT,
    day_last     TEXT,
    place        TEXT,
    country      TEXT,
    organization TEXT,
    sides        TEXT NOT NULL
);
CREATE INDEX events_match ON events(kind, sides, day_first);
CREATE INDEX events_day ON events(day_first);

CREATE TABLE event_sides (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    side     TEXT NOT NULL,
    PRIMARY KEY (event_id, side)
) WITHOUT ROWID;
CREATE INDEX event_sides_side ON event_sides(side, event_id);

CREATE TABLE event_sources (
    doc_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord          INTEGER NOT NULL,
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    cameo        TEXT NOT NULL,
    plover       TEXT,
    plover_mode  TEXT,
    status       TEXT NOT NULL,
    date         TEXT,
    date_end     TEXT,
    place        TEXT,
    country      TEXT,
    organization TEXT,
    PRIMARY KEY (doc_id, ord)
);
CREATE INDEX event_sources_event ON event_sources(event_id);

CREATE TABLE event_participants (
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    doc_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_id    INTEGER NOT NULL REFERENCES entities(id),
    name         TEXT NOT NULL,
    titles       TEXT NOT NULL,
    country      TEXT,
    organization TEXT,
    sector       TEXT
);
CREATE INDEX event_participants_event ON event_participants(event_id);
CREATE INDEX event_participants_doc ON event_participants(doc_id);
CREATE INDEX event_participants_entity ON event_participants(entity_id);

CREATE TABLE evidence (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    doc_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    text     TEXT NOT NULL
);
CREATE INDEX evidence_event ON evidence(event_id);
CREATE INDEX evidence_doc ON evidence(doc_id);

CREATE TABLE topics (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    topic  TEXT NOT NULL,
    spans  TEXT NOT NULL
);
CREATE INDEX topics_doc ON topics(doc_id);
CREATE INDEX topics_topic ON topics(topic);

CREATE TABLE quantities (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    value  REAL NOT NULL,
    unit   TEXT NOT NULL,
    per    TEXT,
    start  INTEGER NOT NULL,
    end    INTEGER NOT NULL
);
CREATE INDEX quantities_doc ON quantities(doc_id);
"#;

const V2: &str = r#"
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text,
    content = 'documents', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
"#;

const V3: &str = r#"
CREATE INDEX documents_published ON documents(published);
"#;

const V4: &str = r#"
DROP TRIGGER documents_fts_insert;
DROP TRIGGER documents_fts_delete;
DROP TRIGGER documents_fts_update;
"#;

const V5: &str = r#"
CREATE INDEX events_status_day ON events(status, day_last);
"#;

/// Before the record column goes, [`recode_records`] fills `record_z` from it.
const V6: &str = r#"
ALTER TABLE documents ADD COLUMN record_z BLOB NOT NULL DEFAULT x'';

CREATE TABLE mention_counts (
    doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    n         INTEGER NOT NULL,
    PRIMARY KEY (entity_id, doc_id)
) WITHOUT ROWID;
INSERT INTO mention_counts (doc_id, entity_id, n)
    SELECT doc_id, entity_id, count(*) FROM mentions WHERE entity_id IS NOT NULL
    GROUP BY entity_id, doc_id;
DROP TABLE mentions;
ALTER TABLE mention_counts RENAME TO mentions;
CREATE INDEX mentions_doc ON mentions(doc_id);

ALTER TABLE evidence DROP COLUMN text;
-- A participant's name is its entity's (the name as written is in the record).
ALTER TABLE event_participants DROP COLUMN name;
ALTER TABLE topics DROP COLUMN spans;

CREATE INDEX events_oldest ON events(day_first IS NULL, day_first);
DROP INDEX events_status_day;
CREATE INDEX events_status_day ON events(status, day_first, day_last);

-- Sides as dyads: one row per ordered pair of distinct sides of an event (a side
-- alone has `other` = ''), so the events of a pair are one index range and the
-- busiest pairs one ordered scan. Rows go with their event (written and deleted
-- with it by the store; no foreign key, so no second index).
CREATE TABLE event_dyads (
    side     TEXT NOT NULL,
    other    TEXT NOT NULL,
    event_id INTEGER NOT NULL,
    PRIMARY KEY (side, other, event_id)
) WITHOUT ROWID;
INSERT INTO event_dyads (side, other, event_id)
    SELECT a.side, coalesce(b.side, ''), a.event_id
    FROM event_sides a LEFT JOIN event_sides b ON b.event_id = a.event_id AND b.side != a.side;
DROP TABLE event_sides;

CREATE TABLE store_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO store_meta (key, value)
    SELECT 'max_event_days',
           coalesce(max(CAST(julianday(day_last) - julianday(day_first) AS INTEGER)), 0)
    FROM events;
CREATE INDEX event_participants_org ON event_participants(organization)
    WHERE organization IS NOT NULL;
CREATE INDEX events_org ON events(organization) WHERE organization IS NOT NULL;
"#;

/// Migration 7, first part; [`migrate_7`] packs the documents and sources, then runs
/// [`V7_AFTER`].
const V7: &str = r#"
ALTER TABLE documents ADD COLUMN text_z BLOB NOT NULL DEFAULT x'';
-- The entities the document mentions (packed ids): which `mentions` rows are its.
ALTER TABLE documents ADD COLUMN entities BLOB NOT NULL DEFAULT x'';
DROP TABLE documents_fts;

-- A source: document, its order in the record, the event, and the person entities
-- of the record's participants in their order (packed ids).
CREATE TABLE event_sources_7 (
    doc_id   INTEGER NOT NULL,
    ord      INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    people   BLOB NOT NULL,
    PRIMARY KEY (doc_id, ord)
) WITHOUT ROWID;
"#;

/// Migration 8: the site's name as the page states it (`Document::site`, a
/// publisher hint that re-extraction needs). Earlier documents have none.
const V8: &str = "ALTER TABLE documents ADD COLUMN site TEXT;";

/// Migration 7, second part (SQL of the kind codes is added by [`migrate_7`]).
const V7_AFTER: &str = r#"
ALTER TABLE documents DROP COLUMN text;
CREATE VIEW documents_content AS
    SELECT id, title, attache_text(text_z) AS text FROM documents;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text,
    content = 'documents_content', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
DROP INDEX mentions_doc;
-- An entity's display name is not repeated as its alias.
DELETE FROM entity_aliases
    WHERE alias = (SELECT trim(e.name) FROM entities e WHERE e.id = entity_aliases.entity_id);

CREATE TABLE event_participants_7 (
    entity_id INTEGER NOT NULL,
    event_id  INTEGER NOT NULL,
    PRIMARY KEY (entity_id, event_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO event_participants_7 (entity_id, event_id)
    SELECT entity_id, event_id FROM event_participants;
CREATE TABLE participant_orgs (
    org      TEXT NOT NULL,
    event_id INTEGER NOT NULL,
    PRIMARY KEY (org, event_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO participant_orgs (org, event_id)
    SELECT organization, event_id FROM event_participants WHERE organization IS NOT NULL;
CREATE TABLE topics_7 (
    topic  TEXT NOT NULL,
    doc_id INTEGER NOT NULL,
    PRIMARY KEY (topic, doc_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO topics_7 (topic, doc_id) SELECT topic, doc_id FROM topics;

CREATE TABLE events_7 (
    id           INTEGER PRIMARY KEY,
    kind         INTEGER NOT NULL,
    status       INTEGER NOT NULL,
    day_first    INTEGER,
    day_last     INTEGER,
    organization TEXT,
    sides        TEXT NOT NULL
);
INSERT INTO events_7 (id, kind, status, day_first, day_last, organization, sides)
    SELECT id, {kind_code},
           CASE status WHEN 'occurred' THEN 0 WHEN 'cancelled' THEN 2 ELSE 1 END,
           CAST(julianday(day_first) - 2440587.5 AS INTEGER),
           CAST(julianday(day_last) - 2440587.5 AS INTEGER),
           organization, sides
    FROM events;

-- Children first: dropping a parent deletes the rows of its cascading children.
DROP TABLE evidence;
DROP TABLE event_participants;
DROP TABLE event_sources;
DROP TABLE topics;
DROP TABLE quantities;
DROP TABLE events;
ALTER TABLE events_7 RENAME TO events;
ALTER TABLE event_sources_7 RENAME TO event_sources;
ALTER TABLE event_participants_7 RENAME TO event_participants;
ALTER TABLE topics_7 RENAME TO topics;
CREATE INDEX event_sources_event ON event_sources(event_id);
CREATE INDEX events_match ON events(kind, sides, day_first);
CREATE INDEX events_day ON events(day_first);
CREATE INDEX events_status_day ON events(status, day_first, day_last);
CREATE INDEX events_org ON events(organization) WHERE organization IS NOT NULL;
"#;

/// Migration 9: the index that finds an event's duplicates covers its last day.
const V9: &str = r#"
DROP INDEX events_match;
CREATE INDEX events_match ON events(kind, sides, day_first, day_last);
"#;

/// Migration 10: `events_match` as before migration 9 (see the module documentation).
const V10: &str = r#"
DROP INDEX events_match;
CREATE INDEX events_match ON events(kind, sides, day_first);
"#;

/// Migration 11: the sides of `event_dyads` as numbers (see the module documentation).
const V11: &str = r#"
CREATE TABLE sides (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
INSERT INTO sides (id, name) VALUES (0, '');
INSERT OR IGNORE INTO sides (name)
    SELECT name FROM (SELECT side AS name FROM event_dyads UNION SELECT other FROM event_dyads)
    ORDER BY name;
CREATE TABLE event_dyads_11 (
    side     INTEGER NOT NULL,
    other    INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    PRIMARY KEY (side, other, event_id)
) WITHOUT ROWID;
INSERT INTO event_dyads_11 (side, other, event_id)
    SELECT a.id, b.id, d.event_id
    FROM event_dyads d JOIN sides a ON a.name = d.side JOIN sides b ON b.name = d.other
    ORDER BY 1, 2, 3;
DROP TABLE event_dyads;
ALTER TABLE event_dyads_11 RENAME TO event_dyads;
"#;

/// Migration 12: FTS5 holds 8 MB of pending terms instead of 1 MB before it writes
/// them to a new segment of the full-text index (a setting kept in the index's
/// configuration): `attache ingest` indexes 2,500 documents per statement
/// (`FTS_CHUNK` in lib.rs), and fewer, larger segments merge less.
const V12: &str = r#"
INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', 8388608);
"#;

/// Migration 7: pack each document (text, paragraphs, mentioned entities, record
/// with its events first) and each source (its participants), then [`V7_AFTER`].
fn migrate_7(conn: &Connection) -> Result<(), crate::StoreError> {
    use crate::packed;
    {
        let mut read = conn.prepare("SELECT id, text, paragraphs, record_z FROM documents")?;
        let mut entities = conn.prepare("SELECT entity_id FROM mentions WHERE doc_id = ?1")?;
        let mut write = conn.prepare(
            "UPDATE documents SET text_z = ?2, paragraphs = ?3, record_z = ?4, entities = ?5
             WHERE id = ?1",
        )?;
        let mut rows = read.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let text: String = row.get(1)?;
            let paragraphs: String = row.get(2)?;
            let record: Vec<u8> = row.get(3)?;
            // Paragraphs that do not parse were unreadable already: none are kept.
            let paragraphs: Vec<[usize; 2]> = serde_json::from_str(&paragraphs).unwrap_or_default();
            let paragraphs: Vec<attache_ingest::Paragraph> = paragraphs
                .into_iter()
                .map(|[start, end]| attache_ingest::Paragraph { start, end })
                .collect();
            // A record that does not decode is kept as it was (reading it stays an error).
            let record = match crate::codec::decode(&record, &text) {
                Ok(rec) => crate::codec::encode(&rec, &text),
                Err(_) => record,
            };
            let ids: Vec<i64> = entities
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            write.execute(rusqlite::params![
                id,
                packed::pack_text(&text),
                packed::pack_paragraphs(&paragraphs),
                record,
                packed::pack_sorted_ids(&ids),
            ])?;
        }
    }
    {
        let mut read = conn.prepare("SELECT doc_id, ord, event_id FROM event_sources")?;
        let mut people = conn.prepare(
            "SELECT entity_id FROM event_participants WHERE event_id = ?1 AND doc_id = ?2
             ORDER BY rowid",
        )?;
        let mut write = conn.prepare(
            "INSERT OR IGNORE INTO event_sources_7 (doc_id, ord, event_id, people)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut rows = read.query([])?;
        while let Some(row) = rows.next()? {
            let (doc, ord, event): (i64, i64, i64) = (row.get(0)?, row.get(1)?, row.get(2)?);
            let ids: Vec<i64> = people
                .query_map([event, doc], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            write.execute(rusqlite::params![doc, ord, event, packed::pack_ids(&ids)])?;
        }
    }
    let kind_code = format!(
        "CASE kind {} ELSE {} END",
        attache_extract::EventKind::ALL
            .iter()
            .map(|k| format!("WHEN '{}' THEN {}", k.as_str(), crate::keys::kind_code(*k)))
            .collect::<Vec<_>>()
            .join(" "),
        crate::keys::kind_code(attache_extract::EventKind::Other)
    );
    conn.execute_batch(&V7_AFTER.replace("{kind_code}", &kind_code))?;
    Ok(())
}

/// The second half of migration 6, once [`recode_records`] has run.
const V6_AFTER: &str = "ALTER TABLE documents DROP COLUMN record;";

/// Migration 6: store each record of a version-5 database in its compact form.
fn recode_records(conn: &Connection) -> Result<(), crate::StoreError> {
    let mut read = conn.prepare("SELECT id, record, text FROM documents")?;
    let mut write = conn.prepare("UPDATE documents SET record_z = ?2 WHERE id = ?1")?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let json: String = row.get(1)?;
        let text: String = row.get(2)?;
        // JSON that does not parse is kept as it was (reading it stays an error).
        let stored = match serde_json::from_str::<attache_extract::Record>(&json) {
            Ok(record) => crate::codec::encode(&record, &text),
            Err(_) => crate::codec::encode_json_text(&json),
        };
        write.execute(rusqlite::params![id, stored])?;
    }
    Ok(())
}

/// The schema version of an open database.
pub(crate) fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Apply migrations up to `target` (at most [`SCHEMA_VERSION`]), each in its own
/// transaction. Returns the version reached.
pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<u32, crate::StoreError> {
    let too_new = |found| crate::StoreError::SchemaTooNew {
        found,
        supported: SCHEMA_VERSION,
    };
    let mut current = version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(too_new(current));
    }
    while current < target.min(SCHEMA_VERSION) {
        // Take the write lock first and read the version again: another process may
        // be opening the same new database at this moment.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        current = version(&tx)?;
        if current > SCHEMA_VERSION {
            return Err(too_new(current));
        }
        if current >= target.min(SCHEMA_VERSION) {
            break;
        }
        tx.execute_batch(MIGRATIONS[current as usize])?;
        if current == 5 {
            recode_records(&tx)?;
            tx.execute_batch(V6_AFTER)?;
        }
        if current == 6 {
            migrate_7(&tx)?;
        }
        current += 1;
        tx.pragma_update(None, "user_version", current)?;
        tx.commit()?;
    }
    Ok(current)
}
