//! The gold annotation format of `corpus/README.md` and the projection of a [`Record`]
//! onto it.
//!
//! [`GoldDoc`] reads gold files (tolerant of missing fields and `null`s) and is also what
//! a record projects to with [`Record::to_gold`], so `attache eval` compares like with
//! like. Feeds project to a [`FeedGold`]: the channel's metadata and one [`GoldDoc`]
//! per item, in feed order.

use crate::record::{Actor, Event, MentionKind, Record};
use attache_ingest::Document;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeSet;

/// One gold record (or the projection of one extracted record). A feed's gold file is
/// a `GoldDoc` whose `items` hold one record per feed item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoldDoc {
    #[serde(deserialize_with = "nullable")]
    pub id: String,
    /// The source document, relative to the corpus directory (`docs/x.html`).
    #[serde(deserialize_with = "nullable")]
    pub doc: String,
    pub language: Option<String>,
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    #[serde(deserialize_with = "nullable")]
    pub events: Vec<GoldEvent>,
    #[serde(deserialize_with = "nullable")]
    pub mentions: GoldMentions,
    #[serde(deserialize_with = "nullable")]
    pub topics: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub quantities: Vec<GoldQuantity>,
    /// Feed items in feed order (feeds only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<GoldDoc>>,
}

/// One event of a gold record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoldEvent {
    #[serde(deserialize_with = "nullable")]
    pub kind: String,
    pub status: Option<String>,
    pub date: Option<String>,
    pub date_end: Option<String>,
    pub location: Option<GoldLocation>,
    #[serde(deserialize_with = "nullable")]
    pub participants: Vec<GoldParticipant>,
    #[serde(deserialize_with = "nullable")]
    pub sides: Vec<String>,
    pub organization: Option<String>,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoldLocation {
    pub place: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoldParticipant {
    #[serde(deserialize_with = "nullable")]
    pub name: String,
    pub title: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoldMentions {
    #[serde(deserialize_with = "nullable")]
    pub countries: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub organizations: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub places: Vec<GoldPlace>,
    #[serde(deserialize_with = "nullable")]
    pub persons: Vec<GoldPerson>,
    #[serde(deserialize_with = "nullable")]
    pub companies: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoldPlace {
    #[serde(deserialize_with = "nullable")]
    pub place: String,
    pub country: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoldPerson {
    #[serde(deserialize_with = "nullable")]
    pub name: String,
    pub country: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoldQuantity {
    #[serde(serialize_with = "plain_number", deserialize_with = "nullable")]
    pub value: f64,
    #[serde(deserialize_with = "nullable")]
    pub unit: String,
    pub per: Option<String>,
}

/// The projection of a feed: the channel's metadata and its items in feed order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeedGold {
    pub id: String,
    pub doc: String,
    pub language: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub items: Vec<GoldDoc>,
}

impl FeedGold {
    /// Group extracted feed items into the projection of their feed. Items are put in
    /// feed order (`FeedInfo::position`); the channel metadata comes from the first
    /// item that carries it, the language from the first item.
    pub fn from_items(items: &[(Document, Record)]) -> FeedGold {
        let mut sorted: Vec<&(Document, Record)> = items.iter().collect();
        sorted.sort_by_key(|(d, _)| d.feed.as_ref().map_or(usize::MAX, |f| f.position));
        let feed = sorted.iter().find_map(|(d, _)| d.feed.as_ref());
        let source = feed
            .map(|f| f.source.clone())
            .or_else(|| sorted.first().map(|(d, _)| d.source.clone()))
            .unwrap_or_default();
        FeedGold {
            id: stem_of(&source),
            doc: source,
            language: sorted.first().map(|(d, _)| d.language.clone()),
            title: feed.and_then(|f| f.title.clone()),
            published: feed.and_then(|f| f.published).map(|d| d.to_string()),
            items: sorted.iter().map(|(d, r)| r.to_gold(d)).collect(),
        }
    }

    /// The same projection as a [`GoldDoc`] with `items`, the shape of a feed's gold file.
    pub fn into_gold_doc(self) -> GoldDoc {
        GoldDoc {
            id: self.id,
            doc: self.doc,
            language: self.language,
            title: self.title,
            published: self.published,
            items: Some(self.items),
            ..GoldDoc::default()
        }
    }
}

/// The gold id of a document: the file stem of its source (`docs/x.html` → `x`), with
/// `#n` for feed items; the document's own id when it came from standard input.
pub fn gold_id(doc: &Document) -> String {
    let (path, item) = match doc.source.rsplit_once('#') {
        Some((p, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => (p, Some(n)),
        _ => (doc.source.as_str(), None),
    };
    let stem = stem_of(path);
    let base = if stem.is_empty() || stem == "-" {
        doc.id.clone()
    } else {
        stem
    };
    match (item, &doc.feed) {
        (Some(n), _) => format!("{base}#{n}"),
        (None, Some(f)) => format!("{base}#{}", f.position),
        (None, None) => base,
    }
}

fn stem_of(path: &str) -> String {
    std::path::Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl Record {
    /// Project this record onto the gold format, for comparison with a gold file.
    ///
    /// - `id` from the document's file stem ([`gold_id`]), `doc` its source;
    ///   `title`, `published`, `language` from the document;
    /// - events: kind, status, dates, location, participants (name, titles joined with
    ///   " and ", country — or the organization an official acts for), sides,
    ///   organization and the text of the first evidence span;
    /// - `mentions.countries`: country mentions plus every code the record involves
    ///   (event sides, participants' and actors' countries) that the gazetteer knows as
    ///   a country;
    /// - `mentions.organizations`: organization mentions, event organizations, the
    ///   organizations actors act for, and involved codes that are not countries (`EU`);
    /// - `mentions.places`: place mentions, once per name; `persons`: the actors;
    ///   `companies`: company mentions as written;
    /// - topics by name, quantities as value, unit and `per`.
    pub fn to_gold(&self, doc: &Document) -> GoldDoc {
        let text = doc.text.as_str();
        let mut organizations = BTreeSet::new();
        let mut countries = BTreeSet::new();
        let mut places: Vec<GoldPlace> = Vec::new();
        let mut companies: Vec<String> = Vec::new();
        for m in &self.mentions {
            let entity = m.entity.trim();
            if entity.is_empty() {
                continue;
            }
            match m.kind {
                MentionKind::Country => {
                    countries.insert(entity.to_string());
                }
                MentionKind::Organization => {
                    organizations.insert(entity.to_string());
                }
                MentionKind::Place if !places.iter().any(|p| p.place == entity) => {
                    places.push(GoldPlace {
                        place: entity.to_string(),
                        country: m.country.clone(),
                    });
                }
                MentionKind::Company if !companies.iter().any(|c| c == entity) => {
                    companies.push(entity.to_string());
                }
                _ => {}
            }
        }
        for e in &self.events {
            organizations.extend(e.organization.iter().cloned());
        }
        for a in &self.actors {
            organizations.extend(a.organization.iter().cloned());
        }
        let involved = self
            .events
            .iter()
            .flat_map(|e| {
                e.sides
                    .iter()
                    .cloned()
                    .chain(e.participants.iter().filter_map(|a| a.country.clone()))
            })
            .chain(self.actors.iter().filter_map(|a| a.country.clone()));
        // Codes the record involves are countries when the gazetteer knows them as
        // such (`EU` on a side or as an official's "country" is an organization).
        let lexicon = attache_lexicon::lexicon();
        for c in involved {
            if organizations.contains(&c) || countries.contains(&c) {
                continue;
            }
            if lexicon.country(&c).is_some() {
                countries.insert(c);
            } else {
                organizations.insert(c);
            }
        }
        let mut persons: Vec<GoldPerson> = Vec::new();
        for a in &self.actors {
            let p = GoldPerson {
                name: a.name.clone(),
                country: actor_country(a),
            };
            if !persons.contains(&p) {
                persons.push(p);
            }
        }
        let mut topics: Vec<String> = Vec::new();
        for t in &self.topics {
            if !topics.contains(&t.topic) {
                topics.push(t.topic.clone());
            }
        }
        GoldDoc {
            id: gold_id(doc),
            doc: doc.source.clone(),
            language: Some(doc.language.clone()),
            title: doc.title.clone(),
            published: doc.published.map(|d| d.to_string()),
            events: self.events.iter().map(|e| event_to_gold(e, text)).collect(),
            mentions: GoldMentions {
                countries: countries.into_iter().collect(),
                organizations: organizations.into_iter().collect(),
                places,
                persons,
                companies,
            },
            topics,
            quantities: self
                .quantities
                .iter()
                .map(|q| GoldQuantity {
                    value: q.value,
                    unit: q.unit.clone(),
                    per: q.per.clone(),
                })
                .collect(),
            items: None,
        }
    }
}

fn actor_country(a: &Actor) -> Option<String> {
    a.country.clone().or_else(|| a.organization.clone())
}

fn event_to_gold(e: &Event, text: &str) -> GoldEvent {
    GoldEvent {
        kind: e.kind.as_str().to_string(),
        status: Some(e.status.as_str().to_string()),
        date: e.date.map(|d| d.to_string()),
        date_end: e.date_end.map(|d| d.to_string()),
        location: e.location.as_ref().map(|l| GoldLocation {
            place: l.place.clone(),
            country: l.country.clone(),
        }),
        participants: e
            .participants
            .iter()
            .map(|a| GoldParticipant {
                name: a.name.clone(),
                title: (!a.titles.is_empty()).then(|| a.titles.join(" and ")),
                country: actor_country(a),
            })
            .collect(),
        sides: e.sides.clone(),
        organization: e.organization.clone(),
        evidence: e
            .evidence
            .first()
            .map(|s| s.of(text).to_string())
            .filter(|s| !s.is_empty()),
    }
}

/// Deserialize a field that may be `null` as its default.
fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Write whole numbers without a fraction (`10000`, not `10000.0`), as the gold does.
fn plain_number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        // Exact: integral and within the range where f64 holds every integer.
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::record::{
        Event, EventKind, Location, Mention, PartialDate, Quantity, Span, Status, Topic,
    };
    use attache_ingest::FeedInfo;

    fn doc(source: &str, text: &str) -> Document {
        Document {
            id: "0123456789abcdef".into(),
            source: source.into(),
            url: None,
            title: Some("A title".into()),
            published: Some(jiff::civil::date(2024, 5, 22)),
            language: "en".into(),
            text: text.into(),
            paragraphs: vec![],
            site: None,
            feed: None,
        }
    }

    fn mention(kind: MentionKind, entity: &str, country: Option<&str>) -> Mention {
        Mention {
            span: Span::new(0, 0),
            kind,
            surface: entity.into(),
            entity: entity.into(),
            country: country.map(String::from),
        }
    }

    fn actor(name: &str, titles: &[&str], country: Option<&str>, org: Option<&str>) -> Actor {
        Actor {
            name: name.into(),
            titles: titles.iter().map(|t| t.to_string()).collect(),
            country: country.map(String::from),
            organization: org.map(String::from),
            sector: None,
            spans: vec![],
        }
    }

    fn record() -> Record {
        let text = "On May 21 in Astana, Aleinik held a bilateral meeting with Nurtleu.";
        let start = text.find("held").unwrap_or(0);
        let aleinik = actor(
            "Sergei Aleinik",
            &["Minister of Foreign Affairs"],
            Some("BLR"),
            None,
        );
        let nurtleu = actor(
            "Murat Nurtleu",
            &["Deputy Prime Minister", "Minister of Foreign Affairs"],
            Some("KAZ"),
            None,
        );
        let eu = actor("Kaja Kallas", &["High Representative"], Some("EU"), None);
        let cis = actor("Sergei Lebedev", &["Secretary General"], None, Some("CIS"));
        Record {
            doc_id: "x".into(),
            extractor: "test".into(),
            sentences: vec![],
            mentions: vec![
                mention(MentionKind::Country, "BLR", None),
                mention(MentionKind::Place, "Astana", Some("KAZ")),
                mention(MentionKind::Place, "Astana", Some("KAZ")),
                mention(MentionKind::Organization, "SCO", None),
                mention(MentionKind::Company, "LLP \"Plant\"", None),
                mention(MentionKind::Title, "Minister", Some("BLR")),
            ],
            actors: vec![aleinik.clone(), nurtleu.clone(), cis, eu],
            events: vec![Event {
                kind: EventKind::Meeting,
                cameo: "040".into(),
                plover: None,
                plover_mode: None,
                status: Status::Occurred,
                date: PartialDate::parse("2024-05-21"),
                date_end: None,
                location: Some(Location {
                    place: Some("Astana".into()),
                    country: Some("KAZ".into()),
                    span: None,
                }),
                participants: vec![aleinik, nurtleu],
                sides: vec!["BLR".into(), "KAZ".into()],
                organization: None,
                evidence: vec![Span::new(
                    start,
                    start + "held a bilateral meeting with".len(),
                )],
            }],
            topics: vec![
                Topic {
                    topic: "trade".into(),
                    evidence: vec![],
                },
                Topic {
                    topic: "trade".into(),
                    evidence: vec![],
                },
            ],
            quantities: vec![Quantity {
                value: 10000.0,
                unit: "tractor".into(),
                per: Some("year".into()),
                span: Span::new(0, 0),
            }],
        }
    }

    #[test]
    fn projects_a_record() {
        let text = "On May 21 in Astana, Aleinik held a bilateral meeting with Nurtleu.";
        let d = doc("/c/docs/blr-kaz-fm-2024-05-21.txt", text);
        let g = record().to_gold(&d);
        assert_eq!(g.id, "blr-kaz-fm-2024-05-21");
        assert_eq!(g.published.as_deref(), Some("2024-05-22"));
        assert_eq!(g.title.as_deref(), Some("A title"));
        let e = &g.events[0];
        assert_eq!(e.kind, "meeting");
        assert_eq!(e.status.as_deref(), Some("occurred"));
        assert_eq!(e.date.as_deref(), Some("2024-05-21"));
        assert_eq!(e.evidence.as_deref(), Some("held a bilateral meeting with"));
        assert_eq!(
            e.participants[1].title.as_deref(),
            Some("Deputy Prime Minister and Minister of Foreign Affairs")
        );
        // KAZ comes from the event sides; CIS and EU are organizations, not countries.
        assert_eq!(g.mentions.countries, vec!["BLR", "KAZ"]);
        assert_eq!(g.mentions.organizations, vec!["CIS", "EU", "SCO"]);
        assert_eq!(g.mentions.places.len(), 1);
        assert_eq!(g.mentions.persons.len(), 4);
        assert_eq!(g.mentions.persons[3].country.as_deref(), Some("EU"));
        assert_eq!(g.mentions.persons[2].country.as_deref(), Some("CIS"));
        assert_eq!(g.mentions.companies, vec!["LLP \"Plant\""]);
        assert_eq!(g.topics, vec!["trade"]);
        let json = serde_json::to_string(&g.quantities).unwrap();
        assert_eq!(json, r#"[{"value":10000,"unit":"tractor","per":"year"}]"#);
    }

    #[test]
    fn gold_ids_follow_the_source() {
        let mut d = doc("corpus/docs/feed.xml#3", "");
        assert_eq!(gold_id(&d), "feed#3");
        d.source = "-".into();
        assert_eq!(gold_id(&d), "0123456789abcdef");
        d.source = "a/b/x.html".into();
        assert_eq!(gold_id(&d), "x");
    }

    #[test]
    fn reads_gold_with_nulls_and_missing_fields() {
        let g: GoldDoc = serde_json::from_str(
            r#"{"id":"x","title":null,"events":[{"kind":"aid","participants":null,
            "location":{"place":null}}],"mentions":null,"quantities":[{"value":1.5,"unit":"tonne"}]}"#,
        )
        .unwrap();
        assert_eq!(g.events[0].kind, "aid");
        assert!(g.events[0].participants.is_empty());
        assert!(g.mentions.countries.is_empty());
        assert_eq!(g.quantities[0].per, None);
        assert!(g.items.is_none());
    }

    #[test]
    fn groups_feed_items_in_feed_order() {
        let mk = |n: usize| {
            let mut d = doc(&format!("f/rss.xml#{n}"), "");
            d.feed = Some(FeedInfo {
                title: Some("Channel".into()),
                published: Some(jiff::civil::date(2024, 5, 26)),
                position: n,
                count: 2,
                source: "f/rss.xml".into(),
            });
            let mut r = record();
            r.events.clear();
            (d, r)
        };
        let feed = FeedGold::from_items(&[mk(2), mk(1)]);
        assert_eq!(feed.id, "rss");
        assert_eq!(feed.title.as_deref(), Some("Channel"));
        assert_eq!(feed.published.as_deref(), Some("2024-05-26"));
        let ids: Vec<&str> = feed.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, vec!["rss#1", "rss#2"]);
        let g = feed.into_gold_doc();
        assert_eq!(g.items.map(|i| i.len()), Some(2));
    }

    #[test]
    fn reads_every_corpus_gold_file() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/gold");
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!("skipping: {dir} is absent");
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let g: GoldDoc = serde_json::from_str(&text).unwrap();
            assert!(!g.id.is_empty(), "{}", path.display());
        }
    }
}
