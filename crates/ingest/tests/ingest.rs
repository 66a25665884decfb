//! Integration tests of `attache-ingest`: the project's examples, the development corpus
//! and real releases of `../shared` (skipped when absent), and bad inputs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use attache_ingest::{Document, Options, Reason, parse_bytes, read_path, read_reader};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!(
            "skipped: {} is absent (a fresh clone has no ../shared)",
            p.display()
        );
        None
    }
}

fn examples() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples"))
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read_all(path: &Path) -> Vec<Document> {
    read_path(path, &Options::default())
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

fn date(d: &Document) -> Option<String> {
    d.published.map(|d| d.to_string())
}

fn check_ranges(d: &Document) {
    let mut prev_end = 0;
    for p in &d.paragraphs {
        assert!(
            p.start <= p.end && p.end <= d.text.len(),
            "{}: range out of text",
            d.source
        );
        assert!(
            d.text.is_char_boundary(p.start) && d.text.is_char_boundary(p.end),
            "{}",
            d.source
        );
        assert!(p.start >= prev_end, "{}: ranges overlap", d.source);
        assert!(
            !d.text[p.range()].contains("\n\n"),
            "{}: paragraph holds a blank line",
            d.source
        );
        prev_end = p.end;
    }
    let joined: Vec<&str> = d.paragraphs.iter().map(|p| &d.text[p.range()]).collect();
    assert_eq!(
        joined.join("\n\n"),
        d.text,
        "{}: paragraphs do not tile the text",
        d.source
    );
}

/// Compares title and date with a gold value; returns mismatches.
fn compare(
    what: &str,
    d: &Document,
    title: &serde_json::Value,
    published: &serde_json::Value,
) -> Vec<String> {
    let mut bad = Vec::new();
    let want_title = title.as_str().map(fold);
    if d.title.as_deref().map(fold) != want_title {
        bad.push(format!("{what}: title {:?} != {:?}", d.title, want_title));
    }
    if date(d).as_deref() != published.as_str() {
        bad.push(format!(
            "{what}: published {:?} != {:?}",
            date(d),
            published
        ));
    }
    bad
}

#[test]
fn corpus_titles_and_dates_match_gold() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpus");
    let mut gold_files: Vec<_> = std::fs::read_dir(corpus.join("gold"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    gold_files.sort();
    let (mut checked, mut bad) = (0, Vec::new());
    for g in &gold_files {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(g).unwrap()).unwrap();
        let doc_path = corpus.join(gold["doc"].as_str().unwrap());
        let docs = read_all(&doc_path);
        docs.iter().for_each(check_ranges);
        match gold["items"].as_array() {
            Some(items) => {
                assert_eq!(docs.len(), items.len(), "{}", doc_path.display());
                for (i, (d, item)) in docs.iter().zip(items).enumerate() {
                    bad.extend(compare(
                        &format!("{}#{}", doc_path.display(), i + 1),
                        d,
                        &item["title"],
                        &item["published"],
                    ));
                    let feed = d.feed.as_ref().expect("feed item without FeedInfo");
                    assert_eq!(
                        feed.title.as_deref().map(fold),
                        gold["title"].as_str().map(fold)
                    );
                    assert_eq!(
                        feed.published.map(|d| d.to_string()).as_deref(),
                        gold["published"].as_str()
                    );
                    assert_eq!((feed.position, feed.count), (i + 1, items.len()));
                    checked += 1;
                }
            }
            None => {
                assert_eq!(docs.len(), 1, "{}", doc_path.display());
                bad.extend(compare(
                    &doc_path.display().to_string(),
                    &docs[0],
                    &gold["title"],
                    &gold["published"],
                ));
                checked += 1;
            }
        }
        for d in &docs {
            assert_eq!(
                Some(d.language.as_str()),
                gold["language"].as_str(),
                "{}",
                d.source
            );
        }
    }
    eprintln!(
        "corpus: {checked} documents checked against gold, {} mismatches",
        bad.len()
    );
    assert!(bad.is_empty(), "title/date mismatches:\n{}", bad.join("\n"));
    assert_eq!(checked, 57);
}

#[test]
fn real_readouts_titles_and_dates_match_gold() {
    let Some(shared) = shared() else { return };
    let real = shared.join("real");
    let mut bad = Vec::new();
    let mut n = 0;
    for g in std::fs::read_dir(real.join("gold")).unwrap().flatten() {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(g.path()).unwrap()).unwrap();
        let path = real.join(gold["doc"].as_str().unwrap());
        let docs = read_all(&path);
        assert_eq!(docs.len(), 1);
        bad.extend(compare(
            &path.display().to_string(),
            &docs[0],
            &gold["title"],
            &gold["published"],
        ));
        assert!(
            docs[0]
                .url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://"))
        );
        n += 1;
    }
    eprintln!("real gold: {n} documents checked, {} mismatches", bad.len());
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert_eq!(n, 20);
}

