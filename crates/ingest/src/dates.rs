//! Finding publication dates in short strings: metadata values, date lines under a
//! headline ("22 May 2024", "17.08.2023", "19/04/2020", "February 7, 2023",
//! "Published Feb 22, 2024 18h10"), RFC 2822 feed dates and ISO timestamps.
//!
//! Only whole dates (day, month and year) are returned; a timestamp keeps the local
//! date as written (no conversion to UTC).

use jiff::civil::Date;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(u32, usize),
    Word(String),
    Punct(char),
    Space,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
}

fn tokenize(s: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_ascii_digit() {
            let mut end = i + 1;
            let mut value: u32 = c.to_digit(10).unwrap_or(0);
            let mut len = 1;
            while let Some(&(j, d)) = it.peek() {
                if let Some(v) = d.to_digit(10).filter(|_| d.is_ascii_digit()) {
                    value = value.saturating_mul(10).saturating_add(v);
                    len += 1;
                    end = j + 1;
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Token {
                tok: Tok::Num(value, len),
                start: i,
                end,
            });
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            let mut w = String::new();
            w.extend(c.to_lowercase());
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphabetic() {
                    w.extend(d.to_lowercase());
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Token {
                tok: Tok::Word(w),
                start: i,
                end,
            });
        } else if c.is_whitespace() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_whitespace() {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Token {
                tok: Tok::Space,
                start: i,
                end,
            });
        } else {
            out.push(Token {
                tok: Tok::Punct(c),
                start: i,
                end: i + c.len_utf8(),
            });
        }
    }
    out
}

/// Month number of a month name or abbreviation (English, Russian, French, German,
/// Spanish, Portuguese, Turkish), lower-case.
pub(crate) fn month_of(word: &str) -> Option<i8> {
    let m = match word {
        "january" | "jan" | "января" | "январь" | "janvier" | "januar" | "enero" | "janeiro"
        | "ocak" => 1,
        "february" | "feb" | "февраля" | "февраль" | "février" | "februar" | "febrero"
        | "fevereiro" | "şubat" => 2,
        "march" | "mar" | "марта" | "март" | "mars" | "märz" | "marzo" | "março" | "mart" => {
            3
        }
        "april" | "apr" | "апреля" | "апрель" | "avril" | "abril" | "nisan" => 4,
        "may" | "мая" | "май" | "mai" | "mayo" | "maio" | "mayıs" => 5,
        "june" | "jun" | "июня" | "июнь" | "juin" | "juni" | "junio" | "junho" | "haziran" => {
            6
        }
        "july" | "jul" | "июля" | "июль" | "juillet" | "juli" | "julio" | "julho" | "temmuz" => {
            7
        }
        "august" | "aug" | "августа" | "август" | "août" | "agosto" | "ağustos" => 8,
        "september" | "sep" | "sept" | "сентября" | "сентябрь" | "septembre" | "septiembre"
        | "setiembre" | "setembro" | "eylül" => 9,
        "october" | "oct" | "октября" | "октябрь" | "octobre" | "oktober" | "octubre"
        | "outubro" | "ekim" => 10,
        "november" | "nov" | "ноября" | "ноябрь" | "novembre" | "noviembre" | "novembro"
        | "kasım" => 11,
        "december" | "dec" | "декабря" | "декабрь" | "décembre" | "dezember" | "diciembre"
        | "dezembro" | "aralık" => 12,
        _ => return None,
    };
    Some(m)
}

fn is_ordinal_suffix(w: &str) -> bool {
    matches!(w, "st" | "nd" | "rd" | "th" | "го" | "er")
}

fn mk(y: u32, m: u32, d: u32) -> Option<Date> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    let (y, m, d) = (
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    );
    Date::new(y, m, d).ok()
}

/// Index of the next non-space token at or after `i`.
fn skip_space(t: &[Token], mut i: usize) -> usize {
    while i < t.len() && t[i].tok == Tok::Space {
        i += 1;
    }
    i
}

fn num(t: &[Token], i: usize) -> Option<(u32, usize)> {
    match t.get(i)?.tok {
        Tok::Num(v, l) => Some((v, l)),
        _ => None,
    }
}

fn punct(t: &[Token], i: usize) -> Option<char> {
    match t.get(i)?.tok {
        Tok::Punct(c) => Some(c),
        _ => None,
    }
}

fn word(t: &[Token], i: usize) -> Option<&str> {
    match &t.get(i)?.tok {
        Tok::Word(w) => Some(w.as_str()),
        _ => None,
    }
}

