//! Ingest throughput per input format on the project's committed examples: an HTML page,
//! a legacy-charset HTML page, plain text, Markdown with front matter, an Atom feed, an
//! RSS feed and JSON Lines. Each input is checked first (title and date as the ingest
//! tests expect), then timed with `parse_bytes`; throughput is in input bytes.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark stops on bad setup

use attache_ingest::{Options, parse_bytes};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

macro_rules! example {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../examples/",
                $name
            ))
            .as_slice(),
        )
    };
}

/// (label, file, bytes, expected first title, expected first date, documents)
type Case = (
    &'static str,
    &'static str,
    &'static [u8],
    &'static str,
    &'static str,
    usize,
);

fn cases() -> Vec<Case> {
    let (h, hb) = example!("2024-03-14-kaz-mng-talks.html");
    let (c, cb) = example!("2023-11-20-blr-vnm-talks-cp1251.html");
    let (t, tb) = example!("2023-10-03-idn-vnm-maritime.txt");
    let (m, mb) = example!("2024-07-22-readout-call-mda.md");
    let (a, ab) = example!("eeas-press-atom.xml");
    let (r, rb) = example!("mfa-tjk-news-rss.xml");
    let (j, jb) = example!("releases.jsonl");
    vec![
        (
            "html",
            h,
            hb,
            "Kazakhstan and Mongolia agree to expand transit cooperation",
            "2024-03-14",
            1,
        ),
        ("html-cp1251", c, cb, "", "2023-11-20", 1),
        (
            "text",
            t,
            tb,
            "Indonesia and Viet Nam Agree on Joint Patrols in the Natuna Sea",
            "2023-10-03",
            1,
        ),
        (
            "markdown",
            m,
            mb,
            "Readout of the Secretary’s Call with Minister of Foreign Affairs of the Republic of Moldova Elena Draganescu",
            "2024-07-22",
            1,
        ),
        (
            "atom",
            a,
            ab,
            "Kazakhstan and the EU hold the 21st meeting of the Cooperation Committee in Astana",
            "2024-11-06",
            2,
        ),
        (
            "rss",
            r,
            rb,
            "Tajikistan and Qatar sign an agreement on visa exemption",
            "2024-10-17",
            3,
        ),
        (
            "jsonl",
            j,
            jb,
            "Foreign Ministers of Latvia and Estonia met in Riga",
            "2024-05-16",
            3,
        ),
    ]
}

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    let mut g = c.benchmark_group("ingest");
    for (label, file, bytes, title, date, count) in cases() {
        let docs = parse_bytes(file, bytes, &opts).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(docs.len(), count, "{file}: documents");
        let first = &docs[0];
        if !title.is_empty() {
            assert_eq!(first.title.as_deref(), Some(title), "{file}: title");
        }
        assert_eq!(
            first.published.map(|d| d.to_string()).as_deref(),
            Some(date),
            "{file}: date"
        );
        assert!(!first.text.is_empty(), "{file}: text");
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(label, |b| {
            b.iter(|| black_box(parse_bytes(file, black_box(bytes), &opts)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
