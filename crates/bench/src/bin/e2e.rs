//! `e2e`: end-to-end measurements on a knowledge base built by `attache ingest`.
//!
//! - `e2e queries --db PATH`: latency percentiles of full-text search, events of a pair,
//!   the timeline of a pair and upcoming events, each run `--rounds` times with varied
//!   arguments drawn from the database itself (its busiest pairs) and a fixed word list.
//! - `e2e wrk-script --db PATH --out FILE.lua`: a wrk script cycling through the same
//!   kinds of requests against the JSON API (`/api/search`, `/api/events`,
//!   `/api/timeline`, `/api/upcoming`).

use anyhow::{Context, Result, bail};
use attache_bench::stats::{Summary, summarize};
use attache_store::{EventFilter, Store};
use clap::{Parser, Subcommand};
use jiff::ToSpan;
use jiff::civil::Date;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Query latency percentiles on a database.
    Queries {
        #[arg(long)]
        db: PathBuf,
        /// Runs of each query kind.
        #[arg(long, default_value_t = 200)]
        rounds: usize,
        /// Stop a query kind after this many seconds (fewer runs are then reported).
        #[arg(long, default_value_t = 60.0)]
        budget: f64,
    },
    /// Write a wrk Lua script cycling through API requests with varied arguments.
    WrkScript {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
}

/// Words analysts search for; joined with country names from the database.
const WORDS: &[&str] = &[
    "consultations",
    "trade",
    "agreed",
    "visit",
    "condolences",
    "transport",
    "energy",
    "cooperation",
    "border",
    "minister",
    "investment",
    "security",
    "agriculture",
    "talks",
    "memorandum",
    "embassy",
    "humanitarian",
    "education",
    "culture",
    "ambassador",
];

struct Args {
    pairs: Vec<(String, String)>,
    words: Vec<String>,
    dates: Vec<Date>,
}

fn args_from(store: &Store) -> Result<Args> {
    let pairs: Vec<(String, String)> = store
        .pairs(200)
        .context("listing pairs")?
        .into_iter()
        .map(|p| (p.a, p.b))
        .collect();
    if pairs.is_empty() {
        bail!("the database has no pairs of countries: ingest something first");
    }
    let mut words: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
    for (a, b) in pairs.iter().take(40) {
        let name = |code: &str| {
            attache_lexicon::lexicon()
                .country(code)
                .map(|c| c.name.to_string())
                .unwrap_or_else(|| code.to_string())
        };
        words.push(name(a));
        words.push(format!("{} {}", name(b), WORDS[words.len() % WORDS.len()]));
    }
    let start = Date::constant(2015, 1, 1);
    let dates = (0..200)
        .filter_map(|i: i64| start.checked_add((i * 20).days()).ok())
        .collect();
    Ok(Args {
        pairs,
        words,
        dates,
    })
}

fn time<T>(
    mut f: impl FnMut(usize) -> Result<T>,
    rounds: usize,
    budget: f64,
) -> Result<(Summary, usize)>
where
    T: ResultLen,
{
    let mut times = Vec::with_capacity(rounds);
    let mut rows = 0;
    let start = Instant::now();
    for i in 0..rounds {
        if start.elapsed().as_secs_f64() > budget {
            break;
        }
        let t = Instant::now();
        let out = f(i)?;
        times.push(t.elapsed());
        rows += out.rows();
        black_box(out);
    }
    Ok((summarize(&times), rows))
}

trait ResultLen {
    fn rows(&self) -> usize;
}
impl<T> ResultLen for Vec<T> {
    fn rows(&self) -> usize {
        self.len()
    }
}
impl ResultLen for attache_store::Timeline {
    fn rows(&self) -> usize {
        self.events.len()
    }
}

fn queries(db: &PathBuf, rounds: usize, budget: f64) -> Result<()> {
    if !db.is_file() {
        bail!("{}: no such database", db.display());
    }
    let t = Instant::now();
    let store = Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    let open = t.elapsed();
    let a = args_from(&store)?;
    let stats = store.stats().context("stats")?;
    println!(
        "database {}: {:?}; opened in {:.1} ms",
        db.display(),
        stats,
        open.as_secs_f64() * 1e3
    );
    let mut results: Vec<(&str, Summary, usize)> = Vec::new();
    let (s, n) = time(
        |i| Ok(store.search(&a.words[i % a.words.len()], 20, 0)?),
        rounds,
        budget,
    )?;
    results.push(("search (20 hits)", s, n));
    let (s, n) = time(
        |i| {
            let (x, y) = &a.pairs[i % a.pairs.len()];
            let f = EventFilter {
                country: Some(x.clone()),
                with: Some(y.clone()),
                limit: Some(50),
                ..EventFilter::default()
            };
            Ok(store.events(&f)?)
        },
        rounds,
        budget,
    )?;
    results.push(("events by pair (50)", s, n));
    let (s, n) = time(
        |i| {
            let (x, y) = &a.pairs[i % a.pairs.len()];
            Ok(store.timeline(x, y)?)
        },
        rounds,
        budget,
    )?;
    results.push(("timeline of a pair", s, n));
    let (s, n) = time(
        |i| Ok(store.upcoming(a.dates[i % a.dates.len()], Some(100))?),
        rounds,
        budget,
    )?;
    results.push(("upcoming (100)", s, n));
    println!(
        "{:<22} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "query", "runs", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms", "rows/run"
    );
    for (name, s, rows) in results {
        println!(
            "{:<22} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>9.1}",
            name,
            s.count,
            s.p50,
            s.p90,
            s.p99,
            s.max,
            s.mean,
            rows as f64 / s.count.max(1) as f64
        );
    }
    Ok(())
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn wrk_script(db: &PathBuf, out: &PathBuf) -> Result<()> {
    let store = Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    let a = args_from(&store)?;
    let mut paths = Vec::new();
    for i in 0..200 {
        let (x, y) = &a.pairs[i % a.pairs.len()];
        paths.push(match i % 4 {
            0 => format!("/api/search?q={}", encode(&a.words[i % a.words.len()])),
            1 => format!("/api/events?country={x}&with={y}"),
            2 => format!("/api/timeline?a={x}&b={y}"),
            _ => format!("/api/upcoming?after={}", a.dates[i % a.dates.len()]),
        });
    }
    let list: Vec<String> = paths.iter().map(|p| format!("  \"{p}\",")).collect();
    let script = format!(
        "-- Generated by `e2e wrk-script`: cycles through API requests.\n\
         local paths = {{\n{}\n}}\nlocal n = 0\n\
         request = function()\n  n = n + 1\n  return wrk.format(\"GET\", paths[(n % #paths) + 1])\nend\n\
         done = function(summary, latency, requests)\n\
         \x20 io.write(string.format(\"non-2xx or errors: %d\\n\", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))\n\
         \x20 for _, p in pairs({{50, 90, 99, 99.9}}) do\n\
         \x20   io.write(string.format(\"latency p%s: %.2f ms\\n\", p, latency:percentile(p) / 1000))\n\
         \x20 end\nend\n",
        list.join("\n")
    );
    std::fs::write(out, script).with_context(|| format!("writing {}", out.display()))?;
    Ok(())
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Queries { db, rounds, budget } => queries(&db, rounds, budget),
        Command::WrkScript { db, out } => wrk_script(&db, &out),
    }
}