/// Tries every date pattern starting at token `i`; returns the date and the index one
/// past its last token.
fn date_at(t: &[Token], i: usize) -> Option<(Date, usize)> {
    // Numeric patterns: Y-M-D, D.M.Y, D/M/Y, D-M-Y (components adjacent).
    if let Some((a, alen)) = num(t, i) {
        if let (Some(sep), Some((b, _)), Some(sep2), Some((c, clen))) = (
            punct(t, i + 1),
            num(t, i + 2),
            punct(t, i + 3),
            num(t, i + 4),
        ) && sep == sep2
            && matches!(sep, '-' | '.' | '/')
        {
            if alen == 4 {
                if let Some(d) = mk(a, b, c) {
                    return Some((d, i + 5));
                }
            } else if clen == 4 && alen <= 2 {
                // Day first, unless only a month-first reading is possible.
                if let Some(d) = mk(c, b, a).or_else(|| mk(c, a, b)) {
                    return Some((d, i + 5));
                }
            }
        }
        // D [st] [of] Month [,] Y
        if alen <= 2 {
            let mut j = i + 1;
            if word(t, j).is_some_and(is_ordinal_suffix) {
                j += 1;
            }
            j = skip_space(t, j);
            if punct(t, j) == Some('.') {
                j = skip_space(t, j + 1);
            }
            if matches!(word(t, j), Some("of" | "de")) {
                j = skip_space(t, j + 1);
            }
            if let Some(m) = word(t, j).and_then(month_of) {
                let mut k = j + 1;
                if punct(t, k) == Some('.') {
                    k += 1;
                }
                k = skip_space(t, k);
                if punct(t, k) == Some(',') {
                    k = skip_space(t, k + 1);
                }
                if matches!(word(t, k), Some("de" | "del")) {
                    k = skip_space(t, k + 1);
                }
                if let Some((y, 4)) = num(t, k)
                    && let Some(d) = mk(y, m as u32, a)
                {
                    return Some((d, k + 1));
                }
            }
        }
    }
    // Month D[st][,] Y
    if let Some(m) = word(t, i).and_then(month_of) {
        let mut j = i + 1;
        if punct(t, j) == Some('.') {
            j += 1;
        }
        j = skip_space(t, j);
        if let Some((d, dlen)) = num(t, j)
            && dlen <= 2
        {
            let mut k = j + 1;
            if word(t, k).is_some_and(is_ordinal_suffix) {
                k += 1;
            }
            if punct(t, k) == Some(',') {
                k += 1;
            }
            k = skip_space(t, k);
            if punct(t, k) == Some(',') {
                k = skip_space(t, k + 1);
            }
            if let Some((y, 4)) = num(t, k)
                && let Some(date) = mk(y, m as u32, d)
            {
                return Some((date, k + 1));
            }
        }
    }
    None
}

/// The first whole date written in `s`, with its byte range.
pub(crate) fn find_date(s: &str) -> Option<(Date, Range<usize>)> {
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = tokenize(s);
    for i in 0..t.len() {
        // A number glued to a preceding digit group or letter is not a date start.
        if let Some((d, end)) = date_at(&t, i) {
            let start = t[i].start;
            let stop = t[end - 1].end;
            return Some((d, start..stop));
        }
    }
    None
}

/// A date value from metadata: ISO `2024-05-21`, `2024-05-21T10:00:00+02:00`,
/// `2021-01-21 17:12:47-05:00`, RFC 2822 `Sun, 26 May 2024 13:05:27 +0400`, or any
/// written date.
pub(crate) fn parse_date_value(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() >= 10
        && s.is_char_boundary(10)
        && let Ok(d) = s[..10].parse::<Date>()
    {
        return Some(d);
    }
    find_date(s).map(|(d, _)| d)
}

/// Words that may stand before the date on a date line.
pub(crate) fn is_date_label(w: &str) -> bool {
    matches!(
        w,
        "published"
            | "posted"
            | "date"
            | "dated"
            | "on"
            | "updated"
            | "issued"
            | "created"
            | "release"
            | "press"
            | "joint"
            | "readout"
            | "communique"
            | "communiqué"
            | "media"
            | "statement"
            | "publication"
            | "of"
            | "news"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "mon"
            | "tue"
            | "wed"
            | "thu"
            | "fri"
            | "sat"
            | "sun"
            | "дата"
            | "опубликовано"
            | "публикации"
            | "обновлено"
            | "publié"
            | "le"
            | "veröffentlicht"
            | "am"
            | "publicado"
            | "el"
            | "yayın"
            | "tarihi"
    )
}

