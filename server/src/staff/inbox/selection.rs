//! The inbox's filters, who may see what, and the inbox's order, as SQL that runs unchanged
//! on SQLite and PostgreSQL. The database filters, counts, orders and pages, so a page of the
//! inbox reads 25 messages however many are stored.
//!
//! Every condition here reads only `message_triage t`: the message store writes each
//! message's kind, arrival time (as sortable text, on both databases) and [`super::Facets`]
//! there when it arrives, so counting and ordering never touch the messages themselves.

use chrono::{DateTime, Duration, Utc};
use offer_core::roles::{Role, Viewer, CONTACT_KINDS, PARTICIPATION_KINDS};
use offer_core::working_days::uk_day_start;

use super::{parse_day, Filter};
use crate::sql::{Dialect, Param};
use crate::staff::store::Status;

/// Whose messages, by assignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assigned {
    /// Anyone's or nobody's.
    Any,
    /// Assigned to this account.
    To(i64),
    /// Assigned to nobody yet.
    Nobody,
    /// A filter that names no account: matches nothing.
    NoAccount,
}

/// One word to look for: in the message's own words, or in the label of what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word, in lower case.
    pub text: String,
    /// The about keys whose label holds the word (labels come from today's offer).
    pub about_keys: Vec<String>,
}

/// Which messages: everything the viewer may see that matches every part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Who is looking: only what their role lets them see.
    pub viewer: Viewer,
    /// Any of these kinds; empty for any kind.
    pub kinds: Vec<String>,
    /// Only this status.
    pub status: Option<Status>,
    /// Whose.
    pub assigned: Assigned,
    /// Received at or after this time.
    pub received_from: Option<DateTime<Utc>>,
    /// Received before this time.
    pub received_before: Option<DateTime<Utc>>,
    /// About this (an about key).
    pub about: Option<String>,
    /// Sent for this reason (a reason's slug).
    pub reason: Option<String>,
    /// Every one of these words.
    pub words: Vec<Word>,
}

impl Selection {
    /// Everything the viewer may see.
    pub fn visible_to(viewer: Viewer) -> Selection {
        Selection {
            viewer,
            kinds: Vec::new(),
            status: None,
            assigned: Assigned::Any,
            received_from: None,
            received_before: None,
            about: None,
            reason: None,
            words: Vec::new(),
        }
    }

    /// What the inbox's filter asks for. `about_labels` holds each about key stored, with
    /// its label in lower case, for the words (only read when the filter has words). A date
    /// that does not read is left out (the page says so); an empty field means "any".
    pub fn of_filter(viewer: Viewer, filter: &Filter, about_labels: &[(String, String)]) -> Self {
        let assigned = match filter.assigned.as_str() {
            "" => Assigned::Any,
            "me" => Assigned::To(viewer.id),
            "nobody" => Assigned::Nobody,
            // Only the account id exactly as written (not "+7" or "07").
            id => match id.parse::<i64>() {
                Ok(account) if account.to_string() == id => Assigned::To(account),
                _ => Assigned::NoAccount,
            },
        };
        let words = filter
            .q
            .to_lowercase()
            .split_whitespace()
            .map(|word| Word {
                text: word.to_string(),
                about_keys: about_labels
                    .iter()
                    .filter(|(_, label)| label.contains(word))
                    .map(|(key, _)| key.clone())
                    .collect(),
            })
            .collect();
        let non_empty = |text: &str| (!text.is_empty()).then(|| text.to_string());
        Selection {
            viewer,
            kinds: non_empty(&filter.kind).into_iter().collect(),
            status: Status::from_slug(&filter.status),
            assigned,
            received_from: parse_day(&filter.from).map(uk_day_start),
            received_before: parse_day(&filter.to).map(|to| uk_day_start(to + Duration::days(1))),
            about: non_empty(&filter.about),
            reason: non_empty(&filter.reason),
            words,
        }
    }

