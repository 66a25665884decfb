//! Events: event phrases (data/event_patterns.tsv) found sentence by sentence, their
//! status (cue words of data/event_cues.tsv, tense, dates after publication), date,
//! location, participants, sides and organization; inheritance of date and place for
//! events stated inside a meeting; merging of the sentences that tell one happening.

use crate::cameo;
use crate::dates::{self, DateMention};
use crate::mentions::{Ent, EntMention};
use crate::pipeline::Ctx;
use crate::record::{Actor, Event, EventKind, Location, PartialDate, Span, Status};
use attache_lexicon::PlaceKind;
use attache_lexicon::events::Fnv;
use std::collections::{BTreeSet, HashMap};
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

const CUES: &str = include_str!("../../../data/event_cues.tsv");

/// Cue phrases of one type, indexed by their first word.
#[derive(Debug, Default)]
pub(crate) struct Phrases {
    by_first: HashMap<&'static str, Vec<Vec<&'static str>>, BuildHasherDefault<Fnv>>,
    /// By the low five bits of its first byte, the lengths of the first words: bit `n`
    /// (`n` < 63) for `n` bytes, bit 63 for longer. A token whose bucket lacks its
    /// length starts no phrase and skips the hash lookup (most tokens of a sentence).
    first_lens: [u64; 32],
    /// Bit of this cue type in [`Starts`] (0 while it has no phrase).
    bit: u32,
}

/// Bucket and bit of [`Phrases::first_lens`] for `word`.
fn len_slot(word: &str) -> (usize, u64) {
    let bucket = word.bytes().next().map_or(0, |b| usize::from(b & 31));
    (bucket, 1 << word.len().min(63))
}

impl Phrases {
    fn push(&mut self, bit: u32, words: Vec<&'static str>) {
        self.bit = bit;
        if let Some(first) = words.first() {
            let (bucket, bit) = len_slot(first);
            self.first_lens[bucket] |= bit;
            self.by_first.entry(first).or_default().push(words);
        }
    }
    /// Does a phrase start at token `i`?
    fn starts_at(&self, toks: &[&str], i: usize) -> bool {
        let Some(t) = toks.get(i) else { return false };
        let (bucket, bit) = len_slot(t);
        if self.first_lens[bucket] & bit == 0 {
            return false;
        }
        self.by_first
            .get(t)
            .is_some_and(|ps| ps.iter().any(|p| phrase_at(p, toks, i)))
    }
}

/// Does the phrase `p` stand at token `i` of `toks`, whose word `i` is its first (the
/// word it was found by)?
#[inline]
fn phrase_at(p: &[&str], toks: &[&str], i: usize) -> bool {
    match (
        p.get(1..),
        toks.get(i..i + p.len()).and_then(|w| w.get(1..)),
    ) {
        (Some(rest), Some(words)) => rest == words,
        _ => false,
    }
}

#[derive(Debug, Default)]
pub(crate) struct Cues {
    negation: Phrases,
    denial: Phrases,
    hypothetical: Phrases,
    background: Phrases,
    planned: Phrases,
    cancelled: Phrases,
    rescheduled: Phrases,
    indefinite: Phrases,
    occurred: Phrases,
    plural: Phrases,
    discussion: Phrases,
    sequence: Phrases,
    occasion: Phrases,
    object: Phrases,
    nonofficial: Phrases,
    datenoun: Phrases,
    inability: Phrases,
    offer: Phrases,
    arranged: Phrases,
    decision: Phrases,
    /// Every phrase of every type by its first word, with the bit of its type.
    by_first: HashMap<&'static str, FirstEntry, BuildHasherDefault<Fnv>>,
    /// [`Phrases::first_lens`] of all types together.
    first_lens: [u64; 32],
}

/// A cue phrase with the bit of its type ([`Phrases::bit`]).
type TypedPhrase = (u32, Vec<&'static str>);

/// The phrases of [`Cues::by_first`] that begin with one word: the bits of those that
/// are that word alone, and the longer ones by their second word (so that a frequent
/// first word, "the" or "to", compares the next word once per second word, not once
/// per phrase).
#[derive(Debug, Default)]
struct FirstEntry {
    single: u32,
    by_second: Vec<(&'static str, Vec<TypedPhrase>)>,
    #[cfg(test)]
    all: Vec<TypedPhrase>,
}

impl FirstEntry {
    fn push(&mut self, (bit, words): TypedPhrase) {
        #[cfg(test)]
        self.all.push((bit, words.clone()));
        let Some(&second) = words.get(1) else {
            self.single |= bit;
            return;
        };
        match self.by_second.iter_mut().find(|(w, _)| *w == second) {
            Some((_, ps)) => ps.push((bit, words)),
            None => self.by_second.push((second, vec![(bit, words)])),
        }
    }

    /// The bits of the phrases of this entry starting at `toks[i]` (which is their
    /// first word).
    #[inline]
    fn bits_at(&self, toks: &[&str], i: usize) -> u32 {
        let mut m = self.single;
        let Some(next) = toks.get(i + 1) else {
            return m;
        };
        for (second, ps) in &self.by_second {
            if second != next {
                continue;
            }
            for (b, p) in ps {
                // A type already found here needs no more of its phrases.
                if m & b == 0 && phrase_at(p, toks, i) {
                    m |= b;
                }
            }
        }
        m
    }
}

/// Cue types, in the order of their bits in [`Starts`].
const CUE_TYPES: [&str; 20] = [
    "negation",
    "denial",
    "hypothetical",
    "background",
    "planned",
    "cancelled",
    "rescheduled",
    "indefinite",
    "occurred",
    "plural",
    "discussion",
    "sequence",
    "occasion",
    "object",
    "nonofficial",
    "datenoun",
    "inability",
    "offer",
    "arranged",
    "decision",
];

/// Which cue types have a phrase starting at each word of a sentence: one bit per
/// type ([`Phrases::bit`]), so that each word is looked up once; and the bits of all
/// words together (a type no word starts is not looked for).
struct Starts(Vec<u32>, u32);

impl Starts {
    /// First word index in `from..to` where one of `phrases` starts (as
    /// [`find_phrase`] over the same words).
    fn find(&self, phrases: &Phrases, from: usize, to: usize) -> Option<usize> {
        if self.1 & phrases.bit == 0 {
            return None;
        }
        let to = to.min(self.0.len());
        (from..to).find(|&i| self.0[i] & phrases.bit != 0)
    }
}

impl Cues {
    /// The cue types starting at each of `toks`.
    fn starts(&self, toks: &[&str]) -> Starts {
        let bits: Vec<u32> = (0..toks.len())
            .map(|i| {
                let t = toks[i];
                let (bucket, bit) = len_slot(t);
                if self.first_lens[bucket] & bit == 0 {
                    return 0;
                }
                self.by_first.get(t).map_or(0, |e| e.bits_at(toks, i))
            })
            .collect();
        let all = bits.iter().fold(0, |m, &b| m | b);
        Starts(bits, all)
    }
}

fn cues() -> &'static Cues {
    static C: OnceLock<Cues> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = Cues::default();
        for line in CUES.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((k, p)) = line.split_once('\t') else {
                continue;
            };
            let words: Vec<&'static str> = p.split_whitespace().collect();
            if words.is_empty() {
                continue;
            }
            let Some(bit) = CUE_TYPES.iter().position(|t| *t == k).map(|n| 1u32 << n) else {
                continue;
            };
            if let Some(first) = words.first() {
                let (bucket, lens) = len_slot(first);
                c.first_lens[bucket] |= lens;
                c.by_first
                    .entry(first)
                    .or_default()
                    .push((bit, words.clone()));
            }
            match k {
                "negation" => c.negation.push(bit, words),
                "denial" => c.denial.push(bit, words),
                "hypothetical" => c.hypothetical.push(bit, words),
                "background" => c.background.push(bit, words),
                "planned" => c.planned.push(bit, words),
                "cancelled" => c.cancelled.push(bit, words),
                "rescheduled" => c.rescheduled.push(bit, words),
                "indefinite" => c.indefinite.push(bit, words),
                "occurred" => c.occurred.push(bit, words),
                "plural" => c.plural.push(bit, words),
                "discussion" => c.discussion.push(bit, words),
                "sequence" => c.sequence.push(bit, words),
                "occasion" => c.occasion.push(bit, words),
                "object" => c.object.push(bit, words),
                "nonofficial" => c.nonofficial.push(bit, words),
                "datenoun" => c.datenoun.push(bit, words),
                "inability" => c.inability.push(bit, words),
                "offer" => c.offer.push(bit, words),
                "arranged" => c.arranged.push(bit, words),
                "decision" => c.decision.push(bit, words),
                _ => {}
            }
        }
        c
    })
}

/// First token index in `toks[from..to]` where one of `phrases` starts.
fn find_phrase(phrases: &Phrases, toks: &[&str], from: usize, to: usize) -> Option<usize> {
    let to = to.min(toks.len());
    (from..to).find(|&i| phrases.starts_at(toks, i))
}

/// Kinds that are contacts between sides (they carry date and place to the events
/// stated inside them).
fn is_contact(k: EventKind) -> bool {
    matches!(
        k,
        EventKind::Meeting
            | EventKind::PhoneCall
            | EventKind::Visit
            | EventKind::Consultations
            | EventKind::MultilateralMeeting
    )
}

/// Kinds stated inside a contact: they inherit the contact's date, place and sides.
fn is_inside(k: EventKind) -> bool {
    matches!(
        k,
        EventKind::CooperationPledged
            | EventKind::SupportExpressed
            | EventKind::Condolences
            | EventKind::Congratulations
            | EventKind::AgreementSigned
            | EventKind::Protest
    )
}

/// Kinds aimed at a target (sides: the one who acts and the target).
fn is_targeted(k: EventKind) -> bool {
    matches!(
        k,
        EventKind::SupportExpressed
            | EventKind::Condolences
            | EventKind::Congratulations
            | EventKind::Aid
            | EventKind::Protest
            | EventKind::Sanction
    )
}

/// Priority when two phrases of different kinds overlap (higher wins).
fn priority(k: EventKind) -> u8 {
    match k {
        EventKind::PhoneCall => 9,
        EventKind::Credentials => 9,
        EventKind::Consultations => 8,
        EventKind::MultilateralMeeting => 7,
        EventKind::AgreementSigned => 7,
        EventKind::Condolences => 7,
        EventKind::Congratulations => 7,
        EventKind::Sanction => 7,
        EventKind::Protest => 6,
        EventKind::Aid => 6,
        EventKind::Opening => 6,
        EventKind::Visit => 5,
        EventKind::Meeting => 4,
        EventKind::CooperationPledged => 3,
        EventKind::SupportExpressed => 3,
        EventKind::Statement => 1,
        EventKind::Other => 0,
    }
}

/// An event candidate before merging.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub kind: EventKind,
    pub sent: usize,
    pub status: Status,
    pub explicit_status: bool,
    pub date: Option<PartialDate>,
    pub date_end: Option<PartialDate>,
    pub location: Option<Location>,
    pub participants: Vec<usize>,
    pub sides: BTreeSet<String>,
    pub organization: Option<String>,
    pub target: Option<String>,
    /// Side of the one who acts (support: the one who expresses it).
    pub expresser: Option<String>,
    pub cameo: Option<&'static str>,
    pub evidence: Vec<Span>,
    /// Id (creation index) of the contact this event is stated inside.
    pub contact: Option<usize>,
    /// Creation index: stable while candidates are split and filtered.
    pub id: usize,
    /// Made by splitting a list of countries.
    pub split: bool,
    /// Meetings: the persons named after the phrase (whom it is with).
    pub objects: Vec<usize>,
    /// The sentence names a place or date of its own.
    pub own_date: bool,
    pub has_vague_date: bool,
}

