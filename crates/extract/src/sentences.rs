//! Sentence splitting and word tokens.
//!
//! Sentences end at `.`, `!`, `?` (optionally followed by closing quotes or brackets)
//! when whitespace and an upper-case letter, digit or opening quote follow — except
//! after abbreviations ("Mr.", "Jan.", "No.", "U.S.") and initials ("S.Aleinik",
//! "M. Nurtleu", "Joseph R. Biden"). Blank lines always end a sentence; so does a line
//! break after a line that looks like a heading or list item.

use crate::record::Span;

/// Abbreviations (lowercase, without the final dot) after which a dot does not end a
/// sentence even when a capitalised word follows.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "h.e", "u.s", "u.k", "u.n", "e.u", "gen", "col", "lt",
    "maj", "capt", "sen", "rep", "gov", "prof", "amb", "hon", "rev", "sr", "messrs", "vs", "e.g",
    "i.e", "etc", "art", "para", "ref", "fig", "approx", "inc", "co", "corp", "ltd", "dept", "p",
    "pp", "vol", "mt", "ft", "sq", "est", "d.c", "a.m", "p.m", "jr",
];

/// [`ABBREVIATIONS`] as a [`crate::wordset::WordSet`].
fn abbreviations() -> &'static crate::wordset::WordSet {
    static SET: std::sync::OnceLock<crate::wordset::WordSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| crate::wordset::WordSet::new(ABBREVIATIONS.iter().copied()))
}

/// Bytes of the longest of [`ABBREVIATIONS`].
const MAX_ABBREVIATION_LEN: usize = {
    let mut m = 0;
    let mut k = 0;
    while k < ABBREVIATIONS.len() {
        if ABBREVIATIONS[k].len() > m {
            m = ABBREVIATIONS[k].len();
        }
        k += 1;
    }
    m
};

/// Split `text` into sentence spans (trimmed, non-empty, in order).
pub(crate) fn split(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    let mut last_break: Option<usize> = None;
    let n = bytes.len();
    while i < n {
        // Only line breaks and sentence punctuation matter: skip to the next one.
        i = next_stop(bytes, i);
        if i >= n {
            break;
        }
        let b = bytes[i];
        if b == b'\n' {
            // Blank line (possibly with spaces) → paragraph break.
            let mut j = i + 1;
            while j < n && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                j += 1;
            }
            // Every line break is visited in order: the last one starts this line.
            let line_start = last_break.map_or(0, |p| p + 1);
            last_break = Some(i);
            let line = text.get(line_start..i).unwrap_or("").trim();
            if (j < n && bytes[j] == b'\n') || line_is_heading(line) || next_is_list_item(text, j) {
                push(text, start, i, &mut out);
                start = i + 1;
            }
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            // Extend over closing quotes / brackets.
            let mut end = i + 1;
            loop {
                let rest = &text[end..];
                let Some(c) = rest.chars().next() else { break };
                if matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»') {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            if is_boundary(text, i, end) {
                push(text, start, end, &mut out);
                start = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push(text, start, n, &mut out);
    out
}

/// The bytes [`split`] looks at: line breaks and sentence punctuation.
const STOPS: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t
};

/// The index of the first byte of [`STOPS`] at or after `i` (`bytes.len()` if none):
/// eight bytes at a time while none of them can be one, then byte by byte.
fn next_stop(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Non-zero when some byte of `x` may equal `b` (never zero when one does).
    let may_have = |x: u64, b: u8| {
        let v = x ^ (ONES * u64::from(b));
        v.wrapping_sub(ONES) & !v & HIGHS
    };
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_le_bytes(chunk);
        if may_have(x, b'\n') | may_have(x, b'.') | may_have(x, b'!') | may_have(x, b'?') != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && !STOPS[usize::from(bytes[i])] {
        i += 1;
    }
    i
}

/// Longest sentence the later stages see: a run-on text (no punctuation for pages) is
/// cut at a comma, semicolon or space so that per-sentence work stays bounded.
const MAX_SENTENCE: usize = 2000;

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let mut start = start;
    while end - start > MAX_SENTENCE {
        let mut cut = start + MAX_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[start..cut];
        let at = window
            .rfind("; ")
            .or_else(|| window.rfind(", "))
            .filter(|&i| i > MAX_SENTENCE / 2)
            .map(|i| i + 1)
            .or_else(|| window.rfind(char::is_whitespace))
            .filter(|&i| i > 0)
            .unwrap_or(window.len());
        push_one(text, start, start + at, out);
        start += at;
    }
    push_one(text, start, end, out);
}

