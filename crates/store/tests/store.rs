//! Store behaviour through its public API: idempotent ingest, replacement, fusion,
//! entity resolution and queries, on Documents and Records built here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use attache_extract::{EventKind, Status};
use attache_store::{DocStatus, EventFilter, Store, StoreError};
use common::*;

fn count(store: &Store) -> (usize, usize, usize, usize) {
    let s = store.stats().unwrap();
    (s.documents, s.events, s.event_sources, s.mentions)
}

#[test]
fn ingesting_twice_adds_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let (d, r) = blr_release();
    let first = store.ingest(&d, &r).unwrap();
    assert_eq!(first.status, DocStatus::New);
    assert_eq!(first.events_new, 2);
    let before = count(&store);
    assert_eq!(store.check(&d, EXTRACTOR).unwrap(), DocStatus::Unchanged);
    let second = store.ingest(&d, &r).unwrap();
    assert_eq!(second.status, DocStatus::Unchanged);
    assert_eq!(count(&store), before);
}

#[test]
fn same_content_under_another_source_is_one_document() {
    let mut store = Store::open_in_memory().unwrap();
    let (d, r) = blr_release();
    store.ingest(&d, &r).unwrap();
    let mut copy = d.clone();
    copy.source = "mirror/blr-mfa.html".into();
    copy.id = "ffffffffffffffff".into();
    let mut rc = r.clone();
    rc.doc_id = copy.id.clone();
    assert_eq!(
        store.ingest(&copy, &rc).unwrap().status,
        DocStatus::Duplicate
    );
    assert_eq!(store.stats().unwrap().documents, 1);
}

#[test]
fn changed_text_replaces_the_old_record() {
    let mut store = Store::open_in_memory().unwrap();
    let (d, r) = blr_release();
    store.ingest(&d, &r).unwrap();
    let mut d2 = d.clone();
    d2.text = d.text.replace("Astana", "Nur-Sultan");
    d2.id = "0000000000000002".into();
    let mut meeting = ev(EventKind::Meeting, Some("2024-05-21"), &["BLR", "KAZ"]);
    meeting.evidence = "held a bilateral meeting with";
    let r2 = record(&d2, vec![meeting], &["industry"]);
    let out = store.ingest(&d2, &r2).unwrap();
    assert_eq!(out.status, DocStatus::Updated);
    let s = store.stats().unwrap();
    assert_eq!((s.documents, s.events, s.event_sources), (1, 1, 1));
    assert!(store.document(&d.id).unwrap().is_none());
    assert!(
        store
            .document(&d2.id)
            .unwrap()
            .unwrap()
            .document
            .text
            .contains("Nur-Sultan")
    );
    assert!(store.search("Astana", 10, 0).unwrap().is_empty());
    assert_eq!(store.search("Nur-Sultan", 10, 0).unwrap().len(), 1);
}

#[test]
fn a_newer_extractor_reextracts_unchanged_text() {
    let mut store = Store::open_in_memory().unwrap();
    let (d, r) = blr_release();
    store.ingest(&d, &r).unwrap();
    assert_eq!(store.stale_documents("test+2").unwrap(), vec![d.id.clone()]);
    assert!(store.stale_documents(EXTRACTOR).unwrap().is_empty());
    assert_eq!(store.check(&d, "test+2").unwrap(), DocStatus::Reextracted);
    let mut r2 = r.clone();
    r2.extractor = "test+2".into();
    r2.events.truncate(1);
    assert_eq!(
        store.ingest(&d, &r2).unwrap().status,
        DocStatus::Reextracted
    );
    assert_eq!(store.stats().unwrap().events, 1);
    assert_eq!(store.record(&d.id).unwrap().unwrap().extractor, "test+2");
}

#[test]
fn a_record_of_another_document_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let (d, _) = blr_release();
    let (_, r) = kaz_release();
    assert!(matches!(
        store.ingest(&d, &r),
        Err(StoreError::Mismatch { .. })
    ));
}

