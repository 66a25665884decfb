//! Deterministic generator of benchmark releases, built from the project's own examples.
//!
//! Every English example release under `examples/` is read with `attache-ingest` and extracted
//! once; the countries, places, people, dates and figures found in it become slots.
//! A generated release takes one example (plus others of the same language appended until
//! it reaches about 3 KB of text) and fills every slot anew: each country becomes another
//! country of the lexicon in the same form (name, official name, adjective or
//! abbreviation), its cities become cities of the new country, people get new names
//! (in the form the text used: full, surname, initial, SURNAME first), every date moves
//! by the same number of days (weekday, month name, day and year rewritten in the
//! surface's own style) and figures get new digits. The same `(seed, index)` always
//! gives the same release, whatever order releases are made in.
//!
//! This file is also compiled into `crates/store/benches/queries.rs` (by `#[path]`), so
//! it depends only on crates that bench can see: ingest, extract, lexicon, jiff,
//! serde_json.

use attache_extract::{MentionKind, extract};
use attache_ingest::{Document, Options};
use attache_lexicon::{Country, CountryForm, HitKind, Place, PlaceKind, lexicon};
use jiff::ToSpan;
use jiff::civil::Date;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Text length (bytes) a generated release grows to by appending other examples.
const TARGET_BYTES: usize = 2_800;

/// Fewest slots an example needs to be used as a template.
const MIN_SLOTS: usize = 4;

/// The `examples/` folder of this checkout.
pub fn examples_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples"))
}

/// One generated release, in the fields a JSON Lines input of `attache` takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Release {
    pub url: String,
    pub title: String,
    /// ISO date.
    pub published: String,
    pub language: String,
    pub text: String,
}

impl Release {
    /// One line of JSON Lines input (no trailing newline).
    pub fn to_json_line(&self) -> String {
        serde_json::json!({
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "language": self.language,
            "text": self.text,
        })
        .to_string()
    }

    /// A Markdown file with YAML front matter, as `attache` reads it.
    pub fn to_markdown(&self) -> String {
        let quoted = serde_json::Value::String(self.title.clone()).to_string();
        format!(
            "---\ntitle: {quoted}\ndate: '{}'\nsource_url: {}\n---\n\n{}\n",
            self.published, self.url, self.text
        )
    }

    /// The release as a clean [`Document`], through the real JSON Lines reader.
    pub fn to_document(&self, source: &str) -> Option<Document> {
        attache_ingest::parse_bytes(source, self.to_json_line().as_bytes(), &Options::default())
            .ok()?
            .into_iter()
            .next()
    }
}

/// How a person's name is written at one slot.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NameStyle {
    Full,
    Last,
    /// "G.Tsogtbaatar" (`true`: a space after the dot).
    Initial(bool),
    /// "KAMIKAWA Yoko".
    UpperLastFirst,
}

