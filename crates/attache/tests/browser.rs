//! `attache serve --demo` as a user runs it: the binary starts from an empty directory,
//! ingests the bundled examples, serves the UI and API, and stops cleanly on SIGTERM.
//! (The browser scenarios themselves are in `crates/server/tests/browser.rs`.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A plain HTTP/1.1 GET; returns the status line and the body.
fn http_get(addr: &str, path: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let status = raw.lines().next().unwrap_or("").to_string();
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[cfg(unix)]
#[test]
fn serve_demo_from_an_empty_directory_and_stop_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(["serve", "--demo", "--addr", "127.0.0.1:0"])
        .current_dir(dir.path())
        .env_remove("ATTACHE_DB")
        .env_remove("ATTACHE_WRITE_TOKEN")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut addr = None;
    let mut log = Vec::new();
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(120)) {
        if let Some(rest) = line.split("serving on http://").nth(1) {
            addr = Some(rest.split('/').next().unwrap().to_string());
            break;
        }
        log.push(line);
    }
    let Some(addr) = addr else {
        let _ = child.kill();
        panic!("the server did not start:\n{}", log.join("\n"));
    };
    assert!(
        dir.path().join("attache.db").exists(),
        "default database in the working directory"
    );

    let (status, body) = http_get(&addr, "/");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("Latest releases"));
    let (status, stats) = http_get(&addr, "/api/stats");
    assert!(status.contains("200"), "{status}");
    let docs = stats
        .split("\"documents\":")
        .nth(1)
        .and_then(|r| r.split([',', '}']).next())
        .and_then(|n| n.trim().parse::<u64>().ok())
        .unwrap_or(0);
    assert!(docs >= 5, "examples ingested: {stats}");

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let mut stopped = false;
    for _ in 0..100 {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "clean exit on SIGTERM: {status}");
            stopped = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    if !stopped {
        let _ = child.kill();
        panic!("the server did not stop within 10 s of SIGTERM");
    }
}
