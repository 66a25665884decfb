//! Security headers on every response, and the write-token check.

use crate::error::AppError;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Adds CSP, nosniff, referrer policy and frame protection to every response.
pub(crate) async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// Equality that takes the same time for every pair of inputs of the same length.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    // The length of the token is not secret; its bytes are.
    if a.len() != b.len() {
        return false;
    }
    let diff = a
        .iter()
        .zip(b)
        .fold(0u8, |acc, (x, y)| acc | std::hint::black_box(x ^ y));
    std::hint::black_box(diff) == 0
}

/// Checks a presented token against the configured one.
pub(crate) fn check_token(
    configured: Option<&str>,
    presented: Option<&str>,
) -> Result<(), AppError> {
    let Some(expected) = configured else {
        return Err(AppError::Forbidden(
            "writing is disabled: start the server with --write-token".into(),
        ));
    };
    match presented {
        None => Err(AppError::Unauthorized(
            "a write token is required (Authorization: Bearer TOKEN)".into(),
        )),
        Some(p) if constant_time_eq(p.as_bytes(), expected.as_bytes()) => Ok(()),
        Some(_) => Err(AppError::Unauthorized("wrong write token".into())),
    }
}

/// The token of an `Authorization: Bearer …` header.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    v.strip_prefix("Bearer ").map(str::trim)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
        assert!(check_token(Some("t"), Some("t")).is_ok());
        assert!(matches!(
            check_token(Some("t"), Some("u")),
            Err(AppError::Unauthorized(_))
        ));
        assert!(matches!(
            check_token(None, Some("t")),
            Err(AppError::Forbidden(_))
        ));
    }
}
