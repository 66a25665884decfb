//! CAMEO dyads in the GDELT event layout: one row per pair of sides of an event
//! (a meeting of five states is one event but ten dyads).

use super::codes;
use crate::{EventRow, Participant};

/// Columns of the CAMEO export, named as in GDELT's event table (a subset, in its order).
pub const CAMEO_COLUMNS: [&str; 22] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumSources",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "SOURCEURL",
];

/// Whether a side is an organization rather than a country.
fn is_org(e: &EventRow, side: &str) -> bool {
    e.organization.as_deref() == Some(side)
        || e.participants
            .iter()
            .any(|p| p.organization.as_deref() == Some(side) && p.country.is_none())
        || side.len() != 3
        || !side.bytes().all(|b| b.is_ascii_uppercase())
}

struct Side {
    code: String,
    name: String,
    country: String,
    type1: String,
}

fn side(e: &EventRow, side: &str) -> Side {
    let people: Vec<&Participant> = e
        .participants
        .iter()
        .filter(|p| p.country.as_deref() == Some(side) || p.organization.as_deref() == Some(side))
        .collect();
    let sector = people.iter().find_map(|p| p.sector).map(|s| s.code());
    let name = if people.is_empty() {
        side.to_string()
    } else {
        people
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    if is_org(e, side) {
        Side {
            code: format!("IGO{side}"),
            name,
            country: String::new(),
            type1: "IGO".into(),
        }
    } else {
        let type1 = sector.unwrap_or("").to_string();
        Side {
            code: format!("{side}{type1}"),
            name,
            country: side.to_string(),
            type1,
        }
    }
}

/// The dyads of an event, actor first: the side of the first participant leads.
fn dyads(e: &EventRow) -> Vec<(String, Option<String>)> {
    let mut sides = e.sides.clone();
    let lead = e
        .participants
        .first()
        .and_then(|p| p.country.clone().or(p.organization.clone()))
        .filter(|s| sides.contains(s));
    if let Some(lead) = lead
        && let Some(pos) = sides.iter().position(|s| *s == lead)
    {
        let s = sides.remove(pos);
        sides.insert(0, s);
    }
    match sides.len() {
        0 => Vec::new(),
        1 => vec![(sides[0].clone(), None)],
        n => {
            let mut out = Vec::with_capacity(n * (n - 1) / 2);
            for i in 0..n {
                for j in i + 1..n {
                    out.push((sides[i].clone(), Some(sides[j].clone())));
                }
            }
            out
        }
    }
}

/// The CAMEO rows of one event: none when it has no date, no CAMEO code or no side.
/// A date known only to the month or year is written as its first day.
pub fn cameo_rows(e: &EventRow) -> Vec<Vec<String>> {
    let Some(date) = e.date.and_then(crate::keys::first_day) else {
        return Vec::new();
    };
    let code = e.cameo.trim();
    if code.len() < 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let entry = codes::cameo(code);
    let sqldate = date.strftime("%Y%m%d").to_string();
    let source = e
        .sources
        .first()
        .map(|s| s.url.clone().unwrap_or_else(|| s.source.clone()))
        .unwrap_or_default();
    let place = e.location.as_ref().map(|l| {
        [l.place.as_deref(), l.country.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
    });
    let geo_country = e.location.as_ref().and_then(|l| l.country.clone());
    dyads(e)
        .into_iter()
        .map(|(a, b)| {
            let a = side(e, &a);
            let b = b.map(|b| side(e, &b));
            vec![
                format!("attache-{}", e.id),
                sqldate.clone(),
                sqldate[..6].to_string(),
                sqldate[..4].to_string(),
                a.code,
                a.name,
                a.country,
                a.type1,
                b.as_ref().map(|b| b.code.clone()).unwrap_or_default(),
                b.as_ref().map(|b| b.name.clone()).unwrap_or_default(),
                b.as_ref().map(|b| b.country.clone()).unwrap_or_default(),
                b.as_ref().map(|b| b.type1.clone()).unwrap_or_default(),
                "1".into(),
                code.to_string(),
                code.get(..3).unwrap_or(code).to_string(),
                code[..2].to_string(),
                entry.map(|c| c.quad_class.to_string()).unwrap_or_default(),
                entry
                    .map(|c| format!("{:.1}", c.goldstein))
                    .unwrap_or_default(),
                e.sources.len().to_string(),
                place.clone().unwrap_or_default(),
                geo_country.clone().unwrap_or_default(),
                source.clone(),
            ]
        })
        .collect()
}
