//! Fuzz target: extraction of any text never panics and every span of the record
//! (sentences, mentions, actors, event evidence, participants, locations, topics,
//! quantities) lies inside the text on char boundaries. The first byte picks whether
//! the bytes go through ingest (as plain text or HTML) or straight into a Document.
#![no_main]

mod common;

use attache_extract::{Record, Span};
use attache_ingest::{Document, Format, Paragraph};
use libfuzzer_sys::fuzz_target;

fn check(text: &str, s: &Span) {
    assert!(s.start <= s.end && s.end <= text.len(), "{s:?} outside {}", text.len());
    assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{s:?}");
}

fn check_record(text: &str, r: &Record) {
    r.sentences.iter().for_each(|s| check(text, s));
    r.mentions.iter().for_each(|m| check(text, &m.span));
    for a in &r.actors {
        a.spans.iter().for_each(|s| check(text, s));
    }
    for e in &r.events {
        e.evidence.iter().for_each(|s| check(text, s));
        if let Some(s) = e.location.as_ref().and_then(|l| l.span) {
            check(text, &s);
        }
        for p in &e.participants {
            p.spans.iter().for_each(|s| check(text, s));
        }
    }
    for t in &r.topics {
        t.evidence.iter().for_each(|s| check(text, s));
    }
    r.quantities.iter().for_each(|q| check(text, &q.span));
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let docs = match mode % 3 {
        0 => common::ingest(rest, Some(Format::Text)),
        1 => common::ingest(rest, Some(Format::Html)),
        _ => {
            let text = String::from_utf8_lossy(rest).into_owned();
            let len = text.len();
            vec![Document {
                id: "fuzz".into(),
                source: "fuzz".into(),
                url: None,
                title: None,
                published: None,
                language: "en".into(),
                text,
                paragraphs: vec![Paragraph { start: 0, end: len }],
                feed: None,
            }]
        }
    };
    for d in docs {
        let r = attache_extract::extract(&d);
        check_record(&d.text, &r);
    }
});
