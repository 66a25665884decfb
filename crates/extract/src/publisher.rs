//! The publisher's country: from the URL or source host (data/publishers.tsv, or a
//! government host under a country-code domain, data/country_domains.tsv), a wire
//! agency tag in the text ("ABU DHABI, 10th September, 2023 (WAM) --"), the feed's title,
//! a first-person "our Ministry" / "Ministry of Foreign Affairs of X" phrase, or the
//! country of the first official the release names.

use crate::mentions::{Ent, EntMention};
use aho_corasick::AhoCorasick;
use attache_ingest::Document;
use attache_lexicon::CountryForm;
use std::sync::OnceLock;

const DATA: &str = include_str!("../../../data/publishers.tsv");
const COUNTRY_DOMAINS: &str = include_str!("../../../data/country_domains.tsv");

struct Hints {
    domains: Vec<(&'static str, &'static str)>,
    agencies: Vec<(&'static str, &'static str)>,
    /// Institution names, lowercased, with their country.
    institutions: Vec<(String, &'static str)>,
    /// Lowercased words that start an institution's name in a masthead.
    site_heads: Vec<&'static str>,
    /// Host labels of government sites ("gov", "gouv", "mfa").
    gov_labels: Vec<&'static str>,
    /// Country-code domains and their countries.
    country_domains: Vec<(&'static str, &'static str)>,
    /// Automata over the agencies' tags and the institutions' names, in data order.
    agency_names: Option<AhoCorasick>,
    institution_names: Option<AhoCorasick>,
}

fn hints() -> &'static Hints {
    static H: OnceLock<Hints> = OnceLock::new();
    H.get_or_init(|| {
        let mut h = Hints {
            domains: Vec::new(),
            agencies: Vec::new(),
            institutions: Vec::new(),
            site_heads: Vec::new(),
            gov_labels: Vec::new(),
            agency_names: None,
            institution_names: None,
            country_domains: COUNTRY_DOMAINS
                .lines()
                .filter(|l| !l.starts_with('#'))
                .skip(1)
                .filter_map(|l| l.split_once('\t'))
                .map(|(d, c)| (d.trim(), c.trim()))
                .collect(),
        };
        for line in DATA.lines() {
            if line.starts_with('#') {
                continue;
            }
            let cols: Vec<&'static str> = line.split('\t').map(str::trim).collect();
            if cols.len() != 3 {
                continue;
            }
            match cols[0] {
                "domain" => h.domains.push((cols[1], cols[2])),
                "agency" => h.agencies.push((cols[1], cols[2])),
                "institution" => h.institutions.push((cols[1].to_lowercase(), cols[2])),
                "site_head" => h.site_heads.push(cols[1]),
                "gov_label" => h.gov_labels.push(cols[1]),
                _ => {}
            }
        }
        // Longest domains first so "consilium.europa.eu" wins over "europa.eu".
        h.domains.sort_by_key(|(d, _)| std::cmp::Reverse(d.len()));
        h.agency_names = AhoCorasick::new(h.agencies.iter().map(|(t, _)| *t)).ok();
        h.institution_names = AhoCorasick::new(h.institutions.iter().map(|(n, _)| n)).ok();
        h
    })
}

/// The first in data order of the names `names` holds that occurs in one of `texts`
/// (one pass over each text, whatever the number of names).
fn first_listed(names: Option<&AhoCorasick>, texts: &[&str]) -> Option<usize> {
    let names = names?;
    texts
        .iter()
        .flat_map(|t| names.find_overlapping_iter(*t))
        .map(|m| m.pattern().as_usize())
        .min()
}

fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    host.contains('.').then_some(host)
}

fn by_domain(s: &str) -> Option<&'static str> {
    let host = host_of(s)?.to_ascii_lowercase();
    hints()
        .domains
        .iter()
        .find(|(d, _)| {
            // The domain itself or a subdomain of it ("www.mfa.gov.by").
            host.strip_suffix(d)
                .is_some_and(|sub| sub.is_empty() || sub.ends_with('.'))
        })
        .map(|(_, c)| *c)
        .or_else(|| by_country_domain(&host))
}

