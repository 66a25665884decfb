//! `attache eval`: score extraction against a gold-annotated corpus.
//!
//! `--corpus DIR` holds `gold/ID.json` files whose `doc` field names the document
//! relative to DIR (`docs/ID.html`, `wh-readouts/ID.md`). Each document is ingested,
//! extracted and projected onto the gold format, then scored with
//! [`attache_extract::score_file`]. The output is a table of every metric (micro-averaged
//! over records), then the records with the most misses; `--verbose` or `--doc ID` adds
//! the per-record differences, `--json` prints everything machine-readable,
//! `--predictions DIR` scores saved gold-format predictions instead of extracting. A
//! document that fails to ingest or extract counts as all missed and is reported.

use crate::cmd::extract::{extract, project, read_input};
use anyhow::Context;
use attache_extract::{
    Accuracy, CHANNEL_SUFFIX, Counts, DocScore, GoldDoc, GoldEvent, Report, describe_event,
    score_failure, score_file,
};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Corpus directory with `gold/*.json` and the documents they name.
    #[arg(long, value_name = "DIR")]
    corpus: PathBuf,
    /// Print the whole report as JSON (metrics, per-record scores and differences).
    #[arg(long)]
    json: bool,
    /// Print the differences of every record with misses.
    #[arg(long, short)]
    verbose: bool,
    /// Print the differences of this record only, with its matched events (a feed's id
    /// selects all its items).
    #[arg(long, value_name = "ID")]
    doc: Option<String>,
    /// Score these predictions instead of running extraction: gold-format files named
    /// like the gold files (`ID.json`), as printed by `attache extract --gold-format`.
    #[arg(long, value_name = "DIR")]
    predictions: Option<PathBuf>,
    /// How many of the records with the most misses to list.
    #[arg(long, default_value_t = 10)]
    top: usize,
}

