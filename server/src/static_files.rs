//! The built app: files from Trunk's output with the right types and cache headers, sent
//! as the brotli or gzip copies made at build time when the browser accepts them.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_ENCODING, CONTENT_SECURITY_POLICY, CONTENT_TYPE, ETAG, IF_NONE_MATCH,
    VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use local_offer::drawn::Language;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::content::ServedOffer;
use crate::state::AppState;
use crate::tenants::{Council, Tenant};

/// How long a browser may keep a file before asking again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caching {
    /// The name carries a content hash, so the file can never change.
    Immutable,
    /// Always ask the server first (index.html, the service worker, the manifest).
    Revalidate,
}

impl Caching {
    fn header(self) -> HeaderValue {
        match self {
            Caching::Immutable => HeaderValue::from_static("public, max-age=31536000, immutable"),
            Caching::Revalidate => HeaderValue::from_static("no-cache"),
        }
    }
}

/// Trunk names built assets `name-<hash>.ext`, the hash being a u64 in hex without leading
/// zeros (so sometimes 15 digits or fewer); only those names are immutable.
pub fn caching_for(file_name: &str) -> Caching {
    let stem = file_name.split('.').next().unwrap_or(file_name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hashed = stem
        .rsplit_once('-')
        .map(|(_, hash)| hash.len() >= 10 && hash.chars().all(|c| c.is_ascii_hexdigit()))
        .unwrap_or(false);
    if hashed {
        Caching::Immutable
    } else {
        Caching::Revalidate
    }
}

/// The MIME type of a file, from its extension.
pub fn content_type_for(path: &Path) -> HeaderValue {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let mime = match ext {
        "wasm" => "application/wasm".to_string(),
        "webmanifest" => "application/manifest+json".to_string(),
        "js" | "mjs" => "text/javascript; charset=utf-8".to_string(),
        "html" => "text/html; charset=utf-8".to_string(),
        "css" => "text/css; charset=utf-8".to_string(),
        "json" => "application/json".to_string(),
        "svg" => "image/svg+xml".to_string(),
        _ => mime_guess::from_ext(ext)
            .first_or_octet_stream()
            .to_string(),
    };
    HeaderValue::from_str(&mime).unwrap_or(HeaderValue::from_static("application/octet-stream"))
}

/// Maps a URL path to a file inside `root`, refusing anything that climbs out of it.
pub fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    for part in Path::new(url_path.trim_start_matches('/')).components() {
        match part {
            Component::Normal(name) => path.push(name),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(path)
}

/// Serves a file of the built app, or `index.html` for any other path so deep links work.
///
/// Files go through tower-http's [`ServeDir`], which sends the brotli or gzip copy that
/// `scripts/precache.mjs` made at build time when the browser accepts it, and handles
/// `HEAD`, ranges and `If-Modified-Since`; the types and cache headers are ours.
/// `index.html` always goes through [`serve_index`], which may change it on its way out.
/// (`/api/...` and `/staff/...` never get here: they have their own fallbacks.)
pub async fn serve_app(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    request: Request,
) -> Response {
    let method = request.method();
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let root = &state.config.dist_dir;
    let decoded = percent_decode(request.uri().path());
    // The address as asked for, which the app's router reads as the phone's would.
    let address = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    if decoded == "/" || decoded == "/index.html" {
        return serve_index(&state, &council, &address, request.headers()).await;
    }
    if decoded == "/manifest.webmanifest" && !council.settings.hosts.is_empty() {
        return serve_manifest(&state, &council, request.headers()).await;
    }
    if let Some(path) = resolve(root, &decoded) {
        let is_file = tokio::fs::metadata(&path)
            .await
            .map(|m| m.is_file())
            .unwrap_or(false);
        if is_file {
            return serve_file(root, &path, request).await;
        }
    }
    // A path that looks like a file (has an extension) and is missing is a real 404;
    // anything else is a route of the app.
    let last = decoded.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    serve_index(&state, &council, &address, request.headers()).await
}

/// The install manifest of a council served on its own host: the built one with the
/// council's names and colour, so each council's app installs under its own name.
async fn serve_manifest(
    state: &AppState,
    council: &Council,
    request_headers: &HeaderMap,
) -> Response {
    let path = state.config.dist_dir.join("manifest.webmanifest");
    let Ok(built) = tokio::fs::read_to_string(&path).await else {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    };
    let Ok(mut manifest) = serde_json::from_str::<serde_json::Value>(&built) else {
        tracing::error!("the built manifest.webmanifest is not JSON");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let name = council.display_name();
    manifest["name"] = format!("{name} Local Offer").into();
    if let Some(short) = &council.settings.short_name {
        manifest["short_name"] = short.clone().into();
    }
    if let Some(accent) = &council.settings.accent {
        manifest["theme_color"] = accent.clone().into();
    }
    let body = serde_json::to_vec_pretty(&manifest).expect("a manifest always serialises");
    let etag_text = format!("\"{}\"", crate::hex::hex(&Sha256::digest(&body)[..8]));
    let mut headers = HeaderMap::new();
    headers.insert(
        CONTENT_TYPE,
        content_type_for(Path::new("manifest.webmanifest")),
    );
    headers.insert(CACHE_CONTROL, Caching::Revalidate.header());
    if let Ok(etag) = HeaderValue::from_str(&etag_text) {
        headers.insert(ETAG, etag);
    }
    if if_none_match_matches(request_headers, &etag_text) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    (StatusCode::OK, headers, body).into_response()
}

/// True for the files `scripts/precache.mjs` writes `.br` and `.gz` copies of (and that the
/// compression layer would compress): their answer depends on `Accept-Encoding`.
pub fn is_compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()).unwrap_or(""),
        "wasm"
            | "js"
            | "mjs"
            | "css"
            | "html"
            | "webmanifest"
            | "json"
            | "svg"
            | "txt"
            | "xml"
            | "ico"
    )
}

