//! Whether a message can be sent: every problem at once, each in plain words.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::types::{About, CategoryReview, Message, MessageBody};
use crate::contact_details::{is_valid_email, is_valid_phone};
use crate::i18n::Words;
use crate::money::with_thousands;
use crate::offer::Offer;

/// The largest message, in bytes of JSON, the server accepts (its `413` limit).
pub const MAX_BYTES: usize = 16 * 1024;
/// The longest free text (feedback, "what it's about", "what's missing"), in characters.
pub const MAX_TEXT: usize = 4000;
/// The longest comments on one category of a group review, in characters; nine categories of
/// comments and the rest of a review must still fit in [`MAX_BYTES`].
pub const MAX_COMMENTS: usize = 1000;
/// The longest name of a person or a group, in characters.
pub const MAX_NAME: usize = 100;
/// The longest "best time to contact me", in characters.
pub const MAX_BEST_TIME: usize = 200;
/// The longest postal address, in characters.
pub const MAX_ADDRESS: usize = 300;
/// The longest email address the standards allow, in characters.
pub const MAX_EMAIL: usize = 254;
/// The longest "what the group would be about", in characters.
pub const MAX_GROUP_IDEA: usize = 500;
/// The most young people a group review can speak for.
pub const MAX_PARTICIPANTS: u16 = 200;

impl Message {
    /// Checks the message against `offer` (whose ids it may name), listing every problem.
    ///
    /// The time it was written is not checked: a phone with its clock set wrong would
    /// otherwise make a message the young person could never fix; the server keeps its
    /// own time of arrival next to it.
    pub fn validate(&self, offer: &Offer) -> Result<(), Vec<FieldError>> {
        self.validate_in(&Words::built_in(), offer)
    }

