//! The inbox's rules, in plain Rust: what each message says as labelled fields, which ones a
//! filter keeps and how they sort (as SQL, in [`selection`], so the database does the work),
//! the columns worked out once from each message for that ([`Facets`]), and paging. Handlers
//! ask the store for a [`Listing`] and render it.

use chrono::{DateTime, NaiveDate, Utc};
use offer_core::message::{About, FeedbackReason, MessageBody};
use offer_core::roles::CONTACT_KINDS;
use offer_core::working_days::BankHolidays;
use offer_core::Offer;
use serde::Deserialize;

use super::store::{contact_method_label, StaffMessage, Status};

pub mod selection;

pub use selection::Selection;

/// Messages on one page of the inbox.
pub const PER_PAGE: usize = 25;

/// Each kind of message, as on the wire, with its name for staff.
pub const KIND_LABELS: [(&str, &str); 6] = [
    ("feedback", "Feedback"),
    ("contact-me", "Please contact me"),
    ("details-changed", "My details have changed"),
    ("join-group", "I'd like to join a group"),
    ("group-review", "Group review"),
    ("start-group", "I'd like to start a group"),
];

/// The staff name of a kind.
pub fn kind_label(kind: &str) -> &str {
    KIND_LABELS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(kind, |(_, l)| l)
}

/// The inbox's filters, as they arrive in the query string. Empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// A kind, e.g. "contact-me".
    pub kind: String,
    /// A status slug.
    pub status: String,
    /// "me", "nobody", or an account id.
    pub assigned: String,
    /// Received on or after this day (YYYY-MM-DD, UK time).
    pub from: String,
    /// Received on or before this day (YYYY-MM-DD, UK time).
    pub to: String,
    /// What it is about: "app", "offer", "entitlement:ID", "hub:ID" or "group:ID".
    pub about: String,
    /// Why feedback was sent, e.g. "wrong-or-out-of-date".
    pub reason: String,
    /// Words to look for.
    pub q: String,
    /// Which page, from 1.
    pub page: String,
}

/// A filter with something wrong in it, said plainly, for the error summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterProblem {
    /// The form field's name.
    pub field: &'static str,
    /// What to change.
    pub message: &'static str,
}

impl Filter {
    /// Problems with the dates, which are the only fields a person types in a set format.
    pub fn problems(&self) -> Vec<FilterProblem> {
        let mut problems = Vec::new();
        if !self.from.trim().is_empty() && parse_day(&self.from).is_none() {
            problems.push(FilterProblem {
                field: "from",
                message: "Enter the 'received from' date as a real date, like 2026-11-23",
            });
        }
        if !self.to.trim().is_empty() && parse_day(&self.to).is_none() {
            problems.push(FilterProblem {
                field: "to",
                message: "Enter the 'received to' date as a real date, like 2026-11-30",
            });
        }
        if let (Some(from), Some(to)) = (parse_day(&self.from), parse_day(&self.to)) {
            if from > to {
                problems.push(FilterProblem {
                    field: "to",
                    message: "The 'received to' date must be the same as or after the 'received from' date",
                });
            }
        }
        problems
    }

    /// The page asked for, from 1.
    pub fn page(&self) -> usize {
        self.page.trim().parse().unwrap_or(1).max(1)
    }

    /// The filter as a query string (without the page), for links and the export.
    pub fn query_string(&self) -> String {
        let pairs = [
            ("kind", &self.kind),
            ("status", &self.status),
            ("assigned", &self.assigned),
            ("from", &self.from),
            ("to", &self.to),
            ("about", &self.about),
            ("reason", &self.reason),
            ("q", &self.q),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}={}", encode(v.trim())))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        self.query_string().is_empty()
    }
}

/// Percent-encodes a query value.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// What a message is about, as a filter value: "app", "offer", "entitlement:ID",
/// "hub:ID" or "group:ID"; `None` for contact requests, which are about a person.
pub fn about_key(body: &MessageBody) -> Option<String> {
    match body {
        MessageBody::Feedback { about, .. } => Some(match about {
            About::App => "app".to_string(),
            About::Offer => "offer".to_string(),
            About::Entitlement(id) => format!("entitlement:{id}"),
            About::Hub(id) => format!("hub:{id}"),
            About::Contact(id) => format!("contact:{id}"),
        }),
        MessageBody::JoinGroup { group, .. } => Some(format!("group:{group}")),
        MessageBody::GroupReview { .. } => Some("offer".to_string()),
        MessageBody::ContactMe { .. }
        | MessageBody::DetailsChanged { .. }
        | MessageBody::StartGroup { .. } => None,
    }
}

