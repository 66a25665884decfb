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

/// A version-5 database as the attache of that schema wrote it: the record as JSON,
/// one `mentions` row per occurrence, evidence with its text, topics with spans.
fn version_5_database(path: &std::path::Path) -> (Record, String) {
    use attache_extract::{
        Actor, Event, EventKind, Mention, MentionKind, PartialDate, Sector, Span, Status, Topic,
    };
    let text = "Sergei Aleinik of Belarus met Murat Nurtleu of Kazakhstan in Astana.";
    let span = |needle: &str| {
        let start = text.find(needle).unwrap();
        Span::new(start, start + needle.len())
    };
    let mention = |needle: &str, kind, entity: &str| Mention {
        span: span(needle),
        kind,
        surface: needle.into(),
        entity: entity.into(),
        country: None,
    };
    let aleinik = Actor {
        name: "Sergei Aleinik".into(),
        titles: vec!["Minister of Foreign Affairs".into()],
        country: Some("BLR".into()),
        organization: None,
        sector: Some(Sector::Gov),
        spans: vec![span("Sergei Aleinik")],
    };
    let record = Record {
        doc_id: "k5".into(),
        extractor: "old+1".into(),
        sentences: vec![Span::new(0, text.len())],
        mentions: vec![
            mention("Sergei Aleinik", MentionKind::Person, "Sergei Aleinik"),
            mention("Belarus", MentionKind::Country, "BLR"),
            mention("Kazakhstan", MentionKind::Country, "KAZ"),
            mention("Belarus", MentionKind::Country, "BLR"),
        ],
        actors: vec![aleinik.clone()],
        events: vec![Event {
            kind: EventKind::Meeting,
            cameo: "042".into(),
            plover: Some("CONSULT".into()),
            plover_mode: Some("visit".into()),
            status: Status::Occurred,
            date: PartialDate::parse("2024-05-21"),
            date_end: None,
            location: None,
            participants: vec![aleinik],
            sides: vec!["BLR".into(), "KAZ".into()],
            organization: None,
            evidence: vec![span("met")],
        }],
        topics: vec![Topic {
            topic: "diplomacy".into(),
            evidence: vec![span("met")],
        }],
        quantities: vec![],
    };
    let mut conn = Connection::open(path).unwrap();
    assert_eq!(schema::migrate_to(&mut conn, 5).unwrap(), 5);
    let json = serde_json::to_string(&record).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO documents (id, doc_key, source, language, text, paragraphs, content_hash,
             extractor, record, ingested_at, title, published)
         VALUES (1, 'k5', 'blr.txt', 'en', '{text}', '[]', 'h5', 'old+1', '{json}', 'now',
                 'Talks', '2024-05-22');
         INSERT INTO documents (id, doc_key, source, language, text, paragraphs, content_hash,
             extractor, record, ingested_at)
         VALUES (2, 'bad', 'bad.txt', 'en', 'x', '[]', 'h6', 'old+1', '{{}}', 'now');
         INSERT INTO documents_fts (rowid, title, text) VALUES (1, 'Talks', '{text}'), (2, NULL, 'x');
         INSERT INTO entities (id, kind, key, name, country) VALUES
             (1, 'person', 'aleinik|BLR', 'Sergei Aleinik', 'BLR'),
             (2, 'country', 'BLR', 'BLR', NULL), (3, 'country', 'KAZ', 'KAZ', NULL);
         INSERT INTO mentions (doc_id, kind, entity_id, entity, surface, start, end) VALUES
             (1, 'person', 1, 'Sergei Aleinik', 'Sergei Aleinik', 0, 14),
             (1, 'country', 2, 'BLR', 'Belarus', 18, 25),
             (1, 'country', 3, 'KAZ', 'Kazakhstan', 47, 57),
             (1, 'country', 2, 'BLR', 'Belarus', 18, 25),
             (1, 'date', NULL, '2024-05-21', 'today', 0, 1);
         INSERT INTO events (id, kind, cameo, status, date, day_first, day_last, sides)
             VALUES (1, 'meeting', '042', 'occurred', '2024-05-21', '2024-05-21',
                     '2024-05-21', 'BLR|KAZ');
         INSERT INTO event_sides VALUES (1, 'BLR'), (1, 'KAZ');
         INSERT INTO event_sources (doc_id, ord, event_id, cameo, status, date)
             VALUES (1, 0, 1, '042', 'occurred', '2024-05-21');
         INSERT INTO event_participants (event_id, doc_id, entity_id, name, titles, country)
             VALUES (1, 1, 1, 'Sergei Aleinik', '[\"Minister of Foreign Affairs\"]', 'BLR');
         INSERT INTO evidence (event_id, doc_id, start, end, text) VALUES (1, 1, 26, 29, 'met');
         INSERT INTO topics (doc_id, topic, spans) VALUES (1, 'diplomacy', '[[26,29]]');"
    ))
    .unwrap();
    (record, text.to_string())
}

