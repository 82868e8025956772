//! A database made by an older server, holding messages, is brought up to date when a new
//! server starts, and every message is still there with its times: on PostgreSQL this is
//! migration 0006, which turns the messages table's times into text like every other
//! table's; on SQLite the same story shows nothing changes.

use chrono::{DateTime, Utc};
use local_offer_server::db::{messages, Database};
use offer_core::message::Message;
use reqwest::StatusCode;

use crate::common::{drop_database, empty_database, Backend, TestServer};

on_both_databases!(messages_stored_before_times_were_text_are_all_found_after_the_upgrade);

/// The migrations an older server had run: everything up to `version`.
async fn migrate_up_to(db: &Database, version: i64) {
    macro_rules! run_old {
        ($dir:literal, $pool:expr) => {{
            let mut old = sqlx::migrate!($dir);
            old.migrations = old
                .migrations
                .iter()
                .filter(|m| m.version <= version)
                .cloned()
                .collect::<Vec<_>>()
                .into();
            old.run($pool).await.unwrap();
        }};
    }
    match db {
        Database::Sqlite(pool) => run_old!("migrations/sqlite", pool),
        Database::Postgres(pool) => run_old!("migrations/postgres", pool),
    }
}

const MESSAGES: [(&str, &str, &str); 3] = [
    (
        r#"{"id":"ID","created_at":"2026-11-20T10:00:00Z","kind":"contact-me","name":"Sam","phone":"07700 900123","about":"My rent"}"#,
        "2026-11-20T10:00:00Z",
        "2026-11-20T10:00:01.5Z",
    ),
    (
        r#"{"id":"ID","created_at":"2026-07-01T08:30:00Z","kind":"feedback","about":"app","rating":5,"text":"Summer time"}"#,
        "2026-07-01T08:30:00Z",
        "2026-07-01T08:30:02.123456Z",
    ),
    (
        r#"{"id":"ID","created_at":"2025-12-31T23:59:59Z","kind":"feedback","about":"offer","text":"Last of the year"}"#,
        "2025-12-31T23:59:59Z",
        "2026-01-01T00:00:00Z",
    ),
];

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

async fn messages_stored_before_times_were_text_are_all_found_after_the_upgrade(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let (url, made) = empty_database(&backend, dir.path()).await;
    let db = Database::connect(&url).await.unwrap();
    migrate_up_to(&db, 5).await;
    let mut ids = Vec::new();
    for (json, created, received) in MESSAGES {
        let id = uuid::Uuid::new_v4().to_string();
        let message = Message::from_json(&json.replace("ID", &id)).unwrap();
        let kind = message.body.kind().slug();
        let body = message.canonical_json();
        // As the older server wrote them: its own time type on each database.
        match &db {
            Database::Sqlite(pool) => {
                sqlx::query("INSERT INTO messages (id, kind, body, body_hash, created_at, received_at) VALUES (?1, ?2, ?3, 'old', ?4, ?5)")
                    .bind(&id).bind(kind).bind(&body)
                    .bind(at(created).format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string())
                    .bind(at(received).format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string())
                    .execute(pool).await.unwrap();
            }
            Database::Postgres(pool) => {
                sqlx::query("INSERT INTO messages (id, kind, body, body_hash, created_at, received_at) VALUES ($1, $2, $3, 'old', $4, $5)")
                    .bind(&id).bind(kind).bind(&body)
                    .bind(at(created)).bind(at(received))
                    .execute(pool).await.unwrap();
            }
        }
        ids.push((id, received));
    }
    db.close().await;

    let server = TestServer::start_with(backend, |config| {
        config.database.url = url.clone();
    })
    .await;
    for (id, received) in &ids {
        let item = messages::by_message_id(&server.council().db, id)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("message {id} is still there"));
        assert_eq!(item.received_at, at(received), "its arrival time, exactly");
        // And the phone asking about it finds it too.
        let res = reqwest::get(format!("{}/api/messages/{id}", server.url))
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let answer: serde_json::Value = res.json().await.unwrap();
        assert_eq!(answer["status"], "received");
        assert_eq!(
            answer["status_at"].as_str().map(at),
            Some(at(received)),
            "{answer}"
        );
    }
    // Times are text now, and sort as time does: the inbox's newest first.
    let rows = server
        .state
        .db
        .rows("SELECT id FROM messages ORDER BY received_at DESC", vec![])
        .await
        .unwrap();
    let newest_first: Vec<String> = rows.iter().map(|r| r.text("id").unwrap()).collect();
    assert_eq!(
        newest_first,
        vec![ids[0].0.clone(), ids[1].0.clone(), ids[2].0.clone()]
    );
    server.stop().await;
    drop_database(made).await;
}
