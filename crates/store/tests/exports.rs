//! Exports on constructed records: CAMEO dyads from participant lists, PLOVER actor and
//! recipient split, iCalendar escaping and folding, and the counts of each format.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use attache_extract::{EventKind, Status};
use attache_store::export::{Format, PloverRecord, cameo_rows, export};
use attache_store::{EventFilter, Store};
use common::*;

fn summit_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let text = "The heads of state of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan met in Astana, \
                and agreed to meet again in Tashkent, Uzbekistan, on 9 August 2025.";
    let d = doc(
        "summit.txt",
        "Consultative meeting; Astana, 2024",
        "2024-08-09",
        text,
    );
    let mut summit = ev(
        EventKind::MultilateralMeeting,
        Some("2024-08-09"),
        &["KAZ", "KGZ", "TJK", "TKM", "UZB"],
    );
    summit.participants = vec![
        actor("Kassym-Jomart Tokayev", "President", "KAZ"),
        actor("Sadyr Japarov", "President", "KGZ"),
        actor("Emomali Rahmon", "President", "TJK"),
        actor("Serdar Berdimuhamedov", "President", "TKM"),
        actor("Shavkat Mirziyoyev", "President", "UZB"),
    ];
    summit.place = Some(("Astana", "KAZ"));
    summit.evidence = "met in Astana";
    let mut next = ev(
        EventKind::MultilateralMeeting,
        Some("2025-08-09"),
        &["KAZ", "KGZ", "TJK", "TKM", "UZB"],
    );
    next.status = Status::Planned;
    next.place = Some(("Tashkent", "UZB"));
    next.evidence = "agreed to meet again in Tashkent, Uzbekistan";
    let r = record(&d, vec![summit, next], &["trade", "security"]);
    store.ingest(&d, &r).unwrap();
    store
}

#[test]
fn a_meeting_of_five_states_is_one_event_and_ten_dyads() {
    let store = summit_store();
    let events = store
        .events(&EventFilter {
            status: Some(Status::Occurred),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(events.len(), 1);
    let rows = cameo_rows(&events[0]);
    assert_eq!(rows.len(), 10);
    // The first participant's side leads every dyad it is in.
    assert!(rows[..4].iter().all(|r| r[4] == "KAZGOV"));
    let mut pairs: Vec<(String, String)> =
        rows.iter().map(|r| (r[6].clone(), r[10].clone())).collect();
    pairs.sort();
    pairs.dedup();
    assert_eq!(pairs.len(), 10);
    assert!(
        rows.iter()
            .all(|r| r[1] == "20240809" && r[13] == "044" && r[15] == "04")
    );
    assert!(rows.iter().all(|r| r[16] == "1" && r[17] == "2.5"));
    assert!(rows.iter().all(|r| r[19] == "Astana, KAZ"));
}

#[test]
fn plover_records_split_actor_and_recipients() {
    let store = summit_store();
    let mut out = Vec::new();
    let summary = export(&store, &EventFilter::default(), Format::Plover, &mut out).unwrap();
    assert_eq!((summary.events, summary.rows), (2, 2));
    let records: Vec<PloverRecord> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let held = records.iter().find(|r| r.status == "occurred").unwrap();
    assert_eq!(held.event_type, "CONSULT");
    assert_eq!(held.actor.len(), 1);
    assert_eq!(held.actor[0].code, "KAZGOV");
    assert_eq!(held.recipient.len(), 4);
    assert_eq!(held.contexts, vec!["economic", "military"]);
    assert_eq!(held.sources[0].evidence, vec!["met in Astana"]);
    // Without named people a side is still an actor, by its code.
    let planned = records.iter().find(|r| r.status == "planned").unwrap();
    assert_eq!(planned.actor.len() + planned.recipient.len(), 5);
    assert!(planned.actor.iter().all(|a| a.name.is_none()));
}

#[test]
fn icalendar_holds_planned_events_escaped_and_folded() {
    let store = summit_store();
    let mut out = Vec::new();
    let summary = export(&store, &EventFilter::default(), Format::Ics, &mut out).unwrap();
    assert_eq!((summary.rows, summary.skipped), (1, 1));
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(text.contains("DTSTART;VALUE=DATE:20250809\r\n"));
    assert!(text.contains("DTEND;VALUE=DATE:20250810\r\n"));
    let unfolded = text.replace("\r\n ", "");
    assert!(
        unfolded.contains("LOCATION:Tashkent\\, UZB\r\n"),
        "{unfolded}"
    );
    assert!(unfolded.contains("agreed to meet again in Tashkent\\, Uzbekistan"));
    assert!(text.split("\r\n").all(|l| l.len() <= 75));
    let cal = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(cal.events.len(), 1);
}

#[test]
fn every_format_writes_the_selected_events() {
    let mut store = summit_store();
    for (d, r) in [blr_release(), kaz_release()] {
        store.ingest(&d, &r).unwrap();
    }
    let filter = EventFilter {
        country: Some("KAZ".into()),
        with: Some("BLR".into()),
        ..Default::default()
    };
    for f in Format::ALL {
        let mut out = Vec::new();
        let s = export(&store, &filter, f, &mut out).unwrap();
        assert_eq!(s.events, 2, "{f}");
        assert!(!out.is_empty(), "{f}");
        match f {
            Format::Jsonl | Format::Plover | Format::Csv => assert_eq!(s.rows, 2, "{f}"),
            Format::Cameo => assert_eq!(s.rows, 2, "{f}"),
            Format::Ics => assert_eq!((s.rows, s.skipped), (1, 1)),
            Format::Parquet => assert_eq!(&out[..4], b"PAR1"),
        }
    }
}