fn push_one(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.is_empty() {
        return;
    }
    // Skip pure punctuation fragments.
    if !t.chars().any(char::is_alphanumeric) {
        return;
    }
    out.push(Span::new(start + lead, start + lead + t.len()));
}

fn line_is_heading(line: &str) -> bool {
    // A short line without final punctuation, followed by a single line break, is a
    // heading or a label (wrapped prose lines are longer).
    let Some(last) = line.chars().last() else {
        return false;
    };
    line.len() < 60
        && !matches!(
            last,
            '.' | ',' | ';' | ':' | '-' | '–' | '(' | '"' | '“' | '«'
        )
        && !last.is_lowercase()
}

fn next_is_list_item(text: &str, j: usize) -> bool {
    let rest = text.get(j..).unwrap_or("");
    rest.starts_with("- ")
        || rest.starts_with("* ")
        || rest.starts_with("• ")
        || rest.starts_with("-   ")
        || {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            digits > 0 && digits < 3 && rest[digits..].starts_with(". ")
        }
}

/// Is the punctuation at `i` (ending at `end`) a sentence boundary?
fn is_boundary(text: &str, i: usize, end: usize) -> bool {
    let after = &text[end..];
    // Must be followed by whitespace (or end of text).
    let Some(c0) = after.chars().next() else {
        return true;
    };
    if !c0.is_whitespace() {
        return false;
    }
    let next = after.trim_start();
    let Some(nc) = next.chars().next() else {
        return true;
    };
    let starts_ok = nc.is_uppercase()
        || nc.is_ascii_digit()
        || matches!(
            nc,
            '"' | '“' | '«' | '(' | '\'' | '‘' | '-' | '•' | '*' | '['
        );
    if !starts_ok {
        return false;
    }
    if text.as_bytes()[i] != b'.' {
        return true;
    }
    // The word before the dot.
    let before = &text[..i];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '«' | '/'))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    // The first three characters tell a word of one or two.
    let mut chars = word.chars();
    let (c0, c1, c2) = (chars.next(), chars.next(), chars.next());
    // A single capital letter ("R." in "Joseph R. Biden", "M." in "M. Nurtleu") or an
    // initial pair like "Ye." / "Sh." followed by a capitalised word: not a boundary.
    if let (Some(a), None) = (c0, c1)
        && a.is_uppercase()
    {
        return false;
    }
    if let (Some(a), Some(b), None) = (c0, c1, c2)
        && a.is_uppercase()
        && b.is_lowercase()
    {
        let next_word = &next[..next
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(next.len())];
        // "Ye. Baizhanov" — but "He. The" cannot occur; require that the pair is not a
        // common word.
        if !matches!(
            word,
            "He" | "In"
                | "It"
                | "On"
                | "At"
                | "To"
                | "Is"
                | "Us"
                | "Be"
                | "Do"
                | "Go"
                | "No"
                | "So"
                | "We"
                | "Me"
                | "My"
                | "Of"
                | "Up"
                | "By"
                | "As"
                | "An"
                | "Or"
                | "If"
        ) && next_word.chars().next().is_some_and(char::is_uppercase)
        {
            return false;
        }
    }
    // An ASCII word longer than every abbreviation is none: no lowercase copy (and a
    // short one is lowercased on the stack).
    if !word.is_ascii() || word.trim_end_matches('.').len() <= MAX_ABBREVIATION_LEN {
        let mut buf = [0u8; 16];
        let heap;
        let lower = match buf.get_mut(..word.len()) {
            Some(b) if word.is_ascii() => {
                b.copy_from_slice(word.as_bytes());
                b.make_ascii_lowercase();
                std::str::from_utf8(b).unwrap_or("")
            }
            _ => {
                heap = word.to_lowercase();
                heap.as_str()
            }
        };
        let lower = lower.trim_end_matches('.');
        if abbreviations().contains(lower) {
            // "U.S." at the end of a sentence is common; it ends a sentence before "The",
            // "He", "She", "They", "We", "In" and similar sentence openers.
            if matches!(
                lower,
                "u.s" | "u.k" | "u.n" | "e.u" | "d.c" | "etc" | "jr" | "inc" | "ltd" | "co"
            ) {
                let nw = &next[..next
                    .find(|c: char| !c.is_alphabetic())
                    .unwrap_or(next.len())];
                return matches!(
                    nw,
                    "The"
                        | "He"
                        | "She"
                        | "They"
                        | "We"
                        | "It"
                        | "In"
                        | "On"
                        | "This"
                        | "These"
                        | "Both"
                        | "President"
                        | "Secretary"
                        | "Prime"
                        | "Minister"
                        | "During"
                        | "Vice"
                        | "Mr"
                        | "Ms"
                        | "Mrs"
                        | "Dr"
                        | "Earlier"
                        | "Later"
                        | "Today"
                        | "Following"
                        | "After"
                        | "Additionally"
                        | "Also"
                        | "Finally"
                        | "Ambassador"
                        | "National"
                        | "Deputy"
                );
            }
            return false;
        }
    }
    // Dotted acronyms "U.S.A." mid-sentence.
    if word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        let last_seg = word.rsplit('.').next().unwrap_or("");
        if last_seg.chars().count() <= 2 && last_seg.chars().all(char::is_uppercase) {
            return false;
        }
    }
    true
}

