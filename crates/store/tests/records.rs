//! Stored records read back exactly: the releases of `examples/` and (when
//! `../shared` is present) a sample of the White House readouts are extracted, stored
//! in one batch and read back; every record equals the extracted one and every piece
//! of evidence is the document text at its span.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use attache_extract::Record;
use attache_ingest::{Document, Options, read_path};
use attache_store::{EventFilter, Store};
use std::path::Path;

fn documents(dir: &Path, every: usize) -> Vec<Document> {
    read_path(dir, &Options::default())
        .filter_map(Result::ok)
        .step_by(every)
        .collect()
}

fn round_trip(docs: Vec<Document>) {
    assert!(!docs.is_empty());
    let items: Vec<(Document, Record)> = docs
        .into_iter()
        .map(|d| {
            let r = attache_extract::extract(&d);
            (d, r)
        })
        .collect();
    let mut store = Store::open_in_memory().unwrap();
    for outcome in store.ingest_batch(&items).unwrap() {
        outcome.unwrap();
    }
    let mut mentions = 0;
    for (doc, rec) in &items {
        let stored = store.record(&doc.id).unwrap();
        // Duplicates of an earlier document are not stored under their own id.
        if let Some(stored) = stored {
            assert_eq!(&stored, rec, "{}", doc.source);
            mentions += rec.mentions.len();
        }
    }
    assert!(mentions > 0);
    let events = store.events(&EventFilter::default()).unwrap();
    assert!(!events.is_empty());
    for e in events {
        for s in &e.sources {
            let doc = store.document(&s.doc_id).unwrap().unwrap().document;
            for ev in &s.evidence {
                assert_eq!(ev.text, doc.text[ev.start..ev.end], "{}", s.source);
            }
        }
    }
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn the_examples_read_back_exactly() {
    round_trip(documents(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples"),
        1,
    ));
}

#[test]
fn a_sample_of_the_white_house_readouts_reads_back_exactly() {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/real/wh-readouts"
    ));
    if !dir.is_dir() {
        println!("SKIP: {} is absent", dir.display());
        return;
    }
    // Every 10th readout: ~160 documents, quick in a debug build.
    round_trip(documents(dir, 10));
}
