//! Brotli (quality 11) and gzip bodies of `GET /api/offer`, made once per ETag.
//!
//! The offer changes only when the content or "You said, we did" does, and its strong ETag
//! says which version a body is. Compressing it at brotli's best quality costs a few
//! hundred milliseconds but saves the phone about a fifth over the compression layer's
//! default (about 19 KB instead of 23 KB), so this layer compresses each version once and
//! sends the stored bytes to every later request. It only touches the response's encoding:
//! the handler builds the offer as it likes, and the global compression layer leaves a
//! response that already has a `Content-Encoding` alone.

use std::collections::VecDeque;
use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{
    ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_RANGE, ETAG, VARY,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::OnceCell;

/// How many versions to keep: the current one and a few before it, for phones mid-update.
const VERSIONS_KEPT: usize = 4;

/// A content coding this layer makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    /// `br`, quality 11.
    Brotli,
    /// `gzip`, level 9.
    Gzip,
}

impl Coding {
    /// The `Content-Encoding` value.
    pub fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
        })
    }

    /// `bytes` compressed at this coding's best level.
    pub fn compress(self, bytes: &[u8]) -> Vec<u8> {
        match self {
            Coding::Brotli => {
                let mut out = Vec::with_capacity(bytes.len() / 4);
                let params = brotli::enc::BrotliEncoderParams {
                    quality: 11,
                    lgwin: 22,
                    size_hint: bytes.len(),
                    mode: brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_TEXT,
                    ..Default::default()
                };
                brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
                    .expect("compressing into memory cannot fail");
                out
            }
            Coding::Gzip => {
                let mut encoder = flate2::write::GzEncoder::new(
                    Vec::with_capacity(bytes.len() / 4),
                    flate2::Compression::best(),
                );
                encoder
                    .write_all(bytes)
                    .expect("compressing into memory cannot fail");
                encoder
                    .finish()
                    .expect("compressing into memory cannot fail")
            }
        }
    }
}

