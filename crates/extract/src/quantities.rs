//! Quantities: figures a reader would tabulate (capacities, trade volumes, amounts of
//! aid, counts of people), normalized to a plain value, a singular unit and an optional
//! rate (`per`).
//!
//! One token pass (the tokenizer of [`crate::dates::tokens`]) and a small grammar:
//! `[currency] number [scale] [modifier…] unit [per period]`. The unit must be in the
//! units lexicon (`data/units.tsv`): currencies map to ISO 4217 codes, counted nouns to a
//! singular unit. Anything else (percentages, durations, ordinals, years, document and
//! phone numbers) is not a quantity. Number words count only with a scale
//! (`five hundred`, `two million`); `two countries` is prose, not a figure.

use crate::dates::tokens::{Kind, Tok, tokenize};
use crate::record::{Quantity, Span};
use std::collections::HashMap;

/// A map hashed with FNV (short keys; no untrusted-key concerns in a fixed table).
type FnvMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<attache_lexicon::events::Fnv>>;
use std::sync::OnceLock;

const UNITS_TSV: &str = include_str!("../../../data/units.tsv");

/// A unit surface form split into lowercase words.
#[derive(Debug)]
struct UnitEntry {
    words: Vec<String>,
    unit: &'static str,
    currency: bool,
}

#[derive(Debug, Default)]
struct Units {
    /// Entries by their first word (lowercased), longest first.
    by_first: FnvMap<String, Vec<UnitEntry>>,
    /// Symbols and codes that may precede a number (`$`, `USD`, `€`), exact case.
    prefix: FnvMap<&'static str, &'static str>,
    /// Countries whose own currency is a dollar, and its code (`CAN` → `CAD`).
    local_dollar: FnvMap<&'static str, &'static str>,
    /// Words in a dollar amount that keep it American ("US$", "U.S. dollars").
    usd_marker: Vec<&'static str>,
}

fn units() -> &'static Units {
    static U: OnceLock<Units> = OnceLock::new();
    U.get_or_init(|| {
        let mut u = Units::default();
        for line in UNITS_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&'static str> = line.split('\t').collect();
            let [kind, surface, unit] = cols[..] else {
                continue;
            };
            if kind == "local_dollar" {
                u.local_dollar.insert(surface, unit);
                continue;
            }
            if kind == "usd_marker" {
                u.usd_marker.push(surface);
                continue;
            }
            let currency = kind == "currency";
            let is_code_or_symbol = currency
                && (surface.chars().all(|c| c.is_ascii_uppercase() || c == '$')
                    || !surface.chars().any(char::is_alphanumeric));
            if is_code_or_symbol {
                u.prefix.insert(surface, unit);
            }
            // Split like the tokenizer does: words and single punctuation characters.
            let words: Vec<String> = tokenize(surface)
                .iter()
                .map(|t| t.text(surface).to_lowercase())
                .collect();
            let Some(first) = words.first().cloned() else {
                continue;
            };
            u.by_first.entry(first).or_default().push(UnitEntry {
                words,
                unit,
                currency,
            });
        }
        for v in u.by_first.values_mut() {
            v.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
        }
        u
    })
}

fn scale_of(word: &str) -> Option<u32> {
    Some(match word.to_ascii_lowercase().as_str() {
        "hundred" => 2,
        "thousand" | "thousands" | "k" => 3,
        "million" | "millions" | "mln" | "mn" | "m" => 6,
        "billion" | "billions" | "bn" | "bln" | "b" => 9,
        "trillion" | "trillions" | "tn" => 12,
        _ => return None,
    })
}

/// The number words ([`small_number_word`]) and their values.
const NUMBER_WORDS: [(&[u8], u64); 28] = [
    (b"zero", 0),
    (b"one", 1),
    (b"two", 2),
    (b"three", 3),
    (b"four", 4),
    (b"five", 5),
    (b"six", 6),
    (b"seven", 7),
    (b"eight", 8),
    (b"nine", 9),
    (b"ten", 10),
    (b"eleven", 11),
    (b"twelve", 12),
    (b"thirteen", 13),
    (b"fourteen", 14),
    (b"fifteen", 15),
    (b"sixteen", 16),
    (b"seventeen", 17),
    (b"eighteen", 18),
    (b"nineteen", 19),
    (b"twenty", 20),
    (b"thirty", 30),
    (b"forty", 40),
    (b"fifty", 50),
    (b"sixty", 60),
    (b"seventy", 70),
    (b"eighty", 80),
    (b"ninety", 90),
];

