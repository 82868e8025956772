//! The review of the offer with young people: for a period, each category and entitlement
//! with how many feedback messages, the average rating and how ratings spread, every
//! comment, the participation groups' reviews side by side, and "What's missing".

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, NaiveDate};
use offer_core::message::{About, MessageBody};
use offer_core::working_days::{uk_day_start, uk_local};
use offer_core::Offer;
use serde::Deserialize;

use super::export::neutralise;
use super::inbox::Selection;
use super::pages::{not_found, render, unavailable, Errors, Layout};
use super::session::StaffUser;
use super::store::{self, StaffMessage};
use crate::startup::AppState;

/// Ratings and comments for one thing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Feedback messages.
    pub messages: usize,
    /// How many gave 1, 2, 3, 4 and 5 stars.
    pub spread: [usize; 5],
    /// Every comment, oldest first.
    pub comments: Vec<String>,
}

impl Stats {
    fn add(&mut self, rating: Option<u8>, text: &str) {
        self.messages += 1;
        if let Some(r) = rating.filter(|r| (1..=5).contains(r)) {
            self.spread[usize::from(r) - 1] += 1;
        }
        if !text.trim().is_empty() {
            self.comments.push(text.trim().to_string());
        }
    }

    fn merge(&mut self, other: &Stats) {
        self.messages += other.messages;
        for (a, b) in self.spread.iter_mut().zip(other.spread) {
            *a += b;
        }
        self.comments.extend(other.comments.iter().cloned());
    }

    /// The average rating to one decimal place, if any ratings.
    pub fn average(&self) -> Option<String> {
        let rated: usize = self.spread.iter().sum();
        (rated > 0).then(|| {
            let total: usize = self
                .spread
                .iter()
                .enumerate()
                .map(|(i, n)| (i + 1) * n)
                .sum();
            format!("{:.1}", total as f64 / rated as f64)
        })
    }

    /// "1 star: 0, 2 stars: 1, ..." for people.
    pub fn spread_text(&self) -> String {
        self.spread
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{} star{}: {n}", i + 1, if i == 0 { "" } else { "s" }))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One entitlement's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntitlementRow {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its feedback.
    pub stats: Stats,
}

/// A group's view of a category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupView {
    /// The group's name.
    pub group: String,
    /// Their rating, if they agreed one.
    pub rating: Option<u8>,
    /// What they said.
    pub comments: String,
}

/// One category of the review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategorySection {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// All feedback on its entitlements together.
    pub stats: Stats,
    /// Each entitlement.
    pub entitlements: Vec<EntitlementRow>,
    /// The groups' reviews of this category.
    pub groups: Vec<GroupView>,
}

/// The whole review for a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// Category by category, in the offer's order.
    pub categories: Vec<CategorySection>,
    /// Feedback about the offer as a whole, the app, hubs and contacts.
    pub other: Vec<(String, Stats)>,
    /// "What's missing?" answers, with the group that gave them.
    pub missing: Vec<(String, String)>,
}