    /// The same messages whatever their status (for the counts per status).
    pub fn any_status(&self) -> Selection {
        Selection {
            status: None,
            ..self.clone()
        }
    }

    /// The condition for a `WHERE`, and its parameters in order.
    pub fn condition(&self, dialect: Dialect) -> (String, Vec<Param>) {
        let mut parts = Vec::new();
        let mut params = Vec::new();
        let (visible, visible_params) = visible_to(self.viewer);
        parts.push(visible);
        params.extend(visible_params);
        if !self.kinds.is_empty() {
            parts.push(format!("t.kind IN ({})", marks(self.kinds.len())));
            params.extend(self.kinds.iter().map(Param::from));
        }
        if let Some(status) = self.status {
            parts.push("t.status = ?".to_string());
            params.push(status.slug().into());
        }
        match self.assigned {
            Assigned::Any => {}
            Assigned::To(account) => {
                parts.push("t.assigned_to = ?".to_string());
                params.push(account.into());
            }
            Assigned::Nobody => parts.push("t.assigned_to IS NULL".to_string()),
            Assigned::NoAccount => parts.push("1 = 0".to_string()),
        }
        if let Some(from) = self.received_from {
            parts.push("t.received_at >= ?".to_string());
            params.push(from.into());
        }
        if let Some(before) = self.received_before {
            parts.push("t.received_at < ?".to_string());
            params.push(before.into());
        }
        if let Some(about) = &self.about {
            parts.push("t.about = ?".to_string());
            params.push(about.into());
        }
        if let Some(reason) = &self.reason {
            parts.push("t.reason = ?".to_string());
            params.push(reason.into());
        }
        for word in &self.words {
            let mut either = dialect.contains("t.search_text");
            params.push(word.text.as_str().into());
            if !word.about_keys.is_empty() {
                either = format!("{either} OR t.about IN ({})", marks(word.about_keys.len()));
                params.extend(word.about_keys.iter().map(Param::from));
            }
            parts.push(format!("({either})"));
        }
        (parts.join(" AND "), params)
    }
}

/// Who may see what (`offer_core::roles`, [`Viewer::may_see`]) as a condition.
pub fn visible_to(viewer: Viewer) -> (String, Vec<Param>) {
    match viewer.role {
        Role::Manager => ("1 = 1".to_string(), Vec::new()),
        Role::Pa => {
            let mut params = vec![Param::from(viewer.id)];
            params.extend(CONTACT_KINDS.iter().map(|k| Param::from(*k)));
            (
                format!(
                    "(t.assigned_to = ? OR (t.assigned_to IS NULL AND t.kind IN ({})))",
                    marks(CONTACT_KINDS.len())
                ),
                params,
            )
        }
        Role::Participation => (
            format!("t.kind IN ({})", marks(PARTICIPATION_KINDS.len())),
            PARTICIPATION_KINDS
                .iter()
                .map(|k| Param::from(*k))
                .collect(),
        ),
    }
}

/// The inbox's order, for an `ORDER BY`, and its parameters: "21 or over and want help
/// again?" requests not done first, then overdue contact requests (the oldest first), then
/// the newest first. `overdue_before` is `BankHolidays::overdue_before(now)`.
pub fn inbox_order(overdue_before: DateTime<Utc>) -> (String, Vec<Param>) {
    let overdue = format!(
        "t.kind IN ({}) AND t.status <> 'done' AND t.received_at < ?",
        marks(CONTACT_KINDS.len()),
    );
    let mut params = Vec::new();
    for _ in 0..2 {
        params.extend(CONTACT_KINDS.iter().map(|k| Param::from(*k)));
        params.push(overdue_before.into());
    }
    (
        format!(
            "CASE WHEN t.status <> 'done' AND t.support_back = 1 THEN 0 ELSE 1 END, \
             CASE WHEN {overdue} THEN 0 ELSE 1 END, \
             CASE WHEN {overdue} THEN t.received_at END, \
             t.received_at DESC, t.ref DESC"
        ),
        params,
    )
}

