//! The `attache` binary: wires ingest, extraction, store and server into one CLI.
//!
//! Each subcommand lives in its own module under `cmd/`, with its own `Args` and a
//! `run` that returns the process exit code. Failures of single inputs are reported on
//! standard error and counted; they never stop a batch.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod cmd;

/// Diplomatic press releases in, evidence-linked records of international relations out.
#[derive(Debug, Parser)]
#[command(name = "attache", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read releases (files, directories, feeds, JSON Lines, `-` for stdin) and print
    /// each clean Document as JSON.
    Doc(cmd::doc::Args),
    /// Extract the full evidence-linked record of each release and print it as JSON.
    Extract(cmd::extract::Args),
    /// Score extraction against gold annotations and print every metric.
    Eval(cmd::eval::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Doc(args) => cmd::doc::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::Eval(args) => cmd::eval::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("attache: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
