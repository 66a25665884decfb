//! The gazetteer matcher: one trie of every country, organization, place and title form
//! (ASCII-lowercased), walked from each position where a match may begin: any character
//! that does not continue a word (a letter or digit after a letter or digit). Each match is
//! checked for word boundaries in the original text and for case (names as written or
//! in all capitals; titles in any case), and the surviving candidates are reduced to
//! non-overlapping leftmost-longest hits: at each start the longest valid one.

use std::collections::HashMap;

use crate::data::DataError;
use crate::trie::{StartRule, Starts, Trie, WordFilter, char_at, word_end};
use crate::{Country, CountryForm, Hit, HitKind, Lexicon, Organization, Place, Title};

#[derive(Debug, Clone, Copy)]
enum Target {
    Country(usize, CountryForm),
    Organization(usize),
    Place(usize),
    Title(usize),
    /// A phrase of `data/gazetteer_stops.tsv`: consumes its span, yields no hit.
    Stop,
}

#[derive(Debug)]
struct Entry {
    /// The form as written in the data (after apostrophe variation).
    form: String,
    target: Target,
    /// Titles: any case matches.
    insensitive: bool,
    /// Names of five letters or more with lower-case letters also match in all capitals.
    all_caps_ok: bool,
}

/// The state of one [`Matcher::find`] pass.
#[derive(Default)]
pub(crate) struct Scan {
    pub(crate) hits: Vec<Hit>,
    ends: Vec<(usize, u32)>,
    last_end: usize,
}

pub(crate) struct Matcher {
    /// Every distinct lowercased form, valued by its group.
    trie: Trie,
    /// Group (one per distinct lowercased pattern) -> entries, in priority order.
    groups: Vec<Vec<Entry>>,
    /// The first words of the forms (letters and digits up to the first other
    /// character): a valid match at a word start begins with the whole of one of them.
    first_words: WordFilter,
    /// The same for the forms a word written with a small ASCII letter first can match:
    /// titles (any case) and forms that begin with a small letter themselves (a name
    /// matches as written or in all capitals, never with its first letter lowered).
    small_first_words: WordFilter,
    /// The lowercased forms and their groups (the reference matcher of the tests).
    #[cfg(test)]
    patterns: Vec<(String, u32)>,
}

fn is_word_char(c: char) -> bool {
    crate::trie::is_word_char(c)
}

/// Is the character that begins at byte `i` of `text` a letter or digit?
#[inline]
fn word_at(text: &str, i: usize) -> bool {
    i < text.len() && char_at(text, i).0
}

/// Is the character that ends at byte `i` of `text` a letter or digit?
#[inline]
fn word_before(text: &str, i: usize) -> bool {
    match i.checked_sub(1).and_then(|k| text.as_bytes().get(k)) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text
            .get(..i)
            .and_then(|t| t.chars().next_back())
            .is_some_and(is_word_char),
    }
}

/// The bytes of `key` up to its first character that is no letter or digit.
fn first_word(key: &str) -> &[u8] {
    let run = key
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(key.len(), |(i, _)| i);
    &key.as_bytes()[..run]
}

/// No lowercase letter in `s`.
#[inline]
fn no_lowercase(s: &str) -> bool {
    if s.is_ascii() {
        !s.bytes().any(|b| b.is_ascii_lowercase())
    } else {
        !s.chars().any(char::is_lowercase)
    }
}

/// The form and its apostrophe variants (straight and typographic).
fn spellings(form: &str) -> Vec<String> {
    let mut v = vec![form.to_string()];
    if form.contains('\'') {
        v.push(form.replace('\'', "\u{2019}"));
    }
    if form.contains('\u{2019}') {
        v.push(form.replace('\u{2019}', "'"));
    }
    v
}

