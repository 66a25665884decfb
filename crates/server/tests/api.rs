//! The JSON API and the pages over HTTP, against a real server on an ephemeral port:
//! listings, filters, errors (400/401/403/404/413), the OpenAPI document against the
//! router, security headers, static files, and a hostile release.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::http::{Resp, agent, field, file, finish, get, post, post_form};
use support::{TOKEN, start};

fn assert_json_error(r: &Resp, status: u16) {
    assert_eq!(r.status, status, "{}", r.body);
    let v = r.json();
    assert!(
        v["error"].as_str().is_some_and(|s| !s.is_empty()),
        "{}",
        r.body
    );
}

#[test]
fn listings_filters_and_records() {
    let s = start(None);
    let stats = get(&format!("{}/api/stats", s.base)).json();
    assert!(stats["documents"].as_u64().unwrap() >= 3, "{stats}");

    let docs = get(&format!("{}/api/documents?limit=100", s.base)).json();
    let items = docs["items"].as_array().unwrap();
    assert!(!items.is_empty());
    let id = items[0]["doc_id"].as_str().unwrap().to_string();

    let doc = get(&format!("{}/api/documents/{id}", s.base));
    assert_eq!(doc.status, 200);
    assert_eq!(doc.json()["document"]["id"], id);
    let rec = get(&format!("{}/api/documents/{id}/record", s.base)).json();
    assert_eq!(rec["doc_id"], id);

    let ev = get(&format!("{}/api/events?country=BLR&with=CHN", s.base)).json();
    let evs = ev["items"].as_array().unwrap();
    assert!(!evs.is_empty(), "no BLR–CHN events: {ev}");
    for e in evs {
        let sides: Vec<&str> = e["sides"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(
            sides.contains(&"BLR") && sides.contains(&"CHN"),
            "{sides:?}"
        );
    }
    let by_name = get(&format!("{}/api/events?country=Belarus&with=China", s.base)).json();
    assert_eq!(by_name["items"], ev["items"], "names resolve like codes");
    let eid = evs[0]["id"].as_i64().unwrap();
    let one = get(&format!("{}/api/events/{eid}", s.base)).json();
    assert!(!one["sources"].as_array().unwrap().is_empty());

    let limited = get(&format!("{}/api/events?limit=1", s.base)).json();
    assert_eq!(limited["items"].as_array().unwrap().len(), 1);
    assert_eq!(limited["limit"], 1);

    let tl = get(&format!("{}/api/timeline?a=blr&b=chn", s.base)).json();
    assert!(!tl["months"].as_array().unwrap().is_empty(), "{tl}");

    let found = get(&format!("{}/api/search?q=Druzhba", s.base)).json();
    let hits = found["items"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{found}");
    assert!(
        hits[0]["snippet_html"]
            .as_str()
            .unwrap()
            .contains("<mark>Druzhba</mark>")
    );

    let actors = get(&format!("{}/api/actors?name=Nurtleu", s.base));
    assert_eq!(actors.status, 200, "{}", actors.body);

    let up = get(&format!("{}/api/upcoming?after=2024-01-01", s.base));
    assert_eq!(up.status, 200);
    assert!(up.json()["items"].is_array());

    for fmt in ["jsonl", "csv", "plover", "cameo", "ics", "parquet"] {
        let r = get(&format!("{}/api/export/{fmt}?country=BLR", s.base));
        assert_eq!(r.status, 200, "{fmt}: {}", r.body);
        assert!(
            r.header("content-disposition")
                .unwrap()
                .contains("attachment")
        );
    }
}

#[test]
fn errors_are_json_with_the_right_status() {
    let s = start(None);
    for path in [
        "/api/events?from=2024-13-01",
        "/api/events?to=yesterday",
        "/api/events?kind=party",
        "/api/events?status=maybe",
        "/api/events?limit=-1",
        "/api/events?limit=100000",
        "/api/events?from=2025&to=2024",
        "/api/search",
        "/api/search?q=%22unbalanced&syntax=fts",
        "/api/search?q=a&syntax=regex",
        "/api/timeline?a=BLR",
        "/api/upcoming?after=2024-02",
        "/api/export/xml",
        "/api/events/abc",
        "/api/events?country=Atlantis",
        "/api/timeline?a=BLR&b=Atlantis",
    ] {
        assert_json_error(&get(&format!("{}{path}", s.base)), 400);
    }
    for path in [
        "/api/documents/0000000000000000",
        "/api/documents/0000000000000000/record",
        "/api/events/999999",
        "/api/actors?name=Nobodyknowswho",
        "/api/no-such-route",
    ] {
        assert_json_error(&get(&format!("{}{path}", s.base)), 404);
    }
    // Writing is off without a token.
    assert_json_error(
        &post(&format!("{}/api/documents", s.base), Some("x"), b"text"),
        403,
    );
    // Too large a body.
    let big = vec![b'a'; attache_server::MAX_BODY + 1024];
    assert_json_error(&post(&format!("{}/api/extract", s.base), None, &big), 413);
    // Unknown pages are HTML 404s.
    let page = get(&format!("{}/no/such/page", s.base));
    assert_eq!(page.status, 404);
    assert!(page.body.contains("<html lang=\"en\""));
    assert_eq!(get(&format!("{}/doc/0000000000000000", s.base)).status, 404);
    assert_eq!(get(&format!("{}/events?from=2024-99", s.base)).status, 400);
    assert_eq!(get(&format!("{}/pair/BLR/Atlantis", s.base)).status, 400);
    assert_eq!(get(&format!("{}/events?limit=%FF%FE", s.base)).status, 400);
}

#[test]
fn openapi_matches_the_router() {
    let s = start(None);
    let doc = get(&format!("{}/api/openapi.json", s.base)).json();
    assert_eq!(doc["openapi"], "3.0.3");
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 12);
    for (path, ops) in paths {
        for (method, _) in ops.as_object().unwrap() {
            let url = format!(
                "{}{}",
                s.base,
                path.replace("{id}", "1").replace("{format}", "jsonl")
            );
            let r = match method.as_str() {
                "get" => get(&url),
                "post" => post(&url, None, b"x"),
                other => panic!("unexpected method {other}"),
            };
            // Routed: never the fallback's answer, never 405.
            assert_ne!(r.status, 405, "{method} {path}");
            assert!(
                !r.body.contains("no such API route"),
                "{method} {path} is not routed"
            );
        }
    }
}

#[test]
fn security_headers_and_static_files() {
    let s = start(None);
    let home = get(&format!("{}/", s.base));
    assert_eq!(home.status, 200);
    let csp = home.header("content-security-policy").unwrap();
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"));
    assert_eq!(home.header("x-content-type-options"), Some("nosniff"));
    assert!(home.header("referrer-policy").is_some());
    assert!(!home.body.contains("<script>"), "no inline scripts");

    let css = get(&format!("{}/static/style.css", s.base));
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    assert!(css.header("cache-control").unwrap().contains("max-age"));
    let etag = css.header("etag").unwrap().to_string();
    let again = finish(
        agent()
            .get(&format!("{}/static/style.css", s.base))
            .header("If-None-Match", &etag)
            .call(),
    );
    assert_eq!(again.status, 304);
    for bad in [
        "/static/..%2f..%2fCargo.toml",
        "/static/%2e%2e/src/lib.rs",
        "/static/../../Cargo.toml",
        "/static/nope.css",
    ] {
        let r = get(&format!("{}{bad}", s.base));
        assert_eq!(r.status, 404, "{bad}");
        assert!(!r.body.contains("[package]"));
    }
}

#[test]
fn font_size_preference_without_javascript() {
    let s = start(None);
    let r = finish(
        agent()
            .post(&format!("{}/prefs", s.base))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send("fs=large&back=%2Fevents"),
    );
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/events"));
    assert!(r.header("set-cookie").unwrap().starts_with("fs=large"));
    let page = finish(
        agent()
            .get(&format!("{}/events", s.base))
            .header("Cookie", "fs=large")
            .call(),
    );
    assert!(page.body.contains("class=\"fs-large\""));
    let evil = finish(
        agent()
            .post(&format!("{}/prefs", s.base))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send("fs=small&back=%2F%2Fevil.example%2F"),
    );
    assert_eq!(evil.header("location"), Some("/"));
}

/// Attribute `name` of the tag starting at `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    tag[start..].split('"').next()
}