#[derive(Debug, Clone)]
enum SlotKind {
    Country(&'static str, CountryForm),
    Place(&'static Place),
    Person(String, NameStyle),
    Date(String),
    Figure,
}

#[derive(Debug, Clone)]
struct Slot {
    start: usize,
    end: usize,
    kind: SlotKind,
}

#[derive(Debug, Clone)]
struct Template {
    title: String,
    text: String,
    published: Option<Date>,
    language: String,
    title_slots: Vec<Slot>,
    text_slots: Vec<Slot>,
}

/// The generator: templates from the examples and the lexicon's countries and places.
#[derive(Debug)]
pub struct Generator {
    templates: Vec<Template>,
    countries: Vec<&'static Country>,
    places: HashMap<&'static str, Vec<&'static Place>>,
}

/// splitmix64: small, fast, and the same everywhere.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

const FIRST: &[&str] = &[
    "Anna", "Sergei", "Mart", "Elena", "Tomasz", "Rasa", "Ganbold", "Arman", "Yoko", "Ahmed",
    "Maria", "Jonas", "Leila", "Pedro", "Aigerim", "Oleg", "Nadia", "Viktor", "Amina", "Kenji",
    "Sofia", "Daniel", "Fatima", "Ivan", "Laura", "Tariq", "Irina", "Marek", "Chen", "Ana",
    "Rustam", "Helga", "Omar", "Nino", "Pablo", "Zarina", "Erik", "Lucia", "Bakyt", "Miriam",
];
const SYL_A: &[&str] = &[
    "Kal", "Mor", "Bel", "Tor", "San", "Vel", "Dar", "Ost", "Ram", "Kir", "Lun", "Par", "Mes",
    "Hal", "Zor", "Nor", "Tam", "Gor", "Bas", "Fer",
];
const SYL_B: &[&str] = &["", "an", "el", "ov", "ar", "in", "ul", "er", "ak", "os"];
const SYL_C: &[&str] = &[
    "ov", "enko", "escu", "berg", "ic", "ani", "aev", "son", "ez", "idis", "uly", "ski", "ian",
    "ashvili", "oglu", "ova", "sen", "ini", "baev", "ura",
];

fn new_name(rng: &mut Rng) -> (String, String) {
    let first = FIRST[rng.below(FIRST.len())].to_string();
    let last = format!(
        "{}{}{}",
        SYL_A[rng.below(SYL_A.len())],
        SYL_B[rng.below(SYL_B.len())],
        SYL_C[rng.below(SYL_C.len())]
    );
    (first, last)
}

fn name_style(surface: &str, entity: &str) -> NameStyle {
    let last = entity.split_whitespace().last().unwrap_or(entity);
    if surface == entity {
        NameStyle::Full
    } else if surface == last {
        NameStyle::Last
    } else if let Some(dot) = surface.rfind('.')
        && surface[dot + 1..].trim() == last
    {
        NameStyle::Initial(surface[dot + 1..].starts_with(' '))
    } else if surface
        .split_whitespace()
        .next()
        .is_some_and(|w| w.len() > 1 && w == w.to_uppercase() && w.eq_ignore_ascii_case(last))
    {
        NameStyle::UpperLastFirst
    } else {
        NameStyle::Full
    }
}

/// Keeps the earliest (then longest) of overlapping slots.
fn settle(mut slots: Vec<Slot>) -> Vec<Slot> {
    slots.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Slot> = Vec::with_capacity(slots.len());
    for s in slots {
        if out.last().is_none_or(|l| s.start >= l.end) && s.end > s.start {
            out.push(s);
        }
    }
    out
}

fn lexicon_slots(text: &str) -> Vec<Slot> {
    lexicon()
        .find(text)
        .into_iter()
        .filter_map(|h| {
            let kind = match h.what {
                HitKind::Country { iso3, form } => SlotKind::Country(iso3, form),
                HitKind::Place(p) if p.kind != PlaceKind::Venue => SlotKind::Place(p),
                _ => return None,
            };
            Some(Slot {
                start: h.start,
                end: h.end,
                kind,
            })
        })
        .collect()
}

fn template(doc: &Document) -> Template {
    let record = extract(doc);
    let text = doc.text.clone();
    let title = doc
        .title
        .clone()
        .unwrap_or_else(|| "Press release".to_string());
    let mut slots = lexicon_slots(&text);
    let mut people: Vec<(String, String)> = Vec::new();
    for m in &record.mentions {
        let (start, end) = (m.span.start, m.span.end);
        if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        match m.kind {
            MentionKind::Person => {
                // Only names as written ("the Secretary" resolved to a person stays).
                let last = m
                    .entity
                    .split_whitespace()
                    .last()
                    .unwrap_or("")
                    .to_lowercase();
                if last.is_empty() || !m.surface.to_lowercase().contains(&last) {
                    continue;
                }
                slots.push(Slot {
                    start,
                    end,
                    kind: SlotKind::Person(m.entity.clone(), name_style(&m.surface, &m.entity)),
                });
                people.push((m.surface.clone(), m.entity.clone()));
            }
            MentionKind::Date => slots.push(Slot {
                start,
                end,
                kind: SlotKind::Date(m.entity.clone()),
            }),
            _ => {}
        }
    }
    for q in &record.quantities {
        let (start, end) = (q.span.start, q.span.end);
        if end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end) {
            slots.push(Slot {
                start,
                end,
                kind: SlotKind::Figure,
            });
        }
    }
    // The title: gazetteer hits, and the people the text names, wherever they recur.
    let mut title_slots = lexicon_slots(&title);
    people.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    for (surface, entity) in &people {
        for (at, _) in title.match_indices(surface.as_str()) {
            title_slots.push(Slot {
                start: at,
                end: at + surface.len(),
                kind: SlotKind::Person(entity.clone(), name_style(surface, entity)),
            });
        }
    }
    Template {
        title,
        text,
        published: doc.published,
        language: doc.language.clone(),
        title_slots: settle(title_slots),
        text_slots: settle(slots),
    }
}

/// Per-release choices, shared by every part of it.
struct Fill<'g> {
    gen_: &'g Generator,
    rng: Rng,
    shift_days: i64,
    countries: HashMap<&'static str, &'static Country>,
    places: HashMap<u32, String>,
    people: HashMap<String, (String, String)>,
}