/// Slot of a word in [`NUMBER_STARTS`]: the low five bits of its first two bytes (the
/// same for either case of a letter).
const fn number_slot(a: u8, b: u8) -> usize {
    ((a & 31) as usize) << 5 | (b & 31) as usize
}

/// By the first two letters of a number word ([`number_slot`]): bit `n` set when a
/// number word of `n` bytes begins with them.
const NUMBER_STARTS: [u16; 1024] = {
    let mut t = [0u16; 1024];
    let mut k = 0;
    while k < NUMBER_WORDS.len() {
        let w = NUMBER_WORDS[k].0;
        t[number_slot(w[0], w[1])] |= 1 << w.len();
        k += 1;
    }
    t
};

/// Can `w` be a number word ([`small_number_word`]): 3 to 9 bytes, and a number word
/// of its length begins with its first two letters (either case; other bytes may pass)?
fn may_be_number_word(w: &[u8]) -> bool {
    (3..=9).contains(&w.len()) && NUMBER_STARTS[number_slot(w[0], w[1])] & (1 << w.len()) != 0
}

fn small_number_word(word: &str) -> Option<u64> {
    // Lowercased on the stack: every number word is 3 to 9 ASCII letters.
    let b = word.as_bytes();
    if !may_be_number_word(b) {
        return None;
    }
    let mut buf = [0u8; 9];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    let lower = &buf[..b.len()];
    NUMBER_WORDS
        .iter()
        .find(|(w, _)| *w == lower)
        .map(|&(_, n)| n)
}

/// Words that end the search for a unit after a number.
fn is_stop(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "of" | "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "in"
            | "on"
            | "at"
            | "to"
            | "from"
            | "for"
            | "with"
            | "by"
            | "per"
            | "than"
            | "more"
            | "less"
            | "about"
            | "over"
            | "under"
            | "up"
            | "this"
            | "that"
            | "these"
            | "those"
            | "its"
            | "their"
            | "his"
            | "her"
            | "was"
            | "were"
            | "is"
            | "are"
            | "has"
            | "have"
            | "had"
            | "will"
            | "be"
            | "been"
            | "percent"
            | "cent"
            | "year"
            | "years"
            | "month"
            | "months"
            | "day"
            | "days"
            | "hour"
            | "hours"
            | "minute"
            | "minutes"
            | "week"
            | "weeks"
            | "times"
            | "which"
            | "who"
            | "as"
            | "into"
            | "since"
            | "until"
            | "after"
            | "before"
            | "during"
    )
}

/// Words between figures of a coordinated list (`10 thousand tractors and up to 1
/// thousand combines per year`), and approximators in front of a figure.
fn is_list_glue(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "and"
            | "or"
            | "up"
            | "to"
            | "about"
            | "approximately"
            | "around"
            | "over"
            | "more"
            | "than"
            | "nearly"
            | "almost"
            | "as"
            | "well"
            | "some"
            | "roughly"
            | "at"
            | "least"
            | "over,"
            | "another"
            | "additional"
    )
}

fn period_of(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().as_str() {
        "year" | "annum" => "year",
        "month" => "month",
        "week" => "week",
        "day" => "day",
        "hour" => "hour",
        _ => return None,
    })
}

struct Scan<'t> {
    text: &'t str,
    toks: &'t [Tok],
}

/// A figure: exact decimal mantissa with a power of ten.
#[derive(Debug, Clone, Copy)]
struct Figure {
    mantissa: u128,
    /// Decimal places written (`51.5` → 1).
    decimals: u32,
    /// Power of ten of the scale word (`billion` → 9).
    scale: u32,
    /// Written as a number word without a scale (`four`): a figure only with a rate.
    bare_word: bool,
}

impl Figure {
    fn value(self) -> f64 {
        if self.scale >= self.decimals {
            let m = self
                .mantissa
                .saturating_mul(10u128.saturating_pow(self.scale - self.decimals));
            m as f64
        } else {
            self.mantissa as f64 / 10f64.powi((self.decimals - self.scale) as i32)
        }
    }
}