async fn serve_file(root: &Path, path: &Path, request: Request) -> Response {
    let files = ServeDir::new(root)
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip();
    let response = match files.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    let (mut parts, body) = response.into_parts();
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if parts.status.is_success() || parts.status == StatusCode::NOT_MODIFIED {
        if parts.status.is_success() {
            parts.headers.insert(CONTENT_TYPE, content_type_for(path));
        }
        parts
            .headers
            .insert(CACHE_CONTROL, caching_for(name).header());
        if is_compressible(path) {
            // ServeDir does not say so itself; caches must keep the br, gzip and plain
            // answers apart. (The compression layer sees this and does not add another.)
            parts
                .headers
                .append(VARY, HeaderValue::from_static("accept-encoding"));
        }
    }
    Response::from_parts(parts, body)
}

/// Where `index.html`'s shell (painted before the WASM arrives) shows the council's name.
pub const COUNCIL_NAME_MARK: &str = "<!--council-name-->";

/// `index.html` as this server sends it: the one place to change the built file on its way
/// out (kept in one function so the Content-Security-Policy below hashes what is sent).
/// The council's name comes from the offer being served, so the first paint already has it
/// and the header does not grow when the offer arrives.
pub fn index_html_for(council: &Council, built: String) -> String {
    let html = fill_council_name(&built, &council.display_name());
    match &council.settings.accent {
        Some(accent) => with_accent(&html, accent),
        None => html,
    }
}

/// `html` in a council's colour: the header's and the browser's bar. The colour was
/// checked to be `#rrggbb` with enough contrast against white when the council was added.
///
/// The rule goes last in the head, after the app's own stylesheet, or that stylesheet's
/// `--brand` would win; and only for a light page, because the dark theme uses a light brand
/// colour under dark text, which a council's dark colour would make unreadable.
pub fn with_accent(html: &str, accent: &str) -> String {
    html.replacen(
        "<meta name=\"theme-color\" content=\"#14466e\">",
        &format!("<meta name=\"theme-color\" content=\"{accent}\">"),
        1,
    )
    .replacen(
        "</head>",
        &format!(
            "<style>@media (prefers-color-scheme: light){{:root{{--brand:{accent}}}}}</style></head>"
        ),
        1,
    )
}

