//! `GET /api/offer`: the offer as JSON with a strong ETag.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::state::AppState;
use crate::static_files::if_none_match_matches;
use crate::tenants::Tenant;

/// Sends the offer, or 304 when the phone already has this version.
pub async fn get_offer(_: State<Arc<AppState>>, council: Tenant, headers: HeaderMap) -> Response {
    let served = council.content.current();
    let (json, etag_text) = council.offer_cache.get(&council.db, &served).await;
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

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header::IF_NONE_MATCH;

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