#[test]
fn a_version_5_database_upgrades_in_place_and_keeps_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.db");
    let (record, text) = version_5_database(&path);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    // The record reads back exactly; the one whose JSON never parsed is still an error.
    assert_eq!(store.record("k5").unwrap().unwrap(), record);
    assert!(matches!(
        store.record("bad"),
        Err(StoreError::CorruptRecord { .. })
    ));
    let columns: Vec<String> = store
        .conn
        .prepare("SELECT name FROM pragma_table_info('documents')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(!columns.contains(&"record".to_string()), "{columns:?}");
    // Mentions: counted per document and entity (mentions of no entity are in the record).
    let counts: Vec<(i64, i64)> = store
        .conn
        .prepare("SELECT entity_id, n FROM mentions WHERE doc_id = 1 ORDER BY entity_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(counts, vec![(1, 1), (2, 2), (3, 1)]);
    assert_eq!(store.stats().unwrap().mentions, 4);
    assert_eq!(store.actor("Aleinik").unwrap()[0].documents, 1);
    // Evidence text comes from the document text.
    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].sources[0].evidence[0].text, "met");
    assert_eq!(events[0].topics, vec!["diplomacy".to_string()]);
    assert_eq!(store.search("Astana", 10, 0).unwrap()[0].doc_id, "k5");
    // Sides became dyads.
    let pairs = store.pairs(10).unwrap();
    assert_eq!(
        (pairs[0].a.as_str(), pairs[0].b.as_str(), pairs[0].events),
        ("BLR", "KAZ", 1)
    );
    let f = EventFilter {
        country: Some("KAZ".into()),
        with: Some("BLR".into()),
        ..EventFilter::default()
    };
    assert_eq!(store.events(&f).unwrap().len(), 1);
    assert!(text.contains("Astana"));
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

/// A release of one meeting between `sides` (a Document and its Record, no extractor).
fn meeting_release(
    id: &str,
    source: &str,
    text: &str,
    sides: &[&str],
    date: &str,
    date_end: Option<&str>,
) -> (attache_ingest::Document, Record) {
    use attache_extract::{Event, EventKind, PartialDate, Span, Status};
    let doc = attache_ingest::Document {
        id: id.into(),
        source: source.into(),
        url: None,
        title: None,
        published: None,
        language: "en".into(),
        text: text.into(),
        paragraphs: vec![],
        site: None,
        feed: None,
    };
    let rec = Record {
        doc_id: doc.id.clone(),
        extractor: "x".into(),
        sentences: vec![],
        mentions: vec![],
        actors: vec![],
        events: vec![Event {
            kind: EventKind::Meeting,
            cameo: "042".into(),
            plover: None,
            plover_mode: None,
            status: Status::Occurred,
            date: PartialDate::parse(date),
            date_end: date_end.and_then(PartialDate::parse),
            location: None,
            participants: vec![],
            sides: sides.iter().map(|s| s.to_string()).collect(),
            organization: None,
            evidence: vec![Span::new(0, 4)],
        }],
        topics: vec![],
        quantities: vec![],
    };
    (doc, rec)
}

