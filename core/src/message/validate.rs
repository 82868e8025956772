//! Whether a message can be sent: every problem at once, each in plain words.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::types::{About, CategoryReview, Message, MessageBody};
use crate::contact_details::{is_valid_email, is_valid_phone};
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
        let errors = self.check(Some(offer));
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Why the message is too big to send: the fields over their limits, or else the whole
    /// message. For a `413`, which the server gives before reading a word of it.
    pub fn size_problems(&self) -> Vec<FieldError> {
        let errors = self.check(None);
        if errors.is_empty() {
            vec![too_large()]
        } else {
            errors
        }
    }

    /// Every problem; with no offer, only lengths (which need nothing else to check).
    fn check(&self, offer: Option<&Offer>) -> Vec<FieldError> {
        let mut check = Check {
            errors: Vec::new(),
            lengths_only: offer.is_none(),
        };
        if !is_uuid_v4(&self.id) {
            check.add(
                "id",
                "This message has a broken id. Please delete it and write it again.",
            );
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
                    check.add("text", "Please write your feedback, or choose a rating.");
                }
                check.length("text", text, MAX_TEXT, "Your message");
                if let Some(name) = given(name) {
                    check.length("name", name, MAX_NAME, "Your name");
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
                    "The best time to contact you",
                );
                check.required("about", about, "Please tell us what it's about.");
                check.length("about", about, MAX_TEXT, "Your message");
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
                    check.length("address", address, MAX_ADDRESS, "Your address");
                }
                if given(phone).is_none() && given(email).is_none() && given(address).is_none() {
                    check.add(
                        "phone",
                        "Please tell us your new phone number, email address or home address.",
                    );
                }
            }
            MessageBody::JoinGroup {
                group,
                name,
                phone,
                email,
            } => {
                if offer.is_some_and(|offer| offer.group(group).is_none()) {
                    check.add(
                        "group",
                        "We couldn't find that group. It may have stopped running. Please choose another one.",
                    );
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
                check.required(
                    "about",
                    about,
                    "Please tell us what the group would be about.",
                );
                check.length("about", about, MAX_GROUP_IDEA, "What the group is about");
                check.name(name);
                check.phone_or_email(phone, email);
            }
            MessageBody::GroupReview {
                group_name,
                participants,
                ratings,
                missing,
            } => {
                check.required(
                    "group_name",
                    group_name,
                    "Please tell us your group's name.",
                );
                check.length("group_name", group_name, MAX_NAME, "Your group's name");
                if *participants == 0 {
                    check.add(
                        "participants",
                        "Please tell us how many young people took part.",
                    );
                } else if *participants > MAX_PARTICIPANTS {
                    check.add(
                        "participants",
                        format!("Please check how many young people took part. It should be a number from 1 to {MAX_PARTICIPANTS}."),
                    );
                }
                check.reviews(ratings, offer);
                check.length("missing", missing, MAX_TEXT, "Your answer");
                let said_something = ratings
                    .iter()
                    .any(|r| r.rating.is_some() || !r.comments.trim().is_empty())
                    || !missing.trim().is_empty();
                if !said_something {
                    check.add(
                        "ratings",
                        "Your review is empty. Please rate or comment on at least one part of the offer, or tell us what's missing.",
                    );
                }
            }
        }
        // Only worth saying when no single field explains it already.
        if check.errors.is_empty() && self.canonical_json().len() > MAX_BYTES {
            check.errors.push(too_large());
        }
        check.errors
    }
}

/// The reason given when the whole message is too big to send.
pub fn too_large() -> FieldError {
    FieldError::new(
        "",
        "This message is too long to send. Please make it shorter and send it again.",
    )
}

/// An optional field's text, or `None` when it was left blank.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Collects problems so each check need only name its field.
struct Check {
    errors: Vec<FieldError>,
    /// Keep only "too long" problems.
    lengths_only: bool,
}

