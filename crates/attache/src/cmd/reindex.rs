//! `attache reindex`: re-extract the stored documents whose record was made by
//! another extractor version, in batches, replacing their records (and re-fusing
//! their events).

use super::events::DbArgs;
use super::ingest::{Tally, extract_into, flush, jobs, progress};
use attache_extract::{EXTRACTOR_VERSION, Record};
use attache_ingest::Document;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// Documents per transaction.
    #[arg(long, default_value_t = 500, value_name = "N")]
    batch: usize,
    /// Extraction threads [default: the number of CPUs].
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut store = args.db.open_existing()?;
    let stale = store.stale_documents(EXTRACTOR_VERSION)?;
    let pb = progress(Some(stale.len() as u64), "documents");
    let mut tally = Tally::default();
    let mut batch: Vec<(Document, Record)> = Vec::new();
    let jobs = jobs(args.jobs);
    for chunk in stale.chunks(args.batch.max(1)) {
        let mut docs = Vec::with_capacity(chunk.len());
        for id in chunk {
            pb.inc(1);
            tally.read += 1;
            let Some(stored) = store.document(id)? else {
                continue; // removed meanwhile
            };
            tally.bytes += stored.document.text.len();
            docs.push(stored.document);
        }
        extract_into(docs, jobs, &mut batch, &mut tally, &pb);
        flush(&mut store, &mut batch, &mut tally, &pb)?;
    }
    pb.finish_and_clear();
    eprintln!(
        "attache: {} (extractor {EXTRACTOR_VERSION})",
        tally.summary("re-extracted", started.elapsed())
    );
    Ok(if tally.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
