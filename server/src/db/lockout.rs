//! Wrong passwords: each one in a row waits a little longer, and ten in a row lock the email
//! for 15 minutes, whether or not an account has that email.

use chrono::{DateTime, Duration, Utc};

use super::sql::Tx;
use super::CouncilDb;
use crate::params;

/// Wrong passwords in a row that lock the email.
pub const LOCK_AFTER: i64 = 10;
/// How long a lock lasts, in minutes.
pub const LOCK_MINUTES: i64 = 15;

/// The state of one email's sign-in attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Attempts {
    /// Wrong passwords in a row.
    pub failures: i64,
    /// Locked until then, if locked.
    pub locked_until: Option<DateTime<Utc>>,
}

impl Attempts {
    /// True while locked at `now`.
    pub fn is_locked(&self, now: DateTime<Utc>) -> bool {
        self.locked_until.is_some_and(|until| now < until)
    }

    /// The attempts after one more wrong password at `now`. A lock that has run out starts
    /// the count again.
    pub fn after_failure(self, now: DateTime<Utc>) -> Attempts {
        let failures = if self.locked_until.is_some_and(|until| now >= until) {
            1
        } else {
            self.failures + 1
        };
        Attempts {
            failures,
            locked_until: if failures >= LOCK_AFTER {
                Some(now + Duration::minutes(LOCK_MINUTES))
            } else {
                None
            },
        }
    }
}

/// The attempts recorded for `email`.
pub async fn load(db: &CouncilDb, email: &str) -> anyhow::Result<Attempts> {
    match db
        .row(
            "SELECT failures, locked_until FROM staff_sign_in_failures WHERE council_id = ? AND email = ?",
            params![db.id(), email],
        )
        .await?
    {
        Some(r) => Ok(Attempts {
            failures: r.int("failures")?,
            locked_until: r.opt_time("locked_until")?,
        }),
        None => Ok(Attempts::default()),
    }
}

/// Records one more wrong password for `email` after `before`, and returns the new state.
pub async fn record_failure(
    tx: &mut Tx,
    email: &str,
    before: Attempts,
    now: DateTime<Utc>,
) -> anyhow::Result<Attempts> {
    let next = before.after_failure(now);
    let council = tx.council();
    tx.execute(
        "INSERT INTO staff_sign_in_failures (council_id, email, failures, last_failed_at, locked_until) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (council_id, email) DO UPDATE SET failures = excluded.failures, last_failed_at = excluded.last_failed_at, locked_until = excluded.locked_until",
        params![council, email, next.failures, now, next.locked_until],
    )
    .await?;
    Ok(next)
}

/// Forgets the failures of `email` after a right password.
pub async fn clear(tx: &mut Tx, email: &str) -> anyhow::Result<()> {
    let council = tx.council();
    tx.execute(
        "DELETE FROM staff_sign_in_failures WHERE council_id = ? AND email = ?",
        params![council, email],
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: i64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
            + Duration::minutes(minute)
    }

    #[test]
    fn the_tenth_wrong_password_in_a_row_locks_for_fifteen_minutes() {
        let mut attempts = Attempts::default();
        for _ in 0..9 {
            attempts = attempts.after_failure(at(0));
            assert!(!attempts.is_locked(at(0)));
        }
        attempts = attempts.after_failure(at(0));
        assert!(attempts.is_locked(at(0)));
        assert!(attempts.is_locked(at(14)));
        assert!(!attempts.is_locked(at(15)));
    }

    #[test]
    fn after_a_lock_runs_out_the_count_starts_again() {
        let mut attempts = Attempts::default();
        for _ in 0..10 {
            attempts = attempts.after_failure(at(0));
        }
        let next = attempts.after_failure(at(16));
        assert_eq!(next.failures, 1);
        assert!(!next.is_locked(at(16)));
    }
}
