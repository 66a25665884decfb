//! Topic cues: words and phrases that mark each topic of reference/topics.md
//! (`data/topics.tsv`), compiled once into one trie of the ASCII-lowercased cues, walked
//! from every start of a word; cues with capitals are then checked against the text as
//! written.
//!
//! [`topic_cues()`] gives the shared [`TopicCues`]; [`TopicCues::find`] returns every
//! cue of a text in one pass: whole words only, leftmost then longest, lowercase cues
//! case-insensitively and cues with capitals (`UN`, `IT`) exactly as written. How cues
//! add up to the topics of a release is the extractor's business.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::trie::{StartRule, Starts, Trie, WordFilter, is_word_char};

const TOPICS_TSV: &str = include_str!("../../../data/topics.tsv");

/// The topic vocabulary of reference/topics.md, sorted.
pub const TOPICS: [&str; 20] = [
    "agriculture",
    "consular",
    "culture",
    "education",
    "energy",
    "environment",
    "finance",
    "health",
    "industry",
    "investment",
    "legal",
    "multilateral",
    "regional_security",
    "regions",
    "security",
    "technology",
    "tourism",
    "trade",
    "transport",
    "visits",
];

/// How a cue counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// The topic wherever it appears (outside background sentences).
    Strong,
    /// The topic only in a sentence about cooperation or discussion.
    Weak,
    /// A contact word: `visits` when its sentence speaks of the future.
    Contact,
    /// Hides shorter cues inside it; its topic (if any) counts as a weak cue.
    Block,
    /// Marks a sentence as about cooperation or discussion.
    Context,
    /// A named international organization: `multilateral` in a sentence about work
    /// within it.
    Org,
    /// Marks a sentence as about work within an organization ("within", "accession").
    OrgContext,
    /// Marks a background sentence ("recalled").
    Past,
}

impl CueKind {
    fn parse(s: &str) -> Option<CueKind> {
        Some(match s {
            "strong" => CueKind::Strong,
            "weak" => CueKind::Weak,
            "contact" => CueKind::Contact,
            "block" => CueKind::Block,
            "context" => CueKind::Context,
            "org" => CueKind::Org,
            "orgcontext" => CueKind::OrgContext,
            "past" => CueKind::Past,
            _ => return None,
        })
    }
}

/// One line of `data/topics.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// A topic of [`TOPICS`], or `None` for context, orgcontext, past and pure block cues.
    pub topic: Option<&'static str>,
    /// The cue as written in the data file (without a trailing `*`).
    pub phrase: &'static str,
    pub kind: CueKind,
    /// A trailing `*`: the last word may continue (`agricultur*`).
    pub prefix: bool,
    /// Has capitals: matches only as written.
    pub case_sensitive: bool,
}

/// One cue occurrence: a byte range of the searched text and every cue with that
/// wording that fits there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueHit {
    pub start: usize,
    pub end: usize,
    pub cues: Vec<&'static Cue>,
}

/// The state of one [`TopicCues::find`] pass.
#[derive(Default)]
pub(crate) struct CueScan {
    pub(crate) hits: Vec<CueHit>,
    ends: Vec<(usize, u32)>,
    spans: Vec<(Option<usize>, Option<usize>)>,
    last_end: usize,
}

/// One trie of the lowercased phrases of every cue, with the cues of each pattern.
struct Automaton {
    trie: Trie,
    /// The lowercased phrases by pattern id (the reference matcher of the tests).
    #[cfg(test)]
    patterns: Vec<String>,
    /// By pattern id: the lowercase cues (any case matches).
    folded: Vec<Vec<usize>>,
    /// By pattern id: the cues with capitals (they match only as written).
    exact: Vec<Vec<usize>>,
    /// The first words (leading runs of letters and digits) of the phrases that do not
    /// end in a prefix after their first word (see [`Automaton::may_begin`]).
    whole_words: WordFilter,
    /// The one-word prefix phrases (`agricultur*`) cut to [`STEM_KEY`] bytes.
    first_words: WordFilter,
    /// By byte: whether a one-word prefix phrase begins with it (in either ASCII case).
    open_first: Box<[bool; 256]>,
    /// By the first byte of a word: bit `n` set when some one-word prefix cue (`COP*`)
    /// of `n` < [`STEM_KEY`] bytes begins with that byte (in either ASCII case).
    short_stems: Box<[u32; 256]>,
}

/// The bytes of a word the stem filter of the one-word prefix cues keeps: such a cue
/// this long or longer is found by this many of its first bytes, so that it
/// (`agricultur*`) passes every word it begins.
const STEM_KEY: usize = 5;

