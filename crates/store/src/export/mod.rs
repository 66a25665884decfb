//! Exports of events: JSON Lines, CSV, PLOVER JSON, CAMEO (GDELT layout), iCalendar
//! and Parquet, each written to any `Write` and taking the same [`EventFilter`] as
//! [`Store::events`]. Events stream one at a time, so memory stays small.

use crate::{EventFilter, EventRow, Result, Store};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::io::Write;

mod cameo;
pub mod codes;
mod ics;
mod parquet;
mod plover;

pub use cameo::{CAMEO_COLUMNS, cameo_rows};
pub use plover::{PloverActor, PloverLocation, PloverRecord, PloverSource, plover_record};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// One JSON object per event ([`EventRow`]: participants, sides, sources, evidence).
    Jsonl,
    /// One row per event.
    Csv,
    /// PLOVER JSON records, one per line.
    Plover,
    /// Tab-separated dyadic rows in the GDELT event layout; one row per pair of sides.
    Cameo,
    /// iCalendar (RFC 5545) of planned events dated to the day.
    Ics,
    /// Apache Parquet, one row per event.
    Parquet,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Jsonl,
        Format::Csv,
        Format::Plover,
        Format::Cameo,
        Format::Ics,
        Format::Parquet,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Plover => "plover",
            Format::Cameo => "cameo",
            Format::Ics => "ics",
            Format::Parquet => "parquet",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// MIME type of the output.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jsonl | Format::Plover => "application/x-ndjson",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Cameo => "text/tab-separated-values; charset=utf-8",
            Format::Ics => "text/calendar; charset=utf-8",
            Format::Parquet => "application/vnd.apache.parquet",
        }
    }

    /// Usual file name extension of the output.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Plover => "plover.jsonl",
            Format::Csv => "csv",
            Format::Cameo => "cameo.tsv",
            Format::Ics => "ics",
            Format::Parquet => "parquet",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        Format::parse(s.trim()).ok_or_else(|| {
            let all: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
            format!("unknown export format {s:?}; one of: {}", all.join(", "))
        })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSummary {
    /// Events the filter selected.
    pub events: usize,
    /// Rows (lines, records, dyads, calendar entries) written.
    pub rows: usize,
    /// Events the format cannot represent (no date for CAMEO, no PLOVER type, not a
    /// planned event dated to the day for iCalendar).
    pub skipped: usize,
}

/// Write the events `filter` selects to `out` in `format`.
pub fn export<W: Write + Send>(
    store: &Store,
    filter: &EventFilter,
    format: Format,
    mut out: W,
) -> Result<ExportSummary> {
    let mut summary = ExportSummary::default();
    match format {
        Format::Jsonl => {
            store.for_each_event(filter, |e| {
                summary.events += 1;
                serde_json::to_writer(&mut out, &e)?;
                out.write_all(b"\n")?;
                summary.rows += 1;
                Ok(())
            })?;
        }
        Format::Plover => {
            store.for_each_event(filter, |e| {
                summary.events += 1;
                match plover_record(&e) {
                    Some(r) => {
                        serde_json::to_writer(&mut out, &r)?;
                        out.write_all(b"\n")?;
                        summary.rows += 1;
                    }
                    None => summary.skipped += 1,
                }
                Ok(())
            })?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(CSV_COLUMNS)?;
            store.for_each_event(filter, |e| {
                summary.events += 1;
                w.write_record(csv_row(&e))?;
                summary.rows += 1;
                Ok(())
            })?;
            w.flush()?;
        }
        Format::Cameo => {
            let mut w = csv::WriterBuilder::new()
                .delimiter(b'\t')
                .quote_style(csv::QuoteStyle::Never)
                .from_writer(&mut out);
            w.write_record(CAMEO_COLUMNS)?;
            store.for_each_event(filter, |e| {
                summary.events += 1;
                let rows = cameo_rows(&e);
                if rows.is_empty() {
                    summary.skipped += 1;
                }
                for row in rows {
                    w.write_record(row.iter().map(|f| clean_tsv(f)))?;
                    summary.rows += 1;
                }
                Ok(())
            })?;
            w.flush()?;
        }
        Format::Ics => {
            let mut cal = ics::Calendar::new(&mut out)?;
            store.for_each_event(filter, |e| {
                summary.events += 1;
                if cal.event(&e)? {
                    summary.rows += 1;
                } else {
                    summary.skipped += 1;
                }
                Ok(())
            })?;
            cal.finish()?;
        }
        Format::Parquet => {
            let mut w = parquet::EventsWriter::new(&mut out)?;
            store.for_each_event(filter, |e| {
                summary.events += 1;
                w.push(&e)?;
                summary.rows += 1;
                Ok(())
            })?;
            w.finish()?;
        }
    }
    out.flush()?;
    Ok(summary)
}

/// Tabs and line breaks would break a TSV row: fold them to spaces.
fn clean_tsv(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Columns of the CSV export.
pub const CSV_COLUMNS: [&str; 19] = [
    "id",
    "date",
    "date_end",
    "kind",
    "status",
    "cameo",
    "plover",
    "plover_mode",
    "sides",
    "organization",
    "place",
    "location_country",
    "participants",
    "topics",
    "sources",
    "urls",
    "titles",
    "published",
    "evidence",
];

pub(crate) fn participant_label(p: &crate::Participant) -> String {
    let mut s = p.name.clone();
    let mut extra: Vec<&str> = Vec::new();
    if let Some(t) = p.titles.first() {
        extra.push(t);
    }
    if let Some(c) = p.country.as_deref().or(p.organization.as_deref()) {
        extra.push(c);
    }
    if !extra.is_empty() {
        s.push_str(&format!(" ({})", extra.join(", ")));
    }
    s
}

fn csv_row(e: &EventRow) -> Vec<String> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let loc = e.location.as_ref();
    vec![
        e.id.to_string(),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        e.date_end.map(|d| d.to_string()).unwrap_or_default(),
        e.kind.as_str().to_string(),
        e.status.as_str().to_string(),
        e.cameo.clone(),
        opt(&e.plover),
        opt(&e.plover_mode),
        e.sides.join(";"),
        opt(&e.organization),
        loc.and_then(|l| l.place.clone()).unwrap_or_default(),
        loc.and_then(|l| l.country.clone()).unwrap_or_default(),
        e.participants
            .iter()
            .map(participant_label)
            .collect::<Vec<_>>()
            .join("; "),
        e.topics.join(";"),
        e.sources.len().to_string(),
        e.sources
            .iter()
            .map(|s| s.url.clone().unwrap_or_else(|| s.source.clone()))
            .collect::<Vec<_>>()
            .join(" "),
        e.sources
            .iter()
            .map(|s| s.title.clone().unwrap_or_default())
            .collect::<Vec<_>>()
            .join(" | "),
        e.sources
            .iter()
            .map(|s| s.published.map(|d| d.to_string()).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(";"),
        e.sources
            .iter()
            .filter_map(|s| s.evidence.first().map(|ev| ev.text.clone()))
            .collect::<Vec<_>>()
            .join(" | "),
    ]
}
