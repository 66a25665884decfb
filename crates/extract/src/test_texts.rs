//! Tests only: the texts of the project's examples and (when `../shared` is beside the
//! workspace) of the brief's corpus and readouts, for checks that must hold on every
//! real text. A missing folder is skipped with a message.

/// The folders of texts: the project's examples, then the brief's corpus and readouts.
const DIRS: [&str; 3] = [
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples"),
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/docs"),
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/real/wh-readouts"
    ),
];

/// Calls `f` with each text (read lossily as UTF-8) and its path, of the examples alone
/// or (`with_brief`) of the brief's folders too.
pub(crate) fn each(with_brief: bool, mut f: impl FnMut(&str, &std::path::Path)) {
    let dirs = if with_brief { &DIRS[..] } else { &DIRS[..1] };
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!("skipping {dir}: not found");
            continue;
        };
        for e in entries.flatten() {
            let Ok(raw) = std::fs::read(e.path()) else {
                continue;
            };
            f(&String::from_utf8_lossy(&raw), &e.path());
        }
    }
}
