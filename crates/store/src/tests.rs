//! Migration tests: an older database opens and upgrades; a newer one is refused.

use super::*;

#[test]
fn a_version_1_database_upgrades_and_indexes_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        assert_eq!(schema::migrate_to(&mut conn, 1).unwrap(), 1);
        conn.execute(
            "INSERT INTO documents (doc_key, source, language, text, paragraphs, content_hash,
                 extractor, record, ingested_at, title)
             VALUES ('k1', 'old.txt', 'en', 'Belarusian tractors in Kostanai', '[]', 'h', 'x', '{}', 'now', 'Old')",
            [],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let hits = store.search("tractors", 10, 0).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].doc_id, "k1");
    // New writes keep the index current (triggers).
    assert_eq!(store.stats().unwrap().documents, 1);
}

#[test]
fn a_database_from_a_newer_attache_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    match Store::open(&path) {
        Err(StoreError::SchemaTooNew { found, .. }) => assert_eq!(found, SCHEMA_VERSION + 1),
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
}

#[test]
fn wal_and_foreign_keys_are_on() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("x.db")).unwrap();
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}
