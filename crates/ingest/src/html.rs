//! Whole HTML pages: a rule-based main-content finder over `scraper` (html5ever).
//!
//! The DOM is flattened once, iteratively (no recursion, so deep pages cannot
//! overflow the stack; nesting deeper than [`MAX_DEPTH`] is refused before parsing).
//! Chrome elements are dropped (script, style, nav, aside, footer, forms controls,
//! page headers, and elements whose class/id says menu, breadcrumb, share, print,
//! font, sidebar, related, cookie, footer…), unless one holds most of the page's text.
//! The content container is the element with the most paragraph text (each paragraph
//! counts fully for its parent and half for its grandparent). The headline is the last
//! `<h1>` before the body (else og:title, an `<h2>`, JSON-LD, `<title>`), the date comes
//! from page metadata, `<time datetime>`, a date line next to the headline, or the
//! headline itself.

use crate::assemble::{Draft, fold_ws, key};
use crate::chrome::{LineKind, classify, is_chrome_attr, is_title_attr};
use crate::dates::{date_line, find_date, is_placed_date_line, parse_date_value};
use crate::error::Reason;
use ego_tree::iter::Edge;
use jiff::civil::Date;
use scraper::{Html, Node};

/// Deepest element nesting accepted (real pages stay well under 100).
pub(crate) const MAX_DEPTH: usize = 1000;

/// Elements whose content is never text of the page.
fn is_raw(tag: &str) -> bool {
    matches!(
        tag,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "option"
            | "textarea"
            | "button"
            | "input"
            | "video"
            | "audio"
            | "map"
    )
}

/// Page-structure elements that are chrome by nature.
fn is_chrome_tag(tag: &str) -> bool {
    matches!(
        tag,
        "nav" | "aside" | "footer" | "menu" | "dialog" | "label"
    )
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "ul"
            | "caption"
            | "details"
            | "summary"
            | "center"
            | "html"
            | "dialog"
            | "menu"
    )
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Exclusion level of an element: 0 kept, 1 page header (headlines only), 2 chrome.
#[derive(Debug, Clone)]
struct El {
    tag: String,
    parent: Option<usize>,
    /// Event positions of the element's open and close.
    start: usize,
    end: usize,
    own_level: u8,
    /// Flagged by class/id only (may be overruled when it holds most of the text).
    attr_chrome: bool,
    /// Its class or id names a headline ("news-title").
    attr_title: bool,
}

#[derive(Debug)]
enum Ev {
    Open(usize),
    Close(usize),
    Text(String),
}

#[derive(Debug, Clone)]
struct Block {
    owner: usize,
    pos: usize,
    text: String,
    level: u8,
    link_chars: usize,
}

/// What a linear pre-scan of raw HTML says about the cost of parsing it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Shape {
    /// Deepest element nesting (unclosed tags count as open).
    pub depth: usize,
    /// Sum over start tags of the formatting elements (`<b>`, `<font>`, …) left open:
    /// what the parser may have to re-create ("reconstruct") again and again.
    pub reopen_cost: u64,
}

/// Largest [`Shape::reopen_cost`] accepted.
pub(crate) const MAX_REOPEN_COST: u64 = 20_000_000;

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Scans raw HTML without parsing it (linear time): nesting depth and the cost of
/// unclosed formatting elements. Comments and the text of `<script>`, `<style>`,
/// `<textarea>`, `<title>` are skipped.
pub(crate) fn shape(html: &str) -> Shape {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "keygen",
    ];
    const FORMATTING: &[&str] = &[
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt",
        "u",
    ];
    const RAW: &[&str] = &[
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "plaintext",
        "noscript",
        "iframe",
    ];
    let b = html.as_bytes();
    let mut out = Shape::default();
    let mut depth: usize = 0;
    let mut fmt_open: u64 = 0;
    let mut next_gt: usize = 0;
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            match find_ci(&b[i..], b"-->") {
                Some(e) => i += e + 3,
                None => break,
            }
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let s = if closing { i + 1 } else { i };
        let mut e = s;
        while e < b.len() && e - s < 32 && b[e].is_ascii_alphanumeric() {
            e += 1;
        }
        if e == s || !b[s].is_ascii_alphabetic() {
            continue;
        }
        let name = html.get(s..e).unwrap_or("").to_ascii_lowercase();
        let name = name.as_str();
        // The end of the tag: the next `>`, cached so that the scan stays linear.
        if next_gt < e {
            next_gt = memchr(b'>', &b[e..]).map_or(usize::MAX, |o| e + o);
        }
        let tag_end = (next_gt != usize::MAX).then_some(next_gt);
        if closing {
            if !VOID.contains(&name) {
                depth = depth.saturating_sub(1);
            }
            if FORMATTING.contains(&name) {
                fmt_open = fmt_open.saturating_sub(1);
            }
            continue;
        }
        out.reopen_cost = out.reopen_cost.saturating_add(fmt_open);
        if RAW.contains(&name) {
            // Skip the raw text up to the matching end tag.
            let from = tag_end.map_or(e, |t| t + 1);
            let mut close = Vec::with_capacity(name.len() + 2);
            close.extend_from_slice(b"</");
            close.extend_from_slice(name.as_bytes());
            match find_ci(&b[from..], &close) {
                Some(p) => i = from + p,
                None => break,
            }
            continue;
        }
        if VOID.contains(&name) || tag_end.is_some_and(|t| t > 0 && b[t - 1] == b'/') {
            continue;
        }
        depth += 1;
        out.depth = out.depth.max(depth);
        if FORMATTING.contains(&name) {
            fmt_open += 1;
        }
    }
    out
}

