//! The knowledge-base subcommands through the real binary on temporary databases:
//! idempotent ingest, cross-source fusion of two ministries' releases, the seed's
//! meeting, openings and text, every export format read back by an independent reader,
//! FTS syntax errors, and a SIGKILL in the middle of an ingest.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use attache_store::export::PloverRecord;
use attache_store::{EventRow, Store};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_attache"));
    c.env_remove("ATTACHE_DB");
    c
}

fn attache(args: &[&str]) -> Output {
    bin().args(args).output().expect("run attache")
}

fn ok(args: &[&str]) -> String {
    let out = attache(args);
    assert!(
        out.status.success(),
        "attache {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store")
}

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("SKIP: ../shared is absent (a fresh clone); shared-corpus checks not run");
        None
    }
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).expect("valid JSON")
}

fn db_in(dir: &tempfile::TempDir) -> String {
    dir.path().join("kb.db").to_string_lossy().into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn ingesting_the_same_inputs_twice_leaves_the_same_counts() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let fx = fixtures();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut inputs = vec![s(&fx).to_string()];
    if examples.is_dir() {
        inputs.push(s(&examples).to_string());
    }
    if let Some(sh) = shared() {
        inputs.push(sh.join("corpus/docs").to_string_lossy().into_owned());
        inputs.push(sh.join("seed").to_string_lossy().into_owned());
    }
    let mut args = vec!["ingest", "--db", &db];
    args.extend(inputs.iter().map(String::as_str));
    let first = attache(&args);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let summary = String::from_utf8_lossy(&first.stderr);
    assert!(
        summary.contains(" new, ") && summary.contains("event(s) added"),
        "{summary}"
    );
    let before = json(&ok(&["stats", "--db", &db, "--json"]));
    assert!(before["documents"].as_u64().unwrap() >= 2);
    let second = attache(&args);
    assert!(second.status.success());
    let summary = String::from_utf8_lossy(&second.stderr);
    assert!(
        summary.contains(": 0 new,") && summary.contains(" 0 updated"),
        "{summary}"
    );
    let after = json(&ok(&["stats", "--db", &db, "--json"]));
    assert_eq!(before, after);
}

#[test]
fn two_ministries_reporting_one_meeting_give_one_event_with_two_sources() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    ok(&["ingest", "--db", &db, s(&fixtures())]);
    // Country names resolve like codes.
    let out = ok(&[
        "events",
        "--db",
        &db,
        "--country",
        "Belarus",
        "--with",
        "KAZ",
        "--kind",
        "meeting",
        "--json",
    ]);
    let events: Vec<EventRow> = serde_json::from_str(&out).unwrap();
    assert_eq!(events.len(), 1, "{out}");
    let e = &events[0];
    assert_eq!(e.date.unwrap().to_string(), "2024-10-03");
    let sources: Vec<&str> = e.sources.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(sources.len(), 2, "{sources:?}");
    assert!(
        sources
            .iter()
            .any(|s| s.ends_with("blr-mfa-2024-10-03.txt"))
    );
    assert!(
        sources
            .iter()
            .any(|s| s.ends_with("kaz-mfa-2024-10-03.txt"))
    );
    assert!(e.sources.iter().all(|s| !s.evidence.is_empty()));
    // The readable table names both sources too.
    let table = ok(&[
        "events",
        "--db",
        &db,
        "--person",
        "Ryzhenkov",
        "--kind",
        "meeting",
    ]);
    assert!(
        table.contains("blr-mfa-2024-10-03.txt") && table.contains("kaz-mfa-2024-10-03.txt"),
        "{table}"
    );
    // The person is one actor across both releases.
    let actor: Value = json(&ok(&["actor", "--db", &db, "Nurtleu", "--json"]));
    assert_eq!(actor.as_array().unwrap().len(), 1, "{actor}");
    assert_eq!(actor[0]["name"], "Murat Nurtleu");
    let met: Vec<&str> = actor[0]["counterparts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert!(met.contains(&"Maxim Ryzhenkov"), "{met:?}");
    let t = json(&ok(&[
        "timeline",
        "--db",
        &db,
        "BLR",
        "Kazakhstan",
        "--json",
    ]));
    assert!(!t["events"].as_array().unwrap().is_empty());
    let chart = ok(&["timeline", "--db", &db, "BLR", "KAZ"]);
    assert!(chart.contains("2024-10") && chart.contains('█'), "{chart}");
}

