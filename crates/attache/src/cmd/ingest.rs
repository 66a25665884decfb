//! `attache ingest`: read releases (files, directories, feeds, JSON Lines, `-` for
//! standard input), extract their records and store both in the knowledge base.
//!
//! Idempotent: a document already stored with the same content and extractor version
//! is skipped before extraction; one whose content changed replaces its old record.
//! Documents are committed in transactions of `--batch` documents (5,000 by default,
//! extracted and written 500 at a time, each chunk extracted on other threads while
//! the one before it is written), so memory stays bounded whatever the input size and
//! an interrupted run loses at most one transaction. A run into an empty
//! database is a bulk load: the indexes that only queries read are built once at its
//! end (`Store::finish_load`; a run stopped before is repaired when the database is
//! next opened). A progress bar shows on a terminal (hidden otherwise); a summary
//! ends the run on standard error. A failing input is reported and counted (exit
//! code 1), never fatal.

use super::events::DbArgs;
use anyhow::Context;
use attache_extract::{EXTRACTOR_VERSION, Record};
use attache_ingest::Document;
use attache_store::{DocStatus, IngestOutcome, Store};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files, directories (read recursively), feeds, JSON Lines files, or `-` for
    /// standard input.
    #[arg(required = true, value_name = "PATH|-")]
    inputs: Vec<String>,
    #[command(flatten)]
    db: DbArgs,
    /// Documents per transaction: an interrupted run loses at most the last one. Large
    /// transactions write each page of the random-keyed indexes once for many
    /// documents (on 100,000 releases, 5,000 per transaction wrote 7.8 GB to disk
    /// where 500 wrote 44 GB); memory does not grow with it (records are extracted
    /// and written 500 at a time).
    #[arg(long, default_value_t = 5000, value_name = "N")]
    batch: usize,
    /// Extraction threads [default: the number of CPUs].
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Largest input read whole, in bytes (for JSON Lines: the largest line).
    #[arg(long, value_name = "N", default_value_t = attache_ingest::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// The number of extraction threads: `--jobs`, else the number of CPUs.
pub(crate) fn jobs(arg: Option<usize>) -> usize {
    arg.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

/// Extract the records of `docs` on up to `jobs` threads, in order.
pub(crate) fn extract_all(
    docs: Vec<Document>,
    jobs: usize,
) -> Vec<(Document, Result<Record, String>)> {
    if jobs <= 1 || docs.len() < 2 {
        return docs
            .into_iter()
            .map(|d| {
                let r = extract_record(&d);
                (d, r)
            })
            .collect();
    }
    let size = docs.len().div_ceil(jobs);
    let records: Vec<Result<Record, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = docs
            .chunks(size)
            .map(|chunk| {
                (
                    chunk.len(),
                    scope.spawn(move || chunk.iter().map(extract_record).collect::<Vec<_>>()),
                )
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(n, h)| {
                h.join()
                    .unwrap_or_else(|_| vec![Err("extraction thread failed".to_string()); n])
            })
            .collect()
    });
    docs.into_iter().zip(records).collect()
}

/// Counts of one run, printed as its summary.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub(crate) read: usize,
    pub(crate) new: usize,
    pub(crate) unchanged: usize,
    pub(crate) updated: usize,
    pub(crate) failed: usize,
    pub(crate) events_new: usize,
    pub(crate) events_merged: usize,
    pub(crate) bytes: usize,
}

impl Tally {
    fn add(&mut self, o: &IngestOutcome) {
        match o.status {
            DocStatus::New => self.new += 1,
            DocStatus::Unchanged | DocStatus::Duplicate => self.unchanged += 1,
            DocStatus::Updated | DocStatus::Reextracted => self.updated += 1,
        }
        self.events_new += o.events_new;
        self.events_merged += o.events_merged;
    }

    pub(crate) fn summary(&self, what: &str, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64().max(1e-6);
        format!(
            "{what} {} document(s): {} new, {} unchanged, {} updated, {} failed; \
             {} event(s) added, {} merged into events of other sources; \
             {:.1} s, {:.0} docs/s, {:.2} MB/s",
            self.read,
            self.new,
            self.unchanged,
            self.updated,
            self.failed,
            self.events_new,
            self.events_merged,
            secs,
            self.read as f64 / secs,
            self.bytes as f64 / 1e6 / secs,
        )
    }
}

