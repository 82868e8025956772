//! The record of a meeting that the young person takes away, and how it reads against the offer.

use chrono::NaiveDate;

use super::fragment;
pub use super::fragment::LinkError;
use super::{title_from_id, Mark};
use crate::offer::{Entitlement, Offer};

/// The app's page that shows a record from a link's fragment.
pub const SUMMARY_PATH: &str = "/summary";

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
    /// The record as the text after `#` in a link.
    pub fn to_fragment(&self) -> String {
        fragment::encode(self)
    }

    /// Reads a link's fragment (with or without its `#`), or says plainly what is wrong.
    pub fn from_fragment(text: &str) -> Result<Record, LinkError> {
        fragment::decode(text)
    }

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