#[test]
fn the_seed_is_found_by_events_upcoming_and_search() {
    let Some(sh) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    ok(&["ingest", "--db", &db, s(&sh.join("seed"))]);
    let events: Vec<EventRow> = serde_json::from_str(&ok(&[
        "events",
        "--db",
        &db,
        "--country",
        "BLR",
        "--with",
        "KAZ",
        "--json",
    ]))
    .unwrap();
    let meeting = events
        .iter()
        .find(|e| e.kind.as_str() == "meeting")
        .expect("the seed's meeting");
    assert_eq!(
        meeting.date.map(|d| d.to_string()).as_deref(),
        Some("2024-05-21")
    );
    assert!(
        meeting
            .participants
            .iter()
            .any(|p| p.name.contains("Aleinik"))
    );
    let upcoming: Vec<EventRow> = serde_json::from_str(&ok(&[
        "upcoming",
        "--db",
        &db,
        "--after",
        "2024-05-22",
        "--json",
    ]))
    .unwrap();
    let openings: Vec<String> = upcoming
        .iter()
        .filter(|e| e.kind.as_str() == "opening")
        .filter_map(|e| e.date.map(|d| d.to_string()))
        .collect();
    assert!(openings.contains(&"2024-05-27".to_string()), "{openings:?}");
    assert!(openings.contains(&"2024-05-28".to_string()), "{openings:?}");
    let hits = json(&ok(&["search", "--db", &db, "tractors", "--json"]));
    assert_eq!(hits.as_array().unwrap().len(), 1);
    let table = ok(&["search", "--db", &db, "tractors"]);
    assert!(table.contains("[tractors]"), "{table}");
}

#[test]
fn search_reports_fts_syntax_errors_instead_of_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    ok(&["ingest", "--db", &db, s(&fixtures())]);
    // Plain queries are quoted: FTS operators are just words.
    ok(&["search", "--db", &db, "trade AND ("]);
    ok(&["search", "--db", &db, "\"unbalanced"]);
    let out = attache(&["search", "--db", &db, "--raw", "trade AND ("]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("invalid search query") && !err.contains("panicked"),
        "{err}"
    );
    let raw = json(&ok(&[
        "search",
        "--db",
        &db,
        "--raw",
        "Ryzhenk* OR nothingatall",
        "--json",
    ]));
    assert_eq!(raw.as_array().unwrap().len(), 2);
}

#[test]
fn reading_a_missing_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let out = attache(&["events", "--db", &db]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no knowledge base"));
    assert!(!Path::new(&db).exists());
}

#[test]
fn the_database_defaults_to_attache_db_env() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let out = bin()
        .env("ATTACHE_DB", &db)
        .args(["ingest", s(&fixtures())])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(Path::new(&db).exists());
    let out = bin()
        .current_dir(dir.path())
        .args(["ingest", s(&fixtures())])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(dir.path().join("attache.db").exists());
}

/// A knowledge base with the fixtures and, when present, the shared corpus.
fn populated() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    ok(&["ingest", "--db", &db, s(&fixtures())]);
    if let Some(sh) = shared() {
        ok(&[
            "ingest",
            "--db",
            &db,
            s(&sh.join("corpus/docs")),
            s(&sh.join("seed")),
        ]);
    }
    (dir, db)
}

fn all_events(db: &str) -> Vec<EventRow> {
    let store = Store::open(db).unwrap();
    store
        .events(&attache_store::EventFilter {
            oldest_first: true,
            ..Default::default()
        })
        .unwrap()
}

