//! RSS 0.9x/1.0/2.0 and Atom feeds read with `quick-xml`: one draft per item, with the
//! channel title and `lastBuildDate`/`updated` as [`FeedInfo`].
//!
//! Safety: entities declared in a DTD are never expanded (a reference to one stays in
//! the text literally), so entity-expansion bombs and external entities (XXE) have no
//! effect; element nesting is limited to [`MAX_DEPTH`]; item bodies (HTML in
//! `description`, `content:encoded`, CDATA, doubly escaped entities) go through the
//! same bounded HTML block reader as pages.

use crate::assemble::{Draft, fold_ws};
use crate::dates::parse_date_value;
use crate::document::FeedInfo;
use crate::error::Reason;
use jiff::civil::Date;
use quick_xml::Reader;
use quick_xml::events::Event;

const MAX_DEPTH: usize = 256;

#[derive(Debug, Default)]
struct Item {
    title: Option<String>,
    link: Option<String>,
    date: Option<Date>,
    updated: Option<Date>,
    description: Option<String>,
    content: Option<String>,
    language: Option<String>,
}

/// Which text field is being captured, and at which depth it was opened.
#[derive(Debug)]
struct Capture {
    field: String,
    depth: usize,
    buf: String,
}

/// Whether `text` (after a BOM and whitespace) starts like a feed.
pub(crate) fn looks_like_feed(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf")
}

fn resolve_ref(name: &str, out: &mut String) {
    match name {
        "lt" => out.push('<'),
        "gt" => out.push('>'),
        "amp" => out.push('&'),
        "quot" => out.push('"'),
        "apos" => out.push('\''),
        _ => {
            if let Some(num) = name.strip_prefix('#') {
                let ch = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    num.parse::<u32>().ok()
                };
                if let Some(c) = ch.and_then(char::from_u32) {
                    out.push(c);
                    return;
                }
            }
            // Undeclared or DTD-declared entity: kept literally, never expanded.
            out.push('&');
            out.push_str(name);
            out.push(';');
        }
    }
}

/// Parses a feed into one draft per item, in feed order.
pub(crate) fn parse(source: &str, xml: &str) -> Result<Vec<Draft>, Reason> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut stack: Vec<String> = Vec::new();
    let mut root: Option<String> = None;
    let mut channel_title: Option<String> = None;
    let mut channel_date: Option<Date> = None;
    let mut channel_lang: Option<String> = None;
    let mut items: Vec<Item> = Vec::new();
    let mut item_depth: Option<usize> = None;
    let mut cap: Option<Capture> = None;

    loop {
        let ev = reader
            .read_event()
            .map_err(|e| Reason::Feed(format!("{e} at byte {}", reader.buffer_position())))?;
        match ev {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_ascii_lowercase();
                if stack.len() >= MAX_DEPTH {
                    return Err(Reason::Feed(format!(
                        "elements nested deeper than {MAX_DEPTH}"
                    )));
                }
                if root.is_none() {
                    root = Some(name.clone());
                    if !matches!(name.as_str(), "rss" | "feed" | "rdf:rdf" | "atom:feed") {
                        return Err(Reason::NotAFeed);
                    }
                }
                if let Some(c) = cap.as_mut() {
                    // Markup inside a captured field (Atom xhtml content): keep as HTML.
                    c.buf.push('<');
                    c.buf.push_str(&name);
                    c.buf.push('>');
                    stack.push(name);
                    continue;
                }
                let depth = stack.len();
                if matches!(name.as_str(), "item" | "entry") {
                    items.push(Item::default());
                    item_depth = Some(depth);
                } else if is_field(&name) {
                    if name == "link" && item_depth.is_some_and(|d| depth == d + 1) {
                        atom_link(&e, items.last_mut());
                    }
                    cap = Some(Capture {
                        field: name.clone(),
                        depth,
                        buf: String::new(),
                    });
                }
                stack.push(name);
            }
            Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_ascii_lowercase();
                if let Some(c) = cap.as_mut() {
                    c.buf.push('<');
                    c.buf.push_str(&name);
                    c.buf.push_str("/>");
                } else if name == "link" && item_depth.is_some_and(|d| stack.len() == d + 1) {
                    atom_link(&e, items.last_mut());
                }
            }
            Event::End(_) => {
                let Some(name) = stack.pop() else { continue };
                let depth = stack.len();
                if let Some(c) = cap.as_mut()
                    && depth > c.depth
                {
                    c.buf.push_str("</");
                    c.buf.push_str(&name);
                    c.buf.push('>');
                    continue;
                }
                if let Some(c) = cap.take() {
                    let in_item = item_depth.is_some_and(|d| c.depth == d + 1);
                    let in_channel = item_depth.is_none() && c.depth <= 2;
                    if in_item {
                        if let Some(item) = items.last_mut() {
                            store_item_field(item, &c.field, c.buf);
                        }
                    } else if in_channel {
                        match c.field.as_str() {
                            "title" | "atom:title" if channel_title.is_none() => {
                                channel_title = Some(crate::html::decode_text(&c.buf))
                            }
                            "lastbuilddate" | "updated" | "atom:updated" => {
                                channel_date = parse_date_value(&c.buf).or(channel_date)
                            }
                            "pubdate" | "dc:date" if channel_date.is_none() => {
                                channel_date = parse_date_value(&c.buf)
                            }
                            "language" | "dc:language" => {
                                channel_lang = Some(c.buf.trim().to_string())
                            }
                            _ => {}
                        }
                    }
                }
                if matches!(name.as_str(), "item" | "entry") && item_depth == Some(depth) {
                    item_depth = None;
                }
            }
            Event::Text(t) => {
                if let Some(c) = cap.as_mut() {
                    c.buf
                        .push_str(&t.xml_content().map_err(|e| Reason::Feed(e.to_string()))?);
                }
            }
            Event::CData(t) => {
                if let Some(c) = cap.as_mut() {
                    c.buf.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = cap.as_mut() {
                    let name = r.decode().map_err(|e| Reason::Feed(e.to_string()))?;
                    resolve_ref(&name, &mut c.buf);
                }
            }
            Event::Eof => break,
            // DOCTYPE (with any entity declarations), comments, processing instructions.
            _ => {}
        }
    }
    if root.is_none() {
        return Err(Reason::NotAFeed);
    }
    let count = items.len();
    let feed_info = |position| FeedInfo {
        title: channel_title.clone(),
        published: channel_date,
        position,
        count,
        source: source.to_string(),
    };
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let body = item
                .content
                .filter(|c| !c.trim().is_empty())
                .or(item.description)
                .unwrap_or_default();
            Draft {
                source: format!("{source}#{}", i + 1),
                url: item.link,
                title: item.title,
                published: item.date.or(item.updated),
                lang_hint: item.language.or(channel_lang.clone()),
                paragraphs: crate::html::fragment_paragraphs(&body),
                feed: Some(feed_info(i + 1)),
                ..Draft::default()
            }
        })
        .collect())
}

