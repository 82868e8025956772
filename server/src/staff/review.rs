//! The review of the offer with young people: the page for a period, and its CSV. The
//! figures are [`stats`]; only roles that read the review reach these routes.

mod stats;

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{Duration, NaiveDate};
use offer_core::message::MessageKind;
use offer_core::working_days::{uk_day_start, uk_local};
use serde::Deserialize;

use self::stats::{csv, review};
use super::error::PageResult;
use super::layout::{render, Errors, Layout, Section};
use super::session::StaffUser;
use crate::db::{audit, messages};
use crate::state::AppState;
use crate::tenants::{Council, Tenant};
use crate::triage::{Selection, StaffMessage};

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

struct SectionLines {
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
    sections: Vec<SectionLines>,
    other: Vec<OtherLine>,
    missing: Vec<(String, String)>,
}

/// The feedback and group reviews the viewer may see, received between `from` and `to`
/// (UK days, both included).
async fn load(
    council: &Council,
    user: &StaffUser,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<Vec<StaffMessage>> {
    let mut selection = Selection::visible_to(user.viewer());
    selection.kinds = Some(vec![MessageKind::Feedback, MessageKind::GroupReview]);
    selection.received_from = Some(uk_day_start(from));
    selection.received_before = Some(uk_day_start(to + Duration::days(1)));
    messages::selected(&council.db, &selection).await
}

/// `GET /staff/review`
pub async fn page(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Query(period): Query<Period>,
) -> PageResult {
    let today = uk_local(state.config.clock.now()).date();
    let (from, to, errors) = period.days(today);
    let content = council.content.current();
    let items = load(&council, &user, from, to).await?;
    let review = review(&items, &content.offer, from, to);
    let or_no_ratings = |s: Option<String>| s.unwrap_or_else(|| "No ratings".into());
    Ok(render(
        StatusCode::OK,
        &ReviewPage {
            layout: Layout::signed_in(
                &user,
                "Review of the offer with young people",
                Section::Review,
            ),
            errors,
            from: from.to_string(),
            to: to.to_string(),
            query: format!("from={from}&to={to}"),
            sections: review
                .categories
                .into_iter()
                .map(|c| SectionLines {
                    title: c.title,
                    messages: c.stats.messages,
                    average: or_no_ratings(c.stats.average()),
                    spread: c.stats.spread_text(),
                    entitlements: c
                        .entitlements
                        .into_iter()
                        .map(|e| EntitlementLine {
                            id: e.id,
                            title: e.title,
                            messages: e.stats.messages,
                            average: or_no_ratings(e.stats.average()),
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
                    average: or_no_ratings(s.average()),
                    comments: s.comments,
                })
                .collect(),
            missing: review.missing,
        },
    ))
}

/// `GET /staff/review.csv`
pub async fn export(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
    Query(period): Query<Period>,
) -> PageResult {
    let today = uk_local(state.config.clock.now()).date();
    let (from, to, _) = period.days(today);
    let content = council.content.current();
    let items = load(&council, &user, from, to).await?;
    let bytes = csv(&review(&items, &content.offer, from, to))?;
    let mut tx = council.db.begin().await?;
    audit::write(
        &mut tx,
        state.config.clock.now(),
        &user.actor(),
        "export",
        "review of the offer",
        &format!("from {from} to {to}"),
    )
    .await?;
    tx.commit().await?;
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