impl Automaton {
    fn build(cues: &[&'static Cue]) -> Option<Automaton> {
        let mut pattern_of: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut folded: Vec<Vec<usize>> = Vec::new();
        let mut exact: Vec<Vec<usize>> = Vec::new();
        for (i, c) in cues.iter().enumerate() {
            let key = c.phrase.to_ascii_lowercase();
            let id = *pattern_of.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                folded.push(Vec::new());
                exact.push(Vec::new());
                patterns.len() - 1
            });
            if c.case_sensitive {
                exact[id].push(i);
            } else {
                folded[id].push(i);
            }
        }
        if patterns.len() >= u32::MAX as usize {
            return None;
        }
        let trie = Trie::build(
            patterns
                .iter()
                .enumerate()
                .map(|(i, p)| (p.as_bytes(), u32::try_from(i).unwrap_or(u32::MAX))),
        )?;
        // A hit at a word start spans that whole word when the phrase goes on past its
        // first word or does not end in a prefix; a one-word prefix cue begins it.
        let mut short_stems = Box::new([0u32; 256]);
        let mut open_first = Box::new([false; 256]);
        let mut keys: Vec<&[u8]> = Vec::new();
        let mut whole: Vec<&[u8]> = Vec::new();
        for (p, (f, x)) in patterns.iter().zip(folded.iter().zip(&exact)) {
            let run = p
                .char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(p.len(), |(i, _)| i);
            let open = run == p.len() && f.iter().chain(x).any(|&i| cues[i].prefix);
            if open
                && run < STEM_KEY
                && let Some(&b) = p.as_bytes().first()
            {
                short_stems[usize::from(b.to_ascii_lowercase())] |= 1 << run;
                short_stems[usize::from(b.to_ascii_uppercase())] |= 1 << run;
            }
            if open {
                if let Some(&b) = p.as_bytes().first() {
                    open_first[usize::from(b.to_ascii_lowercase())] = true;
                    open_first[usize::from(b.to_ascii_uppercase())] = true;
                }
                keys.push(&p.as_bytes()[..run.min(STEM_KEY)]);
            } else {
                whole.push(&p.as_bytes()[..run]);
            }
        }
        let first_words = WordFilter::new(keys);
        let whole_words = WordFilter::new(whole);
        Some(Automaton {
            trie,
            #[cfg(test)]
            patterns,
            folded,
            exact,
            whole_words,
            first_words,
            open_first,
            short_stems,
        })
    }

    /// May a cue begin at the word `text[start..end]`? Never false where one does.
    /// `key` is the word's [`WordFilter::key`]. A cue that begins at a word start and
    /// goes on past its first word, or ends there without a prefix, spans that whole
    /// word (its hit ends at a word boundary): the word is its first word. Only a
    /// one-word prefix cue may begin a longer word, which then begins with it.
    #[inline]
    fn may_begin(&self, text: &[u8], start: usize, end: usize, key: usize) -> bool {
        if self.whole_words.contains_key(key) {
            return true;
        }
        let Some(&b) = text.get(start) else {
            return false;
        };
        if !self.open_first[usize::from(b)] {
            return false;
        }
        let stem = if end - start <= STEM_KEY {
            key
        } else {
            WordFilter::key(text, start, start + STEM_KEY)
        };
        let n_key = (end - start).min(STEM_KEY);
        if self.first_words.contains_key(stem) {
            return true;
        }
        let first = self.short_stems[usize::from(b)];
        let mut short = first & ((1 << n_key) - 1);
        while short != 0 {
            let n = short.trailing_zeros() as usize;
            short &= short - 1;
            if self.first_words.contains(text, start, start + n) {
                return true;
            }
        }
        false
    }
}

/// The compiled topic cues.
pub struct TopicCues {
    cues: Vec<&'static Cue>,
    /// All cues, run over the ASCII-lowercased text.
    automaton: Option<Automaton>,
}

impl std::fmt::Debug for TopicCues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TopicCues")
            .field("cues", &self.cues.len())
            .field("compiled", &self.automaton.is_some())
            .finish()
    }
}

/// The process-wide topic cues, compiled from `data/topics.tsv` on first use.
pub fn topic_cues() -> &'static TopicCues {
    static CUES: OnceLock<TopicCues> = OnceLock::new();
    CUES.get_or_init(|| TopicCues::build(TOPICS_TSV))
}

