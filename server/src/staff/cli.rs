//! `local-offer-server staff ...`: accounts from the command line, so a council can start
//! with nothing but the binary and a database. Each change and its audit line are one
//! transaction.

use std::io::Read;

use chrono::{DateTime, Utc};
use offer_core::roles::Role;

use super::account_rules::{email_problem, link_url, name_problem};
use super::passwords;
use crate::db::accounts::{self, normalise_email, Added};
use crate::db::audit::{self, Actor};
use crate::db::{lockout, CouncilDb, Database};

/// What `staff` can do.
#[derive(Debug, clap::Subcommand)]
pub enum StaffCommand {
    /// Add an account and print a one-time link to set its password (valid 24 hours).
    Add {
        /// Their work email address.
        email: String,
        /// Their name.
        #[arg(long)]
        name: String,
        /// manager, pa, participation or editor.
        #[arg(long)]
        role: String,
        /// Read the password from standard input instead of printing a link (for scripts).
        #[arg(long)]
        password_stdin: bool,
    },
    /// List every account.
    List,
    /// Remove an account: it cannot sign in again and its sessions end.
    Remove {
        /// The account's email.
        email: String,
    },
    /// End every session of an account and print a new one-time password link.
    Reset {
        /// The account's email.
        email: String,
    },
}

/// Opens the database and brings its tables up to date.
pub async fn open(database_url: &str) -> anyhow::Result<Database> {
    let db = Database::connect(database_url).await?;
    db.migrate().await?;
    Ok(db)
}

/// Runs one `staff` command and returns what to print.
pub async fn run(
    db: &CouncilDb,
    command: StaffCommand,
    base_url: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    match command {
        StaffCommand::Add {
            email,
            name,
            role,
            password_stdin,
        } => {
            let password = if password_stdin {
                Some(password_from_stdin()?)
            } else {
                None
            };
            add(db, &email, &name, &role, password, base_url, now).await
        }
        StaffCommand::List => list(db).await,
        StaffCommand::Remove { email } => remove(db, &email, now).await,
        StaffCommand::Reset { email } => reset(db, &email, base_url, now).await,
    }
}

/// Reads a password from standard input (one line; the newline is dropped).
pub fn password_from_stdin() -> anyhow::Result<String> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    Ok(text.lines().next().unwrap_or("").to_string())
}

/// Words anyone could guess for the council `db` is for: its names from `council add` and
/// from its published offer.
async fn guessable_words(db: &CouncilDb) -> anyhow::Result<Vec<String>> {
    let mut words = Vec::new();
    if let Some(council) = crate::db::councils::this_one(db).await? {
        words.extend([council.settings.slug, council.settings.name]);
        words.extend(council.settings.short_name);
    }
    if let Some(version) = crate::db::offer::latest(db).await? {
        words.extend([version.offer.council.name, version.offer.council.area]);
    }
    Ok(words)
}

/// `staff add`: makes an account and returns what to print: a one-time link, or that the
/// password is set.
pub async fn add(
    db: &CouncilDb,
    email: &str,
    name: &str,
    role: &str,
    password: Option<String>,
    base_url: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    let Some(role) = Role::from_slug(role) else {
        let roles: Vec<&str> = Role::ALL.iter().map(|r| r.slug()).collect();
        anyhow::bail!(
            "the role must be one of {} (not \"{role}\")",
            roles.join(", ")
        );
    };
    if let Some(problem) = email_problem(email) {
        anyhow::bail!("{problem}");
    }
    if let Some(problem) = name_problem(name) {
        anyhow::bail!("{problem}");
    }
    if let Some(password) = &password {
        if let Some(problem) = passwords::problem(password, &guessable_words(db).await?) {
            anyhow::bail!("{problem}");
        }
    }
    // Hashing takes a moment: do it before the transaction holds the database.
    let phc = match password {
        Some(password) => {
            Some(tokio::task::spawn_blocking(move || passwords::hash(&password)).await??)
        }
        None => None,
    };
    let email = normalise_email(email);
    let mut tx = db.begin().await?;
    let id = match accounts::add(&mut tx, &email, name, role, now).await? {
        Added::Made(id) => id,
        Added::EmailTaken => anyhow::bail!("there is already an account for {email}"),
    };
    audit::write(
        &mut tx,
        now,
        &Actor::command_line(),
        "account added",
        &email,
        role.slug(),
    )
    .await?;
    let said = match phc {
        Some(phc) => {
            accounts::set_password_hash(&mut tx, id, &phc).await?;
            audit::write(
                &mut tx,
                now,
                &Actor::command_line(),
                "password set",
                &email,
                "from standard input",
            )
            .await?;
            format!("Added {email} ({}). The password is set.", role.label())
        }
        None => {
            let token = accounts::new_link(&mut tx, id, now).await?;
            format!(
                "Added {email} ({}). Send them this link to choose a password (it works once, for 24 hours):\n{}",
                role.label(),
                link_url(base_url, &token)
            )
        }
    };
    tx.commit().await?;
    Ok(said)
}

/// `staff list`: one line per account.
pub async fn list(db: &CouncilDb) -> anyhow::Result<String> {
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
pub async fn remove(db: &CouncilDb, email: &str, now: DateTime<Utc>) -> anyhow::Result<String> {
    let Some(account) = accounts::by_email(db, email).await? else {
        anyhow::bail!("there is no account for {}", normalise_email(email));
    };
    let mut tx = db.begin().await?;
    accounts::remove(&mut tx, account.id, now).await?;
    audit::write(
        &mut tx,
        now,
        &Actor::command_line(),
        "account removed",
        &account.email,
        account.role.slug(),
    )
    .await?;
    tx.commit().await?;
    Ok(format!(
        "Removed {}. Their sessions have ended.",
        account.email
    ))
}

/// `staff reset`: a new one-time link; every session of the account ends.
pub async fn reset(
    db: &CouncilDb,
    email: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    let Some(account) = accounts::by_email(db, email).await? else {
        anyhow::bail!("there is no account for {}", normalise_email(email));
    };
    let mut tx = db.begin().await?;
    let token = accounts::new_link(&mut tx, account.id, now).await?;
    lockout::clear(&mut tx, &account.email).await?;
    audit::write(
        &mut tx,
        now,
        &Actor::command_line(),
        "password link made",
        &account.email,
        "sessions ended",
    )
    .await?;
    tx.commit().await?;
    Ok(format!(
        "Every session of {} has ended. Send them this link to choose a new password (it works once, for 24 hours):\n{}",
        account.email,
        link_url(base_url, &token)
    ))
}
