//! Event patterns: verb and noun phrases that state each event kind (data/event_patterns.tsv).
//!
//! A pattern is a sequence of space-separated items matched against the lowercase word
//! tokens of one sentence (punctuation is not a token; "co-chaired" is `co chaired`):
//!
//! - `word` — the token itself; `a|b|c` — any of these tokens;
//! - `stem~` — any token starting with `stem` (also inside alternatives: `condolence~|sympath~`);
//! - `item?` — the item is optional;
//! - `*` — a gap of 0 to 3 arbitrary tokens, `*N` a gap of 0 to N tokens (N ≤ 9);
//! - `@class` — a token of a class the caller marks: `@cap` (capitalised word), `@country`,
//!   `@place`, `@loc` (country or place), `@org`, `@person`, `@title`, `@pair` (the second
//!   country of a compound of two: "India-Ethiopia") (also as
//!   alternatives: `@person|@title`, and optional: `@cap?`).
//!
//! The first item must be a required word (or alternatives / stems), so that the
//! matcher can index patterns by their first token. Compiled once on first use.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

const DATA: &str = include_str!("../../../data/event_patterns.tsv");

/// A fast hash for short word keys (the maps and sets of fixed words of the rules):
/// eight bytes at a time, and a word of at most eight bytes read as two overlapping
/// halves, not byte by byte (the name is that of the FNV-1a hash it replaced).
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

/// The multiplier of [`Fnv`] (odd, its bits well spread).
const FNV_MUL: u64 = 0x9e37_79b9_7f4a_7c15;

/// The first four bytes of `b` (at least four long), little-endian.
#[inline]
fn le4(b: &[u8]) -> u64 {
    b.get(..4)
        .and_then(|s| <[u8; 4]>::try_from(s).ok())
        .map_or(0, |a| u64::from(u32::from_le_bytes(a)))
}

