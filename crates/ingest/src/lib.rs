//! `attache-ingest`: bytes in any format we are given become clean [`Document`]s.
//!
//! Owns format detection (HTML page, plain text, Markdown with front matter, RSS/Atom,
//! JSON Lines), decoding (BOMs, declared and detected legacy charsets), main-content
//! extraction with page chrome removed, and metadata (title, publication date, URL,
//! language). Every offset in a [`Document`] is a byte offset into its `text`.
//!
//! Entry points: [`read_path`] (a file or a directory, recursively in sorted order),
//! [`read_reader`] / [`read_stdin`] (a stream), [`parse_bytes`] (bytes in memory).
//! Formats are chosen by content; the file extension only breaks ties.
//!
//! Bounds: inputs over [`Options::max_bytes`] are refused (JSON Lines is read line by
//! line and the limit applies to each line). HTML is pre-scanned in linear time and
//! refused before parsing when nested deeper than 1,000 elements or when hundreds of
//! unclosed formatting elements would make html5ever re-create them endlessly (its tree
//! builder is quadratic in nesting depth: 10,000 levels take 16 s in a debug build,
//! 30,000 take 130 s). Feeds are read with quick-xml and DTD entities are never
//! expanded (entity bombs and XXE are inert); feed elements nest at most 256 deep.
//! Nothing recurses on input structure, so no input can overflow the stack.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod assemble;
mod chrome;
mod dates;
mod decode;
mod document;
mod error;
mod feed;
mod html;
mod jsonl;
mod lang;
mod markdown;
mod plain;

pub use document::{Document, FeedInfo, Paragraph};
pub use error::{IngestError, Reason};

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

/// Ingest settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Largest input read whole (default 64 MiB); for JSON Lines, the largest line.
    pub max_bytes: u64,
    /// Read every input as this format instead of detecting it from the content.
    pub format: Option<Format>,
}

/// Default [`Options::max_bytes`]: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

impl Default for Options {
    fn default() -> Self {
        Options {
            max_bytes: DEFAULT_MAX_BYTES,
            format: None,
        }
    }
}

/// Bytes read to choose a format before streaming.
const SNIFF: usize = 64 * 1024;

/// Input formats. Normally detected from the content; see [`Options::format`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// A whole web page (or an HTML fragment).
    Html,
    /// RSS 0.9x/1.0/2.0 or Atom: one document per item.
    Feed,
    /// Markdown, usually with a YAML front matter block.
    Markdown,
    /// One JSON object (or an array of them) with `text` or `html`.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// Plain text copied from a page.
    Text,
}

fn extension(source: &str) -> String {
    Path::new(source.split('#').next().unwrap_or(source))
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Chooses the format of decoded text by its content (the extension breaks ties).
fn detect(text: &str, source: &str) -> Result<Format, Reason> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.is_empty() {
        return Err(Reason::Empty);
    }
    let ext = extension(source);
    if t.starts_with("---") && markdown::split_front_matter(t).is_some() {
        return Ok(Format::Markdown);
    }
    if t.starts_with('<') {
        let head: String = t
            .chars()
            .take(4096)
            .collect::<String>()
            .to_ascii_lowercase();
        if head.contains("<html") || head.contains("<!doctype html") || head.contains("<body") {
            return Ok(Format::Html);
        }
        if feed::looks_like_feed(t) {
            return Ok(Format::Feed);
        }
        if head.starts_with("<?xml") && !matches!(ext.as_str(), "html" | "htm" | "xhtml") {
            return Err(Reason::NotAFeed);
        }
        return Ok(Format::Html);
    }
    if t.starts_with("# ") {
        return Ok(Format::Markdown);
    }
    if t.starts_with('[') {
        return Ok(Format::Json);
    }
    if t.starts_with('{') {
        let first = t.lines().next().unwrap_or("");
        return Ok(
            if serde_json::from_str::<serde_json::Value>(first).is_ok() {
                Format::JsonLines
            } else {
                Format::Json
            },
        );
    }
    Ok(match ext.as_str() {
        "md" | "markdown" => Format::Markdown,
        _ => Format::Text,
    })
}

fn finish(draft: assemble::Draft) -> Result<Document, IngestError> {
    let source = draft.source.clone();
    let doc = draft.finish();
    if doc.text.is_empty() && doc.title.is_none() {
        return Err(IngestError::new(source, Reason::NoText));
    }
    Ok(doc)
}