/// A government host under a country-code domain ("www.diwan.gov.qa", "mfa.gov.sg",
/// "www.mfa.ee"): the country of the domain.
fn by_country_domain(host: &str) -> Option<&'static str> {
    let h = hints();
    let (rest, tld) = host.rsplit_once('.')?;
    let country = h
        .country_domains
        .iter()
        .find(|(d, _)| *d == tld)
        .map(|(_, c)| *c)?;
    rest.split('.')
        .any(|label| h.gov_labels.contains(&label))
        .then_some(country)
}

/// Countries named in a short string (first one), via the lexicon.
fn first_country(s: &str) -> Option<&'static str> {
    attache_lexicon::lexicon()
        .find(s)
        .into_iter()
        .find_map(|h| match h.what {
            attache_lexicon::HitKind::Country { iso3, .. } => Some(iso3),
            attache_lexicon::HitKind::Organization(o)
                if matches!(o.reported_key(), "EU" | "UN" | "NATO") =>
            {
                Some(o.reported_key())
            }
            _ => None,
        })
}

/// The publisher named by the page's site names ([`Document::site`], one per line): a
/// foreign ministry's name of `data/publishers.tsv`, else the first part of a line
/// ("Ministry of Foreign Affairs | Arab Republic of Egypt") that names an institution.
fn by_site(site: &str) -> Option<String> {
    site.lines().find_map(|line| {
        by_site_line(line).or_else(|| {
            // A masthead in capitals ("THE UNITED REPUBLIC OF TANZANIA"), once its
            // acronyms ("NATO") have had their chance as written.
            let capitals =
                line.chars().any(char::is_uppercase) && !line.chars().any(char::is_lowercase);
            capitals.then(|| by_site_line(&title_case(line))).flatten()
        })
    })
}

fn by_site_line(line: &str) -> Option<String> {
    let h = hints();
    let lower = line.to_lowercase();
    if let Some(i) = first_listed(h.institution_names.as_ref(), &[&lower]) {
        return h.institutions.get(i).map(|(_, c)| (*c).to_string());
    }
    if let Some(c) = institution(line.trim()) {
        return Some(c);
    }
    line.split([',', '|', '/', '–', '—', ':', '(', ')'])
        .flat_map(|p| p.split(" - "))
        .find_map(|p| institution(p.trim()))
}

/// The lower-case words inside an institution's name ("Ministry of Foreign Affairs and
/// Expatriates", "Ministère des Affaires étrangères").
const NAME_SMALL_WORDS: &[&str] = &[
    "of", "the", "and", "for", "in", "to", "on", "at", "de", "des", "du",
];

/// A masthead in capitals ("THE UNITED REPUBLIC OF TANZANIA") in title case, with the
/// small words of names in lower case ("The United Republic of Tanzania").
fn title_case(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for (i, w) in line.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = w.to_lowercase();
        if i > 0 && NAME_SMALL_WORDS.contains(&lower.as_str()) {
            out.push_str(&lower);
            continue;
        }
        let mut cs = lower.chars();
        if let Some(f) = cs.next() {
            out.extend(f.to_uppercase());
            out.push_str(cs.as_str());
        }
    }
    out
}

/// The country (or organization) of an institution's name: a name in title case whose
/// first word starts institutions ("Ministry of Foreign Affairs of Georgia", "Embassy
/// of Belarus in …", "Federal Republic of Nigeria"), or a country or organization
/// followed by such a word ("Australian Government …", "U.S. Department of State"), or
/// a country's official name or an organization's name alone ("Arab Republic of
/// Egypt", "OSCE"). A headline ("Federal Foreign Office summons the Georgian
/// Ambassador") is no such name.
fn institution(name: &str) -> Option<String> {
    let name = name.strip_prefix("The ").unwrap_or(name).trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 16
        || !words
            .iter()
            .all(|w| !w.starts_with(char::is_lowercase) || NAME_SMALL_WORDS.contains(w))
    {
        return None;
    }
    let is_head = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        hints().site_heads.iter().any(|h| h.eq_ignore_ascii_case(w))
    };
    // A name that does not open with an institution word opens with a country or an
    // organization and is short ("Australian Government Department of …", "OSCE"); a
    // long Title Case headline is none, and is not worth a gazetteer lookup.
    if !is_head(words[0]) && words.len() > 8 {
        return None;
    }
    let hit = attache_lexicon::lexicon()
        .find(name)
        .into_iter()
        .find(|h| {
            matches!(
                h.what,
                attache_lexicon::HitKind::Country { .. }
                    | attache_lexicon::HitKind::Organization(_)
            )
        })?;
    let (key, official) = match hit.what {
        attache_lexicon::HitKind::Country { iso3, form } => {
            (iso3, form == CountryForm::OfficialName)
        }
        attache_lexicon::HitKind::Organization(o) => (o.reported_key(), true),
        _ => return None,
    };
    let mut after = name[hit.end..]
        .split_whitespace()
        .filter(|w| w.contains(char::is_alphanumeric))
        .take(2);
    let named = is_head(words[0])
        || (hit.start == 0 && after.any(is_head))
        || (hit.start == 0 && hit.end == name.len() && official);
    named.then(|| key.to_string())
}