    /// [`validate`](Message::validate) with each problem in `words`' language, for the phone
    /// to show before anything is sent.
    pub fn validate_in(&self, words: &Words, offer: &Offer) -> Result<(), Vec<FieldError>> {
        let errors = self.check(words, Some(offer));
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Why the message is too big to send: the fields over their limits, or else the whole
    /// message. For a `413`, which the server gives before reading a word of it.
    pub fn size_problems(&self) -> Vec<FieldError> {
        self.size_problems_in(&Words::built_in())
    }

    /// [`size_problems`](Message::size_problems) in `words`' language.
    pub fn size_problems_in(&self, words: &Words) -> Vec<FieldError> {
        let errors = self.check(words, None);
        if errors.is_empty() {
            vec![too_large_in(words)]
        } else {
            errors
        }
    }

    /// Every problem; with no offer, only lengths (which need nothing else to check).
    fn check(&self, words: &Words, offer: Option<&Offer>) -> Vec<FieldError> {
        let mut check = Check {
            errors: Vec::new(),
            lengths_only: offer.is_none(),
            words,
        };
        if !is_uuid_v4(&self.id) {
            check.add("id", "message.broken_id");
        }
        if let Some(language) = &self.language {
            if !crate::i18n::language::is_language_tag(language) {
                check.add("language", "message.unknown_language");
            }
        }
        match &self.body {
            MessageBody::Feedback {
                about,
                reason,
                rating,
                text,
                name,
                reply_to,
            } => {
                if let Some(offer) = offer {
                    check.about(about, offer);
                }
                check.rating("rating", *rating);
                // "This is wrong" about one item says enough on its own: two taps to report it.
                if text.trim().is_empty() && rating.is_none() && reason.is_none() {
                    check.add("text", "message.feedback_empty");
                }
                check.length("text", text, MAX_TEXT, "message.message_too_long");
                if let Some(name) = given(name) {
                    check.length("name", name, MAX_NAME, "message.name_too_long");
                }
                if let Some(reply_to) = given(reply_to) {
                    check.reply_to(reply_to);
                }
            }
            MessageBody::ContactMe {
                name,
                phone,
                email,
                best_time,
                about,
                ..
            } => {
                check.name(name);
                check.phone_or_email(phone, email);
                check.length(
                    "best_time",
                    best_time,
                    MAX_BEST_TIME,
                    "message.best_time_too_long",
                );
                check.required("about", about, "message.about_required");
                check.length("about", about, MAX_TEXT, "message.message_too_long");
            }
            MessageBody::DetailsChanged {
                name,
                phone,
                email,
                address,
            } => {
                check.name(name);
                check.phone("phone", phone);
                check.email("email", email);
                if let Some(address) = given(address) {
                    check.length("address", address, MAX_ADDRESS, "message.address_too_long");
                }
                if given(phone).is_none() && given(email).is_none() && given(address).is_none() {
                    check.add("phone", "message.new_details_required");
                }
            }
            MessageBody::JoinGroup {
                group,
                name,
                phone,
                email,
            } => {
                if offer.is_some_and(|offer| offer.group(group).is_none()) {
                    check.add("group", "message.group_not_found");
                }
                check.name(name);
                check.phone_or_email(phone, email);
            }
            MessageBody::StartGroup {
                about,
                name,
                phone,
                email,
            } => {
                check.required("about", about, "message.group_idea_required");
                check.length(
                    "about",
                    about,
                    MAX_GROUP_IDEA,
                    "message.group_idea_too_long",
                );
                check.name(name);
                check.phone_or_email(phone, email);
            }
            MessageBody::GroupReview {
                group_name,
                participants,
                ratings,
                missing,
            } => {
                check.required("group_name", group_name, "message.group_name_required");
                check.length(
                    "group_name",
                    group_name,
                    MAX_NAME,
                    "message.group_name_too_long",
                );
                if *participants == 0 {
                    check.add("participants", "message.participants_required");
                } else if *participants > MAX_PARTICIPANTS {
                    check.add_with(
                        "participants",
                        "message.participants_range",
                        &[("max", &MAX_PARTICIPANTS.to_string())],
                    );
                }
                check.reviews(ratings, offer);
                check.length("missing", missing, MAX_TEXT, "message.missing_too_long");
                let said_something = ratings
                    .iter()
                    .any(|r| r.rating.is_some() || !r.comments.trim().is_empty())
                    || !missing.trim().is_empty();
                if !said_something {
                    check.add("ratings", "message.review_empty");
                }
            }
        }
        // Only worth saying when no single field explains it already.
        if check.errors.is_empty() && self.canonical_json().len() > MAX_BYTES {
            check.errors.push(too_large_in(words));
        }
        check.errors
    }
}

/// The reason given when the whole message is too big to send.
pub fn too_large() -> FieldError {
    too_large_in(&Words::built_in())
}

/// [`too_large`] in `words`' language.
pub fn too_large_in(words: &Words) -> FieldError {
    FieldError::new("", words.text("message.too_large", &[]))
}

/// An optional field's text, or `None` when it was left blank.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Collects problems so each check need only name its field and its message's key.
struct Check<'w, 'c> {
    errors: Vec<FieldError>,
    /// Keep only "too long" problems.
    lengths_only: bool,
    /// The language the problems are written in.
    words: &'w Words<'c>,
}

impl Check<'_, '_> {
    fn add(&mut self, field: impl Into<String>, key: &str) {
        self.add_with(field, key, &[]);
    }

    fn add_with(&mut self, field: impl Into<String>, key: &str, args: &[(&str, &str)]) {
        if !self.lengths_only {
            let message = self.words.text(key, args);
            self.errors.push(FieldError::new(field, message));
        }
    }

    fn required(&mut self, field: &str, value: &str, key: &str) {
        if value.trim().is_empty() {
            self.add(field, key);
        }
    }