/// Chrome strings that must never reach a document's text.
const CHROME: &[&str] = &[
    "Font size",
    "print version",
    "Print version",
    "Print this page",
    "Official Internet Resources",
    "Version for the visually impaired",
    "Version for people with disabilities",
    "Share:",
    "Share this page",
    "Home ›",
    "Home >",
    "Home /",
    "Home »",
    "Main /",
    "essential cookies",
    "Accept additional cookies",
    "Skip to main content",
    "Latest news",
    "Other news",
    "Views:",
    "Hits:",
    "Tags:",
    "Keywords:",
    "Back to",
    "All rights reserved",
    "Crown copyright",
    "(c) 20",
    "©",
    "| English |",
    "A A A",
];

/// Headlines (six words or more) of the sidebars and related-news lists of a page.
fn sidebar_headlines(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(
        "aside a, [class*=side] a, [class*=related] a, [class*=latest] a, [id=sub] a, [class~=yan] a",
    )
    .unwrap();
    doc.select(&sel)
        .map(|a| fold(&a.text().collect::<String>()))
        .filter(|t| t.split(' ').count() >= 6)
        .collect()
}

fn assert_no_chrome(d: &Document, raw: &str) {
    for c in CHROME {
        assert!(!d.text.contains(c), "{}: chrome {c:?} in text", d.source);
        if let Some(t) = &d.title {
            assert!(!t.contains(c), "{}: chrome {c:?} in title", d.source);
        }
    }
    if raw.contains("<html") {
        for h in sidebar_headlines(raw) {
            assert!(
                !fold(&d.text).contains(&h),
                "{}: sidebar/footer headline {h:?} in text",
                d.source
            );
            assert_ne!(
                d.title.as_deref().map(fold),
                Some(h.clone()),
                "{}: sidebar headline as title",
                d.source
            );
        }
    }
}

#[test]
fn no_page_chrome_in_corpus_text() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("corpus/docs");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let raw = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).to_string();
        for d in read_all(&entry.path()) {
            assert_no_chrome(&d, &raw);
            assert!(!d.text.is_empty(), "{}: empty text", d.source);
            n += 1;
        }
    }
    eprintln!("chrome check: {n} corpus documents clean");
}

#[test]
fn all_real_readouts_ingest() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("real/wh-readouts");
    let start = Instant::now();
    let mut n = 0;
    for r in read_path(&dir, &Options::default()) {
        let d = r.unwrap_or_else(|e| panic!("{e}"));
        assert!(d.title.is_some() && d.published.is_some(), "{}", d.source);
        assert!(
            !d.text.contains("\\###") && !d.text.contains("](http"),
            "{}",
            d.source
        );
        check_ranges(&d);
        n += 1;
    }
    eprintln!(
        "wh-readouts: {n} documents in {:?} (debug build)",
        start.elapsed()
    );
    assert_eq!(n, 1563);
}

