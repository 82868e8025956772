//! The built app's files go out as the brotli or gzip copies made at build time when the
//! browser accepts them, with the same types, cache headers, deep links and
//! Content-Security-Policy as before; the offer's compressed bodies are made once per ETag.

use std::io::{Read, Write};

use crate::common::TestServer;
use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_SECURITY_POLICY,
    CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, RANGE, VARY,
};
use reqwest::{Method, StatusCode};

const JS: &str = "app-0123456789abcdef.js";

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).unwrap();
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut out).unwrap();
    out
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// The inlined stylesheet of the test's index.html.
const STYLE: &str = "main { margin: 0 auto; max-width: 40rem; }";

/// The script, its build-time copies, an icon and an index.html with an inline loader.
struct Built {
    js: Vec<u8>,
    js_br: Vec<u8>,
    js_gz: Vec<u8>,
    loader: &'static str,
}

fn build_app(server: &TestServer) -> Built {
    let dist = server.dir.path().join("dist");
    let js = "export function hello() { return 'hello from the app'; }\n"
        .repeat(40)
        .into_bytes();
    let (js_br, js_gz) = (brotli(&js), gzip(&js));
    std::fs::write(dist.join(JS), &js).unwrap();
    std::fs::write(dist.join(format!("{JS}.br")), &js_br).unwrap();
    std::fs::write(dist.join(format!("{JS}.gz")), &js_gz).unwrap();
    std::fs::write(dist.join("icon-192.png"), [0x89, b'P', b'N', b'G']).unwrap();
    let loader = "import init from '/app-0123456789abcdef.js'; init();";
    std::fs::write(
        dist.join("index.html"),
        format!(
            "<!doctype html><html lang=\"en-GB\"><title>app</title>\
             <script type=\"module\">{loader}</script><style>{STYLE}</style>\
             <body><main></main></body></html>"
        ),
    )
    .unwrap();
    Built {
        js,
        js_br,
        js_gz,
        loader,
    }
}

async fn get(server: &TestServer, path: &str, accept: Option<&str>) -> reqwest::Response {
    request(server, Method::GET, path, accept).await
}

async fn request(
    server: &TestServer,
    method: Method,
    path: &str,
    accept: Option<&str>,
) -> reqwest::Response {
    let client = reqwest::Client::new();
    let mut request = client.request(method, format!("{}{path}", server.url));
    if let Some(accept) = accept {
        request = request.header(ACCEPT_ENCODING, accept);
    }
    request.send().await.unwrap()
}

fn header(res: &reqwest::Response, name: reqwest::header::HeaderName) -> &str {
    res.headers()
        .get(&name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or("")
}

fn varies_by_encoding(res: &reqwest::Response) -> bool {
    res.headers()
        .get_all(VARY)
        .iter()
        .any(|v| v.to_str().unwrap().eq_ignore_ascii_case("accept-encoding"))
}

#[tokio::test]
async fn a_browser_that_takes_brotli_gets_the_brotli_copy_with_the_same_headers() {
    let server = TestServer::start().await;
    let built = build_app(&server);
    let res = get(&server, &format!("/{JS}"), Some("gzip, deflate, br, zstd")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, CONTENT_ENCODING), "br");
    assert!(varies_by_encoding(&res), "{:?}", res.headers());
    assert_eq!(header(&res, CONTENT_TYPE), "text/javascript; charset=utf-8");
    assert_eq!(
        header(&res, CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(header(&res, CONTENT_LENGTH), built.js_br.len().to_string());
    // Exactly the file made at build time: the compression layer did not touch it again.
    let body = res.bytes().await.unwrap();
    assert_eq!(body.as_ref(), built.js_br.as_slice());
    assert_eq!(unbrotli(&body), built.js);
    server.stop().await;
}

#[tokio::test]
async fn gzip_is_the_fallback_and_no_accept_encoding_gets_the_file_itself() {
    let server = TestServer::start().await;
    let built = build_app(&server);

    let res = get(&server, &format!("/{JS}"), Some("gzip")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, CONTENT_ENCODING), "gzip");
    assert!(varies_by_encoding(&res));
    let body = res.bytes().await.unwrap();
    assert_eq!(body.as_ref(), built.js_gz.as_slice());
    assert_eq!(gunzip(&body), built.js);

    let res = get(&server, &format!("/{JS}"), Some("br;q=0.5, gzip;q=1")).await;
    assert_eq!(header(&res, CONTENT_ENCODING), "gzip");

    let res = get(&server, &format!("/{JS}"), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, CONTENT_ENCODING), "");
    assert!(varies_by_encoding(&res));
    assert_eq!(
        header(&res, CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), built.js.as_slice());

    let res = get(&server, &format!("/{JS}"), Some("identity")).await;
    assert_eq!(header(&res, CONTENT_ENCODING), "");
    assert_eq!(res.bytes().await.unwrap().as_ref(), built.js.as_slice());
    server.stop().await;
}