/// Refuses HTML that would make the parser slow or large.
fn check_shape(html: &str) -> Result<(), Reason> {
    let sh = shape(html);
    if sh.depth > MAX_DEPTH {
        return Err(Reason::TooDeep {
            depth: sh.depth,
            limit: MAX_DEPTH,
        });
    }
    if sh.reopen_cost > MAX_REOPEN_COST {
        return Err(Reason::Malformed(
            "too many unclosed formatting elements (<b>, <font>, <a>…)",
        ));
    }
    Ok(())
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

#[derive(Debug, Default)]
struct Meta {
    og_title: Option<String>,
    site_name: Option<String>,
    title_tag: Option<String>,
    url: Option<String>,
    lang: Option<String>,
    published: Option<Date>,
    ld_headline: Option<String>,
    ld_published: Option<Date>,
    /// `<time datetime>` elements outside chrome: (element, date).
    times: Vec<(usize, Date)>,
}

struct Flat {
    els: Vec<El>,
    evs: Vec<Ev>,
    meta: Meta,
}

fn flatten(doc: &Html) -> Flat {
    let mut els: Vec<El> = Vec::new();
    let mut evs: Vec<Ev> = Vec::new();
    let mut meta = Meta::default();
    let mut stack: Vec<usize> = Vec::new();
    let mut raw_depth = 0usize;
    let mut in_title = false;
    let mut in_ld = false;
    let mut ld_text = String::new();
    let mut title_text = String::new();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let tag = e.name().to_ascii_lowercase();
                    match tag.as_str() {
                        "meta" => read_meta(e, &mut meta),
                        "link"
                            if e.attr("rel")
                                .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
                        {
                            if let Some(h) = e.attr("href") {
                                meta.url.get_or_insert_with(|| h.to_string());
                            }
                        }
                        "html" => {
                            meta.lang = e.attr("lang").or(e.attr("xml:lang")).map(str::to_string)
                        }
                        "title" if raw_depth <= 1 => in_title = true,
                        "script" if e.attr("type").is_some_and(|t| t.contains("ld+json")) => {
                            in_ld = true
                        }
                        _ => {}
                    }
                    let hidden = e.attr("hidden").is_some()
                        || e.attr("aria-hidden").is_some_and(|v| v == "true")
                        || e.attr("style").is_some_and(|s| {
                            let s = s.replace(' ', "").to_ascii_lowercase();
                            s.contains("display:none") || s.contains("visibility:hidden")
                        });
                    let role = e.attr("role").unwrap_or("").to_ascii_lowercase();
                    let role_chrome = matches!(
                        role.as_str(),
                        "navigation" | "contentinfo" | "complementary" | "search" | "menu"
                    );
                    let inside_article = stack
                        .iter()
                        .any(|&i| matches!(els[i].tag.as_str(), "article" | "main"));
                    let own_level = if is_raw(&tag) || hidden {
                        3
                    } else if is_chrome_tag(&tag) || role_chrome {
                        2
                    } else if (tag == "header" || role == "banner") && !inside_article {
                        1
                    } else {
                        0
                    };
                    let structural = matches!(tag.as_str(), "html" | "body" | "main" | "article");
                    let attr_chrome = !structural
                        && (e.attr("class").is_some_and(is_chrome_attr)
                            || e.id().is_some_and(is_chrome_attr));
                    let attr_title = e.attr("class").is_some_and(is_title_attr)
                        || e.id().is_some_and(is_title_attr);
                    if is_raw(&tag) {
                        raw_depth += 1;
                    }
                    let idx = els.len();
                    els.push(El {
                        tag,
                        parent: stack.last().copied(),
                        start: evs.len(),
                        end: evs.len(),
                        own_level,
                        attr_chrome,
                        attr_title,
                    });
                    evs.push(Ev::Open(idx));
                    stack.push(idx);
                }
                Node::Text(t) => {
                    if in_title {
                        title_text.push_str(t);
                    } else if in_ld {
                        ld_text.push_str(t);
                    } else if raw_depth == 0 {
                        evs.push(Ev::Text(t.to_string()));
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    let Some(idx) = stack.pop() else { continue };
                    els[idx].end = evs.len();
                    evs.push(Ev::Close(idx));
                    let tag = els[idx].tag.as_str();
                    if is_raw(tag) {
                        raw_depth = raw_depth.saturating_sub(1);
                    }
                    match tag {
                        "title" => {
                            in_title = false;
                            if meta.title_tag.is_none() && !title_text.trim().is_empty() {
                                meta.title_tag = Some(fold_ws(&title_text));
                            }
                        }
                        "script" if in_ld => {
                            in_ld = false;
                            read_ld_json(&std::mem::take(&mut ld_text), &mut meta);
                        }
                        "time" => {
                            if let Some(d) = e.attr("datetime").and_then(parse_date_value)
                                && !stack.iter().any(|&i| els[i].own_level >= 2)
                            {
                                meta.times.push((idx, d));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    Flat { els, evs, meta }
}

fn read_meta(e: &scraper::node::Element, meta: &mut Meta) {
    let name = e
        .attr("property")
        .or(e.attr("name"))
        .or(e.attr("itemprop"))
        .unwrap_or("")
        .to_ascii_lowercase();
    let Some(content) = e.attr("content").or(e.attr("datetime")) else {
        return;
    };
    match name.as_str() {
        "og:title" | "twitter:title" if meta.og_title.is_none() && !content.trim().is_empty() => {
            meta.og_title = Some(fold_ws(content));
        }
        "og:site_name" | "application-name" => meta.site_name = Some(fold_ws(content)),
        "og:url" => {
            meta.url.get_or_insert_with(|| content.to_string());
        }
        "article:published_time"
        | "og:article:published_time"
        | "datepublished"
        | "date"
        | "pubdate"
        | "publishdate"
        | "publish-date"
        | "publish_date"
        | "dc.date"
        | "dc.date.issued"
        | "dcterms.date"
        | "dcterms.issued"
        | "sailthru.date"
        | "parsely-pub-date"
        | "article.published"
            if meta.published.is_none() =>
        {
            meta.published = parse_date_value(content);
        }
        _ => {}
    }
}

fn read_ld_json(text: &str, meta: &mut Meta) {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    let mut todo = vec![&v];
    let mut seen = 0;
    while let Some(v) = todo.pop() {
        seen += 1;
        if seen > 10_000 {
            break;
        }
        match v {
            serde_json::Value::Object(m) => {
                if meta.ld_headline.is_none()
                    && let Some(h) = m.get("headline").and_then(|h| h.as_str())
                {
                    meta.ld_headline = Some(fold_ws(h));
                }
                if meta.ld_published.is_none()
                    && let Some(d) = m.get("datePublished").and_then(|h| h.as_str())
                {
                    meta.ld_published = parse_date_value(d);
                }
                todo.extend(m.values());
            }
            serde_json::Value::Array(a) => todo.extend(a.iter()),
            _ => {}
        }
    }
}

/// Collects text blocks. `levels[i]` is the effective exclusion level of element i.
fn blocks(flat: &Flat, levels: &[u8]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut block_stack: Vec<usize> = Vec::new();
    let mut buf = String::new();
    let mut link_chars = 0usize;
    let mut anchor_depth = 0usize;
    let mut cur_level = 0u8;
    let mut level_stack: Vec<u8> = Vec::new();
    let flush = |buf: &mut String,
                 link_chars: &mut usize,
                 owner: Option<usize>,
                 pos: usize,
                 out: &mut Vec<Block>| {
        if let Some(owner) = owner
            && !buf.trim().is_empty()
        {
            out.push(Block {
                owner,
                pos,
                text: std::mem::take(buf),
                level: levels[owner],
                link_chars: *link_chars,
            });
        }
        buf.clear();
        *link_chars = 0;
    };
    for (pos, ev) in flat.evs.iter().enumerate() {
        match ev {
            Ev::Open(i) => {
                let el = &flat.els[*i];
                let tag = el.tag.as_str();
                if is_block(tag) {
                    flush(
                        &mut buf,
                        &mut link_chars,
                        block_stack.last().copied(),
                        pos,
                        &mut out,
                    );
                    block_stack.push(*i);
                }
                level_stack.push(cur_level);
                cur_level = levels[*i];
                match tag {
                    "br" if cur_level <= 1 => {
                        // `<br><br>` separates paragraphs; a single `<br>` breaks a line.
                        let trimmed = buf.trim_end_matches(' ').len();
                        buf.truncate(trimmed);
                        if buf.ends_with('\n') {
                            buf.pop();
                            flush(
                                &mut buf,
                                &mut link_chars,
                                block_stack.last().copied(),
                                pos,
                                &mut out,
                            );
                        } else if !buf.is_empty() {
                            buf.push('\n');
                        }
                    }
                    "td" | "th" if cur_level <= 1 && !buf.trim().is_empty() => buf.push_str(" | "),
                    "a" => anchor_depth += 1,
                    "img" | "hr" | "wbr" => {}
                    _ => {}
                }
            }
            Ev::Close(i) => {
                let tag = flat.els[*i].tag.as_str();
                if tag == "a" {
                    anchor_depth = anchor_depth.saturating_sub(1);
                }
                if is_block(tag) {
                    flush(&mut buf, &mut link_chars, Some(*i), pos, &mut out);
                    block_stack.pop();
                } else if matches!(tag, "td" | "th" | "dt") && cur_level <= 1 {
                    buf.push(' ');
                }
                cur_level = level_stack.pop().unwrap_or(0);
            }
            Ev::Text(t) => {
                if cur_level <= 1 {
                    let before = buf.len();
                    for c in t.chars() {
                        if c.is_whitespace() {
                            if !buf.ends_with([' ', '\n']) && !buf.is_empty() {
                                buf.push(' ');
                            }
                        } else {
                            buf.push(c);
                        }
                    }
                    if anchor_depth > 0 {
                        link_chars += buf.len() - before;
                    }
                }
            }
        }
    }
    out
}

/// Reads an HTML page.
pub(crate) fn parse(source: &str, html: &str) -> Result<Draft, Reason> {
    check_shape(html)?;

    let doc = Html::parse_document(html);
    let flat = flatten(&doc);
    drop(doc);

    // Text per element, from prefix sums of text lengths over event positions.
    let mut prefix = Vec::with_capacity(flat.evs.len() + 1);
    prefix.push(0usize);
    for ev in &flat.evs {
        let add = match ev {
            Ev::Text(t) => t.trim().len(),
            _ => 0,
        };
        prefix.push(prefix.last().copied().unwrap_or(0) + add);
    }
    let text_of = |el: &El| prefix[el.end + 1] - prefix[el.start];
    let total = prefix.last().copied().unwrap_or(0).max(1);

    // Effective exclusion levels, inherited downwards (parents precede children).
    let mut levels = vec![0u8; flat.els.len()];
    for (i, el) in flat.els.iter().enumerate() {
        let inherited = el.parent.map_or(0, |p| levels[p]);
        let mut own = el.own_level;
        if own == 2 && text_of(el) * 2 > total {
            own = 0; // a "chrome" element holding most of the page is the page
        }
        if el.attr_chrome && text_of(el) * 2 <= total {
            own = own.max(2);
        }
        levels[i] = inherited.max(own);
    }
    let blocks = blocks(&flat, &levels);

    // Score paragraph-like blocks into their parents and grandparents.
    let mut score = vec![0f64; flat.els.len()];
    for b in blocks.iter().filter(|b| b.level == 0) {
        let tag = flat.els[b.owner].tag.as_str();
        if is_heading(tag) {
            continue;
        }
        let len = b.text.trim().chars().count();
        if len < 20 || b.link_chars * 2 > b.text.len() || classify(&b.text) != LineKind::Content {
            continue;
        }
        let len = len as f64;
        if let Some(p) = flat.els[b.owner].parent {
            score[p] += len;
            if let Some(g) = flat.els[p].parent {
                score[g] += len / 2.0;
            }
        }
    }
    let container = score
        .iter()
        .enumerate()
        .filter(|(_, s)| **s > 0.0)
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i);
    let within = |b: &Block, c: usize| {
        let (el, cont) = (&flat.els[b.owner], &flat.els[c]);
        cont.start <= el.start && el.end <= cont.end
    };
    let first_body_pos = match container {
        Some(c) => blocks
            .iter()
            .filter(|b| {
                within(b, c)
                    && !is_heading(&flat.els[b.owner].tag)
                    && b.text.trim().chars().count() >= 20
            })
            .map(|b| b.pos)
            .next()
            .unwrap_or(flat.els[c].start),
        None => usize::MAX,
    };

    // Site names: never a headline.
    let meta = &flat.meta;
    let mut site_names: Vec<String> = meta.site_name.iter().map(|s| key(s)).collect();
    let title_parts = meta
        .title_tag
        .as_deref()
        .map(split_title)
        .unwrap_or_default();
    // The headline's part of `<title>`: the longest of three words or more that names
    // no site ("Kazakh Foreign Minister holds talks in Tashkent | Ministry of … |
    // Official Information Source of …"), else the longest.
    let headline_part = title_parts
        .iter()
        .filter(|p| p.split_whitespace().count() >= 3 && !crate::chrome::names_site(p))
        .max_by_key(|p| p.len())
        .or_else(|| title_parts.iter().max_by_key(|p| p.len()))
        .cloned();
    if title_parts.len() > 1 {
        site_names.extend(
            title_parts
                .iter()
                .filter(|p| Some(*p) != headline_part.as_ref())
                .map(|p| key(p)),
        );
    }
    // An og:title that is only the site's name says nothing about the article.
    let og_title = meta
        .og_title
        .clone()
        .filter(|t| !site_names.contains(&key(t)));
    let is_candidate = |b: &Block, tag: &str| {
        b.level <= 1
            && flat.els[b.owner].tag == tag
            && fold_ws(&b.text).chars().count() >= 3
            && !site_names.contains(&key(&b.text))
            && classify(&b.text) == LineKind::Content
    };
    let heading = |tag: &str| -> Option<usize> {
        let cands: Vec<usize> = blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| is_candidate(b, tag))
            .map(|(i, _)| i)
            .collect();
        cands
            .iter()
            .rev()
            .find(|&&i| blocks[i].pos < first_body_pos)
            .or(cands.first())
            .copied()
    };
    // Depth of each element, for the lowest common ancestor with the body container.
    let mut depth = vec![0usize; flat.els.len()];
    for (i, el) in flat.els.iter().enumerate() {
        depth[i] = el.parent.map_or(0, |p| depth[p] + 1);
    }
    let lca_depth = |mut a: usize, mut b: usize| -> usize {
        while a != b {
            if depth[a] >= depth[b] {
                match flat.els[a].parent {
                    Some(p) => a = p,
                    None => return 0,
                }
            } else {
                match flat.els[b].parent {
                    Some(p) => b = p,
                    None => return 0,
                }
            }
        }
        depth[a]
    };
    // A heading equal to og:title or the JSON-LD headline is the headline; otherwise
    // the h1 or h2 before the body that shares the deepest ancestor with the body
    // (an article's headline, not a site-wide banner), h1 before h2, later before earlier.
    let stated: Vec<String> = og_title
        .iter()
        .chain(meta.ld_headline.iter())
        .map(|t| key(t))
        .collect();
    let by_meta = blocks.iter().position(|b| {
        (is_candidate(b, "h1") || is_candidate(b, "h2") || is_candidate(b, "h3"))
            && stated.contains(&key(&b.text))
    });
    let by_structure = container.and_then(|c| {
        blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.pos < first_body_pos)
            .filter(|(_, b)| {
                is_candidate(b, "h1")
                    || (is_candidate(b, "h2") && b.text.split_whitespace().count() >= 4)
            })
            .max_by_key(|(i, b)| (lca_depth(b.owner, c), flat.els[b.owner].tag == "h1", *i))
            .map(|(i, _)| i)
    });
    let title_block = by_meta.or(by_structure).or_else(|| heading("h1"));
    let title_block = title_block.or_else(|| {
        if og_title.is_none() {
            heading("h2")
        } else {
            None
        }
    });
    // No heading: a block before the body whose class names it the headline
    // (`<div class="news-title">`), before falling back to `<title>`.
    let title_block = title_block.or_else(|| {
        if og_title.is_some() || meta.ld_headline.is_some() {
            return None;
        }
        blocks.iter().position(|b| {
            let n = fold_ws(&b.text).chars().count();
            b.pos <= first_body_pos
                && !crate::plain::is_sentence(b.text.trim())
                && b.level <= 1
                && flat.els[b.owner].attr_title
                && (10..=300).contains(&n)
                && !site_names.contains(&key(&b.text))
                && classify(&b.text) == LineKind::Content
        })
    });
    // A headline that opened the body container: the body starts after it (and after
    // its date line).
    let first_body_pos = match title_block {
        Some(t) if blocks[t].pos == first_body_pos => blocks
            .iter()
            .skip(t + 1)
            .find(|b| {
                b.text.trim().chars().count() >= 20
                    && date_line(&b.text).is_none()
                    && !is_heading(&flat.els[b.owner].tag)
            })
            .map_or(first_body_pos, |b| b.pos),
        _ => first_body_pos,
    };
    let title = title_block
        .map(|i| fold_ws(&blocks[i].text))
        .or_else(|| og_title.clone())
        .or_else(|| meta.ld_headline.clone())
        .or_else(|| headline_part.clone());

    // Date line next to the headline: up to the body, or just above the headline.
    let mut date_block = None;
    if let Some(t) = title_block {
        let after = (t + 1..blocks.len())
            .take_while(|&i| blocks[i].pos <= first_body_pos)
            .take(8);
        let before = (t.saturating_sub(3)..t).rev();
        date_block = after
            .chain(before)
            .find(|&i| blocks[i].level <= 1 && date_line(&blocks[i].text).is_some());
    } else if let Some(c) = container {
        // No headline in the page's text: a date line of the body's container before its
        // first paragraph ("<p class="date">10 September 2024</p>").
        date_block = (0..blocks.len()).find(|&i| {
            let b = &blocks[i];
            b.pos <= first_body_pos && b.level <= 1 && within(b, c) && date_line(&b.text).is_some()
        });
    }
    // The `<time>` nearest to the headline, before the body or inside it; without a
    // headline, the first inside the body. Never one elsewhere (sidebars).
    let in_body = |start: usize| {
        container.is_some_and(|c| flat.els[c].start <= start && start <= flat.els[c].end)
    };
    let time_date = match title_block {
        Some(t) => meta
            .times
            .iter()
            .filter(|(el, _)| flat.els[*el].start <= first_body_pos || in_body(flat.els[*el].start))
            .min_by_key(|(el, _)| flat.els[*el].start.abs_diff(blocks[t].pos))
            .map(|(_, d)| *d),
        None => meta
            .times
            .iter()
            .find(|(el, _)| in_body(flat.els[*el].start))
            .map(|(_, d)| *d),
    };
    let published = meta
        .published
        .or(meta.ld_published)
        .or(time_date)
        .or_else(|| date_block.and_then(|i| date_line(&blocks[i].text)))
        .or_else(|| title.as_deref().and_then(find_date).map(|(d, _)| d));

    // Body: the container's blocks minus headline, date line and chrome.
    let title_key = title.as_deref().map(key);
    let mut paragraphs = Vec::new();
    // A lead paragraph between the headline and the body container ("standfirst").
    if let (Some(t), Some(c)) = (title_block, container) {
        for b in blocks
            .iter()
            .skip(t + 1)
            .take_while(|b| b.pos < flat.els[c].start)
        {
            let text = b.text.trim();
            if b.level == 0
                && matches!(flat.els[b.owner].tag.as_str(), "p" | "div")
                && text.chars().count() >= 60
                // "… The Ministers adopted the following Joint Statement:" before its list.
                && (crate::plain::is_sentence(text)
                    || (text.ends_with(':') && text.split_whitespace().count() > 12))
                && date_line(text).is_none()
                && classify(text) == LineKind::Content
            {
                paragraphs.push(text.to_string());
            }
        }
    }
    let body_blocks: Box<dyn Iterator<Item = (usize, &Block)>> = match container {
        Some(c) => Box::new(blocks.iter().enumerate().filter(move |(_, b)| within(b, c))),
        None => Box::new(blocks.iter().enumerate()),
    };
    for (i, b) in body_blocks {
        if b.level != 0 || Some(i) == title_block || Some(i) == date_block {
            continue;
        }
        let text = b.text.trim();
        if b.pos < first_body_pos && (date_line(text).is_some() || Some(key(text)) == title_key) {
            continue;
        }
        let kind = if flat.els[b.owner].tag == "tr" {
            LineKind::Content
        } else {
            classify(text)
        };
        match kind {
            LineKind::End => break,
            LineKind::Chrome => continue,
            LineKind::Content => paragraphs.push(text.to_string()),
        }
    }
    // "Cairo, 21 July 2027": the place the release is issued in opens the text, as a
    // dateline would.
    if let Some(i) = date_block
        && is_placed_date_line(&blocks[i].text)
    {
        paragraphs.insert(0, blocks[i].text.trim().to_string());
    }
    // Site names: og:site_name and the parts of `<title>` that are not the headline.
    let site = meta
        .site_name
        .iter()
        .cloned()
        .chain(
            title_parts
                .into_iter()
                .filter(|p| title_key.as_deref() != Some(key(p).as_str())),
        )
        .collect();
    Ok(Draft {
        source: source.to_string(),
        url: meta.url.clone(),
        title,
        published,
        lang_hint: meta.lang.clone(),
        paragraphs,
        site,
        ..Draft::default()
    })
}

/// Paragraphs of an HTML fragment (a feed item body, a JSON `html` field): every
/// block, chrome lines dropped. Text without markup keeps its blank-line paragraphs.
pub(crate) fn fragment_paragraphs(html: &str) -> Vec<String> {
    if !html.contains('<') {
        let paras = crate::plain::paragraphs(html.lines(), false);
        return paras
            .into_iter()
            .map(|p| if p.contains('&') { decode_text(&p) } else { p })
            .filter(|p| classify(p) == LineKind::Content)
            .collect();
    }
    if check_shape(html).is_err() {
        return vec![decode_text(&strip_tags(html))];
    }
    let doc = Html::parse_fragment(html);
    let flat = flatten(&doc);
    drop(doc);
    let mut levels = vec![0u8; flat.els.len()];
    for (i, el) in flat.els.iter().enumerate() {
        let inherited = el.parent.map_or(0, |p| levels[p]);
        levels[i] = inherited.max(if el.own_level >= 3 { 3 } else { 0 });
    }
    let mut out = Vec::new();
    for b in blocks(&flat, &levels) {
        if b.level != 0 {
            continue;
        }
        match classify(b.text.trim()) {
            LineKind::End => break,
            LineKind::Chrome => {}
            LineKind::Content => out.push(b.text.trim().to_string()),
        }
    }
    out
}

/// Removes tags from over-deep markup without parsing it (a bounded fallback).
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Plain text of a short string that may hold entities or tags (feed titles).
pub(crate) fn decode_text(s: &str) -> String {
    if !s.contains(['&', '<']) {
        return fold_ws(s);
    }
    let mut s = s.to_string();
    // Doubly escaped entities (`&amp;quot;`) need a second pass.
    for _ in 0..2 {
        if !s.contains(['&', '<']) {
            break;
        }
        let frag = Html::parse_fragment(&s);
        let text: String = frag.root_element().text().collect::<Vec<_>>().join("");
        s = text;
    }
    fold_ws(&s)
}

/// `<title>` split at the usual site-name separators.
fn split_title(t: &str) -> Vec<String> {
    let mut parts = vec![t.to_string()];
    for sep in [" | ", " :: ", " — ", " – ", " - ", " / ", " « ", " » "] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    parts
        .into_iter()
        .map(|p| fold_ws(&p))
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_with_chrome() {
        let page = r#"<html lang="en"><head><title>Big talks - Ministry</title><style>p{}</style></head>
<body class="lang-en"><div class="font-size">Font size: A A A</div>
<nav><a href="/">Home</a></nav><div class="breadcrumbs">Home › News</div>
<div class="news"><p class="date">03 October, 2023</p><h1>Big talks held in Yerevan</h1>
<div class="tools"><a>print version</a></div>
<div class="text"><p>On October 3, in Yerevan, the ministers held talks on bilateral relations.</p>
<p>The parties discussed<br>the regional situation and cooperation in trade.</p>
<ul><li>first agreement on energy cooperation</li><li>second agreement on education</li></ul>
<table><tr><td>2025</td><td>Ganja</td></tr></table></div>
<div class="share">Share: Facebook X</div></div>
<aside><h3>Latest news</h3><div><span>02 October, 2023</span><a>Other headline that must not win</a></div></aside>
<footer><h4>Official Internet Resources</h4></footer><script>var x=1;</script></body></html>"#;
        let d = parse("p.html", page).unwrap().finish();
        assert_eq!(d.title.as_deref(), Some("Big talks held in Yerevan"));
        // The `<title>` parts that are not the headline name the site.
        assert_eq!(d.site.as_deref(), Some("Big talks\nMinistry"));
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2023-10-03")
        );
        assert_eq!(
            d.text,
            "On October 3, in Yerevan, the ministers held talks on bilateral relations.\n\nThe parties discussed\nthe regional situation and cooperation in trade.\n\nfirst agreement on energy cooperation\n\nsecond agreement on education\n\n2025 | Ganja"
        );
        assert_eq!(d.language, "en");
    }

    #[test]
    fn headline_part_of_a_title_naming_two_sites() {
        let page = r#"<html><head><title>Kazakh Foreign Minister holds talks in Tashkent | Ministry of Foreign Affairs of the Republic of Kazakhstan | Official Information Source of the Prime Minister of the Republic of Kazakhstan</title></head>
<body><div class="text"><p>Minister of Foreign Affairs of Kazakhstan held talks with his Uzbek counterpart in Tashkent on bilateral relations.</p></div></body></html>"#;
        let d = parse("p.html", page).unwrap().finish();
        assert_eq!(
            d.title.as_deref(),
            Some("Kazakh Foreign Minister holds talks in Tashkent")
        );
    }

    #[test]
    fn date_line_of_a_page_without_headline_block() {
        let page = r#"<html><head><title>Talks with Chile | Ministry of Foreign Affairs</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News of 2024</a></nav>
<article><p class="date">10 September 2024</p><p><strong>Talks with Chile</strong></p>
<p>The Minister of Foreign Affairs met today with the Minister of Foreign Affairs of Chile.</p>
</article></body></html>"#;
        let d = parse("p.html", page).unwrap().finish();
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2024-09-10")
        );
        assert!(!d.text.contains("10 September 2024"), "{}", d.text);
    }

    #[test]
    fn headline_in_a_titled_div() {
        let page = r#"<html><head><title>Ministry of Foreign Affairs of Freedonia</title></head><body>
<div class="nav"><a href="/">Home</a></div>
<div class="content"><div class="news-title">Minister Holds Talks with the Visiting Foreign Minister</div>
<div class="news-info">Updated: January 09, 2026</div>
<div class="news-main"><p>On January 9, 2026, the Minister held talks with his counterpart in the capital.</p>
<p>The two sides agreed to deepen cooperation in trade and energy.</p></div></div></body></html>"#;
        let d = parse("p.html", page).unwrap().finish();
        assert_eq!(
            d.title.as_deref(),
            Some("Minister Holds Talks with the Visiting Foreign Minister")
        );
        assert_eq!(
            d.site.as_deref(),
            Some("Ministry of Foreign Affairs of Freedonia")
        );
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2026-01-09")
        );
    }

    #[test]
    fn sidebar_before_article() {
        let page = r#"<html><head><title>Ministry of Foreign Affairs of Freedonia</title></head><body>
<h1 class="site">Ministry of Foreign Affairs of Freedonia</h1>
<div class="col-left"><h4>News</h4><ul><li><time datetime="2024-06-30">30.06.2024</time> <a>Minister received the Ambassador of a friendly country today</a></li></ul></div>
<div class="main"><h2>Consultations held in the capital on consular issues</h2><div class="info"><time datetime="2024-06-12">12 June 2024</time></div>
<p>On 12 June 2024, consultations on consular issues were held in the capital between the two ministries.</p>
<p>The parties discussed visa facilitation and the protection of the rights of citizens.</p></div></body></html>"#;
        let d = parse("p.html", page).unwrap().finish();
        assert_eq!(
            d.title.as_deref(),
            Some("Consultations held in the capital on consular issues")
        );
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2024-06-12")
        );
        assert!(!d.text.contains("Ambassador"));
    }

    #[test]
    fn br_separated_text_and_logo_heading() {
        let page = r#"<html><head><title>Ministry of Foreign Affairs</title>
<meta property="og:title" content="Foreign Minister receives the Ambassador of Chile"></head><body>
<h1 class="logo">Ministry of Foreign Affairs</h1><div class="menu"><a>Home</a> | <a>News</a></div>
<div id="content"><h3>Foreign Minister receives the Ambassador of Chile</h3>
<span class="date">Published: 05/03/2024</span>
<div class="body">On 5 March 2024, the Foreign Minister received the Ambassador of Chile on the occasion of the end of his mission.<br><br>
The Minister thanked the Ambassador for his contribution to the development of relations between the two countries.<br>
The Ambassador was awarded a state decoration.</div></div></body></html>"#;
        let d = parse("p.html", page).unwrap().finish();
        assert_eq!(
            d.title.as_deref(),
            Some("Foreign Minister receives the Ambassador of Chile")
        );
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(d.paragraphs.len(), 2, "{}", d.text);
        assert!(d.text.starts_with("On 5 March 2024"));
        assert!(d.text.ends_with("state decoration."));
    }

    #[test]
    fn lead_paragraph_introducing_a_list() {
        let items: String = (1..=6)
            .map(|i| format!("<li>Point {i} of the statement, which the ministers agreed on today in Vienna.</li>"))
            .collect();
        let page = format!(
            r#"<html><head><title>Federal Ministry</title></head><body>
<div class="news-item"><h1>Joint Statement of the Foreign Ministers</h1><div class="news-text">
<p>At the invitation of the Federal Minister, the Minister of Foreign Affairs of Uzbekistan paid an official visit to Vienna on 5-6 May 2026. The Ministers adopted the following Joint Statement:</p>
<ol>{items}</ol></div></div></body></html>"#
        );
        let d = parse("p.html", &page).unwrap().finish();
        assert!(d.text.starts_with("At the invitation"), "{}", d.text);
        assert!(d.text.contains("Point 6 of"), "{}", d.text);
    }

    #[test]
    fn depth_check() {
        let deep = "<div>".repeat(5000);
        assert!(shape(&deep).depth >= 5000);
        assert!(matches!(parse("x", &deep), Err(Reason::TooDeep { .. })));
        assert!(shape("<p>a<p>b<br><img src=x><div></div>").depth <= 1);
        let script = format!(
            "<html><body><script>{}</script><p>x</p></body></html>",
            "if(a<b&&c<d){}".repeat(5000)
        );
        assert!(shape(&script).depth <= 2);
        assert!(shape("<!-- <div><div> --><div></div>").depth == 1);
        let reopen = format!("{}{}", "<b id=x>".repeat(900), "<p>t".repeat(50_000));
        assert!(matches!(check_shape(&reopen), Err(Reason::Malformed(_))));
        // No `>` at all: still linear.
        let open = "<a ".repeat(200_000);
        let t = std::time::Instant::now();
        let _ = shape(&open);
        assert!(t.elapsed().as_secs() < 5);
    }
}
