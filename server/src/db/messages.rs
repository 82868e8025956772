//! Messages in the database: the intake (each id stored once, however many times it
//! arrives), the staff side's reads (a selection's page, counts and order, one message, a
//! report's messages), the triage changes staff make, and each message's history.

use chrono::{DateTime, Utc};
use offer_core::message::Message;
use offer_core::Offer;

use super::selection::{condition, inbox_order};
use super::sql::{Param, Row, Tx};
use super::CouncilDb;
use crate::params;
use crate::triage::labels::about_label;
use crate::triage::listing::{paging, Listing};
use crate::triage::staff_message::Event;
use crate::triage::{ContactMethod, Facets, Selection, StaffMessage, Status};

/// What the database made of a message from a phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Stored now: the first time this id arrived.
    Stored,
    /// Already stored with the same words (the phone never heard the first answer).
    Repeat,
    /// The id is already stored with different words.
    Conflict,
}

/// A message as its row keeps it: its canonical JSON and that text's SHA-256 in hex.
struct Body {
    json: String,
    hash: String,
}

impl Body {
    fn of(message: &Message) -> Body {
        let json = message.canonical_json();
        let hash = crate::hex::sha256_hex(json.as_bytes());
        Body { json, hash }
    }

    fn compare(&self, stored_hash: &str) -> Saved {
        if stored_hash == self.hash {
            Saved::Repeat
        } else {
            Saved::Conflict
        }
    }
}

/// Whether `message`'s id is already stored, and if so with the same words; `None` when it
/// is new. Answers a repeat without checking it again against today's offer.
pub async fn find(db: &CouncilDb, message: &Message) -> anyhow::Result<Option<Saved>> {
    let body = Body::of(message);
    Ok(stored_hash(db, &message.id)
        .await?
        .map(|hash| body.compare(&hash)))
}

/// Stores `message` unless its id is taken, and says which happened. Committed before it
/// returns, with its triage row (the staff number and what the inbox filters by), so staff
/// see it at once. Two requests with one id at once are safe: the database lets one insert
/// win and the other then reads the winner's row.
pub async fn save(
    db: &CouncilDb,
    message: &Message,
    received_at: DateTime<Utc>,
) -> anyhow::Result<Saved> {
    let body = Body::of(message);
    let facets = Facets::of(&message.body);
    let kind = message.body.kind().slug();
    let mut tx = db.begin().await?;
    // An id is a phone's random UUID, unique across the deployment: one already stored for
    // another council is answered as a conflict (below), never as this council's message.
    let inserted = tx
        .execute(
            "INSERT INTO messages (council_id, id, kind, body, body_hash, created_at, received_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            params![
                db.id(),
                &message.id,
                kind,
                &body.json,
                &body.hash,
                message.created_at,
                received_at
            ],
        )
        .await?;
    if inserted == 1 {
        let reference = super::councils::next_reference(&mut tx).await?;
        tx.execute(
            "INSERT INTO message_triage (council_id, council_ref, message_id, kind, received_at, about, reason, support_back, search_text) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            params![
                db.id(),
                reference,
                &message.id,
                kind,
                received_at,
                &facets.about,
                facets.reason,
                facets.support_back,
                &facets.search_text
            ],
        )
        .await?;
    }
    tx.commit().await?;
    if inserted == 1 {
        return Ok(Saved::Stored);
    }
    match stored_hash(db, &message.id).await? {
        Some(hash) => Ok(body.compare(&hash)),
        // Stored, but for another council.
        None => Ok(Saved::Conflict),
    }
}

async fn stored_hash(db: &CouncilDb, id: &str) -> anyhow::Result<Option<String>> {
    db.row(
        "SELECT body_hash FROM messages WHERE id = ? AND council_id = ?",
        params![id, db.id()],
    )
    .await?
    .map(|r| r.text("body_hash"))
    .transpose()
}