/// The publisher's country (ISO alpha-3, or `EU`/`UN`/`NATO`) from metadata and text.
/// `first_person_country` is the explicit country of the first person the text names
/// (`None` when that person's title does not say), `person_countries` every explicit
/// country of a person. `own_unqualified`: some official is named by title alone
/// ("Minister of Foreign Affairs Hakan Fidan") — a ministry qualifies the other side's
/// officials ("… of the Republic of Azerbaijan") and not its own, so a country that
/// qualifies an official's title is then not the publisher, when another candidate is.
pub(crate) fn publisher(
    doc: &Document,
    ents: &[EntMention],
    first_person_country: Option<&str>,
    person_countries: &[String],
    own_unqualified: bool,
) -> Option<String> {
    if let Some(c) = doc.url.as_deref().and_then(by_domain) {
        return Some(c.to_string());
    }
    if let Some(c) = by_domain(&doc.source) {
        return Some(c.to_string());
    }
    if let Some(feed) = &doc.feed {
        if let Some(c) = by_domain(&feed.source) {
            return Some(c.to_string());
        }
        if let Some(c) = feed.title.as_deref().and_then(first_country) {
            return Some(c.to_string());
        }
    }
    if let Some(c) = doc.site.as_deref().and_then(by_site) {
        return Some(c);
    }
    // A `<title>` that is only the site's name ("Ministry of Foreign Affairs of the
    // People's Republic of China") taken as the headline.
    if let Some(c) = doc.title.as_deref().and_then(institution) {
        return Some(c);
    }
    let text = doc.text.as_str();
    let mut end = text.len().min(600);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let h = hints();
    if let Some(i) = first_listed(h.agency_names.as_ref(), &[head]) {
        return h.agencies.get(i).map(|(_, c)| (*c).to_string());
    }
    // Dateline: "ASTANA. …", "ABU DHABI, …".
    if let Some(m) = ents.first()
        && m.span.start == 0
        && let Some(p) = m.place()
        && let Some(c) = p.country
    {
        let w = m.span.of(text);
        let next = text.get(m.span.end..).and_then(|r| r.chars().next());
        if w.chars().all(|c| !c.is_lowercase()) && matches!(next, Some('.' | ',')) {
            return Some(c.to_string());
        }
    }
    if let Some(c) = first_person_country {
        return Some(c.to_string());
    }
    // "The Ministry of Foreign Affairs of Georgia welcomes…", "Embassy of Belarus in …".
    for m in ents {
        if let Ent::Country(iso, _) = m.ent {
            if m.span.start > 400 {
                break;
            }
            let before = text
                .get(m.span.start.saturating_sub(60)..m.span.start)
                .unwrap_or("");
            let b = before.trim_end();
            let b = b.strip_suffix("the Republic of").unwrap_or(b).trim_end();
            let b = b.strip_suffix(" the").unwrap_or(b);
            if b.ends_with("Ministry of Foreign Affairs of")
                || b.ends_with("Foreign Ministry of")
                || b.ends_with("Embassy of")
                || b.ends_with("Government of")
            {
                return Some(iso.to_string());
            }
        }
    }
    // A foreign ministry named at the head or in the closing lines ("Issued by the
    // Department of International Relations and Cooperation").
    let mut start = text.len().saturating_sub(400);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let ends = [
        crate::sentences::to_lower(head),
        crate::sentences::to_lower(&text[start..]),
    ];
    if let Some(i) = first_listed(h.institution_names.as_ref(), &[&ends[0], &ends[1]]) {
        return h.institutions.get(i).map(|(_, c)| (*c).to_string());
    }
    // The country the text names most often that is neither a named official's nor a
    // destination ("to Syria", "in Kazakhstan").
    let mut scores: Vec<(&'static str, i32, usize)> = Vec::new();
    // "his Sudanese counterpart": the counterpart's country is the other side's, so
    // never the publisher's while another country is named.
    let mut counterparts: Vec<&'static str> = Vec::new();
    for m in ents {
        let (iso, w) = match m.ent {
            Ent::Country(iso, form) => {
                let after = text.get(m.span.end..).unwrap_or("");
                let cues = crate::actors::cues();
                let other_side = form == CountryForm::Adjective
                    && cues
                        .counterpart
                        .iter()
                        .chain(&cues.other_side)
                        .any(|w| after.trim_start().starts_with(w));
                if form == CountryForm::Adjective
                    && cues
                        .counterpart
                        .iter()
                        .any(|w| after.trim_start().starts_with(w))
                    && !counterparts.contains(&iso)
                {
                    counterparts.push(iso);
                }
                let w = if is_destination(text, m.span.start) || other_side {
                    0
                } else if after_title(text, ents, m.span.start) {
                    1
                } else if form == CountryForm::Adjective
                    || after.starts_with("'s")
                    || after.starts_with("’s")
                {
                    3
                } else {
                    2
                };
                (iso, w)
            }
            Ent::Place(p) => match p.country {
                Some(c) => (c, 1),
                None => continue,
            },
            _ => continue,
        };
        match scores.iter_mut().find(|(c, _, _)| *c == iso) {
            Some(e) => e.1 += w,
            None => scores.push((iso, w, m.span.start)),
        }
    }
    // A country that qualifies a named official's title ("Minister of Foreign Affairs of
    // Azerbaijan Jeyhun Bayramov").
    let qualified = |c: &str| {
        person_countries.iter().any(|p| p == c)
            && ents
                .iter()
                .any(|m| m.country() == Some(c) && after_title(text, ents, m.span.start))
    };
    let best = |skip_qualified: bool| {
        scores
            .iter()
            .filter(|(_, w, _)| *w > 0)
            .filter(|(c, _, _)| !counterparts.contains(c))
            .filter(|(c, _, _)| !skip_qualified || !qualified(c))
            .max_by_key(|(_, w, pos)| (*w, std::cmp::Reverse(*pos)))
            .map(|(c, _, _)| (*c).to_string())
    };
    if let Some(c) = own_unqualified
        .then(|| best(true))
        .flatten()
        .or_else(|| best(false))
    {
        return Some(c);
    }
    if let Some(c) = doc.title.as_deref().and_then(first_country) {
        return Some(c.to_string());
    }
    ents.iter().find_map(|m| m.country()).map(str::to_string)
}

/// A country named as where someone goes or is: "to Kazakhstan and Uzbekistan",
/// "in Armenia", "travel on to Uzbekistan".
fn is_destination(text: &str, pos: usize) -> bool {
    let before = text.get(pos.saturating_sub(80)..pos).unwrap_or("");
    let Some(i) = last_preposition_end(before) else {
        return false;
    };
    // Only country names, commas, "and" and "the" between the preposition and here.
    before[i..]
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .all(|w| {
            matches!(
                w,
                "and" | "the" | "of" | "Republic" | "Kingdom" | "Federation" | "State"
            ) || w.chars().next().is_some_and(char::is_uppercase)
        })
}

/// The end of the last preposition set off by spaces (" to ", " in "…) in `before`: its
/// words from the end, each with a space on both sides (not the first nor the last).
fn last_preposition_end(before: &str) -> Option<usize> {
    // The words `b[s..e]` between spaces, from the end, byte by byte (a space is one
    // byte): the last one, and the first one (no space before it), never count.
    let b = before.as_bytes();
    let mut e = b.len();
    let mut last = true;
    while let Some(sp) = b[..e].iter().rposition(|&c| c == b' ') {
        if !last
            && matches!(
                &b[sp + 1..e],
                b"to" | b"in" | b"on" | b"against" | b"with" | b"for" | b"towards"
            )
        {
            return Some(e + 1);
        }
        last = false;
        e = sp;
    }
    None
}

/// A country named right after a title ("Minister of Foreign Affairs of Syria").
fn after_title(text: &str, ents: &[EntMention], pos: usize) -> bool {
    let before = text.get(..pos).unwrap_or("").trim_end();
    let before = before.strip_suffix(" the").unwrap_or(before);
    let Some(r) = before.strip_suffix(" of") else {
        return false;
    };
    let q = r.trim_end().len();
    ents.iter().any(|m| m.span.end == q && m.title().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The preposition search as first written: the latest end of seven `rfind`s.
    fn last_preposition_reference(before: &str) -> Option<usize> {
        [
            " to ",
            " in ",
            " on ",
            " against ",
            " with ",
            " for ",
            " towards ",
        ]
        .iter()
        .filter_map(|p| before.rfind(p).map(|i| i + p.len()))
        .max()
    }

    #[test]
    fn prepositions_agree_with_the_reference_search() {
        let text = "The Minister travelled to the Republic of Kazakhstan and  on to \
                    Uzbekistan, in line with plans for talks towards peace with Türkiye; \
                    against Russia's war in Ukraine, a visit to\tChina. to in on ";
        for pos in 0..=text.len() {
            if let Some(before) = text.get(pos.saturating_sub(80)..pos) {
                assert_eq!(
                    last_preposition_end(before),
                    last_preposition_reference(before),
                    "at {pos}: {before:?}"
                );
            }
        }
    }

    #[test]
    fn name_automata_are_built() {
        let h = hints();
        assert!(h.agency_names.is_some() && h.institution_names.is_some());
        assert_eq!(
            first_listed(h.agency_names.as_ref(), &["nothing here"]),
            None
        );
    }

    #[test]
    fn institutions_of_mastheads() {
        let of = |s: &str| institution(s);
        assert_eq!(
            of("Ministry of Foreign Affairs of the Republic of Armenia").as_deref(),
            Some("ARM")
        );
        assert_eq!(
            of("Embassy of the Republic of Belarus in the Republic of Kazakhstan").as_deref(),
            Some("BLR")
        );
        assert_eq!(of("Federal Republic of Nigeria").as_deref(), Some("NGA"));
        assert_eq!(of("Arab Republic of Egypt").as_deref(), Some("EGY"));
        assert_eq!(
            of("Australian Government Department of Foreign Affairs and Trade").as_deref(),
            Some("AUS")
        );
        assert_eq!(of("OSCE").as_deref(), Some("OSCE"));
        // Headlines, bare country names and generic names say nothing.
        assert_eq!(
            of("Federal Foreign Office summons the Georgian Ambassador"),
            None
        );
        assert_eq!(of("Minister of State Meets Tajik Foreign Minister"), None);
        assert_eq!(of("Uzbekistan"), None);
        assert_eq!(of("Ministry of Foreign Affairs"), None);
        // A line of parts: the first part that names an institution.
        assert_eq!(
            by_site("GOV.UK\nUnited Arab Emirates - Ministry of Foreign Affairs").as_deref(),
            Some("ARE")
        );
        assert_eq!(
            by_site("Ministry of External Affairs | Government of India").as_deref(),
            Some("IND")
        );
        // A masthead in capitals.
        assert_eq!(
            by_site("THE UNITED REPUBLIC OF TANZANIA\nMINISTRY OF FOREIGN AFFAIRS").as_deref(),
            Some("TZA")
        );
    }

    #[test]
    fn domains() {
        assert_eq!(
            by_domain("https://www.whitehouse.gov/briefing-room/x"),
            Some("USA")
        );
        assert_eq!(
            by_domain("https://bidenwhitehouse.archives.gov/x"),
            Some("USA")
        );
        assert_eq!(by_domain("https://www.gov.kz/memleket/x"), Some("KAZ"));
        assert_eq!(by_domain("https://mfa.gov.by/en/"), Some("BLR"));
        assert_eq!(by_domain("docs/x.html"), None);
        assert_eq!(
            by_domain("https://www.diwan.gov.qa/briefing-room/news/x"),
            Some("QAT")
        );
        assert_eq!(by_domain("https://www.mfa.gov.sg/Newsroom"), Some("SGP"));
        assert_eq!(by_domain("https://www.gov.uk/government/news"), Some("GBR"));
        // A country-code domain without a government label is no publisher.
        assert_eq!(by_domain("https://news.example.qa/x"), None);
        assert_eq!(by_domain("https://github.io/x"), None);
    }
}