#[test]
fn jsonl_and_plover_exports_round_trip_through_serde() {
    let (_dir, db) = populated();
    let events = all_events(&db);
    let out = ok(&["export", "--db", &db, "--format", "jsonl"]);
    let back: Vec<EventRow> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(back, events);

    let out = ok(&["export", "--db", &db, "--format", "plover"]);
    let records: Vec<PloverRecord> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let typed = events.iter().filter(|e| e.plover.is_some()).count();
    assert_eq!(records.len(), typed);
    assert!(!records.is_empty());
    for r in &records {
        assert!(!r.actor.is_empty(), "{r:?}");
        assert!(!r.sources.is_empty());
        let again: PloverRecord = serde_json::from_str(&serde_json::to_string(r).unwrap()).unwrap();
        assert_eq!(&again, r);
    }
    // The fused meeting cites both ministries.
    assert!(records.iter().any(|r| r.event_type == "CONSULT"
        && r.sources.len() == 2
        && r.date.as_deref() == Some("2024-10-03")));
}

#[test]
fn csv_export_reads_back_one_row_per_event() {
    let (dir, db) = populated();
    let path = dir.path().join("events.csv");
    ok(&["export", "--db", &db, "--format", "csv", "--out", s(&path)]);
    let events = all_events(&db);
    let mut r = csv::Reader::from_path(&path).unwrap();
    let headers = r.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), events.len());
    for (row, e) in rows.iter().zip(&events) {
        assert_eq!(row[0], e.id.to_string());
        assert_eq!(&row[3], e.kind.as_str());
        assert_eq!(row[8], e.sides.join(";"));
    }
    // Filters apply to exports as to `events`.
    let out = ok(&[
        "export",
        "--db",
        &db,
        "--format",
        "csv",
        "--kind",
        "meeting",
        "--country",
        "BLR",
    ]);
    let n = csv::Reader::from_reader(out.as_bytes()).records().count();
    let expected = events
        .iter()
        .filter(|e| e.kind.as_str() == "meeting" && e.sides.iter().any(|s| s == "BLR"))
        .count();
    assert_eq!(n, expected);
}

#[test]
fn cameo_export_has_one_row_per_dyad_in_the_gdelt_layout() {
    let (_dir, db) = populated();
    let events = all_events(&db);
    let out = ok(&["export", "--db", &db, "--format", "cameo"]);
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .from_reader(out.as_bytes());
    let headers = r.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let expected: usize = events
        .iter()
        .filter(|e| {
            e.date.is_some() && e.cameo.len() >= 2 && e.cameo.bytes().all(|b| b.is_ascii_digit())
        })
        .map(|e| match e.sides.len() {
            0 => 0,
            1 => 1,
            n => n * (n - 1) / 2,
        })
        .sum();
    assert_eq!(rows.len(), expected);
    assert!(!rows.is_empty());
    for row in &rows {
        let date = &row[col("SQLDATE")];
        assert!(
            date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()),
            "{date}"
        );
        let code = &row[col("EventCode")];
        assert!(code.starts_with(&row[col("EventBaseCode")]));
        assert!(row[col("EventBaseCode")].starts_with(&row[col("EventRootCode")]));
        assert_eq!(row[col("EventRootCode")].len(), 2);
        let quad: u8 = row[col("QuadClass")].parse().unwrap();
        assert!((1..=4).contains(&quad));
        let g: f64 = row[col("GoldsteinScale")].parse().unwrap();
        assert!((-10.0..=10.0).contains(&g));
        assert!(!row[col("Actor1Code")].is_empty());
    }
    // The fixture meeting: Belarus and Kazakhstan governments, CAMEO 04x.
    assert!(rows.iter().any(|r| {
        r[col("SQLDATE")] == *"20241003"
            && r[col("EventRootCode")] == *"04"
            && [&r[col("Actor1Code")], &r[col("Actor2Code")]]
                .iter()
                .any(|c| c.starts_with("BLR"))
            && [&r[col("Actor1Code")], &r[col("Actor2Code")]]
                .iter()
                .any(|c| c.starts_with("KAZ"))
    }));
}

