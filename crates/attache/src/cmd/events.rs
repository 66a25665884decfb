//! `attache events`: list stored events with filters, as a table or `--json`.
//!
//! Also home of what the knowledge-base subcommands share: the `--db` option (default
//! `$ATTACHE_DB`, else `./attache.db`), the event filter flags, country arguments (ISO
//! alpha-3 codes or names, through the lexicon) and plain-text tables.

use anyhow::{Context, bail};
use attache_extract::{EventKind, PartialDate, Status};
use attache_store::{EventFilter, EventRow, Store};
use jiff::civil::Date;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Where the knowledge base lives.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct DbArgs {
    /// SQLite database of the knowledge base [default: $ATTACHE_DB, else ./attache.db].
    #[arg(long, value_name = "PATH")]
    pub(crate) db: Option<PathBuf>,
}

impl DbArgs {
    pub(crate) fn path(&self) -> PathBuf {
        self.db
            .clone()
            .or_else(|| {
                std::env::var_os("ATTACHE_DB")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            })
            .unwrap_or_else(|| PathBuf::from("attache.db"))
    }

    pub(crate) fn open(&self) -> anyhow::Result<Store> {
        let path = self.path();
        Store::open(&path)
            .with_context(|| format!("cannot open the knowledge base {}", path.display()))
    }

    /// Open for reading: a missing database is an error, not a new empty one.
    pub(crate) fn open_existing(&self) -> anyhow::Result<Store> {
        let path = self.path();
        if !path.exists() {
            bail!(
                "no knowledge base at {} (run `attache ingest` first, or pass --db / set ATTACHE_DB)",
                path.display()
            );
        }
        self.open()
    }
}

/// Filters shared by `events` and `export`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct FilterArgs {
    /// A side of the event: ISO alpha-3 code (BLR), country name (Belarus) or
    /// organization acronym (EU).
    #[arg(long, value_name = "COUNTRY")]
    pub(crate) country: Option<String>,
    /// The other side (with --country: the pair's events).
    #[arg(long = "with", value_name = "COUNTRY")]
    pub(crate) with: Option<String>,
    /// A participant, by name or surname ("Aleinik", "Sergei Aleinik").
    #[arg(long, value_name = "NAME")]
    pub(crate) person: Option<String>,
    /// Event kind: meeting, phone_call, visit, consultations, multilateral_meeting,
    /// agreement_signed, cooperation_pledged, support_expressed, credentials,
    /// condolences, congratulations, opening, aid, protest, sanction, statement, other.
    #[arg(long, value_name = "KIND")]
    pub(crate) kind: Option<String>,
    /// Events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub(crate) from: Option<String>,
    /// Events on or before this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub(crate) to: Option<String>,
    /// occurred, planned or cancelled.
    #[arg(long, value_name = "STATUS")]
    pub(crate) status: Option<String>,
    /// Organization the event was held in, or an organization taking part (SCO, EU).
    #[arg(long, value_name = "ORG")]
    pub(crate) org: Option<String>,
    /// A topic of the reporting releases (trade, industry, …).
    #[arg(long, value_name = "TOPIC")]
    pub(crate) topic: Option<String>,
}

/// A country or organization argument as stored: ISO alpha-3 or acronym.
pub(crate) fn resolve_side(arg: &str) -> anyhow::Result<String> {
    let lex = attache_lexicon::lexicon();
    let t = arg.trim();
    if let Some(c) = lex.country(t) {
        return Ok(c.iso3.to_string());
    }
    if let Some(c) = lex.country_by_name(t) {
        return Ok(c.iso3.to_string());
    }
    if let Some(o) = lex.organization(t).or_else(|| lex.organization_by_name(t)) {
        return Ok(o.key.to_string());
    }
    if t.len() == 3 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        return Ok(t.to_ascii_uppercase());
    }
    bail!(
        "unknown country or organization {arg:?} (use an ISO alpha-3 code such as BLR, or a name)"
    )
}

pub(crate) fn resolve_org(arg: &str) -> String {
    let lex = attache_lexicon::lexicon();
    lex.organization(arg.trim())
        .or_else(|| lex.organization_by_name(arg.trim()))
        .map(|o| o.key.to_string())
        .unwrap_or_else(|| arg.trim().to_string())
}

/// A date argument: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; `end` picks the last day.
pub(crate) fn parse_date_arg(s: &str, end: bool) -> anyhow::Result<Date> {
    let p = PartialDate::parse(s.trim())
        .with_context(|| format!("not a date: {s:?} (use YYYY-MM-DD, YYYY-MM or YYYY)"))?;
    let month = p.month.unwrap_or(if end { 12 } else { 1 });
    let first = Date::new(p.year, month, 1)?;
    let day = p.day.unwrap_or(if end { first.days_in_month() } else { 1 });
    Ok(Date::new(p.year, month, day)?)
}

pub(crate) fn parse_kind(s: &str) -> anyhow::Result<EventKind> {
    EventKind::parse(s.trim()).with_context(|| {
        let all: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown event kind {s:?}; one of: {}", all.join(", "))
    })
}