/// The review of everything received between `from` and `to` (UK days, both included).
pub fn review(items: &[StaffMessage], offer: &Offer, from: NaiveDate, to: NaiveDate) -> Review {
    let mut by_entitlement: HashMap<&str, Stats> = HashMap::new();
    let mut other: Vec<(String, Stats)> = Vec::new();
    let mut groups: HashMap<String, Vec<GroupView>> = HashMap::new();
    let mut missing = Vec::new();
    let mut in_period: Vec<&StaffMessage> = items
        .iter()
        .filter(|m| {
            let day = uk_local(m.received_at).date();
            day >= from && day <= to
        })
        .collect();
    in_period.sort_by_key(|m| m.received_at);
    for item in in_period {
        match &item.message.body {
            MessageBody::Feedback {
                about,
                rating,
                text,
                ..
            } => match about {
                About::Entitlement(id) if offer.entitlement(id).is_some() => {
                    let id = offer
                        .entitlement(id)
                        .map(|e| e.id.as_str())
                        .unwrap_or_default();
                    by_entitlement.entry(id).or_default().add(*rating, text);
                }
                other_about => {
                    let label = match other_about {
                        About::App => "The app".to_string(),
                        About::Offer => "The local offer as a whole".to_string(),
                        About::Hub(id) => offer
                            .hub(id)
                            .map_or(format!("Hub {id}"), |h| format!("Hub: {}", h.name)),
                        About::Contact(id) => offer
                            .contact(id)
                            .map_or(format!("Contact {id}"), |c| format!("Contact: {}", c.name)),
                        About::Entitlement(id) => format!("{id} (no longer in the offer)"),
                    };
                    match other.iter_mut().find(|(l, _)| *l == label) {
                        Some((_, stats)) => stats.add(*rating, text),
                        None => {
                            let mut stats = Stats::default();
                            stats.add(*rating, text);
                            other.push((label, stats));
                        }
                    }
                }
            },
            MessageBody::GroupReview {
                group_name,
                ratings,
                missing: gap,
                ..
            } => {
                for r in ratings {
                    groups
                        .entry(r.category.clone())
                        .or_default()
                        .push(GroupView {
                            group: group_name.clone(),
                            rating: r.rating,
                            comments: r.comments.clone(),
                        });
                }
                if !gap.trim().is_empty() {
                    missing.push((group_name.clone(), gap.trim().to_string()));
                }
            }
            _ => {}
        }
    }
    let categories = offer
        .categories
        .iter()
        .map(|c| {
            let entitlements: Vec<EntitlementRow> = offer
                .in_category(&c.id)
                .map(|e| EntitlementRow {
                    id: e.id.clone(),
                    title: e.title.clone(),
                    stats: by_entitlement
                        .get(e.id.as_str())
                        .cloned()
                        .unwrap_or_default(),
                })
                .collect();
            let mut stats = Stats::default();
            for e in &entitlements {
                stats.merge(&e.stats);
            }
            CategorySection {
                id: c.id.clone(),
                title: c.title.clone(),
                stats,
                entitlements,
                groups: groups.remove(&c.id).unwrap_or_default(),
            }
        })
        .collect();
    Review {
        categories,
        other,
        missing,
    }
}

/// The review as CSV: a row for each category and each entitlement.
pub fn csv(review: &Review) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record([
            "Level",
            "Category",
            "Entitlement",
            "Feedback messages",
            "Average rating",
            "1 star",
            "2 stars",
            "3 stars",
            "4 stars",
            "5 stars",
            "Comments",
            "Group reviews",
        ])?;
        for c in &review.categories {
            let groups = c
                .groups
                .iter()
                .map(|g| {
                    format!(
                        "{}: {}{}",
                        g.group,
                        g.rating
                            .map(|r| format!("{r} out of 5. "))
                            .unwrap_or_default(),
                        g.comments
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            let mut rows = vec![("Category", String::new(), &c.stats, groups)];
            rows.extend(
                c.entitlements
                    .iter()
                    .map(|e| ("Entitlement", e.title.clone(), &e.stats, String::new())),
            );
            for (level, entitlement, stats, groups) in rows {
                let mut record = vec![
                    level.to_string(),
                    c.title.clone(),
                    entitlement,
                    stats.messages.to_string(),
                    stats.average().unwrap_or_default(),
                ];
                record.extend(stats.spread.iter().map(|n| n.to_string()));
                record.push(stats.comments.join("\n"));
                record.push(groups);
                w.write_record(record.iter().map(|c| neutralise(c)))?;
            }
        }
        w.flush()?;
    }
    Ok(out)
}

/// The period asked for.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Period {
    from: String,
    to: String,
}