/// Basic accessibility of a page: language, one h1, a label for every visible control.
fn check_accessible(path: &str, body: &str) {
    assert!(body.contains("<html lang=\"en\""), "{path}: lang");
    assert_eq!(body.matches("<h1").count(), 1, "{path}: one h1");
    assert!(body.contains("<main id=\"main\""), "{path}: main landmark");
    for piece in body.split('<').skip(1) {
        let tag = piece.split('>').next().unwrap_or("");
        let is_control = ["input ", "select ", "textarea "]
            .iter()
            .any(|t| tag.starts_with(t));
        if !is_control || matches!(attr(tag, "type"), Some("hidden" | "submit")) {
            continue;
        }
        let id = attr(tag, "id").unwrap_or_else(|| panic!("{path}: control without id: <{tag}>"));
        assert!(
            body.contains(&format!("<label for=\"{id}\"")) || attr(tag, "aria-label").is_some(),
            "{path}: no label for #{id}"
        );
    }
}

#[test]
fn pages_render() {
    let s = start(None);
    for path in [
        "/",
        "/documents",
        "/events",
        "/events?country=BLR&kind=meeting&from=2024",
        "/pair/BLR/CHN",
        "/pair/Belarus/China",
        "/events?org=UN",
        "/person/Murat%20Nurtleu",
        "/org/UN",
        "/search?q=Beijing",
        "/upload",
    ] {
        let r = get(&format!("{}{path}", s.base));
        assert!(
            r.status == 200 || (path.starts_with("/person") && r.status == 404),
            "{path}: {}",
            r.status
        );
        assert!(r.body.starts_with("<!DOCTYPE html>"), "{path}");
        check_accessible(path, &r.body);
    }
    let pair = get(&format!("{}/pair/BLR/CHN", s.base));
    let by_name = get(&format!("{}/pair/Belarus/China", s.base));
    let main = |b: &str| b.split("<main").nth(1).unwrap_or("").to_string();
    assert_eq!(
        main(&pair.body),
        main(&by_name.body),
        "names and codes give the same page"
    );
    assert!(pair.body.contains("<svg class=\"chart\""), "{}", pair.body);
    assert!(pair.body.contains("<rect class=\"bar\""));
    // Highlighting without JavaScript: ?hl= marks the item's evidence and its card.
    let ev = get(&format!(
        "{}/api/events?country=BLR&with=CHN&limit=1",
        s.base
    ))
    .json();
    let doc = ev["items"][0]["sources"][0]["doc_id"]
        .as_str()
        .unwrap()
        .to_string();
    let reader = get(&format!("{}/doc/{doc}?hl=e0", s.base));
    assert!(
        reader.body.contains("<span class=\"ev hl\" data-h=\""),
        "{}",
        reader.body
    );
    assert!(
        reader
            .body
            .contains("data-item=\"e0\" aria-current=\"true\"")
    );
    let plain = get(&format!("{}/doc/{doc}", s.base));
    assert!(!plain.body.contains("ev hl"));
    let search = get(&format!("{}/search?q=Beijing", s.base));
    assert!(
        search.body.contains("<mark>Beijing</mark>"),
        "{}",
        search.body
    );
}

