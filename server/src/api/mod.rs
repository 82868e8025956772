//! What phones call: JSON only, under `/api`. Every refusal is an [`error::ApiError`].
//! Nothing here imports the staff side, and the staff side imports nothing here.

pub mod error;
pub mod messages;
pub mod offer;

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

use crate::encoded_bodies::{self, EncodedBodies};
use crate::state::AppState;

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

async fn not_found() -> error::ApiError {
    error::ApiError::NotFound("There is nothing at this address.")
}