#[test]
fn two_ministries_reporting_one_meeting_make_one_event_with_two_sources() {
    let mut store = Store::open_in_memory().unwrap();
    let (d1, r1) = blr_release();
    let (d2, r2) = kaz_release();
    store.ingest(&d1, &r1).unwrap();
    let out = store.ingest(&d2, &r2).unwrap();
    assert_eq!((out.events_new, out.events_merged), (0, 1));
    let meetings = store
        .events(&EventFilter {
            country: Some("BLR".into()),
            with: Some("KAZ".into()),
            kind: Some(EventKind::Meeting),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(meetings.len(), 1);
    let m = &meetings[0];
    assert_eq!(m.sources.len(), 2);
    let docs: Vec<&str> = m.sources.iter().map(|s| s.doc_id.as_str()).collect();
    assert!(docs.contains(&d1.id.as_str()) && docs.contains(&d2.id.as_str()));
    // "S.Aleinik" and "Sergei Aleinik" of Belarus are one person, shown by the full name.
    assert_eq!(m.participants.len(), 2);
    let names: Vec<&str> = m.participants.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"Sergei Aleinik"), "{names:?}");
    let aleinik = m
        .participants
        .iter()
        .find(|p| p.name == "Sergei Aleinik")
        .unwrap();
    assert!(
        aleinik
            .titles
            .contains(&"Minister of Foreign Affairs".to_string())
    );
    // Evidence of each source is kept with its own text.
    let ev: Vec<&str> = m
        .sources
        .iter()
        .flat_map(|s| s.evidence.iter().map(|e| e.text.as_str()))
        .collect();
    assert!(ev.contains(&"held a bilateral meeting with") && ev.contains(&"met with"));
    assert_eq!(m.topics, vec!["agriculture", "industry", "trade"]);
    assert_eq!(store.stats().unwrap().events_multi_source, 1);
}

#[test]
fn fusion_needs_kind_dates_sides_and_shared_participants() {
    let mut store = Store::open_in_memory().unwrap();
    let (d1, r1) = blr_release();
    store.ingest(&d1, &r1).unwrap();
    let base = store.stats().unwrap().events;
    let mk = |src: &str, e: Ev| {
        let d = doc(src, "x", "2024-05-30", &format!("text of {src}"));
        let r = record(&d, vec![e], &[]);
        (d, r)
    };
    let mut other = ev(EventKind::Meeting, Some("2024-05-21"), &["BLR", "KAZ"]);
    other.participants = vec![actor("Roman Golovchenko", "Prime Minister", "BLR")];
    let cases = vec![
        // another day
        mk(
            "a",
            ev(EventKind::Meeting, Some("2024-05-23"), &["BLR", "KAZ"]),
        ),
        // another pair of sides
        mk(
            "b",
            ev(
                EventKind::Meeting,
                Some("2024-05-21"),
                &["BLR", "KAZ", "RUS"],
            ),
        ),
        // another kind
        mk(
            "c",
            ev(EventKind::PhoneCall, Some("2024-05-21"), &["BLR", "KAZ"]),
        ),
        // no date
        mk("d", ev(EventKind::Meeting, None, &["BLR", "KAZ"])),
        // other people
        mk("e", other),
    ];
    for (d, r) in &cases {
        let out = store.ingest(d, r).unwrap();
        assert_eq!((out.events_new, out.events_merged), (1, 0), "{}", d.source);
    }
    assert_eq!(store.stats().unwrap().events, base + cases.len());

    // A report known only to the month, without participants, overlaps: fused, and the
    // fused event keeps the day-precise date.
    let (d, r) = mk(
        "f",
        ev(EventKind::Meeting, Some("2024-05"), &["BLR", "KAZ"]),
    );
    let out = store.ingest(&d, &r).unwrap();
    assert_eq!(out.events_merged, 1);
    let m = store
        .events(&EventFilter {
            kind: Some(EventKind::Meeting),
            from: "2024-05-21".parse().ok(),
            to: "2024-05-21".parse().ok(),
            ..Default::default()
        })
        .unwrap();
    let fused: Vec<_> = m.iter().filter(|e| e.sources.len() > 1).collect();
    assert_eq!(fused.len(), 1);
    assert_eq!(fused[0].date.unwrap().to_string(), "2024-05-21");
}

#[test]
fn replacing_one_source_keeps_the_event_of_the_other() {
    let mut store = Store::open_in_memory().unwrap();
    let (d1, r1) = blr_release();
    let (d2, r2) = kaz_release();
    store.ingest(&d1, &r1).unwrap();
    store.ingest(&d2, &r2).unwrap();
    // The Belarusian release is corrected and no longer reports the meeting.
    let mut d1b = d1.clone();
    d1b.text.push_str(" Corrected.");
    d1b.id = "1111111111111111".into();
    let r1b = record(&d1b, vec![], &[]);
    store.ingest(&d1b, &r1b).unwrap();
    let all = store.events(&EventFilter::default()).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].sources.len(), 1);
    assert_eq!(all[0].sources[0].doc_id, d2.id);
    assert_eq!(all[0].kind, EventKind::Meeting);
}

