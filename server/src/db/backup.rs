//! `local-offer-server backup FILE`: a consistent copy of an SQLite database, safe to take
//! while the server runs (SQLite's `VACUUM INTO` reads one snapshot). PostgreSQL has its own
//! tool for this, `pg_dump`; the README says how to use both and how to restore.

use std::path::Path;

use anyhow::{bail, Context};

use crate::db::Database;

/// Writes a copy of `db` to `file`, which must not exist yet.
pub async fn backup(db: &Database, file: &Path) -> anyhow::Result<u64> {
    if file.exists() {
        bail!(
            "{} already exists: choose a new file name, so an older backup is never overwritten",
            file.display()
        );
    }
    match db {
        Database::Sqlite(pool) => {
            let target = file.to_string_lossy().to_string();
            sqlx::query("VACUUM INTO ?1")
                .bind(&target)
                .execute(pool)
                .await
                .with_context(|| format!("writing the backup to {target}"))?;
            Ok(std::fs::metadata(file)?.len())
        }
        Database::Postgres(_) => bail!(
            "for PostgreSQL use its own tool: pg_dump --format=custom --file={} \"$DATABASE_URL\"",
            file.display()
        ),
    }
}
