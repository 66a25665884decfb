//! Persons: personal names found through titles, honorifics, appositions and
//! initials ("S.Aleinik", "G.L.Peiris"), later surname-only mentions, family-name-first
//! capitals ("KISHIDA Fumio"); joined into one [`Person`] per person with titles and
//! country (from "of Belarus", "Belarusian", "Ambassador of Belarus to …", "… of the
//! United Kingdom" after the name, or an organization the title belongs to).

use crate::mentions::{Ent, EntMention};
use crate::record::{Sector, Span};
use crate::sentences::Token;
use crate::wordset::WordSet;
use attache_lexicon::{CountryForm, Rank};
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

type FnvSet<T> = HashSet<T, BuildHasherDefault<attache_lexicon::events::Fnv>>;
type FnvMap<K, V> =
    std::collections::HashMap<K, V, BuildHasherDefault<attache_lexicon::events::Fnv>>;
use std::sync::OnceLock;

const CUES: &str = include_str!("../../../data/person_cues.tsv");

pub(crate) struct Cues {
    pub honorific: WordSet,
    pub role: FnvSet<&'static str>,
    pub nonname: FnvSet<&'static str>,
    pub particle: WordSet,
    pub suffix: WordSet,
    /// Words of a line that introduces a list of people ("Participants included:").
    pub list: Vec<&'static str>,
    pub orghead: WordSet,
    /// Phrases before an official on whose behalf someone acts ("greetings of").
    pub sender: Vec<&'static str>,
    /// Words (or two-word phrases) shortly before an official named by title alone that
    /// make the official the one met where the sentence is set ("met with", "a
    /// courtesy call on").
    pub host: Vec<Vec<&'static str>>,
    /// Phrases before the official who leads a group ("headed by"), and the group words
    /// whose country qualifier is the official's ("the Uzbek delegation").
    pub leader: Vec<&'static str>,
    /// The words of each `leader` phrase.
    pub leader_words: Vec<Vec<&'static str>>,
    pub group: Vec<&'static str>,
    /// Nouns for the other side's official ("his counterpart", "the colleague"), and
    /// nouns after a demonym that make it the other side ("the Sudanese delegation").
    pub counterpart: Vec<&'static str>,
    pub other_side: Vec<&'static str>,
    /// Determiners before "counterpart" that make it one person ("his", "the").
    pub determiner: Vec<&'static str>,
    /// Lower-case words inside a multiword title or portfolio ("Minister of Trade and
    /// Industry", "Research & Innovation").
    pub joiner: FnvSet<&'static str>,
    /// Words before a group word that make it the visitors' ("the visiting
    /// delegation"), and the words that open a predicate after its subject ("was").
    pub visiting: Vec<&'static str>,
    pub predicate: Vec<&'static str>,
    /// Verbs of two subjects a headline lists with a comma ("Al-Rawabdeh, Chilean Foreign
    /// Minister discuss …"): the comma lists, it sets off no title.
    pub joint_verb: Vec<&'static str>,
    /// Head words by which a release refers back to an organization it named in full
    /// ("the Forum" for the Pacific Islands Forum).
    pub org_short: Vec<&'static str>,
    /// Nouns after a demonym in a ministry's portfolio that name that country's people
    /// ("… and Moroccan Expatriates").
    pub nationals: FnvSet<&'static str>,
    /// Words before "in Country" that make the country a subject, not a setting.
    pub topic_in: FnvSet<&'static str>,
    /// Phrases before "in Place" that make it where an event to come will be held.
    pub planned_in: Vec<&'static str>,
    /// Words before "to Country" that make the country the sentence's setting.
    pub setting_to: FnvSet<&'static str>,
    /// The words of `particle` and `nonname` with which of the two they are in (bit 0
    /// particle, bit 1 non-name), so that a token is looked up once.
    name_words: FnvMap<&'static str, u8>,
}

/// [`Cues::name_words`] bits.
const PARTICLE: u8 = 1;
const NONNAME: u8 = 2;

impl Cues {
    /// Whether the text before a place or country mention ("… to discuss the situation
    /// in") makes it a subject of the talks rather than where anything happens.
    pub(crate) fn subject_in(&self, before: &str) -> bool {
        let before = before.trim_end();
        let before = before.strip_suffix(" the").unwrap_or(before);
        let Some(rest) = before
            .strip_suffix(" in")
            .or_else(|| before.strip_suffix(" In"))
        else {
            return false;
        };
        let prev = rest.rsplit([' ', '\n']).next().unwrap_or("");
        if matches!(prev, "and" | "or") {
            // "the situation in the Middle East and in Myanmar": a subject coordinated
            // with one shortly before.
            let words: Vec<&str> = rest.rsplit([' ', '\n']).skip(1).take(8).collect();
            return words
                .windows(2)
                .any(|w| w[0] == "in" && self.topic_in.contains(w[1]));
        }
        self.topic_in.contains(prev)
    }
}

pub(crate) fn cues() -> &'static Cues {
    static C: OnceLock<Cues> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = Cues {
            honorific: WordSet::new([]),
            role: FnvSet::default(),
            nonname: FnvSet::default(),
            particle: WordSet::new([]),
            suffix: WordSet::new([]),
            list: Vec::new(),
            orghead: WordSet::new([]),
            sender: Vec::new(),
            host: Vec::new(),
            leader: Vec::new(),
            leader_words: Vec::new(),
            group: Vec::new(),
            counterpart: Vec::new(),
            other_side: Vec::new(),
            determiner: Vec::new(),
            joiner: FnvSet::default(),
            visiting: Vec::new(),
            predicate: Vec::new(),
            joint_verb: Vec::new(),
            org_short: Vec::new(),
            topic_in: FnvSet::default(),
            nationals: FnvSet::default(),
            setting_to: FnvSet::default(),
            planned_in: Vec::new(),
            name_words: Default::default(),
        };
        // The sets of single words, as [`WordSet`]s (filled below).
        let (mut honorific, mut particle, mut suffix, mut orghead) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for line in CUES.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut it = line.split('\t');
            let (Some(k), Some(w)) = (it.next(), it.next()) else {
                continue;
            };
            let w = w.trim();
            match k.trim() {
                "honorific" => {
                    honorific.push(w);
                }
                "role" => {
                    c.role.insert(w);
                }
                "nonname" => {
                    c.nonname.insert(w);
                    *c.name_words.entry(w).or_default() |= NONNAME;
                }
                "particle" => {
                    particle.push(w);
                    *c.name_words.entry(w).or_default() |= PARTICLE;
                }
                "suffix" => {
                    suffix.push(w);
                }
                "list" => c.list.push(w),
                "sender" => c.sender.push(w),
                "host" => c.host.push(w.split(' ').collect()),
                "leader" => {
                    c.leader.push(w);
                    c.leader_words.push(w.split(' ').collect());
                }
                "group" => c.group.push(w),
                "counterpart" => c.counterpart.push(w),
                "other_side" => c.other_side.push(w),
                "determiner" => c.determiner.push(w),
                "joiner" => {
                    c.joiner.insert(w);
                }
                "visiting" => c.visiting.push(w),
                "predicate" => c.predicate.push(w),
                "joint_verb" => c.joint_verb.push(w),
                "org_short" => c.org_short.push(w),
                "topic_in" => {
                    c.topic_in.insert(w);
                }
                "nationals" => {
                    c.nationals.insert(w);
                }
                "planned_in" => c.planned_in.push(w),
                "setting_to" => {
                    c.setting_to.insert(w);
                }
                "orghead" => {
                    orghead.push(w);
                }
                _ => {}
            }
        }
        c.honorific = WordSet::new(honorific);
        c.particle = WordSet::new(particle);
        c.suffix = WordSet::new(suffix);
        c.orghead = WordSet::new(orghead);
        c
    })
}

/// A person of the document.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub name: String,
    /// Folded last word of the name (join key).
    pub key: String,
    pub titles: Vec<String>,
    pub title_ranks: Vec<Rank>,
    pub country: Option<String>,
    /// The country came from the text (not a fallback).
    pub country_explicit: bool,
    pub organization: Option<String>,
    pub sector: Option<Sector>,
    /// Name mentions (and coreferent phrases added later).
    pub spans: Vec<Span>,
    /// Spans of the title phrases attached to name mentions.
    pub title_spans: Vec<Span>,
}

impl Person {
    /// Where the text first names this person, title included.
    pub(crate) fn first_mention(&self) -> Option<usize> {
        self.title_spans
            .iter()
            .chain(self.spans.iter())
            .map(|s| s.start)
            .min()
    }
}

/// Name-token classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nt {
    Name,
    Caps,
    Initial,
    Particle,
    Roman,
}

#[inline(always)]
fn classify(tok: &str, text_after: &str) -> Option<Nt> {
    let c = cues();
    let mut chars = tok.chars();
    let first = chars.next()?;
    let listed = c.name_words.get(tok).copied().unwrap_or(0);
    if listed & PARTICLE != 0 {
        return Some(Nt::Particle);
    }
    if !first.is_uppercase() {
        return None;
    }
    // Most words are ASCII: their characters are their bytes.
    let ascii = tok.is_ascii();
    let n = if ascii {
        tok.len()
    } else {
        tok.chars().count()
    };
    // "Enrique A. Manalo": a single capital before a full stop is an initial, even a
    // letter that is also a word ("A", "I").
    if n == 1 && text_after.starts_with('.') {
        return Some(Nt::Initial);
    }
    if listed & NONNAME != 0 {
        return None;
    }
    if matches!(
        tok,
        "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X" | "XI" | "XII"
    ) {
        return Some(Nt::Roman);
    }
    let second_lower = if ascii {
        tok.as_bytes().get(1).is_some_and(u8::is_ascii_lowercase)
    } else {
        tok.chars().nth(1).is_some_and(char::is_lowercase)
    };
    if (n == 1 || (n == 2 && second_lower)) && text_after.starts_with('.') {
        return Some(Nt::Initial);
    }
    if n == 1 {
        return None;
    }
    let no_lowercase = if ascii {
        !tok.bytes().any(|b| b.is_ascii_lowercase())
    } else {
        tok.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
    };
    if no_lowercase {
        // Family names in capitals ("KISHIDA"), not acronyms ("SRSG", "USD").
        if n >= 3
            && tok.chars().all(char::is_alphabetic)
            && tok.chars().any(|c| "AEIOUY".contains(c))
            // Acronyms ("PDNSA", "APNSA") have long consonant runs; names do not.
            && max_consonant_run(tok) <= 2
        {
            return Some(Nt::Caps);
        }
        return None;
    }
    // (An ASCII digit is one byte of UTF-8.)
    if tok.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(Nt::Name)
}