#[test]
fn dyads_follow_their_events_when_a_document_is_replaced() {
    let mut store = Store::open_in_memory().unwrap();
    let release = |text: &str, sides: &[&str]| {
        let id = format!("id-{}", text.len());
        meeting_release(&id, "same.txt", text, sides, "2024-05", None)
    };
    let dyads = |store: &Store| -> Vec<(String, String)> {
        store
            .conn
            .prepare(
                "SELECT a.name, b.name FROM event_dyads d
                 JOIN sides a ON a.id = d.side JOIN sides b ON b.id = d.other
                 ORDER BY a.name, b.name",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let (d, r) = release("Three states met.", &["BLR", "KAZ", "UZB"]);
    store.ingest(&d, &r).unwrap();
    assert_eq!(dyads(&store).len(), 6);
    let (d, r) = release("Belarus alone spoke today.", &["BLR"]);
    store.ingest(&d, &r).unwrap();
    assert_eq!(dyads(&store), vec![("BLR".to_string(), String::new())]);
    assert_eq!(store.stats().unwrap().events, 1);
    // The same in one staged transaction: the dyads of the first version are still
    // deferred when the second replaces it.
    let mut staged = Store::open_in_memory().unwrap();
    let (d, r) = release("Three states met.", &["BLR", "KAZ", "UZB"]);
    staged.stage(&d, &r).unwrap();
    let (d, r) = release("Belarus alone spoke today.", &["BLR"]);
    assert_eq!(staged.stage(&d, &r).unwrap().status, DocStatus::Updated);
    staged.commit().unwrap();
    assert_eq!(dyads(&staged), dyads(&store));
    assert_eq!(staged.stats().unwrap().events, 1);
    assert_eq!(staged.integrity_check().unwrap(), "ok");
    let f = EventFilter {
        country: Some("BLR".into()),
        with: Some("BLR".into()),
        ..EventFilter::default()
    };
    assert_eq!(store.events(&f).unwrap().len(), 1);
}

#[test]
fn a_search_matching_more_than_its_window_ranks_the_newest_matches() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        assert_eq!(schema::migrate_to(&mut conn, 1).unwrap(), 1);
        // Five releases mention tractors; the oldest mentions them most often.
        let texts = [
            "tractors tractors tractors tractors",
            "tractors and combines",
            "tractors in Kostanai",
            "tractors in Kokshetau",
            "tractors for Astana",
        ];
        for (i, t) in texts.iter().enumerate() {
            conn.execute(
                "INSERT INTO documents (doc_key, source, language, text, paragraphs, content_hash,
                     extractor, record, ingested_at, title)
                 VALUES (?1, ?1, 'en', ?2, '[]', ?1, 'x', '{}', 'now', 'W')",
                rusqlite::params![format!("k{i}"), t],
            )
            .unwrap();
        }
    }
    let store = Store::open(&path).unwrap();
    let q = "\"tractors\"";
    // Within the window every match is ranked: the oldest release ranks first.
    let all = store.search_fts("tractors", q, 10, 0, 100).unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(all[0].doc_id, "k0");
    // A window smaller than the matches ranks only the newest; a page is still full
    // when the window is widened to hold it.
    // (The window holds at least four pages: one hit per page, four newest ranked.)
    let newest = store.search_fts("tractors", q, 1, 0, 3).unwrap();
    let ids: Vec<&str> = newest.iter().map(|h| h.doc_id.as_str()).collect();
    assert_eq!(ids.len(), 1);
    assert!(!ids.contains(&"k0"), "{ids:?}");
    assert_eq!(store.search_fts("tractors", q, 1, 0, 1).unwrap().len(), 1);
    assert_eq!(store.search_fts("tractors", q, 3, 2, 1).unwrap().len(), 3);
}

