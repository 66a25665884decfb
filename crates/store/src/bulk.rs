//! The bulk load: a run of many documents into an empty database writes its rows
//! without the indexes that only queries and deletes need, and builds them once at
//! its end (SQLite sorts each, then writes its pages once), the classic bulk load.
//!
//! Written one document at a time, every event went into four indexes of `events`,
//! and every dyad, mention, participant and alias into a table keyed at random
//! (`event_dyads`, `mentions`, `event_participants`, `entity_aliases` and its alias
//! index): B-trees far larger than the page cache, each insert a page read back and
//! written again. During a bulk load those rows are appended to staging tables
//! (`bulk_<table>`, rowid tables: each page written once) and moved to their tables
//! in key order at the end; the dropped indexes are built by `CREATE INDEX`.
//!
//! When: a write transaction of [`crate::Store::stage`] that begins while what the
//! writer remembers ([`crate::memo::Memo`]) stands in for every index the writes
//! read, i.e. the `entities` and `events` tables were empty when it began to
//! remember and it has remembered since without a break. Then entity lookups and
//! fusion need no SQL index (the memo knows every entity and event); the indexes of
//! `documents` (source, content hash), which tell new documents from stored ones,
//! and `event_sources_event` (the people of an event's sources, for fusion) stay.
//!
//! Leaving it ([`repair`], in the open transaction): at the end of the run
//! ([`crate::Store::finish_load`]); before a document is replaced (deletes read the
//! dropped indexes); when another connection has written (the memo forgets); and when
//! the memo stops standing in (a rollback drops it). The dropped indexes' SQL is kept
//! in the database (`bulk_indexes`, written in the transaction that drops them), so a
//! run killed before its end leaves a database that the next open repairs (when it
//! can take the write lock at once; else the next write transaction does). While a
//! bulk load runs, other connections see its committed documents and events, but not
//! yet their rows in the staged tables (events by pair or participant, mentions,
//! aliases), and their queries scan where the indexes are missing.

use crate::Result;
use rusqlite::Connection;

/// The table holding the SQL of the indexes a bulk load dropped; it exists exactly
/// while the database is in a bulk load (or was left in one by a run that stopped).
const STATE: &str = "bulk_indexes";

/// The indexes that only queries and deletes read, dropped during a bulk load.
const DROPPED: &[&str] = &[
    "events_match",
    "events_day",
    "events_status_day",
    "events_org",
    "entity_aliases_alias",
    "documents_published",
    "documents_extractor",
];

/// A table whose rows a bulk load stages: its name, its columns (in the staging
/// table's order) and its key (the order the rows go in at the end).
pub(crate) struct Staged {
    pub(crate) table: &'static str,
    pub(crate) columns: &'static str,
    pub(crate) key: &'static str,
}

/// The staged tables, each `bulk_<table>` while a bulk load runs, with the same
/// columns. (`event_dyads` and `event_participants` are not staged: they follow
/// from `events` and `event_sources` and are built from them at the end,
/// [`derive_dyads`] and [`derive_participants`]; `mentions` are staged one row per
/// document, [`derive_mentions`].)
pub(crate) const STAGED: &[Staged] = &[Staged {
    table: "entity_aliases",
    columns: "entity_id, alias",
    key: "entity_id, alias",
}];

/// The staging table of `mentions`: a document and the entities it mentions with
/// the number of mentions of each, in turn (`packed::pack_ids`).
const MENTIONS: &str = "bulk_mentions";

/// Whether the database is in a bulk load (or was left in one).
pub(crate) fn active(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")?
        .exists([STATE])?)
}

/// Whether the database holds no documents (a bulk load may begin).
pub(crate) fn is_empty(conn: &Connection) -> Result<bool> {
    Ok(
        conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM documents)", [], |r| {
            r.get(0)
        })?,
    )
}

/// Begin a bulk load in the open write transaction: keep the SQL of the dropped
/// indexes, drop them, create the staging tables.
pub(crate) fn enter(conn: &Connection) -> Result<()> {
    conn.execute_batch(&format!(
        "CREATE TABLE {STATE} (name TEXT PRIMARY KEY, sql TEXT NOT NULL)"
    ))?;
    let names = DROPPED
        .iter()
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join(", ");
    conn.execute_batch(&format!(
        "INSERT INTO {STATE} (name, sql)
             SELECT name, sql FROM sqlite_master
             WHERE type = 'index' AND sql IS NOT NULL AND name IN ({names});"
    ))?;
    let mut sql = String::new();
    for n in DROPPED {
        sql.push_str(&format!("DROP INDEX IF EXISTS {n};\n"));
    }
    for s in STAGED {
        sql.push_str(&format!("CREATE TABLE bulk_{} ({});\n", s.table, s.columns));
    }
    sql.push_str(&format!(
        "CREATE TABLE {MENTIONS} (doc_id INTEGER NOT NULL, counts BLOB NOT NULL);\n"
    ));
    conn.execute_batch(&sql)?;
    Ok(())
}

