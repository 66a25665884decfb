//! `attache-store`: the knowledge base, in SQLite.
//!
//! Owns the schema and its migrations ([`SCHEMA_VERSION`]), idempotent writes of
//! [`Document`]s with their [`Record`]s ([`Store::ingest`], [`Store::ingest_batch`]),
//! cross-source fusion of events (the same happening reported by several releases is
//! one event with several sources), the queries behind the CLI and the web server
//! ([`Store::search`], [`Store::events`], [`Store::timeline`], [`Store::actor`],
//! [`Store::upcoming`], [`Store::stats`], [`Store::documents`], [`Store::pairs`],
//! [`Store::document`], [`Store::record`]) and
//! the exports ([`export::export`]: JSON Lines, CSV, PLOVER, CAMEO, iCalendar, Parquet).
//!
//! The database runs in WAL mode with foreign keys on and a busy timeout: one writer
//! and any number of readers, each with its own [`Store`].

use attache_extract::Record;
use attache_ingest::Document;
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

mod bulk;
mod codec;
pub mod export;
mod keys;
mod memo;
mod packed;
mod query;
mod schema;
mod write;

pub use codec::CodecError;
pub use packed::PackError;
pub use query::{
    ActorProfile, Counterpart, DocSummary, EventFilter, EventRow, EventSource, Evidence,
    MonthCount, PairCount, Participant, SEARCH_WINDOW, SearchHit, SnippetPart, Stats,
    StoredDocument, TIMELINE_EVENTS, Timeline,
};
pub use schema::SCHEMA_VERSION;
pub use write::{DocStatus, IngestOutcome};

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(
        "the database has schema version {found}, newer than this attache supports ({supported})"
    )]
    SchemaTooNew { found: u32, supported: u32 },
    #[error("invalid search query {query:?}: {message}")]
    Query { query: String, message: String },
    #[error("record for document {record} given with document {document}")]
    Mismatch { document: String, record: String },
    #[error("stored data of document {doc} is unreadable: {source}")]
    Corrupt {
        doc: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("stored record of document {doc} is unreadable: {source}")]
    CorruptRecord {
        doc: String,
        #[source]
        source: CodecError,
    },
    #[error("stored text of document {doc} is unreadable: {source}")]
    CorruptText {
        doc: String,
        #[source]
        source: PackError,
    },
    #[error("write failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("JSON export failed: {0}")]
    Json(#[from] serde_json::Error),
    #[error("CSV export failed: {0}")]
    Csv(#[from] csv::Error),
    #[error("Parquet export failed: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
}

/// Register the SQL functions the schema uses: `attache_text(text_z)`, the text of a
/// packed document text (the full-text index reads texts through it).
fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    use rusqlite::types::ValueRef;
    conn.create_scalar_function(
        packed::TEXT_FUNCTION,
        1,
        FunctionFlags::SQLITE_UTF8
            | FunctionFlags::SQLITE_DETERMINISTIC
            | FunctionFlags::SQLITE_INNOCUOUS,
        |ctx| match ctx.get_raw(0) {
            ValueRef::Blob(b) => packed::unpack_text(b)
                .map(Some)
                .map_err(|e| rusqlite::Error::UserFunctionError(Box::new(e))),
            ValueRef::Text(t) => Ok(Some(String::from_utf8_lossy(t).into_owned())),
            _ => Ok(None),
        },
    )
}

/// Result of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A handle on one knowledge base.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    /// Whether the page cache was raised for writing.
    writer: bool,
    /// What the open transaction of [`Store::stage`] has learnt of entities (`None`
    /// when no such transaction is open).
    staged: Option<write::Cache>,
    /// What this connection remembers of entities and events between its write
    /// transactions (lent to each, see [`memo`]).
    memo: memo::Memo,
}