    /// A "too long" problem, said by `key` ("Your name is too long ..."), whose `{max}` and
    /// `{count}` are numbers written with thousands commas ("4,000").
    fn length(&mut self, field: &str, value: &str, max: usize, key: &str) {
        let count = value.chars().count();
        if count > max {
            let message = self.words.text(
                key,
                &[
                    ("max", &with_thousands(max as u64)),
                    ("count", &with_thousands(count as u64)),
                ],
            );
            self.errors.push(FieldError::new(field, message));
        }
    }

    fn name(&mut self, name: &str) {
        self.required("name", name, "message.name_required");
        self.length("name", name, MAX_NAME, "message.name_too_long");
    }

    fn rating(&mut self, field: &str, rating: Option<u8>) {
        if rating.is_some_and(|r| !(1..=5).contains(&r)) {
            self.add(field, "message.rating_range");
        }
    }

    fn phone(&mut self, field: &str, phone: &Option<String>) {
        if given(phone).is_some_and(|p| !is_valid_phone(p)) {
            self.add(field, "message.phone_invalid");
        }
    }

    fn email(&mut self, field: &str, email: &Option<String>) {
        if let Some(email) = given(email) {
            if email.chars().count() > MAX_EMAIL {
                self.length(field, email, MAX_EMAIL, "message.email_too_long");
            } else if !is_valid_email(email) {
                self.add(field, "message.email_invalid");
            }
        }
    }

    fn phone_or_email(&mut self, phone: &Option<String>, email: &Option<String>) {
        self.phone("phone", phone);
        self.email("email", email);
        if given(phone).is_none() && given(email).is_none() {
            self.add("phone", "message.phone_or_email_required");
        }
    }

    fn reply_to(&mut self, reply_to: &str) {
        let fits = if reply_to.contains('@') {
            reply_to.chars().count() <= MAX_EMAIL && is_valid_email(reply_to)
        } else {
            is_valid_phone(reply_to)
        };
        if !fits {
            self.add("reply_to", "message.reply_to_invalid");
        }
    }

    fn about(&mut self, about: &About, offer: &Offer) {
        match about {
            About::App | About::Offer => {}
            About::Entitlement(id) if offer.entitlement(id).is_none() => {
                self.add("about", "message.entitlement_not_found")
            }
            About::Hub(id) if offer.hub(id).is_none() => self.add("about", "message.hub_not_found"),
            About::Contact(id) if offer.contact(id).is_none() => {
                self.add("about", "message.contact_not_found")
            }
            About::Entitlement(_) | About::Hub(_) | About::Contact(_) => {}
        }
    }

    fn reviews(&mut self, ratings: &[CategoryReview], offer: Option<&Offer>) {
        let mut seen = HashSet::new();
        for (i, review) in ratings.iter().enumerate() {
            let at = |field: &str| format!("ratings[{}].{field}", i + 1);
            match offer.map(|offer| offer.category(&review.category)) {
                None => {}
                Some(None) => self.add(at("category"), "message.category_not_found"),
                Some(Some(category)) if !seen.insert(category.id.as_str()) => self.add_with(
                    at("category"),
                    "message.category_reviewed_twice",
                    &[("category", &category.title)],
                ),
                Some(Some(_)) => {}
            }
            self.rating(&at("rating"), review.rating);
            self.length(
                &at("comments"),
                &review.comments,
                MAX_COMMENTS,
                "message.comments_too_long",
            );
        }
    }
}

/// Something to change before a message can be sent, said kindly and plainly.
///
/// `field` names the form field: `text`, `email`, `ratings[2].rating` (lists count from 1),
/// or is empty when the problem is with the message as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field to change, or empty for the whole message.
    pub field: String,
    /// What to change, in words a 11-year-old can read.
    pub message: String,
}

impl FieldError {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

/// True when `id` is a UUID v4 in lower case, as `crypto.randomUUID()` makes.
pub fn is_uuid_v4(id: &str) -> bool {
    let bytes = id.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, &b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            14 => b == b'4',
            19 => matches!(b, b'8' | b'9' | b'a' | b'b'),
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        })
}
