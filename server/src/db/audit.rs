//! The audit log: who signed in (or failed to), opened, changed or exported what, and every
//! account change. Only written here and read by managers; no page can change a row.
//! Entries name messages by their staff number and never hold what a young person wrote.

use chrono::{DateTime, Utc};

use super::sql::Tx;
use super::CouncilDb;
use crate::params;

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// When.
    pub at: DateTime<Utc>,
    /// The staff email that did it (or tried to), or "system".
    pub actor: String,
    /// What kind of thing happened, e.g. "sign-in failed".
    pub action: String,
    /// What it was done to, e.g. "message 12" or an account's email.
    pub target: String,
    /// More about it, never a young person's words.
    pub detail: String,
    /// The address the request came from.
    pub address: String,
}

/// Who did something, for the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Their account, if they have one.
    pub id: Option<i64>,
    /// Their email (what was typed, for a failed sign-in), or "system".
    pub email: String,
    /// The request's address.
    pub address: String,
}

impl Actor {
    /// The server itself (the retention job).
    pub fn system() -> Actor {
        Actor {
            id: None,
            email: "system".into(),
            address: String::new(),
        }
    }

    /// Someone at the server's command line (`staff ...`, `content import`).
    pub fn command_line() -> Actor {
        Actor {
            id: None,
            email: "command line".into(),
            address: String::new(),
        }
    }
}

/// Writes one entry, as part of the change it records: if the change is undone, so is
/// its entry, and the other way round.
pub async fn write(
    tx: &mut Tx,
    at: DateTime<Utc>,
    actor: &Actor,
    action: &str,
    target: &str,
    detail: &str,
) -> anyhow::Result<()> {
    let council = tx.council();
    tx.execute(
        "INSERT INTO audit_log (council_id, at, actor_id, actor_email, action, target, detail, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        params![council, at, actor.id, &actor.email, action, target, detail, &actor.address],
    )
    .await?;
    Ok(())
}

/// A page of entries, newest first, and whether there are more.
pub async fn page(db: &CouncilDb, page: i64, per_page: i64) -> anyhow::Result<(Vec<Entry>, i64)> {
    let total = match db
        .row(
            "SELECT COUNT(*) AS n FROM audit_log WHERE council_id = ?",
            params![db.id()],
        )
        .await?
    {
        Some(row) => row.int("n")?,
        None => 0,
    };
    let rows = db
        .rows(
            "SELECT at, actor_email, action, target, detail, address FROM audit_log WHERE council_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
            params![db.id(), per_page, (page.max(1) - 1) * per_page],
        )
        .await?;
    let entries = rows
        .iter()
        .map(|r| {
            Ok(Entry {
                at: r.time("at")?,
                actor: r.text("actor_email")?,
                action: r.text("action")?,
                target: r.text("target")?,
                detail: r.text("detail")?,
                address: r.text("address")?,
            })
        })
        .collect::<anyhow::Result<_>>()?;
    Ok((entries, total))
}
