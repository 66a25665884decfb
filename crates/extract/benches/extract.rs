//! Throughput of `extract()` on the real White House readouts (../shared/real), after
//! checking that the seed release yields its five events. Prints MB/s of article text.

/// The allocator of the `attache` binary, so the figure is the one users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use attache_extract::extract;
use attache_ingest::{Document, Options};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::path::PathBuf;
use std::time::Instant;

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

fn load(dir: &std::path::Path) -> Vec<Document> {
    let mut docs = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return docs;
    };
    let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        for d in attache_ingest::read_path(&p, &Options::default()).flatten() {
            docs.push(d);
        }
    }
    docs
}

/// Nanoseconds this thread has run on a CPU (Linux), so the figure holds on a busy
/// machine; `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn bench(c: &mut Criterion) {
    let base = shared();
    let seed = load(&base.join("seed"));
    if let Some(doc) = seed.first() {
        let r = extract(doc);
        assert_eq!(r.events.len(), 5, "the seed release has five events");
    } else {
        eprintln!(
            "skipping the seed check: {} not found",
            base.join("seed").display()
        );
    }
    let docs = load(&base.join("real/wh-readouts"));
    if docs.is_empty() {
        eprintln!(
            "skipping: {} not found",
            base.join("real/wh-readouts").display()
        );
        return;
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    // Timed passes, reported plainly (criterion's own figure, wall time, follows): the
    // CPU time of the best of five is the figure that holds on a busy machine.
    let mut cpu_secs: Vec<f64> = Vec::new();
    for pass in 0..5 {
        let t = Instant::now();
        let cpu0 = thread_cpu_ns();
        let mut events = 0;
        for d in &docs {
            events += extract(d).events.len();
        }
        let secs = t.elapsed().as_secs_f64();
        let cpu = cpu0.zip(thread_cpu_ns()).map(|(a, b)| (b - a) as f64 / 1e9);
        if pass == 0 {
            eprintln!(
                "extract: {} documents, {:.2} MB of text, {} events in {:.3} s wall = {:.1} MB/s",
                docs.len(),
                bytes as f64 / 1e6,
                events,
                secs,
                bytes as f64 / 1e6 / secs
            );
        }
        cpu_secs.extend(cpu);
    }
    cpu_secs.sort_by(f64::total_cmp);
    if let (Some(best), Some(median)) = (cpu_secs.first(), cpu_secs.get(cpu_secs.len() / 2)) {
        eprintln!(
            "extract: {:.3} s on one core (best of {}; median {:.3} s) = {:.1} MB/s of CPU time (median {:.1})",
            best,
            cpu_secs.len(),
            median,
            bytes as f64 / 1e6 / best,
            bytes as f64 / 1e6 / median
        );
    }
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("wh-readouts", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                n += extract(d).events.len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
