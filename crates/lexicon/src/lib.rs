//! `attache-lexicon`: the data files under `data/` compiled into fast matchers.
//!
//! Gazetteers (countries, places, organizations, titles), event patterns and topic
//! cues are facts kept as readable data files, included at build time and compiled
//! once. Nothing else lives here.
//!
//! The gazetteer entry point is [`lexicon()`]: a process-wide [`Lexicon`] built on
//! first use from `data/countries.tsv`, `data/places.tsv`, `data/organizations.tsv`
//! and `data/titles.tsv`. [`Lexicon::find`] returns every gazetteer mention of a text
//! in one pass (non-overlapping, leftmost-longest, at word boundaries).

pub mod events;
pub mod topics;

mod data;
mod fold;
mod matcher;
mod trie;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use data::DataError;
pub use fold::fold_key;

/// How a country was named in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CountryForm {
    /// A short or variant name: "Belarus", "Türkiye", "Burma", "the United States".
    Name,
    /// The official long name: "Republic of Belarus".
    OfficialName,
    /// An adjective or demonym: "Belarusian", "Kazakh", "Emirati".
    Adjective,
    /// An abbreviation: "U.S.", "UK", "UAE", "DPRK".
    Abbreviation,
}

/// One gazetteer match in a text. Offsets are byte offsets into the searched text,
/// so `&text[hit.start..hit.end]` is the surface form as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub what: HitKind,
}

/// What a [`Hit`] refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum HitKind {
    Country {
        iso3: &'static str,
        form: CountryForm,
    },
    Place(&'static Place),
    Organization(&'static Organization),
    Title(&'static Title),
}

/// A country or country-like territory (ISO 3166-1 alpha-3 keyed; Kosovo is `XKX`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code ("BLR").
    pub iso3: &'static str,
    /// Short English name used in output ("Belarus").
    pub name: &'static str,
    /// Official long name ("Republic of Belarus").
    pub official: &'static str,
    /// Capital city as commonly written in English ("Minsk").
    pub capital: &'static str,
    /// `un_member`, `un_observer`, `partially_recognized` or `territory`.
    pub status: &'static str,
    /// Variant, former and colloquial names ("Burma", "Türkiye", "Britain").
    pub names: Vec<&'static str>,
    /// Abbreviations ("U.S.", "UK", "UAE").
    pub abbreviations: Vec<&'static str>,
    /// Adjectives and demonyms ("Belarusian", "Kazakhstani").
    pub adjectives: Vec<&'static str>,
}

/// Index of a place in the lexicon (stable within one build of the data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceId(pub u32);

/// What sort of place a [`Place`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PlaceKind {
    /// National capital.
    Capital,
    /// Centre of a first-level administrative division (oblast, region, province).
    AdminCentre,
    /// Any other city or town.
    City,
    /// A sub-national or disputed region, province, strip or corridor.
    Region,
    /// A named building or venue ("White House").
    Venue,
}

/// A sub-national place: city, region or venue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub id: PlaceId,
    /// Canonical English spelling as commonly written ("Kostanai", "Kyiv").
    pub name: &'static str,
    /// ISO alpha-3 of the country, `None` for disputed places ("Nagorno-Karabakh").
    pub country: Option<&'static str>,
    pub kind: PlaceKind,
    pub population: Option<u32>,
    /// Other spellings that match ("Kostanay", "Kiev").
    pub variants: Vec<&'static str>,
}

/// What sort of body an [`Organization`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OrgKind {
    /// Intergovernmental organization, bloc, forum or one of their bodies.
    Igo,
    /// Non-governmental or humanitarian organization (ICRC, Red Crescent).
    Ngo,
    /// Armed group or militant movement (Hamas, Hezbollah).
    ArmedGroup,
    /// International sports federation (IIHF, FIFA).
    Sports,
    /// Any other organization.
    Other,
}

/// An international organization, bloc, body or group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    /// Usual English acronym, or English name if none ("EAEU", "Union State").
    pub key: &'static str,
    /// Full canonical name ("Eurasian Economic Union").
    pub name: &'static str,
    /// Key of the organization this body belongs to ("UN" for WFP).
    pub parent: Option<&'static str>,
    pub kind: OrgKind,
    /// Other names and acronyms that match.
    pub variants: Vec<&'static str>,
}

impl Organization {
    /// The key mentions report: the parent's key for bodies of the UN and the EU
    /// (and other parented bodies), the organization's own key otherwise.
    pub fn reported_key(&self) -> &'static str {
        self.parent.unwrap_or(self.key)
    }
}

/// The rank an official title implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Rank {
    HeadOfState,
    HeadOfGovernment,
    /// Vice presidents, deputy prime ministers, crown princes.
    DeputyHead,
    Minister,
    DeputyMinister,
    Diplomat,
    /// Heads of international organizations and their senior officers.
    IgoOfficial,
    Adviser,
    Spokesperson,
    Legislator,
    Judicial,
    Military,
    /// Governors, akims, hokims, mayors.
    Regional,
    Official,
    Other,
}

