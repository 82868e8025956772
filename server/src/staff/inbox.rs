//! The inbox's rules, in plain Rust: what each message says as labelled fields, which ones a
//! filter keeps, how they sort (overdue contact requests first, then newest), the counts per
//! status, and paging. Handlers only load messages and render what this module decides.

use chrono::{DateTime, NaiveDate, Utc};
use offer_core::message::{About, FeedbackReason, MessageBody};
use offer_core::roles::{Viewer, CONTACT_KINDS};
use offer_core::working_days::{uk_local, BankHolidays};
use offer_core::Offer;
use serde::Deserialize;

use super::store::{contact_method_label, StaffMessage, Status};

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
                let category = offer
                    .category(&review.category)
                    .map_or(review.category.clone(), |c| c.title.clone());
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

/// All the words of a message in lower case, for searching.
fn words(item: &StaffMessage, offer: &Offer) -> String {
    let mut text: String = fields(&item.message.body, offer)
        .into_iter()
        .map(|(_, v)| v)
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(key) = about_key(&item.message.body) {
        text.push(' ');
        text.push_str(&about_label(&key, offer).0);
    }
    text.to_lowercase()
}

/// True for a contact request that is not done and is past its two working days.
pub fn is_overdue(item: &StaffMessage, now: DateTime<Utc>, holidays: &BankHolidays) -> bool {
    CONTACT_KINDS.contains(&item.message.body.kind())
        && item.status != Status::Done
        && holidays.is_overdue(item.received_at, now)
}

/// True for a "21 or over and want help again?" request that is not done yet.
pub fn is_waiting_support_back(item: &StaffMessage) -> bool {
    item.status != Status::Done && is_support_back(item)
}

/// True for a "21 or over and want help again?" request.
pub fn is_support_back(item: &StaffMessage) -> bool {
    matches!(
        item.message.body,
        MessageBody::ContactMe {
            support_back: true,
            ..
        }
    )
}

/// One page of the inbox, as decided from all messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing<'a> {
    /// The messages on this page.
    pub items: Vec<&'a StaffMessage>,
    /// How many messages match, over all pages.
    pub total: usize,
    /// How many the viewer may see and match every filter but status, per status.
    pub counts: Vec<(Status, usize)>,
    /// This page, from 1.
    pub page: usize,
    /// How many pages there are (at least 1).
    pub pages: usize,
}

/// What a viewer sees with a filter: only messages they may see, matching it, overdue first,
/// then newest first. `page: None` gives every match on one page (for the export).
pub fn listing<'a>(
    all: &'a [StaffMessage],
    viewer: Viewer,
    filter: &Filter,
    offer: &Offer,
    now: DateTime<Utc>,
    holidays: &BankHolidays,
    page: Option<usize>,
) -> Listing<'a> {
    let from = parse_day(&filter.from);
    let to = parse_day(&filter.to);
    let words_wanted: Vec<String> = filter
        .q
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let matches_all_but_status = |item: &&StaffMessage| {
        let kind = item.message.body.kind();
        if !viewer.may_see(kind, item.assigned_to) {
            return false;
        }
        if !filter.kind.is_empty() && filter.kind != kind {
            return false;
        }
        match filter.assigned.as_str() {
            "" => {}
            "me" => {
                if item.assigned_to != Some(viewer.id) {
                    return false;
                }
            }
            "nobody" => {
                if item.assigned_to.is_some() {
                    return false;
                }
            }
            id => {
                if item.assigned_to.map(|a| a.to_string()).as_deref() != Some(id) {
                    return false;
                }
            }
        }
        let day = uk_local(item.received_at).date();
        if from.is_some_and(|from| day < from) || to.is_some_and(|to| day > to) {
            return false;
        }
        if !filter.about.is_empty()
            && about_key(&item.message.body).as_deref() != Some(filter.about.as_str())
        {
            return false;
        }
        if !filter.reason.is_empty()
            && reason(&item.message.body).map(FeedbackReason::slug) != Some(filter.reason.as_str())
        {
            return false;
        }
        if !words_wanted.is_empty() {
            let text = words(item, offer);
            if !words_wanted.iter().all(|w| text.contains(w.as_str())) {
                return false;
            }
        }
        true
    };
    let candidates: Vec<&StaffMessage> = all.iter().filter(matches_all_but_status).collect();
    let counts = Status::ALL
        .into_iter()
        .map(|s| (s, candidates.iter().filter(|m| m.status == s).count()))
        .collect();
    let status = Status::from_slug(&filter.status);
    let mut items: Vec<&StaffMessage> = candidates
        .into_iter()
        .filter(|m| status.is_none_or(|s| m.status == s))
        .collect();
    // Support back first (young people over 21 who lost touch), then overdue (oldest
    // overdue at the top), then newest first.
    items.sort_by(|a, b| {
        let (sa, sb) = (is_waiting_support_back(a), is_waiting_support_back(b));
        if sa != sb {
            return sb.cmp(&sa);
        }
        let (oa, ob) = (is_overdue(a, now, holidays), is_overdue(b, now, holidays));
        ob.cmp(&oa).then_with(|| {
            if oa && ob {
                a.received_at.cmp(&b.received_at)
            } else {
                b.received_at
                    .cmp(&a.received_at)
                    .then(b.reference.cmp(&a.reference))
            }
        })
    });
    let total = items.len();
    match page {
        None => Listing {
            items,
            total,
            counts,
            page: 1,
            pages: 1,
        },
        Some(page) => {
            let pages = total.div_ceil(PER_PAGE).max(1);
            let page = page.clamp(1, pages);
            let items = items
                .into_iter()
                .skip((page - 1) * PER_PAGE)
                .take(PER_PAGE)
                .collect();
            Listing {
                items,
                total,
                counts,
                page,
                pages,
            }
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