/// The machine-readable output of `--json`.
#[derive(Debug, Serialize)]
struct JsonOutput<'a> {
    corpus: String,
    gold_files: usize,
    seconds: f64,
    /// Gold files that could not be read or parsed.
    unreadable: &'a [String],
    report: &'a Report,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let gold_dir = args.corpus.join("gold");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&gold_dir)
        .with_context(|| format!("reading {}", gold_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        anyhow::bail!("{}: no gold files (*.json)", gold_dir.display());
    }

    let started = Instant::now();
    let mut scores: Vec<DocScore> = Vec::new();
    let mut unreadable: Vec<String> = Vec::new();
    for path in &paths {
        let gold = match read_gold(path) {
            Ok(g) => g,
            Err(err) => {
                eprintln!("attache: {}: {err:#}", path.display());
                unreadable.push(format!("{}: {err:#}", path.display()));
                continue;
            }
        };
        let predicted = match &args.predictions {
            Some(dir) => {
                let file = dir.join(path.file_name().unwrap_or_default());
                read_gold(&file).map_err(|e| format!("{}: {e:#}", file.display()))
            }
            None => predict(&doc_path(&args.corpus, &gold, path)),
        };
        match predicted {
            Ok(pred) => scores.extend(score_file(&pred, &gold)),
            Err(err) => {
                eprintln!("attache: {err}");
                scores.extend(score_failure(&gold, &err));
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let report = Report::new(scores);

    if args.json {
        let out = JsonOutput {
            corpus: args.corpus.display().to_string(),
            gold_files: paths.len(),
            seconds,
            unreadable: &unreadable,
            report: &report,
        };
        emit(&format!("{}\n", serde_json::to_string_pretty(&out)?))?;
    } else {
        let mut text = String::new();
        let _ = writeln!(
            text,
            "attache eval: {} — {} gold files, {} records, {} failed, {:.2}s",
            args.corpus.display(),
            paths.len(),
            report.records,
            report.failed,
            seconds
        );
        text.push('\n');
        text.push_str(&metrics_table(&report));
        text.push('\n');
        text.push_str(&worst_table(&report, args.top));
        let selected: Vec<&DocScore> = report
            .docs
            .iter()
            .filter(|d| match &args.doc {
                Some(id) => {
                    d.id == *id
                        || d.id.strip_suffix(CHANNEL_SUFFIX) == Some(id)
                        || d.id
                            .strip_prefix(id.as_str())
                            .is_some_and(|r| r.starts_with('#'))
                }
                None => args.verbose && (d.misses.total > 0 || d.error.is_some()),
            })
            .collect();
        if args.doc.is_some() && selected.is_empty() {
            eprintln!(
                "attache: no gold record with id {:?}",
                args.doc.as_deref().unwrap_or("")
            );
        }
        for d in selected {
            text.push('\n');
            text.push_str(&doc_diff(d, args.doc.is_some()));
        }
        emit(&text)?;
    }
    Ok(if unreadable.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Write to standard output; a reader that went away (`| head`) is not an error.
fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("writing to standard output")
        }
        _ => Ok(()),
    }
}

fn read_gold(path: &Path) -> anyhow::Result<GoldDoc> {
    let text = std::fs::read_to_string(path).context("reading gold file")?;
    let mut gold: GoldDoc = serde_json::from_str(&text).context("parsing gold file")?;
    if gold.id.is_empty() {
        gold.id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
    }
    Ok(gold)
}

/// The document a gold file names: its `doc` field relative to the corpus, or
/// `docs/ID.*` when the field is empty.
fn doc_path(corpus: &Path, gold: &GoldDoc, gold_path: &Path) -> PathBuf {
    if !gold.doc.trim().is_empty() {
        return corpus.join(gold.doc.trim());
    }
    let stem = gold_path.file_stem().unwrap_or_default().to_os_string();
    let docs = corpus.join("docs");
    std::fs::read_dir(&docs)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_stem() == Some(stem.as_os_str()))
        .unwrap_or_else(|| docs.join(stem))
}

/// Ingest, extract and project one document; an error names the input that failed.
fn predict(path: &Path) -> Result<GoldDoc, String> {
    let input = path.to_string_lossy();
    let mut extracted = Vec::new();
    for item in read_input(&input, false, attache_ingest::DEFAULT_MAX_BYTES) {
        let doc = item?;
        let record = extract(&doc).map_err(|e| format!("{}: {e:#}", doc.source))?;
        extracted.push((doc, record));
    }
    project(&extracted).ok_or_else(|| format!("{input}: no document in the input"))
}

fn pct(x: f64) -> String {
    format!("{:.3}", x)
}

fn counts_row(name: &str, c: &Counts) -> String {
    format!(
        "{name:<22} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}\n",
        pct(c.precision()),
        pct(c.recall()),
        pct(c.f1()),
        c.tp,
        c.fp,
        c.fn_
    )
}

fn accuracy_row(name: &str, a: &Accuracy) -> String {
    format!(
        "{name:<22} {:>9} {:>9} {:>9}\n",
        pct(a.accuracy()),
        a.correct,
        a.total
    )
}

/// The table of every metric.
fn metrics_table(report: &Report) -> String {
    let m = &report.total;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<22} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}",
        "metric", "precision", "recall", "F1", "tp", "fp", "fn"
    );
    s.push_str(&counts_row("events", &m.events));
    s.push_str(&counts_row("events (core kinds)", &m.events_core));
    s.push_str(&counts_row("participants", &m.participants));
    s.push_str(&counts_row("countries", &m.countries));
    s.push_str(&counts_row("organizations", &m.organizations));
    s.push_str(&counts_row("places", &m.places));
    s.push_str(&counts_row("persons", &m.persons));
    s.push_str(&counts_row("companies", &m.companies));
    s.push_str(&counts_row("topics", &m.topics));
    s.push_str(&counts_row("quantities", &m.quantities));
    s.push('\n');
    let _ = writeln!(
        s,
        "{:<22} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}",
        "events by kind", "precision", "recall", "F1", "tp", "fp", "fn"
    );
    for (kind, c) in &m.events_by_kind {
        s.push_str(&counts_row(&format!("  {kind}"), c));
    }
    s.push('\n');
    let _ = writeln!(
        s,
        "{:<22} {:>9} {:>9} {:>9}",
        "metric", "accuracy", "correct", "scored"
    );
    s.push_str(&accuracy_row("event date", &m.date));
    s.push_str(&accuracy_row("event status", &m.status));
    s.push_str(&accuracy_row("event place", &m.place));
    s.push_str(&accuracy_row("title", &m.title));
    s.push_str(&accuracy_row("published", &m.published));
    s
}