impl Rank {
    /// The snake-case name used in `data/titles.tsv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rank::HeadOfState => "head_of_state",
            Rank::HeadOfGovernment => "head_of_government",
            Rank::DeputyHead => "deputy_head",
            Rank::Minister => "minister",
            Rank::DeputyMinister => "deputy_minister",
            Rank::Diplomat => "diplomat",
            Rank::IgoOfficial => "igo_official",
            Rank::Adviser => "adviser",
            Rank::Spokesperson => "spokesperson",
            Rank::Legislator => "legislator",
            Rank::Judicial => "judicial",
            Rank::Military => "military",
            Rank::Regional => "regional",
            Rank::Official => "official",
            Rank::Other => "other",
        }
    }
}

/// An official title or role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// Canonical form ("Minister of Foreign Affairs").
    pub canonical: &'static str,
    /// CAMEO/PLOVER sector the title implies (`GOV`, `MIL`, `LEG`, `JUD`, `IGO`, `BUS`…).
    pub sector: &'static str,
    pub rank: Rank,
    /// Portfolio for ministers and similar (`foreign`, `defence`, `economy`…), if any.
    pub portfolio: Option<&'static str>,
    /// Organization the title belongs to when the title itself names it
    /// ("President of the European Commission" -> `EU`).
    pub org: Option<&'static str>,
    /// Other wordings that match case-insensitively ("Foreign Minister").
    pub variants: Vec<&'static str>,
}

/// The compiled gazetteers. Obtain the shared instance with [`lexicon()`].
#[derive(Debug)]
pub struct Lexicon {
    countries: &'static [Country],
    places: &'static [Place],
    organizations: &'static [Organization],
    titles: &'static [Title],
    /// ISO alpha-3 code in capitals -> country (the first of a code).
    iso3_index: HashMap<String, usize>,
    country_index: HashMap<String, usize>,
    org_index: HashMap<String, usize>,
    place_index: HashMap<String, Vec<usize>>,
    title_index: HashMap<String, usize>,
    matcher: matcher::Matcher,
}

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

/// The process-wide lexicon, compiled from the built-in data on first use.
///
/// # Panics
/// If the built-in data files do not parse (a build defect caught by this crate's tests).
pub fn lexicon() -> &'static Lexicon {
    LEXICON.get_or_init(|| match Lexicon::build() {
        Ok(lex) => lex,
        Err(e) => panic!("attache-lexicon: built-in data is invalid: {e}"),
    })
}

impl Lexicon {
    /// Parse the built-in data files and compile the matchers.
    pub fn build() -> Result<Lexicon, DataError> {
        let countries: &'static [Country] = Box::leak(data::parse_countries()?.into_boxed_slice());
        let places: &'static [Place] = Box::leak(data::parse_places()?.into_boxed_slice());
        let organizations: &'static [Organization] =
            Box::leak(data::parse_organizations()?.into_boxed_slice());
        let titles: &'static [Title] = Box::leak(data::parse_titles()?.into_boxed_slice());

        let mut iso3_index = HashMap::new();
        let mut country_index = HashMap::new();
        for (i, c) in countries.iter().enumerate() {
            iso3_index.entry(c.iso3.to_ascii_uppercase()).or_insert(i);
            let forms = [c.iso3, c.name, c.official]
                .into_iter()
                .chain(c.names.iter().copied())
                .chain(c.abbreviations.iter().copied())
                .chain(c.adjectives.iter().copied());
            for f in forms {
                country_index.entry(fold_key(f)).or_insert(i);
            }
        }
        let mut org_index = HashMap::new();
        for (i, o) in organizations.iter().enumerate() {
            for f in [o.key, o.name]
                .into_iter()
                .chain(o.variants.iter().copied())
            {
                org_index.entry(fold_key(f)).or_insert(i);
            }
        }
        let mut place_index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            for f in std::iter::once(p.name).chain(p.variants.iter().copied()) {
                let v = place_index.entry(fold_key(f)).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
        let mut title_index = HashMap::new();
        for (i, t) in titles.iter().enumerate() {
            for f in std::iter::once(t.canonical).chain(t.variants.iter().copied()) {
                title_index.entry(fold_key(f)).or_insert(i);
            }
        }
        let matcher = matcher::Matcher::build(
            countries,
            places,
            organizations,
            titles,
            &data::parse_stops()?,
        )?;
        Ok(Lexicon {
            countries,
            places,
            organizations,
            titles,
            iso3_index,
            country_index,
            org_index,
            place_index,
            title_index,
            matcher,
        })
    }

    /// All gazetteer matches in `text`: non-overlapping, leftmost-longest, at word
    /// boundaries, in text order. Countries, places and organizations match as written
    /// (or in all capitals for forms of five letters or more); titles match
    /// case-insensitively.
    pub fn find(&'static self, text: &str) -> Vec<Hit> {
        self.matcher.find(self, text)
    }

    /// [`Lexicon::find`] and [`topics::TopicCues::find`] of the [`topics::topic_cues`]
    /// together, in one pass over the word starts of `text` where both matchers begin
    /// at word starts (as the bundled data does): the same hits as the two calls.
    pub fn find_with_cues(&'static self, text: &str) -> (Vec<Hit>, Vec<topics::CueHit>) {
        // The words of `text`, found as the pass goes (read only when both matchers
        // begin at word starts).
        let mut starts = trie::Starts::new(text, trie::StartRule::Word);
        let words = std::iter::from_fn(move || {
            let i = starts.next()?;
            let end = trie::word_end(text, i);
            // No word start lies inside the word `i..end`.
            starts.resume_after_word(end);
            Some((i, end))
        });
        self.find_with_cues_in_words(text, words)
    }

    /// [`Lexicon::find_with_cues`] given the words of `text`: its maximal runs of
    /// letters and digits ([`char::is_alphanumeric`]) as byte spans `(start, end)`, in
    /// text order. These are the word starts the combined pass visits, so a caller that
    /// has tokenized the text already saves the pass its own scan for them.
    pub fn find_with_cues_in_words(
        &'static self,
        text: &str,
        words: impl IntoIterator<Item = (usize, usize)>,
    ) -> (Vec<Hit>, Vec<topics::CueHit>) {
        let cues = topics::topic_cues();
        let rule = self.matcher.start_rule();
        if rule != trie::StartRule::Word || cues.start_rule() != Some(trie::StartRule::Word) {
            return (self.find(text), cues.find(text));
        }
        let mut scan = matcher::Scan::default();
        let mut cue_scan = topics::CueScan::default();
        let bytes = text.as_bytes();
        for (i, end) in words {
            // One key serves both filters.
            let key = trie::WordFilter::key(bytes, i, end);
            self.matcher.at_word(self, text, i, key, &mut scan);
            cues.at_word(text, i, end, key, &mut cue_scan);
        }
        (scan.hits, cue_scan.hits)
    }

    /// Country by ISO alpha-3 code (case-insensitive).
    pub fn country(&self, iso3: &str) -> Option<&'static Country> {
        let countries = self.countries;
        let key = iso3.trim();
        let mut buf = [0u8; 8];
        if let Some(upper) = buf.get_mut(..key.len())
            && key.is_ascii()
        {
            upper.copy_from_slice(key.as_bytes());
            upper.make_ascii_uppercase();
            let upper = std::str::from_utf8(upper).ok()?;
            return self.iso3_index.get(upper).map(|&i| &countries[i]);
        }
        countries.iter().find(|c| c.iso3.eq_ignore_ascii_case(key))
    }

