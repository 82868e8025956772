//! What a message says and is about, in words for staff: labelled fields in the order its
//! form asks for them, what it is about, and a line for the inbox's table.

use offer_core::message::{About, MessageBody};
use offer_core::Offer;

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
pub(super) fn labelled_fields(
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