#[test]
fn ics_export_is_valid_icalendar_of_planned_events() {
    let (_dir, db) = populated();
    let out = attache(&["export", "--db", &db, "--format", "ics"]);
    assert!(out.status.success());
    let bytes = out.stdout;
    // RFC 5545: CRLF line ends, content lines of at most 75 octets.
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let expected = all_events(&db)
        .iter()
        .filter(|e| e.status.as_str() != "occurred" && e.date.and_then(|d| d.to_date()).is_some())
        .count();
    assert!(expected > 0);
    let mut cals = ical::IcalParser::new(std::io::BufReader::new(&bytes[..]));
    let cal = cals.next().expect("one calendar").expect("parses");
    assert!(cals.next().is_none());
    assert_eq!(cal.events.len(), expected);
    let mut uids = std::collections::HashSet::new();
    for ev in &cal.events {
        let prop = |n: &str| ev.properties.iter().find(|p| p.name == n);
        let uid = prop("UID").and_then(|p| p.value.clone()).expect("UID");
        assert!(uids.insert(uid), "duplicate UID");
        let stamp = prop("DTSTAMP")
            .and_then(|p| p.value.clone())
            .expect("DTSTAMP");
        assert!(stamp.ends_with('Z') && stamp.len() == 16, "{stamp}");
        let start = prop("DTSTART").expect("DTSTART");
        let params = start.params.clone().unwrap_or_default();
        assert!(
            params
                .iter()
                .any(|(k, v)| k == "VALUE" && v == &vec!["DATE".to_string()])
        );
        assert_eq!(start.value.as_deref().map(str::len), Some(8));
        assert!(prop("SUMMARY").is_some());
    }
}

#[test]
fn parquet_export_reads_back_with_the_parquet_reader() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let (dir, db) = populated();
    let path = dir.path().join("events.parquet");
    ok(&[
        "export",
        "--db",
        &db,
        "--format",
        "parquet",
        "--out",
        s(&path),
    ]);
    let events = all_events(&db);
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let meta = reader.metadata();
    assert_eq!(meta.file_metadata().num_rows() as usize, events.len());
    let fields = meta.file_metadata().schema().get_fields();
    let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
    assert!(names.contains(&"kind") && names.contains(&"goldstein"));
    let mut ids = Vec::new();
    let mut kinds = Vec::new();
    for row in reader.get_row_iter(None).unwrap() {
        let row = row.unwrap();
        for (name, field) in row.get_column_iter() {
            match name.as_str() {
                "id" => ids.push(field.to_string()),
                "kind" => kinds.push(field.to_string().trim_matches('"').to_string()),
                _ => {}
            }
        }
    }
    let want_ids: Vec<String> = events.iter().map(|e| e.id.to_string()).collect();
    assert_eq!(ids, want_ids);
    let want_kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, want_kinds);
}

/// A JSON Lines input of `n` distinct releases.
fn big_input(path: &Path, n: usize) {
    let pairs = [
        ("Belarus", "Kazakhstan", "Minsk"),
        ("Uzbekistan", "Kyrgyzstan", "Tashkent"),
        ("Armenia", "France", "Yerevan"),
        ("Japan", "Turkey", "Tokyo"),
    ];
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let (a, b, city) = pairs[i % pairs.len()];
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let text = format!(
            "On {month:02}/{day:02} the Minister of Foreign Affairs of {a} held talks in {city} with the \
             Ambassador of {b}. The sides discussed trade, transport and cooperation in industry \
             (release number {i}).\n\nThe parties agreed to continue consultations."
        );
        let line = serde_json::json!({
            "title": format!("Talks of the Minister of Foreign Affairs of {a} with the Ambassador of {b} ({i})"),
            "text": text,
            "published": format!("2023-{month:02}-{day:02}"),
            "url": format!("https://example.org/releases/{i}"),
            "language": "en",
        });
        writeln!(f, "{line}").unwrap();
    }
}