#[test]
fn examples_ingest_with_expected_titles_and_dates() {
    let want: &[(&str, &str, &str, &str)] = &[
        (
            "2023-10-03-idn-vnm-maritime.txt",
            "Indonesia and Viet Nam Agree on Joint Patrols in the Natuna Sea",
            "2023-10-03",
            "en",
        ),
        (
            "2023-11-20-blr-vnm-talks-cp1251.html",
            "О переговорах министров иностранных дел Беларуси и Вьетнама",
            "2023-11-20",
            "ru",
        ),
        (
            "2023-12-01-geo-aze-consultations.txt",
            "Georgian-Azerbaijani consular consultations held in Baku",
            "2023-12-01",
            "en",
        ),
        (
            "2024-01-18-jpn-kgz-condolences.html",
            "Message of Condolence on the Avalanche in the Kyrgyz Republic",
            "2024-01-18",
            "en",
        ),
        (
            "2024-03-14-kaz-mng-talks.html",
            "Kazakhstan and Mongolia agree to expand transit cooperation",
            "2024-03-14",
            "en",
        ),
        (
            "2024-04-09-uzb-afg-protest.txt",
            "No: 45, Press release on the summoning of the Chargé d'affaires of Afghanistan",
            "2024-04-09",
            "en",
        ),
        (
            "2024-06-05-arm-grc-visit.html",
            "Foreign Minister of Armenia paid an official visit to Greece",
            "2024-06-05",
            "en",
        ),
        (
            "2024-07-22-readout-call-mda.md",
            "Readout of the Secretary’s Call with Minister of Foreign Affairs of the Republic of Moldova Elena Draganescu",
            "2024-07-22",
            "en",
        ),
        (
            "2024-09-02-deu-uzb-consulate-opening.html",
            "German Consulate General to open in Samarkand",
            "2024-09-02",
            "en",
        ),
        (
            "2025-02-10-tur-hun-phone-call.html",
            "Minister of Foreign Affairs Had a Phone Call with the Minister of Foreign Affairs and Trade of Hungary, 10 February 2025",
            "2025-02-10",
            "en",
        ),
        (
            "eeas-press-atom.xml#1",
            "Kazakhstan and the EU hold the 21st meeting of the Cooperation Committee in Astana",
            "2024-11-06",
            "en",
        ),
        (
            "eeas-press-atom.xml#2",
            "Statement by the Delegation on the anniversary of the Enhanced Partnership and Cooperation Agreement",
            "2024-10-29",
            "en",
        ),
        (
            "mfa-tjk-news-rss.xml#1",
            "Tajikistan and Qatar sign an agreement on visa exemption",
            "2024-10-17",
            "en",
        ),
        (
            "mfa-tjk-news-rss.xml#2",
            "Condolences in connection with the earthquake in Badakhshan province – Afghanistan",
            "2024-10-15",
            "en",
        ),
        (
            "mfa-tjk-news-rss.xml#3",
            "Foreign Minister met with the Special Envoy of the European Union for Central Asia",
            "2024-10-11",
            "en",
        ),
        (
            "releases.jsonl#1",
            "Foreign Ministers of Latvia and Estonia met in Riga",
            "2024-05-16",
            "en",
        ),
        (
            "releases.jsonl#2",
            "Poland and Lithuania open a joint border crossing",
            "2024-06-03",
            "en",
        ),
        (
            "releases.jsonl#3",
            "Состоялись российско-узбекистанские межмидовские консультации",
            "2024-09-12",
            "ru",
        ),
    ];
    let dir = examples();
    let docs = read_all(&dir);
    assert_eq!(
        docs.len(),
        want.len(),
        "README.md must be skipped, every release read"
    );
    for (d, (file, title, published, lang)) in docs.iter().zip(want) {
        assert!(
            d.source.ends_with(file),
            "{} (expected {file}): sorted order",
            d.source
        );
        assert_eq!(d.title.as_deref(), Some(*title), "{}", d.source);
        assert_eq!(date(d).as_deref(), Some(*published), "{}", d.source);
        assert_eq!(d.language, *lang, "{}", d.source);
        check_ranges(d);
        let raw = std::fs::read(dir.join(file.split('#').next().unwrap())).unwrap();
        assert_no_chrome(d, &String::from_utf8_lossy(&raw));
        assert!(d.text.len() > 100, "{}: text too short", d.source);
    }
    let rss = docs
        .iter()
        .find(|d| d.source.ends_with("rss.xml#2"))
        .unwrap();
    assert!(
        rss.text.contains("\"Ishkashim\""),
        "doubly escaped entities decoded"
    );
    let feed = rss.feed.as_ref().unwrap();
    assert_eq!(
        feed.title.as_deref(),
        Some("Ministry of Foreign Affairs of the Republic of Tajikistan – News")
    );
    assert_eq!(
        feed.published.map(|d| d.to_string()).as_deref(),
        Some("2024-10-17")
    );
    let md = docs.iter().find(|d| d.source.ends_with(".md")).unwrap();
    assert!(md.text.contains("European Union membership") && md.text.contains("$25 million"));
    assert!(!md.text.contains("**"));
}

