//! `attache serve`: the web UI and JSON API over the knowledge base.

use anyhow::Context;
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Database file (default: $ATTACHE_DB, else ./attache.db).
    #[arg(long)]
    db: Option<PathBuf>,
    /// First ingest the bundled example releases, so the UI has something to show.
    #[arg(long)]
    demo: bool,
    /// Enable write endpoints (upload-and-store, ingest) for holders of this token
    /// (default: $ATTACHE_WRITE_TOKEN; without either, the server is read-only).
    #[arg(long)]
    write_token: Option<String>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
    let db = args
        .db
        .or_else(|| std::env::var_os("ATTACHE_DB").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("attache.db"));
    let write_token = args
        .write_token
        .or_else(|| std::env::var("ATTACHE_WRITE_TOKEN").ok())
        .filter(|t| !t.is_empty());
    let config = attache_server::Config {
        addr: args.addr,
        db: db.clone(),
        demo: args.demo,
        write_token,
    };
    attache_server::serve(config)
        .with_context(|| format!("serving the database {}", db.display()))?;
    Ok(ExitCode::SUCCESS)
}