/// Whether token `i` is a two-letter capitalised word that is usually no name ("Do", "Le")
/// but stands between an honorific and a name word: a family name ("Mr. Do Quang Vinh",
/// "Deputy Minister Do Hung Viet").
fn honoured_short_word(text: &str, toks: &[Token], covered: &[bool], i: usize) -> bool {
    let (Some(prev), Some(t), Some(next)) = (
        i.checked_sub(1).and_then(|p| toks.get(p)),
        toks.get(i),
        toks.get(i + 1),
    ) else {
        return false;
    };
    let w = &text[t.start..t.end];
    let nw = &text[next.start..next.end];
    let honorific = &text[prev.start..prev.end];
    // After a full stop only an abbreviation ("Mr.", "Dr."): "… the Minister. In Geneva"
    // starts a sentence.
    let gap_ok = match &text[prev.end..t.start] {
        " " => true,
        ". " => honorific.len() <= 4,
        _ => false,
    };
    let mut chars = w.chars();
    w.len() == 2
        && chars.next().is_some_and(char::is_uppercase)
        && chars.all(char::is_lowercase)
        && gap_ok
        && &text[t.end..next.start] == " "
        && !covered.get(i + 1).copied().unwrap_or(true)
        && cues().honorific.contains(honorific)
        && classify(nw, &text[next.end..]) == Some(Nt::Name)
}