/// Parse cue lines; lines that do not fit the format are skipped (the crate's tests
/// check that none is).
fn parse(tsv: &'static str) -> Vec<Cue> {
    let mut out = Vec::new();
    for line in tsv.lines() {
        let line = line.trim_end_matches('\r');
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        let [topic, phrase, kind] = cols[..] else {
            continue;
        };
        let Some(kind) = CueKind::parse(kind.trim()) else {
            continue;
        };
        let topic = match topic.trim() {
            "-" => None,
            t => match TOPICS.iter().find(|x| **x == t) {
                Some(t) => Some(*t),
                None => continue,
            },
        };
        let phrase = phrase.trim();
        let (phrase, prefix) = match phrase.strip_suffix('*') {
            Some(p) => (p, true),
            None => (phrase, false),
        };
        if phrase.is_empty() {
            continue;
        }
        let case_sensitive = phrase.chars().any(|c| c.is_uppercase());
        out.push(Cue {
            topic,
            phrase,
            kind,
            prefix,
            case_sensitive,
        });
    }
    out
}

/// Is there a letter or digit in `text` just before byte `i`?
#[cfg(test)]
fn word_before(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    match i.checked_sub(1).map(|k| b[k]) {
        None => false,
        Some(c) if c.is_ascii() => c.is_ascii_alphanumeric(),
        Some(_) => text
            .get(..i)
            .and_then(|t| t.chars().next_back())
            .is_some_and(char::is_alphanumeric),
    }
}

/// Is there a letter or digit in `text` at byte `i`?
#[inline]
fn word_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(c) if c.is_ascii() => c.is_ascii_alphanumeric(),
        Some(_) => text
            .get(i..)
            .and_then(|t| t.chars().next())
            .is_some_and(crate::trie::is_word_char),
    }
}

impl TopicCues {
    fn build(tsv: &'static str) -> TopicCues {
        let cues: Vec<&'static Cue> = parse(tsv)
            .into_iter()
            .map(|c| &*Box::leak(Box::new(c)))
            .collect();
        let automaton = Automaton::build(&cues);
        TopicCues { cues, automaton }
    }

    /// Every cue in the data, in file order.
    pub fn cues(&self) -> &[&'static Cue] {
        &self.cues
    }

