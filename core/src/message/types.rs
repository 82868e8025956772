//! The message types: what is kept in the outbox and sent, in the shape of its JSON.
//!
//! They live in a module of their own, which `message` re-exports, so that `validate` can
//! check them without importing `message` while `message` imports `validate`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One message, as kept in the outbox and sent to the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// A random UUID v4 in lower case, made on the phone; the server accepts each id once.
    pub id: String,
    /// When the young person pressed send, by the phone's clock.
    pub created_at: DateTime<Utc>,
    /// The language the app was in when they wrote it (a BCP 47 code such as `ps`), so staff
    /// know to answer in it or with an interpreter. Left out for English, and so messages
    /// sent before it existed keep their exact bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// What kind of message it is and what it says.
    #[serde(flatten)]
    pub body: MessageBody,
}

/// What a message says; `kind` on the wire names the variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum MessageBody {
    /// "Have your say": anonymous unless a name and a way to reply are given.
    Feedback {
        /// What the feedback is about.
        about: About,
        /// Why they are writing, when they chose a reason; staff can filter on it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<FeedbackReason>,
        /// Stars from 1 to 5, if given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rating: Option<u8>,
        /// What they want to say (may be empty when a rating is given).
        #[serde(default)]
        text: String,
        /// Their name, if they want to give it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// A phone number or email address to reply to, if they want a reply.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reply_to: Option<String>,
    },
    /// "Please contact me" (not for emergencies): needs a phone number or an email address.
    ContactMe {
        /// Who to ask for.
        name: String,
        /// A phone number to call.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        phone: Option<String>,
        /// An email address to write to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        email: Option<String>,
        /// When is good, in their words; empty means any time.
        #[serde(default)]
        best_time: String,
        /// What it is about.
        about: String,
        /// "21 or over and want help again?": a care leaver over 21 asking for support back.
        /// Staff see these flagged and first. Left out of the JSON when false, so messages
        /// sent before it existed keep their exact bytes.
        #[serde(default, skip_serializing_if = "is_false")]
        support_back: bool,
    },
    /// "My details have changed": at least one of a new phone, email or address.
    DetailsChanged {
        /// Who has moved or changed number.
        name: String,
        /// Their new phone number.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        phone: Option<String>,
        /// Their new email address.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        email: Option<String>,
        /// Their new address, as they write it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        address: Option<String>,
    },
    /// "I'd like to join" a group from the offer: needs a phone number or an email address.
    JoinGroup {
        /// The group's id in the offer.
        group: String,
        /// Who wants to join.
        name: String,
        /// A phone number to call.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        phone: Option<String>,
        /// An email address to write to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        email: Option<String>,
    },
    /// "I'd like to start a group about ...": needs a phone number or an email address.
    StartGroup {
        /// What the group would be about, in their words.
        about: String,
        /// Who would like to start it.
        name: String,
        /// A phone number to call.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        phone: Option<String>,
        /// An email address to write to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        email: Option<String>,
    },
    /// A participation group's review of the whole offer, category by category.
    GroupReview {
        /// The group's own name for itself.
        group_name: String,
        /// How many young people took part (1 to 200).
        participants: u16,
        /// A rating and comments for some or all of the offer's categories.
        #[serde(default)]
        ratings: Vec<CategoryReview>,
        /// "What's missing from the offer?"
        #[serde(default)]
        missing: String,
    },
}

/// What feedback is about. On the wire: `"app"`, `"offer"`, `{"entitlement":"<id>"}`,
/// `{"hub":"<id>"}` or `{"contact":"<id>"}`, with ids from the offer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum About {
    /// The app itself.
    App,
    /// The local offer as a whole.
    Offer,
    /// One entitlement, by id.
    Entitlement(String),
    /// One hub, by id.
    Hub(String),
    /// One contact (a team or helpline), by id.
    Contact(String),
}

impl About {
    /// How forms and links write it: `app`, `offer`, `entitlement:<id>`, `hub:<id>` or
    /// `contact:<id>`.
    pub fn to_slug(&self) -> String {
        match self {
            About::App => "app".to_string(),
            About::Offer => "offer".to_string(),
            About::Entitlement(id) => format!("entitlement:{id}"),
            About::Hub(id) => format!("hub:{id}"),
            About::Contact(id) => format!("contact:{id}"),
        }
    }

    /// Reads what [`About::to_slug`] writes; `None` for anything else.
    pub fn from_slug(slug: &str) -> Option<About> {
        match slug {
            "app" => return Some(About::App),
            "offer" => return Some(About::Offer),
            _ => {}
        }
        let (what, id) = slug.split_once(':')?;
        if id.is_empty() {
            return None;
        }
        let id = id.to_string();
        match what {
            "entitlement" => Some(About::Entitlement(id)),
            "hub" => Some(About::Hub(id)),
            "contact" => Some(About::Contact(id)),
            _ => None,
        }
    }
}