/// Parses decoded text of one input into documents (or per-item errors).
fn parse_text(
    source: &str,
    text: &str,
    forced: Option<Format>,
) -> Vec<Result<Document, IngestError>> {
    let err = |r| vec![Err(IngestError::new(source, r))];
    if text.trim().is_empty() {
        return err(Reason::Empty);
    }
    let format = match forced.map(Ok).unwrap_or_else(|| detect(text, source)) {
        Ok(f) => f,
        Err(r) => return err(r),
    };
    let text = text.trim_start_matches('\u{feff}');
    match format {
        Format::Html => match html::parse(source, text) {
            Ok(d) => vec![finish(d)],
            Err(r) => err(r),
        },
        Format::Feed => match feed::parse(source, text) {
            Ok(items) if items.is_empty() => err(Reason::Feed("no items".into())),
            Ok(items) => items.into_iter().map(finish).collect(),
            Err(r) => err(r),
        },
        Format::Markdown => vec![finish(markdown::parse(source, text))],
        Format::Text => vec![finish(plain::parse(source, text))],
        Format::Json => jsonl::parse_json(source, text)
            .into_iter()
            .enumerate()
            .map(|(i, r)| match r {
                Ok(d) => finish(d),
                Err(reason) => Err(IngestError::new(format!("{source}#{}", i + 1), reason)),
            })
            .collect(),
        Format::JsonLines => text
            .lines()
            .enumerate()
            .filter_map(|(i, line)| match jsonl::parse_line(source, i + 1, line) {
                Ok(Some(d)) => Some(finish(d)),
                Ok(None) => None,
                Err(reason) => Some(Err(IngestError::at_line(source, i + 1, reason))),
            })
            .collect(),
    }
}

