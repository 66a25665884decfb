//! The bulk load (documents staged into an empty database, `Store::stage` then
//! `Store::finish_load`) stores exactly what writing document by document stores,
//! and a load that stops before its end (killed between transactions) is repaired
//! when the database is opened again. Releases: those of `examples/`, extracted,
//! each in several copies (so that events fuse across documents).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use attache_extract::Record;
use attache_ingest::Document;
use attache_store::{DocStatus, Store};
use rusqlite::Connection;
use std::path::Path;

/// The releases of `examples/` with their records, `copies` times (each copy a
/// document of its own: another source, id and a line added to its text).
fn releases(copies: usize) -> Vec<(Document, Record)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let docs: Vec<Document> = attache_ingest::read_path(&dir, &attache_ingest::Options::default())
        .filter_map(Result::ok)
        .collect();
    assert!(docs.len() >= 10, "examples/ holds the project's releases");
    let mut out = Vec::new();
    for i in 0..copies {
        for d in &docs {
            let mut d = d.clone();
            if i > 0 {
                d.source = format!("{}#copy{i}", d.source);
                d.id = format!("{}-{i}", d.id);
                d.text.push_str(&format!("\n\nCopy {i}."));
            }
            let r = attache_extract::extract(&d);
            out.push((d, r));
        }
    }
    out
}

/// Every row of every table (documents without their time of ingest), in order,
/// with the schema's indexes: what two ways of writing must both leave.
fn dump(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut out: Vec<String> = conn
        .prepare(
            "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master
             WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY type, name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name != 'documents_fts' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for t in tables {
        let cols: String = conn
            .query_row(
                r#"SELECT group_concat('"' || name || '"', ', ') FROM pragma_table_info(?1)
                   WHERE name != 'ingested_at'"#,
                [&t],
                |r| r.get(0),
            )
            .unwrap();
        let mut stmt = conn
            .prepare(&format!("SELECT {cols} FROM \"{t}\" ORDER BY {cols}"))
            .unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let mut line = format!("{t}:");
            for i in 0..n {
                line.push_str(&format!(" {:?}", row.get_ref(i).unwrap()));
            }
            out.push(line);
        }
    }
    out
}

/// The two databases hold the same (the first difference shown, not all of them).
fn assert_same(a: &Path, b: &Path) {
    let (da, db) = (dump(a), dump(b));
    if let Some((x, y)) = da.iter().zip(&db).find(|(x, y)| x != y) {
        panic!("first difference:\n  {x}\n  {y}");
    }
    assert_eq!(da.len(), db.len());
}

/// Write `items` in transactions of `every` documents, not as a bulk load (the
/// path of a database that is not empty; the same transactions as [`staged`], so
/// that the full-text index has the same segments).
fn batched(path: &Path, items: &[(Document, Record)], every: usize) {
    let mut store = Store::open(path).unwrap();
    for chunk in items.chunks(every) {
        for o in store.ingest_batch(chunk).unwrap() {
            o.unwrap();
        }
    }
}

/// Stage `items`, committing every `every` documents.
fn staged(store: &mut Store, items: &[(Document, Record)], every: usize) {
    for (i, (d, r)) in items.iter().enumerate() {
        store.stage(d, r).unwrap();
        if (i + 1) % every == 0 {
            store.commit().unwrap();
        }
    }
    store.commit().unwrap();
}

/// Whether the database is in a bulk load (its state table exists).
fn in_bulk_load(path: &Path) -> bool {
    let conn = Connection::open(path).unwrap();
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE name = 'bulk_indexes'",
        [],
        |r| r.get::<_, i64>(0),
    )
    .unwrap()
        == 1
}

#[test]
fn a_bulk_load_stores_what_writing_one_by_one_stores() {
    let items = releases(4);
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    batched(&a, &items, 7);
    {
        let mut store = Store::open(&b).unwrap();
        staged(&mut store, &items, 7);
        assert!(
            in_bulk_load(&b),
            "staged into an empty database: a bulk load"
        );
        store.finish_load().unwrap();
        assert!(!in_bulk_load(&b));
        assert_eq!(store.integrity_check().unwrap(), "ok");
        let merged: usize = items.len();
        assert!(store.stats().unwrap().events < merged * 3, "events fused");
    }
    let da = dump(&a);
    for table in [
        "event_dyads",
        "event_participants",
        "entity_aliases",
        "mentions",
    ] {
        assert!(da.iter().any(|l| l.starts_with(&format!("{table}:"))));
    }
    assert_same(&a, &b);
}

