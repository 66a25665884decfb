//! The main queries on a knowledge base of 100,000 generated releases: full-text search,
//! events of a pair, the timeline of a pair, upcoming events; and store writes of
//! generated releases.
//!
//! The database is built once, outside any timed loop, from the deterministic corpus of
//! `crates/bench` (seed 1; the generator's source is compiled in below) through the real
//! pipeline (ingest's JSON Lines reader, `extract`, `Store::ingest_batch`), and cached as
//! `bench-queries-N-seed1-vSCHEMA.db` in `$CARGO_TARGET_DIR` (else `target/`): the first
//! run takes minutes, later runs open the cache. `ATTACHE_BENCH_DOCS` sets N (default
//! 100000). Each query is checked before it is timed.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark stops on bad setup

#[allow(dead_code)]
#[path = "../../bench/src/corpus.rs"]
mod corpus;

use attache_extract::{Record, Status, extract};
use attache_ingest::Document;
use attache_store::{EventFilter, SCHEMA_VERSION, Store};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiff::civil::Date;
use std::hint::black_box;
use std::path::PathBuf;

const SEED: u64 = 1;

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target")))
}

/// Generated releases `from..to`, read and extracted on two threads.
fn extracted(g: &corpus::Generator, from: u64, to: u64) -> Vec<(Document, Record)> {
    let mid = from + (to - from) / 2;
    let part = |a: u64, b: u64| -> Vec<(Document, Record)> {
        (a..b)
            .filter_map(|i| g.release(SEED, i).to_document(&format!("bench/{i}.jsonl")))
            .map(|d| {
                let r = extract(&d);
                (d, r)
            })
            .collect()
    };
    std::thread::scope(|s| {
        let h = s.spawn(|| part(from, mid));
        let mut out = part(mid, to);
        let mut first = h.join().expect("extraction thread");
        first.append(&mut out);
        first
    })
}

fn database(n: u64) -> PathBuf {
    let dir = target_dir();
    let path = dir.join(format!("bench-queries-{n}-seed{SEED}-v{SCHEMA_VERSION}.db"));
    if path.is_file() {
        return path;
    }
    std::fs::create_dir_all(&dir).expect("target dir");
    let tmp = path.with_extension("db.tmp");
    let _ = std::fs::remove_file(&tmp);
    eprintln!("building {} (once; cached for later runs)", path.display());
    let g = corpus::Generator::from_examples(&corpus::examples_dir()).expect("examples");
    let mut store = Store::open(&tmp).expect("open");
    let t = std::time::Instant::now();
    let mut i = 0;
    while i < n {
        let j = (i + 2_000).min(n);
        for chunk in extracted(&g, i, j).chunks(500) {
            store.ingest_batch(chunk).expect("ingest");
        }
        i = j;
        if i % 10_000 == 0 {
            eprintln!("  {i} releases, {:.0} s", t.elapsed().as_secs_f64());
        }
    }
    drop(store);
    std::fs::rename(&tmp, &path).expect("rename");
    path
}

fn bench(c: &mut Criterion) {
    let n: u64 = std::env::var("ATTACHE_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let path = database(n);
    let store = Store::open(&path).expect("open cached database");
    let stats = store.stats().expect("stats");
    assert_eq!(stats.documents as u64, n, "{}: documents", path.display());
    let pairs: Vec<(String, String)> = store
        .pairs(100)
        .expect("pairs")
        .into_iter()
        .map(|p| (p.a, p.b))
        .collect();
    assert!(!pairs.is_empty(), "no pairs");
    let words = [
        "consultations",
        "trade",
        "agreed",
        "condolences",
        "transport",
        "memorandum",
    ];
    let after: Vec<Date> = (0..50)
        .map(|k| {
            Date::constant(2016, 1, 1)
                .checked_add(jiff::Span::new().days(k * 60))
                .expect("date")
        })
        .collect();

    // Checks.
    assert_eq!(
        store.search("consultations", 20, 0).expect("search").len(),
        20
    );
    let (a, b) = &pairs[0];
    let f = EventFilter {
        country: Some(a.clone()),
        with: Some(b.clone()),
        limit: Some(50),
        ..EventFilter::default()
    };
    let rows = store.events(&f).expect("events");
    assert!(!rows.is_empty(), "events of {a}-{b}");
    assert!(
        rows.iter()
            .all(|e| e.sides.contains(a) && e.sides.contains(b)),
        "pair filter"
    );
    assert!(
        !store.timeline(a, b).expect("timeline").events.is_empty(),
        "timeline {a}-{b}"
    );
    let up = store.upcoming(after[0], Some(100)).expect("upcoming");
    assert!(!up.is_empty(), "upcoming after {}", after[0]);
    assert!(
        up.iter().all(|e| e.status == Status::Planned),
        "upcoming are planned"
    );

    let mut g = c.benchmark_group(format!("queries-{n}"));
    let mut k = 0usize;
    g.bench_function("search", |bch| {
        bch.iter(|| {
            k += 1;
            black_box(store.search(words[k % words.len()], 20, 0).expect("search"))
        })
    });
    g.bench_function("events-by-pair", |bch| {
        bch.iter(|| {
            k += 1;
            let (a, b) = &pairs[k % pairs.len()];
            let f = EventFilter {
                country: Some(a.clone()),
                with: Some(b.clone()),
                limit: Some(50),
                ..EventFilter::default()
            };
            black_box(store.events(&f).expect("events"))
        })
    });
    g.bench_function("timeline", |bch| {
        bch.iter(|| {
            k += 1;
            let (a, b) = &pairs[k % pairs.len()];
            black_box(store.timeline(a, b).expect("timeline"))
        })
    });
    g.bench_function("upcoming", |bch| {
        bch.iter(|| {
            k += 1;
            black_box(
                store
                    .upcoming(after[k % after.len()], Some(100))
                    .expect("upcoming"),
            )
        })
    });
    g.finish();

    // Store writes: 1,000 generated releases, extracted beforehand, into a fresh file.
    let gen_ = corpus::Generator::from_examples(&corpus::examples_dir()).expect("examples");
    let items = extracted(&gen_, 1_000_000, 1_001_000);
    let mut g = c.benchmark_group("store-writes");
    g.sample_size(10);
    g.throughput(Throughput::Elements(items.len() as u64));
    g.bench_function("generated-1000", |bch| {
        bch.iter(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let mut s = Store::open(dir.path().join("w.db")).expect("open");
            let mut added = 0;
            for chunk in items.chunks(500) {
                added += s.ingest_batch(chunk).expect("batch").len();
            }
            assert_eq!(added, items.len());
            added
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
