//! `attache doc`: read releases (files, directories, feeds, JSON Lines, `-` for
//! standard input) and print each clean Document as JSON, as it is read.

use anyhow::Context;
use attache_ingest::{Document, IngestError, Options};
use std::io::{ErrorKind, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files, directories (read recursively, in sorted order) or `-` for standard input.
    #[arg(required = true, value_name = "FILE|DIR|-")]
    inputs: Vec<PathBuf>,
    /// Print one compact JSON object per line instead of pretty JSON.
    #[arg(long)]
    jsonl: bool,
    /// Largest input read whole, in bytes (for JSON Lines: the largest line).
    #[arg(long, value_name = "N", default_value_t = attache_ingest::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opts = Options {
        max_bytes: args.max_bytes,
        ..Options::default()
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0usize;
    for input in &args.inputs {
        let docs: Box<dyn Iterator<Item = Result<Document, IngestError>>> =
            if input.as_os_str() == "-" {
                Box::new(attache_ingest::read_stdin(&opts))
            } else {
                Box::new(attache_ingest::read_path(input, &opts))
            };
        for doc in docs {
            match doc {
                Ok(doc) => {
                    let json = if args.jsonl {
                        serde_json::to_string(&doc)
                    } else {
                        serde_json::to_string_pretty(&doc)
                    }
                    .with_context(|| format!("{}: cannot serialise document", doc.source))?;
                    let written = writeln!(out, "{json}").and_then(|()| out.flush());
                    if let Err(e) = written {
                        if e.kind() == ErrorKind::BrokenPipe {
                            return Ok(ExitCode::SUCCESS);
                        }
                        return Err(e).context("cannot write to standard output");
                    }
                }
                Err(err) => {
                    failed += 1;
                    eprintln!("attache: {err}");
                }
            }
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
