//! The publisher's country: from the URL or source host (data/publishers.tsv), a wire
//! agency tag in the text ("ABU DHABI, 10th September, 2023 (WAM) --"), the feed's title,
//! a first-person "our Ministry" / "Ministry of Foreign Affairs of X" phrase, or the
//! country of the first official the release names.

use crate::mentions::{Ent, EntMention};
use attache_ingest::Document;
use std::sync::OnceLock;

const DATA: &str = include_str!("../../../data/publishers.tsv");

struct Hints {
    domains: Vec<(&'static str, &'static str)>,
    agencies: Vec<(&'static str, &'static str)>,
}

fn hints() -> &'static Hints {
    static H: OnceLock<Hints> = OnceLock::new();
    H.get_or_init(|| {
        let mut h = Hints {
            domains: Vec::new(),
            agencies: Vec::new(),
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
                _ => {}
            }
        }
        // Longest domains first so "consilium.europa.eu" wins over "europa.eu".
        h.domains.sort_by_key(|(d, _)| std::cmp::Reverse(d.len()));
        h
    })
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
        .find(|(d, _)| host == *d || host.ends_with(&format!(".{d}")))
        .map(|(_, c)| *c)
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

/// The publisher's country (ISO alpha-3, or `EU`/`UN`/`NATO`) from metadata and text.
/// `first_actor_country` is the country of the first named official, if known.
pub(crate) fn publisher(
    doc: &Document,
    ents: &[EntMention],
    first_actor_country: Option<&str>,
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
    let text = doc.text.as_str();
    let head = text.get(..text.len().min(600)).unwrap_or(text);
    let head = if head.is_char_boundary(head.len()) {
        head
    } else {
        text
    };
    for (tag, c) in &hints().agencies {
        if head.contains(tag) {
            return Some((*c).to_string());
        }
    }
    // "The Ministry of Foreign Affairs of Georgia welcomes…", "our Ministry" with the
    // ministry named elsewhere, "Embassy of Belarus in Kazakhstan" as a news page.
    for m in ents {
        if let Ent::Country(iso, _) = m.ent {
            let before = text
                .get(m.span.start.saturating_sub(60)..m.span.start)
                .unwrap_or("");
            let b = before.trim_end();
            let b = b.strip_suffix("the Republic of").unwrap_or(b).trim_end();
            let b = b.strip_suffix(" the").unwrap_or(b);
            if (b.ends_with("Ministry of Foreign Affairs of")
                || b.ends_with("Foreign Ministry of")
                || b.ends_with("Embassy of")
                || b.ends_with("Government of"))
                && m.span.start < 400
            {
                return Some(iso.to_string());
            }
        }
    }
    if let Some(c) = first_actor_country {
        return Some(c.to_string());
    }
    if let Some(c) = doc.title.as_deref().and_then(first_country) {
        return Some(c.to_string());
    }
    ents.iter().find_map(|m| m.country()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
