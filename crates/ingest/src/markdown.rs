//! Markdown releases with a YAML front matter block (`title`, `date`, `source_url`,
//! `published_time`, …): a small reader for flat front matter (plain, single- and
//! double-quoted scalars with escapes and line folding, block scalars) and a body
//! cleaner (links to text, escapes, emphasis, lists, the trailing `\###`).

use crate::assemble::Draft;
use crate::dates::parse_date_value;
use crate::plain::paragraphs;

/// Splits `---` front matter from the body. `None` when the text has none.
pub(crate) fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---")?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let mut pos = 0;
    for line in rest.split_inclusive('\n') {
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return Some((&rest[..pos], &rest[pos + line.len()..]));
        }
        pos += line.len();
    }
    None
}

/// Parses flat `key: value` front matter into (key, value) pairs.
pub(crate) fn parse_front_matter(fm: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = fm.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if line.starts_with([' ', '\t', '#', '-']) || line.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_string();
        // Continuation lines: more indented than the key.
        let mut cont: Vec<&str> = Vec::new();
        while i < lines.len() && (lines[i].starts_with([' ', '\t']) || lines[i].trim().is_empty()) {
            cont.push(lines[i]);
            i += 1;
        }
        while cont.last().is_some_and(|l| l.trim().is_empty()) {
            cont.pop();
        }
        let value = value.trim_start();
        let parsed = if value.starts_with('"') {
            double_quoted(value, &cont)
        } else if value.starts_with('\'') {
            single_quoted(value, &cont)
        } else if value.starts_with('|') || value.starts_with('>') {
            let sep = if value.starts_with('|') { "\n" } else { " " };
            cont.iter().map(|l| l.trim()).collect::<Vec<_>>().join(sep)
        } else {
            let mut v = strip_comment(value).trim().to_string();
            for l in &cont {
                let l = l.trim();
                if !l.is_empty() {
                    v.push(' ');
                    v.push_str(l);
                }
            }
            v
        };
        out.push((key, parsed));
    }
    out
}

fn strip_comment(v: &str) -> &str {
    match v.find(" #") {
        Some(p) => &v[..p],
        None => v,
    }
}

/// Joins a quoted scalar's lines the YAML way: a line break folds to a space (blank
/// lines to newlines), leading indentation of continuation lines is dropped.
fn join_quoted(first: &str, cont: &[&str]) -> Vec<(String, bool)> {
    // (line text, whether it starts after an escaped line break)
    let mut v = vec![(first.to_string(), false)];
    for l in cont {
        v.push((l.trim_start().to_string(), false));
    }
    v
}

fn double_quoted(value: &str, cont: &[&str]) -> String {
    let lines = join_quoted(&value[1..], cont);
    let mut out = String::new();
    let mut escaped_break = false;
    let mut blank_run = 0;
    'lines: for (idx, (line, _)) in lines.iter().enumerate() {
        if idx > 0 {
            if line.is_empty() {
                blank_run += 1;
                continue;
            }
            if blank_run > 0 {
                for _ in 0..blank_run {
                    out.push('\n');
                }
                blank_run = 0;
            } else if !escaped_break {
                out.push(' ');
            }
        }
        escaped_break = false;
        let line = if idx + 1 < lines.len() {
            line.trim_end_matches([' ', '\t'])
        } else {
            line.as_str()
        };
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => break 'lines,
                '\\' => match chars.next() {
                    None => {
                        escaped_break = true;
                    }
                    Some(e) => match e {
                        'n' => out.push('\n'),
                        't' | '\t' => out.push('\t'),
                        'r' => out.push('\r'),
                        '0' => {}
                        'a' | 'b' | 'e' | 'f' | 'v' => {}
                        ' ' => out.push(' '),
                        '_' => out.push('\u{a0}'),
                        'N' => out.push('\u{85}'),
                        'L' => out.push('\u{2028}'),
                        'P' => out.push('\u{2029}'),
                        'x' | 'u' | 'U' => {
                            let n = match e {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            let hex: String = (0..n).filter_map(|_| chars.next()).collect();
                            if let Some(ch) =
                                u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                            {
                                out.push(ch);
                            }
                        }
                        other => out.push(other),
                    },
                },
                _ => out.push(c),
            }
        }
    }
    out
}

