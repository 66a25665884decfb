//! Canonical keys: folded names, person keys, content hashes and day ranges of
//! partial dates.

use attache_extract::{EventKind, PartialDate, Status};
use attache_ingest::Document;
use jiff::civil::Date;
use sha2::{Digest, Sha256};

/// Lower-case ASCII transliteration with runs of anything but letters and digits
/// collapsed to one space ("Nurtleu", "NURTLEU" and "Nurtléu" fold alike).
pub(crate) fn fold(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Suffixes that are not a surname ("Jr.", "III").
const NAME_SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "v"];

/// Folded surname: the last word of the name once suffixes are dropped
/// ("S.Aleinik" → "aleinik", "Joseph R. Biden Jr." → "biden").
pub(crate) fn surname(name: &str) -> String {
    let folded = fold(name);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let mut end = words.len();
    while end > 1 && NAME_SUFFIXES.contains(&words[end - 1]) {
        end -= 1;
    }
    words
        .get(end.wrapping_sub(1))
        .copied()
        .unwrap_or("")
        .to_string()
}

/// Key of a person entity: folded surname and country (`aleinik|BLR`).
pub(crate) fn person_key(name: &str, country: Option<&str>) -> String {
    format!("{}|{}", surname(name), country.unwrap_or(""))
}

/// Key of a place entity: folded name and country.
pub(crate) fn place_key(name: &str, country: Option<&str>) -> String {
    format!("{}|{}", fold(name), country.unwrap_or(""))
}

/// Hash of what a reader sees of a document: title, publication date and text.
pub(crate) fn content_hash(doc: &Document) -> String {
    let mut h = Sha256::new();
    h.update(doc.title.as_deref().unwrap_or("").as_bytes());
    h.update([0]);
    if let Some(d) = doc.published {
        h.update(d.to_string().as_bytes());
    }
    h.update([0]);
    h.update(doc.text.as_bytes());
    let digest = h.finalize();
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// First day a partial date can mean.
pub(crate) fn first_day(d: PartialDate) -> Option<Date> {
    Date::new(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1)).ok()
}

/// Last day a partial date can mean.
pub(crate) fn last_day(d: PartialDate) -> Option<Date> {
    match (d.month, d.day) {
        (Some(m), Some(day)) => Date::new(d.year, m, day).ok(),
        (Some(m), None) => {
            let first = Date::new(d.year, m, 1).ok()?;
            Date::new(d.year, m, first.days_in_month()).ok()
        }
        _ => Date::new(d.year, 12, 31).ok(),
    }
}

/// The first day of the day numbers ([`day_number`]).
const EPOCH: Date = Date::constant(1970, 1, 1);

/// A day as the number of days since 1970-01-01 (how `events` stores days: two bytes
/// instead of ten).
pub(crate) fn day_number(d: Date) -> i64 {
    i64::from((d - EPOCH).get_days())
}

/// The day of a day number.
pub(crate) fn day_of(n: i64) -> Option<Date> {
    let n = i32::try_from(n).ok()?;
    EPOCH.checked_add(jiff::Span::new().days(n)).ok()
}

/// The days an event with these dates may cover, as day numbers.
pub(crate) fn day_numbers(
    date: Option<PartialDate>,
    date_end: Option<PartialDate>,
) -> (Option<i64>, Option<i64>) {
    let Some(date) = date else {
        return (None, None);
    };
    let first = first_day(date);
    let last = last_day(date_end.unwrap_or(date)).max(first);
    (first.map(day_number), last.map(day_number))
}

/// The code of an event kind in `events.kind`: its place in [`EventKind::ALL`].
pub(crate) fn kind_code(k: EventKind) -> i64 {
    EventKind::ALL.iter().position(|x| *x == k).unwrap_or(0) as i64
}

/// The event kind of a code of [`kind_code`].
pub(crate) fn kind_of(code: i64) -> EventKind {
    usize::try_from(code)
        .ok()
        .and_then(|i| EventKind::ALL.get(i).copied())
        .unwrap_or(EventKind::Other)
}

/// The code of a status in `events.status` (0 occurred, 1 planned, 2 cancelled).
pub(crate) fn status_code(s: Status) -> i64 {
    match s {
        Status::Occurred => 0,
        Status::Planned => 1,
        Status::Cancelled => 2,
    }
}

/// The status of a code of [`status_code`].
pub(crate) fn status_of(code: i64) -> Status {
    match code {
        0 => Status::Occurred,
        2 => Status::Cancelled,
        _ => Status::Planned,
    }
}

/// How precise a partial date is: 3 for a day, 2 for a month, 1 for a year.
pub(crate) fn precision(d: PartialDate) -> u8 {
    1 + u8::from(d.month.is_some()) + u8::from(d.day.is_some())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_full_names_share_a_person_key() {
        assert_eq!(person_key("S.Aleinik", Some("BLR")), "aleinik|BLR");
        assert_eq!(person_key("Sergei Aleinik", Some("BLR")), "aleinik|BLR");
        assert_eq!(person_key("Joseph R. Biden Jr.", Some("USA")), "biden|USA");
        assert_ne!(
            person_key("Sergei Aleinik", Some("BLR")),
            person_key("Sergei Aleinik", None)
        );
        assert_eq!(surname("Nurtléu"), "nurtleu");
        assert_eq!(surname(""), "");
    }

    #[test]
    fn day_ranges_cover_months_and_spans() {
        let p = |s| PartialDate::parse(s);
        let n = |s: &str| day_number(s.parse().unwrap());
        let range = |a: &str, b: &str| (Some(n(a)), Some(n(b)));
        assert_eq!(
            day_numbers(p("2024-02"), None),
            range("2024-02-01", "2024-02-29")
        );
        assert_eq!(
            day_numbers(p("2024-05-27"), p("2024-05-29")),
            range("2024-05-27", "2024-05-29")
        );
        assert_eq!(day_numbers(None, p("2024")), (None, None));
        assert_eq!(
            day_numbers(p("2024"), None),
            range("2024-01-01", "2024-12-31")
        );
        assert_eq!(n("1970-01-02"), 1);
        assert_eq!(day_of(n("2024-05-27")).unwrap().to_string(), "2024-05-27");
    }

    #[test]
    fn kinds_and_statuses_have_codes() {
        for k in EventKind::ALL {
            assert_eq!(kind_of(kind_code(k)), k);
        }
        for s in [Status::Occurred, Status::Planned, Status::Cancelled] {
            assert_eq!(status_of(status_code(s)), s);
        }
    }
}
