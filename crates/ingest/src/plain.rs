//! Plain text copied from a release page: chrome lines (site names, language and
//! font-size widgets, breadcrumbs, share/print links, footers) are dropped, the
//! headline and the date line under (or above) it are recognised, the rest becomes
//! paragraphs.

use crate::assemble::Draft;
use crate::chrome::{LineKind, classify, is_navigation};
use crate::dates::{date_line, find_date, is_placed_date_line};

/// How many non-blank lines from the top may hold the headline and date line.
const HEAD_LINES: usize = 25;

/// A line that reads as a sentence of running text rather than a headline.
pub(crate) fn is_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(['"', '\'', '”', '’', '»', ')', ' ']);
    let ends = t.ends_with(['.', '!', '?', ';']);
    ends && (line.chars().count() > 60 || line.split_whitespace().count() > 8)
}

/// A long sentence: the body has begun.
fn is_body_start(line: &str) -> bool {
    line.chars().count() > 120 && is_sentence(line)
}

fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("• ") || t.starts_with("– ")
    {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && digits <= 3 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
}

/// A short genre label above a headline ("Press release", "Media Statement").
fn is_label(line: &str) -> bool {
    line.split_whitespace().count() <= 3
        && !line.chars().any(|c| c.is_ascii_digit())
        && !line.ends_with('.')
}

/// A label made only of genre words ("Press Release", "NEWS", "Joint Statement").
fn is_genre_label(line: &str) -> bool {
    is_label(line)
        && line
            .split_whitespace()
            .all(|w| crate::dates::is_date_label(&w.to_lowercase()))
}