#[test]
fn writes_need_the_token_and_hostile_text_stays_text() {
    let s = start(Some(TOKEN));
    let hostile = std::fs::read(support::fixtures().join("hostile.html")).unwrap();
    let url = format!("{}/api/documents?source=hostile.html", s.base);
    assert_json_error(&post(&url, None, &hostile), 401);
    assert_json_error(&post(&url, Some("wrong-token-xxxxxx"), &hostile), 401);
    let ok = post(&url, Some(TOKEN), &hostile);
    assert_eq!(ok.status, 200, "{}", ok.body);
    let id = ok.json()["items"][0]["id"].as_str().unwrap().to_string();

    let plain = b"Minsk talks\n\nOn April 2, 2025 the ministers met. <script>alert('plain')</script> </p><p onmouseover=alert(2)>";
    let ok2 = post(
        &format!("{}/api/documents?source=hostile.txt", s.base),
        Some(TOKEN),
        plain,
    );
    assert_eq!(ok2.status, 200, "{}", ok2.body);
    let id2 = ok2.json()["items"][0]["id"].as_str().unwrap().to_string();

    for (id, needle) in [(id, "document.title"), (id2, "alert(&#39;plain&#39;)")] {
        for path in [
            format!("/doc/{id}"),
            format!("/doc/{id}/print"),
            format!("/doc/{id}?hl=e0"),
        ] {
            let page = get(&format!("{}{path}", s.base));
            assert_eq!(page.status, 200, "{path}");
            assert!(
                page.body.contains("&lt;script&gt;"),
                "{path}: script not escaped"
            );
            assert!(page.body.contains(needle), "{path}: {needle} missing");
            // The only script element is the app's own file.
            assert_eq!(page.body.matches("<script").count(), 1, "{path}");
            assert!(
                page.body
                    .contains("<script src=\"/static/app.js\" defer></script>")
            );
            assert!(!page.body.contains("<img src=x"));
            assert!(!page.body.contains("<p onmouseover"));
        }
    }
    // The upload form stores with the token and shows the record at once.
    let upload = format!("{}/upload", s.base);
    let r = post_form(
        &upload,
        &[
            field(
                "text",
                "On May 5, 2025 in Minsk, the Minister of Foreign Affairs of Belarus Maxim Ryzhenkov \
                 met with the Minister of Foreign Affairs of Vietnam.",
            ),
            field("token", TOKEN),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("id=\"stored-link\""), "{}", r.body);
    assert!(r.body.contains("Extracted record"));

    // A wrong token is refused, and an oversized upload is a 413 page.
    let r = post_form(
        &upload,
        &[field("text", "Some text."), field("token", "not-the-token")],
    );
    assert_eq!(r.status, 403, "{}", r.body);
    let huge = "x".repeat(attache_server::MAX_BODY + 10);
    let r = post_form(&upload, &[field("text", &huge)]);
    assert_eq!(r.status, 413);
    assert!(r.body.contains("<html lang=\"en\""));

    // A file, without the token: shown, not stored.
    let page = std::fs::read(support::fixtures().join("kaz-deu-call.html")).unwrap();
    let r = post_form(
        &upload,
        &[file("file", "call.html", Some("text/html"), &page)],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body
            .contains("Telephone conversation with the Federal Foreign Minister of Germany")
    );
    assert!(r.body.contains("Not stored"));
    assert!(!r.body.contains("id=\"stored-link\""));
}

#[test]
fn concurrent_readers_and_a_writer() {
    let s = start(Some(TOKEN));
    let base = s.base.clone();
    let writer = {
        let base = base.clone();
        std::thread::spawn(move || {
            for i in 0..5 {
                let body = format!(
                    "Talks number {i}\n\nOn May {d}, 2025 in Minsk, the Minister of Foreign Affairs of Belarus Maxim Ryzhenkov met with the Minister of Foreign Affairs of Vietnam.",
                    d = i + 1
                );
                let r = post(
                    &format!("{base}/api/documents?source=talks-{i}.txt"),
                    Some(TOKEN),
                    body.as_bytes(),
                );
                assert_eq!(r.status, 200, "{}", r.body);
            }
        })
    };
    let readers: Vec<_> = (0..6)
        .map(|t| {
            let base = base.clone();
            std::thread::spawn(move || {
                for i in 0..15 {
                    let path = [
                        "/",
                        "/api/events?limit=5",
                        "/events",
                        "/api/stats",
                        "/pair/BLR/CHN",
                    ][(t + i) % 5];
                    let r = get(&format!("{base}{path}"));
                    assert_eq!(r.status, 200, "{path}: {}", r.body);
                }
            })
        })
        .collect();
    writer.join().unwrap();
    for r in readers {
        r.join().unwrap();
    }
    let stats = get(&format!("{base}/api/stats")).json();
    assert!(stats["documents"].as_u64().unwrap() >= 5);
}
