//! A small HTTP client for the tests: every answer, whatever its status, as a `Resp`.

#![allow(dead_code)]

use serde_json::Value;
use std::time::Duration;

pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// An agent that reports 4xx/5xx as answers (not errors) and never follows redirects.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .new_agent()
}

pub fn finish(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Resp {
    let mut r = r.unwrap();
    let status = r.status().as_u16();
    let headers = r
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = r
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .unwrap_or_default();
    Resp {
        status,
        headers,
        body,
    }
}

pub fn get(url: &str) -> Resp {
    finish(agent().get(url).call())
}

/// POST `body`, with `Authorization: Bearer token` when a token is given.
pub fn post(url: &str, token: Option<&str>, body: &[u8]) -> Resp {
    let mut req = agent().post(url);
    if let Some(t) = token {
        req = req.header("Authorization", &format!("Bearer {t}"));
    }
    finish(req.send(body))
}

/// One part of a multipart form.
pub struct Part<'a> {
    name: &'a str,
    file: Option<(&'a str, Option<&'a str>)>,
    body: &'a [u8],
}

/// A form field.
pub fn field<'a>(name: &'a str, value: &'a str) -> Part<'a> {
    Part {
        name,
        file: None,
        body: value.as_bytes(),
    }
}

/// A file part, with its file name and (when given) its content type.
pub fn file<'a>(
    name: &'a str,
    filename: &'a str,
    kind: Option<&'a str>,
    body: &'a [u8],
) -> Part<'a> {
    Part {
        name,
        file: Some((filename, kind)),
        body,
    }
}

const BOUNDARY: &str = "XattacheBoundary";

/// POST `parts` to `url` as `multipart/form-data`.
pub fn post_form(url: &str, parts: &[Part]) -> Resp {
    let mut form = Vec::new();
    for p in parts {
        let mut head = format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{}\"",
            p.name
        );
        if let Some((filename, kind)) = p.file {
            head.push_str(&format!("; filename=\"{filename}\""));
            if let Some(kind) = kind {
                head.push_str(&format!("\r\nContent-Type: {kind}"));
            }
        }
        head.push_str("\r\n\r\n");
        form.extend_from_slice(head.as_bytes());
        form.extend_from_slice(p.body);
        form.extend_from_slice(b"\r\n");
    }
    form.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    finish(
        agent()
            .post(url)
            .header("Content-Type", &content_type)
            .send(&form[..]),
    )
}