impl Check {
    fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        if !self.lengths_only {
            self.errors.push(FieldError::new(field, message));
        }
    }

    fn required(&mut self, field: &str, value: &str, message: &str) {
        if value.trim().is_empty() {
            self.add(field, message);
        }
    }

    fn length(&mut self, field: &str, value: &str, max: usize, what: &str) {
        let count = value.chars().count();
        if count > max {
            self.errors.push(FieldError::new(
                field,
                format!(
                    "{what} is too long. Please keep it under {} characters (it has {}).",
                    with_thousands(max as u64),
                    with_thousands(count as u64)
                ),
            ));
        }
    }

    fn name(&mut self, name: &str) {
        self.required("name", name, "Please tell us your name.");
        self.length("name", name, MAX_NAME, "Your name");
    }

    fn rating(&mut self, field: &str, rating: Option<u8>) {
        if rating.is_some_and(|r| !(1..=5).contains(&r)) {
            self.add(field, "Please choose a rating from 1 to 5.");
        }
    }

    fn phone(&mut self, field: &str, phone: &Option<String>) {
        if given(phone).is_some_and(|p| !is_valid_phone(p)) {
            self.add(
                field,
                "Please check your phone number. It should look like 07700 900123.",
            );
        }
    }

    fn email(&mut self, field: &str, email: &Option<String>) {
        if let Some(email) = given(email) {
            if email.chars().count() > MAX_EMAIL {
                self.length(field, email, MAX_EMAIL, "Your email address");
            } else if !is_valid_email(email) {
                self.add(
                    field,
                    "Please check your email address. It should look like name@example.com.",
                );
            }
        }
    }

    fn phone_or_email(&mut self, phone: &Option<String>, email: &Option<String>) {
        self.phone("phone", phone);
        self.email("email", email);
        if given(phone).is_none() && given(email).is_none() {
            self.add(
                "phone",
                "Please give us a phone number or an email address so we can get in touch.",
            );
        }
    }

    fn reply_to(&mut self, reply_to: &str) {
        let fits = if reply_to.contains('@') {
            reply_to.chars().count() <= MAX_EMAIL && is_valid_email(reply_to)
        } else {
            is_valid_phone(reply_to)
        };
        if !fits {
            self.add(
                "reply_to",
                "Please check how we can reply. Give a phone number like 07700 900123 or an email address like name@example.com.",
            );
        }
    }

    fn about(&mut self, about: &About, offer: &Offer) {
        match about {
            About::App | About::Offer => {}
            About::Entitlement(id) if offer.entitlement(id).is_none() => self.add(
                "about",
                "We couldn't find that part of the offer. It may have changed. Please choose again.",
            ),
            About::Hub(id) if offer.hub(id).is_none() => self.add(
                "about",
                "We couldn't find that place. It may have changed. Please choose again.",
            ),
            About::Contact(id) if offer.contact(id).is_none() => self.add(
                "about",
                "We couldn't find that contact. It may have changed. Please choose again.",
            ),
            About::Entitlement(_) | About::Hub(_) | About::Contact(_) => {}
        }
    }

    fn reviews(&mut self, ratings: &[CategoryReview], offer: Option<&Offer>) {
        let mut seen = HashSet::new();
        for (i, review) in ratings.iter().enumerate() {
            let at = |field: &str| format!("ratings[{}].{field}", i + 1);
            match offer.map(|offer| offer.category(&review.category)) {
                None => {}
                Some(None) => self.add(
                    at("category"),
                    "We couldn't find this part of the offer. It may have changed. Please remove it.",
                ),
                Some(Some(category)) if !seen.insert(category.id.as_str()) => self.add(
                    at("category"),
                    format!(
                        "You have reviewed \"{}\" more than once. Please keep just one.",
                        category.title
                    ),
                ),
                Some(Some(_)) => {}
            }
            self.rating(&at("rating"), review.rating);
            self.length(
                &at("comments"),
                &review.comments,
                MAX_COMMENTS,
                "Your comments",
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
