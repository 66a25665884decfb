//! Parquet export with the low-level column writer of the `parquet` crate (no Arrow):
//! one row per event, flat columns, Snappy-compressed row groups of 8,192 events.

use super::{codes, participant_label};
use crate::{EventRow, Result};
use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::io::Write;
use std::sync::Arc;

const ROW_GROUP: usize = 8192;

/// The schema of the Parquet export.
pub(crate) const SCHEMA: &str = "
message attache_event {
    REQUIRED INT64 id;
    OPTIONAL BYTE_ARRAY date (UTF8);
    OPTIONAL BYTE_ARRAY date_end (UTF8);
    OPTIONAL INT32 day_first (DATE);
    REQUIRED BYTE_ARRAY kind (UTF8);
    REQUIRED BYTE_ARRAY status (UTF8);
    REQUIRED BYTE_ARRAY cameo (UTF8);
    OPTIONAL INT32 quad_class;
    OPTIONAL DOUBLE goldstein;
    OPTIONAL BYTE_ARRAY plover (UTF8);
    OPTIONAL BYTE_ARRAY plover_mode (UTF8);
    REQUIRED BYTE_ARRAY sides (UTF8);
    OPTIONAL BYTE_ARRAY organization (UTF8);
    OPTIONAL BYTE_ARRAY place (UTF8);
    OPTIONAL BYTE_ARRAY location_country (UTF8);
    REQUIRED BYTE_ARRAY participants (UTF8);
    REQUIRED BYTE_ARRAY topics (UTF8);
    REQUIRED INT32 source_count;
    REQUIRED BYTE_ARRAY source_urls (UTF8);
    REQUIRED BYTE_ARRAY evidence (UTF8);
}
";

enum Cell {
    Str(Option<String>),
    I64(i64),
    I32(Option<i32>),
    F64(Option<f64>),
}

fn s(v: impl Into<String>) -> Cell {
    Cell::Str(Some(v.into()))
}

fn row(e: &EventRow) -> Vec<Cell> {
    let loc = e.location.as_ref();
    let day = e.date.and_then(crate::keys::first_day).and_then(|d| {
        d.since(jiff::civil::date(1970, 1, 1))
            .ok()
            .map(|span| span.get_days())
    });
    let code = codes::cameo(&e.cameo);
    vec![
        Cell::I64(e.id),
        Cell::Str(e.date.map(|d| d.to_string())),
        Cell::Str(e.date_end.map(|d| d.to_string())),
        Cell::I32(day),
        s(e.kind.as_str()),
        s(e.status.as_str()),
        s(e.cameo.clone()),
        Cell::I32(code.map(|c| i32::from(c.quad_class))),
        Cell::F64(code.map(|c| c.goldstein)),
        Cell::Str(e.plover.clone()),
        Cell::Str(e.plover_mode.clone()),
        s(e.sides.join(";")),
        Cell::Str(e.organization.clone()),
        Cell::Str(loc.and_then(|l| l.place.clone())),
        Cell::Str(loc.and_then(|l| l.country.clone())),
        s(e.participants
            .iter()
            .map(participant_label)
            .collect::<Vec<_>>()
            .join("; ")),
        s(e.topics.join(";")),
        Cell::I32(Some(e.sources.len() as i32)),
        s(e.sources
            .iter()
            .map(|s| s.url.clone().unwrap_or_else(|| s.source.clone()))
            .collect::<Vec<_>>()
            .join(" ")),
        s(e.sources
            .iter()
            .filter_map(|s| s.evidence.first().map(|ev| ev.text.clone()))
            .collect::<Vec<_>>()
            .join(" | ")),
    ]
}

pub(crate) struct EventsWriter<W: Write + Send> {
    writer: SerializedFileWriter<W>,
    rows: Vec<Vec<Cell>>,
}

impl<W: Write + Send> EventsWriter<W> {
    pub(crate) fn new(out: W) -> Result<Self> {
        let schema = Arc::new(parse_message_type(SCHEMA)?);
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_created_by("attache".into())
                .build(),
        );
        Ok(EventsWriter {
            writer: SerializedFileWriter::new(out, schema, props)?,
            rows: Vec::with_capacity(ROW_GROUP),
        })
    }

    pub(crate) fn push(&mut self, e: &EventRow) -> Result<()> {
        self.rows.push(row(e));
        if self.rows.len() >= ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        let mut group = self.writer.next_row_group()?;
        let mut col = 0;
        while let Some(mut w) = group.next_column()? {
            let cells = rows.iter().map(|r| &r[col]);
            match rows.first().map(|r| &r[col]) {
                Some(Cell::I64(_)) => {
                    let v: Vec<i64> = cells
                        .map(|c| if let Cell::I64(x) = c { *x } else { 0 })
                        .collect();
                    w.typed::<Int64Type>().write_batch(&v, None, None)?;
                }
                Some(Cell::I32(_)) => {
                    let (v, def) = levels(cells.map(|c| match c {
                        Cell::I32(x) => *x,
                        _ => None,
                    }));
                    let cw = w.typed::<Int32Type>();
                    let def = (cw.get_descriptor().max_def_level() > 0).then_some(&def[..]);
                    cw.write_batch(&v, def, None)?;
                }
                Some(Cell::F64(_)) => {
                    let (v, def) = levels(cells.map(|c| match c {
                        Cell::F64(x) => *x,
                        _ => None,
                    }));
                    let cw = w.typed::<DoubleType>();
                    let def = (cw.get_descriptor().max_def_level() > 0).then_some(&def[..]);
                    cw.write_batch(&v, def, None)?;
                }
                _ => {
                    let (v, def) = levels(cells.map(|c| match c {
                        Cell::Str(x) => x.as_ref().map(|s| ByteArray::from(s.as_bytes().to_vec())),
                        _ => None,
                    }));
                    let cw = w.typed::<ByteArrayType>();
                    let def = (cw.get_descriptor().max_def_level() > 0).then_some(&def[..]);
                    cw.write_batch(&v, def, None)?;
                }
            }
            w.close()?;
            col += 1;
        }
        group.close()?;
        Ok(())
    }

    pub(crate) fn finish(mut self) -> Result<()> {
        self.flush()?;
        self.writer.close()?;
        Ok(())
    }
}

/// Values present and definition levels (1 present, 0 null) of an optional column.
/// For a required column the levels are ignored by the writer.
fn levels<T>(cells: impl Iterator<Item = Option<T>>) -> (Vec<T>, Vec<i16>) {
    let mut values = Vec::new();
    let mut defs = Vec::new();
    for c in cells {
        match c {
            Some(v) => {
                values.push(v);
                defs.push(1);
            }
            None => defs.push(0),
        }
    }
    (values, defs)
}
