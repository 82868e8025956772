//! What a young person (or a participation group) sends to the service: the one write path.
//!
//! A [`Message`] is made on the phone with a random UUID v4 and the time, kept in the
//! outbox, and sent as JSON to `POST /api/messages`. The wire format is the serde form of
//! these types, flat, with a `kind`:
//!
//! ```json
//! {"id":"0b5f0c4e-6a1d-4c3e-9f7a-2d1e8b9c0a11","created_at":"2026-06-03T13:05:00.123Z",
//!  "kind":"feedback","about":{"entitlement":"setting-up-home"},"reason":"wrong-or-out-of-date",
//!  "rating":4,"text":"..."}
//! ```
//!
//! Optional fields may be left out or sent as `null`; unknown fields are ignored. The server
//! stores [`Message::canonical_json`], so the same message always gives the same bytes,
//! however the phone spaced or ordered its JSON.

use chrono::{DateTime, Utc};

// The types are in `types` and the checks in `validate` (which imports only `types`); this
// module reads and writes the wire, and re-exports both, so their paths are `message::...`.
mod types;
mod validate;

pub use types::{About, CategoryReview, FeedbackReason, Message, MessageBody, MessageKind};
pub use validate::{
    is_uuid_v4, too_large, too_large_in, FieldError, MAX_ADDRESS, MAX_BEST_TIME, MAX_BYTES,
    MAX_COMMENTS, MAX_EMAIL, MAX_GROUP_IDEA, MAX_NAME, MAX_PARTICIPANTS, MAX_TEXT,
};

impl Message {
    /// A message with this id, time and body.
    pub fn new(id: impl Into<String>, created_at: DateTime<Utc>, body: MessageBody) -> Message {
        Message {
            id: id.into(),
            created_at,
            language: None,
            body,
        }
    }

    /// The one JSON text of this message: the same message always gives the same bytes, so
    /// the server can tell a repeat (same id, same text) from a reused id (different text).
    pub fn canonical_json(&self) -> String {
        // Field order is fixed by the types, serde_json adds no spaces, and anything the
        // phone sent that the types do not hold was dropped when parsing.
        serde_json::to_string(self).expect("a message always serialises")
    }

    /// Reads a message sent as JSON, or says kindly why it could not be read.
    pub fn from_json(text: &str) -> Result<Message, Vec<FieldError>> {
        let unreadable = || {
            vec![FieldError::new(
                "",
                "We could not read this message. Please check it and send it again.",
            )]
        };
        let value: serde_json::Value = serde_json::from_str(text).map_err(|_| unreadable())?;
        let Some(object) = value.as_object() else {
            return Err(unreadable());
        };
        match object.get("kind").and_then(|k| k.as_str()) {
            Some(kind) if MessageKind::from_slug(kind).is_some() => {}
            Some(kind) => {
                return Err(vec![FieldError::new(
                    "kind",
                    format!("We don't know this kind of message (\"{kind}\")."),
                )])
            }
            None => {
                return Err(vec![FieldError::new(
                    "kind",
                    "This message does not say what kind of message it is.",
                )])
            }
        }
        serde_json::from_value(value).map_err(|error| match missing_field(&error.to_string()) {
            Some(field) => vec![FieldError::new(
                field,
                "This part of the message is missing. Please fill it in and send it again.",
            )],
            None => unreadable(),
        })
    }
}

/// The field serde names in "missing field `name`", if that is the error.
fn missing_field(error: &str) -> Option<String> {
    let rest = error.strip_prefix("missing field `")?;
    rest.split_once('`').map(|(field, _)| field.to_string())
}

#[cfg(test)]
pub(crate) mod tests;
