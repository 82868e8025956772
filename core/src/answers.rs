//! What flows back to the phone: where a message is and the team's reply (by the message's
//! random id, which only the phone that made it knows), and "You said, we did" entries,
//! which travel down with the offer so they show offline.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The longest reply staff can send to a phone, in characters.
pub const MAX_REPLY: usize = 500;
/// The longest "You said" or "We did", in characters.
pub const MAX_ENTRY_TEXT: usize = 600;

/// Where a message is, as the phone shows it. On the wire: "received", "read", "done".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhoneStatus {
    /// The server has it; nobody has opened it yet.
    Received,
    /// Someone in the team has read it.
    Read,
    /// The team has dealt with it.
    Done,
}

/// `GET /api/messages/{id}`: a message's status, when it got there, and the reply if any.
/// Nothing else from the staff side (no notes, names or emails) is ever in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageStatus {
    /// The message's id, as the phone made it.
    pub id: String,
    /// Where it is.
    pub status: PhoneStatus,
    /// When it got to that status.
    pub status_at: DateTime<Utc>,
    /// A short reply from the team, if they wrote one (the latest correction of it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
    /// When the reply was written or last corrected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_at: Option<DateTime<Utc>>,
}

/// Why a reply cannot be sent, in plain words; `None` when it can.
pub fn reply_problem(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        Some("Write the reply before sending it".into())
    } else if text.chars().count() > MAX_REPLY {
        Some(format!(
            "The reply must be {MAX_REPLY} characters or fewer (it is {})",
            text.chars().count()
        ))
    } else {
        None
    }
}

/// An item of the offer an entry is about. On the wire: `{"entitlement":"<id>"}`,
/// `{"hub":"<id>"}` or `{"group":"<id>"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemRef {
    /// An entitlement, by id.
    Entitlement(String),
    /// A hub, by id.
    Hub(String),
    /// A group, by id.
    Group(String),
}

impl ItemRef {
    /// As a filter or form value: "entitlement:ID", "hub:ID" or "group:ID".
    pub fn key(&self) -> String {
        match self {
            ItemRef::Entitlement(id) => format!("entitlement:{id}"),
            ItemRef::Hub(id) => format!("hub:{id}"),
            ItemRef::Group(id) => format!("group:{id}"),
        }
    }

    /// Reads a key made by [`ItemRef::key`].
    pub fn from_key(key: &str) -> Option<ItemRef> {
        match key.split_once(':')? {
            ("entitlement", id) if !id.is_empty() => Some(ItemRef::Entitlement(id.into())),
            ("hub", id) if !id.is_empty() => Some(ItemRef::Hub(id.into())),
            ("group", id) if !id.is_empty() => Some(ItemRef::Group(id.into())),
            _ => None,
        }
    }
}

/// "You said, we did": what young people told the service and what it did about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YouSaidWeDid {
    /// A short id, stable across edits.
    pub id: String,
    /// What young people said.
    pub said: String,
    /// What the service did.
    pub did: String,
    /// When it was done.
    pub date: NaiveDate,
    /// The entitlement, hub or group it is about, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<ItemRef>,
}

/// Problems with an entry's fields, as (field, message), in the form's order.
pub fn entry_problems(
    said: &str,
    did: &str,
    date: Option<NaiveDate>,
) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    for (field, text, what) in [
        ("said", said, "what young people said"),
        ("did", did, "what the service did"),
    ] {
        if text.trim().is_empty() {
            problems.push((field, format!("Write {what}")));
        } else if text.trim().chars().count() > MAX_ENTRY_TEXT {
            problems.push((
                field,
                format!("Keep {what} to {MAX_ENTRY_TEXT} characters or fewer"),
            ));
        }
    }
    if date.is_none() {
        problems.push((
            "date",
            "Enter the date it was done, like 2026-11-23".to_string(),
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_without_a_reply_leaves_the_reply_out() {
        let status = MessageStatus {
            id: "0b5f0c4e-6a1d-4c3e-9f7a-2d1e8b9c0a11".into(),
            status: PhoneStatus::Read,
            status_at: "2026-11-23T10:00:00Z".parse().unwrap(),
            reply: None,
            reply_at: None,
        };
        let json = serde_json::to_string(&status).unwrap();
        assert_eq!(
            json,
            r#"{"id":"0b5f0c4e-6a1d-4c3e-9f7a-2d1e8b9c0a11","status":"read","status_at":"2026-11-23T10:00:00Z"}"#
        );
        assert_eq!(
            serde_json::from_str::<MessageStatus>(&json).unwrap(),
            status
        );
    }

    #[test]
    fn item_refs_read_back_from_keys_and_json() {
        for item in [
            ItemRef::Entitlement("staying-put".into()),
            ItemRef::Hub("delamere-house".into()),
            ItemRef::Group("my-voice".into()),
        ] {
            assert_eq!(ItemRef::from_key(&item.key()), Some(item.clone()));
            let json = serde_json::to_string(&item).unwrap();
            assert_eq!(serde_json::from_str::<ItemRef>(&json).unwrap(), item);
        }
        assert_eq!(
            serde_json::to_string(&ItemRef::Hub("x".into())).unwrap(),
            r#"{"hub":"x"}"#
        );
        assert_eq!(ItemRef::from_key("app"), None);
        assert_eq!(ItemRef::from_key("entitlement:"), None);
    }

    #[test]
    fn entries_show_newest_first_with_the_name_of_what_they_are_about() {
        use crate::content::{load_offer, ContentFile, CONTENT_FILES};
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../content");
        let files: Vec<ContentFile> = CONTENT_FILES
            .iter()
            .map(|name| ContentFile {
                name: name.to_string(),
                text: std::fs::read_to_string(format!("{dir}/{name}")).unwrap(),
            })
            .collect();
        let mut offer = load_offer(&files).expect("content/ loads");
        let entitlement = offer.entitlements[0].clone();
        let entry = |id: &str, date: &str, about: Option<ItemRef>| YouSaidWeDid {
            id: id.into(),
            said: "It was hard to find.".into(),
            did: "We moved it to the top.".into(),
            date: date.parse().unwrap(),
            about,
        };
        let about = ItemRef::Entitlement(entitlement.id.clone());
        offer.you_said_we_did = vec![
            entry("older", "2026-03-01", Some(about.clone())),
            entry("newer", "2026-10-01", None),
        ];
        let ids: Vec<&str> = offer
            .you_said_we_did_newest()
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(ids, vec!["newer", "older"]);
        assert_eq!(offer.item_name(&about), Some(entitlement.title.as_str()));
        assert_eq!(offer.item_name(&ItemRef::Hub("no-such-hub".into())), None);
    }

    #[test]
    fn replies_and_entries_say_what_to_change() {
        assert!(reply_problem("  ").is_some());
        assert!(reply_problem(&"a".repeat(501)).is_some());
        assert_eq!(
            reply_problem("Thanks. Your PA will ring you on Thursday after 2pm."),
            None
        );
        let problems = entry_problems("", &"x".repeat(601), None);
        let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec!["said", "did", "date"]);
    }
}