/// Parses one input held in memory (the server's upload form). All or nothing: the
/// first failing item (a feed item, a JSON Lines line) fails the whole input.
pub fn parse_bytes(
    source: &str,
    bytes: &[u8],
    opts: &Options,
) -> Result<Vec<Document>, IngestError> {
    if bytes.len() as u64 > opts.max_bytes {
        return Err(IngestError::new(
            source,
            Reason::TooLarge {
                size: bytes.len() as u64,
                limit: opts.max_bytes,
            },
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::new(source, Reason::Empty));
    }
    let text = decode::decode(bytes).map_err(|r| IngestError::new(source, r))?;
    parse_text(source, &text, opts.format).into_iter().collect()
}

/// A JSON Lines stream being read line by line.
struct LineStream {
    name: String,
    reader: Box<dyn BufRead>,
    line: usize,
    max: u64,
}

impl LineStream {
    fn next_result(&mut self) -> Option<Result<Document, IngestError>> {
        loop {
            let mut buf = Vec::new();
            self.line += 1;
            let n = match (&mut self.reader)
                .take(self.max + 1)
                .read_until(b'\n', &mut buf)
            {
                Ok(n) => n,
                Err(e) => {
                    return Some(Err(IngestError::at_line(
                        &self.name,
                        self.line,
                        Reason::Io(e),
                    )));
                }
            };
            if n == 0 {
                return None;
            }
            if buf.len() as u64 > self.max && !buf.ends_with(b"\n") {
                // Skip the rest of the over-long line.
                let mut skipped = buf.len() as u64;
                loop {
                    let mut chunk = Vec::new();
                    match (&mut self.reader)
                        .take(1 << 20)
                        .read_until(b'\n', &mut chunk)
                    {
                        Ok(0) => break,
                        Ok(_) => {
                            skipped += chunk.len() as u64;
                            if chunk.ends_with(b"\n") {
                                break;
                            }
                        }
                        Err(_) => break,
                    }
                }
                let reason = Reason::TooLarge {
                    size: skipped,
                    limit: self.max,
                };
                return Some(Err(IngestError::at_line(&self.name, self.line, reason)));
            }
            let text = String::from_utf8_lossy(&buf);
            match jsonl::parse_line(&self.name, self.line, &text) {
                Ok(Some(d)) => return Some(finish(d)),
                Ok(None) => continue,
                Err(reason) => {
                    return Some(Err(IngestError::at_line(&self.name, self.line, reason)));
                }
            }
        }
    }
}

/// Streaming iterator over the documents of paths and readers.
struct Docs {
    stack: Vec<PathBuf>,
    pending: VecDeque<Result<Document, IngestError>>,
    lines: Option<LineStream>,
    reader: Option<(String, Box<dyn Read>)>,
    opts: Options,
}

impl Docs {
    /// Reads one input: streams JSON Lines, reads anything else whole (bounded). Only
    /// as much is read before deciding as a first line needs, so a slow producer on
    /// standard input gets its first documents printed at once.
    fn open(&mut self, name: String, reader: Box<dyn Read>, known_len: Option<u64>) {
        let max = self.opts.max_bytes;
        let mut br = BufReader::with_capacity(SNIFF, reader);
        // Skip a UTF-8 BOM and leading whitespace; find the first significant byte.
        let mut first_byte = None;
        let mut at_start = true;
        loop {
            let buf = match br.fill_buf() {
                Ok(b) => b,
                Err(e) => {
                    self.pending
                        .push_back(Err(IngestError::new(name, Reason::Io(e))));
                    return;
                }
            };
            if buf.is_empty() {
                break;
            }
            if at_start && buf.starts_with(b"\xef\xbb\xbf") {
                br.consume(3);
                at_start = false;
                continue;
            }
            at_start = false;
            match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                Some(p) => {
                    first_byte = Some(buf[p]);
                    br.consume(p);
                    break;
                }
                None => {
                    let n = buf.len();
                    br.consume(n);
                }
            }
        }
        let Some(first_byte) = first_byte else {
            self.pending
                .push_back(Err(IngestError::new(name, Reason::Empty)));
            return;
        };
        let forced = self.opts.format;
        let mut prefix = Vec::new();
        if forced == Some(Format::JsonLines) || (forced.is_none() && first_byte == b'{') {
            if let Err(e) = (&mut br).take(max + 1).read_until(b'\n', &mut prefix) {
                self.pending
                    .push_back(Err(IngestError::new(name, Reason::Io(e))));
                return;
            }
            let is_line = serde_json::from_slice::<serde_json::Value>(prefix.trim_ascii()).is_ok();
            if forced.is_some() || is_line {
                let chained: Box<dyn Read> = Box::new(Cursor::new(prefix).chain(br));
                self.lines = Some(LineStream {
                    name,
                    reader: Box::new(BufReader::new(chained)),
                    line: 0,
                    max,
                });
                return;
            }
        }
        if prefix.is_empty()
            && let Ok(head) = br.fill_buf()
            && let Some(what) = decode::sniff_binary(head)
        {
            self.pending
                .push_back(Err(IngestError::new(name, Reason::Binary(what))));
            return;
        }
        if let Some(len) = known_len.filter(|&l| l > max) {
            self.pending.push_back(Err(IngestError::new(
                name,
                Reason::TooLarge {
                    size: len,
                    limit: max,
                },
            )));
            return;
        }
        let mut bytes = prefix;
        let room = (max + 1).saturating_sub(bytes.len() as u64);
        if let Err(e) = br.take(room).read_to_end(&mut bytes) {
            self.pending
                .push_back(Err(IngestError::new(name, Reason::Io(e))));
            return;
        }
        if bytes.len() as u64 > max {
            let size = known_len.unwrap_or(bytes.len() as u64);
            self.pending.push_back(Err(IngestError::new(
                name,
                Reason::TooLarge { size, limit: max },
            )));
            return;
        }
        if let Some(what) = decode::sniff_binary(&bytes) {
            self.pending
                .push_back(Err(IngestError::new(name, Reason::Binary(what))));
            return;
        }
        match decode::decode(&bytes) {
            Ok(text) => self
                .pending
                .extend(parse_text(&name, &text, self.opts.format)),
            Err(r) => self.pending.push_back(Err(IngestError::new(name, r))),
        }
    }

    fn visit(&mut self, path: PathBuf) {
        let name = path.display().to_string();
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                self.pending
                    .push_back(Err(IngestError::new(name, Reason::Io(e))));
                return;
            }
        };
        if meta.is_dir() {
            let entries = match std::fs::read_dir(&path) {
                Ok(rd) => rd,
                Err(e) => {
                    self.pending
                        .push_back(Err(IngestError::new(name, Reason::Io(e))));
                    return;
                }
            };
            let mut children: Vec<PathBuf> = Vec::new();
            for entry in entries.flatten() {
                let file_name = entry.file_name().to_string_lossy().to_string();
                if skipped_in_directory(&file_name) {
                    continue;
                }
                // Symlinked directories are not followed (no cycles).
                let is_link_dir =
                    entry.file_type().is_ok_and(|t| t.is_symlink()) && entry.path().is_dir();
                if !is_link_dir {
                    children.push(entry.path());
                }
            }
            children.sort();
            self.stack.extend(children.into_iter().rev());
            return;
        }
        if meta.len() == 0 {
            self.pending
                .push_back(Err(IngestError::new(name, Reason::Empty)));
            return;
        }
        match File::open(&path) {
            Ok(f) => self.open(name, Box::new(f), Some(meta.len())),
            Err(e) => self
                .pending
                .push_back(Err(IngestError::new(name, Reason::Io(e)))),
        }
    }
}

