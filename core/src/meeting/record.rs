//! The record of a meeting that the young person takes away, and how it reads against the offer.

use std::fmt;

use chrono::NaiveDate;

use super::item::{title_from_id, Mark};
use crate::offer::{Entitlement, Offer};

/// The app's page that shows a record from a link's fragment.
pub const SUMMARY_PATH: &str = "/summary";

/// Why a link's fragment could not be read.
///
/// Defined here, with the record it fails to make, rather than in `fragment` (which is private
/// and imports this module): its public path is `meeting::record::LinkError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// There is nothing after the `#`.
    Empty,
    /// The fragment is far longer than the app ever makes.
    TooLong,
    /// It starts with a version this app does not know.
    UnknownVersion,
    /// The date is missing or not a real date.
    BadDate,
    /// Item `n` (from 1) is not written the way the app writes items.
    BadItem(usize),
    /// Item `n`'s next step is damaged or too long.
    BadNextStep(usize),
    /// The same item appears twice.
    Repeated(String),
    /// More items than any offer has.
    TooManyItems,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Empty => f.write_str("This link has no summary in it."),
            LinkError::TooLong => f.write_str("This link is much longer than the app makes."),
            LinkError::UnknownVersion => f.write_str(
                "This link was made by a different version of the app. Update the app and try again.",
            ),
            LinkError::BadDate => f.write_str("The date in this link is not a real date."),
            LinkError::BadItem(n) => write!(f, "Item {n} in this link is damaged."),
            LinkError::BadNextStep(n) => write!(f, "The next step for item {n} in this link is damaged."),
            LinkError::Repeated(id) => write!(f, "This link has \"{id}\" in it twice."),
            LinkError::TooManyItems => f.write_str("This link has more items than the offer has."),
        }
    }
}

impl std::error::Error for LinkError {}

/// What was talked about in one meeting: small enough to travel in a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The day of the meeting.
    pub date: NaiveDate,
    /// The marked items, in the order they were shown.
    pub items: Vec<RecordItem>,
}

/// One marked item of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordItem {
    /// The entitlement's id, which may have left the offer since.
    pub id: String,
    /// What the young person decided.
    pub mark: Mark,
    /// The next step agreed, or empty.
    pub next_step: String,
}

impl Record {
    /// The link to this app's summary page holding this record, for an app served at `origin`.
    pub fn link(&self, origin: &str) -> String {
        format!(
            "{}{SUMMARY_PATH}#{}",
            origin.trim_end_matches('/'),
            self.to_fragment()
        )
    }

    /// The record grouped for reading, each item looked up in today's `offer`.
    pub fn summary<'a>(&'a self, offer: &'a Offer) -> Summary<'a> {
        let group = |mark: Mark| {
            self.items
                .iter()
                .filter(|i| i.mark == mark)
                .map(|i| SummaryItem {
                    id: &i.id,
                    entitlement: offer.entitlement(&i.id),
                    next_step: &i.next_step,
                })
                .collect()
        };
        Summary {
            date: self.date,
            wants_to_apply: group(Mark::WantsToApply),
            talked_about: group(Mark::TalkedAbout),
            not_for_me_now: group(Mark::NotForMeNow),
        }
    }

    /// The ids worth keeping in "My list": items they want or talked about that the offer
    /// still has.
    pub fn ids_for_my_list(&self, offer: &Offer) -> Vec<String> {
        self.items
            .iter()
            .filter(|i| i.mark != Mark::NotForMeNow && offer.entitlement(&i.id).is_some())
            .map(|i| i.id.clone())
            .collect()
    }
}

/// A record grouped the way the summary page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary<'a> {
    /// The day of the meeting.
    pub date: NaiveDate,
    /// What they want to apply for, each with its next step.
    pub wants_to_apply: Vec<SummaryItem<'a>>,
    /// What they talked about.
    pub talked_about: Vec<SummaryItem<'a>>,
    /// What is not for them now.
    pub not_for_me_now: Vec<SummaryItem<'a>>,
}

impl Summary<'_> {
    /// True when nothing was marked.
    pub fn is_empty(&self) -> bool {
        self.wants_to_apply.is_empty()
            && self.talked_about.is_empty()
            && self.not_for_me_now.is_empty()
    }
}

/// One item of a summary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SummaryItem<'a> {
    /// The id the record holds.
    pub id: &'a str,
    /// The entitlement, or `None` when it is no longer in the offer.
    pub entitlement: Option<&'a Entitlement>,
    /// The next step agreed, or empty.
    pub next_step: &'a str,
}

impl SummaryItem<'_> {
    /// The item's title, or a name made from its id when the offer no longer has it.
    pub fn title(&self) -> String {
        match self.entitlement {
            Some(e) => e.title.clone(),
            None => title_from_id(self.id),
        }
    }
}
