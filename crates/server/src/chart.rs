//! Hand-written SVG: the events of a pair of countries by month, stacked by kind.
//!
//! Colours are presentation attributes (not `style`), so the chart renders under a
//! Content-Security-Policy without `unsafe-inline`. Each bar carries a `<title>` and the
//! chart a text alternative; the page also shows the same numbers as a table.

use crate::html::{Html, w};
use std::collections::BTreeMap;

/// Colour of an event kind (colour-blind-friendly palette; rare kinds share grey).
pub(crate) fn kind_colour(kind: &str) -> &'static str {
    match kind {
        "meeting" => "#1f5fa8",
        "phone_call" => "#6aa2d8",
        "visit" => "#2e7d4f",
        "consultations" => "#8bbf6a",
        "multilateral_meeting" => "#6b4c9a",
        "agreement_signed" => "#b8860b",
        "cooperation_pledged" => "#d4a437",
        "support_expressed" => "#c0504d",
        "congratulations" => "#9c6b4e",
        "condolences" => "#4d4d4d",
        "credentials" => "#c27ba0",
        "opening" => "#1a9e9e",
        "aid" => "#8c8c1e",
        "protest" => "#e07b39",
        "sanction" => "#8b1e3f",
        _ => "#8a8f98",
    }
}

/// Month key `YYYY-MM` → the next month's key.
fn next_month(m: &str) -> Option<String> {
    let (y, mo) = m.split_once('-')?;
    let (y, mo): (i32, u32) = (y.parse().ok()?, mo.parse().ok()?);
    Some(if mo >= 12 {
        format!("{:04}-01", y + 1)
    } else {
        format!("{:04}-{:02}", y, mo + 1)
    })
}

/// Counts by month (`YYYY-MM`) and kind → an `<svg>` stacked bar chart.
/// `counts` may be sparse; months without events between the first and last appear
/// as gaps. At most 120 months are drawn (the latest).
pub(crate) fn month_chart(counts: &BTreeMap<String, BTreeMap<String, usize>>, label: &str) -> Html {
    let mut months: Vec<String> = Vec::new();
    if let (Some(first), Some(last)) = (counts.keys().next(), counts.keys().next_back()) {
        let mut m = first.clone();
        while months.len() < 2000 {
            months.push(m.clone());
            if &m >= last {
                break;
            }
            match next_month(&m) {
                Some(n) => m = n,
                None => break,
            }
        }
    }
    if months.len() > 120 {
        months.drain(..months.len() - 120);
    }
    let max = months
        .iter()
        .map(|m| {
            counts
                .get(m)
                .map(|k| k.values().sum::<usize>())
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0)
        .max(1);
    let (left, top, plot_h, bottom) = (36usize, 10usize, 160usize, 40usize);
    // Bars share about 720 px, each slot between 10 and 64 px.
    let slot = (720 / months.len().max(1)).clamp(10, 64);
    let gap = (slot / 4).max(2);
    let bar_w = slot - gap;
    let label_every_month = slot >= 56;
    let width = left + months.len().max(1) * slot + gap + 10;
    let height = top + plot_h + bottom;

    let mut h = Html::new();
    w!(h, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 "
        {width} " " {height} "\" width=\"" {width} "\" height=\"" {height} "\">"
        "<title id=\"chart-title\">" {label} "</title>");
    // Axis and ticks.
    let step = if max <= 5 { 1 } else { max.div_ceil(5) };
    let mut v = 0;
    while v <= max {
        let y = top + plot_h - v * plot_h / max;
        w!(h, "<line x1=\"" {left} "\" x2=\"" {width - 5} "\" y1=\"" {y} "\" y2=\"" {y}
            "\" stroke=\"#d0d4da\" stroke-width=\"1\"/>"
            "<text x=\"" {left - 6} "\" y=\"" {y + 4} "\" text-anchor=\"end\" font-size=\"11\" fill=\"#333\">" {v} "</text>");
        v += step;
    }
    for (i, m) in months.iter().enumerate() {
        let x = left + i * slot + gap;
        let mut y = top + plot_h;
        if let Some(kinds) = counts.get(m) {
            for (kind, &n) in kinds {
                let bh = n * plot_h / max;
                y -= bh;
                w!(h, "<rect class=\"bar\" data-kind=\"" {kind} "\" x=\"" {x} "\" y=\"" {y} "\" width=\"" {bar_w}
                    "\" height=\"" {bh} "\" fill=\"" {kind_colour(kind)} "\"><title>" {m} ": " {n} " "
                    {kind.replace('_', " ")} "</title></rect>");
            }
        }
        // Label January of each year, and every month on short charts.
        if label_every_month || m.ends_with("-01") || i == 0 {
            let lx = x + bar_w / 2;
            let ly = top + plot_h + 14;
            let text = if label_every_month {
                m.as_str()
            } else {
                m.get(..4).unwrap_or(m)
            };
            w!(h, "<text x=\"" {lx} "\" y=\"" {ly} "\" text-anchor=\"middle\" font-size=\"10\" fill=\"#333\">" {text} "</text>");
        }
    }
    h.raw("</svg>");
    h
}

/// The legend for the kinds present.
pub(crate) fn legend(kinds: &[String]) -> Html {
    let mut h = Html::new();
    h.raw("<ul class=\"legend\">");
    for k in kinds {
        w!(h, "<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\""
            {kind_colour(k)} "\"/></svg> " {k.replace('_', " ")} "</li>");
    }
    h.raw("</ul>");
    h
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_gaps_between_months() {
        let mut c: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        c.entry("2024-11".into())
            .or_default()
            .insert("meeting".into(), 2);
        c.entry("2025-02".into())
            .or_default()
            .insert("visit".into(), 1);
        c.entry("2025-02".into())
            .or_default()
            .insert("meeting".into(), 1);
        let svg = month_chart(&c, "BLR–CHN").into_string();
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 3);
        assert!(svg.contains("2025-02: 1 visit"));
        assert!(svg.starts_with("<svg"));
        assert_eq!(next_month("2024-12").as_deref(), Some("2025-01"));
    }
}
