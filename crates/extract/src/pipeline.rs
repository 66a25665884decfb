//! The extraction pipeline: sentences → gazetteer and company mentions → persons →
//! publisher → coreference → dates → events → topics and quantities → [`Record`].

use crate::actors::{self, Person};
use crate::dates::{self, DateMention};
use crate::mentions::{self, Ent, EntMention};
use crate::record::{Actor, Mention, MentionKind, Record, Span};
use crate::sentences::{self, Token};
use crate::{coref, events, quantities};
use attache_ingest::Document;
use attache_lexicon::{Place, PlaceKind};

/// Everything the event extractor needs about one document.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub published: Option<jiff::civil::Date>,
    pub sentences: Vec<Span>,
    pub toks: Vec<Token>,
    /// Token range of each sentence.
    pub sent_tok: Vec<(usize, usize)>,
    pub ents: Vec<EntMention>,
    pub dates: Vec<DateMention>,
    pub persons: Vec<Person>,
    pub actors: Vec<Actor>,
    pub publisher: Option<String>,
    pub refs: Vec<Vec<(usize, Span)>>,
    /// Pattern classes of each token (see `attache_lexicon::events::class`).
    pub classes: Vec<u32>,
    /// Paragraphs of the text, in order.
    pub paragraphs: Vec<Span>,
    /// The lists of people of the text ([`actors::people_lists`]).
    pub people_lists: Vec<actors::PeopleList>,
    /// Where the release is set: a place in the headline's dateline ("… – Brasília,
    /// October 6-8, 2025", "(Paris, 17 February 2025)", "… in Cape Town") or at the head
    /// of the text ("ASTANA, 21 May –").
    pub setting: Option<crate::record::Location>,
    /// The named building of each sentence, once looked for (see `events::named_venue`):
    /// `None` not yet, `Some(None)` none.
    pub venues: std::cell::RefCell<Vec<Option<Option<Span>>>>,
}

