//! `attache upcoming`: planned events after today (or `--after DATE`), soonest first.

use super::events::{DbArgs, parse_date_arg, print_events, print_json, quiet_pipe};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// Planned events after this date (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE")]
    after: Option<String>,
    /// Most events to list.
    #[arg(long, default_value_t = 100)]
    limit: usize,
    /// Print JSON (an array of events).
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    quiet_pipe(run_inner(args))
}

fn run_inner(args: Args) -> anyhow::Result<ExitCode> {
    let after = match &args.after {
        Some(d) => parse_date_arg(d, true)?,
        None => jiff::Zoned::now().date(),
    };
    let store = args.db.open_existing()?;
    let events = store.upcoming(after, Some(args.limit))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        print_json(&mut out, &events)?;
    } else {
        writeln!(out, "planned after {after}:")?;
        print_events(&mut out, &events)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