#[test]
fn sigkill_during_ingest_leaves_a_sound_database_and_a_rerun_completes() {
    const N: usize = 1500;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.jsonl");
    big_input(&input, N);
    let db = db_in(&dir);
    let mut child = bin()
        .args(["ingest", "--db", &db, "--batch", "100", s(&input)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the first batch commit, then SIGKILL.
    let started = Instant::now();
    let mut committed = 0;
    while started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(20));
        match Store::open(&db).and_then(|store| store.stats()) {
            Ok(s) => {
                committed = s.documents;
                if committed > 0 {
                    break;
                }
            }
            Err(e) => eprintln!("(while polling: {e})"),
        }
        if let Some(status) = child.try_wait().unwrap() {
            eprintln!("ingest ended before the kill: {status}");
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert!(committed > 0, "no batch was committed before the kill");
    {
        let store = Store::open(&db).expect("the database opens after SIGKILL");
        assert_eq!(store.integrity_check().unwrap(), "ok");
        let docs = store.stats().unwrap().documents;
        assert!(
            docs.is_multiple_of(100) || docs == N,
            "a partial batch is visible: {docs}"
        );
        eprintln!("killed after {docs} of {N} documents");
    }
    ok(&["ingest", "--db", &db, "--batch", "100", s(&input)]);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let resumed = store.stats().unwrap();
    assert_eq!(resumed.documents, N);
    // Same state as one uninterrupted run: nothing duplicated.
    let clean = dir.path().join("clean.db");
    ok(&["ingest", "--db", s(&clean), "--batch", "100", s(&input)]);
    let clean = Store::open(&clean).unwrap().stats().unwrap();
    assert_eq!(resumed.documents, clean.documents);
    assert_eq!(resumed.events, clean.events);
    assert_eq!(resumed.event_sources, clean.event_sources);
    assert_eq!(resumed.mentions, clean.mentions);
}

#[test]
fn reindex_re_extracts_documents_of_an_older_extractor() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    ok(&["ingest", "--db", &db, s(&fixtures())]);
    let before = json(&ok(&["stats", "--db", &db, "--json"]));
    // Nothing is stale right after ingest.
    let out = attache(&["reindex", "--db", &db]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("re-extracted 0 document(s)"));
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute("UPDATE documents SET extractor = '0.0.0+old'", [])
            .unwrap();
    }
    let out = attache(&["reindex", "--db", &db]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("re-extracted 2 document(s)") && err.contains("2 updated"),
        "{err}"
    );
    let after = json(&ok(&["stats", "--db", &db, "--json"]));
    assert_eq!(
        before, after,
        "re-extraction with the same extractor restores the same knowledge base"
    );
    let extractors = after["extractors"].as_object().unwrap();
    assert_eq!(extractors.len(), 1);
    assert!(!extractors.contains_key("0.0.0+old"));
}

#[test]
fn chunks_extracted_beside_the_writer_store_what_one_thread_stores() {
    // 1,500 releases are three chunks: with two jobs each is extracted on other threads
    // while the one before it is written; with one job, in turn on this thread.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.jsonl");
    big_input(&input, 1500);
    let export = |jobs: &str| {
        let db = dir.path().join(format!("jobs{jobs}.db"));
        let db = s(&db).to_string();
        let out = ok(&["ingest", "--db", &db, "--jobs", jobs, s(&input)]);
        assert!(out.is_empty() || !out.contains("failed"), "{out}");
        ok(&["export", "--db", &db, "--format", "jsonl"])
    };
    let one = export("1");
    let two = export("2");
    assert_eq!(one.lines().count(), two.lines().count());
    assert!(
        one.lines().count() >= 1500,
        "{} events",
        one.lines().count()
    );
    assert_eq!(one, two);
}