fn max_consonant_run(w: &str) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for c in w.chars() {
        if c.is_alphabetic() && !"AEIOUYaeiouy".contains(c) {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// Persons by the words of their names, so that joining a new mention looks only at
/// persons who share a word with it (documents can name thousands of people). Words
/// are kept as hashes: a collision only adds a candidate, which the caller checks.
#[derive(Default)]
struct NameIndex {
    words: std::collections::HashMap<u64, Postings, BuildHasherDefault<IdentityHasher>>,
    /// Scratch space of [`NameIndex::candidates`].
    found: Vec<usize>,
}

/// The persons of one name word: the first in place (most words name one person, and
/// need no vector), any others after it.
struct Postings {
    first: usize,
    rest: Vec<usize>,
}

impl Postings {
    fn contains(&self, idx: usize) -> bool {
        self.first == idx || self.rest.contains(&idx)
    }
}

/// The hash of one name word (FNV-1a).
fn word_hash(w: &[u8]) -> u64 {
    w.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl NameIndex {
    fn words<'a>(name: &'a str, key: &'a str) -> impl Iterator<Item = u64> + 'a {
        // The separators are ASCII: split the bytes (the same words as `str::split`).
        name.as_bytes()
            .split(|&b| matches!(b, b' ' | b'.' | b'-'))
            .filter(|w| !w.is_empty())
            .chain(std::iter::once(key.as_bytes()))
            .map(word_hash)
    }
    fn add(&mut self, name: &str, key: &str, idx: usize) {
        if self.words.capacity() == 0 {
            // Room for the words of a few dozen persons at once, not grown step by step.
            self.words.reserve(64);
        }
        for h in Self::words(name, key) {
            match self.words.entry(h) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    let v = e.into_mut();
                    if !v.contains(idx) {
                        v.rest.push(idx);
                    }
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(Postings {
                        first: idx,
                        rest: Vec::new(),
                    });
                }
            }
        }
    }
    /// Persons sharing a word with `name` (or its key), in index order.
    fn candidates(&mut self, name: &str, key: &str) -> &[usize] {
        let out = &mut self.found;
        out.clear();
        for h in Self::words(name, key) {
            if let Some(v) = self.words.get(&h) {
                out.push(v.first);
                out.extend(v.rest.iter().copied());
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// One candidate name chain in the text.
#[derive(Debug, Clone)]
struct Chain {
    /// Token index range.
    t0: usize,
    t1: usize,
    span: Span,
    name: String,
    initials_form: bool,
    caps_first: bool,
}

/// Appends `w` with the first letter of each part upper-case and the rest lower-case
/// ("KISHIDA" → "Kishida", "AL-THANI" → "Al-Thani").
fn push_title_case(out: &mut String, w: &str) {
    let mut first = true;
    for c in w.chars() {
        if first {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        first = !c.is_alphabetic();
    }
}

/// Build name chains over word tokens (tokens of the whole text).
fn chains(text: &str, toks: &[Token], covered: &[bool], sent_of: &[usize]) -> Vec<Chain> {
    let c = cues();
    let mut out = Vec::new();
    // Scratch space of each chain: its token classes and its name's parts.
    let mut classes: Vec<Nt> = Vec::new();
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < toks.len() {
        // Only a capitalised word starts a chain: most words are passed over here.
        let Some(k) = toks[i..]
            .iter()
            .zip(covered.get(i..).unwrap_or_default())
            .position(|(t, &cov)| {
                !cov && bytes
                    .get(t.start)
                    .is_some_and(|b| !b.is_ascii() || b.is_ascii_uppercase())
            })
        else {
            break;
        };
        i += k;
        let w = &text[toks[i].start..toks[i].end];
        let after = &text[toks[i].end..];
        let cls = classify(w, after)
            .or_else(|| honoured_short_word(text, toks, covered, i).then_some(Nt::Name));
        let Some(cls) = cls else {
            i += 1;
            continue;
        };
        // A particle joined by a hyphen to a capitalised word starts a name ("Al-Yahya",
        // "El-Sisi"); otherwise a chain never starts with a particle or numeral.
        let hyphenated = cls == Nt::Particle
            && w.starts_with(char::is_uppercase)
            && after
                .strip_prefix('-')
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_uppercase);
        if matches!(cls, Nt::Particle | Nt::Roman) && !hyphenated {
            i += 1;
            continue;
        }
        classes.clear();
        classes.push(cls);
        let mut j = i;
        while j + 1 < toks.len() && j - i < 7 {
            let gap = &text[toks[j].end..toks[j + 1].start];
            if sent_of[j] != sent_of[j + 1] || covered[j + 1] {
                break;
            }
            let last = classes[classes.len() - 1];
            let gap_ok = match gap {
                " " | "\u{a0}" | "-" => true,
                "." | ". " => last == Nt::Initial,
                // "O'Brien", "D'Souza", "Al Ma'amari": an apostrophe inside a name.
                "’" | "'" => {
                    let w = &text[toks[j].start..toks[j].end];
                    let nw = &text[toks[j + 1].start..toks[j + 1].end];
                    matches!(w, "O" | "D")
                        || (matches!(last, Nt::Name | Nt::Caps)
                            && nw.len() >= 2
                            && nw.chars().all(char::is_lowercase))
                }
                _ => gap.chars().all(|ch| ch == ' ') && gap.len() <= 2,
            };
            if !gap_ok {
                break;
            }
            let nw = &text[toks[j + 1].start..toks[j + 1].end];
            let apostrophe = matches!(gap, "’" | "'");
            let ncls = match classify(nw, &text[toks[j + 1].end..]) {
                Some(c) => c,
                // "Ma'amari": the rest of a word after an apostrophe.
                None if apostrophe && nw.chars().all(char::is_lowercase) => Nt::Name,
                // "O'Brien": the letter before the apostrophe.
                None if matches!(nw, "O" | "D")
                    && text[toks[j + 1].end..].starts_with(['\'', '’']) =>
                {
                    Nt::Name
                }
                // "Amir-Abdollahian": after a hyphen any capitalised word is a name part.
                None if gap == "-" && nw.chars().next().is_some_and(char::is_uppercase) => Nt::Name,
                // "Cho Tae-yul", "Moon Jae-in": a short lower-case syllable after a hyphen.
                None if gap == "-"
                    && nw.len() <= 4
                    && nw.chars().all(|c| c.is_lowercase())
                    && classes.last() == Some(&Nt::Name) =>
                {
                    Nt::Name
                }
                // "Hossein Amir-Abdollahian": a title-like word joined by a hyphen to a name.
                None if nw.chars().next().is_some_and(char::is_uppercase)
                    && text[toks[j + 1].end..]
                        .strip_prefix('-')
                        .and_then(|r| r.chars().next())
                        .is_some_and(char::is_uppercase) =>
                {
                    Nt::Name
                }
                None => break,
            };
            // A hyphen joins only name parts ("Amir-Abdollahian", "Kassym-Jomart").
            if gap == "-" && !matches!(ncls, Nt::Name | Nt::Caps) {
                // "al-Sabbagh": particle then hyphen handled since particle is prior.
                break;
            }
            classes.push(ncls);
            j += 1;
        }
        // Trim trailing particles.
        while classes.len() > 1 && matches!(classes[classes.len() - 1], Nt::Particle | Nt::Initial)
        {
            classes.pop();
            j -= 1;
        }
        let n_name = classes
            .iter()
            .filter(|c| matches!(c, Nt::Name | Nt::Caps))
            .count();
        // "the Rt. Hon. President": honorifics alone are no name.
        if n_name == 0 || (i..=j).all(|k| c.honorific.contains(&text[toks[k].start..toks[k].end])) {
            i = j + 1;
            continue;
        }
        // Build the display name.
        let initials_form = classes[0] == Nt::Initial;
        let caps_first = classes[0] == Nt::Caps
            && classes.len() >= 2
            && classes[1..].iter().all(|c| *c == Nt::Name);
        // The name is written once; `bounds` holds its space-separated parts.
        let mut name = String::with_capacity(toks[j].end - toks[i].start + 2);
        bounds.clear();
        let mut part_start = 0;
        let mut k = i;
        while k <= j {
            let w = &text[toks[k].start..toks[k].end];
            if c.suffix.contains(w) && k > i && classes[k - i] != Nt::Roman {
                k += 1;
                continue;
            }
            if classes[k - i] == Nt::Caps {
                push_title_case(&mut name, w);
            } else {
                name.push_str(w);
            }
            if k < j {
                let gap = &text[toks[k].end..toks[k + 1].start];
                if gap == "-" || gap == "’" || gap == "'" {
                    name.push_str(gap);
                } else if gap.starts_with('.') {
                    name.push('.');
                    if !initials_form || classes[k + 1 - i] != Nt::Initial {
                        // "G.L. Peiris": initials stay joined, a space before the surname.
                        bounds.push((part_start, name.len()));
                        name.push(' ');
                        part_start = name.len();
                    }
                } else {
                    bounds.push((part_start, name.len()));
                    name.push(' ');
                    part_start = name.len();
                }
            }
            k += 1;
        }
        if name.len() > part_start {
            bounds.push((part_start, name.len()));
        }
        // Drop "Jr", "Sr" at the end.
        while let [.., prev, (s, e)] = bounds[..] {
            let last = &name[s..e];
            if !c.suffix.contains(last.trim_end_matches('.')) || matches!(last, "II" | "III" | "IV")
            {
                break;
            }
            bounds.pop();
            name.truncate(prev.1);
        }
        if let Some(&(_, e)) = bounds.last() {
            name.truncate(e);
        }
        if caps_first && let [(s0, e0), (s1, _), ..] = bounds[..] {
            // "KISHIDA Fumio" → "Fumio Kishida"
            let fam = name[s0..e0].to_string();
            name = format!("{} {fam}", &name[s1..]);
        }
        out.push(Chain {
            t0: i,
            t1: j,
            span: Span::new(toks[i].start, toks[j].end),
            name,
            initials_form,
            caps_first,
        });
        i = j + 1;
    }
    out
}

/// Whether the word right after a chain ending at `end` makes it the start of an
/// organization's name ("Dulles Area Muslim Society", "Genedge Alliance").
fn part_of_org_name(text: &str, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return false;
    };
    let w = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    cues().orghead.contains(w)
}

/// A bulleted list of people: its heading line ends with ':' and holds a list word of
/// data/person_cues.tsv ("Participants in the meeting:").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PeopleList {
    /// Start of the heading line.
    pub heading: usize,
    /// Start bytes of the item lines.
    pub items: Vec<usize>,
    /// End of the last item line.
    pub end: usize,
}

/// The lists of people of `text`, in order.
pub(crate) fn people_lists(text: &str) -> Vec<PeopleList> {
    let words = &cues().list;
    let mut out: Vec<PeopleList> = Vec::new();
    // No heading line ends in ':' (most releases): no list.
    let heading = text.match_indices(':').any(|(i, _)| {
        let rest = text[i + 1..].trim_start_matches([' ', '\t', '\u{a0}', '\r']);
        rest.is_empty() || rest.starts_with('\n')
    });
    if !heading {
        return out;
    }
    let mut open: Option<PeopleList> = None;
    let mut start = 0;
    for line in text.split('\n') {
        let t = line.trim();
        if t.starts_with(['-', '*', '•', '·', '–']) {
            if let Some(l) = open.as_mut() {
                l.items.push(start);
                l.end = start + line.len();
            }
        } else if !t.is_empty() {
            out.extend(open.take().filter(|l| !l.items.is_empty()));
            let is_heading = t.ends_with(':')
                && t.split(|c: char| !c.is_alphabetic())
                    .any(|w| words.iter().any(|l| w.eq_ignore_ascii_case(l)));
            if is_heading {
                open = Some(PeopleList {
                    heading: start,
                    items: Vec::new(),
                    end: start + line.len(),
                });
            }
        }
        start += line.len() + 1;
    }
    out.extend(open.filter(|l| !l.items.is_empty()));
    out
}

/// Start bytes of the item lines of every list of people of `lists` (see
/// [`people_lists`]).
fn list_items(lists: &[PeopleList]) -> Vec<usize> {
    lists.iter().flat_map(|l| l.items.iter().copied()).collect()
}

/// Whether the chain at `span` opens an item of a list of people (`listed`, from
/// [`list_items`]) and is followed by a description after a comma or in parentheses:
/// "- Andrew Luck, Former Stanford quarterback".
fn opens_list_item(text: &str, listed: &[usize], span: Span) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    if listed.binary_search(&line_start).is_err() {
        return false;
    }
    let bullet = &text[line_start..span.start];
    if !bullet
        .chars()
        .all(|c| matches!(c, '-' | '*' | '•' | '·' | '–' | ' ' | '\t' | '\u{a0}'))
    {
        return false;
    }
    // A description follows: "Atlanta, GA" (a place and its state) is not a person.
    let rest = text[span.end..].trim_start_matches('*');
    let line = rest.split('\n').next().unwrap_or("");
    line.starts_with(" (")
        || line
            .strip_prefix(',')
            .is_some_and(|d| d.split_whitespace().count() >= 2)
}

/// Whether two written names are the same person although their last words differ:
/// one is a word-prefix of the other ("Mohamed bin Zayed" / "Mohamed bin Zayed Al
/// Nahyan"), or one is the first word of the other and that word is a family name
/// written first ("Yoon" / "Yoon Suk Yeol").
/// "President Hendra" / "Hendra Wiratama", "President Xi" / "Xi Jinping", "Minister
/// Park" / "Park Jae-won": one word after a title that opens a titled two-word name
/// (a given name used alone, or a family name written first).
fn first_name_of(full: &str, word: &str) -> bool {
    !word.contains(' ')
        && full.split_once(' ').is_some_and(|(first, rest)| {
            first == word && !rest.contains(' ') && !first.ends_with('.')
        })
}

fn same_person_name(a: &str, b: &str) -> bool {
    // Fast reject: the names share no first word.
    let fa = a.split(' ').next().unwrap_or(a);
    let fb = b.split(' ').next().unwrap_or(b);
    if !a.contains(fb) && !b.contains(fa) {
        return false;
    }
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    let (short, long) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    if short.len() == long.len() {
        return false;
    }
    if short.len() >= 2 && long.starts_with(short) {
        return true;
    }
    if short.len() != 1 {
        return false;
    }
    // "Mohammed" / "Mohammed bin Abdulrahman bin Jassim Al Thani": a first name before
    // a patronymic particle.
    if long[0] == short[0]
        && long
            .iter()
            .any(|w| matches!(*w, "bin" | "bint" | "ibn" | "Bin"))
    {
        return true;
    }
    // "Yoon" / "Yoon Suk Yeol": a family name written first.
    if long.len() == 3 && long[0] == short[0] && !long[1].ends_with('.') {
        return true;
    }
    // "Lula" / "Luiz Inácio Lula da Silva", "Arévalo" / "Bernardo Arévalo de León": a
    // first surname before a particle.
    let particles = &cues().particle;
    long.iter()
        .enumerate()
        .skip(1)
        .any(|(k, w)| *w == short[0] && long.get(k + 1).is_some_and(|n| particles.contains(n)))
}

/// Whether a lower-case preposition stands right before `pos` ("… on Conflict-Related
/// Sexual Violence" is not a name).
fn after_preposition(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end();
    // The last word (after the last space, which is ASCII).
    let w = match before.as_bytes().iter().rposition(|&b| b == b' ') {
        Some(k) => before.get(k + 1..).unwrap_or(""),
        None => before,
    };
    matches!(
        w,
        "on" | "in"
            | "for"
            | "about"
            | "against"
            | "during"
            | "at"
            | "from"
            | "into"
            | "of"
            | "the"
            | "a"
            | "an"
    )
}

/// "… Special Representative on Sexual Violence in Conflict Pramila Patten": a chain
/// that starts right after a preposition and has three words or more loses its first
/// word, which ends the title.
fn trim_title_word(text: &str, toks: &[Token], ch: Chain) -> Chain {
    if ch.t1 - ch.t0 + 1 < 3 || !after_preposition(text, ch.span.start) || ch.initials_form {
        return ch;
    }
    if ch.span.of(text).contains(['-', '.', '\'', '’']) {
        return ch;
    }
    // Keep the last two words (three when a particle or an initial joins them).
    let n = ch.t1 - ch.t0 + 1;
    let mut keep = 2;
    if n >= 3 {
        let w = &text[toks[ch.t1 - 1].start..toks[ch.t1 - 1].end];
        if cues().particle.contains(w) || w.chars().count() == 1 {
            keep = 3;
        }
    }
    if keep >= n {
        return ch;
    }
    let t0 = ch.t1 + 1 - keep;
    let start = toks[t0].start;
    if !text[toks[ch.t0].end..start]
        .chars()
        .all(|c| c == ' ' || c.is_alphanumeric() || c == '-')
    {
        return ch;
    }
    let words: Vec<&str> = ch.name.split(' ').collect();
    if words.len() < keep {
        return ch;
    }
    let name = words[words.len() - keep..].join(" ");
    Chain {
        t0,
        span: Span::new(start, ch.span.end),
        name,
        ..ch
    }
}

fn n_tokens_of(ch: &Chain) -> usize {
    ch.t1 - ch.t0 + 1
}

/// Head words of official titles that the gazetteer may not list in full
/// ("Coordinating Minister for Maritime Affairs and Investment Luhut Pandjaitan").
const TITLE_HEADS: &[&str] = &[
    "Minister",
    "Secretary",
    "Advisor",
    "Adviser",
    "Director",
    "Head",
    "Chairman",
    "Chair",
    "President",
    "Ambassador",
    "Representative",
    "Envoy",
    "Commissioner",
    "Governor",
    "Chief",
    "Spokesperson",
    "Spokesman",
    "Spokeswoman",
    "Coordinator",
    "Administrator",
    "Deputy",
    "Undersecretary",
    "Secretary-General",
    "Chancellor",
    "Premier",
    "Mayor",
    "Speaker",
    "Counsellor",
    "Counselor",
    "Attaché",
    "Consul",
    "Officer",
    "Commander",
    "Principal",
];

/// [`TITLE_HEADS`] as a [`crate::wordset::WordSet`].
fn title_heads() -> &'static crate::wordset::WordSet {
    static SET: OnceLock<crate::wordset::WordSet> = OnceLock::new();
    SET.get_or_init(|| crate::wordset::WordSet::new(TITLE_HEADS.iter().copied()))
}

/// Whether a run of capitalised words (and "of", "for", "and", "the", "on", "in") that
/// contains a title head word ends right before `pos`.
fn generic_title_before(text: &str, pos: usize) -> Option<usize> {
    let before = &text[..pos];
    let mut end = before.len();
    let mut n = 0;
    let mut head = false;
    let mut start = None;
    while n < 16 {
        let trimmed = before[..end].trim_end();
        if trimmed.is_empty() {
            break;
        }
        // After the last whitespace: ASCII bytes are stepped over one by one; at a
        // character beyond ASCII, the character search.
        let tb = trimmed.as_bytes();
        let mut k = tb.len();
        while k > 0 && tb[k - 1].is_ascii() && !matches!(tb[k - 1], b' ' | b'\t'..=b'\r') {
            k -= 1;
        }
        let ws = if k > 0 && !tb[k - 1].is_ascii() {
            trimmed
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8())
        } else {
            k
        };
        let w = &trimmed[ws..];
        n += 1;
        let bare = w.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '"' | '“' | '”'));
        if w.ends_with(['.', ';', ':']) || bare.is_empty() || (w.ends_with(',') && n > 1) {
            break;
        }
        let cap = bare.chars().next().is_some_and(char::is_uppercase);
        if !(cap || matches!(bare, "of" | "for" | "and" | "the" | "on" | "in")) {
            break;
        }
        if title_heads().contains(bare) {
            head = true;
        }
        if cap {
            start = Some(ws);
        }
        end = ws;
    }
    if head { start } else { None }
}