/// Turn a document into a record.
pub fn extract(doc: &Document) -> Record {
    let text = doc.text.as_str();
    let sentences = sentences::split(text);
    let toks = sentences::tokens(text, Span::new(0, text.len()));
    let mut sent_of = vec![usize::MAX; toks.len()];
    let mut sent_tok = Vec::with_capacity(sentences.len());
    {
        let mut t = 0;
        for (si, s) in sentences.iter().enumerate() {
            while t < toks.len() && toks[t].start < s.start {
                t += 1;
            }
            let t0 = t;
            while t < toks.len() && toks[t].end <= s.end {
                sent_of[t] = si;
                t += 1;
            }
            sent_tok.push((t0, t));
        }
    }
    let (mut ents, names, cues) = mentions::find_with_names(text, &toks);
    mentions::short_org_names(text, &toks, &mut ents);
    let people_lists = actors::people_lists(text);
    let mut persons = actors::find_persons(text, &toks, &sent_of, &ents, &people_lists);

    // Persons of the title (for "The President" in a readout).
    let (title_persons, title_place) = match doc.title.as_deref() {
        Some(t) if !t.is_empty() => {
            let ts = sentences::split(t);
            let tt = sentences::tokens(t, Span::new(0, t.len()));
            let mut so = vec![usize::MAX; tt.len()];
            for (i, tok) in tt.iter().enumerate() {
                so[i] = coref::sentence_of(&ts, tok.start).unwrap_or(usize::MAX);
            }
            let te = mentions::find(t, &tt);
            let place = dateline_place(t, &te, false);
            (
                actors::find_persons(t, &tt, &so, &te, &actors::people_lists(t)),
                place,
            )
        }
        _ => (Vec::new(), None),
    };
    // Persons of the title lend their country and fuller name to the same persons in
    // the text ("Readout of … Call with President Vladimir Putin of Russia").
    for p in persons.iter_mut() {
        if let Some(tp) = title_persons.iter().find(|tp| tp.key == p.key) {
            if p.country.is_none() && tp.country_explicit {
                p.country = tp.country.clone();
                p.country_explicit = true;
            }
            if tp.name.split(' ').count() > p.name.split(' ').count() && !tp.name.contains('.') {
                p.name = tp.name.clone();
            }
        }
    }
    let first_person = persons
        .iter()
        .min_by_key(|p| p.spans.first().map_or(usize::MAX, |s| s.start));
    // When the release opens with a named official of a stated country, the publisher
    // is the country whose named officials the release mentions most (its own minister
    // is named again and again: "S.Aleinik", "the Minister").
    let first_person_country = first_person.filter(|p| p.country_explicit).and_then(|fp| {
        let mut counts: Vec<(&str, usize, usize)> = Vec::new();
        // Ambassadors are usually the other side's; count them only when nobody else.
        let non_diplomats = persons.iter().any(|p| {
            p.country_explicit && !p.title_ranks.contains(&attache_lexicon::Rank::Diplomat)
        });
        // An official named by title alone is usually the publisher's own, and the
        // qualified ones the other side's ("Foreign Minister Annalena Baerbock" and "The
        // Russian Ambassador, Sergey Nechayev"): the persons do not tell the publisher.
        if persons
            .iter()
            .any(|p| !p.country_explicit && !p.titles.is_empty())
        {
            return None;
        }
        for p in persons.iter().filter(|p| {
            p.country_explicit
                && (!non_diplomats || !p.title_ranks.contains(&attache_lexicon::Rank::Diplomat))
        }) {
            let Some(c) = p.country.as_deref() else {
                continue;
            };
            let first = p.spans.first().map_or(usize::MAX, |s| s.start);
            match counts.iter_mut().find(|(x, _, _)| *x == c) {
                Some(e) => {
                    e.1 += p.spans.len();
                    e.2 = e.2.min(first);
                }
                None => counts.push((c, p.spans.len(), first)),
            }
        }
        counts
            .iter()
            .max_by_key(|(_, n, first)| (*n, std::cmp::Reverse(*first)))
            .map(|(c, _, _)| (*c).to_string())
            .or_else(|| fp.country.clone())
    });
    let person_countries: Vec<String> = persons
        .iter()
        .filter(|p| p.country_explicit)
        .filter_map(|p| p.country.clone())
        .collect();
    let own_unqualified = persons
        .iter()
        .any(|p| !p.country_explicit && !p.titles.is_empty() && p.organization.is_none());
    let publisher = crate::publisher::publisher(
        doc,
        &ents,
        first_person_country.as_deref(),
        &person_countries,
        own_unqualified,
    );
    let first_key = first_person.map(|p| p.key.clone());
    // The country the release is set in, by its headline or dateline.
    let set_in = title_place
        .or_else(|| dateline_place(text, &ents, true))
        .and_then(|p| p.country);
    assign_countries(
        text,
        &sentences,
        &ents,
        &mut persons,
        publisher.as_deref(),
        first_key.as_deref(),
        set_in,
    );
    // Places absorbed into personal names ("Ararat Mirzoyan") are not places.
    ents.retain(|m| {
        m.place().is_none()
            || !persons.iter().any(|p| {
                p.spans.iter().any(|s| {
                    (s.start <= m.span.start && m.span.end <= s.end)
                        // "Ararat Mirzoyan" where only "Mirzoyan" was taken as a name.
                        || (s.start == m.span.end + 1
                            && p.name.starts_with(m.span.of(text))
                            && p.name.len() > m.span.of(text).len())
                })
            })
    });
    // Places inside an organization's name ("Norfolk State University", "University of
    // Massachusetts"): the name's head word (data/person_cues.tsv `orghead`) follows, or
    // "University of" (data/company_cues.tsv `org_of`) comes before.
    let orghead = &crate::actors::cues().orghead;
    ents.retain(|m| {
        if m.place().is_none() {
            return true;
        }
        let after = text.get(m.span.end..).unwrap_or("");
        let after = after.strip_prefix(" State").unwrap_or(after);
        let next = after
            .strip_prefix(' ')
            .and_then(|r| r.split([' ', ',', '.', ';', ')']).next())
            .unwrap_or("");
        let before = text.get(..m.span.start).unwrap_or("");
        !(orghead.contains(next) || crate::mentions::company_cues().org_of_before(before))
    });
    let refs = coref::resolve(
        text,
        &sentences,
        &ents,
        &mut persons,
        &title_persons,
        publisher.as_deref(),
    );
    let date_toks = dates::tokens::tokenize_with_words(text, &toks);
    let dates = dates::find_dates_in(text, &date_toks, doc.published);
    let actors: Vec<Actor> = persons
        .iter()
        .map(|p| Actor {
            name: p.name.clone(),
            titles: p.titles.clone(),
            country: p.country.clone(),
            organization: p.organization.clone(),
            sector: p.sector,
            spans: p.spans.clone(),
        })
        .collect();
    let classes = token_classes(text, &toks, &ents, &persons);
    let mut ctx = Ctx {
        text,
        published: doc.published,
        sentences,
        toks,
        sent_tok,
        ents,
        dates,
        persons,
        actors,
        publisher,
        refs,
        classes,
        paragraphs: doc
            .paragraphs
            .iter()
            .filter(|p| p.start <= p.end && p.end <= text.len())
            .map(|p| Span::new(p.start, p.end))
            .collect(),
        people_lists,
        setting: None,
        venues: std::cell::RefCell::new(Vec::new()),
    };
    ctx.setting = title_place
        .or_else(|| dateline_place(text, &ctx.ents, true))
        .map(|p| crate::record::Location {
            place: Some(p.name.to_string()),
            country: p.country.map(str::to_string),
            // The evidence: where the text names the place (none when only the headline).
            span: ctx
                .ents
                .iter()
                .find(|m| m.place().is_some_and(|q| q.name == p.name))
                .map(|m| m.span),
        });
    let events = events::extract_events(&ctx);
    let mentions = build_mentions(&ctx);
    let topics = crate::topics::find_topics_in(text, &ctx.sentences, &names, cues);
    let mut quantities = quantities::find_quantities_in(text, &date_toks);
    quantities::localize_dollars(text, &mut quantities, ctx.publisher.as_deref());
    Record {
        doc_id: doc.id.clone(),
        extractor: crate::EXTRACTOR_VERSION.to_string(),
        sentences: ctx.sentences,
        mentions,
        actors: ctx.actors,
        events,
        topics,
        quantities,
    }
}