impl Period {
    /// The days asked for, or the last 12 months to today.
    fn days(&self, today: NaiveDate) -> (NaiveDate, NaiveDate, Errors) {
        let mut errors = Errors::default();
        let parse = |text: &str, field: &str, errors: &mut Errors| {
            if text.trim().is_empty() {
                return None;
            }
            let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
            if day.is_none() {
                errors.add(field, "Enter a real date, like 2026-11-23");
            }
            day
        };
        let from = parse(&self.from, "from", &mut errors).unwrap_or(today - Duration::days(365));
        let to = parse(&self.to, "to", &mut errors).unwrap_or(today);
        (from, to, errors)
    }
}

struct EntitlementLine {
    id: String,
    title: String,
    messages: usize,
    average: String,
    spread: String,
    comments: Vec<String>,
}

struct GroupLine {
    group: String,
    rating: String,
    comments: String,
}

struct Section {
    title: String,
    messages: usize,
    average: String,
    spread: String,
    entitlements: Vec<EntitlementLine>,
    groups: Vec<GroupLine>,
}

struct OtherLine {
    label: String,
    messages: usize,
    average: String,
    comments: Vec<String>,
}

#[derive(Template)]
#[template(path = "staff/review.html")]
struct ReviewPage {
    layout: Layout,
    errors: Errors,
    from: String,
    to: String,
    query: String,
    sections: Vec<Section>,
    other: Vec<OtherLine>,
    missing: Vec<(String, String)>,
}

