//! Messages as the staff side sees them: the young person's message with its triage (status,
//! assignment, the staff number) and its history.

use chrono::{DateTime, Utc};
use offer_core::message::Message;
use offer_core::Offer;

use super::inbox::{self, Facets, Listing, Selection};
use crate::db::Database;
use crate::params;
use crate::sql::Param;

/// Where a message is in the team's work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Nobody has acted on it yet.
    New,
    /// Someone is dealing with it.
    InProgress,
    /// Dealt with.
    Done,
}

impl Status {
    /// Every status, in order.
    pub const ALL: [Status; 3] = [Status::New, Status::InProgress, Status::Done];

    /// As stored and in URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::InProgress => "in-progress",
            Status::Done => "done",
        }
    }

    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            Status::New => "New",
            Status::InProgress => "In progress",
            Status::Done => "Done",
        }
    }

    /// The status a slug names.
    pub fn from_slug(slug: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// How a PA got in touch when marking "please contact me" done.
pub const CONTACT_METHODS: [(&str, &str); 5] = [
    ("phone", "Phoned"),
    ("text", "Sent a text"),
    ("email", "Emailed"),
    ("in-person", "Met in person"),
    ("not-reached", "Could not reach them"),
];

/// The label of a contact method's slug.
pub fn contact_method_label(slug: &str) -> Option<&'static str> {
    CONTACT_METHODS
        .iter()
        .find(|(s, _)| *s == slug)
        .map(|(_, l)| *l)
}

/// One message with what the team has done with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMessage {
    /// The staff number, used in staff URLs instead of the phone's id.
    pub reference: i64,
    /// The message as the phone sent it.
    pub message: Message,
    /// When it reached the server.
    pub received_at: DateTime<Utc>,
    /// Where it is in the team's work.
    pub status: Status,
    /// Who it is assigned to.
    pub assigned_to: Option<i64>,
    /// When a staff member first opened it.
    pub first_read_at: Option<DateTime<Utc>>,
    /// When it was marked done.
    pub done_at: Option<DateTime<Utc>>,
    /// How contact was made, for "please contact me".
    pub contact_method: Option<String>,
}

const FROM: &str = "FROM messages m JOIN message_triage t ON t.message_id = m.id";

fn select(db: &Database) -> String {
    format!(
        "SELECT t.ref, m.body, {}, t.status, t.assigned_to, t.first_read_at, t.done_at, t.contact_method {FROM}",
        db.dialect().message_time("m.received_at")
    )
}

fn staff_message(row: &crate::sql::Row) -> Option<StaffMessage> {
    let message = match Message::from_json(&row.text(1)) {
        Ok(message) => message,
        Err(_) => {
            // Stored messages were read by this same code when they arrived; one that no
            // longer reads is a bug to see in the logs, not a reason to hide the inbox.
            tracing::error!(reference = row.int(0), "a stored message could not be read");
            return None;
        }
    };
    Some(StaffMessage {
        reference: row.int(0),
        message,
        received_at: row.opt_time(2)?,
        status: Status::from_slug(&row.text(3)).unwrap_or(Status::New),
        assigned_to: row.opt_int(4),
        first_read_at: row.opt_time(5),
        done_at: row.opt_time(6),
        contact_method: row.opt_text(7),
    })
}

