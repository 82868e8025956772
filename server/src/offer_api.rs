//! `GET /api/offer`: the offer as JSON with a strong ETag.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::content_store::ServedOffer;
use crate::db::Database;
use crate::startup::AppState;

/// Sends the offer, or 304 when the phone already has this version.
pub async fn get_offer(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let served = state.content.current();
    let (json, etag_text) = state.offer_cache.get(&state.db, &served).await;
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

/// How long the offer with its "You said, we did" entries is kept before the database is
/// read again. A change made on this server is sent at once; one made on another server
/// copy sharing the database reaches phones through this one within this time.
pub const KEEP_FOR: Duration = Duration::from_secs(10);

/// The offer's JSON with the published "You said, we did" entries, and its ETag, made once
/// and kept (phones ask for the offer far more often than staff change the entries) rather
/// than read from the database and joined on every request.
#[derive(Debug, Default)]
pub struct OfferCache {
    kept: Mutex<Kept>,
}

#[derive(Debug, Default)]
struct Kept {
    /// Raised by every change, so a request that read the entries before a change never
    /// keeps what it read.
    generation: u64,
    made: Option<Made>,
}

#[derive(Debug)]
struct Made {
    content_etag: String,
    at: Instant,
    json: Bytes,
    etag: String,
}

impl OfferCache {
    /// The offer with its entries as phones get it, and its ETag.
    pub async fn get(&self, db: &Database, served: &ServedOffer) -> (Bytes, String) {
        let generation = {
            let kept = self.kept.lock().expect("the offer cache is never poisoned");
            if let Some(made) = kept
                .made
                .as_ref()
                .filter(|m| m.content_etag == served.etag && m.at.elapsed() < KEEP_FOR)
            {
                return (made.json.clone(), made.etag.clone());
            }
            kept.generation
        };
        // "You said, we did" entries live in the database and join the content's JSON.
        let entries = match crate::staff::you_said_we_did::published(db).await {
            Ok(entries) => Some(entries),
            Err(error) => {
                tracing::error!("could not read You said, we did: {error:#}");
                None
            }
        };
        let (json, etag) = crate::staff::you_said_we_did::offer_json(
            &served.json,
            &served.etag,
            entries.as_deref().unwrap_or_default(),
        );
        let json = Bytes::from(json);
        let mut kept = self.kept.lock().expect("the offer cache is never poisoned");
        // Without the entries (the database did not answer), try again next time.
        if entries.is_some() && kept.generation == generation {
            kept.made = Some(Made {
                content_etag: served.etag.clone(),
                at: Instant::now(),
                json: json.clone(),
                etag: etag.clone(),
            });
        }
        (json, etag)
    }

    /// Forgets what is kept: call after publishing, changing or withdrawing an entry.
    pub fn changed(&self) {
        let mut kept = self.kept.lock().expect("the offer cache is never poisoned");
        kept.generation += 1;
        kept.made = None;
    }
}

/// True when `If-None-Match` lists `etag` (or `*`); weak forms of it match too (RFC 9110).
/// `index.html` is revalidated with it too (`static_files`).
pub(crate) fn if_none_match_matches(headers: &HeaderMap, etag: &str) -> bool {
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

    #[tokio::test]
    async fn the_offer_with_its_entries_is_kept_until_an_entry_changes() {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::connect(&format!("sqlite://{}", dir.path().join("t.db").display()))
            .await
            .unwrap();
        db.migrate().await.unwrap();
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let served = ServedOffer::new(crate::content_store::check_dir(&content).unwrap());
        let cache = OfferCache::default();
        let (json, etag) = cache.get(&db, &served).await;
        assert_eq!(
            (json.as_ref(), etag.as_str()),
            (&served.json[..], served.etag.as_str())
        );
        // Written as another server copy would: not seen until this one forgets.
        db.execute(
            "INSERT INTO you_said_we_did (id, said, did, done_on, created_at, updated_at) \
             VALUES ('ysd-1', 'Buses', 'Bus passes', '2026-11-20', 'x', 'x')",
            vec![],
        )
        .await
        .unwrap();
        assert_eq!(cache.get(&db, &served).await.1, served.etag);
        cache.changed();
        let (json, etag) = cache.get(&db, &served).await;
        assert_ne!(etag, served.etag);
        assert!(std::str::from_utf8(&json).unwrap().contains("Bus passes"));
        db.close().await;
    }

    #[test]
    fn a_phone_with_an_old_version_gets_the_offer() {
        assert!(!if_none_match_matches(&with("\"old\""), "\"abc\""));
        assert!(!if_none_match_matches(&HeaderMap::new(), "\"abc\""));
    }
}
