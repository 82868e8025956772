//! `GET /api/languages`: the translations of the app this council offers.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use sha2::{Digest, Sha256};

use super::error::ApiError;
use crate::languages::offered;
use crate::state::AppState;
use crate::static_files::if_none_match_matches;
use crate::tenants::Tenant;

/// The languages phones may offer, each named in its own script, with `status` `draft` or
/// `reviewed`. English is built into the app and is not listed.
pub async fn get_languages(
    State(state): State<Arc<AppState>>,
    council: Tenant,
) -> Result<Response, ApiError> {
    let list = offered(
        &state.languages,
        &council.db,
        state.config.shows_draft_languages(),
    )
    .await?;
    // A check recorded by staff should reach phones on their next visit.
    Ok(([(CACHE_CONTROL, "no-cache")], Json(list)).into_response())
}

/// `GET /api/translations/{code}`: the offer's items in one language (their title, summary
/// and the fingerprint of the English they were made from), by entitlement id. A phone asks
/// for its own language only; `{}` when nothing is translated into it yet.
pub async fn get_translations(
    council: Tenant,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if !offer_core::i18n::language::is_language_tag(&code) {
        return Err(ApiError::NotFound("There is no language with this code."));
    }
    let served = council.content.current();
    let json = served.translations_json(&code);
    let etag = format!("\"{}\"", crate::hex::hex(&Sha256::digest(&json)[..16]));
    let etag_value = HeaderValue::from_str(&etag).expect("a hex ETag is a valid header");
    let cache = HeaderValue::from_static("no-cache");
    if if_none_match_matches(&headers, &etag) {
        return Ok((
            StatusCode::NOT_MODIFIED,
            [(ETAG, etag_value), (CACHE_CONTROL, cache)],
        )
            .into_response());
    }
    Ok((
        StatusCode::OK,
        [
            (CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (ETAG, etag_value),
            (CACHE_CONTROL, cache),
        ],
        json,
    )
        .into_response())
}