/// Why someone gave feedback, when they said. On the wire in kebab-case:
/// `"wrong-or-out-of-date"`. The staff inbox filters on these names: never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FeedbackReason {
    /// "This information is wrong or out of date": something to check against its source.
    WrongOrOutOfDate,
}

impl FeedbackReason {
    /// Every reason, in the order forms offer them.
    pub const ALL: [FeedbackReason; 1] = [FeedbackReason::WrongOrOutOfDate];

    /// Its name on the wire and in links, e.g. "wrong-or-out-of-date".
    pub fn slug(self) -> &'static str {
        match self {
            FeedbackReason::WrongOrOutOfDate => "wrong-or-out-of-date",
        }
    }

    /// The reason with this name, if any.
    pub fn from_slug(slug: &str) -> Option<FeedbackReason> {
        FeedbackReason::ALL.into_iter().find(|r| r.slug() == slug)
    }

    /// What the young person reads on the form.
    pub fn label(self) -> &'static str {
        crate::i18n::english::text(self.label_key())
    }

    /// [`label`](FeedbackReason::label) in `words`' language.
    pub fn label_in(self, words: &crate::i18n::Words) -> String {
        words.text(self.label_key(), &[])
    }

    fn label_key(self) -> &'static str {
        match self {
            FeedbackReason::WrongOrOutOfDate => "message.reason_wrong_or_out_of_date",
        }
    }
}

/// A group's view of one category of the offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryReview {
    /// The category's id in the offer.
    pub category: String,
    /// Stars from 1 to 5, if the group agreed on one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// What the group said about it.
    #[serde(default)]
    pub comments: String,
}

/// The kinds of message. On the wire each is its [`slug`](MessageKind::slug), the `kind`
/// field of the JSON; serde writes that field from [`MessageBody`]'s own names, and a test
/// checks every variant's `kind` against its slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MessageKind {
    /// "Have your say" feedback.
    Feedback,
    /// "Please contact me".
    ContactMe,
    /// "My details have changed".
    DetailsChanged,
    /// "I'd like to join a group".
    JoinGroup,
    /// A participation group's review of the offer.
    GroupReview,
    /// "I'd like to start a group".
    StartGroup,
}

impl MessageKind {
    /// Every kind, in the order staff pages list them.
    pub const ALL: [MessageKind; 6] = [
        MessageKind::Feedback,
        MessageKind::ContactMe,
        MessageKind::DetailsChanged,
        MessageKind::JoinGroup,
        MessageKind::GroupReview,
        MessageKind::StartGroup,
    ];

    /// How `kind` is written on the wire, in the database and in links, e.g. "contact-me".
    /// Stored messages and the staff inbox's filters use these names: never rename one.
    pub fn slug(self) -> &'static str {
        match self {
            MessageKind::Feedback => "feedback",
            MessageKind::ContactMe => "contact-me",
            MessageKind::DetailsChanged => "details-changed",
            MessageKind::JoinGroup => "join-group",
            MessageKind::GroupReview => "group-review",
            MessageKind::StartGroup => "start-group",
        }
    }

    /// The kind with this slug, if any.
    pub fn from_slug(slug: &str) -> Option<MessageKind> {
        MessageKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// What staff read for this kind in the inbox, filters and exports.
    pub fn staff_label(self) -> &'static str {
        match self {
            MessageKind::Feedback => "Feedback",
            MessageKind::ContactMe => "Please contact me",
            MessageKind::DetailsChanged => "My details have changed",
            MessageKind::JoinGroup => "I'd like to join a group",
            MessageKind::GroupReview => "Group review",
            MessageKind::StartGroup => "I'd like to start a group",
        }
    }
}

impl std::fmt::Display for MessageKind {
    /// Writes the slug, so `format!("/have-your-say/{kind}")` makes a link.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.slug())
    }
}

impl MessageBody {
    /// Its kind; on the wire, `kind` is [`MessageKind::slug`] of this.
    pub fn kind(&self) -> MessageKind {
        match self {
            MessageBody::Feedback { .. } => MessageKind::Feedback,
            MessageBody::ContactMe { .. } => MessageKind::ContactMe,
            MessageBody::DetailsChanged { .. } => MessageKind::DetailsChanged,
            MessageBody::JoinGroup { .. } => MessageKind::JoinGroup,
            MessageBody::GroupReview { .. } => MessageKind::GroupReview,
            MessageBody::StartGroup { .. } => MessageKind::StartGroup,
        }
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}
