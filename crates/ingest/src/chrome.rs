//! Page chrome recognition shared by the plain-text and HTML readers: which lines or
//! blocks are navigation, widgets, share and print links, breadcrumbs, copyright and
//! footers rather than the release. Phrase rules come from `data/chrome.txt`; the
//! structural rules (pipe-separated link rows, breadcrumbs, copyright lines) are here.

use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// Part of the release (or at least not recognisably chrome).
    Content,
    /// Chrome: drop this line.
    Chrome,
    /// Start of the site footer: drop this line and everything after it.
    End,
}

#[derive(Debug, Default)]
struct Rules {
    end: Vec<String>,
    exact: Vec<String>,
    prefix: Vec<String>,
    contains: Vec<String>,
    /// Street words of postal addresses ("road", "jl.", "cad.").
    street: Vec<String>,
    /// Words that make a part of a `<title>` the site's name ("ministry", "official").
    site: Vec<String>,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut r = Rules::default();
        for line in include_str!("../data/chrome.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((kind, text)) = line.split_once(':') else {
                continue;
            };
            let text = text.trim().to_lowercase();
            match kind.trim() {
                "end" => r.end.push(text),
                "exact" => r.exact.push(text),
                "prefix" => r.prefix.push(text),
                "contains" => r.contains.push(text),
                "street" => r.street.push(text),
                "site" => r.site.push(text),
                _ => {}
            }
        }
        r
    })
}

/// Lower-cased, whitespace-folded form used for matching.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A row of short links separated by `|`, `·` or `•` (language switchers, menus,
/// "Print | Share", footer link lists).
fn is_link_row(line: &str) -> bool {
    let seps = ['|', '·', '•'];
    if !line.contains(seps) {
        return false;
    }
    let segments: Vec<&str> = line
        .split(seps)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if segments.is_empty() {
        return true;
    }
    segments.iter().all(|s| words(s) <= 6 && !s.ends_with('.'))
        && (segments.len() >= 2 || line.trim_start().starts_with(seps))
}

const HOME_WORDS: [&str; 8] = [
    "home",
    "main",
    "главная",
    "главная страница",
    "startseite",
    "accueil",
    "inicio",
    "ana sayfa",
];

/// "Home > Press > News", "Main / Embassy news", "Home › Press"…
fn is_breadcrumb(line: &str, folded: &str) -> bool {
    let seps = ['>', '›', '»', '/', '→', '\\'];
    for home in HOME_WORDS {
        if let Some(rest) = folded.strip_prefix(home) {
            let rest = rest.trim_start();
            if rest.starts_with(seps) {
                return true;
            }
        }
    }
    let n = line.matches(['>', '›', '»']).count();
    if n >= 2 {
        return line.split(['>', '›', '»']).all(|s| words(s) <= 6);
    }
    // One step ("Media Centre > Press Releases"): two short runs of capitalised words.
    n == 1
        && line.split(['>', '›', '»']).all(|s| {
            let ws = s.split_whitespace();
            (1..=3).contains(&words(s))
                && ws.clone().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars().all(|c| c.is_alphabetic() || c == '&' || c == '-')
                })
        })
}

/// Whether a part of a page's `<title>` names the site rather than the release: it
/// holds a `site` word of `data/chrome.txt` ("Ministry of Foreign Affairs", "Official
/// Information Source of the Prime Minister").
pub(crate) fn names_site(part: &str) -> bool {
    let r = rules();
    part.split(|c: char| !c.is_alphanumeric())
        .any(|w| r.site.iter().any(|s| s.eq_ignore_ascii_case(w)))
}

/// Navigation rows: link rows, breadcrumbs and font-size widgets.
pub(crate) fn is_navigation(line: &str) -> bool {
    let folded = fold(line);
    folded.starts_with("font size") || is_link_row(line) || is_breadcrumb(line, &folded)
}

fn is_copyright(folded: &str) -> bool {
    let starts =
        folded.starts_with("(c)") || folded.starts_with('©') || folded.starts_with("copyright ©");
    starts && (folded.len() < 120 || folded.contains("ministry") || folded.contains("copyright"))
}

/// A postal address line of a page footer: "460 Soutpansberg Road, Rietondale,
/// Pretoria", "Jl. Taman Pejambon No. 6, Jakarta Pusat 10110". Short (at most 14
/// words), holding a figure, a comma or slash and a street word of `data/chrome.txt`,
/// not ending as a
/// sentence, and with at most one lower-case word besides the street words (prose has
/// many).
fn is_address(line: &str, folded: &str) -> bool {
    let r = rules();
    let n = words(line);
    if !(2..=14).contains(&n)
        || !line.contains(|c: char| c.is_ascii_digit())
        || !line.contains([',', '/'])
    {
        return false;
    }
    let tokens: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let is_street = |t: &str| r.street.iter().any(|s| s == t);
    if !tokens.iter().any(|t| is_street(t)) {
        return false;
    }
    // "… at 10 Downing Street." is a sentence; an address line ends with a name or code.
    let last = line.trim_end();
    if last.ends_with(['.', '!', '?', ':', ';']) && !last.ends_with(|c: char| c.is_uppercase()) {
        let tail = last.rsplit(' ').next().unwrap_or("").to_lowercase();
        if !is_street(&tail) {
            return false;
        }
    }
    let lower = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
        .filter(|w| !is_street(&w.to_lowercase()))
        .count();
    lower <= 1
}

