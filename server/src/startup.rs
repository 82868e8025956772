//! Builds the whole server from a [`Config`] and runs it: used by `main` and by the tests
//! alike. The top of the house: it wires the API, the staff side and the app together,
//! starts the background tasks and stops them, and nothing imports it.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::error_handling::HandleErrorLayer;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, Request, StatusCode};
use axum::response::IntoResponse;
use axum::Router;
use chrono::Datelike;
use offer_core::working_days::BankHolidays;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use crate::api::error::ApiError;
use crate::config::Config;
use crate::db::{self, Database};
use crate::rate_limit::RateLimiter;
use crate::state::AppState;
use crate::tenants::{Council, Councils};
use crate::{api, host_routing, reminders, retention, security, staff, static_files};

/// The largest request body on any route, in bytes (messages have their own 16 KiB limit).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// How often expired staff sessions are deleted.
const SESSION_SWEEP: std::time::Duration = std::time::Duration::from_secs(600);

/// A server bound to its port, ready to run.
pub struct Server {
    listener: TcpListener,
    router: Router,
    state: Arc<AppState>,
    /// Tasks that run as long as the server: stopped by [`Server::run`] when it ends, or
    /// when the server is dropped without running.
    tasks: Tasks,
}

/// Background tasks, aborted when dropped.
#[derive(Default)]
struct Tasks(Vec<JoinHandle<()>>);

impl Drop for Tasks {
    fn drop(&mut self) {
        for task in &self.0 {
            task.abort();
        }
    }
}

/// The routes, with logging, request ids, compression and limits around them.
fn router(state: Arc<AppState>, staff: Router<Arc<AppState>>) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let config = &state.config;
    // Slow and greedy clients: a time limit for each request, a body limit everywhere, and a
    // bound on requests in flight (503 with Retry-After beyond it). Header time and size are
    // limited per connection in `serve_connections`.
    let limits = tower::ServiceBuilder::new()
        .layer(HandleErrorLayer::<_, ()>::new(overloaded))
        .layer(tower::load_shed::LoadShedLayer::new())
        // One count shared by every route and connection (a plain ConcurrencyLimitLayer
        // under Router::layer would count each route on its own).
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
            config.max_in_flight,
        ));
    let request_timeout = config.request_timeout;
    Router::new()
        .route("/api/", axum::routing::get(api::about))
        .nest("/api", api::router())
        .nest("/open-data", api::open_data::router())
        .merge(api::open_data::calendar_routes())
        .merge(staff)
        .fallback(static_files::serve_app)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            host_routing::find_council,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            request_timeout,
        ))
        .layer(limits)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::add_headers,
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
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// The answer when too many requests are in flight.
async fn overloaded(error: tower::BoxError) -> axum::response::Response {
    if error.is::<tower::load_shed::error::Overloaded>() {
        ApiError::Busy.into_response()
    } else {
        tracing::error!(%error, "a request failed in the service stack");
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    }
}

/// The staff routes on this database's session store, whose table is made here and whose
/// expired sessions a task deletes until the server stops.
async fn staff_routes(
    state: &Arc<AppState>,
    tasks: &mut Tasks,
) -> anyhow::Result<Router<Arc<AppState>>> {
    macro_rules! with_store {
        ($store:expr) => {{
            let store = $store;
            store.migrate().await.context("making the staff session table")?;
            let sweeper = store.clone();
            tasks.0.push(tokio::spawn(async move {
                if let Err(error) = sweeper.continuously_delete_expired(SESSION_SWEEP).await {
                    tracing::error!(%error, "deleting expired staff sessions stopped");
                }
            }));
            staff::router(state, staff::session::manager(store, &state.config))
        }};
    }
    Ok(match &state.db {
        Database::Sqlite(pool) => with_store!(SqliteStore::new(pool.clone())),
        Database::Postgres(pool) => with_store!(PostgresStore::new(pool.clone())),
    })
}

impl Server {
    /// Loads the content, opens and updates the database, and binds the port.
    pub async fn build(config: Config) -> anyhow::Result<Server> {
        let db = Database::connect(&config.database.url).await?;
        db.migrate().await?;
        let councils = Councils::load(&db, &config).await?;
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
        let languages = crate::languages::Languages::read(&config.dist_dir);
        let state = Arc::new(AppState {
            languages,
            message_limiter: RateLimiter::new(config.message_rate),
            status_limiter: RateLimiter::new(config.status_rate),
            config,
            councils,
            db,
            holidays,
        });
        let mut tasks = Tasks::default();
        let staff = staff_routes(&state, &mut tasks).await?;
        Ok(Server {
            listener,
            router: router(state.clone(), staff),
            state,
            tasks,
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

    /// Serves until `shutdown` completes, then finishes the requests in flight and stops
    /// every background task.
    pub async fn run(
        mut self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        self.tasks
            .0
            .push(tokio::spawn(follow_published(self.state.clone())));
        self.tasks
            .0
            .push(tokio::spawn(retention::run_daily(self.state.clone())));
        self.tasks
            .0
            .push(tokio::spawn(reminders::run_weekly(self.state.clone())));
        tracing::info!(
            addr = %self.local_addr(),
            database = self.state.db.kind(),
            councils = self.state.councils.all().len(),
            "serving Local Offer"
        );
        serve_connections(self.listener, self.router, &self.state.config, shutdown).await;
        drop(self.tasks);
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

/// Serves each newly published version of the offer: published here, on another server copy
/// sharing the database, or with `content import --publish`. Looks every `content_poll`, and
/// at once on SIGHUP.
async fn follow_published(state: Arc<AppState>) {
    let mut poll = tokio::time::interval(state.config.content_poll);
    #[cfg(unix)]
    let mut hangup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok();
    loop {
        #[cfg(unix)]
        match hangup.as_mut() {
            Some(signal) => tokio::select! {
                _ = poll.tick() => {},
                _ = signal.recv() => {},
            },
            None => {
                poll.tick().await;
            }
        }
        #[cfg(not(unix))]
        poll.tick().await;
        if let Err(error) = follow_national(&state).await {
            tracing::error!("could not look for a newly published national layer: {error:#}");
        }
        for council in state.councils.all() {
            if let Err(error) = serve_newest(council).await {
                tracing::error!(
                    council = %council.settings.slug,
                    "could not look for a newly published offer: {error:#}"
                );
            }
        }
    }
}

/// Serves the newest published national layer, if newer, to every council.
pub async fn follow_national(state: &AppState) -> anyhow::Result<()> {
    let Some((national_db, layer)) = state.councils.national() else {
        return Ok(());
    };
    let Some(number) = db::offer::latest_number(national_db).await? else {
        return Ok(());
    };
    if number <= layer.current().1 {
        return Ok(());
    }
    if let Some(version) = db::offer::version_numbered(national_db, number).await? {
        if layer.serve(version.offer, version.number) {
            tracing::info!(number, "now serving a newly published national layer");
            for council in state.councils.all() {
                council.content.follow_national();
            }
        }
    }
    Ok(())
}

/// Serves a council's newest published version if it is not the one served.
pub async fn serve_newest(council: &Council) -> anyhow::Result<()> {
    let Some(number) = db::offer::latest_number(&council.db).await? else {
        return Ok(());
    };
    if number <= council.content.number() {
        return Ok(());
    }
    if let Some(version) = db::offer::version_numbered(&council.db, number).await? {
        council.content.serve(version.offer, version.number);
    }
    Ok(())
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