/// Documents staged ([`Store::stage`]) between two writes to the full-text index.
/// Each write ends with a flush of FTS5's pending terms to a new segment, which
/// its automatic merges then merge: fewer, larger segments merge less (with the
/// 8 MB of pending terms of schema 12's full-text index; 2,500 documents instead of
/// 500 took a whole ingest of 5,000 generated releases from 22.62G to 22.21G
/// instructions).
const FTS_CHUNK: usize = 2500;

/// Documents written but not yet in the full-text index, with what it indexes (a
/// temporary table: this connection only).
const FTS_PENDING: &str =
    "CREATE TEMP TABLE IF NOT EXISTS fts_pending (id INTEGER PRIMARY KEY, title TEXT, text TEXT)";

/// How long a connection waits for another's lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Page cache while a bulk load builds its indexes ([`Store::finish_load`]): the
/// memory of SQLite's sorts is as large as the page cache, and the builds write
/// their pages in order (the cache serves them little).
const BUILD_CACHE_KB: i64 = -32000;

/// Page cache of a connection that reads (`PRAGMA cache_size`, negative: KB).
const READ_CACHE_KB: i64 = -32000;
/// Page cache of a connection that writes: a batch touches pages all over the
/// random-keyed indexes, and what the cache does not hold is read again (on 100,000
/// releases, 96 MB instead of 32 took the ingest from 114 s user + 66 s system to
/// 109 + 43 s, peak memory 196 MB). 72 MB since the writer remembers its entities and
/// events (memo.rs, ~50 MB at 100,000 releases), to keep the peak under 300 MB.
const WRITE_CACHE_KB: i64 = -72000;