/// A version-6 database as the attache of that schema wrote it: texts as they are,
/// paragraphs as JSON, the record in field order, evidence and each source's view of
/// the event in rows, participants with titles, every name an alias. Two releases
/// report one meeting.
fn version_6_database(path: &std::path::Path) -> Vec<(Document, Record)> {
    use attache_extract::{Actor, Event, EventKind, PartialDate, Sector, Span, Status, Topic};
    use attache_ingest::Paragraph;
    let texts = [
        "Sergei Aleinik of Belarus met Murat Nurtleu of Kazakhstan in Astana.",
        "Kazakhstan and Belarus held talks in Astana on 21 May.",
    ];
    let span = |text: &str, needle: &str| {
        let start = text.find(needle).unwrap();
        Span::new(start, start + needle.len())
    };
    let aleinik = Actor {
        name: "Sergei Aleinik".into(),
        titles: vec!["Minister of Foreign Affairs".into()],
        country: Some("BLR".into()),
        organization: Some("CSTO".into()),
        sector: Some(Sector::Gov),
        spans: vec![span(texts[0], "Sergei Aleinik")],
    };
    let event = |text: &str, word: &str, participants: Vec<Actor>, cameo: &str| Event {
        kind: EventKind::Meeting,
        cameo: cameo.into(),
        plover: Some("CONSULT".into()),
        plover_mode: None,
        status: Status::Occurred,
        date: PartialDate::parse("2024-05-21"),
        date_end: None,
        location: None,
        participants,
        sides: vec!["BLR".into(), "KAZ".into()],
        organization: None,
        evidence: vec![span(text, word)],
    };
    let mut out = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let doc = Document {
            id: format!("k{}", i + 1),
            source: format!("src{}.txt", i + 1),
            url: None,
            title: Some(format!("Release {}", i + 1)),
            published: "2024-05-22".parse().ok(),
            language: "en".into(),
            text: text.to_string(),
            paragraphs: vec![Paragraph {
                start: 0,
                end: text.len(),
            }],
            site: None,
            feed: None,
        };
        let ev = if i == 0 {
            event(text, "met", vec![aleinik.clone()], "042")
        } else {
            event(text, "talks", vec![], "043")
        };
        let rec = Record {
            doc_id: doc.id.clone(),
            extractor: "old+6".into(),
            sentences: vec![Span::new(0, text.len())],
            mentions: vec![],
            actors: ev.participants.clone(),
            events: vec![ev],
            topics: vec![Topic {
                topic: if i == 0 { "diplomacy" } else { "trade" }.into(),
                evidence: vec![],
            }],
            quantities: vec![],
        };
        out.push((doc, rec));
    }
    let mut conn = Connection::open(path).unwrap();
    assert_eq!(schema::migrate_to(&mut conn, 6).unwrap(), 6);
    conn.execute_batch(
        "INSERT INTO entities (id, kind, key, name, country) VALUES
             (1, 'person', 'aleinik|BLR', 'Sergei Aleinik', 'BLR'),
             (2, 'country', 'BLR', 'BLR', NULL), (3, 'country', 'KAZ', 'KAZ', NULL);
         INSERT INTO entity_aliases (entity_id, alias) VALUES
             (1, 'Sergei Aleinik'), (1, 'S.Aleinik'), (2, 'BLR'), (2, 'Belarus');
         INSERT INTO events (id, kind, cameo, plover, status, date, day_first, day_last, sides)
             VALUES (1, 'meeting', '042', 'CONSULT', 'occurred', '2024-05-21', '2024-05-21',
                     '2024-05-21', 'BLR|KAZ');",
    )
    .unwrap();
    for (i, (doc, rec)) in out.iter().enumerate() {
        let id = i as i64 + 1;
        let end = doc.text.len();
        conn.execute(
            "INSERT INTO documents (id, doc_key, source, title, published, language, text,
                 paragraphs, content_hash, extractor, record_z, ingested_at)
             VALUES (?1, ?2, ?3, ?4, '2024-05-22', 'en', ?5, ?6, ?7, 'old+6', ?8, 'now')",
            rusqlite::params![
                id,
                doc.id,
                doc.source,
                doc.title,
                doc.text,
                format!("[[0,{end}]]"),
                keys::content_hash(doc),
                crate::codec::encode_as(rec, &doc.text, false),
            ],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
            rusqlite::params![id, doc.title, doc.text],
        )
        .unwrap();
        let ev = &rec.events[0];
        let evidence = ev.evidence[0];
        conn.execute_batch(&format!(
            "INSERT INTO event_sources (doc_id, ord, event_id, cameo, plover, status, date)
                 VALUES ({id}, 0, 1, '{}', 'CONSULT', 'occurred', '2024-05-21');
             INSERT INTO evidence (event_id, doc_id, start, end)
                 VALUES (1, {id}, {}, {});
             INSERT INTO topics (doc_id, topic) VALUES ({id}, '{}');
             INSERT INTO mentions (doc_id, entity_id, n) VALUES ({id}, 2, 1), ({id}, 3, 1);",
            ev.cameo, evidence.start, evidence.end, rec.topics[0].topic
        ))
        .unwrap();
    }
    conn.execute_batch(
        "INSERT INTO mentions (doc_id, entity_id, n) VALUES (1, 1, 1);
         INSERT INTO event_dyads (side, other, event_id) VALUES ('BLR', 'KAZ', 1), ('KAZ', 'BLR', 1);
         INSERT INTO event_participants (event_id, doc_id, entity_id, titles, country,
                 organization, sector)
             VALUES (1, 1, 1, '[\"Minister of Foreign Affairs\"]', 'BLR', 'CSTO', 'GOV');",
    )
    .unwrap();
    out
}

