//! Dates: every dating expression of a text, resolved to a [`PartialDate`] (and an end
//! for spans), plus the status cues that tell planned or cancelled happenings.
//!
//! One token pass ([`tokens::tokenize`]) and a hand-written grammar over the tokens:
//! absolute dates (`21 May 2024`, `May 21, 2024`, `21.05.2024`, `19/04/2020`,
//! `2024-05-21`, `10th September, 2023`), partial ones (`on May 21` takes the year that
//! puts it nearest the publication date; `October 2024`; `in 2023`), spans (`10-11 May`,
//! `May 20-21, 2024`, `from June 11 to 13`, `1 and 2 November 2023`,
//! `31 October – 1 November 2024`, `2024–2025`), relative words resolved against the
//! publication date (`today`, `this morning`, `earlier this evening`, `yesterday`,
//! `tomorrow`, `this year`, `next month`), weekdays (`on Tuesday`: the latest such day on
//! or before publication; `next Monday` forward; `On Monday (31 October)` and
//! `today (Monday 22 April)` take the written date) and vague periods (`autumn 2025`,
//! flagged [`DateMention::vague`]). Which mention dates which event is the caller's call.

pub(crate) mod tokens;

use crate::record::{PartialDate, Span, Status};
use jiff::civil::{Date, Weekday};
use std::collections::HashMap;

/// A map hashed with FNV (short keys of a fixed table).
type FnvMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<attache_lexicon::events::Fnv>>;
use std::sync::OnceLock;
use tokens::{Kind, Tok};

/// One dating expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateMention {
    /// The whole expression, e.g. `May 20-21, 2024` or `On Monday (31 October)`.
    pub span: Span,
    /// The date (the first day of a span).
    pub date: PartialDate,
    /// Last day of a span (`10-11 May` → 11 May).
    pub end: Option<PartialDate>,
    /// Resolved from a relative word (`today`, `yesterday`, `this year`).
    pub relative: bool,
    /// The weekday named when the date was resolved from a weekday alone (`on Tuesday`);
    /// re-resolve with [`resolve_weekday`] (`forward = true`) for future tense.
    pub weekday: Option<Weekday>,
    /// True when `date` came from a weekday alone (no written day and month).
    pub weekday_only: bool,
    /// The year was not written and was inferred from the publication date.
    pub year_inferred: bool,
    /// A vague period (`autumn 2025`, `early 2024`, `the end of May`): date is only a bound.
    pub vague: bool,
    /// Introduced by `until`/`till`/`through`: an end point rather than a start.
    pub until: bool,
    /// `the same day` (0), `the next day` (1): days after the happening told before;
    /// `date` holds the reading from the date written last.
    pub after_told: Option<i8>,
}

impl DateMention {
    fn new(span: Span, date: PartialDate) -> Self {
        DateMention {
            span,
            date,
            end: None,
            relative: false,
            weekday: None,
            weekday_only: false,
            year_inferred: false,
            vague: false,
            until: false,
            after_told: None,
        }
    }
}

/// The latest `weekday` on or before `published` (`forward = false`), or the first on or
/// after it (`forward = true`).
pub(crate) fn resolve_weekday(published: Date, weekday: Weekday, forward: bool) -> Date {
    let mut d = published;
    for _ in 0..7 {
        if d.weekday() == weekday {
            return d;
        }
        let next = if forward { d.tomorrow() } else { d.yesterday() };
        match next {
            Ok(n) => d = n,
            Err(_) => return published,
        }
    }
    published
}

/// Status cues (data/status_cues.tsv): `cancelled` or `planned` phrases.
const STATUS_CUES: &str = include_str!("../../../data/status_cues.tsv");

/// Status cues by their first word, and by the low five bits of a first byte the
/// lengths of the first words (bit `n` for `n` bytes, bit 63 for longer), so that most
/// words skip the lookup.
struct StatusCues {
    by_first: FnvMap<&'static str, Vec<(&'static str, Cue)>>,
    first_lens: [u64; 32],
}

/// Slot of [`StatusCues::first_lens`] and bit for `word`.
fn len_slot(word: &str) -> (usize, u64) {
    let bucket = word.bytes().next().map_or(0, |b| usize::from(b & 31));
    (bucket, 1 << word.len().min(63))
}

fn status_cues() -> &'static StatusCues {
    static CUES: OnceLock<StatusCues> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut map: FnvMap<&'static str, Vec<(&'static str, Cue)>> = FnvMap::default();
        for line in STATUS_CUES.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(status), Some(cue)) = (cols.next(), cols.next()) else {
                continue;
            };
            let status = match status.trim() {
                "cancelled" => Cue::Cancelled,
                "planned" => Cue::Planned,
                "rescheduled" => Cue::Rescheduled,
                _ => continue,
            };
            let cue = cue.trim();
            if let Some(first) = cue.split(' ').next().filter(|f| !f.is_empty()) {
                map.entry(first).or_default().push((cue, status));
            }
        }
        let mut first_lens = [0u64; 32];
        for w in map.keys() {
            let (bucket, bit) = len_slot(w);
            first_lens[bucket] |= bit;
        }
        StatusCues {
            by_first: map,
            first_lens,
        }
    })
}

/// The status a sentence's wording suggests: `Planned` when it moves a happening to a
/// new date ("postponed to 2 December", "rescheduled for"), else `Cancelled` when it has
/// a cancellation cue ("cancelled", "postponed", "called off"), else `Planned` when it has a future cue
/// ("will", "is scheduled", "to be held", "upcoming"), else `None`. Cues match whole
/// words, case-insensitively. The caller weighs this against dates and negation.
pub(crate) fn status_cue(sentence: &str) -> Option<Status> {
    let cues = status_cues();
    let lower = sentence.to_ascii_lowercase();
    let b = lower.as_bytes();
    let (mut planned, mut cancelled, mut rescheduled) = (false, false, false);
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        // Only words that start after a non-word character (i.e. every `start` here).
        let Some(cands) = lower
            .get(start..i)
            .filter(|w| {
                let (bucket, bit) = len_slot(w);
                cues.first_lens[bucket] & bit != 0
            })
            .and_then(|w| cues.by_first.get(w))
        else {
            continue;
        };
        // The longest cue that fits here ("postponed until further notice" over
        // "postponed until" over "postponed").
        let longest = cands
            .iter()
            .filter(|(cue, _)| {
                let e = start + cue.len();
                lower.get(start..).is_some_and(|r| r.starts_with(cue))
                    && b.get(e).is_none_or(|c| !c.is_ascii_alphanumeric())
            })
            .max_by_key(|(cue, _)| cue.len());
        match longest {
            Some((_, Cue::Rescheduled)) => rescheduled = true,
            Some((_, Cue::Cancelled)) => cancelled = true,
            Some((_, Cue::Planned)) => planned = true,
            None => {}
        }
    }
    if rescheduled {
        Some(Status::Planned)
    } else if cancelled {
        Some(Status::Cancelled)
    } else {
        planned.then_some(Status::Planned)
    }
}

