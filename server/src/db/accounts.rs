//! Staff accounts in the database: made from the command line or by a manager, each with a
//! role, a password set through a one-time link, and a session epoch that ends every session
//! of the account when raised.

use chrono::{DateTime, Duration, Utc};
use offer_core::roles::Role;

use super::sql::{Row, Tx};
use super::CouncilDb;
use crate::hex::{random_token, sha256_hex};
use crate::params;

/// How long a one-time link to set a password works.
pub const LINK_VALID_HOURS: i64 = 24;

/// A staff account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Its number.
    pub id: i64,
    /// Its email, in lower case.
    pub email: String,
    /// The person's name.
    pub name: String,
    /// What they may see and do.
    pub role: Role,
    /// Their password's argon2id hash, once set.
    pub password_hash: Option<String>,
    /// Sessions made with an older epoch are ended.
    pub session_epoch: i64,
}

const COLUMNS: &str = "id, email, name, role, password_hash, session_epoch";

fn account(row: &Row) -> anyhow::Result<Account> {
    let role = row.text("role")?;
    Ok(Account {
        id: row.int("id")?,
        email: row.text("email")?,
        name: row.text("name")?,
        role: Role::from_slug(&role)
            .ok_or_else(|| anyhow::anyhow!("an account has the role {role:?}"))?,
        password_hash: row.opt_text("password_hash")?,
        session_epoch: row.int("session_epoch")?,
    })
}

/// An email as accounts keep it: trimmed, lower case.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The account with this id, unless removed.
pub async fn by_id(db: &CouncilDb, id: i64) -> anyhow::Result<Option<Account>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM staff_accounts WHERE id = ? AND council_id = ? AND removed_at IS NULL"
    );
    db.row(&sql, params![id, db.id()])
        .await?
        .as_ref()
        .map(account)
        .transpose()
}

/// The account with this email, unless removed.
pub async fn by_email(db: &CouncilDb, email: &str) -> anyhow::Result<Option<Account>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM staff_accounts WHERE email = ? AND council_id = ? AND removed_at IS NULL"
    );
    db.row(&sql, params![normalise_email(email), db.id()])
        .await?
        .as_ref()
        .map(account)
        .transpose()
}

/// Every account that is not removed, by name.
pub async fn list(db: &CouncilDb) -> anyhow::Result<Vec<Account>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM staff_accounts WHERE council_id = ? AND removed_at IS NULL ORDER BY lower(name), id"
    );
    db.rows(&sql, params![db.id()])
        .await?
        .iter()
        .map(account)
        .collect()
}

/// Every account ever made, removed ones too, to name who did what in history.
pub async fn names(db: &CouncilDb) -> anyhow::Result<std::collections::HashMap<i64, String>> {
    db.rows(
        "SELECT id, name, removed_at FROM staff_accounts WHERE council_id = ?",
        params![db.id()],
    )
    .await?
    .iter()
    .map(|r| {
        let name = if r.opt_text("removed_at")?.is_some() {
            format!("{} (account removed)", r.text("name")?)
        } else {
            r.text("name")?
        };
        Ok((r.int("id")?, name))
    })
    .collect()
}

/// What adding an account came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Made, with this id.
    Made(i64),
    /// An account with this email already exists.
    EmailTaken,
}

/// Makes an account with no password yet. A removed account's email can be used again: the
/// old row is renamed so history still names it.
pub async fn add(
    tx: &mut Tx,
    email: &str,
    name: &str,
    role: Role,
    now: DateTime<Utc>,
) -> anyhow::Result<Added> {
    let email = normalise_email(email);
    let council = tx.council();
    let taken = tx
        .row(
            "SELECT id FROM staff_accounts WHERE email = ? AND council_id = ? AND removed_at IS NULL",
            params![&email, council],
        )
        .await?;
    if taken.is_some() {
        return Ok(Added::EmailTaken);
    }
    tx.execute(
        "UPDATE staff_accounts SET email = email || '#removed-' || id WHERE email = ? AND council_id = ? AND removed_at IS NOT NULL",
        params![&email, council],
    )
    .await?;
    let inserted = tx
        .execute(
            "INSERT INTO staff_accounts (council_id, email, name, role, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (council_id, email) DO NOTHING",
            params![council, &email, name.trim(), role.slug(), now],
        )
        .await?;
    if inserted == 0 {
        return Ok(Added::EmailTaken);
    }
    let id = tx
        .row(
            "SELECT id FROM staff_accounts WHERE email = ? AND council_id = ?",
            params![&email, council],
        )
        .await?
        .ok_or_else(|| anyhow::anyhow!("the new account was not found"))?
        .int("id")?;
    Ok(Added::Made(id))
}

