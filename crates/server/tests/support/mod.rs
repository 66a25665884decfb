//! Shared by the integration tests: a real server on an ephemeral port over a fresh
//! database holding the bundled examples and the fixtures of `tests/fixtures/`.

#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(dead_code)]

pub mod http;

use attache_server::{AppState, router};
use attache_store::Store;
use std::path::PathBuf;

pub const TOKEN: &str = "test-token-5f2c9a";

pub struct TestServer {
    pub base: String,
    _dir: tempfile::TempDir,
}

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Reads, extracts and stores one fixture file.
fn ingest_fixture(store: &mut Store, name: &str) {
    let path = fixtures().join(name);
    let bytes = std::fs::read(&path).unwrap();
    let source = format!("fixtures/{name}");
    let docs =
        attache_ingest::parse_bytes(&source, &bytes, &attache_ingest::Options::default()).unwrap();
    for d in docs {
        let r = attache_extract::extract(&d);
        store.ingest(&d, &r).unwrap();
    }
}

/// Starts a server; `token` enables writes. The server lives until the test process
/// ends.
pub fn start(token: Option<&str>) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("test.db");
    let mut store = Store::open(&db).unwrap();
    attache_server::ingest_demo(&mut store).unwrap();
    for f in [
        "blr-chn-meeting.html",
        "kaz-deu-call.html",
        "blr-chn-visit.html",
    ] {
        ingest_fixture(&mut store, f);
    }
    let state = AppState::new(store, token.map(str::to_string))
        .with_readers(&db, 2)
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            axum::serve(listener, router(state)).await.unwrap();
        });
    });
    let addr = rx.recv().unwrap();
    TestServer {
        base: format!("http://{addr}"),
        _dir: dir,
    }
}
