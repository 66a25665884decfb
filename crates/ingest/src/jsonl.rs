//! JSON Lines (one object per line with `text` or `html`, optional `url`, `title`, `site`,
//! `published`, `language`), and plain JSON holding one such object or an array.

use crate::assemble::Draft;
use crate::dates::parse_date_value;
use crate::error::Reason;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Record {
    text: Option<String>,
    html: Option<String>,
    #[serde(alias = "link", alias = "source_url")]
    url: Option<String>,
    #[serde(alias = "headline")]
    title: Option<String>,
    #[serde(alias = "date", alias = "published_at", alias = "pubDate")]
    published: Option<serde_json::Value>,
    #[serde(alias = "lang")]
    language: Option<String>,
    /// The site's name (a publisher hint).
    #[serde(alias = "site_name")]
    site: Option<String>,
}

/// One record (one JSON object) into a draft.
fn record_to_draft(source: String, v: serde_json::Value) -> Result<Draft, Reason> {
    if !v.is_object() {
        return Err(Reason::Json("a line must hold a JSON object".into()));
    }
    let r: Record = serde_json::from_value(v).map_err(|e| Reason::Json(e.to_string()))?;
    let paragraphs = match (r.html, r.text) {
        (Some(h), _) if !h.trim().is_empty() => {
            // A whole page goes through the page reader; a fragment through blocks.
            if h.to_ascii_lowercase().contains("<body") {
                let page = crate::html::parse(&source, &h)?;
                let mut d = page;
                d.source = source.clone();
                if r.title.is_some() {
                    d.title = r.title.clone();
                }
                if let Some(p) = r.published.as_ref().and_then(value_date) {
                    d.published = Some(p);
                }
                if r.url.is_some() {
                    d.url = r.url;
                }
                d.language = r.language;
                d.site.extend(r.site);
                return Ok(d);
            }
            crate::html::fragment_paragraphs(&h)
        }
        (_, Some(t)) => crate::plain::paragraphs(t.lines(), false),
        _ => return Err(Reason::NoTextField),
    };
    Ok(Draft {
        source,
        url: r.url,
        title: r.title.map(|t| crate::html::decode_text(&t)),
        published: r.published.as_ref().and_then(value_date),
        language: r.language,
        paragraphs,
        site: r.site.into_iter().collect(),
        ..Draft::default()
    })
}

fn value_date(v: &serde_json::Value) -> Option<jiff::civil::Date> {
    match v {
        serde_json::Value::String(s) => parse_date_value(s),
        _ => None,
    }
}

/// One line of a JSON Lines file (`line` is 1-based). `Ok(None)` for blank lines.
pub(crate) fn parse_line(path: &str, line: usize, text: &str) -> Result<Option<Draft>, Reason> {
    let t = text.trim().trim_start_matches('\u{feff}');
    if t.is_empty() {
        return Ok(None);
    }
    let v: serde_json::Value = serde_json::from_str(t).map_err(|e| Reason::Json(e.to_string()))?;
    record_to_draft(format!("{path}#{line}"), v).map(Some)
}

/// A whole JSON document: an object or an array of objects.
pub(crate) fn parse_json(path: &str, text: &str) -> Vec<Result<Draft, Reason>> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| record_to_draft(format!("{path}#{}", i + 1), v))
            .collect(),
        Ok(v) => vec![record_to_draft(path.to_string(), v)],
        Err(e) => vec![Err(Reason::Json(e.to_string()))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        let d = parse_line("x.jsonl", 2, r#"{"title":"T","text":"First.\n\nSecond.","published":"2024-05-21","language":"ru","url":"https://x"}"#)
            .unwrap()
            .unwrap()
            .finish();
        assert_eq!(d.source, "x.jsonl#2");
        assert_eq!(d.language, "ru");
        assert_eq!(d.text, "First.\n\nSecond.");
        assert!(matches!(
            parse_line("x", 3, "{broken"),
            Err(Reason::Json(_))
        ));
        assert!(matches!(
            parse_line("x", 3, r#"{"title":"no body"}"#),
            Err(Reason::NoTextField)
        ));
        assert!(parse_line("x", 4, "   ").unwrap().is_none());
    }
}