#[test]
fn a_bulk_load_killed_between_transactions_is_repaired_on_open() {
    let items = releases(3);
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let half = items.len() / 2;
    batched(&a, &items[..half], 5);
    {
        let mut store = Store::open(&b).unwrap();
        staged(&mut store, &items[..half], 5);
        // More staged, never committed: the run stops here (as a killed process,
        // whose open transaction rolls back).
        for (d, r) in &items[half..half + 3] {
            store.stage(d, r).unwrap();
        }
    }
    assert!(in_bulk_load(&b), "the indexes were never built");
    // Before the repair: the documents are there, their dyads are not yet.
    let store = Store::open(&b).unwrap();
    assert!(!in_bulk_load(&b), "opening repairs");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_same(&a, &b);
    // The same queries answer the same.
    let full = Store::open(&a).unwrap();
    let f = attache_store::EventFilter::default();
    let pairs = full.pairs(10).unwrap();
    assert!(!pairs.is_empty());
    assert_eq!(store.pairs(10).unwrap(), pairs);
    assert_eq!(
        store.events(&f).unwrap().len(),
        full.events(&f).unwrap().len()
    );
    assert_eq!(
        store.search("minister", 20, 0).unwrap().len(),
        full.search("minister", 20, 0).unwrap().len()
    );
    // The run again: the documents stored are unchanged; the rest is written
    // document by document (the database is no longer empty).
    drop(store);
    batched(&a, &items[half..], 6);
    let mut store = Store::open(&b).unwrap();
    let (d, r) = &items[0];
    assert_eq!(store.stage(d, r).unwrap().status, DocStatus::Unchanged);
    staged(&mut store, &items[half..], 6);
    assert!(!in_bulk_load(&b));
    store.finish_load().unwrap();
    assert_same(&a, &b);
}

#[test]
fn a_document_replaced_during_a_bulk_load_ends_it_and_is_replaced() {
    let mut items = releases(2);
    let (d, r) = items[3].clone();
    let mut changed = d.clone();
    changed.text.push_str("\n\nAn update.");
    let r2 = attache_extract::extract(&changed);
    items.push((changed, r2));
    items.push((d, r));
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let n = items.len();
    batched(&a, &items[..n - 2], 8);
    batched(&a, &items[n - 2..], 8);
    let mut store = Store::open(&b).unwrap();
    staged(&mut store, &items[..n - 2], 8);
    assert!(in_bulk_load(&b));
    let (d, r) = &items[n - 2];
    assert_eq!(store.stage(d, r).unwrap().status, DocStatus::Updated);
    let (d, r) = &items[n - 1];
    assert_eq!(store.stage(d, r).unwrap().status, DocStatus::Updated);
    store.commit().unwrap();
    assert!(!in_bulk_load(&b), "a replacement ends the load");
    store.finish_load().unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_same(&a, &b);
}

#[test]
fn another_writer_ends_a_bulk_load_and_both_are_kept() {
    let items = releases(2);
    let half = items.len() / 2;
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    batched(&a, &items[..half], 4);
    batched(&a, &items[half..half + 1], 4);
    batched(&a, &items[half + 1..], 4);
    let mut loader = Store::open(&b).unwrap();
    staged(&mut loader, &items[..half], 4);
    assert!(in_bulk_load(&b));
    // Another connection writes: it does not carry the load on, so it repairs first.
    let mut other = Store::open(&b).unwrap();
    let (d, r) = &items[half];
    other.ingest(d, r).unwrap();
    assert!(!in_bulk_load(&b));
    // The loader sees another writer committed: it goes on document by document.
    staged(&mut loader, &items[half + 1..], 4);
    assert!(!in_bulk_load(&b));
    loader.finish_load().unwrap();
    assert_same(&a, &b);
}

#[test]
fn a_database_that_is_not_empty_is_not_bulk_loaded() {
    let items = releases(1);
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("b.db");
    batched(&b, &items[..1], 1);
    let mut store = Store::open(&b).unwrap();
    for (d, r) in &items[1..] {
        store.stage(d, r).unwrap();
        assert!(!in_bulk_load(&b));
    }
    store.finish_load().unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

/// The loading process of [`a_bulk_load_killed_by_sigkill_is_repaired_on_open`]: runs
/// only when that test starts it (with the database's path), else does nothing.
#[test]
fn bulk_child_process() {
    let Some(path) = std::env::var_os("ATTACHE_BULK_CHILD_DB") else {
        return;
    };
    let path = std::path::PathBuf::from(path);
    let items = releases(3);
    let half = items.len() / 2;
    let mut store = Store::open(&path).unwrap();
    staged(&mut store, &items[..half], 5);
    for (d, r) in &items[half..half + 3] {
        store.stage(d, r).unwrap();
    }
    // Committed: half of the releases; staged, not committed: three more.
    std::fs::write(path.with_extension("ready"), b"").unwrap();
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

#[test]
fn a_bulk_load_killed_by_sigkill_is_repaired_on_open() {
    let items = releases(3);
    let half = items.len() / 2;
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    batched(&a, &items[..half], 5);
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "bulk_child_process", "--nocapture"])
        .env("ATTACHE_BULK_CHILD_DB", &b)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while !b.with_extension("ready").exists() {
        assert!(child.try_wait().unwrap().is_none(), "the loader stopped");
        assert!(
            started.elapsed().as_secs() < 120,
            "the loader never got ready"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(in_bulk_load(&b), "killed before the end of its load");
    let store = Store::open(&b).unwrap();
    assert!(!in_bulk_load(&b), "opening repairs");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_same(&a, &b);
    let full = Store::open(&a).unwrap();
    assert_eq!(store.pairs(10).unwrap(), full.pairs(10).unwrap());
    let f = attache_store::EventFilter::default();
    assert_eq!(store.events(&f).unwrap(), full.events(&f).unwrap());
}
