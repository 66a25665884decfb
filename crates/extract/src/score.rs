//! Scoring of predicted gold records against gold annotations: the metrics of the
//! "Scoring" section of `corpus/README.md`, computed as pure functions.
//!
//! - **Events**: a predicted and a gold event of the same document can pair when their
//!   kinds are equal and their sides overlap. Pairs are taken best first, "best" being,
//!   in order: more shared sides; fewer unshared sides; equal date; equal place
//!   (folded); equal status; more matching participants; then the earlier gold event,
//!   then the earlier predicted event. Each event pairs at most once. Unpaired gold
//!   events are misses (FN), unpaired predictions spurious (FP). The core-kind scores
//!   are the same pairing restricted to kinds other than `support_expressed`,
//!   `cooperation_pledged`, `statement` and `other` (pairs never cross kinds, so this
//!   equals pairing the core kinds alone).
//! - **Matched events**: accuracy of `date`, `status` and `location.place` (folded), F1
//!   of participants, each over the pairs whose gold value is given.
//! - **Mentions**: set F1 of countries, organizations, places (folded name), persons
//!   (as participants), companies (folded, quotes and legal forms dropped), topics;
//!   multiset F1 of quantities (value and unit).
//! - **Metadata**: accuracy of `title` (whitespace folded) and `published`, over
//!   records whose gold value is given (feed channels count as records here).
//!
//! Everything is micro-averaged: true/false positives and misses are summed over
//! documents before precision, recall and F1 are taken. With nothing predicted the
//! precision is 1, with nothing to find the recall is 1, and an accuracy over nothing
//! is 1; the counts beside them say how much was scored.

use crate::gold::{GoldDoc, GoldEvent, GoldPerson};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Event kinds whose presence is a matter of judgement; excluded from the core scores.
pub const NON_CORE_KINDS: [&str; 4] = [
    "support_expressed",
    "cooperation_pledged",
    "statement",
    "other",
];

/// True, false positives and misses (false negatives) of a set comparison.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    /// Precision; 1.0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall; 1.0 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1; 1.0 when there was nothing to find and nothing was predicted.
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
    /// Misses and spurious items together.
    pub fn errors(&self) -> usize {
        self.fp + self.fn_
    }
    fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// Correct answers out of scored ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accuracy {
    pub correct: usize,
    pub total: usize,
}

impl Accuracy {
    /// Accuracy; 1.0 when nothing was scored.
    pub fn accuracy(&self) -> f64 {
        ratio(self.correct, self.total)
    }
    /// Wrong answers.
    pub fn errors(&self) -> usize {
        self.total - self.correct
    }
    fn add(&mut self, o: &Accuracy) {
        self.correct += o.correct;
        self.total += o.total;
    }
    fn record(&mut self, ok: bool) {
        self.total += 1;
        self.correct += usize::from(ok);
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

/// Every metric, for one record or summed over a corpus.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub events: Counts,
    pub events_core: Counts,
    pub date: Accuracy,
    pub status: Accuracy,
    pub place: Accuracy,
    pub participants: Counts,
    pub countries: Counts,
    pub organizations: Counts,
    pub places: Counts,
    pub persons: Counts,
    pub companies: Counts,
    pub topics: Counts,
    pub quantities: Counts,
    pub title: Accuracy,
    pub published: Accuracy,
    /// Event counts per kind.
    pub events_by_kind: BTreeMap<String, Counts>,
}

impl Metrics {
    pub fn add(&mut self, o: &Metrics) {
        for (kind, c) in &o.events_by_kind {
            self.events_by_kind.entry(kind.clone()).or_default().add(c);
        }
        self.events.add(&o.events);
        self.events_core.add(&o.events_core);
        self.date.add(&o.date);
        self.status.add(&o.status);
        self.place.add(&o.place);
        self.participants.add(&o.participants);
        self.countries.add(&o.countries);
        self.organizations.add(&o.organizations);
        self.places.add(&o.places);
        self.persons.add(&o.persons);
        self.companies.add(&o.companies);
        self.topics.add(&o.topics);
        self.quantities.add(&o.quantities);
        self.title.add(&o.title);
        self.published.add(&o.published);
    }

    /// Errors per category, for ranking documents.
    pub fn misses(&self) -> Misses {
        let events = self.events.errors();
        let attributes = self.date.errors()
            + self.status.errors()
            + self.place.errors()
            + self.participants.errors();
        let mentions = self.countries.errors()
            + self.organizations.errors()
            + self.places.errors()
            + self.persons.errors()
            + self.companies.errors();
        let topics = self.topics.errors();
        let quantities = self.quantities.errors();
        let metadata = self.title.errors() + self.published.errors();
        Misses {
            events,
            attributes,
            mentions,
            topics,
            quantities,
            metadata,
            total: events + attributes + mentions + topics + quantities + metadata,
        }
    }
}

/// Error counts of one document per category (misses plus spurious items plus wrong
/// values).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Misses {
    /// Missed and spurious events.
    pub events: usize,
    /// Wrong dates, statuses, places and participant errors of matched events.
    pub attributes: usize,
    /// Missed and spurious countries, organizations, places, persons, companies.
    pub mentions: usize,
    pub topics: usize,
    pub quantities: usize,
    /// Wrong title or publication date.
    pub metadata: usize,
    pub total: usize,
}

