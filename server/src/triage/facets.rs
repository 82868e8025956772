//! What the inbox filters, orders and searches a message by, worked out once when it
//! arrives and stored beside it, so the database can do the inbox's work.

use offer_core::message::{FeedbackReason, MessageBody};

use super::labels::{about_key, labelled_fields};

/// A message's facets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facets {
    /// What it is about ([`about_key`]).
    pub about: Option<String>,
    /// Why feedback was sent (the reason's slug).
    pub reason: Option<&'static str>,
    /// A "21 or over and want help again?" request.
    pub support_back: bool,
    /// Every field's words in lower case, for the word search. What the message is about
    /// is matched by its label instead, which can change with the offer.
    pub search_text: String,
}

impl Facets {
    /// The facets of a message.
    pub fn of(body: &MessageBody) -> Facets {
        let values: Vec<String> = labelled_fields(body, str::to_string)
            .into_iter()
            .map(|(_, value)| value)
            .collect();
        Facets {
            about: about_key(body),
            reason: reason(body).map(FeedbackReason::slug),
            support_back: asks_support_back(body),
            search_text: values.join(" ").to_lowercase(),
        }
    }
}

/// Why feedback was sent, when the young person chose a reason.
pub fn reason(body: &MessageBody) -> Option<FeedbackReason> {
    match body {
        MessageBody::Feedback { reason, .. } => *reason,
        _ => None,
    }
}

/// True for a "21 or over and want help again?" request.
pub fn asks_support_back(body: &MessageBody) -> bool {
    matches!(
        body,
        MessageBody::ContactMe {
            support_back: true,
            ..
        }
    )
}
