//! "Upload a release": paste text or choose a file; the record is shown at once, and
//! stored only when the server has a write token and the form gives it.

use super::{PageResult, page, render_reader};
use crate::AppState;
use crate::error::AppError;
use crate::html::{Html, url_enc, w};
use crate::layout::Ctx;
use crate::security;
use attache_extract::Record;
use attache_ingest::Document;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};

fn form_html(h: &mut Html, write_enabled: bool) {
    h.raw("<form class=\"upload\" action=\"/upload\" method=\"post\" enctype=\"multipart/form-data\">"
    );
    w!(h, "<p><label for=\"title\">Title (optional)</label><br><input type=\"text\" id=\"title\" name=\"title\" size=\"60\"></p>"
        "<p><label for=\"text\">Paste the text of a release</label><br><textarea id=\"text\" name=\"text\" rows=\"12\"></textarea></p>"
        "<p><label for=\"file\">or choose a file (HTML page, text, Markdown, RSS/Atom feed, JSON Lines)</label><br>"
        "<input type=\"file\" id=\"file\" name=\"file\"> <span id=\"file-name\" class=\"meta\"></span></p>");
    if write_enabled {
        w!(h, "<p><label for=\"token\">Write token (to store the release)</label><br>"
            "<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"off\"></p>");
    } else {
        h.raw(
            "<p class=\"meta\">This server is read-only: the record is shown but not stored.</p>",
        );
    }
    h.raw("<p><button class=\"primary\" type=\"submit\" id=\"upload-submit\">Show the record</button></p></form>");
}

pub(crate) async fn form(State(state): State<AppState>, ctx: Ctx) -> PageResult {
    let mut h = Html::new();
    h.raw("<h1>Upload a release</h1>");
    form_html(&mut h, state.write_token.is_some());
    page("Upload a release", h, &ctx)
}

/// A short stable hash for naming uploads (FNV-1a, 64 bits).
fn fnv(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A file name reduced to safe characters, keeping its extension.
fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    if cleaned.trim_matches('.').is_empty() {
        "upload.txt".into()
    } else {
        cleaned
    }
}

/// What an upload produced.
pub(crate) struct Uploaded {
    pub(crate) items: Vec<(Document, Record)>,
}

/// Parses and extracts the given bytes (the shared path of the form and the API).
pub(crate) async fn process(
    source: String,
    bytes: Vec<u8>,
    title: Option<String>,
) -> Result<Uploaded, AppError> {
    tokio::task::spawn_blocking(move || {
        let docs = crate::pipeline::parse(&source, &bytes).map_err(AppError::BadRequest)?;
        if docs.is_empty() {
            return Err(AppError::BadRequest(
                "no release found in the upload".into(),
            ));
        }
        let mut items = Vec::new();
        for mut d in docs {
            if d.title.is_none() {
                d.title = title.clone();
            }
            let r = crate::pipeline::extract(&d).map_err(AppError::Internal)?;
            items.push((d, r));
        }
        Ok(Uploaded { items })
    })
    .await
    .map_err(|e| AppError::Internal(format!("task failed: {e}")))?
}

/// Source name of an upload: unique per content so different uploads never replace
/// each other.
pub(crate) fn upload_source(name: Option<&str>, bytes: &[u8]) -> String {
    format!(
        "upload/{}/{}",
        fnv(bytes),
        safe_name(name.unwrap_or("pasted.txt"))
    )
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    multipart: Result<Multipart, MultipartRejection>,
) -> PageResult {
    let mut multipart = multipart?;
    let (mut text, mut title, mut token) = (String::new(), None, None);
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = multipart.next_field().await? {
        let name = field.name().unwrap_or("").to_string();
        match name.as_str() {
            "file" => {
                let fname = field.file_name().unwrap_or("upload.txt").to_string();
                let data = field.bytes().await?;
                if !data.is_empty() {
                    file = Some((fname, data.to_vec()));
                }
            }
            "text" => text = field.text().await?,
            "title" => {
                title = Some(field.text().await?.trim().to_string()).filter(|t| !t.is_empty())
            }
            "token" => token = Some(field.text().await?).filter(|t| !t.is_empty()),
            _ => {}
        }
    }
    let (name, bytes) = match file {
        Some((n, b)) => (Some(n), b),
        None if !text.trim().is_empty() => (None, text.into_bytes()),
        None => return Err(AppError::BadRequest("paste a text or choose a file".into()).into()),
    };
    let source = upload_source(name.as_deref(), &bytes);
    let uploaded = process(source, bytes, title).await?;

    let mut h = Html::new();
    h.raw("<h1>Your release, read</h1>");
    let stored = match (&state.write_token, token) {
        (Some(_), Some(t)) => {
            security::check_token(state.write_token.as_deref(), Some(&t)).map_err(|e| match e {
                AppError::Unauthorized(m) => AppError::Forbidden(m),
                other => other,
            })?;
            let items = uploaded.items.clone();
            state
                .with_writer(move |s| Ok(s.ingest_batch(&items)?))
                .await?;
            true
        }
        (Some(_), None) => {
            h.raw("<p class=\"notice\">Not stored: give the write token to store it.</p>");
            false
        }
        (None, _) => {
            h.raw("<p class=\"notice\">Not stored: this server is read-only.</p>");
            false
        }
    };
    for (doc, record) in &uploaded.items {
        if stored {
            w!(h, "<p class=\"notice\" role=\"status\">Stored. <a href=\"/doc/" {url_enc(&doc.id)} "\" id=\"stored-link\">Open it in the reader</a>.</p>");
        }
        h.push(&render_reader(doc, record, None, None, "", false));
    }
    h.raw("<h2>Another release</h2>");
    form_html(&mut h, state.write_token.is_some());
    page("Your release", h, &ctx)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe() {
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("a b<c>.html"), "a_b_c_.html");
        assert_eq!(safe_name(".."), "upload.txt");
        assert_ne!(upload_source(None, b"a"), upload_source(None, b"b"));
    }
}