impl Hasher for Fnv {
    #[inline]
    fn finish(&self) -> u64 {
        // The low bits (the table index) from the high bits of the products.
        self.0 ^ (self.0 >> 32)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut rest = bytes;
        while let Some((head, tail)) = rest.split_first_chunk::<8>()
            && !tail.is_empty()
        {
            h = (h ^ u64::from_le_bytes(*head)).wrapping_mul(FNV_MUL);
            rest = tail;
        }
        let n = rest.len();
        let x = if n >= 4 {
            le4(rest) | le4(&rest[n - 4..]) << 32
        } else {
            let at = |i: usize| rest.get(i).map_or(0, |&c| u64::from(c));
            at(0) | at(n / 2) << 8 | at(n.saturating_sub(1)) << 16
        };
        self.0 = (h ^ x ^ (n as u64) << 58).wrapping_mul(FNV_MUL);
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0 ^ u64::from(i)).wrapping_mul(FNV_MUL);
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// The first-token index of [`EventPatterns::find_classed`]: open addressing on a hash
/// of at most sixteen bytes and the length, so that a token is not hashed byte by byte.
#[derive(Debug, Default)]
struct FirstIndex {
    /// `1 +` an index into `entries`, or 0 for an empty slot; a power of two long.
    slots: Vec<u32>,
    /// `64 - log2(slots.len())`: the hash's top bits pick the slot.
    shift: u32,
    entries: Vec<(String, Vec<usize>)>,
}

/// The bytes `b[i..i + N]` as a little-endian number (0 when out of range).
#[inline]
fn read_le<const N: usize>(b: &[u8], i: usize) -> u64 {
    b.get(i..i + N)
        .and_then(|s| <[u8; N]>::try_from(s).ok())
        .map_or(0, |a| {
            a.iter().rev().fold(0, |acc, &x| acc << 8 | u64::from(x))
        })
}

/// A cheap hash of a short word: its first and last (up to) eight bytes and its length.
#[inline]
fn quick_hash(b: &[u8]) -> u64 {
    let n = b.len();
    let (x, y) = if n >= 8 {
        (read_le::<8>(b, 0), read_le::<8>(b, n - 8))
    } else if n >= 4 {
        (read_le::<4>(b, 0), read_le::<4>(b, n - 4))
    } else {
        let at = |i: usize| b.get(i).map_or(0, |&c| u64::from(c));
        (at(0) | at(n / 2) << 8 | at(n.saturating_sub(1)) << 16, 0)
    };
    (x ^ y.rotate_left(29) ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl FirstIndex {
    fn of(map: &FnvMap<String, Vec<usize>>) -> FirstIndex {
        let size = (map.len() * 4).next_power_of_two().max(16);
        let mut index = FirstIndex {
            slots: vec![0; size],
            shift: 64 - size.trailing_zeros(),
            entries: Vec::with_capacity(map.len()),
        };
        let mut words: Vec<(&String, &Vec<usize>)> = map.iter().collect();
        words.sort();
        for (k, pats) in words {
            let mut h = index.slot(k.as_bytes());
            while index.slots[h] != 0 {
                h = (h + 1) & (size - 1);
            }
            index.entries.push((k.clone(), pats.clone()));
            index.slots[h] = index.entries.len() as u32;
        }
        index
    }

    #[inline]
    fn slot(&self, b: &[u8]) -> usize {
        (quick_hash(b) >> self.shift) as usize
    }

    /// The patterns whose first item has the word `tok`.
    #[inline]
    fn get(&self, tok: &str) -> Option<&[usize]> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut h = self.slot(tok.as_bytes()) & mask;
        loop {
            let e = *self.slots.get(h)?;
            let (word, pats) = self.entries.get((e as usize).checked_sub(1)?)?;
            if word == tok {
                return Some(pats);
            }
            h = (h + 1) & mask;
        }
    }
}

/// One alternative of a pattern item.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Alt {
    Exact(String),
    Prefix(String),
    Class(u32),
}

impl Alt {
    #[inline]
    fn matches(&self, tok: &str, class: u32) -> bool {
        match self {
            // The first byte before the comparison: most alternatives differ there.
            Alt::Exact(w) => {
                w.len() == tok.len() && w.as_bytes().first() == tok.as_bytes().first() && w == tok
            }
            Alt::Prefix(p) => {
                p.as_bytes()
                    .first()
                    .is_none_or(|b| tok.as_bytes().first() == Some(b))
                    && tok.starts_with(p.as_str())
            }
            Alt::Class(c) => class & c != 0,
        }
    }
}

/// Token classes the caller marks for `@class` items (bit flags).
pub mod class {
    /// A word written with an initial capital.
    pub const CAP: u32 = 1;
    pub const COUNTRY: u32 = 2;
    pub const PLACE: u32 = 4;
    pub const ORG: u32 = 8;
    pub const PERSON: u32 = 16;
    pub const TITLE: u32 = 32;
    /// The second country of a compound of two ("India-Ethiopia", "Omani–Kazakh").
    pub const PAIR: u32 = 64;

