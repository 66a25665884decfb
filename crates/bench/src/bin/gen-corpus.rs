//! `gen-corpus`: writes N deterministic benchmark releases made from the project's
//! examples, as one JSON Lines file (`--out FILE.jsonl`) or as Markdown files with
//! front matter in a folder (`--out DIR`).

use anyhow::{Context, Result};
use attache_bench::corpus::{Generator, examples_dir};
use clap::Parser;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Write generated press releases for benchmarks.
#[derive(Debug, Parser)]
struct Args {
    /// Number of releases.
    #[arg(long, default_value_t = 1000)]
    count: u64,
    /// Output: a `.jsonl` file, else a folder of `.md` files.
    #[arg(long)]
    out: PathBuf,
    /// Corpus seed: the same seed and count always give the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder of example releases to vary.
    #[arg(long)]
    examples: Option<PathBuf>,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let dir = args.examples.unwrap_or_else(examples_dir);
    let generator = Generator::from_examples(&dir).map_err(anyhow::Error::msg)?;
    let mut bytes = 0usize;
    if args.out.extension().is_some_and(|e| e == "jsonl") {
        let file = std::fs::File::create(&args.out)
            .with_context(|| format!("creating {}", args.out.display()))?;
        let mut w = BufWriter::with_capacity(1 << 20, file);
        for i in 0..args.count {
            let r = generator.release(args.seed, i);
            bytes += r.text.len();
            writeln!(w, "{}", r.to_json_line())
                .with_context(|| format!("writing {}", args.out.display()))?;
        }
        w.flush()
            .with_context(|| format!("writing {}", args.out.display()))?;
    } else {
        std::fs::create_dir_all(&args.out)
            .with_context(|| format!("creating {}", args.out.display()))?;
        for i in 0..args.count {
            let r = generator.release(args.seed, i);
            bytes += r.text.len();
            let path = args.out.join(format!("{i:07}.md"));
            std::fs::write(&path, r.to_markdown())
                .with_context(|| format!("writing {}", path.display()))?;
        }
    }
    eprintln!(
        "gen-corpus: {} releases from {} examples, {:.1} MB of text, seed {} -> {}",
        args.count,
        generator.templates(),
        bytes as f64 / 1e6,
        args.seed,
        args.out.display()
    );
    Ok(())
}
