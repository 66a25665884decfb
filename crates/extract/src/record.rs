//! The `Record` type and its parts: what extraction produces for one document.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A byte range of `Document::text` (start inclusive, end exclusive, on char boundaries).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// The slice of `text` this span covers ("" if it does not fit).
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Everything extracted from one document. Every item carries spans into the text of
/// the document named by `doc_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub doc_id: String,
    /// [`crate::EXTRACTOR_VERSION`] of the extractor that made this record.
    pub extractor: String,
    pub sentences: Vec<Span>,
    /// Every recognised mention, in text order.
    pub mentions: Vec<Mention>,
    /// Named people, one per person per document, with titles and country.
    pub actors: Vec<Actor>,
    pub events: Vec<Event>,
    pub topics: Vec<Topic>,
    pub quantities: Vec<Quantity>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    Country,
    Place,
    Organization,
    Person,
    Company,
    Title,
    Date,
    Quantity,
}

/// Alias used by the store for canonical entities (countries, places, organizations,
/// persons, companies).
pub type EntityKind = MentionKind;

/// One occurrence of something named in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
    /// The text as written.
    pub surface: String,
    /// Canonical key of what it refers to: ISO alpha-3 for a country, the usual acronym
    /// for an organization, the canonical place name, the person's full name, the
    /// company name as written, an ISO date for a date, a title's canonical form.
    pub entity: String,
    /// Country the entity belongs to, where known (places, persons, titles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// CAMEO/PLOVER actor sector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Sector {
    Gov,
    Mil,
    Leg,
    Jud,
    Bus,
    Igo,
    Edu,
    Med,
    Cvl,
}

impl Sector {
    pub fn code(self) -> &'static str {
        match self {
            Sector::Gov => "GOV",
            Sector::Mil => "MIL",
            Sector::Leg => "LEG",
            Sector::Jud => "JUD",
            Sector::Bus => "BUS",
            Sector::Igo => "IGO",
            Sector::Edu => "EDU",
            Sector::Med => "MED",
            Sector::Cvl => "CVL",
        }
    }
}

/// CAMEO actor code of someone acting for `country` (else `organization`) in `sector`:
/// `BLR` + `GOV` → `BLRGOV`. `None` when neither country nor organization is known.
pub fn cameo_actor_code(
    country: Option<&str>,
    organization: Option<&str>,
    sector: Option<Sector>,
) -> Option<String> {
    let base = country.or(organization)?;
    Some(match sector {
        Some(s) => format!("{base}{}", s.code()),
        None => base.to_string(),
    })
}

/// A person acting in a role: one per person per document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Full name in natural order ("Sergei Aleinik", "Yoko Kamikawa").
    pub name: String,
    /// Titles the text gives them, most specific first.
    pub titles: Vec<String>,
    /// ISO alpha-3 of the country they act for (or `EU`, `UN` for officials of those).
    pub country: Option<String>,
    /// Organization they act for (a secretary-general), by acronym.
    pub organization: Option<String>,
    pub sector: Option<Sector>,
    /// Every mention of this person (full name, initials, surname, coreferent phrases).
    pub spans: Vec<Span>,
}

impl Actor {
    /// CAMEO actor code derived from country and sector (`BLR` + `GOV` → `BLRGOV`).
    pub fn cameo_code(&self) -> Option<String> {
        cameo_actor_code(
            self.country.as_deref(),
            self.organization.as_deref(),
            self.sector,
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Meeting,
    PhoneCall,
    Visit,
    Consultations,
    MultilateralMeeting,
    AgreementSigned,
    CooperationPledged,
    SupportExpressed,
    Credentials,
    Condolences,
    Congratulations,
    Opening,
    Aid,
    Protest,
    Sanction,
    Statement,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 17] = [
        EventKind::Meeting,
        EventKind::PhoneCall,
        EventKind::Visit,
        EventKind::Consultations,
        EventKind::MultilateralMeeting,
        EventKind::AgreementSigned,
        EventKind::CooperationPledged,
        EventKind::SupportExpressed,
        EventKind::Credentials,
        EventKind::Condolences,
        EventKind::Congratulations,
        EventKind::Opening,
        EventKind::Aid,
        EventKind::Protest,
        EventKind::Sanction,
        EventKind::Statement,
        EventKind::Other,
    ];

    /// The snake_case name used in data files, JSON and the gold format.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Meeting => "meeting",
            EventKind::PhoneCall => "phone_call",
            EventKind::Visit => "visit",
            EventKind::Consultations => "consultations",
            EventKind::MultilateralMeeting => "multilateral_meeting",
            EventKind::AgreementSigned => "agreement_signed",
            EventKind::CooperationPledged => "cooperation_pledged",
            EventKind::SupportExpressed => "support_expressed",
            EventKind::Credentials => "credentials",
            EventKind::Condolences => "condolences",
            EventKind::Congratulations => "congratulations",
            EventKind::Opening => "opening",
            EventKind::Aid => "aid",
            EventKind::Protest => "protest",
            EventKind::Sanction => "sanction",
            EventKind::Statement => "statement",
            EventKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Occurred,
    Planned,
    Cancelled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Occurred => "occurred",
            Status::Planned => "planned",
            Status::Cancelled => "cancelled",
        }
    }
}