/// A word token: byte span into the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
}

/// Word tokens of `text[range]`: maximal runs of alphanumeric characters. Offsets are
/// absolute.
pub(crate) fn tokens(text: &str, span: Span) -> Vec<Token> {
    let Some(s) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut out = Vec::with_capacity(n / 5);
    // The letter or digit starting at `i` (a character boundary), if any: its width.
    let alnum_at = |i: usize| -> Option<usize> {
        s.get(i..)
            .and_then(|r| r.chars().next())
            .filter(|&c| is_alnum(c))
            .map(char::len_utf8)
    };
    let mut i = 0;
    while i < n {
        // Skip ASCII bytes that are not letters or digits; decode other characters.
        while i < n && BYTE_CLASS[usize::from(bytes[i])] == 0 {
            i += 1;
        }
        if i >= n {
            break;
        }
        if bytes[i] >= 0x80 {
            match alnum_at(i) {
                Some(_) => {}
                None => {
                    // A non-ASCII character that is not a letter or digit.
                    i += s
                        .get(i..)
                        .and_then(|r| r.chars().next())
                        .map_or(1, char::len_utf8);
                    continue;
                }
            }
        }
        let st = i;
        loop {
            while i < n && BYTE_CLASS[usize::from(bytes[i])] == 1 {
                i += 1;
            }
            if i < n
                && bytes[i] >= 0x80
                && let Some(w) = alnum_at(i)
            {
                i += w;
                continue;
            }
            break;
        }
        out.push(Token {
            start: span.start + st,
            end: span.start + i,
        });
    }
    out
}

/// [`char::is_alphanumeric`], answered at once for the General Punctuation block
/// (U+2000..U+206F: typeset spaces, dashes, quotes, bullets), which holds no letter or
/// digit (`char` looks such characters up in its tables, slowly).
#[inline]
pub(crate) fn is_alnum(c: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

/// `w` without the characters that are not letters or digits at either end (as
/// `trim_matches(|c: char| !c.is_alphanumeric())`), at once for a word that begins and
/// ends with an ASCII letter or digit.
#[inline]
pub(crate) fn trim_to_alnum(w: &str) -> &str {
    match (w.as_bytes().first(), w.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_alphanumeric() && z.is_ascii_alphanumeric() => w,
        _ => w.trim_matches(|c: char| !c.is_alphanumeric()),
    }
}

/// [`char::is_alphabetic`], answered at once for the General Punctuation block (see
/// [`is_alnum`]).
#[inline]
pub(crate) fn is_alpha(c: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphabetic()
}

/// By byte: 1 for an ASCII letter or digit, 2 for a byte of a non-ASCII character, 0
/// for any other ASCII byte.
pub(crate) const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            2
        } else if c.is_ascii_alphanumeric() {
            1
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The lowercase forms of `toks` (in text order), borrowing `buf` (cleared first) or
/// the text: an ASCII stretch is lowercased whole into `buf` and sliced; otherwise
/// words already lowercase borrow the text and the others are written into `buf`.
/// `spans` is scratch space. (The reference of [`lowercase_all`], for the tests.)
#[cfg(test)]
pub(crate) fn lowercase_words<'a>(
    text: &'a str,
    toks: &[Token],
    buf: &'a mut String,
    spans: &mut Vec<(bool, usize, usize)>,
) -> Vec<&'a str> {
    buf.clear();
    spans.clear();
    // The stretch of text the words span, lowercased whole in ASCII and sliced.
    if let (Some(first), Some(last)) = (toks.first(), toks.last())
        && let Some(all) = text.get(first.start..last.end)
    {
        buf.push_str(all);
        buf.make_ascii_lowercase();
        if all.is_ascii() {
            // The usual case: every word is a slice of it.
            let buf: &'a String = buf;
            return toks
                .iter()
                .map(|t| -> Option<&str> {
                    let a = t.start.checked_sub(first.start)?;
                    buf.get(a..a + t.end.checked_sub(t.start)?)
                })
                .map(|w| w.unwrap_or(""))
                .collect();
        }
        // Some characters are not ASCII (curly quotes, dashes): the ASCII words are still
        // slices of the stretch; the others are lowercased character by character after it.
        for t in toks {
            let w = text.get(t.start..t.end).unwrap_or("");
            match t.start.checked_sub(first.start) {
                Some(a) if w.is_ascii() => spans.push((true, a, a + w.len())),
                _ => {
                    let st = buf.len();
                    buf.extend(w.chars().flat_map(char::to_lowercase));
                    spans.push((true, st, buf.len()));
                }
            }
        }
        let buf: &'a String = buf;
        return spans
            .iter()
            .map(|&(_, a, b)| buf.get(a..b).unwrap_or(""))
            .collect();
    }
    for t in toks {
        let w = text.get(t.start..t.end).unwrap_or("");
        if w.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            spans.push((false, t.start, t.start + w.len()));
            continue;
        }
        let st = buf.len();
        if w.is_ascii() {
            buf.push_str(w);
            buf[st..].make_ascii_lowercase();
        } else {
            buf.extend(w.chars().flat_map(char::to_lowercase));
        }
        spans.push((true, st, buf.len()));
    }
    let buf: &'a String = buf;
    spans
        .iter()
        .map(|&(in_buf, a, b)| {
            if in_buf {
                buf.get(a..b).unwrap_or("")
            } else {
                text.get(a..b).unwrap_or("")
            }
        })
        .collect()
}

