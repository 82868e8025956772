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
    let council = tx.council();
    let due = "SELECT message_id FROM message_triage WHERE council_id = ? AND status = 'done' AND done_at IS NOT NULL AND done_at < ?";
    tx.execute(
        &format!("DELETE FROM message_events WHERE council_id = ? AND message_id IN ({due})"),
        params![council, council, cutoff],
    )
    .await?;
    tx.execute(
        &format!("DELETE FROM message_replies WHERE council_id = ? AND message_id IN ({due})"),
        params![council, council, cutoff],
    )
    .await?;
    let deleted = tx
        .execute(
            &format!("DELETE FROM messages WHERE council_id = ? AND id IN ({due})"),
            params![council, council, cutoff],
        )
        .await?;
    // Foreign keys cascade on both databases; this also clears any triage row left over.
    tx.execute(
        "DELETE FROM message_triage WHERE council_id = ? AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = message_triage.message_id)",
        params![council],
    )
    .await?;
    Ok(deleted)
}

/// Claims today (UK) for the job named `name`: true for exactly one caller per day.
pub async fn claim_day(tx: &mut Tx, name: &str, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let today = uk_local(now).date().to_string();
    let council = tx.council();
    tx.execute(
        "INSERT INTO job_runs (council_id, name, last_day) VALUES (?, ?, '') ON CONFLICT (council_id, name) DO NOTHING",
        params![council, name],
    )
    .await?;
    Ok(tx
        .execute(
            "UPDATE job_runs SET last_day = ? WHERE council_id = ? AND name = ? AND last_day < ?",
            params![&today, council, name, &today],
        )
        .await?
        == 1)
}
