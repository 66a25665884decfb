//! Coreference: which person each sentence refers to — by name, by a singular title
//! ("the Minister", "the Belarusian Minister", "The President"), by "the colleague" /
//! "his counterpart", and (conservatively) by a sentence-initial "He"/"She" — resolved
//! to persons already named (or named in the document title).

use crate::actors::Person;
use crate::mentions::{Ent, EntMention};
use crate::record::Span;
use attache_lexicon::CountryForm;

/// Per sentence, the persons it refers to with the span of each reference, in order.
pub(crate) fn resolve(
    text: &str,
    sentences: &[Span],
    ents: &[EntMention],
    persons: &mut Vec<Person>,
    title_persons: &[Person],
    publisher: Option<&str>,
) -> Vec<Vec<(usize, Span)>> {
    let mut refs: Vec<Vec<(usize, Span)>> = vec![Vec::new(); sentences.len()];
    // Names.
    for (pi, p) in persons.iter().enumerate() {
        for s in &p.spans {
            if let Some(si) = sentence_of(sentences, s.start) {
                refs[si].push((pi, *s));
            }
        }
    }
    for r in refs.iter_mut() {
        r.sort_by_key(|(_, s)| s.start);
    }
    // Title phrases attached to names, sorted.
    let mut title_spans: Vec<(usize, usize)> = persons
        .iter()
        .flat_map(|p| p.title_spans.iter().map(|s| (s.start, s.end)))
        .collect();
    title_spans.sort_unstable();
    let mut last_mention: Vec<Option<usize>> = vec![None; persons.len()];
    let mut prev_subject: Option<usize> = None;
    // The nouns of "his counterpart" that the document contains at all (most contain
    // neither): searched for sentence by sentence only then.
    let cues = crate::actors::cues();
    let nouns: Vec<&str> = cues
        .counterpart
        .iter()
        .copied()
        .filter(|n| text.contains(n))
        .collect();
    for (si, sent) in sentences.iter().enumerate() {
        let s_text = text.get(sent.start..sent.end).unwrap_or("");
        let mut added: Vec<(usize, Span)> = Vec::new();
        // Singular titles not attached to a name.
        for m in crate::mentions::within(ents, *sent).iter() {
            let Ent::Title(t) = m.ent else { continue };
            // Part of a title phrase attached to a name (spans start before or at it).
            let k = title_spans.partition_point(|&(st, _)| st <= m.span.start);
            if title_spans[..k]
                .iter()
                .rev()
                .take(8)
                .any(|&(_, en)| m.span.end <= en)
            {
                continue;
            }
            // Plural titles ("Ministers", "Presidents") refer to nobody in particular.
            let surf = m.span.of(text);
            if surf.ends_with('s') && !surf.ends_with("ss") {
                continue;
            }
            let before = text.get(sent.start..m.span.start).unwrap_or("");
            let bt = before.trim_end();
            // "the Minister", "The President", "the Belarusian Minister", "the French
            // Minister" — a determiner (and possibly a demonym) right before.
            let mut adj_country: Option<&str> = None;
            // "In Accra, Prime Minister will hold talks": a bare title after an opening
            // phrase, followed by a verb, as India's releases write their own leader.
            let bare_after_opening = bt.ends_with(',')
                && text
                    .get(m.span.end..sent.end)
                    .and_then(|r| r.strip_prefix(' '))
                    .and_then(|r| r.split(' ').next())
                    .is_some_and(|w| {
                        w.starts_with(char::is_lowercase)
                            && !matches!(w, "of" | "and" | "for" | "to" | "at" | "in" | "on")
                    });
            let mut det_ok =
                bt.ends_with("the") || bt.ends_with("The") || bt.is_empty() || bare_after_opening;
            if !det_ok
                && let Some(a) = crate::mentions::ending_at(ents, bt.len() + sent.start)
                && let Ent::Country(iso, CountryForm::Adjective) = a.ent
            {
                let b2 = text.get(sent.start..a.span.start).unwrap_or("").trim_end();
                if b2.ends_with("the") || b2.ends_with("The") {
                    det_ok = true;
                    adj_country = Some(iso);
                }
            }
            if !det_ok {
                continue;
            }
            // "… of the Republic of X" after the title qualifies the country.
            let after = text.get(m.span.end..sent.end).unwrap_or("");
            let mut of_country = None;
            if after.starts_with(" of ")
                && let Some(x) = ents.iter().find(|x| {
                    x.span.start > m.span.end
                        && x.span.start <= m.span.end + 20
                        && x.country().is_some()
                })
            {
                of_country = x.country();
            }
            let want_country = adj_country.or(of_country);
            // Whoever holds a title containing it ("the Minister", "The President").
            let with_title: Vec<usize> = persons
                .iter()
                .enumerate()
                .filter(|(_, p)| p.titles.iter().any(|pt| pt.contains(t.canonical)))
                .map(|(i, _)| i)
                .collect();
            let cands: Vec<usize> = with_title
                .into_iter()
                .filter(|&i| want_country.is_none_or(|c| persons[i].country.as_deref() == Some(c)))
                .collect();
            // Prefer those whose title was written the same way ("the Foreign Secretary"
            // for "Foreign Secretary David Cameron", not for a "Foreign Minister").
            let surface = crate::sentences::to_lower(surf);
            let same_surface: Vec<usize> = cands
                .iter()
                .copied()
                .filter(|&i| {
                    persons[i]
                        .title_spans
                        .iter()
                        .any(|ts| crate::sentences::to_lower(ts.of(text)).contains(&surface))
                })
                .collect();
            let cands = if same_surface.is_empty() {
                cands
            } else {
                same_surface
            };
            // An unqualified "the President" in a release is its publisher's own.
            let cands = if want_country.is_none() && cands.len() > 1 {
                let own: Vec<usize> = cands
                    .iter()
                    .copied()
                    .filter(|&i| publisher.is_some() && persons[i].country.as_deref() == publisher)
                    .collect();
                if own.is_empty() { cands } else { own }
            } else {
                cands
            };
            let pick = match cands.len() {
                0 => None,
                1 => Some(cands[0]),
                _ => cands
                    .iter()
                    .copied()
                    .max_by_key(|&i| last_mention[i].map_or(0, |x| x + 1)),
            };
            let pick = pick.or_else(|| {
                // A person of the document title with this title ("Readout of President
                // Joseph R. Biden Call with …" resolves "The President").
                let tp = title_persons.iter().find(|p| {
                    p.titles.iter().any(|pt| pt.contains(t.canonical))
                        && want_country.is_none_or(|c| {
                            p.country.as_deref().unwrap_or(publisher.unwrap_or("")) == c
                        })
                })?;
                if let Some(i) = persons.iter().position(|p| p.key == tp.key) {
                    return Some(i);
                }
                let mut np = tp.clone();
                np.spans.clear();
                np.title_spans.clear();
                if np.country.is_none() {
                    np.country = publisher.map(str::to_string);
                }
                let ni = persons.len();
                persons.push(np);
                last_mention.push(None);
                Some(ni)
            });
            if let Some(pi) = pick {
                added.push((pi, m.span));
            }
        }
        // "the colleague", "his (French) counterpart" (not followed by a name).
        for &noun in &nouns {
            let mut from = 0;
            while let Some(i) = s_text[from..].find(noun) {
                let noun_start = from + i;
                from = noun_start + noun.len();
                // Plurals ("counterparts") and longer words refer to nobody in particular.
                if s_text[from..].starts_with(|c: char| c.is_alphanumeric()) {
                    continue;
                }
                // A determiner, possibly with an adjective between ("his French counterpart").
                let before = s_text[..noun_start].trim_end();
                let mut words = before.rsplit(' ');
                let w1 = words.next().unwrap_or("");
                let w2 = words.next().unwrap_or("");
                let det = |w: &str| cues.determiner.contains(&w);
                let start_rel = if det(w1) {
                    before.len() - w1.len()
                } else if det(w2) && w1.chars().next().is_some_and(char::is_uppercase) {
                    before.len() - w1.len() - 1 - w2.len()
                } else {
                    continue;
                };
                let st = sent.start + start_rel;
                let en = sent.start + noun_start + noun.len();
                // Followed by a name → that name is the reference.
                if refs[si]
                    .iter()
                    .any(|(_, s)| s.start >= en && s.start <= en + 2)
                {
                    continue;
                }
                let subject = refs[si]
                    .iter()
                    .chain(added.iter())
                    .find(|(_, s)| s.start < st)
                    .map(|(p, _)| *p)
                    .or(prev_subject);
                let subj_country = subject
                    .and_then(|p| persons.get(p))
                    .and_then(|p| p.country.clone());
                // The most recently mentioned person of another country.
                let other = (0..persons.len())
                    .filter(|&i| Some(i) != subject)
                    .filter(|&i| persons[i].country != subj_country || subj_country.is_none())
                    .filter(|&i| last_mention[i].is_some() || refs[si].iter().any(|(p, _)| *p == i))
                    .max_by_key(|&i| last_mention[i].map_or(0, |x| x + 1));
                if let Some(o) = other {
                    added.push((o, Span::new(st, en)));
                }
            }
        }
        // Sentence-initial "He"/"She" refers to the previous sentence's subject; so does
        // one right after an opening phrase that names no one ("In Wellington, he will
        // co-chair …", "On the same day, she met …").
        if (s_text.starts_with("He ") || s_text.starts_with("She "))
            && let Some(ps) = prev_subject
        {
            let len = if s_text.starts_with("He ") { 2 } else { 3 };
            added.push((ps, Span::new(sent.start, sent.start + len)));
        } else if let Some(ps) = prev_subject
            && let Some(comma) = s_text.find(',').filter(|&c| c < 61)
            && let Some(len) = [" he ", " she "]
                .iter()
                .find(|w| s_text[comma + 1..].starts_with(*w))
                .map(|w| w.len() - 2)
        {
            let start = sent.start + comma + 2;
            let named_before = refs[si].iter().any(|(_, sp)| sp.start < start)
                || added.iter().any(|(_, sp)| sp.start < start);
            if !named_before {
                added.push((ps, Span::new(start, start + len)));
            }
        }
        for (pi, sp) in &added {
            if let Some(p) = persons.get_mut(*pi)
                && !p.spans.contains(sp)
            {
                p.spans.push(*sp);
            }
        }
        refs[si].extend(added);
        refs[si].sort_by_key(|(_, s)| s.start);
        refs[si].dedup_by_key(|(p, _)| *p);
        if let Some((p, _)) = refs[si].first() {
            prev_subject = Some(*p);
        }
        for (p, _) in &refs[si] {
            if let Some(l) = last_mention.get_mut(*p) {
                *l = Some(si);
            }
        }
    }
    for p in persons.iter_mut() {
        p.spans.sort();
        p.spans.dedup();
    }
    refs
}

pub(crate) fn sentence_of(sentences: &[Span], pos: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.end <= pos);
    sentences.get(i).filter(|s| s.start <= pos).map(|_| i)
}