/// Staff know a message by its council's own number, `council_ref`, read as `ref`.
const SELECT: &str =
    "SELECT t.council_ref AS ref, m.body, m.received_at, t.status, t.assigned_to, \
     t.first_read_at, t.done_at, t.contact_method \
     FROM messages m JOIN message_triage t ON t.message_id = m.id";

/// A row of [`SELECT`] as a message, or `None` for one that no longer reads: stored
/// messages were read by this same code when they arrived, so one that does not is a bug to
/// see in the logs, not a reason to hide the inbox. A NULL where none is allowed is an error.
fn staff_message(row: &Row) -> anyhow::Result<Option<StaffMessage>> {
    let reference = row.int("ref")?;
    let Ok(message) = Message::from_json(&row.text("body")?) else {
        tracing::error!(reference, "a stored message could not be read");
        return Ok(None);
    };
    let status = row.text("status")?;
    let method = row.opt_text("contact_method")?;
    Ok(Some(StaffMessage {
        reference,
        message,
        received_at: row.time("received_at")?,
        status: Status::from_slug(&status)
            .ok_or_else(|| anyhow::anyhow!("message {reference} has the status {status:?}"))?,
        assigned_to: row.opt_int("assigned_to")?,
        first_read_at: row.opt_time("first_read_at")?,
        done_at: row.opt_time("done_at")?,
        contact_method: method.as_deref().and_then(ContactMethod::from_slug),
    }))
}

fn staff_messages(rows: &[Row]) -> anyhow::Result<Vec<StaffMessage>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.extend(staff_message(row)?);
    }
    Ok(out)
}

/// One page of the inbox (`page: None` for every match, for the export): the messages a
/// selection picks in the inbox's order, and the counts per status. Reads only the page's
/// messages; the database does the filtering, counting, ordering and paging.
pub async fn listing(
    db: &CouncilDb,
    selection: &Selection,
    overdue_before: DateTime<Utc>,
    page: Option<usize>,
) -> anyhow::Result<Listing> {
    let dialect = db.dialect();
    let (where_any_status, params) = condition(&selection.any_status(), db.id(), dialect);
    let per_status = db
        .rows(
            &format!(
                "SELECT t.status, COUNT(*) AS n FROM message_triage t WHERE {where_any_status} GROUP BY t.status"
            ),
            params,
        )
        .await?;
    let mut counts: Vec<(Status, usize)> = Status::ALL.into_iter().map(|s| (s, 0)).collect();
    for row in &per_status {
        let status = row.text("status")?;
        let n = usize::try_from(row.int("n")?)?;
        if let Some(count) = counts.iter_mut().find(|(s, _)| s.slug() == status) {
            count.1 = n;
        }
    }
    let total = match selection.status {
        Some(status) => counts.iter().find(|(s, _)| *s == status).map_or(0, |c| c.1),
        None => counts.iter().map(|(_, n)| n).sum(),
    };
    let (page, pages, skip, take) = paging(total, page);
    let (where_selected, mut params) = condition(selection, db.id(), dialect);
    let (order, order_params) = inbox_order(overdue_before);
    params.extend(order_params);
    let items = match take {
        // The export: every match, in order.
        None => {
            let sql = format!("{SELECT} WHERE {where_selected} ORDER BY {order}");
            staff_messages(&db.rows(&sql, params).await?)?
        }
        // A page: order the staff numbers from the triage rows alone, then read only the
        // page's messages.
        Some(take) => {
            let sql = format!(
                "SELECT t.council_ref AS ref FROM message_triage t WHERE {where_selected} ORDER BY {order} LIMIT ? OFFSET ?"
            );
            params.extend(params![i64::try_from(take)?, i64::try_from(skip)?]);
            let page: Vec<i64> = db
                .rows(&sql, params)
                .await?
                .iter()
                .map(|r| r.int("ref"))
                .collect::<anyhow::Result<_>>()?;
            by_references(db, &page).await?
        }
    };
    Ok(Listing {
        items,
        total,
        counts,
        page,
        pages,
    })
}