    /// The bits of a class name (`cap`, `country`, `place`, `loc`, `org`, `person`, `title`,
    /// `pair`).
    pub fn parse(name: &str) -> Option<u32> {
        Some(match name {
            "cap" => CAP,
            "country" => COUNTRY,
            "place" => PLACE,
            "loc" => COUNTRY | PLACE,
            "org" => ORG,
            "person" => PERSON,
            "title" => TITLE,
            "pair" => PAIR,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Word { alts: Vec<Alt>, optional: bool },
    Gap(usize),
}

/// One row of `data/event_patterns.tsv`, compiled.
#[derive(Debug, Clone)]
pub struct EventPattern {
    /// Event kind in snake_case (`meeting`, `phone_call`, …).
    pub kind: &'static str,
    /// The pattern as written in the data file.
    pub pattern: &'static str,
    /// Status the pattern itself implies (`planned` for "will visit"), if any.
    pub status: Option<&'static str>,
    /// CAMEO code overriding the kind's default, if any.
    pub cameo: Option<&'static str>,
    /// A sentence the pattern must find (checked by the extract crate's tests).
    pub example: &'static str,
    items: Vec<Item>,
}

/// Where a pattern matched: token indices `[start, end)` of the token slice searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatternMatch {
    /// Index into [`EventPatterns::patterns`].
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

/// All event patterns, indexed by first token.
#[derive(Debug)]
pub struct EventPatterns {
    pub patterns: Vec<EventPattern>,
    by_first: FnvMap<String, Vec<usize>>,
    /// `by_first` as a [`FirstIndex`].
    first_index: FirstIndex,
    /// The keys of `by_first` by the low five bits of their first byte: bit `n` (`n` <
    /// 63) for a key of `n` bytes, bit 63 for longer. A token whose bucket lacks its
    /// length skips the hash lookup.
    first_lens: [u64; 32],
    /// Patterns whose first item is (or includes) a stem or a class, each with the
    /// test a token must pass to be worth trying the pattern at.
    by_prefix: Vec<(usize, FirstGate)>,
    /// The gates of `by_prefix` as bit sets (bit `k` for entry `k`), when there are at
    /// most 64 of them: those that admit a token by its first byte, by its classes
    /// (the low six bits), and whatever the token.
    gate_masks: Option<Box<GateMasks>>,
    /// By pattern: for each required item after the first whose alternatives are all
    /// words, the [`sig_bit`]s of those words; a sentence whose tokens' bits meet every
    /// one of them may match the pattern, another cannot.
    required: Vec<Box<[u64]>>,
}

/// The bit of a token in a sentence's signature (the union of its tokens' bits), from
/// its length and its first and last bytes.
#[inline]
fn sig_bit(tok: &[u8]) -> u64 {
    let (Some(&a), Some(&z)) = (tok.first(), tok.last()) else {
        return 1;
    };
    let x = u64::from(a) | u64::from(z) << 8 | (tok.len() as u64) << 16;
    1 << (x.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 58)
}

/// The masks of [`EventPatterns::required`] for a pattern of `items`.
fn required_masks(items: &[Item]) -> Box<[u64]> {
    items
        .iter()
        .skip(1)
        .filter_map(|item| match item {
            Item::Word {
                alts,
                optional: false,
            } => alts
                .iter()
                .map(|a| match a {
                    Alt::Exact(w) => Some(sig_bit(w.as_bytes())),
                    Alt::Prefix(_) | Alt::Class(_) => None,
                })
                .try_fold(0u64, |m, b| Some(m | b?)),
            _ => None,
        })
        .collect()
}

/// [`FirstGate`]s as bit sets over `by_prefix` (see [`EventPatterns`]).
#[derive(Debug)]
struct GateMasks {
    by_byte: [u64; 256],
    /// The entries whose first item admits, as the token's second and third byte, the
    /// byte of the index (index 256: the token is too short to have that byte).
    by_later: [[u64; 257]; 2],
    by_class: [u64; 128],
    any: u64,
}

impl GateMasks {
    fn of(gates: &[(usize, FirstGate)]) -> Option<Box<GateMasks>> {
        if gates.len() > 64 {
            return None;
        }
        let mut m = Box::new(GateMasks {
            by_byte: [0; 256],
            by_later: [[0; 257]; 2],
            by_class: [0; 128],
            any: 0,
        });
        for (k, (_, gate)) in gates.iter().enumerate() {
            let bit = 1u64 << k;
            if gate.any {
                m.any |= bit;
            }
            for (pos, set) in gate.later.iter().enumerate() {
                for (b, slot) in m.by_later[pos].iter_mut().enumerate() {
                    if set[b / 64] & (1 << (b % 64)) != 0 {
                        *slot |= bit;
                    }
                }
            }
            for b in 0..=255u8 {
                if gate.bytes[usize::from(b / 64)] & (1 << (b % 64)) != 0 {
                    m.by_byte[usize::from(b)] |= bit;
                }
            }
            for c in 0..128u32 {
                if gate.classes & c != 0 {
                    m.by_class[c as usize] |= bit;
                }
            }
        }
        // Class bits above the seventh: no gate has them (see `class`).
        gates.iter().all(|(_, g)| g.classes < 128).then_some(m)
    }

    /// The entries whose gate admits the token `tok` of classes `class`.
    #[inline]
    fn admitted(&self, tok: &[u8], class: u32) -> u64 {
        let later = |i: usize| tok.get(i).map_or(256, |&b| usize::from(b));
        let by_bytes = match tok.first() {
            Some(&b) => {
                let m = self.by_byte[usize::from(b)];
                if m == 0 {
                    0
                } else {
                    m & self.by_later[0][later(1)] & self.by_later[1][later(2)]
                }
            }
            None => 0,
        };
        self.any | by_bytes | self.by_class[(class & 127) as usize]
    }
}

/// A necessary condition on the first token of a pattern of `by_prefix`: it begins with
/// a byte of the set `bytes` (bit `b % 64` of word `b / 64`) or has one of the `classes`
/// bits (`any`: always try, as for an optional first item or an empty alternative).
/// `later[k]` holds the bytes a word alternative admits at position `k + 1` of the
/// token (bit 256: the token ends before it); only [`GateMasks`] tests them.
#[derive(Debug, Default)]
struct FirstGate {
    any: bool,
    bytes: [u64; 4],
    later: [[u64; 5]; 2],
    classes: u32,
}

/// Bucket and bit of [`EventPatterns::first_lens`] for `word`.
fn len_slot(word: &str) -> (usize, u64) {
    let bucket = word.bytes().next().map_or(0, |b| usize::from(b & 31));
    (bucket, 1 << word.len().min(63))
}

impl FirstGate {
    fn of(alts: &[Alt], optional: bool) -> FirstGate {
        let mut gate = FirstGate {
            any: optional,
            ..FirstGate::default()
        };
        for a in alts {
            match a {
                Alt::Exact(w) | Alt::Prefix(w) => {
                    match w.as_bytes().first() {
                        Some(&b) => gate.bytes[usize::from(b / 64)] |= 1 << (b % 64),
                        None => gate.any = true,
                    }
                    let exact = matches!(a, Alt::Exact(_));
                    for (k, set) in gate.later.iter_mut().enumerate() {
                        match w.as_bytes().get(k + 1) {
                            Some(&b) => set[usize::from(b / 64)] |= 1 << (b % 64),
                            None if exact => set[4] |= 1,
                            None => *set = [u64::MAX, u64::MAX, u64::MAX, u64::MAX, 1],
                        }
                    }
                }
                Alt::Class(c) => gate.classes |= c,
            }
        }
        gate
    }

    fn admits(&self, tok: &str, class: u32) -> bool {
        self.any
            || class & self.classes != 0
            || tok
                .as_bytes()
                .first()
                .is_some_and(|&b| self.bytes[usize::from(b / 64)] & (1 << (b % 64)) != 0)
    }
}

/// A malformed line of the data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "event_patterns.tsv line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for PatternError {}

fn parse_items(pattern: &str) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    for raw in pattern.split_whitespace() {
        if let Some(n) = raw.strip_prefix('*') {
            let n = if n.is_empty() {
                3
            } else {
                n.parse::<usize>()
                    .ok()
                    .filter(|n| *n <= 9)
                    .ok_or_else(|| format!("bad gap {raw:?}"))?
            };
            items.push(Item::Gap(n));
            continue;
        }
        let (body, optional) = match raw.strip_suffix('?') {
            Some(b) => (b, true),
            None => (raw, false),
        };
        let mut alts = Vec::new();
        for a in body.split('|') {
            if a.is_empty() {
                return Err(format!("empty alternative in {raw:?}"));
            }
            if let Some(cname) = a.strip_prefix('@') {
                let bits =
                    class::parse(cname).ok_or_else(|| format!("unknown class {a:?} in {raw:?}"))?;
                alts.push(Alt::Class(bits));
                continue;
            }
            let a = a.to_lowercase();
            if let Some(stem) = a.strip_suffix('~') {
                alts.push(Alt::Prefix(stem.to_string()));
            } else {
                alts.push(Alt::Exact(a));
            }
        }
        items.push(Item::Word { alts, optional });
    }
    match items.first() {
        Some(Item::Word {
            optional: false, ..
        }) => {}
        _ => return Err("the first item must be a required word".into()),
    }
    if matches!(items.last(), Some(Item::Gap(_))) {
        return Err("a pattern cannot end with a gap".into());
    }
    Ok(items)
}

/// Parse the data file (tab-separated: kind, pattern, status, cameo, example).
pub fn parse(data: &'static str) -> Result<EventPatterns, PatternError> {
    let mut patterns = Vec::new();
    for (i, line) in data.lines().enumerate() {
        let line_no = i + 1;
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').map(str::trim).collect();
        if cols.len() != 5 {
            return Err(PatternError {
                line: line_no,
                message: format!("expected 5 tab-separated columns, found {}", cols.len()),
            });
        }
        if cols[0] == "kind" {
            continue; // header row
        }
        let items = parse_items(cols[1]).map_err(|message| PatternError {
            line: line_no,
            message,
        })?;
        let opt = |s: &'static str| (!s.is_empty() && s != "-").then_some(s);
        let status = opt(cols[2]);
        if let Some(s) = status
            && !matches!(s, "occurred" | "planned" | "cancelled" | "future")
        {
            return Err(PatternError {
                line: line_no,
                message: format!("unknown status {s:?}"),
            });
        }
        if cols[4].is_empty() {
            return Err(PatternError {
                line: line_no,
                message: "every pattern needs an example sentence".into(),
            });
        }
        patterns.push(EventPattern {
            kind: cols[0],
            pattern: cols[1],
            status,
            cameo: opt(cols[3]),
            example: cols[4],
            items,
        });
    }
    let mut by_first: FnvMap<String, Vec<usize>> = FnvMap::default();
    let mut by_prefix = Vec::new();
    for (i, p) in patterns.iter().enumerate() {
        if let Some(Item::Word { alts, optional }) = p.items.first() {
            let mut has_prefix = false;
            for a in alts {
                match a {
                    Alt::Exact(w) => by_first.entry(w.clone()).or_default().push(i),
                    Alt::Prefix(_) | Alt::Class(_) => has_prefix = true,
                }
            }
            if has_prefix {
                by_prefix.push((i, FirstGate::of(alts, *optional)));
            }
        }
    }
    let mut first_lens = [0u64; 32];
    for k in by_first.keys() {
        let (bucket, bit) = len_slot(k);
        first_lens[bucket] |= bit;
    }
    let gate_masks = GateMasks::of(&by_prefix);
    let first_index = FirstIndex::of(&by_first);
    let required = patterns.iter().map(|p| required_masks(&p.items)).collect();
    Ok(EventPatterns {
        patterns,
        first_index,
        by_first,
        first_lens,
        by_prefix,
        gate_masks,
        required,
    })
}

/// The compiled patterns of `data/event_patterns.tsv`.
///
/// The data file is part of the build and checked by tests; should it ever be
/// malformed, the error is reported once on stderr-free terms: no patterns are used.
pub fn event_patterns() -> &'static EventPatterns {
    static P: OnceLock<EventPatterns> = OnceLock::new();
    P.get_or_init(|| {
        parse(DATA).unwrap_or_else(|_| EventPatterns {
            patterns: Vec::new(),
            by_first: FnvMap::default(),
            first_index: FirstIndex::default(),
            first_lens: [0; 32],
            by_prefix: Vec::new(),
            gate_masks: None,
            required: Vec::new(),
        })
    })
}

/// Check the bundled data file (for tests and `attache` diagnostics).
pub fn check() -> Result<usize, PatternError> {
    parse(DATA).map(|p| p.patterns.len())
}

/// Match `items[i..]` at token `t`; returns the end token (exclusive) of the shortest match.
fn match_at(items: &[Item], tokens: &[&str], classes: &[u32], t: usize) -> Option<usize> {
    let Some((first, rest)) = items.split_first() else {
        return Some(t);
    };
    match first {
        Item::Gap(n) => {
            for skip in 0..=*n {
                let at = t + skip;
                if at > tokens.len() {
                    break;
                }
                if let Some(e) = match_at(rest, tokens, classes, at) {
                    return Some(e);
                }
            }
            None
        }
        Item::Word { alts, optional } => {
            if let Some(tok) = tokens.get(t)
                && alts
                    .iter()
                    .any(|a| a.matches(tok, classes.get(t).copied().unwrap_or(0)))
                && let Some(e) = match_at(rest, tokens, classes, t + 1)
            {
                return Some(e);
            }
            if *optional {
                match_at(rest, tokens, classes, t)
            } else {
                None
            }
        }
    }
}

impl EventPatterns {
    /// Every match of every pattern over lowercase `tokens` (one sentence), in token
    /// order; at most one match per pattern and start token.
    pub fn find(&self, tokens: &[&str]) -> Vec<PatternMatch> {
        self.find_classed(tokens, &[])
    }

