//! Topics: which subjects of reference/topics.md a release treats as a matter of
//! cooperation or discussion, each with the spans of the cues that justify it.
//!
//! One pass of the topic cue automaton ([`attache_lexicon::topics`]) over the text, then
//! a per-sentence decision: a strong cue counts wherever it stands; a weak cue only in a
//! sentence that talks about cooperation or discussion (a context cue, or a strong cue
//! of any topic); a contact word ("visit", "meeting", "talks") gives `visits` only when
//! its sentence speaks of the future or of a cancellation ([`crate::dates::status_cue`]);
//! a named organization gives `multilateral` only in a sentence about work within it
//! ("within", "meeting", "accession"); sentences that recall background ("recalled")
//! give nothing. Cues inside official titles and organization names ("National
//! Security Advisor", "Ministry of Health") do not count.
//!
//! The cue hits come from the gazetteer pass of [`crate::mentions`], which finds them in
//! the same walk over the text.
//!
//! `gold_eval` (tests only) scores topics and quantities against the gold of
//! `../shared/corpus` and `../shared/real`.

#[cfg(test)]
mod gold_eval;

use crate::record::{Span, Topic};
use attache_lexicon::topics::{CueHit, CueKind};
use std::collections::BTreeMap;

/// Rough sentence spans for callers that have none: breaks after `.`, `!`, `?` followed
/// by a space and a capital or digit, and at blank lines and line ends.
fn rough_sentences(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let brk = match b[i] {
            b'\n' => Some(i + 1),
            b'.' | b'!' | b'?'
                if i + 2 < b.len()
                    && b[i + 1] == b' '
                    && (b[i + 2].is_ascii_uppercase() || b[i + 2].is_ascii_digit()) =>
            {
                Some(i + 1)
            }
            _ => None,
        };
        if let Some(end) = brk {
            if text.get(start..end).is_some_and(|s| !s.trim().is_empty()) {
                out.push(Span::new(start, end));
            }
            start = end;
        }
        i += 1;
    }
    if text.get(start..).is_some_and(|s| !s.trim().is_empty()) {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// Head nouns of the names of institutions and offices: a cue inside a capitalized name
/// with one of these ("Coordinating Minister for Maritime Affairs and Investment",
/// "U.S.-EU Trade and Technology Council", "Ministry of Health") names the body, not a
/// subject of the release. Names without one ("Trans-Caspian International Transport
/// Route", "Agreement on Peace") keep their cues.
const INSTITUTION_HEADS: [&str; 24] = [
    "Minister",
    "Ministry",
    "Ministers",
    "Council",
    "Commission",
    "Committee",
    "Advisor",
    "Adviser",
    "Secretary",
    "Department",
    "Agency",
    "Office",
    "Center",
    "Centre",
    "Bank",
    "Fund",
    "Conference",
    "Corporation",
    "Company",
    "Plant",
    "Representative",
    "Envoy",
    "Directorate",
    "Service",
];

/// [`INSTITUTION_HEADS`] as a [`crate::wordset::WordSet`].
fn institution_heads() -> &'static crate::wordset::WordSet {
    static SET: std::sync::OnceLock<crate::wordset::WordSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| crate::wordset::WordSet::new(INSTITUTION_HEADS))
}

/// True when the capitalized cue at `start..end` lies inside a capitalized name that
/// has an institution head noun.
fn in_institution_name(text: &str, start: usize, end: usize) -> bool {
    if !text[start..].starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let heads = institution_heads();
    let connector = |w: &str| matches!(w, "of" | "for" | "and" | "the" | "on" | "&" | "in");
    let capital = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    let clean = crate::sentences::trim_to_alnum;
    let breaks = |w: &str| w.ends_with([',', ';', ':', '.', ')', '(', '"', '»', '«']);
    // Words to the left, nearest first.
    let left = text[..start].split_whitespace().rev().take(8);
    let right = text[end..].split_whitespace().take(8);
    let cue_word = clean(&text[start..end]);
    if heads.contains(cue_word) {
        return true;
    }
    for w in left {
        if breaks(w) {
            break;
        }
        let c = clean(w);
        if heads.contains(c) {
            return true;
        }
        if !(capital(c) || connector(c)) {
            break;
        }
    }
    if breaks(&text[start..end]) {
        return false;
    }
    for w in right {
        let c = clean(w);
        if heads.contains(c) {
            return true;
        }
        if !(capital(c) || connector(c)) || breaks(w) {
            break;
        }
    }
    false
}

