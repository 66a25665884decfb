//! Queries the pages and the API share, built on the store's public API, and date
//! helpers.

use crate::error::AppError;
use attache_extract::PartialDate;
use attache_store::{EventFilter, EventRow, Store};
use jiff::civil::Date;

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
