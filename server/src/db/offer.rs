//! The offer as the database keeps it: every published version, for history and restore,
//! and the one draft officers edit. Each holds the whole offer as JSON.

use chrono::{DateTime, Utc};
use offer_core::content::changes::ItemChange;
use offer_core::Offer;

use super::sql::{Row, Tx};
use super::CouncilDb;
use crate::params;

/// A published version.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    /// 1 for the first, then one more each time.
    pub number: i64,
    /// The offer as it was published.
    pub offer: Offer,
    /// When.
    pub published_at: DateTime<Utc>,
    /// Who: a staff email, or how it came ("content/ files", "command line").
    pub published_by: String,
    /// What changed against the version before.
    pub changes: Vec<ItemChange>,
}

/// A version as the history lists it, without its offer.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionLine {
    /// Its number.
    pub number: i64,
    /// When it was published.
    pub published_at: DateTime<Utc>,
    /// Who published it.
    pub published_by: String,
    /// What changed against the version before.
    pub changes: Vec<ItemChange>,
}

/// The draft waiting to be published.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The whole offer with the changes made.
    pub offer: Offer,
    /// Rises with each save.
    pub revision: i64,
    /// Who made the last change (email, or "command line").
    pub changed_by: String,
    /// Their account, when they have one (the two-person rule compares it).
    pub changed_by_id: Option<i64>,
    /// When.
    pub changed_at: DateTime<Utc>,
}

fn offer_of(row: &Row) -> anyhow::Result<Offer> {
    let json = row.text("offer")?;
    serde_json::from_str(&json).map_err(|e| anyhow::anyhow!("a stored offer does not read: {e}"))
}

fn changes_of(row: &Row) -> anyhow::Result<Vec<ItemChange>> {
    let json = row.text("changes")?;
    serde_json::from_str(&json).map_err(|e| anyhow::anyhow!("stored changes do not read: {e}"))
}

fn json_of(offer: &Offer) -> String {
    let mut offer = offer.clone();
    // The version is the served JSON's hash and the entries come from their own table.
    offer.version = String::new();
    offer.you_said_we_did = Vec::new();
    serde_json::to_string(&offer).expect("an offer always serialises")
}

/// The newest version's number, or `None` before the first.
pub async fn latest_number(db: &CouncilDb) -> anyhow::Result<Option<i64>> {
    let row = db
        .row(
            "SELECT MAX(number) AS number FROM offer_versions WHERE council_id = ?",
            params![db.id()],
        )
        .await?;
    row.map(|r| r.opt_int("number"))
        .transpose()
        .map(Option::flatten)
}

const VERSION_COLUMNS: &str = "number, offer, published_at, published_by, changes";

fn version(row: &Row) -> anyhow::Result<Version> {
    Ok(Version {
        number: row.int("number")?,
        offer: offer_of(row)?,
        published_at: row.time("published_at")?,
        published_by: row.text("published_by")?,
        changes: changes_of(row)?,
    })
}

/// The version with `number`.
pub async fn version_numbered(db: &CouncilDb, number: i64) -> anyhow::Result<Option<Version>> {
    let sql =
        format!("SELECT {VERSION_COLUMNS} FROM offer_versions WHERE council_id = ? AND number = ?");
    db.row(&sql, params![db.id(), number])
        .await?
        .as_ref()
        .map(version)
        .transpose()
}

fn latest_sql() -> String {
    format!(
        "SELECT {VERSION_COLUMNS} FROM offer_versions WHERE council_id = ? ORDER BY number DESC LIMIT 1"
    )
}

/// The newest version.
pub async fn latest(db: &CouncilDb) -> anyhow::Result<Option<Version>> {
    db.row(&latest_sql(), params![db.id()])
        .await?
        .as_ref()
        .map(version)
        .transpose()
}

/// The newest version, read inside a change.
pub async fn latest_in(tx: &mut Tx) -> anyhow::Result<Option<Version>> {
    let council = tx.council();
    tx.row(&latest_sql(), params![council])
        .await?
        .as_ref()
        .map(version)
        .transpose()
}