/// `n` placeholders: `?, ?, ?`.
fn marks(n: usize) -> String {
    vec!["?"; n].join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: Role) -> Viewer {
        Viewer { id: 7, role }
    }

    fn placeholders(sql: &str) -> usize {
        sql.matches('?').count()
    }

    #[test]
    fn every_placeholder_has_its_parameter() {
        let filter = Filter {
            kind: "feedback".into(),
            status: "new".into(),
            assigned: "me".into(),
            from: "2026-11-01".into(),
            to: "2026-11-30".into(),
            about: "app".into(),
            reason: "wrong-or-out-of-date".into(),
            q: "Bus  HUB".into(),
            page: "2".into(),
        };
        let labels = vec![("hub:crewe".to_string(), "hub: crewe hub".to_string())];
        for role in Role::ALL {
            for dialect in [Dialect::Sqlite, Dialect::Postgres] {
                let selection = Selection::of_filter(viewer(role), &filter, &labels);
                let (sql, params) = selection.condition(dialect);
                assert_eq!(placeholders(&sql), params.len(), "{sql}");
                let (sql, params) = inbox_order(Utc::now());
                assert_eq!(placeholders(&sql), params.len(), "{sql}");
            }
        }
    }

    #[test]
    fn a_filter_reads_as_the_inbox_means_it() {
        let filter = Filter {
            assigned: "me".into(),
            from: "2026-07-01".into(),
            to: "2026-07-31".into(),
            q: "Crewe rent".into(),
            status: "in-progress".into(),
            ..Filter::default()
        };
        let labels = vec![
            ("hub:crewe".to_string(), "hub: crewe hub".to_string()),
            ("app".to_string(), "the app".to_string()),
        ];
        let selection = Selection::of_filter(viewer(Role::Pa), &filter, &labels);
        assert_eq!(selection.assigned, Assigned::To(7));
        assert_eq!(selection.status, Some(Status::InProgress));
        assert!(selection.kinds.is_empty() && selection.about.is_none());
        // UK days: 1 July starts at 23:00 GMT on 30 June (BST); the end is the start of 1 August.
        assert_eq!(
            selection.received_from.unwrap().to_rfc3339(),
            "2026-06-30T23:00:00+00:00"
        );
        assert_eq!(
            selection.received_before.unwrap().to_rfc3339(),
            "2026-07-31T23:00:00+00:00"
        );
        assert_eq!(
            selection.words,
            vec![
                Word {
                    text: "crewe".into(),
                    about_keys: vec!["hub:crewe".into()]
                },
                Word {
                    text: "rent".into(),
                    about_keys: vec![]
                },
            ]
        );
        assert_eq!(selection.any_status().status, None);
    }

    #[test]
    fn an_assigned_filter_that_names_no_account_exactly_matches_nothing() {
        for text in ["+7", "07", "seven", " 7"] {
            let filter = Filter {
                assigned: text.into(),
                ..Filter::default()
            };
            let selection = Selection::of_filter(viewer(Role::Manager), &filter, &[]);
            assert_eq!(selection.assigned, Assigned::NoAccount, "{text}");
        }
        let filter = Filter {
            assigned: "12".into(),
            ..Filter::default()
        };
        let selection = Selection::of_filter(viewer(Role::Manager), &filter, &[]);
        assert_eq!(selection.assigned, Assigned::To(12));
    }

    #[test]
    fn times_compare_as_sortable_text_on_both_databases() {
        let mut selection = Selection::visible_to(viewer(Role::Manager));
        let from = chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        selection.received_from = Some(from);
        for dialect in [Dialect::Sqlite, Dialect::Postgres] {
            let (sql, params) = selection.condition(dialect);
            assert!(sql.ends_with("t.received_at >= ?"), "{sql}");
            assert_eq!(
                params.last(),
                Some(&Param::Text("2026-11-23T00:00:00.000000Z".into()))
            );
        }
    }
}
