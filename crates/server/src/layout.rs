//! The page shell: `<head>`, header with navigation and search, the font-size control,
//! footer. Every page is complete HTML that works without JavaScript; `app.js` only
//! enhances it. No inline scripts or styles (the CSP forbids them).

use crate::html::{Html, w};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use std::convert::Infallible;

/// The reader's chosen text size, from the `fs` cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum FontSize {
    Small,
    #[default]
    Normal,
    Large,
}

impl FontSize {
    pub(crate) fn parse(s: &str) -> Option<FontSize> {
        match s {
            "small" => Some(FontSize::Small),
            "normal" => Some(FontSize::Normal),
            "large" => Some(FontSize::Large),
            _ => None,
        }
    }
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            FontSize::Small => "small",
            FontSize::Normal => "normal",
            FontSize::Large => "large",
        }
    }
}

/// What every page needs to know about the request: the font size and its own path
/// (the font-size form returns there).
#[derive(Debug, Clone, Default)]
pub(crate) struct Ctx {
    pub(crate) fs: FontSize,
    pub(crate) path: String,
}

/// Value of cookie `name` in a `Cookie` header.
pub(crate) fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let fs = parts
            .headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|h| cookie(h, "fs").and_then(FontSize::parse))
            .unwrap_or_default();
        let path = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        Ok(Ctx { fs, path })
    }
}

/// A page being rendered.
#[derive(Debug)]
pub(crate) struct Page {
    title: String,
    body_class: &'static str,
}

impl Page {
    pub(crate) fn new(title: impl Into<String>) -> Self {
        Page {
            title: title.into(),
            body_class: "",
        }
    }

    pub(crate) fn class(mut self, c: &'static str) -> Self {
        self.body_class = c;
        self
    }

    /// The complete document around `body` (the contents of `<main>`).
    pub(crate) fn render_body(self, body: Html, ctx: Option<&Ctx>) -> axum::response::Html<String> {
        let default = Ctx::default();
        let ctx = ctx.unwrap_or(&default);
        let mut h = Html::new();
        w!(h, "<!DOCTYPE html>\n<html lang=\"en\" class=\"fs-" {ctx.fs.as_str()} "\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>" {&self.title} " · attache</title>"
            "<link rel=\"stylesheet\" href=\"/static/style.css\">"
            "<link rel=\"stylesheet\" href=\"/static/print.css\" media=\"print\">"
            "<script src=\"/static/app.js\" defer></script>"
            "</head><body class=\"" {self.body_class} "\">"
            "<a class=\"skip\" href=\"#main\">Skip to content</a>"
            "<header class=\"site\"><div class=\"bar\"><a class=\"brand\" href=\"/\">attache</a>"
            "<nav aria-label=\"Main\"><ul>"
            "<li><a href=\"/\">Home</a></li>"
            "<li><a href=\"/events\">Events</a></li>"
            "<li><a href=\"/documents\">Releases</a></li>"
            "<li><a href=\"/upload\">Upload</a></li>"
            "<li><a href=\"/api/openapi.json\">API</a></li>"
            "</ul></nav>"
            "<form class=\"search\" role=\"search\" action=\"/search\" method=\"get\">"
            "<label for=\"site-q\" class=\"visually-hidden\">Search releases</label>"
            "<input type=\"search\" id=\"site-q\" name=\"q\" placeholder=\"Search releases\">"
            "<button type=\"submit\">Search</button></form>"
            "</div></header>");
        h.push(&font_size_form(ctx));
        w!(h, "<main id=\"main\" tabindex=\"-1\">" [body] "</main>"
            "<footer class=\"site\"><div>attache — evidence-linked records of international relations. "
            "Every fact links to the sentence it came from.</div></footer>"
            "</body></html>\n");
        axum::response::Html(h.into_string())
    }
}

/// The font-size control: a plain form (POST /prefs) the script enhances.
fn font_size_form(ctx: &Ctx) -> Html {
    let mut h = Html::new();
    w!(h, "<form class=\"fontsize\" action=\"/prefs\" method=\"post\">"
        "<span id=\"fs-label\">Text size</span>"
        "<input type=\"hidden\" name=\"back\" value=\"" {&ctx.path} "\">");
    for (size, label) in [
        (FontSize::Small, "Smaller"),
        (FontSize::Normal, "Normal"),
        (FontSize::Large, "Larger"),
    ] {
        let pressed = if ctx.fs == size { "true" } else { "false" };
        w!(h, "<button type=\"submit\" name=\"fs\" value=\"" {size.as_str()} "\" id=\"fs-" {size.as_str()}
            "\" aria-pressed=\"" {pressed} "\" aria-describedby=\"fs-label\">" {label} "</button>");
    }
    h.raw("</form>");
    h
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_by_name() {
        assert_eq!(cookie("a=1; fs=large; b=2", "fs"), Some("large"));
        assert_eq!(cookie("xfs=large", "fs"), None);
    }

    #[test]
    fn page_sets_lang_and_size_class_and_escapes_title() {
        let ctx = Ctx {
            fs: FontSize::Large,
            path: "/x?a=\"b\"".into(),
        };
        let html = Page::new("<T>").render_body(Html::new(), Some(&ctx)).0;
        assert!(html.contains("<html lang=\"en\" class=\"fs-large\">"));
        assert!(html.contains("&lt;T&gt; · attache"));
        assert!(html.contains("value=\"/x?a=&quot;b&quot;\""));
    }
}