/// End a bulk load in the open write transaction (nothing to do outside one): move
/// the staged rows to their tables in key order, build the dropped indexes, forget
/// the state.
pub(crate) fn repair(conn: &Connection) -> Result<()> {
    if !active(conn)? {
        return Ok(());
    }
    for s in STAGED {
        let staging = format!("bulk_{}", s.table);
        let exists: bool = conn
            .prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")?
            .exists([&staging])?;
        if exists {
            conn.execute_batch(&format!(
                "INSERT OR IGNORE INTO {table} ({columns})
                     SELECT {columns} FROM {staging} ORDER BY {key};
                 DROP TABLE {staging};",
                table = s.table,
                columns = s.columns,
                key = s.key,
            ))?;
        }
    }
    derive_mentions(conn)?;
    derive_dyads(conn)?;
    derive_participants(conn)?;
    let indexes: Vec<(String, String)> = conn
        .prepare(&format!("SELECT name, sql FROM {STATE} ORDER BY name"))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, sql) in indexes {
        let exists: bool = conn
            .prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1")?
            .exists([&name])?;
        if !exists {
            conn.execute_batch(&sql)?;
        }
    }
    conn.execute_batch(&format!("DROP TABLE {STATE}"))?;
    Ok(())
}

/// Repair a database left in a bulk load when it is opened, if the write lock can be
/// taken at once: else another connection is writing (maybe the load itself), or
/// the file is read-only. A repair that cannot be done now is left to the next write
/// transaction that does not carry the load on ([`crate::write::Cache::begin`],
/// which reports its errors); meanwhile queries are right, but scan where an index
/// is missing.
pub(crate) fn repair_on_open(conn: &mut Connection, busy: std::time::Duration) -> Result<()> {
    if !active(conn)? {
        return Ok(());
    }
    conn.busy_timeout(std::time::Duration::ZERO)?;
    if let Ok(tx) = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate) {
        // A failure rolls back (the transaction drops): nothing is half done.
        if repair(&tx).is_ok() {
            let _ = tx.commit();
        }
    }
    conn.busy_timeout(busy)?;
    Ok(())
}

/// Rows held in memory at a time while a derived table is built (16 or 24 bytes
/// each).
const BUILD_ROWS: usize = 1_000_000;

/// Ranges of keys (indexes into `counts`, the rows of each key) holding at most
/// `budget` rows each (a key with more rows is a range of its own).
fn ranges(counts: &[usize], budget: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut sum) = (0, 0);
    for (i, &n) in counts.iter().enumerate() {
        if sum > 0 && sum + n > budget {
            out.push(start..i);
            start = i;
            sum = 0;
        }
        sum += n;
    }
    if start < counts.len() {
        out.push(start..counts.len());
    }
    out
}

/// The sides of an event as `events.sides` holds them.
fn split_sides(sides: &str) -> Vec<&str> {
    sides.split('|').filter(|s| !s.is_empty()).collect()
}

/// Write the `event_dyads` rows of every event (they follow from its sides, see
/// `write::dyads`; rows already there are kept), in key order: the rows of a range
/// of first sides (by number, `sides`) sorted in memory ([`BUILD_ROWS`] at most, but
/// for a side with more) and appended. Each range reads the events again. A side
/// that `sides` lacks (not expected: events number their sides as they are
/// created) is added.
pub(crate) fn derive_dyads(conn: &Connection) -> Result<()> {
    let mut numbers: crate::memo::FnvMap<String, i64> = conn
        .prepare("SELECT name, id FROM sides")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Rows per first side (numbers are dense: the rowids of `sides`).
    let mut counts: Vec<usize> = Vec::new();
    {
        let mut stmt = conn.prepare("SELECT sides FROM events")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let sides = row.get_ref(0)?.as_str().unwrap_or("");
            let sides = split_sides(sides);
            let n = sides.len().saturating_sub(1).max(1);
            for side in sides {
                let id = match numbers.get(side) {
                    Some(&id) => id,
                    None => {
                        conn.prepare_cached("INSERT INTO sides (name) VALUES (?1)")?
                            .execute([side])?;
                        let id = conn.last_insert_rowid();
                        numbers.insert(side.to_string(), id);
                        id
                    }
                };
                if let Ok(i) = usize::try_from(id) {
                    if i >= counts.len() {
                        counts.resize(i + 1, 0);
                    }
                    counts[i] += n;
                }
            }
        }
    }
    if counts.is_empty() {
        return Ok(());
    }
    let mut insert = Rows::new(
        conn,
        "INSERT OR IGNORE INTO event_dyads (side, other, event_id)",
        3,
    );
    let mut read = conn.prepare("SELECT id, sides FROM events")?;
    let mut ids: Vec<i64> = Vec::new();
    for range in ranges(&counts, BUILD_ROWS) {
        // Exactly the rows of the range: no vector grown to twice its need.
        let mut batch: Vec<(i64, i64, i64)> =
            Vec::with_capacity(counts.get(range.clone()).map_or(0, |c| c.iter().sum()));
        let mut rows = read.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let sides = row.get_ref(1)?.as_str().unwrap_or("");
            ids.clear();
            ids.extend(
                split_sides(sides)
                    .iter()
                    .filter_map(|s| numbers.get(*s).copied()),
            );
            for (side, other) in crate::write::dyads(&ids) {
                if usize::try_from(side).is_ok_and(|i| range.contains(&i)) {
                    batch.push((side, other, id));
                }
            }
        }
        batch.sort_unstable();
        for &(side, other, id) in &batch {
            insert.push(&[side, other, id])?;
        }
    }
    insert.flush()
}

