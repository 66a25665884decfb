//! `attache-server`: the HTTP API and the server-rendered web UI over the knowledge
//! base.
//!
//! Public API: [`Config`] and [`serve`] (what `attache serve` calls), [`AppState`] and
//! [`router`] (for tests that run the app on their own listener), [`ingest_demo`] (the
//! bundled example releases), [`ServerError`].
//!
//! Modules: `html` (escaping builder: only literals are written raw), `layout` (page
//! shell, font-size preference), `pages` (HTML pages), `api` (JSON), `openapi` (the
//! OpenAPI document; its test checks it against the API's route table), `highlight`
//! (release text with evidence marks), `chart` (SVG), `assets` (embedded static files
//! and example releases), `security` (headers, token check), `params` (query
//! validation), `data` (shared queries, dates), `export` (downloads), `pipeline` (ingest and
//! extraction, panics caught), `error` (JSON and HTML errors, store access off the
//! async threads).

mod api;
mod assets;
mod chart;
mod data;
mod error;
mod export;
mod highlight;
mod html;
mod layout;
mod openapi;
mod pages;
mod params;
mod pipeline;
mod security;

use attache_store::Store;
use axum::Router;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use assets::ingest_demo;

/// Largest request body accepted (uploads, ingest); larger bodies get 413.
pub const MAX_BODY: usize = 2 * 1024 * 1024;
/// Requests taking longer than this are answered 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Errors of starting or running the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: attache_store::StoreError,
    },
    #[error("loading the example releases failed: {0}")]
    Demo(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// How to run the server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on (default `127.0.0.1:8080`).
    pub addr: SocketAddr,
    /// SQLite database file.
    pub db: PathBuf,
    /// Ingest the bundled example releases before serving.
    pub demo: bool,
    /// Enables write endpoints when set.
    pub write_token: Option<String>,
}

/// Shared state of the app: the store (one writer connection, and for a database
/// file a few reader connections) and the write token.
#[derive(Clone)]
pub struct AppState {
    pub(crate) store: Arc<Mutex<Store>>,
    pub(crate) readers: Arc<Vec<Mutex<Store>>>,
    pub(crate) write_token: Option<Arc<str>>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("write_enabled", &self.write_token.is_some())
            .finish()
    }
}

impl AppState {
    /// State over an open store; `write_token` enables the write endpoints.
    pub fn new(store: Store, write_token: Option<String>) -> Self {
        AppState {
            store: Arc::new(Mutex::new(store)),
            readers: Arc::default(),
            write_token: write_token.filter(|t| !t.is_empty()).map(Arc::from),
        }
    }

    /// Adds `n` reader connections to the database file at `path`, so reads run in
    /// parallel with each other and with writes (SQLite in WAL mode).
    pub fn with_readers(mut self, path: &std::path::Path, n: usize) -> Result<Self, ServerError> {
        let mut readers = Vec::with_capacity(n);
        for _ in 0..n {
            let store = Store::open(path).map_err(|source| ServerError::Open {
                path: path.to_path_buf(),
                source,
            })?;
            readers.push(Mutex::new(store));
        }
        self.readers = Arc::new(readers);
        Ok(self)
    }
}

/// The whole application: pages, API, static assets and the middleware stack
/// (security headers, compression, body limit, timeout, request logging).
pub fn router(state: AppState) -> Router {
    use tower_http::compression::CompressionLayer;
    use tower_http::timeout::TimeoutLayer;
    use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
    use tracing::Level;
    Router::new()
        .merge(pages::routes())
        .nest("/api", api::routes())
        .merge(assets::routes())
        .fallback(pages::not_found)
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}

/// Opens the database, ingests the examples when asked, and serves until Ctrl-C or
/// SIGTERM, finishing requests in flight.
pub fn serve(config: Config) -> Result<(), ServerError> {
    let mut store = Store::open(&config.db).map_err(|source| ServerError::Open {
        path: config.db.clone(),
        source,
    })?;
    if config.demo {
        let n = ingest_demo(&mut store).map_err(ServerError::Demo)?;
        tracing::info!(documents = n, "example releases ingested");
    }
    // Build the gazetteer now rather than on the first page that names a country.
    let _ = attache_lexicon::lexicon();
    let state = AppState::new(store, config.write_token.clone()).with_readers(&config.db, 4)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| ServerError::Bind {
                addr: config.addr,
                source,
            })?;
        let local = listener.local_addr()?;
        tracing::info!(%local, "serving");
        eprintln!("attache: serving on http://{local}/ (Ctrl-C to stop)");
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        eprintln!("attache: stopped");
        Ok(())
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