/// A date known to the day, the month or only the year. Serialized as `YYYY-MM-DD`,
/// `YYYY-MM` or `YYYY`; ordered chronologically (a month sorts before its first day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<i8>,
    pub day: Option<i8>,
}

impl PartialDate {
    pub fn day(date: jiff::civil::Date) -> Self {
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }
    /// Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (validated as a real date).
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.split('-');
        let year: i16 = parts.next()?.parse().ok()?;
        let month: Option<i8> = match parts.next() {
            Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day: Option<i8> = match parts.next() {
            Some(d) => Some(d.parse().ok()?),
            None => None,
        };
        if parts.next().is_some() || !(1..=9999).contains(&year) {
            return None;
        }
        if let (Some(m), Some(d)) = (month, day) {
            jiff::civil::Date::new(year, m, d).ok()?;
        }
        Some(PartialDate { year, month, day })
    }
    /// The full date when known to the day.
    pub fn to_date(self) -> Option<jiff::civil::Date> {
        jiff::civil::Date::new(self.year, self.month?, self.day?).ok()
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a partial date: {s:?}")))
    }
}

/// Where an event happened or will happen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// City, region or named venue; `None` when only the country is known.
    pub place: Option<String>,
    /// ISO alpha-3 of the country, `None` for places without one (the UN, disputed).
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// One real happening reported by the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub kind: EventKind,
    /// CAMEO event code ("042").
    pub cameo: String,
    /// PLOVER event type ("CONSULT"), `None` for kinds PLOVER does not code.
    pub plover: Option<String>,
    /// PLOVER mode ("visit", "phone", "multilateral", …).
    pub plover_mode: Option<String>,
    pub status: Status,
    pub date: Option<PartialDate>,
    pub date_end: Option<PartialDate>,
    pub location: Option<Location>,
    pub participants: Vec<Actor>,
    /// Countries (ISO alpha-3) or organizations (acronym) on each side, sorted.
    pub sides: Vec<String>,
    /// Organization within which the event is held, by acronym.
    pub organization: Option<String>,
    /// Evidence spans; the first is the phrase that states the event.
    pub evidence: Vec<Span>,
}

/// A topic of the release with the spans that justify it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    /// Name from `reference/topics.md` (`trade`, `industry`, …).
    pub topic: String,
    pub evidence: Vec<Span>,
}

/// A figure a reader would tabulate, normalized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    /// Singular unit ("tractor", "tonne", "person") or ISO currency code ("USD").
    pub unit: String,
    /// Rate denominator ("year") when the figure is per period.
    pub per: Option<String>,
    pub span: Span,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn partial_date_round_trips() {
        for s in ["2024", "2024-10", "2024-05-21"] {
            let d = PartialDate::parse(s).unwrap();
            assert_eq!(d.to_string(), s);
        }
        assert!(PartialDate::parse("2024-02-30").is_none());
        assert!(PartialDate::parse("2024-13").is_none());
        assert!(PartialDate::parse("x").is_none());
    }

    #[test]
    fn cameo_code_joins_country_and_sector() {
        let a = Actor {
            name: "Sergei Aleinik".into(),
            titles: vec![],
            country: Some("BLR".into()),
            organization: None,
            sector: Some(Sector::Gov),
            spans: vec![],
        };
        assert_eq!(a.cameo_code().as_deref(), Some("BLRGOV"));
    }
}