fn single_quoted(value: &str, cont: &[&str]) -> String {
    let lines = join_quoted(&value[1..], cont);
    let mut out = String::new();
    'lines: for (idx, (line, _)) in lines.iter().enumerate() {
        if idx > 0 {
            out.push(' ');
        }
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\'' {
                if chars.peek() == Some(&'\'') {
                    chars.next();
                    out.push('\'');
                } else {
                    break 'lines;
                }
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// Inline Markdown to plain text: links and images, escapes, emphasis, code spans.
pub(crate) fn inline_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    // Each failed link attempt scans a bounded window; after many failures brackets
    // are taken literally, so bracket-heavy input stays linear.
    let mut failures = 0usize;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '!' if chars.get(i + 1) == Some(&'[') && failures < MAX_LINK_FAILURES => {
                // Image: drop it entirely.
                if let Some((_, end)) = link_at(&chars, i + 1) {
                    i = end;
                } else {
                    failures += 1;
                    out.push(c);
                    i += 1;
                }
            }
            '[' if failures < MAX_LINK_FAILURES => {
                if let Some((text, end)) = link_at(&chars, i) {
                    out.extend(text.chars().filter(|c| !matches!(c, '*' | '`' | '\\')));
                    i = end;
                } else {
                    failures += 1;
                    out.push(c);
                    i += 1;
                }
            }
            '*' | '`' => i += 1,
            '_' if chars.get(i + 1) == Some(&'_') => i += 2,
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

const MAX_LINK_FAILURES: usize = 1000;

/// `[text](url)` or `[text][ref]` starting at `i`: the text and the index past it.
fn link_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    let mut depth = 0usize;
    let mut j = i;
    let close = loop {
        match chars.get(j)? {
            '\\' => j += 1,
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    break j;
                }
            }
            _ => {}
        }
        j += 1;
        if j - i > 2000 {
            return None;
        }
    };
    let text: String = chars[i + 1..close].iter().collect();
    match chars.get(close + 1) {
        Some('(') => {
            let mut k = close + 2;
            let mut paren = 1usize;
            while k < chars.len() {
                match chars[k] {
                    '(' => paren += 1,
                    ')' => {
                        paren -= 1;
                        if paren == 0 {
                            return Some((text, k + 1));
                        }
                    }
                    _ => {}
                }
                k += 1;
                if k - close > 4000 {
                    return None;
                }
            }
            None
        }
        Some('[') => {
            let end = chars[close + 1..].iter().position(|&c| c == ']')?;
            Some((text, close + 1 + end + 1))
        }
        _ => None,
    }
}

/// Cleans one Markdown body line; `None` drops it.
fn clean_line(line: &str) -> Option<String> {
    let t = line.trim();
    if t.is_empty() {
        return Some(String::new());
    }
    // The end mark of US government releases, escaped or not.
    if matches!(t, "\\###" | "###" | "\\#\\#\\#" | "# # #" | "-30-") {
        return None;
    }
    // Horizontal rules and table separators.
    if t.len() >= 3
        && t.chars()
            .all(|c| matches!(c, '-' | '*' | '_' | ' ' | '|' | ':'))
    {
        return None;
    }
    let mut t = t;
    while let Some(rest) = t.strip_prefix('>') {
        t = rest.trim_start();
    }
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if hashes > 0 && hashes <= 6 && t[hashes..].starts_with(' ') {
        t = t[hashes..].trim();
    }
    let t = if t.starts_with('|') && t.ends_with('|') && t.len() > 1 {
        t[1..t.len() - 1]
            .split('|')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" | ")
    } else {
        t.to_string()
    };
    // Keep list markers (so items stay separate paragraphs) but tidy `*`/`+` bullets.
    let t = match t.strip_prefix("* ").or_else(|| t.strip_prefix("+ ")) {
        Some(rest) => format!("- {rest}"),
        None => t,
    };
    Some(t)
}

