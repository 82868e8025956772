//! `POST /api/messages`: each message stored exactly once, on SQLite and on PostgreSQL.
//!
//! Every test runs twice, once on each database; the PostgreSQL runs need
//! `TEST_POSTGRES_URL` (`export TEST_POSTGRES_URL=$(scripts/pg.sh start)`).

use crate::common::{Backend, TestServer};
use chrono::{DateTime, Utc};
use local_offer_server::config::RateLimit;
use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

on_both_databases!(
    the_first_arrival_is_stored_and_answered_201,
    a_repeat_with_the_same_words_is_answered_as_delivered_and_stored_once,
    a_reused_id_with_different_words_is_refused_and_the_row_is_unchanged,
    field_problems_are_all_listed_and_nothing_is_stored,
    an_unreadable_message_or_unknown_kind_is_a_400_with_a_reason,
    a_message_over_16_kib_is_too_large,
    anything_but_json_is_refused_with_415,
    an_address_sending_too_fast_is_told_when_to_try_again,
    the_same_message_sent_at_once_many_times_is_stored_once,
    each_kind_is_stored_with_the_fields_its_form_collected,
    a_repeat_is_still_a_repeat_after_the_offer_changes,
);

/// A server with the message rate limit off, so stories can send freely.
async fn start(backend: Backend) -> TestServer {
    TestServer::start_with(backend, |config| {
        config.message_rate = RateLimit {
            per_minute: 0,
            burst: 0,
        }
    })
    .await
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn feedback(id: &str, text: &str) -> Value {
    json!({
        "id": id,
        "created_at": "2026-06-03T13:05:00.123Z",
        "kind": "feedback",
        "about": "app",
        "text": text,
    })
}

async fn post(server: &TestServer, body: &Value) -> (StatusCode, Value) {
    post_text(server, &body.to_string(), "application/json").await
}

async fn post_text(server: &TestServer, body: &str, content_type: &str) -> (StatusCode, Value) {
    let res = reqwest::Client::new()
        .post(format!("{}/api/messages", server.url))
        .header("content-type", content_type)
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    let json = serde_json::from_str(&text)
        .unwrap_or_else(|_| panic!("a JSON answer to every request, got {status}: {text}"));
    (status, json)
}

/// One row of the `messages` table, read straight from the database.
#[derive(Debug)]
struct Row {
    id: String,
    kind: String,
    body: String,
    body_hash: String,
    created_at: DateTime<Utc>,
}

async fn rows(server: &TestServer) -> Vec<Row> {
    // Times are RFC 3339 text on both databases.
    server
        .state
        .db
        .rows(
            "SELECT id, kind, body, body_hash, created_at FROM messages ORDER BY received_at, id",
            vec![],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| Row {
            id: r.text("id").unwrap(),
            kind: r.text("kind").unwrap(),
            body: r.text("body").unwrap(),
            body_hash: r.text("body_hash").unwrap(),
            created_at: r.time("created_at").unwrap(),
        })
        .collect()
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn the_first_arrival_is_stored_and_answered_201(backend: Backend) {
    let server = start(backend).await;
    let id = new_id();
    let (status, answer) = post(&server, &feedback(&id, "The map helped me find the hub")).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(answer, json!({ "id": id, "status": "stored" }));

    let rows = rows(&server).await;
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.id, id);
    assert_eq!(row.kind, "feedback");
    assert_eq!(
        serde_json::from_str::<Value>(&row.body).unwrap(),
        feedback(&id, "The map helped me find the hub")
    );
    assert_eq!(row.body_hash, sha256_hex(&row.body));
    assert_eq!(
        row.created_at,
        "2026-06-03T13:05:00.123Z".parse::<DateTime<Utc>>().unwrap()
    );
    server.stop().await;
}

async fn a_repeat_with_the_same_words_is_answered_as_delivered_and_stored_once(backend: Backend) {
    let server = start(backend).await;
    let id = new_id();
    let first = feedback(&id, "Thanks for the help with my rent");
    assert_eq!(post(&server, &first).await.0, StatusCode::CREATED);
    // The same message, spaced and ordered differently, as another JSON library might send it.
    let again = format!(
        "{{ \"text\": \"Thanks for the help with my rent\", \"about\": \"app\", \"kind\": \"feedback\",\n  \"created_at\": \"2026-06-03T14:05:00.123+01:00\", \"id\": \"{id}\", \"rating\": null }}"
    );
    for _ in 0..2 {
        let (status, answer) = post_text(&server, &again, "application/json").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(answer, json!({ "id": id, "status": "repeat" }));
    }
    assert_eq!(rows(&server).await.len(), 1);
    server.stop().await;
}

async fn a_reused_id_with_different_words_is_refused_and_the_row_is_unchanged(backend: Backend) {
    let server = start(backend).await;
    let id = new_id();
    assert_eq!(
        post(&server, &feedback(&id, "First words")).await.0,
        StatusCode::CREATED
    );
    let before = rows(&server).await;
    let (status, answer) = post(&server, &feedback(&id, "Other words")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(answer["error"], "conflict");
    assert_eq!(answer["id"], id.as_str());
    let after = rows(&server).await;
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].body, before[0].body);
    assert!(after[0].body.contains("First words"));
    server.stop().await;
}

