//! Which council a request is for, from its host name: every route runs behind
//! [`find_council`], which puts the council in the request as a [`Tenant`] or answers a
//! plain 404 page that names no council, so a host this deployment does not serve learns
//! nothing about the ones it does. The deployment's own host (its `PUBLIC_URL`) has the
//! front door instead: the councils it serves, searchable by name, without JavaScript.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, HOST};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::db::councils::normalise_host;
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
    if state.councils.by_host_name() && is_front_door(&state, host.as_deref()) {
        if request.uri().path() == "/" {
            return front_door(&state, request.uri().query());
        }
        if request.uri().path() != "/api/health" {
            return unknown_host();
        }
    }
    match state.councils.for_host(host.as_deref()) {
        Some(council) => {
            request.extensions_mut().insert(Tenant(council));
            next.run(request).await
        }
        // The deployment's health, for monitoring and load balancers that ask by address:
        // it names no council.
        None if request.uri().path() == "/api/health" => next.run(request).await,
        None => unknown_host(),
    }
}

/// True when `host` is the deployment's own (its `PUBLIC_URL`'s) and no council's.
fn is_front_door(state: &AppState, host: Option<&str>) -> bool {
    let (Some(url), Some(host)) = (state.config.site.url.as_deref(), host) else {
        return false;
    };
    let own = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or_default();
    normalise_host(own) == normalise_host(host) && state.councils.for_host(Some(host)).is_none()
}

/// The front door: every council served, with a link to each; `?q=` keeps those whose
/// name has the words typed.
fn front_door(state: &AppState, query: Option<&str>) -> Response {
    let typed = query
        .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "q").map(|(_, v)| v))
        .unwrap_or_default();
    let wanted = typed.trim().to_lowercase();
    let mut councils: Vec<(String, String)> = state
        .councils
        .all()
        .iter()
        .map(|c| (c.display_name(), c.base_url(&state.config)))
        .filter(|(name, _)| {
            wanted
                .split_whitespace()
                .all(|w| name.to_lowercase().contains(w))
        })
        .collect();
    councils.sort();
    let items: String = councils
        .iter()
        .map(|(name, url)| {
            format!(
                "<li><a href=\"{}/\">{}</a></li>",
                html_escape::encode_double_quoted_attribute(url),
                html_escape::encode_text(name)
            )
        })
        .collect();
    let found = if councils.is_empty() {
        "<p>No council matches that name. Check the spelling, or clear the search to see them all.</p>".to_string()
    } else {
        format!("<ul>{items}</ul>")
    };
    let page = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Find your council's local offer</title><style>{FRONT_DOOR_STYLE}</style></head><body><main>\
<h1>Find your council's local offer</h1>\
<p>Choose the council that cares for you, or cared for you, to see what you can get as a care leaver.</p>\
<form method=\"get\" action=\"/\" role=\"search\"><label for=\"q\">Council name</label> \
<input id=\"q\" name=\"q\" type=\"search\" value=\"{}\" autocomplete=\"off\"> \
<button type=\"submit\">Search</button></form>{found}</main></body></html>\n",
        html_escape::encode_double_quoted_attribute(&typed)
    );
    // The policy allows exactly the page's own style, as the app's page does.
    let policy =
        crate::security::content_security_policy(&[], &crate::security::inline_style_hashes(&page));
    let mut response = (StatusCode::OK, page).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(policy) = HeaderValue::from_str(&policy) {
        headers.insert(CONTENT_SECURITY_POLICY, policy);
    }
    response
}

/// The front door's look: readable, with links and controls large enough to tap (WCAG
/// 2.2's target size), and the same at 320 px and at 200% text.
const FRONT_DOOR_STYLE: &str = "body{font:1.125rem/1.5 system-ui,sans-serif;margin:0 auto;padding:1rem;max-width:40rem;color:#1b1b1b}\
h1{font-size:1.6rem;line-height:1.25}\
ul{list-style:none;padding:0}li{margin:0.5rem 0}\
a{display:inline-block;padding:0.6rem 0;color:#14466e;font-weight:600}\
input,button{font:inherit;min-height:2.75rem;padding:0.3rem 0.6rem;max-width:100%}\
input{border:2px solid #6b7785;border-radius:4px}\
button{border:0;border-radius:4px;background:#14466e;color:#fff}\
:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}\
label{display:block;font-weight:600;margin-bottom:0.25rem}";

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
