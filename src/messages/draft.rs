//! Drafts: a form's fields as text, and how they become a message body and back.

use std::collections::BTreeMap;

use offer_core::message::{About, CategoryReview, FeedbackReason, MessageBody, MessageKind};

/// A form's fields by name, kept on the phone while it is being written.
pub type Draft = BTreeMap<String, String>;

/// A form for each kind of message, with the catalogue keys of its title and introduction;
/// its address is the kind's slug (`/have-your-say/feedback`).
pub const FORMS: [(MessageKind, &str, &str); 6] = [
    (
        MessageKind::Feedback,
        "draft.feedback_title",
        "draft.feedback_intro",
    ),
    (
        MessageKind::ContactMe,
        "draft.contact_me_title",
        "draft.contact_me_intro",
    ),
    (
        MessageKind::DetailsChanged,
        "draft.details_changed_title",
        "draft.details_changed_intro",
    ),
    (
        MessageKind::JoinGroup,
        "draft.join_group_title",
        "draft.join_group_intro",
    ),
    (
        MessageKind::StartGroup,
        "draft.start_group_title",
        "draft.start_group_intro",
    ),
    (
        MessageKind::GroupReview,
        "draft.group_review_title",
        "draft.group_review_intro",
    ),
];

/// "Ask for help again": a "please contact me" from a care leaver of 21 or over, marked as
/// support back. Not listed with the others: the home page, the 21+ page and Contacts link to it.
pub const SUPPORT_BACK: (&str, &str, &str) = (
    "support-back",
    "draft.support_back_title",
    "draft.support_back_intro",
);

/// The form with this address (`kind`), with its title's and introduction's keys.
pub fn form(kind: &str) -> Option<(&'static str, &'static str, &'static str)> {
    FORMS
        .iter()
        .map(|&(sends, title, intro)| (sends.slug(), title, intro))
        .chain(std::iter::once(SUPPORT_BACK))
        .find(|f| f.0 == kind)
}

/// The kind of message the form at this address sends: its own, or "please contact me" for
/// "ask for help again".
pub fn kind_of(form: &str) -> Option<MessageKind> {
    if form == SUPPORT_BACK.0 {
        Some(MessageKind::ContactMe)
    } else {
        MessageKind::from_slug(form)
    }
}

fn text(d: &Draft, key: &str) -> String {
    d.get(key).map(|s| s.trim().to_string()).unwrap_or_default()
}

fn optional(d: &Draft, key: &str) -> Option<String> {
    Some(text(d, key)).filter(|s| !s.is_empty())
}

/// A field's text exactly as typed (free text keeps its spaces and line breaks).
fn as_typed(d: &Draft, key: &str) -> String {
    d.get(key).cloned().unwrap_or_default()
}

/// The field name of a category's rating or comments in a group review's draft.
pub fn review_key(index: usize, part: &str) -> String {
    // Lists count from 1, as the service's field errors do: "ratings[2].rating".
    format!("ratings[{}].{part}", index + 1)
}

/// Turns a draft into the body of a message of `kind`; `categories` are the offer's ids.
pub fn to_body(kind: &str, d: &Draft, categories: &[String]) -> Option<MessageBody> {
    Some(match kind_of(kind)? {
        MessageKind::Feedback => MessageBody::Feedback {
            about: About::from_slug(&text(d, "about")).unwrap_or(About::Offer),
            reason: FeedbackReason::from_slug(&text(d, "reason")),
            rating: text(d, "rating").parse().ok(),
            text: as_typed(d, "text"),
            name: optional(d, "name"),
            reply_to: optional(d, "reply_to"),
        },
        MessageKind::ContactMe => MessageBody::ContactMe {
            name: text(d, "name"),
            phone: optional(d, "phone"),
            email: optional(d, "email"),
            best_time: text(d, "best_time"),
            about: as_typed(d, "about"),
            support_back: kind == SUPPORT_BACK.0 || text(d, "support_back") == "yes",
        },
        MessageKind::StartGroup => MessageBody::StartGroup {
            about: as_typed(d, "about"),
            name: text(d, "name"),
            phone: optional(d, "phone"),
            email: optional(d, "email"),
        },
        MessageKind::DetailsChanged => MessageBody::DetailsChanged {
            name: text(d, "name"),
            phone: optional(d, "phone"),
            email: optional(d, "email"),
            address: optional(d, "address"),
        },
        MessageKind::JoinGroup => MessageBody::JoinGroup {
            group: text(d, "group"),
            name: text(d, "name"),
            phone: optional(d, "phone"),
            email: optional(d, "email"),
        },
        MessageKind::GroupReview => MessageBody::GroupReview {
            group_name: text(d, "group_name"),
            // An unreadable number is sent as 0 so the check says "how many took part?".
            participants: text(d, "participants").parse().unwrap_or(0),
            ratings: categories
                .iter()
                .enumerate()
                .map(|(i, category)| CategoryReview {
                    category: category.clone(),
                    rating: text(d, &review_key(i, "rating")).parse().ok(),
                    comments: text(d, &review_key(i, "comments")),
                })
                .filter(|r| r.rating.is_some() || !r.comments.is_empty())
                .collect(),
            missing: as_typed(d, "missing"),
        },
    })
}

