//! The `Document` type: one clean press release, the output of ingest.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One press release, cleaned of page chrome.
///
/// `text` holds the title-less article body with paragraphs separated by a blank line
/// (`"\n\n"`); `paragraphs` are the byte ranges of each paragraph inside `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: a hash of the source and the normalized text (hex, 16 chars).
    pub id: String,
    /// Where the document came from: a file path (feed items: `path#n`, 1-based), `-` for stdin.
    pub source: String,
    /// Canonical URL of the release when the input states one.
    pub url: Option<String>,
    /// Article headline (never the site's `<title>` suffix or a sidebar headline).
    pub title: Option<String>,
    /// Publication date of the article.
    pub published: Option<Date>,
    /// ISO 639-1 language code (`en`, `ru`, …), `und` when unknown.
    pub language: String,
    /// Clean article text.
    pub text: String,
    /// Byte ranges of paragraphs inside `text`.
    pub paragraphs: Vec<Paragraph>,
    /// The site's name as the page states it, one name per line: its masthead lines
    /// above the headline, `og:site_name`, the site part of `<title>`. A hint of who
    /// published the release; never article text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Set for items that came out of a feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed: Option<FeedInfo>,
}

/// A paragraph: a byte range of [`Document::text`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
}

impl Paragraph {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The feed a document was an item of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedInfo {
    /// Channel / feed title.
    pub title: Option<String>,
    /// Channel `lastBuildDate` / feed `updated`.
    pub published: Option<Date>,
    /// 1-based position of the item in the feed, in feed order.
    pub position: usize,
    /// Number of items in the feed.
    pub count: usize,
    /// Path of the feed file itself.
    pub source: String,
}
