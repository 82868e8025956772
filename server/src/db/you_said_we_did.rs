//! "You said, we did" entries: listed for staff, published to phones with the offer,
//! written, changed and withdrawn.

use chrono::{DateTime, NaiveDate, Utc};
use offer_core::answers::{ItemRef, YouSaidWeDid};

use super::sql::{Row, Tx};
use super::CouncilDb;
use crate::params;

/// An entry as staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry as the app gets it.
    pub entry: YouSaidWeDid,
    /// True once withdrawn (no longer sent to phones).
    pub withdrawn: bool,
}

const COLUMNS: &str = "id, said, did, done_on, about, withdrawn_at";

fn entry(row: &Row) -> anyhow::Result<Entry> {
    let id = row.text("id")?;
    let done_on = row.text("done_on")?;
    let about = row.opt_text("about")?;
    Ok(Entry {
        entry: YouSaidWeDid {
            date: NaiveDate::parse_from_str(&done_on, "%Y-%m-%d")
                .map_err(|_| anyhow::anyhow!("entry {id} has the date {done_on:?}"))?,
            about: match about {
                None => None,
                Some(key) => Some(
                    ItemRef::from_key(&key)
                        .ok_or_else(|| anyhow::anyhow!("entry {id} is about {key:?}"))?,
                ),
            },
            said: row.text("said")?,
            did: row.text("did")?,
            id,
        },
        withdrawn: row.opt_text("withdrawn_at")?.is_some(),
    })
}

/// Every entry, newest first; withdrawn ones too when `all`.
pub async fn list(db: &CouncilDb, all: bool) -> anyhow::Result<Vec<Entry>> {
    let filter = if all { "" } else { "AND withdrawn_at IS NULL" };
    let sql = format!(
        "SELECT {COLUMNS} FROM you_said_we_did WHERE council_id = ? {filter} ORDER BY done_on DESC, created_at DESC"
    );
    db.rows(&sql, params![db.id()])
        .await?
        .iter()
        .map(entry)
        .collect()
}

/// The published entries, as they go to phones.
pub async fn published(db: &CouncilDb) -> anyhow::Result<Vec<YouSaidWeDid>> {
    Ok(list(db, false)
        .await?
        .into_iter()
        .map(|e| e.entry)
        .collect())
}

/// One entry by its id.
pub async fn by_id(db: &CouncilDb, id: &str) -> anyhow::Result<Option<Entry>> {
    let sql = format!("SELECT {COLUMNS} FROM you_said_we_did WHERE council_id = ? AND id = ?");
    db.row(&sql, params![db.id(), id])
        .await?
        .as_ref()
        .map(entry)
        .transpose()
}

/// What an entry says, as written in the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words<'a> {
    /// What young people said.
    pub said: &'a str,
    /// What the service did.
    pub did: &'a str,
    /// When.
    pub date: NaiveDate,
    /// What it is about, if anything.
    pub about: Option<ItemRef>,
}

/// Publishes a new entry.
pub async fn insert(
    tx: &mut Tx,
    id: &str,
    words: &Words<'_>,
    author: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let council = tx.council();
    tx.execute(
        "INSERT INTO you_said_we_did (council_id, id, said, did, done_on, about, created_at, updated_at, author_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params![
            council,
            id,
            words.said,
            words.did,
            words.date.to_string(),
            words.about.as_ref().map(ItemRef::key),
            now,
            now,
            author
        ],
    )
    .await?;
    Ok(())
}

/// Changes an entry's words; false when there is no such entry.
pub async fn update(
    tx: &mut Tx,
    id: &str,
    words: &Words<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let council = tx.council();
    Ok(tx
        .execute(
            "UPDATE you_said_we_did SET said = ?, did = ?, done_on = ?, about = ?, updated_at = ? WHERE council_id = ? AND id = ?",
            params![
                words.said,
                words.did,
                words.date.to_string(),
                words.about.as_ref().map(ItemRef::key),
                now,
                council,
                id
            ],
        )
        .await?
        == 1)
}

/// Withdraws an entry; false when there is no such entry or it is already withdrawn.
pub async fn withdraw(tx: &mut Tx, id: &str, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let council = tx.council();
    Ok(tx
        .execute(
            "UPDATE you_said_we_did SET withdrawn_at = ? WHERE council_id = ? AND id = ? AND withdrawn_at IS NULL",
            params![now, council, id],
        )
        .await?
        == 1)
}