async fn field_problems_are_all_listed_and_nothing_is_stored(backend: Backend) {
    let server = start(backend).await;
    let message = json!({
        "id": new_id(),
        "created_at": "2026-06-03T13:05:00Z",
        "kind": "contact-me",
        "name": "Sam",
        "email": "sam@example",
        "best_time": "Mornings",
        // Too long, but not so long the whole message is over 16 KiB and refused unread.
        "about": "a".repeat(5_000),
    });
    let (status, answer) = post(&server, &message).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer["error"], "invalid");
    assert_eq!(
        answer["errors"],
        json!([
            { "field": "email", "message": "Please check your email address. It should look like name@example.com." },
            { "field": "about", "message": "Your message is too long. Please keep it under 4,000 characters (it has 5,000)." },
        ])
    );
    assert!(rows(&server).await.is_empty());
    server.stop().await;
}

async fn an_unreadable_message_or_unknown_kind_is_a_400_with_a_reason(backend: Backend) {
    let server = start(backend).await;
    let (status, answer) = post_text(&server, "{\"kind\": ", "application/json").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer["errors"][0]["field"], "");
    let mut unknown = feedback(&new_id(), "hello");
    unknown["kind"] = json!("complaint-to-the-king");
    let (status, answer) = post(&server, &unknown).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer["errors"][0]["field"], "kind");
    let mut bad_id = feedback("1234", "hello");
    bad_id["id"] = json!("1234");
    let (status, answer) = post(&server, &bad_id).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer["errors"][0]["field"], "id");
    assert!(rows(&server).await.is_empty());
    server.stop().await;
}

async fn a_message_over_16_kib_is_too_large(backend: Backend) {
    let server = start(backend).await;
    // A 20,000-letter message: the phone's outbox says which part is too long.
    let (status, answer) = post(&server, &feedback(&new_id(), &"a".repeat(20_000))).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer["error"], "too_large");
    assert!(rows(&server).await.is_empty());
    server.stop().await;
}

async fn anything_but_json_is_refused_with_415(backend: Backend) {
    let server = start(backend).await;
    let body = feedback(&new_id(), "hello").to_string();
    for content_type in ["text/plain", "application/x-www-form-urlencoded", ""] {
        let (status, answer) = post_text(&server, &body, content_type).await;
        assert_eq!(
            status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type:?}"
        );
        assert_eq!(answer["error"], "unsupported_media_type");
    }
    let (status, _) = post_text(&server, &body, "application/json; charset=utf-8").await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(rows(&server).await.len(), 1);
    server.stop().await;
}