/// `s.to_lowercase()`, its runs of ASCII lowercased byte by byte (the same string:
/// only a capital sigma, lowercased by its context, takes `str::to_lowercase` itself).
pub(crate) fn to_lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let n = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let from = out.len();
        out.push_str(&rest[..n]);
        if let Some(run) = out.get_mut(from..) {
            run.make_ascii_lowercase();
        }
        rest = &rest[n..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        if c == '\u{3a3}' {
            return s.to_lowercase();
        }
        out.extend(c.to_lowercase());
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The last two pieces of `s.rsplit(' ')` (the last, and the one before it if there is
/// a space), found byte by byte.
pub(crate) fn last_two_by_space(s: &str) -> (&str, Option<&str>) {
    let b = s.as_bytes();
    match b.iter().rposition(|&c| c == b' ') {
        None => (s, None),
        Some(p) => {
            let prev_start = b[..p].iter().rposition(|&c| c == b' ').map_or(0, |q| q + 1);
            (&s[p + 1..], Some(&s[prev_start..p]))
        }
    }
}

/// The lowercase forms of all `toks` of `text` (as [`lowercase_words`] gives for any
/// run of them): the text is lowercased whole in ASCII into `lower`, which keeps every
/// byte offset, and sliced; the few words with other characters are lowercased
/// character by character into `extra`.
pub(crate) fn lowercase_all<'a>(
    text: &str,
    toks: &[Token],
    lower: &'a mut String,
    extra: &'a mut String,
) -> Vec<&'a str> {
    lower.clear();
    extra.clear();
    lower.push_str(text);
    lower.make_ascii_lowercase();
    // Where the text has bytes beyond ASCII: a word with none of them is a slice.
    let wide = wide_bytes(text.as_bytes());
    let lower: &'a String = lower;
    let mut words: Vec<&'a str> = Vec::with_capacity(toks.len());
    if wide.is_empty() {
        words.extend(toks.iter().map(|t| lower.get(t.start..t.end).unwrap_or("")));
        return words;
    }
    let mut others: Vec<(usize, usize, usize)> = Vec::new();
    let mut k = 0;
    for (ti, t) in toks.iter().enumerate() {
        while k < wide.len() && wide[k] < t.start {
            k += 1;
        }
        if k < wide.len() && wide[k] < t.end {
            let st = extra.len();
            let w = text.get(t.start..t.end).unwrap_or("");
            extra.extend(w.chars().flat_map(char::to_lowercase));
            others.push((ti, st, extra.len()));
            words.push("");
        } else {
            words.push(lower.get(t.start..t.end).unwrap_or(""));
        }
    }
    let extra: &'a String = extra;
    for (ti, a, b) in others {
        words[ti] = extra.get(a..b).unwrap_or("");
    }
    words
}

