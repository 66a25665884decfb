//! Crash safety of the knowledge base through the real binary: a SIGKILL in the middle
//! of `attache reindex` (the SIGKILL during `attache ingest` is in `store_cli.rs`), a
//! full disk during ingest (simulated with a file-size limit, `ulimit -f`, since a tiny
//! filesystem needs root mounts), and databases that cannot be written or read: a
//! read-only file or directory (skipped when running as root, where permissions do not
//! apply), a file that is not a database, a database of a newer schema. Each gives a
//! clear error, leaves a sound database (`PRAGMA integrity_check` = ok) and no partial
//! record; a re-run completes with the same counts as an uninterrupted run.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_attache");

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("ATTACHE_DB")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(args: &[&str]) {
    let out = run(args);
    assert!(out.status.success(), "attache {args:?}: {}", stderr(&out));
}

/// `n` distinct releases as JSON Lines.
fn releases(path: &Path, n: usize) {
    let pairs = [
        ("Belarus", "Kazakhstan", "Minsk"),
        ("Uzbekistan", "Kyrgyzstan", "Tashkent"),
        ("Armenia", "Greece", "Yerevan"),
        ("Japan", "Turkey", "Tokyo"),
        ("Mongolia", "Kazakhstan", "Ulaanbaatar"),
    ];
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let (a, b, city) = pairs[i % pairs.len()];
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let line = serde_json::json!({
            "title": format!("Talks of the Ministers of Foreign Affairs of {a} and {b} ({i})"),
            "text": format!(
                "On {day} {} 2024 in {city}, the Minister of Foreign Affairs of {a} held talks with \
                 the Minister of Foreign Affairs of {b}. The sides discussed trade, energy and \
                 transport (release {i}).\n\nThe ministers agreed to continue consultations.",
                ["January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"][month - 1]
            ),
            "published": format!("2024-{month:02}-{day:02}"),
            "url": format!("https://example.org/releases/{i}"),
        });
        writeln!(f, "{line}").unwrap();
    }
}

/// Counts that must be equal between an interrupted-then-resumed and a clean run.
#[derive(Debug, PartialEq, Eq)]
struct Counts {
    documents: i64,
    events: i64,
    event_sources: i64,
    mentions: i64,
    participants: i64,
    fts: i64,
}

fn counts(db: &Path) -> Counts {
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "{}", db.display());
    let c = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    Counts {
        documents: c("SELECT count(*) FROM documents"),
        events: c("SELECT count(*) FROM events"),
        event_sources: c("SELECT count(*) FROM event_sources"),
        mentions: c("SELECT count(*) FROM mentions"),
        participants: c("SELECT count(*) FROM event_participants"),
        fts: c("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'consultations'"),
    }
}

const OLD: &str = "0.0.0+old";