/// A progress bar on standard error, hidden when it is not a terminal.
pub(crate) fn progress(total: Option<u64>, unit: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = match total {
        Some(n) => ProgressBar::new(n),
        None => ProgressBar::new_spinner(),
    };
    let template = if total.is_some() {
        format!("{{bar:30}} {{pos}}/{{len}} {unit} {{msg}} [{{elapsed}}, eta {{eta}}]")
    } else {
        "{spinner} {msg} [{elapsed}]".to_string()
    };
    if let Ok(style) = ProgressStyle::with_template(&template) {
        pb.set_style(style);
    }
    pb.enable_steady_tick(Duration::from_millis(200));
    pb
}

/// Number of files under the inputs (for the progress bar), `None` with stdin.
fn count_files(inputs: &[String]) -> Option<u64> {
    fn walk(p: &Path, n: &mut u64) {
        if p.is_dir() {
            if let Ok(rd) = std::fs::read_dir(p) {
                for e in rd.flatten() {
                    let name = e.file_name();
                    // Symlinked directories are not followed, as ingest reads a
                    // directory: no cycles.
                    let link_dir = e.file_type().is_ok_and(|t| t.is_symlink()) && e.path().is_dir();
                    if !name.to_string_lossy().starts_with('.') && !link_dir {
                        walk(&e.path(), n);
                    }
                }
            }
        } else {
            *n += 1;
        }
    }
    let mut n = 0;
    for i in inputs {
        if i == "-" {
            return None;
        }
        walk(Path::new(i), &mut n);
    }
    Some(n)
}

/// The file a document came from (feed items are `path#n`).
fn file_of(source: &str) -> &str {
    match source.rfind('#') {
        Some(i) if source[i + 1..].bytes().all(|b| b.is_ascii_digit()) => &source[..i],
        _ => source,
    }
}

/// Extract a record, turning a panic of the extractor into a per-document failure.
pub(crate) fn extract_record(doc: &Document) -> Result<Record, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        attache_extract::extract(doc)
    }))
    .map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        format!("extraction failed: {msg}")
    })
}

/// Extract `docs` (on `jobs` threads) into `batch`, counting failures.
pub(crate) fn extract_into(
    docs: Vec<Document>,
    jobs: usize,
    batch: &mut Vec<(Document, Record)>,
    tally: &mut Tally,
    pb: &ProgressBar,
) {
    for (doc, r) in extract_all(docs, jobs) {
        match r {
            Ok(record) => batch.push((doc, record)),
            Err(e) => {
                tally.failed += 1;
                pb.suspend(|| eprintln!("attache: {}: {e}", doc.source));
            }
        }
    }
}

/// Store a batch, tallying outcomes and reporting failures.
pub(crate) fn flush(
    store: &mut Store,
    batch: &mut Vec<(Document, Record)>,
    tally: &mut Tally,
    pb: &ProgressBar,
) -> anyhow::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let outcomes = store
        .ingest_batch(batch)
        .context("cannot write to the knowledge base")?;
    for ((doc, _), o) in batch.iter().zip(outcomes) {
        match o {
            Ok(o) => tally.add(&o),
            Err(e) => {
                tally.failed += 1;
                pb.suspend(|| eprintln!("attache: {}: cannot store: {e}", doc.source));
            }
        }
    }
    batch.clear();
    Ok(())
}

/// Documents extracted at a time: the unit of extraction (spread over the threads)
/// and the bound of the records held in memory, whatever `--batch` is.
const EXTRACT_CHUNK: usize = 500;

/// The open transaction of a run: the documents staged in it, kept until it commits
/// so that a failure (which rolls it all back) can write them again one by one.
#[derive(Default)]
struct Staged {
    docs: Vec<Document>,
    outcomes: Vec<IngestOutcome>,
}

