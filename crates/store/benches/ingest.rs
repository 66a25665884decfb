//! Ingest throughput.
//!
//! - `store/synthetic`: store writes alone (500 constructed documents with three events
//!   each into a fresh database file), in documents per second.
//! - `pipeline/wh-readouts`: the White House readouts of `../shared/real/wh-readouts`
//!   read, extracted and stored into a fresh database file, in documents and bytes
//!   per second; `store/wh-readouts` stores the same documents with records extracted
//!   beforehand. Skipped (with a message) when `../shared` is absent.
//!
//! Peak memory is measured on the release binary by `benches/ingest.sh`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use attache_extract::{
    Actor, Event, EventKind, Location, PartialDate, Record, Sector, Span, Status, Topic,
};
use attache_ingest::{Document, Paragraph};
use attache_store::Store;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;

fn synthetic(n: usize) -> Vec<(Document, Record)> {
    let countries = ["BLR", "KAZ", "UZB", "KGZ", "TJK", "ARM", "AZE", "GEO"];
    (0..n)
        .map(|i| {
            let a = countries[i % countries.len()];
            let b = countries[(i / countries.len() + 1 + i) % countries.len()];
            let text = format!(
                "On {} the Minister of Foreign Affairs of {a} met the Ambassador of {b} (release {i}). \
                 The sides discussed trade and transport and agreed to continue consultations.",
                1 + i % 28
            );
            let doc = Document {
                id: format!("{i:016x}"),
                source: format!("synthetic/{i}.txt"),
                url: None,
                title: Some(format!("Release {i}")),
                published: jiff::civil::Date::new(2024, 1 + (i % 12) as i8, 1 + (i % 28) as i8).ok(),
                language: "en".into(),
                paragraphs: vec![Paragraph { start: 0, end: text.len() }],
                text,
                site: None,
                feed: None,
            };
            let actor = |name: String, c: &str| Actor {
                name,
                titles: vec!["Minister of Foreign Affairs".into()],
                country: Some(c.into()),
                organization: None,
                sector: Some(Sector::Gov),
                spans: vec![],
            };
            let mut sides = vec![a.to_string(), b.to_string()];
            sides.sort();
            sides.dedup();
            let event = |kind, cameo: &str, status| Event {
                kind,
                cameo: cameo.into(),
                plover: Some("CONSULT".into()),
                plover_mode: None,
                status,
                date: PartialDate::parse(&format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
                date_end: None,
                location: Some(Location { place: Some("Minsk".into()), country: Some("BLR".into()), span: None }),
                participants: vec![actor(format!("Person{} Minister{}", i % 50, i % 50), a), actor(format!("Other{}", i % 70), b)],
                sides: sides.clone(),
                organization: None,
                evidence: vec![Span::new(20, 40)],
            };
            let record = Record {
                doc_id: doc.id.clone(),
                extractor: "bench".into(),
                sentences: vec![Span::new(0, doc.text.len())],
                mentions: vec![],
                actors: vec![],
                events: vec![
                    event(EventKind::Meeting, "042", Status::Occurred),
                    event(EventKind::CooperationPledged, "030", Status::Occurred),
                    event(EventKind::Consultations, "040", Status::Planned),
                ],
                topics: vec![Topic { topic: "trade".into(), evidence: vec![] }],
                quantities: vec![],
            };
            (doc, record)
        })
        .collect()
}

fn wh_readouts() -> Option<Vec<Document>> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/real/wh-readouts"
    ));
    if !dir.is_dir() {
        eprintln!(
            "SKIP: {} is absent; pipeline benches not run",
            dir.display()
        );
        return None;
    }
    let docs: Vec<Document> = attache_ingest::read_path(&dir, &attache_ingest::Options::default())
        .filter_map(Result::ok)
        .collect();
    Some(docs)
}

fn store_all(items: &[(Document, Record)]) -> usize {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(dir.path().join("bench.db")).expect("open");
    let mut n = 0;
    for chunk in items.chunks(500) {
        n += store.ingest_batch(chunk).expect("batch").len();
    }
    n
}

fn benches(c: &mut Criterion) {
    let items = synthetic(500);
    let mut g = c.benchmark_group("store");
    g.sample_size(10);
    g.throughput(Throughput::Elements(items.len() as u64));
    g.bench_function("synthetic", |b| b.iter(|| black_box(store_all(&items))));
    g.finish();

    let Some(docs) = wh_readouts() else { return };
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let extracted: Vec<(Document, Record)> = docs
        .iter()
        .map(|d| (d.clone(), attache_extract::extract(d)))
        .collect();
    let mut g = c.benchmark_group("store");
    g.sample_size(10);
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("wh-readouts", |b| {
        b.iter(|| black_box(store_all(&extracted)))
    });
    g.finish();

    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10);
    for (name, tp) in [
        ("wh-readouts docs", Throughput::Elements(docs.len() as u64)),
        ("wh-readouts bytes", Throughput::Bytes(bytes as u64)),
    ] {
        g.throughput(tp);
        g.bench_function(name, |b| {
            b.iter(|| {
                let items: Vec<(Document, Record)> = docs
                    .iter()
                    .map(|d| (d.clone(), attache_extract::extract(d)))
                    .collect();
                black_box(store_all(&items))
            })
        });
    }
    g.finish();
}

criterion_group!(ingest, benches);
criterion_main!(ingest);