#[test]
fn same_input_twice_same_id() {
    let path = examples().join("2024-03-14-kaz-mng-talks.html");
    let a = read_all(&path);
    let b = read_all(&path);
    assert_eq!(a[0].id, b[0].id);
    assert_eq!(a, b);
    let bytes = std::fs::read(&path).unwrap();
    let c = parse_bytes(&path.display().to_string(), &bytes, &Options::default()).unwrap();
    assert_eq!(c[0].id, a[0].id);
    let other = parse_bytes("elsewhere.html", &bytes, &Options::default()).unwrap();
    assert_ne!(other[0].id, a[0].id, "the id covers the source");
}

fn reason(r: Result<Vec<Document>, attache_ingest::IngestError>) -> Reason {
    r.expect_err("expected an error").reason
}

#[test]
fn bad_inputs_give_clear_errors() {
    let opts = Options::default();
    assert!(matches!(
        reason(parse_bytes("e.txt", b"", &opts)),
        Reason::Empty
    ));
    assert!(matches!(
        reason(parse_bytes("e.txt", b" \n\t\n", &opts)),
        Reason::Empty
    ));
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01";
    let e = parse_bytes("examples/x.png", png, &opts).unwrap_err();
    assert_eq!(
        e.to_string(),
        "examples/x.png: binary file (PNG image), not a press release"
    );
    let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00";
    let e = parse_bytes("examples/x.zip", zip, &opts).unwrap_err();
    assert_eq!(
        e.to_string(),
        "examples/x.zip: binary file (zip archive), not a press release"
    );
    assert!(matches!(
        reason(parse_bytes(
            "x.bin",
            &[0u8, 1, 2, 3, 0, 0, 7, 8, 9, 0],
            &opts
        )),
        Reason::Binary(_)
    ));
    let svg = b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"></svg>";
    assert!(matches!(
        reason(parse_bytes("x.xml", svg, &opts)),
        Reason::NotAFeed
    ));
    assert!(matches!(
        reason(parse_bytes(
            "f.xml",
            b"<rss><channel><title>T</title></channel></rss>",
            &opts
        )),
        Reason::Feed(_)
    ));
}

#[test]
fn invalid_utf8_is_decoded_not_rejected() {
    // Latin-1 bytes in otherwise ASCII text: detected as a legacy encoding.
    let mut bytes = b"Ministers met in Asuncion\n\n12 May 2024\n\nThe Minister of Paraguay and his counterpart met in Asunci".to_vec();
    bytes.push(0xf3);
    bytes.extend_from_slice(
        b"n and discussed trade, energy and the Mercosur agenda for the coming year.\n",
    );
    let docs = parse_bytes("p.txt", &bytes, &Options::default()).unwrap();
    assert!(docs[0].text.contains("Asunción"), "{}", docs[0].text);
    // Broken UTF-8 sequences inside UTF-8 text never panic.
    let broken = b"Title\n\n1 May 2024\n\nText with a broken sequence \xe2\x82 and more words in it to read.\n";
    assert!(parse_bytes("b.txt", broken, &Options::default()).is_ok());
}

