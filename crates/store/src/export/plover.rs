//! PLOVER JSON records: actor and recipient lists, event type, mode, contexts, date,
//! location and source citations.

use super::codes;
use crate::{EventRow, Participant};
use serde::{Deserialize, Serialize};

/// One actor or recipient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PloverActor {
    /// The person, when one is named.
    pub name: Option<String>,
    pub title: Option<String>,
    /// Country (ISO alpha-3) or organization they act for.
    pub country: String,
    /// CAMEO-style actor code (`BLRGOV`).
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PloverLocation {
    pub place: Option<String>,
    pub country: Option<String>,
}

/// A release the event is taken from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PloverSource {
    pub doc_id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    /// The sentences' phrases that state the event.
    pub evidence: Vec<String>,
}

/// One PLOVER event record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PloverRecord {
    pub id: String,
    pub event_type: String,
    pub mode: Option<String>,
    pub contexts: Vec<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; `None` when the text gives no date.
    pub date: Option<String>,
    pub date_end: Option<String>,
    pub status: String,
    pub actor: Vec<PloverActor>,
    pub recipient: Vec<PloverActor>,
    pub location: Option<PloverLocation>,
    pub sources: Vec<PloverSource>,
    /// attache's own kind and CAMEO code, for reference.
    pub attache_kind: String,
    pub cameo: String,
}

fn actors_of(e: &EventRow, side: &str) -> Vec<PloverActor> {
    let people: Vec<&Participant> = e
        .participants
        .iter()
        .filter(|p| p.country.as_deref() == Some(side) || p.organization.as_deref() == Some(side))
        .collect();
    if people.is_empty() {
        return vec![PloverActor {
            name: None,
            title: None,
            country: side.to_string(),
            code: side.to_string(),
        }];
    }
    people
        .into_iter()
        .map(|p| PloverActor {
            name: Some(p.name.clone()),
            title: p.titles.first().cloned(),
            country: side.to_string(),
            code: p.cameo_code().unwrap_or_else(|| side.to_string()),
        })
        .collect()
}

/// The PLOVER record of an event; `None` for kinds PLOVER does not code.
pub fn plover_record(e: &EventRow) -> Option<PloverRecord> {
    let event_type = e.plover.clone().filter(|t| codes::is_plover_type(t))?;
    let lead = e
        .participants
        .first()
        .and_then(|p| p.country.clone().or(p.organization.clone()))
        .filter(|s| e.sides.contains(s))
        .or_else(|| e.sides.first().cloned());
    let mut actor = Vec::new();
    let mut recipient = Vec::new();
    for side in &e.sides {
        if Some(side) == lead.as_ref() {
            actor.extend(actors_of(e, side));
        } else {
            recipient.extend(actors_of(e, side));
        }
    }
    let mut contexts: Vec<String> = e
        .topics
        .iter()
        .filter_map(|t| codes::plover_context(t))
        .map(str::to_string)
        .collect();
    contexts.sort();
    contexts.dedup();
    Some(PloverRecord {
        id: format!("attache-{}", e.id),
        event_type,
        mode: e.plover_mode.clone(),
        contexts,
        date: e.date.map(|d| d.to_string()),
        date_end: e.date_end.map(|d| d.to_string()),
        status: e.status.as_str().to_string(),
        actor,
        recipient,
        location: e.location.as_ref().map(|l| PloverLocation {
            place: l.place.clone(),
            country: l.country.clone(),
        }),
        sources: e
            .sources
            .iter()
            .map(|s| PloverSource {
                doc_id: s.doc_id.clone(),
                url: s.url.clone(),
                title: s.title.clone(),
                published: s.published.map(|d| d.to_string()),
                evidence: s.evidence.iter().map(|ev| ev.text.clone()).collect(),
            })
            .collect(),
        attache_kind: e.kind.as_str().to_string(),
        cameo: e.cameo.clone(),
    })
}
