//! Every form posted to the staff side must come from this site (`Origin`, or `Referer`
//! when a browser sends no `Origin`) and carry the session's CSRF token (a hidden `csrf`
//! field). Anything else is refused before a handler runs, so it can change nothing.
//!
//! The token lives in the server-side session (the synchronizer token pattern, OWASP's first
//! choice) rather than in a second cookie, as a double-submit crate such as `axum_csrf`
//! would do: with sessions already on the server, that adds a cookie and a key for nothing.

use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header::{HOST, ORIGIN, REFERER};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

use super::layout::message_page;
use super::session::csrf_matches;
use crate::state::AppState;
use crate::tenants::{Council, Tenant};

/// The largest staff form, in bytes.
pub const MAX_FORM_BYTES: usize = 64 * 1024;

/// The origin staff pages (and the council's app) are served from: the council's own
/// `PUBLIC_URL`; the request's own host for a council found by its host (https when the
/// deployment's `PUBLIC_URL` is); with no council added, `PUBLIC_URL`'s or the request's own
/// host.
pub(super) fn council_origin(
    state: &AppState,
    council: &Council,
    headers: &HeaderMap,
) -> Option<String> {
    let own_url = council.settings.public_url.clone();
    if own_url.is_none() && !council.settings.hosts.is_empty() {
        let host = headers.get(HOST)?.to_str().ok()?;
        let scheme = if state.config.is_https() {
            "https"
        } else {
            "http"
        };
        return Some(format!("{scheme}://{}", host.to_ascii_lowercase()));
    }
    if own_url.is_some() || state.config.site.url.is_some() {
        let url = own_url.unwrap_or_else(|| state.config.base_url());
        let scheme_end = url.find("://")? + 3;
        let host_end = url[scheme_end..]
            .find('/')
            .map_or(url.len(), |i| scheme_end + i);
        return Some(url[..host_end].to_ascii_lowercase());
    }
    let host = headers.get(HOST)?.to_str().ok()?;
    Some(format!("http://{}", host.to_ascii_lowercase()))
}

fn same_origin(state: &AppState, council: Option<&Council>, headers: &HeaderMap) -> bool {
    let Some(expected) = council.and_then(|c| council_origin(state, c, headers)) else {
        return false;
    };
    if let Some(origin) = headers.get(ORIGIN) {
        return origin
            .to_str()
            .is_ok_and(|o| o.eq_ignore_ascii_case(&expected));
    }
    headers
        .get(REFERER)
        .and_then(|r| r.to_str().ok())
        .is_some_and(|r| {
            let r = r.to_ascii_lowercase();
            r == expected || r.starts_with(&format!("{expected}/"))
        })
}

/// Checks `Origin` and the CSRF token of every POST to the staff side.
pub async fn check_forms(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    // The council the host routing found for this request.
    let council = request.extensions().get::<Tenant>().cloned();
    if !same_origin(&state, council.as_deref(), request.headers()) {
        tracing::info!("refused a staff form from another site");
        return message_page(
            StatusCode::FORBIDDEN,
            "This form came from another website",
            "For your safety we did not do anything. Open the staff pages yourself and try again.",
        );
    }
    let session = request.extensions().get::<Session>().cloned();
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return message_page(
            StatusCode::PAYLOAD_TOO_LARGE,
            "That was too much to send",
            "Make what you typed shorter and try again.",
        );
    };
    let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v));
    let valid = match (&session, token) {
        (Some(session), Some(token)) => csrf_matches(session, &token).await,
        _ => false,
    };
    if !valid {
        tracing::info!("refused a staff form without a valid CSRF token");
        return message_page(
            StatusCode::FORBIDDEN,
            "This page had expired",
            "For your safety we did not do anything. Go back, reload the page and try again.",
        );
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