impl Fill<'_> {
    fn country(&mut self, iso3: &'static str) -> &'static Country {
        if let Some(c) = self.countries.get(iso3) {
            return c;
        }
        let pool = &self.gen_.countries;
        let mut pick = pool[self.rng.below(pool.len())];
        for _ in 0..8 {
            if !self.countries.values().any(|c| c.iso3 == pick.iso3) {
                break;
            }
            pick = pool[self.rng.below(pool.len())];
        }
        self.countries.insert(iso3, pick);
        pick
    }

    fn place(&mut self, p: &'static Place) -> String {
        if let Some(s) = self.places.get(&p.id.0) {
            return s.clone();
        }
        let new = match p.country {
            None => p.name.to_string(),
            Some(iso3) => {
                let c = self.country(iso3);
                let others = self
                    .gen_
                    .places
                    .get(c.iso3)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                match (p.kind, self.rng.pick(others)) {
                    (PlaceKind::Capital, _) | (_, None) => c.capital.to_string(),
                    (_, Some(o)) => o.name.to_string(),
                }
            }
        };
        self.places.insert(p.id.0, new.clone());
        new
    }

    fn person(&mut self, entity: &str, style: NameStyle) -> String {
        let (first, last) = match self.people.get(entity) {
            Some(n) => n.clone(),
            None => {
                let n = new_name(&mut self.rng);
                self.people.insert(entity.to_string(), n.clone());
                n
            }
        };
        match style {
            NameStyle::Full => format!("{first} {last}"),
            NameStyle::Last => last,
            NameStyle::Initial(space) => {
                let i = first.chars().next().unwrap_or('A');
                format!("{i}.{}{last}", if space { " " } else { "" })
            }
            NameStyle::UpperLastFirst => format!("{} {first}", last.to_uppercase()),
        }
    }

    fn figure(&mut self, surface: &str) -> String {
        let mut out = String::with_capacity(surface.len());
        let mut first_of_run = true;
        for ch in surface.chars() {
            if ch.is_ascii_digit() {
                let d = if first_of_run {
                    1 + self.rng.below(9)
                } else {
                    self.rng.below(10)
                };
                out.push(char::from(b'0' + d as u8));
                first_of_run = false;
            } else {
                out.push(ch);
                first_of_run = true;
            }
        }
        out
    }

    fn render(&mut self, text: &str, slots: &[Slot]) -> String {
        let mut out = String::with_capacity(text.len() + 64);
        let mut at = 0;
        for s in slots {
            out.push_str(&text[at..s.start]);
            let surface = &text[s.start..s.end];
            let new = match &s.kind {
                SlotKind::Country(iso3, form) => {
                    let c = self.country(iso3);
                    country_form(c, *form)
                }
                SlotKind::Place(p) => self.place(p),
                SlotKind::Person(entity, style) => self.person(entity, *style),
                SlotKind::Date(entity) => render_date(surface, entity, self.shift_days)
                    .unwrap_or_else(|| surface.to_string()),
                SlotKind::Figure => self.figure(surface),
            };
            out.push_str(&new);
            at = s.end;
        }
        out.push_str(&text[at..]);
        out
    }
}

