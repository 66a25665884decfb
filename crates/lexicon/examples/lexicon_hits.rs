//! Print every gazetteer hit of the files given on the command line, one per line
//! (`kind<TAB>surface<TAB>resolved`), for reviewing the data against real text.

use attache_lexicon::{HitKind, lexicon};

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        for h in lexicon().find(&text) {
            let surface = &text[h.start..h.end];
            let (kind, resolved) = match h.what {
                HitKind::Country { iso3, form } => ("country", format!("{iso3} {form:?}")),
                HitKind::Place(p) => ("place", format!("{} {:?}", p.name, p.country)),
                HitKind::Organization(o) => ("org", o.reported_key().to_string()),
                HitKind::Title(t) => ("title", t.canonical.to_string()),
                _ => ("other", String::new()),
            };
            println!("{kind}\t{surface}\t{resolved}");
        }
    }
}
