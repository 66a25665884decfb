//! Offices that exist in some countries only (`data/offices.tsv`): whether a country can
//! be the one of an official known by a title alone ("King", "Crown Prince", "Prime
//! Minister").

use std::sync::OnceLock;

const DATA: &str = include_str!("../../../data/offices.tsv");

/// One row: a canonical title, whether the list is of the countries holding the office
/// (`true`) or of those without it, and the list.
struct Office {
    title: &'static str,
    only: bool,
    countries: Vec<&'static str>,
}

fn offices() -> &'static [Office] {
    static O: OnceLock<Vec<Office>> = OnceLock::new();
    O.get_or_init(|| {
        DATA.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1)
            .filter_map(|l| {
                let mut it = l.split('\t');
                let (title, rule, list) = (it.next()?, it.next()?, it.next()?);
                Some(Office {
                    title: title.trim(),
                    only: rule.trim() == "in",
                    countries: list.split('|').map(str::trim).collect(),
                })
            })
            .collect()
    })
}

/// Whether `country` (ISO alpha-3) has every office among `titles` (canonical titles;
/// titles without a row exist everywhere).
pub(crate) fn holds_all(titles: &[String], country: &str) -> bool {
    titles.iter().all(|t| {
        offices()
            .iter()
            .filter(|o| o.title == t)
            .all(|o| o.countries.contains(&country) == o.only)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn offices_by_country() {
        assert!(holds_all(&t(&["King"]), "JOR"));
        assert!(!holds_all(&t(&["King"]), "USA"));
        assert!(!holds_all(&t(&["Crown Prince"]), "FRA"));
        assert!(holds_all(&t(&["Prime Minister"]), "ISR"));
        assert!(!holds_all(&t(&["Prime Minister"]), "USA"));
        assert!(!holds_all(&t(&["Prime Minister", "Minister"]), "USA"));
        assert!(holds_all(&t(&["Minister", "President"]), "USA"));
        assert!(holds_all(&[], "USA"));
    }

    #[test]
    fn every_row_names_a_known_title_and_known_countries() {
        let lex = attache_lexicon::lexicon();
        assert!(offices().len() >= 5);
        for o in offices() {
            assert!(
                lex.title(o.title).is_some_and(|t| t.canonical == o.title),
                "{} is not a title of data/titles.tsv",
                o.title
            );
            for c in &o.countries {
                assert!(lex.country(c).is_some(), "{c} of {}", o.title);
            }
        }
    }
}
