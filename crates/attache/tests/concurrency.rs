//! Concurrency on one SQLite knowledge base (WAL), through the real binary: the server
//! (`attache serve`) answers queries from several client threads while `attache ingest`
//! writes into the same database (every answer 2xx, no "database is locked" anywhere),
//! and two ingests at once serialize (both succeed, nothing duplicated).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_attache");

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn examples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
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

/// `n` distinct releases as JSON Lines, ids offset by `from`.
fn releases(path: &Path, from: usize, n: usize) {
    let pairs = [
        ("Belarus", "Kazakhstan", "Minsk"),
        ("Uzbekistan", "Kyrgyzstan", "Tashkent"),
        ("Armenia", "Greece", "Yerevan"),
        ("Japan", "Turkey", "Tokyo"),
    ];
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in from..from + n {
        let (a, b, city) = pairs[i % pairs.len()];
        let day = 1 + i % 28;
        let line = serde_json::json!({
            "title": format!("Talks of the Ministers of Foreign Affairs of {a} and {b} ({i})"),
            "text": format!(
                "On {day} March 2024 in {city}, the Minister of Foreign Affairs of {a} held talks \
                 with the Minister of Foreign Affairs of {b} (release {i}). The sides discussed \
                 trade and energy.\n\nThe ministers agreed to continue consultations."
            ),
            "published": format!("2024-03-{day:02}"),
            "url": format!("https://example.org/releases/{i}"),
        });
        writeln!(f, "{line}").unwrap();
    }
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// A running `attache serve`, stopped (SIGTERM) on drop.
struct Server {
    child: Child,
    base: String,
    log: Arc<std::sync::Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(db: &Path) -> Server {
    let mut child = Command::new(BIN)
        .args(["serve", "--db", s(db), "--addr", "127.0.0.1:0"])
        .env_remove("ATTACHE_DB")
        .env_remove("ATTACHE_WRITE_TOKEN")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let started = Instant::now();
    let base = loop {
        let line = lines.next().expect("server ended before serving").unwrap();
        if let Some(rest) = line.strip_prefix("attache: serving on ") {
            let url = rest.split_whitespace().next().unwrap();
            break url.trim_end_matches('/').to_string();
        }
        assert!(started.elapsed() < Duration::from_secs(60), "no address");
    };
    let log = Arc::new(std::sync::Mutex::new(String::new()));
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            let mut l = sink.lock().unwrap();
            l.push_str(&line);
            l.push('\n');
        }
    });
    Server { child, base, log }
}

#[test]
fn the_server_answers_while_an_ingest_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kb.db");
    let out = run(&["ingest", "--db", s(&db), s(&examples())]);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
    let input = dir.path().join("more.jsonl");
    releases(&input, 0, 500);
    let server = serve(&db);

    let done = Arc::new(AtomicBool::new(false));
    let paths = [
        "/api/events?limit=50",
        "/api/search?q=minister",
        "/api/search?q=consultations&limit=20",
        "/api/stats",
        "/api/events?country=BLR&limit=20",
        "/api/documents?limit=20",
        "/events",
        "/search?q=trade",
        "/",
    ];
    let clients: Vec<_> = (0..4)
        .map(|t| {
            let done = done.clone();
            let base = server.base.clone();
            std::thread::spawn(move || {
                let agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(60)))
                    .build()
                    .new_agent();
                let mut answered = 0usize;
                let mut bad = Vec::new();
                let mut i = t;
                // At least one round, then until the ingest is done.
                while answered < paths.len() || !done.load(Ordering::Relaxed) {
                    let path = paths[i % paths.len()];
                    i += 1;
                    match agent.get(&format!("{base}{path}")).call() {
                        Ok(mut r) => {
                            let status = r.status().as_u16();
                            let body = r.body_mut().read_to_string().unwrap_or_default();
                            if !(200..300).contains(&status) || body.contains("database is locked")
                            {
                                bad.push(format!(
                                    "{path}: {status}: {}",
                                    &body[..body.len().min(200)]
                                ));
                            }
                        }
                        Err(e) => bad.push(format!("{path}: {e}")),
                    }
                    answered += 1;
                }
                (answered, bad)
            })
        })
        .collect();

    let t = Instant::now();
    let out = run(&["ingest", "--db", s(&db), "--batch", "25", s(&input)]);
    let ingest_took = t.elapsed();
    done.store(true, Ordering::Relaxed);
    assert!(out.status.success(), "ingest: {}", stderr(&out));
    let mut total = 0;
    let mut failures = Vec::new();
    for c in clients {
        let (n, bad) = c.join().unwrap();
        total += n;
        failures.extend(bad);
    }
    eprintln!(
        "{total} requests answered during an ingest of 500 releases ({ingest_took:?}); {} failed",
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(total >= 4 * paths.len());
    let log = server.log.lock().unwrap().clone();
    assert!(!log.contains("locked"), "server log: {log}");
    // The server sees the new documents without restarting.
    let agent = ureq::Agent::new_with_defaults();
    let stats: serde_json::Value = serde_json::from_str(
        &agent
            .get(&format!("{}/api/stats", server.base))
            .call()
            .unwrap()
            .body_mut()
            .read_to_string()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        stats["documents"].as_i64().unwrap(),
        count(&db, "SELECT count(*) FROM documents")
    );
}

#[test]
fn two_ingests_at_once_serialize_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    releases(&a, 0, 150);
    releases(&b, 100, 150); // 50 releases in both inputs
    // Reference: one after the other.
    let clean = dir.path().join("clean.db");
    for input in [&a, &b] {
        let out = run(&["ingest", "--db", s(&clean), s(input)]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let db = dir.path().join("kb.db");
    let spawn = |input: &Path| {
        Command::new(BIN)
            .args(["ingest", "--db", s(&db), "--batch", "10", s(input)])
            .env_remove("ATTACHE_DB")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn(&a), spawn(&b));
    for child in [first, second] {
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        // Both succeed (the busy timeout serializes their transactions); a failure
        // would have to be a clear error naming the database.
        assert!(out.status.success(), "{err}");
        assert!(!err.contains("locked"), "{err}");
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    for sql in [
        "SELECT count(*) FROM documents",
        "SELECT count(*) FROM events",
        "SELECT count(*) FROM event_sources",
        "SELECT count(*) FROM mentions",
    ] {
        assert_eq!(count(&db, sql), count(&clean, sql), "{sql}");
    }
    assert_eq!(count(&db, "SELECT count(*) FROM documents"), 250);
}
