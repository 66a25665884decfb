//! The gazetteer matcher: one Aho-Corasick automaton (daachorse, charwise) over an
//! ASCII-lowercased copy of the text, holding every country, organization, place and
//! title form. Each match is then checked for word boundaries in the original text and
//! for case (names as written or in all capitals; titles in any case), and the
//! surviving candidates are reduced to non-overlapping leftmost-longest hits.

use std::collections::HashMap;

use daachorse::CharwiseDoubleArrayAhoCorasick;

use crate::data::DataError;
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

pub(crate) struct Matcher {
    automaton: CharwiseDoubleArrayAhoCorasick<u32>,
    /// Group (one per distinct lowercased pattern) -> entries, in priority order.
    groups: Vec<Vec<Entry>>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
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
        let automaton = CharwiseDoubleArrayAhoCorasick::with_values(patterns)
            .map_err(|e| DataError::Matcher(e.to_string()))?;
        Ok(Matcher { automaton, groups })
    }

    pub(crate) fn find(&self, lex: &'static Lexicon, text: &str) -> Vec<Hit> {
        let lower = text.to_ascii_lowercase();
        let mut cands: Vec<(usize, usize, Target)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(&lower) {
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
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("patterns", &self.groups.len())
            .field("heap_bytes", &self.automaton.heap_bytes())
            .finish()
    }
}

/// A match must not begin or end inside a word of the original text.
fn boundaries_ok(text: &str, start: usize, end: usize, slice: &str) -> bool {
    let first = slice.chars().next();
    let last = slice.chars().next_back();
    if let (Some(f), Some(prev)) = (first, text[..start].chars().next_back())
        && is_word_char(f)
        && is_word_char(prev)
    {
        return false;
    }
    if let (Some(l), Some(next)) = (last, text[end..].chars().next())
        && is_word_char(l)
        && is_word_char(next)
    {
        return false;
    }
    true
}