#[test]
fn size_limit_is_enforced_and_can_be_raised() {
    let dir = tempfile::tempdir().unwrap();
    // A 100 MB file (sparse: a text head, then zeros) is refused without being read.
    let big = dir.path().join("big.txt");
    let mut f = std::fs::File::create(&big).unwrap();
    f.write_all(b"Title\n\n1 May 2024\n\n").unwrap();
    f.write_all("Some text of a release.\n".repeat(4000).as_bytes())
        .unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    drop(f);
    let start = Instant::now();
    let out: Vec<_> = read_path(&big, &Options::default()).collect();
    assert_eq!(out.len(), 1);
    let e = out[0].as_ref().unwrap_err();
    assert!(
        matches!(
            e.reason,
            Reason::TooLarge {
                size: 104_857_600,
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("--max-bytes"), "{e}");
    assert!(start.elapsed() < Duration::from_secs(5));
    // A 2 MB text file: refused at 1 MB, read at 4 MB.
    let mid = dir.path().join("mid.txt");
    let mut text = String::from("A long release\n\n2 May 2024\n\n");
    while text.len() < 2 * 1024 * 1024 {
        text.push_str("The ministers discussed cooperation in trade, energy and transport.\n\n");
    }
    std::fs::write(&mid, &text).unwrap();
    let small = Options {
        max_bytes: 1024 * 1024,
        ..Options::default()
    };
    assert!(matches!(
        read_path(&mid, &small).next().unwrap().unwrap_err().reason,
        Reason::TooLarge { .. }
    ));
    assert!(parse_bytes("mid.txt", text.as_bytes(), &small).is_err());
    let large = Options {
        max_bytes: 4 * 1024 * 1024,
        ..Options::default()
    };
    let d = read_path(&mid, &large).next().unwrap().unwrap();
    assert_eq!(d.title.as_deref(), Some("A long release"));
}

#[test]
fn deeply_nested_html_is_refused_without_overflow() {
    let opts = Options::default();
    for tag in ["div", "span", "b", "table", "li"] {
        let html = format!(
            "<html><body>{}deep{}</body></html>",
            format!("<{tag}>").repeat(100_000),
            format!("</{tag}>").repeat(100_000)
        );
        let start = Instant::now();
        let r = parse_bytes("deep.html", html.as_bytes(), &opts);
        assert!(start.elapsed() < Duration::from_secs(10), "{tag}: too slow");
        match r {
            Err(e) => assert!(matches!(e.reason, Reason::TooDeep { .. }), "{tag}: {e}"),
            // Tags the parser closes implicitly (`<li>`) never nest; any result is fine.
            Ok(docs) => assert!(tag == "li", "{tag}: {docs:?}"),
        }
    }
    // Hundreds of unclosed formatting elements re-created in 100,000 paragraphs: refused
    // before parsing instead of building ~10^8 nodes.
    let reopen = format!(
        "<html><body>{}{}</body></html>",
        "<b class=x>".repeat(500),
        "<p>text".repeat(100_000)
    );
    let start = Instant::now();
    let e = parse_bytes("reopen.html", reopen.as_bytes(), &opts).unwrap_err();
    assert!(matches!(e.reason, Reason::Malformed(_)), "{e}");
    assert!(start.elapsed() < Duration::from_secs(5));
    // Nesting just under the limit parses (iteratively, no deep recursion).
    let html = format!(
        "<html><body>{}<h1>Deep page</h1><p>{}</p>{}</body></html>",
        "<div>".repeat(900),
        "Text of the release about cooperation. ".repeat(5),
        "</div>".repeat(900)
    );
    let docs = parse_bytes("ok.html", html.as_bytes(), &opts).unwrap();
    assert_eq!(docs[0].title.as_deref(), Some("Deep page"));
}

#[test]
fn feed_entities_are_never_expanded() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "TOP-SECRET-CONTENT").unwrap();
    let lol = (1..10)
        .map(|i| {
            format!(
                "<!ENTITY lol{i} \"{}\">",
                format!("&lol{};", i - 1).repeat(10)
            )
        })
        .collect::<String>();
    let bomb = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol0 \"lol\">{lol}]><rss version=\"2.0\"><channel><title>Bomb &lol9;</title><item><title>Item &lol9;</title><description>Text &lol9; of the item about talks.</description></item></channel></rss>"
    );
    let start = Instant::now();
    let docs = parse_bytes("bomb.xml", bomb.as_bytes(), &Options::default()).unwrap();
    assert!(start.elapsed() < Duration::from_secs(2));
    assert!(
        docs[0].text.len() < 200 && docs[0].title.as_ref().unwrap().len() < 50,
        "{docs:?}"
    );
    let xxe = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://{}\">]><rss version=\"2.0\"><channel><title>X</title><item><title>Leak &xxe;</title><description>Body &xxe; text of the item.</description></item></channel></rss>",
        secret.display()
    );
    let docs = parse_bytes("xxe.xml", xxe.as_bytes(), &Options::default()).unwrap();
    assert!(
        !docs[0].text.contains("TOP-SECRET")
            && !docs[0].title.as_ref().unwrap().contains("TOP-SECRET")
    );
}

