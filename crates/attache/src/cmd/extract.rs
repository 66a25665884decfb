//! `attache extract`: the full evidence-linked record of each release, as JSON.
//!
//! Inputs are files, directories (read recursively by ingest) or `-` for standard
//! input. Each document prints as `{"document": Document, "record": Record}` (see
//! `docs/record-schema.md`): pretty JSON by default, one compact object per line with
//! `--jsonl`. `--gold-format` prints the projection onto the gold format instead, one
//! object per feed for feed items. A failing input is reported on standard error as one
//! line naming it, and makes the exit code 1; the other inputs are still processed.

use anyhow::Context;
use attache_extract::{FeedGold, GoldDoc, Record};
use attache_ingest::Document;
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files, directories or `-` for standard input (with `--jsonl`, standard input is
    /// read as JSON Lines documents: objects with text or html, url, title, published,
    /// language).
    #[arg(required = true, value_name = "FILE|DIR|-")]
    inputs: Vec<String>,
    /// Print one compact JSON object per line.
    #[arg(long)]
    jsonl: bool,
    /// Print the projection onto the gold format of `attache eval` instead of the full
    /// record (a feed prints as one object with its items).
    #[arg(long)]
    gold_format: bool,
    /// Largest input read whole, in bytes (for JSON Lines: the largest line).
    #[arg(long, value_name = "N", default_value_t = attache_ingest::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// What `attache extract` prints for one document.
#[derive(Debug, Serialize)]
struct Output<'a> {
    document: &'a Document,
    record: &'a Record,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    let written = extract_all(&args, &mut out, &mut failed).and_then(|()| out.flush());
    match written {
        // A reader that went away (`| head`) ends the run quietly.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(e).context("writing to standard output");
        }
        _ => {}
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Extract every input and print it; input failures are reported and set `failed`,
/// only output errors stop the run.
fn extract_all<W: Write>(args: &Args, out: &mut W, failed: &mut bool) -> std::io::Result<()> {
    // Feed items waiting to be printed together (gold format only).
    let mut feed: Vec<(Document, Record)> = Vec::new();
    for input in &args.inputs {
        for item in read_input(input, args.jsonl, args.max_bytes) {
            let doc = match item {
                Ok(doc) => doc,
                Err(err) => {
                    eprintln!("attache: {err}");
                    *failed = true;
                    continue;
                }
            };
            let record = match extract(&doc) {
                Ok(r) => r,
                Err(err) => {
                    eprintln!("attache: {}: {err}", doc.source);
                    *failed = true;
                    continue;
                }
            };
            if !args.gold_format {
                let output = Output {
                    document: &doc,
                    record: &record,
                };
                print_json(out, &output, args.jsonl)?;
                continue;
            }
            let same_feed = match (feed.first().and_then(|(d, _)| d.feed.as_ref()), &doc.feed) {
                (Some(a), Some(b)) => a.source == b.source,
                _ => false,
            };
            if !same_feed && !feed.is_empty() {
                let group = std::mem::take(&mut feed);
                print_json(out, &FeedGold::from_items(&group), args.jsonl)?;
            }
            if doc.feed.is_some() {
                feed.push((doc, record));
            } else {
                print_json(out, &record.to_gold(&doc), args.jsonl)?;
            }
        }
    }
    if !feed.is_empty() {
        print_json(out, &FeedGold::from_items(&feed), args.jsonl)?;
    }
    Ok(())
}

fn print_json<W: Write, T: Serialize>(
    out: &mut W,
    value: &T,
    compact: bool,
) -> std::io::Result<()> {
    if compact {
        serde_json::to_writer(&mut *out, value)?;
    } else {
        serde_json::to_writer_pretty(&mut *out, value)?;
    }
    writeln!(out)
}

/// Extract one document, turning a panic of the extractor into an error so that one
/// bad document never stops a batch.
pub(crate) fn extract(doc: &Document) -> anyhow::Result<Record> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        attache_extract::extract(doc)
    }))
    .map_err(|panic| {
        let msg = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        anyhow::anyhow!("extraction failed: {msg}")
    })
}

/// The gold projection of the documents of one input: a single record, or a feed with
/// its items in feed order.
pub(crate) fn project(docs: &[(Document, Record)]) -> Option<GoldDoc> {
    match docs {
        [] => None,
        [(doc, record)] if doc.feed.is_none() => Some(record.to_gold(doc)),
        _ => Some(FeedGold::from_items(docs).into_gold_doc()),
    }
}

/// Every document of one input (a file, a directory or `-`), each a result whose error
/// is worded for the user and names the input (and line) that failed.
pub(crate) fn read_input(
    input: &str,
    stdin_jsonl: bool,
    max_bytes: u64,
) -> Box<dyn Iterator<Item = Result<Document, String>>> {
    let mut options = attache_ingest::Options {
        max_bytes,
        ..attache_ingest::Options::default()
    };
    if input == "-" {
        if stdin_jsonl {
            options.format = Some(attache_ingest::Format::JsonLines);
        }
        return Box::new(
            attache_ingest::read_stdin(&options).map(|r| r.map_err(|e| e.to_string())),
        );
    }
    Box::new(
        attache_ingest::read_path(std::path::Path::new(input), &options)
            .map(|r| r.map_err(|e| e.to_string())),
    )
}