fn build_mentions(ctx: &Ctx) -> Vec<Mention> {
    let text = ctx.text;
    let mut out: Vec<Mention> = Vec::new();
    // A building inside a city the release names ("received at the Quirinale" in a
    // release from Rome) is where an event happened, not a place the release mentions.
    let in_named_city = |v: &Place| {
        ctx.ents.iter().any(|m| {
            m.place().is_some_and(|c| {
                matches!(
                    c.kind,
                    PlaceKind::Capital | PlaceKind::AdminCentre | PlaceKind::City
                ) && c.country == v.country
            })
        })
    };
    for m in &ctx.ents {
        if let Ent::Place(p) = m.ent
            && p.kind == PlaceKind::Venue
            && in_named_city(p)
        {
            continue;
        }
        let surface = m.span.of(text).to_string();
        let (kind, entity, country) = match m.ent {
            Ent::Country(iso, _) => (MentionKind::Country, iso.to_string(), None),
            Ent::Place(p) => (
                MentionKind::Place,
                p.name.to_string(),
                p.country.map(str::to_string),
            ),
            Ent::Org(o) => (
                MentionKind::Organization,
                o.reported_key().to_string(),
                None,
            ),
            Ent::Title(t) => (MentionKind::Title, t.canonical.to_string(), None),
            Ent::Company => (MentionKind::Company, surface.clone(), None),
        };
        out.push(Mention {
            span: m.span,
            kind,
            surface,
            entity,
            country,
        });
    }
    for p in &ctx.persons {
        for s in &p.spans {
            out.push(Mention {
                span: *s,
                kind: MentionKind::Person,
                surface: s.of(text).to_string(),
                entity: p.name.clone(),
                country: p.country.clone(),
            });
        }
    }
    for d in &ctx.dates {
        out.push(Mention {
            span: d.span,
            kind: MentionKind::Date,
            surface: d.span.of(text).to_string(),
            entity: dates::date_string(d.date),
            country: None,
        });
    }
    // The publisher's own country is mentioned even when unnamed.
    if let Some(p) = &ctx.publisher
        && !out
            .iter()
            .any(|m| m.kind == MentionKind::Country && &m.entity == p)
        && is_country_code(p)
    {
        out.push(Mention {
            span: Span::new(0, 0),
            kind: MentionKind::Country,
            surface: String::new(),
            entity: p.clone(),
            country: None,
        });
    }
    out.sort_by_key(|m| (m.span.start, m.span.end));
    out
}

