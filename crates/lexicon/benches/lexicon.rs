//! Gazetteer and topic-cue matching speed (`lexicon().find`, `topic_cues().find`) on the
//! text of the project's committed plain-text and Markdown examples, after checking that
//! the countries each names are found; and the one-off cost of compiling the lexicon
//! (`Lexicon::build`).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark stops on bad setup

use attache_lexicon::topics::topic_cues;
use attache_lexicon::{HitKind, Lexicon, lexicon};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

macro_rules! example {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/",
            $name
        ))
    };
}

fn countries(text: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = lexicon()
        .find(text)
        .into_iter()
        .filter_map(|h| match h.what {
            HitKind::Country { iso3, .. } => Some(iso3),
            _ => None,
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn bench(c: &mut Criterion) {
    let cases: [(&str, &str, &[&str]); 4] = [
        (
            "idn-vnm",
            example!("2023-10-03-idn-vnm-maritime.txt"),
            &["IDN", "VNM"],
        ),
        (
            "geo-aze",
            example!("2023-12-01-geo-aze-consultations.txt"),
            &["AZE", "GEO"],
        ),
        (
            "uzb-afg",
            example!("2024-04-09-uzb-afg-protest.txt"),
            &["AFG", "UZB"],
        ),
        ("mda", example!("2024-07-22-readout-call-mda.md"), &["MDA"]),
    ];
    let mut all = String::new();
    for (name, text, expected) in cases {
        let found = countries(text);
        for iso3 in expected {
            assert!(
                found.contains(iso3),
                "{name}: {iso3} not found in {found:?}"
            );
        }
        all.push_str(text);
        all.push_str("\n\n");
    }
    let mut g = c.benchmark_group("lexicon");
    g.throughput(Throughput::Bytes(all.len() as u64));
    g.bench_function("find/examples", |b| {
        b.iter(|| black_box(lexicon().find(black_box(&all))))
    });
    let cues = topic_cues();
    g.bench_function("topic-cues/examples", |b| {
        b.iter(|| black_box(cues.find(black_box(&all))))
    });
    g.finish();
    let mut g = c.benchmark_group("lexicon");
    g.sample_size(10);
    g.bench_function("build", |b| {
        b.iter(|| black_box(Lexicon::build().map(|l| l.countries().count())))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
