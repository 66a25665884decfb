//! CAMEO code, PLOVER type and mode of an event (data/cameo_choice.tsv): by kind and
//! situation (hosted at home, made abroad, held in a third country, planned).

use crate::record::{EventKind, Location, Status};
use std::collections::BTreeSet;
use std::sync::OnceLock;

const DATA: &str = include_str!("../../../data/cameo_choice.tsv");

struct Row {
    kind: &'static str,
    situation: &'static str,
    cameo: &'static str,
    plover: Option<&'static str>,
    mode: Option<&'static str>,
}

fn rows() -> &'static [Row] {
    static R: OnceLock<Vec<Row>> = OnceLock::new();
    R.get_or_init(|| {
        DATA.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("kind\t"))
            .filter_map(|l| {
                let c: Vec<&'static str> = l.split('\t').map(str::trim).collect();
                let opt = |s: &'static str| (s != "-" && !s.is_empty()).then_some(s);
                (c.len() == 5).then(|| Row {
                    kind: c[0],
                    situation: c[1],
                    cameo: c[2],
                    plover: opt(c[3]),
                    mode: opt(c[4]),
                })
            })
            .collect()
    })
}

/// (CAMEO, PLOVER type, PLOVER mode) for an event.
pub(crate) fn choose(
    kind: EventKind,
    status: Status,
    pattern_cameo: Option<&'static str>,
    location: Option<&Location>,
    publisher: Option<&str>,
    sides: &BTreeSet<String>,
) -> (String, Option<String>, Option<String>) {
    let loc_country = location.and_then(|l| l.country.as_deref());
    let situation = if status == Status::Planned {
        "planned"
    } else {
        match (loc_country, publisher) {
            (Some(l), Some(p)) if l == p => "host",
            (Some(l), _) if sides.contains(l) => "guest",
            (Some(_), _) if !sides.is_empty() => "third",
            _ => "default",
        }
    };
    let k = kind.as_str();
    let rows = rows();
    let row = rows
        .iter()
        .find(|r| r.kind == k && r.situation == situation)
        .or_else(|| {
            rows.iter()
                .find(|r| r.kind == k && r.situation == "default")
        });
    match row {
        Some(r) => {
            let cameo = match (situation, pattern_cameo) {
                ("default", Some(c)) => c,
                _ => r.cameo,
            };
            (
                cameo.to_string(),
                r.plover.map(str::to_string),
                r.mode.map(str::to_string),
            )
        }
        None => ("---".to_string(), None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meetings_by_situation() {
        let sides: BTreeSet<String> = ["BLR".to_string(), "KAZ".to_string()].into();
        let loc = Location {
            place: Some("Astana".into()),
            country: Some("KAZ".into()),
            span: None,
        };
        let (c, p, m) = choose(
            EventKind::Meeting,
            Status::Occurred,
            None,
            Some(&loc),
            Some("BLR"),
            &sides,
        );
        assert_eq!(
            (c.as_str(), p.as_deref(), m.as_deref()),
            ("042", Some("CONSULT"), Some("visit"))
        );
        let (c, _, _) = choose(
            EventKind::Meeting,
            Status::Occurred,
            None,
            Some(&loc),
            Some("KAZ"),
            &sides,
        );
        assert_eq!(c, "043");
        let (c, p, _) = choose(
            EventKind::Meeting,
            Status::Planned,
            None,
            Some(&loc),
            Some("KAZ"),
            &sides,
        );
        assert_eq!((c.as_str(), p.as_deref()), ("036", Some("AGREE")));
        let (c, _, _) = choose(
            EventKind::PhoneCall,
            Status::Occurred,
            None,
            None,
            Some("KAZ"),
            &sides,
        );
        assert_eq!(c, "041");
    }
}