/// Files skipped inside directories: hidden files and the directory's own README.
fn skipped_in_directory(file_name: &str) -> bool {
    file_name.starts_with('.') || file_name.to_ascii_uppercase().starts_with("README")
}

impl Iterator for Docs {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(r) = self.pending.pop_front() {
                return Some(r);
            }
            if let Some(lines) = self.lines.as_mut() {
                match lines.next_result() {
                    Some(r) => return Some(r),
                    None => self.lines = None,
                }
                continue;
            }
            if let Some((name, reader)) = self.reader.take() {
                self.open(name, reader, None);
                continue;
            }
            let path = self.stack.pop()?;
            self.visit(path);
        }
    }
}

/// Documents of a file or directory (recursively, in sorted order, skipping hidden
/// files and README files), read lazily: JSON Lines is streamed line by line.
pub fn read_path(
    path: &Path,
    opts: &Options,
) -> impl Iterator<Item = Result<Document, IngestError>> + use<> {
    Docs {
        stack: vec![path.to_path_buf()],
        pending: VecDeque::new(),
        lines: None,
        reader: None,
        opts: opts.clone(),
    }
}

/// Documents of a stream named `name` (JSON Lines is streamed line by line).
pub fn read_reader<R: Read + 'static>(
    name: &str,
    reader: R,
    opts: &Options,
) -> impl Iterator<Item = Result<Document, IngestError>> + use<R> {
    Docs {
        stack: Vec::new(),
        pending: VecDeque::new(),
        lines: None,
        reader: Some((name.to_string(), Box::new(reader))),
        opts: opts.clone(),
    }
}

/// Documents of standard input, named `-`.
pub fn read_stdin(opts: &Options) -> impl Iterator<Item = Result<Document, IngestError>> + use<> {
    read_reader("-", std::io::stdin(), opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_by_content() {
        assert_eq!(
            detect("<!DOCTYPE html><html>", "a.txt").ok(),
            Some(Format::Html)
        );
        assert_eq!(
            detect("<?xml version=\"1.0\"?><rss>", "a.txt").ok(),
            Some(Format::Feed)
        );
        assert_eq!(
            detect("---\ntitle: x\n---\nbody", "a.txt").ok(),
            Some(Format::Markdown)
        );
        assert_eq!(
            detect("{\"text\":\"x\"}\n", "a.txt").ok(),
            Some(Format::JsonLines)
        );
        assert_eq!(detect("Title\n\nBody.", "a.html").ok(), Some(Format::Text));
        assert!(matches!(
            detect("<?xml version=\"1.0\"?><svg/>", "a.xml"),
            Err(Reason::NotAFeed)
        ));
    }

    #[test]
    fn jsonl_bad_line_continues() {
        let data = "{\"text\":\"One.\"}\n{broken\n{\"text\":\"Three.\"}\n";
        let out: Vec<_> = read_reader(
            "x.jsonl",
            Cursor::new(data.as_bytes().to_vec()),
            &Options::default(),
        )
        .collect();
        assert_eq!(out.len(), 3);
        assert!(out[0].is_ok() && out[2].is_ok());
        let e = out[1].as_ref().unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("x.jsonl:2: invalid JSON"));
    }
}
