//! Builds the whole server from a [`Config`]: used by `main` and by the tests alike.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::error_handling::HandleErrorLayer;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, Request, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use chrono::Datelike;
use offer_core::working_days::BankHolidays;

use crate::config::Config;
use crate::content_store::{ContentStore, Reloaded};
use crate::db::Database;
use crate::encoded_bodies::{self, EncodedBodies};
use crate::rate_limit::RateLimiter;
use crate::{messages_api, offer_api, static_files};

/// What every request handler can reach.
#[derive(Debug)]
pub struct AppState {
    /// The settings the server started with.
    pub config: Config,
    /// The offer being served.
    pub content: ContentStore,
    /// Where messages are kept.
    pub db: Database,
    /// How fast each address may send messages.
    pub message_limiter: RateLimiter,
    /// How fast each address may ask for messages' status.
    pub status_limiter: RateLimiter,
    /// England's bank holidays, for the inbox's "two working days".
    pub holidays: BankHolidays,
    /// The offer with its "You said, we did" entries, as phones get it.
    pub offer_cache: offer_api::OfferCache,
    /// `index.html` at brotli 11 and gzip 9, made once per version (its ETag).
    pub index_bodies: EncodedBodies,
}

/// A server bound to its port, ready to run.
pub struct Server {
    listener: TcpListener,
    router: Router,
    state: Arc<AppState>,
}

/// The routes, with logging, request ids and compression around them.
pub async fn router(state: Arc<AppState>) -> anyhow::Result<Router> {
    let api = Router::new()
        .route("/health", get(health))
        .route(
            "/offer",
            // Brotli 11 and gzip 9 bodies, made once per ETag (the compression layer below
            // leaves a response with a Content-Encoding alone).
            get(offer_api::get_offer).layer(axum::middleware::from_fn_with_state(
                Arc::new(EncodedBodies::default()),
                encoded_bodies::compress_once_per_etag,
            )),
        )
        .route(
            "/messages",
            post(messages_api::post_message)
                .layer(DefaultBodyLimit::max(offer_core::message::MAX_BYTES)),
        )
        .route("/messages/{id}", get(messages_api::get_status))
        .fallback(api_not_found);
    let request_id = HeaderName::from_static("x-request-id");
    let staff = crate::staff::router(&state).await?;
    let config = &state.config;
    // Slow and greedy clients: a time limit for each request, a body limit everywhere, and a
    // bound on requests in flight (503 with Retry-After beyond it). Header time and size are
    // limited per connection in `Server::run`.
    let limits = tower::ServiceBuilder::new()
        .layer(HandleErrorLayer::<_, ()>::new(overloaded))
        .layer(tower::load_shed::LoadShedLayer::new())
        // One count shared by every route and connection (a plain ConcurrencyLimitLayer
        // under Router::layer would count each route on its own).
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
            config.max_in_flight,
        ));
    let request_timeout = config.request_timeout;
    Ok(Router::new()
        .nest("/api", api)
        .merge(staff)
        .fallback(static_files::serve_app)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            request_timeout,
        ))
        .layer(limits)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::security::add_headers,
        ))
        .with_state(state)
        .layer(CompressionLayer::new())
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                let id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
            }),
        )
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid)))
}

/// The largest request body on any route, in bytes (messages have their own 16 KiB limit).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The answer when too many requests are in flight.
async fn overloaded(error: tower::BoxError) -> axum::response::Response {
    if error.is::<tower::load_shed::error::Overloaded>() {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [(axum::http::header::RETRY_AFTER, "5")],
            Json(json!({ "error": "busy", "message": "We are very busy just now. Please try again in a few seconds." })),
        )
            .into_response()
    } else {
        tracing::error!(%error, "a request failed in the service stack");
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    }
}

async fn health(
    axum::extract::State(state): axum::extract::State<Arc<AppState>>,
) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, Json(json!({ "status": "ok" }))),
        Err(error) => {
            tracing::error!(%error, "database did not answer the health check");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "error", "reason": "database unavailable" })),
            )
        }
    }
}

async fn api_not_found() -> impl IntoResponse {
    (
        StatusCode::NOT_FOUND,
        Json(json!({ "error": "not_found", "message": "There is nothing at this address." })),
    )
}