#[test]
fn planned_and_occurred_reports_fuse_as_occurred() {
    let mut store = Store::open_in_memory().unwrap();
    let (d1, r1) = blr_release();
    store.ingest(&d1, &r1).unwrap();
    let d = doc(
        "kaz-opening",
        "Opening",
        "2024-05-27",
        "The plant opened in Kostanai today.",
    );
    let mut opening = ev(EventKind::Opening, Some("2024-05-27"), &["BLR", "KAZ"]);
    opening.evidence = "opened";
    let r = record(&d, vec![opening], &[]);
    assert_eq!(store.ingest(&d, &r).unwrap().events_merged, 1);
    let planned = store.upcoming("2024-05-22".parse().unwrap(), None).unwrap();
    assert!(planned.is_empty(), "the opening took place: {planned:?}");
    let e = store
        .events(&EventFilter {
            kind: Some(EventKind::Opening),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(e[0].status, Status::Occurred);
    let statuses: Vec<Status> = e[0].sources.iter().map(|s| s.status).collect();
    assert!(statuses.contains(&Status::Planned) && statuses.contains(&Status::Occurred));
}

#[test]
fn queries_filter_and_describe() {
    let mut store = Store::open_in_memory().unwrap();
    for (d, r) in [blr_release(), kaz_release()] {
        store.ingest(&d, &r).unwrap();
    }
    let q = |f: EventFilter| store.events(&f).unwrap().len();
    assert_eq!(q(EventFilter::default()), 2);
    assert_eq!(
        q(EventFilter {
            country: Some("KAZ".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        q(EventFilter {
            country: Some("RUS".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        q(EventFilter {
            person: Some("Aleinik".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            person: Some("S. Aleinik".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            person: Some("Nobody".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        q(EventFilter {
            status: Some(Status::Planned),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            topic: Some("trade".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            topic: Some("agriculture".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        q(EventFilter {
            from: "2024-05-22".parse().ok(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            to: "2024-05-21".parse().ok(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            org: Some("SCO".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        q(EventFilter {
            limit: Some(1),
            ..Default::default()
        }),
        1
    );
    // Newest first by default, oldest first on request.
    let newest = store.events(&EventFilter::default()).unwrap();
    assert_eq!(newest[0].kind, EventKind::Opening);
    let oldest = store
        .events(&EventFilter {
            oldest_first: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(oldest[0].kind, EventKind::Meeting);

    let t = store.timeline("BLR", "KAZ").unwrap();
    assert_eq!(t.events.len(), 2);
    assert_eq!(t.total_events, 2);
    assert_eq!(t.months.len(), 2);
    assert!(
        t.months
            .iter()
            .all(|m| m.month == "2024-05" && m.count == 1)
    );

    let up = store.upcoming("2024-05-22".parse().unwrap(), None).unwrap();
    assert_eq!(up.len(), 1);
    assert_eq!(up[0].kind, EventKind::Opening);
    assert!(
        store
            .upcoming("2024-05-27".parse().unwrap(), None)
            .unwrap()
            .is_empty()
    );

    let profiles = store.actor("Aleinik").unwrap();
    assert_eq!(profiles.len(), 1);
    let p = &profiles[0];
    assert_eq!(p.name, "Sergei Aleinik");
    assert!(p.aliases.contains(&"S.Aleinik".to_string()));
    assert_eq!(p.countries, vec!["BLR"]);
    assert_eq!(p.titles[0], "Minister of Foreign Affairs");
    assert_eq!(p.counterparts.len(), 1);
    assert_eq!(p.counterparts[0].name, "Murat Nurtleu");
    assert_eq!(p.events.len(), 1);
    assert_eq!(p.documents, 2);

    let s = store.stats().unwrap();
    assert_eq!(s.documents, 2);
    assert_eq!(s.events, 2);
    assert_eq!(s.entities.get("person"), Some(&2));
    assert_eq!(s.entities.get("country"), Some(&2));
    assert_eq!(s.first_event.as_deref(), Some("2024-05-21"));
    assert_eq!(s.schema_version, attache_store::SCHEMA_VERSION);
}

#[test]
fn search_ranks_highlights_and_never_panics_on_syntax() {
    let mut store = Store::open_in_memory().unwrap();
    for (d, r) in [blr_release(), kaz_release()] {
        store.ingest(&d, &r).unwrap();
    }
    let hits = store.search("tractors", 10, 0).unwrap();
    assert_eq!(hits.len(), 1);
    let marked = hits[0].snippet_marked("[", "]");
    assert!(marked.contains("[tractors]"), "{marked}");
    // Stemming: "meeting" finds "met"? no, but "minister" finds "ministers".
    assert_eq!(store.search("ministers", 10, 0).unwrap().len(), 2);
    // Titles weigh more: Nurtleu is in both texts but one title.
    let n = store.search("Nurtleu", 10, 0).unwrap();
    assert_eq!(n[0].source, "kaz-mfa.html");
    for bad in [
        "tractors AND (",
        "\"unbalanced",
        "NEAR(",
        "*",
        "a:b",
        "-",
        "OR",
    ] {
        assert!(store.search(bad, 10, 0).is_ok(), "{bad}");
    }
    assert!(matches!(
        store.search_raw("tractors AND (", 10, 0),
        Err(StoreError::Query { .. })
    ));
    assert_eq!(
        store
            .search_raw("tractor* OR Nurtleu", 10, 0)
            .unwrap()
            .len(),
        2
    );
    assert!(store.search("", 10, 0).unwrap().is_empty());
    assert_eq!(store.search("Astana", 1, 1).unwrap().len(), 1);
}

#[test]
fn documents_and_records_round_trip() {
    let mut store = Store::open_in_memory().unwrap();
    let (mut d, r) = blr_release();
    // The site's name is kept: re-extraction needs it to find the publisher.
    d.site = Some("Ministry of Foreign Affairs of the Republic of Belarus".into());
    store.ingest(&d, &r).unwrap();
    let got = store.document(&d.id).unwrap().unwrap();
    assert_eq!(got.document, d);
    assert_eq!(got.extractor, EXTRACTOR);
    assert_eq!(store.record(&d.id).unwrap().unwrap(), r);
    assert!(store.document("nope").unwrap().is_none());
}

#[test]
fn a_batch_keeps_the_good_items_when_one_fails() {
    let mut store = Store::open_in_memory().unwrap();
    let (d1, r1) = blr_release();
    let (d2, r2) = kaz_release();
    let bad = (d1.clone(), r2.clone());
    let out = store
        .ingest_batch(&[(d1.clone(), r1), bad, (d2.clone(), r2)])
        .unwrap();
    assert!(out[0].is_ok() && out[1].is_err() && out[2].is_ok());
    assert_eq!(store.stats().unwrap().documents, 2);
}

#[test]
fn a_file_database_reopens_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kb.db");
    {
        let mut store = Store::open(&path).unwrap();
        let (d, r) = blr_release();
        store.ingest(&d, &r).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.stats().unwrap().documents, 1);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn concurrent_opens_of_a_new_database_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("race.db");
    let handles: Vec<_> = (0..6)
        .map(|_| {
            let p = path.clone();
            std::thread::spawn(move || Store::open(&p).map(|s| s.schema_version().unwrap()))
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap().unwrap(), attache_store::SCHEMA_VERSION);
    }
}

#[test]
fn documents_and_pairs_list_what_is_stored() {
    let mut store = Store::open_in_memory().unwrap();
    for (d, r) in [blr_release(), kaz_release()] {
        store.ingest(&d, &r).unwrap();
    }
    let docs = store.documents(10, 0).unwrap();
    assert_eq!(docs.len(), 2);
    // Latest publication first: the Belarusian release is dated a day later.
    assert_eq!(docs[0].source, "blr-mfa.html");
    assert_eq!(docs[0].events, 2);
    assert_eq!(docs[1].events, 1);
    assert_eq!(store.documents(10, 1).unwrap().len(), 1);
    let pairs = store.pairs(10).unwrap();
    assert_eq!(pairs.len(), 1);
    assert_eq!(
        (pairs[0].a.as_str(), pairs[0].b.as_str(), pairs[0].events),
        ("BLR", "KAZ", 2)
    );
}

#[test]
fn export_formats_parse_and_name_their_media() {
    use attache_store::export::Format;
    for f in Format::ALL {
        assert_eq!(f.as_str().parse::<Format>().unwrap(), f);
        assert!(!f.mime().is_empty() && !f.extension().is_empty());
    }
    assert!("xml".parse::<Format>().is_err());
}

#[test]
fn undated_events_fuse_only_across_releases_of_the_same_day_with_shared_people() {
    let mut store = Store::open_in_memory().unwrap();
    let item = |src: &str, published: &str, people: bool| {
        let d = doc(
            src,
            "Phone call",
            published,
            &format!("{src}: the ministers spoke by phone."),
        );
        let mut call = ev(EventKind::PhoneCall, None, &["BLR", "KAZ"]);
        if people {
            call.participants = vec![
                actor("Sergei Aleinik", "Minister of Foreign Affairs", "BLR"),
                actor("Murat Nurtleu", "Minister of Foreign Affairs", "KAZ"),
            ];
        }
        let r = record(&d, vec![call], &[]);
        (d, r)
    };
    let (d, r) = item("feed.xml#1", "2024-05-21", true);
    store.ingest(&d, &r).unwrap();
    // The page of the same item, same day, same people: one event.
    let (d, r) = item("page.html", "2024-05-21", true);
    assert_eq!(store.ingest(&d, &r).unwrap().events_merged, 1);
    // Another day, or nobody named: separate events.
    let (d, r) = item("later.html", "2024-06-01", true);
    assert_eq!(store.ingest(&d, &r).unwrap().events_new, 1);
    let (d, r) = item("anon.html", "2024-05-21", false);
    assert_eq!(store.ingest(&d, &r).unwrap().events_new, 1);
    assert_eq!(store.stats().unwrap().events, 3);
}

#[test]
fn the_full_text_index_follows_updates_within_and_across_batches() {
    let mut store = Store::open_in_memory().unwrap();
    let (d1, r1) = blr_release();
    let (d2, r2) = kaz_release();
    // One batch holds a release and its corrected version (same source).
    let mut d1b = d1.clone();
    d1b.text = d1.text.replace("Astana", "Kokshetau");
    d1b.id = "2222222222222222".into();
    let mut r1b = r1.clone();
    r1b.doc_id = d1b.id.clone();
    let out = store
        .ingest_batch(&[(d1.clone(), r1.clone()), (d2, r2), (d1b, r1b)])
        .unwrap();
    assert_eq!(out[2].as_ref().unwrap().status, DocStatus::Updated);
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.search("Kokshetau", 10, 0).unwrap().len(), 1);
    assert_eq!(store.search("Astana", 10, 0).unwrap().len(), 1); // the Kazakh release
    // Back to the first version in a later batch.
    store.ingest_batch(&[(d1, r1)]).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert!(store.search("Kokshetau", 10, 0).unwrap().is_empty());
    assert_eq!(store.search("Astana", 10, 0).unwrap().len(), 2);
}

#[test]
fn long_ranges_stay_in_from_filters_and_lists_keep_undated_events_last() {
    let mut store = Store::open_in_memory().unwrap();
    let specs: [(&str, Option<&str>, Option<&str>, Status); 5] = [
        ("day.txt", Some("2025-07-01"), None, Status::Planned),
        // Planned for years: ends after the day asked, starts long before it.
        (
            "long.txt",
            Some("2023-01"),
            Some("2026-12"),
            Status::Planned,
        ),
        ("year.txt", Some("2025"), None, Status::Planned),
        ("past.txt", Some("2024-03-02"), None, Status::Planned),
        ("undated.txt", None, None, Status::Planned),
    ];
    for (i, (source, date, end, status)) in specs.into_iter().enumerate() {
        let text = format!("Release {i}: Belarus and Kazakhstan plan consultations.");
        let d = doc(source, source, "2024-01-01", &text);
        let mut e = ev(EventKind::Consultations, date, &["BLR", "KAZ"]);
        e.date_end = end;
        e.status = status;
        e.participants = vec![actor(&format!("Person{i} Name{i}"), "Minister", "BLR")];
        let r = record(&d, vec![e], &[]);
        store.ingest(&d, &r).unwrap();
    }
    let day = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
    let dates = |rows: Vec<attache_store::EventRow>| -> Vec<String> {
        rows.iter()
            .map(|e| e.date.map_or("-".into(), |d| d.to_string()))
            .collect()
    };
    // Soonest first: by first day, the multi-year plan first.
    let up = store.upcoming(day("2025-06-01"), None).unwrap();
    assert_eq!(dates(up), ["2023-01", "2025", "2025-07-01"]);
    let up = store.upcoming(day("2025-06-01"), Some(1)).unwrap();
    assert_eq!(dates(up), ["2023-01"]);
    let f = EventFilter {
        from: Some(day("2026-06-01")),
        ..EventFilter::default()
    };
    assert_eq!(dates(store.events(&f).unwrap()), ["2023-01"]);
    // Unfiltered lists: newest first or oldest first, undated last both ways.
    let all = store.events(&EventFilter::default()).unwrap();
    assert_eq!(
        dates(all),
        ["2025-07-01", "2025", "2024-03-02", "2023-01", "-"]
    );
    let f = EventFilter {
        oldest_first: true,
        ..EventFilter::default()
    };
    assert_eq!(
        dates(store.events(&f).unwrap()),
        ["2023-01", "2024-03-02", "2025", "2025-07-01", "-"]
    );
}

#[test]
fn a_timeline_counts_every_event_and_returns_the_most_recent_in_full() {
    let mut store = Store::open_in_memory().unwrap();
    let n = attache_store::TIMELINE_EVENTS + 5;
    let date = |i: usize| {
        format!(
            "{}-{:02}-{:02}",
            2000 + i / 336,
            1 + (i / 28) % 12,
            1 + i % 28
        )
    };
    let items: Vec<_> = (0..n)
        .map(|i| {
            let day: &'static str = Box::leak(date(i).into_boxed_str());
            let d = doc(
                &format!("talks-{i}.txt"),
                "Talks",
                day,
                &format!("Meeting number {i} of Belarus and Kazakhstan."),
            );
            let r = record(
                &d,
                vec![ev(EventKind::Meeting, Some(day), &["BLR", "KAZ"])],
                &[],
            );
            (d, r)
        })
        .collect();
    store.ingest_batch(&items).unwrap();
    let t = store.timeline("BLR", "KAZ").unwrap();
    assert_eq!(t.total_events, n);
    assert_eq!(t.months.iter().map(|m| m.count).sum::<usize>(), n);
    assert_eq!(t.events.len(), attache_store::TIMELINE_EVENTS);
    // The most recent ones, oldest first.
    let dates: Vec<String> = t
        .events
        .iter()
        .map(|e| e.date.map(|d| d.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(dates.first().map(String::as_str), Some(date(5).as_str()));
    assert_eq!(dates.last().map(String::as_str), Some(date(n - 1).as_str()));
}

#[test]
fn staged_documents_are_seen_by_check_and_stored_only_on_commit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kb.db");
    let mut store = Store::open(&path).unwrap();
    let reader = Store::open(&path).unwrap();
    let (b, rb) = blr_release();
    let (k, rk) = kaz_release();
    assert!(!store.has_staged());
    assert_eq!(store.stage(&b, &rb).unwrap().status, DocStatus::New);
    assert!(store.has_staged());
    // Fused with the staged Belarusian release, in the same transaction.
    let kaz = store.stage(&k, &rk).unwrap();
    assert_eq!((kaz.status, kaz.events_merged), (DocStatus::New, 1));
    assert_eq!(store.check(&b, EXTRACTOR).unwrap(), DocStatus::Unchanged);
    assert_eq!(store.stage(&b, &rb).unwrap().status, DocStatus::Unchanged);
    // Nothing is visible to another connection before the commit.
    assert_eq!(reader.stats().unwrap().documents, 0);
    store.commit().unwrap();
    assert!(!store.has_staged());
    assert_eq!(count(&reader), count(&store));
    assert_eq!(reader.stats().unwrap().documents, 2);
    assert_eq!(reader.search("Nurtleu", 10, 0).unwrap().len(), 2);
    assert_eq!(store.integrity_check().unwrap(), "ok");
    // A commit with nothing staged does nothing.
    store.commit().unwrap();
}

#[test]
fn a_failing_stage_rolls_back_everything_staged_since_the_last_commit() {
    let mut store = Store::open_in_memory().unwrap();
    let (b, rb) = blr_release();
    let (k, rk) = kaz_release();
    store.stage(&b, &rb).unwrap();
    store.commit().unwrap();
    let committed = count(&store);
    store.stage(&k, &rk).unwrap();
    // A record given with another document fails, and takes the staged release with it.
    let (other, _) = {
        let mut d = b.clone();
        d.source = "other.html".into();
        d.id = "0000000000000009".into();
        (d, ())
    };
    assert!(matches!(
        store.stage(&other, &rk),
        Err(StoreError::Mismatch { .. })
    ));
    assert!(!store.has_staged());
    assert_eq!(count(&store), committed);
    assert_eq!(store.search("Nurtleu", 10, 0).unwrap().len(), 1);
    // The store writes again as usual.
    store.stage(&k, &rk).unwrap();
    store.commit().unwrap();
    assert_eq!(store.stats().unwrap().documents, 2);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}