/// A meeting of a body the release has named as bilateral consultations ("the
/// Australia–Papua New Guinea Ministerial Forum was held …; the 33rd Ministerial Forum
/// will be held …") is consultations too: the same head noun of its evidence, and no
/// side the consultations did not have.
fn same_body_same_kind(text: &str, cands: &mut [Cand]) {
    let head = |c: &Cand| -> Option<String> {
        c.evidence.iter().find_map(|s| {
            let w = s.of(text).split_whitespace().last()?;
            let w = w
                .trim_matches(|ch: char| !ch.is_alphanumeric())
                .to_lowercase();
            word_lists().body.contains(&w.as_str()).then_some(w)
        })
    };
    let bodies: Vec<(String, BTreeSet<String>)> = cands
        .iter()
        .filter(|c| c.kind == EventKind::Consultations)
        .filter_map(|c| Some((head(c)?, c.sides.clone())))
        .collect();
    for c in cands.iter_mut() {
        if c.kind != EventKind::MultilateralMeeting {
            continue;
        }
        if let Some(h) = head(c)
            && bodies
                .iter()
                .any(|(b, sides)| *b == h && c.sides.is_subset(sides))
        {
            c.kind = EventKind::Consultations;
        }
    }
}

/// Every event of the document.
pub(crate) fn extract_events(ctx: &Ctx) -> Vec<Event> {
    let pats = attache_lexicon::events::event_patterns();
    let cues = cues();
    let mut cands: Vec<Cand> = Vec::new();
    let mut current_contact: Option<usize> = None;
    let mut last_date: Option<(PartialDate, Option<PartialDate>)> = None;
    let (mut lower, mut extra) = (String::new(), String::new());
    let all_words = crate::sentences::lowercase_all(ctx.text, &ctx.toks, &mut lower, &mut extra);
    let mut para_date: Option<(PartialDate, Option<PartialDate>)> = None;
    // The sentences of the paragraph before this one, latest last: the place stated in
    // the latest that states one is looked for only when an event needs it.
    let mut para_sents: Vec<usize> = Vec::new();
    let mut para_idx = usize::MAX;
    let mut pending_date: Option<(PartialDate, Option<PartialDate>)> = None;
    let mut pending_sent: Option<usize> = None;
    // The dates that may lie in a sentence: those starting in it when the dates are in
    // text order (they are; checked once), else all.
    let in_order = ctx
        .dates
        .windows(2)
        .all(|w| w[0].span.start <= w[1].span.start);
    let dates_of = |s: &Span| -> &[DateMention] {
        if !in_order {
            return &ctx.dates;
        }
        let a = ctx.dates.partition_point(|d| d.span.start < s.start);
        let b = ctx.dates.partition_point(|d| d.span.start <= s.end);
        ctx.dates.get(a..b.max(a)).unwrap_or_default()
    };
    for (si, sent) in ctx.sentences.iter().enumerate() {
        let (t0, t1) = ctx.sent_tok[si];
        if t1 <= t0 {
            continue;
        }
        // Paragraph context: the last date and place stated in earlier sentences of the
        // same paragraph.
        let pi = ctx.paragraphs.partition_point(|p| p.end <= sent.start);
        let (pd, pl) = (pending_date.take(), pending_sent.take());
        if pi != para_idx {
            para_idx = pi;
            para_date = None;
            para_sents.clear();
        } else {
            if pd.is_some() {
                para_date = pd;
            }
            para_sents.extend(pl);
        }
        let dates = dates_of(sent);
        pending_date = dates
            .iter()
            .rev()
            .find(|d| {
                d.span.start >= sent.start
                    && d.span.end <= sent.end
                    && d.date.day.is_some()
                    && !d.vague
                    && !date_of_noun(ctx, d.span.start)
                    && ctx.published.is_none_or(|p| !is_old(d.date, p))
            })
            .map(|d| (d.date, d.end));
        pending_sent = Some(si);
        // Headings and labels (short, no final punctuation) state no event of their own.
        let s_text = sent.of(ctx.text);
        let has_date = dates.iter().any(|d| {
            d.span.start >= sent.start && d.span.end <= sent.end && d.date.month.is_some()
        });
        if t1 - t0 < 15
            && !has_date
            && !s_text.ends_with(['.', '!', '?', '"', '”', '»', ')', ':', ';'])
        {
            continue;
        }
        let words = &all_words[t0..t1];
        let mut matches = pats.find_classed(words, &ctx.classes[t0..t1]);
        let n_before = cands.len();
        if matches.is_empty() {
            continuation(ctx, si, words, current_contact, &mut cands);
            cancel_planned(words, dates, &mut cands);
            continue;
        }
        // Resolve overlaps: keep the higher-priority (then longer) of overlapping matches
        // of different kinds.
        let kinds: Vec<Option<EventKind>> = matches
            .iter()
            .map(|m| EventKind::parse(pats.patterns[m.pattern].kind))
            .collect();
        let mut keep = vec![true; matches.len()];
        for a in 0..matches.len() {
            for b in 0..matches.len() {
                if a == b || !keep[a] || !keep[b] {
                    continue;
                }
                let (ma, mb) = (&matches[a], &matches[b]);
                let overlap = ma.start < mb.end && mb.start < ma.end;
                if !overlap || kinds[a] == kinds[b] {
                    continue;
                }
                let (Some(ka), Some(kb)) = (kinds[a], kinds[b]) else {
                    continue;
                };
                let better = (ma.end - ma.start, priority(ka)) > (mb.end - mb.start, priority(kb));
                if better {
                    keep[b] = false;
                }
            }
        }
        let mut i = 0;
        matches.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        let sent_dates: Vec<&DateMention> = dates
            .iter()
            .filter(|d| d.span.start >= sent.start && d.span.end <= sent.end)
            .collect();
        let starts = cues.starts(words);
        let bg_positions: Vec<usize> = (0..words.len())
            .filter(|&i| starts.find(&cues.background, i, i + 1).is_some())
            .collect();
        let denial = starts.find(&cues.denial, 0, words.len()).is_some();
        // "postponed to 2 December": moved to a new date, still to come.
        let moved = moved_to_a_date(|p| starts.find(p, 0, words.len()).is_some());
        let cancelled = !moved && starts.find(&cues.cancelled, 0, words.len()).is_some();
        for m in &matches {
            let p = &pats.patterns[m.pattern];
            let Some(mut kind) = EventKind::parse(p.kind) else {
                continue;
            };
            // Aid only offered ("would provide grant aid", "stands ready to provide any
            // assistance") is a pledge, not a delivery.
            if kind == EventKind::Aid
                && starts
                    .find(&cues.offer, m.start.saturating_sub(4), m.start)
                    .is_some()
            {
                kind = EventKind::CooperationPledged;
            }
            let ev_start = ctx.toks[t0 + m.start].start;
            let ev_end = ctx.toks[t0 + m.end.saturating_sub(1).max(m.start)].end;
            // A background cue that is the event phrase itself ("recalled its Ambassador")
            // does not make it background.
            // A decision between the recalling and the phrase ("recalled the fourth FOC,
            // held in Hanoi, and agreed to hold the sixth FOC in Hanoi in 2029") tells a
            // new happening: the recalling is not its.
            let decided_after = |bg: usize| starts.find(&cues.decision, bg, m.start).is_some();
            let background = bg_positions
                .iter()
                .any(|&i| (i < m.start && !decided_after(i)) || i >= m.end);
            // Only after the phrase ("a State Visit on May 23, the first by an African
            // leader since 2008"): the recalled past qualifies it, a dated plan stays.
            let background_before = bg_positions
                .iter()
                .any(|&i| i < m.start && !decided_after(i));
            // Negation right before the phrase.
            let neg_from = m.start.saturating_sub(5);
            if starts.find(&cues.negation, neg_from, m.start + 1).is_some()
                && !words[neg_from..m.start]
                    .windows(2)
                    .any(|w| w == ["not", "only"])
            {
                continue;
            }
            if kind != EventKind::Statement && denial {
                continue;
            }
            // "agreed to hold a bilateral meeting": the planned contact is the event, not a
            // pledge of cooperation.
            if kind == EventKind::CooperationPledged
                && matches.iter().any(|o| {
                    o.start >= m.end
                        && o.start <= m.end + 4
                        && EventKind::parse(pats.patterns[o.pattern].kind).is_some_and(is_contact)
                })
            {
                continue;
            }
            if starts
                .find(&cues.inability, m.start.saturating_sub(14), m.start)
                .is_some_and(|i| !words[i..m.start].iter().any(|w| is_act_verb(w)))
                && p.status.is_none()
            {
                continue;
            }
            if starts.find(&cues.hypothetical, 0, m.start).is_some()
                && matches!(
                    kind,
                    EventKind::Aid | EventKind::Visit | EventKind::Meeting | EventKind::Sanction
                )
                && p.status.is_none()
            {
                continue;
            }
            // Status.
            let mut status = Status::Occurred;
            let mut explicit_status = false;
            let future_only = p.status == Some("future");
            // A phrase that is only the subject of the talks ("discussed humanitarian
            // assistance") is not an event.
            // The subject of talks reaches from "discussed" / "to discuss" to the next verb
            // of its own ("discussed X and agreed to Y": Y is an event).
            if !is_contact(kind)
                && let Some(d) = starts.find(&cues.discussion, m.start.saturating_sub(25), m.start)
                && !words[d + 1..=m.start].iter().any(|w| is_act_verb(w))
            {
                continue;
            }
            // The occasion the release reacts to ("took note of the decision … to
            // expel"), or a plan named as an object ("the Programme of consultations").
            if (!is_contact(kind)
                && starts
                    .find(&cues.occasion, m.start.saturating_sub(14), m.start)
                    .is_some())
                || (starts
                    .find(&cues.object, m.start.saturating_sub(3), m.start)
                    .is_some()
                    // "preparations for the Summit …, which will be held in Gabala": a
                    // contact the sentence itself plans is an event all the same.
                    && !(is_contact(kind)
                        && starts.find(&cues.planned, m.end, m.end + 12).is_some()))
            {
                continue;
            }
            // "the guest was met at the airport by the President": a greeting.
            if kind == EventKind::Meeting
                && words[m.start] == "met"
                && m.start > 0
                && matches!(words[m.start - 1], "was" | "were")
            {
                continue;
            }
            // "welcomed Minister Battsetseg's visit": a welcome of the visit, not a
            // reception of the person.
            if kind == EventKind::Meeting
                && matches!(words[m.start], "welcomed" | "welcomes" | "welcome")
                && words.get(m.end).is_some_and(|w| *w == "s")
            {
                continue;
            }
            // A meeting with a community is not a meeting of sides.
            if kind == EventKind::Meeting
                && starts.find(&cues.nonofficial, m.end, m.end + 6).is_some()
            {
                continue;
            }
            if let Some(s) = p.status.filter(|_| !future_only) {
                explicit_status = true;
                status = match s {
                    "planned" => Status::Planned,
                    "cancelled" => Status::Cancelled,
                    _ => Status::Occurred,
                };
            } else if moved && is_contact(kind) {
                status = Status::Planned;
                explicit_status = true;
            } else if cancelled && is_contact(kind) {
                status = Status::Cancelled;
                explicit_status = true;
            } else {
                let from = m.start.saturating_sub(10);
                let to = (m.end + 5).min(words.len());
                // Pledges, support, condolences and the like happen as they are told.
                let can_plan = is_contact(kind)
                    || matches!(
                        kind,
                        EventKind::AgreementSigned
                            | EventKind::Opening
                            | EventKind::Aid
                            | EventKind::Sanction
                            | EventKind::Credentials
                    );
                let strong_before = words[..m.start]
                    .windows(2)
                    .any(|w| matches!(w, ["scheduled", "to"] | ["planned", "to"] | ["due", "to"]));
                // A phrase opening with a verb in the past ("signed a Financing Agreement for
                // the next phase") is planned only by a cue before it.
                let past = words.get(m.start).is_some_and(|w| {
                    (w.len() > 4 && w.ends_with("ed")) || word_lists().past.contains(w)
                });
                let cue_to = if past { m.start } else { to };
                // "The first political consultations between the two foreign ministries
                // at senior official level will be held in Nairobi": a contact named by a
                // noun, arranged further on.
                let arranged = !past
                    && is_contact(kind)
                    && starts
                        .find(&cues.arranged, m.end, (m.end + 12).min(words.len()))
                        .is_some();
                let planned = can_plan
                    && (starts.find(&cues.planned, from, cue_to).is_some()
                        || strong_before
                        || arranged);
                let occurred = starts.find(&cues.occurred, from, to).is_some();
                if planned && !occurred {
                    status = Status::Planned;
                }
            }
            // Date: the date mention nearest to the phrase.
            let mut best: Option<&DateMention> = None;
            let mut best_d = usize::MAX;
            let contact_date = current_contact.and_then(|ci| cands[ci].date);
            let in_relative_clause = |d: &DateMention| {
                // "…, who is on a state visit from June 11 to 13, held a summit": the date
                // belongs to the clause, not to the phrase after it.
                let seg_start = ctx
                    .text
                    .get(sent.start..d.span.start)
                    .and_then(|t| t.rfind(','))
                    .map_or(sent.start, |i| sent.start + i);
                let seg = ctx.text.get(seg_start..d.span.start).unwrap_or("");
                // "… held a meeting with X, who is visiting Japan from April 20 to 23":
                // a person's clause after the phrase dates that person's stay.
                let after_in_who = seg_start >= ev_end && seg.starts_with(", who ");
                after_in_who
                    || d.span.end <= ev_start
                        && (seg.starts_with(", who ") || seg.starts_with(", which "))
                        && ctx
                            .text
                            .get(d.span.end..ev_start)
                            .is_some_and(|g| g.contains(','))
            };
            // The date of a dateline heading the sentence ("Addis Ababa, July 31, 2026 -
            // The session … concluded yesterday") dates the release, not the happening,
            // when the sentence has another.
            // A year alone belongs to the phrase only when it stands close to it.
            let near_phrase = |d: &DateMention| {
                d.span
                    .start
                    .abs_diff(ev_end)
                    .min(d.span.end.abs_diff(ev_start))
                    < 40
            };
            let usable: Vec<&&DateMention> = sent_dates
                .iter()
                .filter(|d| !in_relative_clause(d))
                // A year alone dates only a planned happening ("which Korea will host in
                // 2025").
                .filter(|d| {
                    d.date.month.is_some()
                        || d.vague
                        || (status == Status::Planned
                            && ctx.published.is_none_or(|p| d.date.year >= p.year()))
                })
                // A month-day without a year that would lie months ahead is a past
                // anniversary ("since October 7"), unless the phrase is planned (or was,
                // and is cancelled).
                .filter(|d| {
                    !(d.year_inferred
                        && status == Status::Occurred
                        && ctx.published.is_some_and(|p| d.date > PartialDate::day(p)))
                })
                // "the earthquake of 6 February": that noun's date.
                .filter(|d| !date_of_noun(ctx, d.span.start))
                // A year alone must stand close to the phrase.
                .filter(|d| d.date.month.is_some() || near_phrase(d))
                // Inside a contact, an older date names another happening.
                .filter(|d| {
                    !(is_inside(kind)
                        && contact_date.is_some_and(|c| d.date < c && d.date.day.is_some()))
                })
                .collect();
            // "The first JCM was held in Colombo in 2019": a contact dated to a year before
            // the release's is one recalled.
            if status == Status::Occurred
                && !explicit_status
                && is_contact(kind)
                && sent_dates.iter().any(|d| {
                    d.date.month.is_none()
                        && !d.vague
                        && !d.relative
                        // ("in 2019", not "the third meeting since 2021")
                        && ctx.text[..d.span.start].trim_end().ends_with(" in")
                        && ctx.published.is_some_and(|p| d.date.year < p.year())
                        && near_phrase(d)
                })
            {
                continue;
            }
            let dateline = usable
                .iter()
                .find(|d| is_dateline(ctx.text, *sent, d.span))
                .filter(|_| usable.len() > 1)
                .map(|d| d.span);
            // "originally scheduled for 27 November, has been postponed to January": the
            // new date, told last.
            let usable_last = usable.last().copied().filter(|_| moved && is_contact(kind));
            for d in usable.into_iter().filter(|d| Some(d.span) != dateline) {
                if let Some(last) = usable_last {
                    best = Some(last);
                    break;
                }
                let dist = if d.span.start >= ev_start && d.span.end <= ev_end {
                    0
                } else if d.span.end <= ev_start {
                    ev_start - d.span.end
                } else {
                    d.span.start.saturating_sub(ev_end)
                };
                if dist < best_d {
                    best_d = dist;
                    best = Some(d);
                }
            }
            let mut date = None;
            let mut date_end = None;
            let mut has_vague = false;
            if let Some(d) = best {
                if d.vague && status == Status::Planned && d.date.month.is_none() {
                    // "by the end of the year", "in early 2027": a plan dated to its year.
                    has_vague = true;
                    date = Some(d.date);
                } else if d.vague {
                    has_vague = true;
                } else {
                    let mut dd = d.date;
                    if d.weekday_only
                        && status == Status::Planned
                        && let (Some(w), Some(p)) = (d.weekday, ctx.published)
                    {
                        dd = PartialDate::day(dates::resolve_weekday(p, w, true));
                    }
                    let mut de = d.end;
                    // "the next summit in December", told in May: a plan is ahead of the
                    // release, so a year inferred to lie behind it moves a year on.
                    if d.year_inferred
                        && status == Status::Planned
                        && dd.day.is_none()
                        && let (Some(p), Some(m)) = (ctx.published, dd.month)
                        && (dd.year, m) < (p.year(), p.month())
                    {
                        dd.year += 1;
                        if let Some(e) = de.as_mut() {
                            e.year += 1;
                        }
                    }
                    // "On the same day, …" inside a contact: the contact's day.
                    if let Some(off) = d.after_told
                        && let Some(c) = contact_date.and_then(|c| c.to_date())
                        && let Ok(day) = c.checked_add(jiff::Span::new().days(off))
                    {
                        dd = PartialDate::day(day);
                        de = None;
                    }
                    date = Some(dd);
                    date_end = de;
                }
            }
            if let (Some(d), Some(p)) = (date, ctx.published) {
                let pd = PartialDate::day(p);
                if d > pd && !explicit_status && status == Status::Occurred && d.day.is_some() {
                    status = Status::Planned;
                }
                // Background: a dated happening well before publication.
                if status == Status::Occurred && is_old(d, p) {
                    continue;
                }
            }
            if future_only && status != Status::Planned {
                continue;
            }
            // A weakly planned happening in a sentence that recalls ("her second visit this
            // year, following the one in April") is the one told already.
            if background
                && status == Status::Planned
                && !explicit_status
                && (background_before || date.is_none())
            {
                continue;
            }
            // "thanked … for hosting the NATO Summit": the summit is what is thanked for.
            if is_contact(kind)
                && matches.iter().any(|o| {
                    o.start < m.start
                        && m.start - o.start <= 12
                        && pats.patterns[o.pattern].kind == "support_expressed"
                })
            {
                continue;
            }
            // "when he visits the United States for the United Nations General Assembly":
            // the assembly is the event.
            if kind == EventKind::Visit
                && matches.iter().any(|o| {
                    o.start > m.start
                        && pats.patterns[o.pattern].kind == "multilateral_meeting"
                        && words[o.start.saturating_sub(5).max(m.end.min(o.start))..o.start]
                            .contains(&"for")
                        && !words[m.end.min(o.start)..o.start].contains(&"and")
                })
            {
                continue;
            }
            // Thanks, congratulations and condolences are acts of the telling, whatever
            // earlier happening they are about ("congratulated each other on the 75th
            // anniversary", "thanked China for its support after the floods last year").
            let speech_act = matches!(
                kind,
                EventKind::SupportExpressed | EventKind::Congratulations | EventKind::Condolences
            );
            if background && status == Status::Occurred && date.is_none() && !speech_act {
                continue;
            }
            if background
                && status == Status::Occurred
                && kind != EventKind::CooperationPledged
                && (!speech_act || date.is_some())
            {
                // A dated sentence that recalls something: keep only if the date is recent.
                if date.is_none_or(|d| {
                    ctx.published.is_none_or(|p| {
                        is_old(d, p)
                            || d.to_date()
                                .and_then(|dd| p.since(dd).ok())
                                .is_some_and(|sp| sp.get_days() > 7)
                    })
                }) {
                    continue;
                }
            }
            // Target / organization for support.
            let (target, org) = target_of(ctx, si, kind, ev_start, ev_end);
            let location = location_of(ctx, si, ev_start, ev_end, kind);
            // For a meeting, the persons named between this phrase and the next one are
            // whom it is with ("met President Rahmon and later held talks with Foreign
            // Minister Muhriddin": two meetings).
            let objects: Vec<usize> = if kind == EventKind::Meeting {
                let next_start = matches
                    .iter()
                    .filter(|o| o.start >= m.end)
                    .map(|o| ctx.toks[t0 + o.start].start)
                    .min()
                    .unwrap_or(sent.end);
                let mut v = Vec::new();
                for (p, sp) in &ctx.refs[si] {
                    if sp.start >= ev_start && sp.start < next_start && !v.contains(p) {
                        v.push(*p);
                    }
                }
                v
            } else {
                Vec::new()
            };
            if let Some(c) = cands.iter_mut().rev().find(|c| {
                c.sent == si
                    && c.kind == kind
                    && (kind != EventKind::Meeting
                        || c.objects.is_empty()
                        || objects.is_empty()
                        || c.objects.iter().any(|p| objects.contains(p)))
                    && (kind != EventKind::SupportExpressed || c.target == target)
                    && (kind != EventKind::MultilateralMeeting
                        || c.organization.is_none()
                        || org.is_none()
                        || c.organization == org)
                    && compatible_dates(c.date, date)
                    && compatible_loc(&c.location, &location)
            }) {
                // The same happening told twice in one sentence.
                c.evidence.push(Span::new(ev_start, ev_end));
                if c.date.is_none() {
                    c.date = date;
                    c.date_end = date_end;
                }
                if c.location.is_none() {
                    c.location = location;
                }
                continue;
            }
            let mut participants = participants_of(ctx, si);
            // "Spokesperson Hossam Ezzat stated that Minister Abdelmeguid reaffirmed …": who
            // reports what another named after did is no participant.
            if participants.len() > 1 {
                let sent_span = ctx.sentences[si];
                // Another participant opening the reported clause ("stated that Minister
                // Abdelmeguid …", not "emphasized that he intends … with President X").
                let named_after = |p: usize, at: usize| {
                    participants.iter().any(|&o| {
                        o != p
                            && ctx.persons.get(o).is_some_and(|q| {
                                q.title_spans
                                    .iter()
                                    .chain(&q.spans)
                                    .any(|s| at <= s.start && s.start <= at + 40)
                            })
                    })
                };
                let reporters: Vec<usize> = participants
                    .iter()
                    .copied()
                    .filter(|&p| {
                        ctx.persons.get(p).is_some_and(|q| {
                            q.spans.iter().any(|sp| {
                                sent_span.start <= sp.start
                                    && sp.end <= sent_span.end
                                    && ctx.text.get(sp.end..sent_span.end).is_some_and(|rest| {
                                        let mut w = rest.split_whitespace();
                                        w.next()
                                            .is_some_and(|v| word_lists().reporting.contains(&v))
                                            && w.next() == Some("that")
                                    })
                                    && named_after(p, sp.end)
                            })
                        })
                    })
                    .collect();
                participants.retain(|p| !reporters.contains(p));
            }
            if kind == EventKind::Meeting
                && !objects.is_empty()
                && cands.iter().any(|c| {
                    c.sent == si
                        && c.kind == EventKind::Meeting
                        && !c.objects.is_empty()
                        && !c.objects.iter().any(|p| objects.contains(p))
                })
            {
                // Subject (named before the first phrase) and this meeting's objects.
                let first_start = matches
                    .first()
                    .map_or(ev_start, |f| ctx.toks[t0 + f.start].start);
                participants.retain(|&p| {
                    objects.contains(&p)
                        || ctx.refs[si]
                            .iter()
                            .any(|(q, sp)| *q == p && sp.start < first_start)
                });
                if let Some(prev) = cands
                    .iter_mut()
                    .rev()
                    .find(|c| c.sent == si && c.kind == EventKind::Meeting && !c.objects.is_empty())
                {
                    let prev_objects = prev.objects.clone();
                    prev.participants.retain(|&p| {
                        prev_objects.contains(&p)
                            || ctx.refs[si]
                                .iter()
                                .any(|(q, sp)| *q == p && sp.start < first_start)
                    });
                }
            }
            // Pledges, support, condolences and protests are made by the persons named
            // before the phrase ("He noted his readiness to work closely with Prime
            // Minister Johnson": Johnson is its object).
            if matches!(
                kind,
                EventKind::CooperationPledged | EventKind::SupportExpressed
            ) && !matches!(
                words[m.start],
                "thanked" | "praised" | "commended" | "applauded" | "lauded" | "welcomed"
            ) && ctx.refs[si].iter().any(|(_, sp)| sp.start < ev_start)
            {
                participants.retain(|&p| {
                    ctx.refs[si]
                        .iter()
                        .any(|(q, sp)| *q == p && sp.start < ev_start)
                });
            }
            let expresser = participants
                .first()
                .and_then(|&p| ctx.persons.get(p))
                .and_then(|p| p.country.clone())
                .or_else(|| ctx.publisher.clone());
            // Condolences are offered by someone, not by the dead they mourn.
            if kind == EventKind::Condolences
                && let Some(cut) = words.iter().position(|w| {
                    matches!(
                        *w,
                        "death"
                            | "deaths"
                            | "died"
                            | "killed"
                            | "passing"
                            | "loss"
                            | "victims"
                            | "families"
                            | "memory"
                    )
                })
            {
                let cut_pos = ctx.toks[t0 + cut].start;
                participants.retain(|&p| {
                    ctx.refs[si]
                        .iter()
                        .filter(|(q, _)| *q == p)
                        .any(|(_, sp)| sp.start < cut_pos)
                });
            }
            // A visit is made by someone: "the team arrived in Adana" is not a visit.
            if kind == EventKind::Visit && participants.is_empty() && p.status.is_none() {
                let subject_country = crate::mentions::within(&ctx.ents, *sent)
                    .first()
                    .is_some_and(|m| m.country().is_some() && m.span.start < ev_start);
                if !subject_country {
                    continue;
                }
            }
            let mut cand = Cand {
                kind,
                sent: si,
                status,
                explicit_status,
                own_date: date.is_some(),
                date,
                date_end,
                location,
                participants,
                sides: BTreeSet::new(),
                organization: org,
                target,
                expresser,
                cameo: p.cameo,
                evidence: vec![Span::new(ev_start, ev_end)],
                contact: None,
                id: cands.len(),
                split: false,
                objects: objects.clone(),
                has_vague_date: has_vague,
            };
            // A sentence without a date of its own continues the paragraph's (an opening
            // "On December 22, …" dates "Following the ceremony, the leaders held talks").
            if cand.status == Status::Occurred && !is_inside(kind) {
                if cand.date.is_none()
                    && !cand.has_vague_date
                    && let Some((d, e)) = para_date
                {
                    cand.date = Some(d);
                    cand.date_end = e;
                }
                if cand.location.is_none() && is_contact(kind) {
                    cand.location = para_sents.iter().rev().find_map(|&ps| {
                        let start = ctx.sentences[ps].start;
                        location_of(ctx, ps, start, start, EventKind::Meeting)
                            .filter(|l| l.place.is_some())
                    });
                }
            }
            // "then", "following the talks": the same day as the contact before.
            if cand.date.is_none()
                && cand.status == Status::Occurred
                && starts.find(&cues.sequence, 0, m.start).is_some()
                && let Some(ci) = current_contact
            {
                cand.date = cands[ci].date;
            }
            // "The heads of state then took part in the ceremony", "the leaders held
            // talks", "the ministers signed": a plural that names a closed set — the heads
            // of state (or ministers) named so far, else the contact's participants.
            if (is_contact(kind) || matches!(kind, EventKind::Opening | EventKind::AgreementSigned))
                && cand.participants.len() < 2
                && starts.find(&cues.plural, 0, words.len()).is_some()
            {
                let heads = words.windows(2).any(|w| {
                    matches!(
                        w,
                        ["heads", "of"] | ["the", "presidents"] | ["two", "presidents"]
                    )
                });
                let ministers = words.contains(&"ministers");
                let want: &[attache_lexicon::Rank] = if heads {
                    &[
                        attache_lexicon::Rank::HeadOfState,
                        attache_lexicon::Rank::HeadOfGovernment,
                    ]
                } else if ministers {
                    &[
                        attache_lexicon::Rank::Minister,
                        attache_lexicon::Rank::DeputyHead,
                    ]
                } else {
                    &[]
                };
                let mut set: Vec<usize> = Vec::new();
                if !want.is_empty() {
                    for refs in &ctx.refs[..si] {
                        for (p, _) in refs {
                            if !set.contains(p)
                                && ctx
                                    .persons
                                    .get(*p)
                                    .is_some_and(|q| q.title_ranks.iter().any(|r| want.contains(r)))
                            {
                                set.push(*p);
                            }
                        }
                    }
                }
                if set.len() < 2
                    && let Some(ci) = current_contact
                {
                    set = cands[ci].participants.clone();
                }
                if kind != EventKind::AgreementSigned || !want.is_empty() {
                    for p in set {
                        if !cand.participants.contains(&p) {
                            cand.participants.push(p);
                        }
                    }
                }
            }
            // "… took part in the talks in the extended format": the contact told again,
            // with more participants.
            if kind == EventKind::Meeting
                && !cand.own_date
                && words
                    .windows(2)
                    .any(|w| w[0] == "the" && matches!(w[1], "talks" | "negotiations" | "meeting"))
                && let Some(ci) = current_contact
                && cands[ci].kind == EventKind::Meeting
                && cands[ci].status == cand.status
            {
                for p in cand.participants {
                    if !cands[ci].participants.contains(&p) {
                        cands[ci].participants.push(p);
                    }
                }
                cands[ci].evidence.extend(cand.evidence);
                continue;
            }
            // "Minister Cho attended the summit" after a bilateral summit: the same
            // meeting, with one more participant.
            if kind == EventKind::MultilateralMeeting
                && !cand.own_date
                && cand.organization.is_none()
                && cand.status == Status::Occurred
                && words[m.start..m.end]
                    .windows(2)
                    .any(|w| w[0] == "the" && matches!(w[1], "summit" | "meeting" | "talks"))
                && let Some(ci) = current_contact
                && cands[ci].kind == EventKind::Meeting
            {
                for p in cand.participants {
                    if !cands[ci].participants.contains(&p) {
                        cands[ci].participants.push(p);
                    }
                }
                continue;
            }
            // The current contact told again ("took part in the meeting", "the talks in
            // extended format"): one happening.
            if let Some(ci) = current_contact {
                let c = &mut cands[ci];
                if c.kind == kind
                    && c.status == cand.status
                    && compatible_dates(c.date, cand.date)
                    && compatible_loc(&c.location, &cand.location)
                    && compatible_people(ctx, &c.participants, &cand.participants)
                {
                    c.evidence.extend(cand.evidence);
                    if c.date.is_none() {
                        c.date = cand.date;
                        c.date_end = cand.date_end;
                    }
                    if c.location.is_none() {
                        c.location = cand.location;
                    }
                    for p in cand.participants {
                        if !c.participants.contains(&p) {
                            c.participants.push(p);
                        }
                    }
                    continue;
                }
            }
            // Inheritance from the current contact.
            if let Some(ci) = current_contact {
                let c = &cands[ci];
                let inside = (is_inside(kind)
                    || (is_contact(kind) && kind != EventKind::MultilateralMeeting))
                    && cand.status == Status::Occurred
                    && c.status == Status::Occurred;
                if inside {
                    if cand.date.is_none() && (!cand.has_vague_date || is_inside(kind)) {
                        cand.date = c.date;
                        cand.date_end = if is_contact(kind) { None } else { c.date_end };
                        if kind == EventKind::Visit {
                            cand.date_end = c.date_end;
                        }
                    }
                    if is_inside(kind) && (c.location.is_some() || !cand.own_date) {
                        // Stated inside the meeting: the meeting's place, whatever place
                        // the sentence names as an occasion ("the attack in Krasnogorsk").
                        cand.location = c.location.clone();
                    } else if cand.location.is_none()
                        && (!cand.own_date || compatible_dates(cand.date, c.date))
                    {
                        cand.location = c.location.clone();
                    }
                    if is_inside(kind) {
                        cand.contact = Some(ci);
                    }
                }
            } else if cand.date.is_none()
                && cand.status == Status::Occurred
                && is_contact(kind)
                && let Some((d, _)) = last_date
            {
                let _ = d;
            }
            if let Some(d) = cand.date {
                last_date = Some((d, cand.date_end));
            }
            cands.push(cand);
            let idx = cands.len() - 1;
            // A credentials ceremony is a contact too: what the envoy and the host say
            // there takes its date and place.
            // A visit told in the same sentence as a meeting ("…, who is visiting Japan
            // from April 20 to 23") is that meeting's setting: what follows is said at
            // the meeting.
            // So is a visit told later whose days hold the meeting's ("Dr. Rao is visiting
            // Australia from 4 to 7 November" after the dialogue of 5 November).
            let setting_of_meeting = kind == EventKind::Visit
                && current_contact.is_some_and(|ci| {
                    let (c, v) = (&cands[ci], &cands[idx]);
                    c.kind != EventKind::Visit
                        && (c.sent == v.sent
                            || matches!((c.date, v.date, v.date_end), (Some(d), Some(a), Some(b))
                                if d.day.is_some() && a <= d && d <= b))
                });
            if (is_contact(kind) || kind == EventKind::Credentials)
                && cands[idx].status == Status::Occurred
                && !setting_of_meeting
            {
                current_contact = Some(idx);
            }
        }
        if cands.len() == n_before {
            continuation(ctx, si, words, current_contact, &mut cands);
            cancel_planned(words, dates, &mut cands);
        }
    }
    let mut cands = split_lists(ctx, cands);
    same_body_same_kind(ctx.text, &mut cands);
    // A visit to one country of a list takes the date and status of what the release
    // tells of that country ("In Astana today, the President held talks").
    for i in 0..cands.len() {
        if cands[i].kind != EventKind::Visit || !cands[i].split || cands[i].date.is_some() {
            continue;
        }
        let Some(country) = cands[i].location.as_ref().and_then(|l| l.country.clone()) else {
            continue;
        };
        let found = cands.iter().find(|c| {
            !c.split
                && is_contact(c.kind)
                && c.location.as_ref().and_then(|l| l.country.as_deref()) == Some(country.as_str())
        });
        if let Some(f) = found {
            let (d, e, st, loc) = (f.date, f.date_end, f.status, f.location.clone());
            cands[i].date = d;
            cands[i].date_end = e;
            // "is making a visit to A and B" covers what is planned in B; a visit
            // "scheduled" stays as scheduled.
            if cands[i].status == Status::Occurred {
                cands[i].status = st;
            }
            if loc.as_ref().is_some_and(|l| l.place.is_some()) {
                cands[i].location = loc;
            }
        }
    }
    // Planned happenings need a stated date or place (or an explicit pattern status).
    cands.retain(|c| {
        c.status != Status::Planned
            || c.explicit_status
            || c.date.is_some()
            || c.location.is_some()
            || c.has_vague_date
    });
    add_listed_participants(ctx, &mut cands);
    for i in 0..cands.len() {
        let mut sides = sides_of(ctx, &cands, i);
        // Consultations are bilateral: "the next session of the commission" with one side
        // named is the commission the release told of before, between the same pair.
        if cands[i].kind == EventKind::Consultations
            && sides.len() < 2
            && let Some(before) = cands[..i]
                .iter()
                .rev()
                .find(|c| c.kind == EventKind::Consultations && c.sides.len() == 2)
            && sides.is_subset(&before.sides)
        {
            sides = before.sides.clone();
        }
        cands[i].sides = sides;
    }
    let mut merged = merge(ctx, cands);
    // A visit told with a country only takes the city where its talks were held.
    for i in 0..merged.len() {
        let v = &merged[i];
        if v.kind != EventKind::Visit || v.location.as_ref().is_some_and(|l| l.place.is_some()) {
            continue;
        }
        let Some(country) = v.location.as_ref().and_then(|l| l.country.clone()) else {
            continue;
        };
        let city = merged.iter().find_map(|c| {
            (is_contact(c.kind) && c.kind != EventKind::Visit && c.status == v.status)
                .then_some(c.location.as_ref())
                .flatten()
                .filter(|l| l.place.is_some() && l.country.as_deref() == Some(country.as_str()))
                .cloned()
        });
        if let Some(l) = city {
            merged[i].location = Some(l);
        }
    }
    // What the release tells as happening where it is set, without a place of its own,
    // happened there (not in a release about a call).
    if let Some(setting) = &ctx.setting
        && !merged.iter().any(|c| c.kind == EventKind::PhoneCall)
    {
        for c in merged.iter_mut() {
            let placed_here = matches!(
                c.kind,
                EventKind::Meeting
                    | EventKind::Visit
                    | EventKind::Consultations
                    | EventKind::MultilateralMeeting
                    | EventKind::AgreementSigned
                    | EventKind::CooperationPledged
                    | EventKind::SupportExpressed
            );
            let open = c.location.as_ref().is_none_or(|l| {
                l.place.is_none() && (l.country.is_none() || l.country == setting.country)
            });
            if placed_here && open && c.status == Status::Occurred {
                c.location = Some(setting.clone());
            }
        }
    }
    let mut events: Vec<Event> = merged.into_iter().map(|c| to_event(ctx, c)).collect();
    if events.is_empty()
        && let Some(e) = statement_fallback(ctx)
    {
        events.push(e);
    }
    events
}