/// The feedback and group reviews the viewer may see, received between `from` and `to`
/// (UK days, both included).
async fn load(
    state: &AppState,
    user: &StaffUser,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<Vec<StaffMessage>> {
    let mut selection = Selection::visible_to(user.viewer());
    selection.kinds = vec!["feedback".into(), "group-review".into()];
    selection.received_from = Some(uk_day_start(from));
    selection.received_before = Some(uk_day_start(to + Duration::days(1)));
    store::selected(&state.db, &selection).await
}

/// `GET /staff/review`
pub async fn page(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Query(period): Query<Period>,
) -> Response {
    if !user.account.role.publishes_you_said_we_did() {
        return not_found(&user);
    }
    let today = uk_local(state.config.clock.now()).date();
    let (from, to, errors) = period.days(today);
    let content = state.content.current();
    let items = match load(&state, &user, from, to).await {
        Ok(items) => items,
        Err(error) => return unavailable(error),
    };
    let review = review(&items, &content.offer, from, to);
    let dash = |s: Option<String>| s.unwrap_or_else(|| "No ratings".into());
    render(
        StatusCode::OK,
        &ReviewPage {
            layout: Layout::signed_in(&user, "Review of the offer with young people", "review"),
            errors,
            from: from.to_string(),
            to: to.to_string(),
            query: format!("from={from}&to={to}"),
            sections: review
                .categories
                .into_iter()
                .map(|c| Section {
                    title: c.title,
                    messages: c.stats.messages,
                    average: dash(c.stats.average()),
                    spread: c.stats.spread_text(),
                    entitlements: c
                        .entitlements
                        .into_iter()
                        .map(|e| EntitlementLine {
                            id: e.id,
                            title: e.title,
                            messages: e.stats.messages,
                            average: dash(e.stats.average()),
                            spread: e.stats.spread_text(),
                            comments: e.stats.comments,
                        })
                        .collect(),
                    groups: c
                        .groups
                        .into_iter()
                        .map(|g| GroupLine {
                            group: g.group,
                            rating: g
                                .rating
                                .map(|r| format!("{r} out of 5"))
                                .unwrap_or_else(|| "No rating".into()),
                            comments: g.comments,
                        })
                        .collect(),
                })
                .collect(),
            other: review
                .other
                .into_iter()
                .map(|(label, s)| OtherLine {
                    label,
                    messages: s.messages,
                    average: dash(s.average()),
                    comments: s.comments,
                })
                .collect(),
            missing: review.missing,
        },
    )
}

/// `GET /staff/review.csv`
pub async fn export(
    State(state): State<Arc<AppState>>,
    user: StaffUser,
    Query(period): Query<Period>,
) -> Response {
    if !user.account.role.publishes_you_said_we_did() {
        return (StatusCode::NOT_FOUND, "Not found\n").into_response();
    }
    let today = uk_local(state.config.clock.now()).date();
    let (from, to, _) = period.days(today);
    let content = state.content.current();
    let result: anyhow::Result<Response> = async {
        let items = load(&state, &user, from, to).await?;
        let bytes = csv(&review(&items, &content.offer, from, to))?;
        super::audit::write(
            &state.db,
            state.config.clock.now(),
            &user.actor(),
            "export",
            "review of the offer",
            &format!("from {from} to {to}"),
        )
        .await?;
        Ok((
            StatusCode::OK,
            [
                (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    CONTENT_DISPOSITION,
                    format!("attachment; filename=\"local-offer-review-{from}-to-{to}.csv\""),
                ),
            ],
            bytes,
        )
            .into_response())
    }
    .await;
    result.unwrap_or_else(unavailable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use offer_core::message::Message;

    fn offer() -> Offer {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        crate::content_store::check_dir(&dir).expect("the shipped content is valid")
    }

    fn item(n: i64, json: &str, received: &str) -> StaffMessage {
        let json = json.replace("ID", &format!("00000000-0000-4000-8000-{n:012}"));
        StaffMessage {
            reference: n,
            message: Message::from_json(&json).unwrap(),
            received_at: DateTime::parse_from_rfc3339(received)
                .unwrap()
                .with_timezone(&Utc),
            status: super::super::store::Status::New,
            assigned_to: None,
            first_read_at: None,
            done_at: None,
            contact_method: None,
        }
    }

    #[test]
    fn ratings_comments_and_group_reviews_land_under_their_category() {
        let offer = offer();
        let entitlement = &offer.entitlements[0];
        let category = entitlement.category.clone();
        let feedback = |rating: u8, text: &str| {
            format!(
                r#"{{"id":"ID","created_at":"2026-11-01T10:00:00Z","kind":"feedback","about":{{"entitlement":"{}"}},"rating":{rating},"text":"{text}"}}"#,
                entitlement.id
            )
        };
        let review_json = format!(
            r#"{{"id":"ID","created_at":"2026-11-01T10:00:00Z","kind":"group-review","group_name":"Crewe group","participants":6,"ratings":[{{"category":"{category}","rating":3,"comments":"Needs more"}}],"missing":"Driving lessons"}}"#
        );
        let items = vec![
            item(1, &feedback(4, "Helpful"), "2026-11-02T10:00:00Z"),
            item(2, &feedback(2, ""), "2026-11-03T10:00:00Z"),
            item(3, &feedback(5, "Out of period"), "2025-01-03T10:00:00Z"),
            item(4, &review_json, "2026-11-04T10:00:00Z"),
        ];
        let from = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let review = review(&items, &offer, from, to);
        let section = review.categories.iter().find(|c| c.id == category).unwrap();
        let row = section
            .entitlements
            .iter()
            .find(|e| e.id == entitlement.id)
            .unwrap();
        assert_eq!(row.stats.messages, 2);
        assert_eq!(row.stats.spread, [0, 1, 0, 1, 0]);
        assert_eq!(row.stats.average().as_deref(), Some("3.0"));
        assert_eq!(row.stats.comments, vec!["Helpful".to_string()]);
        assert_eq!(section.stats.messages, 2);
        assert_eq!(section.groups[0].group, "Crewe group");
        assert_eq!(
            review.missing,
            vec![("Crewe group".to_string(), "Driving lessons".to_string())]
        );
        let csv = String::from_utf8(csv(&review).unwrap()).unwrap();
        assert!(csv.contains("Helpful"));
    }
}
