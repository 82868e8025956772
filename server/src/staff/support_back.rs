//! The support-back report: per month, how many care leavers over 21 asked for help again,
//! how many were contacted within two working days, and the median time to first contact.
//!
//! First contact is when a request was marked done with a way of getting in touch (phoned,
//! texted, emailed or met); "could not reach them" is not contact. Done requests are
//! deleted after the retention period, so months older than that thin out.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{Datelike, Duration};
use offer_core::working_days::{uk_local, BankHolidays};

use super::error::PageResult;
use super::layout::{render, Errors, Layout, Section};
use super::session::StaffUser;
use crate::db::messages;
use crate::state::AppState;
use crate::tenants::Tenant;
use crate::triage::staff_message::{first_contact, is_support_back};
use crate::triage::StaffMessage;

/// One month of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month {
    /// e.g. "November 2026".
    pub name: String,
    /// Requests that arrived that month (UK time).
    pub asked: usize,
    /// Of those, contacted by the end of the second working day.
    pub in_time: usize,
    /// The median time from arrival to first contact, for those contacted.
    pub median: Option<Duration>,
}

/// The report, newest month first.
pub fn by_month(items: &[StaffMessage], holidays: &BankHolidays) -> Vec<Month> {
    let mut months: std::collections::BTreeMap<(i32, u32), Vec<&StaffMessage>> = Default::default();
    for item in items.iter().filter(|i| is_support_back(i)) {
        let day = uk_local(item.received_at).date();
        months
            .entry((day.year(), day.month()))
            .or_default()
            .push(item);
    }
    months
        .into_iter()
        .rev()
        .map(|((year, month), items)| {
            let mut waits: Vec<Duration> = items
                .iter()
                .filter_map(|i| first_contact(i).map(|c| c - i.received_at))
                .collect();
            waits.sort();
            let in_time = items
                .iter()
                .filter(|i| {
                    first_contact(i).is_some_and(|c| c < holidays.contact_due(i.received_at))
                })
                .count();
            let median = match waits.len() {
                0 => None,
                n if n % 2 == 1 => Some(waits[n / 2]),
                n => Some((waits[n / 2 - 1] + waits[n / 2]) / 2),
            };
            let name = chrono::NaiveDate::from_ymd_opt(year, month, 1)
                .map(|d| d.format("%B %Y").to_string())
                .unwrap_or_default();
            Month {
                name,
                asked: items.len(),
                in_time,
                median,
            }
        })
        .collect()
}

/// A wait in words: "3 hours", "1 day 4 hours".
pub fn in_words(wait: Duration) -> String {
    let hours = wait.num_hours();
    let (days, hours) = (hours / 24, hours % 24);
    let plural = |n: i64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (days, hours) {
        (0, 0) => "under an hour".into(),
        (0, h) => plural(h, "hour"),
        (d, 0) => plural(d, "day"),
        (d, h) => format!("{} {}", plural(d, "day"), plural(h, "hour")),
    }
}

struct Row {
    name: String,
    asked: usize,
    in_time: usize,
    median: String,
}

#[derive(Template)]
#[template(path = "staff/support_back.html")]
struct ReportPage {
    layout: Layout,
    errors: Errors,
    rows: Vec<Row>,
}

/// `GET /staff/reports/support-back`: the whole team's figures, from every support-back
/// request whoever it is assigned to. Managers and PAs read it (`Permission::
/// ReadSupportBackReport` says why PAs do): it holds only counts and waits per month, never
/// a name or a word of a message, so it shows nobody anything their role may not see.
pub async fn page(
    State(state): State<Arc<AppState>>,
    council: Tenant,
    user: StaffUser,
) -> PageResult {
    let all = messages::support_back_requests(&council.db).await?;
    let rows = by_month(&all, &state.holidays)
        .into_iter()
        .map(|m| Row {
            name: m.name,
            asked: m.asked,
            in_time: m.in_time,
            median: m
                .median
                .map(in_words)
                .unwrap_or_else(|| "Nobody contacted yet".into()),
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &ReportPage {
            layout: Layout::signed_in(&user, "Support back after 21", Section::SupportBack),
            errors: Errors::default(),
            rows,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::{ContactMethod, Status};
    use chrono::{DateTime, Utc};
    use offer_core::message::Message;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn request(
        n: i64,
        received: &str,
        done: Option<(&str, &str)>,
        support_back: bool,
    ) -> StaffMessage {
        let json = format!(
            r#"{{"id":"00000000-0000-4000-8000-{n:012}","created_at":"{received}","kind":"contact-me","name":"A","phone":"07700 900123","about":"help","support_back":{support_back}}}"#
        );
        StaffMessage {
            reference: n,
            message: Message::from_json(&json).unwrap(),
            received_at: at(received),
            status: if done.is_some() {
                Status::Done
            } else {
                Status::New
            },
            assigned_to: None,
            first_read_at: None,
            done_at: done.map(|(t, _)| at(t)),
            contact_method: done.and_then(|(_, m)| ContactMethod::from_slug(m)),
        }
    }

    #[test]
    fn each_month_counts_requests_contact_in_time_and_the_median_wait() {
        let holidays = BankHolidays::england();
        let items = vec![
            // Monday 2 November: phoned 3 hours later (in time).
            request(
                1,
                "2026-11-02T09:00:00Z",
                Some(("2026-11-02T12:00:00Z", "phone")),
                true,
            ),
            // Friday 6 November: texted the next Friday (late).
            request(
                2,
                "2026-11-06T15:00:00Z",
                Some(("2026-11-13T15:00:00Z", "text")),
                true,
            ),
            // Could not reach: not contact.
            request(
                3,
                "2026-11-09T09:00:00Z",
                Some(("2026-11-09T10:00:00Z", "not-reached")),
                true,
            ),
            // Not support back: left out.
            request(
                4,
                "2026-11-10T09:00:00Z",
                Some(("2026-11-10T10:00:00Z", "phone")),
                false,
            ),
            // October, still waiting.
            request(5, "2026-10-30T09:00:00Z", None, true),
        ];
        let months = by_month(&items, &holidays);
        assert_eq!(months.len(), 2);
        assert_eq!(months[0].name, "November 2026");
        assert_eq!((months[0].asked, months[0].in_time), (3, 1));
        // Waits of 3 hours and 7 days: the median is halfway.
        assert_eq!(
            months[0].median,
            Some((Duration::hours(3) + Duration::days(7)) / 2)
        );
        assert_eq!(months[1].name, "October 2026");
        assert_eq!(
            (months[1].asked, months[1].in_time, months[1].median),
            (1, 0, None)
        );
    }

    #[test]
    fn waits_read_as_days_and_hours() {
        assert_eq!(in_words(Duration::minutes(20)), "under an hour");
        assert_eq!(in_words(Duration::hours(1)), "1 hour");
        assert_eq!(in_words(Duration::hours(28)), "1 day 4 hours");
        assert_eq!(in_words(Duration::hours(48)), "2 days");
    }
}
