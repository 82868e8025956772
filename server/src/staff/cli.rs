//! `local-offer-server staff ...`: accounts from the command line, so a council can start
//! with nothing but the binary and a database.

use std::io::Read;

use chrono::{DateTime, Utc};

use offer_core::roles::Role;

use super::accounts::{self, Added};
use super::audit::{self, Actor};
use super::{lockout, passwords};
use crate::db::Database;

fn actor() -> Actor {
    Actor {
        id: None,
        email: "command line".into(),
        address: String::new(),
    }
}

/// Opens the database and brings its tables up to date.
pub async fn open(database_url: &str) -> anyhow::Result<Database> {
    let db = Database::connect(database_url).await?;
    db.migrate().await?;
    Ok(db)
}

/// Reads a password from standard input (one line; the newline is dropped).
pub fn password_from_stdin() -> anyhow::Result<String> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    Ok(text.lines().next().unwrap_or("").to_string())
}

/// `staff add`: makes an account and returns what to print: a one-time link, or that the
/// password is set.
pub async fn add(
    db: &Database,
    email: &str,
    name: &str,
    role: &str,
    password: Option<String>,
    public_url: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    let Some(role) = Role::from_slug(role) else {
        anyhow::bail!("the role must be manager, pa or participation (not \"{role}\")");
    };
    if let Some(problem) = accounts::email_problem(email) {
        anyhow::bail!("{problem}");
    }
    if let Some(problem) = accounts::name_problem(name) {
        anyhow::bail!("{problem}");
    }
    if let Some(password) = &password {
        if let Some(problem) = passwords::problem(password) {
            anyhow::bail!("{problem}");
        }
    }
    let id = match accounts::add(db, email, name, role, now).await? {
        Added::Made(id) => id,
        Added::EmailTaken => anyhow::bail!(
            "there is already an account for {}",
            accounts::normalise_email(email)
        ),
    };
    let email = accounts::normalise_email(email);
    audit::write(db, now, &actor(), "account added", &email, role.slug()).await?;
    match password {
        Some(password) => {
            let phc = tokio::task::spawn_blocking(move || passwords::hash(&password)).await??;
            accounts::set_password_hash(db, id, &phc).await?;
            audit::write(
                db,
                now,
                &actor(),
                "password set",
                &email,
                "from standard input",
            )
            .await?;
            Ok(format!(
                "Added {email} ({}). The password is set.",
                role.label()
            ))
        }
        None => {
            let token = accounts::new_link(db, id, now).await?;
            Ok(format!(
                "Added {email} ({}). Send them this link to choose a password (it works once, for 24 hours):\n{}",
                role.label(),
                accounts::link_url(public_url, &token)
            ))
        }
    }
}

/// `staff list`: one line per account.
pub async fn list(db: &Database) -> anyhow::Result<String> {
    let accounts = accounts::list(db).await?;
    if accounts.is_empty() {
        return Ok("No staff accounts yet. Add a manager with: local-offer-server staff add EMAIL --name NAME --role manager".into());
    }
    Ok(accounts
        .iter()
        .map(|a| {
            format!(
                "{}\t{}\t{}\t{}",
                a.email,
                a.name,
                a.role.slug(),
                if a.password_hash.is_some() {
                    "password set"
                } else {
                    "waiting for a password"
                }
            )
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

/// `staff remove`: the account can no longer sign in and its sessions end.
pub async fn remove(db: &Database, email: &str, now: DateTime<Utc>) -> anyhow::Result<String> {
    let Some(account) = accounts::by_email(db, email).await? else {
        anyhow::bail!(
            "there is no account for {}",
            accounts::normalise_email(email)
        );
    };
    accounts::remove(db, account.id, now).await?;
    audit::write(
        db,
        now,
        &actor(),
        "account removed",
        &account.email,
        account.role.slug(),
    )
    .await?;
    Ok(format!(
        "Removed {}. Their sessions have ended.",
        account.email
    ))
}

/// `staff reset`: a new one-time link; every session of the account ends.
pub async fn reset(
    db: &Database,
    email: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    let Some(account) = accounts::by_email(db, email).await? else {
        anyhow::bail!(
            "there is no account for {}",
            accounts::normalise_email(email)
        );
    };
    let token = accounts::new_link(db, account.id, now).await?;
    lockout::clear(db, &account.email).await?;
    audit::write(
        db,
        now,
        &actor(),
        "password link made",
        &account.email,
        "sessions ended",
    )
    .await?;
    Ok(format!(
        "Every session of {} has ended. Send them this link to choose a new password (it works once, for 24 hours):\n{}",
        account.email,
        accounts::link_url(public_url, &token)
    ))
}