/// Elements whose text is read (everything else is structure or ignored).
fn is_field(name: &str) -> bool {
    let name = name.strip_prefix("atom:").unwrap_or(name);
    matches!(
        name,
        "title"
            | "link"
            | "pubdate"
            | "published"
            | "updated"
            | "lastbuilddate"
            | "dc:date"
            | "description"
            | "summary"
            | "content:encoded"
            | "content"
            | "language"
            | "dc:language"
    )
}

fn atom_link(e: &quick_xml::events::BytesStart<'_>, item: Option<&mut Item>) {
    let Some(item) = item else { return };
    let mut href = None;
    let mut rel = None;
    for a in e.attributes().flatten() {
        let v = a
            .unescape_value()
            .map(|v| v.into_owned())
            .unwrap_or_default();
        match a.key.as_ref() {
            b"href" => href = Some(v),
            b"rel" => rel = Some(v),
            _ => {}
        }
    }
    if let Some(h) = href
        && rel.as_deref().is_none_or(|r| r == "alternate")
        && item.link.is_none()
    {
        item.link = Some(h);
    }
}

fn store_item_field(item: &mut Item, field: &str, buf: String) {
    match field {
        "title" | "atom:title" => item.title = Some(crate::html::decode_text(&buf)),
        "link" => {
            let l = fold_ws(&buf);
            if !l.is_empty() {
                item.link = Some(l);
            }
        }
        "pubdate" | "published" | "dc:date" | "atom:published" if item.date.is_none() => {
            item.date = parse_date_value(&buf);
        }
        "updated" | "atom:updated" => item.updated = parse_date_value(&buf),
        "description" | "summary" | "atom:summary" => item.description = Some(buf),
        "content:encoded" | "content" | "atom:content" => item.content = Some(buf),
        "dc:language" | "language" => item.language = Some(buf.trim().to_string()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items() {
        let xml = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>MFA &amp; News</title>
<lastBuildDate>Sun, 26 May 2024 13:05:27 +0400</lastBuildDate>
<item><title>First &amp;quot;item&amp;quot;</title><link>https://x/1</link><pubDate>Sun, 26 May 2024 00:40:00 +0400</pubDate>
<description>&lt;p&gt;One &amp;ndash; two.&lt;/p&gt;&lt;p&gt;Three.&lt;/p&gt;</description></item>
<item><title><![CDATA[Second]]></title><pubDate>Mon, 20 May 2024 17:15:00 +0400</pubDate>
<content:encoded><![CDATA[<p>Body &ndash; here.</p>]]></content:encoded></item></channel></rss>"#;
        let items = parse("f.xml", xml).unwrap();
        assert_eq!(items.len(), 2);
        let a = items[0].clone().finish();
        assert_eq!(a.title.as_deref(), Some("First \"item\""));
        assert_eq!(a.text, "One – two.\n\nThree.");
        assert_eq!(
            a.published.map(|d| d.to_string()).as_deref(),
            Some("2024-05-26")
        );
        assert_eq!(a.source, "f.xml#1");
        let f = a.feed.unwrap();
        assert_eq!(f.title.as_deref(), Some("MFA & News"));
        assert_eq!((f.position, f.count), (1, 2));
        let b = items[1].clone().finish();
        assert_eq!(b.text, "Body – here.");
    }

    #[test]
    fn entities_not_expanded() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><title>T</title><item><title>&b; &xxe;</title><description>x &b;</description></item></channel></rss>"#;
        let items = parse("b.xml", bomb).unwrap();
        let d = items[0].clone().finish();
        assert!(d.title.unwrap().len() < 20);
        assert!(!d.text.contains("root:"));
    }

    #[test]
    fn atom() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">EEAS</title><updated>2024-05-20T17:45:00+02:00</updated>
<entry><title>Iran: statement</title><link rel="alternate" href="https://x/a"/><published>2024-05-20T17:30:00+02:00</published>
<summary type="html"><![CDATA[<p>The EU expresses condolences.</p>]]></summary></entry></feed>"#;
        let items = parse("a.xml", xml).unwrap();
        let d = items[0].clone().finish();
        assert_eq!(d.url.as_deref(), Some("https://x/a"));
        assert_eq!(
            d.feed.unwrap().published.map(|d| d.to_string()).as_deref(),
            Some("2024-05-20")
        );
    }
}