    /// As [`EventPatterns::find`], with `classes[i]` the [`class`] bits of token `i`
    /// (missing entries count as no class).
    pub fn find_classed(&self, tokens: &[&str], classes: &[u32]) -> Vec<PatternMatch> {
        let Some(masks) = &self.gate_masks else {
            return self.find_classed_gated(tokens, classes);
        };
        let mut out = Vec::new();
        // The sentence's signature: patterns whose required words it lacks are not tried.
        let sig = tokens.iter().fold(0, |s, t| s | sig_bit(t.as_bytes()));
        let may_match = |pi: usize| {
            self.required
                .get(pi)
                .is_none_or(|req| req.iter().all(|&m| sig & m != 0))
        };
        for (t, tok) in tokens.iter().enumerate() {
            let (bucket, bit) = len_slot(tok);
            if self.first_lens[bucket] & bit != 0
                && let Some(exact) = self.first_index.get(tok)
            {
                for &pi in exact {
                    if !may_match(pi) {
                        continue;
                    }
                    // The token is one of the words of the first item, which is required.
                    let items = &self.patterns[pi].items;
                    let end = match items.split_first() {
                        Some((
                            Item::Word {
                                optional: false, ..
                            },
                            rest,
                        )) => match_at(rest, tokens, classes, t + 1),
                        _ => match_at(items, tokens, classes, t),
                    };
                    if let Some(end) = end {
                        out.push(PatternMatch {
                            pattern: pi,
                            start: t,
                            end,
                        });
                    }
                }
            }
            let class = classes.get(t).copied().unwrap_or(0);
            let mut gated = masks.admitted(tok.as_bytes(), class);
            while gated != 0 {
                let k = gated.trailing_zeros() as usize;
                gated &= gated - 1;
                let Some(&(pi, _)) = self.by_prefix.get(k) else {
                    continue;
                };
                if !may_match(pi) {
                    continue;
                }
                if let Some(end) = match_at(&self.patterns[pi].items, tokens, classes, t) {
                    out.push(PatternMatch {
                        pattern: pi,
                        start: t,
                        end,
                    });
                }
            }
        }
        out.sort_by_key(|m| (m.start, m.pattern));
        out.dedup_by_key(|m| (m.start, m.pattern));
        out
    }

