//! The real `attache` binary on `extract` and `eval`: JSON shapes, exit codes, the same
//! record through every path (file, directory, standard input as JSON Lines), and the
//! eval table on the project-owned fixture corpora in `tests/fixtures/`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_attache");
const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

fn examples() -> PathBuf {
    Path::new(MANIFEST).join("../../examples")
}

fn fixtures(name: &str) -> PathBuf {
    Path::new(MANIFEST).join("tests/fixtures").join(name)
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run attache");
    {
        let mut pipe = child.stdin.take().unwrap();
        if let Some(input) = stdin {
            pipe.write_all(input.as_bytes()).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

fn stdout_lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {e}: {l}")))
        .collect()
}

/// Files of a directory (recursively), sorted, as ingest reads them.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            // As ingest reads a directory: hidden and README files are skipped.
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if !name.starts_with('.') && !name.starts_with("README") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn assert_record_shape(v: &Value) {
    let doc = &v["document"];
    assert!(doc["id"].is_string(), "document.id: {v}");
    assert!(doc["source"].is_string());
    assert!(doc["text"].is_string());
    let r = &v["record"];
    for key in [
        "sentences",
        "mentions",
        "actors",
        "events",
        "topics",
        "quantities",
    ] {
        assert!(r[key].is_array(), "record.{key} is not an array: {r}");
    }
    assert_eq!(r["doc_id"], doc["id"]);
    let text = doc["text"].as_str().unwrap();
    for e in r["events"].as_array().unwrap() {
        assert!(e["kind"].is_string() && e["status"].is_string() && e["sides"].is_array());
        for span in e["evidence"].as_array().unwrap() {
            let (s, t) = (
                span["start"].as_u64().unwrap(),
                span["end"].as_u64().unwrap(),
            );
            assert!(
                s <= t && (t as usize) <= text.len(),
                "evidence out of text: {span}"
            );
        }
    }
}

/// The record without what legitimately depends on the input path (the document id).
fn comparable(v: &Value) -> Value {
    let mut r = v["record"].clone();
    r["doc_id"] = Value::Null;
    r
}

#[test]
fn extract_examples_as_json_lines() {
    let dir = examples();
    let n_files = files(&dir).len();
    let out = run(&["extract", dir.to_str().unwrap(), "--jsonl"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = stdout_lines(&out);
    assert!(
        lines.len() >= n_files,
        "{} lines for {n_files} files",
        lines.len()
    );
    for v in &lines {
        assert_record_shape(v);
    }
}

#[test]
fn extract_pretty_prints_one_document_per_input() {
    let Some(file) = files(&examples()).into_iter().next() else {
        eprintln!("skipping: examples/ is empty");
        return;
    };
    let out = run(&["extract", file.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let values: Vec<Value> = serde_json::Deserializer::from_str(&stdout)
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!values.is_empty());
    assert!(stdout.contains("\n  \"record\": {"), "not pretty-printed");
    values.iter().for_each(assert_record_shape);
}

#[test]
fn same_record_through_file_directory_and_stdin() {
    // Every non-feed example: the record from the file alone, from the directory run,
    // and from standard input as a JSON Lines document must be the same.
    let dir = examples();
    let from_dir = stdout_lines(&run(&["extract", dir.to_str().unwrap(), "--jsonl"], None));
    let mut checked = 0;
    for file in files(&dir) {
        let out = run(&["extract", file.to_str().unwrap(), "--jsonl"], None);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lines = stdout_lines(&out);
        if lines.len() != 1 || !lines[0]["document"]["feed"].is_null() {
            continue; // feeds and multi-document files are covered by the directory run
        }
        let single = &lines[0];
        let source = single["document"]["source"].as_str().unwrap();
        let in_dir = from_dir
            .iter()
            .find(|v| {
                Path::new(v["document"]["source"].as_str().unwrap()).file_name()
                    == Path::new(source).file_name()
            })
            .unwrap_or_else(|| panic!("{source} missing from the directory run"));
        assert_eq!(
            comparable(single),
            comparable(in_dir),
            "{source}: file vs directory"
        );

        let doc = &single["document"];
        let mut line = serde_json::json!({
            "text": doc["text"],
            "title": doc["title"],
            "published": doc["published"],
            "language": doc["language"],
        });
        if !doc["url"].is_null() {
            line["url"] = doc["url"].clone();
        }
        let out = run(&["extract", "-", "--jsonl"], Some(&format!("{line}\n")));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let piped = stdout_lines(&out);
        assert_eq!(
            piped.len(),
            1,
            "{source}: one JSON Lines document in, one out"
        );
        assert_eq!(
            piped[0]["document"]["text"], doc["text"],
            "{source}: text via stdin"
        );
        assert_eq!(
            comparable(&piped[0]),
            comparable(single),
            "{source}: file vs stdin"
        );
        checked += 1;
    }
    eprintln!("{checked} examples compared through every path");
}

#[test]
fn extract_reads_json_lines_on_stdin() {
    let input = concat!(
        r#"{"title":"Talks in Astana","published":"2024-05-21","language":"en","text":"On 21 May 2024 in Astana, the Minister of Foreign Affairs of Belarus Sergei Aleinik held talks with the Minister of Foreign Affairs of Kazakhstan Murat Nurtleu."}"#,
        "\n",
        r#"{"title":"Second","published":"2024-05-22","text":"The Minister of Foreign Affairs of Uzbekistan Bakhtiyor Saidov received the Ambassador of Japan."}"#,
        "\n"
    );
    let out = run(&["extract", "-", "--jsonl"], Some(input));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 2);
    lines.iter().for_each(assert_record_shape);
    assert_eq!(lines[0]["document"]["title"], "Talks in Astana");
    assert_eq!(lines[1]["document"]["published"], "2024-05-22");
}

#[test]
fn gold_format_projects_records() {
    let doc = fixtures("eval/docs/ltu-pol-mfa-2024-03-12.txt");
    let out = run(
        &["extract", "--gold-format", "--jsonl", doc.to_str().unwrap()],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 1);
    let g = &lines[0];
    assert_eq!(g["id"], "ltu-pol-mfa-2024-03-12");
    assert!(g["events"].is_array() && g["topics"].is_array() && g["quantities"].is_array());
    for key in [
        "countries",
        "organizations",
        "places",
        "persons",
        "companies",
    ] {
        assert!(g["mentions"][key].is_array(), "mentions.{key}");
    }
    assert!(g.get("items").is_none());
}

#[test]
fn a_bad_input_is_named_and_fails_the_run() {
    let good = fixtures("eval/docs/ltu-pol-mfa-2024-03-12.txt");
    let bad = fixtures("eval/docs/no-such-release.txt");
    let out = run(
        &[
            "extract",
            "--jsonl",
            bad.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such-release.txt"), "stderr: {stderr}");
    // The good input after the bad one is still extracted.
    assert_eq!(stdout_lines(&out).len(), 1);
}

/// Parse the `--json` report.
fn eval_json(corpus: &Path) -> Value {
    let out = run(
        &["eval", "--corpus", corpus.to_str().unwrap(), "--json"],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn total(v: &Value, metric: &str) -> (u64, u64, u64) {
    let m = &v["report"]["total"][metric];
    (
        m["tp"].as_u64().unwrap(),
        m["fp"].as_u64().unwrap(),
        m["fn"].as_u64().unwrap(),
    )
}

/// The numbers of a table row: (name, the numeric columns).
fn table_row(table: &str, name: &str) -> Vec<f64> {
    let line = table
        .lines()
        .find(|l| l.starts_with(name) && l[name.len()..].starts_with("  "))
        .unwrap_or_else(|| panic!("no row {name:?} in\n{table}"));
    line[name.len()..]
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect()
}

#[test]
fn eval_counts_every_gold_item_of_the_fixture_corpus() {
    let corpus = fixtures("eval");
    let v = eval_json(&corpus);
    assert_eq!(v["gold_files"], 2);
    assert_eq!(v["report"]["records"], 2);
    assert_eq!(v["report"]["failed"], 0);
    // Whatever extraction finds, every gold item is either found or missed.
    let gold_sizes = [
        ("events", 4),
        ("events_core", 4),
        ("participants", 4),
        ("countries", 5),
        ("organizations", 0),
        ("places", 2),
        ("persons", 4),
        ("companies", 0),
        ("topics", 6),
        ("quantities", 1),
    ];
    for (metric, n) in gold_sizes {
        let (tp, _, fn_) = total(&v, metric);
        assert_eq!(tp + fn_, n, "{metric}: tp + fn");
    }
    let acc = &v["report"]["total"];
    assert_eq!(acc["title"]["total"], 2);
    assert_eq!(acc["published"]["total"], 2);

    // The table shows the same numbers, with P/R/F1 computed from them.
    let out = run(&["eval", "--corpus", corpus.to_str().unwrap()], None);
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("records with the most misses"), "{table}");
    for (row, metric) in [
        ("events", "events"),
        ("events (core kinds)", "events_core"),
        ("persons", "persons"),
        ("topics", "topics"),
    ] {
        let (tp, fp, fn_) = total(&v, metric);
        let cols = table_row(&table, row);
        assert_eq!(cols[3..], [tp as f64, fp as f64, fn_ as f64], "{row}");
        let f1 = if tp + fp + fn_ == 0 {
            1.0
        } else {
            2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
        };
        assert!(
            (cols[2] - f1).abs() < 0.0006,
            "{row}: F1 {} vs {f1}",
            cols[2]
        );
    }
    let title = table_row(&table, "title");
    assert_eq!(title[2], 2.0);
}

#[test]
fn eval_counts_a_missing_document_as_all_missed() {
    let corpus = fixtures("eval-missing");
    let out = run(&["eval", "--corpus", corpus.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("absent-2024-01-01.txt"), "stderr: {stderr}");
    let table = String::from_utf8(out.stdout).unwrap();
    assert_eq!(table_row(&table, "events"), [1.0, 0.0, 0.0, 0.0, 0.0, 2.0]);
    assert_eq!(
        table_row(&table, "events (core kinds)"),
        [1.0, 0.0, 0.0, 0.0, 0.0, 1.0]
    );
    assert_eq!(
        table_row(&table, "countries"),
        [1.0, 0.0, 0.0, 0.0, 0.0, 2.0]
    );
    assert_eq!(
        table_row(&table, "organizations"),
        [1.0, 0.0, 0.0, 0.0, 0.0, 1.0]
    );
    assert_eq!(table_row(&table, "topics"), [1.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
    assert_eq!(table_row(&table, "title"), [0.0, 0.0, 1.0]);
    assert_eq!(table_row(&table, "published"), [0.0, 0.0, 1.0]);
    assert_eq!(table_row(&table, "event date"), [1.0, 0.0, 0.0]);
    let worst = table_row(&table, "absent-2024-01-01");
    // total events values mentions topics quantities metadata
    assert_eq!(worst[..7], [8.0, 2.0, 0.0, 3.0, 1.0, 0.0, 2.0]);

    let v = eval_json(&corpus);
    assert_eq!(v["report"]["failed"], 1);
    assert_eq!(total(&v, "events"), (0, 0, 2));

    let out = run(
        &[
            "eval",
            "--corpus",
            corpus.to_str().unwrap(),
            "--doc",
            "absent-2024-01-01",
        ],
        None,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("== absent-2024-01-01 — 8 misses"), "{text}");
    assert!(text.contains("FAILED"));
    assert!(
        text.contains("- missed event    meeting [BLR KAZ] 2024-01-01 — \"met\""),
        "{text}"
    );
    assert!(text.contains("- organizations   CIS"), "{text}");
}

#[test]
fn eval_without_gold_is_an_error() {
    let out = run(
        &["eval", "--corpus", fixtures("eval/docs").to_str().unwrap()],
        None,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("gold"));
}

#[test]
fn eval_prints_the_expected_table_for_saved_predictions() {
    // Hand-made predictions with known errors: a wrong date, a wrong status, a missed
    // planned meeting, a spurious support event, a surname printed first in capitals,
    // folded diacritics and case, missed and spurious topics, a spurious quantity and a
    // wrong publication date.
    let corpus = fixtures("eval");
    let predicted = corpus.join("predicted");
    let out = run(
        &[
            "eval",
            "--corpus",
            corpus.to_str().unwrap(),
            "--predictions",
            predicted.to_str().unwrap(),
            "--verbose",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = String::from_utf8(out.stdout).unwrap();
    let row = |name: &str| table_row(&t, name);
    assert_eq!(row("events"), [0.75, 0.75, 0.75, 3.0, 1.0, 1.0]);
    assert_eq!(
        row("events (core kinds)"),
        [1.0, 0.75, 0.857, 3.0, 0.0, 1.0]
    );
    assert_eq!(row("participants"), [1.0, 1.0, 1.0, 4.0, 0.0, 0.0]);
    assert_eq!(row("countries"), [1.0, 0.8, 0.889, 4.0, 0.0, 1.0]);
    assert_eq!(row("organizations"), [1.0, 1.0, 1.0, 0.0, 0.0, 0.0]);
    assert_eq!(row("places"), [1.0, 1.0, 1.0, 2.0, 0.0, 0.0]);
    assert_eq!(row("persons"), [1.0, 1.0, 1.0, 4.0, 0.0, 0.0]);
    assert_eq!(row("topics"), [0.8, 0.667, 0.727, 4.0, 1.0, 2.0]);
    assert_eq!(row("quantities"), [0.5, 1.0, 0.667, 1.0, 1.0, 0.0]);
    assert_eq!(row("event date"), [0.667, 2.0, 3.0]);
    assert_eq!(row("event status"), [0.667, 2.0, 3.0]);
    assert_eq!(row("event place"), [1.0, 2.0, 2.0]);
    assert_eq!(row("title"), [1.0, 2.0, 2.0]);
    assert_eq!(row("published"), [0.5, 1.0, 2.0]);
    // Worst first: total, events, values, mentions, topics, quantities, metadata.
    assert_eq!(
        row("ltu-pol-mfa-2024-03-12"),
        [6.0, 2.0, 1.0, 1.0, 2.0, 0.0, 0.0]
    );
    assert_eq!(
        row("uzb-hun-mfa-2024-06-05"),
        [4.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0]
    );
    let ltu = t.find("ltu-pol-mfa-2024-03-12 ").unwrap();
    let uzb = t.find("uzb-hun-mfa-2024-06-05 ").unwrap();
    assert!(ltu < uzb, "most misses first:\n{t}");
    // The differences.
    for line in [
        "== ltu-pol-mfa-2024-03-12 — 6 misses",
        "  - missed event    meeting [LTU POL] 2024-04 @Vilnius, LTU (planned) — \"agreed to meet in Vilnius in April 2024\"",
        "  + spurious event  support_expressed [LTU UKR]",
        "  ~ date            phone_call [LTU POL] 2024-03-12: predicted 2024-03-11, gold 2024-03-12",
        "  - countries       UKR",
        "  - topics          visits",
        "  + topics          security",
        "  ~ status          agreement_signed [HUN UZB] 2024-06-05 @Tashkent, UZB: predicted planned, gold occurred",
        "  ~ published       document: predicted 2024-06-04, gold 2024-06-05",
        "  + quantities      2023 year",
    ] {
        assert!(t.contains(line), "missing {line:?} in\n{t}");
    }
}

#[test]
fn gold_format_prints_a_feed_as_one_object_with_its_items() {
    let feeds: Vec<PathBuf> = files(&examples())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    if feeds.is_empty() {
        eprintln!("skipping: no feed in examples/");
        return;
    }
    for feed in feeds {
        let plain = stdout_lines(&run(&["extract", "--jsonl", feed.to_str().unwrap()], None));
        let out = run(
            &[
                "extract",
                "--gold-format",
                "--jsonl",
                feed.to_str().unwrap(),
            ],
            None,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lines = stdout_lines(&out);
        assert_eq!(lines.len(), 1, "{}: one object per feed", feed.display());
        let g = &lines[0];
        let stem = feed.file_stem().unwrap().to_str().unwrap();
        assert_eq!(g["id"], stem);
        assert!(g.get("events").is_none(), "a feed has no events of its own");
        let items = g["items"].as_array().unwrap();
        assert_eq!(items.len(), plain.len(), "{}: every item", feed.display());
        for (n, item) in items.iter().enumerate() {
            assert_eq!(item["id"], format!("{stem}#{}", n + 1), "feed order");
            assert!(item["events"].is_array());
        }
        // The channel's metadata is the feed's, shared by every item.
        let channel = &plain[0]["document"]["feed"];
        assert_eq!(g["title"], channel["title"]);
        assert_eq!(g["published"], channel["published"]);
    }
}