/// A feedback draft opened from a link such as "Something wrong on this page?": the link's
/// `about` and `reason` are chosen, anything already written is kept, and values that are
/// not an item or a reason are ignored.
pub fn prefilled(mut d: Draft, about: Option<&str>, reason: Option<&str>) -> Draft {
    if let Some(about) = about.and_then(About::from_slug) {
        d.insert(String::from("about"), about.to_slug());
    }
    if let Some(reason) = reason.and_then(FeedbackReason::from_slug) {
        d.insert(String::from("reason"), reason.slug().to_string());
    }
    d
}

/// Turns a message body back into the address of its form and its draft, to change a
/// message and resend it.
pub fn from_body(body: &MessageBody, categories: &[String]) -> (&'static str, Draft) {
    let mut d = Draft::new();
    let mut keep = |k: &str, v: &str| {
        if !v.is_empty() {
            d.insert(k.to_string(), v.to_string());
        }
    };
    let mut form = body.kind().slug();
    match body {
        MessageBody::Feedback {
            about,
            reason,
            rating,
            text,
            name,
            reply_to,
        } => {
            keep("about", &about.to_slug());
            keep("reason", reason.map(FeedbackReason::slug).unwrap_or(""));
            keep("rating", &rating.map(|r| r.to_string()).unwrap_or_default());
            keep("text", text);
            keep("name", name.as_deref().unwrap_or(""));
            keep("reply_to", reply_to.as_deref().unwrap_or(""));
        }
        MessageBody::ContactMe {
            name,
            phone,
            email,
            best_time,
            about,
            support_back,
        } => {
            keep("name", name);
            keep("phone", phone.as_deref().unwrap_or(""));
            keep("email", email.as_deref().unwrap_or(""));
            keep("best_time", best_time);
            keep("about", about);
            keep("support_back", if *support_back { "yes" } else { "" });
            if *support_back {
                form = SUPPORT_BACK.0;
            }
        }
        MessageBody::StartGroup {
            about,
            name,
            phone,
            email,
        } => {
            keep("about", about);
            keep("name", name);
            keep("phone", phone.as_deref().unwrap_or(""));
            keep("email", email.as_deref().unwrap_or(""));
        }
        MessageBody::DetailsChanged {
            name,
            phone,
            email,
            address,
        } => {
            keep("name", name);
            keep("phone", phone.as_deref().unwrap_or(""));
            keep("email", email.as_deref().unwrap_or(""));
            keep("address", address.as_deref().unwrap_or(""));
        }
        MessageBody::JoinGroup {
            group,
            name,
            phone,
            email,
        } => {
            keep("group", group);
            keep("name", name);
            keep("phone", phone.as_deref().unwrap_or(""));
            keep("email", email.as_deref().unwrap_or(""));
        }
        MessageBody::GroupReview {
            group_name,
            participants,
            ratings,
            missing,
        } => {
            keep("group_name", group_name);
            keep("participants", &participants.to_string());
            for r in ratings {
                if let Some(i) = categories.iter().position(|c| *c == r.category) {
                    keep(
                        &review_key(i, "rating"),
                        &r.rating.map(|x| x.to_string()).unwrap_or_default(),
                    );
                    keep(&review_key(i, "comments"), &r.comments);
                }
            }
            keep("missing", missing);
        }
    }
    (form, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(fields: &[(&str, &str)]) -> Draft {
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn asking_for_help_again_is_a_contact_request_marked_support_back_and_opens_the_same_form() {
        let d = draft(&[
            ("name", "Sam"),
            ("phone", "07700 900222"),
            ("best_time", "Mornings"),
            ("about", "Money"),
        ]);
        let body = to_body("support-back", &d, &[]).unwrap();
        assert!(matches!(
            body,
            MessageBody::ContactMe {
                support_back: true,
                ..
            }
        ));
        let (kind, back) = from_body(&body, &[]);
        assert_eq!(kind, "support-back");
        assert_eq!(to_body(kind, &back, &[]), Some(body));
        assert_eq!(form(kind).map(|f| f.1), Some("draft.support_back_title"));
        // An ordinary contact request stays one.
        let plain = to_body("contact-me", &d, &[]).unwrap();
        assert_eq!(from_body(&plain, &[]).0, "contact-me");
    }

    #[test]
    fn an_idea_for_a_group_goes_out_and_comes_back_as_a_start_group_form() {
        let d = draft(&[
            ("about", "Cooking on a budget"),
            ("name", "Kit"),
            ("email", "kit@example.com"),
        ]);
        let body = to_body("start-group", &d, &[]).unwrap();
        assert_eq!(body.kind(), MessageKind::StartGroup);
        let (kind, back) = from_body(&body, &[]);
        assert_eq!((kind, back), ("start-group", d));
        assert!(FORMS.iter().any(|f| f.0 == MessageKind::StartGroup));
        assert_eq!(form("no-such-form"), None);
    }

    #[test]
    fn every_kind_of_message_has_a_form_at_its_slug() {
        for kind in MessageKind::ALL {
            assert!(FORMS.iter().any(|f| f.0 == kind), "{kind}");
            assert!(form(kind.slug()).is_some(), "{kind}");
            assert_eq!(kind_of(kind.slug()), Some(kind));
        }
        assert_eq!(kind_of(SUPPORT_BACK.0), Some(MessageKind::ContactMe));
        assert_eq!(kind_of("no-such-form"), None);
    }
}
