//! The database: SQLite by default, PostgreSQL when `DATABASE_URL` names one. Every SQL
//! string in the server lives in this module and its children, one file per set of tables;
//! they read the pure rules below them (`triage`, `accounts` rules) and nothing above.

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod jobs;
pub mod languages;
pub mod lockout;
pub mod messages;
pub mod offer;
pub mod replies;
pub mod selection;
pub mod sql;
pub mod you_said_we_did;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::{bail, Context};
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// How many connections to SQLite the server keeps open.
pub const SQLITE_CONNECTIONS: u32 = 8;

/// The page cache of each SQLite connection, in KiB.
pub const SQLITE_CACHE_KIB: u32 = 128;

/// A pool on one of the two databases we support.
#[derive(Debug, Clone)]
pub enum Database {
    /// A local SQLite file (the default: nothing to set up).
    Sqlite(SqlitePool),
    /// A PostgreSQL server (several server copies can share it).
    Postgres(PgPool),
}

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
            Database::Sqlite(pool) => sqlx::migrate!("migrations/sqlite").run(pool).await,
            Database::Postgres(pool) => sqlx::migrate!("migrations/postgres").run(pool).await,
        }
        .context("updating the database tables")
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