impl<'t> Scan<'t> {
    fn s(&self, i: usize) -> &'t str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }
    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }
    fn adjacent(&self, a: usize, b: usize) -> bool {
        matches!((self.toks.get(a), self.toks.get(b)), (Some(x), Some(y)) if x.end == y.start)
    }

    /// A written number at `i`: digits (`1,500`, `51.5`) or number words with a scale.
    /// Returns the figure and the index after it (scale words included).
    fn number(&self, i: usize) -> Option<(Figure, usize)> {
        let t = self.toks.get(i)?;
        let mut j;
        let mut fig = match t.kind {
            Kind::Num => {
                if t.ordinal {
                    return None;
                }
                let raw = t.text(self.text);
                // A leading zero marks a code or phone number part (`082 555 012`).
                if raw.len() > 1 && raw.starts_with('0') && raw.bytes().all(|b| b.is_ascii_digit())
                {
                    return None;
                }
                let (joined, after) = self.space_grouped(i);
                let s = joined.as_deref().unwrap_or(t.text(self.text));
                if s.contains(['/', ':']) || s.matches('.').count() > 1 {
                    return None;
                }
                // `1,500` and `2,300,000` are thousands; a lone `1,5` is a decimal comma.
                let (int, frac) = match s.split_once('.') {
                    Some((a, b)) => (a, b),
                    None => {
                        let mut groups = s.split(',');
                        match (groups.next(), groups.next(), groups.next()) {
                            (Some(a), Some(b), None) if b.len() != 3 => (a, b),
                            _ => (s, ""),
                        }
                    }
                };
                if int.contains(',') && !int.split(',').skip(1).all(|g| g.len() == 3) {
                    return None;
                }
                // The digits of both parts as one integer (none, another character or
                // an overflow: no figure).
                let mut mantissa: u128 = 0;
                let mut any = false;
                for c in int.chars().filter(char::is_ascii_digit).chain(frac.chars()) {
                    let d = c.to_digit(10)?;
                    mantissa = mantissa.checked_mul(10)?.checked_add(u128::from(d))?;
                    any = true;
                }
                if !any {
                    return None;
                }
                j = after;
                Figure {
                    mantissa,
                    decimals: frac.len() as u32,
                    scale: 0,
                    bare_word: false,
                }
            }
            Kind::Word => {
                // Number words: `five hundred`, `twenty-five thousand`, `one million`.
                let mut n = small_number_word(t.text(self.text))?;
                j = i + 1;
                if self.s(j) == "-"
                    && let Some(u) = small_number_word(self.s(j + 1))
                    && n >= 20
                    && u < 10
                {
                    n += u;
                    j += 2;
                }
                let scaled = matches!(
                    self.s(j).to_ascii_lowercase().as_str(),
                    "hundred" | "thousand" | "million" | "billion" | "trillion"
                );
                Figure {
                    mantissa: u128::from(n),
                    decimals: 0,
                    scale: 0,
                    bare_word: !scaled,
                }
            }
            Kind::Punct => return None,
        };
        // Scale words: `thousand`, `hundred thousand`, `million`, `bn` (adjacent: `4bn`).
        while let Some(sc) = self
            .kind(j)
            .filter(|k| *k == Kind::Word)
            .and_then(|_| scale_of(self.s(j)))
        {
            if self.s(j).len() == 1 && !self.adjacent(j - 1, j) {
                break; // a lone `m` or `k` is a word, not a scale
            }
            fig.scale += sc;
            j += 1;
        }
        Some((fig, j))
    }

    /// A number written with spaces between groups of thousands at `i` (`230 000`,
    /// `1 200 000`, also with a no-break or thin space): its digits without the spaces
    /// and the index after its last group. Only a first group of one to three digits
    /// not starting with 0 (not a year, a phone number or a code) followed by groups of
    /// exactly three digits; anything else gives `(None, i + 1)`.
    fn space_grouped(&self, i: usize) -> (Option<String>, usize) {
        let first = self.s(i);
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(1..=3).contains(&first.len()) || !digits(first) || first.starts_with('0') {
            return (None, i + 1);
        }
        // Not the continuation of a group before ("12 345 678" read from "345").
        if i >= 1 && self.kind(i - 1) == Some(Kind::Num) && self.space_between(i - 1, i) {
            return (None, i + 1);
        }
        let mut j = i + 1;
        while self.kind(j) == Some(Kind::Num)
            && self.space_between(j - 1, j)
            && self.s(j).len() == 3
            && digits(self.s(j))
        {
            j += 1;
        }
        // A next group of another length makes it a code ("082 555 0123").
        if j == i + 1 || (self.kind(j) == Some(Kind::Num) && self.space_between(j - 1, j)) {
            return (None, i + 1);
        }
        // The groups joined (written only for a grouped number, most are not).
        let mut out = first.to_string();
        for k in i + 1..j {
            out.push_str(self.s(k));
        }
        (Some(out), j)
    }

    /// Whether tokens `a` and `b` are separated by exactly one space character
    /// (ordinary, no-break, thin or narrow no-break).
    fn space_between(&self, a: usize, b: usize) -> bool {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) => matches!(
                self.text.get(x.end..y.start),
                Some(" " | "\u{a0}" | "\u{2009}" | "\u{202f}")
            ),
            _ => false,
        }
    }

    /// The longest unit at `i`; returns (unit, is_currency, index after).
    fn unit_at(&self, i: usize) -> Option<(&'static str, bool, usize)> {
        let u = units();
        let first = crate::sentences::to_lower(self.s(i));
        let entries = u.by_first.get(&first)?;
        'e: for e in entries {
            for (k, w) in e.words.iter().enumerate() {
                if crate::sentences::to_lower(self.s(i + k)) != *w {
                    continue 'e;
                }
            }
            // Codes must keep their case (`USD`, not the word `usd` in prose is fine too).
            return Some((e.unit, e.currency, i + e.words.len()));
        }
        None
    }

    /// A currency written before the number at `i` (`USD 1.2`, `$4`, `US$ 5`, `€12`).
    fn currency_before(&self, i: usize) -> Option<(&'static str, usize)> {
        let p = i.checked_sub(1)?;
        let u = units();
        let s = self.s(p);
        let code = *u.prefix.get(s)?;
        if s == "$" && p >= 1 && self.adjacent(p - 1, p) {
            let before = self.s(p - 1);
            if let Some(c) = u.prefix.get(format!("{before}$").as_str()) {
                return Some((c, p - 1));
            }
        }
        Some((code, p))
    }

    /// `per year`, `a year`, `each year`, `annually`, `per annum`.
    fn per_at(&self, i: usize) -> Option<(&'static str, usize)> {
        let w = self.s(i).to_ascii_lowercase();
        match w.as_str() {
            "annually" | "yearly" => Some(("year", i + 1)),
            "monthly" => Some(("month", i + 1)),
            "daily" => Some(("day", i + 1)),
            "per" | "a" | "an" | "each" | "every" => period_of(self.s(i + 1)).map(|p| (p, i + 2)),
            "/" => period_of(self.s(i + 1)).map(|p| (p, i + 2)),
            _ => None,
        }
    }

    /// A rate after a short phrase that qualifies the unit: `tonnes of green ammonia
    /// per year`, `students at Indonesian universities each year`: a preposition and
    /// one to three words (no punctuation, figure or other stop word), then the rate.
    fn per_after_phrase(&self, i: usize) -> Option<(&'static str, usize)> {
        if !matches!(
            self.s(i).to_ascii_lowercase().as_str(),
            "of" | "at" | "in" | "for" | "from" | "to"
        ) || self.kind(i) != Some(Kind::Word)
        {
            return None;
        }
        let mut j = i + 1;
        while j <= i + 3 && self.kind(j) == Some(Kind::Word) {
            if let Some(hit) = self.per_at(j) {
                return (j > i + 1).then_some(hit);
            }
            if is_stop(self.s(j)) && !matches!(self.s(j), "the") {
                return None;
            }
            j += 1;
        }
        self.per_at(j).filter(|_| j > i + 1)
    }

    fn looks_like_year(&self, i: usize) -> bool {
        let t = match self.toks.get(i) {
            Some(t) => t,
            None => return false,
        };
        let s = t.text(self.text);
        t.kind == Kind::Num
            && s.len() == 4
            && s.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
    }
}