pub(crate) fn parse_status(s: &str) -> anyhow::Result<Status> {
    match s.trim() {
        "occurred" => Ok(Status::Occurred),
        "planned" => Ok(Status::Planned),
        "cancelled" | "canceled" => Ok(Status::Cancelled),
        other => bail!("unknown status {other:?}; one of: occurred, planned, cancelled"),
    }
}

impl FilterArgs {
    pub(crate) fn to_filter(&self) -> anyhow::Result<EventFilter> {
        Ok(EventFilter {
            country: self.country.as_deref().map(resolve_side).transpose()?,
            with: self.with.as_deref().map(resolve_side).transpose()?,
            person: self.person.clone(),
            kind: self.kind.as_deref().map(parse_kind).transpose()?,
            from: self
                .from
                .as_deref()
                .map(|d| parse_date_arg(d, false))
                .transpose()?,
            to: self
                .to
                .as_deref()
                .map(|d| parse_date_arg(d, true))
                .transpose()?,
            status: self.status.as_deref().map(parse_status).transpose()?,
            org: self.org.as_deref().map(resolve_org),
            topic: self.topic.clone(),
            ..EventFilter::default()
        })
    }
}

/// Print rows as an aligned plain-text table; cells longer than `max` are cut.
pub(crate) fn print_table(
    out: &mut impl Write,
    headers: &[&str],
    rows: &[Vec<String>],
    max: usize,
) -> std::io::Result<()> {
    let cut = |s: &str| -> String {
        let s = s.replace(['\n', '\t'], " ");
        if s.chars().count() > max {
            let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
            t.push('…');
            t
        } else {
            s
        }
    };
    // The last column is never cut: it holds what must stay whole (sources, snippets).
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, c)| {
                    if i + 1 == r.len() {
                        c.replace(['\n', '\t'], " ")
                    } else {
                        cut(c)
                    }
                })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(c.chars().count());
            }
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                let pad = widths[i].saturating_sub(c.chars().count());
                s.push_str(c);
                s.push_str(&" ".repeat(pad + 2));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    let head: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    line(out, &head)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(out, &rule)?;
    for r in &rows {
        line(out, r)?;
    }
    Ok(())
}

fn date_cell(e: &EventRow) -> String {
    match (e.date, e.date_end) {
        (Some(d), Some(end)) if end != d => format!("{d}…{end}"),
        (Some(d), _) => d.to_string(),
        _ => "?".into(),
    }
}

/// The readable table of events.
pub(crate) fn print_events(out: &mut impl Write, events: &[EventRow]) -> std::io::Result<()> {
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            let place = e
                .location
                .as_ref()
                .map(|l| {
                    [l.place.as_deref(), l.country.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            let people = e
                .participants
                .iter()
                .map(|p| match &p.country {
                    Some(c) => format!("{} ({c})", p.name),
                    None => p.name.clone(),
                })
                .collect::<Vec<_>>()
                .join("; ");
            let sources = e
                .sources
                .iter()
                .map(|s| s.url.clone().unwrap_or_else(|| s.source.clone()))
                .collect::<Vec<_>>()
                .join(" ");
            vec![
                e.id.to_string(),
                date_cell(e),
                e.kind.as_str().to_string(),
                e.status.as_str().to_string(),
                e.sides.join("-"),
                people,
                place,
                format!("{} {}", e.sources.len(), sources),
            ]
        })
        .collect();
    print_table(
        out,
        &[
            "id",
            "date",
            "kind",
            "status",
            "sides",
            "participants",
            "place",
            "sources",
        ],
        &rows,
        60,
    )?;
    writeln!(out, "{} event(s)", events.len())
}

/// Print JSON (pretty on a terminal, compact otherwise) followed by a newline.
pub(crate) fn print_json(
    out: &mut impl Write,
    value: &impl serde::Serialize,
) -> anyhow::Result<()> {
    if std::io::stdout().is_terminal() {
        serde_json::to_writer_pretty(&mut *out, value)?;
    } else {
        serde_json::to_writer(&mut *out, value)?;
    }
    writeln!(out)?;
    Ok(())
}

/// A reader that closed the pipe early (`attache events | head`) is not an error.
pub(crate) fn quiet_pipe(r: anyhow::Result<ExitCode>) -> anyhow::Result<ExitCode> {
    match r {
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        other => other,
    }
}

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    filter: FilterArgs,
    /// Most events to list (newest first).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Skip this many events.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Print JSON (an array of events with participants, sides, sources and evidence).
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    quiet_pipe(run_inner(args))
}

fn run_inner(args: Args) -> anyhow::Result<ExitCode> {
    let mut filter = args.filter.to_filter()?;
    filter.limit = Some(args.limit);
    filter.offset = args.offset;
    let store = args.db.open_existing()?;
    let events = store.events(&filter).context("cannot list events")?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        print_json(&mut out, &events)?;
    } else {
        print_events(&mut out, &events)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