impl Store {
    /// Open (creating if needed) the database at `path` and bring its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Store::setup(Connection::open(path)?, SCHEMA_VERSION)
    }

    /// A fresh database in memory (tests, one-shot pipelines).
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, SCHEMA_VERSION)
    }

    fn setup(mut conn: Connection, version: u32) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // 16 KB pages for a new database (no effect on an existing one; it must come
        // before WAL mode): a stored release is a row of about 3 KB, which leaves a
        // quarter of a 4 KB page unused, and the full-text index writes blobs of 4 KB.
        // The database of 100,000 generated releases is 9% smaller.
        conn.pragma_update(None, "page_size", 16384)?;
        // In-memory databases answer "memory"; both are fine.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Checkpoint the WAL every 8,192 pages (128 MB) instead of 1,000: a batch of
        // releases touches pages all over the random-keyed indexes, and a page written
        // by several batches between two checkpoints is copied to the database once.
        conn.pragma_update(None, "wal_autocheckpoint", 8192)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // Up to 32 MB of page cache (the default is 2 MB); a connection that writes
        // takes more (see `Store::writing`).
        conn.pragma_update(None, "cache_size", READ_CACHE_KB)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.set_prepared_statement_cache_capacity(64);
        register_functions(&conn)?;
        schema::migrate_to(&mut conn, version)?;
        // A run that stopped in a bulk load left indexes to build and rows to move
        // (after the migrations: a bulk load leaves a database of schema 10 or later,
        // whose migrations do not touch what it dropped, and the repair writes the
        // rows of the current schema).
        bulk::repair_on_open(&mut conn, BUSY_TIMEOUT)?;
        conn.execute_batch(FTS_PENDING)?;
        Ok(Store {
            conn,
            writer: false,
            staged: None,
            memo: memo::Memo::default(),
        })
    }

    /// The schema version of the open database (equal to [`SCHEMA_VERSION`]).
    pub fn schema_version(&self) -> Result<u32> {
        Ok(schema::version(&self.conn)?)
    }

    /// What ingesting `doc` would do now, without extracting: lets a caller skip the
    /// extraction of documents that are already stored unchanged.
    pub fn check(&self, doc: &Document, extractor: &str) -> Result<DocStatus> {
        write::check(&self.conn, doc, extractor)
    }

    /// Raise the page cache of this connection for writing (once).
    fn writing(&mut self) -> Result<()> {
        if !self.writer {
            self.conn
                .pragma_update(None, "cache_size", WRITE_CACHE_KB)?;
            self.writer = true;
        }
        Ok(())
    }

    /// Store one document and its record in one transaction.
    pub fn ingest(&mut self, doc: &Document, record: &Record) -> Result<IngestOutcome> {
        self.writing()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut cache = write::Cache::begin(&tx, std::mem::take(&mut self.memo), false)?;
        let outcome = write::ingest_one(&tx, &mut cache, doc, record)?;
        write::finish(&tx, &mut cache)?;
        tx.commit()?;
        self.memo = cache.memo;
        Ok(outcome)
    }

    /// Store many documents in one transaction; a failing item is rolled back alone and
    /// reported in its slot, the others are committed.
    ///
    /// The batch is written as one transaction (so the full-text index is built once
    /// per batch); only when an item fails is the batch rolled back and written again
    /// item by item.
    pub fn ingest_batch(
        &mut self,
        items: &[(Document, Record)],
    ) -> Result<Vec<Result<IngestOutcome>>> {
        self.writing()?;
        {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut outcomes = Vec::with_capacity(items.len());
            let mut failed = false;
            // Dropped with the transaction if it rolls back.
            let mut cache = write::Cache::begin(&tx, std::mem::take(&mut self.memo), false)?;
            for (doc, record) in items {
                match write::ingest_one(&tx, &mut cache, doc, record) {
                    Ok(o) => outcomes.push(Ok(o)),
                    Err(_) => {
                        failed = true;
                        break;
                    }
                }
            }
            if !failed {
                write::finish(&tx, &mut cache)?;
                tx.commit()?;
                self.memo = cache.memo;
                return Ok(outcomes);
            }
            // Dropping `tx` rolls the whole batch back.
        }
        let mut outcomes = Vec::with_capacity(items.len());
        for (doc, record) in items {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut cache = write::Cache::begin(&tx, std::mem::take(&mut self.memo), false)?;
            match write::ingest_one(&tx, &mut cache, doc, record).and_then(|o| {
                write::finish(&tx, &mut cache)?;
                Ok(o)
            }) {
                Ok(o) => {
                    tx.commit()?;
                    self.memo = cache.memo;
                    outcomes.push(Ok(o));
                }
                Err(e) => outcomes.push(Err(e)), // rolled back when `tx` drops
            }
        }
        Ok(outcomes)
    }

    /// Write a document and its record in the open write transaction, opening one if
    /// none is: many calls share one transaction until [`Store::commit`], so the pages
    /// of the random-keyed indexes are written once per transaction instead of once
    /// per batch of extraction (on 100,000 releases, most of the ingest's system time
    /// was the same index pages written to the WAL and checkpointed again and again).
    ///
    /// Nothing staged is visible to other connections, nor durable, before
    /// [`Store::commit`]; dropping the store rolls it back. [`Store::check`] sees what
    /// is staged. When this fails, the whole open transaction has been rolled back
    /// (every document staged since the last commit is lost, none is partly written):
    /// the caller writes them again, e.g. with [`Store::ingest_batch`].
    ///
    /// Staged into an empty database, documents are a bulk load: the indexes that
    /// only queries and deletes read are built, and the rows of the random-keyed
    /// tables moved in key order, once at the end ([`Store::finish_load`]; see the
    /// `bulk` module).
    pub fn stage(&mut self, doc: &Document, record: &Record) -> Result<IngestOutcome> {
        if self.staged.is_none() {
            self.writing()?;
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            match write::Cache::begin(&self.conn, std::mem::take(&mut self.memo), true) {
                Ok(cache) => self.staged = Some(cache),
                Err(e) => {
                    self.rollback();
                    return Err(e);
                }
            }
        }
        let cache = self.staged.get_or_insert_with(write::Cache::default);
        let result = write::ingest_one(&self.conn, cache, doc, record).and_then(|o| {
            // The texts waiting for the full-text index are held in memory: index
            // them every few hundred documents.
            cache.unindexed += 1;
            if cache.unindexed >= FTS_CHUNK {
                write::index_pending(&self.conn)?;
                cache.unindexed = 0;
            }
            Ok(o)
        });
        if result.is_err() {
            self.rollback();
        }
        result
    }

    /// Whether a transaction of [`Store::stage`] is open.
    pub fn has_staged(&self) -> bool {
        self.staged.is_some()
    }

    /// Index what the open transaction has staged in the full-text index and commit
    /// it (nothing to do when no transaction is open). On failure the transaction is
    /// rolled back.
    pub fn commit(&mut self) -> Result<()> {
        let Some(cache) = self.staged.as_mut() else {
            return Ok(());
        };
        let result = write::finish(&self.conn, cache)
            .and_then(|()| Ok(self.conn.execute_batch("COMMIT")?));
        match result {
            Ok(()) => {
                if let Some(cache) = self.staged.take() {
                    self.memo = cache.memo;
                }
                Ok(())
            }
            Err(e) => {
                self.rollback();
                Err(e)
            }
        }
    }

    /// End a bulk load this connection runs (see [`Store::stage`]): move the rows it
    /// staged to their tables and build the indexes it left out, in one transaction
    /// (commits what is staged first). Nothing to do otherwise. A run that stops
    /// before this leaves the work to the next [`Store::open`] or write.
    pub fn finish_load(&mut self) -> Result<()> {
        self.commit()?;
        if !self.memo.bulk {
            return Ok(());
        }
        // What the memo holds is no longer needed for this load: its memory goes to
        // the sorts of the index builds (it is read again from the database).
        self.memo = memo::Memo::default();
        // The staged rows refer to documents and entities this load wrote: their
        // foreign keys are not checked again row by row (the pragma is a no-op
        // inside a transaction, hence here).
        self.conn.pragma_update(None, "foreign_keys", false)?;
        // The sorts spill to temporary files on disk, not to memory (changing this
        // drops the connection's temporary tables, empty after a commit), and keep a
        // smaller buffer: SQLite sorts in runs of the page cache's size.
        self.conn.pragma_update(None, "temp_store", "FILE")?;
        self.conn
            .pragma_update(None, "cache_size", BUILD_CACHE_KB)?;
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            bulk::repair(&tx)?;
            tx.commit()?;
            Ok(())
        })();
        self.conn
            .pragma_update(None, "cache_size", WRITE_CACHE_KB)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        self.conn.execute_batch(FTS_PENDING)?;
        result
    }

    /// Roll the open transaction of [`Store::stage`] back (if any).
    fn rollback(&mut self) {
        self.staged = None;
        if !self.conn.is_autocommit() {
            // A rollback that fails has nothing left to undo.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        // The temporary table is outside the transaction's reach only when the
        // rollback failed; emptying it keeps the next transaction's index right.
        let _ = self.conn.execute_batch("DELETE FROM temp.fts_pending");
    }

    /// Ids of stored documents whose record was made by another extractor version.
    pub fn stale_documents(&self, extractor: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT doc_key FROM documents WHERE extractor != ?1 ORDER BY id")?;
        let rows = stmt.query_map([extractor], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// `PRAGMA integrity_check` and FTS5's check of the full-text index against the
    /// documents: `"ok"` for a sound database, else the first problem found.
    pub fn integrity_check(&self) -> Result<String> {
        let pragma: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if pragma != "ok" {
            return Ok(pragma);
        }
        match self.conn.execute(
            "INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)",
            [],
        ) {
            Ok(_) => Ok(pragma),
            Err(rusqlite::Error::SqliteFailure(_, Some(msg))) => {
                Ok(format!("full-text index: {msg}"))
            }
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
