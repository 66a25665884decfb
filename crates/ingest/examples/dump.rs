//! Prints the documents of the given paths as JSON Lines (a development aid; the
//! user-facing command is `attache doc`).

use std::path::Path;

fn main() {
    let opts = attache_ingest::Options::default();
    let mut failed = 0;
    for arg in std::env::args().skip(1) {
        for doc in attache_ingest::read_path(Path::new(&arg), &opts) {
            match doc {
                Ok(d) => match serde_json::to_string(&d) {
                    Ok(s) => println!("{s}"),
                    Err(e) => eprintln!("{}: {e}", d.source),
                },
                Err(e) => {
                    failed += 1;
                    eprintln!("{e}");
                }
            }
        }
    }
    if failed > 0 {
        std::process::exit(1);
    }
}
