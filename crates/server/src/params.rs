//! Query strings: read raw (every field a string), then validated into typed values
//! with messages that name the bad parameter. Shared by the API and the pages.

use crate::error::AppError;
use attache_extract::{EventKind, PartialDate, Status};
use serde::Deserialize;

/// Default and largest page sizes.
pub(crate) const DEFAULT_LIMIT: usize = 50;
pub(crate) const MAX_LIMIT: usize = 500;
pub(crate) const MAX_OFFSET: usize = 1_000_000;

/// Paging as typed.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct RawPage {
    pub(crate) limit: Option<String>,
    pub(crate) offset: Option<String>,
}

/// Paging as validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Page {
    pub(crate) limit: usize,
    pub(crate) offset: usize,
}

fn number(name: &str, v: Option<&str>, default: usize, max: usize) -> Result<usize, AppError> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(s) => {
            let n: usize = s.parse().map_err(|_| {
                AppError::BadRequest(format!("{name} must be a non-negative integer, not {s:?}"))
            })?;
            if n > max {
                return Err(AppError::BadRequest(format!(
                    "{name} must be at most {max}"
                )));
            }
            Ok(n)
        }
    }
}

impl RawPage {
    pub(crate) fn validate(&self, default_limit: usize) -> Result<Page, AppError> {
        Ok(Page {
            limit: number("limit", self.limit.as_deref(), default_limit, MAX_LIMIT)?.max(1),
            offset: number("offset", self.offset.as_deref(), 0, MAX_OFFSET)?,
        })
    }
}

/// A date parameter: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub(crate) fn date(name: &str, v: Option<&str>) -> Result<Option<PartialDate>, AppError> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => PartialDate::parse(s).map(Some).ok_or_else(|| {
            AppError::BadRequest(format!(
                "{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {s:?}"
            ))
        }),
    }
}

fn text(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A country or organization parameter as stored: ISO alpha-3 code or acronym, from a
/// code or a name ("blr", "Belarus", "EU"); unknown names are a 400.
pub(crate) fn resolve_side(name: &str, v: &Option<String>) -> Result<Option<String>, AppError> {
    let Some(t) = text(v) else { return Ok(None) };
    let lex = attache_lexicon::lexicon();
    if let Some(c) = lex
        .country(&t.to_ascii_uppercase())
        .or_else(|| lex.country_by_name(&t))
    {
        return Ok(Some(c.iso3.to_string()));
    }
    if let Some(o) = lex
        .organization(&t)
        .or_else(|| lex.organization_by_name(&t))
    {
        return Ok(Some(o.key.to_string()));
    }
    if t.len() == 3 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        return Ok(Some(t.to_ascii_uppercase()));
    }
    Err(AppError::BadRequest(format!(
        "{name}: unknown country or organization {t:?} (use an ISO alpha-3 code such as BLR, or a name)"
    )))
}

/// An organization parameter: its acronym when known, else as given.
fn resolve_org(v: &Option<String>) -> Option<String> {
    let t = text(v)?;
    let lex = attache_lexicon::lexicon();
    Some(
        lex.organization(&t)
            .or_else(|| lex.organization_by_name(&t))
            .map(|o| o.key.to_string())
            .unwrap_or(t),
    )
}

/// Event filters as typed (the CLI's `attache events` flags).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct RawEventFilter {
    pub(crate) country: Option<String>,
    pub(crate) with: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) from: Option<String>,
    pub(crate) to: Option<String>,
    pub(crate) person: Option<String>,
    pub(crate) topic: Option<String>,
    pub(crate) status: Option<String>,
    pub(crate) org: Option<String>,
    pub(crate) limit: Option<String>,
    pub(crate) offset: Option<String>,
}

/// Event filters as validated.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct EventQuery {
    pub(crate) country: Option<String>,
    pub(crate) with: Option<String>,
    pub(crate) kind: Option<EventKind>,
    pub(crate) from: Option<PartialDate>,
    pub(crate) to: Option<PartialDate>,
    pub(crate) person: Option<String>,
    pub(crate) topic: Option<String>,
    pub(crate) status: Option<Status>,
    pub(crate) org: Option<String>,
    pub(crate) page: Option<Page>,
}

pub(crate) fn status(v: Option<&str>) -> Result<Option<Status>, AppError> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some("occurred") => Ok(Some(Status::Occurred)),
        Some("planned") => Ok(Some(Status::Planned)),
        Some("cancelled" | "canceled") => Ok(Some(Status::Cancelled)),
        Some(s) => Err(AppError::BadRequest(format!(
            "status must be occurred, planned or cancelled, not {s:?}"
        ))),
    }
}

impl RawEventFilter {
    pub(crate) fn validate(&self) -> Result<EventQuery, AppError> {
        let kind = match text(&self.kind) {
            None => None,
            Some(k) => Some(EventKind::parse(&k).ok_or_else(|| {
                let all: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
                AppError::BadRequest(format!("kind must be one of {}, not {k:?}", all.join(", ")))
            })?),
        };
        let from = date("from", self.from.as_deref())?;
        let to = date("to", self.to.as_deref())?;
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(AppError::BadRequest(format!(
                "from ({f}) is after to ({t})"
            )));
        }
        let page = RawPage {
            limit: self.limit.clone(),
            offset: self.offset.clone(),
        }
        .validate(DEFAULT_LIMIT)?;
        Ok(EventQuery {
            country: resolve_side("country", &self.country)?,
            with: resolve_side("with", &self.with)?,
            kind,
            from,
            to,
            person: text(&self.person),
            topic: text(&self.topic),
            status: status(self.status.as_deref())?,
            org: resolve_org(&self.org),
            page: Some(page),
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_are_named() {
        let raw = RawEventFilter {
            from: Some("2024-13-01".into()),
            ..Default::default()
        };
        let err = raw.validate().unwrap_err();
        assert!(err.message().contains("from"), "{}", err.message());
        let raw = RawEventFilter {
            kind: Some("party".into()),
            ..Default::default()
        };
        assert!(raw.validate().unwrap_err().message().contains("kind"));
        let raw = RawEventFilter {
            limit: Some("100000".into()),
            ..Default::default()
        };
        assert!(raw.validate().is_err());
        let raw = RawEventFilter {
            country: Some("Atlantis".into()),
            ..Default::default()
        };
        assert!(raw.validate().unwrap_err().message().contains("country"));
    }

    #[test]
    fn good_values_are_typed() {
        let raw = RawEventFilter {
            country: Some("blr".into()),
            kind: Some("meeting".into()),
            from: Some("2024".into()),
            to: Some("2024-06-30".into()),
            status: Some("planned".into()),
            ..Default::default()
        };
        let q = raw.validate().unwrap();
        assert_eq!(q.country.as_deref(), Some("BLR"));
        let named = RawEventFilter {
            country: Some("Belarus".into()),
            ..Default::default()
        };
        assert_eq!(named.validate().unwrap().country.as_deref(), Some("BLR"));
        assert_eq!(q.kind, Some(EventKind::Meeting));
        assert_eq!(q.status, Some(Status::Planned));
        assert_eq!(
            q.page,
            Some(Page {
                limit: 50,
                offset: 0
            })
        );
    }
}
