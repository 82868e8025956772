//! One message as the staff side sees it: the young person's message with its triage
//! (status, assignment, the staff number), its history, and what the phone may learn.

use chrono::{DateTime, Utc};
use offer_core::answers::PhoneStatus;
use offer_core::message::Message;
use offer_core::roles::CONTACT_KINDS;
use offer_core::working_days::BankHolidays;

use super::facets::asks_support_back;
use super::status::{ContactMethod, Status};

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
    pub contact_method: Option<ContactMethod>,
}

/// One thing done to a message, for its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When it was done.
    pub at: DateTime<Utc>,
    /// The staff account that did it.
    pub actor_id: Option<i64>,
    /// "status", "assigned", "note" or "reply".
    pub action: String,
    /// What: the new status, who it went to, or the note's words.
    pub detail: String,
}

/// True for a contact request that is not done and is past its two working days.
pub fn is_overdue(item: &StaffMessage, now: DateTime<Utc>, holidays: &BankHolidays) -> bool {
    CONTACT_KINDS.contains(&item.message.body.kind())
        && item.status != Status::Done
        && holidays.is_overdue(item.received_at, now)
}

/// True for a "21 or over and want help again?" request.
pub fn is_support_back(item: &StaffMessage) -> bool {
    asks_support_back(&item.message.body)
}

/// The contact method's label for a done "please contact me", or "".
pub fn contact_made(item: &StaffMessage) -> &'static str {
    item.contact_method.map_or("", ContactMethod::label)
}

/// When a request was first contacted, if it was: marked done with a way of getting in
/// touch that reached the young person.
pub fn first_contact(item: &StaffMessage) -> Option<DateTime<Utc>> {
    match (item.status, item.done_at, item.contact_method) {
        (Status::Done, Some(done), Some(method)) if method.is_contact() => Some(done),
        _ => None,
    }
}

/// Where a message is as its phone sees it: done when the team marked it done, read once
/// someone opened it or started on it, received before that.
pub fn phone_status(item: &StaffMessage) -> (PhoneStatus, DateTime<Utc>) {
    match (item.status, item.done_at, item.first_read_at) {
        (Status::Done, Some(done), _) => (PhoneStatus::Done, done),
        (_, _, Some(read)) => (PhoneStatus::Read, read),
        (Status::InProgress, _, None) => (PhoneStatus::Read, item.received_at),
        _ => (PhoneStatus::Received, item.received_at),
    }
}
