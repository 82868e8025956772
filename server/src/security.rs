//! Security headers on every response: a strict Content-Security-Policy, and the headers
//! that stop sniffing, referrers, framing, and features the app does not use.
//!
//! Trunk puts one inline module script (the WASM loader) into `index.html`. Rather than
//! allow inline scripts, the policy for an HTML file lists the SHA-256 of each inline script
//! in that very file, computed when it is served, so a new build is covered the moment it
//! is deployed and nothing else inline can run.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::startup::AppState;

/// The policy, with `'sha256-...'` sources for the given inline scripts.
pub fn content_security_policy(inline_script_hashes: &[String]) -> String {
    let mut script = String::from("'self' 'wasm-unsafe-eval'");
    for hash in inline_script_hashes {
        script.push_str(&format!(" 'sha256-{hash}'"));
    }
    format!(
        "default-src 'self'; script-src {script}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
         form-action 'self'"
    )
}

/// The base64 SHA-256 of the text of every inline `<script>` (one without `src`) in `html`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            let body = &after[body_start..body_start + close];
            let digest = Sha256::digest(body.as_bytes());
            hashes.push(base64::engine::general_purpose::STANDARD.encode(digest));
        }
        rest = &after[body_start + close + "</script>".len()..];
    }
    hashes
}

/// Only what the app uses: geolocation for "nearest hub", on the app's own pages.
pub const PERMISSIONS_POLICY: &str =
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), \
     magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), interest-cohort=()";

/// Adds the security headers to every response; a policy set by the file server (with its
/// inline script hashes) is kept.
pub async fn add_headers(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let staff = path == "/staff" || path.starts_with("/staff/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(CONTENT_SECURITY_POLICY) {
        headers.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&content_security_policy(&[])).expect("a valid policy"),
        );
    }
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // The staff side sends referrers to itself only: under "no-referrer" browsers send
    // `Origin: null` with every form, which would defeat the staff forms' Origin check.
    // "same-origin" still sends nothing to other sites, and a form from another site still
    // arrives with `Origin: null` and is refused.
    headers.insert(
        REFERRER_POLICY,
        HeaderValue::from_static(if staff { "same-origin" } else { "no-referrer" }),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if state.config.is_https() {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = "<head><script type=\"module\">import init from '/a.js';</script>\
                    <script src=\"/b.js\"></script></head>";
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import init from '/a.js';"));
        assert_eq!(hashes[0], expected);
        let policy = content_security_policy(&hashes);
        assert!(policy.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-{expected}';"
        )));
        assert!(!policy.contains("unsafe-inline"));
    }
}