/// A chunk of documents being extracted on other threads while the one before it is
/// written: extraction (on `jobs` threads) and the store's writes (on this one) overlap.
/// With one job nothing runs beside the writer: the chunk is extracted when it is
/// taken ([`Chunk::take`]).
enum Chunk {
    Running {
        handle: std::thread::JoinHandle<Extracted>,
        sources: Vec<String>,
        jobs: usize,
    },
    Waiting(Vec<Document>, usize),
}

/// Documents with their records (or why extraction failed), in input order.
type Extracted = Vec<(Document, Result<Record, String>)>;

impl Chunk {
    /// Start extracting `docs` on `jobs` threads (beside the writer when `jobs` > 1).
    fn start(docs: Vec<Document>, jobs: usize) -> Chunk {
        if jobs <= 1 || docs.is_empty() {
            return Chunk::Waiting(docs, jobs);
        }
        // The documents go to the thread once it runs: if it cannot start, they are
        // still here and are extracted when taken.
        let (tx, rx) = std::sync::mpsc::channel::<Vec<Document>>();
        let spawned = std::thread::Builder::new()
            .name("extract".into())
            .spawn(move || {
                rx.recv()
                    .map(|docs| extract_all(docs, jobs))
                    .unwrap_or_default()
            });
        let Ok(handle) = spawned else {
            return Chunk::Waiting(docs, jobs);
        };
        let sources: Vec<String> = docs.iter().map(|d| d.source.clone()).collect();
        match tx.send(docs) {
            Ok(()) => Chunk::Running {
                handle,
                sources,
                jobs,
            },
            Err(std::sync::mpsc::SendError(docs)) => Chunk::Waiting(docs, jobs),
        }
    }

    /// The chunk's documents with their records, in input order; if its thread
    /// failed, the sources of the documents it held.
    fn take(self) -> Result<Extracted, Vec<String>> {
        match self {
            Chunk::Waiting(docs, jobs) => Ok(extract_all(docs, jobs)),
            Chunk::Running {
                handle, sources, ..
            } => handle.join().map_err(|_| sources),
        }
    }
}

/// Write a chunk once extracted ([`write_chunk`]); the documents of a failed
/// extraction thread are reported and counted as failed.
fn write_taken(
    store: &mut Store,
    chunk: Chunk,
    batch_size: usize,
    staged: &mut Staged,
    tally: &mut Tally,
    pb: &ProgressBar,
) -> anyhow::Result<()> {
    let jobs = match &chunk {
        Chunk::Waiting(_, jobs) | Chunk::Running { jobs, .. } => *jobs,
    };
    match chunk.take() {
        Ok(extracted) => write_chunk(store, extracted, jobs, batch_size, staged, tally, pb),
        Err(sources) => {
            for source in sources {
                tally.failed += 1;
                pb.suspend(|| eprintln!("attache: {source}: extraction thread failed"));
            }
            Ok(())
        }
    }
}