/// Why feedback was sent, when the young person chose a reason.
pub fn reason(body: &MessageBody) -> Option<FeedbackReason> {
    match body {
        MessageBody::Feedback { reason, .. } => *reason,
        _ => None,
    }
}

/// What an about key names, for people, and the app's page for it (if it has one).
pub fn about_label(key: &str, offer: &Offer) -> (String, Option<String>) {
    match key.split_once(':') {
        Some(("entitlement", id)) => match offer.entitlement(id) {
            Some(e) => (e.title.clone(), Some(format!("/offer/{id}"))),
            None => (format!("{id} (no longer in the offer)"), None),
        },
        Some(("hub", id)) => match offer.hub(id) {
            Some(h) => (format!("Hub: {}", h.name), Some(format!("/hubs/{id}"))),
            None => (format!("Hub {id} (no longer in the offer)"), None),
        },
        Some(("contact", id)) => match offer.contact(id) {
            Some(c) => (format!("Contact: {}", c.name), Some("/contacts".into())),
            None => (format!("Contact {id} (no longer in the offer)"), None),
        },
        Some(("group", id)) => match offer.group(id) {
            Some(g) => (format!("Group: {}", g.name), None),
            None => (format!("Group {id} (no longer in the offer)"), None),
        },
        _ if key == "app" => ("The app".to_string(), None),
        _ if key == "offer" => (
            "The local offer as a whole".to_string(),
            Some("/offer".into()),
        ),
        _ => (key.to_string(), None),
    }
}

/// Everything a message says, as labelled fields in the order its form asks for them.
/// Ratings of a group review come as one field per category.
pub fn fields(body: &MessageBody, offer: &Offer) -> Vec<(String, String)> {
    labelled_fields(body, |id| {
        offer
            .category(id)
            .map_or(id.to_string(), |c| c.title.clone())
    })
}

/// [`fields`], naming a group review's categories with `category_title`. The values never
/// depend on the offer, so the words to search are worked out once ([`Facets`]).
fn labelled_fields(
    body: &MessageBody,
    category_title: impl Fn(&str) -> String,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |label: &str, value: &str| {
        if !value.trim().is_empty() {
            out.push((label.to_string(), value.to_string()));
        }
    };
    match body {
        MessageBody::Feedback {
            rating,
            text,
            name,
            reply_to,
            reason,
            ..
        } => {
            if let Some(reason) = reason {
                push("Reason", reason.label());
            }
            if let Some(rating) = rating {
                push("Rating", &format!("{rating} out of 5"));
            }
            push("Feedback", text);
            push("Name", name.as_deref().unwrap_or(""));
            push("Reply to", reply_to.as_deref().unwrap_or(""));
        }
        MessageBody::ContactMe {
            name,
            phone,
            email,
            best_time,
            about,
            support_back,
        } => {
            if *support_back {
                push("Support back", "Yes: 21 or over and asking for help again");
            }
            push("Name", name);
            push("Phone", phone.as_deref().unwrap_or(""));
            push("Email", email.as_deref().unwrap_or(""));
            push("Best time", best_time);
            push("What it's about", about);
        }
        MessageBody::DetailsChanged {
            name,
            phone,
            email,
            address,
        } => {
            push("Name", name);
            push("New phone", phone.as_deref().unwrap_or(""));
            push("New email", email.as_deref().unwrap_or(""));
            push("New address", address.as_deref().unwrap_or(""));
        }
        MessageBody::JoinGroup {
            name, phone, email, ..
        } => {
            push("Name", name);
            push("Phone", phone.as_deref().unwrap_or(""));
            push("Email", email.as_deref().unwrap_or(""));
        }
        MessageBody::StartGroup {
            about,
            name,
            phone,
            email,
        } => {
            push("Group idea", about);
            push("Name", name);
            push("Phone", phone.as_deref().unwrap_or(""));
            push("Email", email.as_deref().unwrap_or(""));
        }
        MessageBody::GroupReview {
            group_name,
            participants,
            ratings,
            missing,
        } => {
            push("Group", group_name);
            push("Young people who took part", &participants.to_string());
            for review in ratings {
                let category = category_title(&review.category);
                let rating = review
                    .rating
                    .map(|r| format!("{r} out of 5. "))
                    .unwrap_or_default();
                push(&category, &format!("{rating}{}", review.comments));
            }
            push("What's missing", missing);
        }
    }
    out
}