/// Folded last word of a name (join key), ignoring suffixes.
pub(crate) fn surname_key(name: &str) -> String {
    let c = cues();
    // The last word (split at ' ' and '.', which are ASCII) that is no suffix.
    let bytes = name.as_bytes();
    let mut last = name;
    let mut end = bytes.len();
    loop {
        let start = bytes[..end]
            .iter()
            .rposition(|&b| b == b' ' || b == b'.')
            .map_or(0, |k| k + 1);
        let w = name.get(start..end).unwrap_or("");
        if !w.is_empty() && !c.suffix.contains(w) {
            last = w;
            break;
        }
        if start == 0 {
            break;
        }
        end = start - 1;
    }
    attache_lexicon::fold_key(last)
}

/// Whether `set` holds `word` in lower case (short ASCII words lowercased on the stack).
fn contains_lowercased(set: &FnvSet<&'static str>, word: &str) -> bool {
    let mut buf = [0u8; 32];
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return std::str::from_utf8(lower).is_ok_and(|w| set.contains(w));
    }
    set.contains(word.to_lowercase().as_str())
}

/// What precedes a chain: a title phrase and its country / organization.
#[derive(Debug, Default, Clone)]
struct Before {
    titles: Vec<&'static attache_lexicon::Title>,
    title_span: Option<Span>,
    country: Option<&'static str>,
    org: Option<&'static str>,
    honorific: bool,
    role: bool,
}

/// The end of a gazetteer title that a portfolio extends up to `q`: "European
/// Commissioner for Enlargement", "Minister of Foreign Affairs and Emigration",
/// "Commissioner for Political Affairs, Peace and Security" — "for" or "and" and then up
/// to six capitalised words (with "and", "of", "the", commas) ending at `q`.
fn portfolio_title_end(text: &str, ents: &[EntMention], q: usize) -> Option<usize> {
    let head = text.get(..q)?;
    let mut words = 0;
    let mut listed = false;
    let mut rest = head.trim_end();
    loop {
        // (' ' and ',' are ASCII: the bytes are searched.)
        let rb = rest.as_bytes();
        let cut = rb
            .iter()
            .rposition(|&b| b == b' ' || b == b',')
            .map_or(0, |i| i + 1);
        let w = &rest[cut..];
        let mut k = cut;
        while k > 0 && matches!(rb[k - 1], b' ' | b',') {
            k -= 1;
        }
        let before = &rest[..k];
        // "Minister of Foreign Affairs, Cooperation and Regional Integration of Cabo
        // Verde": a title, a comma and more portfolios, then the country.
        if words > 0
            && text[q..].starts_with(" of ")
            && rest[..cut].trim_end().ends_with(',')
            && crate::mentions::ending_at(ents, before.len()).is_some_and(|m| m.title().is_some())
        {
            return Some(before.len());
        }
        // A comma between portfolio words ("Food, Agriculture"), not after a country
        // or an honorific ("the Philippines, H.E.").
        listed |= words > 0
            && rest[..cut].trim_end().ends_with(',')
            && crate::mentions::ending_at(ents, before.len()).is_none()
            && !w.ends_with('.');
        match w {
            "for" | "and" if words > 0 => {
                let t = before.len();
                if crate::mentions::ending_at(ents, t).is_some_and(|m| m.title().is_some()) {
                    return Some(t);
                }
                if w == "for" {
                    return None;
                }
            }
            // "Minister of Food, Agriculture and Light Industry (of Mongolia)": a list of
            // portfolios after a bare title.
            "of" if listed
                && crate::mentions::ending_at(ents, before.len())
                    .is_some_and(|m| m.title().is_some()) =>
            {
                return Some(before.len());
            }
            _ if words > 0 && cues().joiner.contains(w) => {}
            _ if w.chars().next().is_some_and(char::is_uppercase) && words < 6 => words += 1,
            _ => return None,
        }
        if before.is_empty() || before.len() == rest.len() {
            return None;
        }
        rest = before;
    }
}

/// The length of a portfolio right after a title, up to a following " of ": " and
/// Emigration" in "Minister of Foreign Affairs and Emigration of Egypt" (0 when none).
fn portfolio_len(r: &str) -> usize {
    let Some(body) = r.strip_prefix(" and ").or_else(|| r.strip_prefix(" for ")) else {
        return 0;
    };
    let mut at = r.len() - body.len();
    let mut words = 0;
    for w in body.split(' ') {
        if w == "of" {
            return if words > 0 { at - 1 } else { 0 };
        }
        let ok = w.chars().next().is_some_and(char::is_uppercase) && !w.ends_with(',');
        if !(ok || matches!(w, "and" | "&")) || words >= 6 {
            return 0;
        }
        words += usize::from(ok);
        at += w.len() + 1;
    }
    0
}

/// Whether "Title of (the)" stands right before `pos`.
fn title_of_before(text: &str, ents: &[EntMention], pos: usize) -> bool {
    let before = text[..pos].trim_end();
    let before = before.strip_suffix(" the").unwrap_or(before);
    before.strip_suffix(" of").is_some_and(|r| {
        crate::mentions::ending_at(ents, r.trim_end().len()).is_some_and(|m| m.title().is_some())
    })
}

/// Look at what stands before `pos` (start of a name chain).
fn look_before(text: &str, ents: &[EntMention], pos: usize) -> Before {
    let c = cues();
    let mut b = Before::default();
    let mut p = pos;
    // Skip ", " or " " (a line break of a wrapped paragraph too, not a blank line).
    let skip_ws = |p: usize| -> usize {
        let s = &text[..p];
        let t = s.trim_end_matches([' ', '\n', '\u{a0}']);
        if s.as_bytes()[t.len()..]
            .iter()
            .filter(|&&b| b == b'\n')
            .nth(1)
            .is_some()
        {
            p
        } else {
            t.len()
        }
    };
    p = skip_ws(p);
    if text[..p].ends_with(',') {
        p = skip_ws(p - 1);
    }
    // "… of the Organization for Security and Co-operation in Europe (OSCE), Name": the
    // acronym in brackets after the title's organization.
    let skip_acronym = |p: usize| -> usize {
        if let Some(r) = text[..p].strip_suffix(')')
            && let Some(open) = r.rfind('(')
            && r.len() - open <= 12
            && !r[open..].contains(' ')
        {
            skip_ws(open)
        } else {
            p
        }
    };
    p = skip_acronym(p);
    // Honorifics and role words, possibly several ("His Highness Sheikh", "H.E. Mr.").
    loop {
        let s = &text[..p];
        // "Dato'": an honorific may end in an apostrophe or a full stop.
        let s2 = s.trim_end_matches(['.', '\'', '’']);
        // The start of the last word: ASCII letters, digits, '.' and '-' are stepped
        // over byte by byte; at any other character beyond ASCII, the character search.
        let sb = s2.as_bytes();
        let mut k = sb.len();
        while k > 0 && (sb[k - 1].is_ascii_alphanumeric() || matches!(sb[k - 1], b'.' | b'-')) {
            k -= 1;
        }
        let ws = if k > 0 && !sb[k - 1].is_ascii() {
            s2.rfind(|ch: char| !(ch.is_alphanumeric() || ch == '.' || ch == '-'))
                .map_or(0, |i| i + s2[i..].chars().next().map_or(1, char::len_utf8))
        } else {
            k
        };
        let word = &s2[ws..];
        if word.is_empty() {
            break;
        }
        // "… of the ECOWAS Commission, Name": a body (data/person_cues.tsv `orghead`) of
        // the organization named before it.
        if ws > 0
            && c.orghead.contains(word)
            && crate::mentions::ending_at(ents, ws - 1)
                .is_some_and(|m| matches!(m.ent, Ent::Org(_)))
        {
            p = ws - 1;
            continue;
        }
        // A title with its portfolio ending here: go to the title's end.
        if b.titles.is_empty()
            && crate::mentions::ending_at(ents, p).is_none()
            && let Some(t) = portfolio_title_end(text, ents, p)
        {
            p = t;
            continue;
        }
        // Gazetteer title ending here? (Past a full stop, only a title's abbreviation: a
        // country or place there ends the sentence before.)
        if let Some(m) = crate::mentions::ending_at(ents, p).or_else(|| {
            crate::mentions::ending_at(ents, s2.len())
                .filter(|m| s2.len() == s.len() || m.title().is_some())
        }) {
            if let Ent::Title(t) = m.ent {
                b.titles.insert(0, t);
                // "Minister of Foreign Affairs, Emigration and Egyptian Expatriates", "U.S.
                // Secretary of State": a country's adjective inside the title.
                if b.country.is_none() {
                    b.country = country_in_title(&text[m.span.start..m.span.end]);
                }
                b.title_span = Some(Span::new(
                    m.span.start,
                    b.title_span.map_or(m.span.end, |s| s.end),
                ));
                p = skip_ws(m.span.start);
                // "Deputy Prime Minister and (the) Minister of …", "High
                // Representative/Vice-President"
                let s = &text[..p];
                for conj in [" and the", " and", " –", " -", ",", "/"] {
                    if s.ends_with(conj.trim_start()) && s.len() > conj.len() {
                        let q = skip_ws(p - conj.trim_start().len());
                        if let Some(m2) = crate::mentions::ending_at(ents, q)
                            && m2.title().is_some()
                        {
                            p = q;
                        }
                        break;
                    }
                }
                // adjective before the title: "Belarusian Foreign Minister"
                let q = skip_ws(p);
                if let Some(m2) = crate::mentions::ending_at(ents, q) {
                    match m2.ent {
                        Ent::Country(iso, _) => {
                            b.country.get_or_insert(iso);
                            p = skip_ws(m2.span.start);
                        }
                        Ent::Org(o) => {
                            b.org.get_or_insert(o.reported_key());
                        }
                        _ => {}
                    }
                }
                // "Kazakhstan's Foreign Minister"
                let s = &text[..q];
                for apos in ["’s", "'s"] {
                    if let Some(r) = s.strip_suffix(apos)
                        && let Some(m2) = crate::mentions::ending_at(ents, r.len())
                        && let Ent::Country(iso, _) = m2.ent
                    {
                        b.country.get_or_insert(iso);
                    }
                }
                // "his counterpart from Argentina, Minister of … Name", "her Chilean
                // colleague, Minister … Name": the role set off before the title.
                if let Some(r) = text[..q].strip_suffix(',')
                    && let Some(iso) = role_country(text, ents, skip_ws(r.len()))
                {
                    b.country.get_or_insert(iso);
                    b.role = true;
                } else if let Some(r) = text[..q].strip_suffix(',') {
                    // "the Deputy Chairperson of the AUC, Ambassador Name": a title of an
                    // organization (or country, place) set off before this one.
                    let e = skip_ws(r.len());
                    if crate::mentions::ending_at(ents, e).is_some_and(|m2| {
                        matches!(m2.ent, Ent::Org(_) | Ent::Country(..) | Ent::Place(_))
                            && title_of_before(text, ents, m2.span.start)
                    }) {
                        p = e;
                    }
                }
                continue;
            }
            if let Ent::Country(iso, form) = m.ent {
                // "… of (the Republic of) Belarus Name", "Ambassador of Belarus to Kazakhstan Name",
                // "Belarusian counterpart Name" is handled by role below.
                let before = text[..m.span.start].trim_end();
                let before = before.strip_suffix(" the").unwrap_or(before);
                if let Some(r) = before.strip_suffix(" to") {
                    // "… of Belarus to (the) Kazakhstan": the country after "to" is the host.
                    let r = r.trim_end();
                    let q = r.len();
                    if let Some(m2) = crate::mentions::ending_at(ents, q)
                        && m2.country().is_some()
                    {
                        p = q;
                        continue;
                    }
                }
                let of = before
                    .strip_suffix(" of")
                    .or_else(|| before.strip_suffix(" for"));
                if let Some(r) = of {
                    let q = r.trim_end().len();
                    if let Some(m2) = crate::mentions::ending_at(ents, q)
                        && m2.title().is_some()
                    {
                        b.country = Some(iso);
                        p = q;
                        continue;
                    }
                    // "Minister of Foreign Affairs and Emigration of Egypt Name".
                    if let Some(t) = portfolio_title_end(text, ents, q) {
                        b.country = Some(iso);
                        p = t;
                        continue;
                    }
                }
                if form == CountryForm::Adjective && b.titles.is_empty() {
                    // "her Kazakh counterpart Name" — adjective before a role word is
                    // handled there; an adjective right before a name ("Israeli Yoav")
                    // is not a person cue by itself.
                }
                break;
            }
            if let Ent::Place(pl) = m.ent {
                // "Mayor of Riga Martins Stakis": the place's country.
                let before = text[..m.span.start].trim_end();
                if let Some(r) = before.strip_suffix(" of") {
                    let q = r.trim_end().len();
                    if crate::mentions::ending_at(ents, q).is_some_and(|m2| m2.title().is_some())
                        && let Some(c) = pl.country
                    {
                        b.country.get_or_insert(c);
                        p = q;
                        continue;
                    }
                }
                break;
            }
            if let Ent::Org(o) = m.ent {
                let before = text[..m.span.start].trim_end();
                let before = before.strip_suffix(" the").unwrap_or(before);
                if before.ends_with(" of") {
                    let q = skip_ws(before.len() - 3);
                    if let Some(m2) = crate::mentions::ending_at(ents, q)
                        && m2.title().is_some()
                    {
                        b.org = Some(o.reported_key());
                        p = q;
                        continue;
                    }
                }
                break;
            }
            break;
        }
        let bare = word.trim_end_matches('.');
        // "His Highness", "Her Excellency": the possessive of an honorific; "Senator
        // the Hon": an article between honorifics.
        let possessive = b.honorific && matches!(bare, "His" | "Her" | "Their" | "the" | "The");
        if possessive || c.honorific.contains(bare) || c.honorific.contains(word) {
            b.honorific = true;
            p = skip_ws(ws);
            // "the President of the Republic of Kazakhstan, Mr Kassym-Jomart Tokayev", "…
            // of the Organisation of Islamic Cooperation (OIC), Mr. Name"
            if text[..p].ends_with(',') {
                p = skip_acronym(skip_ws(p - 1));
            }
            continue;
        }
        if contains_lowercased(&c.role, bare) {
            b.role = true;
            p = skip_ws(ws);
            // "his Kazakh counterpart"
            let q = p;
            if let Some(m2) = crate::mentions::ending_at(ents, q)
                && let Ent::Country(iso, _) = m2.ent
            {
                b.country.get_or_insert(iso);
            }
            break;
        }
        break;
    }
    b
}