/// Stage extracted documents in the open transaction, committing it each time it
/// holds `batch_size` documents.
#[allow(clippy::too_many_arguments)]
fn write_chunk(
    store: &mut Store,
    extracted: Extracted,
    jobs: usize,
    batch_size: usize,
    staged: &mut Staged,
    tally: &mut Tally,
    pb: &ProgressBar,
) -> anyhow::Result<()> {
    let mut extracted = extracted.into_iter();
    while let Some((doc, r)) = extracted.next() {
        let record = match r {
            Ok(record) => record,
            Err(e) => {
                tally.failed += 1;
                pb.suspend(|| eprintln!("attache: {}: {e}", doc.source));
                continue;
            }
        };
        match store.stage(&doc, &record) {
            Ok(o) => {
                staged.docs.push(doc);
                staged.outcomes.push(o);
                if staged.docs.len() >= batch_size {
                    commit(store, staged, tally)?;
                }
            }
            Err(_) => {
                // The open transaction was rolled back: write everything it held,
                // this document and the rest of the chunk again, each failing item
                // alone (as `Store::ingest_batch` does).
                let redo = std::mem::take(&mut staged.docs);
                staged.outcomes.clear();
                let mut batch = Vec::with_capacity(EXTRACT_CHUNK);
                for chunk in redo.chunks(EXTRACT_CHUNK) {
                    extract_into(chunk.to_vec(), jobs, &mut batch, tally, pb);
                    flush(store, &mut batch, tally, pb)?;
                }
                batch.push((doc, record));
                for (doc, r) in extracted.by_ref() {
                    match r {
                        Ok(record) => batch.push((doc, record)),
                        Err(e) => {
                            tally.failed += 1;
                            pb.suspend(|| eprintln!("attache: {}: {e}", doc.source));
                        }
                    }
                }
                flush(store, &mut batch, tally, pb)?;
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Commit the open transaction and count what it wrote.
fn commit(store: &mut Store, staged: &mut Staged, tally: &mut Tally) -> anyhow::Result<()> {
    store
        .commit()
        .context("cannot write to the knowledge base")?;
    for o in &staged.outcomes {
        tally.add(o);
    }
    staged.docs.clear();
    staged.outcomes.clear();
    Ok(())
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut store = args.db.open()?;
    let batch_size = args.batch.max(1);
    let chunk_size = batch_size.min(EXTRACT_CHUNK);
    let pb = progress(count_files(&args.inputs), "files");
    let mut tally = Tally::default();
    let mut staged = Staged::default();
    let mut pending: Vec<Document> = Vec::with_capacity(chunk_size);
    let mut running: Option<Chunk> = None;
    let jobs = jobs(args.jobs);
    let mut last_file: Option<PathBuf> = None;
    let opts = attache_ingest::Options {
        max_bytes: args.max_bytes,
        ..attache_ingest::Options::default()
    };
    for input in &args.inputs {
        let docs: Box<dyn Iterator<Item = Result<Document, attache_ingest::IngestError>>> =
            if input == "-" {
                Box::new(attache_ingest::read_stdin(&opts))
            } else {
                Box::new(attache_ingest::read_path(Path::new(input), &opts))
            };
        for item in docs {
            let doc = match item {
                Ok(doc) => doc,
                Err(e) => {
                    tally.read += 1;
                    tally.failed += 1;
                    pb.suspend(|| eprintln!("attache: {e}"));
                    pb.inc(1);
                    continue;
                }
            };
            tally.read += 1;
            tally.bytes += doc.text.len();
            let file = PathBuf::from(file_of(&doc.source));
            if last_file.as_ref() != Some(&file) {
                if last_file.is_some() {
                    pb.inc(1);
                }
                last_file = Some(file);
            }
            pb.set_message(format!(
                "· {} docs read, {} stored, {} unchanged, {} failed, {:.0} docs/s",
                tally.read,
                tally.new + tally.updated,
                tally.unchanged,
                tally.failed,
                tally.read as f64 / started.elapsed().as_secs_f64().max(1e-3)
            ));
            // Sees what the open transaction has staged.
            match store.check(&doc, EXTRACTOR_VERSION) {
                Ok(DocStatus::Unchanged | DocStatus::Duplicate) => {
                    tally.unchanged += 1;
                    continue;
                }
                Ok(_) => {}
                Err(e) => {
                    tally.failed += 1;
                    pb.suspend(|| eprintln!("attache: {}: {e}", doc.source));
                    continue;
                }
            }
            pending.push(doc);
            if pending.len() >= chunk_size {
                // Extract this chunk while the one before it is written.
                let next = Chunk::start(std::mem::take(&mut pending), jobs);
                if let Some(chunk) = running.replace(next) {
                    write_taken(&mut store, chunk, batch_size, &mut staged, &mut tally, &pb)?;
                }
            }
        }
    }
    let last = Chunk::start(pending, jobs);
    for chunk in running.take().into_iter().chain([last]) {
        write_taken(&mut store, chunk, batch_size, &mut staged, &mut tally, &pb)?;
    }
    commit(&mut store, &mut staged, &mut tally)?;
    // A run into an empty database left indexes to build (see `Store::stage`).
    pb.set_message("· building indexes");
    store
        .finish_load()
        .context("cannot write to the knowledge base")?;
    pb.finish_and_clear();
    eprintln!(
        "attache: {} into {}",
        tally.summary("ingested", started.elapsed()),
        args.db.path().display()
    );
    Ok(if tally.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
