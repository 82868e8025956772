//! `GET /api/offer`: the offer as JSON with a strong ETag.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::startup::AppState;

/// Sends the offer, or 304 when the phone already has this version.
pub async fn get_offer(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let served = state.content.current();
    // "You said, we did" entries live in the database and join the content's JSON.
    let entries = match crate::staff::you_said_we_did::published(&state.db).await {
        Ok(entries) => entries,
        Err(error) => {
            tracing::error!("could not read You said, we did: {error:#}");
            Vec::new()
        }
    };
    let (json, etag_text) =
        crate::staff::you_said_we_did::offer_json(&served.json, &served.etag, &entries);
    let etag = HeaderValue::from_str(&etag_text).expect("a hex ETag is a valid header");
    // Phones check back often; they must revalidate, and a match costs no body.
    let cache = HeaderValue::from_static("no-cache");
    if if_none_match_matches(&headers, &etag_text) {
        return (
            StatusCode::NOT_MODIFIED,
            [(ETAG, etag), (CACHE_CONTROL, cache)],
        )
            .into_response();
    }
    (
        StatusCode::OK,
        [
            (CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (ETAG, etag),
            (CACHE_CONTROL, cache),
        ],
        json,
    )
        .into_response()
}

/// True when `If-None-Match` lists `etag` (or `*`); weak forms of it match too (RFC 9110).
fn if_none_match_matches(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == "*" || tag == etag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(IF_NONE_MATCH, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn a_phone_with_the_current_version_gets_not_modified() {
        assert!(if_none_match_matches(&with("\"abc\""), "\"abc\""));
        assert!(if_none_match_matches(&with("\"x\", W/\"abc\""), "\"abc\""));
        assert!(if_none_match_matches(&with("*"), "\"abc\""));
    }

    #[test]
    fn a_phone_with_an_old_version_gets_the_offer() {
        assert!(!if_none_match_matches(&with("\"old\""), "\"abc\""));
        assert!(!if_none_match_matches(&HeaderMap::new(), "\"abc\""));
    }
}
