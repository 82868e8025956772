//! The team's short reply to a message, and what the phone that sent it may learn: its
//! status, the status's date and the reply. Nothing else from the staff side.

use chrono::{DateTime, Utc};
use offer_core::answers::{MessageStatus, PhoneStatus};

use super::store::{self, Status};
use crate::db::Database;
use crate::params;

/// A message's reply, if the team wrote one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// What the phone shows.
    pub text: String,
    /// When it was written or last corrected.
    pub written_at: DateTime<Utc>,
}

/// The reply to the message with this id.
pub async fn get(db: &Database, message_id: &str) -> anyhow::Result<Option<Reply>> {
    Ok(db
        .row(
            "SELECT text, written_at FROM message_replies WHERE message_id = ?",
            params![message_id],
        )
        .await?
        .and_then(|r| {
            Some(Reply {
                text: r.text(0),
                written_at: r.opt_time(1)?,
            })
        }))
}

/// Writes the reply, replacing any earlier one; true when it corrected an earlier reply.
pub async fn set(
    db: &Database,
    message_id: &str,
    text: &str,
    by: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let corrected = get(db, message_id).await?.is_some();
    db.execute(
        "INSERT INTO message_replies (message_id, text, written_at, written_by) VALUES (?, ?, ?, ?) \
         ON CONFLICT (message_id) DO UPDATE SET text = excluded.text, written_at = excluded.written_at, written_by = excluded.written_by",
        params![message_id, text, now, by],
    )
    .await?;
    Ok(corrected)
}

/// Where a message is as its phone sees it: done when the team marked it done, read once
/// someone opened it or started on it, received before that.
pub fn phone_status(item: &store::StaffMessage) -> (PhoneStatus, DateTime<Utc>) {
    match (item.status, item.done_at, item.first_read_at) {
        (Status::Done, Some(done), _) => (PhoneStatus::Done, done),
        (_, _, Some(read)) => (PhoneStatus::Read, read),
        (Status::InProgress, _, None) => (PhoneStatus::Read, item.received_at),
        _ => (PhoneStatus::Received, item.received_at),
    }
}

/// The answer to `GET /api/messages/{id}`, or `None` for an id that is unknown or deleted.
pub async fn status_of(db: &Database, message_id: &str) -> anyhow::Result<Option<MessageStatus>> {
    let Some(item) = store::by_message_id(db, message_id).await? else {
        return Ok(None);
    };
    let (status, status_at) = phone_status(&item);
    let reply = get(db, message_id).await?;
    Ok(Some(MessageStatus {
        id: item.message.id.clone(),
        status,
        status_at,
        reply_at: reply.as_ref().map(|r| r.written_at),
        reply: reply.map(|r| r.text),
    }))
}