/// Classifies one line of text (or the text of one HTML block).
pub(crate) fn classify(line: &str) -> LineKind {
    let line = line.trim();
    if line.is_empty() {
        return LineKind::Content;
    }
    let folded = fold(line);
    let r = rules();
    let bare = folded.trim_end_matches([':', '.']);
    if r.end.iter().any(|e| folded == *e || bare == e.as_str()) {
        return LineKind::End;
    }
    if r.exact.iter().any(|e| folded == *e || bare == e.as_str()) {
        return LineKind::Chrome;
    }
    if folded.len() <= 160 {
        if r.prefix.iter().any(|p| folded.starts_with(p.as_str())) {
            return LineKind::Chrome;
        }
        if r.contains.iter().any(|c| folded.contains(c.as_str())) {
            return LineKind::Chrome;
        }
    }
    if folded.len() <= 300 && (is_link_row(line) || is_breadcrumb(line, &folded)) {
        return LineKind::Chrome;
    }
    if is_copyright(&folded) || is_address(line, &folded) {
        return LineKind::Chrome;
    }
    LineKind::Content
}

/// Tokens of an HTML `class` or `id` that mark an element as chrome.
const CHROME_TOKENS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "print",
    "font",
    "fontsize",
    "fontresizer",
    "resizer",
    "breadcrumb",
    "breadcrumbs",
    "crumbs",
    "topicpath",
    "ariane",
    "tools",
    "toolbar",
    "back",
    "tags",
    "keywords",
    "related",
    "sidebar",
    "side",
    "cookie",
    "cookies",
    "consent",
    "banner",
    "banners",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "langnav",
    "mainnav",
    "globalnav",
    "footer",
    "lang",
    "langs",
    "language",
    "languages",
    "languageselector",
    "search",
    "skip",
    "skiplink",
    "widget",
    "comments",
    "pagination",
    "pager",
    "a11y",
    "accessibility",
    "acessibilidade",
    "blind",
    "hidden",
    "copyright",
    "views",
    "hits",
    "latestnews",
    "modal",
    "popup",
    "subscribe",
    "newsletter",
];

/// Splits a class/id value into lower-case tokens at non-alphanumerics and camelCase
/// boundaries (`sideNews` → `side`, `news`; `c-share__x` → `c`, `share`, `x`).
fn tokens(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .flat_map(|part| {
            let mut pieces = vec![part.to_lowercase()];
            let mut cur = String::new();
            let mut split = Vec::new();
            let mut prev_lower = false;
            for ch in part.chars() {
                if ch.is_uppercase() && prev_lower && !cur.is_empty() {
                    split.push(std::mem::take(&mut cur));
                }
                prev_lower = ch.is_lowercase() || ch.is_ascii_digit();
                cur.extend(ch.to_lowercase());
            }
            if !cur.is_empty() {
                split.push(cur);
            }
            if split.len() > 1 {
                pieces.extend(split);
            }
            pieces
        })
}

/// Whether a class or id value marks chrome.
/// Whether an HTML `class` or `id` names a headline ("news-title", "headline").
pub(crate) fn is_title_attr(value: &str) -> bool {
    tokens(value).any(|t| matches!(t.as_str(), "title" | "headline"))
}

pub(crate) fn is_chrome_attr(value: &str) -> bool {
    tokens(value).any(|t| CHROME_TOKENS.contains(&t.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        for l in [
            "Font size: A A A",
            "Հայերեն | English | Русский | Français",
            "Home > Media Hub > News",
            "Main / News / Embassy news",
            "Home › Press › Statements",
            "Media Centre > Press Releases",
            "Share: X | Facebook | WhatsApp | Email",
            "print version",
            "Print | Share",
            "(c) 2023 Ministry of Foreign Affairs, United Arab Emirates",
            "Tags: industrial cooperation, agriculture, Kostanai, Kokshetau",
            "Views: 1 087",
            "Smolenskaya-Sennaya pl. 32/34, Moscow",
            "OR Tambo Building, 460 Soutpansberg Road, Rietondale, Pretoria",
            "Dr. Sadık Ahmet Cad. No: 8, Balgat / Ankara",
            "Jl. Taman Pejambon No. 6, Jakarta Pusat 10110",
            "2201 C Street NW, Washington, DC 20520",
            "All content is available under the Open Government Licence v3.0, except where otherwise stated. (c) Crown copyright",
        ] {
            assert_eq!(classify(l), LineKind::Chrome, "{l}");
        }
        assert_eq!(classify("Official Internet Resources"), LineKind::End);
        for l in [
            "The sides discussed current issues of bilateral cooperation.",
            "Media Statement",
            "The talks took place at 10 Downing Street.",
            "Statement No. 45",
            "Exports > 5% of output",
            "Parade on Red Square 9 May",
            "The road to peace runs through 3 steps of dialogue and trust on both sides",
            "Enquiries: Clayson Monyela, Head of Public Diplomacy",
            "(c) the parties agreed to continue consultations on the draft agreement and to meet again in the first half of next year, in a place to be agreed through diplomatic channels.",
        ] {
            assert_eq!(classify(l), LineKind::Content, "{l}");
        }
    }

    #[test]
    fn attrs() {
        assert!(is_chrome_attr("col-3 sideNews"));
        assert!(is_chrome_attr("c-share__x"));
        assert!(is_chrome_attr("fontResizer"));
        assert!(is_chrome_attr("gem-c-cookie-banner"));
        assert!(!is_chrome_attr("news-text"));
        assert!(!is_chrome_attr("article__title"));
        assert!(!is_chrome_attr("inside"));
        assert!(!is_chrome_attr("background"));
    }
}
