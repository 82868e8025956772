//! Once a week (Monday from 8am, UK time), the team mailbox hears how many items of the offer are
//! due for a check, with a link to the list: only a count, never what. Several server copies
//! may share a database: only the copy that claims the day sends it. Nothing is sent when
//! nothing is due, or without `SMTP_URL` and `TEAM_EMAIL`.

use std::sync::Arc;

use chrono::{Datelike, Timelike, Weekday};
use offer_core::content::lint::WarningKind;
use offer_core::working_days::uk_local;

use crate::db::jobs;
use crate::mail::{self, Notice};
use crate::state::AppState;
use crate::tenants::Council;

/// The day of the week the reminder goes.
pub const DAY: Weekday = Weekday::Mon;
/// The hour (UK time) from which it goes that day: in working hours, not at midnight.
pub const FROM_HOUR: u32 = 8;

/// Sends this week's reminder if today is the day and no copy has sent it; returns how many
/// items were due when it ran (`None` when it did not run).
pub async fn run_once(state: &AppState, council: &Council) -> anyhow::Result<Option<usize>> {
    let now = state.config.clock.now();
    let local = uk_local(now);
    let today = local.date();
    if today.weekday() != DAY || local.hour() < FROM_HOUR {
        return Ok(None);
    }
    let mut tx = council.db.begin().await?;
    let claimed = jobs::claim_day(&mut tx, "offer-check-reminder", now).await?;
    tx.commit().await?;
    if !claimed {
        return Ok(None);
    }
    let warnings = crate::content::warnings_off_thread(
        council.content_dir.clone(),
        council.content.current().offer.clone(),
        today,
    )
    .await;
    let due = warnings
        .iter()
        .filter(|w| w.kind == WarningKind::NotChecked)
        .count();
    if due > 0 {
        if let Some(team) = council.team_email.as_deref() {
            mail::send(
                &state.config,
                &council.mail_from(&state.config),
                Notice::DueForCheck(due),
                team,
            );
        }
    }
    tracing::info!(due, "weekly offer check reminder ran");
    Ok(Some(due))
}

/// Checks every hour whether this week's reminder is due, until the server stops.
pub async fn run_weekly(state: Arc<AppState>) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        for council in state.councils.all() {
            if let Err(error) = run_once(&state, council).await {
                tracing::error!(council = %council.settings.slug, "the offer check reminder failed: {error:#}");
            }
        }
    }
}
