//! Which council a request is for, from its host name: every route runs behind
//! [`find_council`], which puts the council in the request as a [`Tenant`] or answers a
//! plain 404 page that names no council, so a host this deployment does not serve learns
//! nothing about the ones it does.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, HOST};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;
use crate::tenants::Tenant;

/// The page for a host no council is reached on.
pub const UNKNOWN_HOST_PAGE: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Page not found</title></head><body><main>\
<h1>Page not found</h1>\
<p>There is no local offer at this address. Check the link you were given, or ask your personal adviser for it.</p>\
</main></body></html>\n";

/// Finds the request's council by its `Host` (HTTP/1.1) or its URI's authority (HTTP/2).
pub async fn find_council(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| request.uri().authority().map(|a| a.to_string()));
    match state.councils.for_host(host.as_deref()) {
        Some(council) => {
            request.extensions_mut().insert(Tenant(council));
            next.run(request).await
        }
        None => unknown_host(),
    }
}

fn unknown_host() -> Response {
    let mut response = (StatusCode::NOT_FOUND, UNKNOWN_HOST_PAGE).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
