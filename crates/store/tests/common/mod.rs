//! Builders of Documents and Records for store tests (the extractor is not needed).
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(dead_code)]

use attache_extract::{
    Actor, Event, EventKind, Location, Mention, MentionKind, PartialDate, Quantity, Record, Sector,
    Span, Status, Topic,
};
use attache_ingest::{Document, Paragraph};

pub const EXTRACTOR: &str = "test+1";

pub fn doc(source: &str, title: &str, published: &str, text: &str) -> Document {
    let id = format!("{:016x}", fxhash(&format!("{source}\0{text}")));
    Document {
        id,
        source: source.into(),
        url: Some(format!("https://example.org/{source}")),
        title: Some(title.into()),
        published: published.parse().ok(),
        language: "en".into(),
        text: text.into(),
        paragraphs: vec![Paragraph {
            start: 0,
            end: text.len(),
        }],
        site: None,
        feed: None,
    }
}

fn fxhash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

pub fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap_or(0);
    Span::new(start, start + needle.len())
}

pub fn actor(name: &str, title: &str, country: &str) -> Actor {
    Actor {
        name: name.into(),
        titles: vec![title.into()],
        country: Some(country.into()),
        organization: None,
        sector: Some(Sector::Gov),
        spans: vec![],
    }
}

pub struct Ev {
    pub kind: EventKind,
    pub status: Status,
    pub date: Option<&'static str>,
    pub date_end: Option<&'static str>,
    pub place: Option<(&'static str, &'static str)>,
    pub sides: Vec<&'static str>,
    pub participants: Vec<Actor>,
    pub evidence: &'static str,
    pub organization: Option<&'static str>,
}

pub fn ev(kind: EventKind, date: Option<&'static str>, sides: &[&'static str]) -> Ev {
    Ev {
        kind,
        status: Status::Occurred,
        date,
        date_end: None,
        place: None,
        sides: sides.to_vec(),
        participants: vec![],
        evidence: "",
        organization: None,
    }
}

fn codes(kind: EventKind) -> (&'static str, Option<&'static str>, Option<&'static str>) {
    match kind {
        EventKind::Meeting => ("042", Some("CONSULT"), Some("visit")),
        EventKind::PhoneCall => ("041", Some("CONSULT"), Some("phone")),
        EventKind::Opening => ("061", Some("COOPERATE"), None),
        EventKind::SupportExpressed => ("051", Some("SUPPORT"), None),
        EventKind::MultilateralMeeting => ("044", Some("CONSULT"), Some("multilateral")),
        EventKind::Statement => ("010", None, None),
        _ => ("040", Some("CONSULT"), None),
    }
}

pub fn record(d: &Document, events: Vec<Ev>, topics: &[&str]) -> Record {
    let text = &d.text;
    let mut mentions = Vec::new();
    let mut actors: Vec<Actor> = Vec::new();
    for e in &events {
        for side in &e.sides {
            if !mentions.iter().any(|m: &Mention| m.entity == *side) {
                mentions.push(Mention {
                    span: Span::new(0, 0),
                    kind: MentionKind::Country,
                    surface: side.to_string(),
                    entity: side.to_string(),
                    country: None,
                });
            }
        }
        for a in &e.participants {
            if !actors.iter().any(|x| x.name == a.name) {
                actors.push(a.clone());
                mentions.push(Mention {
                    span: span_of(text, &a.name),
                    kind: MentionKind::Person,
                    surface: a.name.clone(),
                    entity: a.name.clone(),
                    country: None,
                });
            }
        }
    }
    let events = events
        .into_iter()
        .map(|e| {
            let (cameo, plover, mode) = codes(e.kind);
            Event {
                kind: e.kind,
                cameo: cameo.into(),
                plover: plover.map(Into::into),
                plover_mode: mode.map(Into::into),
                status: e.status,
                date: e.date.and_then(PartialDate::parse),
                date_end: e.date_end.and_then(PartialDate::parse),
                location: e.place.map(|(p, c)| Location {
                    place: Some(p.into()),
                    country: Some(c.into()),
                    span: None,
                }),
                participants: e.participants,
                sides: e.sides.iter().map(|s| s.to_string()).collect(),
                organization: e.organization.map(Into::into),
                evidence: vec![span_of(text, e.evidence)],
            }
        })
        .collect();
    Record {
        doc_id: d.id.clone(),
        extractor: EXTRACTOR.into(),
        sentences: vec![Span::new(0, text.len())],
        mentions,
        actors,
        events,
        topics: topics
            .iter()
            .map(|t| Topic {
                topic: t.to_string(),
                evidence: vec![],
            })
            .collect(),
        quantities: vec![Quantity {
            value: 10000.0,
            unit: "tractor".into(),
            per: Some("year".into()),
            span: Span::new(0, 1),
        }],
    }
}

pub const BLR_TEXT: &str = "On May 21, 2024 in Astana, the Minister of Foreign Affairs of the Republic of Belarus, Sergei Aleinik, held a bilateral meeting with the Deputy Prime Minister and Minister of Foreign Affairs of Kazakhstan, Murat Nurtleu. S.Aleinik informed the colleague about the opening of a production of cabins for tractors planned on May 27, 2024 in Kostanai.";
pub const KAZ_TEXT: &str = "Deputy Prime Minister and Minister of Foreign Affairs of Kazakhstan Murat Nurtleu met with the Minister of Foreign Affairs of Belarus S.Aleinik in Astana on 21 May. The ministers discussed trade and industrial cooperation.";

/// The Belarus MFA's release on the meeting, and its record.
pub fn blr_release() -> (Document, Record) {
    let d = doc(
        "blr-mfa.html",
        "Negotiations of S.Aleinik and M.Nurtleu",
        "2024-05-22",
        BLR_TEXT,
    );
    let mut meeting = ev(EventKind::Meeting, Some("2024-05-21"), &["BLR", "KAZ"]);
    meeting.participants = vec![
        actor("Sergei Aleinik", "Minister of Foreign Affairs", "BLR"),
        actor("Murat Nurtleu", "Deputy Prime Minister", "KAZ"),
    ];
    meeting.place = Some(("Astana", "KAZ"));
    meeting.evidence = "held a bilateral meeting with";
    let mut opening = ev(EventKind::Opening, Some("2024-05-27"), &["BLR", "KAZ"]);
    opening.status = Status::Planned;
    opening.place = Some(("Kostanai", "KAZ"));
    opening.evidence = "opening of a production of cabins";
    let r = record(&d, vec![meeting, opening], &["industry", "agriculture"]);
    (d, r)
}

/// The Kazakh MFA's release on the same meeting.
pub fn kaz_release() -> (Document, Record) {
    let d = doc(
        "kaz-mfa.html",
        "Murat Nurtleu met with S.Aleinik",
        "2024-05-21",
        KAZ_TEXT,
    );
    let mut meeting = ev(EventKind::Meeting, Some("2024-05-21"), &["BLR", "KAZ"]);
    meeting.participants = vec![
        actor(
            "Murat Nurtleu",
            "Deputy Prime Minister and Minister of Foreign Affairs",
            "KAZ",
        ),
        actor("S.Aleinik", "Minister of Foreign Affairs", "BLR"),
    ];
    meeting.place = Some(("Astana", "KAZ"));
    meeting.evidence = "met with";
    let r = record(&d, vec![meeting], &["trade", "industry"]);
    (d, r)
}
