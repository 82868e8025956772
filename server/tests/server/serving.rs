//! The server serves the app, its health and the offer, as the app and other services expect.

use crate::common::TestServer;
use reqwest::StatusCode;

#[tokio::test]
async fn the_health_check_says_ok() {
    let server = TestServer::start().await;
    let res = reqwest::get(format!("{}/api/health", server.url))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.unwrap(), r#"{"status":"ok"}"#);
    server.stop().await;
}

#[tokio::test]
async fn unknown_api_paths_get_a_json_404_and_other_paths_get_the_app() {
    let server = TestServer::start().await;
    let res = reqwest::get(format!("{}/api/nope", server.url))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.headers()["content-type"], "application/json");
    let res = reqwest::get(format!("{}/offer/setting-up-home-allowance", server.url))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert!(res.text().await.unwrap().contains("<title>app</title>"));
    let res = reqwest::get(format!("{}/missing.js", server.url))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    server.stop().await;
}

#[tokio::test]
async fn hashed_wasm_is_served_as_wasm_and_kept_for_a_year() {
    let server = TestServer::start().await;
    let res = reqwest::get(format!("{}/app-0123456789abcdef_bg.wasm", server.url))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/wasm");
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    server.stop().await;
}

#[tokio::test]
async fn the_sqlite_file_is_created_on_first_start() {
    let server = TestServer::start().await;
    assert!(server.dir.path().join("data/test.db").exists());
    server.stop().await;
}