/// People listed under a heading such as "Participants in the meeting:" take part in
/// the meeting (or call, or consultations) told last before the heading.
fn add_listed_participants(ctx: &Ctx, cands: &mut [Cand]) {
    let is_meeting = |c: &Cand| {
        matches!(
            c.kind,
            EventKind::Meeting
                | EventKind::MultilateralMeeting
                | EventKind::Consultations
                | EventKind::PhoneCall
        )
    };
    // Without a meeting no list has anyone to join: the text need not be read.
    if !cands.iter().any(is_meeting) {
        return;
    }
    for list in &ctx.people_lists {
        let meeting = cands.iter().rposition(|c| {
            is_meeting(c) && c.evidence.first().is_some_and(|e| e.start < list.heading)
        });
        let Some(ci) = meeting else {
            continue;
        };
        for (pi, p) in ctx.persons.iter().enumerate() {
            let listed = p
                .spans
                .iter()
                .any(|s| s.start >= list.heading && s.end <= list.end);
            if listed && !cands[ci].participants.contains(&pi) {
                cands[ci].participants.push(pi);
            }
        }
    }
}

fn is_old(d: PartialDate, published: jiff::civil::Date) -> bool {
    let py = published.year();
    match (d.month, d.day) {
        (Some(_), Some(_)) => d
            .to_date()
            .and_then(|dd| published.since(dd).ok())
            .is_some_and(|span| span.get_days() > 45),
        (Some(m), None) => {
            (i32::from(py) * 12 + i32::from(published.month()))
                - (i32::from(d.year) * 12 + i32::from(m))
                > 1
        }
        _ => d.year < py,
    }
}

