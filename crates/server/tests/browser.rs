//! The web UI in headless Chromium, driven through chromedriver (WebDriver) against a
//! real server on an ephemeral port: font size, print view, search, the pair chart,
//! evidence highlighting (mouse and keyboard), upload. Takes screenshots of the main
//! pages: into cargo's scratch directory for tests, or into `docs/screenshots/` (the
//! README's pictures) when `ATTACHE_SCREENSHOTS=docs` is set, so that a test run does
//! not rewrite tracked files.
//!
//! Needs Debian's `chromium` and `chromium-driver`; without them the test prints why
//! and passes as skipped — except under CI (`CI=true`), where `.ci/run` installs them
//! and their absence is a failure.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use fantoccini::{Client, ClientBuilder, Locator, key::Key};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// chromedriver, killed when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

fn start_driver(chromedriver: &Path) -> (Driver, String) {
    let port = free_port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver(child);
    let url = format!("http://127.0.0.1:{port}");
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if agent.get(&format!("{url}/status")).call().is_ok() {
            return (driver, url);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("chromedriver did not answer on {url} within 20 s");
}

async fn connect(driver_url: &str, chromium: &Path, profile: &Path, javascript: bool) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": chromium.to_string_lossy(),
            "prefs": { "profile.managed_default_content_settings.javascript": if javascript { 1 } else { 2 } },
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(driver_url)
        .await
        .expect("a WebDriver session with Chromium")
}

