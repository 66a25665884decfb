//! Extraction per document on committed corpora: each example release of `examples/`
//! (checked first: the Kazakhstan–Mongolia talks yield a meeting between KAZ and MNG),
//! and 300 generated releases (`gen-corpus` seed 1), whole pipeline from JSON Lines
//! bytes to a record and extraction alone, with throughput in bytes of article text.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark stops on bad setup

use attache_bench::corpus::{Generator, examples_dir};
use attache_extract::{EventKind, extract};
use attache_ingest::{Document, Options};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let examples: Vec<Document> = attache_ingest::read_path(&examples_dir(), &Options::default())
        .collect::<Result<_, _>>()
        .expect("examples read");
    let kaz = examples
        .iter()
        .find(|d| d.source.ends_with("2024-03-14-kaz-mng-talks.html"))
        .expect("kaz-mng example");
    let r = extract(kaz);
    assert!(
        r.events.iter().any(|e| e.kind == EventKind::Meeting
            && e.sides.iter().any(|s| s == "KAZ")
            && e.sides.iter().any(|s| s == "MNG")),
        "kaz-mng: a KAZ–MNG meeting"
    );

    let mut g = c.benchmark_group("extract");
    let bytes: usize = examples.iter().map(|d| d.text.len()).sum();
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("examples", |b| {
        b.iter(|| {
            examples
                .iter()
                .map(|d| extract(black_box(d)).events.len())
                .sum::<usize>()
        })
    });

    let generator = Generator::from_examples(&examples_dir()).expect("generator");
    let lines: Vec<String> = (0..300)
        .map(|i| generator.release(1, i).to_json_line())
        .collect();
    let docs: Vec<Document> = (0..300)
        .filter_map(|i| generator.release(1, i).to_document("gen.jsonl"))
        .collect();
    assert_eq!(docs.len(), 300, "generated releases read back");
    let events: usize = docs.iter().map(|d| extract(d).events.len()).sum();
    assert!(events >= 300, "generated releases yield events ({events})");
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("generated-300", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| extract(black_box(d)).events.len())
                .sum::<usize>()
        })
    });
    let input = lines.join("\n");
    g.bench_function("generated-300-ingest+extract", |b| {
        b.iter(|| {
            attache_ingest::parse_bytes(
                "gen.jsonl",
                black_box(input.as_bytes()),
                &Options::default(),
            )
            .expect("parse")
            .iter()
            .map(|d| extract(d).events.len())
            .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
