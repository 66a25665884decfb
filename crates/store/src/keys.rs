//! Canonical keys: folded names, person keys, content hashes and day ranges of
//! partial dates.

use attache_extract::PartialDate;
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

/// The days an event with these dates may cover, as ISO strings.
pub(crate) fn day_range(
    date: Option<PartialDate>,
    date_end: Option<PartialDate>,
) -> (Option<String>, Option<String>) {
    let Some(date) = date else {
        return (None, None);
    };
    let first = first_day(date);
    let last = last_day(date_end.unwrap_or(date)).max(first);
    (first.map(|d| d.to_string()), last.map(|d| d.to_string()))
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
        assert_eq!(
            day_range(p("2024-02"), None),
            (Some("2024-02-01".into()), Some("2024-02-29".into()))
        );
        assert_eq!(
            day_range(p("2024-05-27"), p("2024-05-29")),
            (Some("2024-05-27".into()), Some("2024-05-29".into()))
        );
        assert_eq!(day_range(None, p("2024")), (None, None));
        assert_eq!(
            day_range(p("2024"), None),
            (Some("2024-01-01".into()), Some("2024-12-31".into()))
        );
    }
}