/// Is `code` the ISO3 code of a country of the lexicon (as
/// [`attache_lexicon::Lexicon::country`] finds it: ASCII case ignored, spaces trimmed)?
/// One hash lookup instead of a scan of every country.
fn is_country_code(code: &str) -> bool {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static CODES: OnceLock<HashSet<String>> = OnceLock::new();
    let codes = CODES.get_or_init(|| {
        attache_lexicon::lexicon()
            .countries()
            .map(|c| c.iso3.to_ascii_uppercase())
            .collect()
    });
    let code = code.trim();
    let mut buf = [0u8; 8];
    match code.as_bytes() {
        b if b.len() <= buf.len() => {
            for (d, s) in buf.iter_mut().zip(b) {
                *d = s.to_ascii_uppercase();
            }
            std::str::from_utf8(&buf[..b.len()]).is_ok_and(|k| codes.contains(k))
        }
        _ => codes.contains(&code.to_ascii_uppercase()),
    }
}

/// Pattern classes of every token: capitalised, and covered by which kind of mention.
fn token_classes(text: &str, toks: &[Token], ents: &[EntMention], persons: &[Person]) -> Vec<u32> {
    use attache_lexicon::events::class;
    let mut out: Vec<u32> = toks
        .iter()
        .map(|t| {
            // The first byte decides for ASCII; other characters are decoded.
            let cap = match text.as_bytes().get(t.start) {
                Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                _ => text
                    .get(t.start..t.end)
                    .and_then(|w| w.chars().next())
                    .is_some_and(char::is_uppercase),
            };
            if cap { class::CAP } else { 0 }
        })
        .collect();
    // The first token ending after a span's start: a few steps on from the last one
    // when the spans come in order (the mentions), else by bisection.
    let mut last = (0usize, 0usize);
    let mut mark = |span: Span, bits: u32| {
        let before = |t: &Token| t.end <= span.start;
        let i0 = if span.start >= last.0 {
            let near = toks.len().min(last.1 + 8);
            match toks[last.1..near].iter().position(|t| !before(t)) {
                Some(k) => last.1 + k,
                None => near + toks[near..].partition_point(before),
            }
        } else {
            toks.partition_point(before)
        };
        last = (span.start, i0);
        for (i, t) in toks.iter().enumerate().skip(i0) {
            if t.start >= span.end {
                break;
            }
            out[i] |= bits;
        }
    };
    for m in ents {
        let bits = match m.ent {
            Ent::Country(..) => class::COUNTRY,
            Ent::Place(_) => class::PLACE,
            Ent::Org(_) => class::ORG,
            Ent::Title(_) => class::TITLE,
            Ent::Company => 0,
        };
        mark(m.span, bits);
    }
    for p in persons {
        for s in &p.spans {
            mark(*s, class::PERSON);
        }
    }
    // "India-Ethiopia", "Australia–Papua New Guinea": two countries joined by a dash.
    for w in ents.windows(2) {
        if let (Ent::Country(a, _), Ent::Country(b, _)) = (&w[0].ent, &w[1].ent)
            && a != b
            && matches!(
                text.get(w[0].span.end..w[1].span.start),
                Some("-" | "–" | "—")
            )
        {
            mark(w[1].span, class::PAIR);
        }
    }
    out
}

/// Countries of officials named with an unqualified title: the country of the place
/// where they receive or meet the publisher's official ("was received by President
/// Bashar al-Assad" in Damascus), else the publisher's.
/// The place a headline or the head of a text is set in: a city or venue after a dash,
/// comma, opening parenthesis or "in", followed by a comma, a closing parenthesis, a
/// date or the end ("… – Brasília, October 6-8, 2025", "(Paris, 17 February 2025)");
/// in a text (`at_start`), only a dateline at its very start ("ASTANA, 21 May –").
fn dateline_place(
    s: &str,
    ents: &[EntMention],
    at_start: bool,
) -> Option<&'static attache_lexicon::Place> {
    ents.iter().find_map(|m| {
        let p = m.place()?;
        if p.kind == attache_lexicon::PlaceKind::Region {
            return None;
        }
        let before = s.get(..m.span.start)?.trim_end();
        let after = s.get(m.span.end..)?;
        if at_start {
            let fits = before.is_empty() && (after.starts_with(',') || after.starts_with(" –"));
            return fits.then_some(p);
        }
        let intro = before.is_empty()
            || before.ends_with(['–', '—', '-', ',', '('])
            || before.ends_with(" in");
        let outro = after.is_empty()
            || after.starts_with(',')
            || after.starts_with(')')
            || after.trim_start().is_empty();
        (intro && outro).then_some(p)
    })
}