/// A wrong value: which field, of what, predicted against gold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueError {
    /// The event (`meeting [BLR KAZ] 2024-05-21`) or `document`.
    pub of: String,
    pub field: String,
    pub predicted: String,
    pub gold: String,
}

/// Missed and spurious items of one mention category.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListDiff {
    pub category: String,
    pub missed: Vec<String>,
    pub spurious: Vec<String>,
}

/// What differs between a prediction and its gold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocDiff {
    /// Predicted events that matched a gold event, in gold order.
    pub matched_events: Vec<GoldEvent>,
    pub missed_events: Vec<GoldEvent>,
    pub spurious_events: Vec<GoldEvent>,
    /// Wrong values of matched events and of the metadata.
    pub wrong_values: Vec<ValueError>,
    /// Mention categories, topics and quantities with differences.
    pub lists: Vec<ListDiff>,
}

/// The score of one gold record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocScore {
    pub id: String,
    pub metrics: Metrics,
    pub misses: Misses,
    pub diff: DocDiff,
    /// Why there was no prediction (the document failed to ingest), if so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Scores of a corpus: the summed metrics and each record's score.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Gold records scored (feed items count one each; channels are not counted).
    pub records: usize,
    /// Records (not channels) that had no prediction because their document failed.
    pub failed: usize,
    pub total: Metrics,
    pub docs: Vec<DocScore>,
}

impl Report {
    /// Sum the scores of every record.
    pub fn new(docs: Vec<DocScore>) -> Report {
        let mut total = Metrics::default();
        for d in &docs {
            total.add(&d.metrics);
        }
        Report {
            records: docs
                .iter()
                .filter(|d| !d.id.is_empty() && !is_channel(d))
                .count(),
            failed: docs
                .iter()
                .filter(|d| d.error.is_some() && !is_channel(d))
                .count(),
            total,
            docs,
        }
    }

    /// Records ordered by their total misses, most first (ties by id).
    pub fn worst(&self, n: usize) -> Vec<&DocScore> {
        let mut v: Vec<&DocScore> = self.docs.iter().filter(|d| d.misses.total > 0).collect();
        v.sort_by(|a, b| b.misses.total.cmp(&a.misses.total).then(a.id.cmp(&b.id)));
        v.truncate(n);
        v
    }
}

fn is_channel(d: &DocScore) -> bool {
    d.id.ends_with(CHANNEL_SUFFIX)
}

/// Suffix of the id of a feed channel's own (metadata-only) score.
pub const CHANNEL_SUFFIX: &str = " (channel)";

/// Score the prediction of one gold file. A feed's gold (with `items`) scores its
/// channel metadata as a record `ID (channel)` and its items pairwise in feed order;
/// missing predicted items count as all missed, extra ones as all spurious. A
/// non-feed prediction for a feed gold is taken as its only item.
pub fn score_file(pred: &GoldDoc, gold: &GoldDoc) -> Vec<DocScore> {
    let Some(gold_items) = &gold.items else {
        let single = match &pred.items {
            Some(items) => items.first().cloned().unwrap_or_default(),
            None => pred.clone(),
        };
        return vec![score_record(&single, gold)];
    };
    let mut out = Vec::new();
    let mut channel = DocScore {
        id: format!("{}{CHANNEL_SUFFIX}", gold.id),
        ..DocScore::default()
    };
    score_metadata(pred, gold, &mut channel.metrics, &mut channel.diff);
    channel.misses = channel.metrics.misses();
    out.push(channel);
    let single = [pred.clone()];
    let pred_items: &[GoldDoc] = match &pred.items {
        Some(items) => items,
        None => &single,
    };
    let n = gold_items.len().max(pred_items.len());
    for i in 0..n {
        let empty = GoldDoc::default();
        let p = pred_items.get(i).unwrap_or(&empty);
        match gold_items.get(i) {
            Some(g) => out.push(score_record(p, g)),
            None => {
                let g = GoldDoc {
                    id: format!("{}#{} (not in gold)", gold.id, i + 1),
                    ..GoldDoc::default()
                };
                out.push(score_record(p, &g));
            }
        }
    }
    out
}

/// Score of a gold file whose document could not be read: everything missed.
pub fn score_failure(gold: &GoldDoc, error: &str) -> Vec<DocScore> {
    let empty = GoldDoc {
        items: gold.items.as_ref().map(|_| Vec::new()),
        ..GoldDoc::default()
    };
    let mut scores = score_file(&empty, gold);
    for s in &mut scores {
        s.error = Some(error.to_string());
    }
    scores
}