/// Write the `event_participants` rows of every source (the person entities of its
/// participants, `event_sources.people`; rows already there are kept) in key order
/// ([`build_by_entity`]).
pub(crate) fn derive_participants(conn: &Connection) -> Result<()> {
    build_by_entity(
        conn,
        "SELECT event_id, people FROM event_sources",
        "INSERT OR IGNORE INTO event_participants (entity_id, event_id)",
        false,
        |event, people, f| {
            // Unreadable lists were stored without participants rows as well.
            for p in crate::packed::unpack_ids(people).unwrap_or_default() {
                f(p, event, 0);
            }
        },
    )
}

/// Write the `mentions` rows staged one per document ([`MENTIONS`]) in key order
/// ([`build_by_entity`]), then drop the staging table.
pub(crate) fn derive_mentions(conn: &Connection) -> Result<()> {
    let staged: bool = conn
        .prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")?
        .exists([MENTIONS])?;
    if !staged {
        return Ok(());
    }
    build_by_entity(
        conn,
        &format!("SELECT doc_id, counts FROM {MENTIONS}"),
        "INSERT OR IGNORE INTO mentions (entity_id, doc_id, n)",
        true,
        |doc, counts, f| {
            // Written by this build: a list that does not unpack was never staged.
            let flat = crate::packed::unpack_ids(counts).unwrap_or_default();
            for pair in flat.chunks_exact(2) {
                f(pair[0], doc, pair[1]);
            }
        },
    )?;
    conn.execute_batch(&format!("DROP TABLE {MENTIONS}"))?;
    Ok(())
}

/// Write rows keyed by entity (entity, id, value; the value bound to `insert` only
/// when `valued`) that `expand` makes of each row (id, blob) of `select`, with
/// `insert` in key order: the rows of a
/// range of entities sorted in memory ([`BUILD_ROWS`] at most, but for an entity
/// with more) and appended; each range reads the rows of `select` again.
fn build_by_entity(
    conn: &Connection,
    select: &str,
    insert: &'static str,
    valued: bool,
    expand: impl Fn(i64, &[u8], &mut dyn FnMut(i64, i64, i64)),
) -> Result<()> {
    let each = |f: &mut dyn FnMut(i64, i64, i64)| -> Result<()> {
        let mut stmt = conn.prepare_cached(select)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let blob = row.get_ref(1)?.as_blob().unwrap_or(&[]);
            expand(id, blob, f);
        }
        Ok(())
    };
    // Rows per entity id (ids are dense: the rowids of `entities`).
    let mut counts: Vec<usize> = Vec::new();
    each(&mut |entity, _, _| {
        if let Ok(i) = usize::try_from(entity) {
            if i >= counts.len() {
                counts.resize(i + 1, 0);
            }
            counts[i] += 1;
        }
    })?;
    let mut insert = Rows::new(conn, insert, if valued { 3 } else { 2 });
    for range in ranges(&counts, BUILD_ROWS) {
        let mut batch: Vec<_> =
            Vec::with_capacity(counts.get(range.clone()).map_or(0, |c| c.iter().sum()));
        each(&mut |entity, id, value| {
            if usize::try_from(entity).is_ok_and(|i| range.contains(&i)) {
                batch.push((entity, id, value));
            }
        })?;
        batch.sort_unstable();
        batch.dedup();
        for &(entity, id, value) in &batch {
            if valued {
                insert.push(&[entity, id, value])?;
            } else {
                insert.push(&[entity, id])?;
            }
        }
    }
    insert.flush()
}