/// Spans of official titles and organization names the gazetteer finds in `text`, for
/// [`find_topics_in`].
#[cfg(test)]
pub(crate) fn name_spans(text: &str) -> Vec<Span> {
    attache_lexicon::lexicon()
        .find(text)
        .into_iter()
        .filter(|h| {
            matches!(
                h.what,
                attache_lexicon::HitKind::Title(_) | attache_lexicon::HitKind::Organization(_)
            )
        })
        .map(|h| Span::new(h.start, h.end))
        .collect()
}

/// The bit of a cue kind in a set of kinds.
fn kind_bit(k: CueKind) -> u32 {
    1 << (k as u32)
}

/// Drop cues inside `names` (official titles and organization names: "National
/// Security Advisor", "Minister of Energy", "World Trade Organization"): they name a
/// role or a body, not a subject. `multilateral` cues themselves stay.
fn mask_names(names: &[Span], hits: &mut Vec<CueHit>) {
    if names.is_empty() {
        return;
    }
    let mut n = 0;
    for hit in hits.iter_mut() {
        while n < names.len() && names[n].end <= hit.start {
            n += 1;
        }
        let inside = names[n..]
            .iter()
            .take_while(|s| s.start <= hit.start)
            .any(|s| s.start <= hit.start && hit.end <= s.end);
        if inside {
            hit.cues.retain(|c| c.topic == Some("multilateral"));
        }
    }
    hits.retain(|h| !h.cues.is_empty());
}

/// The topics of `text`, sorted by name, each with the cue spans that justify it.
/// `sentences` are the sentence spans of the text (rough ones are made when empty).
/// Runs the gazetteer for title and organization names; a caller that already has
/// them should use [`find_topics_in`].
#[cfg(test)]
pub(crate) fn find_topics(text: &str, sentences: &[Span]) -> Vec<Topic> {
    let hits = attache_lexicon::topics::topic_cues().find(text);
    find_topics_in(text, sentences, &name_spans(text), hits)
}