    /// Country by any name, variant, abbreviation, adjective or ISO3 code;
    /// case- and diacritics-insensitive; a leading "the " is ignored.
    pub fn country_by_name(&self, name: &str) -> Option<&'static Country> {
        let countries = self.countries;
        let key = fold_key(name);
        let key = key.strip_prefix("the ").unwrap_or(&key);
        self.country_index.get(key).map(|&i| &countries[i])
    }

    /// All countries, in data-file order.
    pub fn countries(&self) -> impl Iterator<Item = &'static Country> + use<> {
        self.countries.iter()
    }

    /// Organization by its key ("EAEU"), exact.
    pub fn organization(&self, key: &str) -> Option<&'static Organization> {
        let orgs = self.organizations;
        orgs.iter().find(|o| o.key == key)
    }

    /// Organization by key, name or any variant; case- and diacritics-insensitive;
    /// a leading "the " is ignored.
    pub fn organization_by_name(&self, name: &str) -> Option<&'static Organization> {
        let orgs = self.organizations;
        let key = fold_key(name);
        let key = key.strip_prefix("the ").unwrap_or(&key);
        self.org_index.get(key).map(|&i| &orgs[i])
    }

    /// All organizations, in data-file order.
    pub fn organizations(&self) -> impl Iterator<Item = &'static Organization> + use<> {
        self.organizations.iter()
    }

    /// Place by id.
    ///
    /// # Panics
    /// If `id` did not come from this lexicon.
    pub fn place(&self, id: PlaceId) -> &'static Place {
        let places = self.places;
        &places[id.0 as usize]
    }

    /// The best place of that name or variant (capitals first, then by population);
    /// case- and diacritics-insensitive.
    pub fn place_by_name(&self, name: &str) -> Option<&'static Place> {
        self.places_named(name).next()
    }

    /// Every place of that name or variant, best first.
    pub fn places_named(&self, name: &str) -> impl Iterator<Item = &'static Place> + use<> {
        let places = self.places;
        let ids: Vec<usize> = self
            .place_index
            .get(&fold_key(name))
            .cloned()
            .unwrap_or_default();
        ids.into_iter().map(move |i| &places[i])
    }

    /// All places, in id order.
    pub fn places(&self) -> impl Iterator<Item = &'static Place> + use<> {
        self.places.iter()
    }

    /// Title by canonical form or any variant, case-insensitive ("foreign minister").
    pub fn title(&self, text: &str) -> Option<&'static Title> {
        let titles = self.titles;
        self.title_index.get(&fold_key(text)).map(|&i| &titles[i])
    }

    /// All titles, in data-file order.
    pub fn titles(&self) -> impl Iterator<Item = &'static Title> + use<> {
        self.titles.iter()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod equivalence;