/// One figure found, before the list-level clean-up.
struct Found {
    q: Quantity,
    first_tok: usize,
    last_tok: usize,
}

/// A plain dollar ("$12 million", "5 million dollars") in a release of a country whose
/// own currency is a dollar is that country's ("CAD" on a Canadian page); a written
/// "US$", "USD" or "U.S. dollars" stays American.
pub(crate) fn localize_dollars(text: &str, quantities: &mut [Quantity], publisher: Option<&str>) {
    let Some(local) = publisher.and_then(|p| units().local_dollar.get(p)) else {
        return;
    };
    for q in quantities.iter_mut().filter(|q| q.unit == "USD") {
        let surface = q.span.of(text);
        let american = units().usd_marker.iter().any(|w| surface.contains(w));
        if !american {
            q.unit = (*local).to_string();
        }
    }
}

/// Every quantity of `text` a reader would tabulate, in text order, once per
/// (value, unit, per).
#[cfg(test)]
pub(crate) fn find_quantities(text: &str) -> Vec<Quantity> {
    find_quantities_in(text, &tokenize(text))
}

/// The first of `toks` from `i` on that may start a figure: not punctuation, and not a
/// word that no number word can be (`toks.len()` when none is).
#[inline(never)]
fn next_candidate(text: &[u8], toks: &[Tok], mut i: usize) -> usize {
    while let Some(t) = toks.get(i) {
        let skip = t.kind == Kind::Punct
            || (t.kind == Kind::Word
                && !may_be_number_word(text.get(t.start..t.end).unwrap_or(&[])));
        if !skip {
            return i;
        }
        i += 1;
    }
    toks.len()
}

