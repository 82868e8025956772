//! Jobs that run once a day however many server copies share the database: claiming the
//! day, and the retention job's deletions.

use chrono::{DateTime, Duration, Utc};
use offer_core::working_days::uk_local;

use super::sql::Tx;
use crate::params;

/// Deletes every message marked done more than `days` days before `now`, with its triage,
/// history and reply; returns how many. Part of the caller's transaction, so the deletions
/// and the audit line that counts them are kept together or not at all.
pub async fn delete_done_before(tx: &mut Tx, now: DateTime<Utc>, days: u32) -> anyhow::Result<u64> {
    let cutoff = now - Duration::days(i64::from(days));
    let due = "SELECT message_id FROM message_triage WHERE status = 'done' AND done_at IS NOT NULL AND done_at < ?";
    tx.execute(
        &format!("DELETE FROM message_events WHERE message_id IN ({due})"),
        params![cutoff],
    )
    .await?;
    tx.execute(
        &format!("DELETE FROM message_replies WHERE message_id IN ({due})"),
        params![cutoff],
    )
    .await?;
    let deleted = tx
        .execute(
            &format!("DELETE FROM messages WHERE id IN ({due})"),
            params![cutoff],
        )
        .await?;
    // Foreign keys cascade on both databases; this also clears any triage row left over.
    tx.execute(
        "DELETE FROM message_triage WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = message_triage.message_id)",
        vec![],
    )
    .await?;
    Ok(deleted)
}

/// Claims today (UK) for the job named `name`: true for exactly one caller per day.
pub async fn claim_day(tx: &mut Tx, name: &str, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let today = uk_local(now).date().to_string();
    tx.execute(
        "INSERT INTO job_runs (name, last_day) VALUES (?, '') ON CONFLICT (name) DO NOTHING",
        params![name],
    )
    .await?;
    Ok(tx
        .execute(
            "UPDATE job_runs SET last_day = ? WHERE name = ? AND last_day < ?",
            params![&today, name, &today],
        )
        .await?
        == 1)
}