/// One page of the inbox (`page: None` for every match, for the export): the messages a
/// selection picks in the inbox's order, and the counts per status. Reads only the page's
/// messages; the database does the filtering, counting, ordering and paging.
pub async fn listing(
    db: &Database,
    selection: &Selection,
    overdue_before: DateTime<Utc>,
    page: Option<usize>,
) -> anyhow::Result<Listing> {
    let dialect = db.dialect();
    let (condition, params) = selection.any_status().condition(dialect);
    let per_status = db
        .rows(
            &format!(
                "SELECT t.status, COUNT(*) FROM message_triage t WHERE {condition} GROUP BY t.status"
            ),
            params,
        )
        .await?;
    let count_of = |status: Status| {
        per_status
            .iter()
            .find(|row| row.text(0) == status.slug())
            .map_or(0, |row| usize::try_from(row.int(1)).unwrap_or(0))
    };
    let counts: Vec<(Status, usize)> = Status::ALL.into_iter().map(|s| (s, count_of(s))).collect();
    let total = match selection.status {
        Some(status) => count_of(status),
        None => counts.iter().map(|(_, n)| n).sum(),
    };
    let (page, pages, skip, take) = inbox::paging(total, page);
    let (condition, mut params) = selection.condition(dialect);
    let (order, order_params) = inbox::selection::inbox_order(overdue_before);
    params.extend(order_params);
    let items = match take {
        // The export: every match, in order.
        None => {
            let sql = format!("{} WHERE {condition} ORDER BY {order}", select(db));
            db.rows(&sql, params)
                .await?
                .iter()
                .filter_map(staff_message)
                .collect()
        }
        // A page: order the staff numbers from the triage rows alone, then read only the
        // page's messages.
        Some(take) => {
            let sql =
                format!("SELECT t.ref FROM message_triage t WHERE {condition} ORDER BY {order} LIMIT ? OFFSET ?");
            params.extend(params![to_i64(take), to_i64(skip)]);
            let page: Vec<i64> = db
                .rows(&sql, params)
                .await?
                .iter()
                .map(|r| r.int(0))
                .collect();
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

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Every message a selection picks, oldest first (for reports that read them all, like the
/// review of a period).
pub async fn selected(db: &Database, selection: &Selection) -> anyhow::Result<Vec<StaffMessage>> {
    let (condition, params) = selection.condition(db.dialect());
    let sql = format!(
        "{} WHERE {condition} ORDER BY m.received_at, t.ref",
        select(db)
    );
    Ok(db
        .rows(&sql, params)
        .await?
        .iter()
        .filter_map(staff_message)
        .collect())
}

/// Every "21 or over and want help again?" request, oldest first.
pub async fn support_back_requests(db: &Database) -> anyhow::Result<Vec<StaffMessage>> {
    let sql = format!(
        "{} WHERE t.support_back = 1 ORDER BY m.received_at, t.ref",
        select(db)
    );
    Ok(db
        .rows(&sql, vec![])
        .await?
        .iter()
        .filter_map(staff_message)
        .collect())
}

/// Each about key that stored messages have, with its label (from `offer`) in lower case:
/// what the word search matches "what it is about" against.
pub async fn about_labels(db: &Database, offer: &Offer) -> anyhow::Result<Vec<(String, String)>> {
    Ok(db
        .rows(
            "SELECT DISTINCT about FROM message_triage WHERE about IS NOT NULL",
            vec![],
        )
        .await?
        .iter()
        .map(|row| {
            let key = row.text(0);
            let label = inbox::about_label(&key, offer).0.to_lowercase();
            (key, label)
        })
        .collect())
}

/// Gives messages stored before the inbox's columns existed their triage row and
/// [`Facets`], a few hundred at a time. Runs once when the server starts; safe to run from
/// several servers at once. Says how many it filled.
pub async fn fill_facets(db: &Database) -> anyhow::Result<usize> {
    db.execute(
        "INSERT INTO message_triage (message_id) \
         SELECT m.id FROM messages m WHERE NOT EXISTS (SELECT 1 FROM message_triage t WHERE t.message_id = m.id) \
         ORDER BY m.received_at, m.id \
         ON CONFLICT (message_id) DO NOTHING",
        vec![],
    )
    .await?;
    let mut filled = 0;
    loop {
        let rows = db
            .rows(
                &format!(
                    "SELECT t.ref, m.body, m.kind, {} {FROM} WHERE t.search_text IS NULL ORDER BY t.ref LIMIT 200",
                    db.dialect().message_time("m.received_at")
                ),
                vec![],
            )
            .await?;
        if rows.is_empty() {
            return Ok(filled);
        }
        for row in &rows {
            let reference = row.int(0);
            let facets = match Message::from_json(&row.text(1)) {
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
            db.execute(
                "UPDATE message_triage SET kind = ?, received_at = ?, about = ?, reason = ?, support_back = ?, search_text = ? WHERE ref = ?",
                params![
                    row.text(2),
                    row.text(3),
                    facets.about,
                    facets.reason,
                    i64::from(facets.support_back),
                    facets.search_text,
                    reference
                ],
            )
            .await?;
            filled += 1;
        }
    }
}

/// The messages with these staff numbers, in the same order (any that are gone left out).
async fn by_references(db: &Database, references: &[i64]) -> anyhow::Result<Vec<StaffMessage>> {
    if references.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; references.len()].join(", ");
    let sql = format!("{} WHERE t.ref IN ({marks})", select(db));
    let params = references.iter().map(|r| Param::from(*r)).collect();
    let mut items: Vec<StaffMessage> = db
        .rows(&sql, params)
        .await?
        .iter()
        .filter_map(staff_message)
        .collect();
    items.sort_by_key(|m| references.iter().position(|r| *r == m.reference));
    Ok(items)
}

/// One message by its staff number.
pub async fn by_reference(db: &Database, reference: i64) -> anyhow::Result<Option<StaffMessage>> {
    let sql = format!("{} WHERE t.ref = ?", select(db));
    Ok(db
        .row(&sql, params![reference])
        .await?
        .as_ref()
        .and_then(staff_message))
}

/// One message by the phone's id (for the phone's own status request).
pub async fn by_message_id(db: &Database, id: &str) -> anyhow::Result<Option<StaffMessage>> {
    let sql = format!("{} WHERE m.id = ?", select(db));
    Ok(db
        .row(&sql, params![id])
        .await?
        .as_ref()
        .and_then(staff_message))
}

/// Notes when a message was first opened by staff.
pub async fn mark_read(db: &Database, reference: i64, now: DateTime<Utc>) -> anyhow::Result<()> {
    db.execute(
        "UPDATE message_triage SET first_read_at = ? WHERE ref = ? AND first_read_at IS NULL",
        params![now, reference],
    )
    .await?;
    Ok(())
}

/// Sets a message's status (and how contact was made, when done).
pub async fn set_status(
    db: &Database,
    reference: i64,
    status: Status,
    contact_method: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let done_at = (status == Status::Done).then_some(now);
    db.execute(
        "UPDATE message_triage SET status = ?, done_at = ?, contact_method = ? WHERE ref = ?",
        params![status.slug(), done_at, contact_method, reference],
    )
    .await?;
    Ok(())
}

/// Assigns a message to a staff member, or to nobody.
pub async fn assign(db: &Database, reference: i64, to: Option<i64>) -> anyhow::Result<()> {
    db.execute(
        "UPDATE message_triage SET assigned_to = ? WHERE ref = ?",
        params![to, reference],
    )
    .await?;
    Ok(())
}

/// One thing done to a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When.
    pub at: DateTime<Utc>,
    /// Who did it.
    pub actor_id: Option<i64>,
    /// "status", "assigned" or "note".
    pub action: String,
    /// What: the new status, who it went to, or the note's words.
    pub detail: String,
}

/// Records something done to a message.
pub async fn add_event(
    db: &Database,
    message_id: &str,
    at: DateTime<Utc>,
    actor_id: i64,
    action: &str,
    detail: &str,
) -> anyhow::Result<()> {
    db.execute(
        "INSERT INTO message_events (message_id, at, actor_id, action, detail) VALUES (?, ?, ?, ?, ?)",
        params![message_id, at, actor_id, action, detail],
    )
    .await?;
    Ok(())
}

/// A message's history, oldest first.
pub async fn events(db: &Database, message_id: &str) -> anyhow::Result<Vec<Event>> {
    Ok(db
        .rows(
            "SELECT at, actor_id, action, detail FROM message_events WHERE message_id = ? ORDER BY id",
            params![message_id],
        )
        .await?
        .iter()
        .map(|r| Event {
            at: r.opt_time(0).unwrap_or_default(),
            actor_id: r.opt_int(1),
            action: r.text(2),
            detail: r.text(3),
        })
        .collect())
}