    /// [`EventPatterns::find_classed`] testing each gate in turn (more than 64 gated
    /// patterns; and the reference of the tests).
    fn find_classed_gated(&self, tokens: &[&str], classes: &[u32]) -> Vec<PatternMatch> {
        let mut out = Vec::new();
        for (t, tok) in tokens.iter().enumerate() {
            let (bucket, bit) = len_slot(tok);
            let exact = if self.first_lens[bucket] & bit == 0 {
                &[]
            } else {
                self.by_first.get(*tok).map(Vec::as_slice).unwrap_or(&[])
            };
            let class = classes.get(t).copied().unwrap_or(0);
            let stems = self
                .by_prefix
                .iter()
                .filter(|(_, gate)| gate.admits(tok, class))
                .map(|(pi, _)| pi);
            for &pi in exact.iter().chain(stems) {
                let p = &self.patterns[pi];
                if let Some(end) = match_at(&p.items, tokens, classes, t) {
                    out.push(PatternMatch {
                        pattern: pi,
                        start: t,
                        end,
                    });
                }
            }
        }
        out.sort_by_key(|m| (m.start, m.pattern));
        out.dedup_by_key(|m| (m.start, m.pattern));
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn pats(rows: &'static str) -> EventPatterns {
        parse(rows).unwrap()
    }

    #[test]
    fn bundled_data_parses() {
        assert!(check().unwrap() > 50);
    }

    #[test]
    fn words_gaps_stems_optionals() {
        let p = pats(
            "meeting\theld talks|negotiations\t-\t-\tThey held talks.\n\
             visit\tarrived in * on a? official|working|state visit\t-\t042\tHe arrived in Minsk on an official visit.\n\
             condolences\tcondolence~\t-\t-\tCondolences.\n",
        );
        let toks = ["they", "held", "negotiations", "today"];
        let m = p.find(&toks);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].start, m[0].end), (1, 3));
        let toks = [
            "he", "arrived", "in", "the", "capital", "minsk", "on", "official", "visit",
        ];
        let m = p.find(&toks);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].end, 9);
        let toks = [
            "arrived", "in", "a", "b", "c", "d", "e", "on", "a", "official", "visit",
        ];
        assert!(p.find(&toks).is_empty());
        assert_eq!(p.find(&["deep", "condolences"]).len(), 1);
    }

    #[test]
    fn class_slots() {
        let p = pats("visit\tvisited the? @loc\t-\t-\tHe visited Minsk.\n");
        let toks = ["he", "visited", "the", "minsk"];
        assert!(p.find(&toks).is_empty());
        let classes = [0, 0, 0, class::PLACE];
        assert_eq!(p.find_classed(&toks, &classes).len(), 1);
        assert!(parse("visit\tvisited @nothing\t-\t-\tx\n").is_err());
    }

    /// The bundled patterns' words, stems and some others, as tokens.
    fn vocabulary() -> Vec<String> {
        let p = event_patterns();
        let mut words: Vec<String> = p
            .patterns
            .iter()
            .flat_map(|p| p.pattern.split(|c: char| c.is_whitespace() || c == '|'))
            .map(|w| w.trim_end_matches(['?', '~']).to_lowercase())
            .filter(|w| !w.starts_with(['@', '*']) && !w.is_empty())
            .collect();
        // Stems continued, and words that match nothing.
        let stems: Vec<String> = words.iter().map(|w| format!("{w}s")).collect();
        words.extend(stems);
        words.extend(["the", "a", "of", "minsk", "", "x"].map(str::to_string));
        words.sort();
        words.dedup();
        words
    }

    #[test]
    fn same_matches_as_testing_each_gate_on_the_examples() {
        let p = event_patterns();
        let mut found = 0;
        for pat in &p.patterns {
            let words: Vec<String> = pat
                .example
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            let tokens: Vec<&str> = words.iter().map(String::as_str).collect();
            let caps: Vec<u32> = pat
                .example
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| u32::from(w.starts_with(char::is_uppercase)))
                .collect();
            for classes in [
                vec![],
                caps,
                vec![63; tokens.len()],
                vec![u32::MAX; tokens.len()],
            ] {
                let m = p.find_classed(&tokens, &classes);
                assert_eq!(
                    m,
                    p.find_classed_gated(&tokens, &classes),
                    "{}",
                    pat.example
                );
                found += m.len();
            }
        }
        assert!(found >= p.patterns.len(), "{found} matches");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn same_matches_as_testing_each_gate(
            picks in proptest::collection::vec((0usize..10_000, 0u32..128), 0..30)
        ) {
            static VOCAB: OnceLock<Vec<String>> = OnceLock::new();
            let vocab = VOCAB.get_or_init(vocabulary);
            let tokens: Vec<&str> = picks.iter().map(|(w, _)| vocab[w % vocab.len()].as_str()).collect();
            let classes: Vec<u32> = picks.iter().map(|(_, c)| *c).collect();
            let p = event_patterns();
            proptest::prop_assert!(p.gate_masks.is_some());
            proptest::prop_assert_eq!(
                p.find_classed(&tokens, &classes),
                p.find_classed_gated(&tokens, &classes)
            );
            // Fewer classes than tokens.
            let some = &classes[..classes.len() / 2];
            proptest::prop_assert_eq!(
                p.find_classed(&tokens, some),
                p.find_classed_gated(&tokens, some)
            );
        }
    }

    #[test]
    fn first_index_finds_exactly_the_first_words() {
        let p = event_patterns();
        assert_eq!(p.first_index.entries.len(), p.by_first.len());
        for (w, pats) in &p.by_first {
            assert_eq!(p.first_index.get(w), Some(pats.as_slice()), "{w}");
            let mut shorter = w.chars();
            shorter.next_back();
            for other in [
                format!("{w}s"),
                format!("x{w}"),
                shorter.as_str().to_string(),
            ] {
                assert_eq!(
                    p.first_index.get(&other),
                    p.by_first.get(&other).map(Vec::as_slice),
                    "{other}"
                );
            }
        }
        assert_eq!(p.first_index.get(""), None);
        assert_eq!(FirstIndex::default().get("met"), None);
    }

    #[test]
    fn malformed_rows_are_errors() {
        assert!(parse("meeting\t* met\t-\t-\tx\n").is_err());
        assert!(parse("meeting\tmet *\t-\t-\tx\n").is_err());
        assert!(parse("meeting\tmet\tsoon\t-\tx\n").is_err());
        assert!(parse("meeting\tmet\t-\t-\t\n").is_err());
        assert!(parse("meeting\tmet\t-\t-\n").is_err());
    }
}