async fn an_address_sending_too_fast_is_told_when_to_try_again(backend: Backend) {
    let server = TestServer::start_with(backend, |config| {
        config.message_rate = RateLimit {
            per_minute: 2,
            burst: 2,
        }
    })
    .await;
    for _ in 0..2 {
        let (status, _) = post(&server, &feedback(&new_id(), "hello")).await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let res = reqwest::Client::new()
        .post(format!("{}/api/messages", server.url))
        .json(&feedback(&new_id(), "one too many"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=30).contains(&wait), "Retry-After: {wait}");
    let answer: Value = res.json().await.unwrap();
    assert_eq!(answer["retry_after"], wait);
    assert_eq!(
        rows(&server).await.len(),
        2,
        "the refused message is not stored"
    );
    server.stop().await;
}

async fn the_same_message_sent_at_once_many_times_is_stored_once(backend: Backend) {
    let server = start(backend).await;
    let id = new_id();
    let message = feedback(&id, "Sent from two tabs and a retry at the same moment");
    let client = reqwest::Client::new();
    let sends = (0..16).map(|_| {
        let request = client
            .post(format!("{}/api/messages", server.url))
            .json(&message)
            .send();
        tokio::spawn(async move {
            let res = request.await.unwrap();
            (res.status(), res.json::<Value>().await.unwrap())
        })
    });
    let answers = futures_join(sends.collect()).await;
    let stored = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    let repeats = answers.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    assert_eq!((stored, repeats), (1, 15), "{answers:?}");
    assert_eq!(rows(&server).await.len(), 1);
    server.stop().await;
}

async fn futures_join<T>(handles: Vec<tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut results = Vec::new();
    for handle in handles {
        results.push(handle.await.unwrap());
    }
    results
}

/// Ids from the offer the server is serving.
async fn offer_ids(server: &TestServer) -> (String, String, String, String) {
    let offer: Value = reqwest::get(format!("{}/api/offer", server.url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let first = |key: &str| offer[key][0]["id"].as_str().unwrap().to_string();
    (
        first("entitlements"),
        first("hubs"),
        first("groups"),
        first("categories"),
    )
}

async fn each_kind_is_stored_with_the_fields_its_form_collected(backend: Backend) {
    let server = start(backend).await;
    let (entitlement, hub, group, category) = offer_ids(&server).await;
    let at = "2026-06-03T13:05:00Z";
    let messages = [
        json!({ "id": new_id(), "created_at": at, "kind": "feedback",
                "about": { "entitlement": entitlement }, "rating": 4, "text": "Easy to apply",
                "name": "Jo", "reply_to": "jo@example.com" }),
        json!({ "id": new_id(), "created_at": at, "kind": "feedback",
                "about": { "hub": hub }, "rating": 5, "text": "" }),
        json!({ "id": new_id(), "created_at": at, "kind": "contact-me", "name": "Sam",
                "phone": "07700 900123", "best_time": "After 3pm", "about": "Help with my tenancy" }),
        json!({ "id": new_id(), "created_at": at, "kind": "details-changed", "name": "Alex",
                "email": "alex@example.com", "address": "Flat 2, 10 Market Street, Crewe CW1 2JZ" }),
        json!({ "id": new_id(), "created_at": at, "kind": "join-group", "group": group,
                "name": "Kai", "phone": "01270 371006" }),
        json!({ "id": new_id(), "created_at": at, "kind": "group-review",
                "group_name": "Crewe participation group", "participants": 9,
                "ratings": [{ "category": category, "rating": 3, "comments": "Clear but long" }],
                "missing": "Help with driving lessons" }),
    ];
    for message in &messages {
        let (status, answer) = post(&server, message).await;
        assert_eq!(status, StatusCode::CREATED, "{message}: {answer}");
    }
    let rows = rows(&server).await;
    assert_eq!(rows.len(), messages.len());
    for message in &messages {
        let row = rows
            .iter()
            .find(|r| r.id == message["id"].as_str().unwrap())
            .expect("every message has its row");
        assert_eq!(row.kind, message["kind"].as_str().unwrap());
        assert_eq!(serde_json::from_str::<Value>(&row.body).unwrap(), *message);
    }
    server.stop().await;
}

async fn a_repeat_is_still_a_repeat_after_the_offer_changes(backend: Backend) {
    let server = start(backend).await;
    let (_, _, group, _) = offer_ids(&server).await;
    let join = |id: &str| {
        json!({ "id": id, "created_at": "2026-06-03T13:05:00Z", "kind": "join-group",
                "group": group, "name": "Kai", "email": "kai@example.com" })
    };
    let id = new_id();
    assert_eq!(post(&server, &join(&id)).await.0, StatusCode::CREATED);

    // Officers rename the group; the phone never heard the first answer and sends it again.
    let path = server.content_dir.join("groups.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let renamed = text.replacen(
        &format!("id = \"{group}\""),
        &format!("id = \"{group}-renamed\""),
        1,
    );
    assert_ne!(renamed, text);
    std::fs::write(&path, renamed).unwrap();
    server.publish_content().await.unwrap();
    let url = server.url.clone();
    let gone = group.clone();
    assert!(
        server
            .eventually(|| {
                let url = url.clone();
                let gone = gone.clone();
                async move {
                    let offer: Value = reqwest::get(format!("{url}/api/offer"))
                        .await
                        .unwrap()
                        .json()
                        .await
                        .unwrap();
                    offer["groups"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|g| g["id"] != gone.as_str())
                }
            })
            .await,
        "the renamed group is served"
    );

    let (status, answer) = post(&server, &join(&id)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["status"], "repeat");
    let (status, answer) = post(&server, &join(&new_id())).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer["errors"][0]["field"], "group");
    assert_eq!(rows(&server).await.len(), 1);
    server.stop().await;
}
