//! Deleting done messages once the retention period has passed, once a day. Several server
//! copies may share a database: each day only the copy that claims the day runs the job, and
//! the deletion itself is safe to repeat. The audit log records how many, never what.

use std::sync::Arc;

use crate::db::audit::{self, Actor};
use crate::db::jobs;
use crate::state::AppState;
use crate::tenants::Council;

/// Runs the retention job if no copy has run it today; returns how many were deleted. The
/// claim, the deletions and the audit line are one transaction: if any part fails, the day
/// is not claimed and the job runs again at the next check.
pub async fn run_once(state: &AppState, council: &Council) -> anyhow::Result<Option<u64>> {
    let now = state.config.clock.now();
    let days = state.config.retention_days;
    let mut tx = council.db.begin().await?;
    if !jobs::claim_day(&mut tx, "retention", now).await? {
        return Ok(None);
    }
    let deleted = jobs::delete_done_before(&mut tx, now, days).await?;
    audit::write(
        &mut tx,
        now,
        &Actor::system(),
        "retention",
        "messages",
        &format!("deleted {deleted} messages done more than {days} days ago"),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(council = %council.settings.slug, deleted, "retention job ran");
    Ok(Some(deleted))
}

/// Checks every hour whether today's run is due, until the server stops (which aborts it).
pub async fn run_daily(state: Arc<AppState>) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        for council in state.councils.all() {
            if let Err(error) = run_once(&state, council).await {
                tracing::error!(council = %council.settings.slug, "retention job failed: {error:#}");
            }
        }
    }
}