/// Which of brotli, gzip or neither to send for this `Accept-Encoding` (RFC 9110 12.5.3):
/// the highest q-value wins, brotli on a tie; `q=0` refuses; `*` stands for anything not
/// listed.
pub fn negotiate(headers: &HeaderMap) -> Option<Coding> {
    let mut br: Option<u16> = None;
    let mut gzip: Option<u16> = None;
    let mut any: Option<u16> = None;
    for item in headers
        .get_all(ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
    {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .find_map(|p| {
                let p = p.trim();
                p.strip_prefix("q=").or_else(|| p.strip_prefix("Q="))
            })
            .map(parse_q)
            .unwrap_or(Some(1000));
        let Some(q) = q else { continue };
        match name.as_str() {
            "br" => br = Some(q),
            "gzip" | "x-gzip" => gzip = Some(q),
            "*" => any = Some(q),
            _ => {}
        }
    }
    let br = br.or(any).unwrap_or(0);
    let gzip = gzip.or(any).unwrap_or(0);
    match (br, gzip) {
        (0, 0) => None,
        (b, g) if b >= g => Some(Coding::Brotli),
        _ => Some(Coding::Gzip),
    }
}

/// A q-value as thousandths: `1`, `0.5`, `0.125`; `None` when malformed.
fn parse_q(text: &str) -> Option<u16> {
    let value: f32 = text.trim().parse().ok()?;
    if !(0.0..=1.0).contains(&value) {
        return None;
    }
    Some((value * 1000.0).round() as u16)
}

/// One version of the body, by its ETag, with each coding made at most once.
#[derive(Debug)]
struct Version {
    etag: HeaderValue,
    brotli: Arc<OnceCell<Bytes>>,
    gzip: Arc<OnceCell<Bytes>>,
}

/// The compressed bodies of the last few versions.
#[derive(Debug, Default)]
pub struct EncodedBodies {
    versions: Mutex<VecDeque<Version>>,
}

impl EncodedBodies {
    /// The cell holding `etag`'s body in `coding`, made (empty) if new.
    fn cell(&self, etag: &HeaderValue, coding: Coding) -> Arc<OnceCell<Bytes>> {
        let mut versions = self.versions.lock().unwrap_or_else(|e| e.into_inner());
        let index = match versions.iter().position(|v| v.etag == *etag) {
            Some(index) => index,
            None => {
                if versions.len() >= VERSIONS_KEPT {
                    versions.pop_front();
                }
                versions.push_back(Version {
                    etag: etag.clone(),
                    brotli: Arc::default(),
                    gzip: Arc::default(),
                });
                versions.len() - 1
            }
        };
        let version = &versions[index];
        match coding {
            Coding::Brotli => version.brotli.clone(),
            Coding::Gzip => version.gzip.clone(),
        }
    }

    /// `body` (the version `etag`) in `coding`: compressed by the first request to ask,
    /// which the others wait for, then the same bytes every time.
    pub async fn get_or_compress(&self, etag: &HeaderValue, coding: Coding, body: Bytes) -> Bytes {
        self.cell(etag, coding)
            .get_or_init(|| async move {
                tokio::task::spawn_blocking(move || Bytes::from(coding.compress(&body)))
                    .await
                    .expect("compressing does not panic")
            })
            .await
            .clone()
    }

    /// How many versions are kept now (for tests).
    pub fn versions_kept(&self) -> usize {
        self.versions.lock().map(|v| v.len()).unwrap_or(0)
    }
}

/// Middleware for a route whose 200 answers carry a strong ETag: sends the stored brotli
/// or gzip body of that version when the client accepts one, and says `Vary:
/// Accept-Encoding` on every answer (304 too, as RFC 9110 asks).
pub async fn compress_once_per_etag(
    State(bodies): State<Arc<EncodedBodies>>,
    request: Request,
    next: Next,
) -> Response {
    let coding = negotiate(request.headers());
    let mut response = next.run(request).await;
    let cacheable = response.status() == StatusCode::OK
        && !response.headers().contains_key(CONTENT_ENCODING)
        && !response.headers().contains_key(CONTENT_RANGE);
    let etag = response.headers().get(ETAG).cloned();
    let (Some(coding), Some(etag), true) = (coding, etag, cacheable) else {
        add_vary(response.headers_mut());
        return response;
    };
    let (mut parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "could not read a response body to compress it");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let encoded = bodies.get_or_compress(&etag, coding, body).await;
    parts.headers.insert(CONTENT_ENCODING, coding.header());
    parts
        .headers
        .insert(CONTENT_LENGTH, HeaderValue::from(encoded.len()));
    add_vary(&mut parts.headers);
    Response::from_parts(parts, Body::from(encoded))
}

fn add_vary(headers: &mut HeaderMap) {
    let present = headers.get_all(VARY).iter().any(|v| {
        v.to_str()
            .map(|v| v.to_ascii_lowercase().contains("accept-encoding"))
            .unwrap_or(false)
    });
    if !present {
        headers.append(VARY, HeaderValue::from_static("accept-encoding"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn brotli_is_preferred_then_gzip_then_nothing() {
        assert_eq!(
            negotiate(&accepting("gzip, deflate, br, zstd")),
            Some(Coding::Brotli)
        );
        assert_eq!(negotiate(&accepting("gzip, deflate")), Some(Coding::Gzip));
        assert_eq!(negotiate(&accepting("br;q=0.5, gzip")), Some(Coding::Gzip));
        assert_eq!(negotiate(&accepting("br;q=0, gzip;q=0")), None);
        assert_eq!(negotiate(&accepting("identity")), None);
        assert_eq!(negotiate(&accepting("*")), Some(Coding::Brotli));
        assert_eq!(negotiate(&accepting("*, br;q=0")), Some(Coding::Gzip));
        assert_eq!(negotiate(&HeaderMap::new()), None);
    }

    #[test]
    fn compressed_bodies_decode_to_the_original() {
        let text = "the offer ".repeat(1000);
        let br = Coding::Brotli.compress(text.as_bytes());
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut decoded).unwrap();
        assert_eq!(decoded, text.as_bytes());
        let gz = Coding::Gzip.compress(text.as_bytes());
        let mut decoded = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut decoded)
            .unwrap();
        assert_eq!(decoded, text);
    }

    #[tokio::test]
    async fn each_version_is_compressed_once_and_old_ones_are_dropped() {
        let bodies = EncodedBodies::default();
        let etag = HeaderValue::from_static("\"v1\"");
        let first = bodies
            .get_or_compress(&etag, Coding::Brotli, Bytes::from_static(b"one"))
            .await;
        // Same ETag: the stored bytes, whatever the body says now.
        let again = bodies
            .get_or_compress(&etag, Coding::Brotli, Bytes::from_static(b"two"))
            .await;
        assert_eq!(first, again);
        for n in 2..10 {
            let etag = HeaderValue::from_str(&format!("\"v{n}\"")).unwrap();
            bodies
                .get_or_compress(&etag, Coding::Gzip, Bytes::from_static(b"x"))
                .await;
        }
        assert_eq!(bodies.versions_kept(), VERSIONS_KEPT);
    }
}
