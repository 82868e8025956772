//! What a meeting notes about one item, shared by the meeting, its record and the link that
//! carries the record: the mark, the next step's limit and tidying, and a title for an id the
//! offer no longer has.
//!
//! These live in a module of their own, which `meeting` re-exports, so that `record` and
//! `fragment` can use them without importing `meeting` while `meeting` imports them.

use serde::{Deserialize, Serialize};

/// The most characters a next step may have: a short note, not a case file.
pub const NEXT_STEP_MAX: usize = 80;

/// What the young person decided about one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    /// They want to apply for it.
    WantsToApply,
    /// They talked about it.
    TalkedAbout,
    /// Not for them now.
    NotForMeNow,
}

impl Mark {
    /// Every mark, in the order the buttons show them.
    pub const ALL: [Mark; 3] = [Mark::WantsToApply, Mark::TalkedAbout, Mark::NotForMeNow];

    /// The words on the button and in the summary.
    pub fn label(self) -> &'static str {
        match self {
            Mark::WantsToApply => "Wants to apply",
            Mark::TalkedAbout => "Talked about",
            Mark::NotForMeNow => "Not for me now",
        }
    }

    /// The one letter that stands for it in a link.
    pub fn code(self) -> char {
        match self {
            Mark::WantsToApply => 'A',
            Mark::TalkedAbout => 'T',
            Mark::NotForMeNow => 'N',
        }
    }

    /// The mark a link's letter stands for.
    pub fn from_code(code: char) -> Option<Mark> {
        Mark::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// A next step with its spaces tidied, control characters dropped and its length capped.
pub fn tidy_next_step(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(NEXT_STEP_MAX)
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// A readable name made from an id, for an item the offer no longer has: "bank-account"
/// becomes "Bank account".
pub fn title_from_id(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
