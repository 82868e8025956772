//! The review's figures, in plain Rust: for a period, each category and entitlement with
//! how many feedback messages, the average rating and how ratings spread, every comment,
//! the participation groups' reviews side by side, and "What's missing"; and the same as CSV.

use std::collections::HashMap;

use chrono::NaiveDate;
use offer_core::message::{About, MessageBody};
use offer_core::working_days::uk_local;
use offer_core::Offer;

use crate::spreadsheet::neutralise;
use crate::triage::StaffMessage;

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
    let mut out = Vec::from(crate::spreadsheet::BOM.as_bytes());
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use offer_core::message::Message;

    fn offer() -> Offer {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        crate::content::check_dir(&dir).expect("the shipped content is valid")
    }

    fn item(n: i64, json: &str, received: &str) -> StaffMessage {
        let json = json.replace("ID", &format!("00000000-0000-4000-8000-{n:012}"));
        StaffMessage {
            reference: n,
            message: Message::from_json(&json).unwrap(),
            received_at: DateTime::parse_from_rfc3339(received)
                .unwrap()
                .with_timezone(&Utc),
            status: crate::triage::Status::New,
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
