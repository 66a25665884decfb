//! `attache search QUERY`: full-text search over stored releases, ranked by bm25, with
//! highlighted snippets. Words are taken literally (all must occur); `--raw` passes
//! FTS5 syntax (`"exact phrase"`, `OR`, `NOT`, `prefix*`, `title:word`) through, and a
//! syntax error is reported as such.

use super::events::{DbArgs, print_json, print_table, quiet_pipe};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Words to find (several words: all of them).
    #[arg(required = true, value_name = "QUERY")]
    query: Vec<String>,
    #[command(flatten)]
    db: DbArgs,
    /// Take the query as FTS5 syntax.
    #[arg(long)]
    raw: bool,
    /// Most hits to show.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Skip this many hits.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Print JSON (hits with snippet parts marked `hit`).
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    quiet_pipe(run_inner(args))
}

fn run_inner(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open_existing()?;
    let query = args.query.join(" ");
    let hits = if args.raw {
        store.search_raw(&query, args.limit, args.offset)?
    } else {
        store.search(&query, args.limit, args.offset)?
    };
    let stdout = std::io::stdout();
    let tty = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        print_json(&mut out, &hits)?;
    } else {
        let (open, close) = if tty {
            ("\x1b[1m", "\x1b[0m")
        } else {
            ("[", "]")
        };
        let rows: Vec<Vec<String>> = hits
            .iter()
            .enumerate()
            .map(|(i, h)| {
                vec![
                    (args.offset + i + 1).to_string(),
                    h.published.map(|d| d.to_string()).unwrap_or_default(),
                    h.title.clone().unwrap_or_default(),
                    h.url.clone().unwrap_or_else(|| h.source.clone()),
                ]
            })
            .collect();
        print_table(&mut out, &["#", "published", "title", "source"], &rows, 80)?;
        for (i, h) in hits.iter().enumerate() {
            writeln!(
                out,
                "\n{}. {}\n   {}",
                args.offset + i + 1,
                h.title.as_deref().unwrap_or(&h.source),
                h.snippet_marked(open, close).replace('\n', " ")
            )?;
        }
        writeln!(out, "\n{} hit(s)", hits.len())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
