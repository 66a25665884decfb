//! `attache timeline A B`: the history of a pair of countries: events per month and
//! kind with a small bar chart, then the events, oldest first.

use super::events::{DbArgs, print_events, print_json, quiet_pipe, resolve_side};
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A country (ISO alpha-3 code or name) or organization.
    #[arg(value_name = "A")]
    a: String,
    /// The other country or organization.
    #[arg(value_name = "B")]
    b: String,
    #[command(flatten)]
    db: DbArgs,
    /// Print JSON (months and events).
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    quiet_pipe(run_inner(args))
}

fn run_inner(args: Args) -> anyhow::Result<ExitCode> {
    let a = resolve_side(&args.a)?;
    let b = resolve_side(&args.b)?;
    let store = args.db.open_existing()?;
    let t = store.timeline(&a, &b)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        print_json(&mut out, &t)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{a} – {b}: {} event(s)\n", t.total_events)?;
    let mut months: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
    for m in &t.months {
        months
            .entry(&m.month)
            .or_default()
            .push((m.kind.as_str(), m.count));
    }
    let max = months
        .values()
        .map(|v| v.iter().map(|(_, n)| n).sum::<usize>())
        .max()
        .unwrap_or(0);
    const WIDTH: usize = 30;
    for (month, kinds) in &months {
        let total: usize = kinds.iter().map(|(_, n)| n).sum();
        let len = if max == 0 {
            0
        } else {
            (total * WIDTH).div_ceil(max)
        };
        let detail = kinds
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        writeln!(
            out,
            "{month}  {:<WIDTH$}  {total:>3}  {detail}",
            "█".repeat(len)
        )?;
    }
    if !months.is_empty() {
        writeln!(out)?;
    }
    print_events(&mut out, &t.events)?;
    if t.total_events > t.events.len() {
        writeln!(
            out,
            "\n(the {} most recent of {} events; all: attache events --country {a} --with {b})",
            t.events.len(),
            t.total_events
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
