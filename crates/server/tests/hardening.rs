//! Hardening of the server against a real instance on an ephemeral port: body limits
//! (413, also for chunked bodies and uploads), idle and slow connections, page-size
//! caps, FTS syntax errors (400 with a message, never 500), a few thousand seeded-random
//! query strings and path segments (unicode, quotes, NUL, invalid UTF-8, huge and
//! negative numbers, bad dates) on every GET route with no 5xx and the server still up,
//! security headers on every kind of answer, and the write endpoints closed without a
//! token. The token comparison itself is `security::constant_time_eq` (an XOR fold over
//! equal-length inputs through `black_box`; only the length is not hidden), unit-tested
//! there; timing is not asserted here.
//!
//! Request timeout: `REQUEST_TIMEOUT` (30 s) answers 408 for a handler that runs too
//! long; it does not cover a client that never finishes sending its headers, which
//! holds its connection open (checked below: such clients do not block others).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};
use support::http::{Resp, agent, file, finish, get, post_form};
use support::{TOKEN, start};

/// A raw HTTP/1.1 exchange: the status code of the answer (0 when none came).
fn raw(base: &str, request: &[u8]) -> (u16, String) {
    let addr = base.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let _ = s.write_all(request);
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn assert_security_headers(what: &str, r: &Resp) {
    let csp = r
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"));
    assert!(
        csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{what}: {csp}"
    );
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
        "{what}: {csp}"
    );
    assert_eq!(
        r.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(r.header("x-frame-options"), Some("DENY"), "{what}");
    assert!(r.header("referrer-policy").is_some(), "{what}");
}

#[test]
fn bodies_over_the_limit_are_413_however_they_come() {
    let s = start(Some(TOKEN));
    let big = vec![b'a'; attache_server::MAX_BODY + 1];
    for (path, token) in [
        ("/api/extract", None),
        ("/api/documents", Some(TOKEN)),
        ("/api/documents", None),
    ] {
        let mut req = agent().post(&format!("{}{path}", s.base));
        if let Some(t) = token {
            req = req.header("Authorization", &format!("Bearer {t}"));
        }
        let r = finish(req.send(&big[..]));
        // Without the token the answer may be 401 before the body is read; never 5xx.
        assert!(
            r.status == 413 || (token.is_none() && r.status == 401),
            "{path}: {} {}",
            r.status,
            r.body
        );
        if r.status == 413 {
            assert!(r.body.contains("too large"), "{path}: {}", r.body);
        }
        assert_security_headers(path, &r);
    }
    // Chunked, no Content-Length: the limit holds while streaming.
    let mut req = b"POST /api/extract HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        .to_vec();
    let chunk = vec![b'b'; 64 * 1024];
    for _ in 0..(attache_server::MAX_BODY / chunk.len() + 4) {
        req.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        req.extend_from_slice(&chunk);
        req.extend_from_slice(b"\r\n");
    }
    req.extend_from_slice(b"0\r\n\r\n");
    let (status, text) = raw(&s.base, &req);
    assert_eq!(status, 413, "{}", &text[..text.len().min(300)]);
    // A multipart upload over the limit.
    let big = vec![b'c'; attache_server::MAX_BODY + 10];
    let r = post_form(
        &format!("{}/upload", s.base),
        &[file("file", "big.txt", None, &big)],
    );
    assert_eq!(r.status, 413, "{}", &r.body[..r.body.len().min(300)]);
    // A body that is not a press release: 400 with a message, not 500.
    let r = finish(
        agent()
            .post(&format!("{}/api/extract", s.base))
            .send(&b"\x89PNG\r\n\x1a\n\0\0"[..]),
    );
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("binary"), "{}", r.body);
    // Still up.
    assert_eq!(get(&format!("{}/api/stats", s.base)).status, 200);
}

