//! HTML building with escaping by construction: only string literals are written raw
//! (the [`w!`] macro), everything else goes through [`Html::text`], which escapes.

use std::fmt::{self, Display, Write};

/// A growing piece of HTML.
#[derive(Debug, Default, Clone)]
pub(crate) struct Html(String);

impl Html {
    pub(crate) fn new() -> Self {
        Html(String::with_capacity(4096))
    }

    /// Appends markup that is part of the program, never data.
    pub(crate) fn raw(&mut self, s: &'static str) -> &mut Self {
        self.0.push_str(s);
        self
    }

    /// Appends data, escaped for text and quoted attribute values alike.
    pub(crate) fn text(&mut self, value: impl Display) -> &mut Self {
        let _ = write!(Escaper(&mut self.0), "{value}");
        self
    }

    /// Appends another fragment built the same way.
    pub(crate) fn push(&mut self, other: &Html) -> &mut Self {
        self.0.push_str(&other.0);
        self
    }

    pub(crate) fn into_string(self) -> String {
        self.0
    }

    #[cfg(test)]
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// Writes into a `String`, escaping the five characters that matter in HTML.
struct Escaper<'a>(&'a mut String);

impl Write for Escaper<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            match c {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                '"' => self.0.push_str("&quot;"),
                '\'' => self.0.push_str("&#39;"),
                _ => self.0.push(c),
            }
        }
        Ok(())
    }
}

/// Escapes a string (for tests and small helpers).
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = Escaper(&mut out).write_str(s);
    out
}

/// Percent-encodes one URL path segment or query value (RFC 3986 unreserved kept).
pub(crate) fn url_enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Whether a URL taken from a document may become a link (http and https only).
pub(crate) fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// Writes literals raw and `{expr}` parts escaped: `w!(h, "<p>" {name} "</p>")`;
/// `[frag]` appends an [`Html`] fragment.
macro_rules! w {
    (@part ($h:expr), $lit:literal) => { $h.raw($lit); };
    (@part ($h:expr), {$e:expr}) => { $h.text($e); };
    (@part ($h:expr), [$e:expr]) => { $h.push(&$e); };
    ($h:expr, $($part:tt)*) => {{
        $( $crate::html::w!(@part ($h), $part); )*
    }};
}
pub(crate) use w;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_literals_are_not() {
        let mut h = Html::new();
        let name = "<script>alert('x')</script> & \"q\"";
        w!(h, "<p title=\"" {name} "\">" {name} "</p>");
        assert_eq!(
            h.as_str(),
            "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\">\
             &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>"
        );
    }

    #[test]
    fn url_encoding_and_web_urls() {
        assert_eq!(url_enc("Sergei Aleinik/x?"), "Sergei%20Aleinik%2Fx%3F");
        assert!(is_web_url("https://mfa.gov.by/x"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://x y"));
    }
}