/// Score one predicted record against its gold record.
pub fn score_record(pred: &GoldDoc, gold: &GoldDoc) -> DocScore {
    let mut m = Metrics::default();
    let mut diff = DocDiff::default();
    score_events(&pred.events, &gold.events, &mut m, &mut diff);

    let g = &gold.mentions;
    let p = &pred.mentions;
    let lists = [
        compare(
            "countries",
            &keyed(&p.countries, |c| c.trim().to_uppercase(), |c| c.clone()),
            &keyed(&g.countries, |c| c.trim().to_uppercase(), |c| c.clone()),
            &mut m.countries,
        ),
        compare(
            "organizations",
            &keyed(&p.organizations, |o| fold(o), |o| o.clone()),
            &keyed(&g.organizations, |o| fold(o), |o| o.clone()),
            &mut m.organizations,
        ),
        compare(
            "places",
            &keyed(&p.places, |pl| fold(&pl.place), |pl| pl.place.clone()),
            &keyed(&g.places, |pl| fold(&pl.place), |pl| pl.place.clone()),
            &mut m.places,
        ),
        compare(
            "persons",
            &keyed(&p.persons, person_key, show_person),
            &keyed(&g.persons, person_key, show_person),
            &mut m.persons,
        ),
        compare(
            "companies",
            &keyed(&p.companies, |c| company_key(c), |c| c.clone()),
            &keyed(&g.companies, |c| company_key(c), |c| c.clone()),
            &mut m.companies,
        ),
        compare(
            "topics",
            &keyed(&pred.topics, |t| fold(t), |t| t.clone()),
            &keyed(&gold.topics, |t| fold(t), |t| t.clone()),
            &mut m.topics,
        ),
        compare_multiset(
            "quantities",
            &pred
                .quantities
                .iter()
                .map(|q| (quantity_key(q.value, &q.unit), show_quantity(q)))
                .collect::<Vec<_>>(),
            &gold
                .quantities
                .iter()
                .map(|q| (quantity_key(q.value, &q.unit), show_quantity(q)))
                .collect::<Vec<_>>(),
            &mut m.quantities,
        ),
    ];
    diff.lists = lists
        .into_iter()
        .filter(|l| !l.missed.is_empty() || !l.spurious.is_empty())
        .collect();
    score_metadata(pred, gold, &mut m, &mut diff);
    DocScore {
        id: gold.id.clone(),
        misses: m.misses(),
        metrics: m,
        diff,
        error: None,
    }
}

fn score_metadata(pred: &GoldDoc, gold: &GoldDoc, m: &mut Metrics, diff: &mut DocDiff) {
    if let Some(g) = gold.title.as_deref().filter(|t| !t.trim().is_empty()) {
        let p = pred.title.as_deref().unwrap_or("");
        let ok = fold_space(p) == fold_space(g);
        m.title.record(ok);
        if !ok {
            diff.wrong_values
                .push(value_error("document", "title", p, g));
        }
    }
    if let Some(g) = gold.published.as_deref().filter(|t| !t.trim().is_empty()) {
        let p = pred.published.as_deref().unwrap_or("");
        let ok = p.trim() == g.trim();
        m.published.record(ok);
        if !ok {
            diff.wrong_values
                .push(value_error("document", "published", p, g));
        }
    }
}

fn value_error(of: &str, field: &str, predicted: &str, gold: &str) -> ValueError {
    let show = |s: &str| {
        if s.is_empty() {
            "—".to_string()
        } else {
            s.to_string()
        }
    };
    ValueError {
        of: of.to_string(),
        field: field.to_string(),
        predicted: show(predicted),
        gold: show(gold),
    }
}

/// A short description of an event: `meeting [BLR KAZ] 2024-05-21 @Astana (planned)`.
pub fn describe_event(e: &GoldEvent) -> String {
    let mut s = format!("{} [{}]", e.kind, e.sides.join(" "));
    if let Some(d) = &e.date {
        s.push(' ');
        s.push_str(d);
        if let Some(end) = &e.date_end {
            s.push_str("..");
            s.push_str(end);
        }
    }
    if let Some(l) = &e.location {
        match (&l.place, &l.country) {
            (Some(p), Some(c)) => s.push_str(&format!(" @{p}, {c}")),
            (Some(p), None) => s.push_str(&format!(" @{p}")),
            (None, Some(c)) => s.push_str(&format!(" @{c}")),
            (None, None) => {}
        }
    }
    if let Some(st) = e.status.as_deref().filter(|s| *s != "occurred") {
        s.push_str(&format!(" ({st})"));
    }
    s
}

fn is_core(kind: &str) -> bool {
    !NON_CORE_KINDS.contains(&kind)
}

fn side_set(e: &GoldEvent) -> BTreeSet<String> {
    e.sides.iter().map(|s| s.trim().to_uppercase()).collect()
}

fn place_of(e: &GoldEvent) -> Option<String> {
    e.location
        .as_ref()
        .and_then(|l| l.place.as_deref())
        .map(fold)
        .filter(|p| !p.is_empty())
}

