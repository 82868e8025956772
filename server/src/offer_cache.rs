//! The offer as phones get it: the content's JSON with the published "You said, we did"
//! entries joined in, and its ETag, made once and kept, because phones ask for the offer far
//! more often than staff change the entries.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use offer_core::answers::YouSaidWeDid;
use sha2::{Digest, Sha256};

use crate::content::ServedOffer;
use crate::db::{you_said_we_did, CouncilDb};
use crate::hex::hex;

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
    pub async fn get(&self, db: &CouncilDb, served: &ServedOffer) -> (Bytes, String) {
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
        let entries = match you_said_we_did::published(db).await {
            Ok(entries) => Some(entries),
            Err(error) => {
                tracing::error!("could not read You said, we did: {error:#}");
                None
            }
        };
        let (json, etag) = offer_json(
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

/// The offer's JSON with the published entries added, and its ETag. With no entries it is
/// the content's own JSON and ETag, byte for byte.
pub fn offer_json(
    content_json: &[u8],
    content_etag: &str,
    entries: &[YouSaidWeDid],
) -> (Vec<u8>, String) {
    if entries.is_empty() {
        return (content_json.to_vec(), content_etag.to_string());
    }
    let list = serde_json::to_string(entries).expect("entries always serialise");
    // The content JSON is one object: add the field before its closing brace.
    let mut json = content_json.to_vec();
    if json.last() == Some(&b'}') {
        json.pop();
        json.extend_from_slice(b",\"you_said_we_did\":");
        json.extend_from_slice(list.as_bytes());
        json.push(b'}');
    }
    let hash = hex(&Sha256::digest(&json)[..16]);
    (json, format!("\"{hash}\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use offer_core::answers::ItemRef;

    #[test]
    fn with_no_entries_the_offer_is_served_byte_for_byte() {
        let (json, etag) = offer_json(b"{\"council\":1}", "\"abc\"", &[]);
        assert_eq!(json, b"{\"council\":1}");
        assert_eq!(etag, "\"abc\"");
    }

    #[test]
    fn entries_join_the_offer_and_change_its_etag() {
        let entry = YouSaidWeDid {
            id: "ysd-1".into(),
            said: "Bus fares are too dear".into(),
            did: "Bus passes for care leavers".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            about: Some(ItemRef::Entitlement("travel".into())),
        };
        let (json, etag) = offer_json(b"{\"council\":1}", "\"abc\"", std::slice::from_ref(&entry));
        let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(value["council"], 1);
        assert_eq!(
            value["you_said_we_did"][0]["about"]["entitlement"],
            "travel"
        );
        assert_ne!(etag, "\"abc\"");
        let mut changed = entry.clone();
        changed.did = "Bus passes for every care leaver".into();
        assert_ne!(
            offer_json(b"{\"council\":1}", "\"abc\"", &[changed]).1,
            etag
        );
    }

    #[tokio::test]
    async fn the_offer_with_its_entries_is_kept_until_an_entry_changes() {
        let dir = tempfile::tempdir().unwrap();
        let whole = crate::db::Database::connect(&format!(
            "sqlite://{}",
            dir.path().join("t.db").display()
        ))
        .await
        .unwrap();
        whole.migrate().await.unwrap();
        let first = crate::db::councils::all(&whole).await.unwrap()[0].id;
        let db = whole.council(first);
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let served = ServedOffer::new(crate::content::check_dir(&content).unwrap());
        let cache = OfferCache::default();
        let (json, etag) = cache.get(&db, &served).await;
        assert_eq!(
            (json.as_ref(), etag.as_str()),
            (&served.json[..], served.etag.as_str())
        );
        // Written as another server copy would: not seen until this one forgets.
        let mut tx = db.begin().await.unwrap();
        let author = crate::db::accounts::add(
            &mut tx,
            "lead@example.gov.uk",
            "Lead",
            offer_core::roles::Role::Participation,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        let crate::db::accounts::Added::Made(author) = author else {
            panic!("a new database has no accounts")
        };
        let words = you_said_we_did::Words {
            said: "Buses",
            did: "Bus passes",
            date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            about: None,
        };
        you_said_we_did::insert(&mut tx, "ysd-1", &words, author, chrono::Utc::now())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(cache.get(&db, &served).await.1, served.etag);
        cache.changed();
        let (json, etag) = cache.get(&db, &served).await;
        assert_ne!(etag, served.etag);
        assert!(std::str::from_utf8(&json).unwrap().contains("Bus passes"));
        whole.close().await;
    }
}