/// What the inbox filters, orders and searches a message by, worked out once when it arrives
/// and stored beside it, so the database can do the inbox's work.
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

/// True for a contact request that is not done and is past its two working days.
pub fn is_overdue(item: &StaffMessage, now: DateTime<Utc>, holidays: &BankHolidays) -> bool {
    CONTACT_KINDS.contains(&item.message.body.kind())
        && item.status != Status::Done
        && holidays.is_overdue(item.received_at, now)
}

/// True for a "21 or over and want help again?" request.
pub fn is_support_back(item: &StaffMessage) -> bool {
    asks_support_back(&item.message.body)
}

fn asks_support_back(body: &MessageBody) -> bool {
    matches!(
        body,
        MessageBody::ContactMe {
            support_back: true,
            ..
        }
    )
}

/// One page of the inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// The messages on this page, in the inbox's order.
    pub items: Vec<StaffMessage>,
    /// How many messages match, over all pages.
    pub total: usize,
    /// How many the viewer may see and match every filter but status, per status.
    pub counts: Vec<(Status, usize)>,
    /// This page, from 1.
    pub page: usize,
    /// How many pages there are (at least 1).
    pub pages: usize,
}

/// Which page to show of `total` messages when `asked` is asked for (`None`: all of them on
/// one page, for the export): a page past the end shows the last. Gives the page, the
/// number of pages, and the rows to skip and take (`None`: all).
pub fn paging(total: usize, asked: Option<usize>) -> (usize, usize, usize, Option<usize>) {
    match asked {
        None => (1, 1, 0, None),
        Some(asked) => {
            let pages = total.div_ceil(PER_PAGE).max(1);
            let page = asked.clamp(1, pages);
            (page, pages, (page - 1) * PER_PAGE, Some(PER_PAGE))
        }
    }
}

/// The contact method's label for a done "please contact me".
pub fn contact_made(item: &StaffMessage) -> String {
    item.contact_method
        .as_deref()
        .and_then(contact_method_label)
        .unwrap_or("")
        .to_string()
}

/// A line about a message for the inbox's table.
pub fn summary(body: &MessageBody, offer: &Offer) -> String {
    let short = |text: &str, max: usize| {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.chars().count() > max {
            format!("{}...", text.chars().take(max).collect::<String>())
        } else {
            text
        }
    };
    let about = about_key(body).map(|k| about_label(&k, offer).0);
    match body {
        MessageBody::Feedback { rating, text, .. } => {
            let mut line = about.unwrap_or_default();
            if let Some(rating) = rating {
                line.push_str(&format!(". Rated {rating} out of 5"));
            }
            if !text.trim().is_empty() {
                line.push_str(&format!(": {}", short(text, 80)));
            }
            line
        }
        MessageBody::ContactMe { name, about, .. } => {
            format!("{}: {}", short(name, 40), short(about, 60))
        }
        MessageBody::DetailsChanged {
            name,
            phone,
            email,
            address,
        } => {
            let changed: Vec<&str> = [
                phone.as_ref().map(|_| "phone"),
                email.as_ref().map(|_| "email"),
                address.as_ref().map(|_| "address"),
            ]
            .into_iter()
            .flatten()
            .collect();
            format!("{}: new {}", short(name, 40), changed.join(", "))
        }
        MessageBody::JoinGroup { name, .. } => {
            format!(
                "{} would like to join. {}",
                short(name, 40),
                about.unwrap_or_default()
            )
        }
        MessageBody::StartGroup { about, name, .. } => {
            format!(
                "{} would like to start a group: {}",
                short(name, 40),
                short(about, 60)
            )
        }
        MessageBody::GroupReview {
            group_name,
            participants,
            ..
        } => {
            format!("{}, {participants} young people", short(group_name, 60))
        }
    }
}

#[cfg(test)]
mod tests;