#[test]
fn idle_and_slow_clients_do_not_block_others() {
    let s = start(None);
    let addr = s.base.trim_start_matches("http://").to_string();
    // 64 connections that never send a byte, and 16 that stop in the middle of a header.
    let mut idle: Vec<TcpStream> = (0..64)
        .map(|_| TcpStream::connect(&addr).unwrap())
        .collect();
    for _ in 0..16 {
        let mut c = TcpStream::connect(&addr).unwrap();
        c.write_all(b"GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            .unwrap();
        idle.push(c);
    }
    let t = Instant::now();
    let r = get(&format!("{}/api/events?limit=5", s.base));
    let took = t.elapsed();
    eprintln!("answered in {took:?} with 80 idle or stalled connections open");
    assert_eq!(r.status, 200);
    assert!(took < Duration::from_secs(10), "{took:?}");
    drop(idle);
    // A request line far too long: refused (431/414/400), not 5xx, server up.
    let long = format!("{}/api/search?q={}", s.base, "a".repeat(200_000));
    if let Ok(r) = agent().get(&long).call() {
        assert!(r.status().as_u16() < 500, "{}", r.status());
    }
    let (status, _) = raw(
        &s.base,
        format!(
            "GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
            "h".repeat(1 << 20)
        )
        .as_bytes(),
    );
    assert!(status == 0 || (400..500).contains(&status), "{status}");
    // Garbage instead of HTTP.
    let (status, _) = raw(&s.base, b"\x00\x01\x02 NOT HTTP AT ALL\r\n\r\n");
    assert!(status == 0 || status == 400, "{status}");
    assert_eq!(get(&format!("{}/api/stats", s.base)).status, 200);
}

#[test]
fn page_sizes_are_capped() {
    let s = start(None);
    for path in [
        "/api/events",
        "/api/documents",
        "/api/search?q=minister&x=1",
    ] {
        let sep = if path.contains('?') { '&' } else { '?' };
        let ok = get(&format!("{}{path}{sep}limit=500", s.base));
        assert_eq!(ok.status, 200, "{path}: {}", ok.body);
        let over = get(&format!("{}{path}{sep}limit=501", s.base));
        assert_eq!(over.status, 400, "{path}: {}", over.body);
        assert!(over.body.contains("limit"), "{}", over.body);
        for bad in ["-1", "1e9", "18446744073709551616", "0x10", "1.5", "%00"] {
            let r = get(&format!("{}{path}{sep}limit={bad}", s.base));
            assert_eq!(r.status, 400, "{path} limit={bad}: {}", r.body);
        }
        let far = get(&format!("{}{path}{sep}offset=1000001", s.base));
        assert_eq!(far.status, 400, "{path}: {}", far.body);
        let end = get(&format!("{}{path}{sep}offset=1000000", s.base));
        assert_eq!(end.status, 200, "{path}: {}", end.body);
    }
    // limit=0 is read as 1, never as "everything".
    let r = get(&format!("{}/api/events?limit=0", s.base));
    assert_eq!(r.status, 200);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let items = v["items"].as_array().or_else(|| v.as_array()).map(Vec::len);
    assert!(items.is_none_or(|n| n <= 1), "{}", r.body);
}

#[test]
fn fts_syntax_errors_are_400_with_a_message() {
    let s = start(None);
    let bad = [
        "\"unbalanced",
        "AND",
        "OR OR",
        "NOT",
        "NEAR(",
        "NEAR(a b, -1)",
        "(",
        ")",
        "*",
        "a:b",
        "title:",
        "nosuchcolumn:minister",
        "^",
        "-minister",
        "minister AND",
        "\"a\" \"",
        "{title text}: x",
        "a + + b",
        "\u{0}",
        "'; DROP TABLE documents; --",
    ];
    for q in bad {
        for syntax in ["fts", "words"] {
            let url = format!(
                "{}/api/search?syntax={syntax}&q={}",
                s.base,
                enc(q.as_bytes())
            );
            let r = get(&url);
            assert!(
                r.status == 200 || r.status == 400,
                "{q:?} ({syntax}): {} {}",
                r.status,
                r.body
            );
            if r.status == 400 {
                let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
                assert!(
                    v["error"].as_str().is_some_and(|m| m.len() > 5),
                    "{}",
                    r.body
                );
            }
            // Plain words are always valid.
            if syntax == "words" && !q.trim_matches(|c: char| !c.is_alphanumeric()).is_empty() {
                assert_eq!(r.status, 200, "{q:?} as words: {}", r.body);
            }
        }
        let page = get(&format!(
            "{}/search?q={}&syntax=fts",
            s.base,
            enc(q.as_bytes())
        ));
        assert!(page.status < 500, "{q:?} page: {}", page.status);
    }
    // The database is intact.
    let r = get(&format!("{}/api/stats", s.base));
    assert_eq!(r.status, 200);
    assert!(r.body.contains("\"documents\""));
}

/// Percent-encodes every byte outside unreserved ASCII.
fn enc(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A small deterministic PRNG (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
    /// A hostile value: a known-bad token, random bytes, or a mix.
    fn value(&mut self) -> Vec<u8> {
        const TOKENS: &[&str] = &[
            "",
            " ",
            "-1",
            "0",
            "-0",
            "1e309",
            "NaN",
            "inf",
            "99999999999999999999999",
            "18446744073709551615",
            "-9223372036854775808",
            "2024-02-30",
            "2024-13-01",
            "0000-00-00",
            "9999-12-31",
            "-2024",
            "2024-1-1",
            "20240101",
            "yesterday",
            "\"",
            "'",
            "\"'\"",
            "\\",
            "%",
            "%%",
            "\u{0}",
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "BLR",
            "blr",
            "Belarus",
            "EU",
            "Atlantis",
            "meeting",
            "phone_call",
            "planned",
            "fts",
            "words",
            "regex",
            "jsonl",
            "csv",
            "parquet",
            "ics",
            "plover",
            "cameo",
            "e0",
            "e999999",
            "Пётр",
            "王毅",
            "وزير",
            "🙂",
            "\u{202e}",
            "\u{fffd}",
            "a\nb",
            "a\r\nb",
            "NEAR(",
            "*",
            "(",
            "AND",
            "x:y",
            "minister",
            "Aleinik",
            "Sergei Aleinik",
            "🙂🙂🙂🙂",
            "true",
            "null",
            "[]",
            "{}",
        ];
        match self.below(4) {
            0 => self.pick(TOKENS).as_bytes().to_vec(),
            1 => (0..self.below(40)).map(|_| self.next() as u8).collect(),
            2 => {
                let n = self.below(5);
                (0..n)
                    .flat_map(|_| self.pick(TOKENS).as_bytes().to_vec())
                    .collect()
            }
            _ => {
                let mut v = self.pick(TOKENS).as_bytes().to_vec();
                if self.below(8) == 0 {
                    v = v.repeat(1 + self.below(500));
                }
                v
            }
        }
    }
}

#[test]
fn random_query_strings_never_give_5xx() {
    let s = start(None);
    const PARAMS: &[&str] = &[
        "q", "limit", "offset", "from", "to", "country", "with", "kind", "status", "person",
        "topic", "org", "a", "b", "name", "after", "syntax", "hl", "format", "page", "sort",
    ];
    const ROUTES: &[&str] = &[
        "/api/events",
        "/api/search",
        "/api/timeline",
        "/api/actors",
        "/api/upcoming",
        "/api/stats",
        "/api/documents",
        "/api/openapi.json",
        "/api/export/jsonl",
        "/api/export/csv",
        "/api/export/plover",
        "/api/export/cameo",
        "/api/export/ics",
        "/api/export/parquet",
        "/api/export/{}",
        "/api/events/{}",
        "/api/documents/{}",
        "/api/documents/{}/record",
        "/",
        "/documents",
        "/events",
        "/search",
        "/upload",
        "/doc/{}",
        "/doc/{}/print",
        "/events/{}",
        "/pair/{}/{}",
        "/person/{}",
        "/org/{}",
        "/static/{}",
        "/{}",
    ];
    let n: usize = std::env::var("HARDENING_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let threads = 2;
    let started = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|t| {
            let base = s.base.clone();
            std::thread::spawn(move || {
                let mut rng = Rng(0x5eed_0000 + t as u64);
                let agent = agent();
                let mut failures = Vec::new();
                let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
                for _ in 0..n / threads {
                    let mut path = rng.pick(ROUTES).to_string();
                    while path.contains("{}") {
                        let seg = enc(&rng.value());
                        path = path.replacen("{}", &seg, 1);
                    }
                    let mut query = Vec::new();
                    for _ in 0..rng.below(5) {
                        let key = if rng.below(10) == 0 {
                            enc(&rng.value())
                        } else {
                            rng.pick(PARAMS).to_string()
                        };
                        query.push(format!("{key}={}", enc(&rng.value())));
                    }
                    let url = if query.is_empty() {
                        format!("{base}{path}")
                    } else {
                        format!("{base}{path}?{}", query.join("&"))
                    };
                    match agent.get(&url).call() {
                        Ok(mut r) => {
                            let status = r.status().as_u16();
                            let _ = r.body_mut().with_config().limit(1 << 26).read_to_vec();
                            *statuses.entry(status).or_default() += 1;
                            if status >= 500 {
                                failures.push(format!("{status} {url}"));
                            }
                        }
                        // The client refusing a URL it cannot send is not a server fault.
                        Err(ureq::Error::Http(_)) | Err(ureq::Error::BadUri(_)) => {}
                        Err(e) => failures.push(format!("{e} {url}")),
                    }
                }
                (failures, statuses)
            })
        })
        .collect();
    let mut failures = Vec::new();
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for w in workers {
        let (f, st) = w.join().unwrap();
        failures.extend(f);
        for (k, v) in st {
            *statuses.entry(k).or_default() += v;
        }
    }
    eprintln!(
        "{n} random requests in {:?}; statuses {statuses:?}",
        started.elapsed()
    );
    // The inputs reach the handlers: some pass validation, some are refused.
    assert!(
        statuses.get(&200).is_some_and(|&c| c > n / 20),
        "{statuses:?}"
    );
    assert!(
        statuses.get(&400).is_some_and(|&c| c > n / 20),
        "{statuses:?}"
    );
    assert!(
        failures.is_empty(),
        "{} failures: {failures:#?}",
        failures.len()
    );
    let r = get(&format!("{}/api/stats", s.base));
    assert_eq!(r.status, 200, "server down after the random requests");
}

#[test]
fn security_headers_on_every_kind_of_answer() {
    let s = start(None);
    for path in [
        "/",
        "/events",
        "/api/stats",
        "/api/events?limit=bad",
        "/api/no-such-route",
        "/no/such/page",
        "/static/style.css",
        "/static/app.js",
        "/api/export/csv",
        "/api/openapi.json",
    ] {
        let r = get(&format!("{}{path}", s.base));
        assert_security_headers(path, &r);
        // JSON and CSV are never sniffed into HTML.
        if path.starts_with("/api/") {
            let ct = r.header("content-type").unwrap_or("");
            assert!(!ct.starts_with("text/html"), "{path}: {ct}");
        }
    }
    let r = finish(
        agent()
            .post(&format!("{}/api/extract", s.base))
            .send(&b""[..]),
    );
    assert!(r.status < 500);
    assert_security_headers("POST /api/extract", &r);
}

#[test]
fn writes_are_closed_without_a_token() {
    // No token configured: every write is 403 (or 404/405), whatever is presented.
    let s = start(None);
    for auth in [
        None,
        Some(""),
        Some("Bearer "),
        Some("Bearer x"),
        Some(&*format!("Bearer {TOKEN}")),
    ] {
        let mut req = agent().post(&format!("{}/api/documents?source=w.txt", s.base));
        if let Some(a) = auth {
            req = req.header("Authorization", a);
        }
        let r = finish(req.send(&b"Talks\n\nOn 2 May 2024 the ministers met in Minsk."[..]));
        assert!(
            matches!(r.status, 403..=405),
            "{auth:?}: {} {}",
            r.status,
            r.body
        );
    }
    let before = get(&format!("{}/api/stats", s.base)).body;
    // Other methods on read routes are refused.
    for method in ["PUT", "DELETE", "PATCH"] {
        let (status, _) = raw(
            &s.base,
            format!("{method} /api/events HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        );
        assert!(matches!(status, 404 | 405), "{method}: {status}");
    }
    assert_eq!(
        get(&format!("{}/api/stats", s.base)).body,
        before,
        "something was written"
    );

    // Token configured: wrong, empty, longer, shorter, other-scheme tokens are 401.
    let s = start(Some(TOKEN));
    let longer = format!("Bearer {TOKEN}x");
    let shorter = format!("Bearer {}", &TOKEN[..TOKEN.len() - 1]);
    let basic = format!("Basic {TOKEN}");
    let lower = format!("bearer {TOKEN}");
    for auth in [
        None,
        Some("Bearer "),
        Some(&*longer),
        Some(&*shorter),
        Some(&*basic),
        Some(&*lower),
    ] {
        let mut req = agent().post(&format!("{}/api/documents?source=w.txt", s.base));
        if let Some(a) = auth {
            req = req.header("Authorization", a);
        }
        let r = finish(req.send(&b"Talks\n\nOn 2 May 2024 the ministers met in Minsk."[..]));
        assert_eq!(r.status, 401, "{auth:?}: {}", r.body);
    }
    let r = finish(
        agent()
            .post(&format!("{}/api/documents?source=w.txt", s.base))
            .header("Authorization", &format!("Bearer {TOKEN}"))
            .send(&b"Talks in Minsk\n\nOn 2 May 2024 the Minister of Foreign Affairs of Belarus met the Ambassador of Japan in Minsk."[..]),
    );
    assert_eq!(r.status, 200, "{}", r.body);
}