impl Matcher {
    pub(crate) fn build(
        countries: &[Country],
        places: &[Place],
        organizations: &[Organization],
        titles: &[Title],
        stops: &[&str],
    ) -> Result<Matcher, DataError> {
        let mut group_of: HashMap<String, u32> = HashMap::new();
        let mut groups: Vec<Vec<Entry>> = Vec::new();
        let mut add = |form: &str, target: Target, insensitive: bool| {
            let form = form.trim();
            // Hits never include a leading article: "the Netherlands" matches as "Netherlands".
            let form = form.strip_prefix("the ").unwrap_or(form);
            for form in spellings(form) {
                if form.is_empty() {
                    continue;
                }
                let key = form.to_ascii_lowercase();
                let next = u32::try_from(groups.len()).unwrap_or(u32::MAX);
                let g = *group_of.entry(key).or_insert(next);
                if g == next {
                    groups.push(Vec::new());
                }
                let Some(group) = groups.get_mut(g as usize) else {
                    continue;
                };
                if group
                    .iter()
                    .any(|e| e.form == form && e.insensitive == insensitive)
                {
                    // Same spelling already claimed by an entry of higher priority.
                    continue;
                }
                let letters = form.chars().filter(|c| c.is_alphabetic()).count();
                let all_caps_ok =
                    !insensitive && letters >= 5 && form.chars().any(char::is_lowercase);
                group.push(Entry {
                    form,
                    target,
                    insensitive,
                    all_caps_ok,
                });
            }
        };

        for (i, c) in countries.iter().enumerate() {
            add(c.name, Target::Country(i, CountryForm::Name), false);
            for n in &c.names {
                add(n, Target::Country(i, CountryForm::Name), false);
            }
            add(
                c.official,
                Target::Country(i, CountryForm::OfficialName),
                false,
            );
            for a in &c.abbreviations {
                add(a, Target::Country(i, CountryForm::Abbreviation), false);
            }
            for a in &c.adjectives {
                add(a, Target::Country(i, CountryForm::Adjective), false);
            }
        }
        for (i, o) in organizations.iter().enumerate() {
            add(o.key, Target::Organization(i), false);
            add(o.name, Target::Organization(i), false);
            for v in &o.variants {
                add(v, Target::Organization(i), false);
            }
        }
        for (i, p) in places.iter().enumerate() {
            add(p.name, Target::Place(i), false);
            for v in &p.variants {
                add(v, Target::Place(i), false);
            }
        }
        for (i, t) in titles.iter().enumerate() {
            for form in std::iter::once(t.canonical).chain(t.variants.iter().copied()) {
                add(form, Target::Title(i), true);
                for prefix in ["Acting ", "Interim "] {
                    add(&format!("{prefix}{form}"), Target::Title(i), true);
                }
            }
        }
        for s in stops {
            add(s, Target::Stop, false);
        }

        let mut patterns: Vec<(String, u32)> = group_of.into_iter().collect();
        patterns.sort_by_key(|&(_, g)| g);
        if patterns.len() >= u32::MAX as usize {
            return Err(DataError::Matcher("too many gazetteer forms".into()));
        }
        let trie = Trie::build(patterns.iter().map(|(k, g)| (k.as_bytes(), *g)))
            .ok_or_else(|| DataError::Matcher("the gazetteer trie does not fit".into()))?;
        let first_words = WordFilter::new(patterns.iter().map(|(k, _)| first_word(k)));
        let small: Vec<String> = groups
            .iter()
            .flatten()
            .filter(|e| {
                e.insensitive
                    || e.form
                        .as_bytes()
                        .first()
                        .is_some_and(u8::is_ascii_lowercase)
            })
            .map(|e| e.form.to_ascii_lowercase())
            .collect();
        let small_first_words = WordFilter::new(small.iter().map(|k| first_word(k)));
        Ok(Matcher {
            trie,
            groups,
            first_words,
            small_first_words,
            #[cfg(test)]
            patterns,
        })
    }

    /// The target of the candidate `start..end` of group `g`, if it is one: it does not
    /// end inside a word, and an entry of the group accepts its case.
    #[inline]
    fn accept(&self, text: &str, start: usize, end: usize, g: u32) -> Option<Target> {
        let slice = text.get(start..end)?;
        if word_before(text, end) && word_at(text, end) {
            return None;
        }
        let group = self.groups.get(g as usize)?;
        group
            .iter()
            .find(|e| e.insensitive || e.form == slice || (e.all_caps_ok && no_lowercase(slice)))
            .map(|e| e.target)
    }

    /// The positions where a match may begin: not inside a word (a letter or digit
    /// after another); when every form begins with a letter or digit, word starts.
    pub(crate) fn start_rule(&self) -> StartRule {
        if self.trie.nonword_first() {
            StartRule::NotInsideWord
        } else {
            StartRule::Word
        }
    }

    pub(crate) fn find(&self, lex: &'static Lexicon, text: &str) -> Vec<Hit> {
        let rule = self.start_rule();
        let mut scan = Scan::default();
        let mut starts = Starts::new(text, rule);
        while let Some(i) = starts.next() {
            if let Some(end) = self.at(lex, text, i, rule, &mut scan) {
                starts.resume_after_word(end);
            }
        }
        scan.hits
    }

    /// [`Matcher::at`] at the start `i` of the word `i..end`, under
    /// [`StartRule::Word`]; `key` is the word's [`WordFilter::key`].
    #[inline]
    pub(crate) fn at_word(
        &self,
        lex: &'static Lexicon,
        text: &str,
        i: usize,
        key: usize,
        scan: &mut Scan,
    ) {
        let bytes = text.as_bytes();
        let Some(&first) = bytes.get(i) else {
            return;
        };
        // The filter first: it turns away most words.
        let filter = if first.is_ascii_lowercase() {
            &self.small_first_words
        } else {
            &self.first_words
        };
        if i < scan.last_end || !filter.contains_key(key) || !self.trie.starts_with_byte(first) {
            return;
        }
        self.walk_at(lex, text, i, scan);
    }