    /// The end of a hit of the cues `ids` matched at `..e` (a prefix cue extends over
    /// the rest of its word), if any cue fits the word boundary after `e`.
    fn cue_end<'a>(
        &self,
        bytes: &[u8],
        e: usize,
        right_word: bool,
        ids: impl Iterator<Item = &'a usize>,
    ) -> Option<usize> {
        let (mut any, mut prefix) = (false, false);
        for &i in ids {
            let c = self.cues[i];
            if right_word && !c.prefix {
                continue;
            }
            any = true;
            prefix |= c.prefix;
        }
        if !any {
            return None;
        }
        if !prefix {
            return Some(e);
        }
        let mut k = e;
        while k < bytes.len() && bytes[k].is_ascii_alphabetic() {
            k += 1;
        }
        Some(k)
    }

    /// The hit at `s` of the patterns `ends` (the trie's walk from `s`): the longest of
    /// them, with every cue that gives that same span, lowercase cues first (in match
    /// order), then cues with capitals matched as written.
    fn hit_at(
        &self,
        a: &Automaton,
        text: &str,
        s: usize,
        ends: &[(usize, u32)],
        spans: &mut Vec<(Option<usize>, Option<usize>)>,
    ) -> Option<CueHit> {
        let bytes = text.as_bytes();
        let as_written =
            |e: usize, i: &usize| bytes.get(s..e) == Some(self.cues[*i].phrase.as_bytes());
        spans.clear();
        let mut best: Option<usize> = None;
        for &(e, p) in ends {
            let right_word = word_at(text, e);
            let p = p as usize;
            let folded = a
                .folded
                .get(p)
                .and_then(|ids| self.cue_end(bytes, e, right_word, ids.iter()));
            let exact = a.exact.get(p).and_then(|ids| {
                self.cue_end(
                    bytes,
                    e,
                    right_word,
                    ids.iter().filter(|i| as_written(e, i)),
                )
            });
            best = best.max(folded).max(exact);
            spans.push((folded, exact));
        }
        let end = best?;
        let mut cues = Vec::with_capacity(4);
        let fits = |i: &usize, right_word: bool| !right_word || self.cues[*i].prefix;
        for (&(e, p), &(folded, _)) in ends.iter().zip(spans.iter()) {
            if folded == Some(end)
                && let Some(ids) = a.folded.get(p as usize)
            {
                let right_word = word_at(text, e);
                for i in ids {
                    if fits(i, right_word) {
                        cues.push(self.cues[*i]);
                    }
                }
            }
        }
        for (&(e, p), &(_, exact)) in ends.iter().zip(spans.iter()) {
            if exact == Some(end)
                && let Some(ids) = a.exact.get(p as usize)
            {
                let right_word = word_at(text, e);
                for i in ids {
                    if as_written(e, i) && fits(i, right_word) {
                        cues.push(self.cues[*i]);
                    }
                }
            }
        }
        Some(CueHit {
            start: s,
            end,
            cues,
        })
    }

    /// Every cue occurrence in `text`, non-overlapping (leftmost, then longest), in
    /// text order.
    pub fn find(&self, text: &str) -> Vec<CueHit> {
        let Some(rule) = self.start_rule() else {
            return Vec::new();
        };
        let mut scan = CueScan::default();
        for i in Starts::new(text, rule) {
            self.at(text, i, &mut scan);
        }
        scan.hits
    }

    /// The positions where a cue may begin: after a character that is not a letter or
    /// digit; when every cue begins with a letter or digit, word starts. `None` when
    /// there are no cues.
    pub(crate) fn start_rule(&self) -> Option<StartRule> {
        let a = self.automaton.as_ref()?;
        Some(if a.trie.nonword_first() {
            StartRule::AfterNonWord
        } else {
            StartRule::Word
        })
    }

    /// The step of [`TopicCues::find`] at start `i` (a position of
    /// [`TopicCues::start_rule`], after those before it): pushes the hit that begins
    /// there, if any.
    #[inline]
    pub(crate) fn at(&self, text: &str, i: usize, scan: &mut CueScan) {
        let Some(a) = &self.automaton else {
            return;
        };
        let bytes = text.as_bytes();
        if i < scan.last_end || !bytes.get(i).is_some_and(|&b| a.trie.starts_with_byte(b)) {
            return;
        }
        scan.ends.clear();
        a.trie.walk(bytes, i, &mut scan.ends);
        if scan.ends.is_empty() {
            return;
        }
        if let Some(h) = self.hit_at(a, text, i, &scan.ends, &mut scan.spans) {
            scan.last_end = h.end;
            scan.hits.push(h);
        }
    }

    /// [`TopicCues::at`] at the start `i` of the word `i..end`, under
    /// [`StartRule::Word`]: skips words that begin no cue. `key` is the word's
    /// [`WordFilter::key`].
    #[inline]
    pub(crate) fn at_word(&self, text: &str, i: usize, end: usize, key: usize, scan: &mut CueScan) {
        if i < scan.last_end
            || !self
                .automaton
                .as_ref()
                .is_some_and(|a| a.may_begin(text.as_bytes(), i, end, key))
        {
            return;
        }
        self.at(text, i, scan);
    }

    /// The reference matcher (the original one, kept for the tests): the hit of the cues
    /// `ids` matched at `s..e` (a prefix cue extends over the rest
    /// of its word), if any cue fits the word boundary after `e`.
    #[cfg(test)]
    fn hit(
        &self,
        bytes: &[u8],
        s: usize,
        e: usize,
        right_word: bool,
        ids: &[usize],
    ) -> Option<CueHit> {
        let mut cues = Vec::new();
        let mut end = e;
        for &i in ids {
            let c = self.cues[i];
            if right_word && !c.prefix {
                continue;
            }
            if c.prefix {
                // Extend over the rest of the word.
                let mut k = e;
                while k < bytes.len() && bytes[k].is_ascii_alphabetic() {
                    k += 1;
                }
                end = end.max(k);
            }
            cues.push(c);
        }
        (!cues.is_empty()).then_some(CueHit {
            start: s,
            end,
            cues,
        })
    }

    /// The hits of lowercase cues into `folded` and of cues with capitals (the text as
    /// written equal to the cue) into `exact`, each in match order.
    #[cfg(test)]
    fn collect(
        &self,
        a: &Automaton,
        ac: &daachorse::DoubleArrayAhoCorasick<u32>,
        text: &str,
        lower: &[u8],
        folded: &mut Vec<CueHit>,
        exact: &mut Vec<CueHit>,
    ) {
        let bytes = text.as_bytes();
        for m in ac.find_overlapping_iter(lower) {
            let (s, e) = (m.start(), m.end());
            if word_before(text, s) {
                continue;
            }
            let Ok(p) = usize::try_from(m.value()) else {
                continue;
            };
            let right_word = word_at(text, e);
            if let Some(ids) = a.folded.get(p)
                && let Some(h) = self.hit(bytes, s, e, right_word, ids)
            {
                folded.push(h);
            }
            if let Some(ids) = a.exact.get(p).filter(|ids| !ids.is_empty()) {
                let as_written: Vec<usize> = ids
                    .iter()
                    .copied()
                    .filter(|&i| bytes.get(s..e) == Some(self.cues[i].phrase.as_bytes()))
                    .collect();
                if let Some(h) = self.hit(bytes, s, e, right_word, &as_written) {
                    exact.push(h);
                }
            }
        }
    }

    /// The automaton of the reference matcher.
    #[cfg(test)]
    #[allow(clippy::unwrap_used)]
    pub(crate) fn reference_automaton(&self) -> daachorse::DoubleArrayAhoCorasick<u32> {
        let patterns = self.automaton.as_ref().map_or(&[][..], |a| &a.patterns[..]);
        daachorse::DoubleArrayAhoCorasickBuilder::new()
            .match_kind(daachorse::MatchKind::Standard)
            .build_with_values(
                patterns
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.as_bytes(), u32::try_from(i).unwrap())),
            )
            .unwrap()
    }

    /// The original [`TopicCues::find`]: every overlapping occurrence of every cue in the
    /// ASCII-lowercased text (Aho-Corasick), filtered, sorted and merged.
    #[cfg(test)]
    pub(crate) fn find_reference(
        &self,
        ac: &daachorse::DoubleArrayAhoCorasick<u32>,
        text: &str,
    ) -> Vec<CueHit> {
        let mut found: Vec<CueHit> = Vec::new();
        if let Some(a) = &self.automaton {
            let lower = text.to_ascii_lowercase();
            let mut exact = Vec::new();
            self.collect(a, ac, text, lower.as_bytes(), &mut found, &mut exact);
            // Lowercase cues' hits first: the order the merge below keeps for equal spans.
            found.append(&mut exact);
        }
        found.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut out: Vec<CueHit> = Vec::with_capacity(found.len());
        let mut last_end = 0;
        for h in found {
            if let Some(prev) = out.last_mut()
                && prev.start == h.start
                && prev.end == h.end
            {
                // The same words matched as written and case-folded: keep both cues.
                prev.cues.extend(h.cues);
                continue;
            }
            if h.start < last_end {
                continue;
            }
            last_end = h.end;
            out.push(h);
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn topics_of(text: &str) -> Vec<(String, Option<&'static str>, CueKind)> {
        topic_cues()
            .find(text)
            .into_iter()
            .flat_map(|h| {
                let s = text[h.start..h.end].to_string();
                h.cues
                    .into_iter()
                    .map(move |c| (s.clone(), c.topic, c.kind))
            })
            .collect()
    }

    #[test]
    fn every_data_line_parses() {
        let lines = TOPICS_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(
            parse(TOPICS_TSV).len(),
            lines,
            "a line of data/topics.tsv does not parse"
        );
        let mut seen = std::collections::HashSet::new();
        for c in parse(TOPICS_TSV) {
            assert!(
                seen.insert((c.topic, c.phrase, c.kind, c.prefix)),
                "duplicate cue line in data/topics.tsv: {c:?}"
            );
        }
        for t in TOPICS {
            assert!(
                topic_cues().cues().iter().any(|c| c.topic == Some(t)),
                "no cue for topic {t}"
            );
        }
    }

    #[test]
    fn matches_whole_words_longest_first() {
        let hits = topics_of("cooperation in the agro-industrial complex and food security");
        assert!(hits.contains(&(
            "agro-industrial".into(),
            Some("agriculture"),
            CueKind::Strong
        )));
        assert!(hits.contains(&("food security".into(), Some("agriculture"), CueKind::Strong)));
        assert!(!hits.iter().any(|h| h.1 == Some("security")));
        // "trade" inside "trademark" is not a cue; prefix cues take the whole word.
        let hits = topics_of("a trademark; agricultural machinery");
        assert!(!hits.iter().any(|h| h.1 == Some("trade")));
        assert!(hits.iter().any(|h| h.0 == "agricultural"));
    }

    #[test]
    fn capitalized_cues_match_only_as_written() {
        assert!(
            topics_of("within the UN and the CIS")
                .iter()
                .any(|h| h.1 == Some("multilateral"))
        );
        assert!(
            !topics_of("the un-blocking; it is")
                .iter()
                .any(|h| h.1 == Some("multilateral"))
        );
        assert!(!topics_of("it is").iter().any(|h| h.1 == Some("technology")));
    }

    #[test]
    fn blocks_hide_titles() {
        let hits = topics_of("Minister of Defence Prabowo");
        assert!(!hits.iter().any(|h| h.1 == Some("security")));
    }
}
