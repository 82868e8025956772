//! `GET /api/offer`: the public JSON contract, its ETag, and reloading content safely.

use crate::common::TestServer;
use reqwest::StatusCode;
use serde_json::Value;

async fn get_offer(server: &TestServer) -> (String, Value) {
    let res = reqwest::get(format!("{}/api/offer", server.url))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    (etag, res.json().await.unwrap())
}

#[tokio::test]
async fn the_offer_has_the_public_shape_other_services_read() {
    let server = TestServer::start().await;
    let (etag, offer) = get_offer(&server).await;
    assert!(
        etag.starts_with('"') && etag.ends_with('"'),
        "a strong ETag: {etag}"
    );
    for key in ["categories", "entitlements", "hubs", "contacts", "groups"] {
        let items = offer[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} is an array"));
        assert!(!items.is_empty(), "{key} has items");
        assert!(
            items.iter().all(|i| i["id"].is_string()),
            "every item in {key} has an id"
        );
    }
    for e in offer["entitlements"].as_array().unwrap() {
        assert!(e["category"].is_string());
        assert!(e["source"]["title"].is_string() && e["source"]["url"].is_string());
        let checked = e["last_checked"].as_str().unwrap();
        assert!(
            chrono::NaiveDate::parse_from_str(checked, "%Y-%m-%d").is_ok(),
            "{checked}"
        );
    }
    server.stop().await;
}

#[tokio::test]
async fn a_phone_with_the_current_offer_gets_304_and_no_body() {
    let server = TestServer::start().await;
    let (etag, _) = get_offer(&server).await;
    let res = reqwest::Client::new()
        .get(format!("{}/api/offer", server.url))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(res.headers()["etag"].to_str().unwrap(), etag);
    assert!(res.bytes().await.unwrap().is_empty());
    server.stop().await;
}

#[tokio::test]
async fn an_edited_content_folder_once_published_is_served_without_a_restart() {
    let server = TestServer::start().await;
    let (old_etag, _) = get_offer(&server).await;
    let path = server.content_dir.join("offer.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen(
        "last_reviewed = \"",
        "last_reviewed = \"2030-01-01\"\n# was \"",
        1,
    );
    assert_ne!(edited, text, "the fixture has a last_reviewed line");
    std::fs::write(&path, edited).unwrap();
    // The database holds the offer now: an edited file changes nothing until it is imported.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(get_offer(&server).await.0, old_etag);
    server.publish_content().await.unwrap();
    let url = server.url.clone();
    let updated = server
        .eventually(|| {
            let url = url.clone();
            async move {
                let offer: Value = reqwest::get(format!("{url}/api/offer"))
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                offer["council"]["last_reviewed"] == "2030-01-01"
            }
        })
        .await;
    assert!(updated, "the new content is served");
    let (new_etag, _) = get_offer(&server).await;
    assert_ne!(new_etag, old_etag);
    server.stop().await;
}

#[tokio::test]
async fn a_broken_edit_is_refused_and_the_last_good_offer_is_still_served() {
    let server = TestServer::start().await;
    let (etag, good) = get_offer(&server).await;
    std::fs::write(
        server.content_dir.join("entitlements.toml"),
        "this is [not valid toml",
    )
    .unwrap();
    let refused = server.publish_content().await.unwrap_err().to_string();
    assert!(refused.contains("entitlements.toml"), "{refused}");
    assert!(refused.contains("nothing was imported"), "{refused}");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let (etag_after, after) = get_offer(&server).await;
    assert_eq!(etag_after, etag);
    assert_eq!(after, good);
    server.stop().await;
}
