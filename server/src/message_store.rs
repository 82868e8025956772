//! Messages in the database: each id stored once, however many times it arrives.

use chrono::{DateTime, Utc};
use offer_core::message::Message;
use sha2::{Digest, Sha256};

use crate::db::Database;
use crate::staff::inbox::Facets;

/// What the database made of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Stored now: the first time this id arrived.
    Stored,
    /// Already stored with the same words (the phone never heard the first answer).
    Repeat,
    /// The id is already stored with different words.
    Conflict,
}

/// A message as a row: its canonical JSON and that text's SHA-256 in hex.
struct Row {
    body: String,
    body_hash: String,
}

impl Row {
    fn of(message: &Message) -> Row {
        let body = message.canonical_json();
        let body_hash = Sha256::digest(body.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Row { body, body_hash }
    }

    fn compare(&self, stored_hash: &str) -> Saved {
        if stored_hash == self.body_hash {
            Saved::Repeat
        } else {
            Saved::Conflict
        }
    }
}

/// Whether `message`'s id is already stored, and if so with the same words; `None` when it
/// is new. Answers a repeat without checking it again against today's offer.
pub async fn find(db: &Database, message: &Message) -> anyhow::Result<Option<Saved>> {
    let row = Row::of(message);
    Ok(stored_hash(db, &message.id)
        .await?
        .map(|hash| row.compare(&hash)))
}

/// Stores `message` unless its id is taken, and says which happened. Committed before it
/// returns, with its triage row (the staff number and what the inbox filters by), so staff
/// see it at once. Two requests with one id at once are safe: the database lets one insert
/// win and the other then reads the winner's row.
pub async fn save(
    db: &Database,
    message: &Message,
    received_at: DateTime<Utc>,
) -> anyhow::Result<Saved> {
    let row = Row::of(message);
    let facets = Facets::of(&message.body);
    let support_back = i64::from(facets.support_back);
    let inserted = match db {
        Database::Sqlite(pool) => {
            let mut tx = pool.begin().await?;
            let inserted = sqlx::query(
                "INSERT INTO messages (id, kind, body, body_hash, created_at, received_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO NOTHING",
            )
            .bind(&message.id)
            .bind(message.body.kind())
            .bind(&row.body)
            .bind(&row.body_hash)
            .bind(sortable_time(message.created_at))
            .bind(sortable_time(received_at))
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 1 {
                sqlx::query(
                    "INSERT INTO message_triage (message_id, kind, received_at, about, reason, support_back, search_text) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .bind(&message.id)
                .bind(message.body.kind())
                .bind(sortable_time(received_at))
                .bind(&facets.about)
                .bind(facets.reason)
                .bind(support_back)
                .bind(&facets.search_text)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            inserted
        }
        Database::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            let inserted = sqlx::query(
                "INSERT INTO messages (id, kind, body, body_hash, created_at, received_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
            )
            .bind(&message.id)
            .bind(message.body.kind())
            .bind(&row.body)
            .bind(&row.body_hash)
            .bind(message.created_at)
            .bind(received_at)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 1 {
                sqlx::query(
                    "INSERT INTO message_triage (message_id, kind, received_at, about, reason, support_back, search_text) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&message.id)
                .bind(message.body.kind())
                .bind(sortable_time(received_at))
                .bind(&facets.about)
                .bind(facets.reason)
                .bind(support_back)
                .bind(&facets.search_text)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            inserted
        }
    };
    if inserted == 1 {
        return Ok(Saved::Stored);
    }
    match stored_hash(db, &message.id).await? {
        Some(hash) => Ok(row.compare(&hash)),
        None => anyhow::bail!("message {} was neither inserted nor found", message.id),
    }
}

async fn stored_hash(db: &Database, id: &str) -> anyhow::Result<Option<String>> {
    Ok(match db {
        Database::Sqlite(pool) => {
            sqlx::query_scalar("SELECT body_hash FROM messages WHERE id = ?1")
                .bind(id)
                .fetch_optional(pool)
                .await?
        }
        Database::Postgres(pool) => {
            sqlx::query_scalar("SELECT body_hash FROM messages WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?
        }
    })
}

/// RFC 3339 in UTC with a fixed number of digits, so SQLite sorts it as text in time order.
fn sortable_time(time: DateTime<Utc>) -> String {
    time.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}