fn screenshots_dir() -> PathBuf {
    if std::env::var("ATTACHE_SCREENSHOTS").is_ok_and(|v| v == "docs") {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots")
    } else {
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots")
    }
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    let dir = screenshots_dir();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

async fn number(c: &Client, js: &str) -> f64 {
    c.execute(js, vec![])
        .await
        .unwrap()
        .as_f64()
        .unwrap_or(f64::NAN)
}

/// Click the element at `at`.
async fn click(c: &Client, at: Locator<'_>) {
    c.find(at).await.unwrap().click().await.unwrap();
}

/// Wait until an element at `at` exists.
async fn wait(c: &Client, at: Locator<'_>) {
    c.wait().for_element(at).await.unwrap();
}

/// Click `at`, then wait for `then` on the page it leads to.
async fn follow(c: &Client, at: Locator<'_>, then: Locator<'_>) {
    click(c, at).await;
    wait(c, then).await;
}

/// The text of the element at `at`.
async fn text(c: &Client, at: Locator<'_>) -> String {
    c.find(at).await.unwrap().text().await.unwrap()
}

/// How many elements match the CSS selector.
async fn count(c: &Client, css: &str) -> usize {
    c.find_all(Locator::Css(css)).await.unwrap().len()
}

/// Type `keys` into the element at `at`.
async fn type_into(c: &Client, at: Locator<'_>, keys: &str) {
    c.find(at).await.unwrap().send_keys(keys).await.unwrap();
}

/// The string a script returns ("" when it returns something else).
async fn string(c: &Client, js: &str) -> String {
    let v = c.execute(js, vec![]).await.unwrap();
    v.as_str().unwrap_or("").to_string()
}

/// How many evidence words are highlighted for the item `id`.
async fn lit_for(c: &Client, id: &str) -> f64 {
    number(
        c,
        &format!("return document.querySelectorAll('.ev.hl[data-h~=\"{id}\"]').length"),
    )
    .await
}

/// Pixels the page scrolls sideways (0 when it fits the window).
async fn overflow(c: &Client) -> f64 {
    number(
        c,
        "return document.documentElement.scrollWidth - window.innerWidth",
    )
    .await
}

fn enter() -> String {
    String::from(char::from(Key::Enter))
}

const TEXT_SIZE: &str =
    "return parseFloat(getComputedStyle(document.querySelector('main p, main li, main')).fontSize)";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_web_ui_in_chromium() {
    let (Some(chromium), Some(chromedriver)) = (which("chromium"), which("chromedriver")) else {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "CI=true but `chromium`/`chromedriver` are missing: .ci/run should have installed them"
        );
        eprintln!(
            "SKIPPED browser test: `chromium` and `chromedriver` are not on PATH \
             (Debian: apt-get install chromium chromium-driver)"
        );
        return;
    };
    let started = Instant::now();
    let server = support::start(Some(support::TOKEN));
    let base = server.base.clone();
    let (_driver, driver_url) = start_driver(&chromedriver);
    // Each session runs in a task so that a failed assertion still closes the browser.
    let mut failures = Vec::new();
    for javascript in [true, false] {
        let profile = tempfile::tempdir().unwrap();
        let c = connect(&driver_url, &chromium, profile.path(), javascript).await;
        let (c2, base2) = (c.clone(), base.clone());
        let run = tokio::spawn(async move {
            if javascript {
                scenarios(&c2, &base2).await
            } else {
                without_javascript(&c2, &base2).await
            }
        })
        .await;
        let _ = c.close().await;
        match run {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failures.push(e),
            Err(panic) => failures.push(format!("javascript={javascript}: {panic}")),
        }
    }
    eprintln!(
        "browser scenarios took {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

async fn scenarios(c: &Client, base: &str) -> Result<(), String> {
    // Home.
    c.goto(&format!("{base}/"))
        .await
        .map_err(|e| e.to_string())?;
    assert!(!text(c, Locator::Css("main h1")).await.is_empty());
    assert!(count(c, "ul.releases li").await > 0, "home lists releases");
    shot(c, "home").await;

    // Font size: larger grows the text, and stays larger on the next page.
    let before = number(c, TEXT_SIZE).await;
    click(c, Locator::Id("fs-large")).await;
    let after = number(c, TEXT_SIZE).await;
    assert!(after > before, "text grows: {before} → {after}");
    c.goto(&format!("{base}/events")).await.unwrap();
    let next_page = number(c, TEXT_SIZE).await;
    let class = string(c, "return document.documentElement.className").await;
    assert!(
        class.contains("fs-large"),
        "remembered across pages: {class}"
    );
    assert!(
        next_page > before * 1.1,
        "remembered size {next_page} vs {before}"
    );
    click(c, Locator::Id("fs-normal")).await;
    assert!(
        (number(c, TEXT_SIZE).await - before).abs() < 0.01,
        "back to normal"
    );
    shot(c, "events").await;

    // Search a word of one example release and reach it.
    c.goto(&format!("{base}/")).await.unwrap();
    type_into(c, Locator::Id("site-q"), "Ulaanbaatar").await;
    type_into(c, Locator::Id("site-q"), &enter()).await;
    wait(c, Locator::Css("ul.results li a")).await;
    assert!(
        count(c, "ul.results mark").await > 0,
        "snippets highlight the word"
    );
    shot(c, "search").await;
    follow(c, Locator::Css("ul.results li a"), Locator::Id("doc-title")).await;
    let title = text(c, Locator::Id("doc-title")).await;
    assert!(title.contains("Mongolia"), "reached the release: {title}");
    assert!(
        text(c, Locator::Id("release-text"))
            .await
            .contains("Ulaanbaatar")
    );
    assert!(
        lit_for(c, "q").await >= 1.0,
        "the searched word is highlighted in the release"
    );
    shot(c, "reader").await;

    // Choose an event card: its evidence is highlighted.
    let cards = c
        .find_all(Locator::Css("a.item[data-item^='e']"))
        .await
        .unwrap();
    assert!(!cards.is_empty(), "the release has event cards");
    cards[0].click().await.unwrap();
    let id = cards[0].attr("data-item").await.unwrap().unwrap();
    assert!(lit_for(c, &id).await >= 1.0, "evidence of {id} highlighted");
    let others = number(
        c,
        &format!("return document.querySelectorAll('.ev.hl:not([data-h~=\"{id}\"])').length"),
    )
    .await;
    assert_eq!(others, 0.0, "only {id}'s evidence is highlighted");
    let status = text(c, Locator::Id("hl-status")).await;
    assert!(status.contains("highlighted"), "status line: {status:?}");
    shot(c, "reader-highlight").await;
    // By keyboard: focus a person card and press Enter.
    if let Some(person) = c
        .find_all(Locator::Css("a.item[data-item^='p']"))
        .await
        .unwrap()
        .first()
    {
        let pid = person.attr("data-item").await.unwrap().unwrap();
        c.execute(
            "arguments[0].focus()",
            vec![serde_json::to_value(person).unwrap()],
        )
        .await
        .unwrap();
        person.send_keys(&enter()).await.unwrap();
        assert!(lit_for(c, &pid).await >= 1.0, "keyboard highlights {pid}");
        let focused = string(c, "return document.activeElement.getAttribute('data-item')").await;
        assert_eq!(focused, pid, "focus stays on the card");
    }

    // The print version.
    follow(
        c,
        Locator::Id("print-link"),
        Locator::Css("article.print-view"),
    )
    .await;
    assert!(c.current_url().await.unwrap().path().ends_with("/print"));
    let media = number(
        c,
        "return document.querySelectorAll('link[rel=stylesheet][media=print]').length",
    )
    .await;
    assert_eq!(media, 1.0, "print stylesheet linked");
    let printed = text(c, Locator::Css("article.print-view")).await;
    assert!(printed.contains("Ulaanbaatar") && printed.contains("Extracted record"));
    shot(c, "print").await;

    // A country pair page with its timeline chart.
    c.goto(&format!("{base}/")).await.unwrap();
    follow(c, Locator::Css("ul.pairs li a"), Locator::Css("svg.chart")).await;
    assert!(
        count(c, "svg.chart rect.bar").await > 0,
        "the chart has bars"
    );
    shot(c, "pair").await;
    // An event page lists its sources; a participant leads to a person page.
    follow(
        c,
        Locator::Css("ul.events li.event > a"),
        Locator::Css("ul.sources"),
    )
    .await;
    assert!(
        count(c, "ul.sources > li").await > 0,
        "the event page lists its sources"
    );
    shot(c, "event").await;
    // A person page, reached from the events list.
    c.goto(&format!("{base}/events")).await.unwrap();
    follow(
        c,
        Locator::Css("ul.events a[href^='/person/']"),
        Locator::Css("main h1"),
    )
    .await;
    assert!(
        c.current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/person/")
    );
    shot(c, "person").await;

    // Upload a release and see its record at once.
    c.goto(&format!("{base}/upload")).await.unwrap();
    type_into(c, Locator::Id("title"), "Talks with Vietnam").await;
    type_into(
        c,
        Locator::Id("text"),
        "On 5 May 2025 in Minsk, the Minister of Foreign Affairs of the Republic of Belarus \
         Maxim Ryzhenkov held talks with the Minister of Foreign Affairs of Vietnam Bui Thanh Son. \
         The ministers discussed trade and agreed to hold consultations in Hanoi in October 2025.",
    )
    .await;
    type_into(c, Locator::Id("token"), support::TOKEN).await;
    follow(c, Locator::Id("upload-submit"), Locator::Id("record-h")).await;
    let cards = c
        .find_all(Locator::Css("a.item[data-item^='e']"))
        .await
        .unwrap();
    assert!(!cards.is_empty(), "the uploaded release has events");
    cards[0].click().await.unwrap();
    assert!(count(c, ".ev.hl").await >= 1, "upload view highlights too");
    shot(c, "upload").await;
    follow(c, Locator::Id("stored-link"), Locator::Id("doc-title")).await;
    assert_eq!(
        text(c, Locator::Id("doc-title")).await,
        "Talks with Vietnam"
    );

    // A phone-sized window: no horizontal scrolling on the reader.
    c.set_window_size(390, 844).await.unwrap();
    let sideways = overflow(c).await;
    assert!(
        sideways <= 1.0,
        "no horizontal scroll on a phone: {sideways}px"
    );
    shot(c, "reader-phone").await;
    for path in [
        "/",
        "/events",
        "/pair/BLR/CHN",
        "/upload",
        "/search?q=Minsk",
    ] {
        c.goto(&format!("{base}{path}")).await.unwrap();
        let sideways = overflow(c).await;
        assert!(
            sideways <= 1.0,
            "{path}: horizontal scroll on a phone: {sideways}px"
        );
    }
    Ok(())
}

/// The same pages with JavaScript off: the font-size form and the highlight links
/// work through the server.
async fn without_javascript(c: &Client, base: &str) -> Result<(), String> {
    c.goto(&format!("{base}/search?q=Ulaanbaatar"))
        .await
        .unwrap();
    follow(c, Locator::Css("ul.results li a"), Locator::Id("doc-title")).await;
    let reader = c.current_url().await.unwrap();
    // The card is a link to ?hl=…: the server marks the evidence.
    let card = c
        .find(Locator::Css("a.item[data-item^='e']"))
        .await
        .unwrap();
    let id = card.attr("data-item").await.unwrap().unwrap();
    card.click().await.unwrap();
    wait(c, Locator::Css(".ev.hl")).await;
    let url = c.current_url().await.unwrap();
    assert!(
        url.query().unwrap_or("").contains(&format!("hl={id}")),
        "{url}"
    );
    // The script would have filled the status line: proof it did not run.
    let status = text(c, Locator::Id("hl-status")).await;
    assert_eq!(status, "", "JavaScript is off in this session");
    assert!(
        lit_for(c, &id).await >= 1.0,
        "server-side highlight of {id}"
    );
    let current = c
        .find(Locator::Css("a.item[aria-current='true']"))
        .await
        .unwrap();
    assert_eq!(
        current.attr("data-item").await.unwrap().as_deref(),
        Some(id.as_str())
    );
    // The font-size form posts, sets the cookie and returns to the page.
    follow(c, Locator::Id("fs-large"), Locator::Css("html.fs-large")).await;
    let back = c.current_url().await.unwrap();
    assert_eq!(back.path(), reader.path(), "returned to the reader");
    c.goto(&format!("{base}/events")).await.unwrap();
    assert!(
        c.find(Locator::Css("html.fs-large")).await.is_ok(),
        "remembered without JavaScript"
    );
    follow(c, Locator::Id("fs-normal"), Locator::Css("html.fs-normal")).await;
    Ok(())
}
