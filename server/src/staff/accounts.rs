//! Staff accounts in the database: made from the command line or by a manager, each with a
//! role, a password set through a one-time link, and a session epoch that ends every session
//! of the account when raised.

use chrono::{DateTime, Duration, Utc};
use offer_core::roles::Role;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::db::Database;
use crate::params;
use crate::sql::Row;

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

fn account(row: &Row) -> Option<Account> {
    Some(Account {
        id: row.int(0),
        email: row.text(1),
        name: row.text(2),
        role: Role::from_slug(&row.text(3))?,
        password_hash: row.opt_text(4),
        session_epoch: row.int(5),
    })
}

/// An email as accounts keep it: trimmed, lower case.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Why an email cannot be an account's, or `None`.
pub fn email_problem(email: &str) -> Option<&'static str> {
    if offer_core::contact_details::is_valid_email(email.trim()) {
        None
    } else {
        Some("Enter an email address in the right format, like name@cheshireeast.gov.uk")
    }
}

/// Why a name cannot be used, or `None`.
pub fn name_problem(name: &str) -> Option<&'static str> {
    let name = name.trim();
    if name.is_empty() {
        Some("Enter the person's name")
    } else if name.chars().count() > 100 {
        Some("The name must be 100 characters or fewer")
    } else {
        None
    }
}

/// The account with this id, unless removed.
pub async fn by_id(db: &Database, id: i64) -> anyhow::Result<Option<Account>> {
    let sql = format!("SELECT {COLUMNS} FROM staff_accounts WHERE id = ? AND removed_at IS NULL");
    Ok(db.row(&sql, params![id]).await?.as_ref().and_then(account))
}

/// The account with this email, unless removed.
pub async fn by_email(db: &Database, email: &str) -> anyhow::Result<Option<Account>> {
    let sql =
        format!("SELECT {COLUMNS} FROM staff_accounts WHERE email = ? AND removed_at IS NULL");
    Ok(db
        .row(&sql, params![normalise_email(email)])
        .await?
        .as_ref()
        .and_then(account))
}

/// Every account that is not removed, by name.
pub async fn list(db: &Database) -> anyhow::Result<Vec<Account>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM staff_accounts WHERE removed_at IS NULL ORDER BY lower(name), id"
    );
    Ok(db
        .rows(&sql, vec![])
        .await?
        .iter()
        .filter_map(account)
        .collect())
}

/// Every account ever made, removed ones too, to name who did what in history.
pub async fn names(db: &Database) -> anyhow::Result<std::collections::HashMap<i64, String>> {
    Ok(db
        .rows("SELECT id, name, removed_at FROM staff_accounts", vec![])
        .await?
        .iter()
        .map(|r| {
            let name = if r.opt_text(2).is_some() {
                format!("{} (account removed)", r.text(1))
            } else {
                r.text(1)
            };
            (r.int(0), name)
        })
        .collect())
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
    db: &Database,
    email: &str,
    name: &str,
    role: Role,
    now: DateTime<Utc>,
) -> anyhow::Result<Added> {
    let email = normalise_email(email);
    if by_email(db, &email).await?.is_some() {
        return Ok(Added::EmailTaken);
    }
    db.execute(
        "UPDATE staff_accounts SET email = email || '#removed-' || id WHERE email = ? AND removed_at IS NOT NULL",
        params![&email],
    )
    .await?;
    let inserted = db
        .execute(
            "INSERT INTO staff_accounts (email, name, role, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (email) DO NOTHING",
            params![&email, name.trim(), role.slug(), now],
        )
        .await?;
    if inserted == 0 {
        return Ok(Added::EmailTaken);
    }
    let id = db
        .row(
            "SELECT id FROM staff_accounts WHERE email = ?",
            params![&email],
        )
        .await?
        .map(|r| r.int(0))
        .ok_or_else(|| anyhow::anyhow!("the new account was not found"))?;
    Ok(Added::Made(id))
}

/// Changes an account's role and ends its sessions (what it may see has changed).
pub async fn set_role(db: &Database, id: i64, role: Role) -> anyhow::Result<bool> {
    Ok(db
        .execute(
            "UPDATE staff_accounts SET role = ?, session_epoch = session_epoch + 1 WHERE id = ? AND removed_at IS NULL",
            params![role.slug(), id],
        )
        .await?
        == 1)
}

/// Removes an account: it can no longer sign in, its sessions end, and its messages go back
/// to the unassigned queue. The row stays so history still names who did what.
pub async fn remove(db: &Database, id: i64, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let changed = db
        .execute(
            "UPDATE staff_accounts SET removed_at = ?, password_hash = NULL, session_epoch = session_epoch + 1 WHERE id = ? AND removed_at IS NULL",
            params![now, id],
        )
        .await?;
    db.execute(
        "UPDATE message_triage SET assigned_to = NULL WHERE assigned_to = ? AND status <> 'done'",
        params![id],
    )
    .await?;
    db.execute(
        "UPDATE staff_password_links SET used_at = ? WHERE account_id = ? AND used_at IS NULL",
        params![now, id],
    )
    .await?;
    Ok(changed == 1)
}

/// Ends every session of an account.
pub async fn end_sessions(db: &Database, id: i64) -> anyhow::Result<()> {
    db.execute(
        "UPDATE staff_accounts SET session_epoch = session_epoch + 1 WHERE id = ?",
        params![id],
    )
    .await?;
    Ok(())
}

/// Sets an account's password hash and ends its other sessions.
pub async fn set_password_hash(db: &Database, id: i64, phc: &str) -> anyhow::Result<()> {
    db.execute(
        "UPDATE staff_accounts SET password_hash = ?, session_epoch = session_epoch + 1 WHERE id = ? AND removed_at IS NULL",
        params![phc, id],
    )
    .await?;
    Ok(())
}

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A random token of 32 bytes in hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new one-time link token for an account, valid 24 hours. Earlier unused links of the
/// account stop working, and so do its sessions (a reset means "someone else may know it").
pub async fn new_link(db: &Database, id: i64, now: DateTime<Utc>) -> anyhow::Result<String> {
    db.execute(
        "UPDATE staff_password_links SET used_at = ? WHERE account_id = ? AND used_at IS NULL",
        params![now, id],
    )
    .await?;
    let token = random_token();
    db.execute(
        "INSERT INTO staff_password_links (token_hash, account_id, expires_at) VALUES (?, ?, ?)",
        params![
            token_hash(&token),
            id,
            now + Duration::hours(LINK_VALID_HOURS)
        ],
    )
    .await?;
    end_sessions(db, id).await?;
    Ok(token)
}

/// The account a one-time link token is for, if it is unused, unexpired and the account
/// still exists.
pub async fn link_account(
    db: &Database,
    token: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Account>> {
    let row = db
        .row(
            "SELECT account_id FROM staff_password_links WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
            params![token_hash(token), now],
        )
        .await?;
    match row {
        Some(row) => by_id(db, row.int(0)).await,
        None => Ok(None),
    }
}

/// Uses up a one-time link; false when someone used it first.
pub async fn use_link(db: &Database, token: &str, now: DateTime<Utc>) -> anyhow::Result<bool> {
    Ok(db
        .execute(
            "UPDATE staff_password_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
            params![now, token_hash(token), now],
        )
        .await?
        == 1)
}

/// The link staff open to set a password.
pub fn link_url(public_url: &str, token: &str) -> String {
    // The token goes in the query, which the request log leaves out (it logs paths only).
    format!("{public_url}/staff/set-password?token={token}")
}
