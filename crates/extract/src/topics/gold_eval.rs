//! Measures `find_topics` and `find_quantities` against every gold file of the
//! development corpus (`../shared/corpus`) and prints precision, recall and F1 (it
//! never fails on the numbers). Skips when `../shared` is absent.
//!
//! The text of each document comes from a deliberately crude reader local to this
//! test (tags stripped, entities decoded, short chrome lines dropped), so the measure
//! does not depend on the ingest stage; run `attache eval` for the real pipeline.

use crate::quantities::find_quantities;
use crate::topics::find_topics;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    p.join("corpus/gold").is_dir().then_some(p)
}

fn entity(name: &str) -> Option<String> {
    if let Some(num) = name.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(h) => u32::from_str_radix(h, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(n).map(String::from);
    }
    Some(
        match name {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            "nbsp" => " ",
            "rsquo" => "’",
            "lsquo" => "‘",
            "rdquo" => "”",
            "ldquo" => "“",
            "ndash" => "–",
            "mdash" => "—",
            "laquo" => "«",
            "raquo" => "»",
            "hellip" => "…",
            "copy" => "©",
            "bull" => "•",
            "middot" => "·",
            "euro" => "€",
            "pound" => "£",
            "eacute" => "é",
            "aacute" => "á",
            "oacute" => "ó",
            "uuml" => "ü",
            "ouml" => "ö",
            "ccedil" => "ç",
            _ => return None,
        }
        .to_string(),
    )
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        match tail
            .find(';')
            .filter(|&j| j <= 10)
            .and_then(|j| Some((j, entity(&tail[1..j])?)))
        {
            Some((j, rep)) => {
                out.push_str(&rep);
                rest = &tail[j + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Remove `<name ...>...</name>` blocks.
fn drop_elements(s: &str, name: &str) -> String {
    let lower = s.to_ascii_lowercase();
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut out = String::new();
    let mut pos = 0;
    while let Some(i) = lower[pos..].find(&open).map(|i| i + pos) {
        out.push_str(&s[pos..i]);
        match lower[i..].find(&close) {
            Some(j) => pos = i + j + close.len(),
            None => {
                pos = s.len();
                break;
            }
        }
    }
    out.push_str(&s[pos.min(s.len())..]);
    out
}

const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "li",
    "td",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "ul",
    "ol",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "title",
    "blockquote",
];

fn html_to_text(s: &str) -> String {
    let s = drop_elements(&drop_elements(s, "script"), "style");
    let s = s.replace("<![CDATA[", "").replace("]]>", "");
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[i + 1..i + j]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        out.push_str(if BLOCKS.contains(&name.as_str()) {
            "\n"
        } else {
            " "
        });
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    unescape(&out)
}

/// Keep lines that look like prose (six words or more, with sentence punctuation).
fn prose(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        let words = line.split(' ').count();
        let ends = line.ends_with(['.', '!', '?', ':', ';', '"', '»', '”', ')']);
        if words >= 6 && (ends || line.contains(". ")) {
            out.push_str(&line);
            out.push_str("\n\n");
        }
    }
    out
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let i = s.find(open)?;
    let body_start = i + s[i..].find('>')? + 1;
    let j = s[body_start..].find(close)?;
    Some(&s[body_start..body_start + j])
}

fn feed_items(s: &str) -> Vec<String> {
    let (open, close) = if s.contains("<entry") {
        ("<entry", "</entry>")
    } else {
        ("<item", "</item>")
    };
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = s[pos..].find(open).map(|i| i + pos) {
        let Some(j) = s[i..].find(close).map(|j| j + i) else {
            break;
        };
        let item = &s[i..j];
        let body = between(item, "<content:encoded", "</content:encoded>")
            .or_else(|| between(item, "<content", "</content>"))
            .or_else(|| between(item, "<description", "</description>"))
            .or_else(|| between(item, "<summary", "</summary>"))
            .unwrap_or("");
        let body = body.replace("<![CDATA[", "").replace("]]>", "");
        let body = if body.contains("&lt;") {
            unescape(&body)
        } else {
            body
        };
        out.push(prose(&unescape(&html_to_text(&body))));
        pos = j + close.len();
    }
    out
}

/// Markdown with YAML front matter: the body, each paragraph on one line.
fn markdown(s: &str) -> String {
    let body = match s.strip_prefix("---") {
        Some(rest) => rest.find("\n---").map_or(rest, |i| &rest[i + 4..]),
        None => s,
    };
    body.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn texts_of(doc: &Path) -> Vec<String> {
    let raw = std::fs::read_to_string(doc).unwrap_or_default();
    match doc.extension().and_then(|e| e.to_str()) {
        Some("xml") => feed_items(&raw),
        Some("html") => vec![prose(&html_to_text(&raw))],
        Some("md") => vec![prose(&markdown(&raw))],
        _ => vec![prose(&raw)],
    }
}

#[derive(Default)]
struct Prf {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Prf {
    fn add<T: Ord + Clone>(&mut self, pred: &BTreeSet<T>, gold: &BTreeSet<T>) {
        self.tp += pred.intersection(gold).count();
        self.fp += pred.difference(gold).count();
        self.fn_ += gold.difference(pred).count();
    }
    fn report(&self, name: &str) -> f64 {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!(
            "{name:<11} P {p:.3}  R {r:.3}  F1 {f:.3}  (tp {}, fp {}, fn {})",
            self.tp, self.fp, self.fn_
        );
        f
    }
}

/// Value and unit as a comparable key (values to 6 significant decimals).
fn qkey(value: f64, unit: &str) -> (i64, String) {
    ((value * 1000.0).round() as i64, unit.to_string())
}

#[test]
fn topics_and_quantities_against_gold() {
    let Some(shared) = shared() else {
        println!("skipped: ../shared (the development corpus) is absent");
        return;
    };
    println!("== development corpus");
    measure(&shared.join("corpus"));
    println!("== real White House readouts with gold");
    measure(&shared.join("real"));
}

fn measure(root: &Path) {
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(root.join("gold"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    gold_files.sort();
    let (mut topics, mut quants) = (Prf::default(), Prf::default());
    // Gold event dates the date scanner finds somewhere in the record's text.
    let (mut dates_found, mut dates_gold) = (0usize, 0usize);
    for gf in gold_files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let Ok(gold) = serde_json::from_str::<serde_json::Value>(
            &std::fs::read_to_string(gf).unwrap_or_default(),
        ) else {
            continue;
        };
        let Some(doc) = gold["doc"].as_str() else {
            continue;
        };
        let records: Vec<serde_json::Value> = match gold["items"].as_array() {
            Some(items) => items.clone(),
            None => vec![gold.clone()],
        };
        let texts = texts_of(&root.join(doc));
        for (n, rec) in records.iter().enumerate() {
            let text = texts.get(n).cloned().unwrap_or_default();
            let gt: BTreeSet<String> = rec["topics"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect();
            let found = find_topics(&text, &[]);
            let pt: BTreeSet<String> = found.iter().map(|t| t.topic.clone()).collect();
            topics.add(&pt, &gt);
            let published = rec["published"].as_str().and_then(|p| p.parse().ok());
            let found_dates: BTreeSet<String> = crate::dates::find_dates(&text, published)
                .into_iter()
                .flat_map(|m| {
                    let mut v = vec![m.date.to_string()];
                    if let Some(w) = m.weekday.zip(published) {
                        v.push(crate::dates::resolve_weekday(w.1, w.0, true).to_string());
                    }
                    v.extend(m.end.map(|e| e.to_string()));
                    v
                })
                .collect();
            for e in rec["events"].as_array().into_iter().flatten() {
                for key in ["date", "date_end"] {
                    if let Some(d) = e[key].as_str() {
                        dates_gold += 1;
                        if found_dates.contains(d) {
                            dates_found += 1;
                        } else {
                            println!("    date {d} not found ({key} of {})", e["kind"]);
                        }
                    }
                }
            }
            let gq: BTreeSet<(i64, String)> = rec["quantities"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|q| Some(qkey(q["value"].as_f64()?, q["unit"].as_str()?)))
                .collect();
            let pq: BTreeSet<(i64, String)> = find_quantities(&text)
                .iter()
                .map(|q| qkey(q.value, &q.unit))
                .collect();
            quants.add(&pq, &gq);
            let id = gf.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
            let missing: Vec<_> = gt.difference(&pt).collect();
            let extra: Vec<_> = pt.difference(&gt).collect();
            let qmiss: Vec<_> = gq.difference(&pq).collect();
            let qextra: Vec<_> = pq.difference(&gq).collect();
            if !(missing.is_empty() && extra.is_empty() && qmiss.is_empty() && qextra.is_empty()) {
                println!(
                    "{id}#{n}: topics -{missing:?} +{extra:?}; quantities -{qmiss:?} +{qextra:?}"
                );
                for t in found.iter().filter(|t| !gt.contains(&t.topic)) {
                    let ev: Vec<&str> = t.evidence.iter().map(|s| s.of(&text)).collect();
                    println!("    +{} from {ev:?}", t.topic);
                }
            }
        }
    }
    topics.report("topics");
    quants.report("quantities");
    println!(
        "dates      {dates_found} of {dates_gold} gold event dates found by find_dates ({:.3})",
        dates_found as f64 / dates_gold.max(1) as f64
    );
}

/// Every quantity found in the 1,563 real readouts, with its surface, and the time the
/// three scanners take (`cargo test --release -- --ignored --nocapture real_volume`).
#[test]
#[ignore = "volume run over ../shared/real; prints for review"]
fn real_volume() {
    let Some(shared) = shared() else {
        println!("skipped: ../shared is absent");
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared.join("real/wh-readouts"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|f| markdown(&std::fs::read_to_string(f).unwrap_or_default()))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    // Best of five runs, in CPU time of this thread: the machine is shared.
    let cpu = || -> Option<f64> {
        let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        Some(s.split(' ').next()?.parse::<f64>().ok()? / 1e9)
    };
    let best = |f: &dyn Fn(&str) -> usize| -> (f64, usize) {
        let mut n = 0;
        let mut secs = f64::MAX;
        for _ in 0..5 {
            let (t, c) = (std::time::Instant::now(), cpu());
            n = texts.iter().map(|x| f(x)).sum();
            let spent = match (c, cpu()) {
                (Some(a), Some(b)) => b - a,
                _ => t.elapsed().as_secs_f64(),
            };
            secs = secs.min(spent);
        }
        (mb / secs, n)
    };
    let (q, nq) = best(&|t| find_quantities(t).len());
    let (tp, nt) = best(&|t| find_topics(t, &[]).len());
    let (tpi, _) = best(&|t| {
        let hits = attache_lexicon::topics::topic_cues().find(t);
        crate::topics::find_topics_in(t, &[], &[], hits).len()
    });
    println!("topics without the gazetteer pass (find_topics_in): {tpi:.1} MB/s");
    let (d, nd) = best(&|t| crate::dates::find_dates(t, "2024-01-01".parse().ok()).len());
    let (c, nc) = best(&|t| attache_lexicon::topics::topic_cues().find(t).len());
    let (st, ns) = best(&|t| {
        t.split(". ")
            .filter(|s| crate::dates::status_cue(s).is_some())
            .count()
    });
    let (g, ng) = best(&|t| attache_lexicon::lexicon().find(t).len());
    // Reference: a plain byte loop, to judge how loaded the machine is.
    let (r, _) = best(&|t| t.bytes().filter(|b| b.is_ascii_uppercase()).count());
    let (tk, ntk) = best(&|t| crate::dates::tokens::tokenize(t).len());
    println!("reference: byte loop {r:.0} MB/s, tokenizer {tk:.0} MB/s ({ntk} tokens)");
    println!(
        "{} docs, {mb:.1} MB; MB/s: quantities {q:.1} ({nq}), topics {tp:.1} ({nt}), dates {d:.1} ({nd}); \
         parts: cue automaton {c:.1} ({nc}), status cues on every sentence {st:.1} ({ns}), gazetteer {g:.1} ({ng})",
        texts.len()
    );
    for text in &texts {
        for q in find_quantities(text) {
            let a = q.span.start.saturating_sub(30);
            let a = (0..=a)
                .rev()
                .find(|i| text.is_char_boundary(*i))
                .unwrap_or(0);
            let b = (q.span.end + 30).min(text.len());
            let b = (b..=text.len())
                .find(|i| text.is_char_boundary(*i))
                .unwrap_or(text.len());
            println!(
                "Q {} {} {:?} | {}",
                q.value,
                q.unit,
                q.per,
                text[a..b].replace('\n', " ")
            );
        }
    }
}

/// Topics with evidence for a sample of real readouts, for review
/// (`cargo test -- --ignored --nocapture real_topic_sample`).
#[test]
#[ignore = "prints a sample of ../shared/real for review"]
fn real_topic_sample() {
    let Some(shared) = shared() else {
        println!("skipped: ../shared is absent");
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared.join("real/wh-readouts"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    for f in files.iter().step_by(97) {
        let text = prose(&markdown(&std::fs::read_to_string(f).unwrap_or_default()));
        println!(
            "== {}",
            f.file_name().and_then(|n| n.to_str()).unwrap_or("?")
        );
        println!("{}", text.trim());
        for t in find_topics(&text, &[]) {
            let ev: Vec<&str> = t.evidence.iter().map(|s| s.of(&text)).collect();
            println!("  {} <- {ev:?}", t.topic);
        }
    }
}
