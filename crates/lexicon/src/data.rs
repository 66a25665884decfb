//! Parsing of the gazetteer TSV files (`data/countries.tsv`, `data/places.tsv`,
//! `data/organizations.tsv`, `data/titles.tsv`) into the public types.
//!
//! Format shared by all files: `#` comment lines (source and licence), then one header
//! line naming the columns, then one record per line, tab-separated. List-valued
//! columns separate items with `|`; empty cells are empty strings.

use crate::{Country, OrgKind, Organization, Place, PlaceId, PlaceKind, Rank, Title};

pub(crate) const COUNTRIES: &str = include_str!("../../../data/countries.tsv");
pub(crate) const PLACES: &str = include_str!("../../../data/places.tsv");
pub(crate) const ORGANIZATIONS: &str = include_str!("../../../data/organizations.tsv");
pub(crate) const TITLES: &str = include_str!("../../../data/titles.tsv");
pub(crate) const STOPS: &str = include_str!("../../../data/gazetteer_stops.tsv");

/// A defect in one of the built-in data files.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{file}: header should be `{expected}`, found `{found}`")]
    Header {
        file: &'static str,
        expected: String,
        found: String,
    },
    #[error("{file}:{line}: {msg}")]
    Line {
        file: &'static str,
        line: usize,
        msg: String,
    },
    #[error("compiling the matcher: {0}")]
    Matcher(String),
}

/// Data rows of one TSV file: (1-based line number, cells padded to the header width).
fn rows(
    file: &'static str,
    text: &'static str,
    columns: &[&str],
) -> Result<Vec<(usize, Vec<&'static str>)>, DataError> {
    let mut out = Vec::new();
    let mut header_seen = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !header_seen {
            let expected = columns.join("\t");
            if line != expected {
                return Err(DataError::Header {
                    file,
                    expected,
                    found: line.to_string(),
                });
            }
            header_seen = true;
            continue;
        }
        let mut cells: Vec<&'static str> = line.split('\t').map(str::trim).collect();
        if cells.len() > columns.len() {
            return Err(DataError::Line {
                file,
                line: i + 1,
                msg: format!("{} cells, header has {}", cells.len(), columns.len()),
            });
        }
        cells.resize(columns.len(), "");
        out.push((i + 1, cells));
    }
    if !header_seen {
        return Err(DataError::Header {
            file,
            expected: columns.join("\t"),
            found: String::new(),
        });
    }
    Ok(out)
}

fn list(cell: &'static str) -> Vec<&'static str> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn opt(cell: &'static str) -> Option<&'static str> {
    (!cell.is_empty()).then_some(cell)
}

fn required(
    file: &'static str,
    line: usize,
    what: &str,
    cell: &'static str,
) -> Result<&'static str, DataError> {
    if cell.is_empty() {
        Err(DataError::Line {
            file,
            line,
            msg: format!("missing {what}"),
        })
    } else {
        Ok(cell)
    }
}

pub(crate) fn parse_countries() -> Result<Vec<Country>, DataError> {
    const F: &str = "data/countries.tsv";
    let cols = [
        "iso3",
        "name",
        "official",
        "capital",
        "status",
        "names",
        "abbreviations",
        "adjectives",
    ];
    let mut out = Vec::new();
    for (line, c) in rows(F, COUNTRIES, &cols)? {
        let iso3 = required(F, line, "iso3", c[0])?;
        if iso3.len() != 3 || !iso3.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(DataError::Line {
                file: F,
                line,
                msg: format!("bad iso3 `{iso3}`"),
            });
        }
        let status = required(F, line, "status", c[4])?;
        if !matches!(
            status,
            "un_member" | "un_observer" | "partially_recognized" | "territory"
        ) {
            return Err(DataError::Line {
                file: F,
                line,
                msg: format!("bad status `{status}`"),
            });
        }
        out.push(Country {
            iso3,
            name: required(F, line, "name", c[1])?,
            official: required(F, line, "official", c[2])?,
            capital: required(F, line, "capital", c[3])?,
            status,
            names: list(c[5]),
            abbreviations: list(c[6]),
            adjectives: list(c[7]),
        });
    }
    Ok(out)
}