/// Target and organization of a targeted event: the first country or organization
/// named after the phrase (or before it for passive phrasing).
fn target_of(
    ctx: &Ctx,
    si: usize,
    kind: EventKind,
    ev_start: usize,
    ev_end: usize,
) -> (Option<String>, Option<String>) {
    let sent = ctx.sentences[si];
    let mut org = None;
    let mut target = None;
    match kind {
        EventKind::MultilateralMeeting => {
            // The organization nearest to the phrase.
            let mut best = usize::MAX;
            for m in crate::mentions::within(&ctx.ents, sent).iter() {
                if let Ent::Org(o) = m.ent {
                    let d = m.span.start.abs_diff(ev_start);
                    if d < best {
                        best = d;
                        org = Some(o.reported_key().to_string());
                    }
                }
            }
        }
        EventKind::SupportExpressed => {
            // The target: a country other than the publisher's named in the sentence
            // (after the phrase first), else an organization named after the phrase.
            let countries: Vec<&EntMention> = crate::mentions::within(&ctx.ents, sent)
                .iter()
                .filter(|m| {
                    m.country()
                        .is_some_and(|c| Some(c) != ctx.publisher.as_deref())
                })
                .collect();
            org = crate::mentions::within(&ctx.ents, sent)
                .iter()
                .filter(|m| m.span.start >= ev_start)
                .find_map(|x| x.org())
                .map(|o| o.reported_key().to_string());
            // "… was expressed to the Kazakh side": the side addressed is the target.
            let side = countries.iter().find(|m| {
                ctx.text
                    .get(m.span.end..)
                    .is_some_and(|r| r.trim_start().starts_with("side"))
            });
            // Else whichever comes first after the phrase: a country or an organization
            // ("commitment to NATO security … in Lithuania": NATO).
            let first_after = crate::mentions::within(&ctx.ents, sent)
                .iter()
                .filter(|m| m.span.start >= ev_end)
                .find(|m| {
                    m.org().is_some()
                        || m.country()
                            .is_some_and(|c| Some(c) != ctx.publisher.as_deref())
                });
            if let Some(m) = side {
                target = m.country().map(str::to_string);
            } else if let Some(m) = first_after {
                target = m
                    .country()
                    .map(str::to_string)
                    .or_else(|| m.org().map(|o| o.reported_key().to_string()));
            } else if let Some(m) = countries.first() {
                target = m.country().map(str::to_string);
            }
            if target.is_none() {
                target = org.clone();
            }
        }
        _ => {
            for m in crate::mentions::within(&ctx.ents, sent)
                .iter()
                .filter(|m| m.span.start >= ev_end)
            {
                if let Ent::Country(iso, _) = m.ent
                    && Some(iso) != ctx.publisher.as_deref()
                {
                    target = Some(iso.to_string());
                    break;
                }
            }
            // "condemned the renewed attacks by the M23 armed group": with no country
            // after the phrase, an armed group is what a protest is against.
            if target.is_none() && kind == EventKind::Protest {
                target = crate::mentions::within(&ctx.ents, sent)
                    .iter()
                    .filter(|m| m.span.start >= ev_end)
                    .find_map(|m| {
                        m.org()
                            .filter(|o| o.kind == attache_lexicon::OrgKind::ArmedGroup)
                    })
                    .map(|o| o.reported_key().to_string());
            }
        }
    }
    (target, org)
}