/// Every message a selection picks, oldest first (for reports that read them all, like the
/// review of a period).
pub async fn selected(db: &CouncilDb, selection: &Selection) -> anyhow::Result<Vec<StaffMessage>> {
    let (condition, params) = condition(selection, db.id(), db.dialect());
    let sql = format!("{SELECT} WHERE {condition} ORDER BY m.received_at, t.council_ref");
    staff_messages(&db.rows(&sql, params).await?)
}

/// Every "21 or over and want help again?" request, oldest first.
pub async fn support_back_requests(db: &CouncilDb) -> anyhow::Result<Vec<StaffMessage>> {
    let sql = format!(
        "{SELECT} WHERE t.council_id = ? AND t.support_back = 1 ORDER BY m.received_at, t.council_ref"
    );
    staff_messages(&db.rows(&sql, params![db.id()]).await?)
}

/// Each about key that stored messages have, with its label (from `offer`) in lower case:
/// what the word search matches "what it is about" against.
pub async fn about_labels(db: &CouncilDb, offer: &Offer) -> anyhow::Result<Vec<(String, String)>> {
    db.rows(
        "SELECT DISTINCT about FROM message_triage WHERE council_id = ? AND about IS NOT NULL",
        params![db.id()],
    )
    .await?
    .iter()
    .map(|row| {
        let key = row.text("about")?;
        let label = about_label(&key, offer).0.to_lowercase();
        Ok((key, label))
    })
    .collect()
}

/// Gives messages stored before the inbox's columns existed their triage row and
/// [`Facets`], a few hundred at a time. Runs once when the server starts; safe to run from
/// several servers at once. Says how many it filled.
pub async fn fill_facets(db: &CouncilDb) -> anyhow::Result<usize> {
    let mut tx = db.begin().await?;
    tx.execute(
        "INSERT INTO message_triage (council_id, message_id) \
         SELECT m.council_id, m.id FROM messages m WHERE m.council_id = ? \
         AND NOT EXISTS (SELECT 1 FROM message_triage t WHERE t.message_id = m.id) \
         ORDER BY m.received_at, m.id \
         ON CONFLICT (message_id) DO NOTHING",
        params![db.id()],
    )
    .await?;
    tx.commit().await?;
    let mut filled = 0;
    loop {
        let rows = db
            .rows(
                "SELECT t.ref, t.council_ref, m.body, m.kind, m.received_at \
                 FROM messages m JOIN message_triage t ON t.message_id = m.id \
                 WHERE t.council_id = ? AND t.search_text IS NULL ORDER BY t.ref LIMIT 200",
                params![db.id()],
            )
            .await?;
        if rows.is_empty() {
            return Ok(filled);
        }
        // One transaction a batch: a batch is filled whole or not at all.
        let mut tx = db.begin().await?;
        for row in &rows {
            let reference = row.int("ref")?;
            let facets = match Message::from_json(&row.text("body")?) {
                Ok(message) => Facets::of(&message.body),
                Err(_) => {
                    tracing::error!(reference, "a stored message could not be read");
                    // An empty search text marks it done, so this loop ends.
                    Facets {
                        about: None,
                        reason: None,
                        support_back: false,
                        search_text: String::new(),
                    }
                }
            };
            let council_ref = match row.opt_int("council_ref")? {
                Some(number) => number,
                None => super::councils::next_reference(&mut tx).await?,
            };
            tx.execute(
                "UPDATE message_triage SET council_ref = ?, kind = ?, received_at = ?, about = ?, reason = ?, support_back = ?, search_text = ? WHERE ref = ?",
                params![
                    council_ref,
                    row.text("kind")?,
                    row.text("received_at")?,
                    facets.about,
                    facets.reason,
                    facets.support_back,
                    facets.search_text,
                    reference
                ],
            )
            .await?;
            filled += 1;
        }
        tx.commit().await?;
    }
}