fn country_form(c: &'static Country, form: CountryForm) -> String {
    match form {
        CountryForm::OfficialName if !c.official.is_empty() => c.official.to_string(),
        CountryForm::Adjective => c.adjectives.first().copied().unwrap_or(c.name).to_string(),
        CountryForm::Abbreviation => c
            .abbreviations
            .first()
            .copied()
            .unwrap_or(c.name)
            .to_string(),
        _ => c.name.to_string(),
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn same_case(template: &str, word: &str) -> String {
    if template.len() > 1 && template.chars().all(|c| !c.is_lowercase()) {
        word.to_uppercase()
    } else {
        word.to_string()
    }
}

/// The surface of a date moved by `shift` days, in the surface's own style; `None` when
/// the surface is not one this knows how to rewrite (it is then kept).
fn render_date(surface: &str, entity: &str, shift: i64) -> Option<String> {
    if surface.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) {
        return None;
    }
    let mut parts = entity.split('-');
    let year: i16 = parts.next()?.parse().ok()?;
    let month: Option<i8> = parts.next().and_then(|m| m.parse().ok());
    let day: Option<i8> = parts.next().and_then(|d| d.parse().ok());
    let old = Date::new(
        year,
        month.unwrap_or(7),
        day.unwrap_or(if month.is_some() { 15 } else { 1 }),
    )
    .ok()?;
    let new = old.checked_add(shift.days()).ok()?;
    let year_delta = i32::from(new.year()) - i32::from(old.year());
    let mut out = String::with_capacity(surface.len() + 4);
    let (mut day_done, mut month_done) = (false, false);
    let bytes = surface.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            let ch = surface[i..].chars().next()?;
            out.push(ch);
            i += ch.len_utf8();
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let tok = &surface[start..i];
        let digits = tok.bytes().take_while(u8::is_ascii_digit).count();
        if digits == tok.len() {
            let n: i32 = tok.parse().ok()?;
            if tok.len() == 4 && (1900..2100).contains(&n) {
                out.push_str(&(n + year_delta).to_string());
            } else if tok.len() <= 2 && day.is_some_and(|d| i32::from(d) == n) && !day_done {
                day_done = true;
                out.push_str(&format!(
                    "{:0w$}",
                    new.day(),
                    w = if tok.starts_with('0') { 2 } else { 1 }
                ));
            } else if tok.len() <= 2 && month.is_some_and(|m| i32::from(m) == n) && !month_done {
                month_done = true;
                out.push_str(&format!(
                    "{:0w$}",
                    new.month(),
                    w = if tok.starts_with('0') { 2 } else { 1 }
                ));
            } else {
                out.push_str(tok);
            }
        } else if digits > 0
            && !day_done
            && day.is_some_and(|d| tok[..digits].parse::<i8>().ok() == Some(d))
        {
            // An ordinal: 3rd, 21st.
            day_done = true;
            let d = new.day();
            let suffix = match (d % 10, d) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            out.push_str(&format!("{d}{suffix}"));
        } else if MONTHS.iter().any(|m| {
            m.eq_ignore_ascii_case(tok)
                || (tok.len() >= 3
                    && m.len() > tok.len()
                    && m[..tok.len()].eq_ignore_ascii_case(tok))
        }) {
            let name = MONTHS[(new.month() - 1) as usize];
            let full = MONTHS.iter().any(|m| m.eq_ignore_ascii_case(tok));
            month_done = true;
            out.push_str(&same_case(tok, if full { name } else { &name[..3] }));
        } else if WEEKDAYS.iter().any(|w| {
            w.eq_ignore_ascii_case(tok) || (tok.len() == 3 && w[..3].eq_ignore_ascii_case(tok))
        }) {
            let name = WEEKDAYS[new.weekday().to_monday_zero_offset() as usize];
            let word = if tok.len() == 3 { &name[..3] } else { name };
            out.push_str(&same_case(tok, word));
        } else {
            out.push_str(tok);
        }
    }
    Some(out)
}

impl Generator {
    /// Reads and extracts every example release under `dir` (usually [`examples_dir`]).
    pub fn from_examples(dir: &Path) -> Result<Generator, String> {
        let docs: Vec<Document> = attache_ingest::read_path(dir, &Options::default())
            .collect::<Result<_, _>>()
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        let templates: Vec<Template> = docs
            .iter()
            .filter(|d| !d.text.is_empty())
            .map(template)
            // Only English releases: the gazetteer reads English, so a release in
            // another language would keep its people and places and repeat itself.
            .filter(|t| t.language == "en" && t.text_slots.len() >= MIN_SLOTS)
            .collect();
        if templates.is_empty() {
            return Err(format!("{}: no example releases", dir.display()));
        }
        let countries: Vec<&'static Country> = lexicon()
            .countries()
            .filter(|c| {
                c.status == "un_member" && !c.capital.is_empty() && !c.adjectives.is_empty()
            })
            .collect();
        let mut places: HashMap<&'static str, Vec<&'static Place>> = HashMap::new();
        for p in lexicon().places() {
            if let (Some(c), PlaceKind::City | PlaceKind::AdminCentre) = (p.country, p.kind) {
                places.entry(c).or_default().push(p);
            }
        }
        Ok(Generator {
            templates,
            countries,
            places,
        })
    }