/// What a status cue of data/status_cues.tsv says: a happening to come, one that will
/// not happen, or one moved to a new date (to come, whatever else the sentence says).
#[derive(Clone, Copy)]
enum Cue {
    Planned,
    Cancelled,
    Rescheduled,
}

/// `d.to_string()` (`2024-05-21`, `2024-05`, `2024`), the digits written directly for
/// years 0 to 9999 and months and days 0 to 99 (the formatter otherwise).
pub(crate) fn date_string(d: PartialDate) -> String {
    let two = |v: i8| u8::try_from(v).ok().filter(|v| *v < 100);
    let (Ok(year @ 0..=9999), Some(month), Some(day)) = (
        u16::try_from(d.year),
        d.month.map_or(Some(None), |m| two(m).map(Some)),
        d.day.map_or(Some(None), |x| two(x).map(Some)),
    ) else {
        return d.to_string();
    };
    let digit = |v: u16| char::from(b'0' + (v % 10) as u8);
    let mut s = String::with_capacity(10);
    for k in [1000, 100, 10, 1] {
        s.push(digit(year / k));
    }
    let mut push_two = |v: u8| {
        s.push('-');
        s.push(digit(u16::from(v / 10)));
        s.push(digit(u16::from(v)));
    };
    match (month, day) {
        (Some(m), Some(x)) => {
            push_two(m);
            push_two(x);
        }
        (Some(m), None) => push_two(m),
        _ => {}
    }
    s
}

pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, Monday first.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month number of a capitalized month name or abbreviation (`May`, `Sept`, `Oct`).
fn month_of(word: &str) -> Option<i8> {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) || word.len() < 3 || word.len() > 9 {
        return None;
    }
    for (i, m) in MONTHS.iter().enumerate() {
        let full = word.eq_ignore_ascii_case(m);
        let abbr = word.len() == 3 && m[..3].eq_ignore_ascii_case(word);
        let sept = i == 8 && word.eq_ignore_ascii_case("sept");
        if full || abbr || sept {
            return i8::try_from(i + 1).ok();
        }
    }
    None
}

fn weekday_of(word: &str) -> Option<Weekday> {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) || !(6..=9).contains(&word.len()) {
        return None;
    }
    const DAYS: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];
    WEEKDAYS
        .iter()
        .zip(DAYS)
        .find(|(n, _)| word.eq_ignore_ascii_case(n))
        .map(|(_, d)| d)
}

/// A short word lowercased on the stack (empty when longer than 16 bytes).
#[derive(Clone, Copy)]
struct Small {
    buf: [u8; 16],
    len: usize,
}