#[test]
fn a_version_6_database_upgrades_in_place_and_keeps_every_feature() {
    use attache_extract::PartialDate;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v6.db");
    let items = version_6_database(&path);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    // Documents and records read back exactly.
    for (doc, rec) in &items {
        let stored = store.document(&doc.id).unwrap().unwrap();
        assert_eq!(&stored.document, doc);
        assert_eq!(&store.record(&doc.id).unwrap().unwrap(), rec);
    }
    // One event, two sources, each with its evidence and status; the summary and the
    // participant's titles come from the records.
    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(
        (e.cameo.as_str(), e.plover.as_deref()),
        ("042", Some("CONSULT"))
    );
    assert_eq!(e.date, PartialDate::parse("2024-05-21"));
    assert_eq!(e.sides, vec!["BLR".to_string(), "KAZ".to_string()]);
    let evidence: Vec<&str> = e
        .sources
        .iter()
        .map(|s| s.evidence[0].text.as_str())
        .collect();
    assert_eq!(evidence, vec!["met", "talks"]);
    assert_eq!(e.participants.len(), 1);
    assert_eq!(e.participants[0].name, "Sergei Aleinik");
    assert_eq!(
        e.participants[0].titles,
        vec!["Minister of Foreign Affairs"]
    );
    assert_eq!(e.topics, vec!["diplomacy".to_string(), "trade".to_string()]);
    // Filters by participant organization, person, topic, pair and day.
    let count = |f: EventFilter| store.events(&f).unwrap().len();
    let f = EventFilter::default;
    assert_eq!(
        count(EventFilter {
            org: Some("CSTO".into()),
            ..f()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            person: Some("Aleinik".into()),
            ..f()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            topic: Some("trade".into()),
            ..f()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            topic: Some("energy".into()),
            ..f()
        }),
        0
    );
    assert_eq!(
        count(EventFilter {
            country: Some("KAZ".into()),
            with: Some("BLR".into()),
            from: "2024-05-21".parse().ok(),
            to: "2024-05-21".parse().ok(),
            ..f()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            from: "2024-05-22".parse().ok(),
            ..f()
        }),
        0
    );
    let actor = &store.actor("Sergei Aleinik").unwrap()[0];
    assert_eq!(actor.aliases, vec!["S.Aleinik".to_string()]);
    assert_eq!(
        actor.titles,
        vec!["Minister of Foreign Affairs".to_string()]
    );
    assert_eq!(actor.documents, 1);
    let hits = store.search("Astana", 10, 0).unwrap();
    assert_eq!(hits.len(), 2);
    assert!(
        hits.iter()
            .all(|h| h.snippet.iter().any(|p| p.hit && p.text == "Astana"))
    );
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.events, stats.event_sources, stats.mentions),
        (1, 2, 5)
    );
    assert_eq!(stats.first_event.as_deref(), Some("2024-05-21"));
    assert_eq!(store.integrity_check().unwrap(), "ok");

    // Replacing the first release (no event now) keeps the event of the second,
    // re-summarized from it; replacing the second too removes the event and all it had.
    let replace = |store: &mut Store, i: usize| {
        let (mut doc, mut rec) = items[i].clone();
        doc.text = "Nothing happened today.".into();
        doc.paragraphs = vec![];
        rec.events.clear();
        rec.actors.clear();
        rec.sentences.clear();
        rec.topics.clear();
        assert_eq!(store.ingest(&doc, &rec).unwrap().status, DocStatus::Updated);
    };
    replace(&mut store, 0);
    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].cameo, "043");
    assert_eq!(events[0].sources.len(), 1);
    assert!(events[0].participants.is_empty());
    assert_eq!(count_rows(&store, "event_participants"), 0);
    assert_eq!(count_rows(&store, "participant_orgs"), 0);
    replace(&mut store, 1);
    assert!(store.events(&EventFilter::default()).unwrap().is_empty());
    for table in [
        "events",
        "event_sources",
        "event_dyads",
        "topics",
        "mentions",
    ] {
        assert_eq!(count_rows(&store, table), 0, "{table}");
    }
    assert!(store.search("Astana", 10, 0).unwrap().is_empty());
    assert_eq!(store.search("Nothing", 10, 0).unwrap().len(), 2);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