/// Every version, newest first, without their offers.
pub async fn history(db: &CouncilDb) -> anyhow::Result<Vec<VersionLine>> {
    db.rows(
        "SELECT number, published_at, published_by, changes FROM offer_versions WHERE council_id = ? ORDER BY number DESC",
        params![db.id()],
    )
    .await?
    .iter()
    .map(|row| {
        Ok(VersionLine {
            number: row.int("number")?,
            published_at: row.time("published_at")?,
            published_by: row.text("published_by")?,
            changes: changes_of(row)?,
        })
    })
    .collect()
}

/// Adds version `number`; fails if another server copy added that number first.
pub async fn insert_version(
    tx: &mut Tx,
    number: i64,
    offer: &Offer,
    by: &str,
    changes: &[ItemChange],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let changes = serde_json::to_string(changes).expect("changes always serialise");
    let council = tx.council();
    tx.execute(
        "INSERT INTO offer_versions (council_id, number, offer, published_at, published_by, changes) VALUES (?, ?, ?, ?, ?, ?)",
        params![council, number, json_of(offer), now, by, changes],
    )
    .await?;
    Ok(())
}

const DRAFT_COLUMNS: &str = "offer, revision, changed_by, changed_by_id, changed_at";

fn draft(row: &Row) -> anyhow::Result<Draft> {
    Ok(Draft {
        offer: offer_of(row)?,
        revision: row.int("revision")?,
        changed_by: row.text("changed_by")?,
        changed_by_id: row.opt_int("changed_by_id")?,
        changed_at: row.time("changed_at")?,
    })
}

/// The draft, if anything waits to be published.
pub async fn draft_now(db: &CouncilDb) -> anyhow::Result<Option<Draft>> {
    let sql = format!("SELECT {DRAFT_COLUMNS} FROM offer_draft WHERE council_id = ?");
    db.row(&sql, params![db.id()])
        .await?
        .as_ref()
        .map(draft)
        .transpose()
}

/// The draft, read inside a change.
pub async fn draft_in(tx: &mut Tx) -> anyhow::Result<Option<Draft>> {
    let sql = format!("SELECT {DRAFT_COLUMNS} FROM offer_draft WHERE council_id = ?");
    let council = tx.council();
    tx.row(&sql, params![council])
        .await?
        .as_ref()
        .map(draft)
        .transpose()
}

/// Who changed the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedBy<'a> {
    /// Their email, or "command line".
    pub name: &'a str,
    /// Their account.
    pub id: Option<i64>,
}

/// Saves `offer` as the draft, if the draft is still at `revision` (`None`: there was no
/// draft). False when another save came first: nothing is written.
pub async fn save_draft(
    tx: &mut Tx,
    revision: Option<i64>,
    offer: &Offer,
    by: &ChangedBy<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let json = json_of(offer);
    let council = tx.council();
    let written = match revision {
        Some(revision) => {
            tx.execute(
                "UPDATE offer_draft SET offer = ?, revision = revision + 1, changed_by = ?, changed_by_id = ?, changed_at = ? WHERE council_id = ? AND revision = ?",
                params![json, by.name, by.id, now, council, revision],
            )
            .await?
        }
        None => {
            // The draft's row is new; if another save made it first, this one writes nothing
            // and starts again on that draft (both databases know ON CONFLICT DO NOTHING).
            tx.execute(
                "INSERT INTO offer_draft (council_id, offer, revision, changed_by, changed_by_id, changed_at) VALUES (?, ?, 1, ?, ?, ?) ON CONFLICT (council_id) DO NOTHING",
                params![council, json, by.name, by.id, now],
            )
            .await?
        }
    };
    Ok(written == 1)
}

/// Removes the draft at `revision` (after publishing it, or when it matches the published
/// offer again); false when it changed meanwhile.
pub async fn drop_draft(tx: &mut Tx, revision: i64) -> anyhow::Result<bool> {
    let council = tx.council();
    Ok(tx
        .execute(
            "DELETE FROM offer_draft WHERE council_id = ? AND revision = ?",
            params![council, revision],
        )
        .await?
        == 1)
}