impl Server {
    /// Loads the content, opens the database and binds the port.
    pub async fn build(config: Config) -> anyhow::Result<Server> {
        let content = ContentStore::open(&config.content_dir)
            .with_context(|| format!("loading the offer from {}", config.content_dir.display()))?;
        let db = Database::connect(&config.database_url).await?;
        db.migrate().await?;
        crate::staff::store::fill_facets(&db).await?;
        let listener = TcpListener::bind((config.host, config.port))
            .await
            .with_context(|| format!("listening on {}:{}", config.host, config.port))?;
        let holidays = BankHolidays::england();
        let this_year = config.clock.now().year();
        if holidays.last_year().is_none_or(|last| last < this_year) {
            tracing::warn!(
                this_year,
                "core/data/bank-holidays-england.txt has no bank holidays for this year: add them from GOV.UK"
            );
        }
        let state = Arc::new(AppState {
            message_limiter: RateLimiter::new(config.message_rate),
            status_limiter: RateLimiter::new(config.status_rate),
            config,
            content,
            db,
            holidays,
            offer_cache: offer_api::OfferCache::default(),
            index_bodies: EncodedBodies::default(),
        });
        Ok(Server {
            listener,
            router: router(state.clone()).await?,
            state,
        })
    }

    /// The address the server listens on (the real port when 0 was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Shared state, for tests that look inside.
    pub fn state(&self) -> Arc<AppState> {
        self.state.clone()
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let watcher = tokio::spawn(watch_content(self.state.clone()));
        let retention = tokio::spawn(crate::staff::retention::run_daily(self.state.clone()));
        tracing::info!(
            addr = %self.local_addr(),
            database = self.state.db.kind(),
            content_version = %self.state.content.current().offer.version,
            "serving Local Offer"
        );
        serve_connections(self.listener, self.router, &self.state.config, shutdown).await;
        watcher.abort();
        retention.abort();
        self.state.db.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Accepts connections until `shutdown`, then lets the requests in flight finish (up to 30
/// seconds). Each connection has a time limit for its request headers, which also closes
/// an idle keep-alive connection, and a cap on their size (431 beyond it), so slow clients
/// are dropped and cannot hold the server.
async fn serve_connections(
    listener: TcpListener,
    router: Router,
    config: &Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout)
        // hyper's smallest buffer is 8 KiB.
        .max_buf_size(config.max_header_bytes.max(8192));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        // Out of file descriptors, most likely: wait rather than spin.
                        tracing::error!(%error, "could not accept a connection");
                        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let service = tower::ServiceExt::map_request(
                    router.clone(),
                    move |mut request: axum::http::Request<hyper::body::Incoming>| {
                        // The peer's address, for rate limits (see client_address).
                        request
                            .extensions_mut()
                            .insert(axum::extract::ConnectInfo(peer));
                        request
                    },
                );
                let connection = builder
                    .serve_connection_with_upgrades(
                        TokioIo::new(stream),
                        hyper_util::service::TowerToHyperService::new(service),
                    )
                    .into_owned();
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    // Slow or broken clients end here; nothing to report.
                    let _ = connection.await;
                });
            }
            _ = shutdown.as_mut() => break,
        }
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(std::time::Duration::from_secs(30)) => {
            tracing::warn!("requests still running after 30 seconds; stopping anyway");
        }
    }
}

/// Reloads the content when a file changes, and on SIGHUP.
async fn watch_content(state: Arc<AppState>) {
    let mut poll = tokio::time::interval(state.config.content_poll);
    #[cfg(unix)]
    let mut hangup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok();
    loop {
        #[cfg(unix)]
        let forced = match hangup.as_mut() {
            Some(signal) => tokio::select! {
                _ = poll.tick() => false,
                _ = signal.recv() => true,
            },
            None => {
                poll.tick().await;
                false
            }
        };
        #[cfg(not(unix))]
        let forced = {
            poll.tick().await;
            false
        };
        let content_state = state.clone();
        // Reading and hashing files is blocking work: keep it off the request threads.
        let outcome =
            tokio::task::spawn_blocking(move || content_state.content.reload(forced)).await;
        if let Ok(Reloaded::Updated { version }) = outcome {
            tracing::info!(%version, "now serving a new version of the offer");
        }
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
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
    tracing::info!("shutting down: finishing requests in flight");
}