/// Whether the tokens from `i` are a year-first numeric date of another calendar (the
/// Hijri or Solar Hijri year, 1300–1499: "1447/7/25").
fn other_calendar(t: &[Token], i: usize) -> bool {
    matches!(num(t, i), Some((1300..=1499, 4)))
        && num(t, i + 2).is_some()
        && num(t, i + 4).is_some()
        && matches!(punct(t, i + 1), Some('/' | '-' | '.'))
        && punct(t, i + 3) == punct(t, i + 1)
}

/// If `line` is a date line (a date, possibly with a label before it and a time, view
/// count or type after it), the date.
pub(crate) fn date_line(line: &str) -> Option<Date> {
    date_line_parts(line).map(|(date, _)| date)
}

/// Whether `line` is a date line that names the place the release was issued in
/// ("Madrid, 20 January 2027"): such a line is kept at the head of the text, where it
/// reads as a dateline (the place of the release and the evidence of it).
pub(crate) fn is_placed_date_line(line: &str) -> bool {
    date_line_parts(line).is_some_and(|(_, placed)| placed)
}

/// The date of a date line and whether a place opens it.
fn date_line_parts(line: &str) -> Option<(Date, bool)> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 120 {
        return None;
    }
    let (date, range) = find_date(line)?;
    let prefix = &line[..range.start];
    let pt = tokenize(prefix);
    let mut i = 0;
    let mut prefix_ok = true;
    // After "release": the release's number ("Press release 88/2028", "Press Release No. 14").
    let mut numbered = false;
    while i < pt.len() && prefix_ok {
        match &pt[i].tok {
            Tok::Word(w) if numbered && matches!(w.as_str(), "no" | "nr" | "number") => {}
            Tok::Word(w) => {
                prefix_ok = is_date_label(w);
                numbered = w == "release";
            }
            // "Wednesday 1447/7/25 - 2026/01/14": the same day in another calendar.
            Tok::Num(..) if other_calendar(&pt, i) => i += 4,
            Tok::Num(..) => prefix_ok = numbered,
            _ => {}
        }
        i += 1;
    }
    // "Dodoma, 26 February 2026": the place the release is issued in.
    let placed = !prefix_ok && is_place_prefix(prefix);
    if !prefix_ok && !placed {
        return None;
    }
    let suffix = &line[range.end..];
    let words = tokenize(suffix)
        .iter()
        .filter(|t| matches!(&t.tok, Tok::Word(w) if w.chars().count() >= 2))
        .count();
    if words <= 6 && suffix.chars().count() <= 80 {
        Some((date, placed))
    } else {
        None
    }
}

/// The place of a dateline, "Dodoma,", "ABU DHABI,", "New Delhi,": one to four
/// capitalised words (letters, hyphens, full stops, apostrophes) and a comma.
fn is_place_prefix(prefix: &str) -> bool {
    let Some(place) = prefix.trim_end().strip_suffix(',') else {
        return false;
    };
    let words: Vec<&str> = place.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '’'))
        })
}