/// `built` with the council's name, escaped, in place of [`COUNCIL_NAME_MARK`].
pub fn fill_council_name(built: &str, council: &str) -> String {
    built.replacen(COUNCIL_NAME_MARK, &html_escape::encode_text(council), 1)
}

/// Serves `index.html` (after [`index_html_for`]), with the page at `address` drawn into it
/// where the server draws that page (`drawn_pages`), with a Content-Security-Policy that
/// allows exactly its inline scripts and styles, and an ETag so a revalidation costs no
/// body. The home page and the shell alone are compressed once per version; other drawn
/// pages (a search is any words) by the compression layer.
pub async fn serve_index(
    state: &AppState,
    council: &Council,
    address: &str,
    request_headers: &HeaderMap,
) -> Response {
    let path = state.config.dist_dir.join("index.html");
    let built = match tokio::fs::read_to_string(&path).await {
        Ok(built) => built,
        Err(error) => {
            tracing::error!(path = %path.display(), %error, "could not read a file of the app");
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                "The app has not been built yet. Run the README's run command.",
            )
                .into_response();
        }
    };
    let html = index_html_for(council, built);
    // One version of the offer for the page and its items' words.
    let served = council.content.current();
    // A page the app draws on the phone needs no language here.
    let language = match local_offer::drawn::draws(address) {
        true => drawn_language(state, council, &served, address).await,
        false => Err(()),
    };
    let drawn = match &language {
        Ok(language) => {
            // The offer as phones get it, with its "You said, we did" entries.
            let (json, etag) = council.offer_cache.get(&council.db, &served).await;
            council
                .drawn
                .page(&json, &etag, address, language.clone())
                .await
        }
        _ => None,
    };
    let html = match &drawn {
        Some(page) => {
            crate::drawn_pages::with_page(&html, address, page, language.ok().flatten().as_deref())
        }
        None => html,
    };
    let compress_once = drawn.is_none() || address == "/";
    // The page for an address the app does not know says so to a link checker too.
    let status = match &drawn {
        Some(page) if !page.found => StatusCode::NOT_FOUND,
        _ => StatusCode::OK,
    };
    let digest = Sha256::digest(html.as_bytes());
    let hex = crate::hex::hex(&digest[..8]);
    let etag_text = format!("\"{hex}\"");
    let etag = HeaderValue::from_str(&etag_text).expect("a hex ETag is a valid header");
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, content_type_for(Path::new("index.html")));
    headers.insert(CACHE_CONTROL, Caching::Revalidate.header());
    headers.insert(ETAG, etag.clone());
    headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    // Allow exactly the inline scripts (Trunk's WASM loader, the shell's own) and the
    // inlined stylesheet of this file.
    let scripts = crate::security::inline_script_hashes(&html);
    let styles = crate::security::inline_style_hashes(&html);
    if let Ok(policy) =
        HeaderValue::from_str(&crate::security::content_security_policy(&scripts, &styles))
    {
        headers.insert(CONTENT_SECURITY_POLICY, policy);
    }
    if status == StatusCode::OK && if_none_match_matches(request_headers, &etag_text) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    // The page carries the stylesheet, so it is worth compressing at the best level, once
    // per version (the compression layer leaves a response with an encoding alone).
    if let Some(coding) =
        crate::encoded_bodies::negotiate(request_headers).filter(|_| compress_once)
    {
        let body = council
            .index_bodies
            .get_or_compress(&etag, coding, Bytes::from(html))
            .await;
        headers.insert(CONTENT_ENCODING, coding.header());
        return (status, headers, body).into_response();
    }
    (status, headers, html).into_response()
}