/// The country a title names by an adjective or a plural demonym among its capitalised
/// words ("… and Moroccan Expatriates", "… and Mauritanians Abroad", "U.S. …").
fn country_in_title(title: &str) -> Option<&'static str> {
    let plain = title_plain_words();
    title
        .split([' ', ','])
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && !plain.contains(w))
        .find_map(country_word)
}

/// The country a word names by name, adjective or plural demonym ("Mauritanians").
fn country_word(w: &str) -> Option<&'static str> {
    let lex = attache_lexicon::lexicon();
    lex.country_by_name(w)
        .or_else(|| w.strip_suffix('s').and_then(|x| lex.country_by_name(x)))
        .map(|c| c.iso3)
}

/// The words of the gazetteer's titles that name no country ("Minister", "Affairs"):
/// [`country_in_title`] looks up only the others.
fn title_plain_words() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| {
        let words = attache_lexicon::lexicon()
            .titles()
            .flat_map(|t| std::iter::once(t.canonical).chain(t.variants.iter().copied()))
            .flat_map(|v| v.split([' ', ',']))
            .filter(|w| !w.is_empty() && country_word(w).is_none());
        WordSet::new(words)
    })
}

/// The country of a role phrase ending at `end`: "counterpart from Argentina",
/// "colleague of Chile", "Chilean counterpart" (a `role` word of data/person_cues.tsv).
fn role_country(text: &str, ents: &[EntMention], end: usize) -> Option<&'static str> {
    let c = cues();
    let last_word = |e: usize| {
        let s = &text[..e];
        let start = s
            .char_indices()
            .rfind(|(_, ch)| !ch.is_alphanumeric())
            .map_or(0, |(i, ch)| i + ch.len_utf8());
        (start, &s[start..])
    };
    if let Some(m) = crate::mentions::ending_at(ents, end)
        && let Ent::Country(iso, _) = m.ent
    {
        let before = text[..m.span.start].trim_end();
        let before = before.strip_suffix(" the").unwrap_or(before);
        let r = before
            .strip_suffix(" from")
            .or_else(|| before.strip_suffix(" of"))?;
        let (_, word) = last_word(r.trim_end().len());
        return contains_lowercased(&c.role, word).then_some(iso);
    }
    let (start, word) = last_word(end);
    if word.is_empty() || !contains_lowercased(&c.role, word) {
        return None;
    }
    match crate::mentions::ending_at(ents, text[..start].trim_end().len())?.ent {
        Ent::Country(iso, _) => Some(iso),
        _ => None,
    }
}

/// Whether the text before a name ends with a `sender` cue of data/person_cues.tsv
/// ("conveyed the greetings of", "a message from"), past the honorifics and titles
/// right before the name ("His Excellency", "President"; not past a comma: "On behalf
/// of President Biden, Mr. Sullivan" is Sullivan acting).
pub(crate) fn sent_by(before: &str) -> bool {
    let mut before = before.trim_end();
    while let Some((rest, last)) = before.rsplit_once(' ') {
        if !last.starts_with(char::is_uppercase) || last.ends_with(',') {
            break;
        }
        before = rest.trim_end();
    }
    if before.ends_with(',') {
        return false;
    }
    let mut k = before.len().saturating_sub(24);
    while !before.is_char_boundary(k) {
        k += 1;
    }
    let tail = crate::sentences::to_lower(&before[k..]);
    cues().sender.iter().any(|w| tail.ends_with(w))
}

/// What follows a chain: ", Minister of …" apposition or "of the United Kingdom".
#[derive(Debug, Default, Clone)]
struct After {
    titles: Vec<&'static attache_lexicon::Title>,
    title_span: Option<Span>,
    country: Option<&'static str>,
    org: Option<&'static str>,
}

