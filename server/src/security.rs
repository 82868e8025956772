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

use crate::state::AppState;

/// The policy, with `'sha256-...'` sources for the given inline scripts and styles.
pub fn content_security_policy(script_hashes: &[String], style_hashes: &[String]) -> String {
    let sources = |first: &str, hashes: &[String]| {
        let mut sources = String::from(first);
        for hash in hashes {
            sources.push_str(&format!(" 'sha256-{hash}'"));
        }
        sources
    };
    let script = sources("'self' 'wasm-unsafe-eval'", script_hashes);
    let style = sources("'self'", style_hashes);
    format!(
        "default-src 'self'; script-src {script}; style-src {style}; img-src 'self' data:; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
         form-action 'self'"
    )
}

/// The base64 SHA-256 of the text of every inline `<script>` (one without `src`) in `html`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    inline_hashes(html, "script")
}

/// The base64 SHA-256 of the text of every `<style>` element in `html` (the app's stylesheet
/// is inlined, so the first paint needs no second request).
pub fn inline_style_hashes(html: &str) -> Vec<String> {
    inline_hashes(html, "style")
}

/// The hashes of the bodies of `<tag ...>...</tag>` elements without a `src`.
fn inline_hashes(html: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start..];
        // `<style` must not match `<styles`, nor `<script` match `<scripts`.
        if !after[open.len()..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            rest = &after[open.len()..];
            continue;
        }
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let attributes = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(end) = after[body_start..].find(&close) else {
            break;
        };
        if !attributes.contains(" src=") {
            let body = &after[body_start..body_start + end];
            let digest = Sha256::digest(body.as_bytes());
            hashes.push(base64::engine::general_purpose::STANDARD.encode(digest));
        }
        rest = &after[body_start + end + close.len()..];
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
            HeaderValue::from_str(&content_security_policy(&[], &[])).expect("a valid policy"),
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
        let policy = content_security_policy(&hashes, &[]);
        assert!(policy.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-{expected}';"
        )));
        assert!(policy.contains("style-src 'self';"));
        assert!(!policy.contains("unsafe-inline"));
    }

    #[test]
    fn inline_styles_are_hashed_and_only_style_elements_count() {
        let html = "<head><style>body{margin:0}</style><stylesheet>x</stylesheet>\
                    <style media=\"print\">p{color:black}</style></head>";
        let hashes = inline_style_hashes(html);
        let hash =
            |css: &[u8]| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(css));
        assert_eq!(
            hashes,
            vec![hash(b"body{margin:0}"), hash(b"p{color:black}")]
        );
        assert!(inline_script_hashes(html).is_empty());
        let policy = content_security_policy(&[], &hashes);
        assert!(policy.contains(&format!(
            "style-src 'self' 'sha256-{}' 'sha256-{}';",
            hashes[0], hashes[1]
        )));
        assert!(!policy.contains("unsafe-inline"));
    }
}
