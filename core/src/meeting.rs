//! Meeting mode: a personal adviser goes through the offer with a young person, card by card,
//! and the young person leaves with a record of what they talked about.
//!
//! The meeting lives only on the PA's device and only for a few hours; the record travels in
//! a link's fragment (see [`record`]), so it never reaches a server.

mod fragment;
mod item;
pub mod qr;
pub mod record;
pub mod turn;

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::eligibility::{availability, Availability, Profile};
use crate::offer::{Category, Entitlement, Offer};
pub use item::{tidy_next_step, title_from_id, Mark, NEXT_STEP_MAX};
pub use record::{Record, RecordItem, Summary, SummaryItem};

/// How long a meeting stays on the PA's device after it starts, if nobody ends it.
pub const MEETING_LIFETIME_HOURS: i64 = 4;

/// The PA's note on one item: a mark and, if they agreed one, a next step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// What the young person decided, once they have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<Mark>,
    /// A short next step ("PA sends the form by Friday").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub next_step: String,
}

/// A meeting in progress on the PA's device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// When it started; it is wiped [`MEETING_LIFETIME_HOURS`] later.
    pub started_at: DateTime<Utc>,
    /// The young person's answers (never the PA's own "What can I get?" answers).
    #[serde(default)]
    pub profile: Profile,
    /// Notes by entitlement id.
    #[serde(default)]
    pub notes: BTreeMap<String, Note>,
    /// The card on screen, counting from 0.
    #[serde(default)]
    pub at: usize,
}

/// One card of the meeting: an entitlement that applies, with its category.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeetingCard<'a> {
    /// The entitlement.
    pub entitlement: &'a Entitlement,
    /// Its category, named on the card.
    pub category: Option<&'a Category>,
    /// The birthday from which they can get it, when that is still to come.
    pub from_age: Option<u8>,
}

impl Meeting {
    /// A new, empty meeting started at `now`.
    pub fn new(now: DateTime<Utc>) -> Meeting {
        Meeting {
            started_at: now,
            profile: Profile::default(),
            notes: BTreeMap::new(),
            at: 0,
        }
    }

    /// True when the meeting is old enough to be wiped, or dated in the future (a clock
    /// that jumped), which is just as untrustworthy.
    pub fn is_stale(&self, now: DateTime<Utc>) -> bool {
        let age = now - self.started_at;
        age > Duration::hours(MEETING_LIFETIME_HOURS) || age < -Duration::hours(1)
    }

    /// The items that apply to the young person on `today`, category by category: what
    /// they can get now and what they can get when they are older.
    pub fn cards<'a>(&self, offer: &'a Offer, today: NaiveDate) -> Vec<MeetingCard<'a>> {
        in_category_order(offer)
            .into_iter()
            .filter_map(|e| {
                let from_age = match availability(&e.eligibility, &self.profile, today) {
                    Availability::Now => None,
                    Availability::Later { from_age } => Some(from_age),
                    Availability::NotNow | Availability::AgedOut { .. } => return None,
                };
                Some(MeetingCard {
                    entitlement: e,
                    category: offer.category(&e.category),
                    from_age,
                })
            })
            .collect()
    }

    /// The note on an item (empty when there is none).
    pub fn note(&self, id: &str) -> Note {
        self.notes.get(id).cloned().unwrap_or_default()
    }

    /// Marks an item, or clears its mark with `None`.
    pub fn set_mark(&mut self, id: &str, mark: Option<Mark>) {
        self.notes.entry(id.to_string()).or_default().mark = mark;
        self.forget_if_empty(id);
    }

    /// Sets an item's next step, tidied and cut to [`NEXT_STEP_MAX`] characters.
    pub fn set_next_step(&mut self, id: &str, text: &str) {
        self.notes.entry(id.to_string()).or_default().next_step = tidy_next_step(text);
        self.forget_if_empty(id);
    }

    fn forget_if_empty(&mut self, id: &str) {
        if self.notes.get(id).is_some_and(|n| *n == Note::default()) {
            self.notes.remove(id);
        }
    }

    /// The record the young person takes away: every marked item in the order of the offer,
    /// dated `today`.
    pub fn record(&self, offer: &Offer, today: NaiveDate) -> Record {
        let known: Vec<&str> = in_category_order(offer)
            .into_iter()
            .map(|e| e.id.as_str())
            .collect();
        // Items marked before the offer changed keep their place at the end.
        let gone = self
            .notes
            .keys()
            .map(String::as_str)
            .filter(|id| !known.contains(id));
        let items = known
            .iter()
            .copied()
            .chain(gone)
            .filter_map(|id| {
                let note = self.notes.get(id)?;
                Some(RecordItem {
                    id: id.to_string(),
                    mark: note.mark?,
                    next_step: note.next_step.clone(),
                })
            })
            .collect();
        Record { date: today, items }
    }
}

/// Every entitlement, category by category in the offer's order, content order within each.
pub fn in_category_order(offer: &Offer) -> Vec<&Entitlement> {
    let rank = |e: &Entitlement| {
        offer
            .categories
            .iter()
            .position(|c| c.id == e.category)
            .unwrap_or(usize::MAX)
    };
    let mut all: Vec<&Entitlement> = offer.entitlements.iter().collect();
    // A stable sort keeps content order inside each category.
    all.sort_by_key(|e| rank(e));
    all
}

/// Someone to ask about an item, as a summary lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asker {
    /// Who: "Your personal adviser (PA)" or a team's name.
    pub name: String,
    /// Their phone number, when the offer has one.
    pub phone: Option<String>,
}

/// Who to ask about `e`, from its `ask` list; contacts the offer no longer has are left out.
pub fn who_to_ask(offer: &Offer, e: &Entitlement) -> Vec<Asker> {
    e.ask
        .iter()
        .filter_map(|id| {
            if id == "pa" {
                return Some(Asker {
                    name: "Your personal adviser (PA)".to_string(),
                    phone: None,
                });
            }
            offer.contact(id).map(|c| Asker {
                name: c.name.clone(),
                phone: c.phone.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