fn participant_keys(e: &GoldEvent) -> BTreeSet<(String, Option<String>)> {
    e.participants
        .iter()
        .map(|p| name_country_key(&p.name, p.country.as_deref()))
        .collect()
}

fn score_events(pred: &[GoldEvent], gold: &[GoldEvent], m: &mut Metrics, diff: &mut DocDiff) {
    // Candidate pairs with their rank (higher is better).
    type Rank = (usize, std::cmp::Reverse<usize>, bool, bool, bool, usize);
    let mut candidates: Vec<(Rank, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let gs = side_set(g);
        for (pi, p) in pred.iter().enumerate() {
            if p.kind != g.kind {
                continue;
            }
            let ps = side_set(p);
            let shared = gs.intersection(&ps).count();
            if shared == 0 {
                continue;
            }
            let unshared = gs.symmetric_difference(&ps).count();
            let date_eq = p.date.as_deref().map(str::trim) == g.date.as_deref().map(str::trim);
            let place_eq = place_of(p) == place_of(g);
            let status_eq = p.status == g.status;
            let people = participant_keys(p)
                .intersection(&participant_keys(g))
                .count();
            let rank = (
                shared,
                std::cmp::Reverse(unshared),
                date_eq,
                place_eq,
                status_eq,
                people,
            );
            candidates.push((rank, gi, pi));
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_used = vec![false; gold.len()];
    let mut pred_used = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for (_, gi, pi) in candidates {
        if !gold_used[gi] && !pred_used[pi] {
            gold_used[gi] = true;
            pred_used[pi] = true;
            pairs.push((gi, pi));
        }
    }
    pairs.sort_unstable();

    for (gi, g) in gold.iter().enumerate() {
        let core = is_core(&g.kind);
        let by_kind = m.events_by_kind.entry(g.kind.clone()).or_default();
        if gold_used[gi] {
            m.events.tp += 1;
            m.events_core.tp += usize::from(core);
            by_kind.tp += 1;
        } else {
            by_kind.fn_ += 1;
            m.events.fn_ += 1;
            m.events_core.fn_ += usize::from(core);
            diff.missed_events.push(g.clone());
        }
    }
    for (pi, p) in pred.iter().enumerate() {
        if !pred_used[pi] {
            m.events_by_kind.entry(p.kind.clone()).or_default().fp += 1;
            m.events.fp += 1;
            m.events_core.fp += usize::from(is_core(&p.kind));
            diff.spurious_events.push(p.clone());
        }
    }

    for (gi, pi) in pairs {
        let (g, p) = (&gold[gi], &pred[pi]);
        diff.matched_events.push(p.clone());
        let of = describe_event(g);
        if let Some(gd) = g.date.as_deref().filter(|d| !d.trim().is_empty()) {
            let pd = p.date.as_deref().unwrap_or("");
            let ok = pd.trim() == gd.trim();
            m.date.record(ok);
            if !ok {
                diff.wrong_values.push(value_error(&of, "date", pd, gd));
            }
        }
        if let Some(gs) = g.status.as_deref().filter(|s| !s.trim().is_empty()) {
            let ps = p.status.as_deref().unwrap_or("");
            let ok = ps.trim() == gs.trim();
            m.status.record(ok);
            if !ok {
                diff.wrong_values.push(value_error(&of, "status", ps, gs));
            }
        }
        if let Some(gp) = place_of(g) {
            let ok = place_of(p).as_deref() == Some(gp.as_str());
            m.place.record(ok);
            if !ok {
                let pp = p
                    .location
                    .as_ref()
                    .and_then(|l| l.place.clone())
                    .unwrap_or_default();
                let gp = g
                    .location
                    .as_ref()
                    .and_then(|l| l.place.clone())
                    .unwrap_or_default();
                diff.wrong_values.push(value_error(&of, "place", &pp, &gp));
            }
        }
        if !g.participants.is_empty() {
            let show = |e: &GoldEvent| {
                e.participants
                    .iter()
                    .map(|p| {
                        (
                            name_country_key(&p.name, p.country.as_deref()),
                            show_participant(p),
                        )
                    })
                    .collect::<Vec<_>>()
            };
            let l = compare("participants", &show(p), &show(g), &mut m.participants);
            if !l.missed.is_empty() || !l.spurious.is_empty() {
                diff.wrong_values.push(value_error(
                    &of,
                    "participants",
                    &l.spurious.join("; "),
                    &l.missed.join("; "),
                ));
            }
        }
    }
}

fn show_participant(p: &crate::gold::GoldParticipant) -> String {
    match &p.country {
        Some(c) => format!("{} ({c})", p.name),
        None => p.name.clone(),
    }
}

fn show_person(p: &GoldPerson) -> String {
    match &p.country {
        Some(c) => format!("{} ({c})", p.name),
        None => p.name.clone(),
    }
}

fn person_key(p: &GoldPerson) -> (String, Option<String>) {
    name_country_key(&p.name, p.country.as_deref())
}

fn show_quantity(q: &crate::gold::GoldQuantity) -> String {
    let v = if q.value.fract() == 0.0 && q.value.abs() < 9.0e15 {
        format!("{}", q.value as i64)
    } else {
        format!("{}", q.value)
    };
    match &q.per {
        Some(per) => format!("{v} {}/{per}", q.unit),
        None => format!("{v} {}", q.unit),
    }
}

fn quantity_key(value: f64, unit: &str) -> String {
    format!("{value:.6} {}", fold(unit))
}

/// Pair items to (key, display) once per key.
fn keyed<T, K: Ord + Clone>(
    items: &[T],
    key: impl Fn(&T) -> K,
    show: impl Fn(&T) -> String,
) -> Vec<(K, String)> {
    items.iter().map(|i| (key(i), show(i))).collect()
}

/// Set comparison by key; duplicates on either side count once.
fn compare<K: Ord + Clone>(
    category: &str,
    pred: &[(K, String)],
    gold: &[(K, String)],
    counts: &mut Counts,
) -> ListDiff {
    let p: BTreeMap<K, &String> = pred.iter().rev().map(|(k, s)| (k.clone(), s)).collect();
    let g: BTreeMap<K, &String> = gold.iter().rev().map(|(k, s)| (k.clone(), s)).collect();
    let mut diff = ListDiff {
        category: category.to_string(),
        ..ListDiff::default()
    };
    for (k, s) in &g {
        if p.contains_key(k) {
            counts.tp += 1;
        } else {
            counts.fn_ += 1;
            diff.missed.push((*s).clone());
        }
    }
    for (k, s) in &p {
        if !g.contains_key(k) {
            counts.fp += 1;
            diff.spurious.push((*s).clone());
        }
    }
    diff
}

/// Multiset comparison by key: each gold item is matched at most once.
fn compare_multiset(
    category: &str,
    pred: &[(String, String)],
    gold: &[(String, String)],
    counts: &mut Counts,
) -> ListDiff {
    let mut left: Vec<Option<&(String, String)>> = pred.iter().map(Some).collect();
    let mut diff = ListDiff {
        category: category.to_string(),
        ..ListDiff::default()
    };
    for (k, s) in gold {
        match left.iter_mut().find(|p| p.is_some_and(|(pk, _)| pk == k)) {
            Some(slot) => {
                *slot = None;
                counts.tp += 1;
            }
            None => {
                counts.fn_ += 1;
                diff.missed.push(s.clone());
            }
        }
    }
    for (_, s) in left.into_iter().flatten() {
        counts.fp += 1;
        diff.spurious.push(s.clone());
    }
    diff
}

/// Case and diacritics folded, whitespace collapsed: "Kahramanmaraş  Province" →
/// "kahramanmaras province".
pub fn fold(s: &str) -> String {
    fold_space(&deunicode::deunicode(s).to_lowercase())
}

fn fold_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const HONORIFICS: [&str; 9] = ["mr", "mrs", "ms", "dr", "he", "hon", "prof", "sir", "madam"];
const NAME_SUFFIXES: [&str; 5] = ["jr", "sr", "ii", "iii", "iv"];

/// The key a person matches by: the folded last word of the name (suffixes such as
/// Jr. and III dropped; initials "S.Aleinik" split; a surname printed first in
/// capitals, "KAMIKAWA Yoko", taken as the last name) and the country.
pub fn name_country_key(name: &str, country: Option<&str>) -> (String, Option<String>) {
    let country = country
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty());
    (surname_key(name), country)
}

fn surname_key(name: &str) -> String {
    let bare = |t: &str| fold(&t.replace(['.', ','], ""));
    let mut tokens: Vec<&str> = name
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| c == ',' || c == ';'))
        .filter(|t| !t.is_empty())
        .collect();
    while tokens.len() > 1 && HONORIFICS.contains(&bare(tokens[0]).as_str()) {
        tokens.remove(0);
    }
    while tokens.len() > 1
        && tokens
            .last()
            .is_some_and(|t| NAME_SUFFIXES.contains(&bare(t).as_str()))
    {
        tokens.pop();
    }
    let caps = |t: &str| {
        t.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && t.chars().all(|c| c.is_uppercase() || c == '-' || c == '\'')
            && t.chars().any(char::is_uppercase)
    };
    let lead = tokens.iter().take_while(|t| caps(t)).count();
    let word = if lead > 0 && lead < tokens.len() {
        // Surname first in capitals: its last capitalised word is the surname.
        tokens[lead - 1]
    } else {
        tokens.last().copied().unwrap_or("")
    };
    let word = word.rsplit('.').find(|p| !p.is_empty()).unwrap_or(word);
    fold(word)
}

