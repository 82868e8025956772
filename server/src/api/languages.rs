//! `GET /api/languages`: the translations of the app this council offers.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::error::ApiError;
use crate::languages::offered;
use crate::state::AppState;

/// The languages phones may offer, each named in its own script, with `status` `draft` or
/// `reviewed`. English is built into the app and is not listed.
pub async fn get_languages(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let list = offered(
        &state.languages,
        &state.db,
        state.config.shows_draft_languages(),
    )
    .await?;
    // A check recorded by staff should reach phones on their next visit.
    Ok(([(CACHE_CONTROL, "no-cache")], Json(list)).into_response())
}
