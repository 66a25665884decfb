//! Turning what a reader found (title, date, paragraphs, …) into a finished
//! [`Document`]: whitespace normalisation, paragraph ranges, the stable id and the
//! language.

use crate::document::{Document, FeedInfo, Paragraph};
use jiff::civil::Date;
use sha2::{Digest, Sha256};

/// What a format reader extracted, before normalisation.
#[derive(Debug, Default, Clone)]
pub(crate) struct Draft {
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    /// A language stated by the input itself that wins over detection (JSON Lines).
    pub language: Option<String>,
    /// A language declared by the page (`<html lang>`), used when detection is unsure.
    pub lang_hint: Option<String>,
    pub paragraphs: Vec<String>,
    pub feed: Option<FeedInfo>,
    /// Site names, one per entry (see [`Document::site`]).
    pub site: Vec<String>,
}

/// Characters dropped from text: zero-width characters, soft hyphens, BOMs.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    )
}

/// Folds every run of whitespace (NBSP included) to one space and trims.
///
/// Runs of printable ASCII other than the space (most of any text) are copied whole;
/// only the characters between them are looked at one by one.
pub(crate) fn fold_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut rest = s;
    while !rest.is_empty() {
        let plain = rest
            .bytes()
            .position(|b| !(0x21..0x7f).contains(&b))
            .unwrap_or(rest.len());
        if plain > 0 {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push_str(&rest[..plain]);
            rest = &rest[plain..];
            continue;
        }
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if is_invisible(c) || (c.is_control() && c != '\t') {
            continue;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Normalises one paragraph: lines folded, blank lines dropped, lines kept with `\n`.
fn normalize_paragraph(p: &str) -> String {
    let mut out = String::new();
    for line in p.split('\n') {
        let line = fold_ws(line);
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

/// Case- and whitespace-insensitive comparison key.
pub(crate) fn key(s: &str) -> String {
    fold_ws(s).to_lowercase()
}

fn stable_id(source: &str, text: &str) -> String {
    let mut h = Sha256::new();
    h.update(source.as_bytes());
    h.update([0u8]);
    h.update(text.as_bytes());
    let digest = h.finalize();
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Site names folded, deduplicated and joined one per line (at most 8 names of at most
/// 200 characters: a masthead, not a page).
fn site_lines(names: &[String]) -> Option<String> {
    let mut kept: Vec<String> = Vec::new();
    for n in names {
        let n = fold_ws(n);
        if n.is_empty() || n.chars().count() > 200 || kept.iter().any(|k| key(k) == key(&n)) {
            continue;
        }
        kept.push(n);
        if kept.len() == 8 {
            break;
        }
    }
    (!kept.is_empty()).then(|| kept.join("\n"))
}

impl Draft {
    pub(crate) fn finish(self) -> Document {
        let title = self.title.as_deref().map(fold_ws).filter(|t| !t.is_empty());
        let title_key = title.as_deref().map(key);
        let mut paras: Vec<String> = Vec::with_capacity(self.paragraphs.len());
        for p in &self.paragraphs {
            let p = normalize_paragraph(p);
            if p.is_empty() {
                continue;
            }
            if paras.is_empty() && title_key.as_deref() == Some(key(&p).as_str()) {
                continue; // the headline repeated as the first paragraph
            }
            paras.push(p);
        }
        let mut text = String::with_capacity(paras.iter().map(|p| p.len() + 2).sum());
        let mut ranges = Vec::with_capacity(paras.len());
        for p in &paras {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(p);
            ranges.push(Paragraph {
                start,
                end: text.len(),
            });
        }
        let published = self
            .published
            .or_else(|| paras.first().and_then(|p| crate::dates::dateline(p)));
        let language = self
            .language
            .as_deref()
            .and_then(crate::lang::normalize_code)
            .or_else(|| crate::lang::detect(title.as_deref().unwrap_or(""), &text))
            .or_else(|| {
                self.lang_hint
                    .as_deref()
                    .and_then(crate::lang::normalize_code)
            })
            .unwrap_or_else(|| "und".to_string());
        Document {
            id: stable_id(&self.source, &text),
            source: self.source,
            url: self
                .url
                .map(|u| u.trim().to_string())
                .filter(|u| !u.is_empty()),
            title,
            published,
            language,
            text,
            paragraphs: ranges,
            site: site_lines(&self.site),
            feed: self.feed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fold_ws` one character at a time (what the run-copying version must equal).
    fn fold_ws_by_char(s: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in s.chars() {
            if c.is_whitespace() {
                pending_space = !out.is_empty();
            } else if is_invisible(c) || (c.is_control() && c != '\t') {
                continue;
            } else {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn fold_ws_copies_runs_as_the_character_walk_would() {
        for s in [
            "",
            " ",
            "plain",
            "  two   words  ",
            "tab\there\r\nand\x0bvt\x0cff",
            "nbsp\u{a0}between\u{2003}em space",
            "zero\u{200b}width\u{feff} and soft\u{ad}hyphen",
            "ctrl\x01\x7fchars\x00",
            "Минск\u{a0} — «кавычки»\n\n  end",
            "\u{200b} \u{200b}x",
        ] {
            assert_eq!(fold_ws(s), fold_ws_by_char(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_ws_equals_the_character_walk(s in "[ a-zA-Z\t\n\r\x00-\x1f\x7f\u{a0}\u{200b}\u{ad}é—\u{2003}]{0,40}") {
            proptest::prop_assert_eq!(fold_ws(&s), fold_ws_by_char(&s));
        }
    }

    #[test]
    fn folds_and_ranges() {
        let d = Draft {
            source: "x".into(),
            title: Some("A  title".into()),
            paragraphs: vec![
                "a\u{a0}title".into(),
                "  First\u{a0} para  ".into(),
                "".into(),
                "Second\nline two ".into(),
            ],
            ..Draft::default()
        }
        .finish();
        assert_eq!(d.title.as_deref(), Some("A title"));
        assert_eq!(d.text, "First para\n\nSecond\nline two");
        assert_eq!(d.paragraphs.len(), 2);
        assert_eq!(&d.text[d.paragraphs[1].range()], "Second\nline two");
        assert_eq!(d.id.len(), 16);
    }
}