const QUOTES: [char; 12] = [
    '"', '\'', '\u{201C}', '\u{201D}', '\u{201E}', '\u{00AB}', '\u{00BB}', '\u{2018}', '\u{2019}',
    '`', '(', ')',
];
const LEGAL_FORMS: [&str; 28] = [
    "llp", "jsc", "ojsc", "cjsc", "pjsc", "llc", "ltd", "inc", "corp", "plc", "gmbh", "ag", "sa",
    "nv", "bv", "pt", "tbk", "nc", "persero", "ooo", "oao", "zao", "ao", "pao", "co", "spa", "srl",
    "kk",
];

/// The key a company matches by: folded, quotes and legal forms dropped.
/// `LLP "Kazakhstan Agro Innovation Corporation"` → `kazakhstan agro innovation corporation`.
pub fn company_key(name: &str) -> String {
    let cleaned = name
        .replace("&quot;", " ")
        .replace(QUOTES, " ")
        .replace(',', " ");
    let folded = fold(&cleaned);
    let kept: Vec<String> = folded
        .split(' ')
        .map(|t| t.replace('.', ""))
        .filter(|t| !t.is_empty() && !LEGAL_FORMS.contains(&t.as_str()))
        .collect();
    if kept.is_empty() {
        folded
    } else {
        kept.join(" ")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::gold::{GoldLocation, GoldParticipant, GoldPlace, GoldQuantity};

    fn ev(kind: &str, sides: &[&str], date: Option<&str>) -> GoldEvent {
        GoldEvent {
            kind: kind.into(),
            status: Some("occurred".into()),
            date: date.map(String::from),
            sides: sides.iter().map(|s| s.to_string()).collect(),
            ..GoldEvent::default()
        }
    }

    fn part(name: &str, country: &str) -> GoldParticipant {
        GoldParticipant {
            name: name.into(),
            title: None,
            country: Some(country.into()),
        }
    }

    fn c(tp: usize, fp: usize, fn_: usize) -> Counts {
        Counts { tp, fp, fn_ }
    }

    fn a(correct: usize, total: usize) -> Accuracy {
        Accuracy { correct, total }
    }

    fn doc(events: Vec<GoldEvent>) -> GoldDoc {
        GoldDoc {
            id: "d".into(),
            events,
            ..GoldDoc::default()
        }
    }

    #[test]
    fn folds_case_diacritics_and_space() {
        assert_eq!(fold("  Kahramanmaraş   Province"), "kahramanmaras province");
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("BRASÍLIA"), "brasilia");
    }

    #[test]
    fn surnames_match_by_last_word() {
        assert_eq!(surname_key("Sergei Aleinik"), "aleinik");
        assert_eq!(surname_key("S.Aleinik"), "aleinik");
        assert_eq!(surname_key("G.L. Peiris"), "peiris");
        assert_eq!(surname_key("Joseph R. Biden Jr."), "biden");
        assert_eq!(surname_key("Joseph R. Biden, Jr."), "biden");
        assert_eq!(surname_key("John Smith III"), "smith");
        assert_eq!(surname_key("Mevlüt Çavuşoğlu"), "cavusoglu");
        assert_eq!(surname_key("H.E. Mr. Sadyr JAPAROV"), "japarov");
    }

    #[test]
    fn surname_first_in_capitals_is_the_surname() {
        assert_eq!(surname_key("KAMIKAWA Yoko"), surname_key("Yoko Kamikawa"));
        assert_eq!(surname_key("Mr. KISHIDA Fumio"), "kishida");
        assert_eq!(surname_key("SADYR JAPAROV"), "japarov");
    }

    #[test]
    fn persons_need_the_same_country() {
        let gold = GoldDoc {
            mentions: crate::gold::GoldMentions {
                persons: vec![
                    GoldPerson {
                        name: "Yoko Kamikawa".into(),
                        country: Some("JPN".into()),
                    },
                    GoldPerson {
                        name: "Antony Blinken".into(),
                        country: Some("USA".into()),
                    },
                ],
                ..Default::default()
            },
            ..GoldDoc::default()
        };
        let pred = GoldDoc {
            mentions: crate::gold::GoldMentions {
                persons: vec![
                    GoldPerson {
                        name: "KAMIKAWA Yoko".into(),
                        country: Some("JPN".into()),
                    },
                    GoldPerson {
                        name: "Antony Blinken".into(),
                        country: Some("GBR".into()),
                    },
                ],
                ..Default::default()
            },
            ..GoldDoc::default()
        };
        let s = score_record(&pred, &gold);
        assert_eq!(s.metrics.persons, c(1, 1, 1));
    }

    #[test]
    fn companies_ignore_quotes_and_legal_forms() {
        assert_eq!(
            company_key("LLP \"Kazakhstan Agro Innovation Corporation\""),
            company_key("Kazakhstan Agro Innovation Corporation LLP")
        );
        assert_eq!(
            company_key("PT Garuda Indonesia (Persero) Tbk"),
            "garuda indonesia"
        );
        assert_eq!(company_key("JSC NC “KazMunayGas”"), "kazmunaygas");
        assert_eq!(company_key("OJSC &quot;Belshina&quot;"), "belshina");
        assert_eq!(company_key("Ryanair"), "ryanair");
        assert_ne!(company_key("Hyundai"), company_key("Astana Motors"));
    }

    #[test]
    fn events_match_on_kind_and_overlapping_sides() {
        let gold = doc(vec![
            ev("meeting", &["BLR", "KAZ"], Some("2024-05-21")),
            ev("visit", &["BLR", "KAZ"], None),
        ]);
        let pred = doc(vec![
            ev("meeting", &["KAZ", "RUS"], Some("2024-05-21")), // overlap on KAZ
            ev("visit", &["UZB"], None),                        // no overlap
            ev("phone_call", &["BLR", "KAZ"], None),            // wrong kind
        ]);
        let s = score_record(&pred, &gold);
        assert_eq!(s.metrics.events, c(1, 2, 1));
        assert_eq!(s.diff.missed_events.len(), 1);
        assert_eq!(s.diff.missed_events[0].kind, "visit");
        assert_eq!(s.diff.spurious_events.len(), 2);
    }

    #[test]
    fn pairs_are_taken_best_first() {
        // Two gold meetings with the same sides on different days; the predictions
        // come in the other order. Best first pairs them by date, not by position.
        let gold = doc(vec![
            ev("meeting", &["BLR", "KAZ"], Some("2024-05-21")),
            ev("meeting", &["BLR", "KAZ"], Some("2024-05-22")),
        ]);
        let pred = doc(vec![
            ev("meeting", &["BLR", "KAZ"], Some("2024-05-22")),
            ev("meeting", &["BLR", "KAZ"], Some("2024-05-21")),
        ]);
        let s = score_record(&pred, &gold);
        assert_eq!(s.metrics.events.tp, 2);
        assert_eq!(s.metrics.date, a(2, 2));

        // More shared sides beats an earlier position.
        let gold = doc(vec![
            ev("multilateral_meeting", &["ARM", "BLR"], None),
            ev("multilateral_meeting", &["BLR", "KAZ", "RUS"], None),
        ]);
        let pred = doc(vec![ev(
            "multilateral_meeting",
            &["BLR", "KAZ", "RUS"],
            None,
        )]);
        let s = score_record(&pred, &gold);
        assert_eq!(s.metrics.events, c(1, 0, 1));
        assert_eq!(s.diff.missed_events[0].sides, vec!["ARM", "BLR"]);
    }

    #[test]
    fn core_kinds_leave_out_judgement_kinds() {
        let gold = doc(vec![
            ev("meeting", &["BLR", "KAZ"], None),
            ev("support_expressed", &["BLR", "KAZ"], None),
            ev("statement", &["ARM"], None),
        ]);
        let pred = doc(vec![
            ev("meeting", &["BLR", "KAZ"], None),
            ev("cooperation_pledged", &["BLR", "KAZ"], None),
            ev("protest", &["BLR", "LVA"], None),
        ]);
        let s = score_record(&pred, &gold);
        assert_eq!(s.metrics.events, c(1, 2, 2));
        assert_eq!(s.metrics.events_core, c(1, 1, 0));
        let kinds = &s.metrics.events_by_kind;
        assert_eq!(kinds["meeting"], c(1, 0, 0));
        assert_eq!(kinds["statement"], c(0, 0, 1));
        assert_eq!(kinds["protest"], c(0, 1, 0));
    }

    #[test]
    fn attributes_are_scored_where_gold_gives_them() {
        let mut g = ev("meeting", &["BLR", "KAZ"], Some("2024-05-21"));
        g.location = Some(GoldLocation {
            place: Some("Kahramanmaraş".into()),
            country: Some("TUR".into()),
        });
        g.participants = vec![part("Sergei Aleinik", "BLR"), part("Murat Nurtleu", "KAZ")];
        let mut p = ev("meeting", &["BLR", "KAZ"], None);
        p.status = Some("planned".into());
        p.location = Some(GoldLocation {
            place: Some("KAHRAMANMARAS".into()),
            country: None,
        });
        p.participants = vec![part("S.Aleinik", "BLR"), part("Roman Golovchenko", "BLR")];
        // A second pair without gold date, place or participants adds nothing to them.
        let g2 = ev("visit", &["BLR", "KAZ"], None);
        let mut p2 = ev("visit", &["BLR", "KAZ"], Some("2024-05-20"));
        p2.participants = vec![part("Someone Else", "BLR")];
        let s = score_record(&doc(vec![p, p2]), &doc(vec![g, g2]));
        assert_eq!(s.metrics.date, a(0, 1));
        assert_eq!(s.metrics.status, a(1, 2));
        assert_eq!(s.metrics.place, a(1, 1));
        assert_eq!(s.metrics.participants, c(1, 1, 1));
        let fields: Vec<&str> = s
            .diff
            .wrong_values
            .iter()
            .map(|w| w.field.as_str())
            .collect();
        assert_eq!(fields, vec!["date", "status", "participants"]);
    }

    #[test]
    fn mentions_topics_quantities_and_metadata() {
        let gold = GoldDoc {
            id: "x".into(),
            title: Some("Talks  in\nAstana".into()),
            published: Some("2024-05-22".into()),
            mentions: crate::gold::GoldMentions {
                countries: vec!["BLR".into(), "KAZ".into()],
                organizations: vec!["SCO".into(), "UN".into()],
                places: vec![GoldPlace {
                    place: "Kostanai".into(),
                    country: Some("KAZ".into()),
                }],
                ..Default::default()
            },
            topics: vec!["trade".into(), "industry".into()],
            quantities: vec![
                GoldQuantity {
                    value: 10000.0,
                    unit: "tractor".into(),
                    per: Some("year".into()),
                },
                GoldQuantity {
                    value: 1.1e9,
                    unit: "USD".into(),
                    per: None,
                },
            ],
            ..GoldDoc::default()
        };
        let pred = GoldDoc {
            id: "x".into(),
            title: Some("Talks in Astana".into()),
            published: Some("2024-05-21".into()),
            mentions: crate::gold::GoldMentions {
                countries: vec!["BLR".into(), "KAZ".into(), "RUS".into()],
                organizations: vec!["SCO".into()],
                places: vec![GoldPlace {
                    place: "KOSTANAI".into(),
                    country: None,
                }],
                ..Default::default()
            },
            topics: vec!["trade".into()],
            quantities: vec![
                GoldQuantity {
                    value: 10000.0,
                    unit: "tractor".into(),
                    per: None,
                },
                GoldQuantity {
                    value: 10000.0,
                    unit: "tractor".into(),
                    per: None,
                },
            ],
            ..GoldDoc::default()
        };
        let s = score_record(&pred, &gold);
        let m = &s.metrics;
        assert_eq!(m.countries, c(2, 1, 0));
        assert_eq!(m.organizations, c(1, 0, 1));
        assert_eq!(m.places, c(1, 0, 0));
        assert_eq!(m.topics, c(1, 0, 1));
        assert_eq!(m.quantities, c(1, 1, 1));
        assert_eq!(m.title, a(1, 1));
        assert_eq!(m.published, a(0, 1));
        assert_eq!(s.misses.mentions, 2);
        assert_eq!(s.misses.total, 2 + 1 + 2 + 1);
        assert!((m.countries.precision() - 2.0 / 3.0).abs() < 1e-9);
        assert!((m.organizations.recall() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn feeds_score_items_in_order_and_the_channel() {
        let item = |n: usize, kind: &str| GoldDoc {
            id: format!("f#{n}"),
            published: Some("2024-05-26".into()),
            events: vec![ev(kind, &["AZE", "KAZ"], None)],
            ..GoldDoc::default()
        };
        let gold = GoldDoc {
            id: "f".into(),
            title: Some("Channel".into()),
            published: Some("2024-05-26".into()),
            items: Some(vec![item(1, "meeting"), item(2, "condolences")]),
            ..GoldDoc::default()
        };
        let pred = GoldDoc {
            id: "f".into(),
            title: Some("Channel".into()),
            published: None,
            items: Some(vec![item(1, "meeting"), item(2, "visit"), item(3, "aid")]),
            ..GoldDoc::default()
        };
        let scores = score_file(&pred, &gold);
        assert_eq!(scores.len(), 4);
        assert_eq!(scores[0].id, "f (channel)");
        assert_eq!(scores[0].metrics.title.correct, 1);
        assert_eq!(scores[0].metrics.published, a(0, 1));
        let report = Report::new(scores);
        assert_eq!(report.records, 3);
        assert_eq!(report.total.events, c(1, 2, 1));
        assert_eq!(report.worst(1)[0].id, "f#2");
    }

    #[test]
    fn failures_count_as_all_missed() {
        let gold = doc(vec![ev("meeting", &["BLR", "KAZ"], None)]);
        let scores = score_failure(&gold, "cannot read");
        let report = Report::new(scores);
        assert_eq!(report.failed, 1);
        assert_eq!(report.total.events, c(0, 0, 1));
    }

    #[test]
    fn empty_against_empty_is_perfect() {
        let s = score_record(&GoldDoc::default(), &GoldDoc::default());
        assert_eq!(s.misses.total, 0);
        assert_eq!(s.metrics.events.f1(), 1.0);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod corpus_tests {
    use super::*;

    /// Every gold file of the corpus (and of the real readouts) scores perfectly
    /// against itself; skipped when ../shared is absent.
    #[test]
    fn gold_scores_perfectly_against_itself() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");
        let mut seen = 0;
        for dir in ["corpus/gold", "real/gold"] {
            let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else {
                eprintln!("skipping: {root}/{dir} is absent");
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                let g: GoldDoc =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                for s in score_file(&g, &g) {
                    assert_eq!(s.misses.total, 0, "{}: {:?}", path.display(), s.diff);
                }
                seen += 1;
            }
        }
        eprintln!("{seen} gold files scored against themselves");
    }
}