fn count_rows(store: &Store, table: &str) -> i64 {
    store
        .conn
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_version_8_database_upgrades_and_fuses_through_events_match() {
    let release = |source: &str, text: &str| {
        let id = format!("id-{source}");
        meeting_release(
            &id,
            source,
            text,
            &["BLR", "KAZ"],
            "2024-05-21",
            Some("2024-05-23"),
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v7.db");
    {
        // Version 8 (the site column), the last before migrations 9 and 10.
        let mut v7 = Store::setup(Connection::open(&path).unwrap(), 8).unwrap();
        assert_eq!(v7.schema_version().unwrap(), 8);
        // This build numbers sides (schema 11): a temporary `sides` lets it write,
        // and the dyads are then written as schema 8 has them (by name).
        v7.conn
            .execute_batch("CREATE TEMP TABLE sides (id INTEGER PRIMARY KEY, name TEXT UNIQUE)")
            .unwrap();
        let (d, r) = release("a.txt", "Belarus and Kazakhstan met for three days.");
        assert_eq!(v7.ingest(&d, &r).unwrap().events_new, 1);
        v7.conn
            .execute_batch(
                "DROP TABLE temp.sides;
                 DELETE FROM event_dyads;
                 INSERT INTO event_dyads (side, other, event_id)
                     SELECT 'BLR', 'KAZ', id FROM events UNION ALL SELECT 'KAZ', 'BLR', id FROM events;",
            )
            .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let columns: Vec<String> = store
        .conn
        .prepare("SELECT name FROM pragma_index_info('events_match') ORDER BY seqno")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(columns, ["kind", "sides", "day_first"]);
    // The event stored before the upgrade is found through the index.
    let (d, r) = release("b.txt", "Kazakhstan hosted Belarus, talks ended on 23 May.");
    let out = store.ingest(&d, &r).unwrap();
    assert_eq!((out.events_new, out.events_merged), (0, 1));
    let plan: String = store
        .conn
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id FROM events
             WHERE kind = 1 AND sides = 'BLR|KAZ' AND day_first <= 3 AND day_last >= 2
               AND day_first >= 1",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("INDEX events_match"), "{plan}");
    assert_eq!(store.stats().unwrap().events, 1);
    // Migration 11: the dyads by number, found by name.
    let pairs = store.pairs(10).unwrap();
    assert_eq!(pairs.len(), 1);
    assert_eq!(
        (pairs[0].a.as_str(), pairs[0].b.as_str(), pairs[0].events),
        ("BLR", "KAZ", 1)
    );
    let filter = EventFilter {
        country: Some("KAZ".into()),
        with: Some("BLR".into()),
        ..EventFilter::default()
    };
    assert_eq!(store.events(&filter).unwrap().len(), 1);
    let sides: Vec<(i64, String)> = store
        .conn
        .prepare("SELECT id, name FROM sides ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        sides,
        [(0, String::new()), (1, "BLR".into()), (2, "KAZ".into())]
    );
    let typed: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM event_dyads WHERE typeof(side) = 'integer' AND typeof(other) = 'integer'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(typed, 2);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn what_a_writer_remembers_follows_other_writers_rollbacks_and_replacements() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kb.db");
    let mut a = Store::open(&path).unwrap();
    let mut b = Store::open(&path).unwrap();
    let events = |s: &Store| s.stats().unwrap().events;
    let (d, r) = meeting_release(
        "id-1",
        "a1.txt",
        "Belarus and Kazakhstan met.",
        &["BLR", "KAZ"],
        "2024-05-10",
        None,
    );
    a.stage(&d, &r).unwrap();
    a.commit().unwrap();
    // Another connection writes an event that `a` has not seen...
    let (d, r) = meeting_release(
        "id-2",
        "b1.txt",
        "Kazakhstan and Uzbekistan met.",
        &["KAZ", "UZB"],
        "2024-06-01",
        None,
    );
    b.ingest(&d, &r).unwrap();
    // ...and the same happening reported to `a` is fused with it.
    let (d, r) = meeting_release(
        "id-3",
        "a2.txt",
        "Uzbekistan and Kazakhstan met.",
        &["KAZ", "UZB"],
        "2024-06",
        None,
    );
    let o = a.stage(&d, &r).unwrap();
    assert_eq!((o.events_new, o.events_merged), (0, 1));
    a.commit().unwrap();
    assert_eq!(events(&a), 2);
    // An event written in a transaction that rolls back is forgotten with it.
    let (d, r) = meeting_release(
        "id-4",
        "a3.txt",
        "Canada and Mexico met.",
        &["CAN", "MEX"],
        "2024-07-01",
        None,
    );
    a.stage(&d, &r).unwrap();
    let mut other = d.clone();
    other.id = "id-5".into();
    other.source = "a4.txt".into();
    assert!(a.stage(&other, &r).is_err());
    let (d, r) = meeting_release(
        "id-6",
        "a5.txt",
        "Mexico and Canada met.",
        &["CAN", "MEX"],
        "2024-07-01",
        None,
    );
    let o = a.stage(&d, &r).unwrap();
    assert_eq!((o.events_new, o.events_merged), (1, 0));
    // A replaced document takes its event away; what fuses next sees that.
    let (d, r) = meeting_release(
        "id-7",
        "a5.txt",
        "Mexico and Canada met again.",
        &["CAN", "MEX"],
        "2024-08-01",
        None,
    );
    assert_eq!(a.stage(&d, &r).unwrap().status, DocStatus::Updated);
    let (d, r) = meeting_release(
        "id-8",
        "a6.txt",
        "Canada and Mexico met in August.",
        &["CAN", "MEX"],
        "2024-08",
        None,
    );
    let o = a.stage(&d, &r).unwrap();
    assert_eq!((o.events_new, o.events_merged), (0, 1));
    a.commit().unwrap();
    assert_eq!(events(&a), 3);
    assert_eq!(a.integrity_check().unwrap(), "ok");
}

/// Rows of `table` in the order of all their columns, as text.
fn rows_of(store: &Store, table: &str) -> Vec<String> {
    store
        .conn
        .prepare(&format!(
            "SELECT * FROM (SELECT quote(t.rowid), * FROM {table} t) ORDER BY 1, 2, 3"
        ))
        .or_else(|_| {
            store
                .conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
        })
        .unwrap()
        .query_map([], |r| {
            let n = r.as_ref().column_count();
            let mut s = String::new();
            for i in 0..n {
                s.push_str(&format!("{:?}|", r.get_ref(i)?));
            }
            Ok(s)
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn a_version_11_database_upgrades_keeps_every_row_and_holds_more_pending_terms() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v11.db");
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let docs: Vec<Document> =
        attache_ingest::read_path(&examples, &attache_ingest::Options::default())
            .filter_map(std::result::Result::ok)
            .collect();
    assert!(docs.len() >= 4, "examples/ holds the project's releases");
    let tables = [
        "entities",
        "entity_aliases",
        "mentions",
        "event_participants",
    ];
    let before: Vec<Vec<String>> = {
        let mut v11 = Store::setup(Connection::open(&path).unwrap(), 11).unwrap();
        assert_eq!(v11.schema_version().unwrap(), 11);
        for d in &docs {
            v11.ingest(d, &attache_extract::extract(d)).unwrap();
        }
        tables.iter().map(|t| rows_of(&v11, t)).collect()
    };
    assert!(before[0].len() > 10 && !before[1].is_empty() && !before[2].is_empty());
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    // The same rows (same ids).
    for (t, rows) in tables.iter().zip(&before) {
        assert_eq!(&rows_of(&store, t), rows, "{t}");
    }
    let hashsize: i64 = store
        .conn
        .query_row(
            "SELECT v FROM documents_fts_config WHERE k = 'hashsize'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hashsize, 8 << 20);
    // A copy of a stored release, written after the upgrade by a connection that
    // remembers nothing: its entities are found in the database, none is added.
    let mut copy = docs[0].clone();
    copy.source = format!("{}#copy", copy.source);
    copy.id = format!("{}-copy", copy.id);
    copy.text.push_str("\n\nCopy.");
    let entities = before[0].len();
    store
        .ingest(&copy, &attache_extract::extract(&copy))
        .unwrap();
    assert_eq!(rows_of(&store, "entities").len(), entities);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}
