//! Snapshots of the full record of every corpus document (`../shared/corpus/docs`,
//! skipped when absent) and of every file in `examples/`, so that any change of
//! extraction output shows up in review.
//!
//! Regenerate after an intended change with
//! `INSTA_UPDATE=always cargo test -p attache-extract --test snapshots`
//! (or `cargo insta test -p attache-extract --test snapshots --review`).

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

const CORPUS_DOCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/docs");
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files(&p));
        } else if p.file_name().is_some_and(|n| {
            // As ingest reads a directory: hidden and README files are skipped.
            let n = n.to_string_lossy();
            !n.starts_with('.') && !n.starts_with("README")
        }) {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The snapshot of one input file: per document, its metadata and the full record with
/// the text of every span beside it. The extractor version and the document id (a hash
/// of the path) are blanked.
fn snapshot_of(path: &Path) -> serde_json::Value {
    let docs: Vec<_> = attache_ingest::read_path(path, &attache_ingest::Options::default())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let items: Vec<serde_json::Value> = docs
        .iter()
        .map(|doc| {
            let record = attache_extract::extract(doc);
            let mut record = serde_json::to_value(&record).unwrap();
            add_span_text(&mut record, &doc.text);
            record["extractor"] = serde_json::Value::from("[extractor]");
            // The document id hashes the source path, which differs between clones.
            record["doc_id"] = serde_json::Value::from("[doc_id]");
            serde_json::json!({
                "title": doc.title,
                "published": doc.published,
                "language": doc.language,
                "feed_position": doc.feed.as_ref().map(|f| f.position),
                "record": record,
            })
        })
        .collect();
    serde_json::Value::from(items)
}

/// Put the text each span covers next to it (`"text"`), so that a snapshot reads as
/// what was extracted, not as bare offsets.
fn add_span_text(v: &mut serde_json::Value, text: &str) {
    match v {
        serde_json::Value::Object(map) => {
            let bounds = (
                map.get("start").and_then(|s| s.as_u64()),
                map.get("end").and_then(|e| e.as_u64()),
            );
            if let (Some(s), Some(e)) = bounds {
                let covered = text
                    .get(s as usize..e as usize)
                    .unwrap_or("[span out of text]");
                map.insert("text".into(), covered.into());
            }
            map.values_mut().for_each(|x| add_span_text(x, text));
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|x| add_span_text(x, text)),
        _ => {}
    }
}

fn snapshot_dir(dir: &str, prefix: &str) -> usize {
    let paths = files(Path::new(dir));
    for path in &paths {
        let rel = path.strip_prefix(dir).unwrap_or(path);
        let name = format!(
            "{prefix}__{}",
            rel.to_string_lossy().replace(['/', '\\'], "__")
        );
        let value = snapshot_of(path);
        insta::assert_json_snapshot!(name, value);
    }
    paths.len()
}

#[test]
fn corpus_records() {
    if !Path::new(CORPUS_DOCS).is_dir() {
        eprintln!("skipping: {CORPUS_DOCS} is absent");
        return;
    }
    let n = snapshot_dir(CORPUS_DOCS, "corpus");
    assert!(n > 0, "no corpus documents");
}

#[test]
fn example_records() {
    let n = snapshot_dir(EXAMPLES, "examples");
    eprintln!("{n} example files");
}