/// The date of a news-agency dateline opening a first paragraph: "ABU DHABI, 10th
/// September, 2023 (WAM) --", "Brussels, 14.05.2024 – The Council…".
pub(crate) fn dateline(paragraph: &str) -> Option<Date> {
    let head: String = paragraph.chars().take(120).collect();
    let (date, range) = find_date(&head)?;
    if !is_place_prefix(&head[..range.start]) {
        return None;
    }
    let mut rest = head[range.end..].trim_start();
    if rest.starts_with('(') {
        let close = rest.find(')')?;
        rest = rest[close + 1..].trim_start();
    } else if let Some(r) = rest.strip_prefix(',') {
        // "Riyadh, January 14, 2026, SPA --": an agency's name in capitals.
        let r = r.trim_start();
        let tag = r.split_whitespace().next().unwrap_or("");
        if (2..=8).contains(&tag.len()) && tag.chars().all(|c| c.is_ascii_uppercase()) {
            rest = r[tag.len()..].trim_start();
        }
    }
    rest.starts_with(['-', '–', '—', ':']).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn written_dates() {
        for (s, want) in [
            ("22 May 2024", "2024-05-22"),
            ("17.08.2023", "2023-08-17"),
            ("19/04/2020", "2020-04-19"),
            ("February 7, 2023", "2023-02-07"),
            ("13 March, 2025", "2025-03-13"),
            ("ABU DHABI, 10th September, 2023 (WAM)", "2023-09-10"),
            ("Published Feb 22, 2024 18h10", "2024-02-22"),
            ("Sun, 26 May 2024 13:05:27 +0400", "2024-05-26"),
            ("Date: 2024-06-12   Hit: 1,254", "2024-06-12"),
            ("22 мая 2024 г.", "2024-05-22"),
            ("12/31/2023", "2023-12-31"),
            ("22 de mayo de 2024", "2024-05-22"),
            ("22. Mai 2024", "2024-05-22"),
            ("1er août 2024", "2024-08-01"),
            ("12 Ekim 2023", "2023-10-12"),
        ] {
            assert_eq!(find_date(s).map(|x| x.0), Some(d(want)), "{s}");
        }
        assert_eq!(find_date("May 2024"), None);
        assert_eq!(find_date("USD 1.1 billion in 2023"), None);
    }

    #[test]
    fn date_lines() {
        assert_eq!(date_line("28.05.2024 | Views: 318"), Some(d("2024-05-28")));
        assert_eq!(
            date_line("04.04.2022 - Press release"),
            Some(d("2022-04-04"))
        );
        assert_eq!(date_line("Monday, 27 February 2023"), Some(d("2023-02-27")));
        assert_eq!(
            date_line("Wednesday 1447/7/25 - 2026/01/14 20:12"),
            Some(d("2026-01-14"))
        );
        assert_eq!(
            date_line("News 24 Mar. 2026 Last updated: 24 Mar. 2026 14:05"),
            Some(d("2026-03-24"))
        );
        assert_eq!(date_line("Ref 1447/7/25 - 2026/01/14"), None);
        assert_eq!(
            date_line("Press release 88/2028 13.4.2028 15.20"),
            Some(d("2028-04-13"))
        );
        assert_eq!(
            date_line("Press Release No. 14 – 2 March 2027"),
            Some(d("2027-03-02"))
        );
        assert_eq!(date_line("Statement 14 2 March 2027"), None);
        assert_eq!(date_line("Dodoma, 26 February 2026"), Some(d("2026-02-26")));
        assert!(is_placed_date_line("Dodoma, 26 February 2026"));
        assert!(!is_placed_date_line("Monday, 27 February 2023"));
        assert!(!is_placed_date_line("28.05.2024 | Views: 318"));
        assert_eq!(
            date_line("New Delhi, November 03, 2025"),
            Some(d("2025-11-03"))
        );
        assert_eq!(date_line("Talks in Dodoma, 26 February 2026"), None);
        assert_eq!(
            date_line("PRESS RELEASE | 10 SEPTEMBER 2024"),
            Some(d("2024-09-10"))
        );
        assert_eq!(
            date_line("Date of publication: 22 April 2024"),
            Some(d("2024-04-22"))
        );
        assert_eq!(
            date_line("Joint media release · 9 December 2025"),
            Some(d("2025-12-09"))
        );
        assert_eq!(
            date_line("Published on 1 November 2023 • print version"),
            Some(d("2023-11-01"))
        );
        assert_eq!(
            date_line("No: 19, 21 January 2023, Press Release Regarding the Act"),
            None
        );
        assert_eq!(
            date_line(
                "On 26 December 2023, the Ambassador of France was summoned to the Ministry of Foreign Affairs in Baku."
            ),
            None
        );
    }

    #[test]
    fn datelines() {
        assert_eq!(
            dateline("ABU DHABI, 10th September, 2023 (WAM) -- On the directives of the President"),
            Some(d("2023-09-10"))
        );
        assert_eq!(
            dateline("Brussels, 14.05.2024 – The Council today decided"),
            Some(d("2024-05-14"))
        );
        assert_eq!(
            dateline("Riyadh, January 14, 2026, SPA -- His Royal Highness received"),
            Some(d("2026-01-14"))
        );
        assert_eq!(
            dateline("Riyadh, January 14, 2026, the two sides agreed - at last"),
            None
        );
        assert_eq!(
            dateline("On 14 May 2024, the Council decided – after long talks"),
            None
        );
        assert_eq!(
            dateline("The ministers met in Paris, 14 May 2024 - a day of talks"),
            None
        );
    }

    #[test]
    fn metadata_values() {
        assert_eq!(
            parse_date_value("2024-05-20T17:30:00+02:00"),
            Some(d("2024-05-20"))
        );
        assert_eq!(
            parse_date_value("2021-01-21 17:12:47-05:00"),
            Some(d("2021-01-21"))
        );
        assert_eq!(
            parse_date_value("Fri, 21 Feb 2025 18:02:44 +0500"),
            Some(d("2025-02-21"))
        );
    }
}