/// Offsets of the bytes of `bytes` beyond ASCII, in order (read eight at a time).
fn wide_bytes(bytes: &[u8]) -> Vec<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut out = Vec::new();
    let chunks = bytes.chunks_exact(8);
    let tail = chunks.remainder();
    for (c, chunk) in chunks.enumerate() {
        let mut x = [0u8; 8];
        x.copy_from_slice(chunk);
        let mut high = u64::from_le_bytes(x) & HIGH;
        while high != 0 {
            out.push(c * 8 + (high.trailing_zeros() / 8) as usize);
            high &= high - 1;
        }
    }
    let base = bytes.len() - tail.len();
    out.extend(
        tail.iter()
            .enumerate()
            .filter(|&(_, &b)| b >= 0x80)
            .map(|(i, _)| base + i),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        split(t).iter().map(|s| s.of(t)).collect()
    }

    #[test]
    fn to_lower_is_to_lowercase() {
        for s in [
            "",
            "Minister of Foreign Affairs",
            "Chargé d'Affaires ÉCOLE İstanbul",
            "ΟΔΟΣ Σ ΣΑΣ, Straße – “Quoted” ÅNGSTRÖM",
            "ǅ Ǆ ﬀ Ꭰ 𐐀x",
        ] {
            assert_eq!(to_lower(s), s.to_lowercase(), "{s}");
        }
    }

    #[test]
    fn last_two_by_space_is_rsplit() {
        for s in [
            "",
            "a",
            "in",
            "met in",
            " to",
            "to ",
            "the talks in  ",
            "a b c",
        ] {
            let mut back = s.rsplit(' ');
            let want = (back.next().unwrap_or(""), back.next());
            assert_eq!(last_two_by_space(s), want, "{s:?}");
        }
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let t = "H.E. Mr. KISHIDA Fumio met S.Aleinik and M. Nurtleu on Jan. 5. G.L.Peiris and \
                 Ye.Baizhanov attended. President Joseph R. Biden spoke. It was No. 5. Next.";
        let s = sents(t);
        assert_eq!(
            s,
            vec![
                "H.E. Mr. KISHIDA Fumio met S.Aleinik and M. Nurtleu on Jan. 5.",
                "G.L.Peiris and Ye.Baizhanov attended.",
                "President Joseph R. Biden spoke.",
                "It was No. 5.",
                "Next."
            ]
        );
    }

    #[test]
    fn next_stop_finds_every_stop() {
        let t = "Abc def ghijkl. Mno\npqr stuvwx yz! A? b.".repeat(3);
        let b = t.as_bytes();
        for i in 0..=b.len() {
            let want = (i..b.len())
                .find(|&k| matches!(b[k], b'\n' | b'.' | b'!' | b'?'))
                .unwrap_or(b.len());
            assert_eq!(next_stop(b, i), want, "{i}");
        }
    }

    #[test]
    fn us_ends_sentence_before_opener() {
        let t = "He visited the U.S. The talks went well. The U.S. Government agreed.";
        assert_eq!(sents(t).len(), 3);
    }

    #[test]
    fn blank_lines_split() {
        let t = "Heading line\n\nFirst sentence here. Second\none wraps.\n\nThird";
        assert_eq!(
            sents(t),
            vec![
                "Heading line",
                "First sentence here.",
                "Second\none wraps.",
                "Third"
            ]
        );
    }

    #[test]
    fn run_on_text_is_cut() {
        let t = "word, ".repeat(2000);
        let s = split(&t);
        assert!(s.len() >= 5);
        assert!(s.iter().all(|x| x.end - x.start <= MAX_SENTENCE));
        assert!(
            s.iter()
                .all(|x| t.is_char_boundary(x.start) && t.is_char_boundary(x.end))
        );
        let u = "é".repeat(3000);
        assert!(
            split(&u)
                .iter()
                .all(|x| u.is_char_boundary(x.start) && u.is_char_boundary(x.end))
        );
    }

    #[test]
    fn tokens_are_the_runs_of_letters_and_digits() {
        for t in [
            "",
            "a",
            "Internationalization and counter-terrorism: 2024-05-21, U.S.",
            "Çavuşoğlu’s İstanbul—Straße 1234567890abcdefXYZ ǅemal «Über» x",
            "  @[`{ AZaz09 ~\u{7f} é9 ]",
        ] {
            let mut want = Vec::new();
            let mut start: Option<usize> = None;
            for (i, c) in t.char_indices() {
                if c.is_alphanumeric() {
                    start.get_or_insert(i);
                } else if let Some(s) = start.take() {
                    want.push((s, i));
                }
            }
            want.extend(start.map(|s| (s, t.len())));
            let got: Vec<(usize, usize)> = tokens(t, Span::new(0, t.len()))
                .iter()
                .map(|k| (k.start, k.end))
                .collect();
            assert_eq!(got, want, "{t}");
        }
        // Every ASCII byte between two runs of letters.
        for b in 0u8..128 {
            let t = format!("abcdefgh{}ijklmnop", char::from(b));
            let n = tokens(&t, Span::new(0, t.len())).len();
            assert_eq!(
                n,
                if char::from(b).is_ascii_alphanumeric() {
                    1
                } else {
                    2
                },
                "{b}"
            );
        }
    }

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric() && !c.is_alphabetic(), "{c:?}");
        }
        for c in [
            'a', 'Z', '7', 'é', 'Ω', '\u{2070}', '\u{2071}', '’', '—', ' ', '\u{3000}',
        ] {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn trim_to_alnum_is_trim_matches() {
        for w in [
            "",
            "a",
            "(a)",
            "«Élysée»",
            "É",
            "“Word”",
            "x,",
            ",",
            "-x-",
            "U.S.",
            "2024)",
        ] {
            assert_eq!(
                trim_to_alnum(w),
                w.trim_matches(|c: char| !c.is_alphanumeric()),
                "{w}"
            );
        }
    }

    #[test]
    fn wide_bytes_are_the_bytes_beyond_ascii() {
        let t = "a «b» cdefghij–klmnopq “r” Straße éé";
        let by_byte: Vec<usize> = t
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b >= 0x80)
            .map(|(i, _)| i)
            .collect();
        for n in 0..=t.len() {
            let expect: Vec<usize> = by_byte.iter().copied().filter(|&i| i < n).collect();
            assert_eq!(wide_bytes(&t.as_bytes()[..n]), expect);
        }
    }

    #[test]
    fn lowercase_all_is_lowercase_words_of_every_run() {
        let t = "The «Élysée» Palace, ÖSTERREICH and Straße; “Quoted” WORDS 42nd.";
        let toks = tokens(t, Span::new(0, t.len()));
        let (mut lower, mut extra) = (String::new(), String::new());
        let all = lowercase_all(t, &toks, &mut lower, &mut extra);
        let (mut buf, mut spans) = (String::new(), Vec::new());
        for a in 0..toks.len() {
            for b in a..=toks.len() {
                let run = lowercase_words(t, &toks[a..b], &mut buf, &mut spans);
                assert_eq!(run, all[a..b].to_vec());
            }
        }
    }

    #[test]
    fn tokens_lowercase() {
        let t = "Met with Çavuşoğlu, co-chaired";
        let toks = tokens(t, Span::new(0, t.len()));
        let mut buf = String::new();
        let mut spans = Vec::new();
        let w = lowercase_words(t, &toks, &mut buf, &mut spans);
        assert_eq!(w, vec!["met", "with", "çavuşoğlu", "co", "chaired"]);
        let t = "He Met the U.S. Secretary-General in 2024.";
        let toks = tokens(t, Span::new(3, t.len()));
        let w = lowercase_words(t, &toks, &mut buf, &mut spans);
        assert_eq!(
            w,
            ["met", "the", "u", "s", "secretary", "general", "in", "2024"]
        );
        let t = "ÇAVUŞOĞLU İstanbul ǅemal 2024 Über";
        let toks = tokens(t, Span::new(0, t.len()));
        let w = lowercase_words(t, &toks, &mut buf, &mut spans);
        let each: Vec<String> = toks
            .iter()
            .map(|k| t[k.start..k.end].to_lowercase())
            .collect();
        assert_eq!(w, each);
        // ASCII words among other characters.
        let t = "The President’s envoy — MET Çavuşoğlu “in” ΣΟΦΙΑ, 2024.";
        let toks = tokens(t, Span::new(4, t.len()));
        let w = lowercase_words(t, &toks, &mut buf, &mut spans);
        let each: Vec<String> = toks
            .iter()
            .map(|k| {
                t[k.start..k.end]
                    .chars()
                    .flat_map(char::to_lowercase)
                    .collect()
            })
            .collect();
        assert_eq!(w, each);
    }
}