/// The messages with these staff numbers, in the same order (any that are gone left out).
async fn by_references(db: &CouncilDb, references: &[i64]) -> anyhow::Result<Vec<StaffMessage>> {
    if references.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{SELECT} WHERE t.council_id = ? AND t.council_ref IN ({})",
        super::sql::marks(references.len())
    );
    let mut params = params![db.id()];
    params.extend(references.iter().map(|r| Param::from(*r)));
    let mut items = staff_messages(&db.rows(&sql, params).await?)?;
    items.sort_by_key(|m| references.iter().position(|r| *r == m.reference));
    Ok(items)
}

/// One message by its staff number.
pub async fn by_reference(db: &CouncilDb, reference: i64) -> anyhow::Result<Option<StaffMessage>> {
    let sql = format!("{SELECT} WHERE t.council_id = ? AND t.council_ref = ?");
    match db.row(&sql, params![db.id(), reference]).await? {
        Some(row) => staff_message(&row),
        None => Ok(None),
    }
}

/// One message by the phone's id (for the phone's own status request).
pub async fn by_message_id(db: &CouncilDb, id: &str) -> anyhow::Result<Option<StaffMessage>> {
    let sql = format!("{SELECT} WHERE m.council_id = ? AND m.id = ?");
    match db.row(&sql, params![db.id(), id]).await? {
        Some(row) => staff_message(&row),
        None => Ok(None),
    }
}

/// Notes when a message was first opened by staff.
pub async fn mark_read(tx: &mut Tx, reference: i64, now: DateTime<Utc>) -> anyhow::Result<()> {
    let council = tx.council();
    tx.execute(
        "UPDATE message_triage SET first_read_at = ? WHERE council_id = ? AND council_ref = ? AND first_read_at IS NULL",
        params![now, council, reference],
    )
    .await?;
    Ok(())
}

/// Sets a message's status (and how contact was made, when done).
pub async fn set_status(
    tx: &mut Tx,
    reference: i64,
    status: Status,
    contact_method: Option<ContactMethod>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let done_at = (status == Status::Done).then_some(now);
    let council = tx.council();
    tx.execute(
        "UPDATE message_triage SET status = ?, done_at = ?, contact_method = ? WHERE council_id = ? AND council_ref = ?",
        params![
            status.slug(),
            done_at,
            contact_method.map(ContactMethod::slug),
            council,
            reference
        ],
    )
    .await?;
    Ok(())
}

/// Assigns a message to a staff member, or to nobody.
pub async fn assign(tx: &mut Tx, reference: i64, to: Option<i64>) -> anyhow::Result<()> {
    let council = tx.council();
    tx.execute(
        "UPDATE message_triage SET assigned_to = ? WHERE council_id = ? AND council_ref = ?",
        params![to, council, reference],
    )
    .await?;
    Ok(())
}

/// Records something done to a message, in its history.
pub async fn add_event(tx: &mut Tx, message_id: &str, event: &Event) -> anyhow::Result<()> {
    let council = tx.council();
    tx.execute(
        "INSERT INTO message_events (council_id, message_id, at, actor_id, action, detail) VALUES (?, ?, ?, ?, ?, ?)",
        params![council, message_id, event.at, event.actor_id, event.action.as_str(), event.detail.as_str()],
    )
    .await?;
    Ok(())
}

/// A message's history, oldest first.
pub async fn events(db: &CouncilDb, message_id: &str) -> anyhow::Result<Vec<Event>> {
    db.rows(
        "SELECT at, actor_id, action, detail FROM message_events WHERE council_id = ? AND message_id = ? ORDER BY id",
        params![db.id(), message_id],
    )
    .await?
    .iter()
    .map(|r| {
        Ok(Event {
            at: r.time("at")?,
            actor_id: r.opt_int("actor_id")?,
            action: r.text("action")?,
            detail: r.text("detail")?,
        })
    })
    .collect()
}