/// The word lists of data/event_cues.tsv (rows that are single words, not cue phrases).
struct WordLists {
    /// Last words of named buildings (`venue`).
    venue: Vec<&'static str>,
    /// Head nouns of bodies that meet (`body`).
    body: Vec<&'static str>,
    /// Irregular past forms of verbs that open event phrases (`past`).
    past: Vec<&'static str>,
    /// Verbs by which someone reports what others did (`reporting`).
    reporting: Vec<&'static str>,
}

fn word_lists() -> &'static WordLists {
    static W: OnceLock<WordLists> = OnceLock::new();
    W.get_or_init(|| WordLists {
        venue: word_rows("venue"),
        body: word_rows("body"),
        past: word_rows("past"),
        reporting: word_rows("reporting"),
    })
}

/// Cue phrases as their words.
type WordPhrases = Vec<Vec<&'static str>>;

/// The `chaired` and `attended` phrases of data/event_cues.tsv, as words, and the last
/// words of those and of the `leader` phrases of data/person_cues.tsv.
fn attendance() -> &'static (WordPhrases, WordPhrases, crate::wordset::WordSet) {
    static A: OnceLock<(WordPhrases, WordPhrases, crate::wordset::WordSet)> = OnceLock::new();
    A.get_or_init(|| {
        let words = |kind| -> WordPhrases {
            word_rows(kind)
                .into_iter()
                .map(|p| p.split(' ').collect())
                .collect()
        };
        let (chaired, attended) = (words("chaired"), words("attended"));
        let mut last: Vec<&'static str> = chaired
            .iter()
            .chain(&attended)
            .chain(&crate::actors::cues().leader_words)
            .filter_map(|p| p.last().copied())
            .collect();
        last.sort_unstable();
        last.dedup();
        (chaired, attended, crate::wordset::WordSet::new(last))
    })
}

/// The words of the rows of one kind of data/event_cues.tsv.
fn word_rows(kind: &str) -> Vec<&'static str> {
    CUES.lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(k, _)| *k == kind)
        .map(|(_, w)| w.trim())
        .collect()
}

/// A named building the sentence puts the happening at: "at (the) " and up to five
/// capitalised words ending with a venue word ("State House", "Iikura Guest House").
fn named_venue(text: &str, sent: Span) -> Option<Span> {
    let s = sent.of(text);
    let mut from = 0;
    while let Some(i) = s[from..].find(" at ") {
        let at = from + i + 4;
        from = at;
        let rest = &s[at..];
        let (skip, rest) = match rest.strip_prefix("the ") {
            Some(r) => (4, r),
            None => (0, rest),
        };
        // Offset in `rest` of the end of the venue's last word, if any.
        let mut end = 0;
        let mut off = 0;
        for (n, w) in rest.split(' ').take(5).enumerate() {
            let word = w.trim_end_matches([',', '.', ';', ':']);
            if !word.starts_with(char::is_uppercase) {
                break;
            }
            if n >= 1
                && word_lists()
                    .venue
                    .iter()
                    .any(|h| word.eq_ignore_ascii_case(h))
            {
                end = off + word.len();
            }
            if word.len() < w.len() {
                break;
            }
            off += w.len() + 1;
        }
        if end > 0 {
            let start = sent.start + at + skip;
            return Some(Span::new(start, start + end));
        }
    }
    None
}