#[test]
fn jsonl_broken_lines_are_single_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.jsonl");
    let lines = [
        r#"{"title":"One","text":"First release text about the meeting of ministers.","published":"2024-01-02"}"#,
        r#"{"title":"Two","text": "unterminated"#,
        "",
        r#"["not", "an", "object"]"#,
        r#"{"title":"No body"}"#,
        r#"{"title":"Six","html":"<p>Sixth release text about the visit.</p>"}"#,
    ];
    std::fs::write(&path, lines.join("\n")).unwrap();
    let out: Vec<_> = read_path(&path, &Options::default()).collect();
    assert_eq!(out.len(), 5);
    let name = path.display().to_string();
    assert_eq!(out[0].as_ref().unwrap().source, format!("{name}#1"));
    for (i, line) in [(1, 2), (2, 4), (3, 5)] {
        let e = out[i].as_ref().unwrap_err();
        assert_eq!(e.line, Some(line));
        assert!(
            e.to_string().starts_with(&format!("{name}:{line}: ")),
            "{e}"
        );
    }
    assert_eq!(out[4].as_ref().unwrap().title.as_deref(), Some("Six"));
    // The same through a reader (standard input).
    let out: Vec<_> = read_reader(
        "-",
        std::io::Cursor::new(lines.join("\n").into_bytes()),
        &Options::default(),
    )
    .collect();
    assert_eq!(out.iter().filter(|r| r.is_ok()).count(), 2);
}

#[test]
fn directories_are_sorted_and_skip_hidden_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("b")).unwrap();
    std::fs::write(
        dir.path().join("b/2.txt"),
        "Second title\n\n2 May 2024\n\nSecond text of the release.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "First title\n\n1 May 2024\n\nFirst text of the release.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(".hidden.txt"), "Hidden\n\nnot read\n").unwrap();
    std::fs::write(dir.path().join("c.png"), b"\x89PNG\r\n\x1a\n\x00\x00").unwrap();
    let out: Vec<_> = read_path(dir.path(), &Options::default()).collect();
    assert_eq!(out.len(), 3);
    assert_eq!(
        out[0].as_ref().unwrap().title.as_deref(),
        Some("First title")
    );
    assert_eq!(
        out[1].as_ref().unwrap().title.as_deref(),
        Some("Second title")
    );
    assert!(out[2].is_err());
    let missing: Vec<_> = read_path(&dir.path().join("nope"), &Options::default()).collect();
    assert!(
        missing[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("nope: cannot read")
    );
}

