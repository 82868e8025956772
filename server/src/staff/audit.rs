//! The audit log: who signed in (or failed to), opened, changed or exported what, and every
//! account change. Only written here and read by managers; no page can change a row.
//! Entries name messages by their staff number and never hold what a young person wrote.

use chrono::{DateTime, Utc};

use crate::db::Database;
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
}

/// Writes one entry.
pub async fn write(
    db: &Database,
    at: DateTime<Utc>,
    actor: &Actor,
    action: &str,
    target: &str,
    detail: &str,
) -> anyhow::Result<()> {
    db.execute(
        "INSERT INTO audit_log (at, actor_id, actor_email, action, target, detail, address) VALUES (?, ?, ?, ?, ?, ?, ?)",
        params![at, actor.id, &actor.email, action, target, detail, &actor.address],
    )
    .await?;
    Ok(())
}

/// A page of entries, newest first, and whether there are more.
pub async fn page(db: &Database, page: i64, per_page: i64) -> anyhow::Result<(Vec<Entry>, i64)> {
    let total = db
        .row("SELECT COUNT(*) FROM audit_log", vec![])
        .await?
        .map(|r| r.int(0))
        .unwrap_or(0);
    let rows = db
        .rows(
            "SELECT at, actor_email, action, target, detail, address FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?",
            params![per_page, (page.max(1) - 1) * per_page],
        )
        .await?;
    let entries = rows
        .iter()
        .map(|r| Entry {
            at: r.opt_time(0).unwrap_or_default(),
            actor: r.text(1),
            action: r.text(2),
            target: r.text(3),
            detail: r.text(4),
            address: r.text(5),
        })
        .collect();
    Ok((entries, total))
}