fn assign_countries(
    text: &str,
    sentences: &[Span],
    ents: &[EntMention],
    persons: &mut [Person],
    publisher: Option<&str>,
    first_key: Option<&str>,
    set_in: Option<&'static str>,
) {
    // The country each sentence is set in: its first place (or "in Country"), carried
    // forward.
    let mut sent_loc: Vec<Option<&'static str>> = Vec::with_capacity(sentences.len());
    let mut cur: Option<&'static str> = None;
    // Without a dateline, the first place the release is set in: a new paragraph starts
    // back there (a place told in passing, "a power plant in Garissa", does not carry on).
    let mut first_loc: Option<&'static str> = None;
    // Mentions sorted by start (as they come): each sentence looks only at those that
    // start inside it.
    let sorted = ents.is_sorted_by_key(|m| m.span.start);
    let mut prev_end = 0;
    for s in sentences {
        // A new paragraph starts back where the release is set (its dateline, else its
        // first place): a place told before ("its 7th Session, held in Nairobi in May
        // 2025") is not.
        if text
            .get(prev_end..s.start)
            .is_some_and(|g| g.contains("\n\n"))
        {
            cur = set_in.or(first_loc);
        }
        prev_end = s.end;
        let from = if sorted {
            ents.partition_point(|m| m.span.start < s.start)
        } else {
            0
        };
        for m in ents[from..]
            .iter()
            .take_while(|m| !sorted || m.span.start <= s.end)
            .filter(|m| m.span.start >= s.start && m.span.end <= s.end)
            // Only a place of a known country or a country's name can set the sentence.
            .filter(|m| match m.ent {
                Ent::Place(p) => p.country.is_some(),
                Ent::Country(_, form) => matches!(
                    form,
                    attache_lexicon::CountryForm::Name | attache_lexicon::CountryForm::OfficialName
                ),
                _ => false,
            })
        {
            let before = text.get(s.start..m.span.start).unwrap_or("").trim_end();
            // "in Accra", "to the Republic of Ghana"
            let before = before.strip_suffix(" the").unwrap_or(before);
            // The preposition before the mention ("In Tashkent", "in Accra") and the
            // word before it.
            let (prep, prev) = crate::sentences::last_two_by_space(before);
            let prep_in = prep.eq_ignore_ascii_case("in");
            // "the situation in Gaza" is a subject of the talks, not a setting.
            let cues = crate::actors::cues();
            // … nor is where a meeting to come will be held ("whose first session is to be
            // held in Jakarta").
            let topic = prep_in
                && (cues.subject_in(text.get(s.start..m.span.start).unwrap_or(""))
                    || cues.planned_in.iter().any(|w| before.ends_with(w)));
            let intro = (prep_in && !topic) || prep == "to" || before.is_empty();
            match m.ent {
                Ent::Place(p) if p.country.is_some() && intro => {
                    cur = p.country;
                    break;
                }
                Ent::Country(
                    iso,
                    attache_lexicon::CountryForm::Name | attache_lexicon::CountryForm::OfficialName,
                ) if {
                    // "the situation in Sudan" is a subject of the talks, "exports to
                    // China" a destination; "in Kenya", "a visit to Kenya" a setting.
                    (prep_in && !topic)
                        || (prep == "to" && prev.is_some_and(|w| cues.setting_to.contains(w)))
                } =>
                {
                    cur = Some(iso);
                    break;
                }
                _ => {}
            }
        }
        if first_loc.is_none() {
            first_loc = cur;
        }
        sent_loc.push(cur);
    }
    // "… of President of Iran Ebrahim Raisi, Minister of Foreign Affairs Hossein
    // Amir-Abdollahian": in a list, an unqualified official shares the country of the
    // qualified one before.
    let listed: Vec<(usize, String)> = persons
        .iter()
        .enumerate()
        .filter(|(_, p)| p.country.is_none())
        .filter_map(|(i, p)| {
            let pos = p.first_mention()?;
            let before = text.get(..pos)?.trim_end();
            let before = match before
                .strip_suffix(',')
                .or_else(|| before.strip_suffix(" and"))
            {
                Some(b) => b.trim_end(),
                None => {
                    // "…, Dr. Vikram Rao, and Raksha Mantri (Defence Minister) Shri Anil
                    // Menon": past a title's words the lexicon does not hold.
                    let mut b = before.strip_suffix('(').unwrap_or(before).trim_end();
                    for _ in 0..5 {
                        match b.rsplit_once(' ') {
                            Some((rest, w))
                                if w.trim_start_matches('(').starts_with(char::is_uppercase) =>
                            {
                                b = rest
                            }
                            _ => break,
                        }
                    }
                    let b = b.strip_suffix(" and")?.trim_end();
                    b.strip_suffix(',').unwrap_or(b).trim_end()
                }
            };
            let end = before.len();
            persons
                .iter()
                .find(|q| q.country_explicit && q.spans.iter().any(|s| s.end == end))
                .and_then(|q| q.country.clone())
                .map(|c| (i, c))
        })
        .collect();
    for (i, c) in listed {
        persons[i].country = Some(c);
    }
    // "The Uzbek delegation was headed by First Deputy Minister Farrukh Tursunov": the
    // leader of a group is of the group's country.
    let cues = crate::actors::cues();
    // A person without a country yet: the sentence of its first mention, and the text of
    // that sentence before it.
    let head_of = |p: &Person| -> Option<(usize, &str)> {
        if p.country.is_some() {
            return None;
        }
        let pos = p.first_mention()?;
        let si = coref::sentence_of(sentences, pos)?;
        Some((si, text.get(sentences[si].start..pos)?.trim_end()))
    };
    // The countries the release names (looked for once, when first needed).
    let named = std::cell::OnceCell::new();
    let named = || named.get_or_init(|| named_countries(text, ents));
    // The last bytes of the leader phrases: a clause that ends otherwise ends with none
    // (no table when a phrase is empty).
    let leader_last: Option<&[bool; 256]> = {
        static LAST: std::sync::OnceLock<Option<[bool; 256]>> = std::sync::OnceLock::new();
        LAST.get_or_init(|| {
            let mut t = [false; 256];
            for w in &cues.leader {
                t[usize::from(*w.as_bytes().last()?)] = true;
            }
            Some(t)
        })
        .as_ref()
    };
    let leaders: Vec<(usize, &'static str)> = persons
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let (si, before) = head_of(p)?;
            // "… was led by the Minister of …", "headed by Principal Secretary Dr. …":
            // capitalised words the title does not hold may come between ("… led by the
            // Minister of Investment, Industry and Trade, Jasur Aliyev").
            let mut before = before;
            let mut lead = None;
            for _ in 0..10 {
                let b = before.strip_suffix(" the").unwrap_or(before);
                let may_end =
                    |t: &[bool; 256]| b.as_bytes().last().is_some_and(|&x| t[usize::from(x)]);
                lead = if leader_last.is_none_or(may_end) {
                    cues.leader.iter().find(|w| b.ends_with(*w))
                } else {
                    None
                };
                if lead.is_some() {
                    before = b;
                    break;
                }
                match before.rsplit_once(' ') {
                    Some((rest, w))
                        if w.starts_with(char::is_uppercase) || cues.joiner.contains(w) =>
                    {
                        before = rest
                    }
                    _ => break,
                }
            }
            let lead = lead?;
            let clause = &before[..before.len() - lead.len()];
            // The group: the last group word of the clause, right after a country; when
            // the clause is a predicate ("…, was led by"), the sentence's subject.
            // ("The visiting delegation, headed by …": the chunk before the comma.)
            let last = clause
                .rsplit([',', ';'])
                .find(|c| !c.trim().is_empty())
                .unwrap_or(clause);
            let (clause, offset) = if cues
                .predicate
                .iter()
                .any(|w| last.trim_start().starts_with(w))
            {
                (clause.split([',', ';']).next().unwrap_or(clause), 0)
            } else {
                (last, clause.rfind(last).unwrap_or(0))
            };
            let base = sentences[si].start + offset;
            // "…, the Vietnamese one by Deputy Minister …": a leader phrase that opens with
            // a group word names the group right before it.
            let opens_group = lead
                .split(' ')
                .next()
                .is_some_and(|w| cues.group.contains(&w));
            let at = if opens_group {
                clause.trim_end().len()
            } else {
                cues.group
                    .iter()
                    .filter_map(|g| clause.rfind(&format!(" {g}")))
                    .max()?
            };
            if let Some(m) = crate::mentions::ending_at(ents, base + at) {
                return Some((i, m.country()?));
            }
            // "The visiting delegation": of the country the release names most, other
            // than the publisher's.
            let qualifier = clause[..at].rsplit(' ').next()?;
            if !cues.visiting.contains(&qualifier.to_lowercase().as_str()) {
                return None;
            }
            let at = p.first_mention().unwrap_or(0);
            Some((
                i,
                most_named(named(), at, |_| true, &|c| Some(c) != publisher)?,
            ))
        })
        .collect();
    for (i, c) in leaders {
        persons[i].country = Some(c.to_string());
        persons[i].country_explicit = true;
    }
    // "Secretary Aquino … conveyed the greetings of President Isabel Marcos-Reyes": the
    // official on whose behalf the sentence's first-named person acts is of that
    // person's country.
    let on_behalf: Vec<(usize, String)> = persons
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let (si, before) = head_of(p)?;
            let pos = sentences[si].start + before.len();
            if !actors::sent_by(before) {
                return None;
            }
            persons
                .iter()
                .filter(|q| q.country_explicit)
                .filter_map(|q| {
                    // The sentence's subject: named at its head, after nothing but its
                    // title ("Secretary Aquino …", not "In her visit with President …").
                    let first = q.spans.iter().find(|s| {
                        s.start >= sentences[si].start
                            && s.end <= pos
                            && text.get(sentences[si].start..s.start).is_some_and(|head| {
                                // "For his part, Ambassador Yusupov …": after the opening.
                                let head = head.rsplit(',').next().unwrap_or(head);
                                head.split_whitespace().all(|w| {
                                    w.chars().next().is_some_and(|c| !c.is_lowercase())
                                        || matches!(w, "the" | "of" | "and" | "for")
                                })
                            })
                    })?;
                    Some((first.start, q.country.clone()?))
                })
                .min_by_key(|(start, _)| *start)
                .map(|(_, c)| (i, c))
        })
        .collect();
    for (i, c) in on_behalf {
        persons[i].country = Some(c);
    }
    // The EU, the UN or NATO publishing: a national title ("President Ebrahim Raisi") is
    // another country's, the first one its sentence names.
    // (Looked up once, when first needed.)
    let mut org_publisher: Option<bool> = None;
    // Officials whose country the text states (first mention, country).
    let officials: Vec<(usize, String)> = persons
        .iter()
        .filter(|q| q.country_explicit && !q.titles.is_empty())
        .filter_map(|q| Some((q.first_mention()?, q.country.clone()?)))
        .collect();
    for p in persons.iter_mut() {
        if p.country.is_some() {
            continue;
        }
        let first = p.first_mention();
        let mut country = publisher.map(str::to_string);
        if *org_publisher.get_or_insert_with(|| publisher.is_some_and(|c| !is_country_code(c)))
            && p.organization.is_none()
            && let Some(pos) = first
            && let Some(si) = coref::sentence_of(sentences, pos)
        {
            country = crate::mentions::within(ents, sentences[si])
                .iter()
                .find_map(|m| m.country())
                .map(str::to_string)
                .or(country);
        }
        if first_key != Some(p.key.as_str())
            && let Some(pos) = first
            && let Some(si) = coref::sentence_of(sentences, pos)
            && let Some(loc) = sent_loc[si]
            && Some(loc) != publisher
        {
            let before = text.get(sentences[si].start..pos).unwrap_or("");
            // Back to the nearest "to": "an invitation from A to President B" makes A,
            // not B, the one met where the sentence is set.
            let words: Vec<&str> = before
                .split_whitespace()
                .rev()
                .take(6)
                .map(sentences::trim_to_alnum)
                .take_while(|w| *w != "to")
                .collect();
            // `words` run backwards from the official: a cue "call on" is "on" then "call".
            let contact = crate::actors::cues().host.iter().any(|cue| {
                (0..words.len()).any(|i| {
                    cue.iter()
                        .rev()
                        .enumerate()
                        .all(|(k, c)| words.get(i + k) == Some(c))
                })
            });
            if contact {
                country = Some(loc.to_string());
            }
        }
        // "Crown Prince Mohammed bin Salman" on a White House page: an office the
        // country does not have makes the official another country's — that of an
        // official of the same sentence whose country has the office, else the country
        // the release names most that has it — else of no known country.
        if country
            .as_deref()
            .is_some_and(|c| !crate::offices::holds_all(&p.titles, c))
        {
            let fits = |c: &str| crate::offices::holds_all(&p.titles, c);
            let si = first.and_then(|pos| coref::sentence_of(sentences, pos));
            let beside = si.and_then(|si| {
                officials
                    .iter()
                    .find(|(at, c)| coref::sentence_of(sentences, *at) == Some(si) && fits(c))
            });
            country = match beside {
                Some((_, c)) => Some(c.to_string()),
                None => {
                    // The sentences around the official first, then the whole release.
                    let around = si.map(|si| {
                        let from = sentences[si.saturating_sub(1)].start;
                        let to = sentences[(si + 1).min(sentences.len() - 1)].end;
                        from..to
                    });
                    let at = first.unwrap_or(0);
                    around
                        .and_then(|r| most_named(named(), at, |pos| r.contains(&pos), &fits))
                        .or_else(|| most_named(named(), at, |_| true, &fits))
                        .map(str::to_string)
                }
            };
        }
        if !p.titles.is_empty() || p.country.is_none() {
            p.country = country;
        }
    }
}