fn stale(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM documents WHERE extractor = ?1",
            [OLD],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn sigkill_during_reindex_leaves_a_sound_database_and_a_rerun_completes() {
    const N: usize = 600;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("releases.jsonl");
    releases(&input, N);
    let db = dir.path().join("kb.db");
    ok(&["ingest", "--db", s(&db), s(&input)]);
    let clean = counts(&db);
    assert_eq!(clean.documents, N as i64);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("UPDATE documents SET extractor = ?1", [OLD])
        .unwrap();

    let mut child = Command::new(BIN)
        .args(["reindex", "--db", s(&db), "--batch", "25"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut redone = 0;
    while started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(10));
        redone = N as i64 - stale(&db);
        if redone > 0 {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            eprintln!("reindex ended before the kill: {status}");
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(redone > 0, "no batch was committed before the kill");
    let after_kill = counts(&db);
    let redone = N as i64 - stale(&db);
    eprintln!("reindex killed after {redone} of {N} documents");
    assert_eq!(after_kill.documents, N as i64, "documents lost");
    assert!(
        redone % 25 == 0 || redone == N as i64,
        "partial batch: {redone}"
    );

    let out = run(&["reindex", "--db", s(&db), "--batch", "25"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stale(&db), 0);
    assert_eq!(
        counts(&db),
        clean,
        "resumed reindex differs from a clean run"
    );
}

#[test]
fn sigkill_repeatedly_during_ingest_then_a_rerun_has_no_duplicates() {
    const N: usize = 400;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("releases.jsonl");
    releases(&input, N);
    let clean_db = dir.path().join("clean.db");
    ok(&["ingest", "--db", s(&clean_db), s(&input)]);
    let clean = counts(&clean_db);
    let db = dir.path().join("kb.db");
    let mut last = 0;
    for round in 0..3 {
        let mut child = Command::new(BIN)
            .args(["ingest", "--db", s(&db), "--batch", "20", s(&input)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(5));
            if child.try_wait().unwrap().is_some() {
                break;
            }
            if db.exists() {
                let n = rusqlite::Connection::open(&db)
                    .and_then(|c| c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)))
                    .unwrap_or(0);
                if n > last {
                    break;
                }
            }
        }
        let _ = child.kill();
        child.wait().unwrap();
        let now = counts(&db);
        eprintln!("round {round}: killed with {} documents", now.documents);
        assert!(now.documents >= last, "documents lost");
        assert!(
            now.documents % 20 == 0 || now.documents == N as i64,
            "partial batch: {}",
            now.documents
        );
        last = now.documents;
    }
    ok(&["ingest", "--db", s(&db), "--batch", "20", s(&input)]);
    assert_eq!(counts(&db), clean);
}

/// Runs `attache args` under a file-size limit (`ulimit -f`, in blocks of the shell)
/// with SIGXFSZ ignored, so that writes past the limit fail with EFBIG as on a full disk.
fn run_limited(blocks: u64, args: &[&str]) -> Output {
    let mut script = format!("trap '' XFSZ; ulimit -f {blocks} && exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(BIN)
        .args(args)
        .env_remove("ATTACHE_DB")
        .output()
        .unwrap()
}

#[test]
fn a_full_disk_during_ingest_is_a_clear_error_and_no_partial_record() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.jsonl");
    releases(&first, 20);
    let more = dir.path().join("more.jsonl");
    releases(&more, 800);
    let db = dir.path().join("kb.db");
    ok(&["ingest", "--db", s(&db), s(&first)]);
    let before = counts(&db);
    let size = std::fs::metadata(&db).unwrap().len();
    // Room for the database as it is plus a little: the WAL of the first batch of 800
    // documents (about twice the database's size) does not fit.
    let blocks = size / 512 + 64;
    let out = run_limited(
        blocks,
        &["ingest", "--db", s(&db), "--batch", "800", s(&more)],
    );
    let err = stderr(&out);
    eprintln!("full disk: exit {:?}: {err}", out.status.code());
    assert_eq!(out.status.code(), Some(2), "{err}");
    let last = err.lines().last().unwrap_or("");
    assert!(
        last.starts_with("attache: error: cannot write to the knowledge base")
            && (last.contains("full") || last.contains("I/O")),
        "{err}"
    );
    assert_eq!(counts(&db), before, "a partial batch was stored");
    // With room again, the same ingest completes.
    ok(&["ingest", "--db", s(&db), "--batch", "200", s(&more)]);
    // (The first 20 releases of `more` are those of `first`: stored once.)
    assert_eq!(counts(&db).documents, 800);
}

#[test]
fn a_database_that_cannot_be_written_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("r.jsonl");
    releases(&input, 3);
    let sub = dir.path().join("ro");
    std::fs::create_dir(&sub).unwrap();
    let db = sub.join("kb.db");
    ok(&["ingest", "--db", s(&db), s(&input)]);
    let before = counts(&db);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o555)).unwrap();
    let writable = std::fs::OpenOptions::new().append(true).open(&db).is_ok();
    if writable {
        eprintln!("SKIP (sub-case): running as root, a read-only database file is still writable");
    } else {
        let more = dir.path().join("more.jsonl");
        releases(&more, 10);
        let out = run(&["ingest", "--db", s(&db), s(&more)]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("kb.db"), "{err}");
        // Reading still works.
        let out = run(&["stats", "--db", s(&db), "--json"]);
        eprintln!("stats on a read-only database: {}", stderr(&out));
    }
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(counts(&db), before);

    // A database in a directory that does not exist.
    let missing = dir.path().join("no/such/dir/kb.db");
    let out = run(&["ingest", "--db", s(&missing), s(&input)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("cannot open the knowledge base") && err.contains("no/such/dir/kb.db"),
        "{err}"
    );
    // A file that is not a database is refused and left as it was.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "These are notes, not a database.\n".repeat(200)).unwrap();
    let junk_before = std::fs::read(&junk).unwrap();
    let out = run(&["ingest", "--db", s(&junk), s(&input)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("junk.db") && err.contains("not a database"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&junk).unwrap(),
        junk_before,
        "junk file modified"
    );
    // A database of a newer schema is refused, not migrated backwards.
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let out = run(&["ingest", "--db", s(&db), s(&input)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("schema version 99"), "{err}");
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", attache_store::SCHEMA_VERSION)
        .unwrap();
    assert_eq!(counts(&db), before);
}