/// The language the page at `address` is drawn in: `Ok(None)` for English, with no `?lang=`
/// or one naming English; `Err` where it names a language this council does not offer (or
/// its list cannot be read), which the app then settles on the phone.
async fn drawn_language(
    state: &AppState,
    council: &Council,
    served: &ServedOffer,
    address: &str,
) -> Result<Option<Arc<Language>>, ()> {
    let Some(code) = local_offer::drawn::linked_language(address) else {
        return Ok(None);
    };
    if local_offer::i18n::is_english(code) {
        return Ok(None);
    }
    let offered = crate::languages::offered(
        &state.languages,
        &council.db,
        state.config.shows_draft_languages(),
    )
    .await
    .map_err(|error| tracing::error!("could not read the languages offered: {error:#}"))?;
    let listed = offered
        .into_iter()
        .find(|l| l.code.eq_ignore_ascii_case(code))
        .ok_or(())?;
    let file = &state.languages.get(&listed.code).ok_or(())?.file;
    let items = served.translations_json(&listed.code);
    Ok(Some(Arc::new(Language::new(
        file.clone(),
        listed.is_draft(),
        &items,
    ))))
}

/// Decodes `%xx` escapes so a file with a space in its name is found.
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = path
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// True when `If-None-Match` lists `etag` (or `*`); weak forms of it match too (RFC 9110).
/// `GET /api/offer` and `index.html` are revalidated with it.
pub fn if_none_match_matches(headers: &HeaderMap, etag: &str) -> bool {
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

    #[test]
    fn hashed_assets_are_kept_for_a_year_and_the_rest_revalidate() {
        assert_eq!(
            caching_for("local-offer-3f2a9c0d1e4b5a6f_bg.wasm"),
            Caching::Immutable
        );
        assert_eq!(
            caching_for("local-offer-3f2a9c0d1e4b5a6f.js"),
            Caching::Immutable
        );
        assert_eq!(
            caching_for("style-0123456789abcdef.css"),
            Caching::Immutable
        );
        // Trunk drops leading zeros, so a hash can be 15 digits.
        assert_eq!(
            caching_for("local-offer-4b8e33c204c6d31_bg.wasm"),
            Caching::Immutable
        );
        assert_eq!(caching_for("index.html"), Caching::Revalidate);
        assert_eq!(caching_for("sw.js"), Caching::Revalidate);
        assert_eq!(caching_for("manifest.webmanifest"), Caching::Revalidate);
        assert_eq!(caching_for("icon-192.png"), Caching::Revalidate);
    }

    #[test]
    fn the_council_name_is_written_into_the_shell_escaped() {
        let built = "<span class=\"brand-council\"><!--council-name--></span>";
        assert_eq!(
            fill_council_name(built, "Cheshire East Council"),
            "<span class=\"brand-council\">Cheshire East Council</span>"
        );
        assert_eq!(
            fill_council_name(built, "<Bath & North>"),
            "<span class=\"brand-council\">&lt;Bath &amp; North&gt;</span>"
        );
    }

    #[test]
    fn wasm_is_served_as_application_wasm() {
        assert_eq!(content_type_for(Path::new("a.wasm")), "application/wasm");
        assert_eq!(
            content_type_for(Path::new("manifest.webmanifest")),
            "application/manifest+json"
        );
    }

    #[test]
    fn paths_cannot_climb_out_of_the_app_folder() {
        let root = Path::new("/srv/dist");
        assert_eq!(
            resolve(root, "/a/b.js"),
            Some(PathBuf::from("/srv/dist/a/b.js"))
        );
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/a/../../x"), None);
    }

    #[test]
    fn escaped_names_are_decoded() {
        assert_eq!(percent_decode("/my%20file.txt"), "/my file.txt");
        assert_eq!(percent_decode("/100%"), "/100%");
    }
}