/// `titled`: the chain has a title of its own before it ("External Affairs Minister
/// Dr. S. Jaishankar"), so a qualified title set off by commas and followed by
/// another name ("…, the Minister of Foreign Affairs of Ethiopia, H.E. Dr. Alemayehu
/// Tessema, …") introduces that name.
fn look_after(text: &str, ents: &[EntMention], pos: usize, titled: bool) -> After {
    let mut a = After::default();
    // "Joseph R. Biden, Jr. of the United States": past a post-nominal suffix.
    let mut pos = pos;
    if let Some(r) = text[pos..]
        .strip_prefix(", ")
        .or_else(|| text[pos..].strip_prefix(' '))
    {
        let w = r.split([' ', ',', '.']).next().unwrap_or("");
        // (Suffixes are short capitalised words: "Jr", "MP", "KCMG".)
        if (1..=4).contains(&w.len())
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && cues().suffix.contains(w)
        {
            let end = text.len() - r.len() + w.len();
            pos = if text[end..].starts_with('.') {
                end + 1
            } else {
                end
            };
        }
    }
    let rest = &text[pos..];
    // "Name of the United Kingdom" / "Name of Uzbekistan"
    for pre in [" of the ", " of "] {
        if let Some(r) = rest.strip_prefix(pre) {
            let q = pos + pre.len();
            let _ = r;
            if let Some(m) = crate::mentions::starting_at(ents, q) {
                match m.ent {
                    Ent::Country(iso, _) => a.country = Some(iso),
                    Ent::Org(o) => a.org = Some(o.reported_key()),
                    _ => {}
                }
            }
        }
    }
    let base = a.clone();
    // ", (the)? Title (of (the)? Country)"
    let mut q = pos;
    let r = &text[q..];
    if let Some(r2) = r.strip_prefix(", ") {
        q += 2;
        let mut r3 = r2;
        for art in ["the ", "The "] {
            if let Some(x) = r3.strip_prefix(art) {
                q += art.len();
                r3 = x;
            }
        }
        let _ = r3;
        // "-   Prime Minister Mario Draghi, Italian Republic": a list item naming the
        // official's country after the name, the line ending there.
        if titled
            && let Some(m) = crate::mentions::starting_at(ents, q)
            && let Ent::Country(iso, CountryForm::Name | CountryForm::OfficialName) = m.ent
            && text[m.span.end..]
                .trim_start_matches([' ', '\t', ';', '.'])
                .split('\n')
                .next()
                .is_some_and(|line| line.trim().is_empty())
        {
            a.country = Some(iso);
            return a;
        }
        let mut cur = q;
        let mut end = q;
        let mut of_country = false;
        let mut qualified = false;
        // ", AU Commissioner …", ", Malaysian Foreign Minister": a country or an
        // organization qualifying the title from before.
        if let Some(m) = crate::mentions::starting_at(ents, cur)
            && text.get(m.span.end..).is_some_and(|r| r.starts_with(' '))
            && crate::mentions::starting_at(ents, m.span.end + 1)
                .is_some_and(|t| t.title().is_some())
        {
            // A country's name in this place heads a list item instead ("…, United
            // States Secretary of State Antony Blinken"); its adjective does not.
            qualified = match m.ent {
                Ent::Country(iso, CountryForm::Adjective) => {
                    a.country = Some(iso);
                    true
                }
                Ent::Org(o) => {
                    a.org = Some(o.reported_key());
                    true
                }
                _ => false,
            };
            if qualified {
                cur = m.span.end + 1;
            }
        }
        while let Some(m) = crate::mentions::starting_at(ents, cur) {
            let Some(t) = m.title() else { break };
            a.titles.push(t);
            if a.country.is_none() {
                a.country = country_in_title(&text[m.span.start..m.span.end]);
            }
            a.title_span = Some(Span::new(
                a.title_span.map_or(m.span.start, |s| s.start),
                m.span.end,
            ));
            cur = m.span.end;
            end = cur;
            let r = &text[cur..];
            let mut advanced = false;
            for conj in [" and the ", " and ", " – ", " - "] {
                if r.starts_with(conj)
                    && crate::mentions::starting_at(ents, cur + conj.len())
                        .is_some_and(|m| m.title().is_some())
                {
                    cur += conj.len();
                    advanced = true;
                    break;
                }
            }
            if !advanced {
                // "and Emigration of Egypt": a portfolio after the title.
                let skip = portfolio_len(r);
                let (cur, r) = (cur + skip, &r[skip..]);
                // "of (the Republic of) Country"
                for pre in [" of the ", " of "] {
                    if r.starts_with(pre)
                        && let Some(m2) = crate::mentions::starting_at(ents, cur + pre.len())
                    {
                        match m2.ent {
                            Ent::Country(iso, _) => {
                                a.country.get_or_insert(iso);
                                end = m2.span.end;
                                of_country = true;
                            }
                            Ent::Org(o) => {
                                a.org.get_or_insert(o.reported_key());
                            }
                            _ => {}
                        }
                        break;
                    }
                }
                break;
            }
        }
        // "Minister of Foreign Affairs, African Cooperation and Moroccan Expatriates": a
        // demonym in the portfolio tells whose minister.
        if !a.titles.is_empty() && a.country.is_none() {
            // The title's own words: up to the first lower-case word that is no joiner
            // ("…, received his Egyptian counterpart" ends it).
            let mut clause_end = end;
            for w in text[end..].split(' ').take(12) {
                let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
                if bare.starts_with(char::is_lowercase) && !cues().joiner.contains(bare) {
                    break;
                }
                clause_end += w.len() + 1;
                if w.ends_with(['.', ';']) {
                    break;
                }
            }
            let clause_end = clause_end.min(text.len());
            a.country = crate::mentions::within(ents, Span::new(end, clause_end))
                .iter()
                .find_map(|m| match m.ent {
                    Ent::Country(iso, CountryForm::Adjective)
                        if text[m.span.end..]
                            .strip_prefix(' ')
                            .and_then(|r| r.split([' ', ',', '.']).next())
                            .is_some_and(|w| cues().nationals.contains(w)) =>
                    {
                        Some(iso)
                    }
                    _ => None,
                });
        }
        // "Hakan Fidan, Minister of Foreign Affairs of Azerbaijan Jeyhun Bayramov",
        // "Jens Ploetner, British National Security Advisor Tim Barrow": a title with its
        // country followed by a name is that name's, not an apposition to this one.
        let next_is_name = (of_country || qualified)
            && (name_follows(text, ents, end) || (titled && honoured_name_follows(text, end)));
        if !a.titles.is_empty() && next_is_name {
            return base;
        }
        if !a.titles.is_empty()
            && text[end..]
                .strip_prefix(' ')
                .and_then(|r| r.split([' ', ',', '.']).next())
                .is_some_and(|w| cues().joint_verb.contains(&w))
        {
            return base;
        }
    }
    a
}

/// Whether a personal name follows `pos`: two to four capitalised words that are no
/// gazetteer mention and end no organization's name ("… Tim Barrow,", not "… Patent
/// and Trademark Office" or "… Association of Port Authorities").
fn name_follows(text: &str, ents: &[EntMention], pos: usize) -> bool {
    let Some(rest) = text.get(pos..).and_then(|r| r.strip_prefix(' ')) else {
        return false;
    };
    let mut at = pos + 1;
    let mut n = 0;
    for w in rest.split([' ', '\n']).take(5) {
        let word = w.trim_end_matches([',', '.', ';', ':']);
        if cues().orghead.contains(word)
            || (n == 0 && crate::mentions::starting_at(ents, at).is_some())
        {
            return false;
        }
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        if !capitalised || crate::mentions::starting_at(ents, at).is_some() {
            break;
        }
        n += 1;
        if word.len() < w.len() {
            break;
        }
        at += w.len() + 1;
    }
    (2..=4).contains(&n)
}

/// Whether ", H.E. Dr. Alemayehu Tessema," follows `pos`: an honorific, then two to four
/// capitalised words closed by a comma.
fn honoured_name_follows(text: &str, pos: usize) -> bool {
    let Some(rest) = text.get(pos..).and_then(|r| r.strip_prefix(", ")) else {
        return false;
    };
    let mut words = rest.split(' ').take(8).peekable();
    let mut honoured = false;
    while let Some(w) = words.peek() {
        if !cues().honorific.contains(w.trim_end_matches('.')) {
            break;
        }
        honoured = true;
        words.next();
    }
    let mut n = 0;
    for w in words {
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        n += 1;
        if w.ends_with(',') {
            return honoured && (2..=4).contains(&n);
        }
    }
    false
}

fn sector_of(t: &attache_lexicon::Title) -> Option<Sector> {
    Some(match t.sector {
        "GOV" => Sector::Gov,
        "MIL" => Sector::Mil,
        "LEG" => Sector::Leg,
        "JUD" => Sector::Jud,
        "BUS" => Sector::Bus,
        "IGO" => Sector::Igo,
        "EDU" => Sector::Edu,
        "MED" => Sector::Med,
        "CVL" => Sector::Cvl,
        _ => return None,
    })
}

/// Find the persons of `text`. `toks` are the word tokens of the whole text,
/// `sent_of[i]` the sentence index of token `i`, `lists` the [`people_lists`] of the
/// text.
pub(crate) fn find_persons(
    text: &str,
    toks: &[Token],
    sent_of: &[usize],
    ents: &[EntMention],
    lists: &[PeopleList],
) -> Vec<Person> {
    // Tokens covered by gazetteer mentions cannot be name parts.
    let mut covered = vec![false; toks.len()];
    // The covered tokens, in order: the passes below uncover some of them, and look at
    // no other token.
    let mut covered_at: Vec<usize> = Vec::new();
    {
        let mut e = 0;
        for (i, t) in toks.iter().enumerate() {
            while e < ents.len() && ents[e].span.end <= t.start {
                e += 1;
            }
            if let Some(m) = ents.get(e)
                && m.span.start < t.end
                && t.start < m.span.end
            {
                covered[i] = true;
                covered_at.push(i);
            }
        }
    }
    // A one-word place right before a name, after a title ("… of Armenia Ararat
    // Mirzoyan"), is a first name.
    for &i in &covered_at {
        let t = &toks[i];
        if !covered[i] || i + 1 >= toks.len() || covered[i + 1] {
            continue;
        }
        let Some(m) = crate::mentions::starting_at(ents, t.start).filter(|m| m.span.end == t.end)
        else {
            continue;
        };
        if m.place().is_none() || &text[t.end..toks[i + 1].start] != " " {
            continue;
        }
        let next = &text[toks[i + 1].start..toks[i + 1].end];
        if classify(next, &text[toks[i + 1].end..]) != Some(Nt::Name) {
            continue;
        }
        let b = look_before(text, ents, t.start);
        if !b.titles.is_empty() || b.honorific {
            covered[i] = false;
        }
    }
    // "H.E. Ms. Maria Angela Holguín, Minister …", "Secretary of State Randeep Sarai":
    // a one-word place right after the name words that a title or honorific introduces
    // is a family name (after one word only when a title introduces it).
    for &i in covered_at.iter().filter(|&&i| i >= 1) {
        if !covered[i] || covered[i - 1] {
            continue;
        }
        let two = i >= 2 && !covered[i - 2];
        let t = toks[i];
        let Some(m) = crate::mentions::starting_at(ents, t.start).filter(|m| m.span.end == t.end)
        else {
            continue;
        };
        let spaced = |a: usize, b: usize| &text[toks[a].end..toks[b].start] == " ";
        let name = |k: usize| {
            classify(&text[toks[k].start..toks[k].end], &text[toks[k].end..]) == Some(Nt::Name)
                || honoured_short_word(text, toks, &covered, k)
        };
        let two = two && spaced(i - 2, i - 1) && name(i - 2);
        if m.place().is_none() || !spaced(i - 1, i) || !name(i - 1) {
            continue;
        }
        // The place ends the name: a comma, a full stop or a lower-case word follows; or
        // it stands between two name words ("… of Chile, Rodrigo Valenzuela Osorio,").
        let ends = text[t.end..]
            .chars()
            .next()
            .is_none_or(|c| matches!(c, ',' | '.' | ';' | ')'))
            || toks.get(i + 1).is_some_and(|n| {
                spaced(i, i + 1) && text[n.start..].starts_with(char::is_lowercase)
            })
            || (i + 1 < toks.len() && !covered[i + 1] && spaced(i, i + 1) && name(i + 1));
        let b = look_before(text, ents, toks[if two { i - 2 } else { i - 1 }].start);
        if ends && (!b.titles.is_empty() || (two && b.honorific)) {
            covered[i] = false;
        }
    }
    // "Hossein Amir-Abdollahian": a title word joined by a hyphen to a capitalised word,
    // right after a name word, is part of the name.
    for &i in covered_at.iter().filter(|&&i| i >= 1) {
        if !covered[i] || covered[i - 1] {
            continue;
        }
        let after = &text[toks[i].end..];
        let hyphen_name = after
            .strip_prefix('-')
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_uppercase);
        let prev = &text[toks[i - 1].start..toks[i - 1].end];
        if hyphen_name
            && &text[toks[i - 1].end..toks[i].start] == " "
            && classify(prev, &text[toks[i - 1].end..]) == Some(Nt::Name)
            && crate::mentions::starting_at(ents, toks[i].start)
                .is_some_and(|m| m.title().is_some() && m.span.end == toks[i].end)
        {
            covered[i] = false;
        }
    }
    let chains = chains(text, toks, &covered, sent_of);
    let listed = list_items(lists);
    let mut persons: Vec<Person> = Vec::new();
    let mut index = NameIndex::default();
    let mut pending: Vec<&Chain> = Vec::new();
    let chains: Vec<Chain> = chains
        .into_iter()
        .map(|ch| trim_title_word(text, toks, ch))
        .collect();
    for ch in &chains {
        if part_of_org_name(text, ch.span.end) {
            continue;
        }
        let before = look_before(text, ents, ch.span.start);
        let after = look_after(text, ents, ch.span.end, !before.titles.is_empty());
        let n_tokens = ch.t1 - ch.t0 + 1;
        let generic_start = if n_tokens_of(ch) >= 2 && !after_preposition(text, ch.span.start) {
            generic_title_before(text, ch.span.start)
        } else {
            None
        };
        let generic = generic_start.is_some();
        let triggered = ch.initials_form
            || !before.titles.is_empty()
            || before.honorific
            || before.role
            || generic
            || !after.titles.is_empty()
            || ch.caps_first
            || (n_tokens_of(ch) >= 2 && opens_list_item(text, &listed, ch.span));
        if !triggered {
            pending.push(ch);
            continue;
        }
        // A single capitalised word after a title is a surname ("Minister Shoukry");
        // sentence-initial ordinary words are excluded by the nonname list.
        if n_tokens == 1 && before.titles.is_empty() && !before.honorific && !ch.initials_form {
            pending.push(ch);
            continue;
        }
        // "President and CEO, Micron": one word set off from its title by a comma names
        // the title's organization, not a person.
        if n_tokens == 1
            && !ch.initials_form
            && before
                .title_span
                .is_some_and(|t| text[t.end.min(ch.span.start)..ch.span.start].contains(','))
        {
            pending.push(ch);
            continue;
        }
        let mut titles: Vec<&'static attache_lexicon::Title> = before.titles.clone();
        titles.extend(after.titles.iter().copied());
        let mut country = before.country.or(after.country);
        let mut org = before
            .org
            .or(after.org)
            .or_else(|| titles.iter().find_map(|t| t.org));
        // A title the gazetteer does not list may still name its country or organization
        // ("UN Special Representative …", "Vietnamese Minister of Planning …").
        if let Some(gs) = generic_start
            && country.is_none()
            && org.is_none()
        {
            let region = crate::mentions::within(ents, Span::new(gs, ch.span.start));
            for m in region {
                match m.ent {
                    Ent::Org(o) if org.is_none() => org = Some(o.reported_key()),
                    Ent::Country(iso, _) if country.is_none() => country = Some(iso),
                    _ => {}
                }
            }
        }
        let title_span = before.title_span.or(after.title_span);
        add_person(
            &mut persons,
            &mut index,
            ch,
            &titles,
            country,
            org,
            title_span,
        );
    }
    // Second pass: chains matching a known surname (or full name) join that person.
    for ch in pending {
        let key = surname_key(&ch.name);
        let n_tokens = ch.t1 - ch.t0 + 1;
        let found = index
            .candidates(&ch.name, &key)
            .iter()
            .copied()
            .find(|&i| persons[i].key == key || same_person_name(&persons[i].name, &ch.name));
        if let Some(p) = found.and_then(|i| persons.get_mut(i))
            && n_tokens <= 4
        {
            p.spans.push(ch.span);
            if ch.name.len() > p.name.len() && !p.name.contains('.') {
                // keep the fuller name
                p.name = ch.name.clone();
            }
        }
    }
    // "Minister Valenzuela" after "Rodrigo Valenzuela Osorio": a one-word place after a
    // title or honorific that is a family name of a person named is that person.
    for m in ents.iter().filter(|m| m.place().is_some()) {
        // (Cheap tests first: a capitalised word right before, one word, a person known.)
        let capitalised_before = text[..m.span.start]
            .strip_suffix(' ')
            .and_then(|b| b.rsplit(char::is_whitespace).next())
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()));
        let word = &text[m.span.start..m.span.end];
        if !capitalised_before || persons.is_empty() || word.contains(' ') {
            continue;
        }
        let t = m.span;
        let Some(p) = persons
            .iter_mut()
            .find(|p| p.name.split(' ').skip(1).any(|w| w == word))
        else {
            continue;
        };
        let b = look_before(text, ents, t.start);
        if !b.titles.is_empty() || b.honorific {
            p.spans.push(Span::new(t.start, t.end));
        }
    }
    for p in &mut persons {
        p.spans.sort();
        p.spans.dedup();
    }
    persons
}