    /// The step of [`Matcher::find`] at start `i` (a position `rule` admits, after
    /// those before it): pushes the hit that begins there, if any. `Some(end)` when no
    /// form begins with the word `i..end`, so that the next word start is the next
    /// position worth trying.
    #[inline]
    pub(crate) fn at(
        &self,
        lex: &'static Lexicon,
        text: &str,
        i: usize,
        rule: StartRule,
        scan: &mut Scan,
    ) -> Option<usize> {
        let bytes = text.as_bytes();
        if i < scan.last_end || !self.trie.starts_with_byte(*bytes.get(i)?) {
            return None;
        }
        if rule == StartRule::Word {
            // A form that begins with a letter or digit and matches here without
            // ending inside a word begins with this whole word: skip words that
            // begin no form.
            let end = word_end(text, i);
            if !self.first_words.contains(bytes, i, end) {
                return Some(end);
            }
        }
        self.walk_at(lex, text, i, scan);
        None
    }

    /// Walk the trie from `i` and push the longest valid hit there, if any.
    #[inline]
    fn walk_at(&self, lex: &'static Lexicon, text: &str, i: usize, scan: &mut Scan) {
        let bytes = text.as_bytes();
        scan.ends.clear();
        self.trie.walk(bytes, i, &mut scan.ends);
        // Leftmost-longest: the longest valid candidate at this start.
        let chosen = scan
            .ends
            .iter()
            .rev()
            .find_map(|&(end, g)| self.accept(text, i, end, g).map(|t| (end, t)));
        if let Some((end, target)) = chosen {
            scan.last_end = end;
            let what = match target {
                Target::Stop => None,
                Target::Country(k, form) => Some(HitKind::Country {
                    iso3: lex.countries[k].iso3,
                    form,
                }),
                Target::Organization(k) => Some(HitKind::Organization(&lex.organizations[k])),
                Target::Place(k) => Some(HitKind::Place(&lex.places[k])),
                Target::Title(k) => Some(HitKind::Title(&lex.titles[k])),
            };
            if let Some(what) = what {
                scan.hits.push(Hit {
                    start: i,
                    end,
                    what,
                });
            }
        }
    }

    /// The original matcher, kept as the reference the tests compare [`Matcher::find`]
    /// with: every overlapping occurrence of every form in the ASCII-lowercased text,
    /// filtered, then reduced to non-overlapping leftmost-longest hits.
    #[cfg(test)]
    pub(crate) fn find_reference(
        &self,
        automaton: &daachorse::CharwiseDoubleArrayAhoCorasick<u32>,
        lex: &'static Lexicon,
        text: &str,
    ) -> Vec<Hit> {
        let lower = text.to_ascii_lowercase();
        let mut cands: Vec<(usize, usize, Target)> = Vec::new();
        for m in automaton.find_overlapping_iter(&lower) {
            let (start, end) = (m.start(), m.end());
            let Some(slice) = text.get(start..end) else {
                continue;
            };
            if !boundaries_ok(text, start, end, slice) {
                continue;
            }
            let Some(group) = self.groups.get(m.value() as usize) else {
                continue;
            };
            let chosen = group.iter().find(|e| {
                e.insensitive
                    || e.form == slice
                    || (e.all_caps_ok && !slice.chars().any(char::is_lowercase))
            });
            if let Some(e) = chosen {
                cands.push((start, end, e.target));
            }
        }
        cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut hits = Vec::with_capacity(cands.len());
        let mut last_end = 0;
        for (start, end, target) in cands {
            if start < last_end {
                continue;
            }
            last_end = end;
            let what = match target {
                Target::Stop => continue,
                Target::Country(i, form) => HitKind::Country {
                    iso3: lex.countries[i].iso3,
                    form,
                },
                Target::Organization(i) => HitKind::Organization(&lex.organizations[i]),
                Target::Place(i) => HitKind::Place(&lex.places[i]),
                Target::Title(i) => HitKind::Title(&lex.titles[i]),
            };
            hits.push(Hit { start, end, what });
        }
        hits
    }

    /// The automaton of the reference matcher.
    #[cfg(test)]
    pub(crate) fn reference_automaton(&self) -> daachorse::CharwiseDoubleArrayAhoCorasick<u32> {
        daachorse::CharwiseDoubleArrayAhoCorasick::<u32>::with_values(self.patterns.clone())
            .unwrap_or_else(|e| panic!("reference automaton: {e}"))
    }

    /// Every form as written in the data (with apostrophe variants).
    #[cfg(test)]
    pub(crate) fn forms(&self) -> Vec<String> {
        self.groups
            .iter()
            .flatten()
            .map(|e| e.form.clone())
            .collect()
    }
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("patterns", &self.groups.len())
            .field("heap_bytes", &self.trie.heap_bytes())
            .finish()
    }
}

/// A match must not begin or end inside a word of the original text.
#[cfg(test)]
fn boundaries_ok(text: &str, start: usize, end: usize, slice: &str) -> bool {
    let first = slice.chars().next();
    let last = slice.chars().next_back();
    if let (Some(f), Some(prev)) = (first, text[..start].chars().next_back())
        && f.is_alphanumeric()
        && prev.is_alphanumeric()
    {
        return false;
    }
    if let (Some(l), Some(next)) = (last, text[end..].chars().next())
        && l.is_alphanumeric()
        && next.is_alphanumeric()
    {
        return false;
    }
    true
}
