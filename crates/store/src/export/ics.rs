//! iCalendar (RFC 5545) of planned events: CRLF line ends, lines folded at 75 octets,
//! TEXT values escaped, a stable UID per event, DTSTAMP in UTC, all-day DTSTART and
//! DTEND (exclusive) as `VALUE=DATE`.

use crate::{EventRow, Result};
use attache_extract::Status;
use sha2::{Digest, Sha256};
use std::io::Write;

pub(crate) struct Calendar<W: Write> {
    out: W,
    stamp: String,
}

/// Escape a TEXT value (RFC 5545 §3.3.11).
pub(crate) fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Write one content line folded at 75 octets (never inside a UTF-8 sequence).
pub(crate) fn write_folded(out: &mut impl Write, line: &str) -> std::io::Result<()> {
    let mut rest = line;
    let mut limit = 75;
    loop {
        if rest.len() <= limit {
            out.write_all(rest.as_bytes())?;
            out.write_all(b"\r\n")?;
            return Ok(());
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.write_all(&rest.as_bytes()[..cut])?;
        out.write_all(b"\r\n ")?;
        rest = &rest[cut..];
        limit = 74; // the leading space counts
    }
}

fn uid(e: &EventRow) -> String {
    let mut h = Sha256::new();
    h.update(e.kind.as_str());
    h.update([0]);
    h.update(e.sides.join("|"));
    h.update([0]);
    h.update(e.date.map(|d| d.to_string()).unwrap_or_default());
    h.update([0]);
    if let Some(l) = &e.location {
        h.update(l.place.as_deref().unwrap_or(""));
    }
    h.update([0]);
    if let Some(ev) = e.sources.first().and_then(|s| s.evidence.first()) {
        h.update(&ev.text);
    }
    let d = h.finalize();
    let hex: String = d.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("{hex}@attache")
}

fn summary(e: &EventRow) -> String {
    let kind = e.kind.as_str().replace('_', " ");
    let mut kind_title = kind.clone();
    if let Some(first) = kind_title.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    let who = if e.participants.is_empty() {
        e.sides.join(", ")
    } else {
        e.participants
            .iter()
            .map(|p| match &p.country {
                Some(c) => format!("{} ({c})", p.name),
                None => p.name.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let place = e
        .location
        .as_ref()
        .and_then(|l| l.place.clone())
        .map(|p| format!(" in {p}"))
        .unwrap_or_default();
    if who.is_empty() {
        format!("{kind_title}{place}")
    } else {
        format!("{kind_title}: {who}{place}")
    }
}

impl<W: Write> Calendar<W> {
    pub(crate) fn new(mut out: W) -> Result<Self> {
        for line in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//attache//planned diplomatic events//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ] {
            write_folded(&mut out, line)?;
        }
        let stamp = jiff::Timestamp::now()
            .strftime("%Y%m%dT%H%M%SZ")
            .to_string();
        Ok(Calendar { out, stamp })
    }

    /// Write an event; `false` when it is not a planned (or cancelled) event dated to
    /// the day.
    pub(crate) fn event(&mut self, e: &EventRow) -> Result<bool> {
        if e.status == Status::Occurred {
            return Ok(false);
        }
        let Some(start) = e.date.and_then(|d| d.to_date()) else {
            return Ok(false);
        };
        let last = e
            .date_end
            .and_then(|d| d.to_date())
            .filter(|d| *d >= start)
            .unwrap_or(start);
        let end = last.tomorrow().unwrap_or(last);
        let mut lines = vec![
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", uid(e)),
            format!("DTSTAMP:{}", self.stamp),
            format!("DTSTART;VALUE=DATE:{}", start.strftime("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", end.strftime("%Y%m%d")),
            format!("SUMMARY:{}", escape_text(&summary(e))),
            format!("CATEGORIES:{}", escape_text(e.kind.as_str())),
            format!(
                "STATUS:{}",
                if e.status == Status::Cancelled {
                    "CANCELLED"
                } else {
                    "TENTATIVE"
                }
            ),
        ];
        if let Some(l) = &e.location {
            let loc = [l.place.as_deref(), l.country.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            if !loc.is_empty() {
                lines.push(format!("LOCATION:{}", escape_text(&loc)));
            }
        }
        let mut description = Vec::new();
        for s in &e.sources {
            let mut d = String::new();
            if let Some(ev) = s.evidence.first() {
                d.push_str(&ev.text);
                d.push_str(" — ");
            }
            d.push_str(s.title.as_deref().unwrap_or(&s.source));
            if let Some(u) = &s.url {
                d.push_str(&format!(" <{u}>"));
            }
            description.push(d);
        }
        if !description.is_empty() {
            lines.push(format!(
                "DESCRIPTION:{}",
                escape_text(&description.join("\n"))
            ));
        }
        if let Some(url) = e.sources.iter().find_map(|s| s.url.as_deref()) {
            // URL is a URI value: no TEXT escaping, but no line breaks either.
            if !url.chars().any(char::is_control) {
                lines.push(format!("URL:{url}"));
            }
        }
        lines.push("END:VEVENT".into());
        for l in &lines {
            write_folded(&mut self.out, l)?;
        }
        Ok(true)
    }

    pub(crate) fn finish(mut self) -> Result<()> {
        write_folded(&mut self.out, "END:VCALENDAR")?;
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_on_char_boundaries() {
        let line = format!("SUMMARY:{}", "Ж".repeat(100));
        let mut out = Vec::new();
        write_folded(&mut out, &line).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with("\r\n"));
        for l in text.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = text.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), line);
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape_text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }
}
