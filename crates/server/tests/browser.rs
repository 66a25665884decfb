//! The web UI in headless Chromium, driven through chromedriver (WebDriver) against a
//! real server on an ephemeral port: font size, print view, search, the pair chart,
//! evidence highlighting (mouse and keyboard), upload. Saves screenshots of the main
//! pages to `docs/screenshots/`.
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
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots")
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
    let h1 = c
        .find(Locator::Css("main h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!h1.is_empty());
    assert!(
        !c.find_all(Locator::Css("ul.releases li"))
            .await
            .unwrap()
            .is_empty(),
        "home lists releases"
    );
    shot(c, "home").await;

    // Font size: larger grows the text, and stays larger on the next page.
    let before = number(c, TEXT_SIZE).await;
    c.find(Locator::Id("fs-large"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let after = number(c, TEXT_SIZE).await;
    assert!(after > before, "text grows: {before} → {after}");
    c.goto(&format!("{base}/events")).await.unwrap();
    let next_page = number(c, TEXT_SIZE).await;
    let class: String = c
        .execute("return document.documentElement.className", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(
        class.contains("fs-large"),
        "remembered across pages: {class}"
    );
    assert!(
        next_page > before * 1.1,
        "remembered size {next_page} vs {before}"
    );
    c.find(Locator::Id("fs-normal"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(
        (number(c, TEXT_SIZE).await - before).abs() < 0.01,
        "back to normal"
    );
    shot(c, "events").await;

    // Search a word of one example release and reach it.
    c.goto(&format!("{base}/")).await.unwrap();
    let q = c.find(Locator::Id("site-q")).await.unwrap();
    q.send_keys("Ulaanbaatar").await.unwrap();
    q.send_keys(&String::from(char::from(Key::Enter)))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("ul.results li a"))
        .await
        .unwrap();
    let marks = c.find_all(Locator::Css("ul.results mark")).await.unwrap();
    assert!(!marks.is_empty(), "snippets highlight the word");
    shot(c, "search").await;
    c.find(Locator::Css("ul.results li a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Id("doc-title"))
        .await
        .unwrap();
    let title = c
        .find(Locator::Id("doc-title"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(title.contains("Mongolia"), "reached the release: {title}");
    let text = c
        .find(Locator::Id("release-text"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("Ulaanbaatar"));
    let words = c
        .find_all(Locator::Css(".ev.hl[data-h~='q']"))
        .await
        .unwrap();
    assert!(
        !words.is_empty(),
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
    let lit = number(
        c,
        &format!("return document.querySelectorAll('.ev.hl[data-h~=\"{id}\"]').length"),
    )
    .await;
    assert!(lit >= 1.0, "evidence of {id} highlighted");
    let others = number(
        c,
        &format!("return document.querySelectorAll('.ev.hl:not([data-h~=\"{id}\"])').length"),
    )
    .await;
    assert_eq!(others, 0.0, "only {id}'s evidence is highlighted");
    let status = c
        .find(Locator::Id("hl-status"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
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
        person
            .send_keys(&String::from(char::from(Key::Enter)))
            .await
            .unwrap();
        let lit = number(
            c,
            &format!("return document.querySelectorAll('.ev.hl[data-h~=\"{pid}\"]').length"),
        )
        .await;
        assert!(lit >= 1.0, "keyboard highlights {pid}");
        let focused: String = c
            .execute(
                "return document.activeElement.getAttribute('data-item')",
                vec![],
            )
            .await
            .unwrap()
            .as_str()
            .unwrap_or("")
            .to_string();
        assert_eq!(focused, pid, "focus stays on the card");
    }

    // The print version.
    c.find(Locator::Id("print-link"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("article.print-view"))
        .await
        .unwrap();
    assert!(c.current_url().await.unwrap().path().ends_with("/print"));
    let media = number(
        c,
        "return document.querySelectorAll('link[rel=stylesheet][media=print]').length",
    )
    .await;
    assert_eq!(media, 1.0, "print stylesheet linked");
    let printed = c
        .find(Locator::Css("article.print-view"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(printed.contains("Ulaanbaatar") && printed.contains("Extracted record"));
    shot(c, "print").await;

    // A country pair page with its timeline chart.
    c.goto(&format!("{base}/")).await.unwrap();
    c.find(Locator::Css("ul.pairs li a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("svg.chart"))
        .await
        .unwrap();
    let bars = c
        .find_all(Locator::Css("svg.chart rect.bar"))
        .await
        .unwrap();
    assert!(!bars.is_empty(), "the chart has bars");
    shot(c, "pair").await;
    // An event page lists its sources; a participant leads to a person page.
    c.find(Locator::Css("ul.events li.event > a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("ul.sources"))
        .await
        .unwrap();
    let sources = c.find_all(Locator::Css("ul.sources > li")).await.unwrap();
    assert!(!sources.is_empty(), "the event page lists its sources");
    shot(c, "event").await;
    // A person page, reached from the events list.
    c.goto(&format!("{base}/events")).await.unwrap();
    c.find(Locator::Css("ul.events a[href^='/person/']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Css("main h1")).await.unwrap();
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
    c.find(Locator::Id("title"))
        .await
        .unwrap()
        .send_keys("Talks with Vietnam")
        .await
        .unwrap();
    c.find(Locator::Id("text"))
        .await
        .unwrap()
        .send_keys(
            "On 5 May 2025 in Minsk, the Minister of Foreign Affairs of the Republic of Belarus \
             Maxim Ryzhenkov held talks with the Minister of Foreign Affairs of Vietnam Bui Thanh Son. \
             The ministers discussed trade and agreed to hold consultations in Hanoi in October 2025.",
        )
        .await
        .unwrap();
    c.find(Locator::Id("token"))
        .await
        .unwrap()
        .send_keys(support::TOKEN)
        .await
        .unwrap();
    c.find(Locator::Id("upload-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("record-h")).await.unwrap();
    let cards = c
        .find_all(Locator::Css("a.item[data-item^='e']"))
        .await
        .unwrap();
    assert!(!cards.is_empty(), "the uploaded release has events");
    cards[0].click().await.unwrap();
    let lit = number(c, "return document.querySelectorAll('.ev.hl').length").await;
    assert!(lit >= 1.0, "upload view highlights too");
    shot(c, "upload").await;
    c.find(Locator::Id("stored-link"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Id("doc-title"))
        .await
        .unwrap();
    let t = c
        .find(Locator::Id("doc-title"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(t, "Talks with Vietnam");

    // A phone-sized window: no horizontal scrolling on the reader.
    c.set_window_size(390, 844).await.unwrap();
    let overflow = number(
        c,
        "return document.documentElement.scrollWidth - window.innerWidth",
    )
    .await;
    assert!(
        overflow <= 1.0,
        "no horizontal scroll on a phone: {overflow}px"
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
        let overflow = number(
            c,
            "return document.documentElement.scrollWidth - window.innerWidth",
        )
        .await;
        assert!(
            overflow <= 1.0,
            "{path}: horizontal scroll on a phone: {overflow}px"
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
    c.find(Locator::Css("ul.results li a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Id("doc-title"))
        .await
        .unwrap();
    let reader = c.current_url().await.unwrap();
    // The card is a link to ?hl=…: the server marks the evidence.
    let card = c
        .find(Locator::Css("a.item[data-item^='e']"))
        .await
        .unwrap();
    let id = card.attr("data-item").await.unwrap().unwrap();
    card.click().await.unwrap();
    c.wait().for_element(Locator::Css(".ev.hl")).await.unwrap();
    let url = c.current_url().await.unwrap();
    assert!(
        url.query().unwrap_or("").contains(&format!("hl={id}")),
        "{url}"
    );
    // The script would have filled the status line: proof it did not run.
    let status = c
        .find(Locator::Id("hl-status"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(status, "", "JavaScript is off in this session");
    let lit = c
        .find_all(Locator::Css(&format!(".ev.hl[data-h~='{id}']")))
        .await
        .unwrap();
    assert!(!lit.is_empty(), "server-side highlight of {id}");
    let current = c
        .find(Locator::Css("a.item[aria-current='true']"))
        .await
        .unwrap();
    assert_eq!(
        current.attr("data-item").await.unwrap().as_deref(),
        Some(id.as_str())
    );
    // The font-size form posts, sets the cookie and returns to the page.
    c.find(Locator::Id("fs-large"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("html.fs-large"))
        .await
        .unwrap();
    let back = c.current_url().await.unwrap();
    assert_eq!(back.path(), reader.path(), "returned to the reader");
    c.goto(&format!("{base}/events")).await.unwrap();
    assert!(
        c.find(Locator::Css("html.fs-large")).await.is_ok(),
        "remembered without JavaScript"
    );
    c.find(Locator::Id("fs-normal"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("html.fs-normal"))
        .await
        .unwrap();
    Ok(())
}
