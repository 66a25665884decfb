//! Errors of requests: one type, rendered as JSON under `/api` ([`ApiError`]) and as
//! an HTML page elsewhere ([`PageError`]); and the bridge from async handlers to the
//! synchronous store.

use crate::AppState;
use attache_store::{Store, StoreError};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// What went wrong with a request.
#[derive(Debug)]
pub(crate) enum AppError {
    BadRequest(String),
    NotFound(String),
    Unauthorized(String),
    Forbidden(String),
    TooLarge,
    Internal(String),
}

impl AppError {
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub(crate) fn message(&self) -> String {
        match self {
            AppError::BadRequest(m)
            | AppError::NotFound(m)
            | AppError::Unauthorized(m)
            | AppError::Forbidden(m) => m.clone(),
            AppError::TooLarge => {
                format!("request body too large (limit {} bytes)", crate::MAX_BODY)
            }
            AppError::Internal(_) => "internal error".to_string(),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Query { .. } => AppError::BadRequest(e.to_string()),
            other => {
                tracing::error!(error = %other, "store error");
                AppError::Internal(other.to_string())
            }
        }
    }
}

impl From<axum::extract::rejection::BytesRejection> for AppError {
    fn from(r: axum::extract::rejection::BytesRejection) -> Self {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge
        } else {
            AppError::BadRequest(r.body_text())
        }
    }
}

impl From<axum::extract::multipart::MultipartError> for AppError {
    fn from(r: axum::extract::multipart::MultipartError) -> Self {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge
        } else {
            AppError::BadRequest(r.body_text())
        }
    }
}

impl From<axum::extract::multipart::MultipartRejection> for AppError {
    fn from(r: axum::extract::multipart::MultipartRejection) -> Self {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge
        } else {
            AppError::BadRequest(r.body_text())
        }
    }
}

/// An error answered as `{"error": "..."}`.
#[derive(Debug)]
pub(crate) struct ApiError(pub(crate) AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let AppError::Internal(detail) = &self.0 {
            tracing::error!(%detail, "internal error");
        }
        let body = serde_json::json!({ "error": self.0.message() });
        (self.0.status(), axum::Json(body)).into_response()
    }
}

/// An error answered as an HTML page.
#[derive(Debug)]
pub(crate) struct PageError(pub(crate) AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        if let AppError::Internal(detail) = &self.0 {
            tracing::error!(%detail, "internal error");
        }
        let status = self.0.status();
        let title = match status {
            StatusCode::NOT_FOUND => "Not found",
            StatusCode::BAD_REQUEST => "Bad request",
            StatusCode::PAYLOAD_TOO_LARGE => "Too large",
            StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED => "Not allowed",
            _ => "Something went wrong",
        };
        let mut body = crate::html::Html::new();
        crate::html::w!(body, "<h1>" {title} "</h1><p class=\"notice error\">" {self.0.message()}
            "</p><p><a href=\"/\">Back to the home page</a></p>");
        let page = crate::layout::Page::new(title).render_body(body, None);
        (status, page).into_response()
    }
}

impl AppState {
    /// Runs a read `f` on a store connection in a blocking thread: a free reader
    /// connection if there is one, else the next reader in turn, else the writer.
    pub(crate) async fn with_store<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut Store) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        if self.readers.is_empty() {
            return self.with_writer(f).await;
        }
        let readers = self.readers.clone();
        let turn = NEXT_READER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        blocking(move || {
            let n = readers.len();
            // Try every reader without waiting, starting at this request's turn.
            for k in 0..n {
                if let Ok(mut guard) = readers[(turn + k) % n].try_lock() {
                    return f(&mut guard);
                }
            }
            let mut guard = readers[turn % n]
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            f(&mut guard)
        })
        .await
    }

    /// Runs `f` on the writer connection in a blocking thread.
    pub(crate) async fn with_writer<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut Store) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let store = self.store.clone();
        blocking(move || {
            // A panic in an earlier request leaves the connection usable (SQLite rolls
            // back an unfinished transaction), so a poisoned lock is taken over.
            let mut guard = store
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            f(&mut guard)
        })
        .await
    }
}

static NEXT_READER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal(format!("task failed: {e}")))?
}