/// The location a sentence gives: the place nearest to the phrase (a venue when no city).
fn location_of(
    ctx: &Ctx,
    si: usize,
    ev_start: usize,
    ev_end: usize,
    kind: EventKind,
) -> Option<Location> {
    let sent = ctx.sentences[si];
    let text = ctx.text;
    let mut best: Option<(&EntMention, usize)> = None;
    let mut venue: Option<&EntMention> = None;
    // "intention to visit Viet Nam …, the meeting to be held in Tokyo": the country a
    // visit verb names is where the visit goes; a place of another country is not.
    let visited_country = (kind == EventKind::Visit)
        .then(|| {
            crate::mentions::within(&ctx.ents, sent)
                .iter()
                .find_map(|m| match m.ent {
                    Ent::Country(iso, form)
                        if form != attache_lexicon::CountryForm::Adjective
                            && text
                                .get(sent.start..m.span.start)
                                .and_then(|b| b.trim_end().rsplit(' ').next())
                                .is_some_and(is_visit_verb) =>
                    {
                        Some(iso)
                    }
                    _ => None,
                })
        })
        .flatten();
    for m in crate::mentions::within(&ctx.ents, sent).iter() {
        let Some(p) = m.place() else { continue };
        if visited_country.is_some_and(|c| p.country != Some(c)) {
            continue;
        }
        // The dateline heading the text ("NEW DELHI, 3 November –") is where the release
        // is set, not where a visit it tells of goes (see `Ctx::setting`).
        if kind == EventKind::Visit
            && m.span.start == 0
            && ctx.setting.as_ref().is_some_and(|s| s.span == Some(m.span))
        {
            continue;
        }
        // Places inside a longer name ("Baku-Tbilisi-Kars railway") or as adjectives of
        // other nouns are not locations: require "in", "at", "to" or a sentence start
        // before, or "hosted" after.
        let before = text.get(sent.start..m.span.start).unwrap_or("").trim_end();
        let after = text.get(m.span.end..sent.end).unwrap_or("").trim_start();
        let last_word = before
            .trim_end_matches(" the")
            .rsplit([' ', '\n', '\t', '|'])
            .next()
            .unwrap_or("");
        // "visited Dakar", "plans to visit Astana": a visit's object is where it goes.
        let visited = kind == EventKind::Visit && is_visit_verb(last_word);
        let intro = matches!(
            last_word,
            "in" | "In" | "at" | "At" | "to" | "from" | "inside" | "near"
        ) || visited
            || before.ends_with("city of")
            || before.ends_with("town of")
            || before.ends_with(',')
            || before.ends_with('|')
            || before.is_empty()
            || after.starts_with("hosted")
            || after.starts_with("will host")
            || after.starts_with("hosts");
        if !intro || (matches!(last_word, "in" | "In") && crate::actors::cues().subject_in(before))
        {
            continue;
        }
        if after.starts_with('-') || after.starts_with("region") && p.kind != PlaceKind::Region {
            continue;
        }
        if p.kind == PlaceKind::Venue {
            venue.get_or_insert(m);
            continue;
        }
        // A place inside the event phrase is its own; else the nearest.
        let d = if m.span.start >= ev_start && m.span.end <= ev_end {
            0
        } else if m.span.start >= ev_end {
            m.span.start - ev_end
        } else {
            ev_start.saturating_sub(m.span.end)
        };
        // A city before the region around it ("in Khujand, Sughd Region").
        let d = if p.kind == PlaceKind::Region {
            d + 200
        } else {
            d
        };
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((m, d));
        }
    }
    if let Some((m, _)) = best.or(venue.map(|v| (v, 0))) {
        let p = m.place()?;
        return Some(Location {
            place: Some(p.name.to_string()),
            country: p.country.map(str::to_string),
            span: Some(m.span),
        });
    }
    // "at State House", "at the Iikura Guest House": a named building, when the release
    // names no city it is set in (a headline's or dateline's city wins).
    if (is_contact(kind) || kind == EventKind::Opening)
        && ctx.setting.as_ref().is_none_or(|s| s.place.is_none())
        && let Some(v) = {
            // Looked for once per sentence, whatever the number of its events.
            let mut memo = ctx.venues.borrow_mut();
            if memo.len() < ctx.sentences.len() {
                memo.resize(ctx.sentences.len(), None);
            }
            *memo[si].get_or_insert_with(|| {
                // Only a sentence with the word "at" can name one.
                let (t0, t1) = ctx.sent_tok.get(si).copied().unwrap_or((0, 0));
                let has_at = ctx.toks.get(t0..t1).is_some_and(|ts| {
                    ts.iter()
                        .any(|t| text.as_bytes().get(t.start..t.end) == Some(b"at"))
                });
                if has_at {
                    named_venue(text, sent)
                } else {
                    None
                }
            })
        }
    {
        return Some(Location {
            place: Some(v.of(text).to_string()),
            country: ctx.publisher.clone(),
            span: Some(v),
        });
    }
    // "at the United Nations"
    for m in crate::mentions::within(&ctx.ents, sent).iter() {
        if let Ent::Org(o) = m.ent
            && o.key == "UN"
        {
            let before = text.get(sent.start..m.span.start).unwrap_or("").trim_end();
            if before.ends_with(" at the") || before.ends_with(" at") {
                return Some(Location {
                    place: Some("United Nations".into()),
                    country: None,
                    span: Some(m.span),
                });
            }
        }
    }
    // Country-only: "in Kazakhstan", "to Uzbekistan" for visits and contacts.
    if is_contact(kind) || kind == EventKind::Opening {
        for m in crate::mentions::within(&ctx.ents, sent).iter() {
            if let Ent::Country(iso, form) = m.ent {
                if form == attache_lexicon::CountryForm::Adjective {
                    continue;
                }
                let before = text.get(sent.start..m.span.start).unwrap_or("").trim_end();
                if crate::actors::cues().subject_in(before) {
                    continue;
                }
                let before = before.strip_suffix(" the").unwrap_or(before);
                if before.ends_with(" in")
                    || (kind == EventKind::Visit
                        && (before.ends_with(" to")
                            || before.rsplit(' ').next().is_some_and(is_visit_verb)))
                    || before.ends_with(" In")
                {
                    return Some(Location {
                        place: None,
                        country: Some(iso.to_string()),
                        span: Some(m.span),
                    });
                }
                let after = text.get(m.span.end..sent.end).unwrap_or("").trim_start();
                if after.starts_with("hosts")
                    || after.starts_with("will host")
                    || after.starts_with("hosted")
                {
                    return Some(Location {
                        place: None,
                        country: Some(iso.to_string()),
                        span: Some(m.span),
                    });
                }
            }
        }
    }
    None
}

/// A verb whose object is the place visited ("visited Dakar").
fn is_visit_verb(w: &str) -> bool {
    matches!(w, "visit" | "visited" | "visits" | "visiting")
}

/// Persons referred to in sentence `si` (names and resolved references), in order.
fn participants_of(ctx: &Ctx, si: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for (p, span) in &ctx.refs[si] {
        if !out.contains(p) && !is_sender(ctx.text, ctx.sentences[si], *span) {
            out.push(*p);
        }
    }
    out
}

/// Whether the person at `span` only sent what someone delivered ("conveyed a message
/// from President Abdel Fattah El-Sisi"): no participant.
fn is_sender(text: &str, sent: Span, span: Span) -> bool {
    crate::actors::sent_by(text.get(sent.start..span.start).unwrap_or(""))
}

fn person_side(ctx: &Ctx, p: usize) -> Option<String> {
    ctx.persons.get(p).and_then(|p| p.country.clone())
}

/// Sides of candidate `i`.
fn sides_of(ctx: &Ctx, cands: &[Cand], i: usize) -> BTreeSet<String> {
    let c = &cands[i];
    let sent = ctx.sentences[c.sent];
    // (Only a multilateral meeting has sides before this: the countries of the
    // sentences telling who attended it, see `continuation`.)
    let mut sides: BTreeSet<String> = c.sides.clone();
    for &p in &c.participants {
        if let Some(s) = person_side(ctx, p) {
            sides.insert(s);
        }
    }
    let publisher = ctx.publisher.clone();
    // Countries named in the sentence as parties (not as places of location and not
    // inside organization or title phrases of third parties).
    let mut named: Vec<String> = Vec::new();
    for m in crate::mentions::within(&ctx.ents, sent).iter() {
        if let Ent::Country(iso, _) = m.ent
            && !named.iter().any(|x| x == iso)
        {
            named.push(iso.to_string());
        }
    }
    match c.kind {
        EventKind::Visit if c.location.as_ref().is_some_and(|l| l.country.is_some()) => {
            if let Some(l) = c.location.as_ref().and_then(|l| l.country.clone()) {
                sides.insert(l);
            }
            if sides.len() < 2
                && let Some(p) = &publisher
            {
                sides.insert(p.clone());
            }
        }
        EventKind::MultilateralMeeting => {
            for n in &named {
                sides.insert(n.clone());
            }
            if let Some(p) = &publisher {
                sides.insert(p.clone());
            }
        }
        k if is_targeted(k) => {
            if let Some(t) = &c.target {
                sides.insert(t.clone());
            }
            if c.kind == EventKind::SupportExpressed
                && let Some(o) = &c.organization
                && c.target.as_deref() == Some(o.as_str())
            {
                sides.insert(o.clone());
            }
            if let Some(p) = &publisher {
                sides.insert(p.clone());
            }
            if sides.len() < 2
                && let Some(ci) = c.contact
            {
                let cs = sides_of_contact(ctx, cands, ci);
                sides.extend(cs);
            }
            if sides.len() < 2 {
                for n in &named {
                    sides.insert(n.clone());
                }
            }
        }
        _ => {
            if let Some(ci) = c.contact {
                let cs = sides_of_contact(ctx, cands, ci);
                if sides.len() < 2 {
                    sides.extend(cs);
                }
            }
            if sides.len() < 2 {
                for n in &named {
                    sides.insert(n.clone());
                }
            }
            if let Some(p) = &publisher
                && (sides.len() < 2 || c.participants.is_empty())
            {
                sides.insert(p.clone());
            }
            if let Some(loc) = c.location.as_ref().and_then(|l| l.country.clone())
                && sides.len() < 2
            {
                sides.insert(loc);
            }
        }
    }
    sides
}

fn sides_of_contact(ctx: &Ctx, cands: &[Cand], ci: usize) -> BTreeSet<String> {
    let Some(c) = cands.iter().find(|c| c.id == ci) else {
        return BTreeSet::new();
    };
    if !c.sides.is_empty() {
        return c.sides.clone();
    }
    let mut s = BTreeSet::new();
    for &p in &c.participants {
        if let Some(x) = person_side(ctx, p) {
            s.insert(x);
        }
    }
    if let Some(p) = &ctx.publisher {
        s.insert(p.clone());
    }
    s
}

fn compatible_dates(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

fn compatible_loc(a: &Option<Location>, b: &Option<Location>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => {
            let countries_ok = x.country.is_none() || y.country.is_none() || x.country == y.country;
            countries_ok && (x.place.is_none() || y.place.is_none() || x.place == y.place)
        }
        _ => true,
    }
}

/// Verbs that state an act of their own, ending the scope of "discussed".
fn is_act_verb(w: &str) -> bool {
    matches!(
        w,
        "agreed"
            | "pledged"
            | "reaffirmed"
            | "expressed"
            | "welcomed"
            | "thanked"
            | "condemned"
            | "signed"
            | "announced"
            | "committed"
            | "emphasized"
            | "emphasised"
            | "underscored"
            | "stressed"
            | "noted"
            | "conveyed"
            | "affirmed"
            | "confirmed"
            | "reiterated"
            | "praised"
            | "invited"
            | "decided"
            | "said"
            | "stated"
    )
}