/// Groups body lines into paragraphs: blank lines separate paragraphs; a hard-wrapped
/// line continues the previous one unless that one ended a sentence or a list item
/// begins.
/// With `wrapped`, every line of a block continues the previous one (Markdown).
pub(crate) fn paragraphs<'a>(lines: impl Iterator<Item = &'a str>, wrapped: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_len = 0usize;
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_len = 0;
            continue;
        }
        let continues = !cur.is_empty()
            && (wrapped || prev_len >= 50)
            && (wrapped
                || !cur
                    .trim_end()
                    .ends_with(['.', '!', '?', ':', ';', '"', '”', '»']))
            && !is_list_item(line);
        if continues {
            cur.push(' ');
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push_str(line);
        prev_len = line.chars().count();
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Reads copied page text.
pub(crate) fn parse(source: &str, text: &str) -> Draft {
    let mut lines: Vec<&str> = text.lines().map(str::trim).collect();
    let kinds: Vec<LineKind> = lines.iter().map(|l| classify(l)).collect();

    // Head: the first non-blank lines up to the first long sentence.
    // A lead sentence (a summary under the headline) may come before the date line.
    let mut head: Vec<usize> = Vec::new();
    let mut sentences = 0;
    for (i, l) in lines.iter().enumerate() {
        if l.is_empty() {
            continue;
        }
        if is_body_start(l) {
            sentences += 1;
        }
        if sentences >= 2 || head.len() >= HEAD_LINES {
            break;
        }
        head.push(i);
    }
    let head_end = head.last().map_or(0, |&i| i + 1);

    // The footer marker cuts the rest of the page.
    if let Some(end) = (head_end..lines.len()).find(|&i| kinds[i] == LineKind::End) {
        lines.truncate(end);
    }
    let is_content = |i: usize| kinds[i] == LineKind::Content && !lines[i].is_empty();

    // The top chrome (site name, widgets, breadcrumb) ends at the first headline-like
    // line or date line after it. A date followed by navigation is a page widget.
    let next_lines = |i: usize, n: usize| {
        (i + 1..lines.len())
            .filter(|&j| !lines[j].is_empty())
            .take(n)
    };
    let mut top_end: Option<usize> = None;
    for &i in head.iter().take(12) {
        if date_line(lines[i]).is_some() {
            if next_lines(i, 2).any(|j| is_navigation(lines[j])) {
                top_end = Some(i);
                continue;
            }
            break;
        }
        if kinds[i] != LineKind::Content {
            top_end = Some(i);
        } else if is_sentence(lines[i]) || (top_end.is_some() && !is_label(lines[i])) {
            break;
        }
    }
    let after_top = top_end.map_or(0, |t| t + 1);

    let date_at = head
        .iter()
        .copied()
        .filter(|&i| i >= after_top)
        .find(|&i| date_line(lines[i]).is_some());
    let mut title_at: Option<usize> = None;
    let mut published = date_at.and_then(|i| date_line(lines[i]));
    let mut body: Vec<&str> = Vec::new();

    if let Some(d) = date_at {
        // Headline: the nearest headline-like content line above the date line…
        title_at = (after_top..d)
            .rev()
            .find(|&i| is_content(i) && !is_sentence(lines[i]) && !is_label_only(&lines, i, d));
        let below =
            (d + 1..lines.len().min(d + 4)).find(|&i| is_content(i) && !is_sentence(lines[i]));
        // "Press Release" above "Dhaka, 09 March 2028" and the headline below it.
        if title_at.is_some_and(|t| is_genre_label(lines[t])) && below.is_some() {
            title_at = None;
        }
        if let Some(t) = title_at {
            body.extend((t + 1..d).filter(|&i| is_content(i)).map(|i| lines[i]));
            body.push("");
        } else {
            // …or below it.
            title_at = below;
        }
        let from = title_at.map_or(d + 1, |t| t.max(d) + 1);
        // "Madrid, 20 January 2027": the place the release is issued in opens the text,
        // as a dateline would.
        if is_placed_date_line(lines[d]) {
            body.splice(0..0, [lines[d], ""]);
        }
        body.extend((from..lines.len()).map(|i| {
            if kinds[i] == LineKind::Content {
                lines[i]
            } else {
                ""
            }
        }));
    } else {
        let last_chrome = top_end;
        let start = last_chrome.map_or(0, |i| i + 1);
        let mut i = start;
        while i < lines.len() {
            if is_content(i) {
                let l = lines[i];
                let next = (i + 1..lines.len()).find(|&j| is_content(j));
                if is_label(l) && next.is_some_and(|j| !is_sentence(lines[j])) {
                    i += 1;
                    continue;
                }
                if !is_sentence(l) && l.chars().count() <= 250 {
                    title_at = Some(i);
                }
                break;
            }
            i += 1;
        }
        let from = title_at.map_or(start, |t| t + 1);
        body.extend((from..lines.len()).map(|i| {
            if kinds[i] == LineKind::Content {
                lines[i]
            } else {
                ""
            }
        }));
    }
    let title = title_at.map(|i| lines[i].to_string());
    // Masthead: the content lines above the headline (or the date line, or the body).
    let head_top = [title_at, date_at]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(after_top)
        .min(lines.len());
    let site = lines[..head_top]
        .iter()
        .filter(|l| !l.is_empty() && !is_navigation(l) && date_line(l).is_none())
        .filter(|l| classify(l) == LineKind::Content)
        .map(|l| (*l).to_string())
        .collect();
    if published.is_none() {
        published = title.as_deref().and_then(find_date).map(|(d, _)| d);
    }
    Draft {
        source: source.to_string(),
        title,
        published,
        paragraphs: paragraphs(body.into_iter(), false),
        site,
        ..Draft::default()
    }
}

/// A genre label directly above the headline is never the headline itself; it is a
/// label only if another headline-like line lies between it and the date line.
fn is_label_only(lines: &[&str], i: usize, date: usize) -> bool {
    is_label(lines[i])
        && (i + 1..date).any(|j| {
            !lines[j].is_empty()
                && classify(lines[j]) == LineKind::Content
                && !is_sentence(lines[j])
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masthead_lines_are_the_site() {
        let t = "MINISTRY OF FOREIGN AFFAIRS\nFederal Republic of Freedonia\nHome | About | Contact\n\nPRESS RELEASE\n\nMINISTERS MEET IN THE CAPITAL\n\n14 October, 2025\n\nThe Minister received his counterpart today.";
        let d = parse("x", t).finish();
        assert_eq!(d.title.as_deref(), Some("MINISTERS MEET IN THE CAPITAL"));
        assert_eq!(
            d.site.as_deref(),
            Some("MINISTRY OF FOREIGN AFFAIRS\nFederal Republic of Freedonia\nPRESS RELEASE")
        );
        // No masthead: no site.
        let d = parse(
            "x",
            "Font size:\n\nTalks held\n\n22 May 2024\n\nThe ministers met.",
        )
        .finish();
        assert_eq!(d.site, None);
    }

    #[test]
    fn seed_layout() {
        let t = "Font size:\n\nNegotiations between the ministers\n\n22 May 2024\n\n\nOn May 21, 2024 in Astana, the ministers met.\n\nThe sides discussed cooperation.\n\nprint version\n\n\n\nOfficial Internet Resources";
        let d = parse("x", t).finish();
        assert_eq!(
            d.title.as_deref(),
            Some("Negotiations between the ministers")
        );
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2024-05-22")
        );
        assert_eq!(
            d.text,
            "On May 21, 2024 in Astana, the ministers met.\n\nThe sides discussed cooperation."
        );
    }

    #[test]
    fn a_placed_date_line_opens_the_text() {
        // The place the release is issued in stays at the head of the text, like a
        // dateline; a date line without a place does not.
        let t = "Ministry of Foreign Affairs\n\nSpain and Chile sign a memorandum\n\nMadrid, 20 January 2027\n\nThe Minister received her colleague yesterday.";
        let d = parse("x", t).finish();
        assert_eq!(
            d.title.as_deref(),
            Some("Spain and Chile sign a memorandum")
        );
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2027-01-20")
        );
        assert!(
            d.text
                .starts_with("Madrid, 20 January 2027\n\nThe Minister"),
            "{}",
            d.text
        );
        let d = parse("x", &t.replace("Madrid, ", "")).finish();
        assert!(d.text.starts_with("The Minister"), "{}", d.text);
    }

    #[test]
    fn genre_label_above_a_placed_date_line_and_headline_below() {
        let t = "Ministry of Foreign Affairs\nHome » Press Release\n\nPress Release\nDhaka, 09 March 2028\n\nConsultations held in Dhaka\n\nThe fifth round of consultations between the two countries was held today in the capital.";
        let d = parse("x", t).finish();
        assert_eq!(d.title.as_deref(), Some("Consultations held in Dhaka"));
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2028-03-09")
        );
        assert!(d.text.starts_with("Dhaka, 09 March 2028"));
        // A short headline above a date line stays the headline.
        let t = "Ministers meet\n12 May 2025\n\nThe ministers met today in the capital and discussed trade.";
        assert_eq!(
            parse("x", t).finish().title.as_deref(),
            Some("Ministers meet")
        );
    }

    #[test]
    fn label_and_summary() {
        let t = "GOV.UK\nFont size: A A A\nHome > International > Belarus\n\nPress release\n\nUK announces measures\n\nThe UK has announced new trade and financial measures against the regime today.\n\nFrom: Foreign Office\nPublished 9 August 2021\n\n\nThe Foreign Secretary announced a package.\n\nShare this page: Facebook | Twitter\nPrint this page";
        let d = parse("x", t).finish();
        assert_eq!(d.title.as_deref(), Some("UK announces measures"));
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2021-08-09")
        );
        assert!(d.text.starts_with("The UK has announced"));
        assert!(d.text.ends_with("announced a package."));
    }

    #[test]
    fn date_in_title() {
        let t = "MINISTRY\nFont size: A A A\n\nHome / Press / Releases\n\nNo: 19, 21 January 2023, Press Release Regarding the Act\n\n\nWe condemn the act in the strongest terms.\n\nPrint";
        let d = parse("x", t).finish();
        assert_eq!(
            d.title.as_deref(),
            Some("No: 19, 21 January 2023, Press Release Regarding the Act")
        );
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2023-01-21")
        );
        assert_eq!(d.text, "We condemn the act in the strongest terms.");
    }

    #[test]
    fn date_widget_and_date_above_title() {
        let t = "Ministry of Foreign Affairs of Freedonia\nMonday, 3 June 2024\nHome > Press > News\n\n31.05.2024\n\nMinisters met in the capital\n\nThe ministers met and discussed trade and energy cooperation between the countries.\n";
        let d = parse("x", t).finish();
        assert_eq!(d.title.as_deref(), Some("Ministers met in the capital"));
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2024-05-31")
        );
        assert!(d.text.starts_with("The ministers met"));
        let t = "Font size\nHome / News\n\nTalks in the capital\n\n28.05.2024 | Views: 318\n\nThe ministers held talks on cooperation in industry and agriculture in the capital.\n";
        let d = parse("x", t).finish();
        assert_eq!(d.title.as_deref(), Some("Talks in the capital"));
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2024-05-28")
        );
    }

    #[test]
    fn no_chrome_at_all() {
        let d = parse("x", "Ministers meet\n\nThe two ministers met today in the capital and signed a memorandum on trade.\n").finish();
        assert_eq!(d.title.as_deref(), Some("Ministers meet"));
        assert_eq!(d.published, None);
        let d = parse("x", "The two ministers met today in the capital and signed a memorandum on trade and investment cooperation.\n").finish();
        assert_eq!(d.title, None);
        assert!(d.text.starts_with("The two ministers"));
    }

    #[test]
    fn wrapped_lines_join() {
        let p = paragraphs(
            "President Biden spoke today with the Prime Minister of the United\nKingdom about the alliance.\n- first item\n- second item".lines(),
            false,
        );
        assert_eq!(p.len(), 3);
        assert!(p[0].contains("United Kingdom"));
    }
}
