//! `attache stats`: counts of what the knowledge base holds.

use super::events::{DbArgs, print_json, print_table, quiet_pipe};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    quiet_pipe(run_inner(args))
}

fn run_inner(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open_existing()?;
    let s = store.stats()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        print_json(&mut out, &s)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut rows = vec![
        vec!["database".into(), args.db.path().display().to_string()],
        vec!["schema version".into(), s.schema_version.to_string()],
        vec!["documents".into(), s.documents.to_string()],
        vec!["events".into(), s.events.to_string()],
        vec![
            "  reported by several sources".into(),
            s.events_multi_source.to_string(),
        ],
        vec!["event reports".into(), s.event_sources.to_string()],
        vec!["mentions".into(), s.mentions.to_string()],
    ];
    for (k, n) in &s.entities {
        rows.push(vec![format!("{k} entities"), n.to_string()]);
    }
    rows.push(vec![
        "events from".into(),
        format!(
            "{} to {}",
            s.first_event.as_deref().unwrap_or("?"),
            s.last_event.as_deref().unwrap_or("?")
        ),
    ]);
    for (k, n) in &s.events_by_status {
        rows.push(vec![format!("{k}"), n.to_string()]);
    }
    for (k, n) in &s.events_by_kind {
        rows.push(vec![format!("  {k}"), n.to_string()]);
    }
    for (k, n) in &s.extractors {
        rows.push(vec![format!("extractor {k}"), format!("{n} document(s)")]);
    }
    print_table(&mut out, &["", "count"], &rows, 100)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
