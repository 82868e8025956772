//! Which messages a staff member asks for: what they may see, narrowed by the inbox's
//! filter. `db::messages` turns a selection into SQL, so the database filters, counts,
//! orders and pages, and a page of the inbox reads 25 messages however many are stored.

use chrono::{DateTime, Duration, Utc};
use offer_core::message::MessageKind;
use offer_core::roles::Viewer;
use offer_core::working_days::uk_day_start;

use super::filter::{parse_day, Filter};
use super::status::Status;

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
    /// Any of these kinds; `None` for any kind (and an empty list matches nothing).
    pub kinds: Option<Vec<MessageKind>>,
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
            kinds: None,
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
            // A kind the filter names that is not a kind matches nothing.
            kinds: non_empty(&filter.kind)
                .map(|slug| MessageKind::from_slug(&slug).into_iter().collect()),
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use offer_core::roles::Role;

    fn viewer(role: Role) -> Viewer {
        Viewer { id: 7, role }
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
        assert!(selection.kinds.is_none() && selection.about.is_none());
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
}