/// [`find_quantities`] over the tokens of `text` already made by [`tokenize`].
pub(crate) fn find_quantities_in(text: &str, toks: &[Tok]) -> Vec<Quantity> {
    let sc = Scan { text, toks };
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    loop {
        // Most tokens start no figure: they are passed over in a loop of their own.
        i = next_candidate(text.as_bytes(), toks, i);
        if i >= sc.toks.len() {
            break;
        }
        let Some((fig, after_num)) = sc.number(i) else {
            i += 1;
            continue;
        };
        // A number glued to a word or hyphen before it is part of a name (`C-130`).
        if i > 0
            && sc.adjacent(i - 1, i)
            && sc.kind(i) == Some(Kind::Num)
            && matches!(sc.s(i - 1), "-" | "." | "/" | ":" | "№" | "#" | "+")
        {
            i = after_num;
            continue;
        }
        if i > 0
            && matches!(
                sc.s(i - 1),
                "No" | "no" | "Nr" | "№" | "#" | "Resolution" | "resolution"
            )
        {
            i = after_num;
            continue;
        }
        let mut unit = None;
        let mut first = i;
        if let Some((code, p)) = sc.currency_before(i) {
            unit = Some((code, after_num));
            first = p;
            // `USD 5 billion dollars`: swallow a repeated currency name.
            if let Some((_, true, e)) = sc.unit_at(after_num) {
                unit = Some((code, e));
            }
        }
        if unit.is_none() {
            let year_like = sc.looks_like_year(i) && fig.scale == 0;
            let mut j = after_num;
            // `2,300-kilometre border`: a unit joined by a hyphen.
            if sc.s(j) == "-" && sc.adjacent(j - 1, j) && sc.adjacent(j, j + 1) {
                j += 1;
            }
            let mut skipped = 0;
            loop {
                if let Some((u, _, e)) = sc.unit_at(j) {
                    // A year needs its unit right after it (`in 2023 companies` is not a count).
                    if !(year_like && skipped > 0) {
                        unit = Some((u, e));
                    }
                    break;
                }
                // `9,000 U.S. forces`: a dotted abbreviation as a modifier.
                if sc.s(j) == "U"
                    && sc.s(j + 1) == "."
                    && matches!(sc.s(j + 2), "S" | "K")
                    && sc.s(j + 3) == "."
                {
                    j += 4;
                    skipped += 1;
                    continue;
                }
                if skipped >= 2 || sc.kind(j) != Some(Kind::Word) || is_stop(sc.s(j)) {
                    break;
                }
                if crate::dates::tokens::is_month_or_weekday(sc.s(j)) {
                    break;
                }
                skipped += 1;
                j += 1;
                // Hyphenated modifiers: `full-cycle cabins`.
                if sc.s(j) == "-" && sc.adjacent(j - 1, j) {
                    j += 1;
                }
            }
            if year_like && i > 0 {
                let prev = sc.s(i - 1).to_ascii_lowercase();
                if matches!(
                    prev.as_str(),
                    "in" | "since" | "of" | "by" | "for" | "until" | "from" | "to" | "year"
                ) || sc.kind(i - 1) == Some(Kind::Num)
                    || crate::dates::tokens::is_month_or_weekday(sc.s(i - 1))
                {
                    unit = None;
                }
            }
        }
        let Some((unit, end_tok)) = unit else {
            i = after_num;
            continue;
        };
        // Prices and ratios are not tabulated figures: `$35 per month`, `1 in 3 Americans`.
        let money = first < i;
        let small_money = money && fig.scale == 0 && fig.value() < 1000.0;
        let ratio = i >= 2 && sc.s(i - 1) == "in" && sc.kind(i - 2) == Some(Kind::Num);
        if small_money || ratio || fig.value() == 0.0 {
            i = end_tok.max(i + 1);
            continue;
        }
        // `2 million containers (TEU)`: a unit named again in brackets is the unit.
        let (unit, end_tok) = match sc.unit_at(end_tok + 1) {
            Some((u, false, e)) if sc.s(end_tok) == "(" && sc.s(e) == ")" => (u, e + 1),
            _ => (unit, end_tok),
        };
        let (per, last) = match sc.per_at(end_tok).or_else(|| sc.per_after_phrase(end_tok)) {
            Some((p, e)) => (Some(p.to_string()), e),
            None => (None, end_tok),
        };
        // A number word alone is prose (`two countries`, `three aircraft`) unless a rate
        // makes it a tabulated figure (`four flights per week`).
        if fig.bare_word && (per.is_none() || unit == "country") {
            i = last.max(i + 1);
            continue;
        }
        let span = Span::new(sc.toks[first].start, sc.toks[last - 1].end);
        found.push(Found {
            q: Quantity {
                value: fig.value(),
                unit: unit.to_string(),
                per,
                span,
            },
            first_tok: first,
            last_tok: last - 1,
        });
        i = last;
    }
    // A rate closing a coordinated list covers every figure of the list.
    for k in (1..found.len()).rev() {
        let Some(per) = found[k].q.per.clone() else {
            continue;
        };
        let mut m = k;
        while m > 0 {
            let (prev, cur) = (&found[m - 1], &found[m]);
            let glue =
                (prev.last_tok + 1..cur.first_tok).all(|t| sc.s(t) == "," || is_list_glue(sc.s(t)));
            let gap = cur.first_tok.saturating_sub(prev.last_tok);
            let is_money = units().prefix.values().any(|c| *c == prev.q.unit);
            if !glue || gap > 7 || prev.q.per.is_some() || is_money {
                break;
            }
            found[m - 1].q.per = Some(per.clone());
            m -= 1;
        }
    }
    // `600 participants from more than 40 countries`: the second figure only qualifies
    // the first.
    let mut drop = vec![false; found.len()];
    for k in 1..found.len() {
        let mut t = found[k].first_tok;
        while t > 0 && is_list_glue(sc.s(t - 1)) && sc.s(t - 1) != "and" {
            t -= 1;
        }
        if t > 0 && sc.s(t - 1).eq_ignore_ascii_case("from") && found[k - 1].last_tok + 2 == t {
            drop[k] = true;
        }
    }
    let mut out: Vec<Quantity> = Vec::new();
    for (f, d) in found.into_iter().zip(drop) {
        if d {
            continue;
        }
        let dup = out
            .iter()
            .any(|o| o.value == f.q.value && o.unit == f.q.unit && o.per == f.q.per);
        if !dup {
            out.push(f.q);
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn number_words_in_any_case() {
        for (w, n) in NUMBER_WORDS {
            let w = std::str::from_utf8(w).unwrap();
            let title = format!("{}{}", w[..1].to_uppercase(), &w[1..]);
            for form in [w.to_string(), w.to_uppercase(), title] {
                assert!(may_be_number_word(form.as_bytes()), "{form}");
                assert_eq!(small_number_word(&form), Some(n), "{form}");
            }
        }
        for w in [
            "the",
            "that",
            "three-",
            "thirteenth",
            "tens",
            "seve",
            "Fifth",
            "nines",
            "on",
        ] {
            assert_eq!(small_number_word(w), None, "{w}");
        }
    }

    #[test]
    fn dollars_of_the_publishers_country() {
        let text = "Canada will provide $12 million, and US$3 million come from the \
                    United States; New Zealand adds NZ$8 million.";
        let mut qs = find_quantities(text);
        localize_dollars(text, &mut qs, Some("CAN"));
        let units: Vec<&str> = qs.iter().map(|q| q.unit.as_str()).collect();
        assert_eq!(units, ["CAD", "USD", "NZD"]);
        let mut qs = find_quantities(text);
        localize_dollars(text, &mut qs, Some("FRA"));
        let units: Vec<&str> = qs.iter().map(|q| q.unit.as_str()).collect();
        assert_eq!(units, ["USD", "USD", "NZD"]);
    }

    fn q(text: &str) -> Vec<(f64, String, Option<String>)> {
        find_quantities(text)
            .into_iter()
            .map(|q| (q.value, q.unit, q.per))
            .collect()
    }
    fn one(value: f64, unit: &str, per: Option<&str>) -> Vec<(f64, String, Option<String>)> {
        vec![(value, unit.to_string(), per.map(str::to_string))]
    }

    #[test]
    fn thousands_grouped_by_spaces() {
        assert_eq!(
            q("More than 230 000 people have been affected."),
            one(230000.0, "person", None)
        );
        assert_eq!(
            q("15\u{202f}000 litres of drinking water and 1\u{a0}200\u{a0}000 tonnes"),
            vec![
                (15000.0, "litre".to_string(), None),
                (1_200_000.0, "tonne".to_string(), None)
            ]
        );
        // A phone number or a year before a figure is not a grouped number.
        assert!(q("Spokesperson, 082 555 012 tonnes").is_empty());
        assert!(
            q("12 345 6789 tonnes")
                .iter()
                .all(|(v, _, _)| *v != 12345.0)
        );
        assert_eq!(q("in 2024 100 students"), one(100.0, "student", None));
    }

    #[test]
    fn number_words_with_a_rate() {
        assert_eq!(
            q("direct flights between Doha and Dushanbe, with four flights per week."),
            one(4.0, "flight", Some("week"))
        );
        assert!(q("two countries and three aircraft, two employees").is_empty());
        assert!(q("one of the two sides each year").is_empty());
    }

    #[test]
    fn rates_after_a_bracketed_unit_or_a_short_phrase() {
        assert_eq!(
            q("a handling capacity of 2 million containers (TEU) annually."),
            one(2_000_000.0, "TEU", Some("year"))
        );
        assert_eq!(
            q("will produce up to 1.2 million tonnes of green ammonia per year and"),
            one(1_200_000.0, "tonne", Some("year"))
        );
        assert_eq!(
            q("scholarships for 100 Timorese students at Indonesian universities each year."),
            one(100.0, "student", Some("year"))
        );
        // A rate further on, past a verb or punctuation, is not the figure's.
        assert_eq!(
            q("1.2 million tonnes of ammonia, and exports grew per year"),
            one(1_200_000.0, "tonne", None)
        );
    }

    #[test]
    fn counts_with_rates_over_coordinated_lists() {
        assert_eq!(
            q(
                "allow to manufacture up to 10 thousand tractors and up to 1 thousand combines per year in Kazakhstan"
            ),
            vec![
                (10000.0, "tractor".to_string(), Some("year".to_string())),
                (1000.0, "combine".to_string(), Some("year".to_string())),
            ]
        );
        assert_eq!(
            q("capacity of up to 2,500 cabins per year,"),
            one(2500.0, "cabin", Some("year"))
        );
        assert_eq!(
            q("up to 500 small tractors per year"),
            one(500.0, "tractor", Some("year"))
        );
        assert_eq!(
            q("five hundred tractors annually"),
            one(500.0, "tractor", Some("year"))
        );
    }

    #[test]
    fn money_in_iso_codes() {
        assert_eq!(q("reached USD 1.2 billion, and"), one(1.2e9, "USD", None));
        assert_eq!(
            q("about USD 1.1 billion"),
            one(1_100_000_000.0, "USD", None)
        );
        assert_eq!(q("a $4 billion deal"), one(4e9, "USD", None));
        assert_eq!(
            q("reached 5.6 billion dollars in 2022"),
            one(5.6e9, "USD", None)
        );
        assert_eq!(
            q("bringing it to EUR 12.5 million"),
            one(12_500_000.0, "EUR", None)
        );
        assert_eq!(
            q("bringing it to 12.5 million euros, which"),
            one(12_500_000.0, "EUR", None)
        );
        assert_eq!(q("a package of €12 billion"), one(12e9, "EUR", None));
        assert_eq!(
            q("announced £50 million in new funding"),
            one(50e6, "GBP", None)
        );
        assert_eq!(
            q("grants totalling 26 billion yuan."),
            one(26e9, "CNY", None)
        );
        assert_eq!(q("US$ 3 million"), one(3e6, "USD", None));
        assert_eq!(q("a $2B investment"), one(2e9, "USD", None));
        assert_eq!(
            q("provide an additional $500,000 to"),
            one(500_000.0, "USD", None)
        );
        assert_eq!(
            q("exceeded USD 4 billion this year and to USD 10 billion"),
            vec![
                (4e9, "USD".to_string(), None),
                (10e9, "USD".to_string(), None)
            ]
        );
        assert_eq!(q("worth two million dollars"), one(2e6, "USD", None));
    }

    #[test]
    fn people_and_things() {
        assert_eq!(
            q("declare 40 persons persona non grata"),
            one(40.0, "person", None)
        );
        assert_eq!(q("a group of 54 people"), one(54.0, "person", None));
        assert_eq!(
            q("hosting 700,000 refugees"),
            one(700_000.0, "refugee", None)
        );
        assert_eq!(
            q("a team of approximately 75 members, including"),
            one(75.0, "person", None)
        );
        assert_eq!(
            q("declare 40 staff members of the embassy"),
            one(40.0, "person", None)
        );
        assert_eq!(
            q("about 120,000 ethnic Koreans living"),
            one(120_000.0, "person", None)
        );
        assert_eq!(
            q("more than 1,500 tonnes of relief aid"),
            one(1500.0, "tonne", None)
        );
        assert_eq!(
            q("weighing 51.5 tonnes, consists"),
            one(51.5, "tonne", None)
        );
        assert_eq!(
            q("a length of about 980 kilometres"),
            one(980.0, "km", None)
        );
        assert_eq!(q("a border of 2,300 km"), one(2300.0, "km", None));
        assert_eq!(
            q("the more than 2,300-kilometre state border"),
            one(2300.0, "km", None)
        );
        assert_eq!(
            q("ministers of 15 countries from Africa"),
            one(15.0, "country", None)
        );
        assert_eq!(q("create 30,000 jobs"), one(30000.0, "job", None));
        assert_eq!(
            q("some 9,000 servicemembers"),
            one(9000.0, "servicemember", None)
        );
        assert_eq!(q("40 companies took part"), one(40.0, "company", None));
        assert_eq!(
            q("about 600 participants from more than 40 countries"),
            one(600.0, "participant", None)
        );
    }

    #[test]
    fn not_quantities() {
        for text in [
            "Around 85 percent of trade",
            "about 80% of oil",
            "over the next five years",
            "the 30th anniversary",
            "two years ago",
            "within 48 hours",
            "for approximately 10 minutes",
            "two countries and five countries",
            "On 21 May 2024, in 2023 companies",
            "No:562/23, the note",
            "two C-130 Hercules aircraft",
            "affecting 1 in 3 Americans",
            "for the C5+1 countries",
            "insulin at $35 per month",
            "across 44 states",
            "a Boeing 737 operated by",
            "call +7 717 272 05 00",
            "at 4:10 p.m.",
            "19 Lenin St., Minsk",
            "thousands of women",
            "the 10th Summit",
            "since 2002 countries have",
        ] {
            assert!(q(text).is_empty(), "{text}: {:?}", q(text));
        }
    }

    #[test]
    fn repeated_figures_are_listed_once() {
        assert_eq!(
            q("£50 million of new funding. He announced £50 million in new funding"),
            one(50e6, "GBP", None)
        );
    }
}
