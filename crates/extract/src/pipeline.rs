//! The extraction pipeline: sentences → gazetteer and company mentions → persons →
//! publisher → coreference → dates → events → topics and quantities → [`Record`].

use crate::actors::{self, Person};
use crate::dates::{self, DateMention};
use crate::mentions::{self, Ent, EntMention};
use crate::record::{Actor, Mention, MentionKind, Record, Span};
use crate::sentences::{self, Token};
use crate::{coref, events, quantities};
use attache_ingest::Document;

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
    let ents = mentions::find(text);
    let mut persons = actors::find_persons(text, &toks, &sent_of, &ents);

    // Persons of the title (for "The President" in a readout).
    let title_persons = match doc.title.as_deref() {
        Some(t) if !t.is_empty() => {
            let ts = sentences::split(t);
            let tt = sentences::tokens(t, Span::new(0, t.len()));
            let mut so = vec![usize::MAX; tt.len()];
            for (i, tok) in tt.iter().enumerate() {
                so[i] = coref::sentence_of(&ts, tok.start).unwrap_or(usize::MAX);
            }
            let te = mentions::find(t);
            actors::find_persons(t, &tt, &so, &te)
        }
        _ => Vec::new(),
    };
    let first_actor_country = persons
        .iter()
        .filter(|p| p.country_explicit)
        .min_by_key(|p| p.spans.first().map_or(usize::MAX, |s| s.start))
        .and_then(|p| p.country.clone());
    let publisher = crate::publisher::publisher(doc, &ents, first_actor_country.as_deref());

    // Fallback country: officials named with an unqualified title act for the publisher.
    for p in persons.iter_mut() {
        if p.country.is_none() && !p.titles.is_empty() {
            p.country = publisher.clone();
        }
    }
    let refs = coref::resolve(
        text,
        &sentences,
        &ents,
        &mut persons,
        &title_persons,
        publisher.as_deref(),
    );
    let dates = dates::find_dates(text, doc.published);
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
    let ctx = Ctx {
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
    };
    let events = events::extract_events(&ctx);
    let mentions = build_mentions(&ctx);
    let topics = Vec::new();
    let quantities = quantities::find_quantities(text);
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
    for m in &ctx.ents {
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
            entity: d.date.to_string(),
            country: None,
        });
    }
    // The publisher's own country is mentioned even when unnamed.
    if let Some(p) = &ctx.publisher
        && !out
            .iter()
            .any(|m| m.kind == MentionKind::Country && &m.entity == p)
        && attache_lexicon::lexicon().country(p).is_some()
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
