//! A one-pass byte-span tokenizer shared by the date and quantity scanners.
//!
//! Tokens are words (a letter followed by letters or digits: `May`, `COP26`), numbers
//! (digits with inner `.`, `,`, `/`, `:` between digits: `21.05.2024`, `1,500`, `51.5`;
//! an ordinal suffix `st`/`nd`/`rd`/`th` is kept in the token and flagged) and single
//! punctuation characters. Whitespace is skipped; adjacency is visible from the spans.

use crate::sentences::BYTE_CLASS;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

/// One token: a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// A number written with an ordinal suffix (`10th`).
    pub ordinal: bool,
}

impl Tok {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
    /// The digits part of a number token (without an ordinal suffix).
    pub fn digits<'t>(&self, text: &'t str) -> &'t str {
        let s = self.text(text);
        if self.ordinal {
            s.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        } else {
            s
        }
    }
}

fn is_sep(b: u8) -> bool {
    matches!(b, b'.' | b',' | b'/' | b':')
}

/// Split `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while i < bytes.len() {
        i = step(text, i, &mut out);
    }
    out
}

/// [`tokenize`], given the word tokens of the whole text ([`crate::sentences::tokens`]
/// over all of `text`, or none): the walk goes from token to token, and a token that
/// begins with an ASCII letter is a word as it stands (both are runs of letters and
/// digits); only the characters between the tokens, and the tokens that begin
/// otherwise (numbers), are read a character at a time as [`tokenize`] reads them.
pub(crate) fn tokenize_with_words(text: &str, words: &[crate::sentences::Token]) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(words.len() + words.len() / 2 + 8);
    let mut i = 0;
    for t in words {
        if t.end > bytes.len() || t.end <= t.start {
            break; // not a token of this text: read the rest a character at a time
        }
        if t.start < i {
            // Inside a number read past its start ("21.05.2024"): read on to its end.
            while i < t.end {
                i = step(text, i, &mut out);
            }
            continue;
        }
        // The characters between the tokens: spaces and punctuation (ASCII ones at once).
        while i < t.start {
            match bytes[i] {
                b' ' => i += 1,
                b @ (b'!'..=b'/' | b':'..=b'@' | b'['..=b'`' | b'{'..=b'~') => {
                    debug_assert!(b.is_ascii_punctuation());
                    out.push(Tok {
                        start: i,
                        end: i + 1,
                        kind: Kind::Punct,
                        ordinal: false,
                    });
                    i += 1;
                }
                _ => i = step(text, i, &mut out),
            }
        }
        if i == t.start && bytes[i].is_ascii_alphabetic() {
            out.push(Tok {
                start: i,
                end: t.end,
                kind: Kind::Word,
                ordinal: false,
            });
            i = t.end;
        }
    }
    while i < bytes.len() {
        i = step(text, i, &mut out);
    }
    out
}

/// One step of [`tokenize`] at byte `i` (a character boundary inside the text): pushes
/// the token that begins there, if any, and returns where the next step begins.
#[inline]
fn step(text: &str, mut i: usize, out: &mut Vec<Tok>) -> usize {
    let bytes = text.as_bytes();
    let Some(&b) = bytes.get(i) else {
        return i + 1;
    };
    if b.is_ascii_whitespace() {
        return i + 1;
    }
    if b.is_ascii_digit() {
        let start = i;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                i += 1;
            } else if is_sep(bytes[i]) && i + 1 < bytes.len() && bytes[i + 1].is_ascii_digit() {
                i += 2;
            } else {
                break;
            }
        }
        let mut ordinal = false;
        if i + 1 < bytes.len() {
            let suf = [
                bytes[i].to_ascii_lowercase(),
                bytes[i + 1].to_ascii_lowercase(),
            ];
            let after_ok = bytes.get(i + 2).is_none_or(|c| !c.is_ascii_alphanumeric());
            if after_ok && matches!(&suf, b"st" | b"nd" | b"rd" | b"th") {
                ordinal = true;
                i += 2;
            }
        }
        out.push(Tok {
            start,
            end: i,
            kind: Kind::Num,
            ordinal,
        });
        return i;
    }
    // Decode one char (ASCII directly).
    let c = if b.is_ascii() {
        char::from(b)
    } else {
        match text.get(i..).and_then(|s| s.chars().next()) {
            Some(c) => c,
            None => return bytes.len(),
        }
    };
    if crate::sentences::is_alpha(c) {
        let start = i;
        while i < bytes.len() {
            // Runs of ASCII letters and digits in a tight loop.
            while i < bytes.len() && BYTE_CLASS[usize::from(bytes[i])] == 1 {
                i += 1;
            }
            let Some(&b) = bytes.get(i) else { break };
            if b.is_ascii() {
                break;
            }
            match text.get(i..).and_then(|s| s.chars().next()) {
                Some(c) if crate::sentences::is_alnum(c) => i += c.len_utf8(),
                _ => break,
            }
        }
        out.push(Tok {
            start,
            end: i,
            kind: Kind::Word,
            ordinal: false,
        });
        i
    } else if c.is_whitespace() {
        i + c.len_utf8()
    } else {
        out.push(Tok {
            start: i,
            end: i + c.len_utf8(),
            kind: Kind::Punct,
            ordinal: false,
        });
        i + c.len_utf8()
    }
}

/// A capitalized month (`May`, `Sept`) or weekday name.
pub(crate) fn is_month_or_weekday(word: &str) -> bool {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let w = word.to_ascii_lowercase();
    super::MONTHS
        .iter()
        .chain(super::WEEKDAYS.iter())
        .any(|n| *n == w || (w.len() >= 3 && w.len() < n.len() && n.starts_with(&w)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<String> {
        tokenize(text)
            .iter()
            .map(|t| t.text(text).to_string())
            .collect()
    }

    #[test]
    fn splits_numbers_words_and_punctuation() {
        assert_eq!(
            show("On 10th May, 1,500 tonnes (21.05.2024) COP26 – 10-11"),
            [
                "On",
                "10th",
                "May",
                ",",
                "1,500",
                "tonnes",
                "(",
                "21.05.2024",
                ")",
                "COP26",
                "–",
                "10",
                "-",
                "11"
            ]
        );
        for text in [
            "On 10th May, 1,500 tonnes (21.05.2024) COP26 – 10-11 Kyïv 10abc x2y São",
            "Straße ǅemal İstanbul 3rd-party 5G",
            "1.5abc 21.05.2024x 10thx 2nd. ²x ½ 3²a x\u{2009}1 7,\u{a0}8 …",
            "9",
            "",
            "a",
        ] {
            let words = crate::sentences::tokens(text, crate::record::Span::new(0, text.len()));
            assert_eq!(tokenize_with_words(text, &words), tokenize(text));
        }
        // And every text of the project and the brief.
        crate::test_texts::each(true, |text, path| {
            let words = crate::sentences::tokens(text, crate::record::Span::new(0, text.len()));
            assert_eq!(
                tokenize_with_words(text, &words),
                tokenize(text),
                "{}",
                path.display()
            );
        });
        let t = tokenize("the 10th");
        assert!(t[1].ordinal);
        assert_eq!(t[1].digits("the 10th"), "10");
        assert_eq!(show("end."), ["end", "."]);
        assert_eq!(show("1. Item"), ["1", ".", "Item"]);
    }
}