/// [`find_topics`] with the spans of official titles and organization names given
/// (sorted by start; mention spans of kind Title and Organization will do).
/// `hits` are the topic cues of `text` ([`attache_lexicon::topics::TopicCues::find`], or
/// the cues of [`attache_lexicon::Lexicon::find_with_cues`]).
pub(crate) fn find_topics_in(
    text: &str,
    sentences: &[Span],
    names: &[Span],
    hits: Vec<CueHit>,
) -> Vec<Topic> {
    let own;
    let sentences = if sentences.is_empty() {
        own = rough_sentences(text);
        &own[..]
    } else {
        sentences
    };
    let mut hits = hits;
    mask_names(names, &mut hits);
    for h in hits.iter_mut() {
        if in_institution_name(text, h.start, h.end) {
            h.cues.retain(|c| c.topic == Some("multilateral"));
        }
    }
    hits.retain(|h| !h.cues.is_empty());
    let mut evidence: BTreeMap<&'static str, Vec<Span>> = BTreeMap::new();
    let mut h = 0;
    for s in sentences {
        // Hits inside this sentence.
        while h < hits.len() && hits[h].start < s.start {
            h += 1;
        }
        let first = h;
        while h < hits.len() && hits[h].end <= s.end {
            h += 1;
        }
        let in_sentence: &[CueHit] = &hits[first..h];
        if in_sentence.is_empty() {
            continue;
        }
        // The kinds of cue the sentence holds, read once.
        let kinds = in_sentence
            .iter()
            .flat_map(|x| x.cues.iter())
            .fold(0u32, |m, c| m | kind_bit(c.kind));
        let has = |k: CueKind| kinds & kind_bit(k) != 0;
        if has(CueKind::Past) {
            continue;
        }
        let context = has(CueKind::Context) || has(CueKind::Strong);
        let org_context = has(CueKind::OrgContext);
        let future = has(CueKind::Contact) && crate::dates::status_cue(s.of(text)).is_some();
        for hit in in_sentence {
            for c in &hit.cues {
                let Some(topic) = c.topic else { continue };
                let counts = match c.kind {
                    CueKind::Strong => true,
                    CueKind::Weak | CueKind::Block => context,
                    CueKind::Contact => future,
                    CueKind::Org => org_context,
                    CueKind::Context | CueKind::OrgContext | CueKind::Past => false,
                };
                if counts {
                    let v = evidence.entry(topic).or_default();
                    let span = Span::new(hit.start, hit.end);
                    if !v.contains(&span) {
                        v.push(span);
                    }
                }
            }
        }
    }
    evidence
        .into_iter()
        .map(|(topic, evidence)| Topic {
            topic: topic.to_string(),
            evidence,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        find_topics(text, &[])
            .into_iter()
            .map(|t| t.topic)
            .collect()
    }

    #[test]
    fn seed_sentences() {
        let text = "The sides stressed the importance of increasing joint work in the spheres of \
            industrial and technological cooperation between the two countries and agro-industrial complex. \
            The parties also agreed on the need to intensify cooperation between the regions of Belarus and \
            Kazakhstan, as well as in the field of training specialists. Special attention was paid to the \
            schedule of bilateral visits for the current year. The prospects for intensifying cooperation in \
            the integration structures - CIS, EAEU, SCO, CSTO, CICA, as well as further coordination at the \
            UN and OSCE platforms were considered.";
        assert_eq!(
            names(text),
            [
                "agriculture",
                "education",
                "industry",
                "multilateral",
                "regions",
                "technology",
                "visits"
            ]
        );
    }

    #[test]
    fn evidence_points_at_the_cues() {
        let text = "The ministers discussed trade and energy.";
        let t = find_topics(text, &[]);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].topic, "energy");
        assert_eq!(t[0].evidence[0].of(text), "energy");
        assert_eq!(t[1].evidence[0].of(text), "trade");
    }

    #[test]
    fn weak_cues_need_a_cooperation_sentence() {
        assert!(
            names("Citizens can contact the hotline of the Embassy.")
                .contains(&"consular".to_string())
        );
        assert!(names("The visit was brief. The water was cold.").is_empty());
        assert_eq!(
            names("They agreed to cooperate on water management and water."),
            ["environment"]
        );
    }

    #[test]
    fn visits_need_a_future_contact() {
        assert_eq!(
            names("The next meeting of the Commission will be held in Minsk."),
            ["visits"]
        );
        assert_eq!(
            names("The visit planned for 27 January has been cancelled."),
            ["visits"]
        );
        assert!(names("The minister arrived on an official visit.").is_empty());
    }

    #[test]
    fn cues_inside_institution_names_do_not_count() {
        assert!(
            names("He spoke with the Coordinating Minister for Maritime Affairs and Investment.")
                .is_empty()
        );
        assert!(
            names("They discussed the work of the U.S.-EU Trade and Technology Council.")
                .is_empty()
        );
        assert_eq!(
            names("They discussed the Trans-Caspian International Transport Route."),
            ["transport"]
        );
    }

    #[test]
    fn background_sentences_give_nothing() {
        assert!(
            names(
                "He recalled the visit, which gave impetus to cooperation in trade and industry."
            )
            .is_empty()
        );
        assert!(names("The Minister of Defence attended the ceremony.").is_empty());
    }
}