/// Changes an account's role and ends its sessions (what it may see has changed).
pub async fn set_role(tx: &mut Tx, id: i64, role: Role) -> anyhow::Result<bool> {
    let council = tx.council();
    Ok(tx
        .execute(
            "UPDATE staff_accounts SET role = ?, session_epoch = session_epoch + 1 WHERE id = ? AND council_id = ? AND removed_at IS NULL",
            params![role.slug(), id, council],
        )
        .await?
        == 1)
}

/// Removes an account: it can no longer sign in, its sessions end, and its messages go back
/// to the unassigned queue. The row stays so history still names who did what.
pub async fn remove(tx: &mut Tx, id: i64, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let council = tx.council();
    let changed = tx
        .execute(
            "UPDATE staff_accounts SET removed_at = ?, password_hash = NULL, session_epoch = session_epoch + 1 WHERE id = ? AND council_id = ? AND removed_at IS NULL",
            params![now, id, council],
        )
        .await?;
    if changed == 0 {
        return Ok(false);
    }
    tx.execute(
        "UPDATE message_triage SET assigned_to = NULL WHERE assigned_to = ? AND council_id = ? AND status <> 'done'",
        params![id, council],
    )
    .await?;
    tx.execute(
        "UPDATE staff_password_links SET used_at = ? WHERE account_id = ? AND council_id = ? AND used_at IS NULL",
        params![now, id, council],
    )
    .await?;
    Ok(changed == 1)
}

/// Ends every session of an account.
pub async fn end_sessions(tx: &mut Tx, id: i64) -> anyhow::Result<()> {
    let council = tx.council();
    tx.execute(
        "UPDATE staff_accounts SET session_epoch = session_epoch + 1 WHERE id = ? AND council_id = ?",
        params![id, council],
    )
    .await?;
    Ok(())
}

/// Sets an account's password hash and ends its other sessions.
pub async fn set_password_hash(tx: &mut Tx, id: i64, phc: &str) -> anyhow::Result<()> {
    let council = tx.council();
    tx.execute(
        "UPDATE staff_accounts SET password_hash = ?, session_epoch = session_epoch + 1 WHERE id = ? AND council_id = ? AND removed_at IS NULL",
        params![phc, id, council],
    )
    .await?;
    Ok(())
}

fn token_hash(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

/// A new one-time link token for an account, valid 24 hours. Earlier unused links of the
/// account stop working, and so do its sessions (a reset means "someone else may know it").
pub async fn new_link(tx: &mut Tx, id: i64, now: DateTime<Utc>) -> anyhow::Result<String> {
    let council = tx.council();
    tx.execute(
        "UPDATE staff_password_links SET used_at = ? WHERE account_id = ? AND council_id = ? AND used_at IS NULL",
        params![now, id, council],
    )
    .await?;
    let token = random_token();
    tx.execute(
        "INSERT INTO staff_password_links (council_id, token_hash, account_id, expires_at) VALUES (?, ?, ?, ?)",
        params![
            council,
            token_hash(&token),
            id,
            now + Duration::hours(LINK_VALID_HOURS)
        ],
    )
    .await?;
    end_sessions(tx, id).await?;
    Ok(token)
}

/// The account a one-time link token is for, if it is unused, unexpired and the account
/// still exists.
pub async fn link_account(
    db: &CouncilDb,
    token: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Account>> {
    let row = db
        .row(
            "SELECT account_id FROM staff_password_links WHERE token_hash = ? AND council_id = ? AND used_at IS NULL AND expires_at > ?",
            params![token_hash(token), db.id(), now],
        )
        .await?;
    match row {
        Some(row) => by_id(db, row.int("account_id")?).await,
        None => Ok(None),
    }
}

/// Uses up a one-time link; false when someone used it first.
pub async fn use_link(tx: &mut Tx, token: &str, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let council = tx.council();
    Ok(tx
        .execute(
            "UPDATE staff_password_links SET used_at = ? WHERE token_hash = ? AND council_id = ? AND used_at IS NULL AND expires_at > ?",
            params![now, token_hash(token), council, now],
        )
        .await?
        == 1)
}