/// Whether two participant lists can belong to one meeting: one is empty or contained
/// in the other, and the larger adds nobody from a country the smaller lacks (a meeting
/// with the host's president is another meeting).
fn compatible_people(ctx: &Ctx, a: &[usize], b: &[usize]) -> bool {
    if a.is_empty() || b.is_empty() {
        return true;
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if !small.iter().all(|p| large.contains(p)) {
        return false;
    }
    let country = |p: &usize| ctx.persons.get(*p).and_then(|p| p.country.clone());
    let small_countries: Vec<Option<String>> = small.iter().map(country).collect();
    large
        .iter()
        .filter(|p| !small.contains(p))
        .all(|p| small_countries.contains(&country(p)))
}

/// Whether the date at `span` is a dateline's heading sentence `sent`: a few capitalised
/// words and a comma before it, a dash (or an agency's tag) after it.
fn is_dateline(text: &str, sent: Span, span: Span) -> bool {
    let before = text.get(sent.start..span.start).unwrap_or("").trim_end();
    let Some(place) = before.strip_suffix(',') else {
        return false;
    };
    let words: Vec<&str> = place.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 4
        || !words.iter().all(|w| w.starts_with(char::is_uppercase))
    {
        return false;
    }
    let after = text.get(span.end..sent.end).unwrap_or("").trim_start();
    let after = after
        .strip_prefix(',')
        .map(|r| {
            r.trim_start()
                .trim_start_matches(|c: char| c.is_ascii_uppercase())
        })
        .unwrap_or(after)
        .trim_start();
    after.starts_with(['-', '–', '—', '('])
}

/// Whether the date mention at `pos` dates a noun of occasion ("the earthquake of 6
/// February") rather than the event.
fn date_of_noun(ctx: &Ctx, pos: usize) -> bool {
    let mut pos = pos;
    if ctx.text.get(pos..).is_some_and(|r| r.starts_with("of ")) {
        pos += 2;
    }
    let before = ctx.text.get(..pos).unwrap_or("").trim_end();
    let Some(r) = before.strip_suffix(" of") else {
        return false;
    };
    let w: String = r
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .flat_map(char::to_lowercase)
        .collect();
    cues().datenoun.starts_at(&[w.as_str()], 0)
}

/// Merge candidates that tell the same happening.
fn merge(ctx: &Ctx, cands: Vec<Cand>) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    // Indices into `out` per kind and status; only the latest few of a bucket are
    // compared (a release tells a happening again within a few events, and a huge
    // input must not make merging quadratic).
    // Few kinds and statuses occur in one release: a short list, searched in order,
    // costs less than hashing.
    let mut buckets: Vec<((EventKind, Status), Vec<usize>)> = Vec::new();
    'next: for c in cands {
        let key = (c.kind, c.status);
        let bi = match buckets.iter().position(|(k, _)| *k == key) {
            Some(bi) => bi,
            None => {
                buckets.push((key, Vec::new()));
                buckets.len() - 1
            }
        };
        let bucket = &mut buckets[bi].1;
        let from = bucket.len().saturating_sub(64);
        for &oi in &bucket[from..] {
            let o = &mut out[oi];
            let sides_ok = o.sides.is_subset(&c.sides) || c.sides.is_subset(&o.sides);
            if !sides_ok {
                continue;
            }
            let same = match c.kind {
                EventKind::CooperationPledged => {
                    o.contact == c.contact && compatible_dates(o.date, c.date)
                }
                EventKind::SupportExpressed => {
                    o.target == c.target && o.contact == c.contact && o.expresser == c.expresser
                }
                EventKind::Meeting | EventKind::PhoneCall => {
                    compatible_dates(o.date, c.date)
                        && compatible_loc(&o.location, &c.location)
                        && compatible_people(ctx, &o.participants, &c.participants)
                }
                EventKind::MultilateralMeeting => {
                    compatible_dates(o.date, c.date)
                        && compatible_loc(&o.location, &c.location)
                        && (o.organization.is_none()
                            || c.organization.is_none()
                            || o.organization == c.organization)
                }
                EventKind::Opening | EventKind::AgreementSigned => {
                    o.date == c.date
                        && compatible_loc(&o.location, &c.location)
                        && (o.location.is_some() == c.location.is_some() || o.date.is_some())
                        && (o.sent == c.sent
                            || compatible_people(ctx, &o.participants, &c.participants))
                }
                // Condolences, congratulations, credentials: one per sender.
                EventKind::Condolences | EventKind::Congratulations | EventKind::Credentials => {
                    compatible_dates(o.date, c.date)
                        && compatible_loc(&o.location, &c.location)
                        && compatible_people(ctx, &o.participants, &c.participants)
                }
                // "will visit New Zealand from 20 to 22 May … On 22 May, he will travel to
                // Auckland": a leg within the days of a visit to the same country is
                // that visit.
                EventKind::Visit => {
                    let within = |a: &Cand, b: &Cand| {
                        matches!((a.date, a.date_end, b.date), (Some(s), Some(e), Some(d))
                            if s <= d && d <= e)
                    };
                    (compatible_dates(o.date, c.date) || within(o, &c) || within(&c, o))
                        && compatible_loc(&o.location, &c.location)
                }
                _ => compatible_dates(o.date, c.date) && compatible_loc(&o.location, &c.location),
            };
            if same {
                if o.date.is_none() {
                    o.date = c.date;
                    o.date_end = c.date_end;
                }
                if o.date_end.is_none() {
                    o.date_end = c.date_end;
                }
                if o.location.as_ref().is_none_or(|l| l.place.is_none()) && c.location.is_some() {
                    o.location = c.location.clone();
                }
                for p in &c.participants {
                    if !o.participants.contains(p) {
                        o.participants.push(*p);
                    }
                }
                o.sides.extend(c.sides.iter().cloned());
                if o.organization.is_none() {
                    o.organization = c.organization.clone();
                }
                o.evidence.extend(c.evidence.iter().copied());
                continue 'next;
            }
        }
        bucket.push(out.len());
        out.push(c);
    }
    out
}

fn to_event(ctx: &Ctx, mut c: Cand) -> Event {
    // A visit's participants are those who travel: not the host country's people.
    if c.kind == EventKind::Visit
        && let Some(host) = c.location.as_ref().and_then(|l| l.country.clone())
    {
        c.participants.retain(|&p| {
            ctx.persons.get(p).and_then(|p| p.country.as_deref()) != Some(host.as_str())
        });
    }
    let participants: Vec<Actor> = c
        .participants
        .iter()
        .filter_map(|&p| ctx.actors.get(p).cloned())
        .collect();
    let (cameo, plover, mode) = cameo::choose(
        c.kind,
        c.status,
        c.cameo,
        c.location.as_ref(),
        ctx.publisher.as_deref(),
        &c.sides,
    );
    Event {
        kind: c.kind,
        cameo,
        plover,
        plover_mode: mode,
        status: c.status,
        date: c.date,
        date_end: c.date_end,
        location: c.location,
        participants,
        sides: c.sides.into_iter().collect(),
        organization: c.organization,
        evidence: c.evidence,
    }
}

/// A release that reports no event of any other kind but states a position is one
/// `statement` of its publisher.
fn statement_fallback(ctx: &Ctx) -> Option<Event> {
    let publisher = ctx.publisher.clone()?;
    let first = *ctx.sentences.iter().find(|s| s.end - s.start > 40)?;
    let mut sides: BTreeSet<String> = BTreeSet::new();
    sides.insert(publisher.clone());
    for m in &ctx.ents {
        if let Ent::Country(iso, _) = m.ent
            && m.span.start < first.end + 400
        {
            sides.insert(iso.to_string());
        }
        if sides.len() >= 2 {
            break;
        }
    }
    if sides.len() < 2 {
        return None;
    }
    let (cameo, plover, mode) = cameo::choose(
        EventKind::Statement,
        Status::Occurred,
        None,
        None,
        Some(&publisher),
        &sides,
    );
    Some(Event {
        kind: EventKind::Statement,
        cameo,
        plover,
        plover_mode: mode,
        status: Status::Occurred,
        date: None,
        date_end: None,
        location: None,
        participants: Vec::new(),
        sides: sides.into_iter().collect(),
        organization: None,
        evidence: vec![first],
    })
}

/// A sentence that states no new contact but goes on about the current multilateral
/// one ("The meeting was chaired by …", "The conference was opened by …") adds the
/// persons it names to that meeting's participants.
fn continuation(ctx: &Ctx, si: usize, words: &[&str], contact: Option<usize>, cands: &mut [Cand]) {
    let Some(mut ci) = contact else { return };
    let meeting_like = |k: EventKind| {
        matches!(
            k,
            EventKind::Meeting | EventKind::Consultations | EventKind::MultilateralMeeting
        )
    };
    // "… received President X, who is on a working visit …": the visit is the current
    // contact, but "the meeting" is still the meeting told before it.
    if !meeting_like(cands[ci].kind) {
        match cands[..ci]
            .iter()
            .rposition(|c| meeting_like(c.kind) && c.status == Status::Occurred)
        {
            Some(i) => ci = i,
            None => return,
        }
    }
    let multilateral = cands[ci].kind == EventKind::MultilateralMeeting;
    // "The meeting was attended by …", "… also took part in the talks".
    // "The Pakistan delegation was led by …", "It was co-chaired by …": the leaders
    // of the sides (`leader` phrases of data/person_cues.tsv) took part too.
    let (chaired, attended_by, last_words) = attendance();
    // (Every phrase ends with one of a few words: most sentences hold none.)
    let may = words.iter().any(|w| last_words.contains(w));
    let has = |cue: &[&str]| may && words.windows(cue.len()).any(|w| w == cue);
    let led = crate::actors::cues()
        .leader_words
        .iter()
        .any(|cue| has(cue))
        || chaired.iter().any(|cue| has(cue));
    let attended = led || attended_by.iter().any(|cue| has(cue));
    let refers = attended
        || (multilateral
            && (words.iter().any(|w| {
                matches!(
                    *w,
                    "meeting"
                        | "conference"
                        | "summit"
                        | "forum"
                        | "session"
                        | "plenary"
                        | "council"
                )
            }) || words
                .windows(2)
                .any(|w| matches!(w[0], "chaired" | "opened" | "addressed") && w[1] == "by")));
    if !refers {
        return;
    }
    // "… did not take part in the meeting" adds nobody.
    if find_phrase(&cues().negation, words, 0, words.len()).is_some() {
        return;
    }
    for p in participants_of(ctx, si) {
        if !cands[ci].participants.contains(&p) {
            cands[ci].participants.push(p);
        }
    }
    // "… attended by Foreign Ministers from Australia, the Cook Islands, Fiji …": the
    // countries an attendance sentence names take part in a multilateral meeting (not
    // a subject of its talks, "the situation in Sudan").
    if multilateral && attended {
        let sent = ctx.sentences[si];
        for m in crate::mentions::within(&ctx.ents, sent) {
            let Some(iso) = m.country() else { continue };
            let before = ctx.text.get(sent.start..m.span.start).unwrap_or("");
            if !crate::actors::cues().subject_in(before.trim_end()) {
                cands[ci].sides.insert(iso.to_string());
            }
        }
    }
}

/// Whether a sentence moves a happening to a new date ("postponed to 2 December",
/// "rescheduled for June"; `rescheduled` cues) rather than indefinitely ("postponed until
/// further notice"; `indefinite` cues).
/// `has` tells whether the sentence holds a phrase of a cue type.
fn moved_to_a_date(has: impl Fn(&Phrases) -> bool) -> bool {
    let cues = cues();
    has(&cues.rescheduled) && !has(&cues.indefinite)
}