fn place_kind(s: &str) -> Option<PlaceKind> {
    Some(match s {
        "capital" => PlaceKind::Capital,
        "admin_centre" => PlaceKind::AdminCentre,
        "city" => PlaceKind::City,
        "region" => PlaceKind::Region,
        "venue" => PlaceKind::Venue,
        _ => return None,
    })
}

pub(crate) fn parse_places() -> Result<Vec<Place>, DataError> {
    const F: &str = "data/places.tsv";
    let cols = ["name", "country", "kind", "population", "variants"];
    let mut out = Vec::new();
    for (line, c) in rows(F, PLACES, &cols)? {
        let bad = |msg: String| DataError::Line { file: F, line, msg };
        let kind = place_kind(c[2]).ok_or_else(|| bad(format!("bad kind `{}`", c[2])))?;
        let population = match c[3] {
            "" => None,
            p => Some(
                p.parse::<u32>()
                    .map_err(|_| bad(format!("bad population `{p}`")))?,
            ),
        };
        let id = PlaceId(u32::try_from(out.len()).map_err(|_| bad("too many places".to_string()))?);
        out.push(Place {
            id,
            name: required(F, line, "name", c[0])?,
            country: opt(c[1]),
            kind,
            population,
            variants: list(c[4]),
        });
    }
    Ok(out)
}

fn org_kind(s: &str) -> Option<OrgKind> {
    Some(match s {
        "igo" => OrgKind::Igo,
        "ngo" => OrgKind::Ngo,
        "armed_group" => OrgKind::ArmedGroup,
        "sports" => OrgKind::Sports,
        "other" => OrgKind::Other,
        _ => return None,
    })
}

pub(crate) fn parse_organizations() -> Result<Vec<Organization>, DataError> {
    const F: &str = "data/organizations.tsv";
    let cols = ["key", "name", "parent", "kind", "variants"];
    let mut out = Vec::new();
    for (line, c) in rows(F, ORGANIZATIONS, &cols)? {
        let kind = org_kind(c[3]).ok_or_else(|| DataError::Line {
            file: F,
            line,
            msg: format!("bad kind `{}`", c[3]),
        })?;
        out.push(Organization {
            key: required(F, line, "key", c[0])?,
            name: required(F, line, "name", c[1])?,
            parent: opt(c[2]),
            kind,
            variants: list(c[4]),
        });
    }
    Ok(out)
}

pub(crate) fn rank_from_str(s: &str) -> Option<Rank> {
    Some(match s {
        "head_of_state" => Rank::HeadOfState,
        "head_of_government" => Rank::HeadOfGovernment,
        "deputy_head" => Rank::DeputyHead,
        "minister" => Rank::Minister,
        "deputy_minister" => Rank::DeputyMinister,
        "diplomat" => Rank::Diplomat,
        "igo_official" => Rank::IgoOfficial,
        "adviser" => Rank::Adviser,
        "spokesperson" => Rank::Spokesperson,
        "legislator" => Rank::Legislator,
        "judicial" => Rank::Judicial,
        "military" => Rank::Military,
        "regional" => Rank::Regional,
        "official" => Rank::Official,
        "other" => Rank::Other,
        _ => return None,
    })
}

pub(crate) fn parse_titles() -> Result<Vec<Title>, DataError> {
    const F: &str = "data/titles.tsv";
    let cols = [
        "canonical",
        "sector",
        "rank",
        "portfolio",
        "org",
        "variants",
    ];
    let mut out = Vec::new();
    for (line, c) in rows(F, TITLES, &cols)? {
        let rank = rank_from_str(c[2]).ok_or_else(|| DataError::Line {
            file: F,
            line,
            msg: format!("bad rank `{}`", c[2]),
        })?;
        out.push(Title {
            canonical: required(F, line, "canonical", c[0])?,
            sector: required(F, line, "sector", c[1])?,
            rank,
            portfolio: opt(c[3]),
            org: opt(c[4]),
            variants: list(c[5]),
        });
    }
    Ok(out)
}

/// Phrases of `data/gazetteer_stops.tsv`: matched like names, then dropped.
pub(crate) fn parse_stops() -> Result<Vec<&'static str>, DataError> {
    const F: &str = "data/gazetteer_stops.tsv";
    let mut out = Vec::new();
    for (line, c) in rows(F, STOPS, &["phrase", "reason"])? {
        out.push(required(F, line, "phrase", c[0])?);
    }
    Ok(out)
}