fn add_person(
    persons: &mut Vec<Person>,
    index: &mut NameIndex,
    ch: &Chain,
    titles: &[&'static attache_lexicon::Title],
    country: Option<&'static str>,
    org: Option<&'static str>,
    title_span: Option<Span>,
) {
    let key = surname_key(&ch.name);
    let title_str = if titles.is_empty() {
        None
    } else {
        let mut canon: Vec<&str> = Vec::new();
        for t in titles {
            if !canon.contains(&t.canonical) {
                canon.push(t.canonical);
            }
        }
        Some(canon.join(" and "))
    };
    let org_country = org.filter(|_| country.is_none()).map(str::to_string);
    let idx = index.candidates(&ch.name, &key).iter().copied().find(|&i| {
        let p = &persons[i];
        (p.key == key
            || same_person_name(&p.name, &ch.name)
            // "Ambassador Meskerem", "Dr. Kipchumba": an official by first name.
            || (!p.titles.is_empty() && first_name_of(&p.name, &ch.name)))
            && (p.country.is_none()
                || country.is_none()
                || p.country.as_deref() == country
                || p.country.as_deref() == org)
    });
    let pi = idx.unwrap_or(persons.len());
    index.add(&ch.name, &key, pi);
    let p = match idx {
        Some(i) => &mut persons[i],
        None => {
            persons.push(Person {
                name: ch.name.clone(),
                key: key.clone(),
                titles: Vec::new(),
                title_ranks: Vec::new(),
                country: None,
                country_explicit: false,
                organization: None,
                sector: None,
                spans: Vec::new(),
                title_spans: Vec::new(),
            });
            let n = persons.len() - 1;
            &mut persons[n]
        }
    };
    p.spans.push(ch.span);
    if let Some(ts) = title_span {
        p.title_spans.push(ts);
    }
    // Prefer the fuller name: full first names over initials.
    let new_full = !ch.initials_form && ch.name.as_bytes().contains(&b' ');
    let old_initials = p.name.contains('.');
    if (new_full && (old_initials || ch.name.len() > p.name.len()))
        || (!p.name.as_bytes().contains(&b' ') && ch.name.len() > p.name.len())
    {
        p.name = ch.name.clone();
    }
    if let Some(t) = title_str
        && !p.titles.contains(&t)
    {
        p.titles.push(t);
    }
    for t in titles {
        if !p.title_ranks.contains(&t.rank) {
            p.title_ranks.push(t.rank);
        }
        if p.sector.is_none() {
            p.sector = sector_of(t);
        }
    }
    if p.country.is_none() {
        if let Some(c) = country {
            p.country = Some(c.to_string());
            p.country_explicit = true;
        } else if let Some(o) = &org_country {
            p.country = Some(o.clone());
            p.country_explicit = true;
        }
    }
    if p.organization.is_none() {
        p.organization = org.map(str::to_string);
    }
    if org.is_some() && country.is_none() {
        p.sector = Some(Sector::Igo);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentences;

    pub(crate) fn persons_of(text: &str) -> Vec<Person> {
        let sents = sentences::split(text);
        let toks = sentences::tokens(text, Span::new(0, text.len()));
        let sent_of: Vec<usize> = toks
            .iter()
            .map(|t| crate::coref::sentence_of(&sents, t.start).unwrap_or(usize::MAX))
            .collect();
        let ents = crate::mentions::find(text, &toks);
        find_persons(text, &toks, &sent_of, &ents, &people_lists(text))
    }

    #[test]
    fn surname_key_as_the_split_words() {
        let reference = |name: &str| {
            let c = cues();
            let last = name
                .split([' ', '.'])
                .rfind(|w| !w.is_empty() && !c.suffix.contains(w))
                .unwrap_or(name);
            attache_lexicon::fold_key(last)
        };
        for n in [
            "Sergei Aleinik",
            "S.Aleinik",
            "G.L. Peiris",
            "Joseph R. Biden Jr.",
            "Martin Luther King Jr",
            "Jr. Sr.",
            "Jr",
            "",
            ".",
            " ",
            "a..b ",
            "Ngô Đình Diệm",
            "Charles III",
        ] {
            assert_eq!(surname_key(n), reference(n), "{n:?}");
        }
    }

    fn names(text: &str) -> Vec<(String, Option<String>)> {
        persons_of(text)
            .into_iter()
            .map(|p| (p.name, p.country))
            .collect()
    }

    #[test]
    fn apostrophes_possessive_honorifics_place_surnames_and_slashed_titles() {
        let t = "Saudi Arabia's Minister of Foreign Affairs, His Highness Prince Faisal bin \
                 Farhan Al Saud, met Minister Sean O'Brien of Ireland. The Ambassador of Oman, \
                 Hilal bin Said Al Ma'amari, met H.E. Ms. Maria Angela Holguín, Minister of \
                 Foreign Affairs of the Republic of Colombia. High Representative/Vice-President \
                 Kaja Kallas attended.";
        let p = persons_of(t);
        let find = |name: &str| p.iter().find(|x| x.name == name);
        let faisal = find("Faisal bin Farhan Al Saud");
        assert_eq!(faisal.and_then(|x| x.country.as_deref()), Some("SAU"));
        assert!(faisal.is_some_and(|x| !x.titles.is_empty()));
        assert_eq!(
            find("Sean O'Brien").and_then(|x| x.country.as_deref()),
            Some("IRL")
        );
        assert_eq!(
            find("Hilal bin Said Al Ma'amari").and_then(|x| x.country.as_deref()),
            Some("OMN")
        );
        assert_eq!(
            find("Maria Angela Holguín").and_then(|x| x.country.as_deref()),
            Some("COL")
        );
        assert_eq!(
            find("Kaja Kallas").and_then(|x| x.organization.as_deref()),
            Some("EU")
        );
    }

    #[test]
    fn short_family_names_and_titles_of_organisations_set_off_before_a_name() {
        // "Do" is usually no name, "Vinh" a city: after an honorific both are the name.
        let t = "The delegation was headed by Deputy Minister of Foreign Affairs Mr. Do Quang \
                 Vinh. Later, Deputy Minister Vinh paid a call on the Minister.";
        let p = persons_of(t);
        let vinh = p.iter().find(|x| x.name == "Do Quang Vinh");
        assert_eq!(vinh.map(|x| x.spans.len()), Some(2), "{p:?}");
        // "… the Minister. In Geneva": a sentence's first word, not a family name.
        assert!(
            !names("They thanked the Minister. In Geneva the talks went on.")
                .iter()
                .any(|(n, _)| n.starts_with("In"))
        );
        // The title before the honorific title gives the organisation; an acronym in
        // brackets after the organisation does not hide it.
        let t = "The MoU was signed by the Deputy Chairperson of the AUC, Ambassador Tsehay \
                 Alemu Bekele, and the Secretary General of the Organisation of Islamic \
                 Cooperation (OIC), Mr. Youssef Ben Salah.";
        let p = persons_of(t);
        for (name, org) in [("Tsehay Alemu Bekele", "AU"), ("Youssef Ben Salah", "OIC")] {
            let x = p.iter().find(|x| x.name == name);
            assert_eq!(
                x.and_then(|x| x.organization.as_deref()),
                Some(org),
                "{p:?}"
            );
        }
        // A title, a comma, more portfolios and the country.
        let n = names(
            "He received the Minister of Foreign Affairs, Cooperation and Regional Integration \
             of Cabo Verde, Djamila Tavares Lopes.",
        );
        assert!(
            n.contains(&("Djamila Tavares Lopes".to_string(), Some("CPV".to_string()))),
            "{n:?}"
        );
        // A list of leaders "… of France, Chancellor Name of Germany" keeps each country.
        let n = names(
            "He spoke with President Emmanuel Macron of France, Chancellor Olaf Scholz of \
             Germany and Prime Minister Mario Draghi of Italy.",
        );
        assert!(
            n.contains(&("Olaf Scholz".to_string(), Some("DEU".to_string()))),
            "{n:?}"
        );
    }

    #[test]
    fn place_inside_a_name_role_before_a_title_and_institution_words() {
        // "Valenzuela" is also a city: between two name words after a title it is a
        // family name; a counterpart's country set off before the title is the
        // person's; "General Secretariat" is no general named Secretariat.
        let t = "The Minister of Foreign Affairs of Chile, Rodrigo Valenzuela Osorio, held a \
                 telephone conversation with his counterpart from Argentina, Minister of \
                 Foreign Affairs, International Trade and Worship Martina Echeverry. The \
                 Secretary-General met the Minister at the General Secretariat in Cairo.";
        let n = names(t);
        assert!(n.contains(&(
            "Rodrigo Valenzuela Osorio".to_string(),
            Some("CHL".to_string())
        )));
        assert!(n.contains(&("Martina Echeverry".to_string(), Some("ARG".to_string()))));
        assert!(
            !n.iter().any(|(name, _)| name.contains("Secretariat")),
            "{n:?}"
        );
        // Named again by title and that family name: the same person.
        let p = persons_of(&format!("{t} Minister Valenzuela thanked her."));
        let rodrigo = p.iter().find(|x| x.name == "Rodrigo Valenzuela Osorio");
        assert_eq!(rodrigo.map(|x| x.spans.len()), Some(2), "{p:?}");
    }

    #[test]
    fn demonyms_of_portfolios_and_letter_initials() {
        let t = "Jean Martin, Minister for Europe and Foreign Affairs, received Mr. Nasser \
                 Bourita, Minister of Foreign Affairs, African Cooperation and Moroccan \
                 Expatriates, in Paris. Secretary of Foreign Affairs Enrique A. Manalo of the \
                 Philippines called him.";
        let n = names(t);
        let has = |name: &str, c: &str| n.iter().any(|(x, y)| x == name && y.as_deref() == Some(c));
        assert!(has("Nasser Bourita", "MAR"), "{n:?}");
        assert!(has("Enrique A. Manalo", "PHL"), "{n:?}");
        // The portfolio after the next name is not the first one's.
        assert!(!has("Jean Martin", "MAR"), "{n:?}");
        // A bracketed acronym between the title's organization and the name.
        let p = persons_of(
            "The Secretary General of the Organization for Security and Co-operation in \
             Europe (OSCE), Feridun H. Sinirlioğlu, arrived.",
        );
        assert!(
            p.iter()
                .any(|x| x.name == "Feridun H. Sinirlioğlu" && !x.titles.is_empty()),
            "{p:?}"
        );
        // A body of the organization ("ECOWAS Commission") between the title and the name;
        // a continent's demonym ("East African Cooperation") is no name.
        let n = names(
            "The President of the ECOWAS Commission, Dr. Omar Alieu Touray, met Hon. Mussa \
             Kilima, Minister for Foreign Affairs and East African Cooperation of Tanzania.",
        );
        assert!(
            n.iter()
                .any(|(x, y)| x == "Omar Alieu Touray" && y.as_deref() == Some("ECOWAS")),
            "{n:?}"
        );
        assert!(!n.iter().any(|(x, _)| x == "African"), "{n:?}");
        // A headline listing two subjects with a comma: the title is the second one's.
        let n = names("Hani Al-Rawabdeh, Chilean Foreign Minister discuss Gaza in phone call");
        assert!(
            !n.iter()
                .any(|(x, y)| x == "Hani Al-Rawabdeh" && y.as_deref() == Some("CHL")),
            "{n:?}"
        );
    }

    #[test]
    fn names_through_titles_initials_and_appositions() {
        let t = "On May 21, 2024 in Astana, the Minister of Foreign Affairs of the Republic of \
                 Belarus, Sergei Aleinik, held a bilateral meeting with the Deputy Prime Minister \
                 and the Minister of Foreign Affairs of the Republic of Kazakhstan, Murat Nurtleu. \
                 S.Aleinik informed the colleague. Mr. KISHIDA Fumio, Prime Minister of Japan, \
                 spoke with Prime Minister Boris Johnson of the United Kingdom.";
        let n = names(t);
        let has = |name: &str, c: &str| n.iter().any(|(x, y)| x == name && y.as_deref() == Some(c));
        assert!(has("Sergei Aleinik", "BLR"), "{n:?}");
        assert!(has("Murat Nurtleu", "KAZ"), "{n:?}");
        assert!(has("Fumio Kishida", "JPN"), "{n:?}");
        assert!(has("Boris Johnson", "GBR"), "{n:?}");
        // "S.Aleinik" joins Sergei Aleinik rather than making a second person.
        assert_eq!(n.iter().filter(|(x, _)| x.ends_with("Aleinik")).count(), 1);
    }

    #[test]
    fn titles_qualified_from_before_after_honorifics_and_with_portfolio_lists() {
        let t = "The Council was briefed by Fatoumata Diallo-Keita, AU Commissioner for \
                 Political Affairs. He met Ines Carvalho, Portuguese Foreign Minister. The \
                 Summit was chaired by Prime Minister Dato' Seri Azlan Hakim. He was received \
                 by Minister of Food, Agriculture and Light Industry of Mongolia Batbayar \
                 Ganzorig. The meeting was attended by Minister of Foreign Affairs Hakan \
                 Fidan, Minister of Foreign Affairs of the Republic of Azerbaijan Jeyhun \
                 Bayramov and others.";
        let n = names(t);
        let has =
            |name: &str, c: Option<&str>| n.iter().any(|(x, y)| x == name && y.as_deref() == c);
        assert!(has("Fatoumata Diallo-Keita", Some("AU")), "{n:?}");
        assert!(has("Ines Carvalho", Some("PRT")), "{n:?}");
        // Honorifics are not names; "Hakim" is a name, not a governor's title.
        assert!(has("Azlan Hakim", None), "{n:?}");
        assert!(
            !n.iter()
                .any(|(x, _)| x.contains("Dato") || x.contains("Seri")),
            "{n:?}"
        );
        assert!(has("Batbayar Ganzorig", Some("MNG")), "{n:?}");
        // The title before "Jeyhun Bayramov" is his, not an apposition to Hakan Fidan.
        assert!(has("Jeyhun Bayramov", Some("AZE")), "{n:?}");
        assert!(has("Hakan Fidan", None), "{n:?}");
    }

    #[test]
    fn a_given_or_family_name_after_a_title_joins_the_titled_person() {
        let t = "President Xi Jinping met President Hendra Wiratama. President Xi said the \
                 talks were useful. President Hendra thanked him. Park Jae-won, Minister of \
                 Foreign Affairs of Korea, joined them. Minister Park said so.";
        let n = names(t);
        assert_eq!(n.len(), 3, "{n:?}");
        assert!(n.iter().any(|(x, _)| x == "Park Jae-won"), "{n:?}");
    }

    #[test]
    fn names_opening_items_of_a_participant_list() {
        let t = "The President met with former players.\n\nParticipants in the meeting:\n\n\
                 - Andrew Luck, Former Stanford quarterback\n\n\
                 - Chief Gary Batton (Choctaw Nation, OK)\n\n\
                 - Keith Marshall, Co-Founder of the Players’ Lounge\n\n\
                 Cities represented:\n\n- Baton Rouge, LA\n\n- Green Hills, Tennessee County";
        let n: Vec<String> = names(t).into_iter().map(|(n, _)| n).collect();
        assert!(n.contains(&"Andrew Luck".to_string()), "{n:?}");
        assert!(n.contains(&"Keith Marshall".to_string()), "{n:?}");
        assert!(n.iter().any(|x| x.ends_with("Gary Batton")), "{n:?}");
        // A list that is not of people, and a place with its state, add nobody.
        assert!(
            !n.iter()
                .any(|x| x.contains("Baton Rouge") || x.contains("Green")),
            "{n:?}"
        );
    }

    #[test]
    fn organization_names_and_firms_are_not_persons() {
        let t = "Imam Mohamed Magid, Executive Imam, All Dulles Area Muslim Society\n\n\
                 Sanjay Mehrotra, President and CEO, Micron\n\n\
                 Department of Agriculture Secretary Tom Vilsack";
        let n: Vec<String> = names(t).into_iter().map(|(n, _)| n).collect();
        assert!(n.contains(&"Mohamed Magid".to_string()), "{n:?}");
        assert!(n.contains(&"Sanjay Mehrotra".to_string()), "{n:?}");
        assert!(n.contains(&"Tom Vilsack".to_string()), "{n:?}");
        assert!(
            !n.iter().any(|x| x.contains("Dulles") || x == "Micron"),
            "{n:?}"
        );
    }

    #[test]
    fn joined_name_forms() {
        assert!(same_person_name("Yoon", "Yoon Suk Yeol"));
        assert!(same_person_name("Lula", "Luiz Inácio Lula da Silva"));
        assert!(same_person_name(
            "Mohamed bin Zayed",
            "Mohamed bin Zayed Al Nahyan"
        ));
        assert!(!same_person_name("Sergei Lavrov", "Sergei Aleinik"));
    }
}
