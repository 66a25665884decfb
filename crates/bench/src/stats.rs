//! Latency percentiles of repeated timings.

use std::time::Duration;

/// Summary of one series of timings, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
    pub mean: f64,
}

/// The nearest-rank percentile `p` (0–100) of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Percentiles of `times` (none: all zero).
pub fn summarize(times: &[Duration]) -> Summary {
    let mut ms: Vec<f64> = times.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let mean = if ms.is_empty() {
        0.0
    } else {
        ms.iter().sum::<f64>() / ms.len() as f64
    };
    Summary {
        count: ms.len(),
        p50: percentile(&ms, 50.0),
        p90: percentile(&ms, 90.0),
        p99: percentile(&ms, 99.0),
        max: ms.last().copied().unwrap_or(0.0),
        mean,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank() {
        let t: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let s = summarize(&t);
        assert_eq!((s.p50, s.p99, s.max), (50.0, 99.0, 100.0));
        assert_eq!(summarize(&[]).count, 0);
    }
}