/// Reads a Markdown release (front matter optional).
pub(crate) fn parse(source: &str, text: &str) -> Draft {
    let (fm, body) = split_front_matter(text).unwrap_or(("", text));
    let meta = parse_front_matter(fm);
    let get = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| {
                meta.iter()
                    .find(|(mk, v)| mk.eq_ignore_ascii_case(k) && !v.trim().is_empty())
            })
            .map(|(_, v)| v.clone())
    };
    let mut title = get(&["title", "headline"]);
    let published = [
        "date",
        "published",
        "published_time",
        "pubdate",
        "published_at",
        "created",
    ]
    .iter()
    .find_map(|k| get(&[k]).and_then(|v| parse_date_value(&v)));
    let url = get(&["source_url", "url", "link", "canonical_url", "permalink"]);
    let language = get(&["language", "lang"]);

    // A hard line break (two trailing spaces or a backslash) ends the line's
    // paragraph: such lines are list-like ("Secretary Tom Vilsack  ⏎ Secretary …").
    let mut cleaned: Vec<String> = Vec::new();
    for line in body.lines() {
        let Some(c) = clean_line(line) else { continue };
        let hard_break = !c.is_empty() && (line.ends_with("  ") || line.ends_with('\\'));
        let c = if hard_break && line.ends_with('\\') && !line.ends_with("\\\\") {
            c.trim_end_matches('\\').trim_end().to_string()
        } else {
            c
        };
        cleaned.push(c);
        if hard_break {
            cleaned.push(String::new());
        }
    }
    let mut paras: Vec<String> = paragraphs(cleaned.iter().map(String::as_str), true)
        .iter()
        .map(|p| inline_text(p))
        .collect();
    if title.is_none() {
        // A leading `# Heading` is the title.
        if let Some(first) = body.lines().find(|l| !l.trim().is_empty())
            && first.trim_start().starts_with("# ")
            && !paras.is_empty()
        {
            title = Some(paras.remove(0));
        }
    }
    Draft {
        source: source.to_string(),
        url,
        title,
        published,
        language,
        paragraphs: paras,
        ..Draft::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalars() {
        let fm = "tags: statements-releases\ndate: '2021-01-23'\ntitle: \"Readout of President Joseph R. Biden Call with Prime Minister Boris Johnson\\\n  \\ of the United\\_Kingdom\"\nother: plain value\n  continued\nq: 'it''s'\n";
        let m = parse_front_matter(fm);
        let get = |k: &str| {
            m.iter()
                .find(|(a, _)| a == k)
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        assert_eq!(
            get("title"),
            "Readout of President Joseph R. Biden Call with Prime Minister Boris Johnson of the United\u{a0}Kingdom"
        );
        assert_eq!(get("date"), "2021-01-23");
        assert_eq!(get("other"), "plain value continued");
        assert_eq!(get("q"), "it's");
        let m = parse_front_matter(
            "title: \"Harris\\u2019s Call with Ar\\xE9valo of\\_\\\n  Poland and Naus\\u0117\\\n  da\"\n",
        );
        assert_eq!(
            m[0].1,
            "Harris’s Call with Arévalo of\u{a0}Poland and Nausėda"
        );
        let m = parse_front_matter("title: \"One line\n  folded here\"\n");
        assert_eq!(m[0].1, "One line folded here");
    }

    #[test]
    fn hard_line_breaks_end_paragraphs() {
        let t = "Attendees included:\n\nSecretary Tom Vilsack  \nSecretary Gina Raimondo\\\nFred Smith,\nCEO of FedEx\n";
        let d = parse("f.md", t).finish();
        assert_eq!(
            d.text,
            "Attendees included:\n\nSecretary Tom Vilsack\n\nSecretary Gina Raimondo\n\nFred Smith, CEO of FedEx"
        );
    }

    #[test]
    fn body() {
        let t = "---\ntitle: A call\ndate: '2024-01-02'\nsource_url: https://example.org/x\n---\n \n**A call**\n\nThe President spoke with the [Prime\nMinister](https://x.org/a) about \\$5 and the U.S.-led plan.\n\n\\###\n";
        let d = parse("f.md", t).finish();
        assert_eq!(d.title.as_deref(), Some("A call"));
        assert_eq!(d.url.as_deref(), Some("https://example.org/x"));
        assert_eq!(
            d.text,
            "The President spoke with the Prime Minister about $5 and the U.S.-led plan."
        );
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2024-01-02")
        );
    }
}