    /// Number of example releases the generator draws on.
    pub fn templates(&self) -> usize {
        self.templates.len()
    }

    /// Release number `index` of the corpus of `seed`.
    pub fn release(&self, seed: u64, index: u64) -> Release {
        let mut rng = Rng::new(seed, index);
        let first = rng.below(self.templates.len());
        let shift_days = rng.below(4_000) as i64 - 3_300;
        let mut fill = Fill {
            gen_: self,
            rng: rng.clone(),
            shift_days,
            countries: HashMap::new(),
            places: HashMap::new(),
            people: HashMap::new(),
        };
        let t = &self.templates[first];
        let title = fill.render(&t.title, &t.title_slots);
        let mut text = fill.render(&t.text, &t.text_slots);
        let others: Vec<usize> = (0..self.templates.len())
            .filter(|&j| j != first && self.templates[j].language == t.language)
            .collect();
        let mut step = fill.rng.below(others.len().max(1));
        let mut used = 0;
        while text.len() < TARGET_BYTES && used < others.len() {
            let o = &self.templates[others[step % others.len()]];
            text.push_str("\n\n");
            let part = fill.render(&o.text, &o.text_slots);
            text.push_str(&part);
            step += 1;
            used += 1;
        }
        let base = t.published.unwrap_or(Date::constant(2024, 1, 15));
        let published = base.checked_add(shift_days.days()).unwrap_or(base);
        Release {
            url: format!("https://example.org/bench/{seed}/{index}"),
            title,
            published: published.to_string(),
            language: t.language.clone(),
            text,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    #[allow(unused_imports)] // unused where this file is included by a harness-less bench
    use super::*;

    #[test]
    fn dates_move_in_their_own_style() {
        assert_eq!(
            render_date("3 October 2023", "2023-10-03", 1).unwrap(),
            "4 October 2023"
        );
        assert_eq!(
            render_date("October 31, 2023", "2023-10-31", 1).unwrap(),
            "November 1, 2023"
        );
        assert_eq!(
            render_date("09.04.2024", "2024-04-09", 365).unwrap(),
            "09.04.2025"
        );
        assert_eq!(
            render_date("Monday, 1 January 2024", "2024-01-01", 1).unwrap(),
            "Tuesday, 2 January 2024"
        );
        assert_eq!(render_date("May 2024", "2024-05", 31).unwrap(), "June 2024");
        assert_eq!(render_date("20 ноября 2023", "2023-11-20", 1), None);
    }

    #[test]
    fn name_styles() {
        assert_eq!(
            name_style("G.Tsogtbaatar", "Ganbold Tsogtbaatar"),
            NameStyle::Initial(false)
        );
        assert_eq!(
            name_style("Sultanbekov", "Arman Sultanbekov"),
            NameStyle::Last
        );
        assert_eq!(
            name_style("KAMIKAWA Yoko", "Yoko Kamikawa"),
            NameStyle::UpperLastFirst
        );
    }

    #[test]
    fn releases_are_deterministic_and_differ() {
        let g = Generator::from_examples(&examples_dir()).unwrap();
        assert!(g.templates() >= 10);
        let a = g.release(7, 1);
        assert_eq!(a, g.release(7, 1));
        assert_ne!(a.text, g.release(7, 2).text);
        assert_ne!(a.text, g.release(8, 1).text);
        let mut seen = std::collections::HashSet::new();
        for i in 0..300 {
            assert!(
                seen.insert(g.release(1, i).text),
                "release {i} repeats an earlier one"
            );
        }
        for i in 0..50 {
            let r = g.release(1, i);
            assert!(
                r.text.len() > 1_000,
                "release {i} is {} bytes",
                r.text.len()
            );
            let doc = r.to_document("gen.jsonl").unwrap();
            assert_eq!(doc.title.as_deref(), Some(r.title.as_str()));
        }
    }
}
