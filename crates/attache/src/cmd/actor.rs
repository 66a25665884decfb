//! `attache actor NAME`: what is known of a person: titles held, countries acted for,
//! counterparts met and events (several profiles when the name is ambiguous).

use super::events::{DbArgs, print_events, print_json, quiet_pipe};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Name or surname ("Aleinik", "Sergei Aleinik", "S.Aleinik").
    #[arg(required = true, value_name = "NAME")]
    name: Vec<String>,
    #[command(flatten)]
    db: DbArgs,
    /// Print JSON (a list of profiles).
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    quiet_pipe(run_inner(args))
}

fn run_inner(args: Args) -> anyhow::Result<ExitCode> {
    let name = args.name.join(" ");
    let store = args.db.open_existing()?;
    let profiles = store.actor(&name)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        print_json(&mut out, &profiles)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if profiles.is_empty() {
        writeln!(out, "no person named {name:?} in the knowledge base")?;
        out.flush()?;
        return Ok(ExitCode::from(1));
    }
    for p in &profiles {
        writeln!(out, "{}", p.name)?;
        if !p.aliases.is_empty() {
            writeln!(out, "  also written: {}", p.aliases.join(", "))?;
        }
        if !p.countries.is_empty() {
            writeln!(out, "  acts for:     {}", p.countries.join(", "))?;
        }
        if !p.titles.is_empty() {
            writeln!(out, "  titles:       {}", p.titles.join("; "))?;
        }
        writeln!(out, "  mentioned in: {} document(s)", p.documents)?;
        if !p.counterparts.is_empty() {
            let met = p
                .counterparts
                .iter()
                .map(|c| match &c.country {
                    Some(k) => format!("{} ({k}) ×{}", c.name, c.events),
                    None => format!("{} ×{}", c.name, c.events),
                })
                .collect::<Vec<_>>()
                .join("; ");
            writeln!(out, "  met:          {met}")?;
        }
        writeln!(out)?;
        print_events(&mut out, &p.events)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
