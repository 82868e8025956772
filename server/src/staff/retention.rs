//! Deleting done messages once the retention period has passed, once a day. Several server
//! copies may share a database: each day only the copy that claims the day runs the job, and
//! the deletion itself is safe to repeat. The audit log records how many, never what.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use offer_core::working_days::uk_local;

use super::audit::{self, Actor};
use crate::db::Database;
use crate::params;
use crate::startup::AppState;

/// Deletes every message marked done more than `days` days before `now`, with its triage
/// and history; returns how many.
pub async fn delete_due(db: &Database, now: DateTime<Utc>, days: u32) -> anyhow::Result<u64> {
    let cutoff = now - Duration::days(i64::from(days));
    let due = "SELECT message_id FROM message_triage WHERE status = 'done' AND done_at IS NOT NULL AND done_at < ?";
    db.execute(
        &format!("DELETE FROM message_events WHERE message_id IN ({due})"),
        params![cutoff],
    )
    .await?;
    db.execute(
        &format!("DELETE FROM message_replies WHERE message_id IN ({due})"),
        params![cutoff],
    )
    .await?;
    let deleted = db
        .execute(
            &format!("DELETE FROM messages WHERE id IN ({due})"),
            params![cutoff],
        )
        .await?;
    // Foreign keys cascade on both databases; this also clears any triage row left over.
    db.execute(
        "DELETE FROM message_triage WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = message_triage.message_id)",
        vec![],
    )
    .await?;
    Ok(deleted)
}

/// Claims today (UK) for the job named `name`: true for exactly one caller per day.
pub async fn claim_day(db: &Database, name: &str, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let today = uk_local(now).date().to_string();
    db.execute(
        "INSERT INTO job_runs (name, last_day) VALUES (?, '') ON CONFLICT (name) DO NOTHING",
        params![name],
    )
    .await?;
    Ok(db
        .execute(
            "UPDATE job_runs SET last_day = ? WHERE name = ? AND last_day < ?",
            params![&today, name, &today],
        )
        .await?
        == 1)
}

/// Runs the retention job if no copy has run it today; returns how many were deleted.
pub async fn run_once(state: &AppState) -> anyhow::Result<Option<u64>> {
    let now = state.config.clock.now();
    if !claim_day(&state.db, "retention", now).await? {
        return Ok(None);
    }
    let deleted = delete_due(&state.db, now, state.config.retention_days).await?;
    audit::write(
        &state.db,
        now,
        &Actor::system(),
        "retention",
        "messages",
        &format!(
            "deleted {deleted} messages done more than {} days ago",
            state.config.retention_days
        ),
    )
    .await?;
    tracing::info!(deleted, "retention job ran");
    Ok(Some(deleted))
}

/// Checks every hour whether today's run is due.
pub async fn run_daily(state: Arc<AppState>) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        if let Err(error) = run_once(&state).await {
            tracing::error!("retention job failed: {error:#}");
        }
    }
}