/// A sentence that cancels ("the visit has been cancelled", "decided to cancel") marks
/// the planned contacts told before it as cancelled.
fn cancel_planned(words: &[&str], dates: &[DateMention], cands: &mut [Cand]) {
    let cues = cues();
    // Nothing to cancel (the usual case): the sentence need not be searched.
    if !cands
        .iter()
        .any(|c| c.status == Status::Planned && is_contact(c.kind))
        || find_phrase(&cues.cancelled, words, 0, words.len()).is_none()
        || moved_to_a_date(|p| find_phrase(p, words, 0, words.len()).is_some())
    {
        return;
    }
    // The dates written in the sentence ("The visit originally foreseen for May was
    // postponed"): an event of another month is not the one cancelled.
    let written: Vec<PartialDate> = dates
        .iter()
        .filter(|d| !d.relative && !d.weekday_only && d.date.month.is_some())
        .map(|d| d.date)
        .collect();
    let same_month = |a: PartialDate, b: PartialDate| a.year == b.year && a.month == b.month;
    for c in cands.iter_mut() {
        if c.status == Status::Planned
            && is_contact(c.kind)
            && !c.date.is_some_and(|d| {
                d.month.is_some()
                    && !written.is_empty()
                    && !written.iter().any(|&w| same_month(w, d))
            })
        {
            c.status = Status::Cancelled;
        }
    }
}

/// One event per country for visits to a list of countries ("will also take him to
/// Kyrgyzstan, Uzbekistan and Mongolia"), and one meeting per counterpart's country for
/// "held meetings with A of X, B of Y and C of Z".
fn split_lists(ctx: &Ctx, cands: Vec<Cand>) -> Vec<Cand> {
    let mut out = Vec::with_capacity(cands.len());
    for c in cands {
        match c.kind {
            EventKind::Visit => {
                let list = c
                    .evidence
                    .iter()
                    .map(|e| country_list_after(ctx, c.sent, e.start))
                    .max_by_key(Vec::len)
                    .unwrap_or_default();
                if list.len() < 2 {
                    out.push(c);
                    continue;
                }
                for (iso, span) in list {
                    let mut v = c.clone();
                    v.split = true;
                    v.date = None;
                    v.date_end = None;
                    let keep_place = v
                        .location
                        .as_ref()
                        .is_some_and(|l| l.country.as_deref() == Some(iso) && l.place.is_some());
                    if !keep_place {
                        v.location = Some(Location {
                            place: None,
                            country: Some(iso.to_string()),
                            span: Some(span),
                        });
                    }
                    v.target = Some(iso.to_string());
                    v.participants.retain(|&p| {
                        ctx.persons.get(p).and_then(|p| p.country.as_deref()) != Some(iso)
                    });
                    out.push(v);
                }
            }
            EventKind::Meeting | EventKind::PhoneCall => {
                let s = ctx.sentences[c.sent].of(ctx.text);
                let plural = s.contains("meetings") || s.contains("separately");
                let Some(&subject) = c.participants.first() else {
                    out.push(c);
                    continue;
                };
                let subj_country = ctx.persons.get(subject).and_then(|p| p.country.clone());
                let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
                for &p in &c.participants[1..] {
                    let Some(pc) = ctx.persons.get(p).and_then(|p| p.country.clone()) else {
                        continue;
                    };
                    if Some(&pc) == subj_country.as_ref() {
                        continue;
                    }
                    match groups.iter_mut().find(|(g, _)| *g == pc) {
                        Some(g) => g.1.push(p),
                        None => groups.push((pc, vec![p])),
                    }
                }
                // "held separate bilateral meetings with his Azerbaijani and Turkmen
                // counterparts": one meeting per other side, with the counterpart of that
                // side named last before the sentence.
                if plural && groups.len() < 2 && s.contains("counterparts") {
                    let mut others: Vec<String> = Vec::new();
                    for m in crate::mentions::within(&ctx.ents, ctx.sentences[c.sent]) {
                        if let Some(iso) = m.country()
                            && Some(iso) != subj_country.as_deref()
                            && !others.iter().any(|o| o == iso)
                        {
                            others.push(iso.to_string());
                        }
                    }
                    if others.len() >= 2 {
                        let start = ctx.sentences[c.sent].start;
                        for side in others {
                            let mut m = c.clone();
                            m.sides = [side.clone()]
                                .into_iter()
                                .chain(subj_country.clone())
                                .collect();
                            m.target = Some(side.clone());
                            let counterpart = ctx
                                .persons
                                .iter()
                                .enumerate()
                                .filter(|(_, p)| p.country.as_deref() == Some(side.as_str()))
                                .filter_map(|(i, p)| {
                                    let last = p.spans.iter().rfind(|s| s.end <= start)?;
                                    Some((last.end, i))
                                })
                                .max()
                                .map(|(_, i)| i);
                            m.participants = std::iter::once(subject).chain(counterpart).collect();
                            out.push(m);
                        }
                        continue;
                    }
                }
                if !plural || groups.len() < 2 {
                    out.push(c);
                    continue;
                }
                for (_, ps) in groups {
                    let mut m = c.clone();
                    m.participants = std::iter::once(subject).chain(ps).collect();
                    out.push(m);
                }
            }
            // "received the credentials of three new ambassadors: A, Ambassador of X;
            // B, Ambassador of Y; …": one ceremony per ambassador's country.
            EventKind::Credentials => {
                let Some(&host) = c.participants.first() else {
                    out.push(c);
                    continue;
                };
                let country = |p: usize| ctx.persons.get(p).and_then(|p| p.country.clone());
                let host_country = country(host);
                // "… received letters of credence from three ambassadors. The envoys were
                // A, Ambassador of X; B, …": the ambassadors the next sentence lists.
                // "Those presenting the Letters of Credence were:" and a line per envoy
                // ending in ';': the list goes on while a sentence ends in ':' or ';'.
                let mut participants = c.participants.clone();
                if participants.len() == 1 {
                    let mut k = c.sent + 1;
                    while let Some(next) = ctx.refs.get(k) {
                        for &(p, _) in next {
                            // An envoy: a title of rank `diplomat` (data/titles.tsv).
                            let envoy = ctx.persons.get(p).is_some_and(|x| {
                                x.title_ranks.contains(&attache_lexicon::Rank::Diplomat)
                            });
                            if envoy && !participants.contains(&p) {
                                participants.push(p);
                            }
                        }
                        let goes_on = ctx
                            .sentences
                            .get(k)
                            .is_some_and(|s| s.of(ctx.text).trim_end().ends_with([':', ';']));
                        if !goes_on || k >= c.sent + 12 {
                            break;
                        }
                        k += 1;
                    }
                }
                let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
                for &p in &participants[1..] {
                    let Some(pc) = country(p).filter(|pc| Some(pc) != host_country.as_ref()) else {
                        continue;
                    };
                    match groups.iter_mut().find(|(g, _)| *g == pc) {
                        Some(g) => g.1.push(p),
                        None => groups.push((pc, vec![p])),
                    }
                }
                if groups.len() < 2 {
                    let mut c = c;
                    // One ambassador the next sentence names.
                    if c.participants.len() == 1
                        && let Some((side, ps)) = groups.pop()
                    {
                        c.sides = [side.clone()]
                            .into_iter()
                            .chain(host_country.clone())
                            .collect();
                        c.target = Some(side);
                        c.participants.extend(ps);
                    }
                    out.push(c);
                    continue;
                }
                for (side, ps) in groups {
                    let mut m = c.clone();
                    m.sides = [side.clone()]
                        .into_iter()
                        .chain(host_country.clone())
                        .collect();
                    m.target = Some(side);
                    m.participants = std::iter::once(host).chain(ps).collect();
                    out.push(m);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Countries (names, not adjectives) listed right after `from` in sentence `si`:
/// "to Kyrgyzstan, Uzbekistan, Turkmenistan, Kazakhstan and Mongolia".
fn country_list_after(ctx: &Ctx, si: usize, from: usize) -> Vec<(&'static str, Span)> {
    let sent = ctx.sentences[si];
    let mut out: Vec<(&'static str, Span)> = Vec::new();
    let mut last_end: Option<usize> = None;
    for m in ctx
        .ents
        .iter()
        .filter(|m| m.span.start >= from && m.span.end <= sent.end)
    {
        let Ent::Country(iso, form) = m.ent else {
            if last_end.is_some() {
                break;
            }
            continue;
        };
        if form == attache_lexicon::CountryForm::Adjective {
            if last_end.is_some() {
                break;
            }
            continue;
        }
        match last_end {
            None => {
                let before = ctx.text.get(from..m.span.start).unwrap_or("");
                if before.len() > 60 {
                    break;
                }
            }
            Some(e) => {
                let gap = ctx.text.get(e..m.span.start).unwrap_or("x");
                let g = gap.trim().trim_start_matches(',').trim();
                let g = g.strip_prefix("and").unwrap_or(g).trim();
                let g = g.strip_prefix("the").unwrap_or(g).trim();
                if !g.is_empty() {
                    break;
                }
            }
        }
        if Some(iso) != ctx.publisher.as_deref() && !out.iter().any(|(c, _)| *c == iso) {
            out.push((iso, m.span));
        }
        last_end = Some(m.span.end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn senders_are_no_participants() {
        let sender = |t: &str, name: &str| {
            let Some(i) = t.find(name) else {
                panic!("{name} is not in {t}")
            };
            is_sender(t, Span::new(0, t.len()), Span::new(i, i + name.len()))
        };
        let t = "He delivered a special message from His Excellency Paul Kagame, President.";
        assert!(sender(t, "Paul Kagame"));
        let t = "On behalf of President Biden, Mr. Sullivan expressed support.";
        assert!(sender(t, "Biden"));
        assert!(!sender(t, "Sullivan"));
        let t = "He sent a message of sympathy to H.E. Mr. Recep Tayyip Erdoğan.";
        assert!(!sender(t, "Recep Tayyip Erdoğan"));
    }

    #[test]
    fn named_venues() {
        let venue = |t: &str| named_venue(t, Span::new(0, t.len())).map(|s| s.of(t).to_string());
        assert_eq!(
            venue("He paid a courtesy call on the President at State House.").as_deref(),
            Some("State House")
        );
        assert_eq!(
            venue("They met at the Iikura Guest House, Tokyo.").as_deref(),
            Some("Iikura Guest House")
        );
        assert_eq!(
            venue("They met at Rashtrapati Bhavan on 5 May.").as_deref(),
            Some("Rashtrapati Bhavan")
        );
        // No building: a city, an hour, a lone word.
        assert_eq!(venue("They met at Astana on Monday."), None);
        assert_eq!(venue("They met at the House."), None);
    }

    #[test]
    fn starts_agree_with_find_phrase() {
        let c = cues();
        let types = [
            &c.negation,
            &c.denial,
            &c.hypothetical,
            &c.background,
            &c.planned,
            &c.cancelled,
            &c.rescheduled,
            &c.indefinite,
            &c.occurred,
            &c.plural,
            &c.discussion,
            &c.sequence,
            &c.occasion,
            &c.object,
            &c.nonofficial,
            &c.datenoun,
            &c.inability,
        ];
        // Every phrase of the data, alone and inside a sentence, and a plain sentence.
        let mut sentences: Vec<Vec<&str>> = vec![
            "the ministers did not hold talks on the visit which was postponed and will be held later"
                .split(' ')
                .collect(),
        ];
        for e in c.by_first.values() {
            for (_, p) in &e.all {
                sentences.push(p.clone());
                let mut s = vec!["they", "said"];
                s.extend(p.iter().copied());
                s.push("today");
                sentences.push(s);
            }
        }
        let mut found = 0;
        for words in &sentences {
            let starts = c.starts(words);
            for ph in types {
                for from in 0..=words.len() + 1 {
                    for to in from..=words.len() + 2 {
                        let want = find_phrase(ph, words, from, to);
                        assert_eq!(starts.find(ph, from, to), want, "{words:?} {from}..{to}");
                        found += usize::from(want.is_some());
                    }
                }
            }
        }
        assert!(found > 0);
    }
}
