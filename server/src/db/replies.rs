//! The team's short reply to a message, and what the phone that sent it may learn: its
//! status, the status's date and the reply. Nothing else from the staff side.

use chrono::{DateTime, Utc};
use offer_core::answers::MessageStatus;

use super::sql::Tx;
use super::CouncilDb;
use crate::params;
use crate::triage::staff_message::phone_status;

/// A message's reply, if the team wrote one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// What the phone shows.
    pub text: String,
    /// When it was written or last corrected.
    pub written_at: DateTime<Utc>,
}

/// The reply to the message with this id.
pub async fn get(db: &CouncilDb, message_id: &str) -> anyhow::Result<Option<Reply>> {
    match db
        .row(
            "SELECT text, written_at FROM message_replies WHERE council_id = ? AND message_id = ?",
            params![db.id(), message_id],
        )
        .await?
    {
        Some(r) => Ok(Some(Reply {
            text: r.text("text")?,
            written_at: r.time("written_at")?,
        })),
        None => Ok(None),
    }
}

/// Writes the reply, replacing any earlier one; true when it corrected an earlier reply.
pub async fn set(
    tx: &mut Tx,
    message_id: &str,
    text: &str,
    by: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let council = tx.council();
    let corrected = tx
        .row(
            "SELECT message_id FROM message_replies WHERE council_id = ? AND message_id = ?",
            params![council, message_id],
        )
        .await?
        .is_some();
    // The conflict can only be with this council's own reply: the message id is this
    // council's (the caller found it by the council's reference number).
    tx.execute(
        "INSERT INTO message_replies (council_id, message_id, text, written_at, written_by) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (message_id) DO UPDATE SET text = excluded.text, written_at = excluded.written_at, written_by = excluded.written_by",
        params![council, message_id, text, now, by],
    )
    .await?;
    Ok(corrected)
}

/// The answer to `GET /api/messages/{id}`, or `None` for an id that is unknown or deleted.
pub async fn status_of(db: &CouncilDb, message_id: &str) -> anyhow::Result<Option<MessageStatus>> {
    let Some(item) = super::messages::by_message_id(db, message_id).await? else {
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
