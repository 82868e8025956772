//! Who checked which translation of the app, and when.

use chrono::{DateTime, Utc};

use super::audit::{self, Actor};
use super::CouncilDb;
use crate::params;

/// A check of one language file, by someone who speaks the language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub code: String,
    /// The SHA-256 of the file checked.
    pub file_hash: String,
    /// Their staff email.
    pub reviewed_by: String,
    pub reviewed_at: DateTime<Utc>,
}

/// Every check recorded.
pub async fn reviews(db: &CouncilDb) -> anyhow::Result<Vec<Review>> {
    db.rows(
        "SELECT code, file_hash, reviewed_by, reviewed_at FROM language_reviews WHERE council_id = ? ORDER BY reviewed_at",
        params![db.id()],
    )
    .await?
    .iter()
    .map(|row| {
        Ok(Review {
            code: row.text("code")?,
            file_hash: row.text("file_hash")?,
            reviewed_by: row.text("reviewed_by")?,
            reviewed_at: row.time("reviewed_at")?,
        })
    })
    .collect()
}

/// Records a check with its audit entry, in one transaction. Checking the same file twice
/// keeps the first check.
pub async fn record(
    db: &CouncilDb,
    code: &str,
    file_hash: &str,
    actor: &Actor,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO language_reviews (council_id, code, file_hash, reviewed_by, reviewed_at) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (council_id, code, file_hash) DO NOTHING",
        params![db.id(), code, file_hash, &actor.email, at],
    )
    .await?;
    audit::write(
        &mut tx,
        at,
        actor,
        "translation checked",
        &format!("language {code}"),
        &format!("file {}", &file_hash[..file_hash.len().min(12)]),
    )
    .await?;
    tx.commit().await
}
