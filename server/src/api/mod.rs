//! The public API: what phones call (JSON, under `/api`), and the offer as open data
//! for anyone (`open_data`, under `/open-data`). Every refusal is an [`error::ApiError`].
//! Nothing here imports the staff side, and the staff side imports nothing here.

pub mod error;
pub mod languages;
pub mod messages;
pub mod offer;
pub mod open_data;

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

use crate::encoded_bodies::{self, EncodedBodies};
use crate::state::AppState;
use crate::tenants::Tenant;

/// The API's routes, to nest under `/api`.
pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/health", get(health))
        .route(
            "/offer",
            // Brotli 11 and gzip 9 bodies, made once per ETag (the compression layer around
            // the whole server leaves a response with a Content-Encoding alone).
            get(offer::get_offer).layer(axum::middleware::from_fn_with_state(
                Arc::new(EncodedBodies::default()),
                encoded_bodies::compress_once_per_etag,
            )),
        )
        .route(
            "/messages",
            post(messages::post_message)
                .layer(DefaultBodyLimit::max(offer_core::message::MAX_BYTES)),
        )
        .route("/messages/{id}", get(messages::get_status))
        .route("/languages", get(languages::get_languages))
        .route("/translations/{code}", get(languages::get_translations))
        .route("/openapi.json", get(openapi))
        .fallback(not_found)
}

/// `GET /api/health`: `{"status":"ok"}`, or 503 when the database does not answer (a
/// shape of its own, documented in the README, that monitoring tools read).
async fn health(State(state): State<Arc<AppState>>) -> impl IntoResponse {
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

/// The OpenAPI 3.1 description of this API and the open data, kept as a file beside the
/// code and checked against the real server's answers by the tests.
pub const OPENAPI: &str = include_str!("../../openapi.json");

/// `GET /api/openapi.json`
async fn openapi() -> impl IntoResponse {
    (
        StatusCode::OK,
        [
            (axum::http::header::CONTENT_TYPE, "application/json"),
            (axum::http::header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        OPENAPI,
    )
}

/// The page that explains the API to a developer.
#[derive(askama::Template)]
#[template(path = "api/index.html")]
struct AboutPage {
    council: String,
    licence: &'static str,
}

/// `GET /api/`: a plain page about the API, with no script. Routed by `startup` itself,
/// since a route nested at `/api` cannot end in a slash.
pub async fn about(council: Tenant) -> Result<axum::response::Html<String>, error::ApiError> {
    let page = AboutPage {
        council: council.content.current().offer.council.name.clone(),
        licence: crate::hsds::LICENCE,
    };
    let html = askama::Template::render(&page).map_err(|e| error::ApiError::Internal(e.into()))?;
    Ok(axum::response::Html(html))
}

async fn not_found() -> error::ApiError {
    error::ApiError::NotFound("There is nothing at this address.")
}