/// The records with the most misses, per category.
fn worst_table(report: &Report, top: usize) -> String {
    let worst = report.worst(top);
    let mut s = String::new();
    let _ = writeln!(s, "records with the most misses");
    if worst.is_empty() {
        let _ = writeln!(s, "  none");
        return s;
    }
    let width = worst.iter().map(|d| d.id.len()).max().unwrap_or(2).max(2);
    let _ = writeln!(
        s,
        "{:<width$} {:>5} {:>6} {:>6} {:>8} {:>6} {:>5} {:>5}",
        "id", "total", "events", "values", "mentions", "topics", "quant", "meta"
    );
    for d in worst {
        let m = &d.misses;
        let _ = writeln!(
            s,
            "{:<width$} {:>5} {:>6} {:>6} {:>8} {:>6} {:>5} {:>5}{}",
            d.id,
            m.total,
            m.events,
            m.attributes,
            m.mentions,
            m.topics,
            m.quantities,
            m.metadata,
            if d.error.is_some() { "  (failed)" } else { "" }
        );
    }
    s
}

fn event_line(e: &GoldEvent) -> String {
    let mut s = describe_event(e);
    if !e.participants.is_empty() {
        let names: Vec<&str> = e.participants.iter().map(|p| p.name.as_str()).collect();
        let _ = write!(s, " with {}", names.join(", "));
    }
    if let Some(ev) = e.evidence.as_deref().filter(|v| !v.is_empty()) {
        let _ = write!(s, " — \"{ev}\"");
    }
    s
}

/// The differences of one record, for reading; with `matched`, the matched events too.
fn doc_diff(d: &DocScore, matched: bool) -> String {
    let m = &d.misses;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "== {} — {} misses (events {}, values {}, mentions {}, topics {}, quantities {}, metadata {})",
        d.id, m.total, m.events, m.attributes, m.mentions, m.topics, m.quantities, m.metadata
    );
    if let Some(err) = &d.error {
        let _ = writeln!(s, "  FAILED: {err}");
    }
    if matched {
        for e in &d.diff.matched_events {
            let _ = writeln!(s, "  = matched event   {}", event_line(e));
        }
    }
    for e in &d.diff.missed_events {
        let _ = writeln!(s, "  - missed event    {}", event_line(e));
    }
    for e in &d.diff.spurious_events {
        let _ = writeln!(s, "  + spurious event  {}", event_line(e));
    }
    for w in &d.diff.wrong_values {
        if w.field == "participants" {
            let _ = writeln!(
                s,
                "  ~ participants    {}: missed {}; spurious {}",
                w.of, w.gold, w.predicted
            );
        } else {
            let _ = writeln!(
                s,
                "  ~ {:<15} {}: predicted {}, gold {}",
                w.field, w.of, w.predicted, w.gold
            );
        }
    }
    for l in &d.diff.lists {
        if !l.missed.is_empty() {
            let _ = writeln!(s, "  - {:<15} {}", l.category, l.missed.join("; "));
        }
        if !l.spurious.is_empty() {
            let _ = writeln!(s, "  + {:<15} {}", l.category, l.spurious.join("; "));
        }
    }
    s
}