#[tokio::test]
async fn head_ranges_and_if_modified_since_work_on_files() {
    let server = TestServer::start().await;
    let built = build_app(&server);

    let res = request(&server, Method::HEAD, &format!("/{JS}"), Some("br")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, CONTENT_ENCODING), "br");
    assert_eq!(header(&res, CONTENT_LENGTH), built.js_br.len().to_string());
    assert_eq!(
        header(&res, CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert!(res.bytes().await.unwrap().is_empty());

    let res = get(&server, &format!("/{JS}"), None).await;
    let last_modified = header(&res, LAST_MODIFIED).to_string();
    assert!(!last_modified.is_empty());
    let res = reqwest::Client::new()
        .get(format!("{}/{JS}", server.url))
        .header(IF_MODIFIED_SINCE, &last_modified)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(
        header(&res, CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );

    let res = reqwest::Client::new()
        .get(format!("{}/{JS}", server.url))
        .header(RANGE, "bytes=0-5")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(res.bytes().await.unwrap().as_ref(), &built.js[..6]);
    server.stop().await;
}

#[tokio::test]
async fn images_are_sent_as_they_are() {
    let server = TestServer::start().await;
    build_app(&server);
    let res = get(&server, "/icon-192.png", Some("gzip, br")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, CONTENT_TYPE), "image/png");
    assert_eq!(header(&res, CONTENT_ENCODING), "");
    assert_eq!(header(&res, CACHE_CONTROL), "no-cache");
    server.stop().await;
}

#[tokio::test]
async fn index_html_and_deep_links_keep_their_policy_and_are_compressed() {
    let server = TestServer::start().await;
    let built = build_app(&server);
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD
        .encode(sha2::Sha256::digest(built.loader.as_bytes()));

    for path in [
        "/",
        "/index.html",
        "/offer/setting-up-home-allowance",
        "/hubs/crewe",
    ] {
        let res = get(&server, path, Some("gzip, deflate, br")).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&res, CONTENT_TYPE), "text/html; charset=utf-8");
        assert_eq!(header(&res, CACHE_CONTROL), "no-cache", "{path}");
        assert_eq!(header(&res, CONTENT_ENCODING), "br", "{path}");
        assert!(varies_by_encoding(&res), "{path}");
        assert!(
            header(&res, CONTENT_SECURITY_POLICY).contains(&format!("'sha256-{hash}'")),
            "{path}: {}",
            header(&res, CONTENT_SECURITY_POLICY)
        );
        let html = String::from_utf8(unbrotli(&res.bytes().await.unwrap())).unwrap();
        assert!(html.contains(built.loader), "{path}");
    }

    // The inlined stylesheet is allowed by its hash, and nothing inline besides.
    let style_hash =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(STYLE.as_bytes()));
    let policy = header(&get(&server, "/", None).await, CONTENT_SECURITY_POLICY).to_string();
    assert!(
        policy.contains(&format!("style-src 'self' 'sha256-{style_hash}';")),
        "{policy}"
    );
    assert!(!policy.contains("unsafe-inline"), "{policy}");

    // Compressed at the best level (no larger than brotli 11 of the page), and gzip for a
    // browser without brotli.
    let plain = get(&server, "/", None).await.bytes().await.unwrap();
    let res = get(&server, "/", Some("br")).await;
    let sent = res.bytes().await.unwrap();
    assert_eq!(unbrotli(&sent), plain.to_vec());
    assert!(sent.len() <= brotli(&plain).len(), "{} bytes", sent.len());
    let res = get(&server, "/hubs", Some("gzip")).await;
    assert_eq!(header(&res, CONTENT_ENCODING), "gzip");
    assert_eq!(gunzip(&res.bytes().await.unwrap()), plain.to_vec());

    // No compression asked for: the page as it is, the same policy.
    let res = get(&server, "/offer/setting-up-home-allowance", None).await;
    assert_eq!(header(&res, CONTENT_ENCODING), "");
    assert!(header(&res, CONTENT_SECURITY_POLICY).contains(&hash));
    let etag = header(&res, ETAG).to_string();
    assert!(etag.starts_with('"'), "{etag}");
    assert!(res.text().await.unwrap().contains("<title>app</title>"));

    // Revalidating costs no body.
    let res = reqwest::Client::new()
        .get(format!("{}/", server.url))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);

    let res = request(&server, Method::HEAD, "/", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(header(&res, CONTENT_SECURITY_POLICY).contains(&hash));
    assert!(res.bytes().await.unwrap().is_empty());

    // A missing file is still a 404, not the app; the API and staff keep their own.
    assert_eq!(
        get(&server, "/missing.js", Some("br")).await.status(),
        StatusCode::NOT_FOUND
    );
    let res = get(&server, "/api/nope", Some("br")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(header(&res, CONTENT_TYPE).starts_with("application/json"));
    let res = get(&server, "/staff/nope", None).await;
    assert!(!res.text().await.unwrap().contains(built.loader));
    server.stop().await;
}

#[tokio::test]
async fn the_offer_is_compressed_at_the_best_level_once_per_version() {
    let server = TestServer::start().await;
    let plain = get(&server, "/api/offer", None).await;
    assert_eq!(plain.status(), StatusCode::OK);
    assert_eq!(header(&plain, CONTENT_ENCODING), "");
    assert!(varies_by_encoding(&plain));
    let etag = header(&plain, ETAG).to_string();
    let json = plain.bytes().await.unwrap();

    let res = get(&server, "/api/offer", Some("gzip, deflate, br, zstd")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, CONTENT_ENCODING), "br");
    assert!(varies_by_encoding(&res));
    assert_eq!(header(&res, ETAG), etag);
    assert_eq!(header(&res, CONTENT_TYPE), "application/json");
    let br = res.bytes().await.unwrap();
    assert_eq!(unbrotli(&br), json);
    // Quality 11, not the compression layer's default.
    assert!(
        br.len() <= brotli(&json).len() + 64,
        "{} vs {}",
        br.len(),
        brotli(&json).len()
    );
    // The same bytes again, from the store.
    let again = get(&server, "/api/offer", Some("br")).await;
    assert_eq!(again.bytes().await.unwrap(), br);

    let res = get(&server, "/api/offer", Some("gzip")).await;
    assert_eq!(header(&res, CONTENT_ENCODING), "gzip");
    assert_eq!(gunzip(&res.bytes().await.unwrap()), json);

    let res = reqwest::Client::new()
        .get(format!("{}/api/offer", server.url))
        .header(IF_NONE_MATCH, &etag)
        .header(ACCEPT_ENCODING, "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(header(&res, CONTENT_ENCODING), "");
    assert!(varies_by_encoding(&res));
    assert!(res.bytes().await.unwrap().is_empty());

    let res = request(&server, Method::HEAD, "/api/offer", Some("br")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, CONTENT_ENCODING), "br");
    assert_eq!(header(&res, CONTENT_LENGTH), br.len().to_string());
    server.stop().await;
}
