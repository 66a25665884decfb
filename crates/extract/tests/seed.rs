//! The seed release must project exactly onto its gold annotation: every metric of
//! `attache eval` at 1.0. Reads `../shared/corpus` (skipped when absent).

#![allow(clippy::unwrap_used)]

use attache_extract::{GoldDoc, score_record};
use std::path::Path;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");
const SEED: &str = "blr-kaz-fm-2024-05-21";

#[test]
fn seed_scores_perfectly() {
    let doc_path = Path::new(CORPUS).join(format!("docs/{SEED}.txt"));
    let gold_path = Path::new(CORPUS).join(format!("gold/{SEED}.json"));
    if !doc_path.exists() || !gold_path.exists() {
        eprintln!("skipping: {} is absent", doc_path.display());
        return;
    }
    let gold: GoldDoc =
        serde_json::from_str(&std::fs::read_to_string(&gold_path).unwrap()).unwrap();
    let docs: Vec<_> = attache_ingest::read_path(&doc_path, &attache_ingest::Options::default())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(docs.len(), 1, "the seed is one document");
    let record = attache_extract::extract(&docs[0]);
    let pred = record.to_gold(&docs[0]);
    let score = score_record(&pred, &gold);
    let m = &score.metrics;
    let f1s = [
        ("events", m.events.f1()),
        ("events (core)", m.events_core.f1()),
        ("participants", m.participants.f1()),
        ("countries", m.countries.f1()),
        ("organizations", m.organizations.f1()),
        ("places", m.places.f1()),
        ("persons", m.persons.f1()),
        ("companies", m.companies.f1()),
        ("topics", m.topics.f1()),
        ("quantities", m.quantities.f1()),
        ("date", m.date.accuracy()),
        ("status", m.status.accuracy()),
        ("place", m.place.accuracy()),
        ("title", m.title.accuracy()),
        ("published", m.published.accuracy()),
    ];
    let below: Vec<String> = f1s
        .iter()
        .filter(|(_, v)| *v < 1.0)
        .map(|(n, v)| format!("{n} {v:.3}"))
        .collect();
    assert!(
        below.is_empty() && score.misses.total == 0,
        "seed below 1.0: {}\n{:#?}",
        below.join(", "),
        score.diff
    );
}
