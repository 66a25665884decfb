//! `attache export --format FORMAT`: events as JSON Lines, CSV, PLOVER JSON, CAMEO
//! (tab-separated GDELT layout, one row per dyad), iCalendar (planned events) or
//! Parquet, to standard output or `--out FILE`, with the filters of `attache events`.

use super::events::{DbArgs, FilterArgs, quiet_pipe};
use anyhow::{Context, bail};
use attache_store::export::{Format, export};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// jsonl, csv, plover, cameo, ics or parquet.
    #[arg(long, value_name = "FORMAT")]
    format: String,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    filter: FilterArgs,
    /// Most events to export.
    #[arg(long)]
    limit: Option<usize>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    quiet_pipe(run_inner(args))
}

fn run_inner(args: Args) -> anyhow::Result<ExitCode> {
    let Some(format) = Format::parse(args.format.trim()) else {
        let all: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
        bail!(
            "unknown export format {:?}; one of: {}",
            args.format,
            all.join(", ")
        );
    };
    let mut filter = args.filter.to_filter()?;
    filter.limit = args.limit;
    filter.oldest_first = true;
    let store = args.db.open_existing()?;
    let summary = match &args.out {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let mut w = BufWriter::new(file);
            let s = export(&store, &filter, format, &mut w)
                .with_context(|| format!("cannot export to {}", path.display()))?;
            w.flush()?;
            s
        }
        None => {
            if format == Format::Parquet && std::io::stdout().is_terminal() {
                bail!("Parquet is binary: use --out FILE or redirect standard output");
            }
            let mut w = BufWriter::new(std::io::stdout());
            let s = export(&store, &filter, format, &mut w).context("cannot export")?;
            w.flush()?;
            s
        }
    };
    eprintln!(
        "attache: exported {} event(s) as {} row(s) of {format}{}",
        summary.events,
        summary.rows,
        if summary.skipped > 0 {
            format!(
                " ({} skipped: not representable in {format})",
                summary.skipped
            )
        } else {
            String::new()
        }
    );
    Ok(ExitCode::SUCCESS)
}