/// Rows of a table with integer columns, inserted [`Rows::CHUNK`] at a time by
/// one statement of many rows (`INSERT … VALUES (…), (…), …`).
///
/// Rows written in key order into a B-tree: a statement of one row opens a cursor
/// and finds its place from the root for every row; a statement of many keeps its
/// cursor on the last page, where SQLite appends without searching from the root
/// again. Fewer statements to bind and step as well.
pub(crate) struct Rows<'c> {
    conn: &'c Connection,
    /// `INSERT [OR …] INTO table (columns)`, without its values.
    head: &'static str,
    /// Columns per row.
    width: usize,
    /// Values of the rows not yet written, row after row.
    values: Vec<i64>,
    /// The statement of a full chunk.
    full: String,
}

impl<'c> Rows<'c> {
    /// Rows per statement.
    const CHUNK: usize = 200;

    /// Rows for `head` (`INSERT … INTO table (columns)`, `width` columns).
    pub(crate) fn new(conn: &'c Connection, head: &'static str, width: usize) -> Rows<'c> {
        Rows {
            conn,
            head,
            width,
            values: Vec::with_capacity(Self::CHUNK * width),
            full: sql(head, width, Self::CHUNK),
        }
    }

    /// Add a row (`width` values), writing a full chunk of rows.
    pub(crate) fn push(&mut self, row: &[i64]) -> Result<()> {
        debug_assert_eq!(row.len(), self.width);
        self.values.extend_from_slice(row);
        if self.values.len() >= Self::CHUNK * self.width {
            self.flush()?;
        }
        Ok(())
    }

    /// Write the rows not yet written.
    pub(crate) fn flush(&mut self) -> Result<()> {
        let rows = self.values.len() / self.width.max(1);
        if rows == 0 {
            return Ok(());
        }
        // The statement of a last, shorter chunk is not cached: its number of rows
        // varies from one call to the next.
        if rows == Self::CHUNK {
            let mut stmt = self.conn.prepare_cached(&self.full)?;
            for (i, v) in self.values.iter().enumerate() {
                stmt.raw_bind_parameter(i + 1, v)?;
            }
            stmt.raw_execute()?;
        } else {
            let mut stmt = self.conn.prepare(&sql(self.head, self.width, rows))?;
            for (i, v) in self.values.iter().enumerate() {
                stmt.raw_bind_parameter(i + 1, v)?;
            }
            stmt.raw_execute()?;
        }
        self.values.clear();
        Ok(())
    }
}

/// The statement inserting `rows` rows of `width` values with `head`.
fn sql(head: &str, width: usize, rows: usize) -> String {
    let one = format!("({})", vec!["?"; width].join(", "));
    format!("{head} VALUES {}", vec![one; rows].join(", "))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::{Rows, ranges};
    use rusqlite::Connection;

    #[test]
    fn rows_write_full_and_partial_chunks_and_ignore_as_asked() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (a INTEGER, b INTEGER, c INTEGER, PRIMARY KEY (a, b)) WITHOUT ROWID",
        )
        .unwrap();
        let mut rows = Rows::new(&conn, "INSERT OR IGNORE INTO t (a, b, c)", 3);
        let n = Rows::CHUNK as i64 * 2 + 7;
        for i in 0..n {
            rows.push(&[i, -i, i * 10]).unwrap();
            // A duplicate key is ignored, as a statement of one row would.
            if i % 50 == 0 {
                rows.push(&[i, -i, 0]).unwrap();
            }
        }
        rows.flush().unwrap();
        rows.flush().unwrap();
        let (count, sum): (i64, i64) = conn
            .query_row("SELECT count(*), sum(c) FROM t", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(count, n);
        assert_eq!(sum, (0..n).map(|i| i * 10).sum::<i64>());
        let mut two = Rows::new(&conn, "INSERT INTO t (a, b)", 2);
        two.push(&[-1, 1]).unwrap();
        two.flush().unwrap();
        let c: Option<i64> = conn
            .query_row("SELECT c FROM t WHERE a = -1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(c, None);
    }

    #[test]
    fn ranges_hold_at_most_the_budget_but_for_a_large_key() {
        assert_eq!(ranges(&[2, 2, 2, 5, 1], 4), vec![0..2, 2..3, 3..4, 4..5]);
        assert_eq!(ranges(&[1, 1, 1], 10), vec![0..3]);
        assert_eq!(ranges(&[], 10), Vec::<std::ops::Range<usize>>::new());
    }
}