impl Small {
    fn new(word: &str) -> Small {
        let mut buf = [0u8; 16];
        let b = word.as_bytes();
        if b.len() > buf.len() || !word.is_ascii() {
            return Small { buf, len: 0 };
        }
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        Small { buf, len: b.len() }
    }
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

impl PartialEq<&str> for Small {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

struct Scanner<'t> {
    text: &'t str,
    toks: &'t [Tok],
    /// Reference date for years and relative words.
    anchor: Option<Date>,
    /// The publication date itself (relative words need it).
    published: Option<Date>,
}

impl<'t> Scanner<'t> {
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }
    fn s(&self, i: usize) -> &'t str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }
    fn lower(&self, i: usize) -> Small {
        Small::new(self.s(i))
    }
    fn is_word(&self, i: usize, w: &str) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Kind::Word) && self.s(i).eq_ignore_ascii_case(w)
    }
    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Kind::Punct) && self.s(i) == p
    }
    fn is_dash(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Kind::Punct)
            && matches!(self.s(i), "-" | "–" | "—" | "‒" | "−")
    }
    /// A day number 1..=31 (no separators inside).
    fn day(&self, i: usize) -> Option<i8> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num {
            return None;
        }
        let d = t.digits(self.text);
        if d.len() > 2 {
            return None;
        }
        d.parse::<i8>().ok().filter(|d| (1..=31).contains(d))
    }
    /// A plausible year, 4 digits 1900..=2100.
    fn year(&self, i: usize) -> Option<i16> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || t.ordinal {
            return None;
        }
        let d = t.text(self.text);
        if d.len() != 4 {
            return None;
        }
        d.parse::<i16>().ok().filter(|y| (1900..=2100).contains(y))
    }
    fn month(&self, i: usize) -> Option<i8> {
        let t = self.tok(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        month_of(t.text(self.text))
    }
    /// Range connector at `i`: a dash, `to`, `and`, `through`. Returns tokens consumed.
    fn connector(&self, i: usize) -> Option<usize> {
        if self.is_dash(i) {
            return Some(1);
        }
        if self.is_word(i, "to") || self.is_word(i, "and") || self.is_word(i, "through") {
            return Some(1);
        }
        None
    }
    fn span(&self, a: usize, b_incl: usize) -> Span {
        let s = self.toks.get(a).map_or(0, |t| t.start);
        let e = self.toks.get(b_incl).map_or(s, |t| t.end);
        Span::new(s, e)
    }

    /// The year to give `month`/`day` when none is written: the one nearest the anchor.
    fn infer_year(&self, month: i8, day: Option<i8>) -> Option<i16> {
        let a = self.anchor?;
        let mut best: Option<(i64, i16)> = None;
        for y in [a.year() - 1, a.year(), a.year() + 1] {
            let d = Date::new(y, month, day.unwrap_or(15)).ok()?;
            let dist = (d - a).get_days().abs() as i64;
            if best.is_none_or(|(b, _)| dist < b) {
                best = Some((dist, y));
            }
        }
        best.map(|(_, y)| y)
    }

    fn full(&self, year: i16, month: i8, day: i8) -> Option<PartialDate> {
        Date::new(year, month, day).ok().map(PartialDate::day)
    }

    /// Try every pattern at token `i`; returns the mention and the index after it.
    fn at(&self, i: usize) -> Option<(DateMention, usize)> {
        let t = *self.tok(i)?;
        match t.kind {
            Kind::Num => self
                .numeric(i)
                .or_else(|| self.day_first(i))
                .or_else(|| self.year_alone(i)),
            Kind::Word if !self.may_start_date(i, &t) => None,
            Kind::Word => self
                .month_first(i)
                .or_else(|| self.vague(i))
                .or_else(|| self.relative(i))
                .or_else(|| self.weekday(i)),
            Kind::Punct => None,
        }
    }

    /// Cheap filter: only month and weekday names (capitalized, checked by the patterns)
    /// and the relative and period words can start a date. A word whose first letter
    /// and length fit none of them is rejected at once; the others are lowercased on
    /// the stack and compared.
    #[inline(always)]
    fn may_start_date(&self, i: usize, t: &Tok) -> bool {
        let w = self.text.as_bytes().get(t.start..t.end).unwrap_or(&[]);
        if !(3..=9).contains(&w.len()) || START_LENS[start_slot(w[0], w[1])] & (1 << w.len()) == 0 {
            return false;
        }
        let key = lower_key_fast(w);
        // "the" starts only "the day before yesterday", "the day after tomorrow" and
        // "the same (next, following) day".
        if key == lower_key(b"the") {
            return self.is_word(i + 1, "day") || self.same_day(i).is_some();
        }
        (w[0].is_ascii_uppercase() && CALENDAR_KEYS.binary_search(&key).is_ok())
            || START_KEYS.binary_search(&key).is_ok()
    }

    /// The first token from `i` on that may start a date: not punctuation, and not a
    /// word no date starts with (`toks.len()` when none is).
    #[inline(never)]
    fn next_candidate(&self, mut i: usize) -> usize {
        while let Some(t) = self.toks.get(i) {
            if !(t.kind == Kind::Punct || (t.kind == Kind::Word && !self.may_start_date(i, t))) {
                return i;
            }
            i += 1;
        }
        self.toks.len()
    }

    /// `21.05.2024`, `19/04/2020`, `2024-05-21`.
    fn numeric(&self, i: usize) -> Option<(DateMention, usize)> {
        let t = self.tok(i)?;
        let s = t.text(self.text);
        for sep in ['.', '/'] {
            let mut parts = s.split(sep);
            let (Some(p0), Some(p1), Some(p2), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            if p2.len() == 4 && p0.len() <= 2 && p1.len() <= 2 {
                let a: i8 = p0.parse().ok()?;
                let b: i8 = p1.parse().ok()?;
                let y: i16 = p2.parse().ok()?;
                // Day first unless that is impossible (US month-first).
                let d = self.full(y, b, a).or_else(|| self.full(y, a, b))?;
                return Some((DateMention::new(self.span(i, i), d), i + 1));
            }
        }
        // ISO: 2024 - 05 - 21 written without spaces.
        if s.len() == 4 && self.is_punct(i + 1, "-") && self.is_punct(i + 3, "-") {
            let adj = (i..i + 4).all(|k| {
                matches!((self.tok(k), self.tok(k + 1)), (Some(a), Some(b)) if a.end == b.start)
            });
            let (m, d) = (self.s(i + 2), self.s(i + 4));
            if adj && m.len() == 2 && d.len() == 2 {
                let y: i16 = s.parse().ok()?;
                let date = self.full(y, m.parse().ok()?, d.parse().ok()?)?;
                return Some((DateMention::new(self.span(i, i + 4), date), i + 5));
            }
        }
        None
    }

    /// `21 May 2024`, `10-11 May`, `from 22 to 24 August 2023`, `1 and 2 November 2023`,
    /// `31 October – 1 November 2024`, `10th of September, 2023`.
    fn day_first(&self, i: usize) -> Option<(DateMention, usize)> {
        let d1 = self.day(i)?;
        let mut j = i + 1;
        let mut d2 = None;
        if let Some(c) = self.connector(j)
            && let Some(d) = self.day(j + c)
            && self.month(j + c + 1).is_some()
        {
            d2 = Some(d);
            j += c + 1;
        }
        if self.is_word(j, "of") && self.month(j + 1).is_some() {
            j += 1;
        }
        let m1 = self.month(j)?;
        j += 1;
        // `31 October – 1 November`
        let mut m2 = None;
        if d2.is_none()
            && let Some(c) = self.connector(j)
            && let Some(d) = self.day(j + c)
            && let Some(m) = self.month(j + c + 1)
        {
            d2 = Some(d);
            m2 = Some(m);
            j += c + 2;
        }
        if self.is_word(j, "of") && self.year(j + 1).is_some() {
            j += 1;
        }
        let comma = usize::from(self.is_punct(j, ","));
        let year = self.year(j + comma);
        let last = if year.is_some() { j + comma } else { j - 1 };
        self.build(i, last, d1, m1, d2, m2, year)
    }

    /// `May 21, 2024`, `May 20-21, 2024`, `from June 11 to 13`, `February 21 and 22`,
    /// `October 31 – November 1, 2024`, `October 2024`.
    fn month_first(&self, i: usize) -> Option<(DateMention, usize)> {
        let m1 = self.month(i)?;
        let mut j = i + 1;
        if let Some(d1) = self.day(j)
            && self.year(j).is_none()
        {
            j += 1;
            let mut d2 = None;
            let mut m2 = None;
            if let Some(c) = self.connector(j) {
                if let Some(d) = self.day(j + c)
                    && self.month(j + c + 1).is_none()
                {
                    d2 = Some(d);
                    j += c + 1;
                } else if let Some(m) = self.month(j + c)
                    && let Some(d) = self.day(j + c + 1)
                {
                    m2 = Some(m);
                    d2 = Some(d);
                    j += c + 2;
                }
            }
            let comma = usize::from(self.is_punct(j, ","));
            let year = self.year(j + comma);
            let last = if year.is_some() { j + comma } else { j - 1 };
            return self.build(i, last, d1, m1, d2, m2, year);
        }
        // Month and year.
        let comma = usize::from(self.is_punct(j, ","));
        let Some(y) = self.year(j + comma) else {
            return self.month_alone(i, m1);
        };
        let date = PartialDate {
            year: y,
            month: Some(m1),
            day: None,
        };
        Some((
            DateMention::new(self.span(i, j + comma), date),
            j + comma + 1,
        ))
    }

    /// A month named alone after a preposition ("scheduled to take place in Kazan in
    /// June", "until October"): that month of the year nearest the publication date.
    fn month_alone(&self, i: usize, month: i8) -> Option<(DateMention, usize)> {
        let prev = self.lower(i.checked_sub(1)?);
        if !matches!(
            prev.as_str(),
            "in" | "since"
                | "until"
                | "till"
                | "by"
                | "from"
                | "during"
                | "before"
                | "after"
                | "for"
        ) || self.tok(i + 1).is_some_and(|t| t.kind == Kind::Num)
        {
            return None;
        }
        let year = self.infer_year(month, None)?;
        let mut m = DateMention::new(
            self.span(i, i),
            PartialDate {
                year,
                month: Some(month),
                day: None,
            },
        );
        m.year_inferred = true;
        Some((m, i + 1))
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        &self,
        first: usize,
        last: usize,
        d1: i8,
        m1: i8,
        d2: Option<i8>,
        m2: Option<i8>,
        year: Option<i16>,
    ) -> Option<(DateMention, usize)> {
        let (y, inferred) = match year {
            Some(y) => (y, false),
            None => (self.infer_year(m2.unwrap_or(m1), d2.or(Some(d1)))?, true),
        };
        let end = match d2 {
            Some(d2) => {
                let m2v = m2.unwrap_or(m1);
                let e = self.full(y, m2v, d2)?;
                // A span across the new year: `30 December – 2 January 2025`.
                let y1 = if m2v < m1 { y - 1 } else { y };
                let s = self.full(y1, m1, d1)?;
                if e <= s {
                    return None;
                }
                Some((s, e))
            }
            None => None,
        };
        let (date, end) = match end {
            Some((s, e)) => (s, Some(e)),
            None => (self.full(y, m1, d1)?, None),
        };
        let mut m = DateMention::new(self.span(first, last), date);
        m.end = end;
        m.year_inferred = inferred;
        Some((m, last + 1))
    }

    /// A bare year (`in 2023`), or a year span (`2024–2025`). Skips years that are part
    /// of a name (`Vision 2030`, a capitalized word right before) and `© 2023`.
    fn year_alone(&self, i: usize) -> Option<(DateMention, usize)> {
        let y = self.year(i)?;
        if i > 0 {
            let prev = self.s(i - 1);
            let pt = self.tok(i - 1)?;
            if pt.kind == Kind::Punct && matches!(prev, "©" | "#" | "№" | ":" | "$" | "€" | "£")
            {
                return None;
            }
            if pt.kind == Kind::Word
                && prev.starts_with(|c: char| c.is_uppercase())
                && !is_function_word(prev)
            {
                return None;
            }
            if pt.kind == Kind::Word && matches!(prev, "No" | "no" | "Nr" | "number") {
                return None;
            }
        }
        // Not a count: `2024 tonnes` is rare, but `1999 people` is not a date either; we
        // leave the decision to the quantity scanner and keep it as a year here.
        let mut date = DateMention::new(
            self.span(i, i),
            PartialDate {
                year: y,
                month: None,
                day: None,
            },
        );
        let mut next = i + 1;
        if self.is_dash(i + 1)
            && let Some(y2) = self.year(i + 2)
            && y2 > y
        {
            date.end = Some(PartialDate {
                year: y2,
                month: None,
                day: None,
            });
            date.span = self.span(i, i + 2);
            next = i + 3;
        }
        Some((date, next))
    }

    /// `autumn 2025`, `early 2024`, `mid-2025`, `late May 2024`, `the end of 2024`.
    fn vague(&self, i: usize) -> Option<(DateMention, usize)> {
        let w = self.lower(i);
        let mut j = i + 1;
        let ok = match w.as_str() {
            "spring" | "summer" | "autumn" | "fall" | "winter" | "early" | "mid" | "late" => {
                if self.is_dash(j) {
                    j += 1;
                }
                if self.is_word(j, "of") {
                    j += 1;
                }
                true
            }
            "end" | "beginning" | "start" | "middle" if self.is_word(j, "of") => {
                j += 1;
                true
            }
            _ => false,
        };
        if !ok {
            return None;
        }
        // "by the end of the year", "the end of this year": the release's year.
        if (self.is_word(j, "the") || self.is_word(j, "this"))
            && self.is_word(j + 1, "year")
            && let Some(p) = self.published
        {
            let mut m = DateMention::new(
                self.span(i, j + 1),
                PartialDate {
                    year: p.year(),
                    month: None,
                    day: None,
                },
            );
            m.vague = true;
            m.relative = true;
            return Some((m, j + 2));
        }
        if let Some(y) = self.year(j) {
            let mut m = DateMention::new(
                self.span(i, j),
                PartialDate {
                    year: y,
                    month: None,
                    day: None,
                },
            );
            m.vague = true;
            return Some((m, j + 1));
        }
        let mon = self.month(j)?;
        let comma = usize::from(self.is_punct(j + 1, ","));
        let (y, last, inferred) = match self.year(j + 1 + comma) {
            Some(y) => (y, j + 1 + comma, false),
            None => (self.infer_year(mon, None)?, j, true),
        };
        let mut m = DateMention::new(
            self.span(i, last),
            PartialDate {
                year: y,
                month: Some(mon),
                day: None,
            },
        );
        m.vague = true;
        m.year_inferred = inferred;
        Some((m, last + 1))
    }

    /// `today`, `this morning`, `earlier this evening`, `yesterday`, `tomorrow`,
    /// `the day before yesterday`, `this year`, `next month`.
    fn relative(&self, i: usize) -> Option<(DateMention, usize)> {
        let p = self.published?;
        let w = self.lower(i);
        let mut first = i;
        let mut last = i;
        let date = match w.as_str() {
            "today" | "tonight" => PartialDate::day(p),
            "yesterday" => PartialDate::day(p.yesterday().ok()?),
            "tomorrow" => PartialDate::day(p.tomorrow().ok()?),
            "earlier" | "later" if self.is_word(i + 1, "today") => {
                last = i + 1;
                PartialDate::day(p)
            }
            "earlier" | "later"
                if self.is_word(i + 1, "this")
                    && matches!(
                        self.lower(i + 2).as_str(),
                        "morning" | "afternoon" | "evening"
                    ) =>
            {
                last = i + 2;
                PartialDate::day(p)
            }
            "this" | "last" | "next" => {
                let unit = self.lower(i + 1);
                last = i + 1;
                match (w.as_str(), unit.as_str()) {
                    ("this", "morning" | "afternoon" | "evening") => PartialDate::day(p),
                    ("this", "year") => PartialDate {
                        year: p.year(),
                        month: None,
                        day: None,
                    },
                    ("last", "year") => PartialDate {
                        year: p.year() - 1,
                        month: None,
                        day: None,
                    },
                    ("next", "year") => PartialDate {
                        year: p.year() + 1,
                        month: None,
                        day: None,
                    },
                    ("this", "month") => PartialDate {
                        year: p.year(),
                        month: Some(p.month()),
                        day: None,
                    },
                    ("last" | "next", "month") => {
                        let d = p.first_of_month();
                        let d = if w == "last" {
                            d.yesterday().ok()?
                        } else {
                            d.last_of_month().tomorrow().ok()?
                        };
                        PartialDate {
                            year: d.year(),
                            month: Some(d.month()),
                            day: None,
                        }
                    }
                    _ => return None,
                }
            }
            "the" if self.is_word(i + 1, "day") && self.is_word(i + 3, "yesterday") => {
                if !self.is_word(i + 2, "before") {
                    return None;
                }
                last = i + 3;
                PartialDate::day(p.yesterday().ok()?.yesterday().ok()?)
            }
            "the" if self.is_word(i + 1, "day") && self.is_word(i + 3, "tomorrow") => {
                if !self.is_word(i + 2, "after") {
                    return None;
                }
                last = i + 3;
                PartialDate::day(p.tomorrow().ok()?.tomorrow().ok()?)
            }
            _ => return None,
        };
        // "today (Monday 22 April)", "Tomorrow, 2 November": the written date wins.
        if let Some((explicit, after)) = self.explicit_after(last + 1) {
            let mut m = explicit;
            m.span = Span::new(
                self.span(first, first).start,
                m.span.end.max(self.span(after - 1, after - 1).end),
            );
            return Some((m, after));
        }
        if self.is_word(i.wrapping_sub(1), "earlier") || self.is_word(i.wrapping_sub(1), "later") {
            first = i - 1;
        }
        let mut m = DateMention::new(self.span(first, last), date);
        m.relative = true;
        Some((m, last + 1))
    }

    /// "the same day", "the next day", "the following day" at `i`: the index of "day"
    /// and the days after the date told before.
    fn same_day(&self, i: usize) -> Option<(usize, i8)> {
        if !self.is_word(i + 2, "day") {
            return None;
        }
        let offset = match self.lower(i + 1).as_str() {
            "same" => 0,
            "next" | "following" => 1,
            _ => return None,
        };
        Some((i + 2, offset))
    }

    /// A written date right after a relative word or weekday: `(31 October)`,
    /// `(Monday 22 April)`, `, 2 November`, ` 22 April`. Returns it and the index after
    /// the closing parenthesis.
    fn explicit_after(&self, i: usize) -> Option<(DateMention, usize)> {
        let mut j = i;
        let paren = self.is_punct(j, "(");
        if paren || self.is_punct(j, ",") {
            j += 1;
        }
        if let Some(t) = self.tok(j)
            && t.kind == Kind::Word
            && weekday_of(t.text(self.text)).is_some()
        {
            j += 1;
            if self.is_punct(j, ",") {
                j += 1;
            }
        }
        // "(27/5)": a day and month in brackets, in the year of the release.
        if paren
            && self.is_punct(j + 1, ")")
            && let Some((a, b)) = self.s(j).split_once('/')
            && a.len() <= 2
            && b.len() <= 2
            && let (Ok(day), Ok(month), Some(anchor)) = (a.parse(), b.parse(), self.anchor)
            && let Some(d) = self.full(anchor.year(), month, day)
        {
            let start = self.tok(i)?.start;
            let end = self.tok(j + 1)?.end;
            let mut m = DateMention::new(Span::new(start, end), d);
            m.year_inferred = true;
            return Some((m, j + 2));
        }
        let (m, mut after) = match self.tok(j)?.kind {
            Kind::Num => self.numeric(j).or_else(|| self.day_first(j))?,
            Kind::Word => self.month_first(j).filter(|(m, _)| m.date.day.is_some())?,
            Kind::Punct => return None,
        };
        if paren {
            if !self.is_punct(after, ")") {
                return None;
            }
            after += 1;
        }
        Some((m, after))
    }

    /// `on Tuesday`, `until Wednesday`, `next Monday`, `On Monday (31 October)`.
    fn weekday(&self, i: usize) -> Option<(DateMention, usize)> {
        let wd = weekday_of(self.s(i))?;
        let prev = if i > 0 {
            self.lower(i - 1)
        } else {
            Small::new("")
        };
        let first = if matches!(prev.as_str(), "next" | "last" | "this" | "coming") {
            i - 1
        } else {
            i
        };
        if let Some((mut m, after)) = self.explicit_after(i + 1) {
            m.span = Span::new(
                self.span(first, first).start,
                self.span(after - 1, after - 1).end,
            );
            m.weekday = Some(wd);
            return Some((m, after));
        }
        let p = self.published?;
        let forward = matches!(prev.as_str(), "next" | "coming");
        let date = match prev.as_str() {
            "last" => resolve_weekday(p.yesterday().ok()?, wd, false),
            "next" => resolve_weekday(p.tomorrow().ok()?, wd, true),
            _ => resolve_weekday(p, wd, forward),
        };
        let mut m = DateMention::new(self.span(first, i), PartialDate::day(date));
        m.weekday = Some(wd);
        m.weekday_only = true;
        m.relative = true;
        Some((m, i + 1))
    }
}

/// Month names, their abbreviations and weekday names, lowercase: capitalized, they
/// can start a date.
const CALENDAR_NAMES: [&[u8]; 31] = [
    b"january",
    b"february",
    b"march",
    b"april",
    b"may",
    b"june",
    b"july",
    b"august",
    b"september",
    b"october",
    b"november",
    b"december",
    b"jan",
    b"feb",
    b"mar",
    b"apr",
    b"jun",
    b"jul",
    b"aug",
    b"sep",
    b"sept",
    b"oct",
    b"nov",
    b"dec",
    b"monday",
    b"tuesday",
    b"wednesday",
    b"thursday",
    b"friday",
    b"saturday",
    b"sunday",
];

/// Words that can start a relative (`today`, `next month`) or vague (`early 2024`,
/// `the end of May`) date, in any case; lowercase.
const START_WORDS: [&[u8]; 22] = [
    b"today",
    b"tonight",
    b"yesterday",
    b"tomorrow",
    b"earlier",
    b"later",
    b"this",
    b"last",
    b"next",
    b"the",
    b"spring",
    b"summer",
    b"autumn",
    b"fall",
    b"winter",
    b"early",
    b"mid",
    b"late",
    b"end",
    b"beginning",
    b"start",
    b"middle",
];

/// A word of at most 16 bytes, ASCII-lowercased, packed into one number (longer words
/// keep their first 16 bytes; callers check the length first).
const fn lower_key(w: &[u8]) -> u128 {
    let mut key = 0u128;
    let mut k = 0;
    while k < w.len() && k < 16 {
        key |= (w[k].to_ascii_lowercase() as u128) << (8 * k);
        k += 1;
    }
    key
}

/// [`lower_key`] at run time: one copy and one lowercase pass over 16 bytes.
#[inline(always)]
fn lower_key_fast(w: &[u8]) -> u128 {
    let mut buf = [0u8; 16];
    let n = w.len().min(16);
    buf[..n].copy_from_slice(&w[..n]);
    buf.make_ascii_lowercase();
    u128::from_le_bytes(buf)
}

/// The keys ([`lower_key`]) of `words`, sorted for a binary search.
const fn sorted_keys<const N: usize>(words: [&[u8]; N]) -> [u128; N] {
    let mut keys = [0u128; N];
    let mut k = 0;
    while k < N {
        keys[k] = lower_key(words[k]);
        k += 1;
    }
    // Insertion sort (a const fn cannot call `sort`).
    let mut a = 1;
    while a < N {
        let mut b = a;
        while b > 0 && keys[b - 1] > keys[b] {
            let t = keys[b - 1];
            keys[b - 1] = keys[b];
            keys[b] = t;
            b -= 1;
        }
        a += 1;
    }
    keys
}

const CALENDAR_KEYS: [u128; CALENDAR_NAMES.len()] = sorted_keys(CALENDAR_NAMES);
const START_KEYS: [u128; START_WORDS.len()] = sorted_keys(START_WORDS);

/// Slot of [`START_LENS`] for a word starting with bytes `a`, `b`: their low five
/// bits (the same for both cases of a letter).
fn start_slot(a: u8, b: u8) -> usize {
    (usize::from(a & 31) << 5) | usize::from(b & 31)
}

/// By the first two letters (either case; see [`start_slot`]), bit `n` set when a word
/// of [`CALENDAR_NAMES`] or [`START_WORDS`] of `n` bytes starts with them.
const START_LENS: [u16; 1024] = {
    let mut t = [0u16; 1024];
    let mut k = 0;
    while k < CALENDAR_NAMES.len() + START_WORDS.len() {
        let w = if k < CALENDAR_NAMES.len() {
            CALENDAR_NAMES[k]
        } else {
            START_WORDS[k - CALENDAR_NAMES.len()]
        };
        t[(((w[0] & 31) as usize) << 5) | (w[1] & 31) as usize] |= 1 << w.len();
        k += 1;
    }
    t
};

/// Words that may precede a bare year without making it part of a name.
fn is_function_word(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "of"
            | "for"
            | "from"
            | "to"
            | "the"
            | "and"
            | "or"
            | "before"
            | "after"
            | "early"
            | "late"
            | "mid"
            | "during"
            | "throughout"
            | "between"
            | "as"
            | "at"
            | "on"
            | "this"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
            | "through"
            | "within"
            | "end"
            | "beginning"
    )
}