#[test]
fn utf16_and_bom_inputs() {
    let text = "Negotiations in Minsk\n\n22 May 2024\n\nThe ministers held negotiations on trade and industrial cooperation.\n";
    let mut le = vec![0xff, 0xfe];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xfe, 0xff];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let mut bom8 = b"\xef\xbb\xbf".to_vec();
    bom8.extend_from_slice(text.as_bytes());
    for bytes in [le, be, bom8] {
        let d = &parse_bytes("u.txt", &bytes, &Options::default()).unwrap()[0];
        assert_eq!(d.title.as_deref(), Some("Negotiations in Minsk"));
        assert_eq!(date(d).as_deref(), Some("2024-05-22"));
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            if let Ok(docs) = parse_bytes("p.bin", &bytes, &Options::default()) {
                docs.iter().for_each(check_ranges);
            }
        }

        #[test]
        fn markup_soup_never_panics(parts in proptest::collection::vec(
            prop_oneof![
                Just("<p>".to_string()), Just("</p>".to_string()), Just("<br>".to_string()),
                Just("<div class=\"share\">".to_string()), Just("</div>".to_string()), Just("<h1>".to_string()),
                Just("</h1>".to_string()), Just("<table><tr><td>".to_string()), Just("&nbsp;".to_string()),
                Just("&amp;quot;".to_string()), Just("<![CDATA[".to_string()), Just("]]>".to_string()),
                Just("<item><title>".to_string()), Just("</title></item>".to_string()), Just("\n\n".to_string()),
                Just("---\n".to_string()), Just("title: \"x\\".to_string()), Just("12.05.2024".to_string()),
                Just("{\"text\":".to_string()), "[a-zA-Zа-я ,.é\u{a0}]{0,40}",
            ],
            0..60,
        ), prefix in prop_oneof![Just(""), Just("<html><body>"), Just("<rss><channel>"), Just("---\n"), Just("{")]) {
            let s = format!("{prefix}{}", parts.concat());
            if let Ok(docs) = parse_bytes("soup", s.as_bytes(), &Options::default()) {
                docs.iter().for_each(check_ranges);
            }
        }
    }
}

#[test]
fn json_documents_and_whole_pages_in_records() {
    let opts = Options::default();
    let arr = br#"[{"title":"First","text":"The first release of the array, about a meeting."},
 {"title":"Second","html":"<p>The second release, in HTML.</p>","published":"Tue, 02 Jan 2024 10:00:00 +0100"}]"#;
    let docs = parse_bytes("a.json", arr, &opts).unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1].source, "a.json#2");
    assert_eq!(date(&docs[1]).as_deref(), Some("2024-01-02"));
    let pretty = b"{\n  \"title\": \"Pretty\",\n  \"text\": \"A pretty-printed single record about consultations.\"\n}\n";
    assert_eq!(
        parse_bytes("p.json", pretty, &opts).unwrap()[0]
            .title
            .as_deref(),
        Some("Pretty")
    );
    let page =
        std::fs::read_to_string(examples().join("2024-09-02-deu-uzb-consulate-opening.html"))
            .unwrap();
    let line = serde_json::json!({"html": page, "url": "https://example.org/x"}).to_string();
    let d = &parse_bytes("pages.jsonl", line.as_bytes(), &opts).unwrap()[0];
    assert_eq!(
        d.title.as_deref(),
        Some("German Consulate General to open in Samarkand")
    );
    assert_eq!(date(d).as_deref(), Some("2024-09-02"));
    assert!(!d.text.contains("cookies"));
}

#[test]
fn rss_1_0_rdf_feed() {
    let rdf = br#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://example.org/"><title>Ministry news</title><dc:date>2024-03-02T10:00:00+03:00</dc:date></channel>
<item rdf:about="https://example.org/1"><title>Talks held in Minsk</title><link>https://example.org/1</link>
<dc:date>2024-03-01T18:00:00+03:00</dc:date><description>The ministers held talks in Minsk on trade.</description></item>
</rdf:RDF>"#;
    let d = &parse_bytes("r.rdf", rdf, &Options::default()).unwrap()[0];
    assert_eq!(d.title.as_deref(), Some("Talks held in Minsk"));
    assert_eq!(date(d).as_deref(), Some("2024-03-01"));
    assert_eq!(d.url.as_deref(), Some("https://example.org/1"));
    let f = d.feed.as_ref().unwrap();
    assert_eq!(
        (f.title.as_deref(), f.published.map(|d| d.to_string())),
        (Some("Ministry news"), Some("2024-03-02".into()))
    );
}
