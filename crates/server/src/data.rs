//! Queries the pages and the API share, built on the store's public API.

use crate::error::AppError;
use attache_extract::PartialDate;
use attache_store::{EventFilter, EventRow, Store};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

/// One release in a list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocSummary {
    pub(crate) doc_id: String,
    pub(crate) source: String,
    pub(crate) url: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) published: Option<Date>,
    pub(crate) events: usize,
}

/// A pair of sides and the number of events between them.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PairCount {
    pub(crate) a: String,
    pub(crate) b: String,
    pub(crate) events: usize,
}

/// What the home page and the release list summarise, computed in one pass over the
/// events and cached until the counts of the knowledge base change.
#[derive(Debug, Default)]
pub(crate) struct Overview {
    /// Releases, newest first.
    pub(crate) docs: Vec<DocSummary>,
    /// Pairs of sides, most events first.
    pub(crate) pairs: Vec<PairCount>,
}

/// The cache of [`Overview`], keyed by the counts it was computed from.
pub(crate) type OverviewCache = Mutex<Option<((usize, usize, usize), Arc<Overview>)>>;

fn compute_overview(store: &Store) -> Result<Overview, AppError> {
    let mut by_id: HashMap<String, DocSummary> = HashMap::new();
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    store.for_each_event(&EventFilter::default(), |e| {
        for s in e.sources {
            by_id
                .entry(s.doc_id.clone())
                .and_modify(|d| d.events += 1)
                .or_insert(DocSummary {
                    doc_id: s.doc_id,
                    source: s.source,
                    url: s.url,
                    title: s.title,
                    published: s.published,
                    events: 1,
                });
        }
        let sides = &e.sides;
        for (i, a) in sides.iter().enumerate() {
            for b in &sides[i + 1..] {
                let key = if a <= b {
                    (a.clone(), b.clone())
                } else {
                    (b.clone(), a.clone())
                };
                *counts.entry(key).or_default() += 1;
            }
        }
        Ok(())
    })?;
    let mut docs: Vec<DocSummary> = by_id.into_values().collect();
    docs.sort_by(|a, b| {
        b.published
            .cmp(&a.published)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.doc_id.cmp(&b.doc_id))
    });
    let mut pairs: Vec<PairCount> = counts
        .into_iter()
        .map(|((a, b), events)| PairCount { a, b, events })
        .collect();
    pairs.sort_by(|x, y| {
        y.events
            .cmp(&x.events)
            .then_with(|| x.a.cmp(&y.a))
            .then_with(|| x.b.cmp(&y.b))
    });
    Ok(Overview { docs, pairs })
}

/// The overview, from the cache while the knowledge base's counts are unchanged.
pub(crate) fn overview(store: &Store, cache: &OverviewCache) -> Result<Arc<Overview>, AppError> {
    let stats = store.stats()?;
    let key = (stats.documents, stats.events, stats.event_sources);
    let mut slot = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((k, o)) = slot.as_ref()
        && *k == key
    {
        return Ok(o.clone());
    }
    let fresh = Arc::new(compute_overview(store)?);
    *slot = Some((key, fresh.clone()));
    Ok(fresh)
}

/// Planned events after `today`; when there are none, the latest planned events.
pub(crate) fn planned(
    store: &Store,
    today: Date,
    limit: usize,
) -> Result<(Vec<EventRow>, bool), AppError> {
    let upcoming = store.upcoming(today, Some(limit))?;
    if !upcoming.is_empty() {
        return Ok((upcoming, true));
    }
    let latest = store.events(&EventFilter {
        status: Some(attache_extract::Status::Planned),
        limit: Some(limit),
        ..EventFilter::default()
    })?;
    Ok((latest, false))
}

/// First day a partial date may mean.
pub(crate) fn first_day(d: PartialDate) -> Option<Date> {
    Date::new(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1)).ok()
}

/// Last day a partial date may mean.
pub(crate) fn last_day(d: PartialDate) -> Option<Date> {
    match (d.month, d.day) {
        (Some(m), Some(day)) => Date::new(d.year, m, day).ok(),
        (Some(m), None) => Date::new(d.year, m, 1).ok().map(|x| x.last_of_month()),
        _ => Date::new(d.year, 12, 31).ok(),
    }
}

/// Today's date on the server's clock.
pub(crate) fn today() -> Date {
    jiff::Zoned::now().date()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_become_day_ranges() {
        let d = PartialDate::parse("2024-02").unwrap();
        assert_eq!(first_day(d).unwrap().to_string(), "2024-02-01");
        assert_eq!(last_day(d).unwrap().to_string(), "2024-02-29");
        let y = PartialDate::parse("2023").unwrap();
        assert_eq!(last_day(y).unwrap().to_string(), "2023-12-31");
    }
}