/// The country mentions of a text (country, position), but those of a subject of talks
/// ("the situation in Sudan").
fn named_countries(text: &str, ents: &[EntMention]) -> Vec<(&'static str, usize)> {
    let cues = crate::actors::cues();
    ents.iter()
        .filter_map(|m| match m.ent {
            Ent::Country(iso, _) if !cues.subject_in(text.get(..m.span.start).unwrap_or("")) => {
                Some((iso, m.span.start))
            }
            _ => None,
        })
        .collect()
}

/// Among the `named` countries at positions `within` that `fit`, the one named most
/// often; of equals, the one named nearest `at`.
fn most_named(
    named: &[(&'static str, usize)],
    at: usize,
    within: impl Fn(usize) -> bool,
    fits: &impl Fn(&str) -> bool,
) -> Option<&'static str> {
    let mut tally: Vec<(&'static str, usize, usize)> = Vec::new();
    for &(iso, pos) in named.iter().filter(|(iso, pos)| within(*pos) && fits(iso)) {
        let d = pos.abs_diff(at);
        match tally.iter_mut().find(|(c, _, _)| *c == iso) {
            Some((_, n, near)) => {
                *n += 1;
                *near = (*near).min(d);
            }
            None => tally.push((iso, 1, d)),
        }
    }
    tally
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|(iso, _, _)| iso)
}

#[cfg(test)]
mod tests {
    use super::is_country_code;

    #[test]
    fn country_codes_as_the_lexicon_finds_them() {
        let lex = attache_lexicon::lexicon();
        for c in lex.countries() {
            for code in [
                c.iso3.to_string(),
                c.iso3.to_ascii_lowercase(),
                format!(" {} ", c.iso3),
            ] {
                assert!(is_country_code(&code), "{code}");
                assert_eq!(is_country_code(&code), lex.country(&code).is_some());
            }
        }
        for code in [
            "EU",
            "UN",
            "NATO",
            "",
            "  ",
            "Belarus",
            "BLRX",
            "ÉU",
            "a very long code",
        ] {
            assert_eq!(is_country_code(code), lex.country(code).is_some(), "{code}");
        }
    }
}