/// Every date mention of `text`, in text order. `published` resolves relative words,
/// weekdays and missing years; without it, years are inferred from the first fully
/// written date of the text and relative words are skipped.
#[cfg(test)]
pub(crate) fn find_dates(text: &str, published: Option<Date>) -> Vec<DateMention> {
    find_dates_in(text, &tokens::tokenize(text), published)
}

/// [`find_dates`] over the tokens of `text` already made by [`tokens::tokenize`]
/// (the pipeline tokenizes once for dates and quantities).
pub(crate) fn find_dates_in(text: &str, toks: &[Tok], published: Option<Date>) -> Vec<DateMention> {
    let mut sc = Scanner {
        text,
        toks,
        anchor: published,
        published,
    };
    if sc.anchor.is_none() {
        // Anchor on the first complete written date.
        let mut i = 0;
        while i < sc.toks.len() {
            if let Some((m, next)) = sc.at(i) {
                if let Some(d) = m.date.to_date().filter(|_| !m.year_inferred) {
                    sc.anchor = Some(d);
                    break;
                }
                i = next;
            } else {
                i += 1;
            }
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        // Most tokens start nothing: they are passed over in a loop of their own.
        i = sc.next_candidate(i);
        if i >= sc.toks.len() {
            break;
        }
        match sc.at(i) {
            Some((mut m, next)) => {
                let p = if m.span.start == sc.toks[i].start && i > 0 {
                    i - 1
                } else {
                    i
                };
                if p < i
                    && sc.tok(p).is_some_and(|t| t.kind == Kind::Word)
                    && matches!(sc.lower(p).as_str(), "until" | "till" | "through" | "by")
                {
                    m.until = !(sc.lower(p) == "by");
                }
                out.push(m);
                i = next.max(i + 1);
            }
            None => {
                // "On the same day, he will co-chair …": the day of the date told last.
                // ("The following day (27/5)": the written date.)
                if let Some((last, _)) = sc.same_day(i)
                    && let Some((mut m, after)) = sc.explicit_after(last + 1)
                {
                    m.span = Span::new(sc.span(i, i).start, m.span.end);
                    out.push(m);
                    i = after;
                } else if let Some((last, offset)) = sc.same_day(i)
                    && let Some(prev) = out.iter().rev().find(|m| m.date.day.is_some())
                    && let Some(day) = prev.date.to_date()
                    && let Ok(day) = day.checked_add(jiff::Span::new().days(offset))
                {
                    let mut m = DateMention::new(sc.span(i, last), PartialDate::day(day));
                    m.relative = true;
                    m.after_told = Some(offset);
                    out.push(m);
                    i = last + 1;
                } else {
                    i += 1;
                }
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn date_string_is_to_string() {
        for year in [-5, 0, 7, 99, 999, 2024, 9999, 10000, i16::MAX, i16::MIN] {
            for month in [
                None,
                Some(-1),
                Some(0),
                Some(1),
                Some(12),
                Some(99),
                Some(100),
            ] {
                for day in [None, Some(-3), Some(0), Some(5), Some(31), Some(i8::MAX)] {
                    let d = PartialDate { year, month, day };
                    assert_eq!(date_string(d), d.to_string(), "{d:?}");
                }
            }
        }
    }

    fn pd(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }
    fn pub_(s: &str) -> Option<Date> {
        Some(s.parse().unwrap())
    }
    /// (covered text, date, end) of every mention.
    fn all(text: &str, published: &str) -> Vec<(String, String, Option<String>)> {
        find_dates(text, pub_(published))
            .into_iter()
            .map(|m| {
                (
                    m.span.of(text).to_string(),
                    m.date.to_string(),
                    m.end.map(|e| e.to_string()),
                )
            })
            .collect()
    }
    fn one(text: &str, published: &str) -> (String, Option<String>) {
        let v = all(text, published);
        assert_eq!(v.len(), 1, "{text:?} -> {v:?}");
        (v[0].1.clone(), v[0].2.clone())
    }
    fn day(text: &str, published: &str) -> String {
        let (d, e) = one(text, published);
        assert_eq!(e, None, "{text}");
        d
    }

    #[test]
    fn word_keys_agree() {
        for w in [
            "",
            "the",
            "The",
            "SEPTEMBER",
            "Wednesday",
            "é",
            "Müller",
            "beginningsandends",
        ] {
            assert_eq!(lower_key_fast(w.as_bytes()), lower_key(w.as_bytes()), "{w}");
        }
        assert!(START_KEYS.windows(2).all(|p| p[0] < p[1]));
        assert!(CALENDAR_KEYS.windows(2).all(|p| p[0] < p[1]));
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(day("On 21 May 2024 in Astana", "2024-05-22"), "2024-05-21");
        assert_eq!(day("On May 21, 2024 in Astana", "2024-05-22"), "2024-05-21");
        assert_eq!(day("Published 21.05.2024", "2024-06-01"), "2024-05-21");
        assert_eq!(day("27.05.2024 the opening", "2024-05-28"), "2024-05-27");
        assert_eq!(day("Hanoi, 19/04/2020 - The", "2020-04-19"), "2020-04-19");
        assert_eq!(day("dated 2024-05-21.", "2024-05-22"), "2024-05-21");
        assert_eq!(
            day("On February 7, 2023, Japan", "2023-02-08"),
            "2023-02-07"
        );
        assert_eq!(
            day("ABU DHABI, 10th September, 2023 (WAM)", "2023-09-10"),
            "2023-09-10"
        );
        assert_eq!(
            day("No: 19, 21 January 2023, Press Release", "2023-01-21"),
            "2023-01-21"
        );
    }

    #[test]
    fn partial_dates_take_the_nearest_year() {
        let m = &find_dates("On May 21 the ministers", pub_("2024-05-13"))[0];
        assert_eq!(m.date, pd("2024-05-21"));
        assert!(m.year_inferred);
        assert_eq!(day("on 28 December the note", "2024-01-03"), "2023-12-28");
        assert_eq!(one("in October 2024 in Minsk", "2024-04-12").0, "2024-10");
        assert_eq!(one("recalled the visit in 2023", "2024-04-12").0, "2023");
        let v = find_dates("the third conference in autumn 2025", pub_("2024-11-01"));
        assert_eq!(v.len(), 1);
        assert!(v[0].vague);
        assert_eq!(v[0].date, pd("2025"));
    }

    #[test]
    fn relative_words() {
        assert_eq!(
            day("The minister today dispatched", "2023-09-10"),
            "2023-09-10"
        );
        assert_eq!(day("arrived this morning", "2023-02-27"), "2023-02-27");
        assert_eq!(day("summoned this afternoon", "2022-04-04"), "2022-04-04");
        assert_eq!(day("Earlier today, the", "2021-05-24"), "2021-05-24");
        let v = find_dates("earlier this evening the", pub_("2024-01-01"));
        assert_eq!(
            v[0].span.of("earlier this evening the"),
            "earlier this evening"
        );
        assert_eq!(day("tonight", "2024-01-01"), "2024-01-01");
        assert_eq!(day("Yesterday, the King", "2023-09-10"), "2023-09-09");
        assert_eq!(day("will travel tomorrow", "2023-11-01"), "2023-11-02");
        assert_eq!(day("the day before yesterday", "2023-11-03"), "2023-11-01");
        let d = find_dates(
            "On 21 May he will meet the Prime Minister. On the same day, he will co-chair \
             the consultations; the next day he flies home.",
            pub_("2026-05-19"),
        );
        let got: Vec<String> = d.iter().map(|m| m.date.to_string()).collect();
        assert_eq!(got, ["2026-05-21", "2026-05-21", "2026-05-22"]);
        assert!(find_dates("the same day", pub_("2026-05-19")).is_empty());
        let d = find_dates(
            "On Monday (26/5) they met. The following day (27/5), they signed.",
            pub_("2025-05-28"),
        );
        assert_eq!(
            d.last().map(|m| m.date.to_string()),
            Some("2025-05-27".into())
        );
        assert_eq!(d.last().map(|m| m.after_told), Some(None));
        assert_eq!(
            one("exceeded USD 4 billion this year", "2022-12-22").0,
            "2022"
        );
        assert_eq!(one("next month", "2022-12-22").0, "2023-01");
        assert_eq!(one("last year", "2022-12-22").0, "2021");
        assert!(find_dates("today", None).is_empty());
    }

    #[test]
    fn weekdays() {
        // 2022-02-04 is a Friday; "On Tuesday" is 2022-02-01.
        let m = &find_dates("On Tuesday, the Minister", pub_("2022-02-04"))[0];
        assert_eq!(m.date, pd("2022-02-01"));
        assert_eq!(m.weekday, Some(Weekday::Tuesday));
        assert!(m.weekday_only);
        assert_eq!(day("next Monday", "2022-02-04"), "2022-02-07");
        assert_eq!(day("last Friday", "2022-02-04"), "2022-01-28");
        assert_eq!(day("on Friday", "2022-02-04"), "2022-02-04");
        let p: Date = "2022-10-30".parse().unwrap();
        assert_eq!(
            resolve_weekday(p, Weekday::Wednesday, true).to_string(),
            "2022-11-02"
        );
        assert_eq!(
            resolve_weekday(p, Weekday::Wednesday, false).to_string(),
            "2022-10-26"
        );
        let text = "On Monday (31 October), the Minister will be in Astana, until Wednesday.";
        let v = find_dates(text, pub_("2022-10-30"));
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].span.of(text), "Monday (31 October)");
        assert_eq!(v[0].date, pd("2022-10-31"));
        assert!(!v[0].weekday_only);
        assert!(v[1].until);
        assert_eq!(v[1].weekday, Some(Weekday::Wednesday));
    }

    #[test]
    fn written_date_after_relative_word_wins() {
        let text = "is in Tajikistan today (Monday 22 April), the first";
        let v = find_dates(text, pub_("2024-04-23"));
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].date, pd("2024-04-22"));
        assert_eq!(v[0].span.of(text), "today (Monday 22 April)");
        assert_eq!(
            day("Tomorrow, 2 November, the President", "2023-11-01"),
            "2023-11-02"
        );
    }

    #[test]
    fn spans() {
        let s = |t: &str, p: &str| one(t, p);
        let r = |a: &str, b: &str| (a.to_string(), Some(b.to_string()));
        assert_eq!(
            s("On May 15-17 the", "2024-05-01"),
            r("2024-05-15", "2024-05-17")
        );
        assert_eq!(
            s("On 10-11 May 2024, Almaty", "2024-05-11"),
            r("2024-05-10", "2024-05-11")
        );
        assert_eq!(
            s("On 12-13 March", "2025-03-13"),
            r("2025-03-12", "2025-03-13")
        );
        assert_eq!(
            s("from 3 to 5 June", "2025-03-13"),
            r("2025-06-03", "2025-06-05")
        );
        assert_eq!(
            s("from June 11 to 13, held", "2024-06-12"),
            r("2024-06-11", "2024-06-13")
        );
        assert_eq!(
            s("On 31 October – 1 November 2024, Minsk", "2024-11-01"),
            r("2024-10-31", "2024-11-01")
        );
        assert_eq!(
            s("Summit, November 18-19, 2024", "2024-02-22"),
            r("2024-11-18", "2024-11-19")
        );
        assert_eq!(
            s("the Republic (1-2 November 2023) -", "2023-11-01"),
            r("2023-11-01", "2023-11-02")
        );
        assert_eq!(
            s("from 22 to 24 August 2023.", "2023-05-31"),
            r("2023-08-22", "2023-08-24")
        );
        assert_eq!(
            s("on 1 and 2 November 2023.", "2023-11-01"),
            r("2023-11-01", "2023-11-02")
        );
        assert_eq!(
            s("On February 21 and 22, Rio", "2024-02-22"),
            r("2024-02-21", "2024-02-22")
        );
        assert_eq!(
            s("Rio de Janeiro, February 21-22, 2024 —", "2024-02-22"),
            r("2024-02-21", "2024-02-22")
        );
        assert_eq!(
            s("programme for 2024–2025 was", "2024-04-11"),
            r("2024", "2025")
        );
    }

    #[test]
    fn non_dates_are_ignored() {
        assert!(all("No:562/23, Baku", "2023-12-26").is_empty());
        assert!(all("at COP26 and G20", "2023-12-26").is_empty());
        assert!(all("Copyright © 2023 Ministry", "2023-12-26").is_empty());
        assert!(
            all(
                "more than 1,500 tonnes and 51.5 tonnes, 19 Lenin St.",
                "2023-12-26"
            )
            .is_empty()
        );
        assert!(all("the Vision 2030 programme", "2023-12-26").is_empty());
        assert!(all("You may visit; march on", "2023-12-26").is_empty());
        assert!(all("at 4:10 p.m. for 10 minutes", "2023-12-26").is_empty());
        assert_eq!(
            all("the Strategy adopted in 2019 and", "2025-04-04").len(),
            1
        );
    }

    #[test]
    fn without_publication_date_years_come_from_the_text() {
        let v = find_dates("On 12 April 2024 Minsk hosted. On 13 April the", None);
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].date, pd("2024-04-13"));
    }

    #[test]
    fn status_cues() {
        assert_eq!(
            status_cue("The visit has been cancelled."),
            Some(Status::Cancelled)
        );
        // Moved to a new date: still to come; moved to none: called off.
        assert_eq!(
            status_cue("The summit was postponed to next year."),
            Some(Status::Planned)
        );
        assert_eq!(
            status_cue("The summit was postponed until further notice."),
            Some(Status::Cancelled)
        );
        assert_eq!(
            status_cue("The summit was postponed."),
            Some(Status::Cancelled)
        );
        assert_eq!(
            status_cue("The meeting will be held in Minsk."),
            Some(Status::Planned)
        );
        assert_eq!(
            status_cue("The summit is scheduled for June."),
            Some(Status::Planned)
        );
        assert_eq!(
            status_cue("ahead of the upcoming summit"),
            Some(Status::Planned)
        );
        assert_eq!(status_cue("The ministers held talks."), None);
        assert_eq!(status_cue("Goodwill was expressed."), None);
    }
}
