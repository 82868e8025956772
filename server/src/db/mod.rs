//! The database: SQLite by default, PostgreSQL when `DATABASE_URL` names one. Every SQL
//! string in the server lives in this module and its children, one file per set of tables;
//! they read the pure rules below them (`triage`, `accounts` rules) and nothing above.

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod councils;
pub mod jobs;
pub mod languages;
pub mod lockout;
pub mod messages;
pub mod offer;
pub mod replies;
pub mod selection;
pub mod sql;
pub mod you_said_we_did;

pub use sql::{CouncilDb, CouncilId, Database, Tx};

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::{bail, Context};
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// How many connections to SQLite the server keeps open.
pub const SQLITE_CONNECTIONS: u32 = 8;

/// The page cache of each SQLite connection, in KiB.
pub const SQLITE_CACHE_KIB: u32 = 128;

impl Database {
    /// Connects to `url`, creating an SQLite file and its folder when missing.
    pub async fn connect(url: &str) -> anyhow::Result<Database> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .with_context(|| format!("reading the SQLite address {url}"))?
                .create_if_missing(true)
                // WAL lets the inbox read while messages are written. FULL syncs each commit
                // to disk: once a phone is told "stored" it never sends that message again,
                // so a power cut must not be able to take back a commit (NORMAL could).
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
                // Each connection keeps its own page cache, 2 MiB by default, which fills
                // as the database grows: eight connections read as the server's memory
                // growing by up to 16 MiB with the number of messages. A small cache fills in
                // the first seconds and stays that size; other pages come from the operating
                // system's file cache, a system call away (a few milliseconds for a whole
                // inbox of thousands of messages).
                .pragma("cache_size", format!("-{SQLITE_CACHE_KIB}"));
            if let Some(parent) = Path::new(options.get_filename()).parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent)
                        .with_context(|| format!("creating the folder {}", parent.display()))?;
                }
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(SQLITE_CONNECTIONS)
                // All of them from the start, so the server's open files (two for each
                // connection: the database and its write-ahead log) and memory settle at
                // once, rather than growing when load first needs more connections.
                .min_connections(SQLITE_CONNECTIONS)
                .connect_with(options)
                .await
                .with_context(|| format!("opening the SQLite database {url}"))?;
            Ok(Database::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await
                .context("connecting to PostgreSQL")?;
            Ok(Database::Postgres(pool))
        } else {
            bail!("DATABASE_URL must start with sqlite:// or postgres://");
        }
    }

    /// Brings the tables up to date; safe to run on every start, and by several servers
    /// at once on PostgreSQL (sqlx takes a lock).
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Database::Sqlite(pool) => {
                sqlx::migrate!("migrations/sqlite")
                    .run(pool)
                    .await
                    .context("updating the database tables")?;
                staff_email_per_council(pool).await
            }
            Database::Postgres(pool) => sqlx::migrate!("migrations/postgres")
                .run(pool)
                .await
                .context("updating the database tables"),
        }
    }

    /// This database as council `id` sees it.
    pub fn council(&self, id: CouncilId) -> CouncilDb {
        CouncilDb::new(self.clone(), id)
    }

    /// Which kind of database this is, for logs.
    pub fn kind(&self) -> &'static str {
        match self {
            Database::Sqlite(_) => "sqlite",
            Database::Postgres(_) => "postgres",
        }
    }

    /// Checks the database answers.
    pub async fn ping(&self) -> anyhow::Result<()> {
        match self {
            Database::Sqlite(pool) => {
                sqlx::query("SELECT 1").execute(pool).await?;
            }
            Database::Postgres(pool) => {
                sqlx::query("SELECT 1").execute(pool).await?;
            }
        }
        Ok(())
    }

    /// Closes every connection (on shutdown).
    pub async fn close(&self) {
        match self {
            Database::Sqlite(pool) => pool.close().await,
            Database::Postgres(pool) => pool.close().await,
        }
    }
}

/// Staff accounts as SQLite first made them have an email unique across the database; one
/// person may have an account at two councils, so it becomes unique per council. SQLite
/// cannot drop a constraint, and sqlx runs each SQLite migration in a transaction, where
/// foreign keys cannot be turned off; so this is SQLite's documented table rebuild, run
/// once after the migrations on a connection of its own, with foreign keys off and
/// checked before the commit.
async fn staff_email_per_council(pool: &SqlitePool) -> anyhow::Result<()> {
    let schema: Option<String> = sqlx::query_scalar(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'staff_accounts'",
    )
    .fetch_optional(pool)
    .await?;
    if schema.is_none_or(|sql| sql.contains("UNIQUE (council_id, email)")) {
        return Ok(());
    }
    let mut conn = pool.acquire().await?;
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&mut *conn)
        .await?;
    let rebuilt = async {
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        for sql in [
            "CREATE TABLE staff_accounts_new (
                id            INTEGER PRIMARY KEY AUTOINCREMENT,
                council_id    INTEGER NOT NULL REFERENCES councils (id),
                email         TEXT NOT NULL,
                name          TEXT NOT NULL,
                role          TEXT NOT NULL,
                password_hash TEXT,
                session_epoch INTEGER NOT NULL DEFAULT 0,
                created_at    TEXT NOT NULL,
                removed_at    TEXT,
                UNIQUE (council_id, email)
            )",
            "INSERT INTO staff_accounts_new (id, council_id, email, name, role, password_hash, session_epoch, created_at, removed_at) \
             SELECT id, council_id, email, name, role, password_hash, session_epoch, created_at, removed_at FROM staff_accounts",
            "DROP TABLE staff_accounts",
            "ALTER TABLE staff_accounts_new RENAME TO staff_accounts",
        ] {
            sqlx::query(sql).execute(&mut *tx).await?;
        }
        let broken = sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(&mut *tx)
            .await?;
        anyhow::ensure!(
            broken.is_empty(),
            "rebuilding staff_accounts would break {} references: nothing was changed",
            broken.len()
        );
        tx.commit().await?;
        anyhow::Ok(())
    }
    .await;
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut *conn)
        .await?;
    rebuilt.context("making staff emails unique per council")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_sqlite_connection_keeps_a_small_page_cache() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let db = Database::connect(&url).await.unwrap();
        let cache = db.row("PRAGMA cache_size", vec![]).await.unwrap().unwrap();
        assert_eq!(
            cache.int("cache_size").unwrap(),
            -i64::from(SQLITE_CACHE_KIB)
        );
        db.close().await;
    }
}
