//! `extract()` never panics, and every span it reports lies inside the text on char
//! boundaries, whatever the input.

use attache_extract::{Record, Span, extract};
use attache_ingest::{Document, Paragraph};
use proptest::prelude::*;

fn doc(text: String) -> Document {
    let len = text.len();
    Document {
        id: "prop".into(),
        source: "prop.txt".into(),
        url: Some("https://mfa.gov.by/en/press/".into()),
        title: Some("Readout of President Joseph R. Biden Call with Prime Minister".into()),
        published: jiff::civil::Date::new(2024, 5, 22).ok(),
        language: "en".into(),
        text,
        paragraphs: vec![Paragraph { start: 0, end: len }],
        site: None,
        feed: None,
    }
}

fn check_span(text: &str, s: &Span) -> Result<(), TestCaseError> {
    prop_assert!(s.start <= s.end, "span {s:?} reversed");
    prop_assert!(
        s.end <= text.len(),
        "span {s:?} past the end ({})",
        text.len()
    );
    prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    Ok(())
}

fn check(text: &str, r: &Record) -> Result<(), TestCaseError> {
    for s in &r.sentences {
        check_span(text, s)?;
    }
    for m in &r.mentions {
        check_span(text, &m.span)?;
    }
    for a in &r.actors {
        for s in &a.spans {
            check_span(text, s)?;
        }
    }
    for e in &r.events {
        for s in &e.evidence {
            check_span(text, s)?;
        }
        if let Some(s) = e.location.as_ref().and_then(|l| l.span) {
            check_span(text, &s)?;
        }
    }
    for t in &r.topics {
        for s in &t.evidence {
            check_span(text, s)?;
        }
    }
    for q in &r.quantities {
        check_span(text, &q.span)?;
    }
    Ok(())
}

/// Fragments of press-release wording, to build inputs that reach deep into the rules.
const PIECES: &[&str] = &[
    "On May 21, 2024 in Astana, ",
    "the Minister of Foreign Affairs of the Republic of Belarus, ",
    "Sergei Aleinik, ",
    "held a bilateral meeting with ",
    "S.Aleinik ",
    "M. Nurtleu ",
    "KISHIDA Fumio ",
    "H.E. Mr. ",
    "will visit ",
    "has been cancelled. ",
    "did not take part ",
    "LLP \"Machine Building Plant\" ",
    "JSC NC «KazMunayGas» ",
    "PT Garuda (Persero) Tbk ",
    "expressed condolences to the Kazakh side. ",
    "agreed to ",
    "USD 1.1 billion ",
    "10-11 May ",
    "yesterday ",
    "the sides ",
    "his counterpart ",
    "The President ",
    "He ",
    "Ye.",
    "«",
    "»",
    "\"",
    ". ",
    ", ",
    "\n\n",
    "\n",
    "é",
    "Çavuşoğlu ",
    "ß",
    "🙂",
    "–",
    "-",
    "’s ",
    "G.L.Peiris ",
    "Prime Minister Boris Johnson of the United Kingdom ",
    "talks in narrow and extended formats ",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let r = extract(&doc(text.clone()));
        check(&text, &r)?;
    }

    #[test]
    fn release_like_text_never_panics(idx in proptest::collection::vec(0..PIECES.len(), 0..60)) {
        let text: String = idx.iter().map(|&i| PIECES[i]).collect();
        let r = extract(&doc(text.clone()));
        check(&text, &r)?;
    }
}

#[test]
fn empty_and_whitespace_documents() {
    for t in ["", " ", "\n\n\n", ".", "...", "«»", "Mr.", "A. B. C."] {
        let r = extract(&doc(t.to_string()));
        assert!(r.events.is_empty() || !t.trim().is_empty());
    }
}
