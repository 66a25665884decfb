//! Every row of data/event_patterns.tsv carries an example sentence: the pattern must
//! match it, and `extract()` must find an event of the row's kind in it.

use attache_extract::{EventKind, extract};
use attache_ingest::{Document, Paragraph};

fn doc(text: &str) -> Document {
    Document {
        id: "example".into(),
        source: "example.txt".into(),
        url: None,
        title: None,
        // No publication date: example dates are neither old nor future.
        published: None,
        language: "en".into(),
        text: text.to_string(),
        paragraphs: vec![Paragraph {
            start: 0,
            end: text.len(),
        }],
        site: None,
        feed: None,
    }
}

fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[test]
fn every_pattern_finds_its_example() {
    let pats = attache_lexicon::events::event_patterns();
    assert!(
        !pats.patterns.is_empty(),
        "data/event_patterns.tsv did not load"
    );
    let mut failures = Vec::new();
    for (i, p) in pats.patterns.iter().enumerate() {
        let Some(kind) = EventKind::parse(p.kind) else {
            failures.push(format!("{}: unknown kind {:?}", p.pattern, p.kind));
            continue;
        };
        // The pattern itself must occur in its example (class slots are checked by
        // extract below, so a pattern with slots counts when extract finds the kind).
        let w = words(p.example);
        let refs: Vec<&str> = w.iter().map(String::as_str).collect();
        let has_slot = p.pattern.contains('@');
        if !has_slot && !pats.find(&refs).iter().any(|m| m.pattern == i) {
            failures.push(format!(
                "{} {:?}: pattern does not match its example {:?}",
                p.kind, p.pattern, p.example
            ));
            continue;
        }
        let record = extract(&doc(p.example));
        if !record.events.iter().any(|e| e.kind == kind) {
            let found: Vec<&str> = record.events.iter().map(|e| e.kind.as_str()).collect();
            failures.push(format!(
                "{} {:?}: extract() found {:?} in {:?}",
                p.kind, p.pattern, found, p.example
            ));
        }
    }
    let n = pats.patterns.len();
    println!("{}/{} patterns pass", n - failures.len(), n);
    for f in &failures {
        println!("  FAIL {f}");
    }
    assert!(failures.is_empty(), "{} patterns fail", failures.len());
}
