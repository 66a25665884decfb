//! The release text as HTML, with every span of the extracted record wrapped so that
//! choosing an item of the record marks its evidence in the text.
//!
//! Each stretch of text covered by at least one item becomes
//! `<span class="ev" data-h="e0 p2">…</span>` listing the items covering it; the first
//! stretch of each item is preceded by an empty anchor `<span id="s-e0"></span>`.
//! Stretches of the selected item (if any) also get the class `hl`, so highlighting
//! works without JavaScript; the script toggles the same class in place.

use crate::html::{Html, w};
use attache_extract::Span;
use attache_ingest::Document;

/// One item of the record and the spans of its evidence.
#[derive(Debug, Clone)]
pub(crate) struct Mark {
    /// Short id, unique within the page (`e0`, `p3`, …).
    pub(crate) id: String,
    pub(crate) spans: Vec<Span>,
}

/// Paragraph ranges of a document, falling back to blank-line splitting when the
/// document carries none (or ranges that do not fit its text).
fn paragraphs(doc: &Document) -> Vec<(usize, usize)> {
    let text = &doc.text;
    let given: Vec<(usize, usize)> = doc
        .paragraphs
        .iter()
        .filter(|p| p.start < p.end && text.get(p.start..p.end).is_some())
        .map(|p| (p.start, p.end))
        .collect();
    if !given.is_empty() {
        return given;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices("\n\n") {
        if i > start {
            out.push((start, i));
        }
        start = i + 2;
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// Renders the text as `<p>` elements with marks; `selected` is the id to highlight.
pub(crate) fn render(doc: &Document, marks: &[Mark], selected: Option<&str>) -> Html {
    let text = doc.text.as_str();
    let paras = paragraphs(doc);
    // Every boundary where the set of covering items can change.
    let mut cuts: Vec<usize> = Vec::new();
    for &(s, e) in &paras {
        cuts.push(s);
        cuts.push(e);
    }
    let valid = |s: &Span| s.start < s.end && text.get(s.start..s.end).is_some();
    for m in marks {
        for s in m.spans.iter().filter(|s| valid(s)) {
            cuts.push(s.start);
            cuts.push(s.end);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut anchored: Vec<&str> = Vec::new();
    let mut h = Html::new();
    for (ps, pe) in paras {
        h.raw("<p>");
        let inner: Vec<usize> = cuts.iter().copied().filter(|&c| c > ps && c < pe).collect();
        let mut bounds = Vec::with_capacity(inner.len() + 2);
        bounds.push(ps);
        bounds.extend(inner);
        bounds.push(pe);
        for pair in bounds.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let Some(seg) = text.get(a..b) else { continue };
            let covering: Vec<&Mark> = marks
                .iter()
                .filter(|m| {
                    m.spans
                        .iter()
                        .any(|s| valid(s) && s.start <= a && b <= s.end)
                })
                .collect();
            if covering.is_empty() {
                h.text(seg);
                continue;
            }
            for m in &covering {
                if !anchored.contains(&m.id.as_str()) {
                    anchored.push(m.id.as_str());
                    w!(h, "<span class=\"anchor\" id=\"s-" {&m.id} "\"></span>");
                }
            }
            let ids: Vec<&str> = covering.iter().map(|m| m.id.as_str()).collect();
            let on = selected.is_some_and(|sel| ids.contains(&sel));
            if on {
                h.raw("<span class=\"ev hl\" data-h=\"");
            } else {
                h.raw("<span class=\"ev\" data-h=\"");
            }
            w!(h, {ids.join(" ")} "\">" {seg} "</span>");
        }
        h.raw("</p>\n");
    }
    h
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document {
            id: "x".into(),
            source: "t".into(),
            url: None,
            title: None,
            published: None,
            language: "en".into(),
            text: text.into(),
            paragraphs: vec![],
            site: None,
            feed: None,
        }
    }

    #[test]
    fn overlapping_marks_split_segments_and_escape() {
        let d = doc("A <b> met C.\n\nSecond para.");
        let marks = vec![
            Mark {
                id: "e0".into(),
                spans: vec![Span::new(0, 12)],
            },
            Mark {
                id: "p0".into(),
                spans: vec![Span::new(0, 1)],
            },
        ];
        let h = render(&d, &marks, Some("e0")).into_string();
        assert!(
            h.contains("<span class=\"ev hl\" data-h=\"e0 p0\">A</span>"),
            "{h}"
        );
        assert!(h.contains("&lt;b&gt;"), "{h}");
        assert!(h.contains("id=\"s-e0\""));
        assert_eq!(h.matches("<p>").count(), 2);
        assert!(h.contains("<p>Second para.</p>"));
    }

    #[test]
    fn spans_off_char_boundaries_are_ignored() {
        let d = doc("Минск");
        let marks = vec![Mark {
            id: "l0".into(),
            spans: vec![Span::new(1, 3), Span::new(0, 99)],
        }];
        let h = render(&d, &marks, None).into_string();
        assert_eq!(h, "<p>Минск</p>\n");
    }
}
